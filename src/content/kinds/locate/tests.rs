use super::*;
use crate::load::split;

fn locate(text: &str, key: &str, value: &str, nth: usize) -> String {
    let file = SourceFile::in_memory("page.md", text);
    let s = split(&file).expect("split");
    let r = value_range(&file, &s, key, value, nth);
    let (line, col) = crate::diagnostics::line_col(text, r.start);
    format!("{line}:{col} {}", &text[r])
}

#[test]
fn finds_values_in_inline_tables_lists_and_tables() {
    let text = "+++\nsent_to = [\n  { body = \"panel\", date = 2025-01-01 },\n  { body = \"ofsted\", date = 2025-01-01 },\n]\nlead = [\"ann\",\n  \"bob\"]\n\n[[steps]]\nnumber = 3\n\n[[steps]]\nnumber = 3\n+++\n";
    assert_eq!(locate(text, "body", "ofsted", 0), "4:13 ofsted");
    assert_eq!(locate(text, "lead", "bob", 0), "7:4 bob");
    assert_eq!(locate(text, "number", "3", 1), "13:10 3");
    assert_eq!(
        locate(text, "body", "nobody", 0),
        "3:3 { body = \"panel\", date = 2025-01-01 },"
    );
}

#[test]
fn ids_match_whole_values_only() {
    let text = "+++\nid = \"2025-R10\"\nid = \"2025-R1\"\n+++\n";
    assert_eq!(locate(text, "id", "2025-R1", 0), "3:7 2025-R1");
}
