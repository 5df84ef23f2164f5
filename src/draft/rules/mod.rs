//! The drafting rules: each clause of the article is read for cue words,
//! party mentions and dates, and becomes candidate facts.

mod claims;
mod dating;
mod documents;
mod speakers;
mod talks;

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use jiff::civil::Date;

use super::cues::{self, IssueFinder};
use super::dates::{self, DateExpr, Role};
use super::facts::{Fact, Kind, Outcome, Quote, Talk};
use super::lexicon::{self, EN};
use super::mentions::{self, Gazetteer, Mention, Mentions};
use super::text::{self, Layout};
use crate::date::Edtf;
use crate::model::{Actor, Issue, Party};
use crate::vocab::{OutcomeKind, Says, Stance, TalkFormat, TalkStatus, ValueSet};
use speakers::NoSubject;

/// The most words between a stance's cue and a demand it answers
/// (`rejected the rebels' demand`).
const MAX_WORDS_TO_OBJECT: usize = 2;

/// How many days before publication the news an article reports may be.
const NEWS_DAYS: i32 = 7;
/// A sentence at most this much longer than the date it names is a
/// masthead or a date line, not news.
const MASTHEAD_BYTES: usize = 40;

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
    let mentions = Gazetteer::new(parties, actors).find(text);
    let names = mask(text, &mentions);
    let masked = mask_names(&names, layout);
    let issue_text = mask_descriptions(names, text, &mentions);
    let mut reader = Reader::new(
        (text, &issue_text, &masked),
        mentions,
        layout,
        published,
        parties,
        issues,
    );
    reader.leaders = actors
        .iter()
        .filter(|a| {
            a.terms
                .iter()
                .any(|t| t.role.as_ref().is_some_and(|r| EN.leader_role.is_match(r)))
        })
        .map(|a| a.id.clone())
        .collect();
    let mut paragraph = usize::MAX;
    for sentence in &layout.sentences {
        if sentence.paragraph != paragraph {
            paragraph = sentence.paragraph;
            reader.paragraph_date = None;
            reader.paragraph_start = sentence.span.start;
        }
        reader.sentence(sentence);
    }
    reader.share_mediation();
    reader.link_responses();
    reader.date_by_the_statement(layout.title.as_ref());
    if let Some(title) = &layout.title {
        reader.date_the_headline(title);
    }
    Proposal {
        facts: reader.facts,
        dates_read: reader.dates_read,
    }
}

/// `text` with every mention of a party or actor written over with `X`s
/// (byte for byte, so offsets still hold): issues are looked for in it, so
/// that no party's name counts for an issue.
fn mask(text: &str, mentions: &Mentions) -> String {
    let mut masked = text.to_string();
    for m in mentions.iter() {
        cover(&mut masked, m.span.clone());
    }
    masked
}

/// `masked` with what describes the parties and actors named written
/// over too: a title in capitals before an actor's name (`Interior
/// Minister Ilona Marek`) and an apposition after a name (`Marek, the
/// deputy interior minister, said`). They say who speaks, not about what,
/// so none of their words counts for an issue.
fn mask_descriptions(mut masked: String, text: &str, mentions: &Mentions) -> String {
    for m in mentions.iter() {
        let after = EN.apposition.captures(&text[m.span.end..]);
        if let Some(g) = after.and_then(|caps| caps.get(1)) {
            cover(&mut masked, m.span.end + g.start()..m.span.end + g.end());
        }
        if m.actor.is_some() {
            cover(&mut masked, title_start(text, m.span.start)..m.span.start);
        }
    }
    masked
}

/// Where the capitalised words right before `at` begin (`Deputy Interior
/// Minister ` before a name), or `at` when there are none.
fn title_start(text: &str, at: usize) -> usize {
    let mut start = at;
    while let Some(word) = mentions::capitalised_before(text, start) {
        start = word;
    }
    start
}

/// `masked` with every other name of several capitalised words written
/// over too, but for its head word (`Serrat Support Mission`, `Front for
/// the Refusal of Concessions`): cues are looked for in it, so that no
/// name acts as a cue, while `the Veresk Framework Agreement` is still an
/// agreement. A sentence's first word is capitalised anyway, and a
/// headline in title case has no names to tell apart, so neither is
/// masked. Set phrases of reporting (`on condition of anonymity`) are
/// masked whole.
fn mask_names(masked: &str, layout: &Layout) -> String {
    let mut out = masked.to_string();
    for phrase in EN.set_phrase.find_iter(masked) {
        cover(&mut out, phrase.range());
    }
    for sentence in &layout.sentences {
        let words = &masked[sentence.span.clone()];
        if title_case(words) {
            continue;
        }
        for name in EN.proper_name.find_iter(words) {
            let opens = words[..name.start()]
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && !matches!(c, ',' | ';' | ')'));
            let text = name.as_str();
            // A sentence's first word is left, with the space after it.
            let from = match opens {
                true => text
                    .char_indices()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(text.len(), |(i, space)| i + space.len_utf8()),
                false => 0,
            };
            // The head: the last word before the first joining word.
            let head_end = EN
                .proper_name_join
                .find(text)
                .map_or(text.len(), |j| j.start());
            // Written over up to the space before the head, so that the
            // name is one masked word before it.
            let before_head = text[..head_end].rfind(char::is_whitespace).unwrap_or(0);
            let start = sentence.span.start + name.start();
            if from < before_head {
                cover(&mut out, start + from..start + before_head);
            }
            // And after the space that follows it.
            let after_head = text[head_end..]
                .chars()
                .next()
                .map_or(text.len(), |space| head_end + space.len_utf8());
            cover(&mut out, start + after_head..start + text.len());
        }
    }
    out
}

/// `text` without its phrases of time or frame (`before any
/// negotiations`), each cut short where a clause it reports begins
/// (`while X maintained its demand that ...` keeps what follows `that`).
fn without_adjuncts(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut from = 0;
    for m in EN.adjunct.find_iter(text) {
        let end = EN
            .complement
            .find(m.as_str())
            .map_or(m.end(), |c| m.start() + c.start());
        kept.push_str(&text[from..m.start()]);
        from = end;
    }
    kept.push_str(&text[from..]);
    kept
}

/// Writes `range` of `text` over with `X`s.
fn cover(text: &mut String, range: Range<usize>) {
    text.replace_range(
        range.clone(),
        &lexicon::MASK.to_string().repeat(range.len()),
    );
}

/// True for a line in title case (`Rebels Reject Truce Offer`): at least
/// three words of more than three letters, all capitalised.
fn title_case(line: &str) -> bool {
    let long: Vec<&str> = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 3)
        .collect();
    long.len() >= 3 && long.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// The two parties named most often, international organizations (who
/// mediate more often than they fight) after the others, and of equal
/// counts the one named first: the sides a report is about, of whom a
/// side's demand is made when the clause names no one else.
fn main_sides(mentions: &Mentions, parties: &[Party]) -> Vec<String> {
    let organization = |id: &str| {
        parties
            .iter()
            .any(|p| p.id == id && p.kind == crate::vocab::PartyKind::Organization)
    };
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        match counts.iter_mut().find(|(p, _, _)| *p == m.party) {
            Some(c) => c.1 += 1,
            None => counts.push((m.party.clone(), 1, i)),
        }
    }
    counts.sort_by_key(|(p, n, first)| (organization(p), std::cmp::Reverse(*n), *first));
    counts.into_iter().take(2).map(|(p, _, _)| p).collect()
}

impl<'a> Reader<'a> {
    /// Finds the speaker of every quotation.
    fn new(
        (text, issue_text, masked): (&'a str, &'a str, &'a str),
        mentions: Mentions,
        layout: &Layout,
        published: Date,
        parties: &[Party],
        issues: &[Issue],
    ) -> Reader<'a> {
        let main_sides = main_sides(&mentions, parties);
        let mut reader = Reader {
            text,
            issue_text,
            masked,
            main_sides,
            published,
            published_edtf: Edtf::of_day(published),
            mentions,
            names: parties
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect(),
            issues: IssueFinder::new(issues),
            quotations: layout.quotations.clone(),
            speakers: Vec::new(),
            unknown_speakers: Vec::new(),
            facts: Vec::new(),
            claims: HashMap::new(),
            dates_read: Vec::new(),
            context: None,
            paragraph_date: None,
            paragraph_start: 0,
            previous_sentence: None,
            news_day: None,
            last_actor: None,
            last_subject: None,
            last_talk: None,
            leaders: Vec::new(),
        };
        (reader.speakers, reader.unknown_speakers) = reader.quotation_speakers();
        reader
    }
}

/// An actor id, and how the text attributes something to them.
type Attribution = (String, String);

/// Who a demand or position is ascribed to.
#[derive(Clone)]
struct Subject {
    party: String,
    via: String,
    actor: Option<String>,
}

/// What a demand or position must share with another to be the same
/// claim: its kind, parties (or stance) and issue.
type ClaimKey = (&'static str, String, String, String);

/// One clause with what was found in it.
struct Clause<'a> {
    span: Range<usize>,
    /// The sentence it is part of.
    sentence: Range<usize>,
    /// The clause's text with the mentions masked.
    text: &'a str,
    mentions: Vec<Mention>,
    dates: Vec<DateExpr>,
    /// The speaker the clause is attributed to, with the reason.
    speaker: Option<Attribution>,
    /// The party of the clause's subject, from an earlier clause.
    subject: Option<Mention>,
    /// The date an earlier clause of the sentence gave.
    sentence_date: Option<Edtf>,
    /// The direct quotation it lies in, by index.
    quotation: Option<usize>,
}

/// Reading one article: what was found so far, and what the text said
/// last (dates, actors, talks) for the expressions that refer back.
struct Reader<'a> {
    text: &'a str,
    /// The text with the mentions masked, for issues: see [`mask`].
    issue_text: &'a str,
    /// The text with the mentions and other names masked, for cues: see
    /// [`mask_names`].
    masked: &'a str,
    /// The two parties the article names most: see [`main_sides`].
    main_sides: Vec<String>,
    published: Date,
    published_edtf: Edtf,
    mentions: Mentions,
    /// Party id → name, for talk titles.
    names: std::collections::BTreeMap<String, String>,
    issues: IssueFinder,
    quotations: Vec<Range<usize>>,
    /// The speaker of each quotation, with the reason.
    speakers: Vec<Option<Attribution>>,
    /// The name a quotation is attributed to when it is no known actor.
    unknown_speakers: Vec<Option<String>>,
    facts: Vec<Fact>,
    /// The demands and positions drafted so far without a problem, by
    /// kind, parties and issue: each one's index in `facts` and the words
    /// of substance of its quotes, which a new claim must share to join it.
    claims: HashMap<ClaimKey, Vec<(usize, BTreeSet<String>)>>,
    dates_read: Vec<(String, String)>,
    /// The last date the text mentioned.
    context: Option<Edtf>,
    /// The last date mentioned in the current paragraph.
    paragraph_date: Option<Edtf>,
    /// Where the current paragraph begins.
    paragraph_start: usize,
    /// The sentence read before the current one.
    previous_sentence: Option<Range<usize>>,
    /// The first day the text names in the week up to publication: the
    /// day of the news it reports.
    news_day: Option<Date>,
    /// The last actor named, for `he` and `she`.
    last_actor: Option<Mention>,
    /// The subject of the last sentence that had one, for `it` and `they`.
    last_subject: Option<Mention>,
    /// Index of the last talk drafted or mentioned.
    last_talk: Option<usize>,
    /// The actors whose role makes them leaders (en.toml `leader_role`).
    leaders: Vec<String>,
}

impl Reader<'_> {
    /// Reads one sentence clause by clause, keeping its subject and date
    /// for the clauses that follow.
    fn sentence(&mut self, sentence: &text::Sentence) {
        let span = &sentence.span;
        let sentence_text = &self.text[span.clone()];
        // `He said ...`, `He noted that ...`: the subject of the sentence
        // before; otherwise the first party or actor named.
        // `It has narrowed its demand`, `Instead they asked for ...`: the
        // party that was the subject before; otherwise the first party
        // named that is no object of a preposition (`In Tarsk, X said`).
        // A fronted phrase (`According to X, she has proposed`) is read
        // past: the subject is what follows it.
        let fronted = EN.fronted.find(sentence_text).map_or(0, |m| m.end());
        let (rest, start) = (&sentence_text[fronted..], span.start + fronted);
        let all_named = self.mentions.within(span.clone());
        let named = self.mentions.within(start..span.end);
        let subject = if EN.pronoun.is_match(rest) {
            self.last_actor.clone()
        } else if let Some(p) = EN.subject_pronoun.find(rest)
            && named
                .first()
                .is_none_or(|m| m.span.start >= start + p.end())
            && self.last_subject.is_some()
        {
            self.last_subject.clone()
        } else {
            [named, all_named]
                .into_iter()
                .find_map(|n| self.first_not_an_object(n).or(n.first()))
                .cloned()
        };
        if let Some(s) = &subject {
            self.last_subject = Some(s.clone());
        }
        let mut sentence_date: Option<Edtf> = None;
        for range in &sentence.clauses {
            // A relative clause's dates tell of another time than the
            // sentence's: they date neither the clauses after it nor the
            // bare months that follow.
            let relative = sentence.relative_starts.contains(&range.start);
            let mut context = self.context.clone();
            let found = dates::find(self.text, range.clone(), self.published, &mut context);
            if !relative {
                self.context = context;
            }
            for d in &found {
                // The first day named in the week up to publication, in a
                // sentence that says more than the date (not a masthead).
                let day = d.date.min();
                let says_more = sentence_text.len() > d.span.len() + MASTHEAD_BYTES;
                if self.news_day.is_none()
                    && says_more
                    && d.date.precision() == crate::date::Precision::Day
                    && day <= self.published
                    && self
                        .published
                        .since(day)
                        .is_ok_and(|s| s.get_days() <= NEWS_DAYS)
                {
                    self.news_day = Some(day);
                }
                self.dates_read.push((
                    self.text[d.span.clone()].to_string(),
                    d.date.text().to_string(),
                ));
            }
            let mentions = self.mentions.within(range.clone()).to_vec();
            let quotation = self.quotation_of(range);
            let speaker =
                self.clause_speaker(range, quotation, &sentence.clauses, subject.as_ref());
            let clause = Clause {
                span: range.clone(),
                sentence: span.clone(),
                text: &self.masked[range.clone()],
                mentions,
                dates: found,
                speaker,
                subject: subject.clone(),
                sentence_date: sentence_date.clone(),
                quotation,
            };
            self.clause(&clause);
            if let Some(d) = clause
                .dates
                .iter()
                .find(|d| d.role != Role::Before && !relative)
            {
                sentence_date = Some(d.date.clone());
                self.paragraph_date = Some(d.date.clone());
            }
        }
        if let Some(actor) = self
            .mentions
            .within(span.clone())
            .iter()
            .find(|m| m.actor.is_some())
        {
            self.last_actor = Some(actor.clone());
        }
        self.previous_sentence = Some(span.clone());
    }

    /// The first of `named` that is no object of a preposition, nor joined
    /// to one (`between A and B`).
    fn first_not_an_object<'m>(&self, named: &'m [Mention]) -> Option<&'m Mention> {
        let refs: Vec<&Mention> = named.iter().collect();
        let objects = self.objects(&refs);
        named
            .iter()
            .zip(objects)
            .find(|(_, object)| !object)
            .map(|(m, _)| m)
    }

    /// For each of `named` (in order), whether it is the object of a
    /// preposition or joined to one (`between A and B`).
    pub(super) fn objects(&self, named: &[&Mention]) -> Vec<bool> {
        let mut out: Vec<bool> = Vec::with_capacity(named.len());
        for (i, m) in named.iter().enumerate() {
            let joined = i > 0 && out[i - 1] && self.joined(named[i - 1], m);
            out.push(joined || self.after_preposition(m));
        }
        out
    }

    /// True when only a joining word (`and`) stands between `a` and `b`.
    pub(super) fn joined(&self, a: &Mention, b: &Mention) -> bool {
        let between = self.text[a.span.end..b.span.start].trim();
        EN.words.joining.iter().any(|w| between == w)
    }

    /// Proposes the facts of one clause.
    fn clause(&mut self, c: &Clause) {
        // `It did not say whether X accepted`: nothing is stated.
        if EN.unstated.is_match(c.text) {
            return;
        }
        // A document is drafted besides whatever else the clause says.
        self.document(c);
        let demand = EN.demand.find(c.text);
        // `called on X to agree to ...`: an outcome's cue inside what is
        // demanded is no outcome.
        let demand_at = demand.map_or(usize::MAX, |m| m.start());
        if let Some((kind, cue, at)) = EN
            .outcomes
            .iter()
            .find_map(|(k, re)| {
                re.find(c.text)
                    .map(|m| (*k, m.as_str().to_string(), m.start()))
            })
            .filter(|(_, _, at)| *at < demand_at)
        {
            // `Talks between A and B ended without agreement`: the talk
            // named before the outcome's cue, then its outcome (`marked
            // the first` finds its own talk).
            if kind != OutcomeKind::Other && EN.talk.find(c.text).is_some_and(|t| t.start() < at) {
                self.talk(c);
            }
            self.outcome(c, kind, &cue);
            return;
        }
        if let Some(m) = EN.after_talk.find(c.text) {
            self.statement_after_talk(c, m.as_str());
        }
        let judged = self.judgement(c.text);
        // A stance judged of `it` (`called it “a step backwards”`): what
        // `it` is, the clause's other words do not say.
        let judged_pronoun = judged.as_ref().and_then(|(_, _, pronoun)| *pronoun);
        let stance = judged.map(|(s, m, _)| (s, m)).or_else(|| {
            EN.stances
                .iter()
                .find_map(|(s, re)| {
                    re.find_iter(c.text)
                        .find(|m| !self.noun(c, m))
                        .map(|m| (*s, m))
                })
                // `did not rule out`: the stance its negation gives, if any.
                .and_then(|(s, m)| match EN.negation.is_match(&c.text[..m.start()]) {
                    true => EN.negated.get(&s).map(|n| (*n, m)),
                    false => Some((s, m)),
                })
        });
        // `Arvenia rejected the demand`: a stance whose object is a demand
        // (named right after its cue) is a position, not a demand.
        let answers_a_demand = matches!(
            (&stance, &demand),
            (Some((answer, s)), Some(d)) if EN.answers.contains(answer)
                && s.end() <= d.start()
                && c.text[s.end()..d.start()].split_whitespace().count() <= MAX_WORDS_TO_OBJECT
        );
        // `insists the rebels broke the truce`: a claim, not a demand; what
        // is said runs to the first comma (`insists on X, Y said` is not).
        let claimed = demand.filter(|m| {
            let after = &c.text[m.end()..];
            let said = &after[..after.find([',', ';']).unwrap_or(after.len())];
            EN.insisting.is_match(m.as_str())
                && !EN.complement_noun.is_match(said)
                && !cues::present_tense(said)
                && EN.past.is_match(said)
        });
        if let Some(m) = claimed {
            let subject = self.subject_of(c, m.start());
            self.position(c, (Stance::Claims, m.as_str()), subject, None);
            return;
        }
        if let Some(m) = demand.filter(|_| !answers_a_demand) {
            self.demand(c, m.as_str(), m.start());
            return;
        }
        // `talks can resume only once X`, `will not return until X`: X is
        // a condition, a demand of the one who sets it.
        if let Some(m) = self.condition(c.text).filter(|_| !answers_a_demand) {
            self.demand(c, m.as_str(), m.start());
            return;
        }
        if let Some((stance, m)) = stance {
            let subject = self.subject_of(c, m.start());
            if !matches!(subject, Err(NoSubject::Nobody)) {
                let proposer = match (&subject, stance) {
                    (Ok(s), Stance::Proposes | Stance::Offers) => Some(s.clone()),
                    _ => None,
                };
                self.position(c, (stance, m.as_str()), subject, judged_pronoun);
                // `proposed talks in Lune`: the talk proposed, too.
                if let Some(proposer) = proposer {
                    self.proposed_talk(c, m.end(), &proposer);
                }
                return;
            }
        }
        if EN.talk.is_match(c.text) {
            self.talk(c);
        } else if EN.mediated_by.is_match(c.text) || EN.hosted_by.is_match(c.text) {
            // `..., and mediated by X`: of the talk mentioned last.
            self.mediators_of_referred_talk(&c.span);
        }
    }

    /// `called the agreement “a humiliation”`: the stance the quoted
    /// judgement gives ([[judgements]]), a rejection when what is judged
    /// names a document or a proposal; with the judgement's match, and
    /// what is judged when it is a pronoun (`it`, `that`).
    fn judgement<'t>(&self, text: &'t str) -> Option<(Stance, regex::Match<'t>, Option<&'t str>)> {
        let caps = EN.judgement.captures(text)?;
        let (judged, words) = (caps.get(1)?.as_str(), caps.get(2)?.as_str());
        let stance = lexicon::first(&EN.judgements, words)?;
        let document = EN.documents.iter().any(|(_, re)| re.is_match(judged))
            || EN.refers_to_proposal.is_match(judged);
        let stance = match stance {
            Stance::Opposes if document => Stance::Rejects,
            s => s,
        };
        let pronoun = EN
            .words
            .pronouns
            .contains(&judged.trim().to_lowercase())
            .then_some(judged.trim());
        Some((stance, caps.get(0)?, pronoun))
    }

    /// True when the cue `m` of one word comes right after a determiner
    /// (`the claim`, `the proposed summit`): a noun or an adjective.
    pub(super) fn noun(&self, c: &Clause, m: &regex::Match) -> bool {
        let before = c.text[..m.start()].trim_end();
        let word = before
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_lowercase();
        !m.as_str().contains(char::is_whitespace)
            && before.len() < m.start()
            && EN.words.determiners.contains(&word)
    }

    /// The issue a clause is about: from its own words, else from its
    /// sentence's (`Veyle has welcomed the idea` after the idea's clause).
    fn clause_issue(&self, c: &Clause) -> Option<cues::IssueMatch> {
        let own = &self.issue_text[c.span.clone()];
        let main = without_adjuncts(own);
        if let Some(found) = self.issues.find(&main, None) {
            return Some(found);
        }
        if let Some(found) = self.issues.find(own, None) {
            return Some(found);
        }
        if let Some(found) = self.issues.find(&self.issue_text[c.sentence.clone()], None) {
            return Some(cues::IssueMatch {
                why: format!("{} in its sentence", found.why),
                ..found
            });
        }
        self.anaphor_issue(c)
    }

    /// `Keleb wants it extended`, `called that “unacceptable”`: a clause
    /// whose object is a pronoun for a thing is about what the sentence
    /// before, in the same paragraph, was about.
    fn anaphor_issue(&self, c: &Clause) -> Option<cues::IssueMatch> {
        let text = &self.masked[c.span.clone()];
        let pronoun = text
            .split(|ch: char| !ch.is_alphanumeric())
            .find(|w| EN.words.object_pronouns.iter().any(|p| p == w))?;
        self.issue_before(pronoun)
    }

    /// The issue of the sentence before, in the same paragraph, that
    /// `pronoun` refers to.
    fn issue_before(&self, pronoun: &str) -> Option<cues::IssueMatch> {
        let before = self
            .previous_sentence
            .clone()
            .filter(|s| s.start >= self.paragraph_start)?;
        let found = self.issues.find(&self.issue_text[before], None)?;
        Some(cues::IssueMatch {
            why: format!(
                "{} in the sentence before, which \"{pronoun}\" refers to",
                found.why
            ),
            ..found
        })
    }

    /// A headline reports the news of the article: its quotes dated by
    /// default on the publication day take the day of that news, once the
    /// body has named it.
    fn date_the_headline(&mut self, title: &Range<usize>) {
        let Some(day) = self.news_day.filter(|d| *d < self.published) else {
            return;
        };
        let news = Edtf::of_day(day);
        for f in &mut self.facts {
            for q in &mut f.evidence {
                if title.start <= q.span.start
                    && q.span.end <= title.end
                    && q.date.as_ref() == Some(&self.published_edtf)
                {
                    q.date = Some(news.clone());
                    let why = format!("a headline: the day of the news, {day}");
                    q.why = match q.why.is_empty() {
                        true => why,
                        false => format!("{}; {why}", q.why),
                    };
                }
            }
        }
    }

    /// Where a condition begins in a clause: a cue of condition (`only
    /// once`, `provided that`), or `until`/`unless` after a refusal (`will
    /// not return until`).
    fn condition<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        if let Some(m) = EN.condition.find(text) {
            return Some(m);
        }
        let m = EN.condition_after_refusal.find(text)?;
        let refused = lexicon::says(&EN.stances, Stance::Rejects, &text[..m.start()]);
        refused.then_some(m)
    }

    /// The clause as a quote: without leading conjunctions and surrounding
    /// quote marks.
    fn quote_span(&self, c: &Clause) -> Range<usize> {
        let mut span = text::trim_marks(self.text, c.span.clone());
        for lead in &EN.words.quote_leads {
            if self.text[span.clone()].starts_with(lead.as_str()) {
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

    /// The clause's quote, with its date, `says`, speaker and reasons.
    fn quote(
        &self,
        c: &Clause,
        date: Option<(Edtf, String)>,
        says: Says,
        speaker: Option<Attribution>,
    ) -> Quote {
        let span = self.quote_span(c);
        let implied = EN.implied.is_match(&self.text[span.clone()]);
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
        let attribution = speaker.is_none().then(|| self.unnamed_source(c)).flatten();
        if let Some(a) = &attribution {
            why.push(format!("credited to \"{a}\", no actor named"));
        }
        Quote {
            span,
            date: date.map(|d| d.0),
            says,
            speaker: speaker.map(|s| s.0),
            attribution,
            implied,
            why: why.join("; "),
        }
    }

    /// An unnamed source the clause's sentence credits: the words before a
    /// speech verb (`Diplomats familiar with the talks said`) or after
    /// `according to`, when they hold a word for a source (en.toml) and
    /// name no actor; of words in parts between commas, the last part
    /// holding one (`X and Y met, officials said`; `Two officials,
    /// speaking anonymously, said`).
    fn unnamed_source(&self, c: &Clause) -> Option<String> {
        let sentence = c.sentence.clone();
        let masked = &self.masked[sentence.clone()];
        for m in EN.unnamed_source.captures_iter(masked) {
            let Some(phrase) = m.get(1).or_else(|| m.get(2)) else {
                continue;
            };
            let parts = masked[phrase.range()]
                .split(',')
                .scan(phrase.start(), |at, part| {
                    let here = *at;
                    *at += part.len() + 1;
                    Some(here..here + part.len())
                });
            let part = parts
                .filter(|p| EN.source_noun.is_match(&masked[p.clone()]))
                .last()
                .unwrap_or(phrase.range());
            let span = sentence.start + part.start..sentence.start + part.end;
            // `Ilona Marek, the deputy minister who led the delegation,
            // said` names its source.
            let whole = sentence.start + phrase.start()..sentence.start + phrase.end();
            let named_actor = self
                .mentions
                .within(whole)
                .iter()
                .any(|x| x.actor.is_some());
            if named_actor || !EN.source_noun.is_match(&masked[phrase.range()]) {
                continue;
            }
            let text = self.text[span].trim().trim_end_matches(',');
            let mut chars = text.chars();
            return chars
                .next()
                .map(|f| f.to_lowercase().chain(chars).collect());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::DocumentKind;

    fn party(id: &str, name: &str, kind: crate::vocab::PartyKind) -> Party {
        Party {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: vec![],
            members: vec![],
        }
    }

    fn issue(id: &str, description: &str) -> Issue {
        Issue {
            id: id.into(),
            name: id.into(),
            description: Some(description.into()),
            keywords: vec![],
        }
    }

    /// The facts proposed for `text` (a title line, then the body),
    /// published on 2024-03-15, as (id, problem) pairs.
    fn proposed(text: &str, parties: &[Party], issues: &[Issue]) -> Vec<Fact> {
        let layout = Layout::new(text);
        propose(
            text,
            &layout,
            jiff::civil::date(2024, 3, 15),
            parties,
            &[],
            issues,
        )
        .facts
    }

    /// A party's name is no cue and its words no issue: the `Support
    /// Mission` does not support, and `Kestavia` does not make an issue
    /// whose description names `Kestavian` troops.
    #[test]
    fn names_act_neither_as_cues_nor_as_issue_words() {
        use crate::vocab::PartyKind::{Organization, State};
        let parties = [
            party("mission", "Support Mission", Organization),
            party("kestavia", "Kestavia", State),
            party("arvenia", "Arvenia", State),
        ];
        let issues = [
            issue("withdrawal", "Withdrawal of Kestavian troops"),
            issue("ceasefire", "The ceasefire line and its patrols"),
        ];
        let text = "A title\n\nThe Support Mission patrols the ceasefire line.\n\n\
            Kestavia wants Arvenia to hold a vote.\n";
        let facts = proposed(text, &parties, &issues);
        assert!(
            facts
                .iter()
                .all(|f| !matches!(f.kind, Kind::Position { .. })),
            "{facts:?}"
        );
        let demand = facts
            .iter()
            .find(|f| matches!(f.kind, Kind::Demand { .. }))
            .expect("the demand");
        assert!(
            matches!(&demand.kind, Kind::Demand { issue: None, .. }),
            "{demand:?}"
        );
    }

    /// A name the registries do not hold is no cue either (`the Serrat
    /// Support Mission`, `the Committee for the Support of Farmers`), but
    /// its head word still says what it is (`the Veresk Framework
    /// Agreement` is an agreement), its words still count for an issue
    /// (`the Serrat Heights`), and a title-case headline keeps its cues.
    #[test]
    fn unregistered_names_act_as_no_cue_but_keep_their_head_word() {
        let parties = two_states();
        let issues = [
            issue("dam", "Operation of the dam"),
            issue("peace", "A peace settlement"),
            issue("border", "The Serrat line"),
        ];
        let text = "Arvenia Rejects Kestavian Offer On Dam Talks\n\n\
            Arvenia says the Serrat Support Mission patrols the Brenn Dam. \
            Kestavia says the Committee for the Support of Farmers has grown.\n\n\
            Kestavia rejects any change to the Serrat Heights.\n\n\
            Kestavia and Arvenia signed the Veresk Peace Agreement on Monday.\n";
        let facts = proposed(text, &parties, &issues);
        assert_eq!(
            positions(&facts),
            [
                ("arvenia", Stance::Rejects, Some("dam"), true),
                ("kestavia", Stance::Rejects, Some("border"), true)
            ],
            "{facts:?}"
        );
        let agreement = facts
            .iter()
            .find(|f| matches!(f.kind, Kind::Document { .. }))
            .unwrap_or_else(|| panic!("the agreement: {facts:?}"));
        assert!(
            matches!(
                &agreement.kind,
                Kind::Document {
                    kind: DocumentKind::Agreement,
                    ..
                }
            ),
            "{agreement:?}"
        );
    }

    /// A cue of one word after an article or a demonstrative is a noun or
    /// an adjective: `the claim was` claims nothing, `the proposed
    /// ceasefire` proposes nothing and is proposed by no one named;
    /// `proposed a ceasefire` does both.
    #[test]
    fn a_cue_after_an_article_is_no_verb() {
        let parties = two_states();
        let issues = [issue("truce", "A ceasefire"), issue("pay", "Compensation")];
        let text = "A title\n\n\
            Arvenia said the claim for compensation was not a precondition.\n\n\
            Arvenia said the proposed ceasefire was a trap.\n\n\
            Kestavia proposed a ceasefire on Monday.\n";
        let facts = proposed(text, &parties, &issues);
        assert_eq!(
            positions(&facts),
            [("kestavia", Stance::Proposes, Some("truce"), true)],
            "{facts:?}"
        );
        // Nor does it say what happens to a document.
        let documents: Vec<(&[String], usize)> = facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Document { by, .. } => Some((by.as_slice(), f.evidence[0].span.start)),
                _ => None,
            })
            .collect();
        let kestavia = text.find("Kestavia proposed").expect("the proposal");
        assert_eq!(
            documents,
            [(&["kestavia".to_string()][..], kestavia)],
            "{facts:?}"
        );
    }

    /// `X, which signed a truce in June 2022, has proposed talks`: the
    /// relative clause's date dates neither the proposal nor the bare
    /// month of a later clause (`has since January refused`).
    #[test]
    fn a_relative_clause_keeps_its_date_to_itself() {
        let parties = two_states();
        let issues = [issue("border", "The border line")];
        let text = "A title\n\n\
            Arvenia, which signed a truce in June 2022, has proposed talks on the border. \
            Kestavia, which in 2021 offered to host talks, has since January rejected any change to the border.\n";
        let facts = proposed(text, &parties, &issues);
        let dated: Vec<(&str, Stance, String)> = facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Position { party, stance, .. } if f.problem.is_none() => Some((
                    party.as_str(),
                    *stance,
                    f.evidence[0].date.as_ref().map(|d| d.text().to_string())?,
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            dated,
            [
                ("arvenia", Stance::Proposes, "2024-03-15".to_string()),
                ("kestavia", Stance::Offers, "2021".to_string()),
                ("kestavia", Stance::Rejects, "2024-01".to_string()),
            ],
            "{facts:?}"
        );
    }

    /// `The talks, mediated by X, were the first negotiations since`: the
    /// cue after the verb is said of the talk met before, which takes the
    /// mediator; it names no new talk.
    #[test]
    fn a_talk_cue_said_of_the_subject_names_no_new_talk() {
        let text = "A title\n\n\
            Talks between Kestavia and the Liberation Front ended on Monday. \
            The talks, held in a hotel and mediated by the Island Council, were the first \
            negotiations since 2019.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &[]);
        assert_eq!(
            mediation(&facts),
            [(vec!["council".to_string()], TalkFormat::Mediated)],
            "{facts:?}"
        );
    }

    /// A talk between the sides of a mediated talk is mediated too, but
    /// takes no mediator its quote does not name.
    #[test]
    fn a_talk_between_mediated_sides_is_mediated_without_named_mediators() {
        let text = "A title\n\n\
            Talks between Kestavia and the Liberation Front, mediated by the Island Council, \
            ended on Monday.\n\n\
            Kestavia and the Liberation Front will meet again in May.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &[]);
        assert_eq!(
            mediation(&facts),
            [
                (vec!["council".to_string()], TalkFormat::Mediated),
                (vec![], TalkFormat::Mediated)
            ],
            "{facts:?}"
        );
    }

    /// `Talks between A and B resume on March 20`: a talk dated after
    /// publication is planned, whatever the tense.
    #[test]
    fn a_talk_after_publication_is_not_held() {
        let text = "A title\n\nTalks between Kestavia and Arvenia resume on March 20 in Lune.\n";
        let facts = proposed(text, &two_states(), &[]);
        let talks: Vec<(TalkStatus, &str)> = facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Talk(t) => Some((t.status, t.date.text())),
                _ => None,
            })
            .collect();
        assert_eq!(talks, [(TalkStatus::Planned, "2024-03-20")], "{facts:?}");
    }

    /// `went into the talks demanding`: held from the talk's first day;
    /// `during the talks`: over the talk's days.
    #[test]
    fn what_held_at_a_talk_takes_its_date() {
        let text = "A title\n\n\
            Four days of talks between Kestavia and the Liberation Front ended on Monday. \
            The Liberation Front went into the talks demanding the release of the prisoners. \
            During the talks Kestavia rejected a referendum on independence.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let dated: Vec<(&str, String)> = facts
            .iter()
            .filter(|f| matches!(f.kind, Kind::Demand { .. } | Kind::Position { .. }))
            .map(|f| {
                let q = &f.evidence[0];
                (
                    &text[q.span.clone()],
                    q.date
                        .as_ref()
                        .map_or(String::new(), |d| d.text().to_string()),
                )
            })
            .collect();
        assert_eq!(
            dated,
            [
                (
                    "The Liberation Front went into the talks demanding the release of the prisoners.",
                    "2024-03-08".to_string()
                ),
                (
                    "During the talks Kestavia rejected a referendum on independence.",
                    "2024-03-08/2024-03-11".to_string()
                ),
            ],
            "{facts:?}"
        );
    }

    /// `Talks between A and B ended without agreement`: the talk, held,
    /// between both, with its outcome.
    #[test]
    fn a_clause_names_a_talk_and_its_outcome() {
        use crate::vocab::PartyKind::State;
        let parties = [
            party("kestavia", "Kestavia", State),
            party("arvenia", "Arvenia", State),
        ];
        let text =
            "A title\n\nTalks between Kestavia and Arvenia ended on Monday without agreement.\n";
        let facts = proposed(text, &parties, &[]);
        let talks: Vec<&Talk> = facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Talk(t) if f.problem.is_none() => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(talks.len(), 1, "{facts:?}");
        let t = talks[0];
        assert_eq!(t.parties, ["kestavia", "arvenia"]);
        assert_eq!(t.status, TalkStatus::Held);
        assert_eq!(t.date.text(), "2024-03-11");
        let kinds: Vec<OutcomeKind> = t.outcomes.iter().map(|o| o.kind).collect();
        assert_eq!(kinds, [OutcomeKind::NoProgress]);
    }

    /// The demands drafted, as (by, of, issue, quote) of those valid.
    fn demands(facts: &[Fact], text: &str) -> Vec<(String, Vec<String>, String, String)> {
        facts
            .iter()
            .filter(|f| f.problem.is_none())
            .filter_map(|f| match &f.kind {
                Kind::Demand { by, of, issue, .. } => Some((
                    by.clone(),
                    of.clone(),
                    issue.clone().unwrap_or_default(),
                    text[f.evidence[0].span.clone()].to_string(),
                )),
                _ => None,
            })
            .collect()
    }

    /// The positions of `facts`: party, stance, issue, and whether valid.
    fn positions(facts: &[Fact]) -> Vec<(&str, Stance, Option<&str>, bool)> {
        facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Position {
                    party,
                    stance,
                    issue,
                    ..
                } => Some((
                    party.as_str(),
                    *stance,
                    issue.as_deref(),
                    f.problem.is_none(),
                )),
                _ => None,
            })
            .collect()
    }

    /// The facts proposed for `text` among the two sides and the mediator,
    /// with the three issues and Ilse Rhee speaking for the council.
    fn proposed_with_rhee(text: &str) -> Vec<Fact> {
        let rhee = Actor {
            id: "rhee".into(),
            name: "Ilse Rhee".into(),
            aliases: vec![],
            terms: vec![crate::model::Term {
                party: "council".into(),
                role: None,
                since: None,
                until: None,
            }],
        };
        propose(
            text,
            &Layout::new(text),
            jiff::civil::date(2024, 3, 15),
            &two_sides_and_a_mediator(),
            &[rhee],
            &three_issues(),
        )
        .facts
    }

    /// The mediators and format of each talk of `facts`.
    fn mediation(facts: &[Fact]) -> Vec<(Vec<String>, TalkFormat)> {
        facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Talk(t) => Some((t.mediators.clone(), t.format)),
                _ => None,
            })
            .collect()
    }

    fn two_states() -> [Party; 2] {
        use crate::vocab::PartyKind::State;
        [
            party("kestavia", "Kestavia", State),
            party("arvenia", "Arvenia", State),
        ]
    }

    fn two_sides_and_a_mediator() -> Vec<Party> {
        use crate::vocab::PartyKind::{Group, Organization, State};
        vec![
            party("kestavia", "Kestavia", State),
            party("front", "Liberation Front", Group),
            party("council", "Island Council", Organization),
        ]
    }

    fn three_issues() -> Vec<Issue> {
        vec![
            issue("vote", "A referendum on independence"),
            issue("troops", "Withdrawal of troops"),
            issue("prisoners", "Release of prisoners"),
        ]
    }

    /// `demanding A, B and C`: one demand per thing demanded, each with its
    /// issue; the first quoted with who demands it.
    #[test]
    fn a_list_of_things_demanded_makes_one_demand_each() {
        let text = "A title\n\nThe Liberation Front went into the talks with Kestavia \
            demanding a referendum on independence, the withdrawal of all troops \
            and the release of the prisoners.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let found = demands(&facts, text);
        let issues: Vec<&str> = found.iter().map(|d| d.2.as_str()).collect();
        assert_eq!(issues, ["vote", "troops", "prisoners"], "{facts:?}");
        assert!(found.iter().all(|d| d.0 == "front"));
        assert!(found[0].3.starts_with("The Liberation Front went"));
        assert_eq!(found[1].3, "the withdrawal of all troops");
        assert_eq!(found[2].3, "the release of the prisoners");
    }

    /// `called on A and B to ...`: made of both; `A said that B must ...`:
    /// A's demand, of B; with no one addressed, of the other of the two
    /// parties named most; a third party's demand addressed to no one has
    /// no `of`.
    #[test]
    fn who_a_demand_is_made_of() {
        let text = "A title\n\nKestavia and the Liberation Front met again. Kestavia said the \
            Liberation Front was late.\n\n\
            The Island Council called on Kestavia and the Liberation Front to release the prisoners.\n\n\
            Kestavia repeated that the Liberation Front must accept the withdrawal of troops.\n\n\
            The Liberation Front wants a referendum on independence.\n\n\
            The Island Council wants a referendum on independence too.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let found = demanded(&facts, text);
        let expect = |by: &str, of: &[&str], issue: &str| {
            (
                by.to_string(),
                of.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                issue.to_string(),
            )
        };
        assert_eq!(
            found,
            [
                expect("council", &["kestavia", "front"], "prisoners"),
                expect("kestavia", &["front"], "troops"),
                expect("front", &["kestavia"], "vote"),
                expect("council", &[], "vote"),
            ],
            "{facts:?}"
        );
    }

    /// A document where a clause names one and what happens to it: who
    /// tabled or signed it, the sides it binds, what each quote says of
    /// it; a later quote of the same kind and sides joins it; one that
    /// names no author is commented out.
    #[test]
    fn documents_tabled_signed_and_collapsed() {
        let text = "A title\n\nThe Island Council tabled a six-point plan on Monday. \
            The plan was welcomed.\n\n\
            Kestavia and the Liberation Front signed a ceasefire on Tuesday.\n\n\
            The truce collapsed a day later, and an agreement was drafted.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let documents: Vec<(&Fact, DocumentKind, &Vec<String>, &Vec<String>)> = facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Document {
                    kind, by, parties, ..
                } => Some((f, *kind, by, parties)),
                _ => None,
            })
            .collect();
        let says = |f: &Fact| f.evidence.iter().map(|q| q.says).collect::<Vec<_>>();
        assert_eq!(documents.len(), 3, "{documents:?}");
        let (plan, kind, by, parties) = &documents[0];
        assert_eq!(*kind, DocumentKind::Plan);
        assert_eq!(**by, ["council"]);
        assert_eq!(**parties, ["kestavia", "front"]);
        assert_eq!(says(plan), [Says::Proposed]);
        assert_eq!(
            plan.evidence[0].date.as_ref().map(|d| d.text()),
            Some("2024-03-11")
        );
        let (truce, kind, by, _) = &documents[1];
        assert_eq!(*kind, DocumentKind::Ceasefire);
        assert_eq!(**by, ["kestavia", "front"]);
        assert_eq!(says(truce), [Says::Signed, Says::Collapsed]);
        assert!(truce.problem.is_none());
        let (agreement, kind, by, _) = &documents[2];
        assert_eq!(*kind, DocumentKind::Agreement);
        assert!(by.is_empty() && agreement.problem.is_some());
    }

    /// Valid talks drafted, in order.
    fn talks(facts: &[Fact]) -> Vec<&Talk> {
        facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Talk(t) if f.problem.is_none() => Some(t),
                _ => None,
            })
            .collect()
    }

    /// A talk's days from `N days of talks` and the day it ended; host and
    /// mediators from the clause that refers back to it (`The talks,
    /// hosted by A and mediated by B`); `the two sides` of the talk before
    /// meeting again; `after three weeks of talks` is over, whatever lies
    /// ahead in the clause.
    #[test]
    fn talks_with_their_days_host_mediators_and_sides() {
        use crate::vocab::PartyKind::State;
        let mut parties = two_sides_and_a_mediator();
        parties.push(party("arvenia", "Arvenia", State));
        let text = "A title\n\nFour days of talks between Kestavia and the Liberation Front ended on \
            Thursday without agreement.\n\n\
            The talks, hosted by Arvenia and mediated by the Island Council, were calm.\n\n\
            The two sides are due to meet again in Veyle in September.\n";
        let facts = proposed(text, &parties, &[]);
        let found = talks(&facts);
        assert_eq!(found.len(), 2, "{facts:?}");
        let held = found[0];
        assert_eq!(held.date.text(), "2024-03-11/2024-03-14");
        assert_eq!(held.parties, ["kestavia", "front"]);
        assert_eq!(held.host.as_deref(), Some("arvenia"));
        assert_eq!(held.mediators, ["council"]);
        assert_eq!(held.format, TalkFormat::Mediated);
        let next = found[1];
        assert_eq!(next.status, TalkStatus::Planned);
        assert_eq!(next.parties, ["kestavia", "front"]);
        assert_eq!(next.date.text(), "2024-09");
        // A place after `in northern` is no side.
        let text = "A title\n\nIn a town in northern Arvenia, Kestavia and the Liberation Front \
            are due to sign a text, after three weeks of talks.\n";
        let facts = proposed(text, &parties, &[]);
        let found = talks(&facts);
        assert_eq!(found.len(), 1, "{facts:?}");
        assert_eq!(found[0].status, TalkStatus::Held);
        assert_eq!(found[0].parties, ["kestavia", "front"]);
    }

    /// The next round keeps the mediators of the talk before, and takes
    /// its format unless the clause names one (`held indirectly`).
    #[test]
    fn the_next_round_keeps_a_format_of_its_own() {
        let text = "A title\n\nTalks between Kestavia and the Liberation Front, mediated by the \
            Island Council, ended on Thursday.\n\n\
            A second round, held indirectly, is due in Veyle in September.\n\n\
            A third round is due in Dalen in October.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &[]);
        let seen: Vec<(TalkFormat, &[String])> = talks(&facts)
            .iter()
            .map(|t| (t.format, t.mediators.as_slice()))
            .collect();
        let council = ["council".to_string()];
        assert_eq!(
            seen,
            [
                (TalkFormat::Mediated, &council[..]),
                (TalkFormat::Indirect, &council[..]),
                (TalkFormat::Indirect, &council[..]),
            ],
            "{facts:?}"
        );
    }

    /// A stance proposing or offering talks drafts the talk proposed:
    /// between the proposer and the side it names; between the two main
    /// sides, mediated by the proposer, when the proposer is a third
    /// party; none for an offer to host. A talk proposed has no round
    /// for a later `third round` to continue.
    #[test]
    fn talks_proposed_and_offered() {
        let text = "A title\n\n\
            Kestavia offered to open negotiations with the Liberation Front.\n\n\
            The Liberation Front and Kestavia traded blame.\n\n\
            The Island Council has proposed talks in Veyle.\n\n\
            The Island Council also offered to host talks in Dalen.\n\n\
            A spokesman said a third round would follow.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &[]);
        let seen: Vec<String> = talks(&facts)
            .iter()
            .map(|t| {
                format!(
                    "{} {} {} by {} in {} on {}",
                    t.status,
                    t.format,
                    t.parties.join("+"),
                    t.mediators.join("+"),
                    t.venue.as_deref().unwrap_or("-"),
                    t.date.text()
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                // Mediated as the other talk between the same sides.
                "proposed mediated kestavia+front by  in - on 2024-03-15/..",
                "proposed mediated kestavia+front by council in Veyle on 2024-03-15/..",
            ],
            "{facts:?}"
        );
    }

    /// A statement in the past the text does not date, in a report of
    /// news of a day earlier in the week, is dated from that day to
    /// publication; a date line is no news.
    #[test]
    fn undated_statements_fall_between_the_news_and_the_report() {
        let text = "A title\n\n11 March 2024\n\n\
            Kestavia and the Liberation Front signed a ceasefire on Tuesday.\n\n\
            The Liberation Front said it wanted a referendum on independence.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let demand = facts
            .iter()
            .find(|f| matches!(f.kind, Kind::Demand { .. }))
            .expect("the demand");
        let date = demand.evidence[0]
            .date
            .as_ref()
            .map(|d| d.text().to_string());
        assert_eq!(date.as_deref(), Some("2024-03-12/2024-03-15"));
        // Without the news of Tuesday: the publication day.
        let text = "A title\n\nThe Liberation Front said it wanted a referendum on independence.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let date = facts[0].evidence[0]
            .date
            .as_ref()
            .map(|d| d.text().to_string());
        assert_eq!(date.as_deref(), Some("2024-03-15"));
    }

    /// More of a statement the report dated (`said on Tuesday`) is quoted
    /// without a date: it takes that statement's day, while what another
    /// party said stays between the news and the report.
    #[test]
    fn more_of_a_dated_statement_takes_its_day() {
        let text = "A title\n\n11 March 2024\n\n\
            The Liberation Front said on Tuesday that it rejects the withdrawal of troops.\n\n\
            The Liberation Front also demanded a referendum on independence, the statement said.\n\n\
            Kestavia said it wanted the release of prisoners.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let dated: Vec<(String, Option<String>)> = facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Demand { by, .. } => Some((
                    by.clone(),
                    f.evidence[0].date.as_ref()?.text().to_string().into(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            dated,
            [
                ("front".to_string(), Some("2024-03-12".to_string())),
                (
                    "kestavia".to_string(),
                    Some("2024-03-12/2024-03-15".to_string())
                ),
            ],
            "{facts:?}"
        );
    }

    /// A statement after a day of the news named earlier in its
    /// paragraph, undated, was made that day or after it: it is dated from
    /// that day to publication, and a statement of its party on an
    /// earlier day does not narrow it.
    #[test]
    fn a_reaction_falls_between_the_day_it_follows_and_the_report() {
        let text = "A title\n\n11 March 2024\n\n\
            The Liberation Front said on Tuesday it wanted a referendum on independence.\n\n\
            Kestavia said on Wednesday it wanted the release of prisoners. \
            The Liberation Front rejected the demand.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let rejection = facts
            .iter()
            .find(|f| matches!(f.kind, Kind::Position { .. }))
            .expect("the rejection");
        let date = rejection.evidence[0].date.as_ref().map(|d| d.text());
        assert_eq!(date, Some("2024-03-13/2024-03-15"), "{facts:?}");
    }

    /// A demanded clause that names no party (`insists that any
    /// agreement must ...`) is of nobody in particular; a demand named
    /// by a noun (`its demand that`), or a clause with a pronoun for a
    /// party (`until they ...`), is still of the other main side.
    #[test]
    fn a_demanded_clause_naming_no_party_is_of_nobody() {
        let text = "A title\n\n\
            The Liberation Front insists that any agreement must include a referendum on independence.\n\n\
            The Liberation Front repeated its demand that troops be withdrawn.\n\n\
            Kestavia will not release prisoners until they lay down their arms.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let demands: Vec<(&str, Vec<&str>)> = facts
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Demand { by, of, .. } => {
                    Some((by.as_str(), of.iter().map(String::as_str).collect()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            demands,
            [
                ("front", vec![]),
                ("front", vec!["kestavia"]),
                ("kestavia", vec!["front"]),
            ],
            "{facts:?}"
        );
    }

    /// Who demands of whom on which issue, for each valid demand.
    fn demanded(facts: &[Fact], text: &str) -> Vec<(String, Vec<String>, String)> {
        demands(facts, text)
            .into_iter()
            .map(|(by, of, issue, _)| (by, of, issue))
            .collect()
    }

    /// `asks only that`, `asked simply for`: an adverb between the verb
    /// of asking and what is asked leaves it a demand.
    #[test]
    fn asking_only_that_is_a_demand() {
        let text = "A title\n\n\
            Kestavia now asks only that the Liberation Front release the prisoners.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let found = demanded(&facts, text);
        assert_eq!(
            found,
            [("kestavia".into(), vec!["front".into()], "prisoners".into())],
            "{facts:?}"
        );
    }

    /// `release the prisoners before any talks`: a phrase of time or frame
    /// gives the issue only when the rest of the clause gives none, so the
    /// demand is about the prisoners, not the talks.
    #[test]
    fn a_phrase_of_time_gives_no_issue_when_the_clause_has_one() {
        let mut issues = three_issues();
        issues.push(issue("talks", "Direct negotiations and talks"));
        let text = "A title\n\n\
            Kestavia demanded that the Liberation Front free the prisoners \
            before any direct negotiations can begin.\n\n\
            The Liberation Front demanded that the troops leave during direct talks.\n\n\
            Kestavia demanded direct negotiations.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &issues);
        let found = demanded(&facts, text);
        assert_eq!(
            found,
            [
                ("kestavia".into(), vec!["front".into()], "prisoners".into()),
                // What is demanded names no party: no addressee.
                ("front".into(), vec![], "troops".into()),
                ("kestavia".into(), vec!["front".into()], "talks".into()),
            ],
            "{facts:?}"
        );
    }

    /// `will not return until X`: X is a demand of the one who refuses,
    /// not a rejection; `only once X` too.
    #[test]
    fn conditions_are_demands() {
        let text = "A title\n\nKestavia will not return to the talks until the Liberation Front \
            releases the prisoners.\n\n\
            The Liberation Front will sign only once the withdrawal of troops begins.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let found = demanded(&facts, text);
        assert_eq!(
            found,
            [
                ("kestavia".into(), vec!["front".into()], "prisoners".into()),
                // What is demanded is a clause that names no party: no
                // addressee, so `of` is left out (SEED-FORMAT).
                ("front".into(), vec![], "troops".into()),
            ],
            "{facts:?}"
        );
        assert!(
            facts
                .iter()
                .all(|f| !matches!(f.kind, Kind::Position { .. })),
            "{facts:?}"
        );
    }

    /// `would consider A provided that B`: an offer of A, and B a demand
    /// of the one who offers; `speaking on condition of anonymity` sets no
    /// condition.
    #[test]
    fn a_conditional_offer_is_an_offer_and_a_demand() {
        let text = "A title\n\nA senior Kestavian official, speaking on condition of anonymity, \
            said Kestavia would consider a referendum on independence provided that the \
            Liberation Front releases the prisoners.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let found: Vec<(String, Vec<String>, String, String)> = demands(&facts, text);
        assert_eq!(
            found,
            [(
                "kestavia".into(),
                vec!["front".into()],
                "prisoners".into(),
                "provided that the Liberation Front releases the prisoners.".into()
            )],
            "{facts:?}"
        );
        assert_eq!(
            positions(&facts),
            [("kestavia", Stance::Offers, Some("vote"), true)],
            "{facts:?}"
        );
    }

    /// `An official, who asked not to be named, said ...`: asking not to
    /// be named is no demand.
    #[test]
    fn asking_not_to_be_named_is_no_demand() {
        let text = "A title\n\nAn official of the Island Council, who asked not to be named, \
            said Kestavia would consider a referendum on independence.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        assert!(
            facts.iter().all(|f| !matches!(f.kind, Kind::Demand { .. })),
            "{facts:?}"
        );
    }

    /// `the militia that never signed the deal`, `would not sign a treaty`:
    /// a negated event says nothing happened to a document.
    #[test]
    fn a_negated_event_makes_no_document() {
        let text = "A title\n\nKestavia would not sign a treaty without the prisoners. \
            The Island Council, which never signed the ceasefire, said it would watch it.\n\n\
            Kestavia and the Liberation Front signed a ceasefire on Monday.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let quoted: Vec<&str> = facts
            .iter()
            .filter(|f| matches!(f.kind, Kind::Document { .. }))
            .flat_map(|f| f.evidence.iter().map(|q| &text[q.span.clone()]))
            .collect();
        assert_eq!(
            quoted,
            ["Kestavia and the Liberation Front signed a ceasefire on Monday."],
            "{facts:?}"
        );
    }

    /// `It did not say whether X accepted`, `declined to comment`, `it is
    /// unclear whether`: what was not said is no stance, demand or talk.
    #[test]
    fn what_was_not_said_is_no_fact() {
        let text = "A title\n\nIt did not say whether Kestavia accepted the referendum on independence. \
            The Liberation Front declined to comment on the release of prisoners. \
            It is unclear whether Kestavia and the Liberation Front will hold talks in May.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        assert!(facts.is_empty(), "{facts:?}");
    }

    /// `Keleb wants it extended`, `called that “unacceptable”`: a clause
    /// whose object is a pronoun and that names no issue is about what the
    /// sentence before, in its paragraph, was about; and a date that lies
    /// ahead in that sentence (`next spring`) does not date it.
    #[test]
    fn a_pronoun_takes_the_issue_of_the_sentence_before() {
        let text = "A title\n\n\
            Kestavia still holds 300 prisoners. The Liberation Front wants them freed.\n\n\
            Kestavia warned that the referendum could slip to next spring. \
            The Liberation Front called that “unacceptable”.\n\n\
            The Liberation Front wants them freed.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let found: Vec<(&str, Option<&str>, String, bool)> = facts
            .iter()
            .filter(|f| f.evidence[0].span.start > text.find("300").expect("the text"))
            .filter_map(|f| match &f.kind {
                Kind::Demand { issue, .. } | Kind::Position { issue, .. } => Some((
                    &text[f.evidence[0].span.clone()],
                    issue.as_deref(),
                    f.evidence[0]
                        .date
                        .as_ref()
                        .map_or(String::new(), |d| d.text().to_string()),
                    f.problem.is_none(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "The Liberation Front wants them freed.",
                    Some("prisoners"),
                    "2024-03-15".to_string(),
                    true
                ),
                (
                    "Kestavia warned that the referendum could slip to next spring.",
                    Some("vote"),
                    "2024-03-15".to_string(),
                    true
                ),
                (
                    "The Liberation Front called that “unacceptable”.",
                    Some("vote"),
                    "2024-03-15".to_string(),
                    true
                ),
                (
                    "The Liberation Front wants them freed.",
                    None,
                    "2024-03-15".to_string(),
                    false
                ),
            ],
            "{facts:?}"
        );
    }

    /// `called the plan “a trap”`: a judgement in a quotation is a stance,
    /// a rejection when what is judged is a document; of `it`, the issue
    /// of the sentence before in the paragraph, else none: the position is
    /// left for the analyst.
    #[test]
    fn a_judgement_in_a_quotation_is_a_stance() {
        let text = "A title\n\nThe Liberation Front called the referendum plan “a trap”.\n\n\
            Kestavia described the prisoner exchange as “a serious basis for peace”.\n\n\
            The Liberation Front called it “a humiliation” for the prisoners.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        assert_eq!(
            positions(&facts),
            [
                ("front", Stance::Rejects, Some("vote"), true),
                ("kestavia", Stance::Supports, Some("prisoners"), true),
                ("front", Stance::Opposes, None, false),
            ],
            "{facts:?}"
        );
    }

    /// `accusing B of X, a charge B denies`: the accusation is the
    /// subject's claim, the denial B's own position.
    #[test]
    fn a_charge_and_its_denial_are_two_positions() {
        let text = "A title\n\nThe Liberation Front refused to return to the talks, accusing \
            Kestavia of holding prisoners in secret, a charge Kestavia denies.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        assert_eq!(
            positions(&facts),
            [
                ("front", Stance::Rejects, Some("prisoners"), true),
                ("front", Stance::Claims, Some("prisoners"), true),
                ("kestavia", Stance::Rejects, Some("prisoners"), true)
            ],
            "{facts:?}"
        );
    }

    /// Outcomes in other words belong to the last talk held, not to one
    /// still planned; an outcome's verb inside a demand is no outcome.
    #[test]
    fn outcomes_of_held_talks_only() {
        let text = "A title\n\nKestavia and the Liberation Front held talks on Monday.\n\n\
            Kestavia and the Liberation Front will meet again in April.\n\n\
            The two sides failed to agree on a truce.\n\n\
            The Island Council called on Kestavia to agree to a vote.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let found = talks(&facts);
        assert_eq!(found.len(), 2, "{facts:?}");
        assert_eq!(found[0].status, TalkStatus::Held);
        let kinds: Vec<OutcomeKind> = found[0].outcomes.iter().map(|o| o.kind).collect();
        assert_eq!(kinds, [OutcomeKind::NoProgress]);
        assert!(found[1].outcomes.is_empty());
        assert_eq!(demands(&facts, text).len(), 1, "{facts:?}");
    }

    /// `it` or `they` opening a sentence is the subject of the sentence
    /// before, not a party named later in it.
    #[test]
    fn it_and_they_are_the_subject_before() {
        let text = "A title\n\nKestavia rejected the truce again.\n\n\
            Instead it wants the Liberation Front to release the prisoners.\n\n\
            The Liberation Front met the Island Council. \
            Then they asked for a referendum on independence for Kestavia.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let by: Vec<String> = demands(&facts, text).into_iter().map(|d| d.0).collect();
        assert_eq!(by, ["kestavia", "front"], "{facts:?}");
    }

    /// Who a party or actor is (an apposition after the name, a title
    /// before it) says who speaks, not about what: its words count for no
    /// issue.
    #[test]
    fn descriptions_of_speakers_are_no_issue_words() {
        let text = "A title\n\nThe Liberation Front, the group holding the prisoners, \
            has demanded a referendum.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let issues: Vec<String> = demands(&facts, text).into_iter().map(|d| d.2).collect();
        assert_eq!(issues, ["vote"], "{facts:?}");

        let text = "A title\n\nTroops Withdrawal Commissioner Ilse Rhee said Kestavia \
            rejected the referendum.\n";
        let facts = proposed_with_rhee(text);
        let issues: Vec<Option<&str>> = positions(&facts).into_iter().map(|p| p.2).collect();
        assert_eq!(issues, [Some("vote")], "{facts:?}");
    }

    /// `called the agreement “a step backwards”`, paragraphs after the
    /// agreement: the agreement's issue, and an answer to it.
    #[test]
    fn a_document_named_again_gives_its_issue() {
        let text = "A title\n\nKestavia and the Liberation Front signed an agreement on the \
            release of prisoners on Monday.\n\nThe talks lasted a week.\n\n\
            The Island Council called the agreement “a step backwards”.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let document = facts
            .iter()
            .position(|f| matches!(f.kind, Kind::Document { .. }) && f.problem.is_none());
        let answer = facts.iter().find_map(|f| match &f.kind {
            Kind::Position {
                party,
                issue,
                responds_to,
                ..
            } if party == "council" && f.problem.is_none() => {
                Some((issue.as_deref(), *responds_to))
            }
            _ => None,
        });
        assert!(document.is_some(), "{facts:?}");
        assert_eq!(answer, Some((Some("prisoners"), document)), "{facts:?}");
    }

    /// `According to people briefed on the talks, she has proposed`: the
    /// phrase before the subject is read past, and `she` is the actor
    /// named last, not a party named later in the sentence.
    #[test]
    fn a_pronoun_after_a_fronted_phrase_is_the_subject() {
        let text = "A title\n\nIlse Rhee met the envoys on Monday.\n\n\
            According to people briefed on the talks, she has proposed a referendum, \
            and Kestavia has offered to host the vote.\n";
        let facts = proposed_with_rhee(text);
        let proposing: Vec<&str> = positions(&facts)
            .into_iter()
            .filter(|p| p.1 == Stance::Proposes)
            .map(|p| p.0)
            .collect();
        assert_eq!(proposing, ["council"], "{facts:?}");
    }

    /// A negated cue gives the stance of its negation: `did not rule
    /// out` offers, `cannot accept` rejects, `does not support` opposes.
    #[test]
    fn negated_cues_give_the_stance_of_their_negation() {
        let text = "A title\n\nKestavia did not rule out a referendum. \
            The Island Council cannot accept the withdrawal of troops. \
            The Liberation Front does not support the release of prisoners.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let got: Vec<(&str, Stance, Option<&str>)> = positions(&facts)
            .into_iter()
            .map(|p| (p.0, p.1, p.2))
            .collect();
        assert_eq!(
            got,
            [
                ("kestavia", Stance::Offers, Some("vote")),
                ("council", Stance::Rejects, Some("troops")),
                ("front", Stance::Opposes, Some("prisoners")),
            ],
            "{facts:?}"
        );
    }

    /// `insists` followed by what happened is a claim; followed by what
    /// should happen, or by `on`, a demand.
    #[test]
    fn insisting_on_a_fact_is_a_claim() {
        let text = "A title\n\nKestavia insists the Liberation Front broke its promise on the \
            prisoners. The Liberation Front insists that Kestavia withdraw its troops. \
            The Island Council insists on the referendum it promised.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let claims: Vec<(&str, Stance, Option<&str>)> = positions(&facts)
            .into_iter()
            .map(|p| (p.0, p.1, p.2))
            .collect();
        assert_eq!(
            claims,
            [("kestavia", Stance::Claims, Some("prisoners"))],
            "{facts:?}"
        );
        let demanded: Vec<(String, String)> = demands(&facts, text)
            .into_iter()
            .map(|d| (d.0, d.2))
            .collect();
        assert_eq!(
            demanded,
            [
                ("front".to_string(), "troops".to_string()),
                ("council".to_string(), "vote".to_string())
            ],
            "{facts:?}"
        );
    }

    /// `accused X of` is a claim, the passive `anyone accused of` none;
    /// `no longer recognises` rejects.
    #[test]
    fn accusing_claims_and_no_longer_recognising_rejects() {
        let text = "A title\n\n\
            The Liberation Front accused Kestavia of moving its troops.\n\n\
            Kestavia will free no prisoners accused of attacks.\n\n\
            The Island Council no longer recognises the referendum.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let found: Vec<(&str, Stance, Option<&str>)> = positions(&facts)
            .into_iter()
            .map(|p| (p.0, p.1, p.2))
            .collect();
        assert_eq!(
            found,
            [
                ("front", Stance::Claims, Some("troops")),
                ("council", Stance::Rejects, Some("vote")),
            ],
            "{facts:?}"
        );
    }

    /// A clause with no words of an issue takes the issue of its sentence.
    #[test]
    fn a_clause_without_issue_words_takes_its_sentences_issue() {
        let text = "A title\n\nThe Island Council urged a release of the prisoners, \
            and Kestavia welcomed the idea.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let positions: Vec<(&str, Option<&str>)> = facts
            .iter()
            .filter(|f| f.problem.is_none())
            .filter_map(|f| match &f.kind {
                Kind::Position { party, issue, .. } => Some((party.as_str(), issue.as_deref())),
                _ => None,
            })
            .collect();
        assert!(
            positions.contains(&("kestavia", Some("prisoners"))),
            "{facts:?}"
        );
    }

    /// A headline's quote dated by default takes the day of the news the
    /// body names.
    #[test]
    fn a_headline_is_dated_on_the_day_of_its_news() {
        let text = "Kestavia rejects Front's demand\n\n\
            Kestavia on Tuesday rejected the Liberation Front's demand for a referendum on independence.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let dates: Vec<Option<&str>> = facts
            .iter()
            .flat_map(|f| &f.evidence)
            .map(|q| q.date.as_ref().map(|d| d.text()))
            .collect();
        assert!(
            !dates.is_empty() && dates.iter().all(|d| *d == Some("2024-03-12")),
            "{facts:?}"
        );
    }

    /// A date after `by` in what is demanded is its deadline, not the
    /// demand's date.
    #[test]
    fn a_deadline_is_due() {
        let text =
            "A title\n\nKestavia wants the Liberation Front to release the prisoners by May 31.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let demand = &facts[0];
        assert!(
            matches!(&demand.kind, Kind::Demand { due: Some(d), .. } if d.text() == "2024-05-31"),
            "{facts:?}"
        );
        assert_eq!(
            demand.evidence[0].date.as_ref().map(|d| d.text()),
            Some("2024-03-15")
        );
    }

    /// Parties joined to the object of a preposition are objects too: in
    /// `C, in talks with A and B, demanded ...` the demand is C's.
    #[test]
    fn parties_joined_to_an_object_are_no_subject() {
        let text = "A title\n\nThe Island Council, in talks with Kestavia and the Liberation Front, \
            demanded a referendum on independence.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let by: Vec<String> = demands(&facts, text).into_iter().map(|d| d.0).collect();
        assert_eq!(by, ["council"], "{facts:?}");
    }

    /// A statement credited to an unnamed source carries it as its
    /// attribution; one by a named actor does not.
    #[test]
    fn unnamed_sources_are_the_attribution() {
        let text = "A title\n\nDiplomats familiar with the talks said Kestavia wants a referendum on independence.\n\n\
            The Liberation Front wants the release of the prisoners, according to two senior officials.\n\n\
            The Liberation Front said it wanted the withdrawal of troops.\n\n\
            The Liberation Front wants a ceasefire, officials said.\n\n\
            Kestavia wants a ceasefire too, two officials, speaking anonymously, said.\n";
        let facts = proposed(text, &two_sides_and_a_mediator(), &three_issues());
        let credited: Vec<Option<&str>> = facts
            .iter()
            .filter(|f| matches!(f.kind, Kind::Demand { .. }))
            .map(|f| f.evidence[0].attribution.as_deref())
            .collect();
        assert_eq!(
            credited,
            [
                Some("diplomats familiar with the talks"),
                Some("two senior officials"),
                None,
                Some("officials"),
                Some("two officials"),
            ],
            "{facts:?}"
        );
    }

    #[test]
    fn quotations_are_attributed_to_their_speakers() {
        let text = "A title\n\n“We will not disarm,” Rhee said. “Talks are welcome,” said Per Aske. \
            Aske told reporters: “The round went well.” Rhee wrote on social media: “No referendum.” \
            “It was productive,” he said. “And it will go on.”\n";
        let party = Party {
            id: "tlf".into(),
            name: "Tessaly Liberation Front".into(),
            kind: crate::vocab::PartyKind::Group,
            aliases: vec![],
            members: vec![],
        };
        let actor = |id: &str, name: &str| Actor {
            id: id.into(),
            name: name.into(),
            aliases: vec![],
            terms: vec![crate::model::Term {
                party: "tlf".into(),
                role: None,
                since: None,
                until: None,
            }],
        };
        let actors = [actor("rhee", "Ilse Rhee"), actor("aske", "Per Aske")];
        let layout = Layout::new(text);
        let mentions = Gazetteer::new(std::slice::from_ref(&party), &actors).find(text);
        let issue_text = mask(text, &mentions);
        let masked = mask_names(&issue_text, &layout);
        let reader = Reader::new(
            (text, &issue_text, &masked),
            mentions,
            &layout,
            jiff::civil::date(2024, 1, 1),
            &[party],
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
