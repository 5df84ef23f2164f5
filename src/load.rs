//! Writing validated seeds into a negkb database: the registries and then
//! the articles and facts part by part into an empty one, or the facts of
//! some articles into one that holds the others (an incremental seed).

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::date::Edtf;
use crate::model::{Corpus, Lifespan, Stamp};
use crate::vocab::{DemandRole, DocumentRole, FactKind, TalkRole};

/// The `sources.id` of each of a corpus's sources, by index.
pub struct SourceIds(pub Vec<i64>);

impl SourceIds {
    /// The ids of a whole corpus of `n` articles: 1 to `n`, in slug order.
    pub fn in_order(n: usize) -> SourceIds {
        SourceIds((1..=n as i64).collect())
    }

    fn of(&self, index: usize) -> i64 {
        self.0[index]
    }
}

/// Records the version of negkb that built the database.
pub fn version(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO seed_info (key, value) VALUES ('negkb_version', ?1)",
        [crate::VERSION],
    )?;
    Ok(())
}

/// Inserts the facts of `corpus` but their evidence, and which articles
/// have entries for them, with the sources numbered by `ids`; the caller
/// holds the transaction.
pub fn facts(tx: &Connection, corpus: &Corpus, ids: &SourceIds) -> rusqlite::Result<()> {
    fact_ids(tx, corpus)?;
    let names = PartyNames::new(corpus);
    talks(tx, corpus, &names, ids)?;
    outcomes(tx, corpus)?;
    demands(tx, corpus, &names)?;
    positions(tx, corpus, &names)?;
    documents(tx, corpus, &names)?;
    let mut entry = tx.prepare("INSERT INTO source_facts (fact_id, source_id) VALUES (?1, ?2)")?;
    for (source, fact) in &corpus.entries {
        entry.execute(params![fact, ids.of(*source)])?;
    }
    Ok(())
}

/// Records the seed files as read, replacing earlier records of the same
/// paths.
pub fn seed_files(tx: &Connection, files: &[Stamp]) -> rusqlite::Result<()> {
    let mut file = tx.prepare(
        "INSERT OR REPLACE INTO seed_files (path, bytes, modified, sha256) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for f in files {
        file.execute(params![f.path, f.bytes as i64, f.modified, f.sha256])?;
    }
    Ok(())
}

/// Party names by id, for the name lists written beside the id lists.
struct PartyNames<'c>(HashMap<&'c str, &'c str>);

impl<'c> PartyNames<'c> {
    fn new(corpus: &'c Corpus) -> PartyNames<'c> {
        PartyNames(
            corpus
                .parties
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
        )
    }

    /// The names of `ids`, in their order, joined as the list columns are.
    fn of<S: AsRef<str>>(&self, ids: &[S]) -> Option<String> {
        let names: Vec<&str> = ids
            .iter()
            .map(|id| self.0.get(id.as_ref()).copied().unwrap_or(id.as_ref()))
            .collect();
        joined(&names)
    }
}

/// Parties, actors and issues, with their aliases, members, terms and
/// keywords.
pub fn registries(tx: &Connection, corpus: &crate::seeds::Registries) -> rusqlite::Result<()> {
    let mut party = tx.prepare("INSERT INTO parties (id, name, kind) VALUES (?1, ?2, ?3)")?;
    let mut alias =
        tx.prepare("INSERT OR IGNORE INTO party_aliases (party_id, alias) VALUES (?1, ?2)")?;
    let mut member =
        tx.prepare("INSERT OR IGNORE INTO party_members (party_id, member_id) VALUES (?1, ?2)")?;
    for p in &corpus.parties {
        party.execute(params![p.id, p.name, p.kind])?;
        for a in &p.aliases {
            alias.execute(params![p.id, a])?;
        }
        for m in &p.members {
            member.execute(params![p.id, m])?;
        }
    }

    let mut actor = tx.prepare("INSERT INTO actors (id, name) VALUES (?1, ?2)")?;
    let mut term = tx.prepare(
        "INSERT INTO actor_terms (actor_id, party_id, role, since, since_min, since_max, until, until_min, until_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut alias =
        tx.prepare("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?1, ?2)")?;
    for a in &corpus.actors {
        actor.execute(params![a.id, a.name])?;
        for t in &a.terms {
            let [since, since_min, since_max] = date_columns(t.since.as_ref());
            let [until, until_min, until_max] = date_columns(t.until.as_ref());
            term.execute(params![
                a.id, t.party, t.role, since, since_min, since_max, until, until_min, until_max
            ])?;
        }
        for alias_name in &a.aliases {
            alias.execute(params![a.id, alias_name])?;
        }
    }

    let mut issue = tx.prepare("INSERT INTO issues (id, name, description) VALUES (?1, ?2, ?3)")?;
    let mut keyword =
        tx.prepare("INSERT OR IGNORE INTO issue_keywords (issue_id, keyword) VALUES (?1, ?2)")?;
    for i in &corpus.issues {
        issue.execute(params![i.id, i.name, i.description])?;
        for k in &i.keywords {
            keyword.execute(params![i.id, k])?;
        }
    }
    Ok(())
}

/// The articles whose index `wanted` picks, numbered by `ids`.
pub fn sources(
    tx: &Connection,
    corpus: &Corpus,
    ids: &SourceIds,
    wanted: impl Fn(usize) -> bool,
) -> rusqlite::Result<()> {
    let mut source = tx.prepare(
        "INSERT INTO sources (id, slug, title, author, publisher, url, published, published_min, published_max, text, sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, s) in corpus
        .sources
        .iter()
        .enumerate()
        .filter(|(i, _)| wanted(*i))
    {
        source.execute(params![
            ids.of(i),
            s.slug,
            s.title,
            s.author,
            s.publisher,
            s.url,
            s.published.text(),
            s.published.min_iso(),
            s.published.max_iso(),
            s.text,
            s.sha256
        ])?;
    }
    Ok(())
}

/// Every fact id with its kind, in id order.
fn fact_ids(tx: &Connection, corpus: &Corpus) -> rusqlite::Result<()> {
    let mut all: Vec<(&str, FactKind)> = Vec::with_capacity(
        corpus.demands.len()
            + corpus.positions.len()
            + corpus.talks.len()
            + corpus.outcomes.len()
            + corpus.documents.len()
            + corpus.provisions.len(),
    );
    all.extend(
        corpus
            .demands
            .iter()
            .map(|f| (f.id.as_str(), FactKind::Demand)),
    );
    all.extend(
        corpus
            .positions
            .iter()
            .map(|f| (f.id.as_str(), FactKind::Position)),
    );
    all.extend(corpus.talks.iter().map(|f| (f.id.as_str(), FactKind::Talk)));
    all.extend(
        corpus
            .outcomes
            .iter()
            .map(|f| (f.id.as_str(), FactKind::Outcome)),
    );
    all.extend(
        corpus
            .documents
            .iter()
            .map(|f| (f.id.as_str(), FactKind::Document)),
    );
    all.extend(
        corpus
            .provisions
            .iter()
            .map(|f| (f.id.as_str(), FactKind::Provision)),
    );
    all.sort_unstable();
    let mut fact = tx.prepare("INSERT INTO facts (id, kind) VALUES (?1, ?2)")?;
    for (id, kind) in all {
        fact.execute(params![id, kind])?;
    }
    Ok(())
}

/// Talks with their parties, actors and status history, and each talk's
/// lists as text with the outcomes' (`talk_lists`).
fn talks(
    tx: &Connection,
    corpus: &Corpus,
    names: &PartyNames,
    ids: &SourceIds,
) -> rusqlite::Result<()> {
    let mut talk = tx.prepare(
        "INSERT INTO talks (id, title, format, status, date, date_min, date_max, venue, part_of, round)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut side = tx.prepare(
        "INSERT OR IGNORE INTO talk_parties (talk_id, party_id, role) VALUES (?1, ?2, ?3)",
    )?;
    let mut member =
        tx.prepare("INSERT OR IGNORE INTO talk_actors (talk_id, actor_id) VALUES (?1, ?2)")?;
    let mut status = tx.prepare(
        "INSERT OR REPLACE INTO talk_statuses (talk_id, source_id, status, date, date_min, date_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut lists = tx.prepare(
        "INSERT INTO talk_lists (talk_id, parties, party_names, mediators, mediator_names, host, host_name,
             proposed_by, proposer_names, outcomes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut outcomes_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for o in by_id(&corpus.outcomes, |o| &o.id) {
        outcomes_of.entry(&o.talk).or_default().push(&o.text);
    }
    for t in by_id(&corpus.talks, |t| &t.id) {
        talk.execute(params![
            t.id,
            t.title,
            t.format,
            t.status,
            t.date.text(),
            t.date.min_iso(),
            t.date.max_iso(),
            t.venue,
            t.part_of,
            t.round
        ])?;
        let parties = sorted_unique(&t.parties);
        let mediators = sorted_unique(&t.mediators);
        let proposers = sorted_unique(&t.proposed_by);
        let host: Vec<&str> = t.host.iter().map(String::as_str).collect();
        for (role, ids) in [
            (TalkRole::Party, &parties),
            (TalkRole::Mediator, &mediators),
            (TalkRole::Host, &host),
            (TalkRole::Proposer, &proposers),
        ] {
            for p in ids {
                side.execute(params![t.id, p, role])?;
            }
        }
        for a in &t.actors {
            member.execute(params![t.id, a])?;
        }
        for r in &t.history {
            status.execute(params![
                t.id,
                ids.of(r.source),
                r.status,
                r.date.text(),
                r.date.min_iso(),
                r.date.max_iso()
            ])?;
        }
        lists.execute(params![
            t.id,
            joined(&parties),
            names.of(&parties),
            joined(&mediators),
            names.of(&mediators),
            t.host,
            names.of(&host),
            joined(&proposers),
            names.of(&proposers),
            outcomes_of.get(t.id.as_str()).map(|texts| joined(texts)),
        ])?;
    }
    Ok(())
}

/// The outcomes of the talks.
fn outcomes(tx: &Connection, corpus: &Corpus) -> rusqlite::Result<()> {
    let mut outcome = tx.prepare(
        "INSERT INTO outcomes (id, talk_id, kind, text, document_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for o in by_id(&corpus.outcomes, |o| &o.id) {
        outcome.execute(params![o.id, o.talk, o.kind, o.text, o.document])?;
    }
    Ok(())
}

/// Ids sorted, each once.
fn sorted_unique(ids: &[String]) -> Vec<&str> {
    let mut ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Items joined by `; `, as the list columns store them; NULL for none.
fn joined<S: AsRef<str>>(items: &[S]) -> Option<String> {
    let (first, rest) = items.split_first()?;
    let mut out = first.as_ref().to_string();
    for item in rest {
        out.push_str("; ");
        out.push_str(item.as_ref());
    }
    Some(out)
}

/// Demands with their lifespans, parties, conditions and what they answer.
fn demands(tx: &Connection, corpus: &Corpus, names: &PartyNames) -> rusqlite::Result<()> {
    let mut demand = tx.prepare(
        "INSERT INTO demands (id, by_parties, by_names, of_parties, of_names, issue_id, text, replaces, due, due_min,
             due_max, since, since_min, since_max, last_seen, last_seen_min, last_seen_max, until, until_min, until_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    let mut party = tx.prepare(
        "INSERT OR IGNORE INTO demand_parties (demand_id, role, party_id) VALUES (?1, ?2, ?3)",
    )?;
    let mut condition =
        tx.prepare("INSERT OR IGNORE INTO conditions (demand_id, condition_for) VALUES (?1, ?2)")?;
    let mut response =
        tx.prepare("INSERT OR IGNORE INTO responses (fact_id, responds_to) VALUES (?1, ?2)")?;
    for d in by_id(&corpus.demands, |d| &d.id) {
        let [due, due_min, due_max] = date_columns(d.due.as_ref());
        let [a, b, c, e, f, g, h, i, j] = life_columns(&d.life);
        demand.execute(params![
            d.id,
            joined(&d.by),
            names.of(&d.by),
            joined(&d.of),
            names.of(&d.of),
            d.issue,
            d.text,
            d.replaces,
            due,
            due_min,
            due_max,
            a,
            b,
            c,
            e,
            f,
            g,
            h,
            i,
            j
        ])?;
        for p in &d.by {
            party.execute(params![d.id, DemandRole::By, p])?;
        }
        for p in &d.of {
            party.execute(params![d.id, DemandRole::Of, p])?;
        }
        for c in &d.condition_for {
            condition.execute(params![d.id, c])?;
        }
        for r in &d.responds_to {
            response.execute(params![d.id, r])?;
        }
    }
    Ok(())
}

/// Positions with their lifespans, parties and what they answer.
fn positions(tx: &Connection, corpus: &Corpus, names: &PartyNames) -> rusqlite::Result<()> {
    let mut position = tx.prepare(
        "INSERT INTO positions (id, parties, party_names, issue_id, stance, text, responds_to, talk_id, replaces,
             since, since_min, since_max, last_seen, last_seen_min, last_seen_max, until, until_min, until_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let mut party = tx.prepare(
        "INSERT OR IGNORE INTO position_parties (position_id, party_id) VALUES (?1, ?2)",
    )?;
    let mut response =
        tx.prepare("INSERT OR IGNORE INTO responses (fact_id, responds_to) VALUES (?1, ?2)")?;
    for p in by_id(&corpus.positions, |p| &p.id) {
        let [a, b, c, e, f, g, h, i, j] = life_columns(&p.life);
        position.execute(params![
            p.id,
            joined(&p.parties),
            names.of(&p.parties),
            p.issue,
            p.stance,
            p.text,
            joined(&p.responds_to),
            p.talk,
            p.replaces,
            a,
            b,
            c,
            e,
            f,
            g,
            h,
            i,
            j
        ])?;
        for x in &p.parties {
            party.execute(params![p.id, x])?;
        }
        for r in &p.responds_to {
            response.execute(params![p.id, r])?;
        }
    }
    Ok(())
}

/// Documents with their lifespans and parties, and their provisions.
fn documents(tx: &Connection, corpus: &Corpus, names: &PartyNames) -> rusqlite::Result<()> {
    let mut document = tx.prepare(
        "INSERT INTO documents (id, title, kind, by_parties, by_names, parties, party_names, issue_id, talk_id,
             responds_to, replaces,
             since, since_min, since_max, last_seen, last_seen_min, last_seen_max, until, until_min, until_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    let mut party = tx.prepare(
        "INSERT OR IGNORE INTO document_parties (document_id, role, party_id) VALUES (?1, ?2, ?3)",
    )?;
    for d in by_id(&corpus.documents, |d| &d.id) {
        let [a, b, c, e, f, g, h, i, j] = life_columns(&d.life);
        document.execute(params![
            d.id,
            d.title,
            d.kind,
            joined(&d.by),
            names.of(&d.by),
            joined(&d.parties),
            names.of(&d.parties),
            d.issue,
            d.talk,
            d.responds_to,
            d.replaces,
            a,
            b,
            c,
            e,
            f,
            g,
            h,
            i,
            j
        ])?;
        for p in &d.by {
            party.execute(params![d.id, DocumentRole::By, p])?;
        }
        for p in &d.parties {
            party.execute(params![d.id, DocumentRole::Party, p])?;
        }
    }
    let mut provision = tx.prepare(
        "INSERT INTO provisions (id, document_id, text, issue_id, demand_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for p in by_id(&corpus.provisions, |p| &p.id) {
        provision.execute(params![p.id, p.document, p.text, p.issue, p.demand])?;
    }
    Ok(())
}

/// Every quote, naming the one fact it supports, with the sources numbered
/// by `ids`; the caller holds the transaction.
pub fn evidence(tx: &Connection, corpus: &Corpus, ids: &SourceIds) -> rusqlite::Result<()> {
    let mut evidence = tx.prepare(
        "INSERT INTO evidence (source_id, demand_id, position_id, talk_id, outcome_id, document_id, provision_id,
             quote, start_offset, end_offset, date, date_min, date_max, says, speaker, attribution, implied)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    // Each fact's quotes, with the column that names the fact.
    let quotes = corpus.demands.iter().map(|d| (0, &d.id, &d.evidence));
    let quotes = quotes.chain(corpus.positions.iter().map(|p| (1, &p.id, &p.evidence)));
    let quotes = quotes.chain(corpus.talks.iter().map(|t| (2, &t.id, &t.evidence)));
    let quotes = quotes.chain(corpus.outcomes.iter().map(|o| (3, &o.id, &o.evidence)));
    let quotes = quotes.chain(corpus.documents.iter().map(|d| (4, &d.id, &d.evidence)));
    let quotes = quotes.chain(corpus.provisions.iter().map(|p| (5, &p.id, &p.evidence)));
    for (column, id, list) in quotes {
        let mut fact: [Option<&str>; 6] = [None; 6];
        fact[column] = Some(id);
        for e in list {
            evidence.execute(params![
                ids.of(e.source),
                fact[0],
                fact[1],
                fact[2],
                fact[3],
                fact[4],
                fact[5],
                e.quote,
                e.span.start,
                e.span.end,
                e.date.text(),
                e.date.min_iso(),
                e.date.max_iso(),
                e.says,
                e.speaker,
                e.attribution,
                e.implied
            ])?;
        }
    }
    Ok(())
}

/// The items in the order of their ids.
fn by_id<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_unstable_by(|a, b| id(a).cmp(id(b)));
    sorted
}

/// A date as its text, earliest and latest day; NULLs when absent.
fn date_columns(date: Option<&Edtf>) -> [Option<String>; 3] {
    match date {
        Some(d) => [
            Some(d.text().to_string()),
            Some(d.min_iso()),
            Some(d.max_iso()),
        ],
        None => [None, None, None],
    }
}

/// since, last_seen and until, three columns each.
fn life_columns(life: &Lifespan) -> [Option<String>; 9] {
    let [a, b, c] = date_columns(Some(&life.since));
    let [d, e, f] = date_columns(life.last_seen.as_ref());
    let [g, h, i] = date_columns(life.until.as_ref());
    [a, b, c, d, e, f, g, h, i]
}
