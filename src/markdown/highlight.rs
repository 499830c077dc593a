//! Fenced code → HTML with syntect, using CSS classes (`hl-…`) so no inline style is needed.
//!
//! The grammars are the site's ([`Syntaxes`]: the bundled ones, loaded once, and its
//! `extra_grammars`). A grammar that panics, errors or meets a block over the size budget
//! falls back to plain escaped code.

use std::panic::{AssertUnwindSafe, catch_unwind};

use syntect::html::ClassedHTMLGenerator;
use syntect::util::LinesWithEndings;

use crate::config::{CLASS_STYLE, Syntaxes};

/// Blocks larger than this are not highlighted (a runaway grammar could take minutes).
const MAX_HIGHLIGHT_BYTES: usize = 256 * 1024;

/// Why a block was left plain.
#[derive(Debug, PartialEq, Eq)]
pub enum Fallback {
    /// No grammar knows the language name.
    UnknownLanguage,
    /// The block is over the size budget.
    TooLarge,
    /// The grammar failed on this block.
    Failed(String),
}

/// Common fence names that the grammars know by another name (GitHub and Zola take
/// these), so ```` ```text ```` or ```` ```shell ```` does not warn.
fn grammar_token(lang: &str) -> &str {
    match lang.to_ascii_lowercase().as_str() {
        "text" | "plain" | "plaintext" => "txt",
        "shell" | "console" | "shell-session" | "shellsession" => "bash",
        "jsx" => "js",
        "csharp" => "cs",
        "golang" => "go",
        _ => lang,
    }
}

/// Highlights `code` as `lang` with `syntaxes`, returning the inner HTML of the `<code>`
/// element.
pub fn highlight(syntaxes: &Syntaxes, lang: &str, code: &str) -> Result<String, Fallback> {
    let set = syntaxes.set();
    let syntax = set
        .find_syntax_by_token(grammar_token(lang))
        .ok_or(Fallback::UnknownLanguage)?;
    if code.len() > MAX_HIGHLIGHT_BYTES {
        return Err(Fallback::TooLarge);
    }
    let run = || -> Result<String, syntect::Error> {
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line)?;
        }
        Ok(generator.finalize())
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(html)) => Ok(html),
        Ok(Err(e)) => Err(Fallback::Failed(e.to_string())),
        Err(_) => Err(Fallback::Failed("the grammar crashed".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_is_highlighted_with_classes() {
        let html = highlight(&Syntaxes::default(), "toml", "a = 1\n").expect("toml grammar");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn common_other_names_are_known() {
        for lang in [
            "text", "Plain", "shell", "console", "jsx", "csharp", "golang",
        ] {
            assert!(
                highlight(&Syntaxes::default(), lang, "x\n").is_ok(),
                "{lang}"
            );
        }
    }

    #[test]
    fn unknown_language_falls_back() {
        assert_eq!(
            highlight(&Syntaxes::default(), "no-such-lang", "x"),
            Err(Fallback::UnknownLanguage)
        );
    }
}
