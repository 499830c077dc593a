use super::errors::explain_render;
use super::tags::unclosed_tag;
use super::*;

fn source(text: &str) -> TemplateSource {
    TemplateSource {
        shown: PathBuf::from("templates/page.html"),
        text: Arc::from(text),
    }
}

#[test]
fn finds_the_unclosed_if() {
    let text = "{% block c %}\n{% if a %}x\n{% endblock %}";
    let at = text.find("{% endblock").unwrap_or(0);
    let d = unclosed_tag(&source(text), "Unknown tag", at + 3..at + 11).expect("found");
    assert_eq!(d.line, 2);
    assert!(d.message.contains("{% if %}"), "{}", d.message);
    assert!(d.hint.unwrap_or_default().contains("{% endif %}"));
}

#[test]
fn garbled_templates_do_not_panic() {
    let pieces = [
        "{%", "%}", "{{", "}}", "{#", "#}", " if ", " endif ", " for ", " endfor ", "raw",
        " endraw ", "block", "endblock", "set x", "=", "é", "\n", "-", "end",
    ];
    let mut seed: u64 = 7;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 15 + 1) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let src = source(&text);
        let at = (seed as usize) % (text.len() + 1);
        for message in ["Unknown tag", "Unexpected end of input"] {
            let _ = unclosed_tag(&src, message, at..at);
        }
        let _ = explain_render(
            "Field `x` is not defined. Available fields: a, b",
            &text,
            at..at,
        );
    }
}
