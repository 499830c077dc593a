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

/// Checks the digits `d` (national form) against the numbering plan.
fn classify(shown: &str, d: &str) -> Result<(), PhoneProblem> {
    if let Some(rest) = d.strip_prefix("18001")
        && !rest.is_empty()
    {
        // Relay UK: 18001 before any number the caller could dial.
        return classify(shown, rest).map_err(|p| {
            PhoneProblem::new(
                format!("`{shown}` starts with 18001 (Relay UK), but what follows is not a UK number: {}", p.message),
                p.hint,
            )
        });
    }
    if !d.starts_with('0') {
        return short_number(shown, d);
    }
    let n = d.len();
    let count = |allowed: &str, example: &str| {
        PhoneProblem::new(
            format!(
                "`{shown}` has {n} digits, but numbers starting {} have {allowed}: check for a missing or extra digit",
                &d[..d.len().min(if d.starts_with("08") { 4 } else { 2 })]
            ),
            format!("a number like this is written \"{example}\""),
        )
    };
    match d.as_bytes().get(1) {
        Some(b'1') if n == 11 => Ok(()),
        Some(b'1') if n == 10 && has_ten_digit_numbers(d) => Ok(()),
        Some(b'1') if n == 10 => Err(PhoneProblem::new(
            format!(
                "`{shown}` has 10 digits, but numbers starting {} have 11: check for a missing digit",
                &d[..5]
            ),
            "a number like this is written \"01632 960 101\" (only a few areas, such as Bolton's 01204, also have 10-digit numbers)",
        )),
        Some(b'1') => Err(count("11 (or 10 in a few areas)", "01632 960 101")),
        Some(b'2') if n == 11 => Ok(()),
        Some(b'2') => Err(count("11", "020 7946 0000")),
        Some(b'3') if n == 11 => Ok(()),
        Some(b'3') => Err(count("11", "0300 123 4567")),
        Some(b'7') if n == 11 => Ok(()),
        Some(b'7') => Err(count("11", "07700 900 123")),
        Some(b'8') => free_or_costly(shown, d),
        Some(b'9') => Err(PhoneProblem::new(
            format!(
                "`{shown}` is a premium-rate number (starting 09): calls cost a lot, and no safeguarding service uses one"
            ),
            "check the number with the service; the right one probably starts 01, 02, 03 or 0800",
        )),
        _ => Err(PhoneProblem::general(format!(
            "`{shown}` is not a UK number that can be published here: UK numbers start 01, 02, 03, 07 or 08"
        ))),
    }
}

/// The 01 area codes where some local numbers have five digits, making numbers of 10
/// digits in all (Ofcom's numbering plan; elsewhere 01 numbers have 11 digits).
const TEN_DIGIT_AREA_CODES: [&str; 40] = [
    "01204", "01208", "01254", "01276", "01297", "01298", "01363", "01364", "01384", "01386",
    "01404", "01420", "01460", "01461", "01480", "01488", "01524", "01527", "01562", "01566",
    "01606", "01629", "01635", "01647", "01659", "01695", "01726", "01744", "01750", "01768",
    "01827", "01837", "01884", "01900", "01905", "01935", "01949", "01963", "01995", "016977",
];

/// Whether the 10-digit 01 number `d` is in an area that has 10-digit numbers.
fn has_ten_digit_numbers(d: &str) -> bool {
    TEN_DIGIT_AREA_CODES.iter().any(|code| d.starts_with(code))
}

/// 08 numbers: free 0800 and 0808 numbers, and 084/087 numbers that cost more.
fn free_or_costly(shown: &str, d: &str) -> Result<(), PhoneProblem> {
    let n = d.len();
    let wrong = |allowed: &str, example: &str| {
        PhoneProblem::new(
            format!(
                "`{shown}` has {n} digits, but numbers starting {} have {allowed}: check for a missing or extra digit",
                &d[..4.min(n)]
            ),
            format!("a number like this is written \"{example}\""),
        )
    };
    if d.starts_with("0800") {
        // Childline's 0800 1111 is the one eight-digit number Ofcom has kept.
        if n == 10 || n == 11 || d == "08001111" {
            return Ok(());
        }
        return Err(wrong("10 or 11", "0800 123 4567"));
    }
    if d.starts_with("0808") {
        return if n == 11 {
            Ok(())
        } else {
            Err(wrong("11", "0808 800 5000"))
        };
    }
    if d.starts_with("084") || d.starts_with("087") {
        return if n == 11 {
            Ok(())
        } else {
            Err(wrong("11", "0345 123 4567"))
        };
    }
    Err(PhoneProblem::general(format!(
        "`{shown}` is not a UK number that can be published here: numbers starting 08 are 0800 or 0808 (free to call), or 084 and 087"
    )))
}

/// Numbers with no leading 0: the short numbers people can dial.
fn short_number(shown: &str, d: &str) -> Result<(), PhoneProblem> {
    let is_116 = d.len() == 6 && d.starts_with("116");
    if matches!(d, "999" | "112" | "101" | "111" | "18000") || is_116 {
        return Ok(());
    }
    if d.starts_with("44") && d.len() >= 11 {
        return Err(PhoneProblem::new(
            format!("`{shown}` looks like a UK number written for callers abroad, without the +"),
            format!(
                "write it with a + at the start (\"+{d}\"), or as it is dialled in the UK: \"0{}\"",
                &d[2..]
            ),
        ));
    }
    if (9..=10).contains(&d.len()) && classify(shown, &format!("0{d}")).is_ok() {
        return Err(PhoneProblem::new(
            format!("`{shown}` is missing the 0 at the start"),
            format!("write \"0{}\"", shown.trim_start()),
        ));
    }
    Err(PhoneProblem::general(format!(
        "`{shown}` is not a UK phone number: numbers start with 0 (or +44), and the only short numbers that can be published are 999, 112, 101, 111, 18000 and 116 helplines"
    )))
}

/// Area codes of six digits (in areas where local numbers have four or five digits).
const SIX_DIGIT_AREA_CODES: [&str; 12] = [
    "013873", "015242", "015394", "015395", "015396", "016973", "016974", "016977", "017683",
    "017684", "017687", "019467",
];

/// How the number is shown: as written if it was written plainly with spaces (the
/// service's own grouping, such as `01344 351 999`), otherwise in the usual grouping.
fn display(trimmed: &str, national: &str) -> String {
    let plain = trimmed
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || (c == '+' && i == 0))
        && !trimmed.contains("  ");
    if plain && (trimmed.contains(' ') || national.len() <= 5) {
        return trimmed.to_string();
    }
    grouped(national)
}

/// The usual UK grouping of a number in national form.
pub fn grouped(d: &str) -> String {
    if let Some(rest) = d.strip_prefix("18001")
        && !rest.is_empty()
    {
        return format!("18001 {}", grouped(rest));
    }
    let sizes: &[usize] = if !d.starts_with('0') {
        if d.len() == 6 { &[3, 3] } else { &[d.len()] }
    } else if d.starts_with("02") {
        &[3, 4, 4]
    } else if d.starts_with("011") || (d.starts_with("01") && d.as_bytes().get(3) == Some(&b'1')) {
        &[4, 3, 4]
    } else if SIX_DIGIT_AREA_CODES.iter().any(|c| d.starts_with(c)) {
        &[6, d.len().saturating_sub(6)]
    } else if d.starts_with("01") || d.starts_with("07") {
        &[5, d.len().saturating_sub(5)]
    } else if d.len() == 11 {
        &[4, 3, 4]
    } else {
        &[4, d.len().saturating_sub(4)]
    };
    let mut out = String::new();
    let mut at = 0;
    for &size in sizes {
        let end = (at + size).min(d.len());
        if at < end {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&d[at..end]);
        }
        at = end;
    }
    if at < d.len() {
        out.push_str(&d[at..]);
    }
    out
}

/// The `tel:` link: full numbers in international form, short numbers as they are.
fn href(national: &str) -> String {
    match national.strip_prefix('0') {
        Some(rest) => format!("tel:+44{rest}"),
        None => format!("tel:{national}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> Phone {
        parse_phone(raw).unwrap_or_else(|p| panic!("{raw}: {p:?}"))
    }

    fn bad(raw: &str) -> PhoneProblem {
        parse_phone(raw).expect_err(raw)
    }

    #[test]
    fn valid_forms() {
        for raw in [
            "999",
            "112",
            "101",
            "111",
            "116 123",
            "116000",
            "18000",
            "18001 101",
            "18001 01632 960 101",
            "01632 960 101",
            "01632960101",
            "016977 1234",
            "01204 12345",
            "020 7946 0000",
            "0300 123 4567",
            "0345 123 4567",
            "0800 1111",
            "0800 123456",
            "0800 123 4567",
            "0808 800 5000",
            "07700 900 123",
            "+44 1632 960 101",
            "+441632960101",
            "+44 (0)1632 960101",
            "0044 20 7946 0000",
            "(01632) 960-101",
            "01632\u{a0}960\u{a0}101",
        ] {
            ok(raw);
        }
    }

    #[test]
    fn invalid_forms() {
        for raw in [
            "",
            "   ",
            "998",
            "100",
            "1234",
            "116 12",
            "01632 960 10",
            "01632 960 1011",
            "0161 496 000",
            "020 7946 000",
            "0300 123 456",
            "07700 900 12",
            "0808 800 500",
            "0800 11111",
            "0900 123 4567",
            "0500 123 456",
            "0612 345 678",
            "+33 1 23 45 67 89",
            "+44 01632 960 101",
            "+44 999",
            "01632 960 101 ext 4",
            "01632.960.101",
            "call 101",
        ] {
            let p = bad(raw);
            assert!(!p.message.is_empty() && !p.hint.is_empty(), "{raw}");
        }
    }

    #[test]
    fn problems_say_what_to_write() {
        let p = bad("020 7946 000");
        assert!(p.message.contains("has 10 digits"), "{p:?}");
        assert!(p.message.contains("starting 02 have 11"), "{p:?}");
        assert!(p.hint.contains("020 7946 0000"), "{p:?}");
        let p = bad("+44 01632 960 101");
        assert!(p.hint.contains("+44 1632 960 101"), "{p:?}");
        let p = bad("O1632 960 101");
        assert_eq!(p.hint, "write \"01632 960 101\"");
        let p = bad("1632 960 101");
        assert!(p.message.contains("missing the 0"), "{p:?}");
        assert_eq!(p.hint, "write \"01632 960 101\"");
        let p = bad("441632960101");
        assert!(p.hint.contains("+441632960101"), "{p:?}");
        let p = bad("998");
        assert!(p.hint.contains("999"), "{p:?}");
    }

    #[test]
    fn national_numbers_link_in_international_form() {
        let p = ok("01632 960 101");
        assert_eq!(p.display, "01632 960 101");
        assert_eq!(p.href, "tel:+441632960101");
        let p = ok("+44 (0)20 7946 0000");
        assert_eq!(p.display, "020 7946 0000");
        assert_eq!(p.href, "tel:+442079460000");
        assert_eq!(ok("+44 808 800 5000").href, "tel:+448088005000");
        assert_eq!(ok("+44 808 800 5000").display, "+44 808 800 5000");
        assert_eq!(ok("0800 1111").href, "tel:+448001111");
    }

    #[test]
    fn short_numbers_stay_as_they_are() {
        for (raw, href) in [
            ("999", "tel:999"),
            ("112", "tel:112"),
            ("101", "tel:101"),
            ("116 123", "tel:116123"),
            ("18001 101", "tel:18001101"),
        ] {
            let p = ok(raw);
            assert_eq!(p.href, href);
            assert_eq!(p.display, raw);
        }
        assert!(ok("999").is_emergency());
        assert!(!ok("101").is_emergency());
    }

    #[test]
    fn unspaced_numbers_are_grouped() {
        for (raw, shown) in [
            ("01632960101", "01632 960101"),
            ("01134960000", "0113 496 0000"),
            ("01614960000", "0161 496 0000"),
            ("02079460000", "020 7946 0000"),
            ("03001234567", "0300 123 4567"),
            ("08088005000", "0808 800 5000"),
            ("0800123456", "0800 123456"),
            ("08001111", "0800 1111"),
            ("07700900123", "07700 900123"),
            ("0169771234", "016977 1234"),
            ("116123", "116 123"),
            ("01632-960-101", "01632 960101"),
            ("1800101632960101", "18001 01632 960101"),
        ] {
            assert_eq!(ok(raw).display, shown, "{raw}");
        }
    }

    #[test]
    fn costly_numbers_warn() {
        assert!(ok("0845 123 4567").warning().is_some());
        assert!(ok("0870 123 4567").warning().is_some());
        assert!(ok("0300 123 4567").warning().is_none());
        assert!(ok("0808 800 5000").warning().is_none());
    }
}
