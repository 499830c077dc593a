//! What `config.toml` can get wrong that its types cannot say: language codes, the
//! default language set twice, taxonomies named twice or paginated by nothing. Every
//! problem is reported, each at its line.

use std::collections::BTreeSet;
use std::ops::Range;

use super::languages::code_problem;
use super::{Config, Globs};
use crate::diagnostics::Diagnostic;
use crate::source::document::Document;
use crate::source::{SourceFile, line_at};

/// Checks and completes the languages and taxonomies of `config`: `[languages.<default>]`
/// is folded into the top level, and each taxonomy gets its slug.
pub(super) fn languages_and_taxonomies(
    config: &mut Config,
    file: &SourceFile,
    doc: &Document,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let at = |range: Option<Range<usize>>| {
        move |message: String, hint: String| {
            let d = Diagnostic::error(message)
                .in_file(&file.rel)
                .with_hint(hint);
            match range {
                Some(r) => d.at(&file.text, r),
                None => d,
            }
        }
    };
    if let Some(problem) = code_problem(&config.language) {
        let line = doc
            .fields()
            .line(&file.text, "default_language")
            .or_else(|| doc.fields().line(&file.text, "language"));
        errors.push(at(line)(
            format!("`{}` is not a language code", config.language),
            problem.to_string(),
        ));
    }
    if let Some(own) = config.languages.remove(config.language.as_str()) {
        fold_default(config, own);
    }
    for code in config.languages.keys() {
        if let Some(problem) = code_problem(code.get_ref()) {
            errors.push(at(Some(line_at(&file.text, code.span().start)))(
                format!("[languages.{code}]: `{code}` is not a language code"),
                problem.to_string(),
            ));
        }
    }
    let strategy = config.slugify.taxonomies;
    let codes: Vec<String> = std::iter::once(config.language.clone())
        .chain(config.languages.keys().map(|k| k.get_ref().clone()))
        .collect();
    for code in codes {
        let default = code == config.language;
        let taxonomies = if default {
            &mut config.taxonomies
        } else {
            match config.languages.get_mut(code.as_str()) {
                Some(l) => &mut l.taxonomies,
                None => continue,
            }
        };
        let mut seen = BTreeSet::new();
        for taxonomy in taxonomies.iter_mut() {
            taxonomy.slug = strategy.path(taxonomy.name());
            let line = Some(line_at(&file.text, taxonomy.name.span().start));
            if !seen.insert(taxonomy.slug.clone()) {
                errors.push(at(line.clone())(
                    format!(
                        "the taxonomy `{}` is defined twice{}",
                        taxonomy.name(),
                        if default {
                            String::new()
                        } else {
                            format!(" for [languages.{code}]")
                        }
                    ),
                    "each taxonomy needs a name of its own (the same name may be used once in each language)".into(),
                ));
            }
            if taxonomy.slug.is_empty() {
                errors.push(at(line.clone())(
                    format!(
                        "the taxonomy name `{}` makes an empty address",
                        taxonomy.name()
                    ),
                    "name it with letters or digits, such as name = \"themes\"".into(),
                ));
            }
            if let Some(n) = taxonomy.paginate_by.as_ref().filter(|n| *n.get_ref() <= 0) {
                let line = Some(line_at(&file.text, n.span().start));
                errors.push(at(line)(
                    format!(
                        "paginate_by = {n} for the taxonomy `{}`: a listing page must show at least one page",
                        taxonomy.name()
                    ),
                    "set paginate_by to how many pages each listing page shows, such as paginate_by = 10, or remove it to list them all on one page".into(),
                ));
            }
        }
    }
    for (key, patterns) in [
        ("ignored_content", &config.ignored_content),
        ("ignored_static", &config.ignored_static),
        ("skip_content_templating", &config.skip_content_templating),
        ("keep_image_metadata", &config.privacy.keep_image_metadata),
    ] {
        let globs = match Globs::new(patterns) {
            Ok(globs) => globs,
            Err((i, why)) => {
                errors.push(at(doc.fields().line(&file.text, key))(
                    format!("{key}: `{}` is not a glob pattern: {why}", patterns[i]),
                    "write patterns such as \"*.xlsx\" or \"drafts/**\"".into(),
                ));
                Globs::default()
            }
        };
        match key {
            "ignored_content" => config.ignored_content_globs = globs,
            "ignored_static" => config.ignored_static_globs = globs,
            "keep_image_metadata" => config.privacy.keep_image_metadata_globs = globs,
            _ => config.skip_content_templating_globs = globs,
        }
    }
    errors
}

/// Takes `[languages.<default>]`'s settings where the top level leaves them unset, as
/// Zola does.
fn fold_default(config: &mut Config, own: super::LanguageConfig) {
    if config.title.is_none() {
        config.title = own.title;
    }
    if config.description.is_none() {
        config.description = own.description;
    }
    if config.taxonomies.is_empty() {
        config.taxonomies = own.taxonomies;
    }
    for (key, value) in own.translations {
        config.translations.entry(key).or_insert(value);
    }
}

/// `[markdown] external_links_class` must be a class name: a quote would end the
/// attribute it is written into.
pub(super) fn external_links_class(config: &Config, file: &SourceFile) -> Option<Diagnostic> {
    let class = config.markdown.external_links_class.as_ref()?;
    class.get_ref().contains(['"', '\'', '<', '>']).then(|| {
        Diagnostic::error("external_links_class cannot hold quotes or angle brackets")
            .in_file(&file.rel)
            .at(&file.text, class.span())
            .with_hint("write one or more class names separated by spaces, such as external_links_class = \"external-link\"")
    })
}
