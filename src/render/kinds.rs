//! What templates see of the domain kinds (`page.kind`, `page.data`) and the
//! recommendations tracker: people looked up, Markdown fields rendered, and the values a
//! template should not have to work out (overdue flags, trends, the self-assessment chart).

use jiff::civil::Date;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::content::kinds::chart::{ChartRow, overview_svg};
use crate::content::kinds::frameworks::Framework;
use crate::content::kinds::{KindData, tracker};
use crate::content::partnership::{Partnership, resolve};
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Input, Options, TemplateHost};

/// Fields written in Markdown.
const MARKDOWN_FIELDS: &[&str] = &[
    "summary",
    "scope",
    "methods",
    "text",
    "evidence",
    "response",
    "progress",
    "description",
];
/// Fields that name a person (or a list of people).
const PEOPLE_FIELDS: &[&str] = &[
    "scrutineer",
    "chair",
    "owner",
    "completed_by",
    "lead_partners",
    "delegated_partners",
];

/// Everything the kind views need.
pub struct KindContext<'a> {
    /// The frameworks the self-assessments name, loaded once.
    pub frameworks: &'a crate::content::kinds::frameworks::FrameworkSet,
    /// The whole site, for `@/` links in Markdown fields.
    pub site: &'a Site,
    /// The configuration.
    pub config: &'a Config,
    /// `data/partnership.toml`.
    pub partnership: Option<&'a Partnership>,
    /// Shortcodes and anchor links.
    pub host: &'a dyn TemplateHost,
    /// Markdown options.
    pub options: Options,
    /// Today, for overdue flags.
    pub today: Date,
}

/// `page.data` for a page of a kind.
pub fn data_value(
    page: &Page,
    kind: &KindData,
    ctx: &KindContext,
    diags: &mut Vec<Diagnostic>,
) -> Value {
    let mut value = serde_json::to_value(kind).unwrap_or(Value::Null);
    walk(&mut value, page, ctx, diags);
    match kind {
        KindData::ScrutinyReport(_) => {
            if let Some(recs) = value
                .get_mut("recommendations")
                .and_then(Value::as_array_mut)
            {
                for rec in recs {
                    add_status(rec, ctx.today);
                }
            }
            let findings = value["findings"].as_array().cloned().unwrap_or_default();
            let groups: Vec<Value> = [
                ("strength", "What is working well"),
                ("area-for-development", "Areas for development"),
                ("observation", "Observations"),
            ]
            .into_iter()
            .filter_map(|(kind, heading)| {
                let items: Vec<&Value> = findings.iter().filter(|f| f["kind"] == kind).collect();
                (!items.is_empty())
                    .then(|| json!({ "kind": kind, "heading": heading, "items": items }))
            })
            .collect();
            value["findings_by_kind"] = json!(groups);
        }
        KindData::YearlyReport(_) => {
            if let Some(sent) = value.get_mut("sent_to").and_then(Value::as_array_mut) {
                for s in sent {
                    let name = s["body"]
                        .as_str()
                        .and_then(|b| ctx.config.yearly_report.bodies.get(b))
                        .cloned();
                    s["body_name"] = json!(name);
                }
            }
        }
        KindData::SelfAssessment(sa) => {
            if let Some(Some(framework)) = ctx.frameworks.get(&sa.framework) {
                self_assessment(&mut value, page, framework, ctx);
            }
        }
        KindData::Arrangements(a) => {
            more::arrangements(&mut value, ctx);
            value["relevant_agencies_by_sector"] = agencies_by_sector(a);
        }
        KindData::PracticeReview(r) => {
            if let Some(recs) = value
                .get_mut("recommendations")
                .and_then(Value::as_array_mut)
            {
                for rec in recs {
                    add_status(rec, ctx.today);
                }
            }
            value["review_type_label"] = json!(r.review_type.label());
        }
        KindData::Threshold(_) => more::threshold(&mut value),
        KindData::S11Audit(_) => more::s11_audit(&mut value, page, ctx),
    }
    value
}

mod more;

/// The relevant agencies grouped under their sectors, in the sector list's order, then
/// those with no sector: `[{ "sector", "title", "agencies": [names] }]`.
fn agencies_by_sector(a: &crate::content::kinds::Arrangements) -> Value {
    let names = |sector: Option<&str>| -> Vec<&str> {
        a.relevant_agencies
            .iter()
            .filter(|r| r.sector.as_deref() == sector)
            .map(|r| r.name.as_str())
            .collect()
    };
    let mut groups: Vec<Value> = crate::content::kinds::arrangements::sectors()
        .iter()
        .filter_map(|s| {
            let agencies = names(Some(&s.id));
            (!agencies.is_empty())
                .then(|| json!({ "sector": s.id, "title": s.title, "agencies": agencies }))
        })
        .collect();
    let other = names(None);
    if !other.is_empty() {
        groups
            .push(json!({ "sector": null, "title": "Other relevant agencies", "agencies": other }));
    }
    Value::Array(groups)
}

/// Resolves people and renders Markdown wherever those fields appear.
fn walk(value: &mut Value, page: &Page, ctx: &KindContext, diags: &mut Vec<Diagnostic>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if PEOPLE_FIELDS.contains(&key.as_str()) {
                    *v = people(v, ctx);
                } else if MARKDOWN_FIELDS.contains(&key.as_str())
                    && let Some(text) = v.as_str()
                {
                    *v = Value::String(render_field(page, text, ctx, diags));
                } else {
                    walk(v, page, ctx, diags);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| walk(v, page, ctx, diags)),
        _ => {}
    }
}

fn people(v: &Value, ctx: &KindContext) -> Value {
    if let Value::Array(items) = v {
        return Value::Array(items.iter().map(|i| people(i, ctx)).collect());
    }
    match serde_json::from_value(v.clone()) {
        Ok(r) => resolve(ctx.partnership, &r).map_or(Value::Null, |p| {
            serde_json::to_value(p).unwrap_or(Value::Null)
        }),
        Err(_) => Value::Null,
    }
}

/// Renders a Markdown field with the page's own pipeline, pointing problems at the field.
fn render_field(page: &Page, text: &str, ctx: &KindContext, diags: &mut Vec<Diagnostic>) -> String {
    let block = &page.file.text[page.split.front.clone()];
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim();
    let offset = block
        .find(first_line)
        .map_or(page.split.front.start, |i| page.split.front.start + i);
    let input = Input {
        file: &page.file,
        offset,
        body: text,
        permalink: &page.loc.permalink,
    };
    let mut local = Vec::new();
    let rendered = markdown::render(&input, ctx.options, ctx.site, ctx.host, &mut local);
    // Offsets inside a TOML string only match the file where nothing was escaped: keep the
    // located errors (they name the field's line), drop duplicate-id noise between fields.
    diags.extend(local.into_iter().filter(|d| {
        d.is_error() || d.code.as_deref() != Some(&crate::diagnostics::Code::DuplicateHeadingId)
    }));
    rendered.html
}

/// Adds `status_label` and `overdue` to a recommendation or action.
fn add_status(rec: &mut Value, today: Date) {
    let status = rec["status"].as_str().unwrap_or("open").to_string();
    let closed = matches!(status.as_str(), "done" | "superseded");
    let overdue = !closed
        && rec["due"]
            .as_str()
            .and_then(crate::content::date::DateValue::parse)
            .is_some_and(|d| d.date() < today);
    rec["status_label"] = json!(label(&status));
    rec["overdue"] = json!(overdue);
}

/// `not-started` → `Not started`.
pub fn label(value: &str) -> String {
    let spaced = value.replace('-', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Step titles from the framework, rating labels, trends, the chart, and the scale.
fn self_assessment(value: &mut Value, page: &Page, framework: &Framework, ctx: &KindContext) {
    let scale = &ctx.config.self_assessment.ratings;
    let level = |r: &str| scale.iter().position(|s| s == r);
    let mut rows = Vec::new();
    if let Some(steps) = value.get_mut("steps").and_then(Value::as_array_mut) {
        for step in steps.iter_mut() {
            let number = step["number"].as_u64().unwrap_or(0) as u32;
            let fstep = framework.steps.iter().find(|s| s.number == number);
            if step["title"].is_null() {
                step["title"] = json!(fstep.map(|s| s.title.clone()));
            }
            step["prompt"] = json!(fstep.map(|s| s.prompt.clone()));
            let rating = step["rating"]
                .as_str()
                .unwrap_or("not-assessed")
                .to_string();
            let previous = step["previous_rating"].as_str().map(str::to_string);
            step["rating_label"] = json!(label(&rating));
            step["previous_label"] = json!(previous.as_deref().map(label));
            let trend = match (previous.as_deref().and_then(level), level(&rating)) {
                (Some(p), Some(n)) if n < p => Some("improved"),
                (Some(p), Some(n)) if n > p => Some("declined"),
                (Some(_), Some(_)) => Some("unchanged"),
                _ => None,
            };
            step["trend"] = json!(trend);
            if let Some(actions) = step.get_mut("actions").and_then(Value::as_array_mut) {
                for a in actions {
                    add_status(a, ctx.today);
                }
            }
            rows.push(ChartRow {
                number,
                title: step["title"].as_str().unwrap_or_default().to_string(),
                rating,
                previous,
            });
        }
    }
    let caption = format!("{}: rating of each step", framework.title);
    let has_previous = rows.iter().any(|r| r.previous.is_some());
    let mut map = Map::new();
    map.insert("framework_title".into(), json!(framework.title));
    // overview_svg prefixes the ids with `chart-` itself.
    map.insert(
        "chart_svg".into(),
        json!(overview_svg(&page.slug, &caption, &rows, scale)),
    );
    map.insert("chart_caption".into(), json!(caption));
    map.insert("has_previous".into(), json!(has_previous));
    map.insert(
        "scale".into(),
        json!(
            scale
                .iter()
                .chain(std::iter::once(&"not-assessed".to_string()))
                .map(|r| json!({"value": r, "label": label(r)}))
                .collect::<Vec<_>>()
        ),
    );
    if let Value::Object(obj) = value {
        obj.extend(map);
    }
}

/// Every recommendation and action of every page, for the tracker: open first, newest
/// year first, each with the page it came from (and its step), and the later
/// recommendation that carried it on.
pub fn recommendations(site: &Site, data: &[Option<Value>]) -> Vec<Value> {
    let mut out = Vec::new();
    for item in tracker::collect(site) {
        let Some(value) = &data[item.page_id] else {
            continue;
        };
        let Some(mut rec) = find_record(value, item.id).cloned() else {
            continue;
        };
        let page = item.page;
        rec["source"] = json!(item.source);
        rec["step"] = json!(item.step);
        rec["year"] = json!(item.year);
        // A practice review has no period: it is named by its subject ("Child H").
        rec["period"] = page
            .kind
            .as_ref()
            .and_then(more::tracker_period)
            .map_or_else(|| value["period"].clone(), Value::from);
        rec["report"] = json!({
            "title": page.meta.title,
            "permalink": page.loc.permalink,
            "path": page.loc.path,
        });
        out.push(rec);
    }
    let carried: Vec<(String, String)> = out
        .iter()
        .filter_map(|r| {
            Some((
                r["carried_from"].as_str()?.to_string(),
                r["id"].as_str()?.to_string(),
            ))
        })
        .collect();
    for rec in &mut out {
        let id = rec["id"].as_str().unwrap_or_default().to_string();
        let next = carried
            .iter()
            .find(|(from, _)| *from == id)
            .map(|(_, to)| to.clone());
        rec["carried_to"] = json!(next);
    }
    out.sort_by(|a, b| {
        let order = |r: &Value| match r["status"].as_str() {
            Some("open") => 0,
            Some("in-progress") => 1,
            Some("done") => 2,
            _ => 3,
        };
        order(a)
            .cmp(&order(b))
            .then(b["year"].as_i64().cmp(&a["year"].as_i64()))
            .then(a["id"].as_str().cmp(&b["id"].as_str()))
    });
    out
}

/// The object in a page's data with `id` and a `status`: a recommendation or action,
/// wherever its kind keeps it.
fn find_record<'a>(value: &'a Value, id: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => {
            if map.get("id").and_then(Value::as_str) == Some(id) && map.contains_key("status") {
                return Some(value);
            }
            map.values().find_map(|v| find_record(v, id))
        }
        Value::Array(items) => items.iter().find_map(|v| find_record(v, id)),
        _ => None,
    }
}

/// `page.downloads`: each `[[downloads]]` file described (type, size, pages) with its URL.
/// A missing file, or downloads on a page that is not a bundle, is an error at its line.
pub fn downloads(page: &Page, root: &std::path::Path, diags: &mut Vec<Diagnostic>) -> Value {
    if page.meta.downloads.is_empty() {
        return json!([]);
    }
    let file = &page.file;
    let Some(dir) = page.loc.relative_path.strip_suffix("index.md") else {
        diags.push(
            Diagnostic::error("downloads need the page to be a bundle, with the files beside it")
                .in_file(&file.rel)
                .at(&file.text, page.field_range("downloads"))
                .with_hint(format!(
                    "move {} to content/{}/index.md and put the files in that folder",
                    file.rel.display(),
                    page.loc.relative_path.trim_end_matches(".md")
                )),
        );
        return json!([]);
    };
    let bundle = root.join("content").join(dir);
    let mut out = Vec::new();
    for (nth, r) in page.meta.downloads.iter().enumerate() {
        match crate::content::downloads::describe(&bundle, r) {
            Ok(d) => {
                let mut v = serde_json::to_value(&d).unwrap_or(Value::Null);
                v["url"] = json!(format!("{}{}", page.loc.permalink, encode_path(&d.file)));
                v["summary"] = json!(d.summary());
                v["generated"] = json!(false);
                out.push(v);
            }
            Err(message) => {
                let nth_same = page.meta.downloads[..nth]
                    .iter()
                    .filter(|x| x.file == r.file)
                    .count();
                diags.push(
                    Diagnostic::error(message)
                        .in_file(&file.rel)
                        .at(
                            &file.text,
                            crate::content::kinds::locate::value_range(
                                file,
                                &page.split,
                                "file",
                                &r.file,
                                nth_same,
                            ),
                        )
                        .with_hint(format!(
                            "downloads are files in the page's folder, content/{dir}"
                        )),
                );
            }
        }
    }
    Value::Array(out)
}

/// Percent-encodes what a URL path cannot hold as it is (spaces, `#`, `?`, non-ASCII).
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_words() {
        assert_eq!(label("not-started"), "Not started");
        assert_eq!(label("in-progress"), "In progress");
    }

    #[test]
    fn overdue_only_when_open_and_past_due() {
        let today: Date = "2026-01-01".parse().expect("date");
        let mut r = json!({"status": "open", "due": "2025-12-31"});
        add_status(&mut r, today);
        assert_eq!(r["overdue"], json!(true));
        let mut r = json!({"status": "done", "due": "2025-12-31"});
        add_status(&mut r, today);
        assert_eq!(r["overdue"], json!(false));
        assert_eq!(r["status_label"], json!("Done"));
    }
}
