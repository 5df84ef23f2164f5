//! Datasette metadata for a negkb database: a title, a description and the
//! source, each table's and view's description and its columns' from the
//! comments of the schema file, and every canned query of `queries/` with
//! its parameters, so that `datasette DB -m FILE` browses the database
//! with the same answers as negkb.

use serde_json::{Map, Value, json};

use crate::db::SCHEMA;
use crate::query::{CANNED, Canned};

/// Datasette's canned queries and tables share one namespace per
/// database, and most negkb queries are named like a table (`demands`,
/// `talks`): the canned ones are `negkb_<name>`.
pub const QUERY_PREFIX: &str = "negkb_";

/// The metadata, for the database Datasette names `database` (the file
/// name without its extension).
pub fn metadata(database: &str) -> Value {
    let (overview, relations) = schema_comments(SCHEMA);
    let mut tables = Map::new();
    for r in relations {
        let mut entry = Map::new();
        entry.insert("description".into(), r.description.into());
        if !r.columns.is_empty() {
            let columns: Map<String, Value> = r
                .columns
                .into_iter()
                .map(|(name, text)| (name, text.into()))
                .collect();
            entry.insert("columns".into(), columns.into());
        }
        tables.insert(r.name, entry.into());
    }
    let queries: Map<String, Value> = CANNED
        .iter()
        .map(|c| (format!("{QUERY_PREFIX}{}", c.name), canned(c)))
        .collect();
    json!({
        "title": "negkb: negotiation positions in armed conflicts",
        "description": "Who demands what of whom in peace talks, since when, and what changed: \
                        facts read from news articles, each with its verbatim quotes. \
                        The negkb_* queries are negkb's own answers; a blank parameter means no filter.",
        "source": "negkb seed files (seeds/), built by negkb seed",
        "databases": {
            database: {
                "description": overview,
                "tables": tables,
                "queries": queries,
            }
        }
    })
}

/// One canned query for Datasette: its SQL, a title and description from
/// the file's opening comment, and its parameters in order of use.
fn canned(query: &Canned) -> Value {
    let comment: Vec<&str> = query
        .sql
        .lines()
        .map_while(|l| l.strip_prefix("--"))
        .map(str::trim)
        .collect();
    let title = comment
        .first()
        .map_or_else(|| query.name.to_string(), |t| t.to_string());
    let description = comment
        .get(1..)
        .unwrap_or_default()
        .join("\n")
        .trim()
        .to_string();
    json!({
        "sql": query.sql,
        "title": title,
        "description": description,
        "params": parameters(query.sql),
    })
}

/// The named parameters (`:name`) of `sql` outside comments and strings,
/// each once, in order of first use.
pub fn parameters(sql: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for line in sql.lines() {
        let code = line.split("--").next().unwrap_or_default();
        let mut in_string = false;
        for (i, c) in code.char_indices() {
            match c {
                '\'' => in_string = !in_string,
                ':' if !in_string => {
                    let name: String = code[i + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() && !found.contains(&name) {
                        found.push(name);
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// A table or view of the schema with what its comments say.
#[derive(Debug, PartialEq)]
struct Relation {
    name: String,
    description: String,
    /// (column, its comment), for the columns that have one.
    columns: Vec<(String, String)>,
}

/// The schema file's opening comment, and each table and view with the
/// comment just above it and its columns' trailing comments.
fn schema_comments(schema: &str) -> (String, Vec<Relation>) {
    let mut overview = None;
    let mut comment: Vec<&str> = Vec::new();
    let mut relations: Vec<Relation> = Vec::new();
    let mut in_table = false;
    for line in schema.lines() {
        let trimmed = line.trim();
        if let Some(text) = trimmed.strip_prefix("--") {
            if !in_table {
                comment.push(text.trim());
            }
            continue;
        }
        if trimmed.is_empty() {
            if overview.is_none() && !comment.is_empty() {
                overview = Some(comment.join("\n"));
            }
            comment.clear();
            continue;
        }
        let created = ["CREATE TABLE ", "CREATE VIEW "]
            .iter()
            .find_map(|p| trimmed.strip_prefix(p));
        if let Some(rest) = created {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            in_table = trimmed.starts_with("CREATE TABLE ");
            relations.push(Relation {
                name,
                description: comment.join(" "),
                columns: Vec::new(),
            });
            comment.clear();
            continue;
        }
        if in_table {
            if trimmed.starts_with(')') {
                in_table = false;
                continue;
            }
            let Some((code, note)) = line.split_once(" -- ") else {
                continue;
            };
            let column = code.split_whitespace().next().unwrap_or_default();
            let keyword = ["PRIMARY", "CHECK", "UNIQUE", "FOREIGN", "CONSTRAINT"].contains(&column);
            if !keyword
                && !column.is_empty()
                && line.starts_with("    ")
                && !line.starts_with("     ")
                && let Some(r) = relations.last_mut()
            {
                r.columns
                    .push((column.to_string(), note.trim().to_string()));
            }
        }
    }
    (overview.unwrap_or_default(), relations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_found_once_in_order_outside_comments_and_strings() {
        let sql = "-- :nope in a comment\nSELECT ':not', a FROM t WHERE x = :from AND y = :to -- :no\n  OR z = :from";
        assert_eq!(parameters(sql), ["from", "to"]);
    }

    #[test]
    fn every_table_of_the_schema_is_described_with_its_columns() {
        let (overview, relations) = schema_comments(SCHEMA);
        assert!(overview.starts_with("negkb schema, version"), "{overview}");
        let demands = relations.iter().find(|r| r.name == "demands").unwrap();
        assert!(
            demands
                .description
                .starts_with("What one or more parties require")
        );
        let by = demands
            .columns
            .iter()
            .find(|(c, _)| c == "by_parties")
            .unwrap();
        assert!(by.1.starts_with("who demands"), "{by:?}");
        let positions = relations.iter().find(|r| r.name == "positions").unwrap();
        assert!(
            positions
                .columns
                .iter()
                .any(|(c, t)| c == "stance" && t == "the stance")
        );
        // Every relation is described; column names are plain names.
        let tables: Vec<&Relation> = relations.iter().filter(|r| !r.columns.is_empty()).collect();
        assert!(tables.len() >= 20, "{}", tables.len());
        for r in &relations {
            assert!(!r.description.is_empty(), "{} has no description", r.name);
            for (c, _) in &r.columns {
                assert!(!c.contains(['(', ')', ',']), "{}: {c}", r.name);
            }
        }
        assert!(relations.iter().any(|r| r.name == "timeline"));
    }
}
