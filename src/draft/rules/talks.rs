//! Talks and their outcomes: sides, venue, format, status and date; the
//! talk an outcome or statement belongs to.

use super::*;

impl Reader<'_> {
    /// A talk named by the clause (or, after `a few days after`, by its
    /// end), and the support of a side that announces it without being at it.
    pub(super) fn talk(&mut self, c: &Clause) {
        let (part, date) = self.talk_part(c);
        let part_text = &self.masked[part.clone()];
        let Some(cue) = self.new_talk_cue(c, &part, part_text) else {
            // `The talks, mediated by X, ...`: what the clause says of the
            // talk met before.
            self.mediators_of_referred_talk(&part);
            self.date_of_referred_talk(c, &part);
            return;
        };
        let (mut format, mut status) = manner(part_text, cue.start());
        // `after three weeks of talks`: those talks are over.
        if EN.completed.is_match(&part_text[..cue.start()]) {
            status = TalkStatus::Held;
        }
        let mut mediators = self.mediators_in(&part);
        // `held under the auspices of X`: a talk with mediators is mediated.
        if !mediators.is_empty() && format == TalkFormat::Direct {
            format = TalkFormat::Mediated;
        }
        let date = date.unwrap_or_else(|| self.talk_date(c, status));
        let date = match lasting(part_text, &date.0) {
            Some(span) => (span, format!("{} and the duration before it", date.1)),
            None => date,
        };
        // `Talks resume on January 26`: a talk dated after publication
        // has not been held yet.
        if status == TalkStatus::Held && date.0.min() > self.published {
            status = TalkStatus::Planned;
        }
        let venue = self.venue(&part);
        let (mut parties, actors) = self.talk_sides(c, &part, &mediators);
        // `President X and Prime Minister Y met`: two leaders, a summit.
        if format == TalkFormat::Direct
            && actors.iter().filter(|a| self.leaders.contains(a)).count() >= 2
        {
            format = TalkFormat::Summit;
        }
        let continues = EN.next_round.is_match(part_text);
        // A talk only proposed has no rounds to continue.
        let previous = self.last_talk.map(|i| &self.facts[i]).filter(|f| {
            f.problem.is_none()
                && !matches!(&f.kind, Kind::Talk(t) if t.status == TalkStatus::Proposed)
        });
        if continues && let Some(Kind::Talk(previous)) = previous.map(|f| &f.kind) {
            // The next round of the talk before: its sides and mediators
            // unless the clause names its own.
            if parties.len() < 2 {
                parties = previous.parties.clone();
            }
            if mediators.is_empty() {
                mediators = previous.mediators.clone();
                // A format the clause names (`a second round, held indirectly`)
                // stands; else the round's is the talk's before.
                if format == TalkFormat::Direct {
                    format = previous.format;
                }
            }
        }
        let quote = Quote {
            date: None,
            ..self.quote(c, None, Says::Held, c.speaker.clone())
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
            host: self.host_in(&part),
            actors,
            outcomes: Vec::new(),
        };
        let reported = c.speaker.clone();
        let index = self.add_talk(talk, quote, why, problem);
        if let Kind::Talk(t) = &self.facts[index].kind {
            let sides = t.parties.clone();
            self.earlier_talk(c, &sides);
        }
        if let Some(speaker) = reported {
            self.support_of_announcer(c, index, speaker, cue.as_str());
        }
    }

    /// A talk that `proposer` proposes or offers (`proposed talks in
    /// Lune`, `offered to open negotiations with B`), named after the
    /// stance's cue at byte `after` of the clause: proposed, between the
    /// parties named there and the proposer when it is one of the two
    /// main sides, else between those sides with the proposer mediating
    /// (unless the talk is a summit); dated by what follows the cue, else
    /// from the publication day on.
    pub(super) fn proposed_talk(&mut self, c: &Clause, after: usize, proposer: &Subject) {
        let (proposer, by_actor) = (proposer.party.as_str(), proposer.actor.clone());
        let part = c.span.start + after..c.span.end;
        let part_text = &self.masked[part.clone()];
        let Some(cue) = EN.talk.find(part_text) else {
            return;
        };
        if EN.hosting.is_match(&part_text[..cue.start()]) {
            return;
        }
        let (format, _) = manner(part_text, cue.start());
        let mut parties: Vec<String> = Vec::new();
        let mut actors: Vec<String> = by_actor.into_iter().collect();
        if self.main_sides.iter().any(|p| p == proposer) {
            parties.push(proposer.to_string());
        }
        for m in self.mentions.within(part.clone()) {
            if self.named_as_place(m) {
                continue;
            }
            if !parties.contains(&m.party) {
                parties.push(m.party.clone());
            }
            if let Some(a) = m.actor.as_ref().filter(|a| !actors.contains(a)) {
                actors.push(a.clone());
            }
        }
        // `ready to meet Prime Minister X`, said of a president: a summit.
        let format = match format {
            TalkFormat::Direct
                if actors.iter().filter(|a| self.leaders.contains(a)).count() >= 2 =>
            {
                TalkFormat::Summit
            }
            f => f,
        };
        let mut mediators = self.mediators_in(&part);
        parties.retain(|p| !mediators.contains(p));
        let third_party = !self.main_sides.iter().any(|p| p == proposer);
        if parties.iter().all(|p| self.main_sides.contains(p)) && self.main_sides.len() == 2 {
            if parties.len() < 2 {
                parties = self.main_sides.clone();
            }
            if third_party
                && format != TalkFormat::Summit
                && !mediators.iter().any(|m| m == proposer)
            {
                mediators.push(proposer.to_string());
            }
        }
        let format = match format {
            TalkFormat::Direct if !mediators.is_empty() => TalkFormat::Mediated,
            f => f,
        };
        let (date, date_why) = match c.dates.iter().find(|d| d.span.start >= part.start) {
            Some(d) => (
                d.date.clone(),
                format!("\"{}\"", &self.text[d.span.clone()]),
            ),
            None => (
                Edtf::parse(&format!("{}/..", self.published)).expect("open interval"),
                "no date: from the publication day on".to_string(),
            ),
        };
        let why = format!(
            "cue \"{}\" ({format}, proposed by {proposer}); date {date} from {date_why}; parties {}",
            cue.as_str(),
            parties.join(", ")
        );
        let problem = (parties.len() < 2)
            .then(|| "fewer than two sides named; list the parties at the table".to_string());
        let talk = Talk {
            title: String::new(),
            format,
            status: TalkStatus::Proposed,
            date,
            venue: self.venue(&part),
            parties,
            mediators,
            host: self.host_in(&part),
            actors,
            outcomes: Vec::new(),
        };
        let quote = Quote {
            date: None,
            ..self.quote(c, None, Says::Held, c.speaker.clone())
        };
        self.add_talk(talk, quote, why, problem);
    }

    /// True when `m` is named as where a talk is held or who hosts it
    /// (`in Belmara`, `in the Belmaran capital`, `hosted by Belmara`).
    fn named_as_place(&self, m: &Mention) -> bool {
        let before = text::tail(&self.text[..m.span.start], PLACE_BEFORE_BYTES).to_lowercase();
        EN.words.place_before.iter().any(|w| before.ends_with(w))
    }

    /// The part of the clause that names the talk, and its date when the
    /// clause dates it by another event: in `A came a few days after B held
    /// talks` the talk is B, dated by the expression.
    fn talk_part(&self, c: &Clause) -> (Range<usize>, Option<(Edtf, String)>) {
        match c.dates.iter().find(|d| d.role == Role::Before) {
            Some(d) => (
                d.span.end..c.span.end,
                Some((
                    d.date.clone(),
                    format!("\"{}\"", &self.text[d.span.clone()]),
                )),
            ),
            None => (c.span.clone(), None),
        }
    }

    /// Mediators a clause names for the talk it refers to (`The talks,
    /// mediated by X`): given to the talk mentioned last, if it has none.
    pub(super) fn mediators_of_referred_talk(&mut self, part: &Range<usize>) {
        let mediators = self.mediators_in(part);
        let host = self.host_in(part);
        if let Some(i) = self.last_talk
            && let Kind::Talk(t) = &mut self.facts[i].kind
            && host.is_some()
            && t.host.is_none()
        {
            t.parties.retain(|p| Some(p) != host.as_ref());
            t.host = host;
        }
        if let Some(i) = self.last_talk
            && !mediators.is_empty()
            && let Kind::Talk(t) = &mut self.facts[i].kind
            && t.mediators.is_empty()
        {
            t.parties.retain(|p| !mediators.contains(p));
            t.mediators = mediators;
            if t.format == TalkFormat::Direct {
                t.format = TalkFormat::Mediated;
            }
        }
    }

    /// `The talks were held from 2 to 7 October`: a clause saying that the
    /// talk mentioned last took place, with a date of its own, gives that
    /// talk its date (its first clause may have dated only the news of it)
    /// and is quoted for it.
    fn date_of_referred_talk(&mut self, c: &Clause, part: &Range<usize>) {
        if !EN.took_place.is_match(&self.masked[part.clone()]) {
            return;
        }
        let Some(d) = c
            .dates
            .iter()
            .find(|d| d.role == Role::Point && part.start <= d.span.start)
        else {
            return;
        };
        let Some(i) = self.last_talk.filter(|&i| self.facts[i].problem.is_none()) else {
            return;
        };
        let date = d.date.clone();
        let why = format!("; date {date} from \"{}\"", &self.text[d.span.clone()]);
        let quote = Quote {
            date: None,
            ..self.quote(c, None, Says::Held, c.speaker.clone())
        };
        let f = &mut self.facts[i];
        if let Kind::Talk(t) = &mut f.kind
            && t.status == TalkStatus::Held
        {
            t.date = date;
            f.why.push_str(&why);
            f.cite(self.text, quote);
        }
    }

    /// Talks between the same sides share their format: a talk drafted
    /// without mediators, in the default format, between the sides of a
    /// mediated talk of the article is mediated too (the mediator of a
    /// process is often named once). Its mediators stay unset, since its
    /// quotes do not name them.
    pub(super) fn share_mediation(&mut self) {
        let mediated: Vec<Vec<String>> = self
            .facts
            .iter()
            .filter(|f| f.problem.is_none())
            .filter_map(|f| match &f.kind {
                Kind::Talk(t) if !t.mediators.is_empty() => Some(sorted_owned(&t.parties)),
                _ => None,
            })
            .collect();
        for f in &mut self.facts {
            if let Kind::Talk(t) = &mut f.kind
                && t.mediators.is_empty()
                && t.format == TalkFormat::Direct
                && mediated.contains(&sorted_owned(&t.parties))
            {
                t.format = TalkFormat::Mediated;
                f.why
                    .push_str("; mediated, as another talk between the same sides");
            }
        }
    }

    /// The parties named within a few words after `mediated by` in
    /// `part` (`mediated by A and B`, `by the council's envoy, X`), and
    /// before `-mediated`; never the host.
    fn mediators_in(&self, part: &Range<usize>) -> Vec<String> {
        let host = self.host_in(part);
        // `ISC-mediated`: the name just before.
        let mut mediators: Vec<String> = self
            .mentions
            .within(part.clone())
            .iter()
            .filter(|x| {
                EN.words
                    .mediated_after
                    .iter()
                    .any(|a| self.text[x.span.end..].starts_with(a))
            })
            .map(|x| x.party.clone())
            .collect();
        if let Some(m) = EN.mediated_by.find(&self.masked[part.clone()]) {
            let from = part.start + m.end();
            for x in self.mentions.within(from..part.end) {
                if self.masked[from..x.span.start].split_whitespace().count() > MAX_WORDS_TO_NAME {
                    break;
                }
                if !mediators.contains(&x.party) && host.as_ref() != Some(&x.party) {
                    mediators.push(x.party.clone());
                }
            }
        }
        mediators
    }

    /// The party named right after `hosted by` in `part`.
    pub(super) fn host_in(&self, part: &Range<usize>) -> Option<String> {
        let m = EN.hosted_by.find(&self.masked[part.clone()])?;
        let from = part.start + m.end();
        let x = self.mentions.within(from..part.end).first()?;
        (self.masked[from..x.span.start].split_whitespace().count() <= 1).then(|| x.party.clone())
    }

    /// The cue of a talk in `part_text` (the part of the clause from
    /// `part.start`), unless it names a talk already met: `the talks`,
    /// `that meeting` with fewer than two parties named, `after the call`,
    /// `were the first talks` (said of the subject); `the next round` is
    /// always a new talk.
    fn new_talk_cue<'t>(
        &self,
        c: &Clause,
        part: &Range<usize>,
        part_text: &'t str,
    ) -> Option<regex::Match<'t>> {
        let cue = EN.talk.find(part_text)?;
        let lead = part_text[..cue.start()].trim_end().to_lowercase();
        let named = c
            .mentions
            .iter()
            .filter(|m| part.start <= m.span.start)
            .count();
        let met_before = EN
            .words
            .referring
            .iter()
            .any(|w| lead.ends_with(w.as_str()))
            && named < 2
            || EN.after_talk.is_match(part_text)
            || EN.talk_predicate.is_match(&part_text[..cue.start()]);
        (!met_before || EN.next_round.is_match(part_text)).then_some(cue)
    }

    /// A side that announces talks it is not at (`X says Y and Z will
    /// begin talks`) supports them: a position on the issue the talk's cue
    /// names, if the registry has one.
    fn support_of_announcer(
        &mut self,
        c: &Clause,
        index: usize,
        (speaker, reason): (String, String),
        cue: &str,
    ) {
        if let Kind::Talk(t) = &self.facts[index].kind
            && t.status != TalkStatus::Held
            && let Some(party) = self.party_of_actor(&speaker)
            && !t.parties.contains(&party)
            && !t.mediators.contains(&party)
        {
            let quote = self.quote(
                c,
                Some((self.published_edtf.clone(), "the publication day".into())),
                Says::Held,
                c.speaker.clone(),
            );
            let why =
                format!("`{speaker}` ({reason}) announces talks {party} is not at: supports them");
            let stance = claims::Holding {
                party,
                stance: Stance::Supports,
                issue: self
                    .issues
                    .find(&self.issue_text[c.span.clone()], Some(&cue.to_lowercase())),
                talks: Some(index),
                responds_to: None,
            };
            self.add_position(stance, quote, why, None);
        }
    }

    /// Adds a talk, or its quote to an earlier one with the same sides,
    /// format and status at a compatible place and date; returns its index.
    pub(super) fn add_talk(
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
                f.cite(self.text, quote);
                if let Kind::Talk(t) = &mut f.kind {
                    // `ready to meet ... and proposed a summit later this
                    // year`: the narrower date says more.
                    if t.date.min() <= talk.date.min() && talk.date.max() <= t.date.max() {
                        t.date = talk.date;
                    }
                    t.venue = t.venue.take().or(talk.venue);
                    t.host = t.host.take().or(talk.host);
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

    /// `in <Capitalised Words>` that name no party, month or weekday.
    pub(super) fn venue(&self, part: &Range<usize>) -> Option<String> {
        let text = &self.text[part.clone()];
        EN.venue.captures_iter(text).find_map(|caps| {
            let place = caps.get(1)?;
            let start = part.start + place.start();
            let named = self.mentions.overlap(start..start + place.len());
            let range = start..start + place.len();
            let first = place.as_str().split(' ').next().unwrap_or_default();
            let is_date = EN.dates.months.iter().any(|m| m == first)
                || EN.dates.weekdays.iter().any(|w| w == first)
                || !dates::find(self.text, range, self.published, &mut None).is_empty();
            (!named && !is_date).then(|| place.as_str().to_string())
        })
    }

    /// The parties `both sides`, `the two delegations` stand for: those of
    /// the last talk drafted with its sides, else the article's two main
    /// sides.
    pub(super) fn both_sides(&self) -> &[String] {
        self.facts
            .iter()
            .rev()
            .find_map(|f| match &f.kind {
                Kind::Talk(t) if f.problem.is_none() => Some(t.parties.as_slice()),
                _ => None,
            })
            .unwrap_or(&self.main_sides)
    }

    /// The sides at the table and the actors who took part: the parties
    /// named in the part (not one that only reports it, nor mediators);
    /// the speaker for `he spoke with` or a quotation's `my`/`we`; the
    /// sentence's subject for a clause that names nobody before its cue
    /// (`... and informed X`); for a briefing, only those briefed.
    pub(super) fn talk_sides(
        &self,
        c: &Clause,
        part: &Range<usize>,
        mediators: &[String],
    ) -> (Vec<String>, Vec<String>) {
        let text = &self.masked[part.clone()];
        let speech = EN.speech.find(text);
        let pronoun_after = speech.is_some_and(|v| {
            let rest = text[v.end()..].trim_start();
            EN.words.third_person.iter().any(|p| {
                rest.strip_prefix(p.as_str())
                    .is_some_and(|r| r.starts_with(' '))
            })
        });
        let cue_at = EN
            .talk
            .find(text)
            .map_or(part.start, |m| part.start + m.start());
        // What is reported follows the speech verb (`X said Y and Z met`),
        // unless the talk's cue comes before it: then it ends at the comma
        // before the one who says it (`Y and Z met, X said`).
        let (from, reported_end) = match speech {
            Some(_) if pronoun_after => (part.start, part.end),
            Some(v) if part.start + v.end() <= cue_at => (part.start + v.end(), part.end),
            Some(v) => (
                part.start,
                part.start + text[..v.start()].rfind(',').unwrap_or(v.start()),
            ),
            None => (part.start, part.end),
        };
        let until = match EN.briefing.find(text) {
            Some(m) => {
                let rest = &text[m.end()..];
                EN.words
                    .briefed_on
                    .iter()
                    .find_map(|w| rest.find(w.as_str()))
                    .map_or(part.end, |e| part.start + m.end() + e)
            }
            None => part.end,
        }
        .min(reported_end);
        let (mut parties, mut actors): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        // `the parties`, `both sides`, when the part names fewer than two.
        let last_sides: &[String] = match EN.sides.is_match(text) {
            true => self.both_sides(),
            false => &[],
        };
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
        let speaker_side =
            pronoun_after || (c.quotation.is_some() && EN.first_person.is_match(text));
        if speaker_side
            && let Some((speaker, _)) = &c.speaker
            && let Some(p) = self.party_of_actor(speaker)
        {
            add(&p, Some(speaker));
        }
        let named_before_cue = !self.mentions.within(from..cue_at).is_empty();
        if !named_before_cue
            && !speaker_side
            && self.text[part.clone()].starts_with(|ch: char| ch.is_lowercase())
            && let Some(m) = &c.subject
        {
            add(&m.party, m.actor.as_ref());
        }
        for m in self.mentions.within(from..until.min(part.end)) {
            // The place or its host, not a side at the table.
            if self.named_as_place(m) {
                continue;
            }
            add(&m.party, m.actor.as_ref());
        }
        if parties.len() < 2 {
            for p in last_sides {
                if !mediators.contains(p) && !parties.contains(p) {
                    parties.push(p.clone());
                }
            }
        }
        (parties, actors)
    }

    /// An outcome of the talk the clause refers to.
    pub(super) fn outcome(&mut self, c: &Clause, kind: OutcomeKind, cue: &str) {
        let mut span = self.quote_span(c);
        // Only a talk that took place has outcomes: the last one held, if
        // the talk referred to has not.
        let held = |i: &usize| matches!(&self.facts[*i].kind, Kind::Talk(t) if t.status == TalkStatus::Held);
        let mut talk = self.referred_talk(c).filter(held).or_else(|| {
            (0..self.facts.len())
                .rev()
                .find(|i| held(i) && self.facts[*i].problem.is_none())
        });
        if kind == OutcomeKind::Other
            && let Some(first_at) = self.earlier_talk(c, &[])
        {
            // The outcome's quote ends where `since <date>` begins.
            let since_at = self.text[first_at..c.span.end]
                .rfind(" since")
                .map_or(c.span.end, |at| first_at + at);
            span.end = since_at.max(span.start);
            // The talk the text speaks of is the subject, named by its venue.
            talk = self.talk_by_venue(&(c.span.start..first_at)).or(talk);
        }
        let speaker = c.speaker.clone();
        let outcome = Outcome {
            text: self.summary(&span),
            kind,
            quote: Quote {
                span,
                date: None,
                says: Says::Held,
                speaker: speaker.as_ref().map(|s| s.0.clone()),
                implied: false,
                attribution: None,
                why: speaker.map_or(String::new(), |(id, r)| format!("speaker `{id}`: {r}")),
            },
            why: format!(
                "cue \"{cue}\" ({kind}) {}",
                if talk.is_some() {
                    "about the talk mentioned last"
                } else {
                    "before any talk is mentioned"
                }
            ),
            problem: None,
        };
        match talk {
            Some(talk) => {
                if let Kind::Talk(t) = &mut self.facts[talk].kind {
                    t.outcomes.push(outcome);
                }
            }
            None => self.talk_of_lone_outcome(c, outcome),
        }
    }

    /// An outcome no talk was mentioned before: written inside a talk of
    /// its own, commented out, for the analyst to move to the talk it
    /// belongs to.
    fn talk_of_lone_outcome(&mut self, c: &Clause, outcome: Outcome) {
        let quote = outcome.quote.clone();
        let talk = Talk {
            title: String::new(),
            format: TalkFormat::Other,
            status: TalkStatus::Held,
            date: self.fact_date(c).0,
            venue: None,
            parties: Vec::new(),
            mediators: Vec::new(),
            host: None,
            actors: Vec::new(),
            outcomes: vec![outcome],
        };
        self.facts.push(Fact {
            id: "talk".into(),
            kind: Kind::Talk(talk),
            evidence: vec![quote],
            why: "an outcome with no talk mentioned before it".into(),
            problem: Some(
                "an outcome, but no talk is mentioned before it: move the [[talk.outcome]] to the talk it belongs to".into(),
            ),
        });
    }

    /// `the first (direct) talks since <date>`: drafts the earlier talk the
    /// text counts from, between the sides it names (or `sides`), and
    /// returns where `the first` begins.
    pub(super) fn earlier_talk(&mut self, c: &Clause, sides: &[String]) -> Option<usize> {
        if !EN.first_since.is_match(c.text) {
            return None;
        }
        let first_at = c.span.start + EN.the_first.find(c.text)?.start();
        // The date the text counts from comes after `the first`.
        let since = c
            .dates
            .iter()
            .find(|d| d.role == Role::Since && d.span.start >= first_at)?;
        let part = first_at..since.span.end;
        let (mut parties, _) = self.talk_sides(c, &part, &[]);
        if parties.len() < 2 {
            parties = sides.to_vec();
        }
        let earlier = Talk {
            title: String::new(),
            format: if EN.direct.is_match(&self.masked[part.clone()]) {
                TalkFormat::Direct
            } else {
                TalkFormat::Other
            },
            status: TalkStatus::Held,
            date: since.date.clone(),
            venue: None,
            parties: parties.clone(),
            mediators: Vec::new(),
            host: None,
            actors: Vec::new(),
            outcomes: Vec::new(),
        };
        let quote = Quote {
            span: part,
            date: None,
            says: Says::Held,
            speaker: None,
            implied: false,
            attribution: None,
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
    pub(super) fn statement_after_talk(&mut self, c: &Clause, cue: &str) {
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
        let span = text::trim(self.text, start..end);
        let outcome = Outcome {
            text: self.summary(&span),
            kind: OutcomeKind::Statement,
            quote: Quote {
                span,
                date: None,
                says: Says::Held,
                speaker: c.speaker.as_ref().map(|s| s.0.clone()),
                implied: false,
                attribution: None,
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
    pub(super) fn talk_said_after(&self, text: &str) -> Option<usize> {
        let m = EN.after_talk.captures(text)?;
        self.last_talk_held(&m[1])
    }

    /// The talk held mentioned last, else the last drafted, of the kind
    /// `word` names (`call`, `talks`).
    pub(super) fn last_talk_held(&self, word: &str) -> Option<usize> {
        let call = lexicon::says(&EN.formats, TalkFormat::Call, word);
        let format = call.then_some(TalkFormat::Call);
        let fits = |f: &Fact| match &f.kind {
            Kind::Talk(t) => {
                f.problem.is_none()
                    && t.status == TalkStatus::Held
                    && format.is_none_or(|x| t.format == x)
            }
            _ => false,
        };
        // The talk mentioned last, if it fits, else the last drafted.
        self.last_talk
            .filter(|&i| fits(&self.facts[i]))
            .or_else(|| self.facts.iter().rposition(fits))
    }

    /// The talk a clause refers to: by venue, else the last one mentioned.
    pub(super) fn referred_talk(&self, c: &Clause) -> Option<usize> {
        self.talk_by_venue(&c.span).or(self.last_talk)
    }

    /// The last talk whose venue the range names (`in Port Vell`).
    pub(super) fn talk_by_venue(&self, range: &Range<usize>) -> Option<usize> {
        let text = &self.text[range.clone()];
        self.facts.iter().rposition(|f| match &f.kind {
            Kind::Talk(t) => t
                .venue
                .as_ref()
                .is_some_and(|v| text.contains(&format!("in {v}"))),
            _ => false,
        })
    }
}

/// The format and status of a talk whose cue starts at `cue_start` in
/// `text`: the first format and status cue that matches, or `direct` and
/// `held`. A briefing on plans is itself held, unless it lies ahead.
fn manner(text: &str, cue_start: usize) -> (TalkFormat, TalkStatus) {
    let format = lexicon::first(&EN.formats, text).unwrap_or(TalkFormat::Direct);
    let status_text = match format {
        TalkFormat::Briefing => &text[..cue_start],
        _ => text,
    };
    let status = lexicon::first(&EN.statuses, status_text).unwrap_or(TalkStatus::Held);
    (format, status)
}

/// `date` as the last day of `N days (weeks) of talks` the text says led
/// up to it: from the first day to that day.
fn lasting(text: &str, date: &Edtf) -> Option<Edtf> {
    if date.precision() != crate::date::Precision::Day {
        return None;
    }
    let caps = EN.duration.captures(text)?;
    let count = caps[1].to_lowercase();
    let n = match count.parse::<i64>() {
        Ok(n) => n,
        Err(_) => EN.dates.numbers.iter().position(|w| *w == count)? as i64 + 1,
    };
    let unit = caps[2].to_lowercase();
    let days = if unit.starts_with(&EN.dates.week_unit) {
        7 * n
    } else {
        n
    };
    if !(1..=366).contains(&days) {
        return None;
    }
    let end = date.max();
    let start = end.checked_sub(jiff::Span::new().days(days - 1)).ok()?;
    Edtf::parse(&format!("{start}/{end}")).ok()
}

/// Enough bytes before a name to hold any of the lexicon's words for a
/// place or host before it (`hosted by the `).
const PLACE_BEFORE_BYTES: usize = 64;

/// The most words between `mediated by` and a mediator's name (`by the
/// council's special envoy, Marit Halvorsen`).
const MAX_WORDS_TO_NAME: usize = 6;

fn sorted_owned(list: &[String]) -> Vec<String> {
    let mut v = list.to_vec();
    v.sort();
    v
}

fn sorted(list: &[String]) -> Vec<&String> {
    let mut v: Vec<&String> = list.iter().collect();
    v.sort();
    v
}

/// `Arvenia–TLF talks in Port Vell`: a title to be rewritten by hand.
fn talk_title(talk: &Talk, names: &std::collections::BTreeMap<String, String>) -> String {
    let what = match talk.format {
        TalkFormat::Call | TalkFormat::Briefing | TalkFormat::Summit => talk.format.as_str(),
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
