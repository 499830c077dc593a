//! Where the built site may go: never over the site's own files.

use std::path::{Path, PathBuf};

/// The folders of a site that the output folder must stay out of.
const SITE_FOLDERS: &[&str] = &["content", "templates", "static", "themes", "data"];

/// Why an output folder would overwrite the site's own files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputProblem {
    /// The site's folder is inside it (or is it): a build would replace the site.
    HoldsSite,
    /// It is inside one of the site's folders.
    Inside(&'static str),
}

/// Whether writing the site to `output` would overwrite the site at `root`: the one
/// guard for `output_dir` and for `build -o`.
pub fn output_problem(root: &Path, output: &Path) -> Option<OutputProblem> {
    let abs = |p: &Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        p.components().collect::<PathBuf>()
    };
    let (root_abs, out_abs) = (abs(root), abs(output));
    if root_abs.starts_with(&out_abs) {
        return Some(OutputProblem::HoldsSite);
    }
    SITE_FOLDERS
        .iter()
        .find(|dir| out_abs.starts_with(root_abs.join(dir)))
        .map(|dir| OutputProblem::Inside(dir))
}
