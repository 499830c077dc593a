//! Turning a request URL into a file inside the output folder, and nothing else.
//!
//! The URL is percent-decoded once, then split into segments; `..`, absolute paths,
//! drive prefixes, NUL and backslashes are refused before touching the disk. The file
//! found is canonicalised and must still be inside the (canonical) output folder, so a
//! symlink pointing out of it is refused too.

use std::path::{Component, Path, PathBuf};

/// Why a URL was not turned into a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Malformed or unsafe: answer 400.
    BadRequest,
    /// Nothing there (or outside the output folder): answer 404.
    NotFound,
    /// A folder asked for without its trailing slash: redirect to this URL.
    Redirect(String),
}

/// The path part of a request target, without query or fragment.
pub fn path_part(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

/// Percent-decodes `raw`, refusing a malformed escape (a `%` not followed by two hex
/// digits, which the decoder would pass on as text) and what does not decode to UTF-8.
pub fn percent_decode(raw: &str) -> Option<String> {
    let well_formed = raw.split('%').skip(1).all(|rest| {
        rest.get(..2)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// The relative path a URL names, checked segment by segment.
pub fn relative_path(url_path: &str) -> Result<PathBuf, Refused> {
    if !url_path.starts_with('/') {
        return Err(Refused::BadRequest);
    }
    let decoded = percent_decode(url_path).ok_or(Refused::BadRequest)?;
    if decoded.contains(['\0', '\\']) {
        return Err(Refused::BadRequest);
    }
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        if segment.is_empty() || segment == "." {
            continue;
        }
        let mut components = Path::new(segment).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(part)), None) => rel.push(part),
            _ => return Err(Refused::BadRequest),
        }
    }
    Ok(rel)
}

/// The file to serve for `url_path` inside `root` (which must be canonical).
pub fn resolve(root: &Path, url_path: &str) -> Result<PathBuf, Refused> {
    let rel = relative_path(url_path)?;
    let found = inside(root, &root.join(rel))?;
    if !found.is_dir() {
        return Ok(found);
    }
    if !url_path.ends_with('/') {
        return Err(Refused::Redirect(format!("{url_path}/")));
    }
    let index = inside(root, &found.join("index.html"))?;
    if index.is_file() {
        Ok(index)
    } else {
        Err(Refused::NotFound)
    }
}

/// `path` canonicalised, if it exists and is inside `root`.
fn inside(root: &Path, path: &Path) -> Result<PathBuf, Refused> {
    let canonical = path.canonicalize().map_err(|_| Refused::NotFound)?;
    if canonical.starts_with(root) {
        Ok(canonical)
    } else {
        Err(Refused::NotFound)
    }
}

/// The `Content-Type` for a file, from its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "vtt" => "text/vtt; charset=utf-8",
        "zip" => "application/zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_before_the_disk() {
        for url in [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fetc/passwd",
            "/a/..",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/a%00b",
            "/%zz",
            "/%c3",
            "etc/passwd",
        ] {
            assert_eq!(relative_path(url), Err(Refused::BadRequest), "{url}");
        }
        assert_eq!(
            relative_path("//etc/passwd"),
            Ok(PathBuf::from("etc/passwd"))
        );
        assert_eq!(relative_path("/a/./b%20c/"), Ok(PathBuf::from("a/b c")));
    }

    #[test]
    fn folders_get_index_or_a_redirect() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path().canonicalize().expect("canon");
        std::fs::create_dir_all(root.join("a")).expect("mkdir");
        std::fs::write(root.join("a/index.html"), "x").expect("write");
        assert_eq!(resolve(&root, "/a/"), Ok(root.join("a/index.html")));
        assert_eq!(resolve(&root, "/a"), Err(Refused::Redirect("/a/".into())));
        assert_eq!(resolve(&root, "/b"), Err(Refused::NotFound));
    }
}
