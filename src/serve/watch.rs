//! Watching the site's sources: notify events, debounced by notify-debouncer-full (which
//! pairs renames and folds the several events of an editor's atomic save into one), are
//! turned into the set of changed files the rebuild loop acts on.
//!
//! Watched: `content/`, `templates/`, `static/`, `data/`, `themes/` recursively, and the
//! site folder itself non-recursively (for `config.toml`, and for one of those folders
//! being created later). Never the output folder, which in `serve` is elsewhere anyway.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify_debouncer_full::notify::event::{EventKind, MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventHandler, DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt,
};

/// The folders whose changes trigger a rebuild.
pub const WATCHED_DIRS: [&str; 6] = ["content", "templates", "static", "data", "themes", "sass"];

/// How long the watcher waits for a burst of events (an editor's save) to settle: an
/// editor's save (write a temporary file, rename it over the old) takes a few
/// milliseconds, and the browser should reload well within 150 ms of the save.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// How often `--poll` reads the folders for changes.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The system's change notices (inotify, FSEvents, …), or reading the folders again
/// and again where those do not work.
enum Watcher {
    Native(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<notify::PollWatcher, RecommendedCache>),
}

/// A debounced watcher of kind `W`.
fn debouncer<W: notify::Watcher>(
    tx: impl DebounceEventHandler,
    config: notify::Config,
) -> notify::Result<Debouncer<W, RecommendedCache>> {
    new_debouncer_opt(DEBOUNCE, None, tx, RecommendedCache::new(), config)
}

impl Watcher {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watcher::Native(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        }
    }
}

/// The running watcher and the events it sends.
pub struct Watch {
    watcher: Watcher,
    /// Debounced batches of events (or the watcher's errors).
    pub events: Receiver<DebounceEventResult>,
    root: PathBuf,
}

impl Watch {
    /// Starts watching the site at `root` (which should be canonical, so event paths
    /// can be made relative to it): with the system's change notices, or by reading the
    /// folders every [`POLL_INTERVAL`] when `poll` is set or the notices cannot be had
    /// (too few inotify watches, say), which is then said.
    pub fn start(root: &Path, poll: bool) -> Result<Self, String> {
        if !poll {
            match Watch::with(root, false) {
                Ok(watch) => return Ok(watch),
                Err(e) => eprintln!(
                    "warning: {e}\nLooking for changes every {} ms instead.",
                    POLL_INTERVAL.as_millis()
                ),
            }
        }
        Watch::with(root, true)
    }

    fn with(root: &Path, poll: bool) -> Result<Self, String> {
        let (tx, events) = mpsc::channel();
        let watcher = if poll {
            // File times are compared to the second, so two saves in one second would
            // look like one: compare what the files hold too.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Watcher::Poll(debouncer(tx, config).map_err(|e| explain(&e))?)
        } else {
            Watcher::Native(debouncer(tx, notify::Config::default()).map_err(|e| explain(&e))?)
        };
        let mut watch = Watch {
            watcher,
            events,
            root: root.to_path_buf(),
        };
        watch
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| explain(&e))?;
        for dir in WATCHED_DIRS {
            watch.add(dir)?;
        }
        Ok(watch)
    }

    /// Watches `root/dir` recursively, if it exists.
    pub fn add(&mut self, dir: &str) -> Result<(), String> {
        let path = self.root.join(dir);
        if !path.is_dir() {
            return Ok(());
        }
        self.watcher
            .watch(&path, RecursiveMode::Recursive)
            .map_err(|e| explain(&e))
    }
}

/// Explains a watcher error, with what to do about the common ones.
pub fn explain(error: &notify::Error) -> String {
    match &error.kind {
        notify::ErrorKind::MaxFilesWatch => format!(
            "{error}: the system allows too few file watches for this site. On Linux, raise \
             the limit, for example `sudo sysctl fs.inotify.max_user_watches=524288`."
        ),
        _ => format!(
            "could not watch the site's files: {error}. On a network share, file changes may \
             not be reported at all: use `safesite serve --poll` there."
        ),
    }
}

/// Editors' temporary and swap files, which never affect the site.
pub fn is_ignored(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    name.ends_with('~')
        || name.starts_with(".#")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
        || name == ".DS_Store"
}

/// The files (relative to `root`) an event says changed, if they matter to the site.
pub fn changed_paths(root: &Path, kind: &EventKind, paths: &[PathBuf]) -> Vec<PathBuf> {
    match kind {
        // Reading files (the build itself does) is no change.
        EventKind::Access(_)
        | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => return Vec::new(),
        _ => {}
    }
    paths
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| matters(rel))
        .map(Path::to_path_buf)
        .collect()
}

fn matters(rel: &Path) -> bool {
    if is_ignored(rel) {
        return false;
    }
    let mut parts = rel.components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(first)), rest) => {
            let first = first.to_string_lossy();
            if rest.is_none() {
                first == "config.toml"
                    || first == "zola.toml"
                    || WATCHED_DIRS.contains(&first.as_ref())
            } else {
                WATCHED_DIRS.contains(&first.as_ref())
            }
        }
        _ => false,
    }
}

/// The files changed since the last rebuild, relative to the site folder.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// The changed paths, sorted.
    pub paths: BTreeSet<PathBuf>,
}

impl Changes {
    /// Whether nothing relevant changed.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Whether only stylesheets under `static/` or a theme changed (and still exist), so
    /// browsers can restyle without reloading.
    pub fn css_only(&self, root: &Path) -> bool {
        !self.paths.is_empty()
            && self.paths.iter().all(|p| {
                let top = p.components().next().map(|c| c.as_os_str().to_owned());
                p.extension().is_some_and(|e| e == "css")
                    && top.is_some_and(|t| t == "static" || t == "themes")
                    && root.join(p).is_file()
            })
    }

    /// The top-level folders created since the last rebuild (to start watching them).
    pub fn new_top_level_dirs(&self, root: &Path) -> Vec<String> {
        self.paths
            .iter()
            .filter(|p| p.components().count() == 1 && root.join(p).is_dir())
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    }

    /// The changed files for a message: up to three, then how many more.
    pub fn describe(&self) -> String {
        let shown: Vec<String> = self
            .paths
            .iter()
            .take(3)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        let more = self.paths.len().saturating_sub(shown.len());
        let mut text = shown.join(", ");
        if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::{AccessKind, AccessMode, CreateKind};

    #[test]
    fn editor_files_reads_and_other_folders_are_ignored() {
        let root = Path::new("/site");
        let p = |s: &str| vec![root.join(s)];
        let modify = EventKind::Modify(ModifyKind::Any);
        assert_eq!(
            changed_paths(root, &modify, &p("content/a.md")),
            vec![PathBuf::from("content/a.md")]
        );
        assert_eq!(
            changed_paths(root, &modify, &p("config.toml")),
            vec![PathBuf::from("config.toml")]
        );
        for ignored in [
            "content/a.md~",
            "content/.#a.md",
            "content/.a.md.swp",
            "content/4913",
            "public/index.html",
            "README.md",
            "other/config.toml",
        ] {
            assert!(
                changed_paths(root, &modify, &p(ignored)).is_empty(),
                "{ignored}"
            );
        }
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(changed_paths(root, &read, &p("content/a.md")).is_empty());
        let created = EventKind::Create(CreateKind::Folder);
        assert_eq!(changed_paths(root, &created, &p("static")).len(), 1);
    }

    #[test]
    fn describe_lists_three_then_counts() {
        let changes = Changes {
            paths: [
                "content/a.md",
                "content/b.md",
                "content/c.md",
                "content/d.md",
            ]
            .into_iter()
            .map(PathBuf::from)
            .collect(),
        };
        assert_eq!(
            changes.describe(),
            "content/a.md, content/b.md, content/c.md and 1 more"
        );
    }
}
