//! Documents: a text on the table (a plan, proposal, ceasefire,
//! agreement ...) drafted where a clause names one and says what happens
//! to it (tabled, signed, in force, collapsed).

use super::*;

impl Reader<'_> {
    /// The document the clause names and what the clause says of it, if
    /// both are there; merged with an earlier one of the same kind and
    /// sides.
    pub(super) fn document(&mut self, c: &Clause) {
        let Some((kind, noun)) = EN
            .documents
            .iter()
            .find_map(|(k, re)| re.find(c.text).map(|m| (*k, m)))
        else {
            return;
        };
        // What happens to it is said close to the noun (`signed a 60-day
        // ceasefire`, `the draft treaty ... was tabled`), not anywhere in a
        // long clause.
        let near = |m: &regex::Match| {
            let (a, b) = if m.start() < noun.start() {
                (m.end(), noun.start())
            } else {
                (noun.end(), m.start())
            };
            a > b || c.text[a..b].split_whitespace().count() <= MAX_WORDS_BETWEEN
        };
        // `the militia that never signed the deal`: a negated event did
        // not happen.
        let negated = |m: &regex::Match| EN.negation.is_match(&c.text[..m.start()]);
        let Some((says, event)) = EN.document_events.iter().find_map(|(s, re)| {
            re.find_iter(c.text)
                .find(|m| near(m) && !self.noun(c, m) && !negated(m))
                .map(|m| (*s, m))
        }) else {
            return;
        };
        let (by, by_via) = self.document_authors(c, noun.start().min(event.start()), event.start());
        let parties = match by.len() {
            2.. if says == Says::Signed => by.clone(),
            _ => self.main_sides.clone(),
        };
        let issue = self.clause_issue(c);
        let date = self.fact_date(c);
        let quote = Quote {
            says,
            ..self.quote(c, Some(date), Says::Held, c.speaker.clone())
        };
        let names: Vec<&str> = by
            .iter()
            .map(|p| self.names.get(p).map_or(p.as_str(), String::as_str))
            .collect();
        let noun_text =
            self.text[c.span.start + noun.start()..c.span.start + noun.end()].to_string();
        let title = match names.is_empty() {
            true => capitalised(&noun_text),
            false => format!("{} {noun_text}", names.join("–")),
        };
        let why = format!(
            "\"{}\" ({kind}), \"{}\" ({says}){}{}",
            noun.as_str(),
            event.as_str(),
            by_via,
            issue
                .as_ref()
                .map_or(String::new(), |i| format!("; issue {} via {}", i.id, i.why))
        );
        let same = self.facts.iter().position(|f| match &f.kind {
            Kind::Document {
                kind: k,
                parties: p,
                ..
            } => f.problem.is_none() && *k == kind && *p == parties,
            _ => false,
        });
        if let Some(i) = same {
            let f = &mut self.facts[i];
            f.cite(self.text, quote);
            if let Kind::Document { by: known, .. } = &mut f.kind
                && known.is_empty()
            {
                *known = by;
            }
            return;
        }
        let by_missing = by.is_empty();
        let mut id: Vec<&str> = if by.is_empty() {
            parties.iter().map(String::as_str).collect()
        } else {
            by.iter().map(String::as_str).collect()
        };
        id.push(kind.as_str());
        self.facts.push(Fact {
            id: id.join("-"),
            kind: Kind::Document {
                title,
                kind,
                by,
                parties,
                issue: issue.map(|i| i.id),
            },
            evidence: vec![quote],
            why,
            problem: (by_missing).then(|| {
                "the clause names no one who tabled or signed it: set `by`, or delete it if the text only mentions it".to_string()
            }),
        });
    }

    /// Who tabled or signed the document, with the reason: the party
    /// after `by` following the document's noun or event (at `from` in the
    /// clause: `was tabled by X`, `a truce brokered by X`), else the
    /// subject before the event's cue (both of `X and Y signed`); none
    /// when the clause names no one.
    fn document_authors(&self, c: &Clause, from: usize, event_at: usize) -> (Vec<String>, String) {
        let cue_at = c.span.start + event_at;
        let start = c.span.start + from;
        if let Some(by) = EN.agent.find(&self.masked[start..c.span.end]) {
            let from = start + by.end();
            if let Some(m) = self.mentions.within(from..c.span.end).first()
                && self.masked[from..m.span.start].split_whitespace().count() <= MAX_WORDS_TO_AGENT
            {
                return (
                    vec![m.party.clone()],
                    format!("; by {} via {} (after \"{}\")", m.party, m.via, by.as_str()),
                );
            }
        }
        // A subject, not a place or object (`in Ishtal`, `with X`).
        let named = c
            .mentions
            .iter()
            .any(|m| m.span.end <= cue_at && !self.after_preposition(m));
        if !named {
            return (Vec::new(), String::new());
        }
        match self.subject_of(c, event_at) {
            Ok(s) => (
                vec![s.party.clone()],
                format!("; by {} via {}", s.party, s.via),
            ),
            Err(NoSubject::Together) => {
                let before: Vec<&Mention> =
                    c.mentions.iter().filter(|m| m.span.end <= cue_at).collect();
                let both: Vec<String> = before
                    .iter()
                    .rev()
                    .take(2)
                    .rev()
                    .map(|m| m.party.clone())
                    .collect();
                let via = format!("; by {} (named together)", both.join(", "));
                (both, via)
            }
            Err(_) => (Vec::new(), String::new()),
        }
    }
}

/// The most words between a document's noun and what the clause says of
/// it for the two to go together.
const MAX_WORDS_BETWEEN: usize = 8;

/// The most words between `by` and the party named as the agent (`by
/// the special envoy of Calder`).
const MAX_WORDS_TO_AGENT: usize = 4;

/// `text` with a capital first letter.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
