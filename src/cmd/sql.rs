//! `negkb sql`: one read-only query of the user's own.

use super::Global;
use crate::db::Reader;
use crate::error::Error;
use crate::query;

/// Run one read-only SQL query.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query (SELECT, WITH, VALUES or EXPLAIN), or - to read it from
    /// stdin; it may begin with a comment.
    #[arg(
        allow_hyphen_values = true,
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    pub query: Option<String>,
    /// Read the query from this file (queries/changes.sql runs as it is).
    #[arg(long, value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,
    /// Bind the named parameter :NAME to VALUE (a string); repeat for each.
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
    /// Stop the query after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,
}

/// How many SQLite steps run between two looks at the clock.
const STEPS_BETWEEN_CHECKS: i32 = 10_000;

/// Prints the query's rows, or refuses anything but one read-only query,
/// and stops it after `--timeout`.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let limit = std::time::Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            Error::Usage(format!(
                "--timeout {} is not a number of seconds above 0",
                args.timeout
            ))
        })?;
    let mut db = Reader::open(&global.db)?;
    let started = std::time::Instant::now();
    db.conn
        .progress_handler(
            STEPS_BETWEEN_CHECKS,
            Some(move || started.elapsed() > limit),
        )
        .map_err(Error::db(&global.db))?;
    let sql = match (&args.query, &args.file) {
        (_, Some(path)) => std::fs::read_to_string(path).map_err(Error::io(path))?,
        (Some(q), None) if q == "-" => {
            let mut sql = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut sql)
                .map_err(Error::io("<stdin>"))?;
            sql
        }
        (Some(q), None) => q.clone(),
        (None, None) => {
            return Err(Error::Usage(
                "give the query, - for stdin, or --file FILE".into(),
            ));
        }
    };
    let mut stmt = read_only(&db, &sql)?;
    for (name, value) in &args.params {
        let key = format!(":{name}");
        match stmt.parameter_index(&key).map_err(db.failed())? {
            Some(i) => stmt
                .raw_bind_parameter(i, value.as_str())
                .map_err(db.failed())?,
            None => {
                return Err(Error::Usage(format!("the query has no parameter :{name}")));
            }
        }
    }
    query::print_statement(&db, &mut stmt, global.style).map_err(|e| match e {
        Error::Database { source, .. }
            if source.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) =>
        {
            Error::TimedOut(format!(
                "the query ran longer than {} s and was stopped; pass --timeout SECONDS to give it longer",
                args.timeout
            ))
        }
        other => other,
    })
}

/// `NAME=VALUE` of --param, with an optional leading `:` on the name.
fn parse_param(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE"))?;
    let name = name.trim_start_matches(':');
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("`{name}` is not a parameter name"));
    }
    Ok((name.to_string(), value.to_string()))
}

/// Prepares one statement, refusing anything but a single read-only query
/// (`SELECT`, `WITH ... SELECT`, `VALUES`, `EXPLAIN`).
fn read_only<'c>(db: &'c Reader, sql: &str) -> Result<rusqlite::Statement<'c>, Error> {
    let refuse = |why: &str| {
        Error::Usage(format!(
            "refused: {why}; `negkb sql` runs one read-only SELECT"
        ))
    };
    let stmt = db.conn.prepare(sql).map_err(|e| match e {
        rusqlite::Error::MultipleStatement => refuse("more than one statement"),
        other => Error::Usage(format!("invalid SQL: {other}")),
    })?;
    let first = first_keyword(sql).to_ascii_uppercase();
    if !["SELECT", "WITH", "VALUES", "EXPLAIN"].contains(&first.as_str()) {
        return Err(refuse(&format!("`{first}` is not a query")));
    }
    if first == "EXPLAIN" {
        // What is explained must be a query too (not EXPLAIN PRAGMA ...).
        let explained = explained_keyword(sql).to_ascii_uppercase();
        if !["SELECT", "WITH", "VALUES"].contains(&explained.as_str()) {
            return Err(refuse(&format!(
                "`EXPLAIN {explained}` does not explain a query"
            )));
        }
    }
    if !stmt.readonly() {
        return Err(refuse("the statement would write"));
    }
    Ok(stmt)
}

/// The first word after `EXPLAIN` (and `QUERY PLAN`), skipping white space
/// and comments.
fn explained_keyword(sql: &str) -> &str {
    let rest = after_keyword(sql);
    let rest = match first_keyword(rest).to_ascii_uppercase().as_str() {
        "QUERY" => after_keyword(after_keyword(rest)),
        _ => rest,
    };
    first_keyword(rest)
}

/// `sql` after its first word.
fn after_keyword(sql: &str) -> &str {
    let word = first_keyword(sql);
    if word.is_empty() {
        return "";
    }
    let at = sql.find(word).map_or(sql.len(), |i| i + word.len());
    &sql[at..]
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
    fn explained_keyword_skips_query_plan() {
        assert_eq!(explained_keyword("EXPLAIN QUERY PLAN SELECT 1"), "SELECT");
        assert_eq!(
            explained_keyword("explain /* x */ pragma user_version"),
            "pragma"
        );
        assert_eq!(explained_keyword("EXPLAIN"), "");
    }
}
