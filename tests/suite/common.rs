//! Helpers shared by the integration tests: copy a fixture site to a temporary folder,
//! run the `safesite` binary on it, and read what it wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;

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

/// Writes `text` to the file `rel` of the site at `root`.
pub fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).expect("write");
}

/// Adds `text` at the end of the file `rel` of the site at `root` (a setting or a
/// language added to config.toml).
pub fn append(root: &Path, rel: &str, text: &str) {
    let before = std::fs::read_to_string(root.join(rel)).expect("read");
    write(root, rel, &format!("{before}{text}"));
}

/// The `safesite` binary, run with colour off.
pub fn safesite() -> Command {
    let mut cmd = Command::cargo_bin("safesite").expect("binary built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `safesite <command> --root <root>`, to add arguments to and run.
pub fn on(command: &str, root: &Path) -> Command {
    let mut cmd = safesite();
    cmd.arg(command).arg("--root").arg(root);
    cmd
}

/// What a finished run of the binary gave, its output as text.
pub struct Run {
    /// How it exited.
    pub status: ExitStatus,
    /// What it printed on stdout.
    pub stdout: String,
    /// What it printed on stderr.
    pub stderr: String,
}

/// Runs `cmd` to the end.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run safesite");
    Run {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Builds `root`, panicking with the output if the build fails; returns stderr.
pub fn build_ok(root: &Path) -> String {
    build_ok_with(&mut on("build", root))
}

/// Runs a prepared `safesite build` command, panicking with the output if it fails;
/// returns stderr.
pub fn build_ok_with(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "build failed:\n{}\n{}",
        out.stdout,
        out.stderr
    );
    out.stderr
}

/// Builds `root`, which must fail with exit code 1 (errors in the site); returns stderr.
pub fn build_fails(root: &Path) -> String {
    let out = run(&mut on("build", root));
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    out.stderr
}

/// The staging folders (`.safesite*`) left in `dir`: there should be none.
pub fn staging_left(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".safesite"))
        .collect()
}

/// The fixture `base` with the fixture `overlay` laid over it and the repository's own
/// default theme copied in, so tests check the real theme.
pub fn site_with_theme(base: &str, overlay: &str) -> (TempDir, PathBuf) {
    let (tmp, root) = site(base);
    copy_tree(&fixtures().join(overlay), &root);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/partnership");
    let dest = root.join("themes/partnership");
    for part in ["templates", "static", "translations", "archetypes"] {
        copy_tree(&theme.join(part), &dest.join(part));
    }
    std::fs::copy(theme.join("theme.toml"), dest.join("theme.toml")).expect("copy theme.toml");
    (tmp, root)
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
