//! The vocabulary the drafting rules look for, read from a data file per
//! language (`en.toml`, embedded in the binary). The rules know no word of
//! their own: every cue, word list and pattern is here.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::vocab::{
    DocumentKind, OutcomeKind, PartyKind, Says, Stance, TalkFormat, TalkStatus, ValueSet,
};

/// What a masked name looks like to a pattern: the text the cues are
/// matched against has every name of a party or actor written over with
/// `X`s; `{name}` in a pattern stands for one.
pub const MASK: char = 'X';
const MASKED_NAME: &str = "X+";

/// The English vocabulary, compiled on first use.
pub static EN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(include_str!("en.toml")).unwrap_or_else(|e| panic!("src/draft/en.toml: {e}"))
});

/// Values with their cues, tried in order.
pub type Table<T> = Vec<(T, Regex)>;

/// The first value of `table` whose cue `text` matches.
pub fn first<T: Copy>(table: &[(T, Regex)], text: &str) -> Option<T> {
    table
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(v, _)| *v)
}

/// True when `text` matches the cue of `value` in `table`.
pub fn says<T: PartialEq>(table: &[(T, Regex)], value: T, text: &str) -> bool {
    table.iter().any(|(v, re)| *v == value && re.is_match(text))
}

/// A vocabulary, its cues compiled.
pub struct Lexicon {
    /// A demand: what one party requires of another.
    pub demand: Regex,
    /// A condition set: a demand (`only once`, `provided that`).
    pub condition: Regex,
    /// A condition when a refusal comes before it (`will not ... until`).
    pub condition_after_refusal: Regex,
    /// A demand given up.
    pub dropped: Regex,
    /// A demand or claim first put forward.
    pub added: Regex,
    /// A talk: a meeting, call, briefing or negotiation.
    pub talk: Regex,
    /// A briefing: one side informs others.
    pub briefing: Regex,
    /// Where a talk's mediators are named: after these words.
    pub mediated_by: Regex,
    /// Where a talk's host is named: after these words.
    pub hosted_by: Regex,
    /// That a talk took place, in a clause about a talk met before.
    pub took_place: Regex,
    /// Words for both sides: those of the talk mentioned last, else the
    /// article's two main sides.
    pub sides: Regex,
    /// Words that refer back to a demand drafted earlier.
    pub refers_to_demand: Regex,
    /// Words that refer back to a proposal drafted earlier: a document, or
    /// a position that proposes or offers.
    pub refers_to_proposal: Regex,
    /// An actor's role that makes them a leader.
    pub leader_role: Regex,
    /// A talk that continues an earlier one.
    pub next_round: Regex,
    /// Where `the first` begins.
    pub the_first: Regex,
    /// `the first ... since <date>`: an earlier talk at that date.
    pub first_since: Regex,
    /// A talk said to be face to face.
    pub direct: Regex,
    /// Verbs that report speech.
    pub speech: Regex,
    /// An offer to host a talk, before its cue.
    pub hosting: Regex,
    /// A consequence the text implies (`which would`).
    pub implied: Regex,
    /// Words of the present (or future) tense.
    pub present: Regex,
    /// A verb in the present after a party's name or a pronoun (`Veyle
    /// maintains`), the name masked.
    pub present_after_name: Regex,
    /// The end of the text before a name that modifies a noun (`of
    /// Kaldoran troops`), so that the noun is not read as a verb.
    pub attributive: Regex,
    /// A plural pronoun standing for a party in what is demanded.
    pub pronoun_for_parties: Regex,
    /// Words of the past tense.
    pub past: Regex,
    /// Demand cues whose subject is the party obliged, not the one who
    /// demands (`X said that Y must ...`).
    pub obligation: Regex,
    /// Demand cues that also report a fact (`insists`).
    pub insisting: Regex,
    /// After such a cue, a thing insisted on (`insists on X`).
    pub complement_noun: Regex,
    /// Words that open a clause reported by the one before (`that`).
    pub complement: Regex,
    /// The word before the agent of a passive verb (`tabled by X`).
    pub agent: Regex,
    /// Words right before a date that make it a deadline (`by June 30`),
    /// at the end of the text before the date.
    pub deadline: Regex,
    /// The same words opening a date expression (`by May`).
    pub deadline_lead: Regex,
    /// Words before a talk's cue that say it is over (`after`).
    pub completed: Regex,
    /// A phrase of time or frame whose words give an issue only when the
    /// rest of the clause gives none (`before any negotiations`).
    pub adjunct: Regex,
    /// How long a talk lasted (`four days of talks`); groups: the number
    /// and the unit.
    pub duration: Regex,
    /// Words of a clause that look ahead of the publication day.
    pub ahead: Regex,
    /// A statement made after a talk; group 1 is the kind of talk.
    pub after_talk: Regex,
    /// A clause that says something was not said or is not known.
    pub unstated: Regex,
    /// What held at a talk (`went into the talks demanding`): group 1
    /// `into`, group 2 the kind of talk.
    pub at_talk: Regex,
    /// A person's name.
    pub name: Regex,
    /// A name the registries may not hold: capitalised words in a row.
    pub proper_name: Regex,
    /// The words joining the parts of such a name.
    pub proper_name_join: Regex,
    /// Set phrases of reporting that hold cue words, masked like names.
    pub set_phrase: Regex,
    /// Who a sentence credits: group 1 is the words before a speech verb
    /// or after `according to`.
    pub unnamed_source: Regex,
    /// A word for a source that is not named (`diplomats`, `an official`).
    pub source_noun: Regex,
    /// First-person words inside a quotation.
    pub first_person: Regex,
    /// A third-person pronoun opening a sentence (`She said`).
    pub pronoun: Regex,
    /// `it` or `they` as the subject opening a sentence (after a word or
    /// two: `Instead they asked`).
    pub subject_pronoun: Regex,
    /// A place; group 1 is its name.
    pub venue: Regex,
    /// An author's line; group 1 is the author.
    pub byline: Regex,
    /// A line that is a sentence of its own (a heading, a list item).
    pub line_of_its_own: Regex,
    /// A closing note on the author; group 1 is the publisher.
    pub publisher: Regex,
    /// A dateline; groups: place, month, day, year, each optional.
    pub dateline: Regex,
    /// Where clauses begin inside a sentence.
    pub clause_break: Regex,
    /// The first word of a noun phrase: where a list of things demanded
    /// begins.
    pub list_item: Regex,
    /// A separator of a list of noun phrases; group 1 is the next item.
    pub list_break: Regex,
    /// Where what is demanded begins, after the parties addressed.
    pub demanded_from: Regex,
    /// Stances of positions with their cues, tried in order.
    pub stances: Table<Stance>,
    /// The stance a judgement in a quotation gives (`called it “a
    /// humiliation”`), tried in order.
    pub judgements: Table<Stance>,
    /// A judgement: groups 1, what is judged, and 2, the quotation.
    pub judgement: Regex,
    /// Before a talk's cue said of the subject (`were the first talks`).
    pub talk_predicate: Regex,
    /// A phrase set before a sentence's subject.
    pub fronted: Regex,
    /// A relative clause between a subject and its verb: group 1.
    pub relative_clause: Regex,
    /// An apposition right after a name: group 1.
    pub apposition: Regex,
    /// Stances that answer what another proposed or demanded: a clause
    /// whose cue of one is followed by a demand (`rejected the demand`) is
    /// that position, not a demand.
    pub answers: Vec<Stance>,
    /// A negation right before a stance's cue (`did not rule out`).
    pub negation: Regex,
    /// The stance a negated cue gives (`rejects` → `offers`); a stance
    /// not listed gives no position when negated.
    pub negated: std::collections::HashMap<Stance, Stance>,
    /// Formats of talks with their cues, tried in order.
    pub formats: Table<TalkFormat>,
    /// Statuses of talks other than `held` with their cues, tried in order.
    pub statuses: Table<TalkStatus>,
    /// Kinds of outcomes with their cues, tried in order.
    pub outcomes: Table<OutcomeKind>,
    /// Kinds of documents with the nouns that name them, tried in order.
    pub documents: Table<DocumentKind>,
    /// What happens to a document, with its cues, tried in order.
    pub document_events: Table<Says>,
    /// The plain word lists.
    pub words: Words,
    /// A word of the text, and words issues may use for the same thing.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Words for a party of some kinds instead of its name.
    pub group_words: Vec<(Vec<PartyKind>, Vec<String>)>,
    /// The words of dates.
    pub dates: Dates,
}

/// Plain word lists, matched as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Right after a mediator's name: `-mediated`.
    pub mediated_after: Vec<String>,
    /// Just before a party's name that is a talk's place or host.
    pub place_before: Vec<String>,
    /// Words a quote does not begin with.
    pub quote_leads: Vec<String>,
    /// Words before a talk's cue that refer to a talk already met.
    pub referring: Vec<String>,
    /// He and she.
    pub third_person: Vec<String>,
    /// Prepositions: a party named right after one is an object.
    pub prepositions: Vec<String>,
    /// The word joining two parties named together.
    pub joining: Vec<String>,
    /// Words after a briefing's cue that end the list of those briefed.
    pub briefed_on: Vec<String>,
    /// Words of issue descriptions too common to signal an issue.
    pub stop_words: Vec<String>,
    /// Words too common to tie two quotes to one fact.
    pub common: Vec<String>,
    /// Abbreviations after which a full stop does not end a sentence.
    pub abbreviations: Vec<String>,
    /// Pronouns that stand for a thing (`it`, `that`).
    pub pronouns: Vec<String>,
    /// Pronouns for a thing as a verb's object (`it`, `them`).
    pub object_pronouns: Vec<String>,
    /// Articles and demonstratives: a one-word stance cue right after one
    /// is a noun or an adjective (`the claim`, `the proposed talks`).
    pub determiners: Vec<String>,
}

/// The words of dates.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// Month names, January first.
    pub months: Vec<String>,
    /// Weekday names, Monday first.
    pub weekdays: Vec<String>,
    /// A small number.
    pub few: Vec<String>,
    /// The numbers one, two, three ... in words, one first.
    pub numbers: Vec<String>,
    /// The start of the unit of a week (`week`, `weeks`).
    pub week_unit: String,
    /// Words before a month named alone.
    pub month_leads: Vec<String>,
    /// Words between the two ends of a range (`March to May 2022`, `2 to
    /// 7 October`), as regex alternatives.
    pub range_words: Vec<String>,
    /// Words before a date that make it a start.
    pub since: Vec<String>,
    /// Words before a date that put it ahead.
    pub ahead_leads: Vec<String>,
    /// Words before a weekday that put it strictly before.
    pub last: Vec<String>,
    /// Words before a weekday.
    pub weekday_leads: Vec<String>,
    /// `a few days ago`, after `few`.
    pub days_before: Vec<String>,
    /// `a few days after`.
    pub days_after: Vec<String>,
    /// `in a few days`.
    pub days_later: Vec<String>,
    /// A week after the day mentioned last.
    pub week_later: Vec<String>,
    /// From the date mentioned last to publication (`has since`).
    pub since_then: Vec<String>,
    /// The date mentioned last.
    pub that_time: Vec<String>,
    /// Later in the year of the date mentioned last.
    pub later_that_year: Vec<String>,
    /// Earlier in the year of the date mentioned last.
    pub earlier_that_year: Vec<String>,
    /// Earlier in the publication year, up to its month.
    pub earlier_this_year: Vec<String>,
    /// Later in the publication year, from the month after it.
    pub later_this_year: Vec<String>,
    /// The year after the date mentioned last.
    pub following_year: Vec<String>,
    /// Periods counted from the publication day.
    pub relative: Vec<Relative>,
    /// The seasons, with their months.
    pub seasons: Vec<Season>,
    /// Words before a season that count it from publication (`last`).
    pub season_leads: Vec<String>,
    /// Words before a season that make it the next one to end, in a
    /// clause that looks ahead (`meet again in the autumn`).
    pub season_ahead_leads: Vec<String>,
    /// Right after a date, what makes it qualify a noun (`'s`).
    pub possessive: Vec<String>,
}

/// A period counted from the publication day: `last week`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    /// The phrase, lower case.
    pub phrase: String,
    /// Its unit.
    pub unit: Unit,
    /// How many units from the publication day's.
    pub offset: i8,
}

/// A season: its name and its first and last months (1 to 12; the last
/// before the first when it spans the new year).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Season {
    /// The name, lower case.
    pub name: String,
    /// Its first month.
    pub first: i8,
    /// Its last month.
    pub last: i8,
}

/// The unit of a [`Relative`] period.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A day.
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    answers: Vec<String>,
    cues: BTreeMap<String, Vec<String>>,
    patterns: BTreeMap<String, String>,
    stances: Vec<Valued>,
    judgements: Vec<Valued>,
    negated: BTreeMap<String, String>,
    formats: Vec<Valued>,
    statuses: Vec<Valued>,
    outcomes: Vec<Valued>,
    documents: Vec<Valued>,
    document_events: Vec<Valued>,
    words: Words,
    synonyms: BTreeMap<String, Vec<String>>,
    group_words: Vec<GroupWords>,
    dates: Dates,
}

/// Words for a party of some kinds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupWords {
    kinds: Vec<String>,
    words: Vec<String>,
}

/// A value with its cues.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Valued {
    value: String,
    cues: Vec<String>,
}

/// Builds the compiled vocabulary, taking each entry out of the raw file
/// so that an entry left over is reported.
struct Builder {
    cues: BTreeMap<String, Vec<String>>,
    patterns: BTreeMap<String, String>,
    months: String,
    numbers: String,
    /// Every pattern of the file, compiled ahead on every core: see
    /// [`compile_all`].
    compiled: HashMap<String, Result<Regex, String>>,
}

impl Builder {
    /// The builder of `raw`'s entries, their patterns compiled.
    fn new(raw: &mut Raw) -> Builder {
        let mut b = Builder {
            cues: std::mem::take(&mut raw.cues),
            patterns: std::mem::take(&mut raw.patterns),
            months: group(&raw.dates.months),
            numbers: format!("(?:{})", raw.dates.numbers.join("|")),
            compiled: HashMap::new(),
        };
        let valued = [
            &raw.stances,
            &raw.judgements,
            &raw.formats,
            &raw.statuses,
            &raw.outcomes,
            &raw.documents,
            &raw.document_events,
        ];
        let sources = (b.cues.values())
            .chain(valued.iter().flat_map(|list| list.iter().map(|v| &v.cues)))
            .map(|list| cue_source(list))
            .chain(b.patterns.values().map(|p| b.substituted(p)))
            .chain(b.list_break_source().ok())
            .collect();
        b.compiled = compile_all(sources);
        b
    }

    /// `source` compiled.
    fn regex(&self, source: &str) -> Result<Regex, String> {
        match self.compiled.get(source) {
            Some(compiled) => compiled.clone(),
            None => compile(source),
        }
    }

    fn cue(&mut self, name: &str) -> Result<Regex, String> {
        let list = self
            .cues
            .remove(name)
            .ok_or_else(|| format!("[cues] has no `{name}`"))?;
        self.cues_of(&list)
            .map_err(|e| format!("[cues] {name}: {e}"))
    }

    /// A list of cues as one case-insensitive pattern of whole words.
    fn cues_of(&self, list: &[String]) -> Result<Regex, String> {
        if list.is_empty() {
            return Err("no cue".into());
        }
        self.regex(&cue_source(list))
    }

    /// A separator of `list_separator` before a word of `noun_phrase`,
    /// that word as group 1 (the regex crate has no look-ahead).
    fn list_break(&mut self) -> Result<Regex, String> {
        let source = self.list_break_source()?;
        self.cues.remove("list_separator");
        self.regex(&source)
            .map_err(|e| format!("[cues] list_separator: {e}"))
    }

    fn list_break_source(&self) -> Result<String, String> {
        let separators = self
            .cues
            .get("list_separator")
            .ok_or("[cues] has no `list_separator`")?;
        let starts = self
            .cues
            .get("noun_phrase")
            .ok_or("[cues] has no `noun_phrase`")?;
        Ok(format!(
            r"(?i)(?:{})({})\b",
            separators.join("|"),
            starts.join("|")
        ))
    }

    fn pattern(&mut self, name: &str) -> Result<Regex, String> {
        let pattern = self
            .patterns
            .remove(name)
            .ok_or_else(|| format!("[patterns] has no `{name}`"))?;
        self.regex(&self.substituted(&pattern))
            .map_err(|e| format!("[patterns] {name}: {e}"))
    }

    /// `pattern` with `{month}`, `{number}` and `{name}` written out.
    fn substituted(&self, pattern: &str) -> String {
        pattern
            .replace("{month}", &self.months)
            .replace("{number}", &self.numbers)
            .replace("{name}", MASKED_NAME)
    }

    /// A list tried in order: each value parsed, listed once, its cues
    /// compiled.
    fn valued<V: ValueSet>(&self, table: &str, list: &[Valued]) -> Result<Vec<(V, Regex)>, String> {
        let mut out: Vec<(V, Regex)> = Vec::new();
        for Valued { value, cues } in list {
            let v = V::parse(value).ok_or_else(|| {
                format!(
                    "[[{table}]] `{value}` is not one of {}",
                    V::names().join(", ")
                )
            })?;
            if out.iter().any(|(w, _)| *w == v) {
                return Err(format!("[[{table}]] lists `{value}` twice"));
            }
            out.push((
                v,
                self.cues_of(cues)
                    .map_err(|e| format!("[[{table}]] {value}: {e}"))?,
            ));
        }
        Ok(out)
    }
}

impl Lexicon {
    /// Reads and compiles a vocabulary file.
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let mut raw: Raw = toml::from_str(text).map_err(|e| e.to_string())?;
        if raw.dates.months.len() != 12 || raw.dates.weekdays.len() != 7 {
            return Err("[dates] needs 12 months and 7 weekdays".into());
        }
        let mut b = Builder::new(&mut raw);
        let list_break = b.list_break()?;
        let lexicon = Lexicon {
            demand: b.cue("demand")?,
            dropped: b.cue("dropped")?,
            condition: b.cue("condition")?,
            condition_after_refusal: b.cue("condition_after_refusal")?,
            added: b.cue("added")?,
            talk: b.cue("talk")?,
            briefing: b.cue("briefing")?,
            mediated_by: b.cue("mediated_by")?,
            sides: b.cue("sides")?,
            took_place: b.cue("took_place")?,
            hosted_by: b.cue("hosted_by")?,
            refers_to_demand: b.cue("refers_to_demand")?,
            refers_to_proposal: b.cue("refers_to_proposal")?,
            leader_role: b.cue("leader_role")?,
            next_round: b.cue("next_round")?,
            the_first: b.cue("the_first")?,
            first_since: b.cue("first_since")?,
            direct: b.cue("direct")?,
            speech: b.cue("speech")?,
            hosting: b.cue("hosting")?,
            implied: b.cue("implied")?,
            present: b.cue("present")?,
            past: b.cue("past")?,
            present_after_name: b.pattern("present_after_name")?,
            attributive: b.pattern("attributive")?,
            pronoun_for_parties: b.pattern("pronoun_for_parties")?,
            obligation: b.cue("obligation")?,
            insisting: b.cue("insisting")?,
            complement_noun: b.pattern("complement_noun")?,
            complement: b.cue("complement")?,
            agent: b.cue("agent")?,
            deadline: b.pattern("deadline")?,
            deadline_lead: b.pattern("deadline_lead")?,
            completed: b.cue("completed")?,
            adjunct: b.pattern("adjunct")?,
            duration: b.pattern("duration")?,
            ahead: b.cue("ahead")?,
            after_talk: b.pattern("after_talk")?,
            unstated: b.pattern("unstated")?,
            at_talk: b.pattern("at_talk")?,
            name: b.pattern("name")?,
            proper_name: b.pattern("proper_name")?,
            proper_name_join: b.pattern("proper_name_join")?,
            set_phrase: b.pattern("set_phrase")?,
            unnamed_source: b.pattern("unnamed_source")?,
            source_noun: b.cue("source_noun")?,
            first_person: b.pattern("first_person")?,
            pronoun: b.pattern("pronoun")?,
            subject_pronoun: b.pattern("subject_pronoun")?,
            venue: b.pattern("venue")?,
            byline: b.pattern("byline")?,
            line_of_its_own: b.pattern("line_of_its_own")?,
            publisher: b.pattern("publisher")?,
            dateline: b.pattern("dateline")?,
            clause_break: b.pattern("clause_break")?,
            list_item: b.cue("noun_phrase")?,
            list_break,
            demanded_from: b.cue("demanded_from")?,
            stances: b.valued("stances", &raw.stances)?,
            judgements: b.valued("judgements", &raw.judgements)?,
            judgement: b.pattern("judgement")?,
            relative_clause: b.pattern("relative_clause")?,
            fronted: b.pattern("fronted")?,
            apposition: b.pattern("apposition")?,
            talk_predicate: b.pattern("talk_predicate")?,
            answers: raw
                .answers
                .iter()
                .map(|a| Stance::parse(a).ok_or_else(|| format!("answers: `{a}` is no stance")))
                .collect::<Result<_, _>>()?,
            negation: b.pattern("negation")?,
            negated: raw
                .negated
                .iter()
                .map(
                    |(from, to)| match (Stance::parse(from), Stance::parse(to)) {
                        (Some(f), Some(t)) => Ok((f, t)),
                        _ => Err(format!("[negated] `{from} = \"{to}\"` names no stance")),
                    },
                )
                .collect::<Result<_, _>>()?,
            formats: b.valued("formats", &raw.formats)?,
            statuses: b.valued("statuses", &raw.statuses)?,
            outcomes: b.valued("outcomes", &raw.outcomes)?,
            documents: b.valued("documents", &raw.documents)?,
            document_events: b.valued("document_events", &raw.document_events)?,
            words: raw.words,
            synonyms: raw.synonyms,
            group_words: raw
                .group_words
                .into_iter()
                .map(|g| {
                    let kinds = g
                        .kinds
                        .iter()
                        .map(|k| {
                            PartyKind::parse(k)
                                .ok_or_else(|| format!("[[group_words]] `{k}` is no party kind"))
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok((kinds, g.words))
                })
                .collect::<Result<_, String>>()?,
            dates: raw.dates,
        };
        if let Some(name) = b.cues.keys().chain(b.patterns.keys()).next() {
            return Err(format!("`{name}` is not used by the rules"));
        }
        if let Some((says, _)) = lexicon
            .document_events
            .iter()
            .find(|(s, _)| !Says::OF_DOCUMENTS.contains(s))
        {
            return Err(format!(
                "[[document_events]] `{says}` is not said of a document"
            ));
        }
        if lexicon.statuses.iter().any(|(s, _)| *s == TalkStatus::Held) {
            return Err("[[statuses]] lists `held`, the status when no cue matches".into());
        }
        Ok(lexicon)
    }
}

/// `(January|February|...)`: a capturing group of the words.
pub fn group(words: &[String]) -> String {
    format!("({})", words.join("|"))
}

/// The pattern of a list of cues: one case-insensitive pattern of whole
/// words.
fn cue_source(list: &[String]) -> String {
    format!(r"(?i)\b(?:{})\b", list.join("|"))
}

/// `sources` compiled, each by the next free core: the vocabulary's
/// hundred patterns take most of a draft's time to compile.
pub fn compile_all(sources: Vec<String>) -> HashMap<String, Result<Regex, String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(source) = sources.get(i) else {
                            return done;
                        };
                        done.push((source.clone(), compile(source)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// A pattern in which a space stands for any one white-space character.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(&pattern.replace(' ', r"\s")).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded file parses, every entry compiles and is used, and
    /// every value is one the format knows.
    #[test]
    fn the_english_vocabulary_is_valid() {
        let en = Lexicon::parse(include_str!("en.toml")).unwrap();
        assert!(en.demand.is_match("the rebels demanded a vote"));
        assert!(!en.demand.is_match("the rebels met"));
    }

    fn stance(text: &str) -> Option<Stance> {
        first(&EN.stances, text)
    }

    #[test]
    fn stances_in_other_words() {
        assert_eq!(
            stance("the government turned the offer down"),
            Some(Stance::Rejects)
        );
        assert_eq!(
            stance("Veyle declined the invitation"),
            Some(Stance::Rejects)
        );
        assert_eq!(
            stance("it welcomes dialogue in principle"),
            Some(Stance::Supports)
        );
        assert_eq!(
            stance("Veyle prefers the Calderan channel"),
            Some(Stance::Supports)
        );
        assert_eq!(
            stance("Veyle would consider releasing more water"),
            Some(Stance::Offers)
        );
        assert_eq!(
            stance("Veyle maintains that the heights were never theirs"),
            Some(Stance::Claims)
        );
        assert_eq!(
            stance("a charge the government denies"),
            Some(Stance::Rejects)
        );
        assert_eq!(stance("he was open to discussing it"), Some(Stance::Offers));
        assert_eq!(
            stance("it had no objection in principle"),
            Some(Stance::Accepts)
        );
        assert_eq!(
            stance("she hopes to reconvene them"),
            Some(Stance::Supports)
        );
        assert_eq!(stance("the talks opened"), None);
    }

    fn status(text: &str) -> Option<TalkStatus> {
        first(&EN.statuses, text)
    }

    #[test]
    fn statuses_in_other_words() {
        let planned = Some(TalkStatus::Planned);
        assert_eq!(status("talks are expected to be held next week"), planned);
        assert_eq!(status("the upcoming negotiations"), planned);
        assert_eq!(
            status("both delegations have agreed to meet again"),
            planned
        );
        assert_eq!(
            status("the summit was put off"),
            Some(TalkStatus::Postponed)
        );
        assert_eq!(
            status("the round was called off"),
            Some(TalkStatus::Cancelled)
        );
        assert_eq!(status("they could meet in May"), Some(TalkStatus::Proposed));
        assert_eq!(status("the talks ended"), None);
    }

    #[test]
    fn errors_name_the_entry() {
        let text = include_str!("en.toml");
        let broken = text.replacen("value = \"rejects\"", "value = \"refutes\"", 1);
        let e = Lexicon::parse(&broken).err().unwrap();
        assert!(e.contains("`refutes` is not one of"), "{e}");
        let unused = text.replacen("[cues]", "[cues]\nunheard = [\"x\"]", 1);
        let e = Lexicon::parse(&unused).err().unwrap();
        assert!(e.contains("`unheard` is not used"), "{e}");
        let bad = text.replacen("\"drops?\"", "\"drops(\"", 1);
        let e = Lexicon::parse(&bad).err().unwrap();
        assert!(e.contains("[cues] dropped"), "{e}");
        let twice = text.replacen("value = \"opposes\"", "value = \"rejects\"", 1);
        let e = Lexicon::parse(&twice).err().unwrap();
        assert!(e.contains("lists `rejects` twice"), "{e}");
    }
}
