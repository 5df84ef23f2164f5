//! `export`: tables, views and the canned queries that need no parameters,
//! as CSV files that `sqlite3 .import --csv` and spreadsheets read back.

use std::io::Write;
use std::path::Path;

use rusqlite::Connection;

use crate::error::Error;
use crate::output::Format;
use crate::query::{self, DateArg, Params, StreamError};

/// Canned queries that can run without parameters (as of today).
pub const EXPORTABLE: &[&str] = &[
    "demands",
    "positions",
    "talks",
    "divides",
    "timeline",
    "parties",
    "issues",
];

/// Why names could not be exported.
pub enum ExportError {
    /// A name is neither a table, a view nor an exportable query.
    Unknown(String),
    /// SQLite failed.
    Sqlite(rusqlite::Error),
}

impl ExportError {
    /// The error, naming the database for SQLite failures.
    pub fn at(self, db: &Path) -> Error {
        match self {
            ExportError::Unknown(message) => Error::Usage(message),
            ExportError::Sqlite(e) => Error::db(db)(e),
        }
    }
}

/// One name to export: the SQL that gives its rows.
pub struct Export {
    /// The table, view or canned query, and the file's name.
    pub name: String,
    sql: String,
    params: Params,
}

impl Export {
    /// Writes the rows as CSV to `out` as they are read; returns how many.
    pub fn write(&self, conn: &Connection, out: &mut dyn Write) -> Result<usize, StreamError> {
        query::stream(conn, &self.sql, &self.params, Format::Csv, out)
    }
}

/// What each name exports: a table or view by that name first, else the
/// canned query. No names means every table and view. Every name is
/// checked before anything is written.
pub fn plan(conn: &Connection, names: &[String]) -> Result<Vec<Export>, ExportError> {
    let relations = query::relations(conn).map_err(ExportError::Sqlite)?;
    let names = if names.is_empty() {
        relations.clone()
    } else {
        names.to_vec()
    };
    names
        .into_iter()
        .map(|name| {
            let (sql, params) = if relations.contains(&name) {
                (query::select_all(&name), Vec::new())
            } else if let Some(canned) =
                query::canned(&name).filter(|c| EXPORTABLE.contains(&c.name))
            {
                let as_of = vec![(":as_of", DateArg::present().last.into())];
                (canned.sql.to_string(), as_of)
            } else {
                return Err(ExportError::Unknown(format!(
                    "`{name}` is not a table, view or exportable query; choose from: {}, {}",
                    relations.join(", "),
                    EXPORTABLE.join(", ")
                )));
            };
            Ok(Export { name, sql, params })
        })
        .collect()
}

/// Writes `NAME.csv` for each export into `out` (created if missing), row
/// by row, and tells `written` each file and its row count. SQLite's
/// errors name the database at `db`.
pub fn write_folder(
    conn: &Connection,
    db: &Path,
    out: &Path,
    exports: &[Export],
    mut written: impl FnMut(&Path, usize),
) -> Result<(), Error> {
    std::fs::create_dir_all(out).map_err(|e| {
        Error::Usage(format!(
            "cannot write CSV files into {}: {e}; --out takes a folder (created if missing) or -",
            out.display()
        ))
    })?;
    for export in exports {
        let path = out.join(format!("{}.csv", export.name));
        let file = std::fs::File::create(&path).map_err(Error::io(&path))?;
        let mut file = std::io::BufWriter::new(file);
        let rows = match export.write(conn, &mut file) {
            Ok(rows) => rows,
            Err(StreamError::Sqlite(e)) => return Err(Error::db(db)(e)),
            Err(StreamError::Io(e)) => return Err(Error::io(&path)(e)),
        };
        written(&path, rows);
    }
    Ok(())
}
