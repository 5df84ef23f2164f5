//! A small run of the synthetic corpus generator and a seed of it: the
//! smoke test of the benchmark (bench/run.py runs the large one).

mod common;

use common::*;

#[test]
fn fifty_synthetic_articles_seed_with_every_row_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    generate(&seeds, 50);
    let db = dir.path().join("synthetic.db");
    let out = seed_into(&db, &seeds);
    assert!(out.status.success(), "{}", stderr(&out));

    let conn = rusqlite::Connection::open(&db).unwrap();
    // Per article: 8 demands (one a condition for a talk), 8 positions (one
    // also answering the document), 4 talks with 2 outcomes each (one a
    // second round), a document with 2 provisions; one quote per fact.
    for (table, expected) in [
        ("sources", 50),
        ("parties", 200),
        ("issues", 20),
        ("demands", 400),
        ("positions", 400),
        ("talks", 200),
        ("outcomes", 400),
        ("documents", 50),
        ("provisions", 100),
        ("conditions", 50),
        ("responses", 450),
        ("evidence", 1550),
        ("facts", 1550),
    ] {
        assert_eq!(
            one(&conn, &format!("SELECT count(*) FROM {table}")),
            expected.to_string(),
            "{table}"
        );
    }
    let misplaced = one(
        &conn,
        "SELECT count(*) FROM evidence e JOIN sources s ON s.id = e.source_id
          WHERE substr(s.text, e.start_offset + 1, e.end_offset - e.start_offset) IS NOT e.quote",
    );
    assert_eq!(misplaced, "0");
    assert_eq!(one(&conn, TALK_LISTS_DISAGREEING), "0");
    assert_eq!(one(&conn, PARTY_NAMES_WRONG), "0");
    let shell = sqlite3(&db, &["PRAGMA integrity_check; PRAGMA foreign_key_check;"]);
    assert_eq!(stdout(&shell).trim(), "ok");

    // The headline query answers for every fact of the corpus.
    let out = run(&[
        "--db",
        db.to_str().unwrap(),
        "--format",
        "csv",
        "changes",
        "--from",
        "2000",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (header, rows) = parse_csv(&out.stdout);
    let id = header.iter().position(|h| h == "id").unwrap();
    let ids: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[id].as_str()).collect();
    assert_eq!(
        ids.len(),
        850,
        "every demand, position and document appears"
    );
}

#[test]
fn the_generator_is_deterministic_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    generate(&a, 5);
    generate(&b, 5);
    for name in [
        "parties.toml",
        "issues.toml",
        "articles/a000003.txt",
        "articles/a000003.toml",
    ] {
        assert_eq!(
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
            "{name}"
        );
    }
    let text = std::fs::read_to_string(a.join("articles/a000003.txt")).unwrap();
    assert!(
        (2_000..4_000).contains(&text.len()),
        "about 3 KB per article, got {}",
        text.len()
    );
    let out = run(&["generate", "--articles", "5", "--out", a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}
