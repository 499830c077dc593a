use super::*;

fn file(text: &str) -> SourceFile {
    SourceFile::in_memory("content/a.md", text)
}

#[test]
fn splits_toml_with_crlf_and_bom() {
    let f = file("\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n");
    let s = split(&f).expect("split");
    assert_eq!(s.format, Syntax::Toml);
    assert_eq!(&f.text[s.front.clone()], "title = \"A\"\r\n");
    assert_eq!(&f.text[s.body.clone()], "Body\r\n");
    let fm: PageFrontMatter = parse(&f, &s).expect("parse");
    assert_eq!(fm.title.as_deref(), Some("A"));
}

#[test]
fn splits_yaml() {
    let f = file("---\ntitle: A\ndate: 2025-01-02\n---\nBody");
    let s = split(&f).expect("split");
    let fm: PageFrontMatter = parse(&f, &s).expect("parse");
    assert_eq!(fm.date.expect("date").to_string(), "2025-01-02");
}

#[test]
fn unterminated_is_an_error_on_line_one() {
    let err = split(&file("+++\ntitle = \"x\"\n")).expect_err("unterminated");
    assert_eq!(err.line, 1);
    assert!(err.message.contains("never closed"));
}

#[test]
fn key_range_finds_the_field() {
    let f = file("+++\ntitle = \"x\"\ntemplate = \"nope.html\"\n+++\n");
    let s = split(&f).expect("split");
    let r = key_range(&f, &s, "template");
    assert_eq!(&f.text[r], "template = \"nope.html\"");
}
