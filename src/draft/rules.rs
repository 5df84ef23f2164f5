//! The drafting rules: each clause of the article is read for cue words,
//! party mentions and dates, and becomes candidate facts.

use std::collections::BTreeSet;
use std::ops::Range;

use jiff::civil::Date;

use super::cues::{self, IssueFinder};
use super::dates::{self, DateExpr, Role};
use super::facts::{Fact, Kind, Outcome, Quote, Talk};
use super::mentions::{Gazetteer, Mention};
use super::text::Layout;
use crate::date::Edtf;
use crate::model::{Actor, Issue, Party};

/// What the rules propose for one article.
pub struct Proposal {
    /// Demands, positions and talks in the order the text gives them.
    pub facts: Vec<Fact>,
    /// Each date expression read, and what it resolved to.
    pub dates_read: Vec<(String, String)>,
}

/// Reads the article and proposes facts.
pub fn propose(
    text: &str,
    layout: &Layout,
    published: Date,
    parties: &[Party],
    actors: &[Actor],
    issues: &[Issue],
) -> Proposal {
    let mut reader = Reader::new(text, layout, published, parties, actors, issues);
    let mut paragraph = usize::MAX;
    for sentence in &layout.sentences {
        if sentence.paragraph != paragraph {
            paragraph = sentence.paragraph;
            reader.paragraph_date = None;
        }
        reader.sentence(&sentence.span, &sentence.clauses);
    }
    reader.link_responses();
    Proposal {
        facts: reader.facts,
        dates_read: reader.dates_read,
    }
}

impl<'a> Reader<'a> {
    fn new(
        text: &'a str,
        layout: &Layout,
        published: Date,
        parties: &[Party],
        actors: &[Actor],
        issues: &[Issue],
    ) -> Reader<'a> {
        let mentions = Gazetteer::new(parties, actors).find(text);
        let mut reader = Reader {
            text,
            published,
            published_edtf: Edtf::parse(&published.to_string()).expect("a day is a date"),
            mentions,
            names: parties
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect(),
            issues: IssueFinder::new(issues),
            quotations: layout.quotations.clone(),
            speakers: Vec::new(),
            facts: Vec::new(),
            dates_read: Vec::new(),
            context: None,
            paragraph_date: None,
            last_actor: None,
            last_talk: None,
        };
        reader.speakers = reader.quotation_speakers();
        reader
    }
}

/// Who a demand or position is ascribed to.
struct Subject {
    party: String,
    via: String,
    actor: Option<String>,
}

/// One clause with what was found in it.
struct Clause<'a> {
    span: Range<usize>,
    /// The sentence it is part of.
    sentence: Range<usize>,
    text: &'a str,
    mentions: Vec<Mention>,
    dates: Vec<DateExpr>,
    /// The speaker the clause is attributed to, with the reason.
    speaker: Option<(String, String)>,
    /// The party of the clause's subject, from an earlier clause.
    subject: Option<Mention>,
    /// The date an earlier clause of the sentence gave.
    sentence_date: Option<Edtf>,
    /// True inside a direct quotation.
    quoted: bool,
}

struct Reader<'a> {
    text: &'a str,
    published: Date,
    published_edtf: Edtf,
    mentions: Vec<Mention>,
    /// Party id → name, for talk titles.
    names: std::collections::BTreeMap<String, String>,
    issues: IssueFinder,
    quotations: Vec<Range<usize>>,
    /// The speaker of each quotation, with the reason.
    speakers: Vec<Option<(String, String)>>,
    facts: Vec<Fact>,
    dates_read: Vec<(String, String)>,
    /// The last date the text mentioned.
    context: Option<Edtf>,
    /// The last date mentioned in the current paragraph.
    paragraph_date: Option<Edtf>,
    /// The last actor named, for `he` and `she`.
    last_actor: Option<Mention>,
    /// Index of the last talk drafted or mentioned.
    last_talk: Option<usize>,
}

impl Reader<'_> {
    /// The speaker of each quotation: named after it (`,” X said`), before
    /// it (`X said: “`), or the speaker of the quotation before it in the
    /// same paragraph.
    fn quotation_speakers(&self) -> Vec<Option<(String, String)>> {
        let mut out: Vec<Option<(String, String)>> = Vec::new();
        for (i, q) in self.quotations.iter().enumerate() {
            let after_end = self.text[q.end..]
                .find(['.', '\n', '“'])
                .map_or(self.text.len(), |e| q.end + e);
            let after = q.end..after_end;
            let before_start = self.text[..q.start]
                .char_indices()
                .rfind(|&(_, c)| matches!(c, '.' | '\n' | '”'))
                .map_or(0, |(s, c)| s + c.len_utf8());
            let before = before_start..q.start;
            // `…,” X said`: a quotation ending in a full stop is followed by
            // a new sentence, not by its attribution.
            let inner = self.text[q.clone()].trim_end();
            let attributed_after = inner
                .ends_with([',', '?', '!', '—'])
                .then(|| self.attributed(after.clone(), true))
                .flatten();
            let found = attributed_after
                .or_else(|| self.attributed(before, false))
                .or_else(|| {
                    let previous = i.checked_sub(1)?;
                    let gap = self.text.get(self.quotations[previous].end..q.start)?;
                    (!gap.contains("\n\n"))
                        .then(|| out[previous].clone())
                        .flatten()
                        .map(|(id, _)| (id, "continues the quotation before it".to_string()))
                });
            out.push(found);
        }
        out
    }

    /// An actor named next to a speech verb in `range`; `he` or `she`
    /// stands for the last actor named before.
    fn attributed(&self, range: Range<usize>, after: bool) -> Option<(String, String)> {
        let window = &self.text[range.clone()];
        let verb = cues::SPEECH.find(window)?;
        let actors: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|m| m.actor.is_some() && range.start <= m.span.start && m.span.end <= range.end)
            .collect();
        let pick = if after {
            actors.first()
        } else {
            actors
                .iter()
                .rev()
                .find(|m| m.span.start < range.start + verb.start())
        };
        if let Some(m) = pick {
            return Some((
                m.actor.clone()?,
                format!("\"{}\" {} it", &self.text[m.span.clone()], verb.as_str()),
            ));
        }
        let pronoun = window.contains(" he ") || window.contains(" she ");
        let last = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.actor.is_some() && m.span.end <= range.start)?;
        pronoun.then(|| {
            (
                last.actor.clone().unwrap_or_default(),
                format!(
                    "\"he/she {}\" after \"{}\"",
                    verb.as_str(),
                    &self.text[last.span.clone()]
                ),
            )
        })
    }

    fn sentence(&mut self, span: &Range<usize>, clauses: &[Range<usize>]) {
        let sentence_text = &self.text[span.clone()];
        let in_sentence = |m: &&Mention| span.start <= m.span.start && m.span.end <= span.end;
        // `He said ...`, `He noted that ...`: the subject of the sentence
        // before; otherwise the first party or actor named.
        let subject =
            if cues::PRONOUN.is_match(sentence_text) && sentence_text.starts_with(['H', 'S']) {
                self.last_actor.clone()
            } else {
                self.mentions.iter().find(in_sentence).cloned()
            };
        let mut sentence_date: Option<Edtf> = None;
        for range in clauses {
            let mut context = self.context.take();
            let found = dates::find(self.text, range.clone(), self.published, &mut context);
            self.context = context;
            for d in &found {
                self.dates_read.push((
                    self.text[d.span.clone()].to_string(),
                    d.date.text().to_string(),
                ));
            }
            let mentions: Vec<Mention> = self
                .mentions
                .iter()
                .filter(|m| range.start <= m.span.start && m.span.end <= range.end)
                .cloned()
                .collect();
            let quoted = self.quotation_of(range).is_some();
            let speaker = self.clause_speaker(range, clauses, subject.as_ref());
            let clause = Clause {
                span: range.clone(),
                sentence: span.clone(),
                text: &self.text[range.clone()],
                mentions,
                dates: found,
                speaker,
                subject: subject.clone(),
                sentence_date: sentence_date.clone(),
                quoted,
            };
            self.clause(&clause);
            if let Some(d) = clause.dates.iter().find(|d| d.role != Role::Before) {
                sentence_date = Some(d.date.clone());
                self.paragraph_date = Some(d.date.clone());
            }
        }
        if let Some(actor) = self
            .mentions
            .iter()
            .filter(in_sentence)
            .find(|m| m.actor.is_some())
        {
            self.last_actor = Some(actor.clone());
        }
    }

    /// The quotation a clause lies in, if any.
    fn quotation_of(&self, range: &Range<usize>) -> Option<usize> {
        let inner = super::text::strip_marks(self.text, range.clone());
        self.quotations
            .iter()
            .position(|q| q.start <= inner.start && inner.end <= q.end)
    }

    /// Who a clause is attributed to: its quotation's speaker, or the actor
    /// before the last speech verb of the sentence up to the clause's end
    /// (in the verb's own clause), or the sentence's subject when that
    /// clause names nobody before its verb (`... and said that`).
    fn clause_speaker(
        &self,
        range: &Range<usize>,
        clauses: &[Range<usize>],
        subject: Option<&Mention>,
    ) -> Option<(String, String)> {
        if let Some(q) = self.quotation_of(range) {
            return self.speakers[q].clone();
        }
        let start = clauses.first().map_or(range.start, |c| c.start);
        let verb = cues::SPEECH
            .find_iter(&self.text[start..range.end])
            .last()?;
        let verb_at = start + verb.start();
        let verb_clause = clauses
            .iter()
            .find(|c| c.start <= verb_at && verb_at < c.end)?;
        let named = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.span.start >= verb_clause.start && m.span.end <= verb_at);
        match named {
            Some(m) => Some((
                m.actor.clone()?,
                format!("\"{}\" {}", &self.text[m.span.clone()], verb.as_str()),
            )),
            None => {
                let m = subject?;
                Some((
                    m.actor.clone()?,
                    format!(
                        "\"{}\" by \"{}\", the subject",
                        verb.as_str(),
                        &self.text[m.span.clone()]
                    ),
                ))
            }
        }
    }

    /// Proposes the facts of one clause.
    fn clause(&mut self, c: &Clause) {
        if let Some((kind, cue)) = cues::OUTCOMES
            .iter()
            .find_map(|(k, re)| re.find(c.text).map(|m| (*k, m.as_str().to_string())))
        {
            self.outcome(c, kind, &cue);
            return;
        }
        if let Some(m) = cues::AFTER_TALK.find(c.text) {
            self.statement_after_talk(c, m.as_str());
        }
        if let Some(m) = cues::DEMAND.find(c.text) {
            self.demand(c, m.as_str(), m.start());
            return;
        }
        let stance = cues::STANCES
            .iter()
            .find_map(|(s, re)| re.find(c.text).map(|m| (*s, m)));
        if let Some((stance, m)) = stance
            && self.subject_of(c, m.start()).is_some()
        {
            self.position(c, stance, m.as_str(), m.start());
            return;
        }
        if cues::TALK.is_match(c.text) {
            self.talk(c);
        }
    }

    /// The party a cue at `at` is ascribed to: the nearest party named
    /// before it in the clause, the speaker's side for `we`/`I` in a
    /// quotation, or the subject of an earlier clause. `None` with a reason
    /// when two parties are named together (`X and Y want ...`).
    fn subject_of(&self, c: &Clause, at: usize) -> Option<Subject> {
        let cue_at = c.span.start + at;
        let before: Vec<&Mention> = c.mentions.iter().filter(|m| m.span.end <= cue_at).collect();
        if let Some(last) = before.last() {
            if let Some(prev) = before.len().checked_sub(2).map(|i| before[i]) {
                let between = &self.text[prev.span.end..last.span.start];
                if between.trim() == "and" && prev.party != last.party {
                    return None;
                }
            }
            return Some(Subject {
                party: last.party.clone(),
                via: last.via.clone(),
                actor: last.actor.clone(),
            });
        }
        let lead = &self.text[c.span.start..cue_at];
        if c.quoted
            && cues::FIRST_PERSON.is_match(lead)
            && let Some((speaker, _)) = &c.speaker
        {
            return Some(Subject {
                party: self.party_of_actor(speaker)?,
                via: format!("first person in a quotation of `{speaker}`"),
                actor: None,
            });
        }
        c.subject.as_ref().map(|m| Subject {
            party: m.party.clone(),
            via: format!("{} (subject of the sentence)", m.via),
            actor: m.actor.clone(),
        })
    }

    /// The clause's speaker, or else the actor the fact is ascribed to.
    fn speaker_or(&self, c: &Clause, subject: &Subject) -> Option<(String, String)> {
        c.speaker.clone().or_else(|| {
            subject
                .actor
                .clone()
                .map(|a| (a, "the actor it is ascribed to".to_string()))
        })
    }

    fn party_of_actor(&self, actor: &str) -> Option<String> {
        self.mentions
            .iter()
            .find(|m| m.actor.as_deref() == Some(actor))
            .map(|m| m.party.clone())
    }

    /// The date a demand or position is quoted for, with the reason: a
    /// `since` date; in the present tense the publication day (or the date
    /// of the speech verb, `said in July`); in the past a date in the
    /// clause, in the sentence before it, in the paragraph, or else the
    /// publication day.
    fn fact_date(&self, c: &Clause) -> (Edtf, String) {
        if let Some(d) = c.dates.iter().find(|d| d.role == Role::Since) {
            return (
                d.date.clone(),
                format!("\"{}\"", &self.text[d.span.clone()]),
            );
        }
        // `X said after the meeting`: the day of that talk.
        if let Some(Kind::Talk(t)) = self
            .talk_said_after(&self.text[c.sentence.clone()])
            .map(|i| &self.facts[i].kind)
        {
            return (t.date.clone(), format!("said after the talk of {}", t.date));
        }
        let clause_for_tense = &self.text[super::text::trim_marks(self.text, c.span.clone())];
        if cues::present_tense(clause_for_tense) && !c.quoted {
            let said_at = c.dates.iter().find(|d| {
                let before = &self.text[c.span.start..d.span.start];
                cues::SPEECH
                    .find_iter(before)
                    .last()
                    .is_some_and(|v| before[v.end()..].split_whitespace().count() <= 1)
            });
            if let Some(d) = said_at {
                return (
                    d.date.clone(),
                    format!("said \"{}\"", &self.text[d.span.clone()]),
                );
            }
            return (
                self.published_edtf.clone(),
                "present tense: the publication day".to_string(),
            );
        }
        if let Some(d) = c.dates.first() {
            return (
                d.date.clone(),
                format!("\"{}\"", &self.text[d.span.clone()]),
            );
        }
        if let Some(d) = &c.sentence_date {
            return (d.clone(), "the date earlier in the sentence".to_string());
        }
        if let Some(d) = &self.paragraph_date {
            return (
                d.clone(),
                "the date last mentioned in the paragraph".to_string(),
            );
        }
        (
            self.published_edtf.clone(),
            "no date in the text: the publication day".to_string(),
        )
    }

    /// The clause as a quote: without leading conjunctions and surrounding
    /// quote marks.
    fn quote_span(&self, c: &Clause) -> Range<usize> {
        let mut span = super::text::trim_marks(self.text, c.span.clone());
        for lead in ["and that ", "and ", "but ", "while ", "whereas "] {
            if self.text[span.clone()].starts_with(lead) {
                span.start += lead.len();
                break;
            }
        }
        span
    }

    /// A fact's `text`: the quote, tidied.
    fn summary(&self, span: &Range<usize>) -> String {
        let words: Vec<&str> = self.text[span.clone()].split_whitespace().collect();
        let joined = words.join(" ");
        let trimmed = joined.trim_end_matches(['.', ',', ';', ':']);
        let mut chars = trimmed.chars();
        chars
            .next()
            .map(|f| f.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    fn quote(
        &self,
        c: &Clause,
        date: Option<(Edtf, String)>,
        says: &'static str,
        speaker: Option<(String, String)>,
    ) -> Quote {
        let span = self.quote_span(c);
        let implied = cues::IMPLIED.is_match(&self.text[span.clone()]);
        let mut why = Vec::new();
        if let Some((_, reason)) = &date {
            why.push(format!("date from {reason}"));
        }
        if let Some((id, reason)) = &speaker {
            why.push(format!("speaker `{id}`: {reason}"));
        }
        if implied {
            why.push("implied: a consequence (\"which would\")".to_string());
        }
        Quote {
            span,
            date: date.map(|d| d.0),
            says,
            speaker: speaker.map(|s| s.0),
            implied,
            why: why.join("; "),
        }
    }

    fn demand(&mut self, c: &Clause, cue: &str, at: usize) {
        let says = if cues::DROPPED.is_match(c.text) {
            "dropped"
        } else if cues::ADDED.is_match(c.text) {
            "added"
        } else {
            "held"
        };
        let date = self.fact_date(c);
        let mut problem = None;
        let Some(subject) = self.subject_of(c, at) else {
            let quote = self.quote(c, Some(date), says, None);
            self.facts.push(Fact {
                id: "demand".into(),
                kind: Kind::Demand {
                    by: String::new(),
                    of: None,
                    issue: None,
                    text: self.summary(&quote.span),
                },
                evidence: vec![quote],
                why: format!("cue \"{cue}\""),
                problem: Some("two parties are named together as making it; say which one demands what of whom".into()),
            });
            return;
        };
        let quote = self.quote(c, Some(date), says, self.speaker_or(c, &subject));
        let (by, by_via) = (subject.party, subject.via);
        let (of, of_via) = match self.other_party(c, &by, at) {
            Some((p, via)) => (Some(p), via),
            None => {
                problem = Some("no other party is named; set `of`".to_string());
                (None, String::new())
            }
        };
        let issue = self.issues.find(c.text, None);
        if issue.is_none() {
            problem.get_or_insert_with(|| "no issue matched; set `issue`".to_string());
        }
        let why = format!(
            "cue \"{cue}\"{}; by {by} via {by_via}{}{}",
            match says {
                "held" => String::new(),
                s => format!(" ({s})"),
            },
            of.as_ref()
                .map_or(String::new(), |o| format!("; of {o} via {of_via}")),
            issue
                .as_ref()
                .map_or(String::new(), |i| format!("; issue {} via {}", i.id, i.why))
        );
        let text = self.summary(&quote.span);
        let fact = Fact {
            id: format!(
                "{by}-{}-{}",
                of.as_deref().unwrap_or("of"),
                issue.as_ref().map_or("issue", |i| i.id.as_str())
            ),
            kind: Kind::Demand {
                by,
                of,
                issue: issue.map(|i| i.id),
                text,
            },
            evidence: vec![quote],
            why,
            problem,
        };
        self.add_claim(fact);
    }

    /// The party a demand is made of: named after the cue, elsewhere in the
    /// clause, or last named before it in the text.
    fn other_party(&self, c: &Clause, by: &str, at: usize) -> Option<(String, String)> {
        let cue_at = c.span.start + at;
        let in_clause = c
            .mentions
            .iter()
            .filter(|m| m.party != by)
            .min_by_key(|m| (m.span.start < cue_at, m.span.start));
        if let Some(m) = in_clause {
            return Some((m.party.clone(), m.via.clone()));
        }
        let earlier = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.span.start < c.span.start && m.party != by)
            .or_else(|| self.mentions.iter().find(|m| m.party != by))?;
        Some((
            earlier.party.clone(),
            format!("{} (named nearest before the clause)", earlier.via),
        ))
    }

    fn position(&mut self, c: &Clause, stance: &'static str, cue: &str, at: usize) {
        let Some(subject) = self.subject_of(c, at) else {
            return;
        };
        let says = if stance == "claims" && cues::ADDED.is_match(c.text) {
            "added"
        } else {
            "held"
        };
        let date = self.fact_date(c);
        let quote = self.quote(c, Some(date), says, self.speaker_or(c, &subject));
        let (party, via) = (subject.party, subject.via);
        let issue = self.issues.find(c.text, None);
        let text = self.summary(&quote.span);
        let fact = Fact {
            id: format!(
                "{party}-{stance}-{}",
                issue.as_ref().map_or("issue", |i| i.id.as_str())
            ),
            why: format!(
                "cue \"{cue}\" ({stance}); party {party} via {via}{}",
                issue
                    .as_ref()
                    .map_or(String::new(), |i| format!("; issue {} via {}", i.id, i.why))
            ),
            problem: issue
                .is_none()
                .then(|| "no issue matched; set `issue`".to_string()),
            kind: Kind::Position {
                party,
                issue: issue.map(|i| i.id),
                stance,
                text,
                responds_to: None,
                talks: None,
            },
            evidence: vec![quote],
        };
        self.add_claim(fact);
    }

    /// Adds a demand or position, or adds its quote to an earlier one of
    /// the same parties and issue that shares a word of substance with it.
    fn add_claim(&mut self, fact: Fact) {
        let key = claim_key(&fact.kind);
        let words = self.substance(&fact.evidence[0].span);
        let same = self.facts.iter().position(|f| {
            f.problem.is_none()
                && fact.problem.is_none()
                && claim_key(&f.kind) == key
                && (talk_of(&f.kind).is_some() && talk_of(&f.kind) == talk_of(&fact.kind)
                    || f.evidence.iter().any(|q| {
                        let theirs = self.substance(&q.span);
                        words
                            .iter()
                            .any(|w| theirs.iter().any(|t| cues::same_stem(w, t)))
                    }))
        });
        match same {
            Some(i) => self.facts[i].evidence.extend(fact.evidence),
            None => self.facts.push(fact),
        }
    }

    /// Words of substance in a quote: not party names, not short, not
    /// common.
    fn substance(&self, span: &Range<usize>) -> BTreeSet<String> {
        let mut text = self.text[span.clone()].to_string();
        for m in self.mentions.iter().rev() {
            if span.start <= m.span.start && m.span.end <= span.end {
                text.replace_range(m.span.start - span.start..m.span.end - span.start, " ");
            }
        }
        cues::words(&text)
            .into_iter()
            .filter(|w| w.len() >= 6 && !COMMON.contains(&w.as_str()))
            .collect()
    }

    fn talk(&mut self, c: &Clause) {
        // `A came a few days after B held talks`: the talk is B, dated by
        // the expression.
        let (part, date) = match c.dates.iter().find(|d| d.role == Role::Before) {
            Some(d) => (
                d.span.end..c.span.end,
                Some((
                    d.date.clone(),
                    format!("\"{}\"", &self.text[d.span.clone()]),
                )),
            ),
            None => (c.span.clone(), None),
        };
        let part_text = &self.text[part.clone()];
        let Some(cue) = cues::TALK.find(part_text) else {
            return;
        };
        // `the talks`, `that meeting`, `after the call`: a talk already met.
        let lead = part_text[..cue.start()].trim_end().to_lowercase();
        let named = c
            .mentions
            .iter()
            .filter(|m| part.start <= m.span.start)
            .count();
        if (["the", "those", "that", "these"]
            .iter()
            .any(|w| lead.ends_with(w))
            && named < 2
            || cues::AFTER_TALK.is_match(part_text))
            && !cues::NEXT_ROUND.is_match(part_text)
        {
            return;
        }
        let format = cues::FORMATS
            .iter()
            .find(|(_, re)| re.is_match(part_text))
            .map_or("direct", |(f, _)| *f);
        // A briefing on plans is itself held, unless it lies ahead.
        let status_text = match format {
            "briefing" => &part_text[..cue.start()],
            _ => part_text,
        };
        let status = cues::STATUSES
            .iter()
            .find(|(_, re)| re.is_match(status_text))
            .map_or("held", |(s, _)| *s);
        let mediators: Vec<String> = match cues::MEDIATED_BY.find(part_text) {
            Some(m) => self
                .mentions
                .iter()
                .filter(|x| x.span.start >= part.start + m.end() && x.span.end <= part.end)
                .map(|x| x.party.clone())
                .collect(),
            None => Vec::new(),
        };
        let date = date.unwrap_or_else(|| self.talk_date(c, status));
        let venue = self.venue(&part);
        let (mut parties, actors) = self.talk_sides(c, &part, &mediators);
        let mut format = format;
        let mut mediators = mediators;
        let continues = cues::NEXT_ROUND.is_match(part_text);
        if continues && let Some(Kind::Talk(previous)) = self.last_talk.map(|i| &self.facts[i].kind)
        {
            if parties.len() < 2 {
                parties = previous.parties.clone();
            }
            if mediators.is_empty() {
                mediators = previous.mediators.clone();
                format = previous.format;
            }
        }
        let quote = Quote {
            date: None,
            ..self.quote(c, None, "held", c.speaker.clone())
        };
        let why = format!(
            "cue \"{}\" ({format}, {status}); date {} from {}; parties {}{}",
            cue.as_str(),
            date.0,
            date.1,
            if parties.is_empty() {
                "none".to_string()
            } else {
                parties.join(", ")
            },
            if continues {
                " (continuing the talk before)"
            } else {
                ""
            }
        );
        let problem = (parties.len() < 2)
            .then(|| "fewer than two sides named; list the parties at the table".to_string());
        let talk = Talk {
            title: String::new(),
            format,
            status,
            date: date.0,
            venue,
            parties,
            mediators,
            actors,
            outcomes: Vec::new(),
        };
        let reported = c.speaker.clone();
        let index = self.add_talk(talk, quote, why, problem);
        if let Kind::Talk(t) = &self.facts[index].kind {
            let sides = t.parties.clone();
            self.earlier_talk(c, &sides);
        }
        if let (Some((speaker, reason)), Kind::Talk(t)) = (reported, &self.facts[index].kind)
            && t.status != "held"
            && let Some(party) = self.party_of_actor(&speaker)
            && !t.parties.contains(&party)
            && !t.mediators.contains(&party)
        {
            // A side that announces talks it is not at supports them.
            let issue = self.issues.find(c.text, Some(&cue.as_str().to_lowercase()));
            let quote = self.quote(
                c,
                Some((self.published_edtf.clone(), "the publication day".into())),
                "held",
                c.speaker.clone(),
            );
            let fact = Fact {
                id: format!(
                    "{party}-supports-{}",
                    issue.as_ref().map_or("issue", |i| i.id.as_str())
                ),
                why: format!(
                    "`{speaker}` ({reason}) announces talks {party} is not at: supports them{}",
                    issue
                        .as_ref()
                        .map_or(String::new(), |i| format!("; issue {} via {}", i.id, i.why))
                ),
                problem: issue
                    .is_none()
                    .then(|| "no issue matched; set `issue`".to_string()),
                kind: Kind::Position {
                    party,
                    issue: issue.map(|i| i.id),
                    stance: "supports",
                    text: self.summary(&quote.span),
                    responds_to: None,
                    talks: Some(index),
                },
                evidence: vec![quote],
            };
            self.add_claim(fact);
        }
    }

    fn add_talk(
        &mut self,
        mut talk: Talk,
        quote: Quote,
        why: String,
        problem: Option<String>,
    ) -> usize {
        let same = self.facts.iter().position(|f| match &f.kind {
            Kind::Talk(t) => {
                problem.is_none()
                    && f.problem.is_none()
                    && t.status == talk.status
                    && t.format == talk.format
                    && sorted(&t.parties) == sorted(&talk.parties)
                    && (t.venue.is_none() || talk.venue.is_none() || t.venue == talk.venue)
                    && t.date.min() <= talk.date.max()
                    && talk.date.min() <= t.date.max()
            }
            _ => false,
        });
        let index = match same {
            Some(i) => {
                let f = &mut self.facts[i];
                f.evidence.push(quote);
                if let Kind::Talk(t) = &mut f.kind {
                    t.venue = t.venue.take().or(talk.venue);
                    for a in talk.actors {
                        if !t.actors.contains(&a) {
                            t.actors.push(a);
                        }
                    }
                }
                i
            }
            None => {
                talk.title = talk_title(&talk, &self.names);
                let id = format!(
                    "{}-{}-{}",
                    talk.parties.join("-"),
                    talk.format,
                    talk.date.min().to_string().get(..7).unwrap_or("date")
                );
                self.facts.push(Fact {
                    id,
                    kind: Kind::Talk(talk),
                    evidence: vec![quote],
                    why,
                    problem,
                });
                self.facts.len() - 1
            }
        };
        self.last_talk = Some(index);
        index
    }

    /// A talk's date when the clause gives none of its own: from `now`
    /// on for one that lies ahead, else as for a demand.
    fn talk_date(&self, c: &Clause, status: &str) -> (Edtf, String) {
        if let Some(d) = c.dates.iter().find(|d| d.role != Role::Since) {
            return (
                d.date.clone(),
                format!("\"{}\"", &self.text[d.span.clone()]),
            );
        }
        if status != "held" {
            let open = Edtf::parse(&format!("{}/..", self.published)).expect("open interval");
            return (open, "no date: from the publication day on".to_string());
        }
        let (d, why) = self.fact_date(c);
        if cues::present_tense(c.text) {
            return (self.published_edtf.clone(), why);
        }
        (d, why)
    }

    /// `in <Capitalised Words>` that name no party, month or weekday.
    fn venue(&self, part: &Range<usize>) -> Option<String> {
        let text = &self.text[part.clone()];
        cues::VENUE.captures_iter(text).find_map(|caps| {
            let place = caps.get(1)?;
            let start = part.start + place.start();
            let named = self
                .mentions
                .iter()
                .any(|m| m.span.start < start + place.len() && start < m.span.end);
            let range = start..start + place.len();
            let is_date = !dates::find(self.text, range, self.published, &mut None).is_empty();
            (!named && !is_date).then(|| place.as_str().to_string())
        })
    }

    /// The sides at the table and the actors who took part: the parties
    /// named in the part (not one that only reports it, nor mediators);
    /// the speaker for `he spoke with` or a quotation's `my`/`we`; the
    /// sentence's subject for a clause that names nobody before its cue
    /// (`... and informed X`); for a briefing, only those briefed.
    fn talk_sides(
        &self,
        c: &Clause,
        part: &Range<usize>,
        mediators: &[String],
    ) -> (Vec<String>, Vec<String>) {
        let text = &self.text[part.clone()];
        let speech = cues::SPEECH.find(text);
        let pronoun_after = speech.is_some_and(|v| {
            let rest = text[v.end()..].trim_start();
            rest.starts_with("he ") || rest.starts_with("she ")
        });
        let from = match speech {
            Some(v) if !pronoun_after => part.start + v.end(),
            _ => part.start,
        };
        let cue_at = cues::TALK
            .find(text)
            .map_or(part.start, |m| part.start + m.start());
        let until = match cues::FORMATS[0].1.find(text) {
            Some(m) => {
                let rest = &text[m.end()..];
                rest.find(" of ")
                    .or_else(|| rest.find(" about "))
                    .map_or(part.end, |e| part.start + m.end() + e)
            }
            None => part.end,
        };
        let (mut parties, mut actors): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        let mut add = |party: &str, actor: Option<&String>| {
            if !mediators.iter().any(|m| m == party) && !parties.iter().any(|x| x == party) {
                parties.push(party.to_string());
            }
            if let Some(a) = actor
                && !actors.contains(a)
            {
                actors.push(a.clone());
            }
        };
        let speaker_side = pronoun_after || (c.quoted && cues::FIRST_PERSON.is_match(text));
        if speaker_side
            && let Some((speaker, _)) = &c.speaker
            && let Some(p) = self.party_of_actor(speaker)
        {
            add(&p, Some(speaker));
        }
        let named_before_cue = self
            .mentions
            .iter()
            .any(|m| from <= m.span.start && m.span.end <= cue_at);
        if !named_before_cue
            && !speaker_side
            && text.starts_with(|ch: char| ch.is_lowercase())
            && let Some(m) = &c.subject
        {
            add(&m.party, m.actor.as_ref());
        }
        for m in self
            .mentions
            .iter()
            .filter(|m| from <= m.span.start && m.span.end <= until.min(part.end))
        {
            add(&m.party, m.actor.as_ref());
        }
        (parties, actors)
    }

    /// An outcome of the talk the clause refers to.
    fn outcome(&mut self, c: &Clause, kind: &'static str, cue: &str) {
        let mut span = self.quote_span(c);
        let mut talk = self.referred_talk(c);
        if kind == "other"
            && let Some(first_at) = self.earlier_talk(c, &[])
        {
            let since_at = self.text[..c.span.end]
                .rfind(" since")
                .unwrap_or(c.span.end);
            span.end = since_at;
            // The talk the text speaks of is the subject, named by its venue.
            talk = self.talk_by_venue(&(c.span.start..first_at)).or(talk);
        }
        let (problem, talk) = match talk {
            Some(t) => (None, t),
            None => (Some("no talk mentioned before it".to_string()), usize::MAX),
        };
        let speaker = c.speaker.clone();
        let outcome = Outcome {
            text: self.summary(&span),
            kind,
            quote: Quote {
                span,
                date: None,
                says: "held",
                speaker: speaker.as_ref().map(|s| s.0.clone()),
                implied: false,
                why: speaker.map_or(String::new(), |(id, r)| format!("speaker `{id}`: {r}")),
            },
            why: format!("cue \"{cue}\" ({kind}) about the talk mentioned last"),
            problem,
        };
        if let Some(Kind::Talk(t)) = self.facts.get_mut(talk).map(|f| &mut f.kind) {
            t.outcomes.push(outcome);
        }
    }

    /// `the first (direct) talks since <date>`: drafts the earlier talk the
    /// text counts from, between the sides it names (or `sides`), and
    /// returns where `the first` begins.
    fn earlier_talk(&mut self, c: &Clause, sides: &[String]) -> Option<usize> {
        if !cues::FIRST_SINCE.is_match(c.text) {
            return None;
        }
        let since = c.dates.iter().find(|d| d.role == Role::Since)?;
        let first_at = c.span.start + cues::THE_FIRST.find(c.text)?.start();
        let part = first_at..since.span.end;
        let (mut parties, _) = self.talk_sides(c, &part, &[]);
        if parties.len() < 2 {
            parties = sides.to_vec();
        }
        let earlier = Talk {
            title: String::new(),
            format: if self.text[part.clone()].contains("direct") {
                "direct"
            } else {
                "other"
            },
            status: "held",
            date: since.date.clone(),
            venue: None,
            parties: parties.clone(),
            mediators: Vec::new(),
            actors: Vec::new(),
            outcomes: Vec::new(),
        };
        let quote = Quote {
            span: part,
            date: None,
            says: "held",
            speaker: None,
            implied: false,
            why: String::new(),
        };
        let why = format!(
            "\"the first ... since\": an earlier talk, dated \"{}\"; parties {}",
            &self.text[since.span.clone()],
            parties.join(", ")
        );
        let problem = (parties.len() < 2)
            .then(|| "fewer than two sides named; list the parties at the table".to_string());
        let previous_last = self.last_talk;
        self.add_talk(earlier, quote, why, problem);
        self.last_talk = previous_last;
        Some(first_at)
    }

    /// `X told reporters after the call that ...`: a statement outcome of
    /// that talk, quoted up to `that`.
    fn statement_after_talk(&mut self, c: &Clause, cue: &str) {
        let Some(talk) = self.talk_said_after(c.text) else {
            return;
        };
        let start = self.quote_span(c).start;
        let cue_end = c
            .text
            .find(cue)
            .map_or(c.span.end, |i| c.span.start + i + cue.len());
        let rest = &self.text[cue_end..c.span.end];
        let end = rest
            .find(['“', '"', ',', '.'])
            .map_or(c.span.end, |i| cue_end + i);
        let span = super::text::trim(self.text, start..end);
        let outcome = Outcome {
            text: self.summary(&span),
            kind: "statement",
            quote: Quote {
                span,
                date: None,
                says: "held",
                speaker: c.speaker.as_ref().map(|s| s.0.clone()),
                implied: false,
                why: c
                    .speaker
                    .as_ref()
                    .map_or(String::new(), |(id, r)| format!("speaker `{id}`: {r}")),
            },
            why: format!("\"{cue}\": a statement after the talk"),
            problem: None,
        };
        if let Kind::Talk(t) = &mut self.facts[talk].kind {
            t.outcomes.push(outcome);
        }
    }

    /// For `X said after the call`, the last talk held of that kind.
    fn talk_said_after(&self, text: &str) -> Option<usize> {
        let m = cues::AFTER_TALK.captures(text)?;
        let format = (&m[1] == "call").then_some("call");
        let fits = |f: &Fact| match &f.kind {
            Kind::Talk(t) => {
                f.problem.is_none() && t.status == "held" && format.is_none_or(|x| t.format == x)
            }
            _ => false,
        };
        // The talk mentioned last, if it fits, else the last drafted.
        self.last_talk
            .filter(|&i| fits(&self.facts[i]))
            .or_else(|| self.facts.iter().rposition(fits))
    }

    /// The talk a clause refers to: by venue, else the last one mentioned.
    fn referred_talk(&self, c: &Clause) -> Option<usize> {
        self.talk_by_venue(&c.span).or(self.last_talk)
    }

    fn talk_by_venue(&self, range: &Range<usize>) -> Option<usize> {
        let text = &self.text[range.clone()];
        self.facts.iter().rposition(|f| match &f.kind {
            Kind::Talk(t) => t
                .venue
                .as_ref()
                .is_some_and(|v| text.contains(&format!("in {v}"))),
            _ => false,
        })
    }

    /// A position rejecting or opposing links to the demand of another
    /// party on the same issue made of it, and a position about talks to
    /// the talk its quote mentions.
    fn link_responses(&mut self) {
        let demands: Vec<(String, String, String)> = self
            .facts
            .iter()
            .filter(|f| f.problem.is_none())
            .filter_map(|f| match &f.kind {
                Kind::Demand {
                    of: Some(of),
                    issue: Some(issue),
                    ..
                } => Some((f.id.clone(), of.clone(), issue.clone())),
                _ => None,
            })
            .collect();
        for f in &mut self.facts {
            if let Kind::Position {
                party,
                issue: Some(issue),
                stance,
                responds_to,
                ..
            } = &mut f.kind
                && matches!(*stance, "rejects" | "opposes")
                && let Some((id, _, _)) =
                    demands.iter().find(|(_, of, i)| of == party && i == issue)
            {
                *responds_to = Some(id.clone());
                f.why.push_str(&format!(
                    "; responds to demand {id} (same issue, made of {party})"
                ));
            }
        }
    }
}

/// Words too common to tie two quotes to one fact.
const COMMON: &[&str] = &[
    "because",
    "before",
    "between",
    "during",
    "further",
    "however",
    "including",
    "potential",
    "repeatedly",
    "should",
    "stated",
    "through",
    "toward",
    "towards",
    "without",
    "would",
];

fn claim_key(kind: &Kind) -> (String, String, String, String) {
    match kind {
        Kind::Demand { by, of, issue, .. } => (
            "demand".into(),
            by.clone(),
            of.clone().unwrap_or_default(),
            issue.clone().unwrap_or_default(),
        ),
        Kind::Position {
            party,
            issue,
            stance,
            ..
        } => (
            "position".into(),
            party.clone(),
            (*stance).into(),
            issue.clone().unwrap_or_default(),
        ),
        Kind::Talk(_) => Default::default(),
    }
}

fn talk_of(kind: &Kind) -> Option<usize> {
    match kind {
        Kind::Position { talks, .. } => *talks,
        _ => None,
    }
}

fn sorted(list: &[String]) -> Vec<&String> {
    let mut v: Vec<&String> = list.iter().collect();
    v.sort();
    v
}

/// `Russia–Ukraine talks in Istanbul`: a title to be rewritten by hand.
fn talk_title(talk: &Talk, names: &std::collections::BTreeMap<String, String>) -> String {
    let what = match talk.format {
        "call" => "call",
        "briefing" => "briefing",
        "summit" => "summit",
        _ => "talks",
    };
    let sides: Vec<&str> = talk
        .parties
        .iter()
        .map(|p| names.get(p).map_or(p.as_str(), String::as_str))
        .collect();
    let mut title = format!("{} {what}", sides.join("–"));
    if let Some(venue) = &talk.venue {
        title.push_str(&format!(" in {venue}"));
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_are_attributed_to_their_speakers() {
        let text = "A title\n\n“We will not disarm,” Rhee said. “Talks are welcome,” said Per Aske. \
            Aske told reporters: “The round went well.” Rhee wrote on social media: “No referendum.” \
            “It was productive,” he said. “And it will go on.”\n";
        let party = Party {
            id: "tlf".into(),
            name: "Tessaly Liberation Front".into(),
            kind: "group".into(),
            aliases: vec![],
        };
        let actor = |id: &str, name: &str| Actor {
            id: id.into(),
            name: name.into(),
            party: "tlf".into(),
            role: None,
            aliases: vec![],
            since: None,
            until: None,
        };
        let actors = [actor("rhee", "Ilse Rhee"), actor("aske", "Per Aske")];
        let layout = Layout::new(text);
        let reader = Reader::new(
            text,
            &layout,
            jiff::civil::date(2024, 1, 1),
            &[party],
            &actors,
            &[],
        );
        let speakers: Vec<(&str, Option<&str>)> = layout
            .quotations
            .iter()
            .zip(&reader.speakers)
            .map(|(q, s)| (&text[q.clone()], s.as_ref().map(|s| s.0.as_str())))
            .collect();
        assert_eq!(
            speakers,
            [
                ("We will not disarm,", Some("rhee")),
                ("Talks are welcome,", Some("aske")),
                ("The round went well.", Some("aske")),
                ("No referendum.", Some("rhee")),
                ("It was productive,", Some("rhee")),
                ("And it will go on.", Some("rhee")),
            ]
        );
    }
}
