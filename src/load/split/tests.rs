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
    let doc = front_matter(&f, &s).expect("front matter");
    assert_eq!(
        &f.text[doc.fields().get("title").expect("title").value.clone()],
        "\"A\""
    );
}

#[test]
fn blank_lines_before_the_front_matter_are_allowed_as_in_zola() {
    let f = file("\n  \n+++\ntitle = \"A\"\n+++\nBody\n");
    let s = split(&f).expect("split");
    assert_eq!(&f.text[s.front.clone()], "title = \"A\"\n");
    assert_eq!(&f.text[s.body.clone()], "Body\n");
    let open = split(&file("\n\n+++\ntitle = \"A\"\n")).expect_err("never closed");
    assert!(open.message.contains("on line 3"), "{}", open.message);
}

#[test]
fn splits_yaml() {
    let f = file("---\ntitle: A\ndate: 2025-01-02\n---\nBody");
    let s = split(&f).expect("split");
    let doc = front_matter(&f, &s).expect("front matter");
    assert!(doc.fields().is_set("date"));
}

#[test]
fn unterminated_is_an_error_on_line_one() {
    let err = split(&file("+++\ntitle = \"x\"\n")).expect_err("unterminated");
    assert_eq!(err.line, 1);
    assert!(err.message.contains("never closed"));
}

#[test]
fn toml_between_yaml_fences_is_named() {
    let f = file("---\ntitle = \"News\"\n---\n");
    let s = split(&f).expect("split");
    let err = front_matter(&f, &s).expect_err("not YAML");
    assert!(err.message.contains("written as TOML"), "{}", err.message);
}
