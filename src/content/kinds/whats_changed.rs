//! `kind = "whats-changed"`: the site's "What's changed" page, listing every page's
//! change notes (`[[changes]]`) newest first, as GOV.UK lists a document's updates; the
//! render stage writes an Atom feed of the same list beside it (`atom.xml` in its
//! folder), so people who follow the partnership's procedures hear of each change.

use serde::Serialize;

use super::front::kind;
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::record::all_changes;
use crate::diagnostics::Diagnostic;

kind! {
    /// The site's list of changes.
    WhatsChanged / WhatsChangedFrontMatter {}
}

/// The file name of the changes feed, in the page's folder.
pub const FEED_FILE: &str = "atom.xml";

/// `page.data` of the "What's changed" page.
#[derive(Debug, Clone, Serialize)]
pub struct WhatsChangedView {
    /// Every change of the site's pages in the page's language, newest first.
    changes: Vec<ChangeRow>,
    /// The address of the Atom feed of the changes.
    feed: String,
}

/// One change, with the page it was made to.
#[derive(Debug, Clone, Serialize)]
struct ChangeRow {
    date: String,
    summary: String,
    title: Option<String>,
    permalink: String,
}

impl Kind for WhatsChanged {
    const NAME: &'static str = "whats-changed";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] = &[];
    const ARCHETYPE: &'static str = include_str!("archetypes/whats-changed.md");
    type FrontMatter = WhatsChangedFrontMatter;
    type View = WhatsChangedView;

    fn check(&self, _page: &Page, _ctx: &CheckContext, _out: &mut Vec<Diagnostic>) {}

    fn view(&self, ctx: &ViewContext) -> WhatsChangedView {
        WhatsChangedView {
            changes: all_changes(ctx.site, Some(&ctx.page.loc.lang))
                .into_iter()
                .map(|(page, change)| ChangeRow {
                    date: change.date.get_ref().to_string(),
                    summary: change.summary.get_ref().clone(),
                    title: page.meta.title.clone(),
                    permalink: page.loc.permalink.clone(),
                })
                .collect(),
            feed: format!("{}{FEED_FILE}", ctx.page.loc.permalink),
        }
    }
}
