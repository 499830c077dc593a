//! Helpers shared by the integration tests: copy a fixture site to a temporary folder,
//! run the `safesite` binary on it, and read what it wrote.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The folder holding the fixture sites.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A copy of `tests/fixtures/<name>` in a fresh temporary folder (tests never write
/// into the repository). The site is at `tmp.path().join("site")`.
pub fn site(name: &str) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dest = tmp.path().join("site");
    copy_tree(&fixtures().join(name), &dest);
    (tmp, dest)
}

/// Copies every file under `from` into `to`, replacing files that exist.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("fixture entry");
        let rel = entry.path().strip_prefix(from).expect("under fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// The `safesite` binary, run with colour off.
pub fn safesite() -> Command {
    let mut cmd = Command::cargo_bin("safesite").expect("binary built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Builds `root`, panicking with the output if the build fails.
pub fn build_ok(root: &Path) -> String {
    let out = safesite()
        .arg("build")
        .arg("--root")
        .arg(root)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "build failed:\n{stdout}\n{stderr}");
    stderr
}

/// Every file under `dir` with its bytes, to compare a folder before and after.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under dir");
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

/// Replaces the temporary folder in messages so snapshots are stable.
pub fn normalize(text: &str, root: &Path) -> String {
    text.replace(&root.display().to_string(), "[SITE]")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}
