//! Every input saved under `fuzz/regressions/<target>/` (inputs that once crashed,
//! hung or showed a bug in a fuzz target) runs through the same entry point as the
//! fuzzer, `fuzz/src/lib.rs`, and must not panic. See `fuzz/README.md`.

#[path = "../../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

/// The saved inputs of `target`, by name.
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into();
            (name, std::fs::read(&path).expect("read seed"))
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    seeds
}

fn run_all(target: &str, entry: fn(&[u8])) {
    for (name, data) in seeds(target) {
        let outcome = std::panic::catch_unwind(|| entry(&data));
        assert!(outcome.is_ok(), "{target}/{name} panicked");
    }
}

#[test]
fn front_matter_seeds() {
    run_all("frontmatter", harness::front_matter);
}

#[test]
fn shortcode_seeds() {
    run_all("shortcodes", harness::shortcodes);
}

#[test]
fn markdown_seeds() {
    run_all("markdown", harness::markdown);
}

#[test]
fn image_metadata_seeds() {
    run_all("image_metadata", harness::image_metadata);
}

#[test]
fn document_seeds() {
    run_all("documents", harness::documents);
}
