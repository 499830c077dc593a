//! `[slugify]`: how names become URL parts and anchors, with Zola's three strategies.

use serde::{Deserialize, Serialize};

/// How much a name is changed to make it a URL part or an anchor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    /// Lower-case ASCII words joined by hyphens (`Domestic abuse` → `domestic-abuse`).
    #[default]
    On,
    /// Only the characters no file name may hold are removed; the rest stays.
    Safe,
    /// Nothing is changed.
    Off,
}

/// The `[slugify]` table.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SlugifyConfig {
    /// For content file and folder names.
    #[serde(default)]
    pub paths: Strategy,
    /// For taxonomy names and their terms.
    #[serde(default)]
    pub taxonomies: Strategy,
    /// For heading anchors.
    #[serde(default)]
    pub anchors: Strategy,
    /// Keep a file name's date prefix in its URL (`2024-05-01-update` rather than `update`).
    #[serde(default)]
    pub paths_keep_dates: bool,
}

impl Strategy {
    /// `name` as a URL part under this strategy.
    pub fn path(self, name: &str) -> String {
        match self {
            Strategy::On => slug::slugify(name),
            Strategy::Safe => {
                let trimmed = name.trim_end_matches([' ', '.']);
                trimmed
                    .chars()
                    .filter(|c| !r#"<>:"/\|?*"#.contains(*c))
                    .collect()
            }
            Strategy::Off => name.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Strategy;

    #[test]
    fn the_three_strategies_treat_a_name_as_zola_does() {
        let cases = [
            (
                "Domestic abuse",
                ["domestic-abuse", "Domestic abuse", "Domestic abuse"],
            ),
            ("dot. ", ["dot", "dot", "dot. "]),
            ("héhé", ["hehe", "héhé", "héhé"]),
            ("a/b?", ["a-b", "ab", "a/b?"]),
        ];
        for (name, [on, safe, off]) in cases {
            assert_eq!(Strategy::On.path(name), on);
            assert_eq!(Strategy::Safe.path(name), safe);
            assert_eq!(Strategy::Off.path(name), off);
        }
    }
}
