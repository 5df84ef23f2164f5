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
    /// Wall time of the whole run.
    pub elapsed: Duration,
}

/// Validates `seeds_dir` and replaces the database at `target` with a fresh
/// build. Refuses to replace a file that is not a negkb database, or one made
/// by a newer negkb, unless `force`.
pub fn seed(seeds_dir: &Path, target: &Path, force: bool) -> Result<Summary, Error> {
    let started = Instant::now();
    let corpus = seeds::load(seeds_dir).map_err(Error::InvalidSeeds)?;
    guard_target(target, force)?;

    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map_or("negotiations.db".into(), |n| {
        n.to_string_lossy().into_owned()
    });
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(Error::io(&dir))?;

    let counts = {
        let mut conn = Connection::open(temp.path()).map_err(Error::db(temp.path()))?;
        let built = build(&mut conn, &corpus).and_then(|()| verify(&conn));
        let counts = built.map_err(|e| match e {
            BuildError::Sqlite(source) => Error::Database {
                path: temp.path().to_path_buf(),
                source,
            },
            BuildError::Check(message) => Error::Check(message),
        })?;
        conn.close().map_err(|(_, e)| Error::db(temp.path())(e))?;
        counts
    };
    File::open(temp.path())
        .and_then(|f| f.sync_all())
        .map_err(Error::io(temp.path()))?;
    temp.persist(target)
        .map_err(|e| Error::io(target)(e.error))?;
    if let Ok(d) = File::open(&dir) {
        // Make the rename durable; not every platform can sync a directory.
        let _ = d.sync_all();
    }
    Ok(Summary {
        counts,
        elapsed: started.elapsed(),
    })
}

/// Refuses to overwrite what is not ours to overwrite.
fn guard_target(target: &Path, force: bool) -> Result<(), Error> {
    let refuse = |what: String| {
        Err(Error::WrongDatabase {
            path: target.to_path_buf(),
            reason: format!(
                "{what}; refusing to replace it (pass --force to replace it anyway, or choose another --db)"
            ),
        })
    };
    match db::inspect(target) {
        Existing::Missing => Ok(()),
        Existing::Negkb(v) if v <= db::schema_version() => Ok(()),
        _ if force => Ok(()),
        Existing::Negkb(v) => refuse(format!(
            "made by a newer negkb (schema version {v}; this one writes {})",
            db::schema_version()
        )),
        Existing::Other(what) => refuse(format!("{what}, not a negkb database")),
    }
}

enum BuildError {
    Sqlite(rusqlite::Error),
    Check(String),
}

impl From<rusqlite::Error> for BuildError {
    fn from(e: rusqlite::Error) -> Self {
        BuildError::Sqlite(e)
    }
}

/// Creates the schema and loads the corpus into an empty database.
fn build(conn: &mut Connection, corpus: &crate::model::Corpus) -> Result<(), BuildError> {
    // The file is private until renamed, and discarded on failure: no need
    // for a journal on disk or for syncing each transaction.
    conn.pragma_update(None, "journal_mode", "MEMORY")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    db::migrate(conn)?;
    load::write(conn, corpus)?;
    Ok(())
}

/// Checks the built database and counts its rows.
fn verify(conn: &Connection) -> Result<Vec<(&'static str, i64)>, BuildError> {
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(BuildError::Check(format!("integrity_check: {integrity}")));
    }
    let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
    let violations: Vec<String> = fk
        .query_map([], |r| {
            Ok(format!(
                "{} row {} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<Result<_, _>>()?;
    if !violations.is_empty() {
        return Err(BuildError::Check(format!(
            "foreign_key_check: {}",
            violations.join(", ")
        )));
    }
    let misplaced: i64 = conn.query_row(
        "SELECT count(*) FROM evidence e JOIN sources s ON s.id = e.source_id
          WHERE substr(s.text, e.start_offset + 1, e.end_offset - e.start_offset) IS NOT e.quote",
        [],
        |r| r.get(0),
    )?;
    if misplaced != 0 {
        return Err(BuildError::Check(format!(
            "{misplaced} quotes do not match their offsets"
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
