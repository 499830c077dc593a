//! The tables of `config.toml`: the partnership's scales and addresses, and Markdown
//! options.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::Ignored;

/// The `[self_assessment]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessmentConfig {
    /// The ratings a step can have, best first; `not-assessed` is always allowed too.
    #[serde(default = "default_ratings")]
    pub ratings: Vec<String>,
}

impl Default for SelfAssessmentConfig {
    fn default() -> Self {
        SelfAssessmentConfig {
            ratings: default_ratings(),
        }
    }
}

fn default_ratings() -> Vec<String> {
    ["strong", "established", "developing", "not-started"]
        .map(String::from)
        .to_vec()
}

/// The `[s11_audit]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct S11AuditConfig {
    /// The grades a standard's returns can have, best first.
    #[serde(default = "default_grades")]
    pub grades: Vec<String>,
}

impl Default for S11AuditConfig {
    fn default() -> Self {
        S11AuditConfig {
            grades: default_grades(),
        }
    }
}

/// The grades of the Section 11 scale, best first, when `config.toml` sets none.
fn default_grades() -> Vec<String> {
    ["met", "partially-met", "not-met"]
        .map(String::from)
        .to_vec()
}

/// The `[yearly_report]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YearlyReportConfig {
    /// The bodies a yearly report is sent to: the short name used in `sent_to`, and the
    /// body's full name.
    #[serde(default = "default_bodies")]
    pub bodies: std::collections::BTreeMap<String, String>,
}

impl Default for YearlyReportConfig {
    fn default() -> Self {
        YearlyReportConfig {
            bodies: default_bodies(),
        }
    }
}

fn default_bodies() -> std::collections::BTreeMap<String, String> {
    [
        ("panel", "the Child Safeguarding Practice Review Panel"),
        (
            "foundations",
            "Foundations, the What Works Centre for Children & Families",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// The `[quick_exit]` table: where "Exit this page" goes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuickExitConfig {
    /// The page the button replaces the site with: neutral, so a glance gives nothing away.
    #[serde(default = "default_exit_url")]
    pub url: String,
}

impl Default for QuickExitConfig {
    fn default() -> Self {
        QuickExitConfig {
            url: default_exit_url(),
        }
    }
}

fn default_exit_url() -> String {
    "https://www.bbc.co.uk/weather".into()
}

/// The `[security]` table: `/.well-known/security.txt` (RFC 9116), so someone who finds
/// a problem with the site knows whom to tell, and until when that holds.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityConfig {
    /// How to report a problem: `mailto:`, `https:` or `tel:` addresses, most preferred
    /// first.
    pub contact: OneOrMany,
    /// When the file stops being true (a date, or a date and time); RFC 9116 asks for
    /// less than a year ahead.
    #[serde(skip_serializing)]
    pub expires: toml::Spanned<toml::value::Datetime>,
    /// Where `expires` is in `config.toml`, for `check`'s warning when it has passed.
    #[serde(skip)]
    pub expires_at: Option<crate::diagnostics::Place>,
    /// A page saying how reports are handled.
    #[serde(default)]
    pub policy: Option<String>,
    /// The languages reports can be written in (`["en", "cy"]`).
    #[serde(default)]
    pub preferred_languages: Option<OneOrMany>,
    /// A page thanking those who reported problems.
    #[serde(default)]
    pub acknowledgments: Option<String>,
    /// A key to encrypt reports with.
    #[serde(default)]
    pub encryption: Option<String>,
}

/// A string, or a list of them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One value.
    One(String),
    /// Several, in order.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values, in order.
    pub fn values(&self) -> &[String] {
        match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
}

/// The `[privacy]` table: what the build keeps out of the files it publishes.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Images published with their metadata on purpose: globs of their paths in the
    /// built site (`press/*.jpg`); every other JPEG, PNG and WebP loses it.
    #[serde(default, skip_serializing)]
    pub keep_image_metadata: Vec<String>,
    /// `keep_image_metadata`, compiled.
    #[serde(skip)]
    pub keep_image_metadata_globs: super::Globs,
}

/// `[link_checker]`, as Zola has it: what `safesite check --links` leaves alone and
/// how serious a broken external link is.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LinkCheckerConfig {
    /// External links starting with any of these are not fetched (a site that refuses
    /// robots, an intranet address).
    #[serde(default)]
    pub skip_prefixes: Vec<String>,
    /// Anchors of external links are not fetched at all, so nothing needs skipping:
    /// accepted for Zola's sake.
    #[serde(default)]
    pub skip_anchor_prefixes: Vec<String>,
    /// `error` (the default, as Zola's) or `warn`: what a broken external link is.
    #[serde(default)]
    pub external_level: LinkLevel,
    /// How many seconds one request may take (10 unless set).
    #[serde(default)]
    pub timeout: Option<u64>,
    /// Zola's setting for internal links, which are always errors here.
    #[serde(default, skip_serializing)]
    pub internal_level: super::zola::Ignored,
}

/// How serious a broken link is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkLevel {
    /// It fails the check.
    #[default]
    Error,
    /// It is reported; the check passes.
    Warn,
}

/// The `[markdown]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Curly quotes, dashes and ellipses.
    #[serde(default = "yes")]
    pub smart_punctuation: bool,
    /// The older Zola switch for highlighting; `false` turns highlighting off.
    #[serde(default)]
    pub highlight_code: Option<bool>,
    /// Zola 0.22's `[markdown.highlighting]` table.
    #[serde(default)]
    pub highlighting: Option<HighlightingConfig>,
    /// Where heading anchor links go: `none`, `left`, `right` or `heading`.
    #[serde(default)]
    pub insert_anchor_links: AnchorLinks,
    /// Zola's `:smile:` → 😄.
    #[serde(default, skip_serializing)]
    pub render_emoji: Ignored,
    /// A class for links in content to other sites (`http:`/`https:`), as Zola has it.
    #[serde(default)]
    pub external_links_class: Option<toml::Spanned<String>>,
    /// Open links to other sites in a new tab (with `rel="noopener"`).
    #[serde(default)]
    pub external_links_target_blank: bool,
    /// `rel="nofollow"` on links to other sites.
    #[serde(default)]
    pub external_links_no_follow: bool,
    /// `rel="noreferrer"` on links to other sites.
    #[serde(default)]
    pub external_links_no_referrer: bool,
    /// `rel="external"` on links to other sites: on unless turned off, as in Zola 0.23.
    #[serde(default = "yes")]
    pub external_links_external: bool,
    /// Definition lists (`Term` then `: meaning`): on unless turned off (off in Zola).
    #[serde(default = "yes")]
    pub definition_list: bool,
    /// `loading="lazy" decoding="async"` on images in content, so a long page on a phone
    /// fetches only the images a reader scrolls to.
    #[serde(default)]
    pub lazy_async_image: bool,
    /// Zola's switch for footnotes gathered at the bottom, which safesite always does
    /// (a screen reader's "back to reference" works only there); warned about when off.
    #[serde(default, skip_serializing)]
    pub bottom_footnotes: Ignored,
    /// GitHub-style alerts (`> [!NOTE]`) as `<blockquote class="markdown-alert-note">`:
    /// on unless turned off (off in Zola).
    #[serde(default = "yes")]
    pub github_alerts: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            highlight_code: None,
            highlighting: None,
            insert_anchor_links: AnchorLinks::None,
            render_emoji: None,
            external_links_class: None,
            external_links_target_blank: false,
            external_links_no_follow: false,
            external_links_no_referrer: false,
            external_links_external: true,
            definition_list: true,
            lazy_async_image: false,
            bottom_footnotes: None,
            github_alerts: true,
        }
    }
}

impl MarkdownConfig {
    /// Whether fenced code is highlighted (on unless `highlight_code = false`).
    pub fn highlighting_enabled(&self) -> bool {
        self.highlight_code.unwrap_or(true)
    }

    /// The attributes a link in content to another site gets besides `href` and
    /// `title` (`class="…" target="_blank" rel="noopener external"`), none when the
    /// settings ask for none.
    pub fn external_link_attributes(&self) -> Option<String> {
        let mut attrs = Vec::new();
        if let Some(class) = &self.external_links_class {
            let mut escaped = String::new();
            // Checked to have no quotes; escaped all the same.
            let _ = pulldown_cmark_escape::escape_html(&mut escaped, class.get_ref());
            attrs.push(format!("class=\"{escaped}\""));
        }
        let mut rel = Vec::new();
        if self.external_links_target_blank {
            attrs.push("target=\"_blank\"".to_string());
            rel.push("noopener");
        }
        for (on, word) in [
            (self.external_links_no_follow, "nofollow"),
            (self.external_links_no_referrer, "noreferrer"),
            (self.external_links_external, "external"),
        ] {
            if on {
                rel.push(word);
            }
        }
        if !rel.is_empty() {
            attrs.push(format!("rel=\"{}\"", rel.join(" ")));
        }
        (!attrs.is_empty()).then(|| attrs.join(" "))
    }
}

/// The `[markdown.highlighting]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HighlightingConfig {
    /// `class` (the only style that works under a strict Content-Security-Policy).
    #[serde(default)]
    pub style: Option<String>,
    /// The colour theme whose CSS is written to `/giallo.css`.
    #[serde(default, skip_serializing)]
    pub theme: Option<Spanned<String>>,
    /// The light colour theme, written to `/giallo-light.css` (with `dark_theme`).
    #[serde(default, skip_serializing)]
    pub light_theme: Option<Spanned<String>>,
    /// The dark colour theme, written to `/giallo-dark.css` (with `light_theme`).
    #[serde(default, skip_serializing)]
    pub dark_theme: Option<Spanned<String>>,
    /// More grammars (`.sublime-syntax` or TextMate JSON), relative to the site folder.
    #[serde(default, skip_serializing)]
    pub extra_grammars: Option<Vec<Spanned<String>>>,
    /// More colour themes (`.tmTheme` or VS Code JSON), relative to the site folder.
    #[serde(default, skip_serializing)]
    pub extra_themes: Option<Vec<Spanned<String>>>,
    /// Whether a fence naming a language no grammar knows stops the build.
    #[serde(default)]
    pub error_on_missing_language: Option<bool>,
    /// Zola's choice of element for the `data-lang` attribute.
    #[serde(default, skip_serializing)]
    pub data_attr_position: Ignored,
}

/// Where anchor links are put next to headings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorLinks {
    /// No anchor links.
    #[default]
    None,
    /// A link before the heading text.
    Left,
    /// A link after the heading text.
    Right,
    /// The whole heading text is the link.
    Heading,
}

/// `true`, for switches that are on unless turned off.
pub(super) fn yes() -> bool {
    true
}
