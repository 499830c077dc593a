//! People named in documents: an id from `data/partnership.toml`, or written out inline.

use serde::{Deserialize, Deserializer, Serialize};

/// A person (or organisation) as written in front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonRef {
    /// The `id` of a person in `data/partnership.toml`.
    Id(String),
    /// Written out in place: `{ name = "…", postholder = "…", organisation = "…" }`.
    Inline(InlinePerson),
}

/// A person written out in place. A scrutineer may be an organisation with no name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlinePerson {
    /// Their name.
    pub name: Option<String>,
    /// Their job title.
    pub postholder: Option<String>,
    /// Where they work.
    pub organisation: Option<String>,
}

impl<'de> Deserialize<'de> for PersonRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Id(String),
            Inline(InlinePerson),
        }
        match Raw::deserialize(d).map_err(crate::content::date::keep_missing(PERSON_EXPECTED)) {
            Ok(Raw::Id(id)) => Ok(PersonRef::Id(id)),
            Ok(Raw::Inline(p))
                if p.name.is_none() && p.postholder.is_none() && p.organisation.is_none() =>
            {
                Err(serde::de::Error::custom(PERSON_EXPECTED))
            }
            Ok(Raw::Inline(p)) => Ok(PersonRef::Inline(p)),
            Err(e) => Err(e),
        }
    }
}

/// The shape a person field takes, for error messages.
pub const PERSON_EXPECTED: &str = "expected a person: the id of someone in data/partnership.toml (\"jane-smith\"), or { name = \"…\", postholder = \"…\", organisation = \"…\" }";

/// A person as templates see them, after ids are looked up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The id in `data/partnership.toml`, if they came from there.
    pub id: Option<String>,
    /// Their name.
    pub name: Option<String>,
    /// Their job title.
    pub postholder: Option<String>,
    /// Where they work.
    pub organisation: Option<String>,
    /// "Name, Postholder, Organisation", leaving out what is missing.
    pub display: String,
}

impl Person {
    /// Builds the display form from the parts that are present.
    pub fn new(
        id: Option<String>,
        name: Option<String>,
        postholder: Option<String>,
        organisation: Option<String>,
    ) -> Self {
        let display = [&name, &postholder, &organisation]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        Person {
            id,
            name,
            postholder,
            organisation,
            display,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        p: PersonRef,
    }

    #[test]
    fn ids_and_inline_tables() {
        let t: T = toml::from_str("p = \"jane\"").expect("id");
        assert_eq!(t.p, PersonRef::Id("jane".into()));
        let t: T = toml::from_str("p = { organisation = \"Scrutiny Ltd\" }").expect("inline");
        assert!(matches!(
            t.p,
            PersonRef::Inline(InlinePerson {
                organisation: Some(_),
                ..
            })
        ));
        let err = toml::from_str::<T>("p = 3").err().expect("error");
        assert!(err.message().contains("expected a person"));
        let err = toml::from_str::<T>("p = {}").err().expect("error");
        assert!(err.message().contains("expected a person"));
        let err = toml::from_str::<T>("").err().expect("error");
        assert_eq!(err.message(), "missing field `p`");
    }

    #[test]
    fn display_leaves_out_missing_parts() {
        let p = Person::new(
            None,
            None,
            Some("Chief Executive".into()),
            Some("Dale Council".into()),
        );
        assert_eq!(p.display, "Chief Executive, Dale Council");
    }
}
