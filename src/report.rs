//! The briefing: what changed in a window, by party (added, dropped,
//! replaced, unchanged with the stale ones marked), the documents on the
//! table at its end with who accepts and rejects them, and the talks held
//! and planned in it; each line with a verbatim quote and its source.
//! Gathered from the canned queries, written as Markdown for pasting or as
//! one self-contained HTML page (inline CSS and the timeline chart).

use std::collections::BTreeMap;
use std::fmt::Write;

use rusqlite::types::Value;

use crate::chart;
use crate::date::Edtf;
use crate::db::Reader;
use crate::error::Error;
use crate::output::{Table, escape_html as h, escape_md as md};
use crate::query::{self, text_param};

/// What the report covers.
#[derive(Debug, Clone)]
pub struct Request {
    /// First and last day of the baseline period (`--from`).
    pub from: (String, String),
    /// Last day of the window (`--to`).
    pub to: String,
    /// The day before which an unchanged fact last seen is stale.
    pub stale_before: String,
    /// Only this party (an id).
    pub party: Option<String>,
}

/// The changes of a kind, in the order a reader wants them.
const CHANGES: [(&str, &str); 4] = [
    ("added", "Added"),
    ("dropped", "Dropped"),
    ("replaced", "Replaced"),
    ("unchanged", "Unchanged"),
];

/// A quote and where it comes from.
#[derive(Debug, Clone)]
struct Cite {
    quote: String,
    title: String,
    publisher: String,
    published: String,
    url: String,
}

/// One line of the report: what, a few facts about it, and its quote.
#[derive(Debug)]
struct Line {
    head: String,
    details: Vec<String>,
    note: Option<String>,
    cite: Option<Cite>,
}

/// The report, gathered.
#[derive(Debug)]
struct Report {
    title: String,
    scope: String,
    /// Party name → change → lines.
    parties: Vec<(String, BTreeMap<usize, Vec<Line>>)>,
    documents: Vec<Line>,
    talks_held: Vec<Line>,
    talks_ahead: Vec<Line>,
}

/// `name` when set, else `id`.
fn named(table: &Table, row: &[Value], column: &str) -> String {
    let name = table.text(row, &format!("{column}_name"));
    if name.is_empty() {
        table.text(row, column)
    } else {
        name
    }
}

/// The report as Markdown.
pub fn markdown(db: &Reader, request: &Request) -> Result<String, Error> {
    Ok(to_markdown(&gather(db, request)?))
}

/// The report as one self-contained HTML page, with the timeline chart.
pub fn html(db: &Reader, request: &Request) -> Result<String, Error> {
    let report = gather(db, request)?;
    let chart = chart::svg(
        db,
        &chart::Request {
            from: Some(request.from.0.clone()),
            to: Some(request.to.clone()),
            party: request.party.clone(),
        },
    )?;
    Ok(to_html(&report, &chart))
}

/// Runs the queries the report is made of.
fn gather(db: &Reader, request: &Request) -> Result<Report, Error> {
    let party = text_param(request.party.as_deref());
    let changes = query::CHANGES.run(
        db,
        &vec![
            (":from", request.from.0.clone().into()),
            (":from_end", request.from.1.clone().into()),
            (":to", request.to.clone().into()),
            (":party", party.clone()),
            (":stale_before", request.stale_before.clone().into()),
        ],
    )?;
    let texts: BTreeMap<String, String> = changes
        .rows
        .iter()
        .map(|r| (changes.text(r, "id"), changes.text(r, "text")))
        .collect();
    let mut parties: Vec<(String, BTreeMap<usize, Vec<Line>>)> = Vec::new();
    for row in &changes.rows {
        let party_name = named(&changes, row, "party");
        if parties.last().is_none_or(|(p, _)| *p != party_name) {
            parties.push((party_name, BTreeMap::new()));
        }
        let change = changes.text(row, "change");
        let order = CHANGES.iter().position(|(c, _)| *c == change).unwrap_or(3);
        let line = change_line(db, &changes, row, &change, request, &texts)?;
        if let Some((_, lines)) = parties.last_mut() {
            lines.entry(order).or_default().push(line);
        }
    }
    let documents = documents(db, request, &party)?;
    let (talks_held, talks_ahead) = talks(db, request, &party)?;
    let whose = match &request.party {
        Some(p) => parties.first().map_or(p.clone(), |(name, _)| name.clone()),
        None => "every party".into(),
    };
    Ok(Report {
        title: format!("What changed, {} to {}", request.from.0, request.to),
        scope: format!(
            "Baseline: how things stood from {} to {}; changes up to {}; {whose}. An unchanged fact is stale when no source repeated it after {}.",
            request.from.0, request.from.1, request.to, request.stale_before
        ),
        parties,
        documents,
        talks_held,
        talks_ahead,
    })
}

/// The line of one row of `changes`, with the quote that shows it.
fn change_line(
    db: &Reader,
    changes: &Table,
    row: &[Value],
    change: &str,
    request: &Request,
    texts: &BTreeMap<String, String>,
) -> Result<Line, Error> {
    let id = changes.text(row, "id");
    let kind = changes.text(row, "kind");
    let mut details = vec![kind.clone(), named(changes, row, "issue")];
    let date = changes.text(row, "date");
    let mut note = None;
    let cite = match change {
        "replaced" => {
            let by = changes.text(row, "by");
            let first = by.split("; ").next().unwrap_or_default().to_string();
            let successor = texts.get(&first).cloned().unwrap_or(first.clone());
            note = Some(format!("replaced on {date} by: {successor}"));
            cite(db, &first, Pick::Earliest)?
        }
        "dropped" => {
            details.push(format!("dropped {date}"));
            cite(db, &id, Pick::Dropped)?
        }
        "added" => {
            details.push(format!("since {date}"));
            cite(db, &id, Pick::From(request.from.0.clone()))?
        }
        _ => {
            details.push(format!("since {date}"));
            if changes.text(row, "stale") == "1" {
                note = Some(format!(
                    "stale: last seen {}",
                    changes.text(row, "last_seen")
                ));
            }
            cite(db, &id, Pick::Latest)?
        }
    };
    Ok(Line {
        head: changes.text(row, "text"),
        details,
        note,
        cite,
    })
}

/// Which of a fact's quotes shows a change.
enum Pick {
    /// The first quote dated from this day on (else the first).
    From(String),
    /// The first quote.
    Earliest,
    /// The last quote.
    Latest,
    /// The quote saying it was dropped (else the last).
    Dropped,
}

/// One quote of fact `id`, as `pick` says.
fn cite(db: &Reader, id: &str, pick: Pick) -> Result<Option<Cite>, Error> {
    if id.is_empty() {
        return Ok(None);
    }
    let quotes = query::EVIDENCE.run(db, &vec![(":id", id.to_string().into())])?;
    let day = |r: &Vec<Value>| {
        Edtf::parse(&quotes.text(r, "date")).map_or_else(|_| String::new(), |d| d.min_iso())
    };
    let rows = &quotes.rows;
    let chosen = match pick {
        Pick::From(from) => rows.iter().find(|r| day(r) >= from).or(rows.first()),
        Pick::Earliest => rows.first(),
        Pick::Latest => rows.last(),
        Pick::Dropped => rows
            .iter()
            .find(|r| {
                matches!(
                    quotes.text(r, "says").as_str(),
                    "dropped" | "collapsed" | "withdrawn"
                )
            })
            .or(rows.last()),
    };
    Ok(chosen.map(|r| Cite {
        quote: quotes.text(r, "quote"),
        title: quotes.text(r, "source_name"),
        publisher: quotes.text(r, "publisher"),
        published: quotes.text(r, "published"),
        url: quotes.text(r, "url"),
    }))
}

/// The documents on the table at the window's end, with their status and
/// who accepts and who rejects them.
fn documents(db: &Reader, request: &Request, party: &Value) -> Result<Vec<Line>, Error> {
    let table = query::DOCUMENTS.run(
        db,
        &vec![
            (":as_of", request.to.clone().into()),
            (":party", party.clone()),
            (":issue", Value::Null),
        ],
    )?;
    let mut lines = Vec::new();
    for row in &table.rows {
        let mut details = vec![
            table.text(row, "kind"),
            format!("by {}", named(&table, row, "by")),
            table.text(row, "status"),
        ];
        for (column, said) in [
            ("accepted_by", "accepted by"),
            ("rejected_by", "rejected by"),
        ] {
            let who = table.text(row, column);
            if !who.is_empty() {
                details.push(format!("{said} {}", names(db, &who)?));
            }
        }
        let replaced = table.text(row, "replaced_by");
        lines.push(Line {
            head: table.text(row, "title"),
            details,
            note: (!replaced.is_empty()).then(|| format!("revised as {replaced}")),
            cite: cite(db, &table.text(row, "id"), Pick::Latest)?,
        });
    }
    Ok(lines)
}

/// The names of a list of party ids.
fn names(db: &Reader, ids: &str) -> Result<String, Error> {
    let mut out = Vec::new();
    for id in ids.split("; ") {
        let name: Option<String> = db
            .conn
            .query_row("SELECT name FROM parties WHERE id = ?1", [id], |r| r.get(0))
            .ok();
        out.push(name.unwrap_or_else(|| id.to_string()));
    }
    Ok(out.join(", "))
}

/// The talks of the window: held, and planned or proposed (or postponed,
/// or cancelled).
fn talks(db: &Reader, request: &Request, party: &Value) -> Result<(Vec<Line>, Vec<Line>), Error> {
    let table = query::TALKS.run(
        db,
        &vec![
            (":from", request.from.0.clone().into()),
            (":to", request.to.clone().into()),
            (":party", party.clone()),
            (":status", Value::Null),
            (":as_of", request.to.clone().into()),
        ],
    )?;
    let (mut held, mut ahead) = (Vec::new(), Vec::new());
    for row in &table.rows {
        let status = table.text(row, "status");
        let mut details = vec![
            table.text(row, "date"),
            table.text(row, "format"),
            named(&table, row, "parties").replace("; ", ", "),
        ];
        let mediators = named(&table, row, "mediators");
        if !mediators.is_empty() {
            details.push(format!("mediated by {}", mediators.replace("; ", ", ")));
        }
        let venue = table.text(row, "venue");
        if !venue.is_empty() {
            details.push(format!("in {venue}"));
        }
        if status != "held" {
            details.push(status.clone());
        }
        let outcomes = table.text(row, "outcomes");
        let line = Line {
            head: table.text(row, "title"),
            details,
            note: (!outcomes.is_empty()).then(|| format!("outcomes: {outcomes}")),
            cite: cite(db, &table.text(row, "id"), Pick::Latest)?,
        };
        if status == "held" {
            held.push(line);
        } else {
            ahead.push(line);
        }
    }
    Ok((held, ahead))
}

/// Whether `url` is a web address (only those become links).
fn is_web(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

fn to_markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n_{}_\n", md(&report.title), md(&report.scope));
    let line = |out: &mut String, l: &Line| {
        let details: Vec<String> = l
            .details
            .iter()
            .filter(|d| !d.is_empty())
            .map(|d| md(d))
            .collect();
        let _ = writeln!(out, "- **{}** ({})", md(&l.head), details.join(" · "));
        if let Some(note) = &l.note {
            let _ = writeln!(out, "  _{}_", md(note));
        }
        if let Some(c) = &l.cite {
            for q in c.quote.lines() {
                let _ = writeln!(out, "  > {}", md(q));
            }
            let title = if is_web(&c.url) {
                format!("[{}](<{}>)", md(&c.title), c.url.replace('>', "%3E"))
            } else {
                format!("_{}_", md(&c.title))
            };
            let by = [c.publisher.as_str(), c.published.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| md(s))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "  >\n  > — {title}{}{by}",
                if by.is_empty() { "" } else { ", " }
            );
        }
    };
    if report.parties.is_empty() {
        let _ = writeln!(out, "No demand, position or document in this window.\n");
    }
    for (party, changes) in &report.parties {
        let _ = writeln!(out, "## {}\n", md(party));
        for (order, lines) in changes {
            let _ = writeln!(out, "### {}\n", CHANGES[*order].1);
            for l in lines {
                line(&mut out, l);
            }
            out.push('\n');
        }
    }
    for (heading, lines) in [
        ("Documents on the table", &report.documents),
        ("Talks held", &report.talks_held),
        (
            "Talks planned, proposed, postponed or cancelled",
            &report.talks_ahead,
        ),
    ] {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {heading}\n");
        for l in lines {
            line(&mut out, l);
        }
        out.push('\n');
    }
    out
}

/// The page's style: readable on a phone, printable on paper.
const STYLE: &str = "
body { font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1b1b;
       max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; color: #444; }
.scope { color: #555; font-style: italic; }
ul { padding-left: 1.2rem; }
li { margin: 0.6rem 0; }
.details { color: #555; font-size: 0.9rem; }
.note { color: #8a4b00; font-size: 0.9rem; }
blockquote { margin: 0.3rem 0 0 0; padding: 0.2rem 0.8rem; border-left: 3px solid #bbb; color: #333; }
.source { font-size: 0.85rem; color: #555; }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { width: 100%; min-width: 50rem; height: auto; }
@media print { body { max-width: none; font-size: 11pt; } a { color: inherit; }
               figure svg { min-width: 0; }
               li, blockquote { break-inside: avoid; } h2 { break-after: avoid; } }
";

fn to_html(report: &Report, chart: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"scope\">{}</p>\n<figure>{chart}</figure>\n",
        h(&report.title),
        h(&report.title),
        h(&report.scope)
    );
    let list = |out: &mut String, lines: &[Line]| {
        out.push_str("<ul>\n");
        for l in lines {
            let details: Vec<String> = l
                .details
                .iter()
                .filter(|d| !d.is_empty())
                .map(|d| h(d))
                .collect();
            let _ = write!(
                out,
                "<li><strong>{}</strong> <span class=\"details\">{}</span>",
                h(&l.head),
                details.join(" · ")
            );
            if let Some(note) = &l.note {
                let _ = write!(out, "<br><span class=\"note\">{}</span>", h(note));
            }
            if let Some(c) = &l.cite {
                let title = if is_web(&c.url) {
                    format!("<a href=\"{}\">{}</a>", h(&c.url), h(&c.title))
                } else {
                    format!("<cite>{}</cite>", h(&c.title))
                };
                let by: Vec<String> = [&c.publisher, &c.published]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| h(s))
                    .collect();
                let _ = write!(
                    out,
                    "<blockquote>“{}”<br><span class=\"source\">— {title}{}{}</span></blockquote>",
                    h(&c.quote).replace('\n', "<br>"),
                    if by.is_empty() { "" } else { ", " },
                    by.join(", ")
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    };
    if report.parties.is_empty() {
        out.push_str("<p>No demand, position or document in this window.</p>\n");
    }
    for (party, changes) in &report.parties {
        let _ = writeln!(out, "<h2>{}</h2>", h(party));
        for (order, lines) in changes {
            let _ = writeln!(out, "<h3>{}</h3>", CHANGES[*order].1);
            list(&mut out, lines);
        }
    }
    for (heading, lines) in [
        ("Documents on the table", &report.documents),
        ("Talks held", &report.talks_held),
        (
            "Talks planned, proposed, postponed or cancelled",
            &report.talks_ahead,
        ),
    ] {
        if !lines.is_empty() {
            let _ = writeln!(out, "<h2>{heading}</h2>");
            list(&mut out, lines);
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
