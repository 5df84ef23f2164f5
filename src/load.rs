//! Writing a validated [`Corpus`] into an empty negkb database.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::date::Edtf;
use crate::model::{Corpus, Lifespan};

/// Inserts every row of `corpus` but the evidence; the caller holds the
/// transaction. Facts go in id order, so their primary key B-trees grow at
/// the end.
pub fn facts(tx: &Connection, corpus: &Corpus) -> rusqlite::Result<()> {
    registries(tx, corpus)?;
    sources(tx, corpus)?;
    talks(tx, corpus)?;
    demands_and_positions(tx, corpus)
}

/// Parties, actors and issues, with their aliases and keywords.
fn registries(tx: &Connection, corpus: &Corpus) -> rusqlite::Result<()> {
    let mut party = tx.prepare("INSERT INTO parties (id, name, kind) VALUES (?1, ?2, ?3)")?;
    let mut alias =
        tx.prepare("INSERT OR IGNORE INTO party_aliases (party_id, alias) VALUES (?1, ?2)")?;
    for p in &corpus.parties {
        party.execute(params![p.id, p.name, p.kind])?;
        for a in &p.aliases {
            alias.execute(params![p.id, a])?;
        }
    }

    let mut actor = tx.prepare(
        "INSERT INTO actors (id, name, party_id, role, since, since_min, since_max, until, until_min, until_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut alias =
        tx.prepare("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?1, ?2)")?;
    for a in &corpus.actors {
        let [since, since_min, since_max] = date_columns(a.since.as_ref());
        let [until, until_min, until_max] = date_columns(a.until.as_ref());
        actor.execute(params![
            a.id, a.name, a.party, a.role, since, since_min, since_max, until, until_min, until_max
        ])?;
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

/// The articles.
fn sources(tx: &Connection, corpus: &Corpus) -> rusqlite::Result<()> {
    let mut source = tx.prepare(
        "INSERT INTO sources (id, slug, title, author, publisher, url, published, published_min, published_max, text, sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, s) in corpus.sources.iter().enumerate() {
        source.execute(params![
            source_id(i),
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

/// Talks with their sides, mediators, actors and outcomes, and each talk's
/// lists as text (`talk_lists`).
fn talks(tx: &Connection, corpus: &Corpus) -> rusqlite::Result<()> {
    let mut talk = tx.prepare(
        "INSERT INTO talks (id, title, format, status, date, date_min, date_max, venue)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut side = tx.prepare(
        "INSERT OR IGNORE INTO talk_parties (talk_id, party_id, role) VALUES (?1, ?2, ?3)",
    )?;
    let mut member =
        tx.prepare("INSERT OR IGNORE INTO talk_actors (talk_id, actor_id) VALUES (?1, ?2)")?;
    let mut lists = tx.prepare(
        "INSERT INTO talk_lists (talk_id, parties, mediators, outcomes) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let outcomes = by_id(&corpus.outcomes, |o| &o.id);
    let mut outcomes_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for o in &outcomes {
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
            t.venue
        ])?;
        let parties = sorted_unique(&t.parties);
        let mediators = sorted_unique(&t.mediators);
        for p in &parties {
            side.execute(params![t.id, p, "party"])?;
        }
        for p in &mediators {
            side.execute(params![t.id, p, "mediator"])?;
        }
        for a in &t.actors {
            member.execute(params![t.id, a])?;
        }
        lists.execute(params![
            t.id,
            joined(&parties),
            joined(&mediators),
            outcomes_of.get(t.id.as_str()).map(|texts| joined(texts)),
        ])?;
    }

    let mut outcome =
        tx.prepare("INSERT INTO outcomes (id, talk_id, kind, text) VALUES (?1, ?2, ?3, ?4)")?;
    for o in outcomes {
        outcome.execute(params![o.id, o.talk, o.kind, o.text])?;
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

/// Items joined by `; `, as `talk_lists` stores them; NULL for none.
fn joined(items: &[&str]) -> Option<String> {
    (!items.is_empty()).then(|| items.join("; "))
}

/// Demands and positions with their lifespans.
fn demands_and_positions(tx: &Connection, corpus: &Corpus) -> rusqlite::Result<()> {
    let mut demand = tx.prepare(
        "INSERT INTO demands (id, party_id, of_party_id, issue_id, text, replaces,
             since, since_min, since_max, last_seen, last_seen_min, last_seen_max, until, until_min, until_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for d in by_id(&corpus.demands, |d| &d.id) {
        let [a, b, c, e, f, g, h, i, j] = life_columns(&d.life);
        demand.execute(params![
            d.id, d.by, d.of, d.issue, d.text, d.replaces, a, b, c, e, f, g, h, i, j
        ])?;
    }

    let mut position = tx.prepare(
        "INSERT INTO positions (id, party_id, issue_id, stance, text, responds_to, talk_id, replaces,
             since, since_min, since_max, last_seen, last_seen_min, last_seen_max, until, until_min, until_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for p in by_id(&corpus.positions, |p| &p.id) {
        let [a, b, c, e, f, g, h, i, j] = life_columns(&p.life);
        position.execute(params![
            p.id,
            p.party,
            p.issue,
            p.stance,
            p.text,
            p.responds_to,
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
    }
    Ok(())
}

/// Every quote, naming the one fact it supports; the caller holds the
/// transaction.
pub fn evidence(tx: &Connection, corpus: &Corpus) -> rusqlite::Result<()> {
    let mut evidence = tx.prepare(
        "INSERT INTO evidence (source_id, demand_id, position_id, talk_id, outcome_id, quote,
             start_offset, end_offset, date, date_min, date_max, says, speaker, implied)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    // Each fact's quotes, with the column that names the fact.
    let quotes = corpus.demands.iter().map(|d| (0, &d.id, &d.evidence));
    let quotes = quotes.chain(corpus.positions.iter().map(|p| (1, &p.id, &p.evidence)));
    let quotes = quotes.chain(corpus.talks.iter().map(|t| (2, &t.id, &t.evidence)));
    let quotes = quotes.chain(corpus.outcomes.iter().map(|o| (3, &o.id, &o.evidence)));
    for (column, id, list) in quotes {
        let mut fact: [Option<&str>; 4] = [None; 4];
        fact[column] = Some(id);
        for e in list {
            evidence.execute(params![
                source_id(e.source),
                fact[0],
                fact[1],
                fact[2],
                fact[3],
                crate::quote::slice(&corpus.sources[e.source].text, e.span),
                e.span.start,
                e.span.end,
                e.date.text(),
                e.date.min_iso(),
                e.date.max_iso(),
                e.says,
                e.speaker,
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

/// The `sources.id` of the source at `index` in [`Corpus::sources`].
fn source_id(index: usize) -> i64 {
    index as i64 + 1
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
