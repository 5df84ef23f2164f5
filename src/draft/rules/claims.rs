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
    /// Index of the drafted fact it answers.
    pub(super) responds_to: Option<usize>,
}

impl Reader<'_> {
    /// A demand at cue `cue` (at byte `at` of the clause): who of whom, on
    /// what issue, added, held or dropped; one demand per item when what
    /// is demanded is a list (`demanding A, B and C`).
    pub(super) fn demand(&mut self, c: &Clause, cue: &str, at: usize) {
        let says = if EN.dropped.is_match(c.text) {
            Says::Dropped
        } else if EN.added.is_match(c.text) {
            Says::Added
        } else {
            Says::Held
        };
        let date = self.fact_date(c);
        // `A said B must ...`: the demand is A's, of B.
        let obligation = EN
            .obligation
            .is_match(cue)
            .then(|| self.obligation_subject(c, at))
            .flatten();
        let (subject, obliged) = match obligation {
            Some((subject, obliged)) => (Ok(subject), Some(obliged)),
            None => (self.subject_of(c, at), None),
        };
        let subject = match subject {
            Ok(subject) => subject,
            Err(no) => {
                let quote = self.quote(c, Some(date), says, None);
                self.facts.push(Fact {
                    id: "demand".into(),
                    kind: Kind::Demand {
                        by: String::new(),
                        of: Vec::new(),
                        issue: None,
                        text: self.summary(&quote.span),
                        due: None,
                    },
                    evidence: vec![quote],
                    why: format!("cue \"{cue}\""),
                    problem: Some(no.reason()),
                });
                return;
            }
        };
        let whole = self.quote(c, Some(date), says, self.speaker_or(c, &subject));
        let (by, by_via) = (subject.party, subject.via);
        let cue_at = c.span.start + at;
        let items = self.demanded_items(cue_at + cue.len(), whole.span.end);
        for (i, item) in items.iter().enumerate() {
            // The first item is quoted with who demands it.
            let span = match i {
                0 => whole.span.start..item.end,
                _ => item.clone(),
            };
            let quote = Quote {
                span: span.clone(),
                ..whole.clone()
            };
            let mut of = self.addressees(c, &by, cue_at, cue.len(), item);
            if let Some(m) = &obliged {
                of.retain(|(p, _)| *p != m.party);
                of.insert(0, (m.party.clone(), format!("{} (obliged)", m.via)));
            }
            // `insists that any treaty recognise the dam`, `provided that
            // the mission is given the means`: a demanded clause that
            // names no party, nor a pronoun for one, is of nobody in
            // particular. A demand named by a noun (`its demand that the
            // complaint be withdrawn`) is still of the other side.
            let after_cue = &self.text[cue_at + cue.len()..item.end];
            let demands_a_clause = (EN.condition.is_match(cue)
                || EN.condition_after_refusal.is_match(cue)
                || EN
                    .complement
                    .find(after_cue.trim_start())
                    .is_some_and(|m| m.start() == 0))
                && !EN.pronoun_for_parties.is_match(after_cue)
                && !self.noun_demand(cue_at);
            if of.is_empty()
                && !demands_a_clause
                && self.main_sides.len() == 2
                && let Some(i) = self.main_sides.iter().position(|p| *p == by)
            {
                let other = self.main_sides[1 - i].clone();
                of.push((
                    other,
                    "the other of the two parties the article names most".into(),
                ));
            }
            let issue = if items.len() > 1 {
                self.issues.find(&self.issue_text[item.clone()], None)
            } else {
                self.clause_issue(c)
            };
            let problem = issue
                .is_none()
                .then(|| "no issue matched; set `issue`".to_string());
            let of_ids: Vec<String> = of.iter().map(|(p, _)| p.clone()).collect();
            let why = format!(
                "cue \"{cue}\"{}; by {by} via {by_via}{}{}{}",
                match says {
                    Says::Held => String::new(),
                    s => format!(" ({s})"),
                },
                of.iter()
                    .map(|(p, via)| format!("; of {p} via {via}"))
                    .collect::<String>(),
                issue
                    .as_ref()
                    .map_or(String::new(), |i| format!("; issue {} via {}", i.id, i.why)),
                if items.len() > 1 {
                    format!("; item {} of {} demanded", i + 1, items.len())
                } else {
                    String::new()
                }
            );
            let text = self.summary(&span);
            let mut id = vec![by.clone()];
            id.extend(of_ids.iter().cloned());
            id.push(issue.as_ref().map_or("issue".into(), |i| i.id.clone()));
            let fact = Fact {
                id: id.join("-"),
                kind: Kind::Demand {
                    by: by.clone(),
                    of: of_ids,
                    issue: issue.map(|i| i.id),
                    text,
                    due: self.deadline(c, &span),
                },
                evidence: vec![quote],
                why,
                problem,
            };
            self.add_claim(fact);
        }
    }

    /// A deadline set in `span` of the clause: a date right after `by`,
    /// `before` or `no later than` (en.toml deadline).
    fn deadline(&self, c: &Clause, span: &Range<usize>) -> Option<Edtf> {
        c.dates
            .iter()
            .filter(|d| span.start <= d.span.start && d.span.end <= span.end)
            .find(|d| {
                let lead = text::tail(&self.masked[..d.span.start], 24).to_lowercase();
                let own = self.masked[d.span.clone()].to_lowercase();
                EN.deadline.is_match(&lead) || EN.deadline_lead.is_match(&own)
            })
            .map(|d| d.date.clone())
    }

    /// What is demanded after the cue (from byte `from` to `end`): one
    /// range, or one per item of a list of noun phrases (`a referendum,
    /// the withdrawal of troops and the release of prisoners`).
    fn demanded_items(&self, from: usize, end: usize) -> Vec<Range<usize>> {
        let whole = std::iter::once(from..end).collect();
        let Some(first) = EN.list_item.find(&self.masked[from..end]) else {
            return whole;
        };
        // The list begins at the first noun phrase after the cue.
        let start = from + first.start();
        if self.masked[from..start].split_whitespace().count() > 3 {
            return whole;
        }
        let text = &self.masked[start..end];
        // Each item: from its first word to the separator before the next.
        let mut bounds = vec![(0, text.len())];
        for caps in EN.list_break.captures_iter(text) {
            let (Some(sep), Some(next)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            if let Some(last) = bounds.last_mut() {
                last.1 = sep.start();
            }
            bounds.push((next.start(), text.len()));
        }
        // A list ends in `and` or `or` (`A, B and C`); commas alone set off
        // an aside (`A, its leader said, ...`).
        let last_separator = EN.list_break.captures_iter(text).last();
        let joined = last_separator
            .and_then(|caps| caps.get(0).zip(caps.get(1)))
            .is_some_and(|(sep, next)| text[sep.start()..next.start()].trim() != ",");
        if bounds.len() < 2 || !joined {
            return whole;
        }
        let mut items = Vec::new();
        for (from, to) in bounds {
            let mut item = text::trim_marks(self.text, start + from..start + to);
            if self.text[item.clone()].ends_with('.') {
                item = text::trim_marks(self.text, item.start..item.end - 1);
            }
            if self.text[item.clone()].split_whitespace().count() < 2
                || EN.speech.is_match(&self.masked[item.clone()])
            {
                return whole;
            }
            items.push(item);
        }
        items
    }

    /// The parties a demand is made of: those named from its cue (at
    /// `cue_at`, `cue_len` bytes) to where what is demanded begins
    /// (`called on A and B to ...`), else the parties words for both stand
    /// for (`both delegations`), else the first other party named in
    /// what is demanded (`the withdrawal of Kaldoran troops`); none when
    /// the clause names no other party there.
    /// True when the demand cue at byte `at` follows the first word of a
    /// noun phrase (`its demand that`): the demand is named, not made.
    fn noun_demand(&self, at: usize) -> bool {
        let word = self.text[..at]
            .split_whitespace()
            .last()
            .unwrap_or_default();
        EN.list_item
            .find(word)
            .is_some_and(|m| m.range() == (0..word.len()))
    }

    pub(super) fn addressees(
        &self,
        c: &Clause,
        by: &str,
        cue_at: usize,
        cue_len: usize,
        item: &Range<usize>,
    ) -> Vec<(String, String)> {
        let first_word = self.masked[cue_at..cue_at + cue_len]
            .find(char::is_whitespace)
            .unwrap_or(cue_len);
        let after = cue_at + first_word;
        let window_end = EN
            .demanded_from
            .find(&self.masked[after..c.span.end])
            .map_or(c.span.end, |m| after + m.start());
        let mut of: Vec<(String, String)> = Vec::new();
        for m in self.mentions.within(cue_at..window_end) {
            if m.party != by && !of.iter().any(|(p, _)| *p == m.party) {
                of.push((m.party.clone(), format!("{} (addressed)", m.via)));
            }
        }
        // `asked both governments to`.
        if of.is_empty()
            && let Some(words) = EN.sides.find(&self.masked[cue_at..window_end])
        {
            for p in self.both_sides().iter().filter(|p| *p != by) {
                of.push((p.clone(), format!("\"{}\" (addressed)", words.as_str())));
            }
        }
        if of.is_empty()
            && let Some(m) = self
                .mentions
                .within(window_end.max(item.start)..item.end)
                .iter()
                .find(|m| m.party != by)
        {
            of.push((m.party.clone(), format!("{} (in what is demanded)", m.via)));
        }
        of
    }

    /// A position with `stance` at cue `cue`, of `subject` (or commented
    /// out, saying why there is none); its issue from the clause's words
    /// unless it judges a pronoun (`called it “a trap”`), else from what
    /// the clause refers back to, or for that pronoun the sentence before.
    pub(super) fn position(
        &mut self,
        c: &Clause,
        (stance, cue): (Stance, &str),
        subject: Result<Subject, NoSubject>,
        judged_pronoun: Option<&str>,
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
        let own_issue = match judged_pronoun {
            None => self.clause_issue(c),
            Some(_) => None,
        };
        let (issue, responds_to) = match own_issue {
            Some(issue) => (Some(issue), None),
            None => match self.referent(c, &party) {
                Some((i, issue)) => (Some(issue), Some(i)),
                None => (judged_pronoun.and_then(|p| self.issue_before(p)), None),
            },
        };
        let stance = Holding {
            party,
            stance,
            issue,
            talks: None,
            responds_to,
        };
        self.add_position(stance, quote, why, problem);
    }

    /// `rejected the demand`, `welcomed the idea`: the last valid demand,
    /// or proposal (a document, or a position proposing or offering), by
    /// another party than `party` that the clause refers back to, quoted
    /// earlier in the same paragraph, with its issue.
    fn referent(&self, c: &Clause, party: &str) -> Option<(usize, cues::IssueMatch)> {
        let text = &self.masked[c.span.clone()];
        let (demand, proposal) = (
            EN.refers_to_demand.find(text),
            EN.refers_to_proposal.find(text),
        );
        let Some(words) = demand.or(proposal).map(|m| m.as_str()) else {
            return self.document_referred(c);
        };
        let (i, issue) = self.facts.iter().enumerate().rev().find_map(|(i, f)| {
            let issue = match &f.kind {
                Kind::Demand { by, issue, .. } if demand.is_some() && by != party => issue,
                Kind::Document { by, issue, .. }
                    if proposal.is_some() && !by.iter().any(|b| b == party) =>
                {
                    issue
                }
                Kind::Position {
                    party: p,
                    stance: Stance::Proposes | Stance::Offers,
                    issue,
                    ..
                } if proposal.is_some() && p != party => issue,
                _ => &None,
            };
            let in_paragraph = f
                .evidence
                .iter()
                .any(|q| q.span.start >= self.paragraph_start);
            issue
                .as_ref()
                .filter(|_| f.problem.is_none() && in_paragraph)
                .map(|issue| (i, issue))
        })?;
        let why = format!("\"{words}\": that of {}", self.facts[i].id);
        Some((
            i,
            cues::IssueMatch {
                id: issue.clone(),
                why,
            },
        ))
    }

    /// `calls the agreement “a step backwards”`: a document named with a
    /// determiner is the last valid document of its kind drafted before,
    /// in any paragraph (a text is named in full once), with its issue.
    fn document_referred(&self, c: &Clause) -> Option<(usize, cues::IssueMatch)> {
        let text = &self.masked[c.span.clone()];
        let (kind, words) = EN.documents.iter().find_map(|(kind, re)| {
            re.find_iter(text)
                .find(|m| self.noun(c, m))
                .map(|m| (*kind, m.as_str()))
        })?;
        let (i, issue) = self
            .facts
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, f)| match &f.kind {
                Kind::Document {
                    kind: k,
                    issue: Some(issue),
                    ..
                } if *k == kind && f.problem.is_none() => Some((i, issue)),
                _ => None,
            })?;
        Some((
            i,
            cues::IssueMatch {
                id: issue.clone(),
                why: format!("\"the {words}\": that of {}", self.facts[i].id),
            },
        ))
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
            responds_to,
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
                responds_to,
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

    /// A position answering a document its quote names (`Tarsk accepted
    /// the plan`) links to the last document of that kind drafted before
    /// it; else a position rejecting or opposing links to the demand of
    /// another party on the same issue made of it.
    pub(super) fn link_responses(&mut self) {
        self.link_answers_to_documents();
        let demands: Vec<(usize, String, Vec<String>, String)> = self
            .facts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.problem.is_none())
            .filter_map(|(i, f)| match &f.kind {
                Kind::Demand {
                    of,
                    issue: Some(issue),
                    ..
                } => Some((i, f.id.clone(), of.clone(), issue.clone())),
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
                && responds_to.is_none()
                && let Some((index, id, _, _)) = demands
                    .iter()
                    .find(|(_, _, of, i)| of.contains(party) && i == issue)
            {
                *responds_to = Some(*index);
                f.why.push_str(&format!(
                    "; responds to demand {id} (same issue, made of {party})"
                ));
            }
        }
    }
}

impl Reader<'_> {
    /// `Tarsk accepted the plan`: an answering stance whose quote names a
    /// kind of document, and that answers nothing yet (see `referent`),
    /// answers the last valid document of that kind drafted before it, by
    /// another party than its authors.
    fn link_answers_to_documents(&mut self) {
        for i in 0..self.facts.len() {
            let Kind::Position {
                party,
                stance,
                responds_to: None,
                ..
            } = &self.facts[i].kind
            else {
                continue;
            };
            if !EN.answers.contains(stance) || self.facts[i].problem.is_some() {
                continue;
            }
            let quote = &self.masked[self.facts[i].evidence[0].span.clone()];
            let Some(kind) = lexicon::first(&EN.documents, quote) else {
                continue;
            };
            let answered = (0..i).rev().find(|&j| {
                matches!(&self.facts[j].kind, Kind::Document { kind: k, by, .. }
                    if *k == kind && !by.contains(party))
                    && self.facts[j].problem.is_none()
            });
            if let Some(j) = answered {
                let id = self.facts[j].id.clone();
                let f = &mut self.facts[i];
                if let Kind::Position { responds_to, .. } = &mut f.kind {
                    *responds_to = Some(j);
                    f.why.push_str(&format!("; answers the {kind} {id}"));
                }
            }
        }
    }
}

fn claim_key(kind: &Kind) -> ClaimKey {
    match kind {
        Kind::Demand { by, of, issue, .. } => (
            "demand",
            by.clone(),
            of.join(","),
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
        Kind::Talk(_) | Kind::Document { .. } => Default::default(),
    }
}

fn talk_of(kind: &Kind) -> Option<usize> {
    match kind {
        Kind::Position { talks, .. } => *talks,
        _ => None,
    }
}
