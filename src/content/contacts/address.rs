//! Email and web addresses: checked by their form, with a hint for the usual slips
//! (`mailto:` written out, a web address without `https://`).

use toml::Spanned;

use super::checker::Checker;

impl Checker<'_> {
    /// An email address, without `mailto:`.
    pub(super) fn email(&mut self, value: &Spanned<String>) -> Option<String> {
        let email = value.get_ref().trim();
        if let Some(rest) = email.strip_prefix("mailto:") {
            self.error(
                value.span(),
                "`email` starts with mailto:, which is added for you",
                format!("write email = \"{}\"", rest.trim()),
            );
            return None;
        }
        if !looks_like_email(email) {
            self.error(
                value.span(),
                format!("`{email}` does not look like an email address"),
                "an email address has a name, an @ and a domain, with no spaces, such as \"front.door@westmoor.gov.uk\"",
            );
            return None;
        }
        Some(email.to_string())
    }

    /// A whole web address, starting `https://` or `http://`.
    pub(super) fn url(&mut self, value: &Spanned<String>) -> Option<String> {
        let url = value.get_ref().trim();
        let has_scheme = ["https://", "http://"]
            .iter()
            .any(|s| url.strip_prefix(s).is_some_and(|rest| rest.contains('.')));
        if has_scheme && !url.chars().any(char::is_whitespace) {
            return Some(url.to_string());
        }
        let hint = if !url.contains("://") && url.contains('.') && !url.contains(' ') {
            format!("write the whole address, starting https:// (url = \"https://{url}\")")
        } else {
            "write the whole address of the web page, starting https://, such as \"https://www.westmoor.gov.uk/report-a-concern\"".to_string()
        };
        self.error(value.span(), format!("`{url}` is not a web address"), hint);
        None
    }
}

/// Whether `s` has the form of an email address: `name@domain.tld`, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\@".contains(c);
    !local.is_empty()
        && !local.chars().any(bad_char)
        && !domain.chars().any(bad_char)
        && domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}
