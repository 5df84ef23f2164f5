//! The ids of every fact file, read before the articles are read in full:
//! the kind of each fact id, and the last article that gives an entry for
//! it. With these a fact is merged, checked and handed on as soon as its
//! last article is read, so a seed holds the facts in flight, not the tree.

use std::collections::HashMap;

use super::files::{self, ArticlePaths};
use super::{Known, for_each_in_order};
use crate::vocab::FactKind;

/// What one fact file says of its ids, read leniently: a file that cannot
/// be read this way gives none (reading it in full reports why).
pub struct FileIds {
    /// Every explicit fact id with its kind, in the order the merger claims
    /// them: demands, positions, talks each with its outcomes, documents
    /// each with its provisions.
    pub ids: Vec<(String, FactKind)>,
    /// The ids its entries' `replaces` name.
    pub replaced: Vec<String>,
    /// Each document entry's provisions: its explicit id, else its text.
    provisions: Vec<(String, Vec<ProvisionKey>)>,
    /// A talk or document with an outcome or provision id it gives.
    links: Vec<(String, String)>,
}

/// What names a provision before its id is known.
enum ProvisionKey {
    Id(String),
    Text(String),
}

/// Reads the ids of the fact file `text`.
pub fn file_ids(text: &str) -> Option<FileIds> {
    /// Only the ids of a fact file; everything else is skipped unread.
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        demand: Vec<Entry>,
        #[serde(default)]
        position: Vec<Entry>,
        #[serde(default)]
        talk: Vec<Entry>,
        #[serde(default)]
        document: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        id: Option<toml::Value>,
        replaces: Option<toml::Value>,
        #[serde(default)]
        outcome: Vec<Nested>,
        #[serde(default)]
        provision: Vec<Nested>,
    }
    #[derive(serde::Deserialize)]
    struct Nested {
        id: Option<toml::Value>,
        text: Option<toml::Value>,
    }
    fn text_of(v: &Option<toml::Value>) -> Option<String> {
        v.as_ref().and_then(|v| v.as_str()).map(String::from)
    }
    let file: File = toml::from_str(text).ok()?;
    let mut out = FileIds {
        ids: Vec::new(),
        replaced: Vec::new(),
        provisions: Vec::new(),
        links: Vec::new(),
    };
    let kinds = [
        (file.demand, FactKind::Demand),
        (file.position, FactKind::Position),
        (file.talk, FactKind::Talk),
        (file.document, FactKind::Document),
    ];
    for (entries, kind) in kinds {
        for e in entries {
            out.replaced.extend(text_of(&e.replaces));
            let Some(id) = text_of(&e.id) else { continue };
            out.ids.push((id.clone(), kind));
            for o in e.outcome.iter().filter_map(|o| text_of(&o.id)) {
                out.ids.push((o.clone(), FactKind::Outcome));
                out.links.push((id.clone(), o));
            }
            if kind != FactKind::Document {
                continue;
            }
            let mut keys = Vec::with_capacity(e.provision.len());
            for p in &e.provision {
                match text_of(&p.id) {
                    Some(pid) => {
                        out.ids.push((pid.clone(), FactKind::Provision));
                        out.links.push((id.clone(), pid.clone()));
                        keys.push(ProvisionKey::Id(pid));
                    }
                    None => keys.push(ProvisionKey::Text(text_of(&p.text).unwrap_or_default())),
                }
            }
            out.provisions.push((id, keys));
        }
    }
    Some(out)
}

/// The ids of a document's provisions, in order: the explicit id, or the
/// id of the provision given before with the same text, or the next
/// `<document>-provision-<n>`.
pub fn provision_ids<'a>(
    document: &str,
    provisions: impl Iterator<Item = (Option<&'a str>, &'a str)>,
) -> Vec<String> {
    let mut by_text: HashMap<&str, String> = HashMap::new();
    provisions
        .map(|(id, text)| match id {
            Some(id) => id.to_string(),
            None => {
                let next = format!("{document}-provision-{}", by_text.len() + 1);
                by_text.entry(text).or_insert(next).clone()
            }
        })
        .collect()
}

/// The article index of a fact held until every article is read: one that
/// another replaces, whose lifespan ends with its replacement.
pub const AT_THE_END: u32 = u32::MAX;

/// What is known of one id.
#[derive(Clone, Copy)]
struct Info {
    /// The kind of its first entry.
    kind: FactKind,
    /// The article after which it and the facts it shares entries with are
    /// complete, or [`AT_THE_END`].
    done: u32,
    /// False for an outcome id, which references cannot name.
    named: bool,
    /// True when entries give it to facts of different kinds.
    conflict: bool,
}

/// Every fact id of a tree, sorted, with what is known of it, packed: the
/// ids end to end in one string.
pub struct Plan {
    text: String,
    /// Where each id ends in `text`.
    ends: Vec<u32>,
    info: Vec<Info>,
}

impl Plan {
    /// Reads the ids of every article's fact file, on every core.
    pub fn read(articles: &[ArticlePaths]) -> Plan {
        let mut arena = String::new();
        // (start, end, article, kind) of every id given, in article order.
        let mut given: Vec<(u32, u32, u32, FactKind)> = Vec::new();
        let mut replaced = Vec::new();
        let mut links = Vec::new();
        let mut documents: Vec<(String, Vec<ProvisionKey>)> = Vec::new();
        let read = |_, paths: &ArticlePaths| match &paths.given {
            Some((_, facts)) => file_ids(facts),
            None => files::read_limited(&paths.facts)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .and_then(|t| file_ids(&t)),
        };
        let mut article = 0u32;
        for_each_in_order(articles, read, |ids| {
            for (id, kind) in ids.iter().flat_map(|f| &f.ids) {
                let start = arena.len() as u32;
                arena.push_str(id);
                given.push((start, arena.len() as u32, article, *kind));
            }
            if let Some(f) = ids {
                replaced.extend(f.replaced);
                links.extend(f.links);
                documents.extend(f.provisions);
            }
            article += 1;
        });
        let at = |&(s, e, _, _): &(u32, u32, u32, FactKind)| &arena[s as usize..e as usize];
        // Ties keep the order given, so the first entry of an id comes first.
        given.sort_unstable_by(|a, b| at(a).cmp(at(b)).then(a.0.cmp(&b.0)));
        let mut plan = Plan {
            text: String::with_capacity(arena.len() / 2),
            ends: Vec::new(),
            info: Vec::new(),
        };
        for g in &given {
            let id = at(g);
            if plan.ends.last().is_some() && plan.id(plan.ends.len() - 1) == id {
                let last = plan.info.last_mut().expect("an id was pushed");
                last.done = last.done.max(g.2);
                last.conflict |= last.kind != g.3;
                continue;
            }
            plan.text.push_str(id);
            plan.ends.push(plan.text.len() as u32);
            plan.info.push(Info {
                kind: g.3,
                done: g.2,
                named: g.3 != FactKind::Outcome,
                conflict: false,
            });
        }
        drop(given);
        drop(arena);
        plan.add_provisions(documents);
        plan.close(&replaced, &links);
        plan
    }

    /// The id at `i`.
    fn id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn find(&self, id: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let mid = (low + high) / 2;
            match self.id(mid).cmp(id) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Adds the ids the provisions without one get, from every entry of
    /// their document in article order, unless the id is taken.
    fn add_provisions(&mut self, documents: Vec<(String, Vec<ProvisionKey>)>) {
        let mut by_document: HashMap<String, Vec<ProvisionKey>> = HashMap::new();
        for (document, keys) in documents {
            by_document.entry(document).or_default().extend(keys);
        }
        let mut generated: Vec<String> = Vec::new();
        for (document, keys) in &by_document {
            let listed = keys.iter().map(|k| match k {
                ProvisionKey::Id(id) => (Some(id.as_str()), ""),
                ProvisionKey::Text(text) => (None, text.as_str()),
            });
            let ids = provision_ids(document, listed);
            for (key, id) in keys.iter().zip(ids) {
                if matches!(key, ProvisionKey::Text(_)) && self.find(&id).is_none() {
                    generated.push(id);
                }
            }
        }
        if generated.is_empty() {
            return;
        }
        generated.sort_unstable();
        generated.dedup();
        let old = std::mem::replace(
            self,
            Plan {
                text: String::new(),
                ends: Vec::new(),
                info: Vec::new(),
            },
        );
        let provision = Info {
            kind: FactKind::Provision,
            done: 0,
            named: true,
            conflict: false,
        };
        let (mut i, mut j) = (0, 0);
        while i < old.ends.len() || j < generated.len() {
            let take_old =
                j == generated.len() || (i < old.ends.len() && old.id(i) < generated[j].as_str());
            let (id, info) = if take_old {
                i += 1;
                (old.id(i - 1), old.info[i - 1])
            } else {
                j += 1;
                (generated[j - 1].as_str(), provision)
            };
            self.text.push_str(id);
            self.ends.push(self.text.len() as u32);
            self.info.push(info);
        }
    }

    /// Holds replaced facts to the end, and makes a talk or document and
    /// the outcomes and provisions it gives ids to complete together.
    fn close(&mut self, replaced: &[String], links: &[(String, String)]) {
        for id in replaced {
            if let Some(i) = self.find(id) {
                self.info[i].done = AT_THE_END;
            }
        }
        if links.is_empty() {
            return;
        }
        let mut parent: Vec<u32> = (0..self.info.len() as u32).collect();
        fn root(parent: &mut [u32], mut i: u32) -> u32 {
            while parent[i as usize] != i {
                parent[i as usize] = parent[parent[i as usize] as usize];
                i = parent[i as usize];
            }
            i
        }
        for (a, b) in links {
            if let (Some(a), Some(b)) = (self.find(a), self.find(b)) {
                let (a, b) = (root(&mut parent, a as u32), root(&mut parent, b as u32));
                parent[a as usize] = b;
            }
        }
        let n = self.info.len();
        for i in 0..n {
            parent[i] = root(&mut parent, i as u32);
        }
        let mut done = vec![0u32; n];
        for (i, info) in self.info.iter().enumerate() {
            let r = parent[i] as usize;
            done[r] = done[r].max(info.done);
        }
        for (i, info) in self.info.iter_mut().enumerate() {
            info.done = done[parent[i] as usize];
        }
    }

    /// The article after which the fact `id` is complete: no later article
    /// gives an entry for it, nor for a talk, document, outcome or
    /// provision it shares entries with; [`AT_THE_END`] for a replaced one.
    pub fn done(&self, id: &str) -> Option<u32> {
        self.find(id).map(|i| self.info[i].done)
    }

    /// The kind of the fact a reference to `id` names.
    pub fn kind(&self, id: &str) -> Option<FactKind> {
        self.find(id)
            .map(|i| self.info[i])
            .filter(|i| i.named)
            .map(|i| i.kind)
    }

    /// The kind of the first entry that gives `id`, an outcome's too.
    pub fn given(&self, id: &str) -> Option<FactKind> {
        self.find(id).map(|i| self.info[i].kind)
    }

    /// True when entries give `id` to facts of different kinds.
    pub fn conflicting(&self, id: &str) -> bool {
        self.find(id).is_some_and(|i| self.info[i].conflict)
    }
}

impl Known for Plan {
    fn has(&self, id: &str) -> bool {
        self.kind(id).is_some()
    }
    fn candidates(&self, id: &str) -> Vec<&str> {
        let at = match self.find(id) {
            Some(i) => i,
            None => {
                let (mut low, mut high) = (0, self.ends.len());
                while low < high {
                    let mid = (low + high) / 2;
                    if self.id(mid) < id {
                        low = mid + 1;
                    } else {
                        high = mid;
                    }
                }
                low
            }
        };
        let window = super::HINT_WINDOW;
        let from = at.saturating_sub(window);
        let to = (at + window).min(self.ends.len());
        (from..to)
            .filter(|&i| self.info[i].named)
            .map(|i| self.id(i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, facts: &str) -> ArticlePaths {
        ArticlePaths {
            slug: slug.into(),
            facts: format!("{slug}.toml").into(),
            text: format!("{slug}.txt").into(),
            given: Some((String::new(), facts.into())),
        }
    }

    #[test]
    fn a_fact_is_done_after_the_last_article_with_an_entry_for_it_or_its_outcomes() {
        let plan = Plan::read(&[
            article(
                "a",
                r#"
                [[demand]]
                id = "d1"
                [[demand]]
                id = "d2"
                [[demand]]
                id = "k"
                [[talk]]
                id = "t1"
                  [[talk.outcome]]
                  id = "o1"
                [[document]]
                id = "doc"
                  [[document.provision]]
                  text = "first"
                  [[document.provision]]
                  id = "named"
                "#,
            ),
            article(
                "b",
                r#"
                [[demand]]
                id = "d1"
                [[position]]
                id = "p1"
                replaces = "p0"
                [[position]]
                id = "p0"
                [[document]]
                id = "doc"
                  [[document.provision]]
                  text = "second"
                  [[document.provision]]
                  text = "first"
                "#,
            ),
            article(
                "c",
                r#"
                [[talk]]
                id = "t2"
                  [[talk.outcome]]
                  id = "o1"
                [[position]]
                id = "k"
                "#,
            ),
        ]);
        assert_eq!(plan.done("d1"), Some(1), "given in a and b");
        assert_eq!(plan.done("d2"), Some(0));
        assert_eq!(plan.done("p0"), Some(AT_THE_END), "replaced");
        assert_eq!(plan.done("p1"), Some(1));
        // o1, an outcome of t1 in a, is given in c under t2: the three are
        // done together, though t1 is not given after a.
        for id in ["t1", "o1", "t2"] {
            assert_eq!(plan.done(id), Some(2), "{id}");
        }
        assert!(plan.conflicting("k") && !plan.conflicting("d1"));
        assert_eq!(plan.kind("k"), Some(FactKind::Demand), "its first entry");
        assert_eq!(plan.kind("o1"), None, "references cannot name outcomes");
        assert_eq!(plan.done("missing"), None);
        // The provisions without an id are numbered over the document's
        // entries in article order; the same text is the same provision.
        for id in ["named", "doc-provision-1", "doc-provision-2"] {
            assert_eq!(plan.kind(id), Some(FactKind::Provision), "{id}");
        }
        assert_eq!(plan.kind("doc-provision-3"), None);
        assert!(plan.has("d2") && !plan.has("o1"));
        assert!(plan.candidates("d3").contains(&"d2"));
    }

    #[test]
    fn a_file_that_is_no_fact_file_gives_no_ids() {
        assert!(file_ids("demand = 3").is_none());
        assert!(file_ids("[[demand]]\nid = 7").is_some_and(|f| f.ids.is_empty()));
        let plan = Plan::read(&[article("a", "not toml at all ][")]);
        assert_eq!(plan.done("a"), None);
    }
}
