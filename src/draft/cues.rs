//! The tense of a clause and the issues it is about, from the words of the
//! lexicon. Nothing here names a conflict: parties, places and issues come
//! from the registries.

use crate::model::Issue;

use super::lexicon::EN;

/// True when the first tense word of `clause` is in the present (or
/// future): what it says holds on the day it was published.
pub fn present_tense(clause: &str) -> bool {
    let after_name = EN
        .present_after_name
        .find_iter(clause)
        .find(|m| !EN.attributive.is_match(&clause[..m.start()]));
    let present = [EN.present.find(clause), after_name]
        .into_iter()
        .flatten()
        .map(|m| m.start())
        .min();
    let past = EN.past.find(clause).map(|m| m.start());
    match (present, past) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        _ => false,
    }
}

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
                    .filter(|w| w.len() >= 4 && !EN.words.stop_words.contains(w))
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
                // A word already counted as a one-word name or keyword.
                if issue
                    .phrases
                    .iter()
                    .any(|p| !p.contains(' ') && same_stem(p, word))
                {
                    continue;
                }
                if issue.words.iter().any(|w| same_stem(w, word)) {
                    score += 1;
                    first = first.min(i);
                    why.push(format!("\"{word}\""));
                    continue;
                }
                let synonyms = EN.synonyms.get(word);
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
        // Meeting is talking: `meet` and `sit` count for talks.
        let finder = IssueFinder::new(&[
            issue(
                "talks",
                "Negotiations",
                "Whether and where the sides talk",
                &[],
            ),
            issue("water", "Water sharing", "Sharing of the river flow", &[]),
        ]);
        let id = |t: &str| finder.find(t, None).map(|m| m.id);
        assert_eq!(
            id("proposed that the delegations meet to discuss the river").as_deref(),
            Some("talks")
        );
        assert_eq!(
            id("will not let his envoys sit across from them").as_deref(),
            Some("talks")
        );
        // A name of several words does not hide its own words.
        let finder = IssueFinder::new(&[issue(
            "pow",
            "Prisoners and the missing",
            "Release and exchange of prisoners",
            &[],
        )]);
        assert_eq!(
            finder
                .find("welcomed the prisoner deal", None)
                .map(|m| m.id)
                .as_deref(),
            Some("pow")
        );
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
        // After a masked name, a word in -s is a verb; after a preposition
        // or a number the name modifies a noun, and that noun is no verb.
        assert!(present_tense(
            "XXXXX maintains that the heights were never theirs"
        ));
        assert!(!present_tense(
            "the withdrawal of XXXXXXXX troops remained a condition"
        ));
        assert!(!present_tense(
            "about 2,000 XXXXXXXX soldiers crossed the line"
        ));
        assert!(present_tense(
            "the demand continues to be regarded as a condition"
        ));
    }

    #[test]
    fn stems() {
        assert!(same_stem("disarm", "disarmament"));
        assert!(same_stem("mediate", "mediation"));
        assert!(same_stem("talks", "talk"));
        assert!(!same_stem("release", "region"));
    }
}
