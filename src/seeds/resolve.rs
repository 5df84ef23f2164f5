//! Checking every reference, quote and date of the gathered facts, and
//! building the validated [`Corpus`].

use std::collections::HashMap;

use std::ops::Range;

use super::facts::{DemandFields, Entry, Gatherer, Located, PositionFields, TalkFields};
use super::raw::RawEvidence;
use super::registry::Registry;
use super::{Known, Place, check_ref, lifespan};
use crate::date::Edtf;
use crate::diag::{Diagnostic, SourceFile};
use crate::model::{Demand, Evidence, Fact, Lifespan, Outcome, Position, Talk};
use crate::quote::{self, Haystack, Lookup};

/// Stances a position may take.
pub const STANCES: &[&str] = &[
    "supports", "opposes", "rejects", "accepts", "offers", "proposes", "claims",
];
/// Formats of talks.
pub const TALK_FORMATS: &[&str] = &["direct", "mediated", "call", "briefing", "summit", "other"];
/// Statuses of talks.
pub const TALK_STATUSES: &[&str] = &["held", "proposed", "planned", "cancelled"];
/// Kinds of outcomes.
pub const OUTCOME_KINDS: &[&str] = &["agreement", "no-progress", "statement", "other"];
/// What a piece of evidence says about a demand or position.
pub const SAYS: &[&str] = &["held", "added", "dropped"];

/// An article being validated.
pub struct ArticleInfo<'a> {
    /// The article's text file.
    pub text: &'a SourceFile,
    /// Publication day, when valid.
    pub published: Option<Edtf>,
    /// Every quote of the fact file looked up, by the byte offset of its value.
    pub quotes: &'a HashMap<usize, Lookup>,
}

/// Outcomes checked so far, with the place each id was first given.
#[derive(Default)]
struct Outcomes<'a> {
    list: Vec<Outcome>,
    by_id: HashMap<String, (usize, Place<'a>)>,
}

/// What the evidence of one kind of fact may say.
struct Rule<'d> {
    /// Date used when the entry gives none.
    default_date: Option<&'d Edtf>,
    /// True when the date may lie after publication.
    may_be_future: bool,
    /// True for demands and positions, whose evidence may say added or dropped.
    tracks_change: bool,
}

/// What every fact is checked against.
#[derive(Clone, Copy)]
pub struct Context<'r, 'a> {
    /// The registries.
    pub registry: &'r Registry<'a>,
    /// The gathered facts.
    pub gathered: &'r Gatherer<'a>,
    /// The articles, by index.
    pub articles: &'r [ArticleInfo<'a>],
}

/// Resolves gathered facts into model facts and evidence.
pub struct Resolver<'r, 'a> {
    registry: &'r Registry<'a>,
    gathered: &'r Gatherer<'a>,
    articles: &'r [ArticleInfo<'a>],
    /// Problems found.
    pub diags: Vec<Diagnostic>,
    /// Evidence resolved so far.
    pub evidence: Vec<Evidence>,
}

/// Facts of one kind resolved, with their evidence and the problems found.
pub struct Resolved<T> {
    /// The valid facts, in order.
    pub facts: Vec<T>,
    /// Their evidence.
    pub evidence: Vec<Evidence>,
    /// Problems, in order.
    pub diags: Vec<Diagnostic>,
}

/// Resolves `entries` with `one` on every core, keeping their order.
pub fn each<'r, 'a, E: Sync, T: Send>(
    ctx: Context<'r, 'a>,
    entries: &[E],
    one: impl Fn(&mut Resolver<'r, 'a>, &E) -> Option<T> + Sync,
) -> Resolved<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunks: Vec<&[E]> = entries
        .chunks(entries.len().div_ceil(threads).max(1))
        .collect();
    let parts = super::parallel_map(&chunks, |chunk| {
        let mut r = Resolver::new(ctx);
        let facts: Vec<T> = chunk.iter().filter_map(|e| one(&mut r, e)).collect();
        Resolved {
            facts,
            evidence: r.evidence,
            diags: r.diags,
        }
    });
    let mut all = Resolved {
        facts: Vec::new(),
        evidence: Vec::new(),
        diags: Vec::new(),
    };
    for part in parts {
        all.facts.extend(part.facts);
        all.evidence.extend(part.evidence);
        all.diags.extend(part.diags);
    }
    all
}

impl<'r, 'a> Resolver<'r, 'a> {
    /// A resolver with nothing found yet.
    pub fn new(ctx: Context<'r, 'a>) -> Resolver<'r, 'a> {
        Resolver {
            registry: ctx.registry,
            gathered: ctx.gathered,
            articles: ctx.articles,
            diags: Vec::new(),
            evidence: Vec::new(),
        }
    }

    /// Checks and builds one demand.
    pub fn demand(&mut self, e: &Entry<'a, DemandFields<'a>>) -> Option<Demand> {
        let gathered = self.gathered;
        let f = &e.fields;
        let by = self.reference(e, "by", "party", &f.by, &self.registry.party_ids);
        let of = self.reference(e, "of", "party", &f.of, &self.registry.party_ids);
        let issue = self.reference(e, "issue", "issue", &f.issue, &self.registry.issue_ids);
        let text = self.text(e, "text", &f.text);
        let replaces = self.optional_reference("demand", &f.replaces, &gathered.demands);
        let life = self.lifespan_of(e, Fact::Demand(e.id.clone()));
        Some(Demand {
            id: e.id.clone(),
            by: by?,
            of: of?,
            issue: issue?,
            text: text?,
            replaces: replaces?,
            life: life?,
        })
    }

    /// Checks the `replaces` of all demands and ends the replaced ones.
    pub fn finish_demands(&mut self, demands: &mut [Demand]) {
        let parties: HashMap<&str, &str> = demands
            .iter()
            .map(|d| (d.id.as_str(), d.by.as_str()))
            .collect();
        self.check_replacements(
            "demand",
            &self.gathered.demands.entries,
            |f| f.replaces.as_ref(),
            &parties,
        );
        lifespan::end_replaced(demands);
    }

    /// Checks and builds one position.
    pub fn position(&mut self, e: &Entry<'a, PositionFields<'a>>) -> Option<Position> {
        let gathered = self.gathered;
        let f = &e.fields;
        let party = self.reference(e, "party", "party", &f.party, &self.registry.party_ids);
        let issue = self.reference(e, "issue", "issue", &f.issue, &self.registry.issue_ids);
        let stance = self.choice(e, "stance", &f.stance, STANCES);
        let text = self.text(e, "text", &f.text);
        let responds_to = self.optional_reference("demand", &f.responds_to, &gathered.demands);
        let talk = self.optional_reference("talk", &f.talks, &gathered.talks);
        let replaces = self.optional_reference("position", &f.replaces, &gathered.positions);
        let life = self.lifespan_of(e, Fact::Position(e.id.clone()));
        Some(Position {
            id: e.id.clone(),
            party: party?,
            issue: issue?,
            stance: stance?,
            text: text?,
            responds_to: responds_to?,
            talk: talk?,
            replaces: replaces?,
            life: life?,
        })
    }

    /// Checks the `replaces` of all positions and ends the replaced ones.
    pub fn finish_positions(&mut self, positions: &mut [Position]) {
        let parties: HashMap<&str, &str> = positions
            .iter()
            .map(|p| (p.id.as_str(), p.party.as_str()))
            .collect();
        self.check_replacements(
            "position",
            &self.gathered.positions.entries,
            |f| f.replaces.as_ref(),
            &parties,
        );
        lifespan::end_replaced(positions);
    }

    /// Checks and builds every talk and its outcomes.
    pub fn talks(&mut self) -> (Vec<Talk>, Vec<Outcome>) {
        let gathered = self.gathered;
        let mut talks = Vec::new();
        let mut outcomes = Outcomes::default();
        for e in &gathered.talks.entries {
            let f = &e.fields;
            let title = self.text(e, "title", &f.title);
            let format = self.choice(e, "format", &f.format, TALK_FORMATS);
            let status = self.choice(e, "status", &f.status, TALK_STATUSES);
            let date = match &f.date {
                None => self.missing(e, "date"),
                Some(d) => Edtf::parse(&d.value)
                    .map_err(|err| self.diags.push(d.place.diagnostic(err.to_string())))
                    .ok(),
            };
            let parties = self.party_list(e, "parties", &f.parties, true);
            let mediators = self.party_list(e, "mediators", &f.mediators, false);
            let actors = self.list(&f.actors, "actor", &self.registry.actor_ids);
            let rule = Rule {
                default_date: date.as_ref(),
                may_be_future: status.as_deref().is_some_and(|s| s != "held"),
                tracks_change: false,
            };
            let cited = self.cite_all(e, &Fact::Talk(e.id.clone()), &rule);
            self.outcomes_of(e, &rule, &mut outcomes);
            if let (
                Some(title),
                Some(format),
                Some(status),
                Some(date),
                Some(parties),
                Some(mediators),
                Some(actors),
                Some(_),
            ) = (
                title, format, status, date, parties, mediators, actors, cited,
            ) {
                talks.push(Talk {
                    id: e.id.clone(),
                    title,
                    format,
                    status,
                    date,
                    venue: f.venue.as_ref().map(|v| v.value.clone()),
                    parties,
                    mediators,
                    actors,
                });
            }
        }
        (talks, outcomes.list)
    }

    /// Checks the outcomes of one talk, gathered from every article, and
    /// resolves their quotes.
    fn outcomes_of(
        &mut self,
        e: &Entry<'a, TalkFields<'a>>,
        rule: &Rule,
        outcomes: &mut Outcomes<'a>,
    ) {
        // This talk's outcomes by text, to find one repeated without an id.
        let mut by_text: HashMap<&str, String> = HashMap::new();
        for &(article, file, raw) in &e.fields.outcomes {
            let kind_ok = super::registry::one_of(
                file,
                "outcome kind",
                &raw.kind,
                OUTCOME_KINDS,
                &mut self.diags,
            );
            let text_ok = super::registry::non_empty(file, "text", &raw.text, &mut self.diags);
            let here = Place::new(file, raw.text.span());
            let id = match &raw.id {
                Some(id) if super::files::is_identifier(id.get_ref()) => id.get_ref().clone(),
                Some(id) => {
                    self.diags.push(file.at(
                        id.span(),
                        format!("`{}` is not a valid outcome id", id.get_ref()),
                    ));
                    continue;
                }
                None => {
                    let next = format!("{}-outcome-{}", e.id, by_text.len() + 1);
                    by_text.entry(raw.text.get_ref()).or_insert(next).clone()
                }
            };
            match outcomes.by_id.get(&id) {
                Some(&(i, ref first)) => {
                    let o = &outcomes.list[i];
                    if o.talk != e.id
                        || o.kind != *raw.kind.get_ref()
                        || o.text != *raw.text.get_ref()
                    {
                        self.diags.push(
                            here.diagnostic(format!("outcome `{id}` differs from the one at {first}")).hint(
                                "an outcome repeated in another article needs the same talk, kind and text; otherwise give it its own id",
                            ),
                        );
                        continue;
                    }
                }
                None if kind_ok && text_ok => {
                    outcomes
                        .by_id
                        .insert(id.clone(), (outcomes.list.len(), here));
                    outcomes.list.push(Outcome {
                        id: id.clone(),
                        talk: e.id.clone(),
                        kind: raw.kind.get_ref().clone(),
                        text: raw.text.get_ref().clone(),
                    });
                }
                None => continue,
            }
            self.resolve_evidence(&Fact::Outcome(id), article, file, &raw.evidence(), rule);
        }
    }

    /// Resolves every quote of a fact; the range of its evidence when all
    /// are valid and there is at least one.
    fn cite_all<F>(&mut self, e: &Entry<'a, F>, fact: &Fact, rule: &Rule) -> Option<Range<usize>> {
        if e.evidence.is_empty() {
            let table = match fact {
                Fact::Demand(_) => "demand",
                Fact::Position(_) => "position",
                _ => "talk",
            };
            self.diags.push(
                e.first
                    .diagnostic(format!("{table} `{}` has no evidence", e.id))
                    .hint(format!("add a [[{table}.evidence]] entry with a quote from the article that shows it")),
            );
            return None;
        }
        let before = self.evidence.len();
        let mut all_ok = true;
        for cited in &e.evidence {
            all_ok &= self.resolve_evidence(fact, cited.article, cited.file, cited.raw, rule);
        }
        all_ok.then_some(before..self.evidence.len())
    }

    /// Resolves the quotes of a demand or position and derives its lifespan.
    fn lifespan_of<F>(&mut self, e: &Entry<'a, F>, fact: Fact) -> Option<Lifespan> {
        let rule = Rule {
            default_date: None,
            may_be_future: false,
            tracks_change: true,
        };
        let range = self.cite_all(e, &fact, &rule)?;
        lifespan::observe(&self.evidence[range])
    }

    /// Checks one quote entry and records it; false when anything is wrong.
    fn resolve_evidence(
        &mut self,
        fact: &Fact,
        article: usize,
        file: &SourceFile,
        raw: &RawEvidence,
        rule: &Rule,
    ) -> bool {
        let info = &self.articles[article];
        let mut ok = true;

        let original = info.text.text.as_str();
        let lookup = match info.quotes.get(&raw.quote.span().start) {
            Some(found) => found.clone(),
            None => Haystack::new(original).lookup(
                raw.quote.get_ref(),
                raw.prefix.as_deref(),
                raw.suffix.as_deref(),
            ),
        };
        let span = match lookup {
            Lookup::Found(span) => Some(span),
            Lookup::NotFound { closest } => {
                let hint = match closest {
                    Some(near) => {
                        let (line, column) = quote::line_column(original, near.start);
                        format!(
                            "the closest passage is at {}:{line}:{column}: \"{}\"; copy the quote from the article exactly (quote marks, dashes and spacing may differ)",
                            info.text.path.display(),
                            quote::slice(original, near)
                        )
                    }
                    None => "no passage of the article shares its first or last words; copy the quote from the article".to_string(),
                };
                self.diags.push(
                    file.at(
                        raw.quote.span(),
                        format!("quote not found in {}", info.text.path.display()),
                    )
                    .hint(hint),
                );
                None
            }
            Lookup::Ambiguous(places) => {
                let list: Vec<String> = places
                    .iter()
                    .map(|p| {
                        let (line, column) = quote::line_column(original, p.start);
                        format!("{}:{line}:{column}", info.text.path.display())
                    })
                    .collect();
                self.diags.push(
                    file.at(raw.quote.span(), format!("quote occurs {} times in {}", places.len(), info.text.path.display()))
                        .hint(format!(
                            "it occurs at {}; lengthen the quote, or add prefix = \"...\" or suffix = \"...\" (the text just before or after it) to pick one",
                            list.join(", ")
                        )),
                );
                None
            }
        };

        let date = match &raw.date {
            Some(value) => super::registry::parse_date(file, value, &mut self.diags),
            None => match rule.default_date {
                Some(d) => Some(d.clone()),
                None => {
                    self.diags.push(
                        file.at(raw.quote.span(), "evidence has no `date`")
                            .hint("add date = \"...\": when the quoted text says this held, e.g. \"2022-03\" or \"2025-05-19\""),
                    );
                    None
                }
            },
        };
        if let (Some(date), Some(published)) = (&date, &info.published)
            && !rule.may_be_future
            && date.min() > published.max()
        {
            let at = raw.date.as_ref().map_or(raw.quote.span(), |d| d.span());
            self.diags.push(
                file.at(at, format!("evidence dated {date} begins after the article was published ({published})"))
                    .hint("an article cannot report what had not yet happened: check the date; a talk that lies ahead has status \"proposed\" or \"planned\""),
            );
            ok = false;
        }

        let says = match &raw.says {
            None => Some("held".to_string()),
            Some(s) if !rule.tracks_change && s.get_ref() != "held" => {
                self.diags.push(
                    file.at(s.span(), format!("says = \"{}\" applies only to demands and positions", s.get_ref()))
                        .hint("remove `says`; the evidence of talks and outcomes only shows that they happened"),
                );
                None
            }
            Some(s) => super::registry::one_of(file, "says", s, SAYS, &mut self.diags)
                .then(|| s.get_ref().clone()),
        };

        let speaker = match &raw.speaker {
            None => Some(None),
            Some(s) => {
                let place = Place::new(file, s.span());
                if !check_ref(
                    "actor",
                    s.get_ref(),
                    &place,
                    &self.registry.actor_ids,
                    &mut self.diags,
                ) {
                    None
                } else {
                    let actor = &self.registry.actors[self.registry.actor_ids[s.get_ref()]];
                    let from = actor.since.as_ref().map(Edtf::min);
                    let until = actor.until.as_ref().map(Edtf::max);
                    match &date {
                        Some(d)
                            if from.is_some_and(|f| d.max() < f)
                                || until.is_some_and(|u| d.min() > u) =>
                        {
                            self.diags.push(
                                place
                                    .diagnostic(format!(
                                        "`{}` did not speak for {} at {d} (from {} until {})",
                                        actor.id,
                                        actor.party,
                                        actor.since.as_ref().map_or("..", Edtf::text),
                                        actor.until.as_ref().map_or("..", Edtf::text)
                                    ))
                                    .hint("check the evidence date, the speaker, or the actor's from/until in parties.toml"),
                            );
                            None
                        }
                        _ => Some(Some(s.get_ref().clone())),
                    }
                }
            }
        };

        match (span, date, says, speaker) {
            (Some(span), Some(date), Some(says), Some(speaker)) if ok => {
                self.evidence.push(Evidence {
                    source: article,
                    fact: fact.clone(),
                    bytes: span.byte_start..span.byte_end,
                    start: span.start,
                    end: span.end,
                    date,
                    says,
                    speaker,
                    implied: raw.implied.unwrap_or(false),
                });
                true
            }
            _ => false,
        }
    }

    /// Reports a required field that no article gives.
    fn missing<F, T>(&mut self, e: &Entry<'a, F>, field: &str) -> Option<T> {
        self.diags.push(
            e.first
                .diagnostic(format!("`{}` has no `{field}`", e.id))
                .hint(format!(
                    "give `{field}` in one of the articles that mention `{}`",
                    e.id
                )),
        );
        None
    }

    /// A required text field.
    fn text<F>(
        &mut self,
        e: &Entry<'a, F>,
        field: &str,
        value: &Option<Located<'a, String>>,
    ) -> Option<String> {
        match value {
            None => self.missing(e, field),
            Some(v) if v.value.trim().is_empty() => {
                self.diags
                    .push(v.place.diagnostic(format!("`{field}` is empty")));
                None
            }
            Some(v) => Some(v.value.clone()),
        }
    }

    /// A required field with a fixed set of values.
    fn choice<F>(
        &mut self,
        e: &Entry<'a, F>,
        field: &str,
        value: &Option<Located<'a, String>>,
        allowed: &[&str],
    ) -> Option<String> {
        match value {
            None => self.missing(e, field),
            Some(v) if !allowed.contains(&v.value.as_str()) => {
                self.diags.push(
                    v.place
                        .diagnostic(format!("`{}` is not a valid {field}", v.value))
                        .hint(format!("{field} is one of: {}", allowed.join(", "))),
                );
                None
            }
            Some(v) => Some(v.value.clone()),
        }
    }

    /// A required reference to a registry id.
    fn reference<F>(
        &mut self,
        e: &Entry<'a, F>,
        field: &str,
        kind: &str,
        value: &Option<Located<'a, String>>,
        known: &impl Known,
    ) -> Option<String> {
        match value {
            None => self.missing(e, field),
            Some(v) => {
                check_ref(kind, &v.value, &v.place, known, &mut self.diags).then(|| v.value.clone())
            }
        }
    }

    /// An optional reference: `Some(None)` when absent, `None` when wrong.
    fn optional_reference(
        &mut self,
        kind: &str,
        value: &Option<Located<'a, String>>,
        known: &impl Known,
    ) -> Option<Option<String>> {
        match value {
            None => Some(None),
            Some(v) => check_ref(kind, &v.value, &v.place, known, &mut self.diags)
                .then(|| Some(v.value.clone())),
        }
    }

    /// A list of ids, each of which must be known.
    fn list(
        &mut self,
        value: &Option<Located<'a, Vec<toml::Spanned<String>>>>,
        kind: &str,
        known: &impl Known,
    ) -> Option<Vec<String>> {
        let Some(v) = value else {
            return Some(Vec::new());
        };
        let mut ok = true;
        for item in &v.value {
            let place = Place::new(v.place.file, item.span());
            ok &= check_ref(kind, item.get_ref(), &place, known, &mut self.diags);
        }
        ok.then(|| v.value.iter().map(|i| i.get_ref().clone()).collect())
    }

    /// The parties or mediators of a talk.
    fn party_list<F>(
        &mut self,
        e: &Entry<'a, F>,
        field: &str,
        value: &Option<Located<'a, Vec<toml::Spanned<String>>>>,
        required: bool,
    ) -> Option<Vec<String>> {
        let empty = value.as_ref().is_none_or(|v| v.value.is_empty());
        if required && empty {
            self.diags.push(
                e.first
                    .diagnostic(format!("talk `{}` has no {field}", e.id))
                    .hint("list the sides at the table: parties = [\"a\", \"b\"]"),
            );
            return None;
        }
        self.list(value, "party", &self.registry.party_ids)
    }

    /// Checks `replaces`: an existing fact of the same party, no cycles.
    fn check_replacements<F>(
        &mut self,
        kind: &str,
        entries: &[Entry<'a, F>],
        replaces: impl Fn(&F) -> Option<&Located<'a, String>>,
        parties: &HashMap<&str, &str>,
    ) {
        let target: HashMap<&str, &str> = entries
            .iter()
            .filter_map(|e| replaces(&e.fields).map(|r| (e.id.as_str(), r.value.as_str())))
            .collect();
        for e in entries {
            let Some(r) = replaces(&e.fields) else {
                continue;
            };
            if r.value == e.id {
                self.diags.push(
                    r.place
                        .diagnostic(format!("{kind} `{}` replaces itself", e.id))
                        .hint("name the earlier fact it supersedes"),
                );
                continue;
            }
            if let (Some(mine), Some(theirs)) =
                (parties.get(e.id.as_str()), parties.get(r.value.as_str()))
                && mine != theirs
            {
                self.diags.push(
                    r.place
                        .diagnostic(format!(
                            "{kind} `{}` of `{mine}` replaces `{}`, which belongs to `{theirs}`",
                            e.id, r.value
                        ))
                        .hint("a fact can only supersede an earlier one of the same party"),
                );
            }
            let mut seen = vec![e.id.as_str()];
            let mut next = r.value.as_str();
            while let Some(&after) = target.get(next) {
                if seen.contains(&next) {
                    self.diags.push(
                        r.place
                            .diagnostic(format!(
                                "`replaces` forms a cycle: {} -> {next}",
                                seen.join(" -> ")
                            ))
                            .hint("each fact may only supersede an older one"),
                    );
                    break;
                }
                seen.push(next);
                next = after;
            }
        }
    }
}
