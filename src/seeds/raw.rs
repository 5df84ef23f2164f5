//! The seed files as written: serde shapes of `parties.toml`, `issues.toml`
//! and `articles/<slug>.toml`, with the byte span of every field that a
//! message may need to point at. Field names are those of docs/seed-format.md,
//! where each is described.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use crate::diag::{Diagnostic, SourceFile};

/// `parties.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartiesFile {
    /// `[[party]]` tables.
    #[serde(default)]
    pub party: Vec<RawParty>,
    /// `[[actor]]` tables.
    #[serde(default)]
    pub actor: Vec<RawActor>,
}

/// One `[[party]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub members: Option<Spanned<Vec<Spanned<String>>>>,
}

/// One `[[actor]]`: either `party` (with `role`, `from`, `until`) or
/// `[[actor.term]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub party: Option<Spanned<String>>,
    pub role: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub from: Option<Spanned<toml::Value>>,
    pub until: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub term: Vec<RawTerm>,
}

/// One `[[actor.term]]`: a party the actor spoke for, in which role, when.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub party: Spanned<String>,
    pub role: Option<String>,
    pub from: Option<Spanned<toml::Value>>,
    pub until: Option<Spanned<toml::Value>>,
}

/// `issues.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuesFile {
    /// `[[issue]]` tables.
    #[serde(default)]
    pub issue: Vec<RawIssue>,
}

/// One `[[issue]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIssue {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// `articles/<slug>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFile {
    /// `[source]`.
    pub source: RawSource,
    /// `[[demand]]` tables.
    #[serde(default)]
    pub demand: Vec<RawDemand>,
    /// `[[position]]` tables.
    #[serde(default)]
    pub position: Vec<RawPosition>,
    /// `[[talk]]` tables.
    #[serde(default)]
    pub talk: Vec<RawTalk>,
    /// `[[document]]` tables.
    #[serde(default)]
    pub document: Vec<RawDocument>,
}

/// `[source]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Spanned<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub published: Spanned<toml::Value>,
    pub url: Option<String>,
}

/// One `[[demand]]`; every field but `id` may be left to another article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemand {
    pub id: Spanned<String>,
    pub by: Option<Spanned<Ids>>,
    pub of: Option<Spanned<Ids>>,
    pub issue: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub replaces: Option<Spanned<String>>,
    pub condition_for: Option<Spanned<Ids>>,
    pub due: Option<Spanned<toml::Value>>,
    pub responds_to: Option<Spanned<Ids>>,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
}

/// One `[[position]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPosition {
    pub id: Spanned<String>,
    pub party: Option<Spanned<Ids>>,
    pub issue: Option<Spanned<String>>,
    pub stance: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub responds_to: Option<Spanned<Ids>>,
    pub talks: Option<Spanned<String>>,
    pub replaces: Option<Spanned<String>>,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
}

/// One `[[talk]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTalk {
    pub id: Spanned<String>,
    pub title: Option<Spanned<String>>,
    pub format: Option<Spanned<String>>,
    pub status: Option<Spanned<String>>,
    pub date: Option<Spanned<toml::Value>>,
    pub venue: Option<Spanned<String>>,
    pub parties: Option<Spanned<Vec<Spanned<String>>>>,
    pub mediators: Option<Spanned<Vec<Spanned<String>>>>,
    pub host: Option<Spanned<String>>,
    pub proposed_by: Option<Spanned<Ids>>,
    pub part_of: Option<Spanned<String>>,
    pub round: Option<Spanned<i64>>,
    pub actors: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
    #[serde(default)]
    pub outcome: Vec<RawOutcome>,
}

/// One `[[document]]`: a text put on the table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub id: Spanned<String>,
    pub title: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub by: Option<Spanned<Ids>>,
    pub parties: Option<Spanned<Ids>>,
    pub issue: Option<Spanned<String>>,
    pub talk: Option<Spanned<String>>,
    pub responds_to: Option<Spanned<String>>,
    pub replaces: Option<Spanned<String>>,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
    #[serde(default)]
    pub provision: Vec<RawProvision>,
}

/// One `[[document.provision]]`, which carries its own quote.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvision {
    pub id: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub issue: Option<Spanned<String>>,
    pub demand: Option<Spanned<String>>,
    pub quote: Spanned<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

impl RawProvision {
    /// The provision's quote as a piece of evidence.
    pub fn evidence(&self) -> RawEvidence {
        RawEvidence {
            quote: self.quote.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            date: None,
            says: None,
            speaker: None,
            attribution: None,
            implied: None,
        }
    }
}

/// An id or a list of ids, written `"x"` or `["x", "y"]`; a lone id has no
/// span of its own (the field's is used).
#[derive(Debug, Clone)]
pub enum Ids {
    /// `"x"`.
    One(String),
    /// `["x", "y"]`, each with its span.
    List(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for Ids {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ids, D::Error> {
        struct IdsVisitor;
        impl<'de> Visitor<'de> for IdsVisitor {
            type Value = Ids;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an id or a list of ids")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Ids, E> {
                Ok(Ids::One(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ids, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    items.push(item);
                }
                Ok(Ids::List(items))
            }
        }
        deserializer.deserialize_any(IdsVisitor)
    }
}

/// One `[[*.evidence]]`: a quote and what it shows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    pub quote: Spanned<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub date: Option<Spanned<toml::Value>>,
    pub says: Option<Spanned<String>>,
    pub speaker: Option<Spanned<String>>,
    pub attribution: Option<String>,
    pub implied: Option<bool>,
}

/// One `[[talk.outcome]]`, which carries its own quote.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub id: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub quote: Spanned<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub date: Option<Spanned<toml::Value>>,
    pub document: Option<Spanned<String>>,
    pub speaker: Option<Spanned<String>>,
    pub attribution: Option<String>,
    pub implied: Option<bool>,
}

impl RawOutcome {
    /// The outcome's quote as a piece of evidence.
    pub fn evidence(&self) -> RawEvidence {
        RawEvidence {
            quote: self.quote.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            date: self.date.clone(),
            says: None,
            speaker: self.speaker.clone(),
            attribution: self.attribution.clone(),
            implied: self.implied,
        }
    }
}

/// Parses a TOML seed file, pointing at the place of a syntax or shape error.
pub fn parse<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    toml::from_str(&file.text).map_err(|e| {
        let message = e.message().trim_end().to_string();
        let hint = hint_for(&message);
        let diag = match e.span() {
            Some(span) => file.at(span, message),
            None => Diagnostic::file(&file.path, message),
        };
        match hint {
            Some(h) => diag.hint(h),
            None => diag,
        }
    })
}

/// A fix to suggest for common serde and TOML messages.
fn hint_for(message: &str) -> Option<&'static str> {
    if message.starts_with("unknown field") {
        Some(
            "check the spelling against docs/seed-format.md; unknown fields are refused so typos do not pass silently",
        )
    } else if message.starts_with("missing field") {
        Some("add the field; docs/seed-format.md lists which fields each table needs")
    } else if message.contains("invalid") && message.contains("date") {
        Some("write partial dates as strings: date = \"2022-03\"")
    } else {
        None
    }
}

/// The text of a date field, written either as a string (`"2022-03"`) or as
/// a TOML local date (`2025-05-19` unquoted).
pub fn date_text(value: &Spanned<toml::Value>) -> Result<String, &'static str> {
    match value.get_ref() {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            dt.date.map(|d| d.to_string()).ok_or("expected a date")
        }
        toml::Value::Datetime(_) => Err("expected a date without a time of day"),
        toml::Value::Integer(_) => Err("expected a date as a string: write \"2022\", not 2022"),
        _ => Err("expected an EDTF date as a string, such as \"2022-03\""),
    }
}
