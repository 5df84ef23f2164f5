//! What needs more than one article: merging the entries that share an id
//! into one fact, references between facts, required fields, `replaces`,
//! talk dates as the default dates of their quotes, and lifespans.
//!
//! A fact seen in several articles may repeat its defining fields, which must
//! then agree, or give only `id` and `evidence`. Facts are checked as soon as
//! the last article with an entry for them is read (the [`Plan`] says which
//! that is); only those another replaces wait for the end.

use std::collections::{BTreeMap, HashMap};

use super::article::{
    ArticleFacts, DemandEntry, DocumentEntry, Field, IdList, Located, OutcomeEntry, Pending,
    PositionEntry, ProvisionEntry, Quote, TalkEntry,
};
use super::plan::{Plan, provision_ids};
use super::registry::Registry;
use super::{Known, check_ref, lifespan};
use crate::date::Edtf;
use crate::diag::{Diagnostic, Place};
use crate::model::{
    Demand, Document, Evidence, Lifespan, Outcome, Position, Provision, StatusReport, Talk,
};
use crate::vocab::{FactKind, TalkStatus, ValueSet};

/// Entries of one kind of fact not yet complete, merged by id, each with
/// the order of its first appearance.
struct Held<E>(HashMap<String, (u64, E)>);

impl<E> Default for Held<E> {
    fn default() -> Self {
        Held(HashMap::new())
    }
}

impl<E: Entry> Held<E> {
    /// Merges `entry` into the fact held with its id; true when it is the
    /// first entry of that id (held now, as number `order`).
    fn add(&mut self, entry: E, order: u64, diags: &mut Vec<Diagnostic>) -> bool {
        match self.0.get_mut(&entry.id().value) {
            Some((_, first)) => {
                first.merge(entry, diags);
                false
            }
            None => {
                self.0.insert(entry.id().value.clone(), (order, entry));
                true
            }
        }
    }

    /// Merges each of `entries`, numbering them on from `seen`; the ids
    /// held for the first time go to `new`, with `kind`.
    fn add_all(
        &mut self,
        kind: FactKind,
        entries: Vec<E>,
        seen: &mut u64,
        new: &mut Vec<(FactKind, String)>,
        diags: &mut Vec<Diagnostic>,
    ) {
        for e in entries {
            let id = e.id().value.clone();
            if self.add(e, *seen, diags) {
                new.push((kind, id));
            }
            *seen += 1;
        }
    }

    /// Takes the facts of `ids` out, in order of first appearance.
    fn take(&mut self, ids: &[String]) -> Vec<(u64, E)> {
        let mut taken: Vec<(u64, E)> = ids.iter().filter_map(|id| self.0.remove(id)).collect();
        taken.sort_unstable_by_key(|(order, _)| *order);
        taken
    }
}

/// An entry that can absorb another entry of the same fact.
trait Entry {
    fn id(&self) -> &Located<String>;
    fn merge(&mut self, other: Self, diags: &mut Vec<Diagnostic>);
}

/// How a field value is shown in a conflict message, and when two values
/// are the same.
trait Shown: PartialEq {
    fn shown(&self) -> String;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
}

impl Shown for i64 {
    fn shown(&self) -> String {
        self.to_string()
    }
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

/// Lists of ids compare as sets: `"x"` is `["x"]`, and order does not matter.
impl Shown for Vec<Located<String>> {
    fn shown(&self) -> String {
        let items: Vec<String> = self.iter().map(|s| format!("{:?}", s.value)).collect();
        match items.as_slice() {
            [one] => one.clone(),
            _ => format!("[{}]", items.join(", ")),
        }
    }
    fn same(&self, other: &Self) -> bool {
        let set = |l: &Self| {
            l.iter()
                .map(|s| s.value.clone())
                .collect::<std::collections::BTreeSet<_>>()
        };
        set(self) == set(other)
    }
}

/// Adds the ids of `new` that `slot` lacks: fields whose entries add up
/// (`responds_to`, `condition_for`), each article naming what it says.
fn merge_union(slot: &mut IdList, new: IdList) {
    let Some(new) = new else { return };
    match slot {
        None => *slot = Some(new),
        Some(old) => {
            for id in new.value {
                if !old.value.iter().any(|o| o.value == id.value) {
                    old.value.push(id);
                }
            }
        }
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
        Some(old) if !old.value.same(&new.value) => diags.push(
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
        merge_field(at, "due", &mut self.due, other.due, diags);
        merge_union(&mut self.condition_for, other.condition_for);
        merge_union(&mut self.responds_to, other.responds_to);
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
        merge_union(&mut self.responds_to, other.responds_to);
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
        self.merge_date(other.date, diags);
        let at = ("talk", self.id.value.as_str());
        merge_field(at, "title", &mut self.title, other.title, diags);
        merge_field(at, "format", &mut self.format, other.format, diags);
        // Each article states the status as of its own day.
        if other.status.is_some() {
            self.status = other.status;
        }
        merge_field(at, "venue", &mut self.venue, other.venue, diags);
        merge_field(at, "parties", &mut self.parties, other.parties, diags);
        merge_field(at, "mediators", &mut self.mediators, other.mediators, diags);
        merge_field(at, "host", &mut self.host, other.host, diags);
        merge_field(
            at,
            "proposed_by",
            &mut self.proposed_by,
            other.proposed_by,
            diags,
        );
        merge_field(at, "part_of", &mut self.part_of, other.part_of, diags);
        merge_field(at, "round", &mut self.round, other.round, diags);
        merge_field(at, "actors", &mut self.actors, other.actors, diags);
        self.reports.extend(other.reports);
        self.evidence.extend(other.evidence);
        self.outcomes.extend(other.outcomes);
        self.broken |= other.broken;
    }
}

impl TalkEntry {
    /// Takes a later article's date: the narrower of two that overlap (a
    /// report refines an estimate); any date for a talk not yet held
    /// (rescheduled); otherwise the two must agree.
    fn merge_date(&mut self, new: Option<Located<Edtf>>, diags: &mut Vec<Diagnostic>) {
        let (Some(old), Some(new)) = (&self.date, &new) else {
            if self.date.is_none() {
                self.date = new;
            }
            return;
        };
        let overlap = old.value.min() <= new.value.max() && new.value.min() <= old.value.max();
        let width = |d: &Edtf| (d.max() - d.min()).get_days();
        let not_held = self
            .status
            .as_ref()
            .is_some_and(|s| s.value != TalkStatus::Held);
        if overlap && width(&new.value) < width(&old.value) || !overlap && not_held {
            self.date = Some(new.clone());
        } else if !overlap {
            let at = ("talk", self.id.value.as_str());
            merge_field(at, "date", &mut self.date, Some(new.clone()), diags);
        }
    }
}

impl Entry for DocumentEntry {
    fn id(&self) -> &Located<String> {
        &self.id
    }
    fn merge(&mut self, other: Self, diags: &mut Vec<Diagnostic>) {
        let at = ("document", self.id.value.as_str());
        merge_field(at, "title", &mut self.title, other.title, diags);
        merge_field(at, "kind", &mut self.kind, other.kind, diags);
        merge_field(at, "by", &mut self.by, other.by, diags);
        merge_field(at, "parties", &mut self.parties, other.parties, diags);
        merge_field(at, "issue", &mut self.issue, other.issue, diags);
        merge_field(at, "talk", &mut self.talk, other.talk, diags);
        merge_field(
            at,
            "responds_to",
            &mut self.responds_to,
            other.responds_to,
            diags,
        );
        merge_field(at, "replaces", &mut self.replaces, other.replaces, diags);
        self.evidence.extend(other.evidence);
        self.provisions.extend(other.provisions);
        self.broken |= other.broken;
    }
}

/// Facts merged and checked.
#[derive(Default)]
pub struct Resolved {
    /// Valid demands, in order of first appearance.
    pub demands: Vec<Demand>,
    /// Valid positions.
    pub positions: Vec<Position>,
    /// Valid talks.
    pub talks: Vec<Talk>,
    /// Their outcomes.
    pub outcomes: Vec<Outcome>,
    /// Valid documents.
    pub documents: Vec<Document>,
    /// Their provisions.
    pub provisions: Vec<Provision>,
    /// When each demand, position, talk and document was first seen,
    /// counted over the whole tree.
    pub first_seen: HashMap<String, u64>,
}

/// The entries of facts complete at once.
#[derive(Default)]
struct Complete {
    demands: Vec<(u64, DemandEntry)>,
    positions: Vec<(u64, PositionEntry)>,
    talks: Vec<(u64, TalkEntry)>,
    documents: Vec<(u64, DocumentEntry)>,
}

/// What the checks of `replaces` need once every article is read, kept as
/// the replacing facts are handed on.
#[derive(Default)]
struct Replacing {
    /// (fact id, its `replaces`) of every entry that names one.
    entries: Replacements,
    /// The parties of each valid replacing fact.
    parties: HashMap<String, Vec<String>>,
    /// (replaced id, first day of its replacement), of valid facts.
    since: Vec<(String, Edtf)>,
}

impl Replacing {
    fn record<T: lifespan::Superseding>(&mut self, facts: &[T], parties: impl Fn(&T) -> &[String]) {
        for f in facts {
            if let Some(old) = f.replaces() {
                self.parties.insert(f.id().to_string(), parties(f).to_vec());
                self.since.push((old.to_string(), f.life().since.clone()));
            }
        }
    }

    /// Checks every `replaces` once the replaced facts, held to the end,
    /// are in `last`, and ends them.
    fn finish<T: lifespan::Superseding>(
        mut self,
        kind: &str,
        last: &mut [T],
        parties: impl Fn(&T) -> &[String],
        diags: &mut Vec<Diagnostic>,
    ) {
        for f in last.iter() {
            self.parties
                .entry(f.id().to_string())
                .or_insert_with(|| parties(f).to_vec());
        }
        let by: HashMap<&str, &[String]> = self
            .parties
            .iter()
            .map(|(id, p)| (id.as_str(), p.as_slice()))
            .collect();
        check_replacements(kind, &self.entries, &by, diags);
        lifespan::end_replaced(last, &self.since);
    }
}

/// Merges the entries of each article, as they are read in article order,
/// and hands on each fact checked once its last article is read (as the
/// [`Plan`] tells).
pub struct Merger<'p> {
    plan: &'p Plan,
    demands: Held<DemandEntry>,
    positions: Held<PositionEntry>,
    talks: Held<TalkEntry>,
    documents: Held<DocumentEntry>,
    /// The ids held, by the article after which they are complete.
    due: BTreeMap<u32, Vec<(FactKind, String)>>,
    /// Where ids given to facts of different kinds were first claimed.
    claimed: HashMap<String, (FactKind, Place)>,
    /// Entries seen so far.
    seen: u64,
    demand_replacing: Replacing,
    position_replacing: Replacing,
    document_replacing: Replacing,
}

impl<'p> Merger<'p> {
    /// A merger for the articles of `plan`.
    pub fn new(plan: &'p Plan) -> Merger<'p> {
        Merger {
            plan,
            demands: Held::default(),
            positions: Held::default(),
            talks: Held::default(),
            documents: Held::default(),
            due: BTreeMap::new(),
            claimed: HashMap::new(),
            seen: 0,
            demand_replacing: Replacing::default(),
            position_replacing: Replacing::default(),
            document_replacing: Replacing::default(),
        }
    }

    /// Adds article number `article`'s entries, merging facts seen before.
    pub fn add(&mut self, article: usize, facts: ArticleFacts, diags: &mut Vec<Diagnostic>) {
        let plan = self.plan;
        let number = article as u32;
        let mut claim = |kind: FactKind, id: &Located<String>| {
            if plan.done(&id.value).is_some_and(|done| done < number) {
                diags.push(
                    id.place
                        .diagnostic(format!(
                            "`{}` was not in this file when the seeds were first read",
                            id.value
                        ))
                        .hint("the file changed while the seeds were read: run the command again"),
                );
            }
            if !plan.conflicting(&id.value) {
                return;
            }
            match self.claimed.get(&id.value) {
            Some((other, place)) if *other != kind => diags.push(
                id.place
                    .diagnostic(format!(
                        "{kind} `{}` has the id of the {other} at {place}",
                        id.value
                    ))
                    .hint("demands, positions, documents, provisions, talks and outcomes share one namespace of ids: give this one an id of its own"),
            ),
            Some(_) => {}
            None => {
                self.claimed
                    .insert(id.value.clone(), (kind, id.place.clone()));
            }
        }
        };
        for d in &facts.demands {
            claim(FactKind::Demand, &d.id);
        }
        for p in &facts.positions {
            claim(FactKind::Position, &p.id);
        }
        for t in &facts.talks {
            claim(FactKind::Talk, &t.id);
            for o in t.outcomes.iter().filter_map(|o| o.id.as_ref()) {
                claim(FactKind::Outcome, o);
            }
        }
        for d in &facts.documents {
            claim(FactKind::Document, &d.id);
            for p in d.provisions.iter().filter_map(|p| p.id.as_ref()) {
                claim(FactKind::Provision, p);
            }
        }
        let mut held = Vec::new();
        let (seen, new) = (&mut self.seen, &mut held);
        self.demands
            .add_all(FactKind::Demand, facts.demands, seen, new, diags);
        self.positions
            .add_all(FactKind::Position, facts.positions, seen, new, diags);
        self.talks
            .add_all(FactKind::Talk, facts.talks, seen, new, diags);
        self.documents
            .add_all(FactKind::Document, facts.documents, seen, new, diags);
        for (kind, id) in held {
            // An id the plan missed (its file changed since) is complete now.
            let done = plan.done(&id).unwrap_or(number).max(number);
            self.due.entry(done).or_default().push((kind, id));
        }
    }

    /// Checks and builds the facts complete once article `article` is read.
    pub fn complete(
        &mut self,
        article: usize,
        context: &Context,
        diags: &mut Vec<Diagnostic>,
    ) -> Resolved {
        let later = self.due.split_off(&(article as u32 + 1));
        let due = std::mem::replace(&mut self.due, later);
        let complete = self.take(due.into_values().flatten());
        self.resolve(complete, context, diags)
    }

    /// Checks and builds every fact still held, once every article is
    /// read, and checks `replaces` across the whole tree.
    pub fn finish(mut self, context: &Context, diags: &mut Vec<Diagnostic>) -> Resolved {
        let due = std::mem::take(&mut self.due);
        let complete = self.take(due.into_values().flatten());
        let mut last = self.resolve(complete, context, diags);
        self.demand_replacing
            .finish("demand", &mut last.demands, |d| &d.by, diags);
        self.position_replacing
            .finish("position", &mut last.positions, |p| &p.parties, diags);
        self.document_replacing
            .finish("document", &mut last.documents, |d| &d.by, diags);
        last
    }

    fn take(&mut self, due: impl Iterator<Item = (FactKind, String)>) -> Complete {
        let mut ids: [Vec<String>; 4] = Default::default();
        for (kind, id) in due {
            let slot = match kind {
                FactKind::Demand => 0,
                FactKind::Position => 1,
                FactKind::Talk => 2,
                _ => 3,
            };
            ids[slot].push(id);
        }
        Complete {
            demands: self.demands.take(&ids[0]),
            positions: self.positions.take(&ids[1]),
            talks: self.talks.take(&ids[2]),
            documents: self.documents.take(&ids[3]),
        }
    }

    fn resolve(
        &mut self,
        complete: Complete,
        context: &Context,
        diags: &mut Vec<Diagnostic>,
    ) -> Resolved {
        let mut first_seen = HashMap::new();
        let mut order = |entries: &[(u64, String)]| {
            first_seen.extend(entries.iter().cloned().map(|(o, id)| (id, o)));
        };
        order(&ids_of(&complete.demands, |e| &e.id.value));
        order(&ids_of(&complete.positions, |e| &e.id.value));
        order(&ids_of(&complete.talks, |e| &e.id.value));
        order(&ids_of(&complete.documents, |e| &e.id.value));
        let mut r = Resolver {
            registry: context.registry,
            published: context.published,
            names: self.plan,
            outside: context.outside,
            diags,
        };
        let count = complete.talks.len();
        let (demands, demand_replaces) = r.demands(complete.demands.into_iter().map(|(_, e)| e));
        let (positions, position_replaces) =
            r.positions(complete.positions.into_iter().map(|(_, e)| e));
        let (talks, outcomes) = r.talks(complete.talks.into_iter().map(|(_, e)| e), count);
        let documents: Vec<DocumentEntry> =
            complete.documents.into_iter().map(|(_, e)| e).collect();
        let (documents, provisions) = r.documents(documents);
        self.demand_replacing.entries.extend(demand_replaces);
        self.position_replacing.entries.extend(position_replaces);
        self.demand_replacing.record(&demands, |d| &d.by);
        self.position_replacing.record(&positions, |p| &p.parties);
        self.document_replacing.record(&documents, |d| &d.by);
        Resolved {
            demands,
            positions,
            talks,
            outcomes,
            documents,
            provisions,
            first_seen,
        }
    }
}

/// (order, id) of held entries.
fn ids_of<E>(entries: &[(u64, E)], id: impl Fn(&E) -> &String) -> Vec<(u64, String)> {
    entries.iter().map(|(o, e)| (*o, id(e).clone())).collect()
}

/// What checking facts needs besides their entries.
pub struct Context<'c> {
    /// The parties, actors and issues.
    pub registry: &'c Registry,
    /// Each article's publication day, by index, as far as read.
    pub published: &'c [Option<Edtf>],
    /// The kind of a fact the merged articles refer to but do not give
    /// (when they are only some of a tree).
    pub outside: &'c dyn Fn(&str) -> Option<FactKind>,
}

/// The provisions built so far, and where each id is among them.
#[derive(Default)]
struct Provisions {
    all: Vec<Provision>,
    by_id: HashMap<String, usize>,
}

/// The facts of some kinds, for references that may name any of them.
struct OfKinds<'a>(&'a Plan, &'a [FactKind]);

impl Known for OfKinds<'_> {
    fn has(&self, id: &str) -> bool {
        self.0.kind(id).is_some_and(|k| self.1.contains(&k))
    }
    fn candidates(&self, id: &str) -> Vec<&str> {
        let kinds = self.1;
        self.0
            .candidates(id)
            .into_iter()
            .filter(|c| self.0.kind(c).is_some_and(|k| kinds.contains(&k)))
            .collect()
    }
}

/// Builds model facts and their evidence from merged entries.
struct Resolver<'r> {
    registry: &'r Registry,
    published: &'r [Option<Edtf>],
    /// The kind of every fact id, for references.
    names: &'r Plan,
    /// The kind of a fact given outside the articles merged.
    outside: &'r dyn Fn(&str) -> Option<FactKind>,
    diags: &'r mut Vec<Diagnostic>,
}

/// (fact id, the `replaces` field) of every fact that names one.
type Replacements = Vec<(String, Located<String>)>;

impl Resolver<'_> {
    fn demands(
        &mut self,
        entries: impl Iterator<Item = DemandEntry>,
    ) -> (Vec<Demand>, Replacements) {
        let mut facts = Vec::new();
        let mut replaces = Vec::new();
        for e in entries {
            let id = &e.id.value;
            if let Some(r) = &e.replaces {
                replaces.push((id.clone(), r.clone()));
            }
            let of_itself = match (&e.by, &e.of) {
                (Some(by), Some(of)) => of
                    .value
                    .iter()
                    .find(|o| by.value.iter().any(|b| b.value == o.value))
                    .map(|o| {
                        self.diags.push(
                            o.place
                                .diagnostic(format!("demand `{id}` is made by `{}` of itself", o.value))
                                .hint("`of` names the parties the demand is made of; a party's own stance is a [[position]]"),
                        );
                    })
                    .is_some(),
                _ => false,
            };
            let by = self.required(e.broken, &e.id, "by", e.by);
            let issue = self.required(e.broken, &e.id, "issue", e.issue);
            let text = self.text(e.broken, &e.id, "text", e.text);
            let replaced = self.fact_ref("replaces", e.replaces, &[FactKind::Demand]);
            let condition_for =
                self.fact_refs("condition_for", e.condition_for, FactKind::CONDITIONED);
            let responds_to = self.fact_refs("responds_to", e.responds_to, FactKind::ANSWERED);
            let life = self.lifespan("demand", &e.id, e.evidence);
            if let (
                Some(by),
                Some(issue),
                Some(text),
                Some(replaces),
                Some(condition_for),
                Some(responds_to),
                Some((evidence, life)),
                false,
            ) = (
                by,
                issue,
                text,
                replaced,
                condition_for,
                responds_to,
                life,
                e.broken || of_itself,
            ) {
                facts.push(Demand {
                    id: id.clone(),
                    by: ids(by),
                    of: e.of.map(|o| ids(o.value)).unwrap_or_default(),
                    issue,
                    text,
                    replaces,
                    condition_for,
                    due: e.due.map(|d| d.value),
                    responds_to,
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
    ) -> (Vec<Position>, Replacements) {
        let mut facts = Vec::new();
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
            let responds_to = self.fact_refs("responds_to", e.responds_to, FactKind::ANSWERED);
            let talk = self.fact_ref("talks", e.talks, &[FactKind::Talk]);
            let replaced = self.fact_ref("replaces", e.replaces, &[FactKind::Position]);
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
                    parties: ids(party),
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
        count: usize,
    ) -> (Vec<Talk>, Vec<Outcome>) {
        let mut facts = Vec::with_capacity(count);
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
        let part_of = self.fact_ref("part_of", e.part_of, &[FactKind::Talk]);
        let history = self.history(&e.reports, date.as_ref());
        // The status is that of the latest article.
        let status = history.last().map(|r| r.status).or(status);
        // Quotes of a talk default to the date their article gave it; a
        // talk that had not (yet) taken place as of that article may lie
        // after it.
        let context = |source: Option<usize>| {
            let report = e.reports.iter().find(|r| Some(r.0) == source);
            let as_of = report.and_then(|r| r.1).or(status);
            let day = report.and_then(|r| r.2.clone()).or_else(|| date.clone());
            (day, as_of.is_some_and(|s| s != TalkStatus::Held))
        };
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
            let mut all_ok = true;
            let mut cited = Vec::new();
            for q in e.evidence {
                let (day, may_be_future) = context(q.as_ref().map(|q| q.source));
                match self.finalize(q, day.as_ref(), may_be_future) {
                    Some(evidence) => cited.push(evidence),
                    None => all_ok = false,
                }
            }
            all_ok.then_some(cited)
        };
        // This talk's outcomes, from every article: text → generated id.
        let mut by_text = HashMap::new();
        for outcome in e.outcomes {
            self.outcome(&id, &context, outcome, outcomes, &mut by_text);
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
            host: e.host.map(|h| h.value),
            proposed_by: e.proposed_by.map(|p| ids(p.value)).unwrap_or_default(),
            part_of: part_of?,
            round: e.round.map(|r| r.value),
            actors: e.actors.map(|a| ids(a.value)).unwrap_or_default(),
            history,
            evidence: cited?,
        })
    }

    /// A talk's status as each article gave it, oldest article first (by
    /// publication day, then slug); an article that gives no date of its
    /// own reports the talk's.
    fn history(
        &self,
        reports: &[(usize, Option<TalkStatus>, Option<Edtf>)],
        date: Option<&Edtf>,
    ) -> Vec<StatusReport> {
        let mut history: Vec<StatusReport> = reports
            .iter()
            .filter_map(|(source, status, own)| {
                Some(StatusReport {
                    source: *source,
                    status: (*status)?,
                    date: own.clone().or_else(|| date.cloned())?,
                })
            })
            .collect();
        let day = |r: &StatusReport| {
            self.published
                .get(r.source)
                .and_then(|p| p.as_ref().map(Edtf::min))
        };
        history.sort_by_key(|r| (day(r), r.source));
        history
    }

    fn documents(&mut self, entries: Vec<DocumentEntry>) -> (Vec<Document>, Vec<Provision>) {
        let mut facts = Vec::with_capacity(entries.len());
        let mut provisions = Provisions::default();
        for e in entries {
            let id = e.id.value.clone();
            let title = self.text(e.broken, &e.id, "title", e.title);
            let kind = self.required(e.broken, &e.id, "kind", e.kind);
            let talk = self.fact_ref("talk", e.talk, &[FactKind::Talk]);
            let responds_to = self.fact_ref("responds_to", e.responds_to, &[FactKind::Document]);
            let replaces = self.fact_ref("replaces", e.replaces, &[FactKind::Document]);
            if let Some(r) = replaces
                .as_ref()
                .and_then(Option::as_ref)
                .filter(|r| **r == id)
            {
                self.diags.push(
                    e.id.place
                        .diagnostic(format!("document `{r}` replaces itself"))
                        .hint("name the earlier version it supersedes"),
                );
            }
            let life = self.lifespan("document", &e.id, e.evidence);
            let ids_in_order = provision_ids(
                &id,
                e.provisions.iter().map(|p| {
                    let given = p.id.as_ref().map(|i| i.value.as_str());
                    (given, p.text.as_ref().map_or("", |t| t.value.as_str()))
                }),
            );
            for (p, pid) in e.provisions.into_iter().zip(ids_in_order) {
                self.provision(&id, pid, p, &mut provisions);
            }
            if e.broken {
                continue;
            }
            let (
                Some(title),
                Some(kind),
                Some(talk),
                Some(responds_to),
                Some(replaces),
                Some((evidence, life)),
            ) = (title, kind, talk, responds_to, replaces, life)
            else {
                continue;
            };
            facts.push(Document {
                id,
                title,
                kind,
                by: e.by.map(|b| ids(b.value)).unwrap_or_default(),
                parties: e.parties.map(|p| ids(p.value)).unwrap_or_default(),
                issue: e.issue.map(|i| i.value),
                talk,
                responds_to,
                replaces: replaces.filter(|r| *r != e.id.value),
                life,
                evidence,
            });
        }
        (facts, provisions.all)
    }

    /// Checks one provision of `document`; the first entry with an id makes
    /// the provision, a later one with the same id adds its quote.
    fn provision(
        &mut self,
        document: &str,
        id: String,
        p: ProvisionEntry,
        provisions: &mut Provisions,
    ) {
        let demand = self.fact_ref("demand", p.demand, &[FactKind::Demand]);
        // A provision's quote is dated on the day its article reports it.
        let day = p
            .quote
            .as_ref()
            .and_then(|q| self.published.get(q.source))
            .cloned()
            .flatten();
        let evidence = self.finalize(p.quote, day.as_ref(), false);
        if p.broken {
            return;
        }
        let (Some(demand), Some(evidence)) = (demand, evidence) else {
            return;
        };
        if let Some(&known) = provisions.by_id.get(&id) {
            provisions.all[known].evidence.push(evidence);
            return;
        }
        let Some(text) = p.text else {
            self.diags.push(
                p.place
                    .diagnostic(format!("provision `{id}` is not given before: it needs a `text`"))
                    .hint("a provision repeated by id alone must have been given with its text in an earlier entry of the document"),
            );
            return;
        };
        provisions.by_id.insert(id.clone(), provisions.all.len());
        provisions.all.push(Provision {
            id,
            document: document.to_string(),
            text: text.value,
            issue: p.issue.map(|i| i.value),
            demand,
            evidence: vec![evidence],
        });
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
        talk: &str,
        context: &dyn Fn(Option<usize>) -> (Option<Edtf>, bool),
        o: OutcomeEntry,
        outcomes: &mut Outcomes,
        by_text: &mut HashMap<String, String>,
    ) {
        let id = match (&o.id, &o.text) {
            (Some(id), _) => id.value.clone(),
            (None, Some(text)) => {
                let next = format!("{talk}-outcome-{}", by_text.len() + 1);
                by_text.entry(text.value.clone()).or_insert(next).clone()
            }
            (None, None) => return,
        };
        match outcomes.by_id.get(&id) {
            Some(&i) => {
                let (first, place) = (&outcomes.list[i], &outcomes.places[i]);
                if first.talk != talk
                    || o.kind.as_ref().is_some_and(|k| k.value != first.kind)
                    || o.text.as_ref().is_some_and(|t| t.value != first.text)
                {
                    self.diags.push(
                        o.place
                            .diagnostic(format!("outcome `{id}` differs from the one at {place}"))
                            .hint("an outcome repeated in another article needs the same talk, kind and text; otherwise give it its own id"),
                    );
                    return;
                }
            }
            None if !o.broken => {
                let Some(document) = self.fact_ref("document", o.document, &[FactKind::Document])
                else {
                    return;
                };
                if let Some(kind) = self.names.given(&id).filter(|_| o.id.is_none()) {
                    let other = match kind {
                        FactKind::Outcome => "another outcome".to_string(),
                        kind => format!("a {kind}"),
                    };
                    self.diags.push(
                        o.place
                            .diagnostic(format!("the outcome named `{id}` has the id of {other}"))
                            .hint("give the outcome an `id` of its own"),
                    );
                    return;
                }
                let (Some(kind), Some(text)) = (o.kind, o.text) else {
                    self.diags.push(
                        o.place
                            .diagnostic(format!("outcome `{id}` is not given before: it needs `text` and `kind`"))
                            .hint("an outcome repeated by id alone must have been given with its text and kind under the same talk before"),
                    );
                    return;
                };
                outcomes.by_id.insert(id.clone(), outcomes.list.len());
                let outcome = Outcome {
                    id: id.clone(),
                    talk: talk.to_string(),
                    kind: kind.value,
                    text: text.value,
                    document,
                    evidence: Vec::new(),
                };
                outcomes.places.push(o.place);
                outcomes.list.push(outcome);
            }
            None => return,
        }
        let (date, may_be_future) = context(o.quote.as_ref().map(|q| q.source));
        if let Some(evidence) = self.finalize(o.quote, date.as_ref(), may_be_future) {
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

    /// An optional reference to a fact of one of `kinds`: `Some(None)` when
    /// absent, `None` when it names no such fact (reported).
    fn fact_ref(
        &mut self,
        field: &str,
        value: Field,
        kinds: &[FactKind],
    ) -> Option<Option<String>> {
        match value {
            None => Some(None),
            Some(v) => self.refers(field, &v, kinds).then_some(Some(v.value)),
        }
    }

    /// References to facts of `kinds`; `None` when one names no such fact.
    fn fact_refs(&mut self, field: &str, value: IdList, kinds: &[FactKind]) -> Option<Vec<String>> {
        let Some(list) = value else {
            return Some(Vec::new());
        };
        let mut ok = true;
        for v in &list.value {
            ok &= self.refers(field, v, kinds);
        }
        ok.then(|| ids(list.value))
    }

    /// Whether `v` names a fact of one of `kinds`; reports an unknown id
    /// with the nearest ones, and a fact of another kind.
    fn refers(&mut self, field: &str, v: &Located<String>, kinds: &[FactKind]) -> bool {
        let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        let kind_words = match names.as_slice() {
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
            [] => "fact".to_string(),
        };
        let kind = self.names.kind(&v.value);
        match kind.or_else(|| (self.outside)(&v.value)) {
            Some(k) if !kinds.contains(&k) => {
                self.diags.push(
                    v.place
                        .diagnostic(format!(
                            "`{field}` names `{}`, a {k}, not a {kind_words}",
                            v.value
                        ))
                        .hint(format!("`{field}` takes the id of a {kind_words}")),
                );
                false
            }
            Some(_) => true,
            None => check_ref(
                &kind_words,
                &v.value,
                &v.place,
                &OfKinds(self.names, kinds),
                self.diags,
            ),
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
            if actor.term_at(&date).is_none() {
                let terms: Vec<String> = actor
                    .terms
                    .iter()
                    .map(|t| {
                        format!(
                            "{} from {} until {}",
                            t.party,
                            t.since.as_ref().map_or("..", Edtf::text),
                            t.until.as_ref().map_or("..", Edtf::text)
                        )
                    })
                    .collect();
                let party = match actor.terms.as_slice() {
                    [one] => one.party.as_str(),
                    _ => "any party",
                };
                self.diags.push(
                    speaker
                        .place
                        .diagnostic(format!(
                            "`{}` did not speak for {party} at {date} ({})",
                            actor.id,
                            terms.join("; ")
                        ))
                        .hint("check the evidence date, the speaker, or the actor's terms (from/until) in parties.toml"),
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
            quote: p.text,
            date,
            says: p.says,
            speaker: p.speaker.map(|s| s.value),
            attribution: p.attribution,
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
    parties: &HashMap<&str, &[String]>,
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
            && !mine.iter().any(|p| theirs.contains(p))
        {
            diags.push(
                r.place
                    .diagnostic(format!(
                        "{kind} `{id}` of `{}` replaces `{}`, which belongs to `{}`",
                        mine.join("; "),
                        r.value,
                        theirs.join("; ")
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
