//! The canned queries (`queries/*.sql`), ad-hoc read-only SQL, and the date
//! arguments they take.

use rusqlite::Connection;
use rusqlite::types::Value;

use crate::date::Edtf;
use crate::error::Error;
use crate::output::Table;

/// A named query kept in `queries/NAME.sql`.
#[derive(Debug)]
pub struct Canned {
    /// The command and file name.
    pub name: &'static str,
    /// The SQL, with named parameters.
    pub sql: &'static str,
}

/// `Canned` entries for names whose SQL is in `queries/NAME.sql`.
macro_rules! canned {
    ($($name:literal),* $(,)?) => {
        &[$(Canned {
            name: $name,
            sql: include_str!(concat!("../queries/", $name, ".sql")),
        }),*]
    };
}

/// Every canned query.
pub const CANNED: &[Canned] = canned![
    "changes",
    "demands",
    "positions",
    "talks",
    "divides",
    "timeline",
    "parties",
    "issues",
    "evidence",
];

/// The canned query called `name`.
pub fn canned(name: &str) -> Option<&'static Canned> {
    CANNED.iter().find(|c| c.name == name)
}

/// A date argument: an EDTF date or `present` (today).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateArg {
    /// First day it covers, ISO.
    pub first: String,
    /// Last day it covers, ISO.
    pub last: String,
}

impl DateArg {
    /// Parses `present` or an EDTF date, for clap.
    pub fn parse(text: &str) -> Result<DateArg, String> {
        if text == "present" {
            let today = jiff::Timestamp::now()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .date()
                .to_string();
            return Ok(DateArg {
                first: today.clone(),
                last: today,
            });
        }
        let date = Edtf::parse(text).map_err(|e| format!("{e}; or write `present`"))?;
        Ok(DateArg {
            first: date.min_iso(),
            last: date.max_iso(),
        })
    }

    /// Today.
    pub fn present() -> DateArg {
        DateArg::parse("present").expect("present always parses")
    }
}

/// Named parameters of a query; those the SQL does not use are ignored.
pub type Params = Vec<(&'static str, Value)>;

/// An optional text parameter: NULL when absent.
pub fn text_param(value: &Option<String>) -> Value {
    value.clone().map_or(Value::Null, Value::Text)
}

/// Runs `sql` with named parameters and collects the result.
pub fn run(conn: &Connection, sql: &str, params: &Params) -> rusqlite::Result<Table> {
    collect(&mut prepare(conn, sql, params)?)
}

/// `sql` prepared, with the named parameters it uses bound.
fn prepare<'c>(
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

/// Why writing a result as it comes stopped.
#[derive(Debug)]
pub enum StreamError {
    /// SQLite failed.
    Sqlite(rusqlite::Error),
    /// Writing the output failed.
    Io(std::io::Error),
}

/// Runs `sql` with named parameters and writes each row to `out` as it
/// comes (see [`crate::output::RowWriter`]); returns how many rows.
pub fn stream(
    conn: &Connection,
    sql: &str,
    params: &Params,
    format: crate::output::Format,
    out: &mut dyn std::io::Write,
) -> Result<usize, StreamError> {
    let mut stmt = prepare(conn, sql, params).map_err(StreamError::Sqlite)?;
    stream_statement(&mut stmt, format, out)
}

/// Runs a prepared statement and writes each row to `out` as it comes;
/// returns how many rows.
pub fn stream_statement(
    stmt: &mut rusqlite::Statement,
    format: crate::output::Format,
    out: &mut dyn std::io::Write,
) -> Result<usize, StreamError> {
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let mut rows = crate::output::RowWriter::new(format, &columns, out).map_err(StreamError::Io)?;
    let mut cursor = stmt.raw_query();
    while let Some(row) = cursor.next().map_err(StreamError::Sqlite)? {
        let values = (0..columns.len())
            .map(|i| row.get_ref(i))
            .collect::<Result<Vec<_>, _>>()
            .map_err(StreamError::Sqlite)?;
        rows.row(&values).map_err(StreamError::Io)?;
    }
    rows.finish().map_err(StreamError::Io)
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

/// Prepares one ad-hoc statement, refusing anything but a single read-only
/// query (`SELECT`, `WITH ... SELECT`, `VALUES`, `EXPLAIN`).
pub fn ad_hoc<'c>(conn: &'c Connection, sql: &str) -> Result<rusqlite::Statement<'c>, Error> {
    let refuse = |why: &str| {
        Error::Usage(format!(
            "refused: {why}; `negkb sql` runs one read-only SELECT"
        ))
    };
    let stmt = conn.prepare(sql).map_err(|e| match e {
        rusqlite::Error::MultipleStatement => refuse("more than one statement"),
        other => Error::Usage(format!("invalid SQL: {other}")),
    })?;
    let first = first_keyword(sql).to_ascii_uppercase();
    if !["SELECT", "WITH", "VALUES", "EXPLAIN"].contains(&first.as_str()) {
        return Err(refuse(&format!("`{first}` is not a query")));
    }
    if !stmt.readonly() {
        return Err(refuse("the statement would write"));
    }
    Ok(stmt)
}

/// The first word of `sql`, skipping white space and comments.
fn first_keyword(sql: &str) -> &str {
    let mut rest = sql;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("--") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The ids in `table` (one of the schema's tables with an `id` column).
pub fn ids(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM \"{}\"",
        table.replace('"', "\"\"")
    ))?;
    stmt.query_map([], |r| r.get(0))?.collect()
}

/// Ids of every demand, position, talk and outcome, for spelling hints.
pub fn fact_ids(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let tables = ["demands", "positions", "talks", "outcomes"];
    let ids: Vec<Vec<String>> = tables
        .iter()
        .map(|t| ids(conn, t))
        .collect::<Result<_, _>>()?;
    Ok(ids.concat())
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

    #[test]
    fn first_keyword_skips_comments() {
        assert_eq!(first_keyword("  -- note\n /* x */ select 1"), "select");
        assert_eq!(first_keyword("/* unterminated"), "");
        assert_eq!(first_keyword("DELETE FROM t"), "DELETE");
    }

    #[test]
    fn date_arguments_cover_their_days() {
        let d = DateArg::parse("2022").unwrap();
        assert_eq!(
            (d.first.as_str(), d.last.as_str()),
            ("2022-01-01", "2022-12-31")
        );
        assert!(DateArg::parse("2022-13").is_err());
        assert_eq!(DateArg::parse("present").unwrap().first.len(), 10);
    }
}
