//! `negkb draft`: drafts that pass `check`, that agree with the hand-made
//! fact file of the first article, dates and speakers read from the text,
//! and files never overwritten by accident.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{
    FIRST_ARTICLE, assert_stderr_contains, negkb, repo_seeds, run, stderr, stdout, tessaly_seeds,
};

/// A seeds tree holding the registries of `seeds` and only the article
/// `txt` (copied), without its fact file.
fn tree_with_only(seeds: &Path, txt: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("seeds");
    fs::create_dir_all(root.join("articles")).unwrap();
    for name in ["parties.toml", "issues.toml"] {
        fs::copy(seeds.join(name), root.join(name)).unwrap();
    }
    fs::copy(txt, root.join("articles").join(txt.file_name().unwrap())).unwrap();
    (dir, root)
}

/// Drafts `article` with `extra` arguments into `<slug>.toml` beside it,
/// and returns the draft parsed.
/// A seeds tree with the Tessaly registries and one article, `slug.txt`,
/// holding `text`, without a fact file; returns the tree and the article.
fn tessaly_registries_with(slug: &str, text: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, seeds) = tree_with_only(&tessaly_seeds(), &round_two());
    fs::remove_file(
        seeds
            .join("articles")
            .join(round_two().file_name().unwrap()),
    )
    .unwrap();
    let article = seeds.join(format!("articles/{slug}.txt"));
    fs::write(&article, text).unwrap();
    (dir, seeds, article)
}

fn draft_beside(seeds: &Path, article: &Path, extra: &[&str]) -> toml::Table {
    let out = article.with_extension("toml");
    let mut args = vec![
        "draft",
        article.to_str().unwrap(),
        "--seeds",
        seeds.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert!(result.status.success(), "{}", stderr(&result));
    fs::read_to_string(&out).unwrap().parse().unwrap()
}

fn check(seeds: &Path) {
    let result = run(&["check", "--seeds", seeds.to_str().unwrap()]);
    assert!(
        result.status.success(),
        "draft fails check:\n{}",
        stderr(&result)
    );
}

fn first_article() -> PathBuf {
    repo_seeds().join(format!("articles/{FIRST_ARTICLE}.txt"))
}

fn round_two() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/draft/2024-03-15-port-vell-round-two.txt")
}

#[test]
fn draft_of_the_first_article_passes_check_beside_the_other_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    common::copy_tree(&repo_seeds(), &seeds);
    let article = seeds.join(format!("articles/{FIRST_ARTICLE}.txt"));
    fs::remove_file(article.with_extension("toml")).unwrap();
    let draft = draft_beside(&seeds, &article, &["--published", "2025-05-19"]);
    check(&seeds);
    // It holds facts of each kind, and can be seeded at once.
    for kind in ["demand", "position", "talk"] {
        assert!(
            draft
                .get(kind)
                .and_then(|v| v.as_array())
                .is_some_and(|a| !a.is_empty()),
            "{kind}"
        );
    }
    let db = dir.path().join("n.db");
    assert!(common::seed_into(&db, &seeds).status.success());
}

#[test]
fn drafts_of_the_test_corpus_pass_check() {
    let articles = [
        tessaly_seeds().join("articles/2023-06-10-port-vell-round-one.txt"),
        tessaly_seeds().join("articles/2024-09-02-tlf-drops-referendum.txt"),
        round_two(),
    ];
    for txt in articles {
        let (_dir, seeds) = tree_with_only(&tessaly_seeds(), &txt);
        let article = seeds.join("articles").join(txt.file_name().unwrap());
        // The datelines give the publication day.
        let draft = draft_beside(&seeds, &article, &[]);
        check(&seeds);
        assert!(draft.contains_key("source"));
    }
}

/// Runs `draft --compare` with the hand-made file and returns the rows by kind.
fn compare(hand: &Path, article: &Path, seeds: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec![
        "--format",
        "json",
        "draft",
        "--seeds",
        seeds.to_str().unwrap(),
        "--compare",
        hand.to_str().unwrap(),
        article.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert!(result.status.success(), "{}", stderr(&result));
    serde_json::from_str(&stdout(&result)).unwrap()
}

fn count(row: &serde_json::Value, column: &str) -> f64 {
    row[column].as_f64().unwrap()
}

/// A field's agreement, `equal/compared`, as the two numbers (0/0 when
/// no pair had the field).
fn agreement(row: &serde_json::Value, column: &str) -> (u64, u64) {
    match row[column].as_str() {
        None => (0, 0),
        Some(text) => {
            let (equal, compared) = text.split_once('/').unwrap();
            (equal.parse().unwrap(), compared.parse().unwrap())
        }
    }
}

/// Quote recall and precision at least `quotes`, facts fully right at
/// least `facts` (recall: of the hand-made, precision: of the drafted),
/// every compared date right, and a quote of every kind the draft
/// proposes recalled.
fn assert_quality(rows: &[serde_json::Value], quotes: (f64, f64), facts: (f64, f64)) {
    let all = rows.iter().find(|r| r["kind"] == "all").unwrap();
    for (what, of, least) in [
        ("recalled", "hand_quotes", quotes.0),
        ("precise", "drafted_quotes", quotes.1),
        ("right", "hand_made", facts.0),
        ("right", "drafted", facts.1),
    ] {
        let share = count(all, what) / count(all, of);
        assert!(share >= least, "{what}/{of} below {least}: {all}");
    }
    let (equal, compared) = agreement(all, "date");
    assert!(compared > 0 && equal == compared, "{all}");
    let drafted_kinds = ["demand", "position", "talk", "outcome"];
    for row in rows
        .iter()
        .filter(|r| count(r, "hand_made") > 0.0 && drafted_kinds.iter().any(|k| r["kind"] == *k))
    {
        assert!(
            count(row, "recalled") > 0.0,
            "nothing of a kind recalled: {row}"
        );
    }
}

/// The thresholds are the figures measured (README, "Drafting a new
/// article"), so that a rule that makes the draft worse fails here.
#[test]
fn the_first_article_draft_gets_95_percent_of_its_facts_right_with_every_date_right() {
    let rows = compare(
        &first_article().with_extension("toml"),
        &first_article(),
        &repo_seeds(),
        &["--published", "2025-05-19"],
    );
    let all = rows.iter().find(|r| r["kind"] == "all").unwrap();
    // The hand-made file has 21 facts (3 demands, 6 positions, 6 talks,
    // 1 document, 5 outcomes) quoted 27 times.
    assert_eq!(count(all, "hand_made"), 21.0);
    assert_eq!(count(all, "hand_quotes"), 27.0);
    assert_quality(&rows, (0.88, 0.85), (0.95, 0.95));
}

#[test]
fn the_test_articles_draft_with_full_quote_recall_at_75_percent_precision() {
    for slug in [
        "2023-06-10-port-vell-round-one",
        "2024-09-02-tlf-drops-referendum",
    ] {
        let txt = tessaly_seeds().join(format!("articles/{slug}.txt"));
        let rows = compare(&txt.with_extension("toml"), &txt, &tessaly_seeds(), &[]);
        assert_quality(&rows, (1.0, 0.75), (0.65, 0.65));
    }
}

#[test]
fn compare_works_for_an_article_whose_facts_continue_another() {
    // The second Tessaly article names facts the first one defines.
    let txt = tessaly_seeds().join("articles/2024-09-02-tlf-drops-referendum.txt");
    let rows = compare(&txt.with_extension("toml"), &txt, &tessaly_seeds(), &[]);
    let demands = rows.iter().find(|r| r["kind"] == "demand").unwrap();
    assert_eq!(count(demands, "hand_quotes"), 3.0);
}

/// `--compare` of a seeds tree drafts every article with its fact file
/// held back: each article's rows are those of comparing it alone, and
/// the totals are their sums.
#[test]
fn compare_of_a_tree_gives_each_article_and_the_totals() {
    let result = run(&[
        "--format",
        "json",
        "draft",
        "--compare",
        tessaly_seeds().to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&result)).unwrap();
    let slugs = [
        "2023-06-10-port-vell-round-one",
        "2024-09-02-tlf-drops-referendum",
    ];
    // Six rows (five kinds and all) per article, then the totals.
    assert_eq!(rows.len(), 6 * (slugs.len() + 1));
    for slug in slugs {
        let txt = tessaly_seeds().join(format!("articles/{slug}.txt"));
        let alone = compare(&txt.with_extension("toml"), &txt, &tessaly_seeds(), &[]);
        let in_tree: Vec<serde_json::Value> = rows
            .iter()
            .filter(|r| r["article"] == slug)
            .map(|r| {
                let mut r = r.clone();
                r.as_object_mut().unwrap().remove("article");
                r
            })
            .collect();
        assert_eq!(in_tree, alone, "{slug}");
    }
    let totals: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["article"] == "all 2 articles")
        .collect();
    assert_eq!(totals.len(), 6);
    for total in totals {
        for column in ["hand_made", "drafted", "right", "paired", "recalled"] {
            let sum: f64 = rows
                .iter()
                .filter(|r| r["kind"] == total["kind"] && r["article"] != total["article"])
                .map(|r| count(r, column))
                .sum();
            assert_eq!(count(total, column), sum, "{column} of {total}");
        }
    }
    // The Tessaly fact files hold 12 facts with quotes in their article.
    let all = rows
        .iter()
        .find(|r| r["article"] == "all 2 articles" && r["kind"] == "all")
        .unwrap();
    assert_eq!(count(all, "hand_made"), 12.0);
}

#[test]
fn compare_of_a_tree_with_an_article_is_refused() {
    let txt = tessaly_seeds().join("articles/2023-06-10-port-vell-round-one.txt");
    let result = run(&[
        "draft",
        "--compare",
        tessaly_seeds().to_str().unwrap(),
        txt.to_str().unwrap(),
    ]);
    assert!(!result.status.success());
    assert_stderr_contains(&result, "is a seeds tree");
    let result = run(&[
        "draft",
        "--compare",
        tessaly_seeds().to_str().unwrap(),
        "--published",
        "2024-01-01",
    ]);
    assert!(!result.status.success());
    assert_stderr_contains(&result, "leave out --published");
}

/// The facts of one kind in a draft.
fn facts<'a>(draft: &'a toml::Table, kind: &str) -> Vec<&'a toml::Table> {
    draft
        .get(kind)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_table()).collect())
        .unwrap_or_default()
}

/// The text of `key` in each fact of one kind that has it.
fn texts_of<'a>(draft: &'a toml::Table, kind: &str, key: &str) -> Vec<&'a str> {
    facts(draft, kind)
        .into_iter()
        .filter_map(|f| f.get(key).and_then(|v| v.as_str()))
        .collect()
}

/// The strings of a list field of a fact (`parties`, `mediators`), none
/// when it is absent.
fn strings<'a>(fact: &'a toml::Table, key: &str) -> Vec<&'a str> {
    fact.get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default()
}

fn evidence(fact: &toml::Table) -> &toml::Table {
    fact["evidence"].as_array().unwrap()[0].as_table().unwrap()
}

#[test]
fn dates_and_speakers_are_read_from_the_text() {
    let (_dir, seeds) = tree_with_only(&tessaly_seeds(), &round_two());
    let article = seeds
        .join("articles")
        .join(round_two().file_name().unwrap());
    let draft = draft_beside(&seeds, &article, &[]);
    // Dateline: Friday, March 15, 2024.
    assert_eq!(draft["source"]["published"].as_str(), Some("2024-03-15"));
    let talks = facts(&draft, "talk");
    let talk = |date: &str| {
        talks
            .iter()
            .find(|t| t["date"].as_str() == Some(date))
            .copied()
    };
    // "on Monday": the Monday before, March 11; at Port Vell between the two.
    let met = talk("2024-03-11").expect("the talks on Monday");
    assert_eq!(met["venue"].as_str(), Some("Port Vell"));
    assert_eq!(met["status"].as_str(), Some("held"));
    let parties: Vec<&str> = met["parties"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert_eq!(parties, ["arvenia", "tlf"]);
    // "the first direct talks since June 2019": earlier talks, in June 2019.
    assert_eq!(
        talk("2019-06").expect("the 2019 talks")["format"].as_str(),
        Some("direct")
    );
    // "will be held ... next month": April 2024, planned, between the same sides.
    let next = talk("2024-04").expect("the second round");
    assert_eq!(next["status"].as_str(), Some("planned"));
    assert_eq!(next["parties"], met["parties"]);
    let positions = facts(&draft, "position");
    let position = |issue: &str| {
        positions
            .iter()
            .find(|p| p["issue"].as_str() == Some(issue))
            .copied()
    };
    // "We will not disarm," Rhee said after the meeting: the TLF, on the day of the meeting.
    let disarm = position("security").expect("the TLF's refusal");
    assert_eq!(disarm["party"].as_str(), Some("tlf"));
    assert_eq!(disarm["stance"].as_str(), Some("rejects"));
    assert_eq!(evidence(disarm)["speaker"].as_str(), Some("rhee"));
    assert_eq!(evidence(disarm)["date"].as_str(), Some("2024-03-11"));
    // "last week": Monday to Sunday of the week before publication.
    let referendum = position("status").expect("Arvenia's rejection");
    assert_eq!(referendum["party"].as_str(), Some("arvenia"));
    assert_eq!(
        evidence(referendum)["date"].as_str(),
        Some("2024-03-04/2024-03-10")
    );
    // "The TLF wants ... held by Arvenia": present tense, the publication day.
    let demand = facts(&draft, "demand")
        .into_iter()
        .find(|d| d["issue"].as_str() == Some("prisoners"))
        .expect("the TLF's demand");
    assert_eq!(
        (demand["by"].as_str(), demand["of"].as_str()),
        (Some("tlf"), Some("arvenia"))
    );
    assert_eq!(evidence(demand)["date"].as_str(), Some("2024-03-15"));
    // Every fact says why it was proposed.
    let text = fs::read_to_string(article.with_extension("toml")).unwrap();
    let tables = text.lines().filter(|l| l.starts_with("[[")).count();
    let reasons = text.lines().filter(|l| l.starts_with("# draft: ")).count();
    assert_eq!(tables, reasons);
}

#[test]
fn without_a_dateline_or_published_the_draft_stops_with_a_clear_error() {
    let result = run(&[
        "draft",
        first_article().to_str().unwrap(),
        "--seeds",
        repo_seeds().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    let err = stderr(&result);
    assert!(
        err.contains("--published") && err.contains("relative dates"),
        "{err}"
    );
    assert!(stdout(&result).is_empty());
    let bad = run(&[
        "draft",
        first_article().to_str().unwrap(),
        "--seeds",
        repo_seeds().to_str().unwrap(),
        "--published",
        "2025-05",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_stderr_contains(&bad, "is not a day");
}

#[test]
fn an_existing_out_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine.toml");
    fs::write(&out, "# my careful work\n").unwrap();
    let args = |force: bool| {
        let mut a = vec![
            "draft".to_string(),
            round_two().display().to_string(),
            "--seeds".into(),
            tessaly_seeds().display().to_string(),
            "--out".into(),
            out.display().to_string(),
        ];
        if force {
            a.push("--force".into());
        }
        a
    };
    let refused = negkb().args(args(false)).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert_stderr_contains(&refused, "--force");
    assert_eq!(fs::read_to_string(&out).unwrap(), "# my careful work\n");
    let forced = negkb().args(args(true)).output().unwrap();
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(fs::read_to_string(&out).unwrap().contains("[source]"));
}

#[test]
fn the_draft_on_stdout_is_deterministic() {
    let (article, seeds) = (first_article(), repo_seeds());
    let args = [
        "draft",
        article.to_str().unwrap(),
        "--seeds",
        seeds.to_str().unwrap(),
        "--published",
        "2025-05-19",
    ];
    let (a, b) = (run(&args), run(&args));
    assert!(a.status.success());
    assert!(stdout(&a).contains("[[demand]]"));
    assert_eq!(a.stdout, b.stdout);
}

mod arbitrary_articles {
    use super::*;
    use proptest::prelude::*;

    /// Words and marks the rules react to, in any order.
    const VOCABULARY: &[&str] = &[
        "Arvenia",
        "TLF",
        "Norland",
        "Rhee",
        "Per Aske",
        "Arvenian",
        "demands",
        "wants",
        "will not",
        "rejected",
        "offered",
        "talks",
        "met",
        "round",
        "call",
        "summit",
        "mediated by",
        "in",
        "Port Vell",
        "on Monday",
        "last week",
        "next month",
        "March and April 2022",
        "June 2019",
        "May 20",
        "since",
        "at that time",
        "later that year",
        "a few days after",
        "the first",
        "agreed to",
        "no progress",
        "said",
        "told reporters",
        "“",
        "”",
        "\"",
        "‘",
        "’",
        ",",
        ".",
        ";",
        ":",
        "—",
        "\n",
        "\n\n",
        "which would",
        "and",
        "but",
        "he",
        "We",
        "release",
        "prisoners",
        "disarm",
        "referendum",
        "İ",
        "\u{a0}",
        "2024",
        "By Jo",
        "Author:",
    ];

    fn article() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(prop::sample::select(VOCABULARY), 0..60)
                .prop_map(|words| words.join(" ")),
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any UTF-8 text, given its publication day, drafts into a file
        /// that passes check: no panic and no error.
        #[test]
        fn any_text_drafts_into_a_valid_file(text in article()) {
            let (_dir, seeds) = tree_with_only(&tessaly_seeds(), &round_two());
            let article = seeds.join("articles").join(round_two().file_name().unwrap());
            fs::write(&article, &text).unwrap();
            let request = negkb::draft::Request {
                article: &article,
                seeds: &seeds,
                published: Some("2024-03-15"),
            };
            match negkb::draft::draft(&request) {
                Ok(draft) => {
                    fs::write(article.with_extension("toml"), &draft.toml).unwrap();
                    let corpus = negkb::seeds::load(&seeds);
                    prop_assert!(corpus.is_ok(), "{:?}\n{}", corpus.err(), draft.toml);
                }
                Err(e) => prop_assert!(false, "the draft failed: {e}\n{text:?}"),
            }
        }
    }
}

#[test]
fn a_quotation_by_an_unknown_speaker_is_commented_out_with_the_reason() {
    let (_dir, seeds, article) = tessaly_registries_with(
        "2024-03-20-statement",
        "Statement\n\nMarch 20, 2024 — \"We reject the referendum,\" Mara Voss said on Monday. \
         Arvenia rejected the referendum again.\n",
    );
    let draft = draft_beside(&seeds, &article, &[]);
    check(&seeds);
    let text = fs::read_to_string(article.with_extension("toml")).unwrap();
    assert!(
        text.contains("# draft (not valid as it stands: unknown speaker \"Mara Voss\": add them to parties.toml"),
        "{text}"
    );
    // The other sentence names its party and is drafted as valid.
    let positions = facts(&draft, "position");
    assert_eq!(positions.len(), 1, "{text}");
    assert_eq!(positions[0]["party"].as_str(), Some("arvenia"));
}

/// A copy of the Tessaly tree in which an existing fact holds the id the
/// draft would choose for the TLF's demand of Arvenia on prisoners.
fn tessaly_with_the_demand_id_taken() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    common::copy_tree(&tessaly_seeds(), &seeds);
    for file in [
        "articles/2023-06-10-port-vell-round-one.toml",
        "articles/2024-09-02-tlf-drops-referendum.toml",
    ] {
        let path = seeds.join(file);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replace("tlf-release-500-prisoners", "tlf-arvenia-prisoners"),
        )
        .unwrap();
    }
    check(&seeds);
    (dir, seeds)
}

#[test]
fn drafted_ids_never_collide_with_the_facts_of_other_articles() {
    let (_dir, seeds) = tessaly_with_the_demand_id_taken();
    let ids = drafted_demand_ids_beside_the_others(&seeds);
    assert!(
        ids.iter().any(|id| id == "tlf-arvenia-prisoners-2"),
        "{ids:?}"
    );
}

/// The drafts of the first article and of the test articles, as the binary
/// writes them, pinned in `tests/snapshots/`: a change in a rule shows in
/// review as a change in these files (`cargo insta review`, or
/// `INSTA_UPDATE=always cargo test` and `git diff`).
#[test]
fn drafts_are_pinned() {
    let tessaly = tessaly_seeds();
    let cases = [
        (
            "first-article",
            first_article(),
            repo_seeds(),
            Some("2025-05-19"),
        ),
        (
            "port-vell-round-one",
            tessaly.join("articles/2023-06-10-port-vell-round-one.txt"),
            tessaly.clone(),
            None,
        ),
        (
            "tlf-drops-referendum",
            tessaly.join("articles/2024-09-02-tlf-drops-referendum.txt"),
            tessaly.clone(),
            None,
        ),
        ("port-vell-round-two", round_two(), tessaly.clone(), None),
    ];
    for (name, article, seeds, published) in cases {
        let mut args = vec![
            "draft",
            article.to_str().unwrap(),
            "--seeds",
            seeds.to_str().unwrap(),
        ];
        if let Some(day) = published {
            args.extend(["--published", day]);
        }
        let out = run(&args);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        insta::assert_snapshot!(name, stdout(&out));
    }
}

/// An outcome the text gives before naming any talk is not dropped: it is
/// written commented out, inside a talk of its own, with the reason.
#[test]
fn an_outcome_before_any_talk_is_written_commented_out() {
    let (_dir, seeds, article) = tessaly_registries_with(
        "2023-06-10-lone-outcome",
        "PORT VELL, June 10, 2023 — The two sides agreed to a prisoner exchange, officials said.\n\n\
         Arvenia and the TLF held talks in Port Vell on Friday.\n",
    );
    let out = run(&[
        "draft",
        article.to_str().unwrap(),
        "--seeds",
        seeds.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = stdout(&out);
    assert!(draft.contains("no talk is mentioned before it"), "{draft}");
    assert!(
        draft.contains(
            "#   quote = \"The two sides agreed to a prisoner exchange, officials said.\""
        ),
        "{draft}"
    );
    // The talk named after it is drafted as usual, without that outcome.
    let parsed: toml::Table = draft.parse().unwrap();
    let talks = facts(&parsed, "talk");
    assert_eq!(talks.len(), 1, "{draft}");
    assert!(talks[0].get("outcome").is_none(), "{draft}");
    fs::write(article.with_extension("toml"), &draft).unwrap();
    check(&seeds);
}

/// `the first ... since` with the date before `the first`, or none after
/// it, once made the draft slice the text backwards and panic.
#[test]
fn a_since_before_the_first_does_not_crash_the_draft() {
    for text in [
        "since June the first talks since",
        "Since June, the first talks since then were held.",
        "the first since",
        "Arvenia and the TLF met since March; the first direct talks since",
    ] {
        let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-odd", text);
        let out = run(&[
            "draft",
            article.to_str().unwrap(),
            "--seeds",
            seeds.to_str().unwrap(),
            "--published",
            "2024-03-20",
        ]);
        assert!(out.status.success(), "{text:?}: {}", stderr(&out));
        fs::write(article.with_extension("toml"), stdout(&out)).unwrap();
        check(&seeds);
    }
}

/// A text far beyond any news article is refused at once with its size,
/// not drafted for minutes.
#[test]
fn a_text_far_beyond_an_article_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("2024-03-20-huge.txt");
    let sentence = "Arvenia and the TLF met in Port Vell on Monday. ";
    let text = sentence.repeat(negkb::draft::MAX_ARTICLE_BYTES / sentence.len() + 1);
    fs::write(&article, &text).unwrap();
    let out = run(&[
        "draft",
        article.to_str().unwrap(),
        "--seeds",
        tessaly_seeds().to_str().unwrap(),
        "--published",
        "2024-03-20",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, &format!("the article is {} bytes", text.len()));
}

/// Copies round two among the articles of `seeds`, drafts it there and
/// checks the tree with the draft saved: the ids of the drafted demands.
fn drafted_demand_ids_beside_the_others(seeds: &Path) -> Vec<String> {
    let article = seeds
        .join("articles")
        .join(round_two().file_name().unwrap());
    fs::copy(round_two(), &article).unwrap();
    let draft = draft_beside(seeds, &article, &[]);
    check(seeds);
    facts(&draft, "demand")
        .iter()
        .filter_map(|d| d["id"].as_str().map(String::from))
        .collect()
}

/// Fact ids share one namespace across kinds: a document of another
/// article holding the id the draft would give a demand makes the draft
/// choose another, so the draft still passes check.
#[test]
fn drafted_ids_avoid_the_ids_of_facts_of_other_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    common::copy_tree(&tessaly_seeds(), &seeds);
    let other = seeds.join("articles/2024-09-02-tlf-drops-referendum.toml");
    let text = fs::read_to_string(&other).unwrap();
    fs::write(
        &other,
        format!(
            "{text}\n[[document]]\nid = \"tlf-arvenia-prisoners\"\ntitle = \"T\"\nkind = \"plan\"\n\n  [[document.evidence]]\n  quote = \"The TLF now demands the release of all prisoners held by Arvenia\"\n  date = 2024-09-02\n"
        ),
    )
    .unwrap();
    check(&seeds);
    let ids = drafted_demand_ids_beside_the_others(&seeds);
    assert!(
        ids.iter().any(|id| id == "tlf-arvenia-prisoners-2"),
        "{ids:?}"
    );
}

/// A sentence the article repeats word for word is cited once, with a
/// prefix that picks its first place: a second copy adds nothing, and
/// every further copy made each draft slower than the last.
#[test]
fn a_repeated_sentence_is_cited_once() {
    let sentence = "Arvenia demanded that the TLF disarm its fighters in the north.";
    let text = format!(
        "Arvenia presses the TLF\n\n{sentence}\n\nTalks went on.\n\n{sentence}\n\n{sentence}\n"
    );
    let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-repeated", &text);
    let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
    let demands = facts(&draft, "demand");
    assert_eq!(demands.len(), 1, "{draft:#?}");
    let quotes = demands[0]["evidence"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    assert_eq!(quotes[0]["quote"].as_str(), Some(sentence));
    assert!(quotes[0].get("prefix").is_some(), "{quotes:#?}");
    check(&seeds);
}

/// Mediation said in other words than "mediated by": `X-mediated`,
/// `under the mediation of X`; talks through intermediaries are indirect.
#[test]
fn mediators_and_indirect_talks_in_other_words() {
    for (sentence, format, mediators) in [
        (
            "Arvenia and the TLF held Norland-mediated talks in Port Vell on Monday.",
            "mediated",
            vec!["norland"],
        ),
        (
            "Arvenia and the TLF met under the mediation of Norland on Monday.",
            "mediated",
            vec!["norland"],
        ),
        (
            "Arvenia and the TLF held indirect talks on Monday.",
            "indirect",
            vec![],
        ),
        (
            "Arvenia and the TLF held talks under the auspices of Norland on Monday.",
            "mediated",
            vec!["norland"],
        ),
    ] {
        let text = format!("Talks in Port Vell\n\n{sentence}\n");
        let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-mediation", &text);
        let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
        let talks = facts(&draft, "talk");
        assert_eq!(talks.len(), 1, "{sentence}: {draft:#?}");
        assert_eq!(talks[0]["format"].as_str(), Some(format), "{sentence}");
        assert_eq!(strings(talks[0], "mediators"), mediators, "{sentence}");
        assert_eq!(
            strings(talks[0], "parties"),
            ["arvenia", "tlf"],
            "{sentence}"
        );
        check(&seeds);
    }
}

/// `the two delegations`, `both governments`, `the warring parties`: before
/// any talk with its sides, the two sides the article names most.
#[test]
fn group_words_for_the_sides_are_the_articles_two_main_sides() {
    for sentence in [
        "The two delegations are due to meet in Port Vell on March 28.",
        "Both governments are due to meet in Port Vell on March 28.",
        "The warring parties are due to meet in Port Vell on March 28.",
    ] {
        let text = format!(
            "Talks in Port Vell\n\nArvenia wants the TLF to disarm. The TLF wants Arvenia \
             to free 500 prisoners, and Arvenia refuses.\n\n{sentence}\n"
        );
        let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-sides", &text);
        let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
        let talks = facts(&draft, "talk");
        assert_eq!(talks.len(), 1, "{sentence}: {draft:#?}");
        assert_eq!(
            strings(talks[0], "parties"),
            ["arvenia", "tlf"],
            "{sentence}"
        );
        assert_eq!(talks[0]["status"].as_str(), Some("planned"), "{sentence}");
        assert_eq!(talks[0]["date"].as_str(), Some("2024-03-28"), "{sentence}");
        check(&seeds);
    }
}

/// `rejected the demand`: a stance whose clause names no issue answers the
/// demand it refers back to, with that demand's issue; a demand of an
/// earlier paragraph is too far back to be meant.
#[test]
fn a_stance_on_the_demand_takes_the_issue_of_the_demand_it_answers() {
    let text = "Talks in Port Vell\n\nArvenia demanded that the TLF release all prisoners. \
                The TLF rejected the demand.\n\nThe TLF also rejected the demand again.\n";
    let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-answer", text);
    let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
    let demands = facts(&draft, "demand");
    assert_eq!(demands.len(), 1, "{draft:#?}");
    assert_eq!(demands[0]["issue"].as_str(), Some("prisoners"));
    let positions = facts(&draft, "position");
    assert_eq!(positions.len(), 1, "{draft:#?}");
    assert_eq!(positions[0]["party"].as_str(), Some("tlf"));
    assert_eq!(positions[0]["stance"].as_str(), Some("rejects"));
    assert_eq!(positions[0]["issue"].as_str(), Some("prisoners"));
    assert_eq!(
        positions[0]["responds_to"].as_str(),
        demands[0]["id"].as_str()
    );
    // The second paragraph's rejection is written commented out.
    let written = fs::read_to_string(article.with_extension("toml")).unwrap();
    assert!(
        written.contains("# text = \"The TLF also rejected the demand again\""),
        "{written}"
    );
    check(&seeds);
}

/// `The talks were held from 11 to 14 March`: a later clause dating when
/// the talk met before took place gives its date, over that of the news
/// (`X and Y met, officials said on Monday`: the sides are those before
/// the speech verb).
#[test]
fn a_later_clause_dating_the_talk_gives_its_date() {
    let text = "Talks in Port Vell\n\nArvenia and the TLF met in Port Vell, officials said on \
                Monday. The talks were held from 11 to 14 March. \
                They agreed to exchange lists of detainees.\n";
    let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-held", text);
    let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
    let talks = facts(&draft, "talk");
    assert_eq!(talks.len(), 1, "{draft:#?}");
    assert_eq!(talks[0]["date"].as_str(), Some("2024-03-11/2024-03-14"));
    let quotes: Vec<&str> = talks[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["quote"].as_str().unwrap())
        .collect();
    assert!(
        quotes.contains(&"The talks were held from 11 to 14 March."),
        "{quotes:?}"
    );
    check(&seeds);
}

/// An unnamed source is the part between commas that names one (`X, two
/// officials said`); an actor named in apposition is the speaker, not an
/// unnamed source.
#[test]
fn unnamed_sources_are_cut_at_commas_and_named_actors_are_none() {
    let text = "Talks in Port Vell\n\nThe TLF wants the release of all prisoners, two officials said.\n\n\
                Ilse Rhee, the negotiator who led the delegation, said the TLF wants an \
                independence referendum.\n";
    let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-sources", text);
    let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
    let demands = facts(&draft, "demand");
    assert_eq!(demands.len(), 2, "{draft:#?}");
    let first = evidence(demands[0]);
    assert_eq!(
        first["attribution"].as_str(),
        Some("two officials"),
        "{draft:#?}"
    );
    let second = evidence(demands[1]);
    assert_eq!(second.get("attribution"), None, "{draft:#?}");
    assert_eq!(second["speaker"].as_str(), Some("rhee"), "{draft:#?}");
    check(&seeds);
}

/// `asked both sides to`: a demand of the sides of the talk before.
#[test]
fn a_demand_of_both_sides_is_made_of_the_sides_of_the_talk() {
    let text = "Talks in Port Vell\n\nArvenia and the TLF met in Port Vell on Monday. \
                Norland asked both sides to release all prisoners.\n";
    let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-both", text);
    let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
    let demands = facts(&draft, "demand");
    assert_eq!(demands.len(), 1, "{draft:#?}");
    assert_eq!(demands[0]["by"].as_str(), Some("norland"));
    assert_eq!(strings(demands[0], "of"), ["arvenia", "tlf"], "{draft:#?}");
    check(&seeds);
}

/// A talk between two actors whose registry role makes them leaders
/// (`President`, `Prime Minister`) is a summit; with one, it is not.
#[test]
fn a_talk_between_two_leaders_is_a_summit() {
    let leaders = "\n[[actor]]\nid = \"ost\"\nname = \"Mara Ost\"\nparty = \"arvenia\"\n\
                   role = \"President of Arvenia\"\n\n[[actor]]\nid = \"lund\"\n\
                   name = \"Eva Lund\"\nparty = \"norland\"\nrole = \"Prime Minister of Norland\"\n";
    for (sentence, format) in [
        (
            "Mara Ost and Eva Lund met in Port Vell on Monday.",
            "summit",
        ),
        (
            "Mara Ost and Per Aske met in Port Vell on Monday.",
            "direct",
        ),
    ] {
        let text = format!("Talks in Port Vell\n\n{sentence}\n");
        let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-leaders", &text);
        let registry = seeds.join("parties.toml");
        let parties = fs::read_to_string(&registry).unwrap() + leaders;
        fs::write(&registry, parties).unwrap();
        let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
        let talks = facts(&draft, "talk");
        assert_eq!(talks.len(), 1, "{sentence}: {draft:#?}");
        assert_eq!(talks[0]["format"].as_str(), Some(format), "{sentence}");
        assert_eq!(
            strings(talks[0], "parties"),
            ["arvenia", "norland"],
            "{sentence}"
        );
        check(&seeds);
    }
}

/// `called on X to`, `asks X to`, `asked that`: demands in other words.
#[test]
fn demands_in_other_words() {
    for sentence in [
        "Arvenia called on the TLF to disarm its fighters.",
        "Arvenia asks the TLF to disarm its fighters.",
        "Arvenia asked that the TLF disarm its fighters.",
    ] {
        let text = format!("Talks in Port Vell\n\n{sentence}\n");
        let (_dir, seeds, article) = tessaly_registries_with("2024-03-20-demands", &text);
        let draft = draft_beside(&seeds, &article, &["--published", "2024-03-20"]);
        let demands = facts(&draft, "demand");
        assert_eq!(demands.len(), 1, "{sentence}: {draft:#?}");
        assert_eq!(demands[0]["by"].as_str(), Some("arvenia"), "{sentence}");
        assert_eq!(demands[0]["of"].as_str(), Some("tlf"), "{sentence}");
        check(&seeds);
    }
}

/// A drafted rejection answers the demand drafted in the same article,
/// under the id that demand is finally given, even when another article
/// already holds the id the demand would have had.
#[test]
fn a_rejection_answers_the_drafted_demand_under_its_final_id() {
    let (_dir, seeds) = tessaly_with_the_demand_id_taken();
    let article = seeds.join("articles/2024-05-02-prisoners.txt");
    fs::write(
        &article,
        "A title\n\nThe TLF wants Arvenia to release all prisoners.\n\n\
         Arvenia rejected the demand to release the prisoners.\n",
    )
    .unwrap();
    let draft = draft_beside(&seeds, &article, &["--published", "2024-05-02"]);
    check(&seeds);
    let demands = texts_of(&draft, "demand", "id");
    let answers = texts_of(&draft, "position", "responds_to");
    assert_eq!(answers.len(), 1, "{draft:?}");
    assert!(
        demands.contains(&answers[0]),
        "{answers:?} answer none of {demands:?}"
    );
}

/// `X accepted the plan` answers the plan drafted before it.
#[test]
fn an_answer_to_a_document_responds_to_it() {
    let (_dir, seeds, article) = tessaly_registries_with(
        "2024-05-03-plan",
        "A title\n\nNorland tabled a ten-point plan for the release of prisoners on Monday, \
         and Arvenia accepted the plan on Tuesday.\n",
    );
    let draft = draft_beside(&seeds, &article, &["--published", "2024-05-03"]);
    check(&seeds);
    let documents = texts_of(&draft, "document", "id");
    assert_eq!(documents.len(), 1, "{draft:?}");
    let answers = texts_of(&draft, "position", "responds_to");
    assert_eq!(answers, documents, "{draft:?}");
}
