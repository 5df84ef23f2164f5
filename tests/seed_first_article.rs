//! The first article, seeded by the real binary and read back with SQL.
//! Every expected value here comes from reading the article
//! (seeds/articles/2025-05-19-trump-putin-call-ceasefire-talks.txt).

mod common;

use common::*;

fn rows(ws: &Workspace, sql: &str) -> Vec<Vec<String>> {
    let conn = ws.conn();
    let mut stmt = conn.prepare(sql).unwrap();
    let width = stmt.column_count();
    stmt.query_map([], |r| {
        (0..width)
            .map(|i| {
                r.get::<_, rusqlite::types::Value>(i).map(|v| match v {
                    rusqlite::types::Value::Text(t) => t,
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Null => String::new(),
                    other => format!("{other:?}"),
                })
            })
            .collect()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn strs(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn the_article_is_stored_verbatim_with_its_metadata() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    let stored = std::fs::read(repo_seeds().join(format!("articles/{FIRST_ARTICLE}.txt"))).unwrap();
    let shared =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed-article.txt");
    let original = std::fs::read(&shared).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the tests compare the seeds copy with it",
            shared.display()
        )
    });
    assert_eq!(
        stored, original,
        "seeds copy differs from shared/seed-article.txt"
    );
    let conn = ws.conn();
    let (text, published, author, publisher, sha): (String, String, String, String, String) = conn
        .query_row(
            "SELECT text, published, author, publisher, sha256 FROM sources WHERE slug = ?1",
            [FIRST_ARTICLE],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(text.as_bytes(), stored.as_slice());
    assert_eq!(published, "2025-05-19");
    assert_eq!(author, "Dave DeCamp");
    assert_eq!(publisher, "Antiwar.com");
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(&stored)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sha, digest);
}

#[test]
fn parties_and_actors() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    assert_eq!(
        rows(&ws, "SELECT id, kind FROM parties ORDER BY id"),
        strs(&[
            &["european-leaders", "group"],
            &["holy-see", "state"],
            &["russia", "state"],
            &["ukraine", "state"],
            &["united-states", "state"],
        ])
    );
    assert_eq!(
        rows(
            &ws,
            "SELECT actor_id, party_id FROM actor_terms ORDER BY actor_id"
        ),
        strs(&[
            &["biden-administration", "united-states"],
            &["pope-leo-xiv", "holy-see"],
            &["putin", "russia"],
            &["trump", "united-states"],
            &["zelensky", "ukraine"],
        ])
    );
    // The Biden administration spoke for the United States until January 2025.
    assert_eq!(
        rows(
            &ws,
            "SELECT since_min, until_max FROM actor_terms WHERE actor_id = 'biden-administration'"
        ),
        strs(&[&["2021-01-20", "2025-01-20"]])
    );
}

#[test]
fn russias_demands_of_ukraine_with_their_lifespans() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    assert_eq!(
        rows(
            &ws,
            "SELECT id, by_parties, of_parties, issue_id, since_min, since_max, last_seen_max, coalesce(until, '')
               FROM demands ORDER BY since_min, id"
        ),
        strs(&[
            // "since March and April 2022. At that time, Russia's main demand was Ukrainian neutrality."
            &["russia-ukraine-neutrality", "russia", "ukraine", "neutrality", "2022-03-01", "2022-04-30", "2022-04-30", ""],
            // "later that year ... added the recognition of that territory ... to its demands"; still held ("Putin wants")
            &["russia-recognize-annexed-oblasts", "russia", "ukraine", "territory", "2022-05-01", "2022-12-31", "2025-05-19", ""],
            // "which would require Ukrainian forces to withdraw": implied, as of publication
            &["russia-ukraine-withdraw-from-annexed-oblasts", "russia", "ukraine", "territory", "2025-05-19", "2025-05-19", "2025-05-19", ""],
        ])
    );
    assert_eq!(
        rows(
            &ws,
            "SELECT says, implied FROM evidence WHERE demand_id = 'russia-ukraine-withdraw-from-annexed-oblasts'"
        ),
        strs(&[&["held", "1"]])
    );
    assert_eq!(
        rows(
            &ws,
            "SELECT says, date FROM evidence WHERE demand_id = 'russia-recognize-annexed-oblasts' ORDER BY date_min"
        ),
        strs(&[&["added", "2022-05/2022-12"], &["held", "2025-05-19"]])
    );
}

#[test]
fn positions_with_responses_and_replacements() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    assert_eq!(
        rows(
            &ws,
            "SELECT id, parties, stance, coalesce(responds_to, ''), coalesce(replaces, ''), coalesce(until, '')
               FROM positions ORDER BY id"
        ),
        strs(&[
            &["holy-see-offers-vatican-venue", "holy-see", "offers", "", "", ""],
            &["russia-claims-four-oblasts", "russia", "claims", "", "", ""],
            &["russia-peace-treaty-memorandum", "russia", "offers", "", "", ""],
            &["ukraine-no-territorial-concession", "ukraine", "rejects", "russia-recognize-annexed-oblasts", "", ""],
            // Discouraging the 2022 talks ends when the push for immediate talks is first seen.
            &["us-discourages-2022-negotiations", "united-states", "opposes", "", "", "2025-05-19"],
            &["us-pushes-immediate-ceasefire-negotiations", "united-states", "supports", "", "us-discourages-2022-negotiations", ""],
        ])
    );
    assert_eq!(
        rows(
            &ws,
            "SELECT speaker, date FROM evidence WHERE position_id = 'us-discourages-2022-negotiations'"
        ),
        strs(&[&["biden-administration", "2022-03/2022-04"]])
    );
    // The memorandum covers settlement principles, a timeframe and a possible ceasefire.
    let quotes = rows(
        &ws,
        "SELECT quote FROM evidence WHERE position_id = 'russia-peace-treaty-memorandum'",
    );
    let all: String = quotes.concat().concat();
    for words in [
        "memorandum on a potential future peace treaty",
        "settlement principles",
        "timeframe for signing",
        "ceasefire for a certain period",
    ] {
        assert!(all.contains(words), "memorandum evidence lacks {words:?}");
    }
}

#[test]
fn talks_and_outcomes() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    assert_eq!(
        rows(
            &ws,
            "SELECT t.id, format, status, date_min, date_max, coalesce(venue, ''),
                    (SELECT group_concat(party_id, ',') FROM (SELECT party_id FROM talk_parties p
                      WHERE p.talk_id = t.id ORDER BY party_id))
               FROM talks t ORDER BY date_min, id"
        ),
        strs(&[
            &[
                "russia-ukraine-negotiations-2022",
                "direct",
                "held",
                "2022-03-01",
                "2022-04-30",
                "",
                "russia,ukraine"
            ],
            // "just a few days after ... held talks in Istanbul" (before Monday, May 19)
            &[
                "istanbul-2025-05",
                "direct",
                "held",
                "2025-05-14",
                "2025-05-17",
                "Istanbul",
                "russia,ukraine"
            ],
            &[
                "russia-ukraine-ceasefire-negotiations-2025",
                "direct",
                "proposed",
                "2025-05-19",
                "9999-12-31",
                "",
                "russia,ukraine"
            ],
            &[
                "trump-briefs-european-leaders-2025-05-19",
                "briefing",
                "held",
                "2025-05-19",
                "2025-05-19",
                "",
                "european-leaders,united-states"
            ],
            &[
                "trump-putin-call-2025-05-19",
                "call",
                "held",
                "2025-05-19",
                "2025-05-19",
                "",
                "russia,united-states"
            ],
            &[
                "trump-zelensky-call-2025-05-19",
                "call",
                "held",
                "2025-05-19",
                "2025-05-19",
                "",
                "ukraine,united-states"
            ],
        ])
    );
    assert_eq!(
        rows(
            &ws,
            "SELECT kind, text FROM outcomes WHERE talk_id = 'istanbul-2025-05' ORDER BY kind"
        ),
        strs(&[
            &["agreement", "Prisoner swap agreed"],
            &["no-progress", "No apparent progress toward a ceasefire"],
            &[
                "other",
                "First direct Russia–Ukraine talks since March and April 2022"
            ],
        ])
    );
    // The Holy See's offer of the Vatican as a venue is about the proposed negotiations.
    assert_eq!(
        one(
            &ws.conn(),
            "SELECT talk_id FROM positions WHERE id = 'holy-see-offers-vatican-venue'"
        ),
        "russia-ukraine-ceasefire-negotiations-2025"
    );
}

#[test]
fn every_quote_is_found_at_its_offsets() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    let conn = ws.conn();
    let total: i64 = conn
        .query_row("SELECT count(*) FROM evidence", [], |r| r.get(0))
        .unwrap();
    let matching: i64 = conn
        .query_row(
            "SELECT count(*) FROM evidence e JOIN sources s ON s.id = e.source_id
              WHERE substr(s.text, e.start_offset + 1, e.end_offset - e.start_offset) = e.quote",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(total >= 20, "only {total} quotes");
    assert_eq!(matching, total);
    // Offsets count code points: the quote with a typographic apostrophe.
    let (start, end): (i64, i64) = conn
        .query_row(
            "SELECT start_offset, end_offset FROM evidence WHERE demand_id = 'russia-ukraine-neutrality'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let text = std::fs::read_to_string(repo_seeds().join(format!("articles/{FIRST_ARTICLE}.txt")))
        .unwrap();
    let found: String = text
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    // The article has a no-break space after "Russia’s"; the seed quote has a
    // plain one, and what is stored is the article's exact text.
    assert_eq!(
        found,
        "At that time, Russia’s\u{a0}main demand was Ukrainian neutrality."
    );
    // Every fact has evidence.
    for (table, column) in [
        ("demands", "demand_id"),
        ("positions", "position_id"),
        ("talks", "talk_id"),
        ("outcomes", "outcome_id"),
    ] {
        let bare: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table} f WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.{column} = f.id)"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(bare, 0, "{table} without evidence");
    }
}

#[test]
fn the_sqlite3_shell_opens_and_checks_the_database() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    let out = sqlite3(
        &ws.db,
        &[
            "PRAGMA integrity_check;",
            "PRAGMA foreign_key_check;",
            "SELECT count(*) FROM demand_status;",
            "SELECT id FROM divides NATURAL JOIN demands LIMIT 0;",
            TALK_LISTS_DISAGREEING,
        ],
    );
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(out.status.success(), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        ["ok", "3", "0"],
        "integrity ok, no foreign key violations, 3 demands in the view, talk lists agree"
    );
    let out = sqlite3(&ws.db, &["-csv", "SELECT demand, response FROM divides"]);
    assert_eq!(
        stdout(&out).trim(),
        "russia-recognize-annexed-oblasts,ukraine-no-territorial-concession"
    );
    let out = sqlite3(&ws.db, &["PRAGMA application_id; PRAGMA user_version;"]);
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        [
            format!("{}", 0x6e6b_6231),
            negkb::db::SCHEMA_VERSION.to_string()
        ]
    );
}

#[test]
fn seeding_twice_gives_the_same_content() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    let first = stdout(&sqlite3(&ws.db, &[".dump"]));
    ws.seeded_again();
    let second = stdout(&sqlite3(&ws.db, &[".dump"]));
    assert!(first.contains("INSERT INTO demands"));
    assert_eq!(first, second);
}

trait Again {
    fn seeded_again(&self);
}

impl Again for Workspace {
    fn seeded_again(&self) {
        let out = self.seed();
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

#[test]
fn seed_prints_a_summary_and_check_writes_nothing() {
    let ws = Workspace::new(&repo_seeds());
    let out = ws.seed();
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("3 demands") && err.contains("6 talks") && err.contains("1 sources"),
        "{err}"
    );

    let other = ws.dir.path().join("other.db");
    let out = run(&[
        "--db",
        other.to_str().unwrap(),
        "check",
        "--seeds",
        ws.seeds.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!other.exists(), "check must not write a database");
}

#[test]
fn db_and_seeds_come_from_the_environment_too() {
    let ws = Workspace::new(&repo_seeds());
    let out = negkb()
        .args(["seed"])
        .env("NEGKB_DB", &ws.db)
        .env("NEGKB_SEEDS", &ws.seeds)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(ws.db.exists());
    // --db is global: accepted after the subcommand too.
    let out = run(&["demands", "--db", ws.db_str(), "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(parse_csv(&out.stdout).1.len(), 3);
}
