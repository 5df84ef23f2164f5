//! The SQLite database: its schema and how it is opened.
//!
//! The schema is one file, `migrations/NNNN_schema.sql` for version NNNN:
//! a database is always built whole from the seeds, never migrated in place.
//! `PRAGMA user_version` holds the schema version and `PRAGMA
//! application_id` marks the file as a negkb database.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::Error;

/// `PRAGMA application_id` of negkb databases: "nkb1" in ASCII.
pub const APPLICATION_ID: i32 = 0x6e6b_6231;

/// The schema version this binary writes and reads.
pub const SCHEMA_VERSION: i32 = 9;

/// The whole schema: tables, indexes and views.
pub const SCHEMA: &str = include_str!("../migrations/0009_schema.sql");

/// Creates the schema in the empty database `conn` and marks it as a negkb
/// database of [`SCHEMA_VERSION`].
pub fn create_schema(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}

/// An explicitly created index of the schema.
pub struct Index {
    /// Its name.
    pub name: String,
    /// The table it indexes.
    pub table: String,
    /// The statement that creates it.
    pub sql: String,
}

/// The explicitly created indexes of the schema, by name.
pub fn indexes(conn: &Connection) -> rusqlite::Result<Vec<Index>> {
    let mut stmt = conn.prepare(
        "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )?;
    stmt.query_map([], |r| {
        Ok(Index {
            name: r.get(0)?,
            table: r.get(1)?,
            sql: r.get(2)?,
        })
    })?
    .collect()
}

/// What a file on the database path holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Existing {
    /// Nothing is there.
    Missing,
    /// A negkb database of the given schema version.
    Negkb(i32),
    /// Something else, described.
    Other(String),
}

/// `path` as SQLite must be given it to open that very file: SQLite reads
/// a name starting with `file:` as a URI, so such a relative path gets a
/// `./` in front.
pub fn sqlite_path(path: &Path) -> std::borrow::Cow<'_, Path> {
    if path.as_os_str().as_encoded_bytes().starts_with(b"file:") {
        std::borrow::Cow::Owned(Path::new(".").join(path))
    } else {
        std::borrow::Cow::Borrowed(path)
    }
}

/// The files SQLite keeps beside a database at `path`: its rollback
/// journal, its write-ahead log and the log's index, as (suffix, path).
pub fn side_files(path: &Path) -> [(&'static str, std::path::PathBuf); 3] {
    ["-journal", "-wal", "-shm"].map(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        (suffix, std::path::PathBuf::from(name))
    })
}

/// True when a rollback journal or write-ahead log with content lies beside
/// `path`: a writer crashed there, or another program has it open in WAL
/// mode, and SQLite would apply it to whatever file comes to be at `path`.
/// A rollback journal counts only when its header has its magic number:
/// SQLite writes that once the pages it saved are on disk, before it
/// changes the database, and ignores a journal without it (a writer killed
/// before then changed nothing in the database).
pub fn has_live_side_file(path: &Path) -> bool {
    let [(_, journal), (_, wal), _] = side_files(path);
    let mut magic = [0u8; 8];
    let whole_journal = std::fs::File::open(journal)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| magic == JOURNAL_MAGIC);
    whole_journal || std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// The first bytes of a SQLite rollback journal's header once it is whole.
const JOURNAL_MAGIC: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

/// True when the file at `path` says in its header that it is a negkb
/// database (`PRAGMA application_id`, bytes 68 to 71), read without SQLite.
pub fn says_negkb(path: &Path) -> bool {
    let mut header = [0u8; 72];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|()| {
            header.starts_with(b"SQLite format 3\0")
                && header[68..72] == APPLICATION_ID.to_be_bytes()
        })
}

/// What a database is whose journal or log a read-only connection cannot
/// apply.
const HOT_SIDE_FILE: &str = "a database with the journal or log of an unfinished write beside it \
     (a writer crashed, or another program has it open in WAL mode); `negkb seed` recovers it \
     before rebuilding, or open it once with the sqlite3 shell";

/// Looks at what lies at `path` without changing it.
pub fn inspect(path: &Path) -> Existing {
    examine(path).0
}

/// What lies at `path`, with a read-only connection to it when it is a
/// negkb database.
fn examine(path: &Path) -> (Existing, Option<Connection>) {
    let other = |what: &str| (Existing::Other(what.to_string()), None);
    match std::fs::metadata(path) {
        Err(_) => return (Existing::Missing, None),
        Ok(m) if m.is_dir() => return other("a directory"),
        Ok(m) if !m.is_file() => return other("a device, FIFO or socket, not a regular file"),
        Ok(m) if m.len() == 0 => return other("an empty file"),
        Ok(_) => {}
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    if read.is_err() || &header != b"SQLite format 3\0" {
        return other("not an SQLite database");
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(sqlite_path(path), flags) {
        Ok(conn) => conn,
        Err(_) if has_live_side_file(path) => return other(HOT_SIDE_FILE),
        Err(e) => return other(&format!("an unreadable SQLite file ({e})")),
    };
    let app: rusqlite::Result<i32> = conn.pragma_query_value(None, "application_id", |r| r.get(0));
    let version: rusqlite::Result<i32> =
        conn.pragma_query_value(None, "user_version", |r| r.get(0));
    match (app, version) {
        (Ok(APPLICATION_ID), Ok(version)) => (Existing::Negkb(version), Some(conn)),
        (Ok(_), Ok(_)) => other("an SQLite database of another application"),
        (Err(_), _) | (_, Err(_)) if has_live_side_file(path) => other(HOT_SIDE_FILE),
        (Err(e), _) | (_, Err(e)) => other(&format!("an unreadable SQLite file ({e})")),
    }
}

/// A negkb database opened read-only for queries, with its path for messages.
pub struct Reader {
    /// The read-only connection.
    pub conn: Connection,
    /// The database file.
    pub path: std::path::PathBuf,
}

impl Reader {
    /// Opens the negkb database at `path`, refusing other files and other
    /// schema versions.
    pub fn open(path: &Path) -> Result<Reader, Error> {
        Ok(Reader {
            conn: open_read_only(path)?,
            path: path.to_path_buf(),
        })
    }

    /// Wraps a SQLite error of this database.
    pub fn failed(&self) -> impl FnOnce(rusqlite::Error) -> Error {
        Error::db(&self.path)
    }
}

/// Opens a negkb database read-only, refusing other files and other schema versions.
fn open_read_only(path: &Path) -> Result<Connection, Error> {
    let wrong = |reason: String| Error::WrongDatabase {
        path: path.to_path_buf(),
        reason,
    };
    let (existing, conn) = examine(path);
    match existing {
        Existing::Missing => {
            return Err(wrong(
                "no database here; run `negkb seed` first, or pass --db FILE".into(),
            ));
        }
        Existing::Other(what) => {
            return Err(wrong(format!("{what}, not a negkb database")));
        }
        Existing::Negkb(v) if v > SCHEMA_VERSION => {
            return Err(wrong(format!(
                "made by a newer negkb (schema version {v}; this one knows {}): upgrade negkb",
                SCHEMA_VERSION
            )));
        }
        Existing::Negkb(v) if v < SCHEMA_VERSION => {
            return Err(wrong(format!(
                "made by an older negkb (schema version {v}; this one writes {}): run `negkb seed` to rebuild it from seeds/",
                SCHEMA_VERSION
            )));
        }
        Existing::Negkb(_) => {}
    }
    let conn = conn.ok_or_else(|| wrong("could not be opened".into()))?;
    // A seed updating the database in place locks it out for the moment of
    // its commit: wait for it rather than fail.
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(|e| wrong(format!("an unreadable SQLite file ({e})")))?;
    // Large sorts (`changes` over a whole corpus) may merge on every core;
    // small sorts stay in memory and use no threads.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    conn.pragma_update(None, "threads", cores as i64)
        .map_err(|e| wrong(format!("an unreadable SQLite file ({e})")))?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema file says which version it is, and that is the version
    /// written; a new schema needs both changed together.
    #[test]
    fn the_schema_file_is_of_the_version_written() {
        let header = format!("-- negkb schema, version {SCHEMA_VERSION}:");
        assert!(SCHEMA.starts_with(&header), "{header}");
        let mut conn = Connection::open_in_memory().unwrap();
        create_schema(&mut conn).unwrap();
        let version: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }
}
