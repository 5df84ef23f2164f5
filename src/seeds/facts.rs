//! Gathering the demands, positions and talks of every article, merging the
//! entries that share an id into one fact.
//!
//! A fact seen in several articles may repeat its defining fields, which must
//! then agree, or give only `id` and `evidence`.

use std::collections::HashMap;

use toml::Spanned;

use super::Place;
use super::files::is_identifier;
use super::raw::{self, RawDemand, RawEvidence, RawOutcome, RawPosition, RawTalk};
use crate::diag::{Diagnostic, SourceFile};

/// A field value with the place it was written.
#[derive(Debug, Clone)]
pub struct Located<'a, T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub place: Place<'a>,
}

/// A quote entry and the article it must be found in.
#[derive(Debug, Clone, Copy)]
pub struct Cited<'a> {
    /// Index of the article.
    pub article: usize,
    /// The article's fact file.
    pub file: &'a SourceFile,
    /// The entry.
    pub raw: &'a RawEvidence,
}

/// One fact gathered from all the articles that mention it.
#[derive(Debug)]
pub struct Entry<'a, F> {
    /// The id.
    pub id: String,
    /// Where the id is first written.
    pub first: Place<'a>,
    /// Defining fields merged over all entries.
    pub fields: F,
    /// Quotes from every entry.
    pub evidence: Vec<Cited<'a>>,
}

/// The facts of one kind, in order of first appearance.
#[derive(Debug)]
pub struct Facts<'a, F> {
    /// The facts.
    pub entries: Vec<Entry<'a, F>>,
    index: HashMap<String, usize>,
}

impl<F> Default for Facts<'_, F> {
    fn default() -> Self {
        Facts {
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<'a, F: Default> Facts<'a, F> {
    /// The entry for `id`, created at its first sighting; `None` for a malformed id.
    fn entry(
        &mut self,
        kind: &str,
        id: &Spanned<String>,
        file: &'a SourceFile,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<&mut Entry<'a, F>> {
        if !is_identifier(id.get_ref()) {
            diags.push(
                file.at(id.span(), format!("`{}` is not a valid {kind} id", id.get_ref()))
                    .hint("ids are lowercase letters, digits and hyphens, starting with a letter or digit, at most 128 characters"),
            );
            return None;
        }
        let next = self.entries.len();
        let at = *self.index.entry(id.get_ref().clone()).or_insert(next);
        if at == next {
            self.entries.push(Entry {
                id: id.get_ref().clone(),
                first: Place::new(file, id.span()),
                fields: F::default(),
                evidence: Vec::new(),
            });
        }
        Some(&mut self.entries[at])
    }

    /// True when a fact with this id exists.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The ids, for spelling hints.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }
}

/// A demand's defining fields.
#[derive(Debug, Default)]
pub struct DemandFields<'a> {
    pub by: Option<Located<'a, String>>,
    pub of: Option<Located<'a, String>>,
    pub issue: Option<Located<'a, String>>,
    pub text: Option<Located<'a, String>>,
    pub replaces: Option<Located<'a, String>>,
}

/// A position's defining fields.
#[derive(Debug, Default)]
pub struct PositionFields<'a> {
    pub party: Option<Located<'a, String>>,
    pub issue: Option<Located<'a, String>>,
    pub stance: Option<Located<'a, String>>,
    pub text: Option<Located<'a, String>>,
    pub responds_to: Option<Located<'a, String>>,
    pub talks: Option<Located<'a, String>>,
    pub replaces: Option<Located<'a, String>>,
}

/// A talk's defining fields, and its outcomes from every article.
#[derive(Debug, Default)]
pub struct TalkFields<'a> {
    pub title: Option<Located<'a, String>>,
    pub format: Option<Located<'a, String>>,
    pub status: Option<Located<'a, String>>,
    pub date: Option<Located<'a, String>>,
    pub venue: Option<Located<'a, String>>,
    pub parties: Option<Located<'a, Vec<Spanned<String>>>>,
    pub mediators: Option<Located<'a, Vec<Spanned<String>>>>,
    pub actors: Option<Located<'a, Vec<Spanned<String>>>>,
    pub outcomes: Vec<(usize, &'a SourceFile, &'a RawOutcome)>,
}

/// How a value is shown in a conflict message.
trait Shown: PartialEq + Clone {
    fn shown(&self) -> String;
}

impl Shown for String {
    fn shown(&self) -> String {
        format!("{self:?}")
    }
}

impl Shown for Vec<Spanned<String>> {
    fn shown(&self) -> String {
        let items: Vec<String> = self.iter().map(|s| format!("{:?}", s.get_ref())).collect();
        format!("[{}]", items.join(", "))
    }
}

/// Gathers facts of all articles, merging and reporting conflicts.
#[derive(Default)]
pub struct Gatherer<'a> {
    /// Demands by id.
    pub demands: Facts<'a, DemandFields<'a>>,
    /// Positions by id.
    pub positions: Facts<'a, PositionFields<'a>>,
    /// Talks by id.
    pub talks: Facts<'a, TalkFields<'a>>,
}

impl<'a> Gatherer<'a> {
    /// Adds a `[[demand]]` entry of article `article`.
    pub fn demand(
        &mut self,
        article: usize,
        file: &'a SourceFile,
        raw: &'a RawDemand,
        diags: &mut Vec<Diagnostic>,
    ) {
        let Some(entry) = self.demands.entry("demand", &raw.id, file, diags) else {
            return;
        };
        let mut m = Merger {
            kind: "demand",
            id: &entry.id,
            file,
            diags,
        };
        let f = &mut entry.fields;
        m.merge("by", &mut f.by, raw.by.as_ref());
        m.merge("of", &mut f.of, raw.of.as_ref());
        m.merge("issue", &mut f.issue, raw.issue.as_ref());
        m.merge("text", &mut f.text, raw.text.as_ref());
        m.merge("replaces", &mut f.replaces, raw.replaces.as_ref());
        entry
            .evidence
            .extend(raw.evidence.iter().map(|raw| Cited { article, file, raw }));
    }

    /// Adds a `[[position]]` entry of article `article`.
    pub fn position(
        &mut self,
        article: usize,
        file: &'a SourceFile,
        raw: &'a RawPosition,
        diags: &mut Vec<Diagnostic>,
    ) {
        let Some(entry) = self.positions.entry("position", &raw.id, file, diags) else {
            return;
        };
        let mut m = Merger {
            kind: "position",
            id: &entry.id,
            file,
            diags,
        };
        let f = &mut entry.fields;
        m.merge("party", &mut f.party, raw.party.as_ref());
        m.merge("issue", &mut f.issue, raw.issue.as_ref());
        m.merge("stance", &mut f.stance, raw.stance.as_ref());
        m.merge("text", &mut f.text, raw.text.as_ref());
        m.merge("responds_to", &mut f.responds_to, raw.responds_to.as_ref());
        m.merge("talks", &mut f.talks, raw.talks.as_ref());
        m.merge("replaces", &mut f.replaces, raw.replaces.as_ref());
        entry
            .evidence
            .extend(raw.evidence.iter().map(|raw| Cited { article, file, raw }));
    }

    /// Adds a `[[talk]]` entry of article `article`.
    pub fn talk(
        &mut self,
        article: usize,
        file: &'a SourceFile,
        raw: &'a RawTalk,
        diags: &mut Vec<Diagnostic>,
    ) {
        let date = raw.date.as_ref().and_then(|d| match raw::date_text(d) {
            Ok(text) => Some(Spanned::new(d.span(), text)),
            Err(message) => {
                diags.push(file.at(d.span(), message));
                None
            }
        });
        let Some(entry) = self.talks.entry("talk", &raw.id, file, diags) else {
            return;
        };
        let mut m = Merger {
            kind: "talk",
            id: &entry.id,
            file,
            diags,
        };
        let f = &mut entry.fields;
        m.merge("title", &mut f.title, raw.title.as_ref());
        m.merge("format", &mut f.format, raw.format.as_ref());
        m.merge("status", &mut f.status, raw.status.as_ref());
        m.merge("date", &mut f.date, date.as_ref());
        m.merge("venue", &mut f.venue, raw.venue.as_ref());
        m.merge("parties", &mut f.parties, raw.parties.as_ref());
        m.merge("mediators", &mut f.mediators, raw.mediators.as_ref());
        m.merge("actors", &mut f.actors, raw.actors.as_ref());
        f.outcomes
            .extend(raw.outcome.iter().map(|o| (article, file, o)));
        entry
            .evidence
            .extend(raw.evidence.iter().map(|raw| Cited { article, file, raw }));
    }
}

/// Merges the fields of one entry into the fact gathered so far.
struct Merger<'m, 'a> {
    kind: &'static str,
    id: &'m str,
    file: &'a SourceFile,
    diags: &'m mut Vec<Diagnostic>,
}

impl<'a> Merger<'_, 'a> {
    /// Takes `new` into `slot`, or reports that it differs from what is there.
    fn merge<T: Shown>(
        &mut self,
        field: &str,
        slot: &mut Option<Located<'a, T>>,
        new: Option<&Spanned<T>>,
    ) {
        let Some(new) = new else { return };
        match slot {
            None => {
                *slot = Some(Located {
                    value: new.get_ref().clone(),
                    place: Place::new(self.file, new.span()),
                })
            }
            Some(old) if old.value != *new.get_ref() => {
                let (kind, id) = (self.kind, self.id);
                let diag = self
                    .file
                    .at(
                        new.span(),
                        format!(
                            "{kind} `{id}` has {field} = {} here but {field} = {} at {}",
                            new.get_ref().shown(),
                            old.value.shown(),
                            old.place
                        ),
                    )
                    .hint(format!(
                        "a fact seen in several articles must agree everywhere: repeat the same {field}, leave it out here (give only id and evidence), or use a new id"
                    ));
                self.diags.push(diag);
            }
            Some(_) => {}
        }
    }
}
