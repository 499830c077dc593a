//! The only writer: a staging folder beside the output, swapped in when the build succeeds.
//!
//! A failed or interrupted build never touches the previous output: files are written
//! to `.safesite-build-*` next to the output folder, and only a complete site is renamed
//! into place (the old one is moved aside first, then removed). Staging folders left by
//! a build that was killed are removed by the next build (`staging`).

pub mod headers;
pub mod image_metadata;
mod staging;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::config::Globs;
use image_metadata::{Cleaned, Format};

use staging::StagingLock;

/// What [`Sink::publish`] did with a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Published {
    /// Copied as it is.
    Copied,
    /// An image, written without its metadata.
    Cleaned,
    /// An image that could not be read, left out, and why.
    Refused(String),
    /// A file named as an image that is none (no image metadata to remove), copied as it
    /// is, and what it is.
    NotAnImage(String),
}

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
    /// Into a finished site, one file at a time: each file is written beside its place
    /// and renamed over it, so a reader sees the old file or the new one, never half of
    /// one. `serve` updates the site it serves this way after an edit.
    InPlace(PathBuf),
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
            Sink::InPlace(dir) => replace(&dir.join(rel.trim_start_matches('/')), |tmp| {
                fs::write(tmp, bytes)
            }),
            Sink::Discard => Ok(()),
        }
    }

    /// The folder being written, when there is one (not for `check`).
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Sink::Staging { dir, .. } => Some(dir.path()),
            Sink::InPlace(dir) => Some(dir),
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
            Sink::InPlace(dir) => replace(&dir.join(rel.trim_start_matches('/')), |tmp| {
                fs::copy(source, tmp).map(|_| ())
            }),
            Sink::Discard => Ok(()),
        }
    }

    /// Copies the file at `source` to `rel`; a JPEG, PNG or WebP without its metadata
    /// unless `keep` names it (a glob of `rel`). Says what it did: an image that cannot
    /// be read is not published (its metadata could not be checked).
    pub fn publish(&self, source: &Path, rel: &str, keep: &Globs) -> io::Result<Published> {
        let format = Format::of(rel).filter(|_| !keep.matches(rel.trim_start_matches('/')));
        let Some(format) = format else {
            return self.copy(source, rel).map(|()| Published::Copied);
        };
        let bytes = fs::read(source)?;
        if !format.signed(&bytes) {
            let what = if bytes.starts_with(b"version https://git-lfs") {
                "a Git LFS pointer, not the image (run `git lfs pull`)".to_string()
            } else {
                format!("not a {} image, whatever its name says", format.name())
            };
            return self
                .write(rel, &bytes)
                .map(|()| Published::NotAnImage(what));
        }
        match image_metadata::clean(&bytes, format) {
            Ok(Cleaned::Unchanged) => self.write(rel, &bytes).map(|()| Published::Copied),
            Ok(Cleaned::Removed(clean)) => self.write(rel, &clean).map(|()| Published::Cleaned),
            Err(why) => Ok(Published::Refused(why)),
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

/// Makes the file at `path` with `make` (given a temporary name beside it), then renames
/// it into place.
fn replace(path: &Path, make: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let tmp = tempfile::Builder::new()
        .prefix(".safesite-new-")
        .tempfile_in(parent)?
        .into_temp_path();
    make(&tmp)?;
    tmp.persist(path).map_err(|e| e.error)
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

    #[test]
    fn in_place_replaces_each_file_whole_and_leaves_no_temporary_files() {
        let tmp = tempfile::tempdir().expect("tmp");
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("a")).expect("mkdir");
        fs::write(site.join("a/index.html"), "old").expect("write");
        let reader = fs::File::open(site.join("a/index.html")).expect("open");

        let sink = Sink::InPlace(site.clone());
        sink.write("/a/index.html", b"new").expect("write");
        sink.write("/b/c/index.html", b"made").expect("write");
        let source = tmp.path().join("style.css");
        fs::write(&source, "body {}").expect("write");
        sink.copy(&source, "/style.css").expect("copy");

        // A reader that opened the old file still reads it whole.
        assert_eq!(io::read_to_string(reader).expect("read"), "old");
        assert_eq!(
            fs::read_to_string(site.join("a/index.html")).expect("read"),
            "new"
        );
        assert_eq!(
            fs::read_to_string(site.join("b/c/index.html")).expect("read"),
            "made"
        );
        assert_eq!(
            fs::read_to_string(site.join("style.css")).expect("read"),
            "body {}"
        );
        let names: Vec<String> = walkdir::WalkDir::new(&site)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with(".safesite")),
            "{names:?}"
        );
    }
}
