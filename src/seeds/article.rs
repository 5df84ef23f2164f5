//! One article on its own: its fact file parsed, its quotes found, its
//! dates, enumerations and registry ids checked. What needs the other
//! articles (fact ids, facts seen twice, talk dates used as defaults) is left
//! to `resolve`. The TOML text and its parse tree are dropped here; what is
//! kept is small and owned, so that a large corpus fits in memory.

use sha2::{Digest, Sha256};
use toml::Spanned;

use super::files::{self, ArticlePaths};
use super::raw::{self, ArticleFile, RawDemand, RawEvidence, RawOutcome, RawPosition, RawTalk};
use super::registry::{self, Registry};
use super::{check_ref, hex};
use crate::date::{Edtf, Precision};
use crate::diag::{Diagnostic, Place, SourceFile};
use crate::model::Source;
use crate::quote::{self, Haystack, Lookup, Span};
use crate::vocab::{OutcomeKind, Says, Stance, TalkFormat, TalkStatus, ValueSet};

/// A value with the place it was written.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub place: Place,
}

/// An optional text field of an entry.
pub type Field = Option<Located<String>>;

/// A list of ids, with the place of the list and of each id.
pub type IdList = Option<Located<Vec<Located<String>>>>;

/// A quote found in its article, waiting for the checks that need the
/// other articles (the default date of a talk, whether a talk may lie in the
/// future).
#[derive(Debug)]
pub struct Pending {
    /// Index of the article.
    pub source: usize,
    /// Where the quote is in the article.
    pub span: Span,
    /// Where the quote is in the fact file.
    pub quote: Place,
    /// The date given with the quote.
    pub date: Option<Located<Edtf>>,
    /// What it says of the fact.
    pub says: Says,
    /// The actor the text attributes it to (a known actor id).
    pub speaker: Option<Located<String>>,
    /// True when the text implies rather than states it.
    pub implied: bool,
}

/// A quote entry: `None` when it had a problem already reported.
pub type Quote = Option<Pending>;

/// One `[[demand]]` entry.
#[derive(Debug)]
pub struct DemandEntry {
    /// The demand's id.
    pub id: Located<String>,
    /// The party demanding.
    pub by: Field,
    /// The party the demand is made of.
    pub of: Field,
    /// The issue.
    pub issue: Field,
    /// The demand in a few words.
    pub text: Field,
    /// The earlier demand it supersedes.
    pub replaces: Field,
    /// Its quotes in this article.
    pub evidence: Vec<Quote>,
    /// True when a field had a problem already reported.
    pub broken: bool,
}

/// One `[[position]]` entry.
#[derive(Debug)]
pub struct PositionEntry {
    /// The position's id.
    pub id: Located<String>,
    /// The party holding it.
    pub party: Field,
    /// The issue.
    pub issue: Field,
    /// Its stance.
    pub stance: Option<Located<Stance>>,
    /// The position in a few words.
    pub text: Field,
    /// The demand it answers.
    pub responds_to: Field,
    /// The talk it is about.
    pub talks: Field,
    /// The earlier position it supersedes.
    pub replaces: Field,
    /// Its quotes in this article.
    pub evidence: Vec<Quote>,
    /// True when a field had a problem already reported.
    pub broken: bool,
}

/// One `[[talk]]` entry.
#[derive(Debug)]
pub struct TalkEntry {
    /// The talk's id.
    pub id: Located<String>,
    /// Display title.
    pub title: Field,
    /// How it is held.
    pub format: Option<Located<TalkFormat>>,
    /// Whether it took place, as of this article.
    pub status: Option<Located<TalkStatus>>,
    /// When it took or takes place.
    pub date: Option<Located<Edtf>>,
    /// Where.
    pub venue: Field,
    /// The sides at the table.
    pub parties: IdList,
    /// Third parties mediating.
    pub mediators: IdList,
    /// Actors who took part.
    pub actors: IdList,
    /// Its quotes in this article.
    pub evidence: Vec<Quote>,
    /// Its outcomes in this article.
    pub outcomes: Vec<OutcomeEntry>,
    /// True when a field had a problem already reported.
    pub broken: bool,
}

/// One `[[talk.outcome]]` entry.
#[derive(Debug)]
pub struct OutcomeEntry {
    /// An explicit id, if given.
    pub id: Option<Located<String>>,
    /// The outcome in a few words.
    pub text: Located<String>,
    /// What kind of outcome.
    pub kind: Located<OutcomeKind>,
    /// Its quote.
    pub quote: Quote,
    /// True when a field had a problem already reported.
    pub broken: bool,
}

/// What one article contributes.
#[derive(Debug, Default)]
pub struct ArticleFacts {
    /// The source, when its `[source]` table is valid.
    pub source: Option<Source>,
    /// Its demands, in file order.
    pub demands: Vec<DemandEntry>,
    /// Its positions, in file order.
    pub positions: Vec<PositionEntry>,
    /// Its talks, in file order.
    pub talks: Vec<TalkEntry>,
}

/// An article read: its facts, when its files could be read and parsed, and
/// the problems found.
pub struct Article {
    /// What it contributes, when both files could be read and parsed.
    pub facts: Option<ArticleFacts>,
    /// The problems found in it.
    pub diags: Vec<Diagnostic>,
}

/// Reads, parses and checks article number `source`.
pub fn read(source: usize, paths: &ArticlePaths, registry: &Registry) -> Article {
    let mut diags = Vec::new();
    let (facts_file, text_file) = match &paths.given {
        Some((text, facts)) => (
            Some(SourceFile::new(&paths.facts, facts.clone())),
            Some(SourceFile::new(&paths.text, text.clone())),
        ),
        None => (
            files::read_text(&paths.facts, &mut diags),
            files::read_text(&paths.text, &mut diags),
        ),
    };
    let (Some(facts_file), Some(text_file)) = (facts_file, text_file) else {
        return Article { facts: None, diags };
    };
    let parsed = match raw::parse::<ArticleFile>(&facts_file) {
        Ok(parsed) => parsed,
        Err(d) => {
            diags.push(d);
            return Article { facts: None, diags };
        }
    };
    let mut reader = Reader {
        source,
        file: &facts_file,
        text: &text_file,
        haystack: Haystack::new(&text_file.text),
        registry,
        diags: &mut diags,
    };
    let published = reader.published(&parsed.source.published);
    let title_ok = registry::non_empty(&facts_file, "title", &parsed.source.title, reader.diags);
    let mut facts = ArticleFacts {
        source: None,
        demands: parsed
            .demand
            .into_iter()
            .map(|d| reader.demand(d))
            .collect(),
        positions: parsed
            .position
            .into_iter()
            .map(|p| reader.position(p))
            .collect(),
        talks: parsed.talk.into_iter().map(|t| reader.talk(t)).collect(),
    };
    drop(reader);
    if let (Some(published), true) = (published, title_ok) {
        let src = parsed.source;
        facts.source = Some(Source {
            slug: paths.slug.clone(),
            title: src.title.into_inner(),
            author: src.author,
            publisher: src.publisher,
            published,
            url: src.url,
            sha256: hex(&Sha256::digest(text_file.text.as_bytes())),
            text: text_file.text,
        });
    }
    Article {
        facts: Some(facts),
        diags,
    }
}

/// Checks the entries of one fact file against its article and the registries.
struct Reader<'r> {
    source: usize,
    file: &'r SourceFile,
    text: &'r SourceFile,
    haystack: Haystack<'r>,
    registry: &'r Registry,
    diags: &'r mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn located<T>(&self, value: Spanned<T>) -> Located<T> {
        Located {
            place: self.file.place(value.span().start),
            value: value.into_inner(),
        }
    }

    fn field(&self, value: Option<Spanned<String>>) -> Field {
        value.map(|v| self.located(v))
    }

    fn id(&mut self, kind: &str, id: Spanned<String>) -> (Located<String>, bool) {
        let ok = registry::valid_id(self.file, kind, &id, self.diags);
        (self.located(id), ok)
    }

    /// Checks a reference to a registry id, when given.
    fn registry_ref(&mut self, kind: &str, value: Option<&Spanned<String>>) -> bool {
        let Some(v) = value else { return true };
        let place = self.file.place(v.span().start);
        match kind {
            "party" => check_ref(
                kind,
                v.get_ref(),
                &place,
                &self.registry.party_ids,
                self.diags,
            ),
            "issue" => check_ref(
                kind,
                v.get_ref(),
                &place,
                &self.registry.issue_ids,
                self.diags,
            ),
            _ => check_ref(
                kind,
                v.get_ref(),
                &place,
                &self.registry.actor_ids,
                self.diags,
            ),
        }
    }

    /// The value of an enumeration, when given, and whether it is valid
    /// (or absent).
    fn choice<V: ValueSet>(
        &mut self,
        field: &str,
        value: Option<Spanned<String>>,
    ) -> (Option<Located<V>>, bool) {
        let Some(v) = value else {
            return (None, true);
        };
        match registry::one_of::<V>(self.file, field, &v, self.diags) {
            Some(parsed) => (
                Some(Located {
                    value: parsed,
                    place: self.file.place(v.span().start),
                }),
                true,
            ),
            None => (None, false),
        }
    }

    /// Checks a list of registry ids.
    fn id_list(
        &mut self,
        kind: &str,
        value: Option<Spanned<Vec<Spanned<String>>>>,
    ) -> (IdList, bool) {
        let Some(list) = value else {
            return (None, true);
        };
        let mut ok = true;
        for item in list.get_ref() {
            ok &= self.registry_ref(kind, Some(item));
        }
        let place = self.file.place(list.span().start);
        let items = list
            .into_inner()
            .into_iter()
            .map(|i| self.located(i))
            .collect();
        (
            Some(Located {
                value: items,
                place,
            }),
            ok,
        )
    }

    fn published(&mut self, value: &Spanned<toml::Value>) -> Option<Edtf> {
        let date = registry::parse_date(self.file, value, self.diags)?;
        if date.precision() == Precision::Day && !date.text().ends_with(['~', '?', '%']) {
            return Some(date);
        }
        self.diags.push(
            self.file
                .at(value.span(), format!("`published` must be an exact day, not `{date}`"))
                .hint("write the publication day as YYYY-MM-DD; relative dates in the text are read against it"),
        );
        None
    }

    fn demand(&mut self, raw: RawDemand) -> DemandEntry {
        let (id, id_ok) = self.id("demand", raw.id);
        let refs_ok = self.registry_ref("party", raw.by.as_ref())
            & self.registry_ref("party", raw.of.as_ref())
            & self.registry_ref("issue", raw.issue.as_ref());
        let evidence = raw
            .evidence
            .into_iter()
            .map(|e| self.evidence(e, true))
            .collect();
        DemandEntry {
            id,
            by: self.field(raw.by),
            of: self.field(raw.of),
            issue: self.field(raw.issue),
            text: self.field(raw.text),
            replaces: self.field(raw.replaces),
            evidence,
            broken: !(id_ok && refs_ok),
        }
    }

    fn position(&mut self, raw: RawPosition) -> PositionEntry {
        let (id, id_ok) = self.id("position", raw.id);
        let (stance, stance_ok) = self.choice::<Stance>("stance", raw.stance);
        let fields_ok = self.registry_ref("party", raw.party.as_ref())
            & self.registry_ref("issue", raw.issue.as_ref())
            & stance_ok;
        let evidence = raw
            .evidence
            .into_iter()
            .map(|e| self.evidence(e, true))
            .collect();
        PositionEntry {
            id,
            party: self.field(raw.party),
            issue: self.field(raw.issue),
            stance,
            text: self.field(raw.text),
            responds_to: self.field(raw.responds_to),
            talks: self.field(raw.talks),
            replaces: self.field(raw.replaces),
            evidence,
            broken: !(id_ok && fields_ok),
        }
    }

    fn talk(&mut self, raw: RawTalk) -> TalkEntry {
        let (id, id_ok) = self.id("talk", raw.id);
        let (format, format_ok) = self.choice::<TalkFormat>("format", raw.format);
        let (status, status_ok) = self.choice::<TalkStatus>("status", raw.status);
        let mut ok = id_ok & format_ok & status_ok;
        let date = raw.date.and_then(|d| {
            let parsed = registry::parse_date(self.file, &d, self.diags);
            ok &= parsed.is_some();
            Some(Located {
                value: parsed?,
                place: self.file.place(d.span().start),
            })
        });
        let (parties, parties_ok) = self.id_list("party", raw.parties);
        let (mediators, mediators_ok) = self.id_list("party", raw.mediators);
        let (actors, actors_ok) = self.id_list("actor", raw.actors);
        let evidence = raw
            .evidence
            .into_iter()
            .map(|e| self.evidence(e, false))
            .collect();
        let outcomes = raw.outcome.into_iter().map(|o| self.outcome(o)).collect();
        TalkEntry {
            id,
            title: self.field(raw.title),
            format,
            status,
            date,
            venue: self.field(raw.venue),
            parties,
            mediators,
            actors,
            evidence,
            outcomes,
            broken: !(ok && parties_ok && mediators_ok && actors_ok),
        }
    }

    fn outcome(&mut self, raw: RawOutcome) -> OutcomeEntry {
        let quote = self.evidence(raw.evidence(), false);
        let kind =
            registry::one_of::<OutcomeKind>(self.file, "outcome kind", &raw.kind, self.diags);
        let kind_place = self.file.place(raw.kind.span().start);
        let text_ok = registry::non_empty(self.file, "text", &raw.text, self.diags);
        let id = raw.id.map(|id| self.id("outcome", id));
        let id_ok = id.as_ref().is_none_or(|(_, ok)| *ok);
        OutcomeEntry {
            id: id.map(|(id, _)| id),
            text: self.located(raw.text),
            kind: Located {
                value: kind.unwrap_or(OutcomeKind::Other),
                place: kind_place,
            },
            quote,
            broken: !(kind.is_some() && text_ok && id_ok),
        }
    }

    /// Finds a quote and checks what can be checked within this article.
    fn evidence(&mut self, raw: RawEvidence, tracks_change: bool) -> Quote {
        let span = self.find(&raw);
        let mut ok = span.is_some();
        let date = match &raw.date {
            Some(value) => {
                let parsed = registry::parse_date(self.file, value, self.diags);
                ok &= parsed.is_some();
                parsed.map(|d| Located {
                    value: d,
                    place: self.file.place(value.span().start),
                })
            }
            None if tracks_change => {
                self.diags.push(
                    self.file
                        .at(raw.quote.span(), "evidence has no `date`")
                        .hint("add date = \"...\": when the quoted text says this held, e.g. \"2022-03\" or \"2025-05-19\""),
                );
                ok = false;
                None
            }
            None => None,
        };
        let says = match &raw.says {
            None => Says::Held,
            Some(s) if !tracks_change && s.get_ref() != Says::Held.as_str() => {
                self.diags.push(
                    self.file
                        .at(s.span(), format!("says = \"{}\" applies only to demands and positions", s.get_ref()))
                        .hint("remove `says`; the evidence of talks and outcomes only shows that they happened"),
                );
                ok = false;
                Says::Held
            }
            Some(s) => {
                let says = registry::one_of::<Says>(self.file, "says", s, self.diags);
                ok &= says.is_some();
                says.unwrap_or(Says::Held)
            }
        };
        ok &= self.registry_ref("actor", raw.speaker.as_ref());
        Some(Pending {
            source: self.source,
            span: span?,
            quote: self.file.place(raw.quote.span().start),
            date,
            says,
            speaker: self.field(raw.speaker),
            implied: raw.implied.unwrap_or(false),
        })
        .filter(|_| ok)
    }

    /// `path:line:column` in the article of each span, for messages.
    fn places(&self, spans: &[Span]) -> String {
        let places: Vec<String> = spans
            .iter()
            .map(|p| self.text.place(p.byte_start as usize).to_string())
            .collect();
        places.join(", ")
    }

    /// Looks a quote up, reporting where it is missing or ambiguous.
    fn find(&mut self, raw: &RawEvidence) -> Option<Span> {
        let original = self.text.text.as_str();
        let shown = self.text.path.display();
        match self.haystack.lookup(
            raw.quote.get_ref(),
            raw.prefix.as_deref(),
            raw.suffix.as_deref(),
        ) {
            Lookup::Found(span) => Some(span),
            Lookup::NotFound { closest } => {
                let hint = match closest {
                    Some(near) => format!(
                        "the closest passage is at {}: \"{}\"; copy the quote from the article exactly (quote marks, dashes and spacing may differ)",
                        self.text.place(near.byte_start as usize),
                        quote::slice(original, near)
                    ),
                    None => "no passage of the article shares its first or last words; copy the quote from the article".to_string(),
                };
                self.diags.push(
                    self.file
                        .at(raw.quote.span(), format!("quote not found in {shown}"))
                        .hint(hint),
                );
                None
            }
            Lookup::ContextMismatch(places) => {
                let list = self.places(&places);
                self.diags.push(
                    self.file
                        .at(raw.quote.span(), format!("quote found in {shown}, but not with this prefix or suffix"))
                        .hint(format!(
                            "it occurs at {}; `prefix` and `suffix` must be the text just before and after it",
                            list
                        )),
                );
                None
            }
            Lookup::Ambiguous(places) => {
                let list = self.places(&places);
                self.diags.push(
                    self.file
                        .at(raw.quote.span(), format!("quote occurs {} times in {shown}", places.len()))
                        .hint(format!(
                            "it occurs at {}; lengthen the quote, or add prefix = \"...\" or suffix = \"...\" (the text just before or after it) to pick one",
                            list
                        )),
                );
                None
            }
        }
    }
}
