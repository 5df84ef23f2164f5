//! When a quoted fact held: the date a clause gives, or the one its tense,
//! sentence, paragraph or talk implies.

use super::*;

impl Reader<'_> {
    /// The date a demand or position is quoted for, with the reason: a
    /// `since` date; in the present tense the publication day (or the date
    /// of the speech verb, `said in July`); in the past a date in the
    /// clause, in the sentence before it, in the paragraph, or else the
    /// publication day.
    pub(super) fn fact_date(&self, c: &Clause) -> (Edtf, String) {
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
        // `went into the talks demanding`, `during the talks`: at that
        // talk, from its first day for `into`.
        if let Some(caps) = EN.at_talk.captures(&self.masked[c.sentence.clone()])
            && let Some(Kind::Talk(t)) = self.last_talk_held(&caps[2]).map(|i| &self.facts[i].kind)
        {
            let date = match caps.get(1) {
                Some(_) => Edtf::of_day(t.date.min()),
                None => t.date.clone(),
            };
            return (date, format!("at the talk of {}", t.date));
        }
        let clause_for_tense = &self.masked[text::trim_marks(self.text, c.span.clone())];
        if cues::present_tense(clause_for_tense) && c.quotation.is_none() {
            let said_at = c.dates.iter().find(|d| {
                let before = &self.text[c.span.start..d.span.start];
                EN.speech
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
            // What the text says holds now holds on the publication day.
            return (
                self.published_edtf.clone(),
                "present tense: the publication day".to_string(),
            );
        }
        // A date after publication is one inside what is said (a deadline,
        // a forecast: `could slip to next spring`), not when it was said.
        if let Some(d) = c.dates.iter().find(|d| d.date.min() <= self.published) {
            return (
                d.date.clone(),
                format!("\"{}\"", &self.text[d.span.clone()]),
            );
        }
        // Nor does a later date earlier in the sentence or paragraph date it.
        let past = |d: &&Edtf| d.min() <= self.published;
        if let Some(d) = c.sentence_date.as_ref().filter(past) {
            return (d.clone(), "the date earlier in the sentence".to_string());
        }
        if let Some(d) = self.paragraph_date.as_ref().filter(past) {
            // A day of the news named earlier in the paragraph: what the
            // text goes on to report was said that day or after it (`X
            // said on Sunday ... The alliance rejected the demand`).
            if let Some(day) = self.news_week_day(d) {
                return (
                    self.until_publication(day),
                    format!(
                        "after {day}, named earlier in the paragraph, and by the publication day"
                    ),
                );
            }
            return (
                d.clone(),
                "the date last mentioned in the paragraph".to_string(),
            );
        }
        self.reported_date("no date in the text")
    }

    /// The date of a statement in the past the text does not date (`she
    /// said the army had moved`): from the day of
    /// the news the article reports (the first day it names in the
    /// week up to publication) to the publication day, since reactions
    /// come after the news and before the report; the publication day
    /// when the article names no such day.
    fn reported_date(&self, why: &str) -> (Edtf, String) {
        match self.news_day.filter(|d| *d < self.published) {
            Some(day) => (
                self.until_publication(day),
                format!("{why}: between the news of {day} and the publication day"),
            ),
            None => (
                self.published_edtf.clone(),
                format!("{why}: the publication day"),
            ),
        }
    }

    /// The days from `day` to the publication day.
    fn until_publication(&self, day: Date) -> Edtf {
        Edtf::parse(&format!("{day}/{}", self.published)).expect("an interval of days")
    }

    /// The day `date` is, when it is a day from the news of the article
    /// to the day before publication.
    fn news_week_day(&self, date: &Edtf) -> Option<Date> {
        day_of_the_news(self.news_day?, self.published, date)
    }

    /// A talk's date when the clause gives none of its own: from `now`
    /// on for one that lies ahead, else as for a demand.
    pub(super) fn talk_date(&self, c: &Clause, status: TalkStatus) -> (Edtf, String) {
        if let Some(d) = c.dates.iter().find(|d| d.role != Role::Since) {
            return (
                d.date.clone(),
                format!("\"{}\"", &self.text[d.span.clone()]),
            );
        }
        if status != TalkStatus::Held {
            let open = Edtf::parse(&format!("{}/..", self.published)).expect("open interval");
            return (open, "no date: from the publication day on".to_string());
        }
        let (d, why) = self.fact_date(c);
        if cues::present_tense(c.text) {
            return (self.published_edtf.clone(), why);
        }
        (d, why)
    }

    /// A report of a party's statement (`the ministry said on Thursday`)
    /// quotes more of it without a date (`the statement said`): a quote
    /// of a demand or position dated only from a day of the news to the
    /// publication day takes the one day in that span its party's other
    /// quotes are dated. A quote credited to an unnamed source, or in the
    /// headline, keeps its span; so does a party that spoke on two such
    /// days.
    pub(super) fn date_by_the_statement(&mut self, title: Option<&Range<usize>>) {
        let in_title =
            |span: &Range<usize>| title.is_some_and(|t| t.start <= span.start && span.end <= t.end);
        let party = |k: &Kind| match k {
            Kind::Demand { by, .. } => Some(by.clone()),
            Kind::Position { party, .. } => Some(party.clone()),
            _ => None,
        };
        let mut days: Vec<(String, Date)> = Vec::new();
        for f in &self.facts {
            let Some(p) = party(&f.kind).filter(|p| !p.is_empty()) else {
                continue;
            };
            for q in f.evidence.iter().filter(|q| !in_title(&q.span)) {
                if let Some(day) = q.date.as_ref().and_then(|d| self.news_week_day(d)) {
                    days.push((p.clone(), day));
                }
            }
        }
        days.sort();
        days.dedup();
        let (Some(news), published) = (self.news_day, self.published) else {
            return;
        };
        for f in &mut self.facts {
            let Some(p) = party(&f.kind) else { continue };
            for q in &mut f.evidence {
                if q.attribution.is_some() || in_title(&q.span) {
                    continue;
                }
                let Some(from) = q
                    .date
                    .as_ref()
                    .filter(|d| d.max() == published && d.min() < d.max())
                    .and_then(|d| day_of_the_news(news, published, &Edtf::of_day(d.min())))
                else {
                    continue;
                };
                let mut said = days
                    .iter()
                    .filter(|(q, d)| *q == p && from <= *d)
                    .map(|(_, d)| *d);
                let (Some(day), None) = (said.next(), said.next()) else {
                    continue;
                };
                q.date = Some(Edtf::of_day(day));
                q.why = format!(
                    "{}; the day {p} made the statement it reports, {day}",
                    q.why
                );
            }
        }
    }
}

/// The day `date` is, when it is a day from `news` to the day before
/// `published`.
fn day_of_the_news(news: Date, published: Date, date: &Edtf) -> Option<Date> {
    let day = date.min();
    (date.precision() == crate::date::Precision::Day && news <= day && day < published)
        .then_some(day)
}
