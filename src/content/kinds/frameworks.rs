//! Frameworks a partnership assesses itself against, such as the Six Steps for Independent
//! Scrutiny: data files of numbered steps with default titles and prompts.
//!
//! A framework is a TOML file:
//!
//! ```toml
//! id = "six-steps"
//! title = "Six Steps for Independent Scrutiny"
//!
//! [[steps]]
//! number = 1
//! title = "…"
//! prompt = "…"
//! ```
//!
//! safesite ships the ones in [`known_ids`] (embedded in the binary). A site may replace
//! one, or add its own, with `data/frameworks/<id>.toml` in the same format.
//!
//! The real step titles of the Six Steps are not built in: the shipped file's titles and
//! prompts are placeholders that tell the partnership to set them from its own copy
//! ([`FrameworkStep::is_placeholder`] finds them, so `check` can warn).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::source::document::parse_data_toml;

/// The frameworks a site's self-assessments name, each read once per build.
///
/// `Some` for a framework that loaded, `None` for one whose site file is broken (its
/// error is among the diagnostics returned with the set); ids no framework has are
/// absent, so a check can say so.
pub type FrameworkSet = std::collections::HashMap<String, Option<Framework>>;

/// Loads every framework `site`'s self-assessments name, once each.
pub fn load_used(root: &Path, site: &crate::content::Site) -> (FrameworkSet, Vec<Diagnostic>) {
    let mut set = FrameworkSet::new();
    let mut diags = Vec::new();
    for page in &site.pages {
        let Some(super::KindData::SelfAssessment(sa)) = &page.kind else {
            continue;
        };
        if set.contains_key(&sa.framework) {
            continue;
        }
        match load(root, &sa.framework) {
            Ok(Some(f)) => {
                set.insert(sa.framework.clone(), Some(f));
            }
            Ok(None) => {}
            Err(d) => {
                diags.push(d);
                set.insert(sa.framework.clone(), None);
            }
        }
    }
    (set, diags)
}

/// The frameworks built into safesite: id and the text of its data file.
const BUILTIN: &[(&str, &str)] = &[("six-steps", include_str!("frameworks/six-steps.toml"))];

/// The words every shipped placeholder title contains (compared ignoring case).
const PLACEHOLDER_MARKER: &str = "set this step's title from your copy";

/// The folder of a site, under its root, that holds its own framework files.
pub const SITE_FOLDER: &str = "data/frameworks";

/// A framework: its steps, in the order they are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Framework {
    /// The id pages name in `framework = "…"` (the file name without `.toml`).
    pub id: String,
    /// The framework's name, as shown on pages.
    pub title: String,
    /// The steps, in file order.
    pub steps: Vec<FrameworkStep>,
}

/// One step of a framework, with its default title and the prompt shown to authors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkStep {
    /// The step's number (from 1).
    pub number: u32,
    /// The default title (a page may set its own per step).
    pub title: String,
    /// What the step asks the partnership to consider.
    pub prompt: String,
}

impl Framework {
    /// The step numbered `number`, if the framework has one.
    pub fn step(&self, number: u32) -> Option<&FrameworkStep> {
        self.steps.iter().find(|s| s.number == number)
    }
}

impl FrameworkStep {
    /// Whether the title is still a placeholder to be set from the partnership's own copy
    /// of the framework (as in the shipped Six Steps file), or is blank.
    pub fn is_placeholder(&self) -> bool {
        is_placeholder_title(&self.title)
    }
}

/// Whether `title` is a placeholder step title (the shipped wording, even when copied into a
/// site's own file or a page) or is blank.
pub fn is_placeholder_title(title: &str) -> bool {
    title.trim().is_empty() || title.to_lowercase().contains(PLACEHOLDER_MARKER)
}

/// The ids of the built-in frameworks.
pub fn known_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// The built-in framework `id`, if safesite ships one.
pub fn builtin(id: &str) -> Option<Framework> {
    let (_, text) = BUILTIN.iter().find(|(known, _)| *known == id)?;
    // The shipped files are checked by the tests, so this does not fail in practice.
    let raw: RawFramework = toml::from_str(text).ok()?;
    Some(raw.into_framework())
}

/// The framework `id` for the site at `root`: the site's own `data/frameworks/<id>.toml`
/// if it has one, otherwise the built-in one.
///
/// `Ok(None)` when neither exists (or `id` is not a plain name of lower-case letters,
/// digits, `-` and `_`, so it cannot name a file): the caller reports that at the page's
/// `framework` field, with [`known_ids`] as the choices. A site file that cannot be read or
/// parsed, or whose steps are wrong, is an error at its line.
pub fn load(root: &Path, id: &str) -> Result<Option<Framework>, Diagnostic> {
    if !is_plain_id(id) {
        return Ok(None);
    }
    let path = root.join(SITE_FOLDER).join(format!("{id}.toml"));
    if !path.is_file() {
        return Ok(builtin(id));
    }
    let file = SourceFile::read(root, &path)?;
    parse_site_file(&file, id).map(Some)
}

/// Whether `id` can be used as a file name as it is.
fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A framework file as written, with the places of what is checked after parsing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    id: Spanned<String>,
    title: String,
    steps: Vec<RawStep>,
}

/// One `[[steps]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    number: Spanned<u32>,
    title: String,
    prompt: String,
}

impl RawFramework {
    fn into_framework(self) -> Framework {
        Framework {
            id: self.id.into_inner(),
            title: self.title,
            steps: self
                .steps
                .into_iter()
                .map(|s| FrameworkStep {
                    number: s.number.into_inner(),
                    title: s.title,
                    prompt: s.prompt,
                })
                .collect(),
        }
    }
}

/// Parses and checks a site's framework file, which should define framework `id`.
fn parse_site_file(file: &SourceFile, id: &str) -> Result<Framework, Diagnostic> {
    // A byte-order mark is kept in the text so that offsets match the file; skip it.
    let offset = if file.text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let raw: RawFramework = parse_data_toml(file, offset, &file.text[offset..])?;
    let at = |range: Range<usize>| -> Range<usize> { range.start + offset..range.end + offset };
    let error = |message: String, range: Range<usize>, hint: String| {
        Diagnostic::error(message)
            .in_file(&file.rel)
            .at(&file.text, at(range))
            .with_hint(hint)
    };

    if raw.id.get_ref() != id {
        return Err(error(
            format!(
                "this file defines the framework \"{}\", but its name says \"{id}\"",
                raw.id.get_ref()
            ),
            raw.id.span(),
            format!("write id = \"{id}\", or rename the file to match its id"),
        ));
    }
    let Some(first) = raw.steps.first() else {
        return Err(Diagnostic::error("this framework has no steps")
            .in_file(&file.rel)
            .with_hint(
                "add a [[steps]] table for each step, with number = 1, 2, … and a title and prompt",
            ));
    };
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for (i, step) in raw.steps.iter().enumerate() {
        let n = *step.number.get_ref();
        if n == 0 {
            return Err(error(
                "steps are numbered from 1".to_string(),
                step.number.span(),
                "number the steps 1, 2, 3, … in order".to_string(),
            ));
        }
        if let Some(earlier) = seen.insert(n, i) {
            return Err(error(
                format!("there are two steps numbered {n}"),
                step.number.span(),
                format!(
                    "step {} of this file is already number {n}: give each step its own number",
                    earlier + 1
                ),
            ));
        }
    }
    if id == "six-steps" {
        // Pages are checked to have exactly six steps numbered 1–6, so the framework must too.
        let expected: Vec<u32> = (1..=6).collect();
        let mut numbers: Vec<u32> = seen.keys().copied().collect();
        numbers.sort_unstable();
        if numbers != expected {
            let list = numbers
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(error(
                format!("the Six Steps have six steps numbered 1 to 6, but this file has {list}"),
                first.number.span(),
                "keep one [[steps]] table for each of the numbers 1 to 6 and set its title and prompt from your copy of the framework".to_string(),
            ));
        }
    }
    Ok(raw.into_framework())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(id: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join(SITE_FOLDER);
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(folder.join(format!("{id}.toml")), text).expect("write");
        dir
    }

    fn custom_six(title_of_step_two: &str) -> String {
        let mut text = String::from("id = \"six-steps\"\ntitle = \"Six Steps\"\n");
        for n in 1..=6 {
            let title = if n == 2 {
                title_of_step_two.to_string()
            } else {
                format!("Our step {n}")
            };
            text.push_str(&format!(
                "\n[[steps]]\nnumber = {n}\ntitle = \"{title}\"\nprompt = \"Our prompt {n}\"\n"
            ));
        }
        text
    }

    #[test]
    fn builtin_six_steps_has_six_placeholder_steps() {
        let f = builtin("six-steps").expect("shipped");
        assert_eq!(f.id, "six-steps");
        assert_eq!(f.title, "Six Steps for Independent Scrutiny");
        let numbers: Vec<u32> = f.steps.iter().map(|s| s.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
        for s in &f.steps {
            assert!(s.is_placeholder(), "{}", s.title);
            assert!(s.title.starts_with(&format!("Step {} (", s.number)));
            assert!(
                s.prompt
                    .contains("from your copy of the Six Steps framework")
            );
        }
        assert_eq!(f.step(4).map(|s| s.number), Some(4));
        assert!(f.step(7).is_none());
    }

    #[test]
    fn every_builtin_parses_and_is_known() {
        for id in known_ids() {
            let f = builtin(id).expect(id);
            assert_eq!(f.id, id);
            // The shipped files pass the same checks as a site's own.
            let file = SourceFile {
                rel: format!("{id}.toml").into(),
                text: BUILTIN
                    .iter()
                    .find(|(k, _)| *k == id)
                    .map(|(_, t)| (*t).into())
                    .expect("text"),
            };
            assert_eq!(parse_site_file(&file, id).expect("valid"), f);
        }
        assert!(builtin("five-steps").is_none());
    }

    #[test]
    fn placeholder_detection() {
        let step = |title: &str| FrameworkStep {
            number: 1,
            title: title.to_string(),
            prompt: String::new(),
        };
        assert!(
            step("Step 1 (set this step's title from your copy of the Six Steps framework)")
                .is_placeholder()
        );
        assert!(step("STEP 3 (SET THIS STEP'S TITLE FROM YOUR COPY of it)").is_placeholder());
        assert!(step("  ").is_placeholder());
        assert!(!step("Our own title for step 1").is_placeholder());
        assert!(!is_placeholder_title("Copy of the partnership's plan"));
    }

    #[test]
    fn site_file_overrides_builtin() {
        let site = site_with("six-steps", &custom_six("Our step 2"));
        let f = load(site.path(), "six-steps")
            .expect("valid")
            .expect("found");
        assert_eq!(f.title, "Six Steps");
        assert_eq!(f.steps.len(), 6);
        assert_eq!(f.steps[1].title, "Our step 2");
        assert!(f.steps.iter().all(|s| !s.is_placeholder()));
    }

    #[test]
    fn builtin_when_the_site_has_no_file_and_none_for_unknown_ids() {
        let site = tempfile::tempdir().expect("temp dir");
        let f = load(site.path(), "six-steps")
            .expect("ok")
            .expect("built in");
        assert_eq!(f, builtin("six-steps").expect("shipped"));
        assert_eq!(load(site.path(), "seven-steps").expect("ok"), None);
        assert_eq!(load(site.path(), "../six-steps").expect("ok"), None);
        assert_eq!(load(site.path(), "").expect("ok"), None);
    }

    #[test]
    fn a_site_may_add_its_own_framework() {
        let text = "id = \"our-audit\"\ntitle = \"Our audit\"\n\n[[steps]]\nnumber = 1\ntitle = \"Leadership\"\nprompt = \"How?\"\n";
        let site = site_with("our-audit", text);
        let f = load(site.path(), "our-audit")
            .expect("valid")
            .expect("found");
        assert_eq!(f.steps.len(), 1);
        assert!(builtin("our-audit").is_none());
    }

    #[test]
    fn parse_error_is_located_at_file_and_line() {
        // Line 6 is step 1's title, missing its closing quote.
        let text =
            custom_six("Our step 2").replacen("title = \"Our step 1\"", "title = \"Our step 1", 1);
        let site = site_with("six-steps", &text);
        let d = load(site.path(), "six-steps").expect_err("broken");
        assert!(d.is_error());
        assert_eq!(
            d.path.as_deref(),
            Some(Path::new("data/frameworks/six-steps.toml"))
        );
        assert_eq!(d.line, 6, "{}", d.render(false));
        assert!(
            d.location()
                .expect("location")
                .contains("data/frameworks/six-steps.toml:6")
        );
    }

    #[test]
    fn unknown_field_is_located() {
        let text = custom_six("Our step 2").replacen(
            "prompt = \"Our prompt 3\"",
            "promt = \"Our prompt 3\"",
            1,
        );
        let site = site_with("six-steps", &text);
        let d = load(site.path(), "six-steps").expect_err("unknown field");
        assert_eq!(d.line, 17, "{}", d.render(false));
        let hint = d.hint.unwrap_or_default();
        assert_eq!(hint, "did you mean `prompt`?");
    }

    #[test]
    fn wrong_id_duplicate_and_missing_steps_are_errors() {
        let site = site_with(
            "six-steps",
            &custom_six("x").replacen("id = \"six-steps\"", "id = \"6-steps\"", 1),
        );
        let d = load(site.path(), "six-steps").expect_err("wrong id");
        assert_eq!((d.line, d.column), (1, 6));

        let text = custom_six("x").replacen("number = 3", "number = 2", 1);
        let site = site_with("six-steps", &text);
        let d = load(site.path(), "six-steps").expect_err("duplicate");
        assert!(d.message.contains("two steps numbered 2"), "{}", d.message);
        assert_eq!(d.line, 15);

        let text = custom_six("x").replacen("number = 6", "number = 7", 1);
        let site = site_with("six-steps", &text);
        let d = load(site.path(), "six-steps").expect_err("not 1-6");
        assert!(d.message.contains("1, 2, 3, 4, 5, 7"), "{}", d.message);

        let site = site_with("other", "id = \"other\"\ntitle = \"x\"\nsteps = []\n");
        let d = load(site.path(), "other").expect_err("no steps");
        assert!(d.message.contains("no steps"));
    }

    #[test]
    fn byte_order_mark_is_allowed() {
        let site = site_with("six-steps", &format!("\u{feff}{}", custom_six("x")));
        assert!(load(site.path(), "six-steps").expect("valid").is_some());
    }
}
