//! `negkb seed`: building a database from the seeds and putting it in place
//! atomically.
//!
//! The new database is written to a temporary file beside the target in one
//! transaction, checked, flushed to disk and renamed over the target. Readers
//! see the old file or the new one, never a half-built one; on any error the
//! old file is left as it was.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::db::{self, Existing};
use crate::error::Error;
use crate::model::{Corpus, Source, Stamp};
use crate::update::{self, Changes};
use crate::{load, seeds};

/// Hears how far a seed run has come.
pub trait Progress: seeds::Progress {
    /// A new stage after reading: writing, checking.
    fn stage(&self, name: &str);
}

impl Progress for seeds::Silent {
    fn stage(&self, _: &str) {}
}

/// Tables counted in the summary, in the order shown.
const COUNTED: &[&str] = &[
    "sources",
    "parties",
    "actors",
    "issues",
    "demands",
    "positions",
    "talks",
    "outcomes",
    "documents",
    "provisions",
    "evidence",
];

/// What a seed run produced.
#[derive(Debug)]
pub struct Summary {
    /// What changed, when the database was updated in place rather than
    /// rebuilt.
    pub updated: Option<Changes>,
    /// Rows per table: sources, parties, actors, issues, demands, positions,
    /// talks, outcomes, documents, provisions, evidence.
    pub counts: Vec<(&'static str, i64)>,
    /// Things the user should know: an older database replaced, stale
    /// temporary files removed.
    pub notes: Vec<String>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// Time to read and validate the seeds and write their rows, which
    /// go on together.
    pub reading: Duration,
    /// Time to build the indexes and commit.
    pub indexing: Duration,
    /// Time to check the database after the last write, and flush it.
    pub checking: Duration,
}

/// How [`seed`] may bring the database up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Update it in place when it can (see [`crate::update`]), else rebuild it.
    WhenNeeded,
    /// Rebuild it whole.
    Always,
}

/// Validates `seeds_dir` and brings the database at `target` up to date:
/// in place when only some articles changed and `rebuild` allows it, else
/// by replacing it with a fresh build. Refuses to replace a file that is not
/// a negkb database, or one made by a newer negkb, unless `force`.
pub fn seed(
    seeds_dir: &Path,
    target: &Path,
    (force, rebuild): (bool, Rebuild),
    progress: &dyn Progress,
) -> Result<Summary, Error> {
    let started = Instant::now();
    let target = &real_target(target)?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map_or("negotiations.db".into(), |n| {
        n.to_string_lossy().into_owned()
    });
    let prefix = format!(".{name}.");
    if rebuild == Rebuild::WhenNeeded
        && let Some(changes) = update::update(seeds_dir, target)
    {
        let conn = Connection::open(db::sqlite_path(target)).map_err(Error::db(target))?;
        // What killed seeds left goes too, as after a full seed.
        let (folder, removed) = lock_and_clear(&dir, &prefix)?;
        folder.unlock().map_err(Error::io(&dir))?;
        let notes = removed.into_iter().collect();
        return Ok(Summary {
            updated: Some(changes),
            counts: counts(&conn).map_err(Error::db(target))?,
            notes,
            elapsed: started.elapsed(),
            reading: Duration::ZERO,
            indexing: Duration::ZERO,
            checking: Duration::ZERO,
        });
    }
    let mut notes = recover_side_files(target, force)?;
    notes.extend(guard_target(target, force)?);

    // Seeds into one folder take turns, under a lock on the folder, to
    // clear what killed seeds left and to create and lock their own
    // temporary file: a file is never seen between its creation and its
    // lock, so only a dead seed's files are ever removed.
    let (folder, removed) = lock_and_clear(&dir, &prefix)?;
    notes.extend(removed);
    let temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(Error::io(&dir))?;
    // Held until the file is renamed or removed: tells a later seed that
    // this temporary file is in use, not left over by a killed run.
    temp.as_file().lock().map_err(Error::io(temp.path()))?;
    folder.unlock().map_err(Error::io(&dir))?;
    drop(folder);

    let built = build(
        temp.path(),
        |writer| seeds::stream_with_progress(seeds_dir, progress, writer),
        progress,
    )?;
    permissions_for(target, temp.path())
        .and_then(|p| std::fs::set_permissions(temp.path(), p))
        .map_err(Error::io(temp.path()))?;
    let writers_held_off = hold_off_writers(target)?;
    temp.persist(target)
        .map_err(|e| Error::io(target)(e.error))?;
    drop(writers_held_off);
    if let Ok(d) = File::open(&dir) {
        // Make the rename durable; not every platform can sync a directory.
        let _ = d.sync_all();
    }
    Ok(Summary {
        updated: None,
        counts: built.counts,
        notes,
        elapsed: started.elapsed(),
        reading: built.reading,
        indexing: built.indexing,
        checking: built.checking,
    })
}

/// Ending of the temporary files a seed builds in, which no other program
/// is likely to use.
const TEMP_SUFFIX: &str = ".negkb-seed.tmp";

/// The file a seed replaces: a symbolic link's destination, so that the
/// link keeps pointing at the new database; never a device, FIFO or socket,
/// even with --force.
fn real_target(target: &Path) -> Result<PathBuf, Error> {
    let is_link = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
    let real = if is_link {
        match std::fs::canonicalize(target) {
            Ok(real) => real,
            // A dangling link: where it points.
            Err(_) => {
                let to = std::fs::read_link(target).map_err(Error::io(target))?;
                target.parent().map_or(to.clone(), |dir| dir.join(&to))
            }
        }
    } else {
        target.to_path_buf()
    };
    if std::fs::metadata(&real).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return Err(Error::WrongDatabase {
            path: target.to_path_buf(),
            reason: "a device, FIFO or socket, not a regular file; seed never replaces one (choose another --db)".into(),
        });
    }
    Ok(real)
}

/// Settles the journal or write-ahead log beside the database at `target`
/// (a crashed writer's, or another program's in WAL mode) on the old file,
/// so that none is left for SQLite to apply to the new one after the
/// rename: SQLite rolls a hot journal back and checkpoints a log when it
/// opens the file read-write, and the journal mode is set back to DELETE.
/// Only a negkb database is touched, or any file with `force`; otherwise
/// the seed stops and says why. Says what it did.
fn recover_side_files(target: &Path, force: bool) -> Result<Vec<String>, Error> {
    if !db::has_live_side_file(target) {
        return Ok(Vec::new());
    }
    let refuse = |reason: String| Error::Busy {
        path: target.to_path_buf(),
        reason,
    };
    if !force && !db::says_negkb(target) {
        return Err(refuse(
            "a journal or write-ahead log of another program lies beside it; refusing to touch it \
             (pass --force to replace it anyway, or choose another --db)"
                .into(),
        ));
    }
    let settled = Connection::open(db::sqlite_path(target)).and_then(|conn| {
        conn.busy_timeout(Duration::from_secs(2))?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
    });
    match settled {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") && !db::has_live_side_file(target) => {
            Ok(vec![format!(
                "applied the journal or write-ahead log left beside {} before replacing it",
                target.display()
            )])
        }
        Ok(_) | Err(_) => Err(refuse(
            "another program has it open with a journal or write-ahead log (an sqlite3 shell?); \
             close it and seed again; the database was not changed"
                .into(),
        )),
    }
}

/// Refuses to overwrite what is not ours to overwrite; says when an older
/// negkb database is replaced.
fn guard_target(target: &Path, force: bool) -> Result<Vec<String>, Error> {
    let refuse = |what: String| {
        Err(Error::WrongDatabase {
            path: target.to_path_buf(),
            reason: format!(
                "{what}; refusing to replace it (pass --force to replace it anyway, or choose another --db)"
            ),
        })
    };
    let current = db::SCHEMA_VERSION;
    match db::inspect(target) {
        Existing::Missing => Ok(Vec::new()),
        Existing::Negkb(v) if v == current => Ok(Vec::new()),
        Existing::Negkb(v) if v < current => Ok(vec![format!(
            "rebuilt {} from schema version {v} to {current}",
            target.display()
        )]),
        Existing::Negkb(v) if force => Ok(vec![format!(
            "replaced a database of newer schema version {v} (--force)"
        )]),
        Existing::Other(what) if force => Ok(vec![format!("replaced {what} (--force)")]),
        Existing::Negkb(v) => refuse(format!(
            "made by a newer negkb (schema version {v}; this one writes {current})"
        )),
        Existing::Other(what) => refuse(format!("{what}, not a negkb database")),
    }
}

/// Takes the lock on the folder `dir` and, under it, removes what killed
/// seeds left there; returns the locked folder and the note on what went.
fn lock_and_clear(dir: &Path, prefix: &str) -> Result<(File, Option<String>), Error> {
    let folder = File::open(dir).map_err(Error::io(dir))?;
    folder.lock().map_err(Error::io(dir))?;
    let removed = remove_stale_temporaries(dir, prefix);
    Ok((folder, removed))
}

/// Removes temporary files left by seeds that were killed: those no running
/// seed holds a lock on. Says how many it removed.
fn remove_stale_temporaries(dir: &Path, prefix: &str) -> Option<String> {
    let removed = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(TEMP_SUFFIX))
        })
        .filter(|p| {
            File::open(p).is_ok_and(|f| f.try_lock().is_ok()) && std::fs::remove_file(p).is_ok()
        })
        .count();
    (removed > 0)
        .then(|| format!("removed {removed} temporary file(s) left by an interrupted seed"))
}

/// The permissions the new database gets: those of the file it replaces,
/// or read-write for the owner and readable by others for a new one
/// (temporary files are created private).
fn permissions_for(target: &Path, temp: &Path) -> std::io::Result<std::fs::Permissions> {
    if let Ok(meta) = std::fs::metadata(target) {
        return Ok(meta.permissions());
    }
    #[allow(unused_mut)]
    let mut permissions = std::fs::metadata(temp)?.permissions();
    #[cfg(unix)]
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o644);
    Ok(permissions)
}

/// Takes the write lock of the database being replaced, so that a program
/// in the middle of writing to it (an sqlite3 shell in a transaction) is
/// not overwritten: the seed fails instead and the old file stays.
fn hold_off_writers(target: &Path) -> Result<Option<Connection>, Error> {
    if !matches!(db::inspect(target), Existing::Negkb(_)) {
        return Ok(None);
    }
    let conn = Connection::open(db::sqlite_path(target)).map_err(Error::db(target))?;
    let busy = |e: rusqlite::Error| match Error::db(target)(e) {
        Error::Busy { path, .. } => Error::Busy {
            path,
            reason: "another program is writing to it (an sqlite3 shell in a transaction?); \
                     finish or close it and seed again; the database was not changed"
                .into(),
        },
        other => other,
    };
    conn.busy_timeout(std::time::Duration::from_secs(2))
        .map_err(Error::db(target))?;
    conn.execute_batch("BEGIN IMMEDIATE").map_err(busy)?;
    Ok(Some(conn))
}

/// The table with the most pages, checked on a connection of its own.
const LARGEST_TABLE: &str = "evidence";

/// How long a connection waits for another's lock on a file: the files are
/// private, so only this seed's own connections can hold them, each for a
/// bounded piece of work.
const OWN_LOCK_WAIT: Duration = Duration::from_secs(3600);

/// `quick_check` of each of `tables` and their indexes: every page, record,
/// NOT NULL and CHECK constraint. It skips matching index entries to rows,
/// which SQLite itself just wrote. `conn` must be read-write: on a
/// read-only connection quick_check skips CHECK constraints.
fn quick_check(conn: &Connection, path: &Path, tables: &[&str]) -> Result<(), Error> {
    for table in tables {
        let result: String = conn
            .query_row(&format!("PRAGMA quick_check(\"{table}\")"), [], |r| {
                r.get(0)
            })
            .map_err(Error::db(path))?;
        if result != "ok" {
            return Err(failed_check(format!("quick_check: {result}")));
        }
    }
    Ok(())
}

/// The error of a database that fails its checks after the load: the
/// loader let through what the schema refuses, a bug.
fn failed_check(what: String) -> Error {
    Error::Internal(format!("the new database failed its check: {what}"))
}

/// A connection to the database at `path` for checking it: read-write,
/// though it only reads, for quick_check to check CHECK constraints, and
/// willing to wait for this seed's other connections.
fn checker(path: &Path) -> Result<Connection, Error> {
    let conn = Connection::open(db::sqlite_path(path)).map_err(Error::db(path))?;
    conn.busy_timeout(OWN_LOCK_WAIT).map_err(Error::db(path))?;
    Ok(conn)
}

/// Fails with every foreign key of `tables` that points nowhere, as
/// `table row -> parent`.
fn foreign_keys(conn: &Connection, path: &Path, tables: &[&str]) -> Result<(), Error> {
    let mut violations = Vec::new();
    for table in tables {
        let found: rusqlite::Result<Vec<String>> = conn
            .prepare(&format!("PRAGMA foreign_key_check(\"{table}\")"))
            .and_then(|mut check| {
                check
                    .query_map([], |r| {
                        Ok(format!(
                            "{} row {} -> {}",
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                            r.get::<_, String>(2)?
                        ))
                    })?
                    .collect()
            });
        violations.extend(found.map_err(Error::db(path))?);
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(failed_check(format!(
            "foreign_key_check: {}",
            violations.join(", ")
        )))
    }
}

/// Opens the private file at `path` for a bulk load.
fn bulk_load(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(db::sqlite_path(path))?;
    // The file is private until renamed, and discarded on failure: no need
    // for a journal on disk or for syncing each transaction.
    conn.pragma_update(None, "journal_mode", "MEMORY")?;
    // Foreign keys are checked once, after the load: enforced row by row
    // they would refuse a fact that replaces one inserted after it.
    conn.pragma_update(None, "foreign_keys", false)?;
    // 8 KiB pages build faster than 4 KiB ones (see bench/NOTES.md).
    conn.pragma_update(None, "page_size", 8192)?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    // Room for the primary keys the facts go into out of key order.
    conn.pragma_update(None, "cache_size", -BUILD_CACHE_KIB)?;
    // CHECK constraints are verified once, by the quick_check after the
    // load, instead of on every insert.
    conn.pragma_update(None, "ignore_check_constraints", true)?;
    conn.busy_timeout(OWN_LOCK_WAIT)?;
    Ok(conn)
}

/// The page cache of the connection that builds the database, in KiB.
const BUILD_CACHE_KIB: i64 = 16 * 1024;

/// The rows of every table.
fn counts(conn: &Connection) -> rusqlite::Result<Vec<(&'static str, i64)>> {
    COUNTED
        .iter()
        .map(|&table| {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok((table, n))
        })
        .collect()
}

/// What [`build`] measured.
struct Built {
    counts: Vec<(&'static str, i64)>,
    reading: Duration,
    indexing: Duration,
    checking: Duration,
}

/// Builds a database in the empty file at `path` from what `fill` hands
/// the [`Writer`] (the seeds, as they are read), in one transaction with
/// the indexes built after the rows (several times faster than keeping
/// them up to date row by row); then checks it and flushes it to disk.
fn build(
    path: &Path,
    fill: impl FnOnce(&mut Writer) -> Result<(), Vec<crate::diag::Diagnostic>>,
    progress: &dyn Progress,
) -> Result<Built, Error> {
    let started = Instant::now();
    let failed = || Error::db(path);
    let mut conn = bulk_load(path).map_err(failed())?;
    db::create_schema(&mut conn).map_err(failed())?;
    let indexes = db::indexes(&conn).map_err(failed())?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(failed())?;
    let tx = conn.transaction().map_err(failed())?;
    for index in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", index.name))
            .map_err(failed())?;
    }
    let mut writer = Writer::new(&tx);
    fill(&mut writer).map_err(Error::InvalidSeeds)?;
    writer.finish().map_err(failed())?;
    let reading = started.elapsed();

    progress.stage("indexing the database");
    for index in &indexes {
        tx.execute_batch(&index.sql).map_err(failed())?;
    }
    tx.commit().map_err(failed())?;
    let indexing = started.elapsed() - reading;

    progress.stage("checking the database");
    // The evidence, the largest table, is checked on a connection of its
    // own, beside the others on a second and the foreign keys on a third.
    let (largest, others): (Vec<&str>, Vec<&str>) = tables
        .iter()
        .map(String::as_str)
        .partition(|t| *t == LARGEST_TABLE);
    std::thread::scope(|scope| {
        let largest_checked = scope.spawn(|| quick_check(&checker(path)?, path, &largest));
        let others_checked = scope.spawn(|| quick_check(&checker(path)?, path, &others));
        let flushed = scope.spawn(|| {
            File::open(path)
                .and_then(|f| f.sync_all())
                .map_err(Error::io(path))
        });
        foreign_keys(&conn, path, &largest)
            .and(foreign_keys(&conn, path, &others))
            .and(joined(largest_checked))
            .and(joined(others_checked))
            .and(joined(flushed))
    })?;
    let checking = started.elapsed() - reading - indexing;
    let counts = counts(&conn).map_err(failed())?;
    conn.close().map_err(|(_, e)| failed()(e))?;
    Ok(Built {
        counts,
        reading,
        indexing,
        checking,
    })
}

/// Writes validated seeds into the database being built, a few thousand
/// facts at a time: articles and facts are held only until then.
struct Writer<'t> {
    tx: &'t Connection,
    /// Articles and facts not yet written, with the parties for their
    /// names; evidence names articles by their index in the tree.
    pending: Corpus,
    /// The index of the first article in `pending`.
    first: usize,
    /// Facts in `pending`.
    facts: usize,
    /// The first write that failed; nothing is written after it.
    failed: Option<rusqlite::Error>,
}

/// Facts held before they are written (with their articles).
const WRITE_EVERY_FACTS: usize = 20_000;

impl<'t> Writer<'t> {
    fn new(tx: &'t Connection) -> Writer<'t> {
        Writer {
            tx,
            pending: Corpus::default(),
            first: 0,
            facts: 0,
            failed: None,
        }
    }

    fn write(&mut self, what: impl FnOnce(&Connection) -> rusqlite::Result<()>) {
        if self.failed.is_none()
            && let Err(e) = what(self.tx)
        {
            self.failed = Some(e);
        }
    }

    /// Writes what is pending.
    fn flush(&mut self) {
        let parties = self.pending.parties.clone();
        let pending = std::mem::replace(
            &mut self.pending,
            Corpus {
                parties,
                ..Corpus::default()
            },
        );
        let first = self.first;
        self.first += pending.sources.len();
        self.facts = 0;
        let read = self.first;
        self.write(|tx| {
            let sources = load::SourceIds((first as i64 + 1..=read as i64).collect());
            load::sources(tx, &pending, &sources, |_| true)?;
            let all = load::SourceIds::in_order(read);
            load::facts(tx, &pending, &all)?;
            load::evidence(tx, &pending, &all)?;
            load::seed_files(tx, &pending.files)
        });
    }

    /// Writes what is pending and the version that built the database.
    fn finish(mut self) -> rusqlite::Result<()> {
        self.flush();
        self.write(load::version);
        self.failed.map_or(Ok(()), Err)
    }
}

impl seeds::Sink for Writer<'_> {
    fn registries(&mut self, registries: &seeds::Registries, files: &[Stamp]) {
        self.pending.parties = registries.parties.clone();
        self.write(|tx| {
            load::registries(tx, registries)?;
            load::seed_files(tx, files)
        });
    }

    fn article(&mut self, index: usize, source: Source, entries: Vec<String>, files: Vec<Stamp>) {
        debug_assert_eq!(index, self.first + self.pending.sources.len());
        self.pending.sources.push(source);
        self.pending
            .entries
            .extend(entries.into_iter().map(|id| (index, id)));
        self.pending.files.extend(files);
    }

    fn facts(&mut self, facts: seeds::Resolved) {
        self.facts += facts.demands.len()
            + facts.positions.len()
            + facts.talks.len()
            + facts.outcomes.len()
            + facts.documents.len()
            + facts.provisions.len();
        let p = &mut self.pending;
        p.demands.extend(facts.demands);
        p.positions.extend(facts.positions);
        p.talks.extend(facts.talks);
        p.outcomes.extend(facts.outcomes);
        p.documents.extend(facts.documents);
        p.provisions.extend(facts.provisions);
        if self.facts >= WRITE_EVERY_FACTS {
            self.flush();
        }
    }
}

/// The result of a scoped thread; its panic goes on in this thread.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Edtf;
    use crate::model::{Demand, Evidence, Issue, Lifespan, Party, Source};
    use crate::quote::Span;
    use crate::vocab::{PartyKind, Says};

    /// One demand of one party of another, with one quote.
    fn one_demand() -> Corpus {
        let day = Edtf::parse("2025-05-19").unwrap();
        let party = |id: &str| Party {
            id: id.into(),
            name: id.to_uppercase(),
            kind: PartyKind::State,
            aliases: vec![],
            members: vec![],
        };
        Corpus {
            parties: vec![party("a"), party("b")],
            issues: vec![Issue {
                id: "land".into(),
                name: "Land".into(),
                description: None,
                keywords: vec![],
            }],
            sources: vec![Source {
                slug: "s".into(),
                title: "T".into(),
                author: None,
                publisher: None,
                published: day.clone(),
                url: None,
                text: "A wants land.".into(),
                sha256: "0".repeat(64),
            }],
            demands: vec![Demand {
                id: "d".into(),
                by: vec!["a".into()],
                of: vec!["b".into()],
                issue: "land".into(),
                text: "land".into(),
                replaces: None,
                condition_for: vec![],
                due: None,
                responds_to: vec![],
                life: Lifespan {
                    since: day.clone(),
                    last_seen: Some(day.clone()),
                    until: None,
                },
                evidence: vec![Evidence {
                    source: 0,
                    span: Span {
                        start: 0,
                        end: 13,
                        byte_start: 0,
                        byte_end: 13,
                    },
                    quote: "A wants land.".into(),
                    date: day,
                    says: Says::Held,
                    speaker: None,
                    attribution: None,
                    implied: false,
                }],
            }],
            ..Corpus::default()
        }
    }

    /// Builds `corpus` as the seeds would hand it over, article by article.
    fn built(corpus: Corpus) -> Result<Built, Error> {
        use seeds::Sink;
        let dir = tempfile::tempdir().unwrap();
        let fill = |writer: &mut Writer| {
            let registries = seeds::Registries {
                parties: corpus.parties,
                actors: corpus.actors,
                issues: corpus.issues,
            };
            writer.registries(&registries, &corpus.files);
            for (i, source) in corpus.sources.into_iter().enumerate() {
                let entries = corpus.entries.iter().filter(|(s, _)| *s == i);
                let entries = entries.map(|(_, id)| id.clone()).collect();
                writer.article(i, source, entries, Vec::new());
            }
            writer.facts(seeds::Resolved {
                demands: corpus.demands,
                positions: corpus.positions,
                talks: corpus.talks,
                outcomes: corpus.outcomes,
                documents: corpus.documents,
                provisions: corpus.provisions,
                ..Default::default()
            });
            Ok(())
        };
        build(&dir.path().join("t.db"), fill, &seeds::Silent)
    }

    fn assert_check_fails(corpus: Corpus, table: &str) {
        match built(corpus) {
            Err(Error::Internal(message)) => assert!(
                message.contains(&format!("CHECK constraint failed in {table}")),
                "{message}"
            ),
            Err(other) => panic!("expected a failed check, got {other:?}"),
            Ok(_) => panic!("expected a failed check, got a database"),
        }
    }

    #[test]
    fn a_valid_corpus_is_built_and_counted() {
        let built = built(one_demand()).expect("valid");
        let count = |table| built.counts.iter().find(|(t, _)| *t == table).unwrap().1;
        assert_eq!(
            (count("parties"), count("demands"), count("evidence")),
            (2, 1, 1)
        );
    }

    /// CHECK constraints are not enforced while loading, so the checks after
    /// the load must refuse a row they would have refused: in a small table
    /// and in the largest.
    #[test]
    fn the_checks_after_the_load_catch_what_a_check_constraint_refuses() {
        let mut corpus = one_demand();
        corpus.sources[0].sha256 = "not a digest".into();
        assert_check_fails(corpus, "sources");

        let mut corpus = one_demand();
        corpus.demands[0].evidence[0].span.end = 0;
        assert_check_fails(corpus, "evidence");
    }

    #[test]
    fn the_checks_after_the_load_catch_a_reference_to_nothing() {
        let mut corpus = one_demand();
        corpus.demands[0].of = vec!["nobody".into()];
        match built(corpus) {
            Err(Error::Internal(message)) => {
                assert!(
                    message.contains("foreign_key_check: demand_parties"),
                    "{message}"
                )
            }
            other => panic!("expected a failed check, got {:?}", other.err()),
        }
    }
}
