//! Where the registries' parties and actors are named in an article: their
//! names, aliases (demonyms among them), actors' full names and surnames.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::AhoCorasick;
use std::ops::Range;

use super::lexicon::EN;
use crate::model::{Actor, Party};
use crate::vocab::PartyKind;

/// One place where a party or one of its actors is named.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte range of the name in the article.
    pub span: Range<usize>,
    /// The party named, or the party of the actor named.
    pub party: String,
    /// The actor named, if it was an actor.
    pub actor: Option<String>,
    /// How it was recognised, for `# draft:` comments.
    pub via: String,
}

/// A name to look for.
struct Name {
    text: String,
    party: String,
    actor: Option<String>,
    via: String,
}

/// Every name of the registries, longest first, and an automaton that
/// finds all of them in one pass over a text; and the group words, with
/// the kind of every party.
pub struct Gazetteer {
    names: Vec<Name>,
    /// Pattern `i` of `finder` spells `names[spellings[i]]`.
    spellings: Vec<usize>,
    finder: AhoCorasick,
    /// Pattern `i` of `groups` is a word for a party of one of the kinds
    /// `group_kinds[i]`.
    groups: AhoCorasick,
    group_kinds: Vec<&'static [PartyKind]>,
    kinds: HashMap<String, PartyKind>,
}

impl Gazetteer {
    /// Collects the names of `parties` and `actors`.
    pub fn new(parties: &[Party], actors: &[Actor]) -> Gazetteer {
        let mut names = Vec::new();
        for party in parties {
            names.push(Name {
                text: party.name.clone(),
                party: party.id.clone(),
                actor: None,
                via: format!("the name of party `{}`", party.id),
            });
            for alias in &party.aliases {
                names.push(Name {
                    text: alias.clone(),
                    party: party.id.clone(),
                    actor: None,
                    via: format!("alias \"{alias}\" of party `{}`", party.id),
                });
            }
        }
        for actor in actors {
            // The party of the actor's latest term.
            let Some(party) = actor.terms.last().map(|t| t.party.as_str()) else {
                continue;
            };
            let mut add = |text: &str, how: &str| {
                names.push(Name {
                    text: text.to_string(),
                    party: party.to_string(),
                    actor: Some(actor.id.clone()),
                    via: format!("{how} \"{text}\" of actor `{}` ({party})", actor.id),
                });
            };
            add(&actor.name, "name");
            for alias in &actor.aliases {
                add(alias, "alias");
            }
            if let Some(surname) = actor.name.split_whitespace().last()
                && surname != actor.name
                && surname.chars().count() >= 3
                && surname.starts_with(char::is_uppercase)
            {
                add(surname, "surname");
            }
        }
        names.retain(|n| !n.text.trim().is_empty());
        names.sort_by_key(|n| std::cmp::Reverse(n.text.len()));
        let mut spellings = Vec::new();
        let mut patterns = Vec::new();
        for (i, name) in names.iter().enumerate() {
            for variant in variants(&name.text) {
                spellings.push(i);
                patterns.push(variant);
            }
        }
        let finder =
            AhoCorasick::new(&patterns).expect("names are far below the automaton's limits");
        // Words for a party of a kind instead of its name: each stands for
        // the party of that kind named last before it (else the first
        // named after it).
        let (group_kinds, words): (Vec<&[PartyKind]>, Vec<&str>) = EN
            .group_words
            .iter()
            .flat_map(|(kinds, words)| words.iter().map(move |w| (kinds.as_slice(), w.as_str())))
            .unzip();
        let groups = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&words)
            .expect("a few group words");
        Gazetteer {
            names,
            spellings,
            finder,
            groups,
            group_kinds,
            kinds: parties.iter().map(|p| (p.id.clone(), p.kind)).collect(),
        }
    }

    /// Every mention in `text`, in order; where names overlap, the longest
    /// (of equal lengths, the one named first in the registries).
    pub fn find(&self, text: &str) -> Mentions {
        // Every place of every spelling, in the order of the spellings, and
        // for each spelling only places not overlapping its previous one.
        let mut places: Vec<(usize, usize, usize)> = self
            .finder
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        places.sort_unstable();
        let mut found: BTreeMap<usize, Mention> = BTreeMap::new();
        let mut previous: Option<(usize, usize)> = None;
        for (pattern, start, end) in places {
            if previous.is_some_and(|(p, e)| p == pattern && start < e) {
                continue;
            }
            previous = Some((pattern, end));
            // Spellings come longest first, so a place already taken keeps
            // the longer name.
            let before = found.range(..end).next_back();
            if !at_word_edges(text, start, end) || before.is_some_and(|(_, m)| start < m.span.end) {
                continue;
            }
            let name = &self.names[self.spellings[pattern]];
            found.insert(
                start,
                Mention {
                    span: start..end,
                    party: name.party.clone(),
                    actor: name.actor.clone(),
                    via: name.via.clone(),
                },
            );
        }
        self.add_group_words(text, &mut found);
        let all: Vec<Mention> = found.into_values().collect();
        let actors = (0..all.len()).filter(|&i| all[i].actor.is_some()).collect();
        Mentions { all, actors }
    }
}

impl Gazetteer {
    /// Adds a mention for each group word (`the rebels`, `Vardesh rebels`)
    /// where no name is: the party of its kind named last before it, else
    /// the one of its kind the text names most; of the first of its kinds
    /// that a party named in the text is of.
    fn add_group_words(&self, text: &str, found: &mut BTreeMap<usize, Mention>) {
        let names: Vec<(usize, String)> =
            found.iter().map(|(&at, m)| (at, m.party.clone())).collect();
        for m in self.groups.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let kinds = self.group_kinds[m.pattern().as_usize()];
            let before = found.range(..end).next_back();
            if !at_word_edges(text, start, end) || before.is_some_and(|(_, n)| start < n.span.end) {
                continue;
            }
            // The first of the kinds any party named is of, in the order
            // the lexicon gives them.
            let Some(kind) = kinds
                .iter()
                .find(|k| names.iter().any(|(_, p)| self.kinds.get(p) == Some(k)))
            else {
                continue;
            };
            let of_kind = |(_, party): &&(usize, String)| self.kinds.get(party) == Some(kind);
            let before_it = names.partition_point(|(at, _)| *at < start);
            let earlier = names[..before_it].iter().rev().find(of_kind);
            let Some((_, party)) = earlier.or_else(|| most_named(&names, of_kind)) else {
                continue;
            };
            // `Vardesh rebels`: a capitalised word before is part of it.
            let start = capitalised_before(text, start)
                .filter(|&at| before.is_none_or(|(_, n)| n.span.end <= at))
                .unwrap_or(start);
            let word = &text[start..end];
            found.insert(
                start,
                Mention {
                    span: start..end,
                    party: party.clone(),
                    actor: None,
                    via: format!("\"{word}\": the party of its kind named nearest (`{party}`)"),
                },
            );
        }
    }
}

/// Where the capitalised word right before `at` (and one space) begins.
pub fn capitalised_before(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].strip_suffix(' ')?;
    let word_at = before
        .char_indices()
        .rev()
        .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '-'))
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    before[word_at..]
        .starts_with(char::is_uppercase)
        .then_some(word_at)
}

/// Of the `names` (place, party) that `keep` keeps, one of the party
/// named most often, at its first place.
fn most_named<'n>(
    names: &'n [(usize, String)],
    keep: impl Fn(&&'n (usize, String)) -> bool,
) -> Option<&'n (usize, String)> {
    let kept: Vec<&(usize, String)> = names.iter().filter(|n| keep(n)).collect();
    let count = |party: &str| kept.iter().filter(|(_, p)| p == party).count();
    // `max_by_key` keeps the last of equals: go from the end.
    kept.iter().rev().max_by_key(|(_, p)| count(p)).copied()
}

/// The mentions of an article, in order. They never overlap, so their
/// ends are in order too, and the mentions inside any range are found by
/// binary search, not by a scan of the article's every name.
#[derive(Debug, Default)]
pub struct Mentions {
    all: Vec<Mention>,
    /// Indexes of the mentions of actors, in order.
    actors: Vec<usize>,
}

impl std::ops::Deref for Mentions {
    type Target = [Mention];

    fn deref(&self) -> &[Mention] {
        &self.all
    }
}

impl Mentions {
    /// The mentions lying wholly inside `range`.
    pub fn within(&self, range: Range<usize>) -> &[Mention] {
        let first = self.all.partition_point(|m| m.span.start < range.start);
        let end = self.all.partition_point(|m| m.span.end <= range.end);
        &self.all[first..end.max(first)]
    }

    /// The last actor named before `at`.
    pub fn last_actor_before(&self, at: usize) -> Option<&Mention> {
        let before = self.actors.partition_point(|&i| self.all[i].span.end <= at);
        before.checked_sub(1).map(|i| &self.all[self.actors[i]])
    }

    /// The party of the actor at its first mention.
    pub fn party_of_actor(&self, actor: &str) -> Option<&str> {
        self.actors
            .iter()
            .map(|&i| &self.all[i])
            .find(|m| m.actor.as_deref() == Some(actor))
            .map(|m| m.party.as_str())
    }

    /// Whether a mention overlaps `range`.
    pub fn overlap(&self, range: Range<usize>) -> bool {
        self.all[self.all.partition_point(|m| m.span.end <= range.start)..]
            .first()
            .is_some_and(|m| m.span.start < range.end)
    }
}

/// The name as written, and with a capital first letter when it starts
/// with a small one (`the Norland envoy` opening a sentence).
fn variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let mut chars = name.chars();
    if let Some(first) = chars.next()
        && first.is_lowercase()
    {
        out.push(first.to_uppercase().chain(chars).collect());
    }
    out
}

/// True when `text[start..end]` is not part of a longer word.
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        let party = |id: &str, name: &str, aliases: &[&str]| Party {
            id: id.into(),
            name: name.into(),
            kind: crate::vocab::PartyKind::State,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            members: vec![],
        };
        let actor = Actor {
            id: "aske".into(),
            name: "Per Aske".into(),
            aliases: vec!["the Norland envoy".into()],
            terms: vec![crate::model::Term {
                party: "norland".into(),
                role: None,
                since: None,
                until: None,
            }],
        };
        Gazetteer::new(
            &[
                party("norland", "Kingdom of Norland", &["Norland", "Norlandic"]),
                party("us", "United States", &["US"]),
            ],
            &[actor],
        )
    }

    fn found(text: &str) -> Vec<(String, String, Option<String>)> {
        gazetteer()
            .find(text)
            .iter()
            .map(|m| {
                (
                    text[m.span.clone()].to_string(),
                    m.party.clone(),
                    m.actor.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn names_aliases_surnames_and_demonyms() {
        let got =
            found("Per Aske of the Kingdom of Norland met Norlandic and US envoys; Aske said");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            names,
            ["Per Aske", "Kingdom of Norland", "Norlandic", "US", "Aske"]
        );
        assert_eq!(got[0].2.as_deref(), Some("aske"));
        assert_eq!(got[0].1, "norland");
        assert_eq!(got[2].1, "norland");
    }

    #[test]
    fn whole_words_and_case_only() {
        assert!(found("tell us about Norlands and USB").is_empty());
        assert_eq!(
            found("The Norland envoy said")[0].2.as_deref(),
            Some("aske")
        );
        assert_eq!(found("Norland’s envoy")[0].0, "Norland");
    }

    #[test]
    fn group_words_stand_for_the_party_of_their_kind_named_nearest() {
        let party = |id: &str, name: &str, kind: crate::vocab::PartyKind| Party {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: vec![],
            members: vec![],
        };
        use crate::vocab::PartyKind::{Government, Group, State};
        let g = Gazetteer::new(
            &[
                party("gov", "Arvenia", Government),
                party("front", "Liberation Front", Group),
                party("other", "Other Front", Group),
                party("state", "Norland", State),
            ],
            &[],
        );
        let text = "The rebels and the government met. Liberation Front and Arvenia sat down; \
                    Other Front said the rebels want a vote. Norland hosted the talks. \
                    The army withdrew.";
        let mentions = g.find(text);
        let got: Vec<(&str, &str)> = mentions
            .iter()
            .map(|m| (&text[m.span.clone()], m.party.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                // Before any name of their kind: the first named after.
                ("The rebels", "front"),
                ("the government", "gov"),
                ("Liberation Front", "front"),
                ("Arvenia", "gov"),
                ("Other Front", "other"),
                // After: the one named last.
                ("the rebels", "other"),
                ("Norland", "state"),
                ("The army", "gov"),
            ]
        );
        // Before any name of its kind, in a text naming one more often:
        // that one; a capitalised word before it is part of it.
        let text = "Tessaly rebels sign truce\n\nThe Other Front fought on. \
                    The Liberation Front signed, and the Liberation Front said so.";
        let first = g.find(text)[0].clone();
        assert_eq!(
            (&text[first.span], first.party.as_str()),
            ("Tessaly rebels", "front")
        );
        // No party of the kind in the text: no mention.
        assert!(
            g.find("The rebels met Norland.")
                .iter()
                .all(|m| m.party == "state")
        );
    }
}
