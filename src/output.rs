//! The only writer: a staging folder beside the output, swapped in when the build succeeds.
//!
//! A failed or interrupted build never touches the previous output: files are written
//! to `.safesite-build-*` next to the output folder, and only a complete site is renamed
//! into place (the old one is moved aside first, then removed). Staging folders left by
//! a build that was killed are removed by the next build ([`staging`]).

mod staging;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use staging::StagingLock;

/// Where rendered files go.
pub enum Sink {
    /// A staging folder that becomes the output on [`Sink::commit`].
    Staging {
        /// The folder being written.
        dir: TempDir,
        /// The output folder it will replace.
        target: PathBuf,
        /// Marks the folder as in use until the sink is dropped (after `dir`).
        lock: StagingLock,
    },
    /// Nowhere: `check` renders everything and writes nothing.
    Discard,
}

impl Sink {
    /// A staging folder beside `target` (on the same file system, so the swap is a rename).
    /// Staging folders of builds that are no longer running are removed first.
    pub fn staging(target: &Path) -> io::Result<Self> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        staging::remove_stale(parent);
        let (dir, lock) = staging::create(parent, target)?;
        Ok(Sink::Staging {
            dir,
            target: target.to_path_buf(),
            lock,
        })
    }

    /// Writes `bytes` to `rel` (a `/`-separated path inside the output).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::Staging { dir, .. } => {
                let path = dir.path().join(rel.trim_start_matches('/'));
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(path, bytes)
            }
            Sink::Discard => Ok(()),
        }
    }

    /// The folder being written, when there is one (not for `check`).
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Sink::Staging { dir, .. } => Some(dir.path()),
            Sink::Discard => None,
        }
    }

    /// Copies the file at `source` to `rel`.
    pub fn copy(&self, source: &Path, rel: &str) -> io::Result<()> {
        match self {
            Sink::Staging { dir, .. } => {
                let path = dir.path().join(rel.trim_start_matches('/'));
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::copy(source, path).map(|_| ())
            }
            Sink::Discard => Ok(()),
        }
    }

    /// Puts the finished site in place of the old output.
    pub fn commit(self) -> io::Result<()> {
        let Sink::Staging { dir, target, lock } = self else {
            return Ok(());
        };
        let staged = dir.keep();
        let old = lock.old_folder(staged.parent().unwrap_or(Path::new(".")));
        let result = swap_in(&staged, &target, &old);
        if result.is_err() {
            let _ = fs::remove_dir_all(&staged);
        }
        result
    }
}

/// Moves `staged` to `target`, moving an existing `target` aside to `old` first.
fn swap_in(staged: &Path, target: &Path, old: &Path) -> io::Result<()> {
    if !target.exists() {
        return fs::rename(staged, target);
    }
    fs::rename(target, old)?;
    if let Err(e) = fs::rename(staged, target) {
        let _ = fs::rename(old, target);
        return Err(e);
    }
    fs::remove_dir_all(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_discard_keeps() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).expect("mkdir");
        fs::write(out.join("old.html"), "old").expect("write");

        let sink = Sink::staging(&out).expect("staging");
        sink.write("a/index.html", b"new").expect("write");
        drop(sink);
        assert!(
            out.join("old.html").exists(),
            "a dropped build leaves the old output"
        );

        let sink = Sink::staging(&out).expect("staging");
        sink.write("a/index.html", b"new").expect("write");
        sink.commit().expect("commit");
        assert!(!out.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).expect("read"),
            "new"
        );
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .expect("ls")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".safesite"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
