//! Deriving `since`, `last_seen` and `until` of demands and positions from
//! their evidence and from the facts that replace them.

use std::collections::HashMap;

use crate::model::{Demand, Evidence, Lifespan, Position};

/// The lifespan the evidence of one fact shows, before replacements:
/// `since` is the earliest evidence, `last_seen` the latest `held` or `added`
/// one, `until` the earliest `dropped` one. `None` without evidence.
pub fn observe(evidence: &[Evidence]) -> Option<Lifespan> {
    let since = evidence
        .iter()
        .min_by_key(|e| (e.date.min(), e.date.max()))?;
    let last_seen = evidence
        .iter()
        .filter(|e| e.says != "dropped")
        .max_by_key(|e| (e.date.max(), e.date.min()));
    let dropped = evidence
        .iter()
        .filter(|e| e.says == "dropped")
        .min_by_key(|e| (e.date.min(), e.date.max()));
    Some(Lifespan {
        since: since.date.clone(),
        last_seen: last_seen.map(|e| e.date.clone()),
        until: dropped.map(|e| e.date.clone()),
    })
}

/// A demand or position: facts that may supersede one another.
pub trait Superseding {
    /// The fact's id.
    fn id(&self) -> &str;
    /// The id of the fact it supersedes.
    fn replaces(&self) -> Option<&str>;
    /// Its lifespan.
    fn life_mut(&mut self) -> &mut Lifespan;
}

impl Superseding for Demand {
    fn id(&self) -> &str {
        &self.id
    }
    fn replaces(&self) -> Option<&str> {
        self.replaces.as_deref()
    }
    fn life_mut(&mut self) -> &mut Lifespan {
        &mut self.life
    }
}

impl Superseding for Position {
    fn id(&self) -> &str {
        &self.id
    }
    fn replaces(&self) -> Option<&str> {
        self.replaces.as_deref()
    }
    fn life_mut(&mut self) -> &mut Lifespan {
        &mut self.life
    }
}

/// Ends each replaced fact on the day its replacement is first seen, unless
/// it was dropped earlier.
pub fn end_replaced<T: Superseding>(facts: &mut [T]) {
    let index: HashMap<String, usize> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id().to_string(), i))
        .collect();
    for i in 0..facts.len() {
        let Some(&old) = facts[i].replaces().and_then(|r| index.get(r)) else {
            continue;
        };
        let since = facts[i].life_mut().since.clone();
        let until = &mut facts[old].life_mut().until;
        if until.as_ref().is_none_or(|u| since.min() < u.min()) {
            *until = Some(since);
        }
    }
}
