//! `negkb draft --compare`: how far a draft agrees with a hand-made fact
//! file, quote by quote.

use std::path::Path;

use rusqlite::types::Value;

use super::{Prepared, Request};
use crate::error::Error;
use crate::model::{Corpus, Evidence};
use crate::output::Table;
use crate::vocab::ValueSet;

/// The comparison: a row per kind of fact and one for all, and notes on
/// each quote missed, each drafted quote without a match and each date or
/// field that differs.
pub struct Comparison {
    /// kind, hand-made, drafted, recalled, recall, precise, precision,
    /// dates compared, dates equal, fields equal.
    pub table: Table,
    /// One line per miss, extra or differing date.
    pub notes: Vec<String>,
}

/// A quote of one kind of fact: code point range and date, and the
/// fields of its fact that a draft must get right (sides, issue, stance,
/// status...), as text.
struct Item {
    start: u32,
    end: u32,
    date: crate::date::Edtf,
    fields: Fields,
}

const KINDS: [&str; 4] = ["demand", "position", "talk", "outcome"];

/// Drafts the article and compares the draft with `existing`.
pub fn compare(existing: &Path, request: &Request) -> Result<Comparison, Error> {
    let prepared = Prepared::read(request)?;
    let (_, draft) = prepared.draft()?;
    let hand = hand_made(&prepared, existing, request.article)?;
    let text = &prepared.text;
    let quote = |i: &Item| {
        let q: String = text
            .chars()
            .skip(i.start as usize)
            .take((i.end - i.start) as usize)
            .collect();
        q.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut totals = [0usize; 7];
    for kind in KINDS {
        let hand = items(&hand, kind, &prepared.slug);
        let drafted = items(&draft, kind, &prepared.slug);
        let counts = compare_kind(kind, (&hand, &drafted), &quote, &mut notes);
        for (t, n) in totals.iter_mut().zip(counts) {
            *t += n;
        }
        rows.push(row(kind, counts));
    }
    rows.push(row("all", totals));
    Ok(Comparison {
        table: Table {
            columns: [
                "kind",
                "hand_made",
                "drafted",
                "recalled",
                "recall",
                "precise",
                "precision",
                "dates_compared",
                "dates_equal",
                "fields_equal",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
        notes,
    })
}

/// The hand-made fact file `existing`, loaded against the article.
fn hand_made(prepared: &Prepared, existing: &Path, article: &Path) -> Result<Corpus, Error> {
    let mut diags = Vec::new();
    let hand_text = crate::seeds::read_article_text(existing, &mut diags)
        .ok_or_else(|| Error::InvalidInput(std::mem::take(&mut diags)))?;
    crate::seeds::load_single(
        &prepared.seeds,
        &prepared.slug,
        (&prepared.text, &hand_text.text),
        (article, existing),
        true,
    )
    .map_err(Error::InvalidInput)
}

/// Compares the hand-made and drafted quotes of one kind of fact, adding a
/// note for each miss, extra, differing date and differing field; returns
/// the counts of hand-made, drafted, recalled, precise, compared, dates
/// equal and fields equal (every field of the fact).
fn compare_kind(
    kind: &str,
    (hand, drafted): (&[Item], &[Item]),
    quote: &dyn Fn(&Item) -> String,
    notes: &mut Vec<String>,
) -> [usize; 7] {
    let overlaps = |a: &Item, b: &Item| a.start < b.end && b.start < a.end;
    let recalled = hand
        .iter()
        .filter(|x| drafted.iter().any(|y| overlaps(x, y)))
        .count();
    let precise = drafted
        .iter()
        .filter(|y| hand.iter().any(|x| overlaps(x, y)))
        .count();
    let (mut compared, mut equal, mut fields_equal) = (0, 0, 0);
    for x in hand {
        let matches: Vec<&Item> = drafted.iter().filter(|y| overlaps(x, y)).collect();
        if matches.is_empty() {
            notes.push(format!("missed {kind}: \"{}\"", quote(x)));
            continue;
        }
        compared += 1;
        if matches.iter().any(|y| same_days(&y.date, &x.date)) {
            equal += 1;
        } else {
            notes.push(format!(
                "{kind} date differs: hand-made {}, drafted {} for \"{}\"",
                x.date,
                matches[0].date,
                quote(x)
            ));
        }
        if matches.iter().any(|y| y.fields == x.fields) {
            fields_equal += 1;
        } else {
            let differ: Vec<String> = x
                .fields
                .iter()
                .zip(&matches[0].fields)
                .filter(|(a, b)| a.1 != b.1)
                .map(|((name, a), (_, b))| format!("{name} hand-made `{a}`, drafted `{b}`"))
                .collect();
            notes.push(format!(
                "{kind} fields differ: {} for \"{}\"",
                differ.join("; "),
                quote(x)
            ));
        }
    }
    for y in drafted
        .iter()
        .filter(|y| !hand.iter().any(|x| overlaps(x, y)))
    {
        notes.push(format!(
            "drafted {kind} not in the hand-made file: \"{}\"",
            quote(y)
        ));
    }
    [
        hand.len(),
        drafted.len(),
        recalled,
        precise,
        compared,
        equal,
        fields_equal,
    ]
}

fn same_days(a: &crate::date::Edtf, b: &crate::date::Edtf) -> bool {
    a.min() == b.min() && a.max() == b.max()
}

fn row(
    kind: &str,
    [hand, drafted, recalled, precise, compared, equal, fields]: [usize; 7],
) -> Vec<Value> {
    let percent = |n: usize, of: usize| match of {
        0 => Value::Null,
        _ => Value::Text(format!("{:.0}%", 100.0 * n as f64 / of as f64)),
    };
    let int = |n: usize| Value::Integer(n as i64);
    vec![
        Value::Text(kind.to_string()),
        int(hand),
        int(drafted),
        int(recalled),
        percent(recalled, hand),
        int(precise),
        percent(precise, drafted),
        int(compared),
        int(equal),
        int(fields),
    ]
}

/// A fact's fields that a draft must get right, by name, as text.
type Fields = Vec<(&'static str, String)>;

/// The quotes of one kind of fact from the article `slug`, each with its
/// fact's fields.
fn items(corpus: &Corpus, kind: &str, slug: &str) -> Vec<Item> {
    let list = |ids: &[String]| {
        let mut ids = ids.to_vec();
        ids.sort();
        ids.join("; ")
    };
    let facts: Vec<(&[Evidence], Fields)> = match kind {
        "demand" => corpus
            .demands
            .iter()
            .map(|f| {
                let fields = vec![
                    ("by", list(&f.by)),
                    ("of", list(&f.of)),
                    ("issue", f.issue.clone()),
                ];
                (f.evidence.as_slice(), fields)
            })
            .collect(),
        "position" => corpus
            .positions
            .iter()
            .map(|f| {
                let fields = vec![
                    ("party", list(&f.parties)),
                    ("issue", f.issue.clone()),
                    ("stance", f.stance.as_str().to_string()),
                ];
                (f.evidence.as_slice(), fields)
            })
            .collect(),
        "talk" => corpus
            .talks
            .iter()
            .map(|f| {
                let fields = vec![
                    ("status", f.status.as_str().to_string()),
                    ("format", f.format.as_str().to_string()),
                    ("parties", list(&f.parties)),
                    ("mediators", list(&f.mediators)),
                ];
                (f.evidence.as_slice(), fields)
            })
            .collect(),
        _ => corpus
            .outcomes
            .iter()
            .map(|f| {
                (
                    f.evidence.as_slice(),
                    vec![("kind", f.kind.as_str().to_string())],
                )
            })
            .collect(),
    };
    facts
        .into_iter()
        .flat_map(|(evidence, fields)| evidence.iter().map(move |e| (e, fields.clone())))
        .filter(|(e, _)| corpus.sources.get(e.source).is_some_and(|s| s.slug == slug))
        .map(|(e, fields)| Item {
            start: e.span.start,
            end: e.span.end,
            date: e.date.clone(),
            fields,
        })
        .collect()
}
