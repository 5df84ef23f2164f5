//! Bad seeds: each problem gets a message with its place and a hint, a
//! non-zero exit, and the existing database stays byte for byte as it was.

mod common;

use common::*;

const A: &str = "articles/2023-06-10-port-vell-round-one.toml";
const B: &str = "articles/2024-09-02-tlf-drops-referendum.toml";

/// A seeded workspace of the test conflict.
fn seeded() -> Workspace {
    Workspace::new(&tessaly_seeds()).seeded()
}

/// 1-based line of the first occurrence of `needle` in a seed file.
fn line_of(ws: &Workspace, file: &str, needle: &str) -> usize {
    let text = ws.read(file);
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {file}"));
    text[..at].matches('\n').count() + 1
}

/// Seeds again, expecting failure with every `expected` text in stderr and
/// the database untouched; returns stderr.
fn rejected(ws: &Workspace, expected: &[&str]) -> String {
    let before = std::fs::read(&ws.db).unwrap();
    let out = ws.seed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit status; stderr:\n{err}");
    for e in expected {
        assert!(err.contains(e), "stderr lacks {e:?}:\n{err}");
    }
    assert!(err.contains("the database was not changed"), "{err}");
    assert_eq!(std::fs::read(&ws.db).unwrap(), before, "database changed");
    let leftovers: Vec<_> = std::fs::read_dir(ws.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".negkb-seed.tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    err
}

#[test]
fn the_fixture_itself_is_valid() {
    let ws = seeded();
    let out = run(&["check", "--seeds", ws.seeds.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn malformed_toml_points_at_its_line() {
    let ws = seeded();
    let line = line_of(&ws, A, "by = \"arvenia\"");
    ws.edit(A, "by = \"arvenia\"", "by = \"arvenia");
    rejected(&ws, &[&format!("port-vell-round-one.toml:{line}:")]);
}

#[test]
fn unknown_party_names_the_nearest_ids() {
    let ws = seeded();
    let line = line_of(&ws, A, "by = \"arvenia\"");
    ws.edit(A, "by = \"arvenia\"", "by = \"arvenja\"");
    rejected(
        &ws,
        &[
            &format!("port-vell-round-one.toml:{line}:6: unknown party `arvenja`"),
            "did you mean `arvenia`",
        ],
    );
}

#[test]
fn unknown_actor_issue_demand_and_talk_are_each_reported() {
    let ws = seeded();
    ws.edit(A, "speaker = \"rhee\"", "speaker = \"rhe\"");
    ws.edit(A, "issue = \"security\"", "issue = \"securty\"");
    ws.edit(
        A,
        "responds_to = \"arvenia-tlf-disarm\"",
        "responds_to = \"arvenia-tlf-disarmament\"",
    );
    ws.edit(
        A,
        "text = \"Offers to mediate between Arvenia and the TLF\"",
        "text = \"Offers to mediate\"\ntalks = \"port-vell-round-3\"",
    );
    rejected(
        &ws,
        &[
            "unknown actor `rhe`",
            "did you mean `rhee`",
            "unknown issue `securty`",
            "did you mean `security`",
            "unknown demand, position, document or provision `arvenia-tlf-disarmament`",
            "unknown talk `port-vell-round-3`",
            "did you mean `port-vell-round-1` or `port-vell-round-2`",
        ],
    );
}

#[test]
fn a_fact_repeated_with_conflicting_fields_names_both_places() {
    let ws = seeded();
    let first = line_of(&ws, A, "of = \"tlf\"");
    let second = line_of(&ws, B, "of = \"tlf\"");
    ws.edit(B, "of = \"tlf\"", "of = \"norland\"");
    rejected(
        &ws,
        &[
            &format!(
                "tlf-drops-referendum.toml:{second}:6: demand `arvenia-tlf-disarm` has of = \"norland\" here but of = \"tlf\" at"
            ),
            &format!("port-vell-round-one.toml:{first}:6"),
        ],
    );
}

#[test]
fn a_duplicate_registry_id_is_refused() {
    let ws = seeded();
    let text =
        ws.read("parties.toml") + "\n[[party]]\nid = \"tlf\"\nname = \"Other\"\nkind = \"group\"\n";
    ws.write("parties.toml", &text);
    rejected(&ws, &["duplicate party id `tlf`", "first defined at"]);
}

#[test]
fn a_quote_not_in_the_article_shows_the_closest_passage() {
    let ws = seeded();
    let line = line_of(&ws, A, "Norland offered in April");
    ws.edit(
        A,
        "Norland offered in April to mediate",
        "Norland offered in May to mediate",
    );
    rejected(
        &ws,
        &[
            &format!("port-vell-round-one.toml:{line}:11: quote not found in"),
            "the closest passage is at",
            "port-vell-round-one.txt:17:1: \"Norland offered in April",
        ],
    );
}

#[test]
fn an_ambiguous_quote_lists_every_place_and_prefix_picks_one() {
    let ws = seeded();
    ws.edit(
        A,
        "quote = \"A second round is proposed for July in Port Vell.\"",
        "quote = \"in Port Vell\"",
    );
    rejected(
        &ws,
        &[
            "quote occurs 3 times",
            "port-vell-round-one.txt:1:",
            "port-vell-round-one.txt:4:",
            "port-vell-round-one.txt:21:37",
            "prefix",
        ],
    );
    ws.edit(
        A,
        "quote = \"in Port Vell\"",
        "quote = \"in Port Vell\"\n  prefix = \"proposed for July\"",
    );
    let out = ws.seed();
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = ws.conn();
    let (quote, start): (String, i64) = conn
        .query_row(
            "SELECT quote, start_offset FROM evidence WHERE talk_id = 'port-vell-round-2'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(quote, "in Port Vell");
    let text = ws.read("articles/2023-06-10-port-vell-round-one.txt");
    let expected = text
        .find("in Port Vell.")
        .map(|b| text[..b].chars().count())
        .unwrap();
    assert_eq!(start as usize, expected);
}

#[test]
fn impossible_and_malformed_dates_are_refused() {
    let ws = seeded();
    let line = line_of(&ws, A, "date = \"2023-01\"");
    ws.edit(A, "date = \"2023-01\"", "date = \"2023-02-29\"");
    ws.edit(A, "date = \"2023-03\"", "date = \"2022-13\"");
    ws.edit(A, "date = \"2023-04\"", "date = \"April\"");
    rejected(
        &ws,
        &[
            &format!(
                "port-vell-round-one.toml:{line}:10: `2023-02-29`: day 29 does not exist in 2023-02"
            ),
            "`2022-13`: month 13 does not exist",
            "`April` is not a date",
        ],
    );
}

#[test]
fn evidence_dated_after_publication_is_refused_but_a_proposed_talk_may_lie_ahead() {
    let ws = seeded();
    // The fixture's second round is proposed for July 2023, after the article
    // of June 2023: that is accepted (the workspace seeded).
    ws.edit(A, "date = \"2023-01\"", "date = \"2023-07\"");
    rejected(
        &ws,
        &["evidence dated 2023-07 begins after the article was published (2023-06-10)"],
    );
}

#[test]
fn a_held_talk_in_the_future_is_refused() {
    let ws = seeded();
    ws.edit(A, "status = \"proposed\"", "status = \"held\"");
    rejected(
        &ws,
        &["evidence dated 2023-07 begins after the article was published"],
    );
}

#[test]
fn an_article_missing_its_twin_is_reported() {
    let ws = seeded();
    std::fs::remove_file(
        ws.seeds
            .join("articles/2024-09-02-tlf-drops-referendum.txt"),
    )
    .unwrap();
    rejected(
        &ws,
        &[
            "2024-09-02-tlf-drops-referendum.toml has no 2024-09-02-tlf-drops-referendum.txt beside it",
        ],
    );

    let ws = seeded();
    std::fs::remove_file(ws.seeds.join(A)).unwrap();
    rejected(
        &ws,
        &[
            "2023-06-10-port-vell-round-one.txt has no 2023-06-10-port-vell-round-one.toml beside it",
        ],
    );
}

#[test]
fn a_fact_without_evidence_is_refused() {
    let ws = seeded();
    let line = line_of(&ws, A, "id = \"norland-offers-mediation\"");
    ws.edit(
        A,
        "  [[position.evidence]]\n  quote = \"Norland offered in April to mediate between the two sides.\"\n  date = \"2023-04\"\n",
        "",
    );
    rejected(
        &ws,
        &[&format!(
            "port-vell-round-one.toml:{line}:6: position `norland-offers-mediation` has no evidence"
        )],
    );
}

#[test]
fn wrong_enumeration_values_list_the_allowed_ones() {
    let ws = seeded();
    let line = line_of(&ws, "parties.toml", "kind = \"group\"");
    ws.edit(A, "stance = \"offers\"", "stance = \"offerz\"");
    ws.edit(A, "status = \"proposed\"", "status = \"delayed\"");
    ws.edit(A, "says = \"added\"", "says = \"adds\"");
    ws.edit("parties.toml", "kind = \"group\"", "kind = \"militia\"");
    rejected(
        &ws,
        &[
            "`offerz` is not a valid stance",
            "supports, opposes, rejects, accepts, offers, proposes, claims",
            "`delayed` is not a valid status",
            "`adds` is not a valid says",
            &format!("parties.toml:{line}:8: `militia` is not a valid kind"),
        ],
    );
}

#[test]
fn an_unknown_field_is_refused_so_typos_do_not_pass() {
    let ws = seeded();
    ws.edit(A, "speaker = \"aske\"", "speakr = \"aske\"");
    rejected(&ws, &["unknown field `speakr`"]);
}

#[test]
fn a_fact_may_replace_one_whose_id_sorts_after_it() {
    let ws = Workspace::new(&tessaly_seeds());
    ws.edit(
        B,
        "id = \"tlf-release-all-prisoners\"",
        "id = \"tlf-0-release-all-prisoners\"",
    );
    let out = ws.seed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        one(
            &ws.conn(),
            "SELECT until FROM demands WHERE id = 'tlf-release-500-prisoners'"
        ),
        "2024-09-02"
    );
}

/// An outcome without an id is named after its talk; another article giving
/// that name to an outcome of another talk is refused, though the two talks
/// are checked at different points of the seed.
#[test]
fn an_outcome_id_taken_in_a_later_article_is_refused() {
    let ws = seeded();
    let mut b = ws.read(B);
    b.push_str(
        r#"
[[talk]]
id = "capital-meeting"
title = "Meeting in the capital"
format = "direct"
status = "held"
date = "2024-08"
parties = ["arvenia", "tlf"]

  [[talk.evidence]]
  quote = "a shift welcomed in Arvenia's capital"

  [[talk.outcome]]
  id = "port-vell-round-1-outcome-1"
  text = "Disarmament repeated"
  kind = "statement"
  quote = "Arvenia repeated in August"
"#,
    );
    ws.write(B, &b);
    rejected(
        &ws,
        &["the outcome named `port-vell-round-1-outcome-1` has the id of another outcome"],
    );
}

#[test]
fn replacing_a_fact_of_another_party_is_refused() {
    let ws = seeded();
    ws.edit(
        B,
        "replaces = \"tlf-release-500-prisoners\"",
        "replaces = \"arvenia-tlf-disarm\"",
    );
    rejected(
        &ws,
        &["replaces `arvenia-tlf-disarm`, which belongs to `arvenia`"],
    );
}

#[test]
fn a_speaker_outside_their_time_is_refused() {
    let ws = seeded();
    ws.edit("parties.toml", "from = \"2020\"", "from = \"2024\"");
    rejected(&ws, &["`rhee` did not speak for tlf at 2023-05-20"]);
}

#[test]
fn invalid_utf8_is_reported_with_its_place() {
    let ws = seeded();
    let mut bytes = std::fs::read(ws.seeds.join("issues.toml")).unwrap();
    bytes.extend_from_slice(b"\n# \xff\n");
    std::fs::write(ws.seeds.join("issues.toml"), bytes).unwrap();
    rejected(&ws, &["issues.toml:", "not valid UTF-8"]);
}

#[test]
fn usage_errors_exit_with_2() {
    let out = run(&["seed", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["changes", "--from", "2022-13"]);
    assert_eq!(out.status.code(), Some(2));
    assert_stderr_contains(&out, "month 13 does not exist");
}

#[test]
fn a_missing_seeds_directory_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = seed_into(&db, &dir.path().join("nowhere"));
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "seeds directory not found");
    assert!(!db.exists());
}

#[test]
fn seed_refuses_to_replace_a_file_that_is_not_a_negkb_database() {
    let ws = Workspace::new(&tessaly_seeds());
    std::fs::write(&ws.db, "precious notes\n").unwrap();
    let out = ws.seed();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("not an SQLite database, not a negkb database; refusing to replace it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&ws.db).unwrap(), "precious notes\n");

    let other = rusqlite::Connection::open(ws.db.with_extension("other")).unwrap();
    other
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(other);
    std::fs::rename(ws.db.with_extension("other"), &ws.db).unwrap();
    let before = std::fs::read(&ws.db).unwrap();
    let out = ws.seed();
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "another application");
    assert_eq!(std::fs::read(&ws.db).unwrap(), before);

    let out = ws.seed_forced();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(one(&ws.conn(), "SELECT count(*) FROM demands"), "4");
}

#[test]
fn contradictions_within_a_fact_are_refused() {
    let ws = seeded();
    // A demand a party makes of itself.
    ws.edit(
        A,
        "by = \"arvenia\"\nof = \"tlf\"",
        "by = \"arvenia\"\nof = \"arvenia\"",
    );
    // A mediator also sitting at the table.
    ws.edit(A, "mediators = [\"norland\"]", "mediators = [\"tlf\"]");
    // An actor who stops before starting.
    ws.edit(
        "parties.toml",
        "role = \"Norland's envoy\"",
        "role = \"Norland's envoy\"\nfrom = \"2020\"\nuntil = \"2019\"",
    );
    rejected(
        &ws,
        &[
            "demand `arvenia-tlf-disarm` is made by `arvenia` of itself",
            "talk `port-vell-round-1` lists `tlf` both as a party and as a mediator",
            "actor `aske` stops speaking (2019) before starting (2020)",
        ],
    );
}

#[test]
fn a_prefix_that_does_not_match_says_so() {
    let ws = seeded();
    ws.edit(
        A,
        "quote = \"A second round is proposed for July in Port Vell.\"",
        "quote = \"A second round is proposed for July in Port Vell.\"\n  prefix = \"nothing like this\"",
    );
    rejected(
        &ws,
        &[
            "quote found in",
            "but not with this prefix or suffix",
            "port-vell-round-one.txt:21:1",
        ],
    );
}

// ------------------------------------------------------------ format 2

/// Demands, positions, documents, provisions, talks and outcomes share one
/// namespace of ids.
#[test]
fn an_id_shared_by_two_kinds_of_fact_is_refused() {
    let ws = seeded();
    ws.edit(
        B,
        "id = \"tlf-release-all-prisoners\"",
        "id = \"port-vell-round-1\"",
    );
    rejected(
        &ws,
        &[
            "demand `port-vell-round-1` has the id of the talk at",
            "share one namespace of ids",
        ],
    );
}

/// A reference names a fact of a kind the field takes.
#[test]
fn a_reference_to_a_fact_of_the_wrong_kind_is_refused() {
    let ws = seeded();
    ws.edit(
        B,
        "replaces = \"tlf-release-500-prisoners\"",
        "replaces = \"tlf-release-500-prisoners\"\nresponds_to = \"port-vell-round-1\"\ncondition_for = [\"tlf-independence-referendum\"]",
    );
    let line = line_of(&ws, B, "responds_to = \"port-vell-round-1\"");
    rejected(
        &ws,
        &[
            &format!(
                "tlf-drops-referendum.toml:{line}:15: `responds_to` names `port-vell-round-1`, a talk, not a demand, position, document or provision"
            ),
            "`condition_for` names `tlf-independence-referendum`, a demand, not a talk, document or position",
        ],
    );
}

/// A reversed interval, a talk round that is not a number of rounds, an
/// unknown member of a coalition, and an actor given both `party` and
/// `[[actor.term]]`.
#[test]
fn broken_format_2_fields_are_each_reported() {
    let ws = seeded();
    ws.edit(A, "date = \"2023-01\"", "date = \"2023-04/2023-01\"");
    ws.edit(
        "parties.toml",
        "[[actor]]\nid = \"aske\"",
        "  [[actor.term]]\n  party = \"tlf\"\n\n[[actor]]\nid = \"aske\"",
    );
    let text = ws.read("parties.toml");
    ws.write(
        "parties.toml",
        &format!("{text}\n[[party]]\nid = \"mediators\"\nname = \"The mediators\"\nkind = \"coalition\"\nmembers = [\"norlnd\"]\n"),
    );
    rejected(
        &ws,
        &[
            "`2023-04/2023-01` ends before it starts",
            "actor `rhee` needs either `party` (with `role`, `from`, `until`) or [[actor.term]] tables, not both",
            "unknown party `norlnd`",
            "did you mean `norland`?",
        ],
    );
}

/// Document evidence says what happens to a text, not to a demand.
#[test]
fn a_document_and_its_provisions_are_checked() {
    let ws = seeded();
    let text = ws.read(B);
    ws.write(
        B,
        &format!(
            "{text}\n[[document]]\nid = \"tlf-prisoner-plan\"\ntitle = \"TLF prisoner plan\"\nkind = \"plan\"\nby = \"tlf\"\n\n  [[document.evidence]]\n  quote = \"The TLF now demands the release of all prisoners held by Arvenia\"\n  date = 2024-09-02\n  says = \"dropped\"\n\n  [[document.provision]]\n  quote = \"The TLF now demands the release of all prisoners held by Arvenia\"\n"
        ),
    );
    rejected(
        &ws,
        &[
            "`dropped` is not a valid says",
            "says is one of: proposed, held, revised, signed, in-force, suspended, collapsed, withdrawn",
            "this provision has neither an `id` nor a `text`",
        ],
    );
}

/// A version 2 document, joint demand, condition and talk seeds, and the
/// tables say so.
#[test]
fn a_valid_format_2_article_seeds() {
    let ws = seeded();
    let text = ws.read(B);
    ws.write(
        B,
        &format!(
            "{text}\n[[document]]\nid = \"tlf-prisoner-plan\"\ntitle = \"TLF prisoner plan\"\nkind = \"plan\"\nby = [\"tlf\"]\nparties = [\"arvenia\", \"tlf\"]\n\n  [[document.evidence]]\n  quote = \"The TLF now demands the release of all prisoners held by Arvenia\"\n  date = 2024-09-02\n\n  [[document.provision]]\n  text = \"All prisoners released\"\n  demand = \"tlf-release-all-prisoners\"\n  quote = \"release of all prisoners held by Arvenia\"\n"
        ),
    );
    ws.edit(
        B,
        "replaces = \"tlf-release-500-prisoners\"",
        "replaces = \"tlf-release-500-prisoners\"\ncondition_for = \"tlf-prisoner-plan\"\ndue = \"2024-12\"",
    );
    let out = ws.seed();
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = ws.conn();
    assert_eq!(
        one(
            &conn,
            "SELECT kind FROM facts WHERE id = 'tlf-prisoner-plan'"
        ),
        "document"
    );
    assert_eq!(
        one(&conn, "SELECT id || ' ' || demand_id FROM provisions"),
        "tlf-prisoner-plan-provision-1 tlf-release-all-prisoners"
    );
    assert_eq!(
        one(
            &conn,
            "SELECT condition_for FROM conditions WHERE demand_id = 'tlf-release-all-prisoners'"
        ),
        "tlf-prisoner-plan"
    );
    assert_eq!(
        one(
            &conn,
            "SELECT due_max FROM demands WHERE id = 'tlf-release-all-prisoners'"
        ),
        "2024-12-31"
    );
    assert_eq!(
        one(
            &conn,
            "SELECT says FROM evidence WHERE document_id IS NOT NULL"
        ),
        "proposed"
    );
}

/// Messages quote seed files: a control character there is shown, not sent
/// to the terminal.
#[test]
fn control_characters_in_messages_are_shown_not_sent() {
    let ws = seeded();
    // A TOML escape puts an ESC into the id.
    ws.edit(A, "by = \"arvenia\"", "by = \"arv\\u001b[2Jenia\"");
    let err = rejected(&ws, &["\\u{1b}[2J"]);
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

/// Messages stay short whatever the seeds hold: an ambiguous quote lists
/// ten places and counts the rest, and a tree with thousands of the same
/// mistake lists the first 200 problems and counts the rest.
#[test]
fn messages_stay_short_for_many_places_and_many_problems() {
    let ws = seeded();
    let article = "articles/2023-06-10-port-vell-round-one.txt";
    let text = ws.read(article);
    ws.write(article, &format!("{text}\n{}\n", "word ".repeat(5000)));
    ws.edit(
        A,
        "[[demand.evidence]]",
        "[[demand.evidence]]\n  quote = \"word\"\n  date = \"2023-06\"\n\n  [[demand.evidence]]",
    );
    let err = rejected(&ws, &["quote occurs 5000 times", ", and 4990 more places"]);
    assert!(err.len() < 2_000, "{} bytes", err.len());

    let ws = seeded();
    let many: String = (0..500)
        .map(|i| {
            format!(
                "\n[[position]]\nid = \"p{i}\"\nparty = \"tlf\"\nissue = \"prisoners\"\nstance = \"rejects\"\ntext = \"x\"\nresponds_to = \"nosuch-{i}\"\n\n  [[position.evidence]]\n  quote = \"The TLF now demands the release of all prisoners held by Arvenia\"\n  date = 2024-09-02\n"
            )
        })
        .collect();
    let text = ws.read(B);
    ws.write(B, &format!("{text}{many}"));
    let err = rejected(
        &ws,
        &[
            "... and 300 more problems, not listed",
            "500 problems in the seeds",
        ],
    );
    assert_eq!(err.matches("unknown demand, position").count(), 200);
}

/// A hidden article file, or one whose slug is `.`, is reported rather than
/// skipped (which made `check` say `ok (0 articles)`); other hidden files
/// are not articles and are left alone.
#[test]
fn hidden_article_files_are_reported_not_skipped() {
    let ws = seeded();
    let text = ws.read(B);
    ws.write("articles/.2024-09-03-draft.toml", &text);
    ws.write("articles/..toml", &text);
    ws.write("articles/.gitkeep", "");
    rejected(
        &ws,
        &[
            "`.2024-09-03-draft.toml` is hidden, so it is not read",
            "`..toml` is hidden, so it is not read",
        ],
    );
}
