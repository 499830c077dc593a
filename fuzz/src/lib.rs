//! What each fuzz target does with one input. `tests/suite/fuzz_regressions.rs` includes this
//! file too, so that a saved crash runs through exactly the code the fuzzer found it in.

use std::ops::Range;

use safesite::config::{AnchorLinks, Syntaxes};
use safesite::content::Site;
use safesite::content::frontmatter::{PageFrontMatter, SectionFrontMatter, misplaced_field};
use safesite::content::kinds;
use safesite::load;
use safesite::markdown::{self, Input, Options, ShortcodeOutput, TemplateHost};
use safesite::source::{SourceFile, decode_text};
use serde_json::{Map, Value};

/// Reads `data` as a content file, splits off its front matter and parses it as the
/// loader does for a page (with its kind's schema) and for a section's `_index.md`;
/// every field's place must lie in the file.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = decode_text(data) else {
        return;
    };
    let file = SourceFile::in_memory("content/fuzz.md", &text);
    let Ok(split) = load::split(&file) else {
        return;
    };
    assert!(in_bounds(&split.front, &text) && in_bounds(&split.body, &text));
    let front = match load::front_matter(&file, &split) {
        Ok(front) => front,
        Err(d) => {
            assert!(!d.message.is_empty());
            return;
        }
    };
    let every = |d: safesite::diagnostics::Diagnostic| {
        let more = d.more.as_deref().cloned().unwrap_or_default();
        for d in std::iter::once(d).chain(more) {
            assert!(!d.message.is_empty());
            assert!(d.line <= text.lines().count() + 1, "{d:?}");
        }
    };
    if let Err(d) = kinds::parse_page(&file, &front) {
        every(d.map_each(|d| misplaced_field(d, false)));
    }
    let _ = front.parse::<PageFrontMatter>();
    if let Err(d) = front.parse::<SectionFrontMatter>() {
        every(d.map_each(|d| misplaced_field(d, true)));
    }
    for field in front.fields().iter() {
        assert!(in_bounds(&field.key, &text) && in_bounds(&field.value, &text));
    }
}

/// Finds the shortcode calls in `data`; every range must lie on character boundaries.
pub fn shortcodes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match markdown::shortcodes::find_calls(text) {
        Ok(calls) => {
            for call in calls {
                assert!(in_bounds(&call.range, text));
            }
        }
        Err(e) => assert!(in_bounds(&e.range, text) && !e.message.is_empty()),
    }
}

/// Renders `data` (after a first byte choosing the options) as a page body, with
/// shortcodes `md` and `html` defined and every other name unknown.
pub fn markdown(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let options = Options {
        smart_punctuation: flags & 1 != 0,
        highlight: (flags & 2 != 0).then(Syntaxes::default),
        anchor_links: match flags >> 2 & 3 {
            0 => AnchorLinks::None,
            1 => AnchorLinks::Left,
            _ => AnchorLinks::Right,
        },
        templating: flags & 16 != 0,
        external_links: (flags & 32 != 0).then(|| "class=\"ext\" rel=\"external\"".into()),
        definition_lists: flags & 64 != 0,
        alerts: flags & 64 != 0,
        lazy_images: flags & 128 != 0,
    };
    let file = SourceFile::in_memory("content/fuzz.md", body);
    let input = Input {
        file: &file,
        offset: 0,
        body,
        permalink: "https://example.org/fuzz/",
    };
    let mut diags = Vec::new();
    let _ = markdown::render(&input, options, &Site::default(), &Host, &mut diags);
    for d in &diags {
        assert!(!d.message.is_empty());
    }
}

fn in_bounds(range: &Range<usize>, text: &str) -> bool {
    range.start <= range.end && text.get(range.clone()).is_some()
}

/// Shortcode templates for the Markdown target: `md` gives back its body as Markdown,
/// `html` gives a `<div>`, anything else is an unknown shortcode.
struct Host;

impl TemplateHost for Host {
    fn shortcode(
        &self,
        name: &str,
        args: &Map<String, Value>,
        body: Option<&str>,
        nth: usize,
    ) -> Result<ShortcodeOutput, (String, String)> {
        match name {
            "md" => Ok(ShortcodeOutput::Markdown(format!(
                "{}\n\n*{nth}*",
                body.unwrap_or_default()
            ))),
            "html" => Ok(ShortcodeOutput::Html(format!(
                "<div>{}</div>",
                Value::Object(args.clone())
            ))),
            _ => Err((
                format!("there is no shortcode `{name}`"),
                "use md or html".into(),
            )),
        }
    }

    /// Gives the prepared source back (its markers exercise the mapping), or fails at
    /// a place inside it when it says `fail`.
    fn content_template(&self, source: &str) -> Result<String, safesite::markdown::ContentFailure> {
        match source.find("fail") {
            Some(at) => Err(safesite::markdown::ContentFailure::InBody(vec![
                safesite::markdown::BodyProblem {
                    message: "failed".into(),
                    hint: "do not fail".into(),
                    at: Some(at..source.len()),
                },
            ])),
            None => Ok(source.to_string()),
        }
    }

    fn anchor_link(&self, id: &str, level: u32) -> Result<String, String> {
        if level == 6 {
            return Err("no anchor link template for level 6".into());
        }
        Ok(format!("<a href=\"#{id}\">#</a>"))
    }
}

/// Cleans `data` (after a first byte choosing JPEG, PNG or WebP) as the build does a
/// copied image: it must never panic, and a file it cleans must still be a file of that
/// format with no EXIF or XMP left and, where the original decoded, the same pixels.
pub fn image_metadata(data: &[u8]) {
    use safesite::output::image_metadata::{Cleaned, Format, clean};
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let format = match which % 3 {
        0 => Format::Jpeg,
        1 => Format::Png,
        _ => Format::WebP,
    };
    let Ok(Cleaned::Removed(out)) = clean(bytes, format) else {
        return;
    };
    // What is left is clean: cleaning again removes nothing.
    assert_eq!(
        clean(&out, format),
        Ok(Cleaned::Unchanged),
        "a second pass still removed something"
    );
}

/// Reads `data` (after a first byte choosing an Office, OpenDocument or PDF file) as the
/// build reads a download: it must never panic or hang, whatever the archive claims.
pub fn documents(data: &[u8]) {
    use safesite::content::documents::{Kind, inspect};
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let kind = match which % 3 {
        0 => Kind::Office,
        1 => Kind::OpenDocument,
        _ => Kind::Pdf,
    };
    if let Ok(findings) = inspect(bytes, kind) {
        for finding in findings {
            assert!(!finding.describe().is_empty());
        }
    }
}
