use super::*;

fn scale() -> Vec<String> {
    DEFAULT_SCALE.iter().map(|s| s.to_string()).collect()
}

fn row(number: u32, title: &str, rating: &str, previous: Option<&str>) -> ChartRow {
    ChartRow {
        number,
        title: title.to_string(),
        rating: rating.to_string(),
        previous: previous.map(str::to_string),
    }
}

fn six_rows() -> Vec<ChartRow> {
    vec![
        row(1, "Our title for step one", "strong", Some("established")),
        row(
            2,
            "Our title for step two, which is rather long and goes on beyond what fits on one line",
            "established",
            Some("established"),
        ),
        row(
            3,
            "Children & families <say> \"so\"",
            "developing",
            Some("strong"),
        ),
        row(4, "Our title for step four", "not-started", None),
        row(
            5,
            "Our title for step five",
            "not-assessed",
            Some("developing"),
        ),
        row(
            6,
            "Step 6 (set this step's title from your copy of the Six Steps framework)",
            "developing",
            Some("not-assessed"),
        ),
    ]
}

fn six_row_chart() -> String {
    overview_svg(
        "",
        "Six Steps self-assessment 2024 to 2025",
        &six_rows(),
        &scale(),
    )
}

#[test]
fn six_row_chart_snapshot() {
    // The snapshot was recorded when these tests were inside chart.rs; it stays there.
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(six_row_chart());
    });
}

#[test]
fn chart_is_an_accessible_image_without_styles() {
    let svg = six_row_chart();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains(
        r#"aria-labelledby="chart-six-steps-self-assessment-2024-to-2025-title chart-six-steps-self-assessment-2024-to-2025-desc""#
    ));
    assert!(svg.contains(r#"<title id="chart-six-steps-self-assessment-2024-to-2025-title">Six Steps self-assessment 2024 to 2025</title>"#));
    assert!(svg.contains(r#"<desc id="chart-six-steps-self-assessment-2024-to-2025-desc">"#));
    assert!(!svg.contains("style"), "no style attribute or element");
    assert!(svg.contains("viewBox=\"0 0 420 "));
    assert_eq!(svg.matches("<g class=\"chart-row\">").count(), 6);
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn text_is_escaped() {
    let svg = overview_svg("x", "A <b>&</b> \"chart\"", &six_rows(), &scale());
    assert!(svg.contains("A &lt;b&gt;&amp;&lt;/b&gt; &quot;chart&quot;</title>"));
    assert!(svg.contains("Children &amp; families &lt;say&gt; &quot;so&quot;"));
    assert!(!svg.contains("<say>"));
    assert!(!svg.contains("<b>"));
}

#[test]
fn not_assessed_has_no_bar_and_says_so() {
    let svg = overview_svg("x", "c", &[row(5, "Five", "not-assessed", None)], &scale());
    assert!(!svg.contains("chart-bar"));
    assert!(svg.contains(">Not assessed</text>"));
    assert!(svg.contains("Step 5, Five: Not assessed."));
    // Bars are as long as the rating's place on the scale.
    let svg = overview_svg(
        "x",
        "c",
        &[
            row(1, "One", "strong", None),
            row(2, "Two", "not-started", None),
        ],
        &scale(),
    );
    assert!(svg.contains(r#"class="chart-bar" x="30" y="28" width="240""#));
    assert!(svg.contains(r#"class="chart-bar" x="30" y="92" width="60""#));
}

#[test]
fn trend_is_a_shape_and_words() {
    let svg = six_row_chart();
    assert!(svg.contains("class=\"chart-up\"") && svg.contains(">Up from Established</text>"));
    assert!(svg.contains("class=\"chart-down\"") && svg.contains(">Down from Strong</text>"));
    assert!(svg.contains("class=\"chart-same\"") && svg.contains(">Same as last time</text>"));
    assert!(svg.contains(">Last time: Not assessed</text>"));
    assert!(svg.contains(">Last time: Developing</text>"));
    assert_eq!(
        svg.matches("class=\"chart-trend\"").count(),
        5,
        "row 4 has no previous rating"
    );
    let desc = svg.split("<desc").nth(1).expect("desc");
    assert!(desc.contains("Step 1, Our title for step one: Strong, up from Established."));
    assert!(desc.contains(
        "Step 3, Children &amp; families &lt;say&gt; &quot;so&quot;: Developing, down from Strong."
    ));
    assert!(desc.contains("Step 4, Our title for step four: Not started."));
}

#[test]
fn ids_differ_between_charts() {
    let a = overview_svg("north", "Overview", &six_rows(), &scale());
    let b = overview_svg("south", "Overview", &six_rows(), &scale());
    assert!(a.contains("id=\"chart-north-title\"") && b.contains("id=\"chart-south-title\""));
    let c = overview_svg("", "", &[], &[]);
    assert!(c.contains("id=\"chart-overview-desc\""));
    assert!(c.contains("No steps."));
    assert!(c.contains("best first: Strong, Established, Developing, Not started"));
}

#[test]
fn custom_scale_and_unknown_ratings() {
    let scale: Vec<String> = ["fully-met", "partially-met", "not-met"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let rows = [
        row(1, "One", "partially-met", Some("not-met")),
        row(2, "Two", "strong", Some("fully-met")),
    ];
    let svg = overview_svg("s11", "c", &rows, &scale);
    assert!(svg.contains(r#"width="160""#), "two thirds of 240");
    assert!(svg.contains(">Up from Not met</text>"));
    // "strong" is not on this scale: written as it is, no bar, no trend shape.
    assert!(svg.contains(">Strong</text>"));
    assert!(svg.contains(">Last time: Fully met</text>"));
    assert_eq!(svg.matches("chart-bar").count(), 1);
}

#[test]
fn output_is_deterministic() {
    assert_eq!(six_row_chart(), six_row_chart());
}

#[test]
fn helpers() {
    assert_eq!(number(186.666), "186.7");
    assert_eq!(number(70.0), "70");
    assert_eq!(number(0.04), "0");
    assert_eq!(number(-3.5), "-3.5");
    assert_eq!(label("not-started"), "Not started");
    assert_eq!(label(""), "");
    assert_eq!(wrap("a  b", 10, 2), ["a b"]);
    assert_eq!(wrap("", 10, 2), [""]);
    assert_eq!(wrap("one two three four", 9, 2), ["one two", "three…"]);
    assert_eq!(wrap("one two three", 9, 2), ["one two", "three"]);
    assert_eq!(
        wrap(&"x".repeat(25), 10, 2),
        ["x".repeat(10), format!("{}…", "x".repeat(9))]
    );
    assert_eq!(wrap("abc defghijklmnop", 5, 3), ["abc", "defgh", "ijkl…"]);
    for lines in [
        wrap(&"word ".repeat(50), 42, 2),
        wrap(&"y".repeat(99), 42, 2),
    ] {
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() <= 42), "{lines:?}");
        assert!(lines[1].ends_with('…'));
    }
    assert_eq!(escape("a\u{1}b'"), "ab&#39;");
}
