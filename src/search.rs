//! Site search with no server: the built pages are indexed with pagefind at the end of a
//! build, and its index, WebAssembly and JavaScript are written under `/pagefind/`, all
//! served from the site itself (no third-party requests).
//!
//! Only pages whose theme marks content with `data-pagefind-body` are indexed, so
//! redirects, the 404 page and navigation are left out. Each language gets its own index
//! (pagefind reads the page's `<html lang>`, and the search page loads the index of its
//! own language), and only languages with `build_search_index` on are indexed.

use std::path::Path;

use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;

/// The folder of the output the search files go in.
pub const FOLDER: &str = "pagefind";

/// Which of the site's languages are searched, told apart by where their pages are.
#[derive(Debug, Clone)]
pub struct Scope {
    /// Whether the default language's pages are indexed.
    default: bool,
    /// The other languages: the start of their pages' URLs (`/pl/`) and whether they
    /// are indexed.
    others: Vec<(String, bool)>,
}

impl Scope {
    /// The languages `config` asks to index (`build_search_index`, per language).
    pub fn of(config: &Config) -> Self {
        Scope {
            default: config.search_index(),
            others: config
                .languages
                .iter()
                .map(|(code, l)| (format!("/{}/", code.get_ref()), l.build_search_index))
                .collect(),
        }
    }

    /// Whether the page at URL path `url` is in a language that is indexed.
    fn covers(&self, url: &str) -> bool {
        self.others
            .iter()
            .find(|(prefix, _)| url.starts_with(prefix.as_str()))
            .map_or(self.default, |(_, on)| *on)
    }
}

/// Indexes every HTML page already written to `sink` in a language that `scope`
/// covers, and writes the search files there.
///
/// Returns how many pages were indexed.
pub fn index_site(sink: &Sink, scope: &Scope) -> Result<usize, Diagnostic> {
    let Some(dir) = sink.folder() else {
        return Ok(0);
    };
    let mut pages = html_pages(dir)?;
    pages.retain(|(url, _)| scope.covers(url));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failed(&e.to_string()))?;
    let index = runtime.block_on(index(pages))?;
    // The theme has its own accessible search page, so pagefind's stock interfaces
    // (which do not announce results) are not published.
    let unused = [
        "pagefind-ui",
        "pagefind-component-ui",
        "pagefind-modular-ui",
        "pagefind-highlight",
    ];
    for (name, bytes) in index
        .files
        .iter()
        .filter(|(n, _)| !unused.iter().any(|u| n.starts_with(u)))
    {
        sink.write(&format!("{FOLDER}/{name}"), bytes)
            .map_err(|e| failed(&format!("could not write {FOLDER}/{name}: {e}")))?;
    }
    Ok(index.pages)
}

/// The search index, as files.
struct Index {
    files: Vec<(String, Vec<u8>)>,
    pages: usize,
}

async fn index(pages: Vec<(String, String)>) -> Result<Index, Diagnostic> {
    let mut index = pagefind::api::PagefindIndex::new(None).map_err(|e| failed(&e.to_string()))?;
    let mut count = 0;
    for (url, html) in pages {
        if !html.contains("data-pagefind-body") {
            continue;
        }
        index
            .add_html_file(None, Some(url.clone()), html)
            .await
            .map_err(|e| failed(&format!("{url}: {e}")))?;
        count += 1;
    }
    let files = index
        .get_files()
        .await
        .map_err(|e| failed(&e.to_string()))?;
    let mut out: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|f| {
            let name = f
                .filename
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .filter(|c| c != FOLDER)
                .collect::<Vec<_>>()
                .join("/");
            (name, f.contents)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Index {
        files: out,
        pages: count,
    })
}

/// Every `.html` file under `dir`, with the URL path it is served at, in a stable order.
fn html_pages(dir: &Path) -> Result<Vec<(String, String)>, Diagnostic> {
    let mut pages = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| failed(&e.to_string()))?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let url = format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel));
        let html = std::fs::read_to_string(path).map_err(|e| failed(&format!("{rel}: {e}")))?;
        pages.push((url, html));
    }
    Ok(pages)
}

fn failed(why: &str) -> Diagnostic {
    Diagnostic::error(format!("building the search index failed: {why}")).with_hint(
        "this is a problem in safesite itself: please report it with the site that shows it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_is_searched_as_configured() {
        let config: Config = toml::from_str(
            "base_url = \"/\"\n[languages.pl]\nbuild_search_index = true\n[languages.ur]\n",
        )
        .expect("valid");
        let scope = Scope::of(&config);
        assert!(scope.covers("/about/"));
        assert!(scope.covers("/pl/contacts/"));
        assert!(!scope.covers("/ur/contacts/"));
        // A folder that only starts like a language's is the default language's.
        assert!(scope.covers("/plans/"));
    }
}
