use super::*;

#[test]
fn closest_needs_a_near_name() {
    assert_eq!(closest("titel", &["title", "date"]), Some("title"));
    assert_eq!(closest("nope.html", &["page.html", "base.html"]), None);
    assert_eq!(
        closest("reports/annual", &["reports/annual.md", "about.md"]),
        Some("reports/annual.md")
    );
}

#[test]
fn nul_bytes_are_binary() {
    let err = decode_text(b"abc\n\0def").expect_err("binary");
    assert!(err.message.contains("binary"));
    let pdf = decode_text(b"%PDF-1.7\n\0").expect_err("pdf");
    assert!(pdf.message.contains("a PDF file"));
}

#[test]
fn invalid_utf8_is_located() {
    let err = decode_text(b"ok\nab\xff").expect_err("invalid");
    assert_eq!((err.line, err.column), (2, 3));
}

#[test]
fn lines_are_found_around_an_offset() {
    let text = "a = 1\r\ntitle = \"x\"  \nend";
    assert_eq!(&text[line_at(text, 10)], "title = \"x\"  ");
    assert_eq!(&text[rest_of_line(text, 7)], "title = \"x\"");
    assert_eq!(&text[line_at(text, 0)], "a = 1");
    assert_eq!(&text[line_of(text, 16)], "title = \"x\"");
}

#[test]
fn unquoted_finds_the_text_inside_the_quotes() {
    let text = "id = \"2025-R1\"\ntext = \"\"\"\nLine one.\n\"\"\"\nn = 3\n";
    assert_eq!(&text[unquoted(text, 5..14)], "2025-R1");
    let open = text.find("\"\"\"").expect("open");
    let close = text.rfind("\"\"\"").expect("close") + 3;
    assert_eq!(&text[unquoted(text, open..close)], "Line one.\n");
    let n = text.rfind('3').expect("3");
    assert_eq!(unquoted(text, n..n + 1), n..n + 1);
}
