//! The numbering plan: which UK numbers can be published, and what is wrong with those
//! that cannot (a digit missing, a premium-rate number, a short number that is not one).

use super::PhoneProblem;

/// Checks the digits `d` (national form) against the numbering plan.
pub(super) fn classify(shown: &str, d: &str) -> Result<(), PhoneProblem> {
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
