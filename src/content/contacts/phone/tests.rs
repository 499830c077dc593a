use super::*;

fn ok(raw: &str) -> Phone {
    parse_phone(raw).unwrap_or_else(|p| panic!("{raw}: {p:?}"))
}

fn bad(raw: &str) -> PhoneProblem {
    parse_phone(raw).expect_err(raw)
}

#[test]
fn valid_forms() {
    for raw in [
        "999",
        "112",
        "101",
        "111",
        "116 123",
        "116000",
        "18000",
        "18001 101",
        "18001 01632 960 101",
        "01632 960 101",
        "01632960101",
        "016977 1234",
        "01204 12345",
        "020 7946 0000",
        "0300 123 4567",
        "0345 123 4567",
        "0800 1111",
        "0800 123456",
        "0800 123 4567",
        "0808 800 5000",
        "07700 900 123",
        "+44 1632 960 101",
        "+441632960101",
        "+44 (0)1632 960101",
        "0044 20 7946 0000",
        "(01632) 960-101",
        "01632\u{a0}960\u{a0}101",
    ] {
        ok(raw);
    }
}

#[test]
fn invalid_forms() {
    for raw in [
        "",
        "   ",
        "998",
        "100",
        "1234",
        "116 12",
        "01632 960 10",
        "01632 960 1011",
        "0161 496 000",
        "020 7946 000",
        "0300 123 456",
        "07700 900 12",
        "0808 800 500",
        "0800 11111",
        "0900 123 4567",
        "0500 123 456",
        "0612 345 678",
        "+33 1 23 45 67 89",
        "+44 01632 960 101",
        "+44 999",
        "01632 960 101 ext 4",
        "01632.960.101",
        "call 101",
    ] {
        let p = bad(raw);
        assert!(!p.message.is_empty() && !p.hint.is_empty(), "{raw}");
    }
}

#[test]
fn problems_say_what_to_write() {
    let p = bad("020 7946 000");
    assert!(p.message.contains("has 10 digits"), "{p:?}");
    assert!(p.message.contains("starting 02 have 11"), "{p:?}");
    assert!(p.hint.contains("020 7946 0000"), "{p:?}");
    let p = bad("+44 01632 960 101");
    assert!(p.hint.contains("+44 1632 960 101"), "{p:?}");
    let p = bad("O1632 960 101");
    assert_eq!(p.hint, "write \"01632 960 101\"");
    let p = bad("1632 960 101");
    assert!(p.message.contains("missing the 0"), "{p:?}");
    assert_eq!(p.hint, "write \"01632 960 101\"");
    let p = bad("441632960101");
    assert!(p.hint.contains("+441632960101"), "{p:?}");
    let p = bad("998");
    assert!(p.hint.contains("999"), "{p:?}");
}

#[test]
fn national_numbers_link_in_international_form() {
    let p = ok("01632 960 101");
    assert_eq!(p.display, "01632 960 101");
    assert_eq!(p.href, "tel:+441632960101");
    let p = ok("+44 (0)20 7946 0000");
    assert_eq!(p.display, "020 7946 0000");
    assert_eq!(p.href, "tel:+442079460000");
    assert_eq!(ok("+44 808 800 5000").href, "tel:+448088005000");
    assert_eq!(ok("+44 808 800 5000").display, "+44 808 800 5000");
    assert_eq!(ok("0800 1111").href, "tel:+448001111");
}

#[test]
fn short_numbers_stay_as_they_are() {
    for (raw, href) in [
        ("999", "tel:999"),
        ("112", "tel:112"),
        ("101", "tel:101"),
        ("116 123", "tel:116123"),
        ("18001 101", "tel:18001101"),
    ] {
        let p = ok(raw);
        assert_eq!(p.href, href);
        assert_eq!(p.display, raw);
    }
    assert!(ok("999").is_emergency());
    assert!(!ok("101").is_emergency());
}

#[test]
fn unspaced_numbers_are_grouped() {
    for (raw, shown) in [
        ("01632960101", "01632 960101"),
        ("01134960000", "0113 496 0000"),
        ("01614960000", "0161 496 0000"),
        ("02079460000", "020 7946 0000"),
        ("03001234567", "0300 123 4567"),
        ("08088005000", "0808 800 5000"),
        ("0800123456", "0800 123456"),
        ("08001111", "0800 1111"),
        ("07700900123", "07700 900123"),
        ("0169771234", "016977 1234"),
        ("116123", "116 123"),
        ("01632-960-101", "01632 960101"),
        ("1800101632960101", "18001 01632 960101"),
    ] {
        assert_eq!(ok(raw).display, shown, "{raw}");
    }
}

#[test]
fn costly_numbers_warn() {
    assert!(ok("0845 123 4567").warning().is_some());
    assert!(ok("0870 123 4567").warning().is_some());
    assert!(ok("0300 123 4567").warning().is_none());
    assert!(ok("0808 800 5000").warning().is_none());
}
