//! # safesite
//!
//! A static site generator for safeguarding children partnerships in England.
//!
//! The pipeline, one folder or file per stage:
//!
//! ```text
//! config.toml ──► config ──┐
//! content/ ─────► load ────┼──► content::Site ──► render (markdown, in parallel)
//! templates/, themes/ ─────┴──► templates ───────────┘          │
//!                                                                ▼
//!                                   output (staging folder, atomic swap) ◄── render::jobs
//! ```
//!
//! [`build::run`] drives it for both `safesite build` and `safesite check`; problems are
//! collected as [`diagnostics::Diagnostic`]s with file, line and column.

#![warn(missing_docs)]

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod images;
pub mod load;
pub mod markdown;
pub mod output;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod render;
pub mod report;
pub mod sass;
pub mod scaffold;
#[cfg(feature = "search")]
pub mod search;
pub mod serve;
pub mod source;
pub mod templates;
