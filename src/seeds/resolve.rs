//! What needs more than one article: merging the entries that share an id
//! into one fact, references between facts, required fields, `replaces`,
//! talk dates as the default dates of their quotes, and lifespans.
//!
//! A fact seen in several articles may repeat its defining fields, which must
//! then agree, or give only `id` and `evidence`.

use std::collections::HashMap;

use super::article::{
    ArticleFacts, DemandEntry, Field, Located, OutcomeEntry, Pending, PositionEntry, Quote,
    TalkEntry,
};
use super::registry::Registry;
use super::{Known, check_ref, lifespan};
use crate::date::Edtf;
use crate::diag::{Diagnostic, Place};
use crate::model::{Demand, Evidence, Lifespan, Outcome, Position, Talk};
use crate::vocab::{TalkStatus, ValueSet};

/// Entries of one kind of fact merged by id, in order of first appearance.
/// Each article's entries stay in the vector they came in (copying them all
/// into one would double their memory at the peak); an entry merged into an
/// earlier one leaves `None` behind.
struct Facts<E> {
    slots: Vec<Vec<Option<E>>>,
    /// Id → (article slot, position) of the entry that holds the fact.
    index: Ids,
}

impl<E> Default for Facts<E> {
    fn default() -> Self {
        Facts {
            slots: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<E: Entry> Facts<E> {
    /// Adds one article's entries, merging each into the fact with the same id.
    fn add(&mut self, entries: Vec<E>, diags: &mut Vec<Diagnostic>) {
        let slot = self.slots.len() as u32;
        let mut own: Vec<Option<E>> = entries.into_iter().map(Some).collect();
        for pos in 0..own.len() {
            let Some(id) = own[pos].as_ref().map(|e| e.id().value.clone()) else {
                continue;
            };
            match self.index.get(&id) {
                None => {
                    self.index.insert(id, (slot, pos as u32));
                }
                Some(&(s, p)) => {
                    let Some(entry) = own[pos].take() else {
                        continue;
                    };
                    let first = if s == slot {
                        own.get_mut(p as usize)
                    } else {
                        self.slots
                            .get_mut(s as usize)
                            .and_then(|v| v.get_mut(p as usize))
                    };
                    if let Some(Some(first)) = first {
                        first.merge(entry, diags);
                    }
                }
            }
        }
        self.slots.push(own);
    }

    /// The merged facts, in order of first appearance, and their ids.
    fn into_parts(self) -> (impl Iterator<Item = E>, Ids) {
        (self.slots.into_iter().flatten().flatten(), self.index)
    }
}

impl Known for Ids {
    fn has(&self, id: &str) -> bool {
        self.contains_key(id)
    }
    fn all(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}

/// An entry that can absorb another entry of the same fact.
trait Entry {
    fn id(&self) -> &Located<String>;
    fn merge(&mut self, other: Self, diags: &mut Vec<Diagnostic>);
}

/// How a field value is shown in a conflict message.
trait Shown: PartialEq {
    fn shown(&self) -> String;
}

impl Shown for String {
    fn shown(&self) -> String {
        format!("{self:?}")
    }
}

impl<V: ValueSet> Shown for V {
    fn shown(&self) -> String {
        format!("{:?}", self.as_str())
    }
}

impl Shown for Edtf {
    fn shown(&self) -> String {
        format!("{:?}", self.text())
    }
}

/// Ids in lists compare by value: the same list written in two articles
/// is the same list.
impl PartialEq for Located<String> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Shown for Vec<Located<String>> {
    fn shown(&self) -> String {
        let items: Vec<String> = self.iter().map(|s| format!("{:?}", s.value)).collect();
        format!("[{}]", items.join(", "))
    }
}

/// Takes `new` into `slot`, or reports that it differs from what is there.
fn merge_field<T: Shown>(
    (kind, id): (&str, &str),
    field: &str,
    slot: &mut Option<Located<T>>,
    new: Option<Located<T>>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(new) = new else { return };
    match slot {
        None => *slot = Some(new),
        Some(old) if old.value != new.value => diags.push(
            new.place
                .diagnostic(format!(
                    "{kind} `{id}` has {field} = {} here but {field} = {} at {}",
                    new.value.shown(),
                    old.value.shown(),
                    old.place
                ))
                .hint(format!(
                    "a fact seen in several articles must agree everywhere: repeat the same {field}, leave it out here (give only id and evidence), or use a new id"
                )),
        ),
        Some(_) => {}
    }
}

impl Entry for DemandEntry {
    fn id(&self) -> &Located<String> {
        &self.id
    }
    fn merge(&mut self, other: Self, diags: &mut Vec<Diagnostic>) {
        let at = ("demand", self.id.value.as_str());
        merge_field(at, "by", &mut self.by, other.by, diags);
        merge_field(at, "of", &mut self.of, other.of, diags);
        merge_field(at, "issue", &mut self.issue, other.issue, diags);
        merge_field(at, "text", &mut self.text, other.text, diags);
        merge_field(at, "replaces", &mut self.replaces, other.replaces, diags);
        self.evidence.extend(other.evidence);
        self.broken |= other.broken;
    }
}

impl Entry for PositionEntry {
    fn id(&self) -> &Located<String> {
        &self.id
    }
    fn merge(&mut self, other: Self, diags: &mut Vec<Diagnostic>) {
        let at = ("position", self.id.value.as_str());
        merge_field(at, "party", &mut self.party, other.party, diags);
        merge_field(at, "issue", &mut self.issue, other.issue, diags);
        merge_field(at, "stance", &mut self.stance, other.stance, diags);
        merge_field(at, "text", &mut self.text, other.text, diags);
        merge_field(
            at,
            "responds_to",
            &mut self.responds_to,
            other.responds_to,
            diags,
        );
        merge_field(at, "talks", &mut self.talks, other.talks, diags);
        merge_field(at, "replaces", &mut self.replaces, other.replaces, diags);
        self.evidence.extend(other.evidence);
        self.broken |= other.broken;
    }
}

impl Entry for TalkEntry {
    fn id(&self) -> &Located<String> {
        &self.id
    }
    fn merge(&mut self, other: Self, diags: &mut Vec<Diagnostic>) {
        let at = ("talk", self.id.value.as_str());
        merge_field(at, "title", &mut self.title, other.title, diags);
        merge_field(at, "format", &mut self.format, other.format, diags);
        merge_field(at, "status", &mut self.status, other.status, diags);
        merge_field(at, "date", &mut self.date, other.date, diags);
        merge_field(at, "venue", &mut self.venue, other.venue, diags);
        merge_field(at, "parties", &mut self.parties, other.parties, diags);
        merge_field(at, "mediators", &mut self.mediators, other.mediators, diags);
        merge_field(at, "actors", &mut self.actors, other.actors, diags);
        self.evidence.extend(other.evidence);
        self.outcomes.extend(other.outcomes);
        self.broken |= other.broken;
    }
}

/// The facts of every article, merged and checked.
pub struct Resolved {
    /// Valid demands, in order of first appearance.
    pub demands: Vec<Demand>,
    /// Valid positions.
    pub positions: Vec<Position>,
    /// Valid talks.
    pub talks: Vec<Talk>,
    /// Their outcomes.
    pub outcomes: Vec<Outcome>,
}

/// Gathers the entries of every article, as they are read, in article order.
#[derive(Default)]
pub struct Merger {
    demands: Facts<DemandEntry>,
    positions: Facts<PositionEntry>,
    talks: Facts<TalkEntry>,
}

impl Merger {
    /// Adds the next article's entries, merging facts seen before.
    pub fn add(&mut self, article: ArticleFacts, diags: &mut Vec<Diagnostic>) {
        self.demands.add(article.demands, diags);
        self.positions.add(article.positions, diags);
        self.talks.add(article.talks, diags);
    }

    /// Checks everything that spans articles and builds the facts.
    /// `published` gives each article's publication day, by index.
    pub fn resolve(
        self,
        registry: &Registry,
        published: &[Option<Edtf>],
        diags: &mut Vec<Diagnostic>,
    ) -> Resolved {
        let (demands, demand_ids) = self.demands.into_parts();
        let (positions, position_ids) = self.positions.into_parts();
        let (talks, talk_ids) = self.talks.into_parts();
        // Entries are consumed as they become facts; only their ids stay.
        let mut r = Resolver {
            registry,
            published,
            diags,
        };
        let (demand_facts, demand_replaces) = r.demands(demands, &demand_ids);
        let (position_facts, position_replaces) =
            r.positions(positions, &position_ids, &demand_ids, &talk_ids);
        let (talk_facts, outcomes) = r.talks(talks, &talk_ids);
        let mut resolved = Resolved {
            demands: demand_facts,
            positions: position_facts,
            talks: talk_facts,
            outcomes,
        };
        let by: HashMap<&str, &str> = resolved
            .demands
            .iter()
            .map(|d| (d.id.as_str(), d.by.as_str()))
            .collect();
        check_replacements("demand", &demand_replaces, &by, diags);
        let by: HashMap<&str, &str> = resolved
            .positions
            .iter()
            .map(|p| (p.id.as_str(), p.party.as_str()))
            .collect();
        check_replacements("position", &position_replaces, &by, diags);
        lifespan::end_replaced(&mut resolved.demands);
        lifespan::end_replaced(&mut resolved.positions);
        resolved
    }
}

/// Builds model facts and their evidence from merged entries.
struct Resolver<'r> {
    registry: &'r Registry,
    published: &'r [Option<Edtf>],
    diags: &'r mut Vec<Diagnostic>,
}

/// The ids of one kind of fact, with where their entries are.
type Ids = HashMap<String, (u32, u32)>;

/// (fact id, the `replaces` field) of every fact that names one.
type Replacements = Vec<(String, Located<String>)>;

impl Resolver<'_> {
    fn demands(
        &mut self,
        entries: impl Iterator<Item = DemandEntry>,
        demands: &Ids,
    ) -> (Vec<Demand>, Replacements) {
        let mut facts = Vec::with_capacity(demands.len());
        let mut replaces = Vec::new();
        for e in entries {
            let id = &e.id.value;
            if let Some(r) = &e.replaces {
                replaces.push((id.clone(), r.clone()));
            }
            let of_itself = match (&e.by, &e.of) {
                (Some(by), Some(of)) if by.value == of.value => {
                    self.diags.push(
                        of.place
                            .diagnostic(format!("demand `{id}` is made by `{}` of itself", by.value))
                            .hint("`of` names the party the demand is made of; a party's own stance is a [[position]]"),
                    );
                    true
                }
                _ => false,
            };
            let by = self.required(e.broken, &e.id, "by", e.by);
            let of = self.required(e.broken, &e.id, "of", e.of);
            let issue = self.required(e.broken, &e.id, "issue", e.issue);
            let text = self.text(e.broken, &e.id, "text", e.text);
            let replaced = self.fact_ref("demand", e.replaces, demands);
            let life = self.lifespan("demand", &e.id, e.evidence);
            if let (
                Some(by),
                Some(of),
                Some(issue),
                Some(text),
                Some(replaces),
                Some((evidence, life)),
                false,
            ) = (by, of, issue, text, replaced, life, e.broken || of_itself)
            {
                facts.push(Demand {
                    id: id.clone(),
                    by,
                    of,
                    issue,
                    text,
                    replaces,
                    life,
                    evidence,
                });
            }
        }
        (facts, replaces)
    }

    fn positions(
        &mut self,
        entries: impl Iterator<Item = PositionEntry>,
        positions: &Ids,
        demands: &Ids,
        talks: &Ids,
    ) -> (Vec<Position>, Replacements) {
        let mut facts = Vec::with_capacity(positions.len());
        let mut replaces = Vec::new();
        for e in entries {
            let id = &e.id.value;
            if let Some(r) = &e.replaces {
                replaces.push((id.clone(), r.clone()));
            }
            let party = self.required(e.broken, &e.id, "party", e.party);
            let issue = self.required(e.broken, &e.id, "issue", e.issue);
            let stance = self.required(e.broken, &e.id, "stance", e.stance);
            let text = self.text(e.broken, &e.id, "text", e.text);
            let responds_to = self.fact_ref("demand", e.responds_to, demands);
            let talk = self.fact_ref("talk", e.talks, talks);
            let replaced = self.fact_ref("position", e.replaces, positions);
            let life = self.lifespan("position", &e.id, e.evidence);
            if let (
                Some(party),
                Some(issue),
                Some(stance),
                Some(text),
                Some(responds_to),
                Some(talk),
                Some(replaces),
                Some((evidence, life)),
                false,
            ) = (
                party,
                issue,
                stance,
                text,
                responds_to,
                talk,
                replaced,
                life,
                e.broken,
            ) {
                facts.push(Position {
                    id: id.clone(),
                    party,
                    issue,
                    stance,
                    text,
                    responds_to,
                    talk,
                    replaces,
                    life,
                    evidence,
                });
            }
        }
        (facts, replaces)
    }

    fn talks(
        &mut self,
        entries: impl Iterator<Item = TalkEntry>,
        talks: &Ids,
    ) -> (Vec<Talk>, Vec<Outcome>) {
        let mut facts = Vec::with_capacity(talks.len());
        let mut outcomes = Outcomes::default();
        for e in entries {
            facts.extend(self.talk(e, &mut outcomes));
        }
        (facts, outcomes.list)
    }

    /// Checks one talk, as merged from every article, and its outcomes.
    fn talk(&mut self, e: TalkEntry, outcomes: &mut Outcomes) -> Option<Talk> {
        let id = e.id.value.clone();
        let title = self.text(e.broken, &e.id, "title", e.title);
        let format = self.required(e.broken, &e.id, "format", e.format);
        let status = self.required(e.broken, &e.id, "status", e.status);
        let date = self.required(e.broken, &e.id, "date", e.date);
        let parties = self.required(e.broken, &e.id, "parties", e.parties);
        let parties = self.sides(&e.id, parties, e.mediators.as_ref());
        // Quotes of a talk default to its date; a talk that did not
        // (yet) take place may lie after the article.
        let may_be_future = status.is_some_and(|s| s != TalkStatus::Held);
        let cited = if e.evidence.is_empty() {
            self.diags.push(
                e.id.place
                    .diagnostic(format!("talk `{id}` has no evidence"))
                    .hint(
                        "add a [[talk.evidence]] entry with a quote from the article that shows it",
                    ),
            );
            None
        } else {
            self.finalize_all(e.evidence, date.as_ref(), may_be_future)
        };
        // This talk's outcomes, from every article: text → generated id.
        let mut by_text = HashMap::new();
        for outcome in e.outcomes {
            let talk = (id.as_str(), date.as_ref(), may_be_future);
            self.outcome(talk, outcome, outcomes, &mut by_text);
        }
        if e.broken {
            return None;
        }
        Some(Talk {
            id,
            title: title?,
            format: format?,
            status: status?,
            date: date?,
            venue: e.venue.map(|v| v.value),
            parties: ids(parties?),
            mediators: e.mediators.map(|m| ids(m.value)).unwrap_or_default(),
            actors: e.actors.map(|a| ids(a.value)).unwrap_or_default(),
            evidence: cited?,
        })
    }

    /// A talk's sides, unless there are none or one of them is also listed
    /// as a mediator (both reported).
    fn sides(
        &mut self,
        id: &Located<String>,
        parties: Option<Vec<Located<String>>>,
        mediators: Option<&Located<Vec<Located<String>>>>,
    ) -> Option<Vec<Located<String>>> {
        let parties = parties?;
        if parties.is_empty() {
            self.diags.push(
                id.place
                    .diagnostic(format!("talk `{}` has no parties", id.value))
                    .hint("list the sides at the table: parties = [\"a\", \"b\"]"),
            );
            return None;
        }
        let both = mediators.and_then(|m| {
            m.value
                .iter()
                .find(|x| parties.iter().any(|s| s.value == x.value))
                .map(|x| (m, x))
        });
        if let Some((mediators, both)) = both {
            self.diags.push(
                mediators
                    .place
                    .diagnostic(format!(
                        "talk `{}` lists `{}` both as a party and as a mediator",
                        id.value, both.value
                    ))
                    .hint("a party at the table is not also its mediator; keep it in one list"),
            );
            return None;
        }
        Some(parties)
    }

    /// Checks one outcome of a talk; the same text under the same talk, or
    /// the same explicit id, is the same outcome seen again.
    fn outcome(
        &mut self,
        (talk, date, may_be_future): (&str, Option<&Edtf>, bool),
        o: OutcomeEntry,
        outcomes: &mut Outcomes,
        by_text: &mut HashMap<String, String>,
    ) {
        let id = match &o.id {
            Some(id) => id.value.clone(),
            None => {
                let next = format!("{talk}-outcome-{}", by_text.len() + 1);
                by_text.entry(o.text.value.clone()).or_insert(next).clone()
            }
        };
        match outcomes.by_id.get(&id) {
            Some(&i) => {
                let (first, place) = (&outcomes.list[i], &outcomes.places[i]);
                if first.talk != talk || first.kind != o.kind.value || first.text != o.text.value {
                    self.diags.push(
                        o.text
                            .place
                            .diagnostic(format!("outcome `{id}` differs from the one at {place}"))
                            .hint("an outcome repeated in another article needs the same talk, kind and text; otherwise give it its own id"),
                    );
                    return;
                }
            }
            None if !o.broken => {
                outcomes.by_id.insert(id.clone(), outcomes.list.len());
                let outcome = Outcome {
                    id: id.clone(),
                    talk: talk.to_string(),
                    kind: o.kind.value,
                    text: o.text.value,
                    evidence: Vec::new(),
                };
                outcomes.places.push(o.text.place);
                outcomes.list.push(outcome);
            }
            None => return,
        }
        if let Some(evidence) = self.finalize(o.quote, date, may_be_future) {
            outcomes.list[outcomes.by_id[&id]].evidence.push(evidence);
        }
    }

    /// A required field, reported at the fact's first id when no article
    /// gives it (unless the fact already has a reported problem).
    fn required<T>(
        &mut self,
        broken: bool,
        id: &Located<String>,
        field: &str,
        value: Option<Located<T>>,
    ) -> Option<T> {
        match value {
            Some(v) => Some(v.value),
            None => {
                if !broken {
                    self.diags.push(
                        id.place
                            .diagnostic(format!("`{}` has no `{field}`", id.value))
                            .hint(format!(
                                "give `{field}` in one of the articles that mention `{}`",
                                id.value
                            )),
                    );
                }
                None
            }
        }
    }

    /// A required, non-empty text field.
    fn text(
        &mut self,
        broken: bool,
        id: &Located<String>,
        field: &str,
        value: Field,
    ) -> Option<String> {
        if let Some(v) = &value
            && v.value.trim().is_empty()
        {
            self.diags.push(
                v.place
                    .diagnostic(format!("`{field}` is empty"))
                    .hint(format!("write the {field}")),
            );
            return None;
        }
        self.required(broken, id, field, value)
    }

    /// An optional reference to another fact: `Some(None)` when absent,
    /// `None` when it names no such fact.
    fn fact_ref(&mut self, kind: &str, value: Field, known: &Ids) -> Option<Option<String>> {
        match value {
            None => Some(None),
            Some(v) => {
                check_ref(kind, &v.value, &v.place, known, self.diags).then_some(Some(v.value))
            }
        }
    }

    /// Finalizes the quotes of a demand or position and derives its lifespan.
    fn lifespan(
        &mut self,
        kind: &str,
        id: &Located<String>,
        quotes: Vec<Quote>,
    ) -> Option<(Vec<Evidence>, Lifespan)> {
        if quotes.is_empty() {
            self.diags.push(
                id.place
                    .diagnostic(format!("{kind} `{}` has no evidence", id.value))
                    .hint(format!("add a [[{kind}.evidence]] entry with a quote from the article that shows it")),
            );
            return None;
        }
        let evidence = self.finalize_all(quotes, None, false)?;
        let life = lifespan::observe(&evidence)?;
        Some((evidence, life))
    }

    /// Finalizes every quote; `None` when any has a problem.
    fn finalize_all(
        &mut self,
        quotes: Vec<Quote>,
        default_date: Option<&Edtf>,
        may_be_future: bool,
    ) -> Option<Vec<Evidence>> {
        let mut all_ok = true;
        let evidence: Vec<Evidence> = quotes
            .into_iter()
            .filter_map(|q| {
                let e = self.finalize(q, default_date, may_be_future);
                all_ok &= e.is_some();
                e
            })
            .collect();
        all_ok.then_some(evidence)
    }

    /// Checks a quote's date against its article and its speaker, and makes
    /// it evidence. `None` for a quote whose problem was already reported, or
    /// for a new problem.
    fn finalize(
        &mut self,
        quote: Quote,
        default_date: Option<&Edtf>,
        may_be_future: bool,
    ) -> Option<Evidence> {
        let p: Pending = quote?;
        let (date, date_place) = match (p.date, default_date) {
            (Some(d), _) => (d.value, d.place),
            (None, Some(d)) => (d.clone(), p.quote),
            (None, None) => return None,
        };
        let mut ok = true;
        if let Some(Some(published)) = self.published.get(p.source)
            && !may_be_future
            && date.min() > published.max()
        {
            self.diags.push(
                date_place
                    .diagnostic(format!("evidence dated {date} begins after the article was published ({published})"))
                    .hint("an article cannot report what had not yet happened: check the date; a talk that lies ahead has status \"proposed\" or \"planned\""),
            );
            ok = false;
        }
        if let Some(speaker) = &p.speaker
            && let Some(&i) = self.registry.actor_ids.get(&speaker.value)
        {
            let actor = &self.registry.actors[i];
            let from = actor.since.as_ref().map(Edtf::min);
            let until = actor.until.as_ref().map(Edtf::max);
            if from.is_some_and(|f| date.max() < f) || until.is_some_and(|u| date.min() > u) {
                self.diags.push(
                    speaker
                        .place
                        .diagnostic(format!(
                            "`{}` did not speak for {} at {date} (from {} until {})",
                            actor.id,
                            actor.party,
                            actor.since.as_ref().map_or("..", Edtf::text),
                            actor.until.as_ref().map_or("..", Edtf::text)
                        ))
                        .hint("check the evidence date, the speaker, or the actor's from/until in parties.toml"),
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        Some(Evidence {
            source: p.source,
            span: p.span,
            date,
            says: p.says,
            speaker: p.speaker.map(|s| s.value),
            implied: p.implied,
        })
    }
}

/// Outcomes checked so far.
#[derive(Default)]
struct Outcomes {
    list: Vec<Outcome>,
    /// Where each outcome's text was first given, by index in `list`.
    places: Vec<Place>,
    by_id: HashMap<String, usize>,
}

fn ids(list: Vec<Located<String>>) -> Vec<String> {
    list.into_iter().map(|l| l.value).collect()
}

/// Checks `replaces`: not itself, same party, no cycles. `parties` maps the
/// valid facts of this kind to their party.
fn check_replacements(
    kind: &str,
    replaces: &Replacements,
    parties: &HashMap<&str, &str>,
    diags: &mut Vec<Diagnostic>,
) {
    let target: HashMap<&str, &str> = replaces
        .iter()
        .map(|(id, r)| (id.as_str(), r.value.as_str()))
        .collect();
    for (id, r) in replaces {
        if r.value == *id {
            diags.push(
                r.place
                    .diagnostic(format!("{kind} `{id}` replaces itself"))
                    .hint("name the earlier fact it supersedes"),
            );
            continue;
        }
        if let (Some(mine), Some(theirs)) =
            (parties.get(id.as_str()), parties.get(r.value.as_str()))
            && mine != theirs
        {
            diags.push(
                r.place
                    .diagnostic(format!(
                        "{kind} `{id}` of `{mine}` replaces `{}`, which belongs to `{theirs}`",
                        r.value
                    ))
                    .hint("a fact can only supersede an earlier one of the same party"),
            );
        }
        let mut seen = vec![id.as_str()];
        let mut next = r.value.as_str();
        while let Some(&after) = target.get(next) {
            if seen.contains(&next) {
                diags.push(
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
