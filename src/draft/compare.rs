//! `negkb draft --compare`: how far a draft agrees with a hand-made fact
//! file, fact by fact and quote by quote, for one article or for every
//! article of a seeds tree.

use std::path::{Path, PathBuf};

use rusqlite::types::Value;

use super::{Prepared, Request};
use crate::date::Edtf;
use crate::error::Error;
use crate::model::{Corpus, Evidence};
use crate::output::Table;
use crate::vocab::ValueSet;

/// The comparison: rows by kind of fact (and by article for a tree), and
/// a note on each fact missed, each drafted fact without a match and each
/// field that differs.
pub struct Comparison {
    /// See [`COLUMNS`].
    pub table: Table,
    /// One line per miss, extra or differing fact.
    pub notes: Vec<String>,
}

/// The kinds of facts compared, in the order of the rows.
const KINDS: [&str; 5] = ["demand", "position", "talk", "document", "outcome"];

/// The rows of one comparison: each kind, then all of them.
fn row_kinds() -> impl Iterator<Item = &'static str> {
    KINDS.into_iter().chain(["all"])
}

/// The fields a draft must get right, each a column: who (`by` and `of`,
/// `parties`, the talk's sides and mediators, a document's authors and
/// parties), the issue, the stance (a position's stance, a talk's status
/// and format, a document's or outcome's kind) and the date.
const FIELDS: [&str; 4] = ["sides", "issue", "stance", "date"];

/// The columns of the comparison, after `article` for a tree.
const COLUMNS: [&str; 17] = [
    "kind",
    "hand_made",
    "drafted",
    "right",
    "fact_recall",
    "fact_precision",
    "paired",
    "sides",
    "issue",
    "stance",
    "date",
    "hand_quotes",
    "recalled",
    "recall",
    "drafted_quotes",
    "precise",
    "precision",
];

/// Drafts the article and compares the draft with `existing`.
pub fn compare(existing: &Path, request: &Request) -> Result<Comparison, Error> {
    let prepared = Prepared::read(request)?;
    let (counts, notes) = compare_prepared(&prepared, existing)?;
    let rows = row_kinds()
        .zip(&counts)
        .map(|(kind, c)| c.row(kind))
        .collect();
    Ok(Comparison {
        table: Table {
            columns: COLUMNS.map(String::from).to_vec(),
            rows,
        },
        notes,
    })
}

/// Drafts every article of the seeds tree `root` that has a hand-made fact
/// file, with that file held back, and compares the two: rows by article
/// and kind, then the totals of the tree by kind. Each article's
/// publication day is the one its hand-made file gives.
pub fn compare_tree(root: &Path) -> Result<Comparison, Error> {
    let dir = root.join("articles");
    let listing = std::fs::read_dir(&dir).map_err(Error::io(&dir))?;
    let mut articles: Vec<PathBuf> = Vec::new();
    for entry in listing {
        let path = entry.map_err(Error::io(&dir))?.path();
        if path.extension().is_some_and(|e| e == "txt") && path.with_extension("toml").is_file() {
            articles.push(path);
        }
    }
    articles.sort();
    if articles.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no article with a fact file beside it (<slug>.txt and <slug>.toml) to compare",
            dir.display()
        )));
    }
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut totals = vec![Counts::default(); KINDS.len() + 1];
    for article in &articles {
        let existing = article.with_extension("toml");
        let published = hand_published(&existing)?;
        let request = Request {
            article,
            seeds: root,
            published: Some(&published),
        };
        let prepared = Prepared::read(&request)?;
        let (counts, article_notes) = compare_prepared(&prepared, &existing)?;
        let name = Value::Text(prepared.slug.clone());
        for ((kind, c), total) in row_kinds().zip(&counts).zip(&mut totals) {
            total.add(c);
            let mut row = vec![name.clone()];
            row.extend(c.row(kind));
            rows.push(row);
        }
        notes.extend(
            article_notes
                .into_iter()
                .map(|n| format!("{}: {n}", prepared.slug)),
        );
    }
    let n = articles.len();
    let all = Value::Text(format!("all {n} article{}", if n == 1 { "" } else { "s" }));
    for (kind, c) in row_kinds().zip(&totals) {
        let mut row = vec![all.clone()];
        row.extend(c.row(kind));
        rows.push(row);
    }
    let columns = std::iter::once("article")
        .chain(COLUMNS)
        .map(String::from)
        .collect();
    Ok(Comparison {
        table: Table { columns, rows },
        notes,
    })
}

/// The publication day a hand-made fact file gives in `[source]`.
fn hand_published(existing: &Path) -> Result<String, Error> {
    let text = std::fs::read_to_string(existing).map_err(Error::io(existing))?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        Error::Usage(format!(
            "{}: not a fact file ({}); run `negkb check` on the tree first",
            existing.display(),
            e.message()
        ))
    })?;
    table
        .get("source")
        .and_then(|s| s.get("published"))
        .and_then(|p| match p {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Datetime(d) => Some(d.to_string()),
            _ => None,
        })
        .map(|p| p.get(..10).unwrap_or(&p).to_string())
        .ok_or_else(|| {
            Error::Usage(format!(
                "{}: no `published` day in [source] to draft the article with",
                existing.display()
            ))
        })
}

/// The counts of each kind and of all, and the notes.
fn compare_prepared(
    prepared: &Prepared,
    existing: &Path,
) -> Result<(Vec<Counts>, Vec<String>), Error> {
    let (_, draft) = prepared.draft()?;
    let hand = hand_made(prepared, existing)?;
    let text = &prepared.text;
    let quote = |span: (u32, u32)| {
        let q: String = text
            .chars()
            .skip(span.0 as usize)
            .take((span.1 - span.0) as usize)
            .collect();
        q.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut notes = Vec::new();
    let mut counts = Vec::new();
    let mut all = Counts::default();
    for kind in KINDS {
        let hand = facts(&hand, kind, &prepared.slug);
        let drafted = facts(&draft, kind, &prepared.slug);
        let c = compare_kind(kind, (&hand, &drafted), &quote, &mut notes);
        all.add(&c);
        counts.push(c);
    }
    counts.push(all);
    Ok((counts, notes))
}

/// The hand-made fact file `existing`, loaded against the article.
fn hand_made(prepared: &Prepared, existing: &Path) -> Result<Corpus, Error> {
    let mut diags = Vec::new();
    let hand_text = crate::seeds::read_article_text(existing, &mut diags)
        .ok_or_else(|| Error::InvalidInput(std::mem::take(&mut diags)))?;
    crate::seeds::load_single(
        &prepared.seeds,
        &prepared.slug,
        (&prepared.text, &hand_text.text),
        (&prepared.article, existing),
        true,
    )
    .map_err(Error::InvalidInput)
}

/// What is counted for one kind of fact (or all).
#[derive(Default, Clone)]
struct Counts {
    hand: usize,
    drafted: usize,
    /// Paired facts with every field equal.
    right: usize,
    paired: usize,
    /// Per field of [`FIELDS`]: (equal, compared).
    fields: [(usize, usize); 4],
    hand_quotes: usize,
    recalled: usize,
    drafted_quotes: usize,
    precise: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.hand += other.hand;
        self.drafted += other.drafted;
        self.right += other.right;
        self.paired += other.paired;
        for (a, b) in self.fields.iter_mut().zip(other.fields) {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.hand_quotes += other.hand_quotes;
        self.recalled += other.recalled;
        self.drafted_quotes += other.drafted_quotes;
        self.precise += other.precise;
    }

    fn row(&self, kind: &str) -> Vec<Value> {
        let percent = |n: usize, of: usize| match of {
            0 => Value::Null,
            _ => Value::Text(format!("{:.0}%", 100.0 * n as f64 / of as f64)),
        };
        let int = |n: usize| Value::Integer(n as i64);
        let mut row = vec![
            Value::Text(kind.to_string()),
            int(self.hand),
            int(self.drafted),
            int(self.right),
            percent(self.right, self.hand),
            percent(self.right, self.drafted),
            int(self.paired),
        ];
        row.extend(self.fields.iter().map(|&(equal, compared)| match compared {
            0 => Value::Null,
            _ => Value::Text(format!("{equal}/{compared}")),
        }));
        row.extend([
            int(self.hand_quotes),
            int(self.recalled),
            percent(self.recalled, self.hand_quotes),
            int(self.drafted_quotes),
            int(self.precise),
            percent(self.precise, self.drafted_quotes),
        ]);
        row
    }
}

/// One fact of the article: its quotes there (code point ranges and
/// dates) and each field of [`FIELDS`] as text, `None` where the kind has
/// no such field.
struct Fact {
    quotes: Vec<(u32, u32, Edtf)>,
    fields: [Option<String>; 4],
}

impl Fact {
    /// Code points its quotes share with `other`'s.
    fn overlap(&self, other: &Fact) -> u32 {
        let mut shared = 0;
        for a in &self.quotes {
            for b in &other.quotes {
                shared += a.1.min(b.1).saturating_sub(a.0.max(b.0));
            }
        }
        shared
    }

    /// The dates of the quotes of `self` that overlap `other`'s, or the
    /// fact's own date when the kind dates the fact, not its quotes.
    fn date_against(&self, other: &Fact) -> Option<String> {
        if self.fields[3].is_some() {
            return self.fields[3].clone();
        }
        let mut dates: Vec<String> = self
            .quotes
            .iter()
            .filter(|a| other.quotes.iter().any(|b| a.0 < b.1 && b.0 < a.1))
            .map(|a| days(&a.2))
            .collect();
        dates.sort();
        dates.dedup();
        Some(dates.join("; "))
    }
}

/// Pairs the hand-made and drafted facts of one kind, largest shared
/// quote first, and counts; a note for each miss, extra and difference.
fn compare_kind(
    kind: &str,
    (hand, drafted): (&[Fact], &[Fact]),
    quote: &dyn Fn((u32, u32)) -> String,
    notes: &mut Vec<String>,
) -> Counts {
    let overlaps = |a: &(u32, u32, Edtf), b: &(u32, u32, Edtf)| a.0 < b.1 && b.0 < a.1;
    let quotes = |facts: &[Fact]| -> Vec<(u32, u32, Edtf)> {
        facts
            .iter()
            .flat_map(|f| f.quotes.iter().cloned())
            .collect()
    };
    let (hand_quotes, drafted_quotes) = (quotes(hand), quotes(drafted));
    let mut c = Counts {
        hand: hand.len(),
        drafted: drafted.len(),
        hand_quotes: hand_quotes.len(),
        drafted_quotes: drafted_quotes.len(),
        recalled: hand_quotes
            .iter()
            .filter(|x| drafted_quotes.iter().any(|y| overlaps(x, y)))
            .count(),
        precise: drafted_quotes
            .iter()
            .filter(|y| hand_quotes.iter().any(|x| overlaps(x, y)))
            .count(),
        ..Counts::default()
    };
    let mut candidates: Vec<(u32, usize, usize)> = Vec::new();
    for (i, h) in hand.iter().enumerate() {
        for (j, d) in drafted.iter().enumerate() {
            let shared = h.overlap(d);
            if shared > 0 {
                candidates.push((shared, i, j));
            }
        }
    }
    candidates.sort_by_key(|&(shared, i, j)| (std::cmp::Reverse(shared), i, j));
    let mut hand_pair = vec![None; hand.len()];
    let mut drafted_paired = vec![false; drafted.len()];
    for (_, i, j) in candidates {
        if hand_pair[i].is_none() && !drafted_paired[j] {
            hand_pair[i] = Some(j);
            drafted_paired[j] = true;
        }
    }
    let first_quote = |f: &Fact| quote(f.quotes.first().map_or((0, 0), |q| (q.0, q.1)));
    for (h, pair) in hand.iter().zip(&hand_pair) {
        let Some(j) = *pair else {
            notes.push(format!("missed {kind}: \"{}\"", first_quote(h)));
            continue;
        };
        let d = &drafted[j];
        c.paired += 1;
        let mut differ = Vec::new();
        for (f, name) in FIELDS.iter().enumerate() {
            let (a, b) = if f == 3 {
                (h.date_against(d), d.date_against(h))
            } else {
                (h.fields[f].clone(), d.fields[f].clone())
            };
            let (Some(a), Some(b)) = (a, b) else { continue };
            c.fields[f].1 += 1;
            if a == b {
                c.fields[f].0 += 1;
            } else {
                differ.push(format!("{name} hand-made `{a}`, drafted `{b}`"));
            }
        }
        if differ.is_empty() {
            c.right += 1;
        } else {
            notes.push(format!(
                "{kind} differs: {} for \"{}\"",
                differ.join("; "),
                first_quote(h)
            ));
        }
    }
    for (d, paired) in drafted.iter().zip(drafted_paired) {
        if !paired {
            notes.push(format!(
                "drafted {kind} not in the hand-made file: \"{}\"",
                first_quote(d)
            ));
        }
    }
    c
}

/// A date as the days it spans, so that `2025-05` equals
/// `2025-05-01/2025-05-31`.
fn days(date: &Edtf) -> String {
    format!("{}/{}", date.min(), date.max())
}

/// The facts of one kind with quotes in the article `slug`.
fn facts(corpus: &Corpus, kind: &str, slug: &str) -> Vec<Fact> {
    let list = |ids: &[String]| {
        let mut ids = ids.to_vec();
        ids.sort();
        ids.join(", ")
    };
    let pair = |a: &[String], b: &[String]| format!("{}; {}", list(a), list(b));
    let raw: Vec<(&[Evidence], [Option<String>; 4])> = match kind {
        "demand" => corpus
            .demands
            .iter()
            .map(|f| {
                let sides = format!("by {}; of {}", list(&f.by), list(&f.of));
                (
                    f.evidence.as_slice(),
                    [Some(sides), Some(f.issue.clone()), None, None],
                )
            })
            .collect(),
        "position" => corpus
            .positions
            .iter()
            .map(|f| {
                let fields = [
                    Some(list(&f.parties)),
                    Some(f.issue.clone()),
                    Some(f.stance.as_str().to_string()),
                    None,
                ];
                (f.evidence.as_slice(), fields)
            })
            .collect(),
        "talk" => corpus
            .talks
            .iter()
            .map(|f| {
                let fields = [
                    Some(format!(
                        "parties {}; mediators {}",
                        list(&f.parties),
                        list(&f.mediators)
                    )),
                    None,
                    Some(format!("{}, {}", f.status, f.format)),
                    Some(days(&f.date)),
                ];
                (f.evidence.as_slice(), fields)
            })
            .collect(),
        "document" => corpus
            .documents
            .iter()
            .map(|f| {
                let fields = [
                    Some(pair(&f.by, &f.parties)),
                    f.issue.clone().or(Some(String::new())),
                    Some(f.kind.as_str().to_string()),
                    None,
                ];
                (f.evidence.as_slice(), fields)
            })
            .collect(),
        _ => corpus
            .outcomes
            .iter()
            .map(|f| {
                let fields = [None, None, Some(f.kind.as_str().to_string()), None];
                (f.evidence.as_slice(), fields)
            })
            .collect(),
    };
    raw.into_iter()
        .filter_map(|(evidence, fields)| {
            let quotes: Vec<(u32, u32, Edtf)> = evidence
                .iter()
                .filter(|e| corpus.sources.get(e.source).is_some_and(|s| s.slug == slug))
                .map(|e| (e.span.start, e.span.end, e.date.clone()))
                .collect();
            (!quotes.is_empty()).then_some(Fact { quotes, fields })
        })
        .collect()
}
