//! Deriving `since`, `last_seen` and `until` of demands and positions from
//! their evidence and from the facts that replace them.

use std::collections::HashMap;

use crate::date::Edtf;
use crate::model::{Demand, Document, Evidence, Lifespan, Position};
use crate::vocab::Says;

/// The lifespan the evidence of one fact shows, before replacements:
/// `since` is the earliest evidence, `last_seen` the latest one that does
/// not end it, `until` the earliest one that does (a demand or position
/// `dropped`, a document `collapsed` or `withdrawn`). `None` without
/// evidence.
pub fn observe(evidence: &[Evidence]) -> Option<Lifespan> {
    let since = evidence
        .iter()
        .min_by_key(|e| (e.date.min(), e.date.max()))?;
    let last_seen = evidence
        .iter()
        .filter(|e| !ends(e.says))
        .max_by_key(|e| (e.date.max(), e.date.min()));
    let dropped = evidence
        .iter()
        .filter(|e| ends(e.says))
        .min_by_key(|e| (e.date.min(), e.date.max()));
    Some(Lifespan {
        since: since.date.clone(),
        last_seen: last_seen.map(|e| e.date.clone()),
        until: dropped.map(|e| e.date.clone()),
    })
}

/// True for what evidence says when the fact ends there.
fn ends(says: Says) -> bool {
    says == Says::Dropped || says.takes_off_the_table()
}

/// A demand, position or document: facts that may supersede one another.
pub trait Superseding {
    /// The fact's id.
    fn id(&self) -> &str;
    /// The id of the fact it supersedes.
    fn replaces(&self) -> Option<&str>;
    /// Its lifespan.
    fn life(&self) -> &Lifespan;
    /// Its lifespan, to change.
    fn life_mut(&mut self) -> &mut Lifespan;
}

/// Implements [`Superseding`] for facts with `id`, `replaces` and `life`.
macro_rules! superseding {
    ($($fact:ty),+) => {
        $(impl Superseding for $fact {
            fn id(&self) -> &str {
                &self.id
            }
            fn replaces(&self) -> Option<&str> {
                self.replaces.as_deref()
            }
            fn life(&self) -> &Lifespan {
                &self.life
            }
            fn life_mut(&mut self) -> &mut Lifespan {
                &mut self.life
            }
        })+
    };
}

superseding!(Demand, Position, Document);

/// Ends each replaced fact of `facts` on the day its replacement is first
/// seen, unless it was dropped earlier; `replacements` gives (replaced id,
/// the replacement's `since`) for every valid replacing fact.
pub fn end_replaced<T: Superseding>(facts: &mut [T], replacements: &[(String, Edtf)]) {
    let index: HashMap<&str, usize> = facts.iter().enumerate().map(|(i, f)| (f.id(), i)).collect();
    let mut ends: Vec<(usize, &Edtf)> = replacements
        .iter()
        .filter_map(|(old, since)| index.get(old.as_str()).map(|&i| (i, since)))
        .collect();
    drop(index);
    ends.sort_by_key(|(i, _)| *i);
    for (old, since) in ends {
        let until = &mut facts[old].life_mut().until;
        if until.as_ref().is_none_or(|u| since.min() < u.min()) {
            *until = Some(since.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Edtf;
    use crate::model::Evidence;
    use crate::quote::Span;

    fn quote(date: &str, says: &str) -> Evidence {
        Evidence {
            source: 0,
            span: Span {
                start: 0,
                end: 1,
                byte_start: 0,
                byte_end: 1,
            },
            quote: String::new(),
            date: Edtf::parse(date).unwrap(),
            says: crate::vocab::ValueSet::parse(says).unwrap(),
            speaker: None,
            attribution: None,
            implied: false,
        }
    }

    fn demand(id: &str, replaces: Option<&str>, evidence: Vec<Evidence>) -> Demand {
        Demand {
            id: id.into(),
            by: vec!["a".into()],
            of: vec!["b".into()],
            issue: "i".into(),
            text: "t".into(),
            replaces: replaces.map(String::from),
            condition_for: vec![],
            due: None,
            responds_to: vec![],
            life: observe(&evidence).unwrap(),
            evidence,
        }
    }

    fn text(date: &Option<Edtf>) -> &str {
        date.as_ref().map_or("", Edtf::text)
    }

    #[test]
    fn since_last_seen_and_until_come_from_the_evidence() {
        let life = observe(&[
            quote("2023-05", "held"),
            quote("2022", "added"),
            quote("2024-07", "dropped"),
            quote("2024-01/2024-03", "held"),
        ])
        .unwrap();
        assert_eq!(life.since.text(), "2022");
        assert_eq!(text(&life.last_seen), "2024-01/2024-03");
        assert_eq!(text(&life.until), "2024-07");
        assert!(observe(&[]).is_none());
    }

    #[test]
    fn a_fact_ends_when_its_first_replacement_is_seen_unless_dropped_earlier() {
        let mut facts = vec![
            demand("old", None, vec![quote("2020", "held")]),
            demand("newer", Some("old"), vec![quote("2023-06", "held")]),
            demand("newest", Some("old"), vec![quote("2022-02", "held")]),
            demand(
                "dropped-first",
                None,
                vec![quote("2020", "held"), quote("2021-01", "dropped")],
            ),
            demand("late", Some("dropped-first"), vec![quote("2022", "held")]),
        ];
        let replacements: Vec<(String, Edtf)> = facts
            .iter()
            .filter_map(|f| Some((f.replaces.clone()?, f.life.since.clone())))
            .collect();
        end_replaced(&mut facts, &replacements);
        assert_eq!(
            text(&facts[0].life.until),
            "2022-02",
            "the earliest replacement wins"
        );
        assert_eq!(
            text(&facts[3].life.until),
            "2021-01",
            "dropped before it was replaced"
        );
        assert_eq!(
            text(&facts[1].life.until),
            "",
            "a replacement itself stays in force"
        );
    }
}
