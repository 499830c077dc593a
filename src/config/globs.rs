//! `ignored_content` and `ignored_static`: glob patterns of files that are not part of
//! the site.

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Compiled glob patterns, matched against a file's path below its folder (`content/` or
/// `static/`) and against its name alone, so `temp.*` leaves out every `temp.` file.
#[derive(Debug, Clone, Default)]
pub struct Globs(Option<GlobSet>);

impl Globs {
    /// Compiles `patterns`; the first that is not a glob is returned with its error.
    pub fn new(patterns: &[String]) -> Result<Self, (usize, String)> {
        if patterns.is_empty() {
            return Ok(Globs(None));
        }
        let mut builder = GlobSetBuilder::new();
        for (i, pattern) in patterns.iter().enumerate() {
            builder.add(Glob::new(pattern).map_err(|e| (i, e.kind().to_string()))?);
        }
        builder
            .build()
            .map(|set| Globs(Some(set)))
            .map_err(|e| (0, e.to_string()))
    }

    /// Whether `rel` (a `/`-separated path below the folder) is left out.
    pub fn matches(&self, rel: &str) -> bool {
        let Some(set) = &self.0 else { return false };
        let name = rel.rsplit('/').next().unwrap_or(rel);
        set.is_match(rel) || set.is_match(name)
    }
}

#[cfg(test)]
mod tests {
    use super::Globs;

    #[test]
    fn patterns_match_the_path_or_the_name() {
        let globs = Globs::new(&["*/ignored.md".into(), "temp.*".into(), "*.xlsx".into()])
            .expect("valid patterns");
        assert!(globs.matches("posts/ignored.md"));
        assert!(globs.matches("a/b/temp.txt"));
        assert!(globs.matches("reports/figures.xlsx"));
        assert!(!globs.matches("posts/kept.md"));
        assert!(!Globs::default().matches("anything"));
        assert_eq!(
            Globs::new(&["a[".into()]).map(|_| ()).map_err(|(i, _)| i),
            Err(0)
        );
    }
}
