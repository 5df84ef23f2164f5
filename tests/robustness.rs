//! Robustness: no panic on any input, nothing lost when a seed is killed or
//! fails, readers never see a half database, foreign or newer files are
//! left alone, limits give clear errors.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::*;
use negkb::date::Edtf;
use negkb::quote::{self, Haystack, Lookup};
use proptest::prelude::*;

/// The fact file of the test conflict's second article.
const B_FACTS: &str = "articles/2024-09-02-tlf-drops-referendum.toml";

// ---------------------------------------------------------------- no panics

fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'e'),
        1 => Just(' '),
        1 => Just('\n'),
        1 => Just('\r'),
        1 => Just('\u{a0}'),
        1 => Just('\u{301}'),  // combining acute accent
        1 => Just('’'),
        1 => Just('“'),
        1 => Just('—'),
        1 => Just('"'),
        1 => Just('-'),
        1 => any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn edtf_parsing_never_panics(text in ".{0,24}") {
        if let Ok(d) = Edtf::parse(&text) {
            prop_assert!(d.min() <= d.max());
            prop_assert_eq!(d.text(), text.as_str());
        }
    }

    #[test]
    fn edtf_of_date_like_text_is_ok_exactly_when_the_day_exists(
        year in 0i32..10_000, month in 0u32..15, day in 0u32..34, qualifier in prop::sample::select(vec!["", "~", "?", "%", "~~"])
    ) {
        let text = format!("{year:04}-{month:02}-{day:02}{qualifier}");
        let exists = year > 0 && qualifier.len() <= 1
            && jiff::civil::Date::new(year as i16, month as i8, day as i8).is_ok();
        prop_assert_eq!(Edtf::parse(&text).is_ok(), exists, "{}", text);
    }

    #[test]
    fn quote_lookup_never_panics_and_finds_every_passage(
        text in prop::collection::vec(tricky_char(), 0..200).prop_map(|c| c.into_iter().collect::<String>()),
        start in 0usize..200, len in 0usize..60,
        prefix in prop::option::of("[a-e ]{0,4}"),
    ) {
        let hay = Haystack::new(&text);
        let chars: Vec<char> = text.chars().collect();
        let start = start.min(chars.len());
        let end = (start + len).min(chars.len());
        let quote: String = chars[start..end].iter().collect();
        match hay.lookup(&quote, prefix.as_deref(), None) {
            Lookup::Found(span) => {
                prop_assert_eq!(quote::fold(quote::slice(&text, span)), quote::fold(&quote));
                prop_assert!(span.start < span.end && span.end as usize <= chars.len());
            }
            Lookup::Ambiguous(places) => prop_assert!(places.count >= 2 && places.listed.len() == places.count.min(10)),
            Lookup::ContextMismatch(places) => prop_assert!(prefix.is_some() && places.count >= 1 && !places.listed.is_empty()),
            // A passage of the text can only be missing when it folds to
            // nothing, or when a prefix excluded it.
            Lookup::NotFound { .. } => prop_assert!(quote::fold(&quote).is_empty() || prefix.is_some()),
        }
    }

    #[test]
    fn arbitrary_quotes_never_panic(text in "\\PC{0,80}", quote in "\\PC{0,40}") {
        let _ = Haystack::new(&text).lookup(&quote, Some(&quote), Some(&text));
    }
}

fn fixture_workspace() -> Workspace {
    Workspace::new(&tessaly_seeds())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any bytes as an article's fact file: the loader reports, never
    /// panics, and every problem it reports is in that file.
    #[test]
    fn the_loader_survives_arbitrary_toml_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let ws = fixture_workspace();
        let damaged = ws.seeds.join("articles/2024-09-02-tlf-drops-referendum.toml");
        fs::write(&damaged, &bytes).unwrap();
        if let Err(diags) = negkb::seeds::load(&ws.seeds) {
            prop_assert!(diags.iter().all(|d| d.path == damaged), "{:?}", diags);
        }
    }

    /// A valid fact file with a few bytes changed: still no panic, and
    /// every problem names a file.
    #[test]
    fn the_loader_survives_damaged_seed_files(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        file in prop::sample::select(vec!["parties.toml", "issues.toml", "articles/2023-06-10-port-vell-round-one.toml"]),
    ) {
        let ws = fixture_workspace();
        let path = ws.seeds.join(file);
        let mut bytes = fs::read(&path).unwrap();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        fs::write(&path, &bytes).unwrap();
        if let Err(diags) = negkb::seeds::load(&ws.seeds) {
            prop_assert!(diags.iter().all(|d| d.path.starts_with(&ws.seeds)));
        }
    }
}

// ------------------------------------------------------- interrupted seeds

/// Bytes of every `.tmp` file beside the database.
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".negkb-seed.tmp"))
        .collect()
}

#[test]
fn a_killed_seed_leaves_the_old_database_intact_and_the_next_seed_works() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let big = ws.dir.path().join("big");
    generate(&big, 1500);
    let old = fs::read(&ws.db).unwrap();

    // How long a whole seed of the big corpus takes here.
    let probe = ws.dir.path().join("probe.db");
    let started = Instant::now();
    let out = seed_into(&probe, &big);
    assert!(out.status.success(), "{}", stderr(&out));
    let full = started.elapsed();

    let mut interrupted = 0;
    for step in 0..8u32 {
        // Kill points spread over the run: reading, writing, checking.
        let delay = full.mul_f64(f64::from(step) / 10.0 + 0.02);
        let mut child = negkb()
            .args([
                "--db",
                ws.db_str(),
                "seed",
                "--seeds",
                big.to_str().unwrap(),
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        let now = fs::read(&ws.db).unwrap();
        if now == old {
            interrupted += usize::from(!finished);
            continue;
        }
        // Too late to interrupt: the new database must then be whole.
        let demands = one(&ws.conn(), "SELECT count(*) FROM demands");
        assert_eq!(
            demands, "12000",
            "a replaced database must be the complete new one"
        );
        let shell = sqlite3(&ws.db, &["PRAGMA integrity_check;"]);
        assert_eq!(stdout(&shell).trim(), "ok");
        break;
    }
    assert!(
        interrupted >= 2,
        "only {interrupted} kills landed during a seed of {full:?}"
    );

    // The next seed works, and clears what the killed runs left.
    let out = ws.seed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        temporaries(ws.dir.path()).is_empty(),
        "{:?}",
        temporaries(ws.dir.path())
    );
    assert_eq!(one(&ws.conn(), "SELECT count(*) FROM demands"), "4");
}

/// A seed that updates the database in place clears what killed seeds
/// left too, as a full seed does.
#[test]
fn a_seed_in_place_removes_what_killed_seeds_left() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let left = ws.dir.path().join(".negotiations.db.Ab12Cd.negkb-seed.tmp");
    fs::write(&left, b"half a database").unwrap();
    let out = ws.seed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("in place") || stdout(&out).contains("in place"),
        "not an update in place: {}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        temporaries(ws.dir.path()).is_empty(),
        "{:?}",
        temporaries(ws.dir.path())
    );
}

#[test]
fn a_running_seed_keeps_its_temporary_file_from_a_concurrent_one() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let big = ws.dir.path().join("big");
    generate(&big, 800);
    let db2 = ws.dir.path().join("second.db");
    // Two seeds of the same target at once: each builds its own temporary
    // file, so both finish and the result is a whole database.
    let spawn = || {
        negkb()
            .args([
                "--db",
                db2.to_str().unwrap(),
                "seed",
                "--seeds",
                big.to_str().unwrap(),
            ])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(b.status.success(), "{}", stderr(&b));
    let conn = rusqlite::Connection::open(&db2).unwrap();
    // 800 articles of 31 quotes each.
    assert_eq!(one(&conn, "SELECT count(*) FROM evidence"), "24800");
}

// ------------------------------------------------------ readers during seed

#[test]
fn readers_during_seeds_see_the_old_or_the_new_database() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    let tessaly = tessaly_seeds();
    let first = stdout(&ws.query(&["--format", "csv", "demands"]));
    let seeder = {
        let (db, seeds_a, seeds_b) = (ws.db.clone(), tessaly.clone(), ws.seeds.clone());
        std::thread::spawn(move || {
            for i in 0..12 {
                let seeds = if i % 2 == 0 { &seeds_a } else { &seeds_b };
                let out = seed_into(&db, seeds);
                assert!(out.status.success(), "{}", stderr(&out));
            }
        })
    };
    let second = {
        let probe = Workspace::new(&tessaly).seeded();
        stdout(&probe.query(&["--format", "csv", "demands"]))
    };
    let read = || ws.query(&["--format", "csv", "demands"]);
    read_while(seeder, read, [&first, &second], "seeds");
}

/// Reads while `seeder` runs: each read must succeed and give one of
/// `states`, never a mix, and more than three reads must overlap it.
fn read_while(
    seeder: std::thread::JoinHandle<()>,
    read: impl Fn() -> std::process::Output,
    states: [&str; 2],
    what: &str,
) {
    let mut reads = 0;
    while !seeder.is_finished() {
        let out = read();
        assert!(
            out.status.success(),
            "a reader failed during the {what}: {}",
            stderr(&out)
        );
        let text = stdout(&out);
        assert!(
            states.contains(&text.as_str()),
            "a reader saw a mix:\n{text}"
        );
        reads += 1;
    }
    seeder.join().unwrap();
    assert!(reads > 3, "only {reads} reads overlapped the {what}");
}

/// Seeds that update the database in place (one article edited back and
/// forth) and readers at the same time: each read sees one state or the
/// other, never an error (readers wait for the commit).
#[test]
fn readers_during_updates_in_place_see_the_old_or_the_new_state() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    generate(&seeds, 20);
    let db = dir.path().join("kb.db");
    assert!(seed_into(&db, &seeds).status.success());
    let facts = seeds.join("articles/a000003.toml");
    let original = fs::read_to_string(&facts).unwrap();
    let edited = original.replacen("text = \"Party", "text = \"Now party", 1);
    assert_ne!(original, edited);
    let read = || run(&["--db", db.to_str().unwrap(), "--format", "csv", "demands"]);
    let before = stdout(&read());
    fs::write(&facts, &edited).unwrap();
    let out = seed_into(&db, &seeds);
    assert_stderr_contains(&out, "1 edited, 0 added, 0 removed; 1 article read again");
    let after = stdout(&read());
    assert_ne!(before, after);
    let seeder = {
        let (db, seeds, facts) = (db.clone(), seeds.clone(), facts.clone());
        let versions = [original, edited];
        std::thread::spawn(move || {
            for i in 0..30 {
                fs::write(&facts, &versions[i % 2]).unwrap();
                let out = seed_into(&db, &seeds);
                assert!(out.status.success(), "{}", stderr(&out));
                assert_stderr_contains(&out, "in place");
            }
        })
    };
    read_while(seeder, read, [&before, &after], "updates");
}

// ---------------------------------------------------------- schema versions

/// A database damaged after it was seeded (here: every page after the
/// schema's overwritten, as by another program writing over it) opens,
/// then fails while the query reads it: the error names the file and is
/// a failure (exit 1), not a usage error.
#[test]
fn a_database_damaged_under_a_query_is_named_and_fails_with_exit_1() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    let mut bytes = fs::read(&ws.db).unwrap();
    let page = 4096;
    assert!(
        bytes.len() > 8 * page,
        "the first article's database has more than 8 pages"
    );
    bytes[3 * page..].fill(0xff);
    fs::write(&ws.db, &bytes).unwrap();
    for query in [
        &["demands"][..],
        &["timeline"],
        &["talks"],
        &["changes", "--from", "2025"],
    ] {
        let out = ws.query(query);
        assert_eq!(out.status.code(), Some(1), "{query:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(ws.db_str()) && err.contains("malformed"),
            "{query:?}: {err}"
        );
    }
}

fn set_user_version(db: &Path, version: i32) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
}

#[test]
fn a_database_from_a_newer_negkb_is_never_modified() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    set_user_version(&ws.db, 99);
    let before = fs::read(&ws.db).unwrap();
    let out = ws.query(&["demands"]);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "newer negkb (schema version 99");
    let out = ws.seed();
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "refusing to replace it");
    assert_eq!(fs::read(&ws.db).unwrap(), before);
    let out = ws.seed_forced();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("newer schema version 99 (--force)"));
}

#[test]
fn a_database_from_an_older_negkb_is_rebuilt_by_seed() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    set_user_version(&ws.db, 1);
    let out = ws.query(&["talks"]);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "older negkb");
    assert_stderr_contains(&out, "run `negkb seed`");
    let out = ws.seed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_stderr_contains(
        &out,
        &format!("from schema version 1 to {}", negkb::db::SCHEMA_VERSION),
    );
    assert!(ws.query(&["talks"]).status.success());
}

#[test]
fn files_that_are_not_negkb_databases_are_refused_and_kept() {
    let ws = Workspace::new(&tessaly_seeds());
    for (what, content) in [
        ("empty", &b""[..]),
        ("text", b"a text file\n"),
        ("binary", b"\x00\x01SQLite format 2"),
    ] {
        fs::write(&ws.db, content).unwrap();
        let out = ws.query(&["parties"]);
        assert_eq!(out.status.code(), Some(1), "{what}");
        assert!(
            stderr(&out).contains("not a negkb database"),
            "{what}: {}",
            stderr(&out)
        );
        let out = ws.seed();
        assert_eq!(out.status.code(), Some(1), "{what}");
        assert_eq!(fs::read(&ws.db).unwrap(), content, "{what} was modified");
    }
}

// -------------------------------------------------------------------- limits

#[test]
fn oversized_files_and_identifiers_get_clear_errors() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let huge = "word ".repeat(4 * 1024 * 1024);
    ws.write("articles/2024-09-02-tlf-drops-referendum.txt", &huge);
    let long_id = "a".repeat(200);
    ws.edit(
        "articles/2023-06-10-port-vell-round-one.toml",
        "id = \"norland-offers-mediation\"",
        &format!("id = \"{long_id}\""),
    );
    let before = fs::read(&ws.db).unwrap();
    let out = ws.seed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("seed files may be at most 16777216"), "{err}");
    assert!(
        err.contains("is not a valid position id") && err.contains("at most 128 characters"),
        "{err}"
    );
    assert_eq!(fs::read(&ws.db).unwrap(), before);
}

#[test]
fn an_absurdly_long_quote_is_reported_quickly() {
    let ws = Workspace::new(&tessaly_seeds());
    let long = "the sides agreed ".repeat(60_000); // about 1 MB
    ws.edit(
        "articles/2023-06-10-port-vell-round-one.toml",
        "quote = \"A second round is proposed for July in Port Vell.\"",
        &format!("quote = \"{long}\""),
    );
    let started = Instant::now();
    let out = ws.seed();
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "quote not found");
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_crash() {
    let ws = Workspace::new(&tessaly_seeds());
    let deep = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    ws.write("articles/2024-09-02-tlf-drops-referendum.toml", &deep);
    let out = ws.seed();
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "tlf-drops-referendum.toml:1:");
}

// --------------------------------------------------- locked or full places

#[test]
fn a_database_being_written_by_another_program_is_not_replaced() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let before = fs::read(&ws.db).unwrap();
    // The sqlite3 shell, in the middle of a write transaction.
    let mut shell = Command::new("sqlite3")
        .arg(&ws.db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the sqlite3 shell runs");
    let mut input = shell.stdin.take().unwrap();
    use std::io::{BufRead, Write};
    writeln!(
        input,
        "BEGIN IMMEDIATE; UPDATE issues SET name = name; SELECT 'locked';"
    )
    .unwrap();
    let mut ready = String::new();
    std::io::BufReader::new(shell.stdout.take().unwrap())
        .read_line(&mut ready)
        .unwrap();
    assert_eq!(ready.trim(), "locked");
    // An edit, so that the seed has something to write, in place or whole.
    ws.edit(B_FACTS, "date = \"2024-08\"", "date = \"2024-08-20\"");
    let out = ws.seed();
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "another program is writing to it");
    writeln!(input, "ROLLBACK;").unwrap();
    drop(input);
    shell.wait().unwrap();
    assert_eq!(fs::read(&ws.db).unwrap(), before);
    assert!(temporaries(ws.dir.path()).is_empty());
    // A shell merely reading it does not stop a seed; it keeps its view.
    let reader = rusqlite::Connection::open(&ws.db).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM demands;")
        .unwrap();
    assert!(ws.seed().status.success());
    assert_eq!(one(&reader, "SELECT count(*) FROM demands"), "4");
}

/// Set to skip, knowingly, the tests that mount a tmpfs (they need root).
const SKIP_MOUNTS: &str = "NEGKB_TEST_SKIP_MOUNTS";

/// Mounts a tmpfs at `dir` with `options`; false when told to skip tests
/// that mount. Fails the test when the machine cannot mount and nobody
/// said to skip, so the test never passes without having run.
fn mount_tmpfs(dir: &Path, options: &str) -> bool {
    if std::env::var_os(SKIP_MOUNTS).is_some() {
        eprintln!("skipped: {SKIP_MOUNTS} is set");
        return false;
    }
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tmpfs", dir.to_str().unwrap()])
        .stderr(Stdio::null())
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "cannot mount a tmpfs (needs root): run the tests as root, or set {SKIP_MOUNTS}=1 to skip this one"
    );
    true
}

fn unmount(dir: &Path) {
    let _ = Command::new("umount").arg(dir).status();
}

#[test]
fn a_full_disk_or_a_read_only_folder_fails_cleanly() {
    let ws = Workspace::new(&tessaly_seeds());
    let place = ws.dir.path().join("small");
    fs::create_dir(&place).unwrap();
    if !mount_tmpfs(&place, "size=2400k") {
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let db = place.join("kb.db");
        let out = seed_into(&db, &ws.seeds);
        assert!(out.status.success(), "{}", stderr(&out));
        let before = fs::read(&db).unwrap();

        // Full: a corpus whose database does not fit in what is left.
        let big = ws.dir.path().join("big");
        generate(&big, 200);
        let out = seed_into(&db, &big);
        assert_eq!(out.status.code(), Some(1));
        assert_stderr_contains(&out, "full");
        assert_eq!(fs::read(&db).unwrap(), before);
        assert!(temporaries(&place).is_empty(), "{:?}", temporaries(&place));

        // Read-only: the same place remounted read-only.
        let remount = Command::new("mount")
            .args(["-o", "remount,ro", place.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(remount.success());
        // Nothing changed: nothing to write.
        let out = seed_into(&db, &ws.seeds);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_stderr_contains(&out, "no article changed");
        // An edit needs a write, which fails.
        ws.edit(B_FACTS, "date = \"2024-08\"", "date = \"2024-08-20\"");
        let out = seed_into(&db, &ws.seeds);
        assert_eq!(out.status.code(), Some(1));
        assert_stderr_contains(&out, "Read-only file system");
        assert_eq!(fs::read(&db).unwrap(), before);
        // Queries still work on a read-only medium.
        let out = run(&["--db", db.to_str().unwrap(), "demands"]);
        assert!(out.status.success(), "{}", stderr(&out));
    });
    unmount(&place);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn a_seed_into_a_missing_folder_says_so() {
    let ws = Workspace::new(&tessaly_seeds());
    let db = ws.dir.path().join("no/such/folder/kb.db");
    let out = seed_into(&db, &ws.seeds);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "no/such/folder");
}

#[cfg(unix)]
#[test]
fn a_new_database_is_world_readable_and_a_replaced_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&ws.db), 0o644);
    fs::set_permissions(&ws.db, fs::Permissions::from_mode(0o600)).unwrap();
    assert!(ws.seed().status.success());
    assert_eq!(mode(&ws.db), 0o600);
}

/// `negkb ... | head -1`: a reader that stops early is not an error, in
/// every format and for export to stdout.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::{BufRead, BufReader};
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let many = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i, 'row' FROM n";
    for args in [
        vec!["--format", "csv", "sql", many],
        vec!["--format", "json", "sql", many],
        vec!["--format", "table", "sql", many],
    ] {
        let mut child = negkb()
            .args(["--db", ws.db_str()])
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is dropped here, closing the pipe.
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

// ----------------------------------------------------- SQLite's side files

/// Runs `sql` in an sqlite3 shell on `db` and kills it with SIGKILL once
/// `side` (a journal or log beside the database) has content: a writer
/// that crashed in the middle.
fn crash_sqlite3_writer(db: &Path, sql: &str, side: &str) {
    use std::io::Write;
    let mut shell = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the sqlite3 shell");
    shell
        .stdin
        .as_mut()
        .unwrap()
        .write_all(sql.as_bytes())
        .unwrap();
    let mut name = db.as_os_str().to_owned();
    name.push(side);
    let side = PathBuf::from(name);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !fs::metadata(&side).is_ok_and(|m| m.len() > 0) {
        assert!(
            std::time::Instant::now() < deadline,
            "{} never appeared",
            side.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    shell.kill().unwrap();
    shell.wait().unwrap();
    assert!(
        fs::metadata(&side).is_ok_and(|m| m.len() > 0),
        "{}",
        side.display()
    );
}

/// After the seed, the database is whole, holds the seeds' facts and has no
/// journal or log beside it.
fn assert_whole_and_alone(ws: &Workspace) {
    let out = ws.query(&["--format", "csv", "demands", "--as-of", "2024-12-31"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("tampered"), "{}", stdout(&out));
    let check = sqlite3(&ws.db, &["PRAGMA integrity_check"]);
    assert_eq!(stdout(&check).trim(), "ok");
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = ws.db.as_os_str().to_owned();
        name.push(suffix);
        assert!(
            !PathBuf::from(name).exists(),
            "{suffix} left beside the database"
        );
    }
}

/// A program that had the old database open in WAL mode and crashed leaves
/// a log of committed changes; the seed applies it to the old file, never
/// to the new one.
#[test]
fn a_stale_write_ahead_log_is_never_applied_to_the_new_database() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    crash_sqlite3_writer(
        &ws.db,
        "PRAGMA journal_mode=WAL;\nPRAGMA wal_autocheckpoint=0;\nUPDATE demands SET text = 'tampered';\nUPDATE evidence SET quote = 'tampered';\n",
        "-wal",
    );
    let out = ws.seed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_stderr_contains(&out, "applied the journal or write-ahead log");
    assert_whole_and_alone(&ws);
}

/// A writer that crashed in a transaction leaves a hot journal: queries say
/// so instead of calling the file foreign, and the seed rolls it back onto
/// the old file before replacing it, with or without --force.
#[test]
fn a_hot_journal_is_reported_and_never_rolled_onto_the_new_database() {
    for force in [false, true] {
        let ws = Workspace::new(&tessaly_seeds()).seeded();
        crash_sqlite3_writer(
            &ws.db,
            "PRAGMA cache_size=1;\nBEGIN;\nUPDATE evidence SET quote = quote || ' tampered';\nUPDATE sources SET text = text || 'tampered';\n",
            "-journal",
        );
        let out = ws.query(&["demands"]);
        assert_eq!(out.status.code(), Some(1));
        assert_stderr_contains(&out, "journal or log of an unfinished write");
        let out = if force { ws.seed_forced() } else { ws.seed() };
        assert!(out.status.success(), "force {force}: {}", stderr(&out));
        assert_whole_and_alone(&ws);
    }
}

/// Seeds running at once never take each other's temporary files for
/// leftovers: every one finishes, none says it removed anything, and a
/// file of the user's named like the old temporary files is kept.
#[test]
fn concurrent_seeds_never_remove_each_others_temporary_files() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let mine = ws.dir.path().join(".negotiations.db.mine.tmp");
    fs::write(&mine, "my notes").unwrap();
    for round in 0..10 {
        let seeds: Vec<_> = (0..4)
            .map(|_| {
                negkb()
                    .args([
                        "--db",
                        ws.db_str(),
                        "seed",
                        "--seeds",
                        ws.seeds.to_str().unwrap(),
                    ])
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for seed in seeds {
            let out = seed.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
            assert!(
                !stderr(&out).contains("removed"),
                "round {round}: {}",
                stderr(&out)
            );
        }
    }
    assert_eq!(fs::read_to_string(&mine).unwrap(), "my notes");
    assert!(temporaries(ws.dir.path()).is_empty());
}

// ---------------------------------------------------- what is not a file

/// Runs `negkb` with `args` and a time limit: special files must not make
/// it wait forever.
fn run_within(args: &[&str], limit: std::time::Duration) -> std::process::Output {
    let mut child = negkb()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("negkb {args:?} ran past {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A FIFO as a registry or an article, or a NUL byte in an article, is an
/// error with its place, not a hang or a broken identity.
#[cfg(unix)]
#[test]
fn special_files_and_nul_bytes_in_the_seeds_are_refused() {
    let limit = std::time::Duration::from_secs(10);
    let ws = Workspace::new(&tessaly_seeds());
    let fifo = |path: &Path| {
        fs::remove_file(path).unwrap();
        let status = Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success());
    };
    fifo(&ws.seeds.join("parties.toml"));
    fifo(
        &ws.seeds
            .join("articles/2024-09-02-tlf-drops-referendum.txt"),
    );
    let out = run_within(&["check", "--seeds", ws.seeds.to_str().unwrap()], limit);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "parties.toml: not a regular file");
    assert_stderr_contains(
        &out,
        "tlf-drops-referendum.txt: unexpected entry in articles/",
    );

    let ws = Workspace::new(&tessaly_seeds());
    let article = ws.seeds.join("articles/2023-06-10-port-vell-round-one.txt");
    let mut text = fs::read(&article).unwrap();
    text.splice(10..10, [0u8]);
    fs::write(&article, text).unwrap();
    let out = run_within(&["check", "--seeds", ws.seeds.to_str().unwrap()], limit);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(
        &out,
        "port-vell-round-one.txt:1:11: the file holds a NUL byte",
    );
}

/// `--db` naming a device is refused and never replaced, even with
/// --force; a symbolic link keeps pointing at the new database; a name
/// starting with `file:` is a file, not a URI.
#[cfg(unix)]
#[test]
fn the_database_path_is_a_file_a_link_to_one_or_nothing() {
    let ws = Workspace::new(&tessaly_seeds());
    let seeds = ws.seeds.to_str().unwrap();
    for force in [&[][..], &["--force"][..]] {
        let mut args = vec!["--db", "/dev/null", "seed", "--seeds", seeds];
        args.extend_from_slice(force);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{force:?}");
        assert_stderr_contains(&out, "a device, FIFO or socket");
        let kind = fs::metadata("/dev/null").unwrap().file_type();
        assert!(std::os::unix::fs::FileTypeExt::is_char_device(&kind));
    }

    let real = ws.dir.path().join("real.db");
    let link = ws.dir.path().join("link.db");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = seed_into(&link, &ws.seeds);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real.is_file());
    let out = run(&["--db", link.to_str().unwrap(), "demands"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = negkb()
        .current_dir(ws.dir.path())
        .args(["--db", "file:x.db", "seed", "--seeds", seeds])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(ws.dir.path().join("file:x.db").is_file());
    let out = negkb()
        .current_dir(ws.dir.path())
        .args(["--db", "file:x.db", "demands"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

// ---------------------------------------------------- writing outside

/// `export` writes only inside --out, whatever the tables are called, and
/// the seed tree's links to files outside it are not followed.
#[cfg(unix)]
#[test]
fn nothing_is_read_or_written_outside_its_folder() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let out = sqlite3(
        &ws.db,
        &["CREATE TABLE \"../escaped\" (a); CREATE TABLE \"/tmp/negkb-escaped\" (a);"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let folder = ws.dir.path().join("export");
    for name in ["../escaped", "/tmp/negkb-escaped"] {
        let out = ws.query(&["export", "--out", folder.to_str().unwrap(), "--table", name]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_stderr_contains(&out, "cannot be a file name in --out");
    }
    // Nor does an export of everything write anything before refusing.
    let out = ws.query(&["export", "--out", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!folder.exists());
    assert!(!ws.dir.path().join("escaped.csv").exists());
    assert!(!Path::new("/tmp/negkb-escaped.csv").exists());
    // Alone on stdout it exports.
    let out = ws.query(&["export", "--out", "-", "--table", "../escaped"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let secret = ws.dir.path().join("secret.txt");
    fs::write(&secret, "a private note").unwrap();
    let article = ws
        .seeds
        .join("articles/2024-09-02-tlf-drops-referendum.txt");
    fs::remove_file(&article).unwrap();
    std::os::unix::fs::symlink(&secret, &article).unwrap();
    let out = ws.seed();
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "a link to a file outside the seeds tree");
    assert!(!stderr(&out).contains("a private note"), "{}", stderr(&out));
}
