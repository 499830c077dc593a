//! The words and numbers written into the chart: ratings as words, titles wrapped to
//! fit, coordinates that are the same on every run, and XML escaping.

pub(super) use crate::content::text::label;

/// `title` broken into at most `max_lines` lines of at most `width` characters, at spaces
/// (a longer word is split); what does not fit is cut, ending with "…".
pub(super) fn wrap(title: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut words: Vec<String> = title.split_whitespace().map(str::to_string).collect();
    words.reverse();
    let mut cut = false;
    while let Some(word) = words.pop() {
        let len = line.chars().count();
        let wlen = word.chars().count();
        if len > 0 && len + 1 + wlen <= width {
            line.push(' ');
            line.push_str(&word);
        } else if len == 0 && wlen <= width {
            line = word;
        } else if len == 0 {
            // A word longer than a line: split it.
            let head: String = word.chars().take(width).collect();
            let tail: String = word.chars().skip(width).collect();
            words.push(tail);
            line = head;
        } else {
            words.push(word);
            if lines.len() + 1 == max_lines {
                cut = true;
                break;
            }
            lines.push(std::mem::take(&mut line));
        }
    }
    if cut {
        // Make room for the "…" on the last line.
        while line.chars().count() + 1 > width {
            line.pop();
        }
        let kept = line.trim_end_matches([' ', ',', ';', ':', '(', '-']);
        line = format!("{kept}…");
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A coordinate with at most one decimal place and no trailing `.0`, the same on every run.
pub(super) fn number(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!(
            "{}{}.{}",
            if tenths < 0 { "-" } else { "" },
            (tenths / 10).abs(),
            (tenths % 10).abs()
        )
    }
}

/// Escapes text for XML content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in XML.
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}
