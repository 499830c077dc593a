//! The overview chart of a self-assessment: an SVG drawn at build time, one bar per step
//! (and, with [`stacked_svg`], the results chart of a Section 11 audit).
//!
//! Each row shows the step's number and title (on up to two lines), a bar whose length is
//! the rating's place on the site's scale, the rating in words, and — when there was a
//! previous rating — a trend marker that is both a shape (▲ up, ▼ down, ▬ same) and words ("Up from
//! Developing"), so nothing is told by colour alone.
//!
//! The SVG is meant to be inlined in the page, next to a table of the same data. It has
//! `role="img"` and is labelled by its `<title>` and `<desc>` (which spells out every row);
//! it has no `style` attribute and no `<style>` element, so it works under a
//! Content-Security-Policy of `default-src 'self'`. Colours come from the theme's `chart-`
//! classes (light and dark), with presentation attributes (`fill`, `stroke`) for the light
//! colours when the CSS is missing. The output is deterministic: the same data gives the
//! same bytes.

mod stacked;
mod text;

use std::fmt::Write as _;

pub use stacked::{StackedRow, stacked_svg};
use text::{escape, label, number, wrap};

/// The rating of a step that was not assessed: always allowed, drawn as no bar.
pub const NOT_ASSESSED: &str = "not-assessed";

/// The default rating scale, best first.
pub const DEFAULT_SCALE: &[&str] = &["strong", "established", "developing", "not-started"];

/// One row of the chart: a step and its ratings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRow {
    /// The step's number.
    pub number: u32,
    /// The step's title (cut after two lines on the chart; in full in the description).
    pub title: String,
    /// The rating: a value of the scale, or `not-assessed`.
    pub rating: String,
    /// The previous rating, for the trend marker.
    pub previous: Option<String>,
}

/// The width of the drawing, in user units (the SVG scales to its container; narrow, so
/// that its text stays readable on a phone).
pub(super) const WIDTH: u32 = 420;
/// The space above the first row and below the last.
const PAD: u32 = 2;
/// The space between rows.
const ROW_GAP: u32 = 16;
/// Where the titles, bars and trends start (the step numbers end just before).
const INDENT: u32 = 30;
/// The distance between the lines of a title.
const LINE_HEIGHT: u32 = 20;
/// The longest bar (the best rating).
const BAR_MAX: u32 = 240;
/// The bar's thickness.
pub(super) const BAR_HEIGHT: u32 = 22;
/// Where the rating is written.
const RATING_X: u32 = INDENT + BAR_MAX + 12;
/// The most characters on a line of a title (about the width of the drawing).
const TITLE_CHARS: usize = 42;
/// The most lines of a title (the rest is cut, with "…"; the description has it all).
const TITLE_LINES: usize = 2;

/// Light-mode colours, as presentation attributes for when the theme's CSS is missing
/// (the `chart-` classes in the theme override them, in light and dark).
const TEXT: &str = "#0b0c0c";
const MUTED: &str = "#484949";
const TRACK: &str = "#f3f2f1";
const TRACK_EDGE: &str = "#b1b4b6";
const BAR: &str = "#1d70b8";
const UP: &str = "#00703c";
const DOWN: &str = "#d4351c";

/// Which way a rating moved since last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trend {
    Up,
    Down,
    Same,
}

/// Draws the overview chart of `rows` as an inline SVG.
///
/// `caption` is the chart's accessible name (its `<title>`); show it visibly with the
/// chart too (a `<figcaption>`), as it is not drawn. `scale` is the site's rating scale,
/// best first ([`DEFAULT_SCALE`] when empty); `not-assessed` is always allowed and drawn
/// as no bar. A rating outside the scale (which `check` reports) is written as it is,
/// without a bar. `id_prefix` makes the ids of the `<title>` and `<desc>` unique on the
/// page (`chart-<prefix>-title`); when empty, one is made from the caption.
pub fn overview_svg(id_prefix: &str, caption: &str, rows: &[ChartRow], scale: &[String]) -> String {
    let default_scale: Vec<String> = DEFAULT_SCALE.iter().map(|s| s.to_string()).collect();
    let scale = if scale.is_empty() {
        &default_scale[..]
    } else {
        scale
    };
    let level = |rating: &str| -> Option<usize> {
        (rating != NOT_ASSESSED)
            .then(|| scale.iter().position(|s| s == rating))
            .flatten()
    };
    let levels = scale.len();

    let slug = {
        let from = if id_prefix.trim().is_empty() {
            caption
        } else {
            id_prefix
        };
        let s = slug::slugify(from);
        if s.is_empty() {
            "overview".to_string()
        } else {
            s
        }
    };
    let title_id = format!("chart-{slug}-title");
    let desc_id = format!("chart-{slug}-desc");
    let mut body = String::new();
    let mut top = PAD;
    for row in rows {
        top = draw_row(&mut body, top, row, levels, &level);
    }
    // The last row's gap is not needed below it.
    let height = if rows.is_empty() {
        2 * PAD
    } else {
        top - ROW_GAP + PAD
    };

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{title_id} {desc_id}" font-family="system-ui, sans-serif">"#
    );
    let _ = writeln!(svg, r#"<title id="{title_id}">{}</title>"#, escape(caption));
    let _ = writeln!(
        svg,
        r#"<desc id="{desc_id}">{}</desc>"#,
        escape(&description(rows, scale, &level))
    );
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg
}

/// Draws one row starting at `top`, and returns where the next row starts.
///
/// ```text
///  1. Title, wrapped onto a second
///     line when it is long
///     [██████████████░░░░░░░]  Established
///     ▲ Up from Developing
/// ```
fn draw_row(
    svg: &mut String,
    top: u32,
    row: &ChartRow,
    levels: usize,
    level: &dyn Fn(&str) -> Option<usize>,
) -> u32 {
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
    for (i, line) in (0u32..).zip(&lines) {
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

    let lines_count = u32::try_from(lines.len()).unwrap_or(TITLE_LINES as u32);
    let bar_y = top + LINE_HEIGHT * lines_count + 6;
    let text_y = bar_y + 16;
    let _ = writeln!(
        svg,
        r#"<rect class="chart-track" x="{}" y="{}" width="{}" height="{}" fill="{TRACK}" stroke="{TRACK_EDGE}"/>"#,
        f64::from(INDENT) + 0.5,
        f64::from(bar_y) + 0.5,
        BAR_MAX - 1,
        BAR_HEIGHT - 1
    );
    let rating = escape(&label(&row.rating));
    match level(&row.rating) {
        Some(at) => {
            let width = f64::from(BAR_MAX) * (levels - at) as f64 / levels as f64;
            let _ = writeln!(
                svg,
                r#"<rect class="chart-bar" x="{INDENT}" y="{bar_y}" width="{}" height="{BAR_HEIGHT}" fill="{BAR}"/>"#,
                number(width)
            );
            let _ = writeln!(
                svg,
                r#"<text class="chart-rating" x="{RATING_X}" y="{text_y}" font-size="15" font-weight="bold" fill="{TEXT}">{rating}</text>"#
            );
        }
        None => {
            let _ = writeln!(
                svg,
                r#"<text class="chart-rating chart-muted" x="{RATING_X}" y="{text_y}" font-size="15" fill="{MUTED}">{rating}</text>"#
            );
        }
    }
    let mut bottom = bar_y + BAR_HEIGHT;
    if let Some(previous) = &row.previous {
        let trend_y = bottom + 21;
        let (words, shape) = match trend(level(&row.rating), level(previous)) {
            Some(Trend::Up) => (format!("Up from {}", label(previous)), Some(Trend::Up)),
            Some(Trend::Down) => (format!("Down from {}", label(previous)), Some(Trend::Down)),
            Some(Trend::Same) => ("Same as last time".to_string(), Some(Trend::Same)),
            None => (format!("Last time: {}", label(previous)), None),
        };
        let text_x = match shape {
            Some(t) => {
                let cx = f64::from(INDENT) + 8.0;
                let cy = f64::from(trend_y) - 5.0;
                let _ = writeln!(svg, "{}", trend_shape(t, cx, cy));
                INDENT + 22
            }
            None => INDENT,
        };
        let _ = writeln!(
            svg,
            r#"<text class="chart-trend" x="{text_x}" y="{trend_y}" font-size="15" fill="{TEXT}">{}</text>"#,
            escape(&words)
        );
        bottom = trend_y + 4;
    }
    let _ = writeln!(svg, "</g>");
    bottom + ROW_GAP
}

/// The full text of the chart, for its `<desc>`.
fn description(
    rows: &[ChartRow],
    scale: &[String],
    level: &dyn Fn(&str) -> Option<usize>,
) -> String {
    let labels: Vec<String> = scale.iter().map(|s| label(s)).collect();
    let mut text = format!(
        "Bar chart of the rating of each step, on a scale of {} (best first: {}); a longer bar is a better rating.",
        labels.len(),
        labels.join(", ")
    );
    if rows.is_empty() {
        text.push_str(" No steps.");
    }
    for row in rows {
        let _ = write!(
            text,
            " Step {}, {}: {}",
            row.number,
            row.title.trim(),
            label(&row.rating)
        );
        if let Some(previous) = &row.previous {
            let words = match trend(level(&row.rating), level(previous)) {
                Some(Trend::Up) => format!("up from {}", label(previous)),
                Some(Trend::Down) => format!("down from {}", label(previous)),
                Some(Trend::Same) => "same as last time".to_string(),
                None => format!("last time {}", label(previous)),
            };
            let _ = write!(text, ", {words}");
        }
        text.push('.');
    }
    text
}

/// The trend from `previous` to `now` (levels on the scale, 0 best), when both are on it.
fn trend(now: Option<usize>, previous: Option<usize>) -> Option<Trend> {
    let (now, previous) = (now?, previous?);
    Some(match now.cmp(&previous) {
        std::cmp::Ordering::Less => Trend::Up,
        std::cmp::Ordering::Greater => Trend::Down,
        std::cmp::Ordering::Equal => Trend::Same,
    })
}

/// The trend's shape, centred on (`cx`, `cy`): a triangle up or down, or a flat bar.
fn trend_shape(t: Trend, cx: f64, cy: f64) -> String {
    let n = |v: f64| number(v);
    match t {
        Trend::Up => format!(
            r#"<path class="chart-up" d="M{} {}L{} {}L{} {}Z" fill="{UP}"/>"#,
            n(cx - 8.0),
            n(cy + 6.0),
            n(cx),
            n(cy - 8.0),
            n(cx + 8.0),
            n(cy + 6.0)
        ),
        Trend::Down => format!(
            r#"<path class="chart-down" d="M{} {}L{} {}L{} {}Z" fill="{DOWN}"/>"#,
            n(cx - 8.0),
            n(cy - 6.0),
            n(cx),
            n(cy + 8.0),
            n(cx + 8.0),
            n(cy - 6.0)
        ),
        Trend::Same => format!(
            r#"<rect class="chart-same" x="{}" y="{}" width="16" height="6" fill="{MUTED}"/>"#,
            n(cx - 8.0),
            n(cy - 3.0)
        ),
    }
}

#[cfg(test)]
mod tests;
