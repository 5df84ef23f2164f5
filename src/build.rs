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
    "evidence",
];

/// What a seed run produced.
#[derive(Debug)]
pub struct Summary {
    /// Rows per table, in [`COUNTED`] order.
    pub counts: Vec<(&'static str, i64)>,
    /// Things the user should know: an older database replaced, stale
    /// temporary files removed.
    pub notes: Vec<String>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// Time to read and validate the seeds.
    pub validating: Duration,
    /// Time to write the database, indexes included.
    pub writing: Duration,
    /// Time to check the written database.
    pub checking: Duration,
}

/// Validates `seeds_dir` and replaces the database at `target` with a fresh
/// build. Refuses to replace a file that is not a negkb database, or one made
/// by a newer negkb, unless `force`.
pub fn seed(
    seeds_dir: &Path,
    target: &Path,
    force: bool,
    progress: &dyn Progress,
) -> Result<Summary, Error> {
    let started = Instant::now();
    let mut notes = guard_target(target, force)?;
    let corpus = seeds::load_with_progress(seeds_dir, progress).map_err(Error::InvalidSeeds)?;
    let validating = started.elapsed();

    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map_or("negotiations.db".into(), |n| {
        n.to_string_lossy().into_owned()
    });
    let prefix = format!(".{name}.");
    notes.extend(remove_stale_temporaries(&dir, &prefix));
    let temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(Error::io(&dir))?;
    // Held until the file is renamed or removed: tells a later seed that
    // this temporary file is in use, not left over by a killed run.
    temp.as_file().lock().map_err(Error::io(temp.path()))?;

    let (counts, writing, checking) = {
        let mut conn = Connection::open(temp.path()).map_err(Error::db(temp.path()))?;
        progress.stage("writing the database");
        let writing_started = Instant::now();
        let built = build(&mut conn, corpus);
        let writing = writing_started.elapsed();
        progress.stage("checking the database");
        let checked = built.and_then(|()| verify(&conn, temp.path()));
        let checking = writing_started.elapsed() - writing;
        let counts = checked.map_err(|e| match e {
            BuildError::Sqlite(source) => Error::Database {
                path: temp.path().to_path_buf(),
                source,
            },
            BuildError::Check(message) => Error::Check(message),
        })?;
        conn.close().map_err(|(_, e)| Error::db(temp.path())(e))?;
        (counts, writing, checking)
    };
    File::open(temp.path())
        .and_then(|f| f.sync_all())
        .map_err(Error::io(temp.path()))?;
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
        counts,
        notes,
        elapsed: started.elapsed(),
        validating,
        writing,
        checking,
    })
}

/// Ending of the temporary files a seed builds in.
const TEMP_SUFFIX: &str = ".tmp";

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
    let current = db::schema_version();
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
    let conn = Connection::open(target).map_err(Error::db(target))?;
    let busy = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::WrongDatabase {
                path: target.to_path_buf(),
                reason: "another program is writing to it (an sqlite3 shell in a transaction?); \
                     finish or close it and seed again; the database was not changed"
                    .into(),
            }
        }
        _ => Error::db(target)(e),
    };
    conn.busy_timeout(std::time::Duration::from_secs(2))
        .map_err(Error::db(target))?;
    conn.execute_batch("BEGIN IMMEDIATE").map_err(busy)?;
    Ok(Some(conn))
}

/// Every foreign key that points nowhere, as `table row -> parent`.
fn foreign_key_violations(path: &Path) -> rusqlite::Result<Vec<String>> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut check = conn.prepare("PRAGMA foreign_key_check")?;
    let violations = check.query_map([], |r| {
        Ok(format!(
            "{} row {} -> {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
            r.get::<_, String>(2)?
        ))
    })?;
    violations.collect()
}

/// The table with the most pages, checked on a connection of its own.
const LARGEST_TABLE: &str = "evidence";

/// `quick_check` of each of `tables` with its indexes: every page, record,
/// NOT NULL and CHECK constraint. It skips matching index entries to rows,
/// which SQLite itself just wrote.
fn quick_check(conn: &Connection, tables: &[&String]) -> Result<(), BuildError> {
    for table in tables {
        let result: String =
            conn.query_row(&format!("PRAGMA quick_check(\"{table}\")"), [], |r| {
                r.get(0)
            })?;
        if result != "ok" {
            return Err(BuildError::Check(format!("quick_check: {result}")));
        }
    }
    Ok(())
}

#[derive(Debug)]
enum BuildError {
    Sqlite(rusqlite::Error),
    Check(String),
}

impl From<rusqlite::Error> for BuildError {
    fn from(e: rusqlite::Error) -> Self {
        BuildError::Sqlite(e)
    }
}

/// Creates the schema and loads the corpus into an empty database. The
/// corpus is freed on another thread once written, while the indexes are
/// built.
fn build(conn: &mut Connection, corpus: crate::model::Corpus) -> Result<(), BuildError> {
    // The file is private until renamed, and discarded on failure: no need
    // for a journal on disk or for syncing each transaction.
    conn.pragma_update(None, "journal_mode", "MEMORY")?;
    // Foreign keys are checked once, after the load (`verify`): enforced row
    // by row they would refuse a fact that replaces one inserted after it,
    // and slow the load down.
    conn.pragma_update(None, "foreign_keys", false)?;
    // 8 KiB pages: measured ~15% faster to build than 4 KiB on 10,000 articles.
    conn.pragma_update(None, "page_size", 8192)?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    db::migrate(conn)?;
    // CHECK constraints are verified once, by the quick_check after the
    // load (`verify`), instead of on every insert: ~10% of the write.
    conn.pragma_update(None, "ignore_check_constraints", true)?;
    // One transaction; indexes are dropped for the bulk insert and built
    // again after it, which is several times faster than keeping them.
    let tx = conn.transaction()?;
    let indexes = db::indexes(&tx)?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    load::write(&tx, &corpus)?;
    // Freeing millions of strings takes ~0.1 s that the index builds need
    // not wait for.
    std::thread::spawn(move || drop(corpus));
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    tx.commit()?;
    conn.pragma_update(None, "ignore_check_constraints", false)?;
    Ok(())
}

/// Checks the built database at `path` and counts its rows. The checks run
/// at once on their own connections: `foreign_key_check`, and `quick_check`
/// of the largest table beside that of all the others.
fn verify(conn: &Connection, path: &Path) -> Result<Vec<(&'static str, i64)>, BuildError> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (largest, others): (Vec<&String>, Vec<&String>) =
        tables.iter().partition(|t| t.as_str() == LARGEST_TABLE);
    let foreign_keys = std::thread::scope(|scope| {
        let foreign_keys = scope.spawn(|| foreign_key_violations(path));
        let largest = scope.spawn(|| {
            let conn =
                Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            quick_check(&conn, &largest)
        });
        let others = quick_check(conn, &others);
        let largest = largest
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        others?;
        largest?;
        foreign_keys
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            .map_err(BuildError::Sqlite)
    })?;
    if !foreign_keys.is_empty() {
        return Err(BuildError::Check(format!(
            "foreign_key_check: {}",
            foreign_keys.join(", ")
        )));
    }
    COUNTED
        .iter()
        .map(|&table| {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok((table, n))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Corpus, Party};

    /// CHECK constraints are not enforced while loading, so the check after
    /// the load must refuse a row they would have refused.
    #[test]
    fn the_check_after_the_load_catches_what_a_check_constraint_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut conn = Connection::open(&path).unwrap();
        let corpus = Corpus {
            parties: vec![Party {
                id: "a".into(),
                name: "A".into(),
                kind: "empire".into(),
                aliases: vec![],
            }],
            ..Corpus::default()
        };
        build(&mut conn, corpus).expect("the load itself does not check");
        match verify(&conn, &path) {
            Err(BuildError::Check(message)) => {
                assert!(message.contains("CHECK constraint failed"), "{message}")
            }
            other => panic!("expected a failed check, got {other:?}"),
        }
    }
}
