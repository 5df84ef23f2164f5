//! Fuzzing: mutated seed files for the loader, mutated articles for
//! `draft`, and command lines for the real binary. The suite runs a fixed
//! number of cases of each; `NEGKB_FUZZ_SECONDS=600 cargo test --release
//! --test fuzz -- --nocapture` runs each target for that many seconds and
//! prints how many cases ran. A failure is a panic, a draft that fails its
//! own check (an internal error), an exit status other than 0, 1 or 2, or a
//! case that takes over 2 s; each is printed with its input.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

/// Cases of each target in the suite.
const SUITE_CASES: usize = 200;
/// The longest a case may take.
const CASE_LIMIT: Duration = Duration::from_secs(2);

/// A small deterministic generator (xorshift64*), so a failure can be
/// replayed from its case number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Runs `case` on numbered cases, for [`SUITE_CASES`] cases or, with
/// `NEGKB_FUZZ_SECONDS`, for that long; returns how many ran and the
/// failures (case number and what went wrong).
fn fuzz(target: &str, mut case: impl FnMut(&mut Rng) -> Result<(), String>) {
    let budget = std::env::var("NEGKB_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs);
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut n = 0usize;
    while match budget {
        Some(b) => started.elapsed() < b,
        None => n < SUITE_CASES,
    } {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (n as u64 + 1).wrapping_mul(0x1000_0001));
        let begun = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| case(&mut rng)));
        let took = begun.elapsed();
        match outcome {
            Err(_) => failures.push(format!("case {n}: panicked")),
            Ok(Err(why)) => failures.push(format!("case {n}: {why}")),
            Ok(Ok(())) if took > CASE_LIMIT => failures.push(format!("case {n}: took {took:?}")),
            Ok(Ok(())) => {}
        }
        n += 1;
    }
    eprintln!(
        "fuzz {target}: {n} cases in {:.1?}, {} failures",
        started.elapsed(),
        failures.len()
    );
    assert!(failures.is_empty(), "{target}:\n{}", failures.join("\n"));
}

/// Bytes that stress parsers: quotes, brackets, equals, newlines, UTF-8.
const NASTY: &[&[u8]] = &[
    b"\"",
    b"'",
    b"[",
    b"]]",
    b"=",
    b"\n",
    b"\r\n",
    b"\\",
    b"\x00",
    b"\x1b",
    b"\xff",
    "\u{201c}".as_bytes(),
    "\u{2014}".as_bytes(),
    b"..",
    b"/",
    b"2023-02-29",
    b"9999",
    b"-",
    b"#",
    b"{",
    b"}",
    b",",
];

/// `bytes` with a few random edits: a byte changed, removed, repeated, or a
/// nasty piece put in.
fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..=rng.below(6) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 if at < out.len() => out[at] = rng.next() as u8,
            1 if at < out.len() => {
                out.remove(at);
            }
            2 if at < out.len() => {
                let end = (at + rng.below(40)).min(out.len());
                let piece = out[at..end].to_vec();
                out.splice(at..at, piece);
            }
            _ => {
                let piece = rng.pick(NASTY);
                out.splice(at..at, piece.iter().copied());
            }
        }
    }
    out
}

#[test]
fn fuzz_the_loader_with_mutated_seed_files() {
    let ws = Workspace::new(&tessaly_seeds());
    let files = [
        "parties.toml",
        "issues.toml",
        "articles/2023-06-10-port-vell-round-one.toml",
        "articles/2023-06-10-port-vell-round-one.txt",
        "articles/2024-09-02-tlf-drops-referendum.toml",
    ];
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(ws.seeds.join(f)).unwrap())
        .collect();
    fuzz("loader", |rng| {
        let i = rng.below(files.len());
        let path = ws.seeds.join(files[i]);
        fs::write(&path, mutate(rng, &originals[i])).unwrap();
        let result = negkb::seeds::load(&ws.seeds);
        fs::write(&path, &originals[i]).unwrap();
        match result {
            Err(diags) if diags.is_empty() => Err("an error without a problem".into()),
            _ => Ok(()),
        }
    });
}

#[test]
fn fuzz_the_draft_with_mutated_articles() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    fs::create_dir_all(seeds.join("articles")).unwrap();
    for name in ["parties.toml", "issues.toml"] {
        fs::copy(tessaly_seeds().join(name), seeds.join(name)).unwrap();
    }
    let texts: Vec<Vec<u8>> = [
        tessaly_seeds().join("articles/2023-06-10-port-vell-round-one.txt"),
        tessaly_seeds().join("articles/2024-09-02-tlf-drops-referendum.txt"),
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/draft/2024-03-15-port-vell-round-two.txt"),
    ]
    .iter()
    .map(|p| fs::read(p).unwrap())
    .collect();
    let article = seeds.join("articles/2024-03-15-fuzzed.txt");
    fuzz("draft", |rng| {
        let original = rng.pick(&texts).clone();
        let text = mutate(rng, &original);
        let text = String::from_utf8_lossy(&text).replace('\0', " ");
        fs::write(&article, &text).unwrap();
        let request = negkb::draft::Request {
            article: &article,
            seeds: &seeds,
            published: Some("2024-03-15"),
        };
        match negkb::draft::draft(&request) {
            Ok(draft) => {
                fs::write(article.with_extension("toml"), &draft.toml).unwrap();
                let checked = negkb::seeds::load(&seeds);
                fs::remove_file(article.with_extension("toml")).unwrap();
                checked
                    .map(drop)
                    .map_err(|d| format!("the draft fails check: {:?}\n{text:?}", d.first()))
            }
            Err(e) => Err(format!("{e}\n{text:?}")),
        }
    });
}

#[test]
fn fuzz_the_command_line() {
    let ws = Workspace::new(&tessaly_seeds()).seeded();
    let commands: &[&[&str]] = &[
        &["changes", "--from"],
        &["changes", "--to"],
        &["demands", "--as-of"],
        &["positions", "--issue"],
        &["documents", "--party"],
        &["provisions", "--document"],
        &["talks", "--as-of"],
        &["talks", "--status"],
        &["divides", "--party"],
        &["timeline", "--from"],
        &["evidence"],
        &["sql"],
        &["export", "--out", "-"],
        &["export", "--out", "-", "changes", "--from"],
        &["check", "--seeds"],
        &["report", "--from"],
        &["report", "--from", "2023", "--party"],
        &["chart", "--out", "-", "--from"],
        &["chart", "--out", "-", "--party"],
        &["datasette"],
        &["completions"],
        &["man"],
        &["--width", "40", "changes", "--from"],
    ];
    let values: &[&str] = &[
        "2022",
        "2022-13",
        "2022-02-29",
        "present",
        "2022/..",
        "../..",
        "",
        "-",
        "--",
        "tlf",
        "TLF",
        "\u{1b}[2J",
        "0",
        "-1",
        "99999999999999999999",
        "SELECT 1",
        "PRAGMA x",
        "demands",
        "..",
        "/dev/zero",
        "2023-06~",
        "held",
        "nope",
        "bash",
        "changes",
        "x".repeat(300).leak(),
    ];
    let formats = ["table", "csv", "json", "md", "html"];
    fuzz("command line", |rng| {
        let format = *rng.pick(&formats[..]);
        let mut args = vec!["--db", ws.db_str(), "--format", format];
        let command = *rng.pick(commands);
        args.extend_from_slice(command);
        for _ in 0..rng.below(3) + 1 {
            let value = *rng.pick(values);
            args.push(value);
        }
        let out = run(&args);
        match out.status.code() {
            Some(0..=2) => Ok(()),
            other => Err(format!("exit {other:?} for {args:?}: {}", stderr(&out))),
        }
    });
}
