//! How a checked number is written on pages, and its `tel:` link.

/// Area codes of six digits (in areas where local numbers have four or five digits).
const SIX_DIGIT_AREA_CODES: [&str; 12] = [
    "013873", "015242", "015394", "015395", "015396", "016973", "016974", "016977", "017683",
    "017684", "017687", "019467",
];

/// How the number is shown: as written if it was written plainly with spaces (the
/// service's own grouping, such as `01344 351 999`), otherwise in the usual grouping.
pub(super) fn display(trimmed: &str, national: &str) -> String {
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
pub(super) fn href(national: &str) -> String {
    match national.strip_prefix('0') {
        Some(rest) => format!("tel:+44{rest}"),
        None => format!("tel:{national}"),
    }
}
