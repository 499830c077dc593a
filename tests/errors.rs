//! Broken input: every case under `tests/fixtures/broken/<case>/` is a set of files laid
//! over the good `base` site. The test builds the base, lays the case over it, builds
//! again and asserts the exact message (a snapshot), exit code 1, and that the previous
//! output is byte-for-byte unchanged. `check` must fail on the same input.
//!
//! Every run is as of a fixed day (`SAFESITE_TODAY`), so date warnings in the cases never
//! depend on the clock.

mod common;

/// The day every case is built on.
const TODAY: &str = "2025-09-01";

#[test]
fn broken_inputs_fail_with_located_messages_and_keep_the_old_output() {
    insta::glob!("fixtures/broken/*", |case: &std::path::Path| {
        let (_tmp, root) = common::site("base");
        common::build_ok(&root);
        let before = common::read_tree(&root.join("public"));
        common::copy_tree(case, &root);

        let out = common::run(common::on("build", &root).env("SAFESITE_TODAY", TODAY));
        let stderr = common::normalize(&out.stderr, &root);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: build should fail with exit 1:\n{stderr}",
            case.display()
        );
        insta::assert_snapshot!(stderr);
        assert!(
            before == common::read_tree(&root.join("public")),
            "{}: the failed build changed the previous output",
            case.display()
        );
        assert!(
            common::staging_left(&root).is_empty(),
            "{}: staging folder left behind",
            case.display()
        );

        let check = common::run(common::on("check", &root).env("SAFESITE_TODAY", TODAY));
        assert_eq!(
            check.status.code(),
            Some(1),
            "{}: check should fail too",
            case.display()
        );
    });
}
