//! An incremental seed: brings a database that `negkb seed` built up to
//! date with the seeds in place, in one transaction, re-reading only the
//! articles whose files changed and those that share a fact with them.
//!
//! A fact merges the entries of every article that gives its id, and a
//! replaced fact ends when its replacement is first seen. So the articles
//! re-read are closed under both: every article with an entry for a fact
//! of one re-read, and the facts on either side of a `replaces`. Their
//! facts are validated as a full seed would (references to facts of other
//! articles are looked up in the database), deleted with their rows and
//! written again. SQLite checks the foreign keys of what changed at the
//! commit, and every CHECK constraint on the rows written.
//!
//! Whenever an update cannot vouch for giving what a full seed would, it
//! gives up and the caller rebuilds the whole database, which also reports
//! any problem the way `check` does: when the registries, the schema or
//! the negkb version differ, when a file cannot be listed, read or
//! validated, when more than half the articles would be re-read, and when
//! the commit fails its checks.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::db::{self, Existing};
use crate::load::{self, SourceIds};
use crate::model::Stamp;
use crate::seeds::{self, Listing};
use crate::vocab::{FactKind, ValueSet};

/// What an incremental seed changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Articles whose text or fact file changed.
    pub edited: usize,
    /// Articles that are new.
    pub added: usize,
    /// Articles that are gone.
    pub removed: usize,
    /// Articles read and validated again: the edited and added ones and
    /// those sharing a fact with them.
    pub reread: usize,
}

impl Changes {
    /// True when no article changed.
    pub fn is_empty(&self) -> bool {
        self.edited + self.added + self.removed == 0
    }
}

/// Updates the database at `target` to the seeds under `root` in place;
/// `None` when it cannot (see the module documentation), leaving the
/// database as it was.
pub fn update(root: &Path, target: &Path) -> Option<Changes> {
    if db::inspect(target) != Existing::Negkb(db::SCHEMA_VERSION) || db::has_live_side_file(target)
    {
        return None;
    }
    let mut conn = Connection::open(db::sqlite_path(target)).ok()?;
    conn.busy_timeout(Duration::from_secs(2)).ok()?;
    let built_by: Option<String> = conn
        .query_row(
            "SELECT value FROM seed_info WHERE key = 'negkb_version'",
            [],
            |r| r.get(0),
        )
        .optional()
        .ok()?;
    if built_by.as_deref() != Some(crate::VERSION) {
        return None;
    }
    let listing = Listing::read(root)?;
    let recorded = recorded_files(&conn).ok()?;
    if listing
        .registries()
        .iter()
        .any(|s| recorded.get(&s.path).is_none_or(|r| r.sha256 != s.sha256))
    {
        return None;
    }
    let plan = Plan::make(&conn, &listing, &recorded).ok()??;
    if plan.reread.is_empty() && plan.removed.is_empty() {
        // Only times to record, which spare a later seed reading those
        // files; on a read-only medium they stay as they were.
        if !plan.touched.is_empty() {
            let _ = record_times(&mut conn, &plan.touched);
        }
        return Some(Changes::default());
    }
    let outside = |id: &str| {
        if plan.facts.contains(id) {
            return None;
        }
        conn.prepare_cached("SELECT kind FROM facts WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get::<_, String>(0)).optional())
            .ok()
            .flatten()
            .and_then(|k| FactKind::parse(&k))
    };
    let corpus = listing.load_part(&plan.reread, &outside).ok()?;
    let changes = Changes {
        edited: plan.edited.len(),
        added: plan.added.len(),
        removed: plan.removed.len(),
        reread: plan.reread.len(),
    };
    plan.write(&mut conn, &corpus).ok()?;
    Some(changes)
}

/// The `seed_files` rows, by path.
fn recorded_files(conn: &Connection) -> rusqlite::Result<HashMap<String, Stamp>> {
    let mut stmt = conn.prepare("SELECT path, bytes, modified, sha256 FROM seed_files")?;
    stmt.query_map([], |r| {
        Ok(Stamp {
            path: r.get(0)?,
            bytes: r.get::<_, i64>(1)? as u64,
            modified: r.get(2)?,
            sha256: r.get(3)?,
        })
    })?
    .map(|s| s.map(|s| (s.path.clone(), s)))
    .collect()
}

/// What an update re-reads, deletes and writes.
struct Plan {
    /// Slugs of articles whose files changed, with their `sources.id`.
    edited: BTreeMap<String, i64>,
    /// Slugs of new articles.
    added: BTreeSet<String>,
    /// Slugs of articles gone, with their `sources.id`.
    removed: BTreeMap<String, i64>,
    /// Every article read again, by slug.
    reread: BTreeSet<String>,
    /// The `sources.id` of the articles in the database, by slug.
    source_ids: HashMap<String, i64>,
    /// The facts deleted and written again: those with an entry in an
    /// article re-read or removed.
    facts: BTreeSet<String>,
    /// Files whose time changed but not their bytes: their new stamps.
    touched: Vec<Stamp>,
}

/// Whether a file is as recorded.
enum FileState {
    Same,
    /// Same bytes, another time worth recording: the new stamp.
    Touched(Stamp),
    Changed,
}

/// Compares the file at `path` (recorded as `name`) with its record: by
/// size and time, then by digest.
fn file_state(path: &Path, name: String, recorded: Option<&Stamp>) -> FileState {
    let Some(recorded) = recorded else {
        return FileState::Changed;
    };
    let Ok(meta) = std::fs::metadata(path) else {
        return FileState::Changed;
    };
    if recorded.modified >= 0
        && meta.len() == recorded.bytes
        && crate::model::modified_ns(&meta) == recorded.modified
    {
        return FileState::Same;
    }
    match std::fs::read(path) {
        Ok(bytes) if Stamp::digest(&bytes) == recorded.sha256 => {
            let stamp = Stamp::of(name, &meta, &bytes);
            if stamp.modified >= 0 {
                FileState::Touched(stamp)
            } else {
                FileState::Same
            }
        }
        _ => FileState::Changed,
    }
}

impl Plan {
    /// Finds what changed since the database was built and what must be
    /// read again with it; `None` when a changed fact file cannot be read
    /// (a full seed reports it) or, as soon as it is clear, when more than
    /// half the articles would be read again (a full seed is then about as
    /// quick, and comparing further would only add to it).
    fn make(
        conn: &Connection,
        listing: &Listing,
        recorded: &HashMap<String, Stamp>,
    ) -> rusqlite::Result<Option<Plan>> {
        let source_ids: HashMap<String, i64> = conn
            .prepare("SELECT slug, id FROM sources")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut plan = Plan {
            edited: BTreeMap::new(),
            added: BTreeSet::new(),
            removed: BTreeMap::new(),
            reread: BTreeSet::new(),
            source_ids,
            facts: BTreeSet::new(),
            touched: Vec::new(),
        };
        let most = listing.articles().count() / 2;
        let mut present = HashMap::new();
        let mut seeds = Vec::new();
        for (slug, text, facts) in listing.articles() {
            if plan.edited.len() + plan.added.len() > most {
                return Ok(None);
            }
            present.insert(slug.to_string(), facts.to_path_buf());
            let Some(&id) = plan.source_ids.get(slug) else {
                plan.added.insert(slug.to_string());
                continue;
            };
            let mut changed = false;
            for (path, name) in [
                (text, format!("articles/{slug}.txt")),
                (facts, format!("articles/{slug}.toml")),
            ] {
                match file_state(path, name.clone(), recorded.get(&name)) {
                    FileState::Same => {}
                    FileState::Touched(stamp) => plan.touched.push(stamp),
                    FileState::Changed => changed = true,
                }
            }
            if changed {
                plan.edited.insert(slug.to_string(), id);
            }
        }
        for (slug, &id) in &plan.source_ids {
            if !present.contains_key(slug) {
                plan.removed.insert(slug.clone(), id);
            }
        }
        // The facts of the old versions, and those the new ones give or
        // replace.
        for &id in plan.edited.values().chain(plan.removed.values()) {
            seeds.extend(facts_of_source(conn, id)?);
        }
        for slug in plan.edited.keys().chain(&plan.added) {
            let Some((ids, replaced)) = seeds::entries_in(&present[slug]) else {
                return Ok(None);
            };
            seeds.extend(ids);
            seeds.extend(replaced);
        }
        plan.reread = plan.edited.keys().chain(&plan.added).cloned().collect();
        Ok(plan.close(conn, seeds, most)?.then_some(plan))
    }

    /// Adds every fact reachable from `pending` through shared articles
    /// and `replaces`, and every present article with an entry for one;
    /// false, and stops, once that is more than `most` articles.
    fn close(
        &mut self,
        conn: &Connection,
        mut pending: Vec<String>,
        most: usize,
    ) -> rusqlite::Result<bool> {
        let slug_of: HashMap<i64, &str> = self
            .source_ids
            .iter()
            .map(|(slug, &id)| (id, slug.as_str()))
            .collect();
        let mut articles = conn.prepare("SELECT source_id FROM source_facts WHERE fact_id = ?1")?;
        let mut neighbours = conn.prepare(
            "SELECT replaces FROM demands WHERE id = ?1 AND replaces IS NOT NULL
             UNION ALL SELECT id FROM demands WHERE replaces = ?1
             UNION ALL SELECT replaces FROM positions WHERE id = ?1 AND replaces IS NOT NULL
             UNION ALL SELECT id FROM positions WHERE replaces = ?1
             UNION ALL SELECT replaces FROM documents WHERE id = ?1 AND replaces IS NOT NULL
             UNION ALL SELECT id FROM documents WHERE replaces = ?1",
        )?;
        while let Some(fact) = pending.pop() {
            if self.reread.len() > most {
                return Ok(false);
            }
            if !self.facts.insert(fact.clone()) {
                continue;
            }
            for next in neighbours.query_map([&fact], |r| r.get::<_, String>(0))? {
                pending.push(next?);
            }
            for source in articles.query_map([&fact], |r| r.get::<_, i64>(0))? {
                let source = source?;
                let Some(&slug) = slug_of.get(&source) else {
                    continue;
                };
                if self.removed.contains_key(slug) || !self.reread.insert(slug.to_string()) {
                    continue;
                }
                pending.extend(facts_of_source(conn, source)?);
            }
        }
        Ok(self.reread.len() <= most)
    }

    /// Replaces the rows of the facts and articles re-read or removed by
    /// those of `corpus` (the articles re-read) in one transaction.
    fn write(&self, conn: &mut Connection, corpus: &crate::model::Corpus) -> rusqlite::Result<()> {
        // Checked at the commit: a fact may be written before one it names.
        conn.pragma_update(None, "foreign_keys", true)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let old_sources: Vec<i64> = self
            .reread
            .iter()
            .filter_map(|slug| self.source_ids.get(slug))
            .chain(self.removed.values())
            .copied()
            .collect();
        for statement in DELETE_SOURCE_ROWS {
            let mut delete = tx.prepare_cached(statement)?;
            for id in &old_sources {
                delete.execute([id])?;
            }
        }
        for statement in DELETE_FACT_ROWS {
            let mut delete = tx.prepare_cached(statement)?;
            for fact in &self.facts {
                delete.execute([fact])?;
            }
        }
        {
            let mut delete = tx.prepare("DELETE FROM sources WHERE id = ?1")?;
            for id in self.edited.values().chain(self.removed.values()) {
                delete.execute([id])?;
            }
            let mut forget = tx.prepare("DELETE FROM seed_files WHERE path = ?1")?;
            for slug in self.removed.keys() {
                for ending in ["txt", "toml"] {
                    forget.execute([format!("articles/{slug}.{ending}")])?;
                }
            }
        }
        // New articles get the next row numbers, in slug order.
        let mut next: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM sources", [], |r| {
                r.get(0)
            })?;
        let ids = SourceIds(
            corpus
                .sources
                .iter()
                .map(|s| match self.source_ids.get(&s.slug) {
                    Some(&id) => id,
                    None => {
                        next += 1;
                        next - 1
                    }
                })
                .collect(),
        );
        let written = |i: usize| {
            let slug = &corpus.sources[i].slug;
            self.edited.contains_key(slug) || self.added.contains(slug)
        };
        load::sources(&tx, corpus, &ids, written)?;
        load::facts(&tx, corpus, &ids)?;
        load::evidence(&tx, corpus, &ids)?;
        load::seed_files(&tx, &corpus.files)?;
        load::seed_files(&tx, &self.touched)?;
        check_reference_kinds(&tx, corpus)?;
        tx.commit()
    }
}

/// Records the stamps of files whose bytes did not change.
fn record_times(conn: &mut Connection, stamps: &[Stamp]) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    load::seed_files(&tx, stamps)?;
    tx.commit()
}

/// The facts an article in the database has entries for.
fn facts_of_source(conn: &Connection, source: i64) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached("SELECT fact_id FROM source_facts WHERE source_id = ?1")?
        .query_map([source], |r| r.get(0))?
        .collect()
}

/// Deletes the rows of an article by its `sources.id`: its quotes and its
/// entries (its `sources` row goes only if the article changed or went).
/// The articles re-read and removed hold every quote and entry of the facts
/// re-read, so these are all of theirs.
const DELETE_SOURCE_ROWS: &[&str] = &[
    "DELETE FROM evidence WHERE source_id = ?1",
    "DELETE FROM source_facts WHERE source_id = ?1",
];

/// Deletes every row of a fact by its id, those of the outcomes and
/// provisions under it included: the `facts` rows first, while the
/// outcomes and provisions still say which are theirs.
const DELETE_FACT_ROWS: &[&str] = &[
    "DELETE FROM facts WHERE id IN (SELECT id FROM outcomes WHERE talk_id = ?1
                                    UNION ALL SELECT id FROM provisions WHERE document_id = ?1)",
    "DELETE FROM facts WHERE id = ?1",
    "DELETE FROM demand_parties WHERE demand_id = ?1",
    "DELETE FROM position_parties WHERE position_id = ?1",
    "DELETE FROM document_parties WHERE document_id = ?1",
    "DELETE FROM responses WHERE fact_id = ?1",
    "DELETE FROM conditions WHERE demand_id = ?1",
    "DELETE FROM talk_parties WHERE talk_id = ?1",
    "DELETE FROM talk_actors WHERE talk_id = ?1",
    "DELETE FROM talk_statuses WHERE talk_id = ?1",
    "DELETE FROM talk_lists WHERE talk_id = ?1",
    "DELETE FROM outcomes WHERE talk_id = ?1",
    "DELETE FROM provisions WHERE document_id = ?1",
    "DELETE FROM demands WHERE id = ?1",
    "DELETE FROM positions WHERE id = ?1",
    "DELETE FROM talks WHERE id = ?1",
    "DELETE FROM documents WHERE id = ?1",
];

/// Fails when a fact of another article answers or depends on one just
/// written whose kind it may not name (the foreign keys only say that it
/// exists).
fn check_reference_kinds(tx: &Connection, corpus: &crate::model::Corpus) -> rusqlite::Result<()> {
    let written = corpus
        .demands
        .iter()
        .map(|f| (&f.id, FactKind::Demand))
        .chain(corpus.positions.iter().map(|f| (&f.id, FactKind::Position)))
        .chain(corpus.documents.iter().map(|f| (&f.id, FactKind::Document)))
        .chain(
            corpus
                .provisions
                .iter()
                .map(|f| (&f.id, FactKind::Provision)),
        )
        .chain(corpus.talks.iter().map(|f| (&f.id, FactKind::Talk)))
        .chain(corpus.outcomes.iter().map(|f| (&f.id, FactKind::Outcome)));
    let mut answered = tx.prepare("SELECT count(*) FROM responses WHERE responds_to = ?1")?;
    let mut conditioned = tx.prepare("SELECT count(*) FROM conditions WHERE condition_for = ?1")?;
    for (id, kind) in written {
        for (stmt, allowed) in [
            (&mut answered, FactKind::ANSWERED),
            (&mut conditioned, FactKind::CONDITIONED),
        ] {
            if !allowed.contains(&kind) && stmt.query_row(params![id], |r| r.get::<_, i64>(0))? > 0
            {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
                    Some(format!("a fact names `{id}`, a {kind}, which it may not")),
                ));
            }
        }
    }
    Ok(())
}
