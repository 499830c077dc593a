//! The pages a theme links to from every page (`[pages.<name>]` in its `theme.toml`):
//! the contacts page, the accessibility statement. A theme finds each by what it is (its
//! template or kind), wherever it lives in `content/`, so a site laid out its own way
//! builds, and `check` names each one the site lacks with the command that makes it.

use serde::Deserialize;

/// One page a theme links to, as its `theme.toml` describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemePage {
    /// What the page is, in words for a warning ("contacts page").
    pub describe: String,
    /// The template that marks a page as this one (`contacts.html`).
    pub template: String,
    /// A domain kind whose pages are this one, besides the template.
    #[serde(default)]
    pub kind: Option<String>,
    /// The archetype in the theme's `archetypes/` that `safesite new` makes it from.
    pub archetype: String,
    /// Where `init` puts it and `check` suggests it, under `content/` (`contacts`).
    pub path: String,
    /// A page field that makes the page needed once any page sets it (`changes`: the
    /// "What's changed" page is missed only on a site with change notes).
    #[serde(default)]
    pub needed_when: Option<String>,
}

impl ThemePage {
    /// The command that makes the page.
    pub fn new_command(&self) -> String {
        format!("safesite new {} {}", self.archetype, self.path)
    }
}
