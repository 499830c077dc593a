//! The results chart of a Section 11 audit: an SVG drawn at build time, one bar per
//! standard, split into a part for each grade in proportion to its count of returns.
//!
//! Like the self-assessment chart it is labelled by its `<title>` and a `<desc>` that
//! spells out every count, has no `style` attribute or element (colours are presentation
//! attributes, overridden by the theme's `chart-grade-N` classes), and writes each count
//! in words under its bar, so nothing is told by colour alone. The page shows the same
//! data as a table.

use std::fmt::Write as _;

use super::text::{escape, label, number, wrap};
use super::{
    BAR_HEIGHT, INDENT, LINE_HEIGHT, PAD, ROW_GAP, TEXT, TITLE_CHARS, TITLE_LINES, TRACK,
    TRACK_EDGE, WIDTH,
};

/// One standard: its number, title, and the count of returns for each grade, in the
/// order of the scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackedRow {
    /// The standard's number.
    pub number: u32,
    /// The standard's title.
    pub title: String,
    /// The count for each grade of the scale, in the scale's order.
    pub counts: Vec<u32>,
}

/// The full bar (all graded returns).
const BAR_MAX: u32 = 380;
/// The most characters of the counts line before it wraps.
const COUNTS_CHARS: usize = 46;
/// Fills for the grades, best first (the theme's classes override them); a longer scale
/// reuses the last.
const FILLS: &[&str] = &["#003078", "#1d70b8", "#5694ca", "#9cc3e6", "#d2e2f1"];

/// Draws the results chart of `rows` on the scale `grades` (best first) as an inline SVG.
///
/// `caption` is the chart's accessible name (show it as a `<figcaption>` too);
/// `id_prefix` makes the ids of `<title>` and `<desc>` unique on the page.
pub fn stacked_svg(
    id_prefix: &str,
    caption: &str,
    rows: &[StackedRow],
    grades: &[String],
) -> String {
    let slug = match slug::slugify(id_prefix) {
        s if s.is_empty() => "results".to_string(),
        s => s,
    };
    let title_id = format!("chart-{slug}-title");
    let desc_id = format!("chart-{slug}-desc");
    let mut body = String::new();
    let mut top = legend(&mut body, grades);
    for row in rows {
        top = draw_row(&mut body, top, row, grades);
    }
    let height = top - ROW_GAP + PAD;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{title_id} {desc_id}" font-family="system-ui, sans-serif">"#
    );
    let _ = writeln!(svg, r#"<title id="{title_id}">{}</title>"#, escape(caption));
    let _ = writeln!(
        svg,
        r#"<desc id="{desc_id}">{}</desc>"#,
        escape(&description(rows, grades))
    );
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg
}

fn fill(grade: usize) -> &'static str {
    FILLS[grade.min(FILLS.len() - 1)]
}

/// A key of the grades' colours, one swatch and name per grade, and where rows start.
fn legend(svg: &mut String, grades: &[String]) -> u32 {
    let _ = writeln!(svg, r#"<g class="chart-legend">"#);
    let mut x = 0u32;
    let mut y = PAD;
    for (i, grade) in grades.iter().enumerate() {
        let name = label(grade);
        let width = 22 + 9 * u32::try_from(name.chars().count()).unwrap_or(20) + 16;
        if x > 0 && x + width > WIDTH {
            x = 0;
            y += LINE_HEIGHT + 4;
        }
        let _ = writeln!(
            svg,
            r#"<rect class="chart-grade-{i}" x="{}" y="{}" width="16" height="16" fill="{}" stroke="{TEXT}"/>"#,
            x,
            y + 2,
            fill(i)
        );
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{}" font-size="15" fill="{TEXT}">{}</text>"#,
            x + 22,
            y + 15,
            escape(&name)
        );
        x += width;
    }
    let _ = writeln!(svg, "</g>");
    y + LINE_HEIGHT + ROW_GAP
}

/// "Met 30, partially met 6, not met 1" for one standard.
fn counts_text(row: &StackedRow, grades: &[String]) -> String {
    let parts: Vec<String> = grades
        .iter()
        .zip(&row.counts)
        .enumerate()
        .map(|(i, (g, c))| {
            let words = label(g);
            let words = if i == 0 { words } else { words.to_lowercase() };
            format!("{words} {c}")
        })
        .collect();
    parts.join(", ")
}

/// Draws one standard starting at `top`, and returns where the next one starts.
fn draw_row(svg: &mut String, top: u32, row: &StackedRow, grades: &[String]) -> u32 {
    let _ = writeln!(svg, r#"<g class="chart-row">"#);
    let lines = wrap(&row.title, TITLE_CHARS, TITLE_LINES);
    let first = top + 17;
    let _ = writeln!(
        svg,
        r#"<text class="chart-number" x="{}" y="{first}" font-size="16" font-weight="bold" text-anchor="end" fill="{TEXT}">{}.</text>"#,
        INDENT - 6,
        row.number
    );
    let _ = write!(
        svg,
        r#"<text class="chart-label" x="{INDENT}" y="{first}" font-size="16" fill="{TEXT}">"#
    );
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            svg.push_str(&escape(line));
        } else {
            let _ = write!(
                svg,
                r#"<tspan x="{INDENT}" dy="{LINE_HEIGHT}">{}</tspan>"#,
                escape(line)
            );
        }
    }
    svg.push_str("</text>\n");
    let lines_count = u32::try_from(lines.len()).unwrap_or(1);
    let bar_y = top + LINE_HEIGHT * lines_count + 6;
    let bar_max = BAR_MAX - INDENT;
    let _ = writeln!(
        svg,
        r#"<rect class="chart-track" x="{}" y="{}" width="{}" height="{}" fill="{TRACK}" stroke="{TRACK_EDGE}"/>"#,
        f64::from(INDENT) + 0.5,
        f64::from(bar_y) + 0.5,
        bar_max - 1,
        BAR_HEIGHT - 1
    );
    let total: u32 = row.counts.iter().sum();
    let mut x = f64::from(INDENT);
    for (i, &count) in row.counts.iter().enumerate() {
        if count == 0 || total == 0 {
            continue;
        }
        let width = f64::from(bar_max) * f64::from(count) / f64::from(total);
        let _ = writeln!(
            svg,
            r#"<rect class="chart-grade-{i}" x="{}" y="{bar_y}" width="{}" height="{BAR_HEIGHT}" fill="{}" stroke="{TRACK}"/>"#,
            number(x),
            number(width),
            fill(i)
        );
        x += width;
    }
    let mut y = bar_y + BAR_HEIGHT + 20;
    let counts = wrap(&counts_text(row, grades), COUNTS_CHARS, 3);
    for line in &counts {
        let _ = writeln!(
            svg,
            r#"<text class="chart-trend" x="{INDENT}" y="{y}" font-size="15" fill="{TEXT}">{}</text>"#,
            escape(line)
        );
        y += LINE_HEIGHT;
    }
    let _ = writeln!(svg, "</g>");
    y - LINE_HEIGHT + 4 + ROW_GAP
}

/// The full text of the chart, for its `<desc>`.
fn description(rows: &[StackedRow], grades: &[String]) -> String {
    let labels: Vec<String> = grades.iter().map(|g| label(g)).collect();
    let mut text = format!(
        "Bar chart of the grades of the returns for each standard, split into {} grades (best first: {}).",
        labels.len(),
        labels.join(", ")
    );
    if rows.is_empty() {
        text.push_str(" No standards.");
    }
    for row in rows {
        let _ = write!(
            text,
            " Standard {}, {}: {}.",
            row.number,
            row.title.trim(),
            counts_text(row, grades)
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grades() -> Vec<String> {
        ["met", "partially-met", "not-met"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn bars_split_in_proportion_and_counts_are_written_out() {
        let rows = [
            StackedRow {
                number: 1,
                title: "Senior management commitment".into(),
                counts: vec![30, 10, 0],
            },
            StackedRow {
                number: 2,
                title: "Safer <recruitment>".into(),
                counts: vec![0, 0, 0],
            },
        ];
        let svg = stacked_svg("s11", "Results of each standard", &rows, &grades());
        assert!(!svg.contains("style"), "{svg}");
        // 350 units split 30:10; no part for a zero count.
        assert!(svg.contains(r#"class="chart-grade-0" x="30" y="#), "{svg}");
        assert!(svg.contains(r#"width="262.5""#), "{svg}");
        assert!(svg.contains(r#"width="87.5""#), "{svg}");
        assert_eq!(svg.matches("<rect class=\"chart-grade-").count(), 3 + 2);
        assert!(svg.contains("Met 30, partially met 10, not met 0"), "{svg}");
        assert!(
            svg.contains("Standard 2, Safer &lt;recruitment&gt;: Met 0"),
            "{svg}"
        );
        assert!(svg.contains(r#"aria-labelledby="chart-s11-title chart-s11-desc""#));
        assert_eq!(
            svg,
            stacked_svg("s11", "Results of each standard", &rows, &grades())
        );
    }
}
