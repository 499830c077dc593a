use super::*;
use crate::diagnostics::Severity;

const EXAMPLE: &str = include_str!("../../../data/contacts.toml");

fn file(text: &str) -> SourceFile {
    SourceFile::in_memory(PATH, text)
}

fn today() -> Date {
    jiff::civil::date(2026, 1, 15)
}

fn run(text: &str) -> (Option<Contacts>, Vec<Diagnostic>) {
    check(&file(text), today())
}

/// The one diagnostic of `text`, which must have one.
fn only(text: &str) -> Diagnostic {
    let (_, mut ds) = run(text);
    assert_eq!(ds.len(), 1, "{ds:#?}");
    ds.remove(0)
}

const MINIMAL: &str = "[[contacts]]
area = \"Westmoor\"
service = \"Front door\"
phone = \"01632 960 101\"
verified = 2025-12-01
";

#[test]
fn the_example_site_file_is_clean() {
    let (contacts, ds) = check(&file(EXAMPLE), jiff::civil::date(2026, 11, 1));
    assert!(ds.is_empty(), "{ds:#?}");
    let c = contacts.expect("contacts");
    assert_eq!(c.emergency.phone.href, "tel:999");
    assert_eq!(c.national.len(), 3);
    let areas: Vec<_> = c.contacts.iter().map(|c| c.area.as_str()).collect();
    assert_eq!(areas, ["Westmoor", "Dale", "Fenbridge"]);
}

#[test]
fn view_has_links_and_spoken_hours_in_file_order() {
    let (contacts, _) = run(EXAMPLE);
    let v = contacts.expect("contacts").view();
    assert_eq!(
        v["emergency"]["phone"],
        json!({ "display": "999", "href": "tel:999" })
    );
    assert_eq!(v["emergency"]["label"], "If a child is in immediate danger");
    assert_eq!(
        v["national"][0]["phone"],
        json!({ "display": "101", "href": "tel:101" })
    );
    assert_eq!(v["national"][1]["phone"]["href"], "tel:+448088005000");
    assert_eq!(v["national"][2]["phone"]["display"], "0800 1111");
    let westmoor = &v["contacts"][0];
    assert_eq!(
        westmoor["phone"],
        json!({ "display": "01632 960 101", "href": "tel:+441632960101" })
    );
    assert_eq!(westmoor["email"], "front.door@westmoor.example");
    assert_eq!(westmoor["url"], Value::Null);
    assert_eq!(westmoor["verified"], "2026-10-01");
    assert_eq!(
        westmoor["hours"],
        json!([
            { "days": "Monday to Thursday", "open": "09:00", "close": "17:00", "text": "9am to 5pm" },
            { "days": "Friday", "open": "09:00", "close": "16:30", "text": "9am to 4:30pm" },
        ])
    );
    assert_eq!(v["contacts"][1]["hours"][0]["text"], "8:30am to 5pm");
    assert_eq!(v["contacts"][1]["email"], Value::Null);
    assert_eq!(
        v["contacts"][2]["url"],
        "https://www.fenbridge.example/childrens-services"
    );
}

#[test]
fn absent_file_is_none_without_diagnostics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (contacts, ds) = load(dir.path(), today());
    assert!(contacts.is_none());
    assert!(ds.is_empty());
}

#[test]
fn loads_from_the_data_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("data")).expect("mkdir");
    std::fs::write(dir.path().join(PATH), MINIMAL).expect("write");
    let (contacts, ds) = load(dir.path(), today());
    assert!(ds.is_empty(), "{ds:#?}");
    let c = contacts.expect("contacts");
    // With no [emergency] table, 999 is still there.
    assert_eq!(c.emergency.phone.display, "999");
    assert_eq!(c.emergency.label, DEFAULT_EMERGENCY_LABEL);
    assert!(c.national.is_empty());
}

#[test]
fn unknown_field_is_located_with_a_suggestion() {
    let text =
        "[[contacts]]\narea = \"A\"\nservice = \"S\"\nphone = \"101\"\nverifed = 2025-12-01\n";
    let d = only(text);
    assert!(d.is_error());
    assert!(d.message.contains("verifed"), "{d:?}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `verified`?"));
    assert_eq!(d.path.as_deref(), Some(Path::new(PATH)));
    assert_eq!((d.line, d.column), (5, 1));
}

#[test]
fn unknown_field_in_hours_is_located() {
    let text = format!(
        "{MINIMAL}hours = [\n  {{ days = \"Friday\", open = \"09:00\", shut = \"16:30\" }},\n]\n"
    );
    let d = only(&text);
    assert!(d.message.contains("shut"), "{d:?}");
    assert_eq!(d.line, 7);
}

#[test]
fn bad_phone_is_an_error_at_its_value() {
    let text = MINIMAL.replace("01632 960 101", "01632 960 10");
    let (contacts, ds) = run(&text);
    assert!(contacts.is_none());
    assert_eq!(ds.len(), 1, "{ds:#?}");
    let d = &ds[0];
    assert!(d.is_error());
    assert!(
        d.message
            .starts_with("`phone` is not a valid UK phone number"),
        "{d:?}"
    );
    assert!(d.message.contains("has 10 digits"), "{d:?}");
    assert_eq!((d.line, d.column), (4, 9));
    let out = d.render(false);
    assert!(out.contains("data/contacts.toml:4:9"), "{out}");
}

#[test]
fn every_phone_field_is_checked() {
    let text = "[emergency]\nphone = \"999\"\n\n[[national]]\nname = \"N\"\nphone = \"0808 800 500\"\n\n[[contacts]]\narea = \"A\"\nservice = \"S\"\nphone = \"101\"\nout_of_hours_phone = \"12345\"\nlado_phone = \"+33 1 23 45 67 89\"\nverified = 2025-12-01\n";
    let (contacts, ds) = run(text);
    assert!(contacts.is_none());
    let lines: Vec<_> = ds.iter().map(|d| (d.line, d.is_error())).collect();
    assert_eq!(lines, [(6, true), (12, true), (13, true)], "{ds:#?}");
}

#[test]
fn emergency_must_be_999() {
    let d = only("[emergency]\nlabel = \"Danger\"\nphone = \"101\"\n");
    assert!(d.message.contains("must be 999"), "{d:?}");
    assert_eq!(d.line, 3);
}

#[test]
fn stale_verified_date_warns_but_loads() {
    let text = MINIMAL.replace("2025-12-01", "2025-07-14");
    let (contacts, ds) = run(&text);
    assert!(contacts.is_some());
    assert_eq!(ds.len(), 1, "{ds:#?}");
    let d = &ds[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("14 July 2025"), "{d:?}");
    let hint = d.hint.as_deref().unwrap_or("");
    assert!(
        hint.starts_with("numbers change: check this number and update verified"),
        "{hint}"
    );
    assert_eq!((d.line, d.column), (5, 12));
    // Six months to the day is still fresh.
    let (_, ds) = run(&MINIMAL.replace("2025-12-01", "2025-07-15"));
    assert!(ds.is_empty(), "{ds:#?}");
}

#[test]
fn missing_or_future_verified_warns() {
    let text = MINIMAL.replace("verified = 2025-12-01\n", "");
    let d = only(&text);
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("no `verified` date"), "{d:?}");
    assert_eq!(d.line, 1);
    let d = only(&MINIMAL.replace("2025-12-01", "2026-12-01"));
    assert!(d.message.contains("in the future"), "{d:?}");
}

#[test]
fn verified_takes_quoted_dates_and_explains_uk_ones() {
    let (c, ds) = run(&MINIMAL.replace("2025-12-01", "\"2025-12-01\""));
    assert!(ds.is_empty(), "{ds:#?}");
    assert_eq!(
        c.expect("contacts").contacts[0].verified,
        Some(jiff::civil::date(2025, 12, 1))
    );
    let d = only(&MINIMAL.replace("2025-12-01", "\"01/12/2025\""));
    assert!(d.is_error());
    assert_eq!(
        d.hint.as_deref(),
        Some("write dates as year-month-day, without quotes: verified = 2025-12-01")
    );
}

#[test]
fn opening_hours_are_checked() {
    let with_hours = |row: &str| format!("{MINIMAL}hours = [\n  {row},\n]\n");
    let d = only(&with_hours(
        "{ days = \"Friday\", open = \"17:00\", close = \"09:00\" }",
    ));
    assert!(d.message.contains("not after it opens"), "{d:?}");
    assert_eq!((d.line, d.column), (7, 46));
    let d = only(&with_hours(
        "{ days = \"Friday\", open = \"9am\", close = \"17:00\" }",
    ));
    assert!(
        d.message.contains("`9am` is not a time for `open`"),
        "{d:?}"
    );
    assert!(
        d.hint.as_deref().unwrap_or("").contains("\"09:00\""),
        "{d:?}"
    );
    let d = only(&with_hours("{ days = \"Friday\", open = \"09:00\" }"));
    assert!(d.message.contains("no `close`"), "{d:?}");
    assert_eq!((d.line, d.column), (7, 3));
    let (c, ds) = run(&with_hours(
        "{ days = \"Every day\", open = \"00:00\", close = \"24:00\" }",
    ));
    assert!(ds.is_empty(), "{ds:#?}");
    assert_eq!(
        c.expect("contacts").contacts[0].hours[0].text(),
        "midnight to midnight"
    );
}

#[test]
fn missing_required_field_points_at_its_table() {
    let text = "[[national]]\nname = \"N\"\nphone = \"101\"\n\n[[contacts]]\narea = \"A\"\nphone = \"101\"\nverified = 2025-12-01\n";
    let d = only(text);
    assert!(d.message.contains("no `service`"), "{d:?}");
    assert_eq!((d.line, d.column), (5, 1));
    assert!(
        d.hint.as_deref().unwrap_or("").contains("service = "),
        "{d:?}"
    );
}

#[test]
fn a_contact_needs_a_way_to_reach_it() {
    let d = only("[[contacts]]\narea = \"A\"\nservice = \"S\"\nverified = 2025-12-01\n");
    assert!(d.message.contains("nobody could reach it"), "{d:?}");
}

#[test]
fn email_and_url_are_checked() {
    let text = format!("{MINIMAL}email = \"front door@westmoor\"\nurl = \"www.westmoor.gov.uk\"\n");
    let (_, ds) = run(&text);
    assert_eq!(ds.len(), 2, "{ds:#?}");
    assert!(
        ds[0].message.contains("does not look like an email"),
        "{ds:#?}"
    );
    assert_eq!(ds[0].line, 6);
    assert_eq!(ds[1].line, 7);
    assert_eq!(
        ds[1].hint.as_deref(),
        Some("write the whole address, starting https:// (url = \"https://www.westmoor.gov.uk\")")
    );
    let d = only(&format!("{MINIMAL}email = \"mailto:a@b.org\"\n"));
    assert_eq!(d.hint.as_deref(), Some("write email = \"a@b.org\""));
}

#[test]
fn email_shapes() {
    for good in ["a@b.org", "front.door@westmoor.gov.uk", "x+y@mail.example"] {
        assert!(looks_like_email(good), "{good}");
    }
    for bad in [
        "",
        "a",
        "a@b",
        "@b.org",
        "a@.org",
        "a@b..org",
        "a b@c.org",
        "a@b@c.org",
        "a@-b.org",
    ] {
        assert!(!looks_like_email(bad), "{bad}");
    }
}

#[test]
fn costly_numbers_warn_at_their_value() {
    let d = only(&MINIMAL.replace("01632 960 101", "0845 123 4567"));
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.line, 4);
}

#[test]
fn byte_order_mark_keeps_locations() {
    let text = format!("\u{feff}{}", MINIMAL.replace("01632 960 101", "0163"));
    let d = only(&text);
    assert_eq!(d.line, 4);
    assert!(d.is_error());
}

#[test]
fn syntax_errors_are_located() {
    let d = only("[[contacts]]\narea = \"A\nservice = \"S\"\n");
    assert!(d.is_error());
    assert_eq!(d.line, 2, "{d:?}");
}
