//! Helpers shared by the integration tests: the real binary, real seed
//! trees copied into temporary folders, and the sqlite3 shell.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::Connection;

/// The repository's own seeds (the first article).
pub fn repo_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The invented test conflict (two articles).
pub fn tessaly_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tessaly")
}

/// The slug of the first article.
pub const FIRST_ARTICLE: &str = "2025-05-19-trump-putin-call-ceasefire-talks";

/// A `negkb` command with its environment cleared of NEGKB_* variables
/// and of `COLUMNS` (tables are as wide as their lines unless a test
/// gives `--width`).
pub fn negkb() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_negkb"));
    cmd.env_remove("NEGKB_DB")
        .env_remove("NEGKB_SEEDS")
        .env_remove("COLUMNS");
    cmd
}

/// Runs negkb with `args`, returning its output.
pub fn run(args: &[&str]) -> Output {
    negkb().args(args).output().expect("negkb runs")
}

/// Runs `negkb --db DB seed --seeds SEEDS`.
pub fn seed_into(db: &Path, seeds: &Path) -> Output {
    run(&[
        "--db",
        db.to_str().unwrap(),
        "seed",
        "--seeds",
        seeds.to_str().unwrap(),
    ])
}

/// Writes a synthetic seeds tree of `articles` articles into `dir` with
/// `negkb generate`, panicking with stderr on failure.
pub fn generate(dir: &Path, articles: usize) {
    let out = run(&[
        "generate",
        "--articles",
        &articles.to_string(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Copies a seed tree into `dest` (created).
pub fn copy_tree(from: &Path, dest: &Path) {
    fs::create_dir_all(dest).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = dest.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary folder holding a copy of `seeds` and a database path.
pub struct Workspace {
    pub dir: tempfile::TempDir,
    pub seeds: PathBuf,
    pub db: PathBuf,
}

impl Workspace {
    /// Copies `seeds` into a fresh temporary folder.
    pub fn new(seeds: &Path) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("seeds");
        copy_tree(seeds, &copy);
        let db = dir.path().join("negotiations.db");
        Workspace {
            dir,
            seeds: copy,
            db,
        }
    }

    /// Runs `negkb --db DB seed --seeds SEEDS`.
    pub fn seed(&self) -> Output {
        seed_into(&self.db, &self.seeds)
    }

    /// Runs `negkb --db DB seed --force --seeds SEEDS`.
    pub fn seed_forced(&self) -> Output {
        run(&[
            "--db",
            self.db_str(),
            "seed",
            "--force",
            "--seeds",
            self.seeds.to_str().unwrap(),
        ])
    }

    /// Seeds and panics with stderr on failure.
    pub fn seeded(self) -> Workspace {
        let out = self.seed();
        assert!(out.status.success(), "seed failed:\n{}", stderr(&out));
        self
    }

    /// The database path as text.
    pub fn db_str(&self) -> &str {
        self.db.to_str().unwrap()
    }

    /// Runs a query command against this workspace's database.
    pub fn query(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", self.db_str()];
        all.extend_from_slice(args);
        run(&all)
    }

    /// Runs a query with `--format json` and parses the array of objects.
    pub fn json(&self, args: &[&str]) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--format", "json"]);
        let out = self.query(&all);
        assert!(out.status.success(), "{args:?} failed:\n{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("valid JSON array of objects")
    }

    /// Runs a query with `--format csv` and parses header and records.
    pub fn csv(&self, args: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--format", "csv"]);
        let out = self.query(&all);
        assert!(out.status.success(), "{args:?} failed:\n{}", stderr(&out));
        parse_csv(&out.stdout)
    }

    /// A read-only connection to the database.
    pub fn conn(&self) -> Connection {
        Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
    }

    /// Writes `text` to a file under the seeds copy.
    pub fn write(&self, relative: &str, text: &str) {
        fs::write(self.seeds.join(relative), text).unwrap();
    }

    /// Reads a file under the seeds copy.
    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.seeds.join(relative)).unwrap()
    }

    /// Replaces the first occurrence of `from` in a seed file; panics if absent.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        self.write(relative, &text.replacen(from, to, 1));
    }
}

/// Parses CSV with a header row.
pub fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Runs the system sqlite3 shell on `db` with `args`.
pub fn sqlite3(db: &Path, args: &[&str]) -> Output {
    Command::new("sqlite3")
        .arg(db)
        .args(args)
        .output()
        .expect("the sqlite3 shell is installed (apt-get install sqlite3)")
}

/// Counts the talks whose `talk_lists` row, written by seed, is missing or
/// differs from what `talk_parties` and `outcomes` say.
pub const TALK_LISTS_DISAGREEING: &str = "
    SELECT count(*) FROM talks t LEFT JOIN talk_lists l ON l.talk_id = t.id
     WHERE l.talk_id IS NULL
        OR l.parties IS NOT (SELECT group_concat(party_id, '; ') FROM (SELECT party_id
              FROM talk_parties WHERE talk_id = t.id AND role = 'party' ORDER BY party_id))
        OR l.mediators IS NOT (SELECT group_concat(party_id, '; ') FROM (SELECT party_id
              FROM talk_parties WHERE talk_id = t.id AND role = 'mediator' ORDER BY party_id))
        OR l.outcomes IS NOT (SELECT group_concat(text, '; ') FROM (SELECT text
              FROM outcomes WHERE talk_id = t.id ORDER BY id))";

/// Counts the rows whose party names disagree with their ids: a list of
/// names of another length than its list of ids, or a party alone whose
/// name is not the name in `parties`.
pub const PARTY_NAMES_WRONG: &str = "
    WITH lists (ids, names) AS (
        SELECT by_parties, by_names FROM demands UNION ALL SELECT of_parties, of_names FROM demands
        UNION ALL SELECT parties, party_names FROM positions
        UNION ALL SELECT by_parties, by_names FROM documents UNION ALL SELECT parties, party_names FROM documents
        UNION ALL SELECT parties, party_names FROM talk_lists UNION ALL SELECT mediators, mediator_names FROM talk_lists
        UNION ALL SELECT host, host_name FROM talk_lists UNION ALL SELECT proposed_by, proposer_names FROM talk_lists)
    SELECT (SELECT count(*) FROM lists WHERE (ids IS NULL) <> (names IS NULL)
               OR length(ids) - length(replace(ids, ';', '')) <> length(names) - length(replace(names, ';', '')))
         + (SELECT count(*) FROM lists l JOIN parties p ON p.id = l.ids WHERE l.names IS NOT p.name)";

/// One text value from a query.
pub fn one(conn: &Connection, sql: &str) -> String {
    let value: rusqlite::types::Value = conn.query_row(sql, [], |r| r.get(0)).unwrap();
    match value {
        rusqlite::types::Value::Null => String::new(),
        rusqlite::types::Value::Integer(n) => n.to_string(),
        rusqlite::types::Value::Real(x) => x.to_string(),
        rusqlite::types::Value::Text(t) => t,
        rusqlite::types::Value::Blob(b) => format!("{b:?}"),
    }
}

/// Asserts that the command's standard error contains `text`, showing it
/// otherwise.
pub fn assert_stderr_contains(out: &Output, text: &str) {
    let err = stderr(out);
    assert!(err.contains(text), "stderr lacks {text:?}:\n{err}");
}
