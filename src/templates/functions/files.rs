//! Functions that read a file of the site: `get_hash`, for subresource integrity
//! (`integrity="sha384-…"`), and the cache-busting hash of `get_url(cachebust=true)`,
//! as Zola has them.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384, Sha512};
use tera::{Kwargs, TeraResult, Value};

use crate::sass::Stylesheets;

/// Where the site's files are looked for, in Zola's order: the site root, `static/`,
/// `content/`, what the build writes (the CSS compiled from Sass), then the theme's
/// `static/`.
#[derive(Clone)]
pub struct SiteFiles {
    root: PathBuf,
    theme: Option<PathBuf>,
    stylesheets: Arc<Stylesheets>,
}

/// A file found for a template function: on disk, or the CSS the build compiles.
pub(super) enum Found {
    File(PathBuf),
    Css(Arc<str>),
}

impl SiteFiles {
    pub(crate) fn new(root: &Path, theme: Option<&Path>, stylesheets: &Arc<Stylesheets>) -> Self {
        SiteFiles {
            root: root.to_path_buf(),
            theme: theme.map(Path::to_path_buf),
            stylesheets: Arc::clone(stylesheets),
        }
    }

    /// The file on disk `path` names, or why there is none.
    pub(super) fn find(&self, function: &str, path: &str) -> TeraResult<PathBuf> {
        match self.search(function, path)? {
            Some(Found::File(file)) => Ok(file),
            Some(Found::Css(_)) => Err(tera::Error::message(format!(
                "{function}: `{path}` is the CSS compiled from Sass, not a file {function} can read"
            ))),
            None => Err(missing(function, path)),
        }
    }

    /// The bytes of the file `path` names, read or compiled.
    pub(super) fn read(&self, function: &str, path: &str) -> TeraResult<Vec<u8>> {
        match self.search(function, path)? {
            Some(Found::File(file)) => std::fs::read(&file).map_err(|e| {
                tera::Error::message(format!("{function}: cannot read `{path}`: {e}"))
            }),
            Some(Found::Css(css)) => Ok(css.as_bytes().to_vec()),
            None => Err(missing(function, path)),
        }
    }

    /// The file `path` names, none when there is no such file, or an error for a path
    /// outside the site or Sass that does not compile.
    pub(super) fn search(&self, function: &str, path: &str) -> TeraResult<Option<Found>> {
        let (path_in, under_content) = match path.strip_prefix("@/") {
            Some(rest) => (rest, true),
            None => (path, false),
        };
        let rel = Path::new(path_in.trim_start_matches('/'));
        if rel.components().any(|c| matches!(c, Component::ParentDir)) {
            return Err(tera::Error::message(format!(
                "{function}: `{path}` points outside the site folder"
            )));
        }
        let file = |p: PathBuf| p.is_file().then_some(Found::File(p));
        if under_content {
            return Ok(file(self.root.join("content").join(rel)));
        }
        let on_disk = ["", "static", "content"].map(|dir| self.root.join(dir).join(rel));
        if let Some(found) = on_disk.into_iter().find_map(file) {
            return Ok(Some(found));
        }
        let dest = format!("/{}", rel.to_string_lossy());
        if let Some(css) = self.stylesheets.css(&dest) {
            return css.map(|c| Some(Found::Css(c))).map_err(|d| {
                tera::Error::message(format!(
                    "{function}: `{path}` is compiled from Sass that has an error: {}",
                    d.message
                ))
            });
        }
        Ok(self
            .theme
            .iter()
            .find_map(|t| file(t.join("static").join(rel))))
    }

    /// `get_hash(path=… | literal=…, sha_type=256|384|512, base64=true)`.
    pub(super) fn get_hash(&self, function: &str, kwargs: &Kwargs) -> TeraResult<Value> {
        let bytes = match (kwargs.get::<&str>("path")?, kwargs.get::<&str>("literal")?) {
            (Some(path), None) => self.read(function, path)?,
            (None, Some(literal)) => literal.as_bytes().to_vec(),
            _ => {
                return Err(tera::Error::message(format!(
                    "{function}: give either `path` (a file) or `literal` (a string), not both"
                )));
            }
        };
        let sha_type = kwargs.get::<i64>("sha_type")?.unwrap_or(384);
        let digest = hash(&bytes, sha_type)?;
        let text = if kwargs.get::<bool>("base64")?.unwrap_or(true) {
            base64::engine::general_purpose::STANDARD.encode(&digest)
        } else {
            hex(&digest)
        };
        Ok(Value::from(text))
    }

    /// The `?h=…` that `get_url(path=…, cachebust=true)` adds: the first 20 hex digits
    /// of the file's SHA-256, as Zola writes it, so a changed file gets a new address.
    pub fn cachebust(&self, path: &str) -> TeraResult<String> {
        let bytes = self.read("get_url", path)?;
        let digest = hex(&Sha256::digest(&bytes));
        Ok(format!("?h={}", &digest[..20]))
    }
}

/// The error for a file that is not found, with where it was looked for.
fn missing(function: &str, path: &str) -> tera::Error {
    if let Some(rest) = path.strip_prefix("@/") {
        return tera::Error::message(format!("{function}: there is no file content/{rest}"));
    }
    tera::Error::message(format!(
        "{function}: there is no file `{path}` in the site folder, static/, content/, the compiled Sass or the theme's static/{}check the spelling and the folder: a page's own file is named by its path under content/ (or as @/folder/file.png)",
        crate::templates::HELP
    ))
}

/// `bytes` as lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-2 digest of `bytes` of the given size.
fn hash(bytes: &[u8], sha_type: i64) -> TeraResult<Vec<u8>> {
    Ok(match sha_type {
        256 => Sha256::digest(bytes).to_vec(),
        384 => Sha384::digest(bytes).to_vec(),
        512 => Sha512::digest(bytes).to_vec(),
        other => {
            return Err(tera::Error::message(format!(
                "get_hash: sha_type {other} is not one of 256, 384 or 512"
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_the_known_values() {
        assert_eq!(
            hex(&hash(b"abc", 256).expect("256")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let sri = base64::engine::general_purpose::STANDARD.encode(hash(b"", 384).expect("384"));
        assert_eq!(
            sri,
            "OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
        assert!(hash(b"", 1).is_err());
    }
}
