//! Broken input: every case under `tests/fixtures/broken/<case>/` is a set of files laid
//! over the good `base` site. The test builds the base, lays the case over it, builds
//! again and asserts the exact message (a snapshot), exit code 1, and that the previous
//! output is byte-for-byte unchanged. `check` must fail on the same input.
//!
//! Every run is as of a fixed day (`SAFESITE_TODAY`), so date warnings in the cases never
//! depend on the clock.

use crate::common;

/// The day every case is built on.
const TODAY: &str = "2025-09-01";

#[test]
fn broken_inputs_fail_with_located_messages_and_keep_the_old_output() {
    // Every case runs, and every case that goes wrong is named at the end: a change that
    // breaks ten messages says so in one run. (insta reports each snapshot that differs.)
    let mut failures: Vec<String> = Vec::new();
    insta::glob!("../fixtures", "broken/*", |case: &std::path::Path| {
        let name = case.file_name().unwrap_or_default().to_string_lossy();
        let (_tmp, root) = common::site("base");
        common::build_ok(&root);
        let before = common::read_tree(&root.join("public"));
        common::copy_tree(case, &root);

        let out = common::run(common::on("build", &root).env("SAFESITE_TODAY", TODAY));
        let stderr = common::normalize(&out.stderr, &root);
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{name}: build should fail with exit 1, got {:?}:\n{stderr}",
                out.status.code()
            ));
        }
        insta::assert_snapshot!(stderr);
        if before != common::read_tree(&root.join("public")) {
            failures.push(format!(
                "{name}: the failed build changed the previous output"
            ));
        }
        if !common::staging_left(&root).is_empty() {
            failures.push(format!("{name}: staging folder left behind"));
        }

        let check = common::run(common::on("check", &root).env("SAFESITE_TODAY", TODAY));
        if check.status.code() != Some(1) {
            failures.push(format!(
                "{name}: check should fail too, got {:?}",
                check.status.code()
            ));
        }
    });
    assert!(
        failures.is_empty(),
        "{} broken-input case(s) went wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
