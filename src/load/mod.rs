//! Loading: walk `content/`, read every Markdown file, split off its front matter and
//! read that without a syntax error. What the fields mean is the content layer's
//! business ([`crate::content`]); this stage only knows files and text.

mod split;
mod walk;

pub use split::{Split, front_matter, split};
pub use walk::{
    ContentFiles, files_below, is_ignored_name, is_unpublished_static_name, walk_content,
};

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::source::document::Document;

/// One content file, read and split, its front matter free of syntax errors.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Its path under `content/`, with `/` separators (`reports/_index.md`).
    pub rel: String,
    /// The file and its text.
    pub file: SourceFile,
    /// Where its front matter and body are.
    pub split: Split,
    /// Its front matter, ready to be parsed into typed fields.
    pub front: Document,
}

/// Every file under `content/`: each Markdown file read (or why it could not be), and
/// the other files by path.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The `_index.md` files, in path order.
    pub sections: Vec<Result<LoadedFile, Diagnostic>>,
    /// The other `.md` files, in path order.
    pub pages: Vec<Result<LoadedFile, Diagnostic>>,
    /// Everything else: the path under `content/` and the path on disk.
    pub assets: Vec<(String, PathBuf)>,
}

/// Reads every file under `root/content`, in parallel. `Err` when the folder cannot be
/// walked at all; a file that cannot be read is an `Err` in its place.
pub fn load(root: &Path, config: &Config) -> Result<Loaded, Diagnostic> {
    let files = walk_content(root, config)?;
    let read_all = |rels: &[String]| -> Vec<Result<LoadedFile, Diagnostic>> {
        rels.par_iter().map(|rel| read(root, rel)).collect()
    };
    Ok(Loaded {
        sections: read_all(&files.sections),
        pages: read_all(&files.pages),
        assets: files.assets,
    })
}

/// Reads the content file `content/<rel>` (again, for `serve` after an edit).
pub fn read(root: &Path, rel: &str) -> Result<LoadedFile, Diagnostic> {
    let file = SourceFile::read(root, &root.join("content").join(rel))?;
    let split = split(&file)?;
    let front = front_matter(&file, &split)?;
    Ok(LoadedFile {
        rel: rel.to_string(),
        file,
        split,
        front,
    })
}
