//! What the site leaves out as of the build's day, and the notices that say so: a
//! practice review past its `publish_until`, a page before its `publish_from`.

use jiff::civil::Date;

use super::field_or_opening;
use crate::content::date::DateValue;
use crate::content::kinds::KindData;
use crate::diagnostics::Diagnostic;
use crate::load::LoadedFile;

/// The `publish_until` of a page (a practice review) whose last day of publication is
/// before `today`.
pub(super) fn withdrawn_since(kind: Option<&KindData>, today: Date) -> Option<&DateValue> {
    let until = kind?.publish_until()?;
    (until.date() < today).then_some(until)
}

/// The notice `check` and `build` give for a withdrawn practice review.
pub(super) fn withdrawn_notice(loaded: &LoadedFile, until: &DateValue) -> Diagnostic {
    let file = &loaded.file;
    Diagnostic::warning(format!(
        "this practice review was withdrawn after {until} (its publish_until date): the page and its downloads are left out of the site"
    ))
    .in_file(&file.rel)
    .at(&file.text, field_or_opening(loaded, "publish_until"))
    .with_hint("nothing to do if it was meant to come down; to publish it again, set publish_until to a later date or remove it")
}

/// The note `check` and `build` give for a page whose `publish_from` is still to come:
/// left out, or (`shown`) in a preview only.
pub(super) fn scheduled_notice(loaded: &LoadedFile, from: &DateValue, shown: bool) -> Diagnostic {
    let file = &loaded.file;
    let (message, hint) = if shown {
        (
            format!(
                "scheduled for {from} (publish_from): shown in this preview, marked as scheduled"
            ),
            "a build without --drafts leaves it out until then",
        )
    } else {
        (
            format!(
                "scheduled for {from} (publish_from): the page and its downloads are left out until then"
            ),
            "rebuild the site on or after that day to publish it (a daily rebuild does it on the day); serve and build --drafts show it now",
        )
    };
    Diagnostic::note(message)
        .in_file(&file.rel)
        .at(&file.text, field_or_opening(loaded, "publish_from"))
        .with_hint(hint)
}
