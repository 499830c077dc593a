//! `data/partnership.toml`: the partnership and its people, defined once and referred to
//! by id from every document, so names agree across pages and years.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::date::DateValue;
use super::kinds::people::{Person, PersonRef};
use crate::diagnostics::Diagnostic;
use crate::source::document::parse_data_toml;
use crate::source::{SourceFile, closest};

/// The roles a person can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Lead safeguarding partner.
    Lsp,
    /// Delegated safeguarding partner.
    Dsp,
    /// Partnership chair.
    Chair,
    /// Independent scrutineer.
    Scrutineer,
    /// Business manager.
    BusinessManager,
    /// Safeguarding partner (the 2018 term).
    SafeguardingPartner,
    /// An independent person.
    IndependentPerson,
    /// Scrutiny co-ordinator.
    ScrutinyCoordinator,
    /// Commissioner.
    Commissioner,
}

/// Which statutory partner someone represents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Partner {
    /// A local authority.
    LocalAuthority,
    /// Health (the integrated care board).
    Health,
    /// Police.
    Police,
    /// Education.
    Education,
}

/// One role or several.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Roles {
    /// `role = "chair"`.
    One(Role),
    /// `role = ["chair", "dsp"]`.
    Many(Vec<Role>),
}

/// A person in `[[people]]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    /// How documents refer to them (`jane-smith`).
    pub id: toml::Spanned<String>,
    /// Their role or roles.
    pub role: Option<Roles>,
    /// The partner they represent.
    pub partner: Option<Partner>,
    /// Where they work.
    pub organisation: Option<String>,
    /// Their job title.
    pub postholder: Option<String>,
    /// Their name.
    pub name: Option<String>,
    /// When they started in the role.
    pub from: Option<DateValue>,
    /// When they left it.
    pub to: Option<DateValue>,
}

/// `data/partnership.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// The partnership's name.
    pub name: Option<String>,
    /// A short name (`WSCP`).
    pub short_name: Option<String>,
    /// The local authorities it covers.
    #[serde(default)]
    pub local_authorities: Vec<String>,
    /// Its people.
    #[serde(default)]
    pub people: Vec<PersonRecord>,
}

impl Partnership {
    /// Reads `data/partnership.toml` if it exists; duplicate ids are errors.
    pub fn load(root: &Path) -> Result<Option<Self>, Diagnostic> {
        let path = root.join("data/partnership.toml");
        if !path.is_file() {
            return Ok(None);
        }
        let file = SourceFile::read(root, &path)?;
        let p: Partnership = parse_data_toml(&file, 0, &file.text)?;
        let mut seen = HashMap::new();
        for person in &p.people {
            if seen.insert(person.id.get_ref().as_str(), ()).is_some() {
                return Err(Diagnostic::error(format!(
                    "two people have the id `{}`",
                    person.id.get_ref()
                ))
                .in_file(&file.rel)
                .at(
                    &file.text,
                    crate::source::unquoted(&file.text, person.id.span()),
                )
                .with_hint(
                    "give each person an id of their own (for example their name: jane-smith)",
                ));
            }
        }
        Ok(Some(p))
    }

    /// The person an id names.
    pub fn person(&self, id: &str) -> Option<&PersonRecord> {
        self.people.iter().find(|p| p.id.get_ref() == id)
    }

    /// Every id, for "did you mean" hints.
    pub fn ids(&self) -> Vec<&str> {
        self.people
            .iter()
            .map(|p| p.id.get_ref().as_str())
            .collect()
    }
}

/// Looks a reference up: ids in `partnership`, inline tables as they are.
///
/// `Err` holds the message and hint for an id nobody has.
pub fn resolve(
    partnership: Option<&Partnership>,
    r: &PersonRef,
) -> Result<Person, (String, String)> {
    match r {
        PersonRef::Inline(p) => Ok(Person::new(
            None,
            p.name.clone(),
            p.postholder.clone(),
            p.organisation.clone(),
        )),
        PersonRef::Id(id) => {
            let Some(partnership) = partnership else {
                return Err((
                    format!(
                        "`{id}` names a person, but there is no data/partnership.toml to look them up in"
                    ),
                    format!(
                        "add data/partnership.toml with a [[people]] entry whose id is \"{id}\", or write the person out: {{ name = \"…\", postholder = \"…\", organisation = \"…\" }}"
                    ),
                ));
            };
            match partnership.person(id) {
                Some(p) => Ok(Person::new(
                    Some(p.id.get_ref().clone()),
                    p.name.clone(),
                    p.postholder.clone(),
                    p.organisation.clone(),
                )),
                None => {
                    let ids = partnership.ids();
                    let hint = match closest(id, &ids) {
                        Some(best) => format!(
                            "did you mean \"{best}\"? People are defined in data/partnership.toml"
                        ),
                        None => format!(
                            "the people in data/partnership.toml are: {}",
                            ids.join(", ")
                        ),
                    };
                    Err((
                        format!("there is nobody with the id `{id}` in data/partnership.toml"),
                        hint,
                    ))
                }
            }
        }
    }
}
