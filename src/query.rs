//! Running SQL on a negkb database: the canned queries (`queries/*.sql`)
//! and any prepared statement, each row written as it is read.

use std::io::Write;
use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::Value;

use crate::db::Reader;
use crate::error::Error;
use crate::output::{RowWriter, Style, Table};

/// A named query kept in `queries/NAME.sql`.
#[derive(Debug)]
pub struct Canned {
    /// The command and file name.
    pub name: &'static str,
    /// The SQL, with named parameters.
    pub sql: &'static str,
}

/// Defines a [`Canned`] constant for `queries/NAME.sql`.
macro_rules! canned {
    ($(#[$meta:meta])* $constant:ident = $name:literal) => {
        $(#[$meta])*
        pub const $constant: Canned = Canned {
            name: $name,
            sql: include_str!(concat!("../queries/", $name, ".sql")),
        };
    };
}

canned!(
    /// How demands and positions changed in a window.
    CHANGES = "changes"
);
canned!(
    /// Demands in force on a day.
    DEMANDS = "demands"
);
canned!(
    /// Positions held on a day.
    POSITIONS = "positions"
);
canned!(
    /// Talks in date order.
    TALKS = "talks"
);
canned!(
    /// Demands and the positions rejecting them.
    DIVIDES = "divides"
);
canned!(
    /// Every dated quote in order.
    TIMELINE = "timeline"
);
canned!(
    /// Parties with counts of their facts.
    PARTIES = "parties"
);
canned!(
    /// Issues with counts of their facts.
    ISSUES = "issues"
);
canned!(
    /// The quotes behind one fact.
    EVIDENCE = "evidence"
);
canned!(
    /// The documents on the table on a day.
    DOCUMENTS = "documents"
);
canned!(
    /// What the documents contain.
    PROVISIONS = "provisions"
);
canned!(
    /// Each demand, position and document alive in a window, with the days
    /// of its evidence (what `chart` draws).
    LIFESPANS = "lifespans"
);

/// Every canned query.
pub const CANNED: &[&Canned] = &[
    &CHANGES,
    &DEMANDS,
    &POSITIONS,
    &DOCUMENTS,
    &PROVISIONS,
    &TALKS,
    &DIVIDES,
    &TIMELINE,
    &PARTIES,
    &ISSUES,
    &EVIDENCE,
    &LIFESPANS,
];

/// Named parameters of a query; those the SQL does not use are ignored.
pub type Params = Vec<(&'static str, Value)>;

/// An optional text parameter: NULL when absent.
pub fn text_param(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::Text(v.to_string()))
}

impl Canned {
    /// Runs the query and collects its rows.
    pub fn run(&self, db: &Reader, params: &Params) -> Result<Table, Error> {
        prepare(&db.conn, self.sql, params)
            .and_then(|mut stmt| collect(&mut stmt))
            .map_err(db.failed())
    }

    /// Runs the query and writes its rows on stdout as they are read.
    pub fn print(&self, db: &Reader, params: &Params, style: Style) -> Result<(), Error> {
        let mut stmt = prepare(&db.conn, self.sql, params).map_err(db.failed())?;
        print_statement(db, &mut stmt, style)
    }
}

/// `sql` prepared, with the named parameters it uses bound.
pub fn prepare<'c>(
    conn: &'c Connection,
    sql: &str,
    params: &Params,
) -> rusqlite::Result<rusqlite::Statement<'c>> {
    let mut stmt = conn.prepare(sql)?;
    for (name, value) in params {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    Ok(stmt)
}

/// Runs a prepared statement of `db` and writes its rows on stdout as they
/// come; a closed pipe (`negkb ... | head`) ends the output quietly.
pub fn print_statement(
    db: &Reader,
    stmt: &mut rusqlite::Statement,
    style: Style,
) -> Result<(), Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = write_statement(db, stmt, style, &mut out, Path::new("<stdout>"))
        .and_then(|_| out.flush().map_err(Error::io("<stdout>")));
    match written {
        Err(e) if e.is_broken_pipe() => Ok(()),
        other => other,
    }
}

/// Runs a prepared statement of `db` and writes each row to `out` (named
/// `out_path` in messages) as it comes, in `style` (see [`RowWriter`]);
/// returns how many rows.
pub fn write_statement(
    db: &Reader,
    stmt: &mut rusqlite::Statement,
    style: Style,
    out: &mut dyn Write,
    out_path: &Path,
) -> Result<usize, Error> {
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let mut rows = RowWriter::new(style, &columns, out).map_err(Error::io(out_path))?;
    let mut cursor = stmt.raw_query();
    while let Some(row) = cursor.next().map_err(db.failed())? {
        let values = (0..columns.len())
            .map(|i| row.get_ref(i))
            .collect::<Result<Vec<_>, _>>()
            .map_err(db.failed())?;
        rows.row(&values).map_err(Error::io(out_path))?;
    }
    rows.finish().map_err(Error::io(out_path))
}

/// Every row of a prepared statement.
fn collect(stmt: &mut rusqlite::Statement) -> rusqlite::Result<Table> {
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let width = columns.len();
    let mut rows = Vec::new();
    let mut cursor = stmt.raw_query();
    while let Some(row) = cursor.next()? {
        rows.push(
            (0..width)
                .map(|i| row.get::<_, Value>(i))
                .collect::<Result<_, _>>()?,
        );
    }
    Ok(Table { columns, rows })
}

/// Ids compared in full for a "did you mean" hint, on each side of the
/// unknown one in sorted order (where a typo past the first letters lands):
/// a hint costs two index lookups however many ids the table holds.
const HINT_WINDOW: usize = 100;

/// The ids of `table` (one of the schema's tables with an `id` key) next to
/// `id` in sorted order, at most [`HINT_WINDOW`] on each side.
pub fn ids_near(conn: &Connection, table: &str, id: &str) -> rusqlite::Result<Vec<String>> {
    let table = table.replace('"', "\"\"");
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM (SELECT id FROM \"{table}\" WHERE id < ?1 ORDER BY id DESC LIMIT {HINT_WINDOW})
         UNION ALL
         SELECT id FROM (SELECT id FROM \"{table}\" WHERE id >= ?1 ORDER BY id LIMIT {HINT_WINDOW})"
    ))?;
    stmt.query_map([id], |r| r.get(0))?.collect()
}

/// Names of the tables and views of the database, for `export`.
pub fn relations(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    stmt.query_map([], |r| r.get(0))?.collect()
}

/// The query of every row of a table or view (whose name must come from
/// [`relations`]).
pub fn select_all(relation: &str) -> String {
    format!("SELECT * FROM \"{}\"", relation.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in `queries/` is a canned query, and no two share a name.
    #[test]
    fn every_query_file_is_canned_once() {
        let names: std::collections::BTreeSet<&str> = CANNED.iter().map(|c| c.name).collect();
        assert_eq!(names.len(), CANNED.len());
        let dir = format!("{}/queries", env!("CARGO_MANIFEST_DIR"));
        let files: std::collections::BTreeSet<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sql"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        let names: std::collections::BTreeSet<String> =
            names.into_iter().map(String::from).collect();
        assert_eq!(files, names);
    }
}
