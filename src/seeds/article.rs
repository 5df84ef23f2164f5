//! One article on its own: its fact file parsed, its quotes found, its
//! dates, enumerations and registry ids checked. What needs the other
//! articles (fact ids, facts seen twice, talk dates used as defaults) is left
//! to `resolve`. The TOML text and its parse tree are dropped here; what is
//! kept is small and owned, so that a large corpus fits in memory.

use toml::Spanned;

use super::check_ref;
use super::files::{self, ArticlePaths};
use super::raw::{
    self, ArticleFile, Ids, RawDemand, RawDocument, RawEvidence, RawOutcome, RawPosition,
    RawProvision, RawTalk,
};
use super::registry::{self, Registry};
use crate::date::{Edtf, Precision};
use crate::diag::{Diagnostic, Place, SourceFile};
use crate::model::{Source, Stamp};
use crate::quote::{self, Haystack, Lookup, Places, Span};
use crate::vocab::{DocumentKind, OutcomeKind, Says, Stance, TalkFormat, TalkStatus, ValueSet};

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
    /// The article's text there.
    pub text: String,
    /// Where the quote is in the fact file.
    pub quote: Place,
    /// The date given with the quote.
    pub date: Option<Located<Edtf>>,
    /// What it says of the fact.
    pub says: Says,
    /// The actor the text attributes it to (a known actor id).
    pub speaker: Option<Located<String>>,
    /// Who else the article credits.
    pub attribution: Option<String>,
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
    /// The parties demanding.
    pub by: IdList,
    /// The parties the demand is made of.
    pub of: IdList,
    /// The issue.
    pub issue: Field,
    /// The demand in a few words.
    pub text: Field,
    /// The earlier demand it supersedes.
    pub replaces: Field,
    /// Facts its makers say depend on it.
    pub condition_for: IdList,
    /// Its deadline.
    pub due: Option<Located<Edtf>>,
    /// Facts it answers.
    pub responds_to: IdList,
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
    /// The parties holding it.
    pub party: IdList,
    /// The issue.
    pub issue: Field,
    /// Its stance.
    pub stance: Option<Located<Stance>>,
    /// The position in a few words.
    pub text: Field,
    /// Facts it answers.
    pub responds_to: IdList,
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
    /// Who hosted it.
    pub host: Field,
    /// Who called for it.
    pub proposed_by: IdList,
    /// The process it is a round of.
    pub part_of: Field,
    /// Its number in the process.
    pub round: Option<Located<i64>>,
    /// Actors who took part.
    pub actors: IdList,
    /// The article of this entry, and the status and date it gives, for
    /// the talk's history (one per article once merged).
    pub reports: Vec<(usize, Option<TalkStatus>, Option<Edtf>)>,
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
    /// The outcome in a few words; may be left to the article that
    /// first gave the outcome's id.
    pub text: Field,
    /// What kind of outcome, likewise.
    pub kind: Option<Located<OutcomeKind>>,
    /// The document it produced or exchanged.
    pub document: Field,
    /// Where the entry is, for messages.
    pub place: Place,
    /// Its quote.
    pub quote: Quote,
    /// True when a field had a problem already reported.
    pub broken: bool,
}

/// One `[[document]]` entry.
#[derive(Debug)]
pub struct DocumentEntry {
    /// The document's id.
    pub id: Located<String>,
    /// Display title.
    pub title: Field,
    /// What kind of text.
    pub kind: Option<Located<DocumentKind>>,
    /// Who drafted or tabled it.
    pub by: IdList,
    /// The sides it would bind or that signed it.
    pub parties: IdList,
    /// Its main issue.
    pub issue: Field,
    /// The talk where it was tabled or signed.
    pub talk: Field,
    /// The document it answers.
    pub responds_to: Field,
    /// The earlier version it supersedes.
    pub replaces: Field,
    /// Its quotes in this article.
    pub evidence: Vec<Quote>,
    /// Its provisions in this article.
    pub provisions: Vec<ProvisionEntry>,
    /// True when a field had a problem already reported.
    pub broken: bool,
}

/// One `[[document.provision]]` entry.
#[derive(Debug)]
pub struct ProvisionEntry {
    /// An explicit id, if given.
    pub id: Option<Located<String>>,
    /// The provision in a few words; may be left to the article that first
    /// gave the provision's id.
    pub text: Field,
    /// Its issue.
    pub issue: Field,
    /// The demand it carries.
    pub demand: Field,
    /// Where the entry is, for messages.
    pub place: Place,
    /// Its quote.
    pub quote: Quote,
    /// True when a field had a problem already reported.
    pub broken: bool,
}

/// Which kind of fact a quote backs, for what its evidence may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backs {
    /// A demand or position: a date is required; held, added or dropped.
    Claim,
    /// A document: a date is required; proposed (the default) and the rest.
    Document,
    /// A talk, outcome or provision: no `says`.
    Event,
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
    /// Its documents, in file order.
    pub documents: Vec<DocumentEntry>,
}

impl ArticleFacts {
    /// Every fact id its entries give, those of outcomes and provisions
    /// included, sorted and each once.
    pub fn entry_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(self.demands.iter().map(|d| d.id.value.clone()));
        ids.extend(self.positions.iter().map(|p| p.id.value.clone()));
        for t in &self.talks {
            ids.push(t.id.value.clone());
            ids.extend(
                t.outcomes
                    .iter()
                    .filter_map(|o| o.id.as_ref())
                    .map(|o| o.value.clone()),
            );
        }
        for d in &self.documents {
            ids.push(d.id.value.clone());
            ids.extend(
                d.provisions
                    .iter()
                    .filter_map(|p| p.id.as_ref())
                    .map(|p| p.value.clone()),
            );
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// An article read: its facts, when its files could be read and parsed, and
/// the problems found.
pub struct Article {
    /// What it contributes, when both files could be read and parsed.
    pub facts: Option<ArticleFacts>,
    /// The problems found in it.
    pub diags: Vec<Diagnostic>,
    /// Its text and fact file as they were read from disk (none for files
    /// given in memory).
    pub stamps: Vec<Stamp>,
}

/// Reads, parses and checks article number `source`.
pub fn read(source: usize, paths: &ArticlePaths, registry: &Registry) -> Article {
    let mut diags = Vec::new();
    let mut stamps = Vec::new();
    let (facts_file, text_file) = match &paths.given {
        Some((text, facts)) => (
            Some(SourceFile::new(&paths.facts, facts.clone())),
            Some(SourceFile::new(&paths.text, text.clone())),
        ),
        None => {
            let facts = files::read_text_stamped(&paths.facts, &mut diags);
            let text = files::read_text_stamped(&paths.text, &mut diags);
            if let (Some((text, text_meta)), Some((facts, facts_meta))) = (&text, &facts) {
                let slug = &paths.slug;
                stamps.push(Stamp::of(
                    format!("articles/{slug}.txt"),
                    text_meta,
                    text.text.as_bytes(),
                ));
                stamps.push(Stamp::of(
                    format!("articles/{slug}.toml"),
                    facts_meta,
                    facts.text.as_bytes(),
                ));
            }
            (facts.map(|(f, _)| f), text.map(|(t, _)| t))
        }
    };
    let (Some(facts_file), Some(text_file)) = (facts_file, text_file) else {
        return Article {
            facts: None,
            diags,
            stamps,
        };
    };
    let parsed = match raw::parse::<ArticleFile>(&facts_file) {
        Ok(parsed) => parsed,
        Err(d) => {
            diags.push(d);
            return Article {
                facts: None,
                diags,
                stamps,
            };
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
        documents: parsed
            .document
            .into_iter()
            .map(|d| reader.document(d))
            .collect(),
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
            sha256: match stamps.first() {
                Some(stamp) => stamp.sha256.clone(),
                None => Stamp::digest(text_file.text.as_bytes()),
            },
            text: text_file.text,
        });
    }
    Article {
        facts: Some(facts),
        diags,
        stamps,
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
        let (by, by_ok) = self.ids("party", raw.by);
        let (of, of_ok) = self.ids("party", raw.of);
        let (condition_for, _) = self.ids("fact", raw.condition_for);
        let (responds_to, _) = self.ids("fact", raw.responds_to);
        let (due, due_ok) = self.date(raw.due.as_ref());
        let refs_ok = by_ok & of_ok & due_ok & self.registry_ref("issue", raw.issue.as_ref());
        let evidence = raw
            .evidence
            .into_iter()
            .map(|e| self.evidence(e, Backs::Claim))
            .collect();
        DemandEntry {
            id,
            by,
            of,
            issue: self.field(raw.issue),
            text: self.field(raw.text),
            replaces: self.field(raw.replaces),
            condition_for,
            due,
            responds_to,
            evidence,
            broken: !(id_ok && refs_ok),
        }
    }

    fn position(&mut self, raw: RawPosition) -> PositionEntry {
        let (id, id_ok) = self.id("position", raw.id);
        let (stance, stance_ok) = self.choice::<Stance>("stance", raw.stance);
        let (party, party_ok) = self.ids("party", raw.party);
        let (responds_to, _) = self.ids("fact", raw.responds_to);
        let fields_ok = party_ok & self.registry_ref("issue", raw.issue.as_ref()) & stance_ok;
        let evidence = raw
            .evidence
            .into_iter()
            .map(|e| self.evidence(e, Backs::Claim))
            .collect();
        PositionEntry {
            id,
            party,
            issue: self.field(raw.issue),
            stance,
            text: self.field(raw.text),
            responds_to,
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
        let (proposed_by, proposers_ok) = self.ids("party", raw.proposed_by);
        ok &= self.registry_ref("party", raw.host.as_ref());
        let round = raw.round.map(|r| self.located(r));
        if let Some(r) = round.as_ref().filter(|r| r.value < 1) {
            self.diags.push(
                r.place
                    .diagnostic(format!("round {} is not a round's number", r.value))
                    .hint("rounds are numbered from 1 within `part_of`"),
            );
            ok = false;
        }
        let evidence = raw
            .evidence
            .into_iter()
            .map(|e| self.evidence(e, Backs::Event))
            .collect();
        let outcomes = raw.outcome.into_iter().map(|o| self.outcome(o)).collect();
        let reports = vec![(
            self.source,
            status.as_ref().map(|s| s.value),
            date.as_ref().map(|d| d.value.clone()),
        )];
        TalkEntry {
            id,
            title: self.field(raw.title),
            format,
            status,
            date,
            venue: self.field(raw.venue),
            parties,
            mediators,
            host: self.field(raw.host),
            proposed_by,
            part_of: self.field(raw.part_of),
            round,
            actors,
            reports,
            evidence,
            outcomes,
            broken: !(ok && parties_ok && mediators_ok && actors_ok && proposers_ok),
        }
    }

    fn outcome(&mut self, raw: RawOutcome) -> OutcomeEntry {
        let place = self.file.place(raw.quote.span().start);
        let quote = self.evidence(raw.evidence(), Backs::Event);
        let (kind, kind_ok) = self.choice::<OutcomeKind>("outcome kind", raw.kind);
        let text_ok = raw
            .text
            .as_ref()
            .is_none_or(|t| registry::non_empty(self.file, "text", t, self.diags));
        let id = raw.id.map(|id| self.id("outcome", id));
        let id_ok = id.as_ref().is_none_or(|(_, ok)| *ok);
        let named = self.named_or_described("outcome", id.is_some(), raw.text.is_some(), &place);
        OutcomeEntry {
            id: id.map(|(id, _)| id),
            text: raw.text.map(|t| self.located(t)),
            kind,
            document: self.field(raw.document),
            place,
            quote,
            broken: !(kind_ok && text_ok && id_ok && named),
        }
    }

    /// An outcome or provision without an id must say what it is: it is
    /// known by its text.
    fn named_or_described(&mut self, what: &str, has_id: bool, has_text: bool, at: &Place) -> bool {
        if has_id || has_text {
            return true;
        }
        self.diags.push(
            at.diagnostic(format!("this {what} has neither an `id` nor a `text`"))
                .hint(format!("give its `text` (and, for an outcome, its `kind`), or the `id` of the {what} given before that it repeats")),
        );
        false
    }

    fn document(&mut self, raw: RawDocument) -> DocumentEntry {
        let (id, id_ok) = self.id("document", raw.id);
        let (kind, kind_ok) = self.choice::<DocumentKind>("kind", raw.kind);
        let (by, by_ok) = self.ids("party", raw.by);
        let (parties, parties_ok) = self.ids("party", raw.parties);
        let issue_ok = self.registry_ref("issue", raw.issue.as_ref());
        let evidence = raw
            .evidence
            .into_iter()
            .map(|e| self.evidence(e, Backs::Document))
            .collect();
        let provisions = raw
            .provision
            .into_iter()
            .map(|p| self.provision(p))
            .collect();
        DocumentEntry {
            id,
            title: self.field(raw.title),
            kind,
            by,
            parties,
            issue: self.field(raw.issue),
            talk: self.field(raw.talk),
            responds_to: self.field(raw.responds_to),
            replaces: self.field(raw.replaces),
            evidence,
            provisions,
            broken: !(id_ok && kind_ok && by_ok && parties_ok && issue_ok),
        }
    }

    fn provision(&mut self, raw: RawProvision) -> ProvisionEntry {
        let place = self.file.place(raw.quote.span().start);
        let quote = self.evidence(raw.evidence(), Backs::Event);
        let text_ok = raw
            .text
            .as_ref()
            .is_none_or(|t| registry::non_empty(self.file, "text", t, self.diags));
        let issue_ok = self.registry_ref("issue", raw.issue.as_ref());
        let id = raw.id.map(|id| self.id("provision", id));
        let id_ok = id.as_ref().is_none_or(|(_, ok)| *ok);
        let named = self.named_or_described("provision", id.is_some(), raw.text.is_some(), &place);
        ProvisionEntry {
            id: id.map(|(id, _)| id),
            text: raw.text.map(|t| self.located(t)),
            issue: self.field(raw.issue),
            demand: self.field(raw.demand),
            place,
            quote,
            broken: !(text_ok && issue_ok && id_ok && named),
        }
    }

    /// An optional date field, parsed.
    fn date(&mut self, value: Option<&Spanned<toml::Value>>) -> (Option<Located<Edtf>>, bool) {
        let Some(value) = value else {
            return (None, true);
        };
        match registry::parse_date(self.file, value, self.diags) {
            Some(d) => (
                Some(Located {
                    value: d,
                    place: self.file.place(value.span().start),
                }),
                true,
            ),
            None => (None, false),
        }
    }

    /// An id or list of ids; `party` ids are checked against the registry
    /// here, fact ids later, against every article.
    fn ids(&mut self, kind: &str, value: Option<Spanned<Ids>>) -> (IdList, bool) {
        let Some(value) = value else {
            return (None, true);
        };
        let span = value.span();
        let items: Vec<Spanned<String>> = match value.into_inner() {
            Ids::One(id) => vec![Spanned::new(span.clone(), id)],
            Ids::List(items) => items,
        };
        if kind == "fact" {
            let place = self.file.place(span.start);
            let items = items.into_iter().map(|i| self.located(i)).collect();
            return (
                Some(Located {
                    value: items,
                    place,
                }),
                true,
            );
        }
        self.id_list(kind, Some(Spanned::new(span, items)))
    }

    /// Finds a quote and checks what can be checked within this article.
    fn evidence(&mut self, raw: RawEvidence, backs: Backs) -> Quote {
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
            None if backs != Backs::Event => {
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
        let (default, allowed) = match backs {
            Backs::Claim => (Says::Held, Says::OF_CLAIMS),
            Backs::Document => (Says::Proposed, Says::OF_DOCUMENTS),
            Backs::Event => (Says::Held, &[Says::Held][..]),
        };
        let says = match &raw.says {
            None => default,
            Some(s) if backs == Backs::Event && s.get_ref() != Says::Held.as_str() => {
                self.diags.push(
                    self.file
                        .at(s.span(), format!("says = \"{}\" applies only to demands, positions and documents", s.get_ref()))
                        .hint("remove `says`; the evidence of talks and outcomes only shows that they happened"),
                );
                ok = false;
                Says::Held
            }
            Some(s) => match Says::parse(s.get_ref()).filter(|v| allowed.contains(v)) {
                Some(says) => says,
                None => {
                    let names: Vec<&str> = allowed.iter().map(|v| v.as_str()).collect();
                    self.diags.push(
                        self.file
                            .at(s.span(), format!("`{}` is not a valid says", s.get_ref()))
                            .hint(format!("says is one of: {}", names.join(", "))),
                    );
                    ok = false;
                    default
                }
            },
        };
        ok &= self.registry_ref("actor", raw.speaker.as_ref());
        let span = span?;
        Some(Pending {
            source: self.source,
            text: crate::quote::slice(&self.text.text, span).to_string(),
            span,
            quote: self.file.place(raw.quote.span().start),
            date,
            says,
            speaker: self.field(raw.speaker),
            attribution: raw.attribution,
            implied: raw.implied.unwrap_or(false),
        })
        .filter(|_| ok)
    }

    /// `path:line:column` in the article of each span, for messages.
    fn places(&self, places: &Places) -> String {
        let listed: Vec<String> = places
            .listed
            .iter()
            .map(|p| self.text.place(p.byte_start as usize).to_string())
            .collect();
        match places.count - places.listed.len() {
            0 => listed.join(", "),
            more => format!("{}, and {more} more places", listed.join(", ")),
        }
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
                        .at(raw.quote.span(), format!("quote occurs {} times in {shown}", places.count))
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
