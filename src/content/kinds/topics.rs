//! Statutory completeness: the topics published arrangements and yearly reports should
//! cover, shipped as data files (one per document and edition of Working Together),
//! extended by a site's own `data/statutory-topics.toml`, and matched against a page's
//! fields and headings.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::source::document::parse_toml;

const WT2023: &str = include_str!("topics/wt2023.toml");
const WT2018: &str = include_str!("topics/wt2018.toml");
const YEARLY_WT2023: &str = include_str!("topics/yearly-wt2023.toml");
const YEARLY_WT2018: &str = include_str!("topics/yearly-wt2018.toml");

/// The edition of Working Together a document follows; selects its topic list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Guidance {
    /// Working Together to Safeguard Children 2023.
    #[serde(rename = "WT2023")]
    Wt2023,
    /// Working Together to Safeguard Children 2018.
    #[serde(rename = "WT2018")]
    Wt2018,
}

impl Guidance {
    /// As written in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            Guidance::Wt2023 => "WT2023",
            Guidance::Wt2018 => "WT2018",
        }
    }

    /// The full title of the guidance.
    pub fn title(self) -> &'static str {
        match self {
            Guidance::Wt2023 => "Working Together to Safeguard Children 2023",
            Guidance::Wt2018 => "Working Together to Safeguard Children 2018",
        }
    }
}

/// The statutory document a topic list is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Document {
    /// The published arrangements (`kind = "arrangements"`).
    #[default]
    Arrangements,
    /// The partners' yearly report (`kind = "yearly-report"`).
    YearlyReport,
}

impl Document {
    /// What people call it, after "the".
    pub fn noun(self) -> &'static str {
        match self {
            Document::Arrangements => "arrangements",
            Document::YearlyReport => "yearly report",
        }
    }
}

/// How sure we are that the guidance asks for a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Checked against the published guidance.
    Confirmed,
    /// Recalled from the guidance and not yet checked: missing is only ever a warning.
    ToVerify,
    /// Good practice, not a duty: shown in the table, never warned about.
    Advice,
}

impl Confidence {
    /// As written in the topic files, for tables.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::ToVerify => "to-verify",
            Confidence::Advice => "advice",
        }
    }
}

/// One topic.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// A stable key (`independent-scrutiny`).
    pub id: String,
    /// What the topic is, for people.
    pub title: String,
    /// Words a heading can contain to meet the topic.
    pub names: Vec<String>,
    /// Front-matter fields that meet the topic when set.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Kinds of page that meet the topic when the site has one (`threshold`: the levels
    /// of need published as a page of their own).
    #[serde(default)]
    pub kinds: Vec<String>,
    /// How sure we are the guidance asks for it.
    pub confidence: Confidence,
}

/// The topics of one edition of the guidance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicList {
    /// `WT2023` or `WT2018`.
    pub guidance: String,
    /// The guidance's title.
    pub title: String,
    /// Where the topics come from, cited in warnings.
    pub source: String,
    /// The topics.
    pub topics: Vec<Topic>,
}

/// A site's own topics, in `data/statutory-topics.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteTopics {
    #[serde(default)]
    topics: Vec<SiteTopic>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteTopic {
    /// `WT2023`, `WT2018` or `all`.
    guidance: String,
    /// The document it is for (arrangements unless it says yearly-report).
    #[serde(default)]
    document: Document,
    id: String,
    title: String,
    names: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default = "advice")]
    confidence: Confidence,
}

fn advice() -> Confidence {
    Confidence::Advice
}

/// The shipped list for `document` under `guidance`, with the site's additions (a site
/// topic with the id of a shipped one replaces it).
pub fn topic_list(
    root: &Path,
    document: Document,
    guidance: Guidance,
) -> Result<TopicList, Diagnostic> {
    let shipped = match (document, guidance) {
        (Document::Arrangements, Guidance::Wt2023) => WT2023,
        (Document::Arrangements, Guidance::Wt2018) => WT2018,
        (Document::YearlyReport, Guidance::Wt2023) => YEARLY_WT2023,
        (Document::YearlyReport, Guidance::Wt2018) => YEARLY_WT2018,
    };
    let mut list: TopicList = toml::from_str(shipped).map_err(|e| {
        Diagnostic::error(format!(
            "safesite's own topic list is broken: {}",
            e.message()
        ))
    })?;
    let path = root.join("data/statutory-topics.toml");
    if path.is_file() {
        let file = SourceFile::read(root, &path)?;
        let site: SiteTopics = parse_toml(&file, 0, &file.text)?;
        for t in site.topics {
            if t.document != document || (t.guidance != "all" && t.guidance != guidance.as_str()) {
                continue;
            }
            let topic = Topic {
                id: t.id,
                title: t.title,
                names: t.names,
                fields: t.fields,
                kinds: t.kinds,
                confidence: t.confidence,
            };
            match list.topics.iter_mut().find(|x| x.id == topic.id) {
                Some(existing) => *existing = topic,
                None => list.topics.push(topic),
            }
        }
    }
    Ok(list)
}

/// A heading of the page being assessed.
#[derive(Debug, Clone)]
pub struct HeadingRef {
    /// Its text.
    pub text: String,
    /// Its id.
    pub id: String,
    /// Its line in the file, 0 if unknown.
    pub line: usize,
}

/// What meets a topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "lowercase")]
pub enum MetBy {
    /// A front-matter field that is set.
    Field {
        /// Its name.
        name: String,
        /// The line that sets it (`name = …` or `[name]`), 0 if unknown.
        line: usize,
    },
    /// A heading.
    Heading {
        /// Its text.
        text: String,
        /// Its line.
        line: usize,
    },
    /// Another page of the site, of a kind that covers the topic.
    Page {
        /// Its kind (`threshold`).
        kind: String,
        /// Its content path (`about/levels-of-need.md`).
        path: String,
    },
}

/// One row of the met/missing table.
#[derive(Debug, Clone, Serialize)]
pub struct TopicResult {
    /// The topic.
    pub topic: Topic,
    /// What meets it; `None` when it is missing.
    pub met_by: Option<MetBy>,
}

/// How many topics the guidance asks for (every topic but advice) are met, of how many:
/// `(met, required)`, for "11 of 14 statutory topics met".
pub fn tally(results: &[TopicResult]) -> (usize, usize) {
    let required = results
        .iter()
        .filter(|r| r.topic.confidence != Confidence::Advice);
    let met = required.clone().filter(|r| r.met_by.is_some()).count();
    (met, required.count())
}

/// Matches every topic against the page's set fields and its headings, then against the
/// site's pages of the kinds that cover it (`page_of_kind` gives the content path of the
/// site's page of a kind, if it has one).
pub fn assess(
    list: &TopicList,
    is_set: &dyn Fn(&str) -> bool,
    headings: &[HeadingRef],
    page_of_kind: &dyn Fn(&str) -> Option<String>,
) -> Vec<TopicResult> {
    list.topics
        .iter()
        .map(|topic| {
            let by_field = topic
                .fields
                .iter()
                .find(|f| is_set(f))
                .map(|f| MetBy::Field {
                    name: f.clone(),
                    line: 0,
                });
            let by_heading = || {
                headings
                    .iter()
                    .find(|h| {
                        topic
                            .names
                            .iter()
                            .any(|n| contains_words(&h.text, n) || contains_words(&h.id, n))
                    })
                    .map(|h| MetBy::Heading {
                        text: h.text.clone(),
                        line: h.line,
                    })
            };
            let by_page = || {
                topic.kinds.iter().find_map(|k| {
                    page_of_kind(k).map(|path| MetBy::Page {
                        kind: k.clone(),
                        path,
                    })
                })
            };
            TopicResult {
                topic: topic.clone(),
                met_by: by_field.or_else(by_heading).or_else(by_page),
            }
        })
        .collect()
}

/// Lower case, letters and digits only, single spaces, padded: `" data sharing "`.
fn words(s: &str) -> String {
    let mut out = String::from(" ");
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '’' {
            continue;
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Whether `haystack` contains `needle` as whole words, ignoring case and punctuation.
fn contains_words(haystack: &str, needle: &str) -> bool {
    words(haystack).contains(&words(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(text: &str) -> HeadingRef {
        HeadingRef {
            text: text.into(),
            id: slug::slugify(text),
            line: 3,
        }
    }

    #[test]
    fn shipped_lists_parse() {
        let tmp = tempfile::tempdir().expect("tmp");
        for g in [Guidance::Wt2023, Guidance::Wt2018] {
            for d in [Document::Arrangements, Document::YearlyReport] {
                let list = topic_list(tmp.path(), d, g).expect("list");
                assert_eq!(list.guidance, g.as_str());
                assert!(list.topics.iter().any(|t| t.id == "reviews"));
            }
        }
        let yearly =
            topic_list(tmp.path(), Document::YearlyReport, Guidance::Wt2018).expect("list");
        assert!(!yearly.topics.iter().any(|t| t.id == "scrutiny"));
    }

    #[test]
    fn headings_and_fields_meet_topics() {
        let tmp = tempfile::tempdir().expect("tmp");
        let list = topic_list(tmp.path(), Document::Arrangements, Guidance::Wt2023).expect("list");
        let results = assess(
            &list,
            &|f| f == "funding",
            &[
                heading("Independent scrutiny"),
                heading("Children’s homes and youth custody"),
            ],
            &|_| None,
        );
        let met = |id: &str| {
            results
                .iter()
                .find(|r| r.topic.id == id)
                .and_then(|r| r.met_by.clone())
        };
        assert_eq!(
            met("scrutiny"),
            Some(MetBy::Heading {
                text: "Independent scrutiny".into(),
                line: 3
            })
        );
        assert_eq!(
            met("funding"),
            Some(MetBy::Field {
                name: "funding".into(),
                line: 0
            })
        );
        assert!(met("youth-custody-residential").is_some());
        assert_eq!(met("threshold"), None);
    }

    #[test]
    fn a_threshold_page_meets_the_threshold_topic_in_both_editions() {
        let tmp = tempfile::tempdir().expect("tmp");
        for g in [Guidance::Wt2023, Guidance::Wt2018] {
            let list = topic_list(tmp.path(), Document::Arrangements, g).expect("list");
            let results = assess(&list, &|_| false, &[], &|k| {
                (k == "threshold").then(|| "about/levels-of-need.md".to_string())
            });
            let met: Vec<_> = results.iter().filter_map(|r| r.met_by.clone()).collect();
            assert_eq!(
                met,
                [MetBy::Page {
                    kind: "threshold".into(),
                    path: "about/levels-of-need.md".into()
                }]
            );
        }
    }

    #[test]
    fn words_match_whole_words_only() {
        assert!(contains_words("Sharing our DATA", "data"));
        assert!(!contains_words("Database design", "data"));
        assert!(contains_words("Children's homes", "childrens homes"));
    }

    #[test]
    fn sites_add_and_replace_topics() {
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(tmp.path().join("data")).expect("mkdir");
        std::fs::write(
            tmp.path().join("data/statutory-topics.toml"),
            "[[topics]]\nguidance = \"all\"\nid = \"early-help\"\ntitle = \"Early help\"\nnames = [\"early help\"]\nconfidence = \"confirmed\"\n",
        )
        .expect("write");
        let list = topic_list(tmp.path(), Document::Arrangements, Guidance::Wt2018).expect("list");
        assert!(list.topics.iter().any(|t| t.id == "early-help"));
        let yearly =
            topic_list(tmp.path(), Document::YearlyReport, Guidance::Wt2018).expect("list");
        assert!(!yearly.topics.iter().any(|t| t.id == "early-help"));
        std::fs::write(
            tmp.path().join("data/statutory-topics.toml"),
            "[[topics]]\nguidance = \"all\"\ndocument = \"yearly-report\"\nid = \"exploitation\"\ntitle = \"Exploitation\"\nnames = [\"exploitation\"]\n",
        )
        .expect("write");
        let yearly =
            topic_list(tmp.path(), Document::YearlyReport, Guidance::Wt2023).expect("list");
        assert!(yearly.topics.iter().any(|t| t.id == "exploitation"));
    }
}
