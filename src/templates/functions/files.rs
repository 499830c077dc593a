//! Functions that read a file of the site: `get_hash`, for subresource integrity
//! (`integrity="sha384-…"`) and cache-busting names, as Zola has it.

use std::path::{Component, Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256, Sha384, Sha512};
use tera::{Kwargs, State, TeraResult, Value};

/// Where the site's files are looked for, in Zola's order: the site root, `static/`,
/// `content/`, then the theme's `static/`.
#[derive(Clone)]
pub(super) struct SiteFiles {
    root: PathBuf,
    theme: Option<PathBuf>,
}

impl SiteFiles {
    pub(super) fn new(root: &Path, theme: Option<&Path>) -> Self {
        SiteFiles {
            root: root.to_path_buf(),
            theme: theme.map(Path::to_path_buf),
        }
    }

    /// The file `path` names, or why there is none.
    pub(super) fn find(&self, function: &str, path: &str) -> TeraResult<PathBuf> {
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
        if under_content {
            let file = self.root.join("content").join(rel);
            return if file.is_file() {
                Ok(file)
            } else {
                Err(tera::Error::message(format!(
                    "{function}: there is no file content/{path_in}"
                )))
            };
        }
        let mut places = vec![
            self.root.join(rel),
            self.root.join("static").join(rel),
            self.root.join("content").join(rel),
        ];
        places.extend(self.theme.iter().map(|t| t.join("static").join(rel)));
        places.into_iter().find(|p| p.is_file()).ok_or_else(|| {
            tera::Error::message(format!(
                "{function}: there is no file `{path}` in the site folder, static/, content/ or the theme's static/{}check the spelling and the folder: a page's own file is named by its path under content/ (or as @/folder/file.png)",
                crate::templates::HELP
            ))
        })
    }

    /// `get_hash(path=… | literal=…, sha_type=256|384|512, base64=true)`.
    pub(super) fn get_hash(&self, kwargs: &Kwargs, _: &State) -> TeraResult<Value> {
        let bytes = match (kwargs.get::<&str>("path")?, kwargs.get::<&str>("literal")?) {
            (Some(path), None) => {
                let file = self.find("get_hash", path)?;
                std::fs::read(&file).map_err(|e| {
                    tera::Error::message(format!("get_hash: cannot read `{path}`: {e}"))
                })?
            }
            (None, Some(literal)) => literal.as_bytes().to_vec(),
            _ => {
                return Err(tera::Error::message(
                    "get_hash: give either `path` (a file) or `literal` (a string), not both",
                ));
            }
        };
        let sha_type = kwargs.get::<i64>("sha_type")?.unwrap_or(384);
        let digest = hash(&bytes, sha_type)?;
        let text = if kwargs.get::<bool>("base64")?.unwrap_or(true) {
            base64::engine::general_purpose::STANDARD.encode(&digest)
        } else {
            digest.iter().map(|b| format!("{b:02x}")).collect()
        };
        Ok(Value::from(text))
    }
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
        let hex = |d: Vec<u8>| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(
            hex(hash(b"abc", 256).expect("256")),
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
