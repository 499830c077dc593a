//! Values turned into the words readers see, written once for every page, chart, check
//! and report.

/// A dashed value as words: `not-started` → "Not started", `partially_met` →
/// "Partially met".
pub fn label(value: &str) -> String {
    capitalise(&value.trim().replace(['-', '_'], " "))
}

/// `text` with its first letter a capital: "independent scrutiny" → "Independent
/// scrutiny".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_words() {
        assert_eq!(label("not-started"), "Not started");
        assert_eq!(label("in-progress"), "In progress");
        assert_eq!(label(" partially_met "), "Partially met");
        assert_eq!(label(""), "");
        assert_eq!(capitalise("multi-agency working"), "Multi-agency working");
    }
}
