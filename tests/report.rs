//! The briefing (`report`) and the timeline (`chart`) of the first article,
//! read against the article; the HTML page and the chart opened in a real
//! headless Chromium (installed by `.ci/run`; without it these tests fail);
//! and the copies in `docs/` kept true.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The source line every quote of the first article carries.
const SOURCE: &str =
    "After Call With Putin, Trump Says Russia-Ukraine Ceasefire Talks Will Begin ‘Immediately’";

fn first() -> Workspace {
    Workspace::new(&repo_seeds()).seeded()
}

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    stdout(out)
}

/// The lines of `text` between the heading `from` and the next heading of
/// the same level.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading:?} in:\n{text}"));
    let level = heading.split(' ').next().unwrap();
    let rest = &text[start + heading.len()..];
    let end = rest
        .find(&format!("\n{level} "))
        .map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

#[test]
fn the_markdown_report_tells_what_changed_by_party_with_quotes_and_sources() {
    let ws = first();
    let md = ok(&ws.query(&["report", "--from", "2022", "--to", "2025"]));
    assert!(
        md.starts_with("# What changed, 2022-01-01 to 2025-12-31\n"),
        "{md}"
    );
    // Russia: recognition and withdrawal added, the memorandum added, the
    // neutrality demand unchanged since the 2022 talks and stale.
    let russia = section(&md, "## Russia");
    let added = section(russia, "### Added");
    for text in [
        "Ukraine recognizes the four oblasts Russia annexed in 2022 as part of Russia",
        "Ukrainian forces withdraw from the territory Ukraine holds in the four annexed oblasts",
        "Memorandum on a potential future peace treaty",
    ] {
        assert!(
            added.contains(&format!("**{text}**")),
            "{text} not added:\n{added}"
        );
    }
    let unchanged = section(russia, "### Unchanged");
    assert!(
        unchanged.contains("**Ukraine becomes a neutral state**"),
        "{unchanged}"
    );
    assert!(
        unchanged.contains("_stale: last seen 2022-03/2022-04_"),
        "{unchanged}"
    );
    // The article has a no-break space after "Russia’s".
    assert!(
        unchanged.contains("> At that time, Russia’s\u{a0}main demand was Ukrainian neutrality."),
        "{unchanged}"
    );
    assert!(
        unchanged.contains(&format!("> — _{SOURCE}_, Antiwar.com, 2025-05-19")),
        "{unchanged}"
    );
    // The United States' 2022 stance replaced by the call for talks.
    let us = section(&md, "## United States");
    let replaced = section(us, "### Replaced");
    assert!(
        replaced.contains("**Discouraged the 2022 Russia–Ukraine negotiations**"),
        "{replaced}"
    );
    assert!(
        replaced.contains(
            "replaced on 2025-05-19 by: Russia and Ukraine should immediately start negotiations"
        ),
        "{replaced}"
    );
    // Ukraine will not cede territory; the Holy See offers the Vatican.
    assert!(section(&md, "## Ukraine").contains("**Will not cede territory**"));
    assert!(section(&md, "## Holy See").contains("Pope Leo XIV has offered the Vatican"));
    // The memorandum is on the table, proposed by Russia.
    let documents = section(&md, "## Documents on the table");
    assert!(
        documents.contains(
            "**Memorandum on a potential future peace treaty** (memorandum · by Russia · proposed)"
        ),
        "{documents}"
    );
    // Talks: the Istanbul round and the call held, the negotiations proposed.
    let held = section(&md, "## Talks held");
    assert!(held.contains("**Russia–Ukraine talks in Istanbul** (2025-05-14/2025-05-17 · direct · Russia, Ukraine · in Istanbul)"), "{held}");
    assert!(held.contains("Prisoner swap agreed"), "{held}");
    assert!(held.contains("**Trump–Putin phone call**"), "{held}");
    let ahead = section(&md, "## Talks planned, proposed, postponed or cancelled");
    assert!(ahead.contains("· proposed)"), "{ahead}");
    assert!(
        ahead.contains("“immediately” begin negotiations on a ceasefire"),
        "{ahead}"
    );
    // Every line quotes the article.
    let lines = md.lines().filter(|l| l.starts_with("- **")).count();
    let quotes = md.matches(&format!("— _{SOURCE}_")).count();
    assert_eq!(lines, quotes, "{md}");

    // One party only.
    let ukraine = ok(&ws.query(&[
        "report", "--from", "2022", "--to", "2025", "--party", "Ukraine",
    ]));
    assert!(
        ukraine.contains("## Ukraine") && !ukraine.contains("## Russia"),
        "{ukraine}"
    );
    // A window that ends before it starts, and a format a report is not
    // written in, are refused.
    let reversed = ws.query(&["report", "--from", "2025", "--to", "2022"]);
    assert_eq!(reversed.status.code(), Some(2));
    let csv = ws.query(&["--format", "csv", "report", "--from", "2022"]);
    assert_eq!(csv.status.code(), Some(2));
}

/// A source with a web address is linked, in Markdown and HTML; any other
/// address (here `javascript:`) is shown as text, never as a link.
#[test]
fn sources_are_linked_only_when_their_address_is_a_web_address() {
    let ws = Workspace::new(&tessaly_seeds());
    ws.edit(
        "articles/2023-06-10-port-vell-round-one.toml",
        "published = \"2023-06-10\"",
        "published = \"2023-06-10\"\nurl = \"https://example.org/port-vell?a=1&b=\\\"2\\\"\"",
    );
    ws.edit(
        "articles/2024-09-02-tlf-drops-referendum.toml",
        "published = 2024-09-02",
        "published = 2024-09-02\nurl = \"javascript:alert(1)\"",
    );
    let ws = ws.seeded();
    let md = ok(&ws.query(&["report", "--from", "2023"]));
    assert!(
        md.contains("](<https://example.org/port-vell?a=1&b=\"2\">)"),
        "{md}"
    );
    assert!(!md.contains("javascript:"), "{md}");
    let html = ok(&ws.query(&["--format", "html", "report", "--from", "2023"]));
    assert!(
        html.contains("<a href=\"https://example.org/port-vell?a=1&amp;b=&quot;2&quot;\">"),
        "{html}"
    );
    assert!(!html.contains("javascript:"), "{html}");
}

/// Headless Chromium: the binary and a temporary profile.
fn chromium(args: &[&str]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new(std::env::var("NEGKB_CHROMIUM").unwrap_or_else(|_| "chromium".into()))
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .expect("chromium must be installed (.ci/run installs it), or NEGKB_CHROMIUM name it")
}

/// Width and height of a PNG file, from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = fs::read(path).unwrap();
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn the_html_report_is_one_page_that_renders_in_chromium() {
    let ws = first();
    let page = ws.dir.path().join("report.html");
    ok(&ws.query(&[
        "--format",
        "html",
        "report",
        "--from",
        "2022",
        "--to",
        "2025",
        "--out",
        page.to_str().unwrap(),
    ]));
    let html = fs::read_to_string(&page).unwrap();
    // Self-contained: no script, no stylesheet or image fetched.
    for outside in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    assert!(html.contains("<meta name=\"viewport\"") && html.contains("@media print"));
    // Chromium builds the document we wrote: the headings, every line, the
    // chart inline.
    let dom = ok(&chromium(&[
        "--dump-dom",
        &format!("file://{}", page.display()),
    ]));
    assert!(
        dom.contains("<h1>What changed, 2022-01-01 to 2025-12-31</h1>"),
        "{dom}"
    );
    for heading in [
        "Russia",
        "Ukraine",
        "United States",
        "Holy See",
        "Documents on the table",
        "Talks held",
    ] {
        assert!(
            dom.contains(&format!("<h2>{heading}</h2>")),
            "{heading} missing"
        );
    }
    assert_eq!(dom.matches("<li>").count(), html.matches("<li>").count());
    assert!(dom.contains("<figure><svg"), "the chart is inline");
    // And paints it: a screenshot of a real page, at a desktop and a
    // phone's width.
    for (width, height) in [(1000, 1400), (390, 844)] {
        let shot = ws.dir.path().join(format!("report-{width}.png"));
        let out = chromium(&[
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size={width},{height}"),
            &format!("file://{}", page.display()),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(png_size(&shot), (width, height));
        let size = fs::metadata(&shot).unwrap().len();
        assert!(
            size > 30_000,
            "a {width}px screenshot of {size} bytes is nearly blank"
        );
    }
}

#[test]
fn the_chart_draws_a_row_per_fact_a_mark_per_quote_and_the_talks() {
    let ws = first();
    let svg = ok(&ws.query(&["chart", "--from", "2022", "--to", "2025", "--out", "-"]));
    let doc = roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    // The legend has three bars (and one for ended facts), a quote mark and
    // two talk marks; the first article has 3 demands, 6 positions and a
    // document, 6 talks, and the demands', positions' and document's quotes.
    let conn = ws.conn();
    let quotes: usize = one(&conn, "SELECT count(*) FROM evidence WHERE demand_id IS NOT NULL OR position_id IS NOT NULL OR document_id IS NOT NULL").parse().unwrap();
    assert_eq!(count("rect"), 10 + 4);
    assert_eq!(count("circle"), quotes + 1);
    assert_eq!(count("polygon"), 6 + 2);
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    for label in [
        "Russia",
        "Ukraine",
        "United States",
        "Holy See",
        "Talks",
        "Ukraine becomes a neutral state",
        "2022-01-01 to 2025-12-31",
        "demand",
        "talk held",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(label)),
            "no {label:?} in {texts:?}"
        );
    }
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Trump–Putin phone call (held, 2025-05-19..2025-05-19)")),
        "{titles:?}"
    );
    assert!(titles.iter().any(|t| t.starts_with("Discouraged the 2022 Russia–Ukraine negotiations (position), since 2022-03-01, until 2025-05-19")), "{titles:?}");
    // One party.
    let ukraine = ok(&ws.query(&["chart", "--party", "ukraine", "--out", "-"]));
    let doc = roxmltree::Document::parse(&ukraine).unwrap();
    let bars = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
    assert_eq!(
        bars,
        2 + 4,
        "Ukraine's position, and the memorandum that would bind it"
    );
    // Chromium paints it.
    let file = ws.dir.path().join("chart.svg");
    fs::write(&file, &svg).unwrap();
    let shot = ws.dir.path().join("chart.png");
    let out = chromium(&[
        &format!("--screenshot={}", shot.display()),
        "--window-size=1000,460",
        &format!("file://{}", file.display()),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::metadata(&shot).unwrap().len() > 20_000);
}

/// Text from the seeds that XML and HTML treat specially (`<`, `&`, quote
/// marks, control characters) keeps the chart and the page well-formed.
#[test]
fn markup_in_the_seeds_stays_text() {
    let ws = Workspace::new(&tessaly_seeds());
    ws.edit(
        "articles/2023-06-10-port-vell-round-one.toml",
        "text = \"",
        "text = \"<b>bold</b> & \\\"quoted\\\" \\u0007 ",
    );
    let ws = ws.seeded();
    let svg = ok(&ws.query(&["chart", "--out", "-"]));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    assert!(doc.descendants().any(|n| {
        n.text()
            .is_some_and(|t| t.contains("<b>bold</b> & \"quoted\""))
    }));
    let html = ok(&ws.query(&["--format", "html", "report", "--from", "2023"]));
    assert!(
        html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"),
        "{html}"
    );
    assert!(!html.contains('\u{7}'));
    let md = ok(&ws.query(&["report", "--from", "2023"]));
    assert!(md.contains("\\<b\\>bold\\</b\\> & \"quoted\""), "{md}");
}

/// The report and chart of the first article in `docs/` are what negkb
/// writes today (regenerate with the commands in docs/README.md), and the
/// screenshot there is a real one.
#[test]
fn the_copies_in_docs_are_current() {
    let ws = first();
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs");
    let current = |file: &str, args: &[&str]| {
        let written = ok(&ws.query(args));
        let kept = fs::read_to_string(docs.join(file)).unwrap();
        assert!(
            kept == written,
            "docs/{file} is out of date: regenerate it (docs/README.md)"
        );
    };
    current("report.md", &["report", "--from", "2022", "--to", "2025"]);
    current(
        "report.html",
        &[
            "--format", "html", "report", "--from", "2022", "--to", "2025",
        ],
    );
    current(
        "chart.svg",
        &["chart", "--from", "2022", "--to", "2025", "--out", "-"],
    );
    let (w, h) = png_size(&docs.join("report.png"));
    assert!(w >= 800 && h >= 800, "{w}x{h}");
}
