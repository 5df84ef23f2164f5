//! Who said it and whom it is about: quotation speakers, the speaker of a
//! clause, and the party a cue is ascribed to.

use super::*;

impl Reader<'_> {
    /// The speaker of each quotation: named after it (`,” X said`), before
    /// it (`X said: “`), or the speaker of the quotation before it in the
    /// same paragraph.
    /// A quotation attributed to a name that is no actor of the
    /// registries gives that name in the second list.
    pub(super) fn quotation_speakers(&self) -> (Vec<Option<Attribution>>, Vec<Option<String>>) {
        let mut out: Vec<Option<Attribution>> = Vec::new();
        let mut unknown = Vec::new();
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
            let after_allowed = inner.ends_with([',', '?', '!', '—']);
            unknown.push(
                after_allowed
                    .then(|| unnamed_speaker(&self.text[after.clone()], true))
                    .flatten()
                    .or_else(|| unnamed_speaker(&self.text[before.clone()], false)),
            );
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
        (out, unknown)
    }

    /// An actor named next to a speech verb in `range`; `he` or `she`
    /// stands for the last actor named before.
    pub(super) fn attributed(&self, range: Range<usize>, after: bool) -> Option<Attribution> {
        let window = &self.text[range.clone()];
        let verb = EN.speech.find(window)?;
        let actors: Vec<&Mention> = self
            .mentions
            .within(range.clone())
            .iter()
            .filter(|m| m.actor.is_some())
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
        let pronoun = EN
            .words
            .third_person
            .iter()
            .any(|p| window.contains(&format!(" {p} ")));
        let last = self.mentions.last_actor_before(range.start)?;
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

    /// The quotation a clause lies in, if any.
    pub(super) fn quotation_of(&self, range: &Range<usize>) -> Option<usize> {
        let inner = text::strip_marks(self.text, range.clone());
        self.quotations
            .iter()
            .position(|q| q.start <= inner.start && inner.end <= q.end)
    }

    /// Who a clause is attributed to: its quotation's speaker, or the actor
    /// before the last speech verb of the sentence up to the clause's end
    /// (in the verb's own clause), or the sentence's subject when that
    /// clause names nobody before its verb (`... and said that`).
    pub(super) fn clause_speaker(
        &self,
        range: &Range<usize>,
        quotation: Option<usize>,
        clauses: &[Range<usize>],
        subject: Option<&Mention>,
    ) -> Option<Attribution> {
        if let Some(q) = quotation {
            return self.speakers[q].clone();
        }
        let start = clauses.first().map_or(range.start, |c| c.start);
        let verb = EN.speech.find_iter(&self.text[start..range.end]).last()?;
        let verb_at = start + verb.start();
        let verb_clause = clauses
            .iter()
            .find(|c| c.start <= verb_at && verb_at < c.end)?;
        let named = self.mentions.within(verb_clause.start..verb_at).last();
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

    /// The party a cue at `at` is ascribed to: the nearest party named
    /// before it in the clause, the speaker's side for `we`/`I` in a
    /// quotation, or the subject of an earlier clause; else why not.
    pub(super) fn subject_of(&self, c: &Clause, at: usize) -> Result<Subject, NoSubject> {
        let cue_at = c.span.start + at;
        let mut before: Vec<&Mention> =
            c.mentions.iter().filter(|m| m.span.end <= cue_at).collect();
        // A party after a preposition (`talks with B`), or joined to one
        // (`talks between A and B`), is no subject.
        let objects = self.objects(&before);
        if let Some(i) = objects.iter().rposition(|object| !object) {
            before.truncate(i + 1);
        }
        if let Some(last) = before.last() {
            if let Some(prev) = before.len().checked_sub(2).map(|i| before[i])
                && self.joined(prev, last)
                && prev.party != last.party
            {
                return Err(NoSubject::Together);
            }
            return Ok(Subject {
                party: last.party.clone(),
                via: last.via.clone(),
                actor: last.actor.clone(),
            });
        }
        let lead = &self.text[c.span.start..cue_at];
        if c.quotation.is_some() && EN.first_person.is_match(lead) {
            if let Some((speaker, _)) = &c.speaker
                && let Some(party) = self.party_of_actor(speaker)
            {
                return Ok(Subject {
                    party,
                    via: format!("first person in a quotation of `{speaker}`"),
                    actor: None,
                });
            }
            if let Some(name) = c.quotation.and_then(|q| self.unknown_speakers[q].as_ref()) {
                return Err(NoSubject::UnknownSpeaker(name.clone()));
            }
        }
        c.subject
            .as_ref()
            .map(|m| Subject {
                party: m.party.clone(),
                via: format!("{} (subject of the sentence)", m.via),
                actor: m.actor.clone(),
            })
            .ok_or(NoSubject::Nobody)
    }

    /// For a cue of obligation (`must`) at `at`: the party obliged, named
    /// last before the cue, and the party that demands it, named before
    /// the `that` opening the obliged party's clause (`A repeated that B
    /// must disarm`), else the clause's speaker's, else the sentence's
    /// subject. `None` when no other party than the obliged one is found.
    pub(super) fn obligation_subject(&self, c: &Clause, at: usize) -> Option<(Subject, Mention)> {
        let cue_at = c.span.start + at;
        let obliged = c.mentions.iter().rfind(|m| m.span.end <= cue_at)?;
        let lead = &self.masked[c.span.start..obliged.span.start];
        let other = |m: &&Mention| m.party != obliged.party;
        let before_that = EN.complement.find_iter(lead).last().and_then(|that| {
            let that_at = c.span.start + that.start();
            c.mentions
                .iter()
                .filter(|m| m.span.end <= that_at)
                .rfind(other)
        });
        let subject = if let Some(m) = before_that {
            Subject {
                party: m.party.clone(),
                via: format!("{} (before \"that\")", m.via),
                actor: m.actor.clone(),
            }
        } else if let Some((speaker, reason)) = &c.speaker
            && let Some(party) = self.party_of_actor(speaker)
            && party != obliged.party
        {
            Subject {
                party,
                via: format!("the speaker `{speaker}` ({reason})"),
                actor: Some(speaker.clone()),
            }
        } else {
            let m = c.subject.as_ref().filter(other)?;
            Subject {
                party: m.party.clone(),
                via: format!("{} (subject of the sentence)", m.via),
                actor: m.actor.clone(),
            }
        };
        Some((subject, obliged.clone()))
    }

    /// True when the word before a mention is a preposition: the mention
    /// is an object, not a subject.
    pub(super) fn after_preposition(&self, m: &Mention) -> bool {
        let lead = self.masked[..m.span.start].trim_end();
        let word = lead
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_lowercase();
        EN.words.prepositions.contains(&word)
    }

    /// The clause's speaker, or else the actor the fact is ascribed to.
    pub(super) fn speaker_or(&self, c: &Clause, subject: &Subject) -> Option<Attribution> {
        c.speaker.clone().or_else(|| {
            subject
                .actor
                .clone()
                .map(|a| (a, "the actor it is ascribed to".to_string()))
        })
    }

    /// The party an actor named in the article speaks for.
    pub(super) fn party_of_actor(&self, actor: &str) -> Option<String> {
        self.mentions.party_of_actor(actor).map(str::to_string)
    }
}

/// Why no party could be ascribed a demand or position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NoSubject {
    /// `X and Y want ...`.
    Together,
    /// `“We want ...,” said <a name not in the registries>`.
    UnknownSpeaker(String),
    /// No party is named.
    Nobody,
}

impl NoSubject {
    /// The reason, for a commented-out candidate.
    pub(super) fn reason(&self) -> String {
        match self {
            NoSubject::Together => {
                "two parties are named together as holding it; say which one".to_string()
            }
            NoSubject::UnknownSpeaker(name) => format!(
                "unknown speaker \"{name}\": add them to parties.toml as an actor of their party, then draft again"
            ),
            NoSubject::Nobody => "no party is named; set it".to_string(),
        }
    }
}

/// Two or more capitalised words next to a speech verb in `window`:
/// `,” Dmitry Peskov said` (after a quotation) or `Dmitry Peskov told
/// reporters: “` (before one).
fn unnamed_speaker(window: &str, after: bool) -> Option<String> {
    let verb = EN.speech.find(window)?;
    let names = EN.name.find_iter(window);
    let name = if after {
        names.into_iter().next()
    } else {
        names.filter(|n| n.end() <= verb.start()).last()
    }?;
    Some(name.as_str().to_string())
}
