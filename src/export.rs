//! `export`: tables, views and the canned queries that need no parameters,
//! as CSV files that `sqlite3 .import --csv` and spreadsheets read back.

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::Error;
use crate::output::{self, Table};
use crate::query::{self, DateArg};

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

/// The result for each name: a table or view by that name first, else the
/// canned query. No names means every table and view.
pub fn results(conn: &Connection, names: &[String]) -> Result<Vec<(String, Table)>, ExportError> {
    let relations = query::relations(conn).map_err(ExportError::Sqlite)?;
    let names = if names.is_empty() {
        relations.clone()
    } else {
        names.to_vec()
    };
    let as_of = vec![(":as_of", DateArg::present().last.into())];
    names
        .into_iter()
        .map(|name| {
            let table = if relations.contains(&name) {
                query::dump(conn, &name)
            } else if let Some(canned) =
                query::canned(&name).filter(|c| EXPORTABLE.contains(&c.name))
            {
                query::run(conn, canned.sql, &as_of)
            } else {
                return Err(ExportError::Unknown(format!(
                    "`{name}` is not a table, view or exportable query; choose from: {}, {}",
                    relations.join(", "),
                    EXPORTABLE.join(", ")
                )));
            };
            Ok((name, table.map_err(ExportError::Sqlite)?))
        })
        .collect()
}

/// Writes `NAME.csv` for each result into `out` (created if missing);
/// returns each file written with its row count.
pub fn write_folder(
    out: &Path,
    results: &[(String, Table)],
) -> Result<Vec<(PathBuf, usize)>, Error> {
    std::fs::create_dir_all(out).map_err(|e| {
        Error::Usage(format!(
            "cannot write CSV files into {}: {e}; --out takes a folder (created if missing) or -",
            out.display()
        ))
    })?;
    results
        .iter()
        .map(|(name, table)| {
            let path = out.join(format!("{name}.csv"));
            let file = std::fs::File::create(&path).map_err(Error::io(&path))?;
            let mut file = std::io::BufWriter::new(file);
            output::write(table, output::Format::Csv, &mut file)
                .and_then(|()| file.flush())
                .map_err(Error::io(&path))?;
            Ok((path, table.rows.len()))
        })
        .collect()
}
