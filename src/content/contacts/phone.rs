//! UK phone numbers: checking what is written in `data/contacts.toml`, and turning it
//! into what a page shows and a `tel:` link.
//!
//! The rules follow Ofcom's National Telephone Numbering Plan, narrowed to the numbers a
//! safeguarding partnership has reason to publish:
//!
//! - short numbers: 999 and 112 (emergency), 101 (police, non-emergency), 111 (NHS),
//!   116 and three more digits (the European "116" helplines, such as Samaritans on
//!   116 123 and Missing People on 116 000), 18000 (emergency by text relay), and any of
//!   these or a full number after 18001 (Relay UK, for people who are deaf or cannot
//!   speak);
//! - geographic numbers: 01 (11 digits, or 10 in a few areas) and 02 (11 digits);
//! - 03 numbers (11 digits, charged like a local call, used by councils and police);
//! - free numbers: 0800 (10 or 11 digits, and Childline's 0800 1111) and 0808 (11 digits);
//! - mobiles: 07 (11 digits);
//! - 084 and 087 numbers (11 digits) are accepted with a warning: they cost callers
//!   more, and public services are told not to use them;
//! - `+44` (or `0044`) in place of the first 0, with or without `(0)`.
//!
//! Spaces, hyphens and brackets between digits are allowed; anything else is an error
//! that says what a UK number looks like.

mod format;
mod plan;

use format::{display, href};
use plan::classify;

/// What a UK phone number looks like, for hints.
pub const UK_NUMBER_HINT: &str = "a UK phone number has 11 digits starting 01, 02, 03, 07 or 08, such as \"01632 960 101\", \"020 7946 0000\", \"0300 123 4567\", \"0808 800 5000\" or \"07700 900 123\"; or it is a short number: 999, 112, 101, 111, or a 116 helpline such as \"116 123\"; numbers may also start +44 in place of the first 0";

/// A checked UK phone number, ready to show and to link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The number as shown on pages: as written when it was written plainly with spaces,
    /// otherwise in the usual UK grouping (`01632 960101`, `020 7946 0000`).
    pub display: String,
    /// The `tel:` link: `tel:+441632960101` for full numbers, `tel:999` for short ones.
    pub href: String,
    /// Only the digits, in national form (`01632960101`, `999`, `18001101`).
    digits: String,
}

/// What is wrong with a phone number, in plain English, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneProblem {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

impl PhoneProblem {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        PhoneProblem {
            message: message.into(),
            hint: hint.into(),
        }
    }

    fn general(message: impl Into<String>) -> Self {
        Self::new(message, UK_NUMBER_HINT)
    }
}

impl Phone {
    /// The digits of the number in national form (`01632960101`, `999`).
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// Whether this is an emergency number (999 or 112).
    pub fn is_emergency(&self) -> bool {
        matches!(self.digits.as_str(), "999" | "112")
    }

    /// Something worth fixing about a number that is valid: 084 and 087 numbers cost
    /// callers more than a local call.
    pub fn warning(&self) -> Option<PhoneProblem> {
        let d = self.digits.strip_prefix("18001").unwrap_or(&self.digits);
        (d.starts_with("084") || d.starts_with("087")).then(|| {
            PhoneProblem::new(
                format!(
                    "calls to {} cost more than a local call: people worried about a child may not ring a number that costs them money",
                    self.display
                ),
                "public services should use a free 0800 or 0808 number, or an 03 number (charged like a local call); ask the service whether it has one",
            )
        })
    }
}

/// Characters allowed between the digits of a number.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t' | '-' | '(' | ')')
}

/// Checks `raw` as a UK phone number.
pub fn parse_phone(raw: &str) -> Result<Phone, PhoneProblem> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(PhoneProblem::new(
            "this phone number is empty",
            "write the number inside the quotes, such as \"01632 960 101\", or remove the line",
        ));
    }
    // `+44 (0)1632 …` is a common way of writing a UK number for callers abroad.
    let without_zero = trimmed.replacen("(0)", "", 1);
    let source =
        if (trimmed.starts_with("+44") || trimmed.starts_with("0044")) && trimmed.contains("(0)") {
            without_zero.as_str()
        } else {
            trimmed
        };
    let mut compact = String::new();
    for (i, c) in source.chars().enumerate() {
        if c.is_ascii_digit() || (c == '+' && i == 0) {
            compact.push(c);
        } else if !is_separator(c) {
            return Err(stray_character(trimmed, c));
        }
    }
    let national = if let Some(rest) = compact
        .strip_prefix("+44")
        .or_else(|| compact.strip_prefix("0044"))
    {
        if rest.starts_with('0') {
            return Err(PhoneProblem::new(
                format!("`{trimmed}` has a 0 after +44: callers from abroad would not get through"),
                format!(
                    "leave out the 0 after +44 (write \"+44 {}\"), or write the number as it is dialled in the UK, starting 0",
                    after_country_code(trimmed)
                        .trim_start_matches('0')
                        .trim_start()
                ),
            ));
        }
        if rest.len() < 9 {
            return Err(PhoneProblem::general(format!(
                "`{trimmed}` is too short to be a UK number after +44"
            )));
        }
        format!("0{rest}")
    } else if compact.starts_with('+') || compact.starts_with("00") {
        return Err(PhoneProblem::general(format!(
            "`{trimmed}` is not a UK number: UK numbers start with 0, or +44 for callers abroad"
        )));
    } else {
        compact
    };
    if national.is_empty() {
        return Err(PhoneProblem::general(format!("`{trimmed}` has no digits")));
    }
    classify(trimmed, &national)?;
    Ok(Phone {
        display: display(trimmed, &national),
        href: href(&national),
        digits: national,
    })
}

/// What follows `+44` or `0044` in `trimmed`, as written.
fn after_country_code(trimmed: &str) -> &str {
    trimmed
        .strip_prefix("+44")
        .or_else(|| trimmed.strip_prefix("0044"))
        .unwrap_or(trimmed)
        .trim_start()
}

/// A character that is neither a digit nor a separator.
fn stray_character(trimmed: &str, c: char) -> PhoneProblem {
    // Letters that look like digits are a common slip when copying numbers.
    let lookalike = match c {
        'O' | 'o' => Some('0'),
        'l' | 'I' => Some('1'),
        _ => None,
    };
    if let Some(digit) = lookalike {
        let fixed: String = trimmed
            .chars()
            .map(|x| if x == c { digit } else { x })
            .collect();
        if parse_phone(&fixed).is_ok() {
            return PhoneProblem::new(
                format!("`{trimmed}` has the letter {c} where the digit {digit} is meant"),
                format!("write \"{fixed}\""),
            );
        }
    }
    if c.is_alphabetic() {
        return PhoneProblem::general(format!(
            "`{trimmed}` is not a phone number: it has the letter `{c}` in it (write only the number here, and put words such as extensions or opening times in other fields)"
        ));
    }
    PhoneProblem::general(format!(
        "`{trimmed}` is not a phone number: it has `{c}` in it, and only digits, spaces, hyphens and brackets are allowed"
    ))
}

#[cfg(test)]
mod tests;
