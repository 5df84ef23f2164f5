//! The incremental seed gives what a full seed gives: random sequences of
//! edits, additions, removals, touches and breakages of a corpus whose
//! articles share facts, each followed by a seed in place and a full seed
//! of the same tree with the real binary, whose databases must hold the
//! same rows (row numbers aside) and answer every canned query alike; a
//! seed that fails must fail alike and leave the database as it was.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::*;
use proptest::prelude::*;
use rusqlite::Connection;

/// The facts of each group, each always with the same fields. `d4`
/// replaces `d0`, `q1` answers `d1` and `q2` answers the document of its
/// group: an article may give one without the other, and the seeds are
/// then wrong.
const FACTS: &[&str] = &[
    "d0", "d1", "d2", "d3", "d4", "q0", "q1", "q2", "q3", "t0", "t1", "doc0",
];

/// Groups of facts: an article gives facts of one group, and sometimes
/// one of another, so that articles share facts in clusters.
const GROUPS: usize = 8;

/// The id of fact `f` of group `g`.
fn fact_id(g: usize, f: &str) -> String {
    format!("g{g}-{f}")
}

/// The TOML entry of fact `fact` of group `g`, quoting `sentence`.
fn entry(g: usize, fact: &str, sentence: &str, date: &str, says: &str) -> String {
    let id = fact_id(g, fact);
    let evidence = |kind: &str, says: &str| {
        format!(
            "\n  [[{kind}.evidence]]\n  quote = \"{sentence}\"\n  date = \"{date}\"\n  says = \"{says}\"\n"
        )
    };
    let n: usize = fact[fact.len() - 1..].parse().unwrap_or(0);
    let (by, of) = if n.is_multiple_of(2) {
        ("arvenia", "tlf")
    } else {
        ("tlf", "arvenia")
    };
    let issues = ["security", "status", "prisoners", "mediation"];
    match &fact[..1] {
        "d" if fact != "doc0" => {
            let replaces = if fact == "d4" {
                format!("replaces = \"{}\"\n", fact_id(g, "d0"))
            } else {
                String::new()
            };
            format!(
                "[[demand]]\nid = \"{id}\"\nby = \"{by}\"\nof = \"{of}\"\nissue = \"{}\"\ntext = \"Demand {n}\"\n{replaces}{}",
                issues[n % 4],
                evidence("demand", says)
            )
        }
        "q" => {
            let responds = match fact {
                "q1" => format!("responds_to = [\"{}\"]\n", fact_id(g, "d1")),
                "q2" => format!("responds_to = [\"{}\"]\n", fact_id(g, "doc0")),
                _ => String::new(),
            };
            let stance = ["supports", "opposes", "rejects", "offers"][n % 4];
            format!(
                "[[position]]\nid = \"{id}\"\nparty = \"{by}\"\nissue = \"{}\"\nstance = \"{stance}\"\ntext = \"Position {n}\"\n{responds}{}",
                issues[(n + 1) % 4],
                evidence("position", "held")
            )
        }
        "t" => format!(
            "[[talk]]\nid = \"{id}\"\ntitle = \"Talk {n}\"\nformat = \"mediated\"\nstatus = \"held\"\ndate = \"2023-03-0{}\"\nparties = [\"arvenia\", \"tlf\"]\nmediators = [\"norland\"]\n{}\n  [[talk.outcome]]\n  text = \"Outcome of talk {n}\"\n  kind = \"statement\"\n  quote = \"{sentence}\"\n",
            n + 1,
            evidence("talk", "held")
        ),
        _ => format!(
            "[[document]]\nid = \"{id}\"\ntitle = \"Plan\"\nkind = \"proposal\"\nby = \"tlf\"\nissue = \"status\"\n{}\n  [[document.provision]]\n  text = \"A first provision\"\n  quote = \"{sentence}\"\n",
            evidence("document", says)
        ),
    }
}

/// One version of an article: which facts it gives (group, index in
/// [`FACTS`]), on which day, and what its quotes of demands and documents
/// say.
#[derive(Clone, Debug)]
struct Version {
    facts: Vec<(usize, usize)>,
    day: u32,
    says: usize,
}

fn version() -> impl Strategy<Value = Version> {
    (
        0..GROUPS,
        proptest::sample::subsequence((0..FACTS.len()).collect::<Vec<_>>(), 1..5),
        proptest::option::weighted(0.1, (0..GROUPS, 0..FACTS.len())),
        1u32..28,
        0usize..3,
    )
        .prop_map(|(group, facts, extra, day, says)| {
            let mut facts: Vec<(usize, usize)> = facts.into_iter().map(|f| (group, f)).collect();
            facts.extend(extra.filter(|e| !facts.contains(e)));
            Version { facts, day, says }
        })
}

/// The facts that others name, which the base article of each group
/// always gives (so that most trees are valid): d0, d1 and doc0.
const NAMED: &[usize] = &[0, 1, 11];

/// The base article of group `g`.
fn base(g: usize) -> String {
    format!("base-g{g}")
}

/// Writes article `slug` as `v`; a base article also gives its group's
/// named facts.
fn write_article(seeds: &Path, slug: &str, v: &Version) {
    let mut v = v.clone();
    if let Some(g) = (0..GROUPS).find(|&g| base(g) == slug) {
        for &f in NAMED {
            if !v.facts.contains(&(g, f)) {
                v.facts.push((g, f));
            }
        }
    }
    let date = format!("2024-02-{:02}", v.day);
    let mut text = format!("A report of {date}.\n\n");
    let mut toml = format!("[source]\ntitle = \"Report {slug}\"\npublished = {date}\n\n");
    for (k, &(g, f)) in v.facts.iter().enumerate() {
        let fact = FACTS[f];
        let sentence = format!("In {slug}, item {k} concerns {}.", fact_id(g, fact));
        text.push_str(&sentence);
        text.push('\n');
        let says = match (&fact[..1], v.says) {
            ("d", 1) if fact != "doc0" => "added",
            ("d", 2) if fact != "doc0" => "dropped",
            _ if fact == "doc0" && v.says == 1 => "proposed",
            _ => "held",
        };
        toml.push_str(&entry(g, fact, &sentence, &date, says));
        toml.push('\n');
    }
    let dir = seeds.join("articles");
    fs::write(dir.join(format!("{slug}.txt")), text).unwrap();
    fs::write(dir.join(format!("{slug}.toml")), toml).unwrap();
}

/// A change to the seeds tree; indexes pick among the articles present.
#[derive(Clone, Debug)]
enum Op {
    Edit(usize, Version),
    Add(Version),
    Remove(usize),
    /// Rewrites an article's files unchanged.
    Touch(usize),
    /// Adds a demand by an unknown party to an article.
    Break(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<usize>(), version()).prop_map(|(i, v)| Op::Edit(i, v)),
        3 => version().prop_map(Op::Add),
        3 => any::<usize>().prop_map(Op::Remove),
        1 => any::<usize>().prop_map(Op::Touch),
        1 => any::<usize>().prop_map(Op::Break),
    ]
}

/// Applies `op` to the tree whose articles are `present` (slug → version).
fn apply(seeds: &Path, present: &mut BTreeMap<String, Version>, next: &mut usize, op: &Op) {
    let pick = |i: usize| present.keys().nth(i % present.len().max(1)).cloned();
    match op {
        Op::Edit(i, v) => {
            if let Some(slug) = pick(*i) {
                write_article(seeds, &slug, v);
                present.insert(slug, v.clone());
            }
        }
        Op::Add(v) => {
            let slug = format!("r{next:03}");
            *next += 1;
            write_article(seeds, &slug, v);
            present.insert(slug, v.clone());
        }
        Op::Remove(i) => {
            if let Some(slug) = pick(*i).filter(|s| !s.starts_with("base-")) {
                for ending in ["txt", "toml"] {
                    fs::remove_file(seeds.join(format!("articles/{slug}.{ending}"))).unwrap();
                }
                present.remove(&slug);
            }
        }
        Op::Touch(i) => {
            if let Some(slug) = pick(*i) {
                for ending in ["txt", "toml"] {
                    let path = seeds.join(format!("articles/{slug}.{ending}"));
                    fs::write(&path, fs::read(&path).unwrap()).unwrap();
                }
            }
        }
        Op::Break(i) => {
            if let Some(slug) = pick(*i) {
                let path = seeds.join(format!("articles/{slug}.toml"));
                let mut toml = fs::read_to_string(&path).unwrap();
                toml.push_str(
                    "[[demand]]\nid = \"broken\"\nby = \"nobody\"\nissue = \"status\"\ntext = \"x\"\n",
                );
                fs::write(&path, toml).unwrap();
            }
        }
    }
}

/// Every row of every table, sorted, with the row numbers of `sources`
/// and `evidence` left out and each `source_id` given as its slug:
/// what two databases of the same seeds must agree on. The times of the
/// seed files are left out too (a touched file keeps its bytes).
fn contents(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut all = BTreeMap::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let shown: Vec<String> = columns
            .iter()
            .filter(|c| {
                !(c.as_str() == "id" && (table == "sources" || table == "evidence"))
                    && !(table == "seed_files" && c.as_str() == "modified")
            })
            .map(|c| match c.as_str() {
                "source_id" => "(SELECT slug FROM sources s WHERE s.id = t.source_id)".to_string(),
                _ => format!("quote({c})"),
            })
            .collect();
        let sql = format!("SELECT {} FROM \"{table}\" t", shown.join(" || '|' || "));
        let mut rows: Vec<String> = conn
            .prepare(&sql)
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        all.insert(table, rows);
    }
    all
}

/// The canned queries compared, each in CSV.
const QUERIES: &[&[&str]] = &[
    &["changes", "--from", "2000"],
    &["changes", "--from", "2024-02-10", "--to", "2024-02-20"],
    &["demands"],
    &["positions"],
    &["talks"],
    &["documents"],
    &["provisions"],
    &["timeline"],
    &["divides"],
    &["evidence", "g0-d0"],
    &["evidence", "g1-t1"],
];

fn answers(db: &Path) -> Vec<String> {
    QUERIES
        .iter()
        .map(|q| {
            let mut args = vec!["--db", db.to_str().unwrap(), "--format", "csv"];
            args.extend_from_slice(q);
            let out = run(&args);
            format!(
                "{q:?} exit {:?}\n{}{}",
                out.status.code(),
                stdout(&out),
                stderr(&out)
            )
        })
        .collect()
}

/// Seeds `seeds` into `db` with `extra` arguments.
fn seed(db: &Path, seeds: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "--db",
        db.to_str().unwrap(),
        "seed",
        "--seeds",
        seeds.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// A seeds tree with the test conflict's registries and no article yet.
fn empty_tree(dir: &Path) -> std::path::PathBuf {
    let seeds = dir.join("seeds");
    fs::create_dir_all(seeds.join("articles")).unwrap();
    for registry in ["parties.toml", "issues.toml"] {
        fs::copy(tessaly_seeds().join(registry), seeds.join(registry)).unwrap();
    }
    seeds
}

/// Runs `ops` on a tree of `initial` articles, comparing the seed in place
/// with a full seed after each; returns how many seeds were done in place.
fn check_sequence(initial: &[Version], ops: &[Op]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let seeds = empty_tree(dir.path());
    let mut present = BTreeMap::new();
    let mut next = 0;
    for g in 0..GROUPS {
        write_article(&seeds, &base(g), &initial[g % initial.len()]);
        present.insert(base(g), initial[g % initial.len()].clone());
    }
    for v in initial {
        apply(&seeds, &mut present, &mut next, &Op::Add(v.clone()));
    }
    let (in_place, full) = (dir.path().join("in-place.db"), dir.path().join("full.db"));
    let mut updated = 0;
    for op in std::iter::once(None).chain(ops.iter().map(Some)) {
        if let Some(op) = op {
            apply(&seeds, &mut present, &mut next, op);
        }
        let before = fs::read(&in_place).ok();
        let a = seed(&in_place, &seeds, &[]);
        let b = seed(&full, &seeds, &["--full"]);
        assert_eq!(
            a.status.code(),
            b.status.code(),
            "after {op:?}:\n{}\n{}",
            stderr(&a),
            stderr(&b)
        );
        if !a.status.success() {
            let shown = |out: &std::process::Output, db: &Path| {
                stderr(out).replace(db.to_str().unwrap(), "DB")
            };
            assert_eq!(shown(&a, &in_place), shown(&b, &full), "after {op:?}");
            assert_eq!(
                fs::read(&in_place).ok(),
                before,
                "a failed seed changed the database"
            );
            continue;
        }
        if stderr(&a).starts_with("updated ") {
            updated += 1;
        }
        assert_eq!(
            contents(&in_place),
            contents(&full),
            "after {op:?}:\n{}",
            stderr(&a)
        );
        assert_eq!(answers(&in_place), answers(&full), "after {op:?}");
        let check = Connection::open(&in_place).unwrap();
        let problems: i64 = check
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(problems, 0, "foreign keys after {op:?}");
    }
    updated
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn a_seed_in_place_equals_a_full_seed(
        initial in proptest::collection::vec(version(), 12..24),
        ops in proptest::collection::vec(op(), 1..6),
    ) {
        check_sequence(&initial, &ops);
    }
}

/// A version of an article giving `facts` of group `g` on day `day`.
fn giving(g: usize, facts: &[&str], day: u32) -> Version {
    let index = |f: &&str| FACTS.iter().position(|x| x == f).unwrap();
    Version {
        facts: facts.iter().map(|f| (g, index(f))).collect(),
        day,
        says: 0,
    }
}

/// The summary line of a seed that succeeded.
fn summary(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    stderr(out)
}

#[test]
fn an_edit_reads_again_the_articles_that_share_a_fact_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = empty_tree(dir.path());
    let db = dir.path().join("kb.db");
    // Group 0: the base article gives d0, d1 and doc0; r000 repeats d1;
    // r001 gives d4, which replaces d0. Groups 1 and 2 apart: r002 to
    // r005.
    write_article(&seeds, &base(0), &giving(0, &["q0"], 1));
    write_article(&seeds, "r000", &giving(0, &["d1"], 2));
    write_article(&seeds, "r001", &giving(0, &["d4"], 3));
    write_article(&seeds, "r002", &giving(1, &["q3"], 4));
    write_article(&seeds, "r003", &giving(1, &["t0"], 5));
    write_article(&seeds, "r004", &giving(2, &["q3"], 5));
    write_article(&seeds, "r005", &giving(2, &["d2"], 5));
    assert!(summary(&seed(&db, &seeds, &[])).starts_with("seeded "));

    write_article(&seeds, "r002", &giving(1, &["q3"], 6));
    let out = summary(&seed(&db, &seeds, &[]));
    assert!(
        out.contains("(1 edited, 0 added, 0 removed; 1 article read again)"),
        "{out}"
    );

    // d0 and d1 are shared by the base article with r000 (d1) and r001
    // (through d4 replacing d0).
    write_article(&seeds, &base(0), &giving(0, &["q0"], 7));
    let out = summary(&seed(&db, &seeds, &[]));
    assert!(
        out.contains("(1 edited, 0 added, 0 removed; 3 articles read again)"),
        "{out}"
    );
    let conn = Connection::open(&db).unwrap();
    let until: String = conn
        .query_row("SELECT until FROM demands WHERE id = 'g0-d0'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(until, "2024-02-03", "d0 ends when d4 is first seen");

    // A new article on its own; then removing it.
    write_article(&seeds, "r006", &giving(3, &["q1", "d1"], 8));
    let out = summary(&seed(&db, &seeds, &[]));
    assert!(
        out.contains("(0 edited, 1 added, 0 removed; 1 article read again)"),
        "{out}"
    );
    for ending in ["txt", "toml"] {
        fs::remove_file(seeds.join(format!("articles/r006.{ending}"))).unwrap();
    }
    let out = summary(&seed(&db, &seeds, &[]));
    assert!(
        out.contains("(0 edited, 0 added, 1 removed; 0 articles read again)"),
        "{out}"
    );

    // More than half the articles: rebuilt whole. r004 and r005 join
    // group 0 through d1, with 5 of the 8 articles.
    write_article(&seeds, "r005", &giving(2, &["d2", "q3"], 5));
    let mut joined = giving(2, &["q3"], 9);
    joined.facts.push((0, 1));
    write_article(&seeds, "r004", &joined);
    assert!(summary(&seed(&db, &seeds, &[])).starts_with("seeded "));

    // Files rewritten with the same bytes: nothing changed.
    let text = seeds.join("articles/r003.txt");
    fs::write(&text, fs::read(&text).unwrap()).unwrap();
    assert!(summary(&seed(&db, &seeds, &[])).contains("(no article changed)"));

    // --full, and a change to a registry, rebuild the whole database.
    assert!(summary(&seed(&db, &seeds, &["--full"])).starts_with("seeded "));
    let issues = seeds.join("issues.toml");
    let mut registry = fs::read_to_string(&issues).unwrap();
    registry.push_str("\n[[issue]]\nid = \"water\"\nname = \"Water\"\n");
    fs::write(&issues, registry).unwrap();
    assert!(summary(&seed(&db, &seeds, &[])).starts_with("seeded "));
}

/// A file whose time is well past is recorded with it, so that a later
/// seed need not read it to know it is unchanged; one changed just before
/// the seed is recorded without (its time may not tell a change within the
/// same tick of the clock).
#[test]
fn settled_files_are_recorded_with_their_time_and_fresh_ones_without() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = empty_tree(dir.path());
    let db = dir.path().join("kb.db");
    write_article(&seeds, "r000", &giving(0, &["d1"], 2));
    write_article(&seeds, "r001", &giving(0, &["q0"], 2));
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let old = seeds.join("articles/r000.txt");
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(past)
        .unwrap();
    summary(&seed(&db, &seeds, &[]));
    let conn = Connection::open(&db).unwrap();
    let modified = |path: &str| -> i64 {
        conn.query_row(
            "SELECT modified FROM seed_files WHERE path = ?1",
            [path],
            |r| r.get(0),
        )
        .unwrap()
    };
    let expected = past
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as i64;
    assert_eq!(modified("articles/r000.txt"), expected);
    assert_eq!(modified("articles/r001.txt"), -1);
}

/// Seeds in place killed at points spread over their run (reading,
/// validating, writing, committing): the next seed always succeeds and
/// gives what a full seed of the same tree gives; a killed update's
/// journal is rolled back, never left half applied.
#[test]
fn a_killed_update_in_place_leaves_a_database_the_next_seed_brings_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    generate(&seeds, 600);
    let (db, full) = (dir.path().join("kb.db"), dir.path().join("full.db"));
    summary(&seed(&db, &seeds, &[]));
    let facts = seeds.join("articles/a000007.toml");
    let original = fs::read_to_string(&facts).unwrap();
    let edited = original.replacen("text = \"Party", "text = \"Now party", 1);
    // How long an update takes here, once the files' times are recorded
    // (the first update reads every file generated just before the seed).
    let mut update = std::time::Duration::ZERO;
    for version in [&edited, &original] {
        fs::write(&facts, version).unwrap();
        let started = std::time::Instant::now();
        assert!(summary(&seed(&db, &seeds, &[])).starts_with("updated "));
        update = started.elapsed();
    }
    let mut killed = 0;
    for step in 0..8u32 {
        let version = if step % 2 == 0 { &original } else { &edited };
        fs::write(&facts, version).unwrap();
        let mut child = negkb()
            .args([
                "--db",
                db.to_str().unwrap(),
                "seed",
                "--seeds",
                seeds.to_str().unwrap(),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(update.mul_f64(f64::from(step) / 9.0));
        killed += usize::from(child.try_wait().unwrap().is_none());
        child.kill().ok();
        child.wait().unwrap();
        summary(&seed(&db, &seeds, &[]));
        summary(&seed(&full, &seeds, &["--full"]));
        assert_eq!(
            contents(&db),
            contents(&full),
            "after the kill at step {step}"
        );
    }
    assert!(
        killed > 2,
        "only {killed} of 8 updates were still running when killed"
    );
}
