//! The cue words of the drafting rules, and the issues a clause is about.
//! Nothing here names a conflict: parties, places and issues come from the
//! registries.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Issue;
use crate::vocab::{OutcomeKind, Stance, TalkFormat, TalkStatus};

use super::regex as re;

/// A demand: what one party requires of another.
pub static DEMAND: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(demands?|demanded|wants?|wanted|insists?|insisted|conditions?|requires?|required|calls? (?:for|on)|called (?:for|on)|must|asks? for|asked for|asks? that|asked that|asks? (?:the |its |all )?\w+ to|asked (?:the |its |all )?\w+ to|seeks?|sought)\b",
    )
});
/// A demand given up.
pub static DROPPED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(no longer (?:insists?|demands?|wants?|requires?|seeks?)|drops?|dropped|abandon(?:s|ed)?|gave up|gives? up)\b",
    )
});
/// A demand or claim first put forward.
pub static ADDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(added\b.*\bto (?:its|their|his|her) (?:demands|conditions)|new demands?|declared)\b",
    )
});

/// Stances of positions, with their cues, tried in order.
pub static STANCES: LazyLock<Vec<(Stance, Regex)>> = LazyLock::new(|| {
    vec![
        (
            Stance::Rejects,
            re(
                r"(?i)\b(will not|won[’']t|would not|wouldn[’']t|refuses?|refused|rejects?|rejected|red line|rules? out|ruled out|turn(?:s|ed)? (?:\w+ ){0,3}down|declines?|declined)\b",
            ),
        ),
        (
            Stance::Opposes,
            re(
                r"(?i)\b(opposes?|opposed|discourages?|discouraged|objects? to|objected to|condemns?|condemned)\b",
            ),
        ),
        (
            Stance::Offers,
            re(
                r"(?i)\b(offers?|offered|ready to|willing to|prepared to|would consider|could consider|is considering)\b",
            ),
        ),
        (
            Stance::Proposes,
            re(r"(?i)\b(proposes?|suggests?|suggested)\b"),
        ),
        (
            Stance::Supports,
            re(
                r"(?i)\b(supports?|supported|backs|backed|endorses?|endorsed|urges?|urged|welcomes?|welcomed|prefers?|preferred)\b",
            ),
        ),
        (Stance::Accepts, re(r"(?i)\b(accepts?|accepted)\b")),
        (
            Stance::Claims,
            re(
                r"(?i)\b(claims?|claimed|annexed|annexation|annexes|maintains? that|maintained that)\b",
            ),
        ),
    ]
});

/// A talk: a meeting, call, briefing or negotiation.
pub static TALK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(talks|negotiations?|phone call|call|meeting|met|meets?|round|summit|spoke (?:with|to)|talked (?:with|to)|informed|briefed)\b",
    )
});
/// A briefing: one side informs others.
pub static BRIEFING: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(informed|briefed|briefing)\b"));
/// Cues of a talk's format, tried in order.
pub static FORMATS: LazyLock<Vec<(TalkFormat, Regex)>> = LazyLock::new(|| {
    vec![
        (TalkFormat::Briefing, BRIEFING.clone()),
        (
            TalkFormat::Indirect,
            re(
                r"(?i)\b(indirect (?:talks|negotiations)|through intermediaries|proximity talks|shuttled?)\b",
            ),
        ),
        (
            TalkFormat::Mediated,
            re(r"(?i)(\b(mediated|mediation|brokered)\b|-mediated\b|-brokered\b|\bhosted by\b)"),
        ),
        (
            TalkFormat::Call,
            re(r"(?i)\b(call|phone|spoke (?:with|to)|talked (?:with|to)|video link)\b"),
        ),
        (TalkFormat::Summit, re(r"(?i)\bsummit\b")),
    ]
});
/// Where a talk's mediators are named: after these words.
pub static MEDIATED_BY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:mediated|brokered|hosted) by|under the (?:joint )?mediation of|with the mediation of)\b",
    )
});
/// Right after a mediator's name: `ISC-mediated talks`.
pub const MEDIATED_AFTER: &[&str] = &["-mediated", "-brokered"];
/// Statuses of talks other than `held`, with their cues, tried in order.
pub static STATUSES: LazyLock<Vec<(TalkStatus, Regex)>> = LazyLock::new(|| {
    let start = r"(?:begin|start|meet|hold|resume|take place|open)";
    vec![
        (
            TalkStatus::Postponed,
            re(r"(?i)\b(postponed|put off|delayed|pushed back|deferred)\b"),
        ),
        (
            TalkStatus::Cancelled,
            re(r"(?i)\b(cancell?ed|called off|scrapped)\b"),
        ),
        (
            TalkStatus::Planned,
            re(r"(?i)\b(planned|scheduled|set to|will be held|due to)\b"),
        ),
        (
            TalkStatus::Proposed,
            re(&format!(
                r"(?i)\b((?:will|would|could|to)\W+(?:\w+\W+)?{start}|proposed|potential)\b"
            )),
        ),
    ]
});
/// What comes just before a party's name when it is where a talk is held
/// or who hosts it, not a side at the table (lower case).
pub const PLACE_BEFORE: &[&str] = &[
    " in ",
    " in the ",
    "hosted by ",
    "hosted by the ",
    " at ",
    " at the ",
];

/// Words for the sides of the talk mentioned last: `the parties`, `both
/// sides`, `the two delegations`.
pub static SIDES: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:the|both|the two|both the) (?:parties|sides|delegations|negotiating teams)\b")
});
/// A talk that continues an earlier one, with its sides.
pub static NEXT_ROUND: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(second|third|next|another|new|further) (round|session|talks)\b"));
/// Where `the first` begins.
pub static THE_FIRST: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bthe first\b"));
/// `the first ... since <date>`: an earlier talk at that date.
pub static FIRST_SINCE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bthe first\b.*\bsince\b"));

/// Kinds of outcomes, with their cues, tried in order.
pub static OUTCOMES: LazyLock<Vec<(OutcomeKind, Regex)>> = LazyLock::new(|| {
    vec![
        (
            OutcomeKind::NoProgress,
            re(
                r"(?i)\b(no progress|without (?:an |any )?agreement|(?:didn[’']t|did not|failed to|no)\b.{0,40}\bprogress|stalled|broke down|ended without)",
            ),
        ),
        (
            OutcomeKind::Agreement,
            re(r"(?i)\b(agreed (?:to|on)|reached (?:an )?agreement|signed|exchanged)\b"),
        ),
        (
            OutcomeKind::Statement,
            re(r"(?i)\b(went (?:very |really )?well|constructive|productive)\b"),
        ),
        (OutcomeKind::Other, re(r"(?i)\bmarked the first\b")),
    ]
});
/// A statement made after a talk: `X told reporters after the call`.
pub static AFTER_TALK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:said|told \w+|wrote|stated|noted|announced) after the (call|talks|meeting|summit|negotiations)\b",
    )
});

/// Verbs that report speech.
pub static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(said|says|say|told|tells|wrote|writes|stated|states|noted|notes|announced|announces|insisted|warned|warns|explained|according to|calling it|called it|asked)\b",
    )
});
/// A person's name: two or more capitalised words.
pub static NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b\p{Lu}[\p{L}’'.-]+(?: \p{Lu}[\p{L}’'.-]+)+"));
/// First-person words inside a quotation: the speaker's side.
pub static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| re(r"\b(I|my|we|We|our|Our|us|My)\b"));
/// Third-person pronouns that open a sentence or follow a speech verb.
pub static PRONOUN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:He|She)\b|\b(?:said|says|noted) (?:that )?(?:he|she)\b"));
/// `which would`, `that would`: a consequence the text implies.
pub static IMPLIED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:which|that) (?:would|will|could|means)\b"));
/// A place: `in` and capitalised words.
pub static VENUE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bin ((?:[A-Z][\p{L}’'-]+)(?: [A-Z][\p{L}’'-]+)*)"));

/// Words that mark the tense of a clause, present first.
static PRESENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(is|are|am|remains?|wants|demands|insists|requires|says|has|have|will|won[’']t|would|can|could|must|does|seeks|calls|asks|refuses|rejects|offers|proposes|supports|opposes|accepts|claims|now)\b",
    )
});
static PAST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(was|were|had|did|didn[’']t|said|told|wrote|spoke|met|held|made|took|gave|sought|[a-z]{3,}ed)\b",
    )
});

/// True when the first tense word of `clause` is in the present (or
/// future): what it says holds on the day it was published.
pub fn present_tense(clause: &str) -> bool {
    let present = PRESENT.find(clause).map(|m| m.start());
    let past = PAST.find(clause).map(|m| m.start());
    match (present, past) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Words of issue descriptions too common to signal an issue.
const STOP_WORDS: &[&str] = &[
    "about", "after", "against", "also", "and", "between", "both", "does", "each", "from", "have",
    "into", "other", "over", "party", "parties", "side", "sides", "such", "than", "that", "their",
    "them", "then", "there", "these", "they", "this", "those", "under", "what", "when", "where",
    "whether", "which", "while", "whom", "with", "within", "without", "terms",
];

/// A small built-in synonym table: a word of the text, and words that issue
/// names, keywords or descriptions may use for the same thing.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("oblast", &["territory", "land", "region"]),
    ("oblasts", &["territory", "land", "region"]),
    ("annex", &["territory", "land", "sovereignty"]),
    ("annexed", &["territory", "land", "sovereignty"]),
    ("annexation", &["territory", "land", "sovereignty"]),
    ("cede", &["territory", "land"]),
    ("withdraw", &["territory", "troops"]),
    ("truce", &["ceasefire"]),
    ("armistice", &["ceasefire"]),
    ("swap", &["prisoners", "exchange"]),
    ("detainees", &["prisoners"]),
    ("hostages", &["prisoners"]),
    ("neutral", &["neutrality"]),
    ("disarm", &["disarmament", "weapons"]),
    ("treaty", &["settlement", "peace"]),
    ("referendum", &["independence", "status"]),
    ("venue", &["negotiations", "talks"]),
];

/// An issue and the terms that signal it.
pub struct IssueTerms {
    id: String,
    /// Names and keywords: phrases matched whole, worth more.
    phrases: Vec<String>,
    /// Words of the description, matched by stem.
    words: Vec<String>,
}

/// The issues a clause may be about, chosen by their terms.
pub struct IssueFinder {
    issues: Vec<IssueTerms>,
}

/// The issue a text was matched to, with the reason.
#[derive(Debug, Clone)]
pub struct IssueMatch {
    /// The issue id.
    pub id: String,
    /// The words that matched, for `# draft:` comments.
    pub why: String,
}

impl IssueFinder {
    /// Collects the terms of `issues`.
    pub fn new(issues: &[Issue]) -> IssueFinder {
        let issues = issues
            .iter()
            .map(|issue| {
                let mut phrases: Vec<String> =
                    issue.keywords.iter().map(|k| k.to_lowercase()).collect();
                phrases.push(issue.name.to_lowercase());
                phrases.sort();
                phrases.dedup();
                let words = issue
                    .description
                    .iter()
                    .chain(std::iter::once(&issue.name))
                    .flat_map(|d| words(d))
                    .filter(|w| w.len() >= 4 && !STOP_WORDS.contains(&w.as_str()))
                    .collect();
                IssueTerms {
                    id: issue.id.clone(),
                    phrases,
                    words,
                }
            })
            .collect();
        IssueFinder { issues }
    }

    /// The issue `text` is most about: whole names and keywords count 3, a
    /// synonym's 2, a description word 1; ties go to the term met first.
    /// An issue with a term like `prefer` (the cue word of a talk) comes first.
    pub fn find(&self, text: &str, prefer: Option<&str>) -> Option<IssueMatch> {
        let lower = text.to_lowercase();
        let text_words = words(&lower);
        let mut best: Option<(i32, bool, usize, IssueMatch)> = None;
        for issue in &self.issues {
            let mut score = 0;
            let mut first = usize::MAX;
            let mut why = Vec::new();
            let mut preferred = false;
            for phrase in &issue.phrases {
                // One word matches by stem (`mediate` for `mediation`).
                let at = if phrase.contains(' ') {
                    find_phrase(&lower, phrase).map(|b| words(&lower[..b]).len())
                } else {
                    text_words.iter().position(|w| same_stem(w, phrase))
                };
                if let Some(at) = at {
                    score += 3;
                    first = first.min(at);
                    why.push(format!("\"{phrase}\""));
                    preferred |= prefer.is_some_and(|p| same_stem(p, phrase));
                }
            }
            for (i, word) in text_words.iter().enumerate() {
                if issue.phrases.iter().any(|p| same_stem(p, word)) {
                    continue;
                }
                if issue.words.iter().any(|w| same_stem(w, word)) {
                    score += 1;
                    first = first.min(i);
                    why.push(format!("\"{word}\""));
                    continue;
                }
                let synonyms = SYNONYMS.iter().find(|(w, _)| w == word).map(|(_, s)| *s);
                if let Some(synonyms) = synonyms
                    && synonyms.iter().any(|s| {
                        issue
                            .phrases
                            .iter()
                            .chain(&issue.words)
                            .any(|t| same_stem(t, s))
                    })
                {
                    score += 2;
                    first = first.min(i);
                    why.push(format!("\"{word}\" (synonym)"));
                }
            }
            if score == 0 {
                continue;
            }
            why.dedup();
            let candidate = (
                score,
                preferred,
                first,
                IssueMatch {
                    id: issue.id.clone(),
                    why: why.join(", "),
                },
            );
            let better = match &best {
                None => true,
                Some((s, p, f, _)) => {
                    (preferred, score) > (*p, *s) || ((preferred, score) == (*p, *s) && first < *f)
                }
            };
            if better {
                best = Some(candidate);
            }
        }
        best.map(|b| b.3)
    }
}

/// The lowercase words of `text`.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where `phrase` occurs in `lower` as whole words.
fn find_phrase(lower: &str, phrase: &str) -> Option<usize> {
    lower.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(|c| c.is_alphanumeric() && c != 's')
    })
}

/// True for two words of one stem: equal but for a plural `s`, or sharing
/// at least five letters and differing only in a short ending.
pub fn same_stem(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('s'), b.trim_end_matches('s'));
    if a == b {
        return true;
    }
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    common >= 5 && common + 3 >= a.len().min(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first stance whose cue a text matches, as the rules take it.
    fn stance(text: &str) -> Option<Stance> {
        STANCES
            .iter()
            .find(|(_, re)| re.is_match(text))
            .map(|(s, _)| *s)
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
        assert_eq!(stance("the talks opened"), None);
    }

    fn issue(id: &str, name: &str, description: &str, keywords: &[&str]) -> Issue {
        Issue {
            id: id.into(),
            name: name.into(),
            description: Some(description.into()),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn issues_by_keyword_description_and_synonym() {
        let finder = IssueFinder::new(&[
            issue("land", "Territory", "Control of disputed land", &[]),
            issue(
                "truce",
                "Ceasefire",
                "A halt to the fighting",
                &["ceasefire"],
            ),
            issue("pow", "Prisoners", "Release of captives", &[]),
            issue("arms", "Security", "Disarmament of armed groups", &[]),
        ]);
        let id = |t: &str| finder.find(t, None).map(|m| m.id);
        assert_eq!(id("will not cede an oblast").as_deref(), Some("land"));
        assert_eq!(id("agreed a truce").as_deref(), Some("truce"));
        assert_eq!(id("a swap of detainees").as_deref(), Some("pow"));
        assert_eq!(id("the rebels must disarm").as_deref(), Some("arms"));
        assert_eq!(id("the weather was fine"), None);
    }

    /// Forces every pattern (a bad one panics here, not in a draft) and
    /// checks that no cue table lists a value twice, which would leave the
    /// second entry's cues unused.
    #[test]
    fn every_pattern_compiles_and_each_table_lists_a_value_once() {
        // Dereferencing compiles each pattern; a bad one panics.
        let _compiled: Vec<&Regex> = [
            &*DEMAND,
            &*DROPPED,
            &*ADDED,
            &*TALK,
            &*MEDIATED_BY,
            &*NEXT_ROUND,
            &*FIRST_SINCE,
        ]
        .into_iter()
        .chain([
            &*AFTER_TALK,
            &*SPEECH,
            &*FIRST_PERSON,
            &*PRONOUN,
            &*IMPLIED,
            &*VENUE,
        ])
        .chain([&*PRESENT, &*PAST])
        .collect();
        fn distinct<V: Ord + std::fmt::Debug>(list: &[(V, Regex)]) {
            let values: std::collections::BTreeSet<&V> = list.iter().map(|(v, _)| v).collect();
            assert_eq!(values.len(), list.len(), "a value listed twice: {values:?}");
        }
        distinct(&STANCES);
        distinct(&FORMATS);
        distinct(&STATUSES);
        distinct(&OUTCOMES);
    }

    #[test]
    fn tense() {
        assert!(present_tense(
            "Rhee wants Arvenia to recognize oblasts the TLF annexed"
        ));
        assert!(!present_tense(
            "At that time, the main demand was neutrality"
        ));
        assert!(!present_tense("The administration discouraged those talks"));
        assert!(present_tense("he will not cede territory"));
    }

    #[test]
    fn stems() {
        assert!(same_stem("disarm", "disarmament"));
        assert!(same_stem("mediate", "mediation"));
        assert!(same_stem("talks", "talk"));
        assert!(!same_stem("release", "region"));
    }
}
