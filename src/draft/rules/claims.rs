//! Demands and positions: drafted from their cues, merged when two quotes
//! say the same thing, and linked to the demands they answer.

use super::*;

/// A position about to be drafted: who holds what stance on what.
pub(super) struct Holding {
    pub(super) party: String,
    pub(super) stance: Stance,
    pub(super) issue: Option<cues::IssueMatch>,
    /// Index of the drafted talk it is about.
    pub(super) talks: Option<usize>,
}

impl Reader<'_> {
    /// A demand at cue `cue` (at byte `at` of the clause): who of whom, on
    /// what issue, added, held or dropped.
    pub(super) fn demand(&mut self, c: &Clause, cue: &str, at: usize) {
        let says = if EN.dropped.is_match(c.text) {
            Says::Dropped
        } else if EN.added.is_match(c.text) {
            Says::Added
        } else {
            Says::Held
        };
        let date = self.fact_date(c);
        let mut problem = None;
        let subject = match self.subject_of(c, at) {
            Ok(subject) => subject,
            Err(no) => {
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
                    problem: Some(no.reason()),
                });
                return;
            }
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
                Says::Held => String::new(),
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
    pub(super) fn other_party(&self, c: &Clause, by: &str, at: usize) -> Option<(String, String)> {
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
            .before(c.span.start)
            .iter()
            .rev()
            .find(|m| m.party != by)
            .or_else(|| self.mentions.iter().find(|m| m.party != by))?;
        Some((
            earlier.party.clone(),
            format!("{} (named nearest before the clause)", earlier.via),
        ))
    }

    /// A position with `stance` at cue `cue`, of `subject` (or commented
    /// out, saying why there is none).
    pub(super) fn position(
        &mut self,
        c: &Clause,
        stance: Stance,
        cue: &str,
        subject: Result<Subject, NoSubject>,
    ) {
        let says = if stance == Stance::Claims && EN.added.is_match(c.text) {
            Says::Added
        } else {
            Says::Held
        };
        let date = self.fact_date(c);
        let speaker = subject.as_ref().ok().and_then(|s| self.speaker_or(c, s));
        let quote = self.quote(c, Some(date), says, speaker);
        let (party, via) = match &subject {
            Ok(s) => (s.party.clone(), s.via.clone()),
            Err(_) => (String::new(), "nobody".to_string()),
        };
        let why = format!("cue \"{cue}\" ({stance}); party {party} via {via}");
        let problem = subject.as_ref().err().map(NoSubject::reason);
        let stance = Holding {
            party,
            stance,
            issue: self.issues.find(c.text, None),
            talks: None,
        };
        self.add_position(stance, quote, why, problem);
    }

    /// Adds a position quoting `quote`, commented out with `problem` or
    /// when no issue matched; `why` is completed with the issue's reason.
    pub(super) fn add_position(
        &mut self,
        stance: Holding,
        quote: Quote,
        mut why: String,
        problem: Option<String>,
    ) {
        let Holding {
            party,
            stance,
            issue,
            talks,
        } = stance;
        if let Some(i) = &issue {
            why.push_str(&format!("; issue {} via {}", i.id, i.why));
        }
        let fact = Fact {
            id: format!(
                "{party}-{stance}-{}",
                issue.as_ref().map_or("issue", |i| i.id.as_str())
            ),
            why,
            problem: problem.or_else(|| {
                issue
                    .is_none()
                    .then(|| "no issue matched; set `issue`".to_string())
            }),
            kind: Kind::Position {
                party,
                issue: issue.map(|i| i.id),
                stance,
                text: self.summary(&quote.span),
                responds_to: None,
                talks,
            },
            evidence: vec![quote],
        };
        self.add_claim(fact);
    }

    /// Adds a demand or position, or adds its quote to an earlier one of
    /// the same parties and issue that shares a word of substance with it.
    pub(super) fn add_claim(&mut self, fact: Fact) {
        if fact.problem.is_some() {
            self.facts.push(fact);
            return;
        }
        let words = self.substance(&fact.evidence[0].span);
        let talk = talk_of(&fact.kind);
        let facts = &self.facts;
        let same = self.claims.entry(claim_key(&fact.kind)).or_default();
        let earlier = same.iter_mut().find(|(i, theirs)| {
            talk.is_some() && talk_of(&facts[*i].kind) == talk
                || words
                    .iter()
                    .any(|w| theirs.iter().any(|t| cues::same_stem(w, t)))
        });
        match earlier {
            Some((i, theirs)) => {
                theirs.extend(words);
                for quote in fact.evidence {
                    self.facts[*i].cite(self.text, quote);
                }
            }
            None => {
                same.push((self.facts.len(), words));
                self.facts.push(fact);
            }
        }
    }

    /// Words of substance in a quote: not party names, not short, not
    /// common.
    pub(super) fn substance(&self, span: &Range<usize>) -> BTreeSet<String> {
        let mut text = self.text[span.clone()].to_string();
        for m in self.mentions.within(span.clone()).iter().rev() {
            text.replace_range(m.span.start - span.start..m.span.end - span.start, " ");
        }
        cues::words(&text)
            .into_iter()
            .filter(|w| w.len() >= 6 && !EN.words.common.contains(w))
            .collect()
    }

    /// A position rejecting or opposing links to the demand of another
    /// party on the same issue made of it, and a position about talks to
    /// the talk its quote mentions.
    pub(super) fn link_responses(&mut self) {
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
                && matches!(*stance, Stance::Rejects | Stance::Opposes)
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

fn claim_key(kind: &Kind) -> ClaimKey {
    match kind {
        Kind::Demand { by, of, issue, .. } => (
            "demand",
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
            "position",
            party.clone(),
            stance.as_str().into(),
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
