//! Drafted facts written as a seed-format article file (docs/seed-format.md), with a `# draft:`
//! comment on each fact and invalid candidates commented out.

use std::fmt::Write;
use std::ops::Range;

use super::facts::{Fact, Kind, Outcome, Quote};
use crate::quote::{Haystack, Lookup};
use crate::vocab::{Says, ValueSet};

/// The `[source]` table of a draft.
pub struct SourceDraft {
    /// The title line.
    pub title: String,
    /// From a byline.
    pub author: Option<String>,
    /// From a note on the author.
    pub publisher: Option<String>,
    /// The publication day, `YYYY-MM-DD`.
    pub published: String,
    /// Where the publication day came from.
    pub published_from: String,
}

/// Where each fact and outcome was written, by line (1-based, inclusive),
/// so that a problem `check` reports can be traced to it.
#[derive(Debug, Default)]
pub struct Lines {
    /// (fact index, first line, last line).
    pub facts: Vec<(usize, usize, usize)>,
    /// (fact index, outcome index, first line, last line).
    pub outcomes: Vec<(usize, usize, usize, usize)>,
}

/// Writes the draft; `dates_read` lists each date expression resolved.
pub fn render(
    article: &str,
    file_name: &str,
    source: &SourceDraft,
    dates_read: &[(String, String)],
    facts: &[Fact],
) -> (String, Lines) {
    let haystack = Haystack::new(article);
    let mut out = String::new();
    let mut lines = Lines::default();
    let _ = writeln!(
        out,
        "# Draft of the facts of {file_name}, written by `negkb draft`."
    );
    let _ = writeln!(
        out,
        "# Every fact is a proposal: check it against the article, rename ids, tidy"
    );
    let _ = writeln!(
        out,
        "# texts and titles, fix dates and parties; blocks commented out could not be"
    );
    let _ = writeln!(
        out,
        "# made valid and say why. Published {} ({}); dates read:",
        source.published, source.published_from
    );
    for (expr, date) in dates_read {
        let _ = writeln!(
            out,
            "#   {:<28} -> {date}",
            format!("\"{}\"", one_line(expr))
        );
    }
    out.push_str("\n[source]\n");
    let _ = writeln!(out, "title = {}", string(&source.title));
    if let Some(author) = &source.author {
        let _ = writeln!(out, "author = {}", string(author));
    }
    if let Some(publisher) = &source.publisher {
        let _ = writeln!(out, "publisher = {}", string(publisher));
    }
    let _ = writeln!(out, "published = {}", string(&source.published));
    // Lines written so far (every piece written ends its last line).
    let mut written = newlines(&out);
    for kind in ["demand", "position", "document", "talk"] {
        for (i, fact) in facts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind.table() == kind)
        {
            out.push('\n');
            let first = written + 2;
            let block = fact_block(article, &haystack, fact, facts, first, i, &mut lines);
            let text = match &fact.problem {
                None => block,
                Some(problem) => comment_out(&block, problem),
            };
            out.push_str(&text);
            written += 1 + newlines(&text);
            lines.facts.push((i, first, written));
        }
    }
    (out, lines)
}

/// The final id of the drafted fact at `index`, unless it is written
/// commented out (a reference to it would then name nothing).
fn valid_id(facts: &[Fact], index: Option<usize>) -> Option<&str> {
    let f = facts.get(index?)?;
    f.problem.is_none().then_some(f.id.as_str())
}

/// How many lines `text` ends.
fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// The TOML block of one fact, with its evidence and outcomes; records
/// the lines of each outcome (the block starts at `first_line`).
fn fact_block(
    article: &str,
    haystack: &Haystack,
    fact: &Fact,
    facts: &[Fact],
    first_line: usize,
    index: usize,
    lines: &mut Lines,
) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "# draft: {}", one_line(&fact.why));
    let table = fact.kind.table();
    let _ = writeln!(b, "[[{table}]]");
    let _ = writeln!(b, "id = {}", string(&fact.id));
    fields(&fact.kind, facts, &mut b);
    for q in &fact.evidence {
        let _ = writeln!(b, "\n  [[{table}.evidence]]");
        if !q.why.is_empty() {
            let _ = writeln!(b, "  # draft: {}", one_line(&q.why));
        }
        quote_fields(article, haystack, q, &mut b);
    }
    if let Kind::Talk(t) = &fact.kind {
        for (k, o) in t.outcomes.iter().enumerate() {
            b.push('\n');
            let first = first_line + newlines(&b);
            let block = outcome_block(article, haystack, o);
            let text = match &o.problem {
                None => block,
                Some(problem) => comment_out(&block, problem),
            };
            b.push_str(&text);
            lines
                .outcomes
                .push((index, k, first, first_line + newlines(&b) - 1));
        }
    }
    b
}

/// The fields of a fact of each kind, after its id.
fn fields(kind: &Kind, facts: &[Fact], b: &mut String) {
    match kind {
        Kind::Demand {
            by,
            of,
            issue,
            text,
            due,
        } => {
            let _ = writeln!(b, "by = {}", string(by));
            match of.as_slice() {
                [] => {}
                [one] => {
                    let _ = writeln!(b, "of = {}", string(one));
                }
                many => {
                    let _ = writeln!(b, "of = {}", list(many));
                }
            }
            let _ = writeln!(b, "issue = {}", string(issue.as_deref().unwrap_or("")));
            let _ = writeln!(b, "text = {}", string(text));
            if let Some(due) = due {
                let _ = writeln!(b, "due = {}", string(due.text()));
            }
        }
        Kind::Position {
            party,
            issue,
            stance,
            text,
            responds_to,
            talks,
        } => {
            let _ = writeln!(b, "party = {}", string(party));
            let _ = writeln!(b, "issue = {}", string(issue.as_deref().unwrap_or("")));
            let _ = writeln!(b, "stance = {}", string(stance.as_str()));
            let _ = writeln!(b, "text = {}", string(text));
            if let Some(id) = valid_id(facts, *responds_to) {
                let _ = writeln!(b, "responds_to = {}", string(id));
            }
            if let Some(id) = valid_id(facts, *talks) {
                let _ = writeln!(b, "talks = {}", string(id));
            }
        }
        Kind::Document {
            title,
            kind,
            by,
            parties,
            issue,
        } => {
            let _ = writeln!(b, "title = {}", string(title));
            let _ = writeln!(b, "kind = {}", string(kind.as_str()));
            if !by.is_empty() {
                let _ = writeln!(b, "by = {}", list(by));
            }
            if !parties.is_empty() {
                let _ = writeln!(b, "parties = {}", list(parties));
            }
            if let Some(issue) = issue {
                let _ = writeln!(b, "issue = {}", string(issue));
            }
        }
        Kind::Talk(t) => {
            let _ = writeln!(b, "title = {}", string(&t.title));
            let _ = writeln!(b, "format = {}", string(t.format.as_str()));
            let _ = writeln!(b, "status = {}", string(t.status.as_str()));
            let _ = writeln!(b, "date = {}", string(t.date.text()));
            if let Some(v) = &t.venue {
                let _ = writeln!(b, "venue = {}", string(v));
            }
            let _ = writeln!(b, "parties = {}", list(&t.parties));
            if !t.mediators.is_empty() {
                let _ = writeln!(b, "mediators = {}", list(&t.mediators));
            }
            if let Some(host) = &t.host {
                let _ = writeln!(b, "host = {}", string(host));
            }
            if !t.actors.is_empty() {
                let _ = writeln!(b, "actors = {}", list(&t.actors));
            }
        }
    }
}

fn outcome_block(article: &str, haystack: &Haystack, o: &Outcome) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "  # draft: {}", one_line(&o.why));
    b.push_str("  [[talk.outcome]]\n");
    let _ = writeln!(b, "  text = {}", string(&o.text));
    let _ = writeln!(b, "  kind = {}", string(o.kind.as_str()));
    quote_fields(article, haystack, &o.quote, &mut b);
    b
}

/// `quote`, with a `prefix` when the quote occurs more than once, and the
/// other evidence fields.
fn quote_fields(article: &str, haystack: &Haystack, q: &Quote, b: &mut String) {
    let quote = one_line(&article[q.span.clone()]);
    let _ = writeln!(b, "  quote = {}", string(&quote));
    if let Some(prefix) = disambiguating_prefix(article, haystack, &quote, &q.span) {
        let _ = writeln!(b, "  prefix = {}", string(&prefix));
    }
    if let Some(date) = &q.date {
        let _ = writeln!(b, "  date = {}", string(date.text()));
    }
    if q.says != Says::Held {
        let _ = writeln!(b, "  says = {}", string(q.says.as_str()));
    }
    if let Some(s) = &q.speaker {
        let _ = writeln!(b, "  speaker = {}", string(s));
    }
    if let Some(a) = &q.attribution {
        let _ = writeln!(b, "  attribution = {}", string(a));
    }
    if q.implied {
        b.push_str("  implied = true\n");
    }
}

/// Text just before a quote that picks out this occurrence, when the
/// quote alone is found more than once.
fn disambiguating_prefix(
    article: &str,
    haystack: &Haystack,
    quote: &str,
    span: &Range<usize>,
) -> Option<String> {
    if !matches!(haystack.lookup(quote, None, None), Lookup::Ambiguous(_)) {
        return None;
    }
    let before = &article[..span.start];
    for words in [3, 6, 12, 24] {
        let start = before
            .char_indices()
            .rev()
            .filter(|(_, c)| c.is_whitespace())
            .nth(words)
            .map_or(0, |(i, _)| i);
        let prefix = one_line(before[start..].trim());
        if let Lookup::Found(found) = haystack.lookup(quote, Some(&prefix), None)
            && found.byte_start as usize == span.start
        {
            return Some(prefix);
        }
    }
    None
}

fn comment_out(block: &str, problem: &str) -> String {
    let mut out = format!("# draft (not valid as it stands: {}):\n", one_line(problem));
    for line in block.lines() {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {line}");
        }
    }
    out
}

/// White space runs as single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A TOML basic string.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| string(i)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::facts::{Fact, Kind, Outcome, Quote, Talk};
    use crate::vocab::{OutcomeKind, TalkFormat, TalkStatus};

    fn quote(span: std::ops::Range<usize>) -> Quote {
        Quote {
            span,
            date: None,
            says: Says::Held,
            speaker: None,
            implied: false,
            attribution: None,
            why: String::new(),
        }
    }

    fn demand(id: &str, span: std::ops::Range<usize>, problem: Option<&str>) -> Fact {
        Fact {
            id: id.into(),
            kind: Kind::Demand {
                by: "a".into(),
                of: Vec::new(),
                issue: None,
                text: "x".into(),
                due: None,
            },
            evidence: vec![quote(span)],
            why: "test".into(),
            problem: problem.map(String::from),
        }
    }

    /// The line ranges given for each fact are exactly its block: from its
    /// first comment line to its last line, with a blank line before.
    #[test]
    fn each_fact_is_placed_on_the_lines_it_was_written_on() {
        let article = "A wants land. A wants water.";
        let source = SourceDraft {
            title: "T".into(),
            author: None,
            publisher: None,
            published: "2025-05-19".into(),
            published_from: "from --published".into(),
        };
        let outcome = |text: &str, span, problem: Option<&str>| Outcome {
            text: text.into(),
            kind: OutcomeKind::Statement,
            quote: quote(span),
            why: "test".into(),
            problem: problem.map(String::from),
        };
        let talk = Fact {
            id: "met".into(),
            kind: Kind::Talk(Talk {
                title: "T".into(),
                format: TalkFormat::Direct,
                status: TalkStatus::Held,
                date: crate::date::Edtf::parse("2025-05-19").unwrap(),
                venue: None,
                parties: vec!["a".into(), "b".into()],
                mediators: vec![],
                host: None,
                actors: vec![],
                outcomes: vec![
                    outcome("land", 0..13, None),
                    outcome("water", 14..28, Some("unclear")),
                ],
            }),
            evidence: vec![quote(0..13)],
            why: "test".into(),
            problem: None,
        };
        let facts = [
            demand("land", 0..13, None),
            demand("water", 14..28, Some("no issue")),
            talk,
        ];
        let (out, lines) = render(article, "a.txt", &source, &[], &facts);
        let all: Vec<&str> = out.lines().collect();
        assert_eq!(lines.facts.len(), 3);
        for &(i, first, last) in &lines.facts {
            assert_eq!(all[first - 2], "", "blank line before fact {i}");
            assert!(all[first - 1].starts_with("# draft"), "{}", all[first - 1]);
            let block = &all[first - 1..last];
            let id = format!("id = \"{}\"", facts[i].id);
            assert!(block.iter().any(|l| l.ends_with(&id)), "{block:?}");
            assert!(all.get(last).is_none_or(|l| l.is_empty()), "after fact {i}");
        }
        // Each outcome likewise, inside its talk's block.
        assert_eq!(lines.outcomes.len(), 2);
        for &(i, k, first, last) in &lines.outcomes {
            assert_eq!(all[first - 2], "", "blank line before outcome {k}");
            assert!(all[first - 1].contains("# draft"), "{}", all[first - 1]);
            let block = &all[first - 1..last];
            assert!(
                block.iter().any(|l| l.contains("[[talk.outcome]]")),
                "{block:?}"
            );
            let Kind::Talk(t) = &facts[i].kind else {
                panic!("outcome of a talk")
            };
            let text = format!("text = \"{}\"", t.outcomes[k].text);
            assert!(block.iter().any(|l| l.ends_with(&text)), "{block:?}");
            assert!(
                all.get(last).is_none_or(|l| l.is_empty()),
                "after outcome {k}"
            );
        }
    }
}
