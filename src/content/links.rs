//! Where an `@/` link leads, as the site knows it: a page or section's permalink, or why
//! the link cannot be followed — a page withdrawn from the site (its section's list,
//! with a warning), a draft, or no such file (with the nearest path).

use super::Site;
use crate::diagnostics::Severity;
use crate::markdown::{LinkProblem, Links};
use crate::source::closest;

impl Links for Site {
    fn resolve(&self, path: &str) -> Result<String, LinkProblem> {
        // A withdrawn review is never in the lookup: links to it warn, and lead to its
        // section's list.
        if let Some(w) = self.withdrawn.get(path) {
            return Err(LinkProblem {
                severity: Severity::Warning,
                message: format!(
                    "this links to content/{path}, a practice review that was withdrawn after {} (its publish_until date)",
                    w.until
                ),
                hint: format!(
                    "the link now leads to the list of pages it was in, {}: remove the link, or point it to where the review is kept now (such as the NSPCC national case review repository)",
                    w.listing
                ),
                leads_to: Some(w.listing.clone()),
            });
        }
        if let Some(item) = self.lookup(path) {
            return Ok(self.location(item).permalink.clone());
        }
        if self.drafts.contains_key(path) {
            return Err(LinkProblem {
                severity: Severity::Error,
                message: format!(
                    "this links to content/{path}, which is a draft and is not published"
                ),
                hint: "publish the page (remove `draft = true`), build with --drafts to preview, or remove the link".into(),
                leads_to: None,
            });
        }
        if let Some(from) = self.scheduled.get(path) {
            return Err(LinkProblem {
                severity: Severity::Error,
                message: format!(
                    "this links to content/{path}, which is scheduled for {from} (its publish_from) and is not published yet"
                ),
                hint: format!(
                    "give this page publish_from = {from} too, so the link goes live with the page, or add the link on that day"
                ),
                leads_to: None,
            });
        }
        let known: Vec<&str> = self.by_relative_path.keys().map(String::as_str).collect();
        let hint = match closest(path, &known) {
            Some(best) => format!("did you mean @/{best}? Links name a file under content/"),
            None => {
                "internal links name a file under content/, like @/reports/annual-report.md".into()
            }
        };
        Err(LinkProblem {
            severity: Severity::Error,
            message: format!("broken internal link: there is no content/{path}"),
            hint,
            leads_to: None,
        })
    }
}
