//! The canned queries use their indexes when a selective filter is set:
//! run on a synthetic corpus of 300 articles, a filtered query steps no
//! full-table scan of a fact or evidence table (SQLite's own count,
//! SQLITE_STMTSTATUS_FULLSCAN_STEP), while the same query without the
//! filter does; and its plan names the index. The same `.sql` files run in
//! the shell and in Datasette, so the choice is made in SQL: each filter's
//! arm of a UNION ALL runs only when the filter is set.

mod common;

use std::path::PathBuf;

use common::*;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, StatementStatus};

/// A seeded corpus of 300 synthetic articles (2,400 demands, 2,400
/// positions, 1,200 talks, 9,300 quotes).
fn corpus() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    generate(&seeds, 300);
    let db = dir.path().join("plans.db");
    let out = seed_into(&db, &seeds);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = Connection::open(&db).unwrap();
    (dir, conn)
}

fn sql(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("queries/{name}.sql"));
    std::fs::read_to_string(path).unwrap()
}

/// `text` prepared with `params` bound by name (the others blank, as
/// Datasette sends them).
fn bound<'c>(conn: &'c Connection, text: &str, params: &[(&str, &str)]) -> rusqlite::Statement<'c> {
    let mut stmt = conn.prepare(text).unwrap();
    for i in 1..=stmt.parameter_count() {
        let param = stmt
            .parameter_name(i)
            .unwrap()
            .trim_start_matches(':')
            .to_string();
        let value = params
            .iter()
            .find(|(p, _)| *p == param)
            .map_or("", |(_, v)| v);
        stmt.raw_bind_parameter(i, Value::Text(value.into()))
            .unwrap();
    }
    stmt
}

/// What a query did: its rows, SQLite's count of full-scan steps and of
/// virtual machine steps (all its work), and its plan.
struct Run {
    rows: usize,
    fullscan: i32,
    work: i32,
    plan: String,
}

/// Runs canned query `name` with `params`.
/// A filtered run `one` against the unfiltered `all`: no full scan but of
/// the small registry tables, a fifth of the work at most, and `index` in
/// the plan.
fn assert_selective(what: &str, one: &Run, all: &Run, index: &str) {
    assert!(
        one.fullscan < 300,
        "{what}: {} full-scan steps\n{}",
        one.fullscan,
        one.plan
    );
    assert!(
        one.work * 5 < all.work,
        "{what}: {} steps against {} unfiltered\n{}",
        one.work,
        all.work,
        one.plan
    );
    assert!(
        one.plan.contains(index),
        "{what}: the plan does not use {index}:\n{}",
        one.plan
    );
}

fn run_query(conn: &Connection, name: &str, params: &[(&str, &str)]) -> Run {
    let text = sql(name);
    let mut stmt = bound(conn, &text, params);
    let mut rows = 0;
    {
        let mut cursor = stmt.raw_query();
        while cursor.next().unwrap().is_some() {
            rows += 1;
        }
    }
    let fullscan = stmt.get_status(StatementStatus::FullscanStep);
    let work = stmt.get_status(StatementStatus::VmStep);
    let mut explain = bound(conn, &format!("EXPLAIN QUERY PLAN {text}"), params);
    let mut plan = Vec::new();
    let mut cursor = explain.raw_query();
    while let Some(row) = cursor.next().unwrap() {
        plan.push(row.get::<_, String>(3).unwrap());
    }
    Run {
        rows,
        fullscan,
        work,
        plan: plan.join("\n"),
    }
}

/// A query, its other parameters, the filter, and the index its plan names.
type Case<'a> = (
    &'a str,
    Vec<(&'a str, &'a str)>,
    (&'a str, &'a str),
    &'a str,
);

#[test]
fn filtered_queries_read_their_index_not_the_tables() {
    let (_dir, conn) = corpus();
    let as_of = ("as_of", "2025-12-31");
    let changes = [
        ("from", "2010-01-01"),
        ("from_end", "2010-12-31"),
        ("to", "2025-12-31"),
        ("stale_before", "2024-12-31"),
    ];
    let cases: Vec<Case> = vec![
        (
            "demands",
            vec![as_of],
            ("party", "party-001"),
            "demand_parties_party",
        ),
        (
            "positions",
            vec![as_of],
            ("party", "party-001"),
            "position_parties_party",
        ),
        (
            "positions",
            vec![as_of],
            ("issue", "issue-01"),
            "positions_issue",
        ),
        (
            "documents",
            vec![as_of],
            ("party", "party-001"),
            "document_parties_party",
        ),
        (
            "documents",
            vec![as_of],
            ("issue", "issue-01"),
            "documents_issue",
        ),
        (
            "provisions",
            vec![],
            ("document", "a100-doc"),
            "provisions_document",
        ),
        (
            "talks",
            vec![],
            ("party", "party-001"),
            "talk_parties_party",
        ),
        (
            "changes",
            changes.to_vec(),
            ("party", "party-001"),
            "demand_parties_party",
        ),
        (
            "divides",
            vec![],
            ("party", "party-001"),
            "position_parties_party",
        ),
        (
            "lifespans",
            vec![],
            ("party", "party-001"),
            "demand_parties_party",
        ),
    ];
    for (name, others, filter, index) in &cases {
        let all = run_query(&conn, name, others);
        let with: Vec<(&str, &str)> = others.iter().copied().chain([*filter]).collect();
        let one = run_query(&conn, name, &with);
        let what = format!("{name} {filter:?}: {} of {} rows", one.rows, all.rows);
        assert!(one.rows > 0 && one.rows < all.rows, "{what}");
        assert_selective(&what, &one, &all, index);
    }
    // Date windows are short ranges of the date indexes wherever they lie:
    // two months near the corpus's first day (2010) cost about what two
    // months near its last (late 2025) do.
    for (name, index) in [("timeline", "evidence_date"), ("talks", "talks_date")] {
        let all = run_query(&conn, name, &[]);
        let window = |from, to| {
            let run = run_query(&conn, name, &[("from", from), ("to", to)]);
            let what = format!("{name} {from}..{to}: {} of {} rows", run.rows, all.rows);
            assert!(run.rows > 0 && run.rows * 10 < all.rows, "{what}");
            assert_selective(&what, &run, &all, index);
            run
        };
        let early = window("2011-01-01", "2011-02-28");
        let late = window("2025-01-01", "2025-02-28");
        assert!(
            late.work < 2 * early.work && early.work < 2 * late.work,
            "{name}: {} steps early, {} late\n{}",
            early.work,
            late.work,
            late.plan
        );
    }
    // The quotes of one fact.
    let one = run_query(&conn, "evidence", &[("id", "a100-d0")]);
    assert!(
        one.rows > 0 && one.fullscan < 50,
        "evidence: {} rows, {} steps",
        one.rows,
        one.fullscan
    );
}

/// The rows of canned query `name` with `params`, each as text.
fn rows(conn: &Connection, name: &str, params: &[(&str, &str)]) -> Vec<Vec<String>> {
    let text = sql(name);
    let mut stmt = bound(conn, &text, params);
    let width = stmt.column_count();
    let mut out = Vec::new();
    let mut cursor = stmt.raw_query();
    while let Some(row) = cursor.next().unwrap() {
        let cells = (0..width)
            .map(|i| match row.get_ref(i).unwrap() {
                ValueRef::Null => String::new(),
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Real(x) => x.to_string(),
                ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into(),
            })
            .collect();
        out.push(cells);
    }
    out
}

/// A party's lifespans are the unfiltered ones of the facts it makes, holds
/// or tabled, each once, though a party both tables and signs a document.
#[test]
fn lifespans_of_a_party_are_those_of_its_facts() {
    let (_dir, conn) = corpus();
    let all = rows(&conn, "lifespans", &[]);
    for party in ["party-001", "party-002", "party-150"] {
        let mine: Vec<String> = conn
            .prepare(
                "SELECT demand_id FROM demand_parties WHERE party_id = ?1 AND role = 'by'
                 UNION SELECT position_id FROM position_parties WHERE party_id = ?1
                 UNION SELECT document_id FROM document_parties WHERE party_id = ?1",
            )
            .unwrap()
            .query_map([party], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let expected: Vec<&Vec<String>> = all.iter().filter(|r| mine.contains(&r[3])).collect();
        let got = rows(&conn, "lifespans", &[("party", party)]);
        assert!(!got.is_empty(), "{party}");
        assert_eq!(got.iter().collect::<Vec<_>>(), expected, "{party}");
    }
}
