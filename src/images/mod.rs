//! Images for templates: `get_image_metadata` reads an image's size from its header, and
//! `resize_image` makes a resized copy, as Zola 0.23 does.
//!
//! A resized image is named after its source's name, its content and what was asked
//! (`chair.3f9a…1c.jpg`), so the same request always gives the same file and a changed
//! photo a new one. Files are made once into a cache folder of the site
//! (`.cache/safesite/processed_images/`), kept across builds and `serve` rebuilds, and
//! copied to `processed_images/` of the output when the build is written. Each is made
//! while the template that asked for it renders, so pages made in parallel make their
//! images in parallel, and a broken image is reported at the template call.

mod codec;
pub mod ops;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

pub use codec::Meta;
use ops::{Format, Operation};

/// Where resized images are written in the output.
pub const OUTPUT_FOLDER: &str = "processed_images";

/// The cache folder below the site folder.
const CACHE_FOLDER: &str = ".cache/safesite/processed_images";

/// What `resize_image` gives a template, with Zola's field names.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Resized {
    /// The resized image's absolute URL.
    pub url: String,
    /// Where it is made, relative to the site folder.
    pub static_path: String,
    /// Its size.
    pub width: u32,
    /// Its size.
    pub height: u32,
    /// The source's size (as it is shown, after EXIF orientation).
    pub orig_width: u32,
    /// The source's size.
    pub orig_height: u32,
}

/// One made file's outcome, shared by every call that asks for it.
type Making = Arc<OnceLock<Result<(), String>>>;

/// The image processor of one build (kept by `serve` across edits).
pub struct Images {
    cache: PathBuf,
    url_prefix: String,
    meta: Mutex<HashMap<PathBuf, (Stamp, Arc<Meta>)>>,
    made: Mutex<HashMap<String, Making>>,
    published: Mutex<BTreeSet<String>>,
}

/// A file's length and modification time: whether a cached reading still holds.
type Stamp = (u64, Option<SystemTime>);

impl Images {
    /// A processor for the site at `root` whose URLs start with `base_url`.
    pub fn new(root: &Path, base_url: &str) -> Self {
        Images {
            cache: root.join(CACHE_FOLDER),
            url_prefix: format!("{}/{OUTPUT_FOLDER}/", base_url.trim_end_matches('/')),
            meta: Mutex::default(),
            made: Mutex::default(),
            published: Mutex::default(),
        }
    }

    /// The size, format and digest of the image at `file`, read once while it is
    /// unchanged.
    pub fn metadata(&self, file: &Path) -> Result<Arc<Meta>, String> {
        let stamp = std::fs::metadata(file)
            .map(|m| (m.len(), m.modified().ok()))
            .map_err(|e| format!("cannot read it: {e}"))?;
        if let Some((s, meta)) = self.meta.lock().ok().and_then(|m| m.get(file).cloned())
            && s == stamp
        {
            return Ok(meta);
        }
        let meta = Arc::new(codec::read_meta(file)?);
        if let Ok(mut m) = self.meta.lock() {
            m.insert(file.to_path_buf(), (stamp, Arc::clone(&meta)));
        }
        Ok(meta)
    }

    /// Resizes the image at `file` (named `source` by the template) as asked, making the
    /// file unless an earlier build or call already did.
    pub fn resize(
        &self,
        file: &Path,
        source: &str,
        op: Operation,
        format: &str,
        quality: Option<i64>,
    ) -> Result<Resized, String> {
        let meta = self.metadata(file)?;
        codec::refuse_huge(meta.size)?;
        let format = Format::from_args(format, meta.lossy, quality)?;
        let plan = op.plan(meta.size);
        let name = file_name(file, &meta, source, op, format);
        let making = {
            let mut made = self.made.lock().map_err(|_| "another image failed")?;
            Arc::clone(made.entry(name.clone()).or_default())
        };
        let target = self.cache.join(&name);
        making
            .get_or_init(|| {
                if target.is_file() {
                    return Ok(());
                }
                codec::make(file, &target, &plan, format)
            })
            .clone()?;
        let (width, height) = plan.size(meta.size);
        Ok(Resized {
            url: format!("{}{name}", self.url_prefix),
            static_path: format!("{CACHE_FOLDER}/{name}"),
            width,
            height,
            orig_width: meta.size.0,
            orig_height: meta.size.1,
        })
    }

    /// The images made or asked for since the last call, as (file in the cache, output
    /// path), for the build to copy into the output.
    pub fn take_new(&self) -> Vec<(PathBuf, String)> {
        let (Ok(made), Ok(mut published)) = (self.made.lock(), self.published.lock()) else {
            return Vec::new();
        };
        let mut new: Vec<_> = made
            .iter()
            .filter(|(name, making)| {
                matches!(making.get(), Some(Ok(()))) && !published.contains(*name)
            })
            .map(|(name, _)| name.clone())
            .collect();
        new.sort();
        published.extend(new.iter().cloned());
        new.into_iter()
            .map(|name| (self.cache.join(&name), format!("/{OUTPUT_FOLDER}/{name}")))
            .collect()
    }

    /// Removes the cached images this build did not ask for (after a complete build, so
    /// the cache holds only what the site uses).
    pub fn prune(&self) {
        let Ok(made) = self.made.lock() else { return };
        let Ok(entries) = std::fs::read_dir(&self.cache) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !made.contains_key(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// `<stem>.<16 hex digits>.<ext>`: the digits hash the source's content, its name in
/// the template and the request, so the name is the same on every machine and build.
fn file_name(file: &Path, meta: &Meta, source: &str, op: Operation, format: Format) -> String {
    let mut hasher = Sha256::new();
    hasher.update(meta.digest);
    hasher.update(source.as_bytes());
    hasher.update(format!("{op:?}|{format:?}").as_bytes());
    let hash: String = hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let stem = file
        .file_stem()
        .map_or_else(|| "image".into(), |s| s.to_string_lossy());
    format!("{stem}.{hash}.{}", format.extension())
}
