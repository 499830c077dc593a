//! Staging folders and their lock files, and removing those that killed builds left.
//!
//! A build holds an exclusive lock on `.safesite-build-<id>.lock` for as long as its
//! staging folder `.safesite-build-<id>` (and, during the swap, `.safesite-old-<id>`)
//! exists. The operating system drops the lock when the process dies, however it dies,
//! so a folder whose lock can be taken belongs to no running build and can go.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::{NamedTempFile, TempDir};

/// The start of staging folder and lock file names.
pub(super) const STAGING: &str = ".safesite-build-";
/// The start of the name the old output is moved to during the swap.
const OLD: &str = ".safesite-old-";
/// The end of a lock file's name.
const LOCK: &str = ".lock";
/// How old a folder without a lock file (or a lock file without a folder) must be to
/// be removed: such a pair is only half made for the instant between creating the two.
const GRACE: Duration = Duration::from_secs(60);

/// The lock a running build holds; the file is removed when it is dropped.
pub struct StagingLock {
    /// Only held: closing it releases the lock, dropping it removes the file.
    _file: NamedTempFile,
    /// The random part of the names, shared by the lock file and the folders.
    id: String,
}

impl StagingLock {
    /// The name the old output is moved to while the new one takes its place.
    pub(super) fn old_folder(&self, parent: &Path) -> PathBuf {
        parent.join(format!("{OLD}{}", self.id))
    }
}

/// Takes a new lock in `parent` (recording the output folder's name in it, so that an
/// interrupted swap can be undone) and creates its staging folder.
pub(super) fn create(parent: &Path, target: &Path) -> io::Result<(TempDir, StagingLock)> {
    let mut file = tempfile::Builder::new()
        .prefix(STAGING)
        .suffix(LOCK)
        .tempfile_in(parent)?;
    file.as_file().try_lock().map_err(io::Error::other)?;
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    file.write_all(name.as_bytes())?;
    file.flush()?;
    let lock_name = file
        .path()
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    let id = lock_name
        .strip_prefix(STAGING)
        .and_then(|n| n.strip_suffix(LOCK))
        .unwrap_or_default()
        .to_string();
    let dir = tempfile::Builder::new()
        .prefix(&format!("{STAGING}{id}"))
        .rand_bytes(0)
        .tempdir_in(parent)?;
    Ok((dir, StagingLock { _file: file, id }))
}

/// Removes the staging and old-output folders in `parent` that no running build holds,
/// putting an output folder back first if a build was killed in the middle of its swap.
/// Best effort: a folder that cannot be removed is left for the next build.
pub(super) fn remove_stale(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut ids: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|name| {
            let id = name.strip_prefix(STAGING).or(name.strip_prefix(OLD))?;
            Some(id.strip_suffix(LOCK).unwrap_or(id).to_string())
        })
        .collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        remove_if_stale(parent, &id);
    }
}

fn remove_if_stale(parent: &Path, id: &str) {
    let staging = parent.join(format!("{STAGING}{id}"));
    let old = parent.join(format!("{OLD}{id}"));
    let lock_path = parent.join(format!("{STAGING}{id}{LOCK}"));
    // Held until the folders are gone, so that no other build cleans them at the same time.
    let mut held = None;
    let mut target = String::new();
    match File::options().read(true).write(true).open(&lock_path) {
        Ok(mut file) => {
            if file.try_lock().is_err() {
                return;
            }
            let folders_made = staging.exists() || old.exists();
            if !folders_made && !older_than_grace(&lock_path) {
                return;
            }
            if file.read_to_string(&mut target).is_err() {
                target.clear();
            }
            held = Some(file);
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if [&staging, &old]
                .iter()
                .any(|p| p.exists() && !older_than_grace(p))
            {
                return;
            }
        }
        Err(_) => return,
    }
    // Killed between moving the old output aside and moving the new one in: the old
    // output is complete, so it goes back.
    let one_name = matches!(
        Path::new(&target).components().collect::<Vec<_>>()[..],
        [Component::Normal(_)]
    );
    let target = parent.join(&target);
    if one_name && old.is_dir() && !target.exists() {
        let _ = fs::rename(&old, &target);
    }
    for dir in [&staging, &old] {
        if dir.is_dir() {
            let _ = fs::remove_dir_all(dir);
        }
    }
    let _ = fs::remove_file(&lock_path);
    drop(held);
}

fn older_than_grace(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > GRACE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Sink;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("ls")
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    fn age(path: &Path) {
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        File::open(path)
            .and_then(|f| f.set_modified(an_hour_ago))
            .expect("set mtime");
    }

    #[test]
    fn folders_of_killed_builds_are_removed_and_running_ones_kept() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        fs::create_dir(&out).expect("mkdir");
        // A killed build: its lock file is there but nobody holds it.
        fs::create_dir_all(tmp.path().join(".safesite-build-dead/a")).expect("mkdir");
        fs::write(tmp.path().join(".safesite-build-dead.lock"), "public").expect("lock");
        fs::create_dir(tmp.path().join(".safesite-old-dead")).expect("mkdir");
        // From a version without lock files: removed once it is old enough.
        fs::create_dir(tmp.path().join(".safesite-build-legacy")).expect("mkdir");
        age(&tmp.path().join(".safesite-build-legacy"));
        // Just created by a build that has not locked it yet: kept.
        fs::create_dir(tmp.path().join(".safesite-build-new")).expect("mkdir");

        let running = Sink::staging(&out).expect("staging");
        let running_dir = running.folder().expect("folder").to_path_buf();
        let second = Sink::staging(&out).expect("staging");
        assert!(running_dir.is_dir(), "a running build's folder is kept");
        let left = names(tmp.path());
        assert!(
            !left
                .iter()
                .any(|n| n.contains("dead") || n.contains("legacy"))
        );
        assert!(left.contains(&".safesite-build-new".to_string()));
        assert_eq!(left.len(), 6, "{left:?}");

        drop(second);
        drop(running);
        assert_eq!(names(tmp.path()), [".safesite-build-new", "public"]);
    }

    #[test]
    fn an_interrupted_swap_puts_the_old_output_back() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        fs::create_dir_all(tmp.path().join(".safesite-old-cut")).expect("mkdir");
        fs::write(tmp.path().join(".safesite-old-cut/index.html"), "old").expect("write");
        fs::create_dir(tmp.path().join(".safesite-build-cut")).expect("mkdir");
        fs::write(tmp.path().join(".safesite-build-cut.lock"), "public").expect("lock");

        let sink = Sink::staging(&out).expect("staging");
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("restored"),
            "old"
        );
        drop(sink);
        assert_eq!(names(tmp.path()), ["public"]);
    }
}
