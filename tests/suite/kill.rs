//! Killing `safesite build` part-way (SIGKILL on Unix: no chance to clean up) never
//! damages the previous output, and the next build removes what the killed one left.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Pages in the generated site: enough that a debug build takes a good part of a second.
const PAGES: usize = 3000;

fn generate(root: &Path) {
    let dir = root.join("content/many");
    std::fs::create_dir_all(&dir).expect("mkdir");
    common::write(
        root,
        "content/many/_index.md",
        "+++\ntitle = \"Many\"\n+++\n",
    );
    for i in 0..PAGES {
        std::fs::write(
            dir.join(format!("page{i}.md")),
            format!("+++\ntitle = \"Page {i}\"\n+++\n\n## Part one\n\nSome *text* for page {i}.\n"),
        )
        .expect("write");
    }
}

fn start(root: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_safesite"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .env("SAFESITE_TODAY", "2025-09-01")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start safesite")
}

/// Whether a staging folder (not only its lock file) is there.
fn staging_folder(root: &Path) -> bool {
    common::staging_left(root)
        .iter()
        .any(|name| root.join(name).is_dir())
}

/// Kills `child` if it is still running; whether it was.
fn kill(child: &mut Child) -> bool {
    let running = child.try_wait().expect("poll").is_none();
    if running {
        child.kill().expect("kill");
    }
    child.wait().expect("wait");
    running
}

#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let (_tmp, root) = common::site("base");
    generate(&root);
    let started = Instant::now();
    common::build_ok(&root);
    let full = started.elapsed();
    let output = root.join("public");
    let before = common::read_tree(&output);
    assert_eq!(
        before.keys().filter(|k| k.starts_with("many/page")).count(),
        PAGES
    );

    common::write(
        &root,
        "content/many/page7.md",
        "+++\ntitle = \"Page 7, changed\"\n+++\n\nNew text.\n",
    );
    let mut seen: Vec<BTreeMap<String, Vec<u8>>> = Vec::new();
    let mut killed = 0;

    // Killed while it writes: as soon as its staging folder appears.
    let mut child = start(&root);
    while child.try_wait().expect("poll").is_none() && !staging_folder(&root) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let staging_seen = staging_folder(&root);
    if kill(&mut child) {
        killed += 1;
        assert!(
            !common::staging_left(&root).is_empty(),
            "the killed build's staging folder is left for the next build to remove"
        );
    }
    let tree = common::read_tree(&output);
    assert!(
        tree == before,
        "a build killed while writing changed the output"
    );

    // Killed after a range of times, up to past when the first build had finished.
    let mut delay = Duration::from_millis(5);
    while delay < full * 2 {
        let mut child = start(&root);
        std::thread::sleep(delay);
        if !kill(&mut child) {
            break;
        }
        killed += 1;
        let tree = common::read_tree(&output);
        if tree != before {
            seen.push(tree);
        }
        delay = delay * 2 + Duration::from_millis(10);
    }
    assert!(
        killed >= 3,
        "only {killed} builds were killed before they finished"
    );
    assert!(
        staging_seen,
        "no build got as far as writing: the site is too small"
    );

    common::build_ok(&root);
    let after = common::read_tree(&output);
    assert!(String::from_utf8_lossy(&after["many/page7/index.html"]).contains("Page 7, changed"));
    for tree in &seen {
        // A kill can land after the swap, while the old output is being deleted.
        assert!(
            *tree == after,
            "a killed build left output that is neither the old site nor the new one"
        );
    }
    assert_eq!(common::staging_left(&root), Vec::<String>::new());
}
