//! The canned queries against the first article and the test conflict, in
//! all three formats. Expected answers come from reading the articles.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::process::Command;

use common::*;
use serde_json::{Map, Value};

type Row = Map<String, Value>;

fn first() -> Workspace {
    Workspace::new(&repo_seeds()).seeded()
}

fn tessaly() -> Workspace {
    Workspace::new(&tessaly_seeds()).seeded()
}

fn s<'a>(row: &'a Row, key: &str) -> &'a str {
    row.get(key).and_then(Value::as_str).unwrap_or("")
}

/// (id, change) pairs of a `changes` result, with `by` and `date`.
fn changes(rows: &[Row]) -> BTreeSet<(String, String, String, String)> {
    rows.iter()
        .map(|r| {
            (
                s(r, "id").into(),
                s(r, "change").into(),
                s(r, "date").into(),
                s(r, "by").into(),
            )
        })
        .collect()
}

/// Asserts that each (id, change, date, by) row is among `set`.
fn assert_has(set: &BTreeSet<(String, String, String, String)>, rows: &[(&str, &str, &str, &str)]) {
    for &(id, change, date, by) in rows {
        let row = (id.into(), change.into(), date.into(), by.into());
        assert!(set.contains(&row), "{row:?} missing from {set:#?}");
    }
}

#[test]
fn changes_since_2022_for_the_first_article() {
    let ws = first();
    let rows = ws.json(&["changes", "--from", "2022"]);
    let got = changes(&rows);
    // Russia's demands: neutrality still the 2022 demand (last seen in the
    // March-April talks), recognition added later in 2022, withdrawal added
    // in May 2025.
    assert_has(
        &got,
        &[
            (
                "russia-ukraine-neutrality",
                "unchanged",
                "2022-03/2022-04",
                "",
            ),
            (
                "russia-recognize-annexed-oblasts",
                "added",
                "2022-05/2022-12",
                "",
            ),
            (
                "russia-ukraine-withdraw-from-annexed-oblasts",
                "added",
                "2025-05-19",
                "",
            ),
        ],
    );
    // The United States' 2022 stance was replaced by Trump's push for talks.
    assert_has(
        &got,
        &[(
            "us-discourages-2022-negotiations",
            "replaced",
            "2025-05-19",
            "us-pushes-immediate-ceasefire-negotiations",
        )],
    );
    let neutrality = rows
        .iter()
        .find(|r| s(r, "id") == "russia-ukraine-neutrality")
        .unwrap();
    assert_eq!(s(neutrality, "last_seen"), "2022-03/2022-04");
    assert_eq!(s(neutrality, "party"), "russia");
    assert_eq!(s(neutrality, "kind"), "demand");
    // Nobody has repeated it since 2022: it is stale.
    assert_eq!(neutrality["stale"], 1);
    // Putin offers to work on a memorandum on a peace treaty: a document
    // added on the day of the call.
    assert_has(
        &got,
        &[("russia-ukraine-peace-memorandum", "added", "2025-05-19", "")],
    );
    // Every fact appears; one row each here (nothing both added and ended).
    assert_eq!(rows.len(), 10);

    // --party keeps one party; CSV has the same rows as JSON.
    let russia = ws.json(&["changes", "--from", "2022", "--party", "russia"]);
    assert!(russia.iter().all(|r| s(r, "party") == "russia"));
    assert_eq!(russia.len(), 6);
    let (header, records) = ws.csv(&["changes", "--from", "2022", "--party", "russia"]);
    assert_eq!(
        &header[..9],
        [
            "party",
            "party_name",
            "kind",
            "id",
            "issue",
            "issue_name",
            "text",
            "change",
            "date"
        ]
    );
    assert_eq!(records.len(), 6);
    assert!(records.iter().all(|r| r[1] == "Russia"), "{records:?}");
    let csv_pairs: BTreeSet<(String, String)> = records
        .iter()
        .map(|r| (r[3].clone(), r[7].clone()))
        .collect();
    let json_pairs: BTreeSet<(String, String)> = russia
        .iter()
        .map(|r| (s(r, "id").into(), s(r, "change").into()))
        .collect();
    assert_eq!(csv_pairs, json_pairs);
    // The table format names the same facts, and shows the party's and
    // the issues' names where CSV has their ids too.
    let table = stdout(&ws.query(&["changes", "--from", "2022", "--party", "russia"]));
    for (id, _) in &csv_pairs {
        assert!(table.contains(id.as_str()), "{table}");
    }
    assert!(
        table.contains("│ Russia ") && !table.contains("│ russia "),
        "{table}"
    );
    assert!(
        table.contains("Neutrality") && !table.contains(" neutrality "),
        "{table}"
    );
}

#[test]
fn changes_before_a_fact_was_first_seen_leave_it_out() {
    let ws = first();
    let rows = ws.json(&["changes", "--from", "2022-01", "--to", "2022-04"]);
    let ids: BTreeSet<&str> = rows.iter().map(|r| s(r, "id")).collect();
    // Only the neutrality demand and the US stance existed by April 2022.
    assert_eq!(
        ids,
        BTreeSet::from([
            "russia-ukraine-neutrality",
            "us-discourages-2022-negotiations"
        ])
    );
    assert!(
        rows.iter().all(|r| s(r, "change") == "added"),
        "first seen after January 2022: {rows:#?}"
    );
}

#[test]
fn changes_in_the_test_conflict_cover_dropped_replaced_and_repeated_facts() {
    let ws = tessaly();
    let got = changes(&ws.json(&["changes", "--from", "2023"]));
    assert_has(
        &got,
        &[
            ("arvenia-tlf-disarm", "unchanged", "2023-01", ""),
            ("tlf-independence-referendum", "added", "2023-03", ""),
            ("tlf-independence-referendum", "dropped", "2024-07", ""),
            (
                "tlf-release-500-prisoners",
                "replaced",
                "2024-09-02",
                "tlf-release-all-prisoners",
            ),
            ("tlf-release-all-prisoners", "added", "2024-09-02", ""),
        ],
    );

    // The disarmament demand is cited by both articles: last seen in 2024.
    let rows = ws.json(&["changes", "--from", "2023", "--party", "arvenia"]);
    let disarm = rows
        .iter()
        .find(|r| s(r, "id") == "arvenia-tlf-disarm")
        .unwrap();
    assert_eq!(s(disarm, "last_seen"), "2024-08");

    // A window before the drop and the replacement.
    let got = changes(&ws.json(&["changes", "--from", "2023", "--to", "2023-06"]));
    assert_has(
        &got,
        &[
            ("tlf-independence-referendum", "added", "2023-03", ""),
            ("tlf-release-500-prisoners", "unchanged", "2023-06-10", ""),
        ],
    );
    assert!(
        !got.iter().any(|c| c.0 == "tlf-release-all-prisoners"),
        "first seen after the window"
    );
    assert!(!got.iter().any(|c| c.1 == "dropped"));

    // A window after the referendum was dropped: it is gone.
    let got = changes(&ws.json(&["changes", "--from", "2025"]));
    assert!(
        !got.iter()
            .any(|c| c.0 == "tlf-independence-referendum" || c.0 == "tlf-release-500-prisoners"),
        "{got:#?}"
    );
}

#[test]
fn demands_as_of_a_date() {
    let ws = first();
    let ids = |args: &[&str]| -> Vec<String> {
        ws.json(args)
            .iter()
            .map(|r| s(r, "id").to_string())
            .collect()
    };
    assert_eq!(
        ids(&["demands", "--as-of", "2022-04"]),
        ["russia-ukraine-neutrality"]
    );
    assert_eq!(
        ids(&["demands", "--as-of", "2022"]),
        [
            "russia-ukraine-neutrality",
            "russia-recognize-annexed-oblasts"
        ]
    );
    assert_eq!(
        ids(&["demands"]),
        [
            "russia-ukraine-neutrality",
            "russia-recognize-annexed-oblasts",
            "russia-ukraine-withdraw-from-annexed-oblasts"
        ]
    );
    assert!(ids(&["demands", "--party", "ukraine"]).is_empty());
    let out = ws.query(&["demands", "--party", "rusia"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no party has the id, name or alias `rusia`; did you mean russia?"),
        "{}",
        stderr(&out)
    );
    let out = ws.query(&["positions", "--issue", "teritory"]);
    assert_stderr_contains(&out, "did you mean territory?");
    let rows = ws.json(&["demands", "--as-of", "present", "--party", "russia"]);
    let recognition = &rows[1];
    assert_eq!(s(recognition, "of"), "ukraine");
    assert_eq!(s(recognition, "issue"), "territory");
    assert_eq!(s(recognition, "since"), "2022-05/2022-12");
    assert_eq!(s(recognition, "last_seen"), "2025-05-19");
    assert_eq!(recognition.get("until"), Some(&Value::Null));

    let tessaly = tessaly();
    let ids: Vec<String> = tessaly
        .json(&["demands", "--as-of", "2024-12"])
        .iter()
        .map(|r| s(r, "id").to_string())
        .collect();
    assert_eq!(
        ids,
        ["arvenia-tlf-disarm", "tlf-release-all-prisoners"],
        "dropped and replaced demands are gone"
    );
}

#[test]
fn positions_as_of_a_date_follow_replacements() {
    let ws = first();
    let us = |as_of: &str| -> Vec<String> {
        ws.json(&["positions", "--party", "united-states", "--as-of", as_of])
            .iter()
            .map(|r| s(r, "id").to_string())
            .collect()
    };
    assert_eq!(us("2022"), ["us-discourages-2022-negotiations"]);
    assert_eq!(
        us("present"),
        ["us-pushes-immediate-ceasefire-negotiations"]
    );
    let rows = ws.json(&["positions", "--issue", "territory"]);
    let ukraine = rows.iter().find(|r| s(r, "party") == "ukraine").unwrap();
    assert_eq!(s(ukraine, "stance"), "rejects");
    assert_eq!(
        s(ukraine, "responds_to"),
        "russia-recognize-annexed-oblasts"
    );
    assert_eq!(rows.len(), 2);
}

#[test]
fn talks_in_order_with_parties_mediators_and_outcomes() {
    let ws = first();
    let rows = ws.json(&["talks"]);
    let ids: Vec<&str> = rows.iter().map(|r| s(r, "id")).collect();
    assert_eq!(ids.first(), Some(&"russia-ukraine-negotiations-2022"));
    assert_eq!(ids[1], "istanbul-2025-05");
    assert_eq!(ids.len(), 6);
    let istanbul = &rows[1];
    assert_eq!(s(istanbul, "venue"), "Istanbul");
    assert_eq!(s(istanbul, "parties"), "russia; ukraine");
    // The fact file names the United States first; lists are in id order.
    let call = rows
        .iter()
        .find(|r| s(r, "id") == "trump-putin-call-2025-05-19")
        .expect("the call is listed");
    assert_eq!(s(call, "parties"), "russia; united-states");
    assert_eq!(s(call, "mediators"), "");
    for outcome in [
        "Prisoner swap agreed",
        "No apparent progress toward a ceasefire",
    ] {
        assert!(s(istanbul, "outcomes").contains(outcome));
    }
    let proposed = ws.json(&["talks", "--status", "proposed"]);
    assert_eq!(proposed.len(), 1);
    assert_eq!(
        s(&proposed[0], "id"),
        "russia-ukraine-ceasefire-negotiations-2025"
    );
    let europe = ws.json(&["talks", "--party", "european-leaders"]);
    assert_eq!(europe.len(), 1);
    assert_eq!(s(&europe[0], "format"), "briefing");
    let since_2025: Vec<String> = ws
        .json(&["talks", "--from", "2025"])
        .iter()
        .map(|r| s(r, "id").to_string())
        .collect();
    assert_eq!(since_2025.len(), 5);
    assert!(!since_2025.contains(&"russia-ukraine-negotiations-2022".to_string()));
    let in_2022 = ws.json(&["talks", "--to", "2022"]);
    assert_eq!(in_2022.len(), 1);
    let (header, _) = ws.csv(&["talks"]);
    assert_eq!(
        header,
        [
            "id",
            "title",
            "format",
            "status",
            "date",
            "venue",
            "parties",
            "parties_name",
            "mediators",
            "mediators_name",
            "outcomes",
            "host",
            "host_name",
            "proposed_by",
            "proposed_by_name",
            "part_of",
            "round"
        ]
    );

    let tessaly = tessaly();
    let mediated = tessaly.json(&["talks", "--party", "norland"]);
    assert_eq!(mediated.len(), 2, "a mediator's talks");
    assert_eq!(s(&mediated[0], "mediators"), "norland");
    assert_eq!(s(&mediated[0], "parties"), "arvenia; tlf");
    assert_eq!(s(&mediated[1], "status"), "proposed");
}

#[test]
fn divides_pair_demands_with_the_positions_rejecting_them() {
    let ws = first();
    let rows = ws.json(&["divides"]);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(s(row, "issue"), "territory");
    assert_eq!(s(row, "demand"), "russia-recognize-annexed-oblasts");
    assert_eq!(s(row, "by"), "russia");
    assert_eq!(s(row, "of"), "ukraine");
    assert_eq!(s(row, "response"), "ukraine-no-territorial-concession");
    assert_eq!(s(row, "response_party"), "ukraine");
    assert_eq!(s(row, "stance"), "rejects");
    assert!(ws.json(&["divides", "--party", "holy-see"]).is_empty());

    let tessaly = tessaly();
    let responses: BTreeSet<String> = tessaly
        .json(&["divides"])
        .iter()
        .map(|r| s(r, "response").to_string())
        .collect();
    assert_eq!(
        responses,
        BTreeSet::from([
            "arvenia-rejects-referendum".to_string(),
            "tlf-rejects-disarmament".to_string()
        ])
    );
}

#[test]
fn timeline_is_ordered_and_windowed() {
    let ws = first();
    let all = ws.json(&["timeline"]);
    let total = one(&ws.conn(), "SELECT count(*) FROM evidence");
    assert_eq!(all.len().to_string(), total);
    let dates: Vec<&str> = all.iter().map(|r| s(r, "date")).collect();
    assert_eq!(dates[0], "2022-03/2022-04");
    assert_eq!(*dates.last().unwrap(), "2025-05-19/..");
    let in_2022 = ws.json(&["timeline", "--from", "2022", "--to", "2022"]);
    assert!(
        in_2022.iter().all(|r| s(r, "date").starts_with("2022")),
        "{in_2022:#?}"
    );
    assert_eq!(in_2022.len(), 5);
    assert!(
        in_2022
            .iter()
            .any(|r| s(r, "says") == "added" && s(r, "id") == "russia-recognize-annexed-oblasts")
    );
}

/// Dates of every width around the one-year split of the date windows
/// (see the schema's conventions): a day, a month, a year, 365, 366 and 367
/// days, spans of years and open intervals.
const WIDTHS: [&str; 10] = [
    "2023-06-15",
    "2023-06",
    "2023",
    "2023-01-01/2024-01-01",
    "2023-01-01/2024-01-02",
    "2023-01-01/2024-01-03",
    "2019/2021",
    "2018/..",
    "../2019",
    "2016-05/2024-02-29",
];

/// A test conflict with one demand and one talk dated at each of [`WIDTHS`].
fn widths() -> Workspace {
    let ws = Workspace::new(&tessaly_seeds());
    let mut text = String::from("Dates of every width\n\n");
    let mut facts =
        String::from("[source]\ntitle = \"Dates of every width\"\npublished = \"2026-06-01\"\n");
    for (n, date) in WIDTHS.iter().enumerate() {
        text.push_str(&format!(
            "Arvenia demanded item {n}. Talks number {n} met.\n"
        ));
        facts.push_str(&format!(
            "\n[[demand]]\nid = \"width-{n}\"\nby = \"arvenia\"\nof = \"tlf\"\nissue = \"security\"\n\
             text = \"Item {n}\"\n\n  [[demand.evidence]]\n  \
             quote = \"Arvenia demanded item {n}.\"\n  date = \"{date}\"\n\
             \n[[talk]]\nid = \"talks-{n}\"\ntitle = \"Talks {n}\"\nformat = \"direct\"\n\
             status = \"held\"\ndate = \"{date}\"\nparties = [\"arvenia\", \"tlf\"]\n\
             \n  [[talk.evidence]]\n  quote = \"Talks number {n} met.\"\n"
        ));
    }
    ws.write("articles/2026-06-01-widths.txt", &text);
    ws.write("articles/2026-06-01-widths.toml", &facts);
    ws.seeded()
}

/// Every date window of `timeline` and `talks` keeps exactly what overlaps
/// it (`date_min <= to AND date_max >= from`, read from the views), in the
/// views' order, whatever the width of the dates.
#[test]
fn date_windows_keep_what_overlaps_them_at_every_width() {
    let ws = widths();
    let conn = ws.conn();
    let days = [
        "2017-06-01",
        "2018-12-31",
        "2019-01-01",
        "2021-12-31",
        "2022-01-02",
        "2022-12-31",
        "2023-01-01",
        "2023-06-15",
        "2023-12-31",
        "2024-01-01",
        "2024-01-02",
        "2024-01-03",
        "2024-01-04",
        "2024-03-01",
        "2025-01-01",
        "2026-01-01",
    ];
    let reference = |sql: &str, from: &str, to: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([to, from], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let mut kept = 0;
    for from in days {
        for to in days.iter().filter(|to| **to >= from) {
            let window = ["--from", from, "--to", to];
            let timeline: Vec<String> = ws
                .json(&[&["timeline"], &window[..]].concat())
                .iter()
                .map(|r| format!("{} {}", s(r, "id"), s(r, "quote")))
                .collect();
            let expected = reference(
                "SELECT id || ' ' || quote FROM timeline
                  WHERE date_min <= ?1 AND date_max >= ?2
                  ORDER BY date_min, date_max, id, evidence_id",
                from,
                to,
            );
            assert_eq!(timeline, expected, "timeline {from} {to}");
            let talks: Vec<String> = ws
                .json(&[&["talks"], &window[..]].concat())
                .iter()
                .map(|r| s(r, "id").to_string())
                .collect();
            let expected = reference(
                "SELECT id FROM talk_summary
                  WHERE date_min <= ?1 AND date_max >= ?2
                  ORDER BY date_min, date_max, id",
                from,
                to,
            );
            assert_eq!(talks, expected, "talks {from} {to}");
            kept += timeline.len();
        }
    }
    assert!(kept > 0);
    // Read off the dates: in 2026 only the open-ended demand and talk
    // remain; in June 2018 the open start, the long span and the open end;
    // on 2024-01-03 the long span, the open end and the 367 days.
    let ids = |prefix: &str, args: &[&str]| -> Vec<String> {
        ws.json(args)
            .iter()
            .map(|r| s(r, "id").to_string())
            .filter(|id| id.starts_with(prefix))
            .collect()
    };
    assert_eq!(
        ids("width-", &["timeline", "--from", "2026-01"]),
        ["width-7"]
    );
    assert_eq!(ids("talks-", &["talks", "--from", "2026-01"]), ["talks-7"]);
    assert_eq!(
        ids(
            "width-",
            &["timeline", "--from", "2018-06", "--to", "2018-06"]
        ),
        ["width-8", "width-9", "width-7"]
    );
    assert_eq!(
        ids(
            "talks-",
            &["talks", "--from", "2024-01-03", "--to", "2024-01-03"]
        ),
        ["talks-9", "talks-7", "talks-5"]
    );
}

#[test]
fn parties_and_issues_count_their_facts() {
    let ws = first();
    let parties = ws.json(&["parties"]);
    let russia = parties.iter().find(|r| s(r, "id") == "russia").unwrap();
    assert_eq!(russia["demands_made"], 3);
    assert_eq!(russia["positions"], 2);
    let ukraine = parties.iter().find(|r| s(r, "id") == "ukraine").unwrap();
    assert_eq!(ukraine["demands_received"], 3);
    let issues = ws.json(&["issues"]);
    let territory = issues.iter().find(|r| s(r, "id") == "territory").unwrap();
    assert_eq!(territory["demands"], 2);
    assert_eq!(territory["positions"], 2);
}

#[test]
fn evidence_shows_quotes_with_source_and_context() {
    let ws = first();
    let rows = ws.json(&["evidence", "russia-recognize-annexed-oblasts"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(s(&rows[0], "says"), "added");
    // The article has no-break spaces here; compare words.
    let before: Vec<&str> = s(&rows[0], "before").split_whitespace().collect();
    assert!(
        before.ends_with(&[
            "declared",
            "its",
            "annexation",
            "of",
            "the",
            "four",
            "Ukrainian",
            "oblasts",
            "and"
        ]),
        "{before:?}"
    );
    assert!(s(&rows[0], "after").starts_with(".\n\nAuthor: Dave DeCamp"));
    assert_eq!(s(&rows[1], "speaker"), "putin");
    assert!(s(&rows[1], "source_name").starts_with("After Call With Putin"));
    let out = ws.query(&["evidence", "no-such-fact"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no-such-fact"));
    let out = ws.query(&["evidence", "russia-ukraine-neutralty"]);
    assert_stderr_contains(&out, "did you mean russia-ukraine-neutrality");
}

#[test]
fn sql_runs_one_read_only_query_and_refuses_anything_else() {
    let ws = first();
    let rows = ws.json(&["sql", "SELECT id FROM demands ORDER BY id"]);
    assert_eq!(rows.len(), 3);
    let before = std::fs::read(&ws.db).unwrap();
    for bad in [
        "DELETE FROM demands",
        "DROP TABLE demands",
        "UPDATE demands SET text = 'x'",
        "INSERT INTO issues VALUES ('x', 'x', NULL)",
        "ATTACH DATABASE 'other.db' AS other",
        "PRAGMA writable_schema = ON",
        "VACUUM INTO 'copy.db'",
        "SELECT 1; DELETE FROM demands",
        "WITH x AS (SELECT 1) DELETE FROM demands",
        "CREATE TABLE t (x)",
        "BEGIN",
        "EXPLAIN PRAGMA user_version",
        "EXPLAIN QUERY PLAN PRAGMA writable_schema = ON",
    ] {
        let out = ws.query(&["sql", bad]);
        assert!(!out.status.success(), "{bad} was accepted");
        assert!(
            stderr(&out).contains("refused") || stderr(&out).contains("invalid SQL"),
            "{bad}: {}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read(&ws.db).unwrap(), before);
    assert!(!ws.dir.path().join("copy.db").exists());
    // A query that fails while it runs, in every format (CSV and JSON are
    // written as the rows come).
    for format in ["table", "csv", "json"] {
        let out = ws.query(&[
            "--format",
            format,
            "sql",
            "SELECT abs(-9223372036854775807 - 1)",
        ]);
        // Not a usage error: the query was valid and SQLite failed running it.
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_stderr_contains(&out, "integer overflow");
    }
}

/// A long result comes as terminal tables of `TABLE_ROWS` rows each,
/// every row once and in order; CSV has the same rows.
#[test]
fn a_long_result_is_written_as_tables_of_a_thousand_rows() {
    let ws = first();
    let n = negkb::output::TABLE_ROWS * 2 + 500;
    let sql = format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
         SELECT i FROM n"
    );
    let out = ws.query(&["sql", &sql]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let headers = text.lines().filter(|l| l.trim() == "│ i    │").count();
    assert_eq!(headers, 3, "one header per table of at most 1000 rows");
    let cells: Vec<usize> = text
        .lines()
        .filter_map(|l| l.trim_matches(|c| c == '│' || c == ' ').parse().ok())
        .collect();
    assert_eq!(cells, (1..=n).collect::<Vec<_>>());
    let (_, rows) = ws.csv(&["sql", &sql]);
    assert_eq!(rows.len(), n);
}

#[test]
fn queries_refuse_a_missing_or_foreign_database() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let out = run(&["--db", missing.to_str().unwrap(), "demands"]);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "run `negkb seed` first");
    assert!(!missing.exists(), "a query must not create the database");
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "hello").unwrap();
    let out = run(&["--db", text.to_str().unwrap(), "talks"]);
    assert_stderr_contains(&out, "not a negkb database");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "hello");
}

#[test]
fn export_round_trips_through_sqlite3_import() {
    let ws = tessaly();
    let out_dir = ws.dir.path().join("export");
    let out = ws.query(&["export", "--out", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = ws.conn();
    let relations: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(relations.len() >= 19);
    let target = ws.dir.path().join("imported.db");
    for name in &relations {
        let csv = out_dir.join(format!("{name}.csv"));
        assert!(csv.exists(), "{name}.csv missing");
        let import = sqlite3(
            &target,
            &[
                "-cmd",
                &format!(".import --csv {} {name}", csv.display()),
                "SELECT 1",
            ],
        );
        assert!(import.status.success(), "{name}: {}", stderr(&import));
        let expected = one(&conn, &format!("SELECT count(*) FROM \"{name}\""));
        let got = stdout(&sqlite3(
            &target,
            &[&format!("SELECT count(*) FROM \"{name}\"")],
        ));
        assert_eq!(got.trim(), expected, "{name}: row count after import");
    }
    // Quotes with commas, double quotes and line breaks survive.
    let tricky = one(
        &conn,
        "SELECT quote FROM evidence WHERE outcome_id IS NOT NULL",
    );
    assert!(
        tricky.contains(',') && tricky.contains('"') && tricky.contains('\n'),
        "{tricky:?}"
    );
    let back = stdout(&sqlite3(
        &target,
        &["SELECT quote FROM evidence WHERE outcome_id != ''"],
    ));
    assert_eq!(back.trim_end_matches('\n'), tricky);

    // One table to stdout; lines end in LF, as the README says.
    let out = ws.query(&["export", "--out", "-", "--table", "demands"]);
    assert!(out.status.success());
    assert!(out.stdout.ends_with(b"\n") && !out.stdout.windows(2).any(|w| w == b"\r\n"));
    let (header, rows) = parse_csv(&out.stdout);
    assert!(header.contains(&"by_parties".to_string()));
    assert_eq!(rows.len(), 4);
    for nonsense in [&["--table", "nonsense"][..], &["nonsense"]] {
        let out = ws.query(&[&["export", "--out", "-"][..], nonsense].concat());
        assert_eq!(out.status.code(), Some(2), "{nonsense:?}");
    }
}

/// `export QUERY` runs the canned query with its command's flags, to a file
/// or stdout, byte for byte what `--format csv QUERY` prints; a name that is
/// also a table says which one it exported.
#[test]
fn export_runs_canned_queries_with_their_flags() {
    let ws = first();
    let folder = ws.dir.path().join("out");
    for args in [
        &["changes", "--from", "2022"][..],
        &["changes", "--from", "2022", "--party", "Russia"],
        &["talks", "--status", "proposed"],
        &["demands", "--as-of", "2025"],
        &["parties"],
        &["evidence", "trump-putin-call-2025-05-19"],
    ] {
        let direct = ws.query(&[&["--format", "csv"][..], args].concat());
        assert!(direct.status.success(), "{args:?}: {}", stderr(&direct));
        let exported = ws.query(&[&["export"][..], args, &["--out", "-"]].concat());
        assert!(exported.status.success(), "{args:?}: {}", stderr(&exported));
        assert_eq!(stdout(&exported), stdout(&direct), "{args:?}");
        let to_file =
            ws.query(&[&["export", "--out", folder.to_str().unwrap()][..], args].concat());
        assert!(to_file.status.success(), "{args:?}: {}", stderr(&to_file));
        let file = folder.join(format!("{}.csv", args[0]));
        assert_eq!(
            fs::read_to_string(file).unwrap(),
            stdout(&direct),
            "{args:?}"
        );
    }
    // `parties` is also a table: the query is exported, and stderr says so.
    let parties = ws.query(&["export", "parties", "--out", "-"]);
    assert_stderr_contains(&parties, "--table parties exports the table");
    assert!(
        stdout(&parties).starts_with("id,name,kind,demands_made"),
        "{}",
        stdout(&parties)
    );
    let table = ws.query(&["export", "--table", "parties", "--out", "-"]);
    assert!(
        stdout(&table).starts_with("id,name,kind\n"),
        "{}",
        stdout(&table)
    );
    // The query's flags are checked as the command checks them.
    let reversed = ws.query(&[
        "export", "changes", "--from", "2025", "--to", "2022", "--out", "-",
    ]);
    assert_eq!(reversed.status.code(), Some(2));
    let unknown = ws.query(&["export", "demands", "--party", "nobody", "--out", "-"]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// Every query command, in all three formats: CSV and JSON carry the same
/// header and rows, and the terminal table shows every first-column value.
#[test]
fn every_command_answers_alike_in_table_csv_and_json() {
    let ws = tessaly();
    let commands: &[&[&str]] = &[
        &["changes", "--from", "2023"],
        &["demands", "--as-of", "2024"],
        &["positions"],
        &["talks"],
        &["divides"],
        &["timeline"],
        &["parties"],
        &["issues"],
        &["evidence", "arvenia-tlf-disarm"],
        &["sql", "SELECT id, text FROM demands ORDER BY id"],
    ];
    for args in commands {
        let json = ws.json(args);
        let (header, rows) = ws.csv(args);
        assert!(!rows.is_empty(), "{args:?} gave no rows");
        assert_eq!(rows.len(), json.len(), "{args:?}: CSV and JSON row counts");
        for (record, object) in rows.iter().zip(&json) {
            let keys: Vec<&String> = object.keys().collect();
            assert_eq!(
                keys,
                header.iter().collect::<Vec<_>>(),
                "{args:?}: JSON keys follow the CSV header"
            );
            for (cell, key) in record.iter().zip(&header) {
                let value = match &object[key] {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                assert_eq!(cell, &value, "{args:?}: {key}");
            }
        }
        // The table shows the first column, or its names where the result
        // has them (`party_name` beside `party`).
        let table = stdout(&ws.query(args));
        let names = header
            .iter()
            .position(|h| *h == format!("{}_name", header[0]));
        for record in &rows {
            let shown = match names.map(|n| &record[n]) {
                Some(name) if !name.is_empty() => name,
                _ => &record[0],
            };
            assert!(
                table.contains(shown.as_str()),
                "{args:?}: table lacks {shown:?}"
            );
        }
    }
}

/// A runaway query stops at `--timeout` with a clear message, exit 1.
#[test]
fn a_runaway_query_stops_at_its_timeout() {
    let ws = first();
    let started = std::time::Instant::now();
    let out = ws.query(&[
        "sql",
        "--timeout",
        "0.3",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_stderr_contains(&out, "the query ran longer than 0.3 s and was stopped");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let out = ws.query(&["sql", "--timeout", "0", "SELECT 1"]);
    assert_eq!(out.status.code(), Some(2));
}

/// JSON keys are unique even when columns share a name; a terminal table
/// shows control characters instead of sending them to the terminal.
#[test]
fn json_keys_are_unique_and_tables_show_control_characters() {
    let ws = first();
    let rows = ws.json(&["sql", "SELECT 1 AS a, 2 AS a, 3 AS a"]);
    let keys: Vec<&String> = rows[0].keys().collect();
    assert_eq!(keys, ["a", "a_2", "a_3"]);
    let out = ws.query(&[
        "sql",
        "SELECT 'bell' || char(7) || ' and escape' || char(27) || '[31m' AS x",
    ]);
    let table = stdout(&out);
    assert!(
        !table.contains('\u{7}') && !table.contains('\u{1b}'),
        "{table:?}"
    );
    assert!(
        table.contains("bell\\u{7} and escape\\u{1b}[31m"),
        "{table}"
    );
    // CSV keeps the value as it is.
    let (_, csv) = ws.csv(&["sql", "SELECT 'a' || char(27) AS x"]);
    assert_eq!(csv[0][0], "a\u{1b}");
}

/// A filter names a party or issue by its id, name or alias, in any case,
/// and a window must not end before it starts.
#[test]
fn filters_take_names_and_aliases_and_windows_run_forward() {
    let ws = first();
    let ids = |args: &[&str]| -> Vec<String> {
        ws.json(args)
            .iter()
            .map(|r| s(r, "id").to_string())
            .collect()
    };
    let by_id = ids(&["demands", "--party", "russia"]);
    assert_eq!(by_id.len(), 3);
    for name in ["Russia", "RUSSIA", "Moscow", "kremlin"] {
        assert_eq!(ids(&["demands", "--party", name]), by_id, "{name}");
    }
    assert_eq!(
        ids(&["positions", "--party", "United States"]),
        ids(&["positions", "--party", "united-states"])
    );
    assert_eq!(
        ids(&["positions", "--issue", "Territory"]),
        ids(&["positions", "--issue", "territory"])
    );
    let out = ws.query(&["changes", "--from", "2025", "--to", "2022"]);
    assert_eq!(out.status.code(), Some(2));
    assert_stderr_contains(
        &out,
        "the window ends (2022-12-31) before it starts (2025-01-01)",
    );
    let out = ws.query(&["talks", "--from", "2025", "--to", "2022"]);
    assert_eq!(out.status.code(), Some(2));
    let out = ws.query(&["timeline", "--from", "2025-06", "--to", "2025-05"]);
    assert_eq!(out.status.code(), Some(2));
    // A window within one year still runs.
    assert!(
        ws.query(&["changes", "--from", "2022", "--to", "2022"])
            .status
            .success()
    );
}

/// `sql` runs the project's own query files with their parameters, from a
/// file or stdin, and a query may begin with a comment.
#[test]
fn sql_runs_the_query_files_with_parameters() {
    use std::io::Write;
    let ws = first();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/changes.sql");
    let by_file = ws.csv(&[
        "sql",
        "--file",
        file.to_str().unwrap(),
        "--param",
        "from=2022-01-01",
        "--param",
        ":from_end=2022-12-31",
        "--param",
        "to=2026-11-30",
        "--param",
        "stale_before=2025-11-30",
    ]);
    let by_command = ws.csv(&["changes", "--from", "2022", "--to", "2026-11-30"]);
    assert_eq!(by_file, by_command);
    assert_eq!(by_file.1.len(), 10);
    let commented = ws.csv(&["sql", "-- a note\nSELECT 1 AS one"]);
    assert_eq!(commented.1, [["1"]]);
    let mut child = negkb()
        .args(["--db", ws.db_str(), "--format", "csv", "sql", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"SELECT count(*) AS n FROM demands")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(stdout(&out), "n\n3\n");
    let out = ws.query(&["sql", "--param", "nosuch=1", "SELECT :x"]);
    assert_eq!(out.status.code(), Some(2));
    assert_stderr_contains(&out, "the query has no parameter :nosuch");
}

/// The headline answer at 80 columns (`--width`, else `$COLUMNS`): every
/// line fits, parties and issues show as names, no word of a text or a
/// date is broken, and the columns left out are named.
#[test]
fn the_headline_table_fits_80_columns_with_names_and_whole_words() {
    let ws = first();
    let rows = ws.json(&["changes", "--from", "2022"]);
    let by_flag = stdout(&ws.query(&["changes", "--from", "2022", "--width", "80"]));
    let by_env = stdout(
        &negkb()
            .args(["--db", ws.db_str(), "changes", "--from", "2022"])
            .env("COLUMNS", "80")
            .output()
            .unwrap(),
    );
    assert_eq!(by_flag, by_env, "--width 80 and COLUMNS=80 lay out alike");
    let (table, note) = by_flag
        .split_once("\n(left out")
        .expect("a note on what was left out");
    for line in table.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} wide: {line}",
            line.chars().count()
        );
    }
    assert!(
        note.contains("id") && note.contains("--format csv"),
        "{note}"
    );
    for row in &rows {
        // An interval may break after its slash, a day never.
        for word in s(row, "text")
            .split_whitespace()
            .chain(s(row, "date").split('/'))
        {
            assert!(table.contains(word), "{word:?} broken:\n{table}");
        }
        for word in s(row, "issue_name").split_whitespace() {
            assert!(table.contains(word), "{word:?} missing:\n{table}");
        }
    }
    assert!(
        table.contains("│ Holy See") && table.contains("│ United"),
        "{table}"
    );
    assert!(
        !table.contains("holy-see") && !table.contains("united-states"),
        "{table}"
    );
    // --width beats $COLUMNS, and without either a table is as wide as its
    // lines.
    let wide = negkb()
        .args([
            "--db",
            ws.db_str(),
            "--width",
            "300",
            "changes",
            "--from",
            "2022",
        ])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert!(!stdout(&wide).contains("left out"), "{}", stdout(&wide));
    // On a terminal (a pseudo-terminal of 70 columns, made by `script`),
    // the terminal's width.
    let on_terminal = Command::new("script")
        .args([
            "-qec",
            &format!(
                "stty cols 70; {} --db {} changes --from 2022",
                env!("CARGO_BIN_EXE_negkb"),
                ws.db_str()
            ),
            "/dev/null",
        ])
        .env_remove("COLUMNS")
        .output()
        .expect("script (util-linux) makes a pseudo-terminal");
    let shown = String::from_utf8_lossy(&on_terminal.stdout).replace('\r', "");
    assert!(shown.contains("│ Russia"), "{shown}");
    for line in shown.lines() {
        assert!(
            line.chars().count() <= 70,
            "{} wide on a 70-column terminal: {line}",
            line.chars().count()
        );
    }
    let unlimited = stdout(&ws.query(&["changes", "--from", "2022"]));
    assert!(
        unlimited.contains("russia-ukraine-withdraw-from-annexed-oblasts"),
        "{unlimited}"
    );
}

/// Query results as Markdown and HTML tables, with names in place of ids.
#[test]
fn results_as_markdown_and_html_tables() {
    let ws = first();
    let md = stdout(&ws.query(&["--format", "md", "demands", "--as-of", "2025"]));
    let lines: Vec<&str> = md.lines().collect();
    assert!(
        lines[0].starts_with("| id | party | of | issue | text |"),
        "{md}"
    );
    assert!(lines[1].starts_with("|---|---|"), "{md}");
    assert_eq!(lines.len(), 2 + 3);
    assert!(
        lines
            .iter()
            .any(|l| l
                .contains("| Russia | Ukraine | Neutrality | Ukraine becomes a neutral state |")),
        "{md}"
    );
    let html = stdout(&ws.query(&["--format", "html", "demands", "--as-of", "2025"]));
    let doc = roxmltree::Document::parse(&html).expect("an HTML table that is also XML");
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("tr")).count(),
        1 + 3
    );
    assert!(
        html.contains("<td>Russia</td><td>Ukraine</td><td>Neutrality</td>"),
        "{html}"
    );
}

/// Every query file runs in the system's sqlite3 shell (Debian's 3.40,
/// older than the SQLite negkb ships) with the answer `negkb sql --file`
/// gives: its parameters set as the README shows, and blank as Datasette
/// sends them.
#[test]
fn every_query_file_answers_alike_in_the_sqlite3_shell() {
    let ws = first();
    let conn = ws.conn();
    let values = [
        ("from", "2022-01-01"),
        ("from_end", "2022-12-31"),
        ("to", "2025-12-31"),
        ("stale_before", "2025-01-01"),
        ("as_of", "2025-05-19"),
        ("party", "russia"),
        ("issue", "territory"),
        ("id", "russia-ukraine-neutrality"),
        ("document", "russia-ukraine-peace-memorandum"),
        ("status", "held"),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    let mut rows_set = 0;
    for path in &files {
        // The parameters as SQLite reads them.
        let stmt = conn.prepare(&fs::read_to_string(path).unwrap()).unwrap();
        let params: Vec<String> = (1..=stmt.parameter_count())
            .map(|i| stmt.parameter_name(i).unwrap()[1..].to_string())
            .collect();
        for blank in [false, true] {
            let bound: Vec<(&str, &str)> = params
                .iter()
                .map(|p| {
                    let value = values.iter().find(|(name, _)| name == p);
                    let value = value.unwrap_or_else(|| panic!("no test value for :{p}"));
                    (p.as_str(), if blank { "" } else { value.1 })
                })
                .collect();
            let file = path.to_str().unwrap();
            let mut args = vec!["--format", "csv", "sql", "--file", file];
            let settings: Vec<String> = bound.iter().map(|(p, v)| format!("{p}={v}")).collect();
            for setting in &settings {
                args.extend(["--param", setting]);
            }
            let ours = ws.query(&args);
            assert!(ours.status.success(), "{file}: {}", stderr(&ours));
            let mut shell_args = vec!["-csv".to_string(), "-header".to_string()];
            for (p, v) in &bound {
                shell_args.push(format!(".param set :{p} \"'{v}'\""));
            }
            shell_args.push(format!(".read {file}"));
            let shell_args: Vec<&str> = shell_args.iter().map(String::as_str).collect();
            let theirs = sqlite3(&ws.db, &shell_args);
            assert!(
                theirs.status.success() && theirs.stderr.is_empty(),
                "{file}: {}",
                stderr(&theirs)
            );
            let ours = parse_csv(&ours.stdout);
            // The shell prints no header above no rows.
            if theirs.stdout.is_empty() {
                assert!(ours.1.is_empty(), "{file}, blank: {blank}: {ours:?}");
            } else {
                assert_eq!(ours, parse_csv(&theirs.stdout), "{file}, blank: {blank}");
            }
            if !blank {
                rows_set += ours.1.len();
            }
        }
    }
    assert!(rows_set > 50, "{rows_set} rows with the parameters set");
}
