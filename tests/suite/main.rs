//! Every integration test of safesite, in one test binary, so that the library (with
//! typst and pagefind) is linked once rather than once per file.
//!
//! Each module is one area of behaviour, run against the real `safesite` binary on small
//! fixture sites (`tests/fixtures/`), with insta snapshots (`snapshots/`) for messages and
//! HTML. `common` holds what they share.

mod common;

mod arbitrary_sites;
mod cli;
mod current;
mod errors;
mod features;
mod fuzz_regressions;
mod kill;
mod kinds;
mod odd_inputs;
#[cfg(feature = "pdf")]
mod pdf;
mod publishing;
mod report;
mod scaffold;
mod serve;
mod theme_pages;
