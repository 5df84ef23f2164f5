//! From a `seeds/` tree to validated facts: the registries are read, then
//! the ids of every fact file, then each article on its own (on every core)
//! in slug order, each fact checked across articles once its last article
//! is read; every problem is reported. The facts go to a [`Sink`] as they
//! are checked (a database being built, a count) or into one [`Corpus`].

mod article;
mod files;
mod lifespan;
mod plan;
mod raw;
mod registry;
mod resolve;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::diag::{Diagnostic, Place, SourceFile, nearest};
use crate::model::{Actor, Corpus, Issue, Party, Source, Stamp};
use crate::vocab::FactKind;
use registry::Registry;
pub use resolve::Resolved;

/// The parties, actors and issues of a seeds tree.
pub struct Registries {
    /// Parties in file order.
    pub parties: Vec<Party>,
    /// Actors in file order.
    pub actors: Vec<Actor>,
    /// Issues in file order.
    pub issues: Vec<Issue>,
}

/// Reads and validates `parties.toml` and `issues.toml` under `root`,
/// reporting problems to `diags`.
pub fn registries(root: &Path, diags: &mut Vec<Diagnostic>) -> Registries {
    let parties = files::read_required(&root.join("parties.toml"), diags);
    let issues = files::read_required(&root.join("issues.toml"), diags);
    let registry = Registry::read(parties.as_ref(), issues.as_ref(), diags);
    Registries {
        parties: registry.parties,
        actors: registry.actors,
        issues: registry.issues,
    }
}

/// Reads an article's text with the limits and UTF-8 check of seed files.
pub fn read_article_text(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    files::read_text(path, diags)
}

/// True for a valid article slug.
pub fn is_slug(s: &str) -> bool {
    files::is_identifier(s)
}

/// The ids of the demands, positions and talks in the article fact files
/// under `root` (except `<except>.toml`): the kinds of fact share one
/// namespace of ids, so a new fact must avoid all of them; unreadable files
/// are skipped, as `check` reports them. Files are read on every core.
pub fn fact_ids(root: &Path, except: &str) -> std::collections::BTreeSet<String> {
    let mut ids = std::collections::BTreeSet::new();
    let Ok(entries) = std::fs::read_dir(root.join("articles")) else {
        return ids;
    };
    let paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml") && p.file_stem().is_none_or(|s| s != except)
        })
        .collect();
    // A file that cannot be read as a fact file gives none.
    let ids_in = |_, path: &std::path::PathBuf| entries_in(path).map(|(ids, _)| ids);
    for_each_in_order(&paths, ids_in, |found| {
        ids.extend(found.into_iter().flatten())
    });
    ids
}

/// The fact ids a fact file gives entries for (those of outcomes and
/// provisions included) and the ids its entries' `replaces` name; `None`
/// if it cannot be read as a fact file.
pub fn entries_in(path: &Path) -> Option<(Vec<String>, Vec<String>)> {
    let file = files::read_limited(path)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|t| plan::file_ids(&t))?;
    let ids = file.ids.into_iter().map(|(id, _)| id).collect();
    Some((ids, file.replaced))
}

/// Validates one article given in memory, its `text` and `facts`, against
/// the registries under `root`, and the other articles there when `others`
/// (as `check` would with this pair saved beside them) or else alone.
/// Problems in the pair are reported at the `shown` paths (text, facts).
pub fn load_single(
    root: &Path,
    slug: &str,
    (text, facts): (&str, &str),
    shown: (&Path, &Path),
    others: bool,
) -> Result<Corpus, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut tree = if others {
        files::read_tree(root, Some(slug), &mut diags)
    } else {
        files::SeedTree {
            parties: files::read_required(&root.join("parties.toml"), &mut diags),
            issues: files::read_required(&root.join("issues.toml"), &mut diags),
            stamps: Vec::new(),
            articles: Vec::new(),
        }
    };
    let at = tree.articles.partition_point(|a| a.slug.as_str() < slug);
    tree.articles.insert(
        at,
        files::ArticlePaths {
            slug: slug.to_string(),
            text: shown.0.to_path_buf(),
            facts: shown.1.to_path_buf(),
            given: Some((text.to_string(), facts.to_string())),
        },
    );
    collect(|sink| load_tree(tree, diags, &Silent, &|_| None, sink))
}

/// Reads and validates the seeds under `root` into one corpus.
pub fn load(root: &Path) -> Result<Corpus, Vec<Diagnostic>> {
    collect(|sink| stream_with_progress(root, &Silent, sink))
}

/// Hears how far reading the seeds has come.
pub trait Progress: Sync {
    /// The articles are about to be read; there are `total`.
    fn articles(&self, total: usize);
    /// One more article was read and checked.
    fn article_done(&self);
}

/// Progress that nobody watches.
pub struct Silent;

impl Progress for Silent {
    fn articles(&self, _: usize) {}
    fn article_done(&self) {}
}

/// Reads and validates the seeds under `root`, handing each article and
/// each fact to `sink` as soon as it is checked, in order, until a problem
/// is found (after which the sink hears nothing more and every problem is
/// returned).
pub fn stream_with_progress(
    root: &Path,
    progress: &dyn Progress,
    sink: &mut dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let tree = files::read_tree(root, None, &mut diags);
    load_tree(tree, diags, progress, &|_| None, sink)
}

/// Where validated seeds go, as soon as each part is checked.
pub trait Sink {
    /// The registries and their seed files, before any article.
    fn registries(&mut self, registries: &Registries, files: &[Stamp]);
    /// Article number `index` (in slug order): its source, the ids of the
    /// facts it has entries for, and its seed files.
    fn article(&mut self, index: usize, source: Source, entries: Vec<String>, files: Vec<Stamp>);
    /// Facts complete: every article with an entry for them is read.
    /// Their evidence names articles by index.
    fn facts(&mut self, facts: Resolved);
}

/// Runs `load` into a sink that keeps everything, as one [`Corpus`].
fn collect(
    load: impl FnOnce(&mut dyn Sink) -> Result<(), Vec<Diagnostic>>,
) -> Result<Corpus, Vec<Diagnostic>> {
    let mut kept = Kept::default();
    load(&mut kept)?;
    Ok(kept.into_corpus())
}

/// A sink that keeps everything, with each fact's order of first
/// appearance.
#[derive(Default)]
struct Kept {
    corpus: Corpus,
    demands: Vec<(u64, crate::model::Demand)>,
    positions: Vec<(u64, crate::model::Position)>,
    talks: Vec<(u64, crate::model::Talk)>,
    outcomes: Vec<(u64, crate::model::Outcome)>,
    documents: Vec<(u64, crate::model::Document)>,
    provisions: Vec<(u64, crate::model::Provision)>,
}

impl Sink for Kept {
    fn registries(&mut self, registries: &Registries, files: &[Stamp]) {
        self.corpus.parties = registries.parties.clone();
        self.corpus.actors = registries.actors.clone();
        self.corpus.issues = registries.issues.clone();
        self.corpus.files.extend_from_slice(files);
    }

    fn article(&mut self, index: usize, source: Source, entries: Vec<String>, files: Vec<Stamp>) {
        self.corpus.sources.push(source);
        self.corpus
            .entries
            .extend(entries.into_iter().map(|id| (index, id)));
        self.corpus.files.extend(files);
    }

    fn facts(&mut self, facts: Resolved) {
        let first = &facts.first_seen;
        let order = |id: &str| first.get(id).copied().unwrap_or(u64::MAX);
        self.demands
            .extend(facts.demands.into_iter().map(|f| (order(&f.id), f)));
        self.positions
            .extend(facts.positions.into_iter().map(|f| (order(&f.id), f)));
        self.talks
            .extend(facts.talks.into_iter().map(|f| (order(&f.id), f)));
        self.outcomes
            .extend(facts.outcomes.into_iter().map(|f| (order(&f.talk), f)));
        self.documents
            .extend(facts.documents.into_iter().map(|f| (order(&f.id), f)));
        self.provisions.extend(
            facts
                .provisions
                .into_iter()
                .map(|f| (order(&f.document), f)),
        );
    }
}

impl Kept {
    /// The corpus, each kind of fact in order of first appearance.
    fn into_corpus(self) -> Corpus {
        fn sorted<T>(mut v: Vec<(u64, T)>) -> Vec<T> {
            v.sort_by_key(|(order, _)| *order);
            v.into_iter().map(|(_, f)| f).collect()
        }
        Corpus {
            demands: sorted(self.demands),
            positions: sorted(self.positions),
            talks: sorted(self.talks),
            outcomes: sorted(self.outcomes),
            documents: sorted(self.documents),
            provisions: sorted(self.provisions),
            ..self.corpus
        }
    }
}

/// A seeds tree listed and its registries read, without reading the
/// articles: what an incremental seed compares with the files a database
/// was built from.
pub struct Listing {
    tree: files::SeedTree,
}

impl Listing {
    /// Lists the tree under `root`; `None` when listing it finds a problem
    /// (which a full load reports).
    pub fn read(root: &Path) -> Option<Listing> {
        let mut diags = Vec::new();
        let tree = files::read_tree(root, None, &mut diags);
        (diags.is_empty() && tree.stamps.len() == 2).then_some(Listing { tree })
    }

    /// `parties.toml` and `issues.toml` as they were read.
    pub fn registries(&self) -> &[Stamp] {
        &self.tree.stamps
    }

    /// Every article's slug with its text and fact file, in slug order.
    pub fn articles(&self) -> impl Iterator<Item = (&str, &Path, &Path)> {
        self.tree
            .articles
            .iter()
            .map(|a| (a.slug.as_str(), a.text.as_path(), a.facts.as_path()))
    }

    /// Validates the articles `wanted` of the tree as [`load`] would
    /// (alone, but for references to facts they do not give, whose kind
    /// `outside` tells) into a corpus of those articles.
    pub fn load_part(
        mut self,
        wanted: &std::collections::BTreeSet<String>,
        outside: &dyn Fn(&str) -> Option<FactKind>,
    ) -> Result<Corpus, Vec<Diagnostic>> {
        self.tree.articles.retain(|a| wanted.contains(&a.slug));
        collect(|sink| load_tree(self.tree, Vec::new(), &Silent, outside, sink))
    }
}

/// Validates the registries and articles of `tree`, after the problems
/// already found in listing it, into `sink`.
fn load_tree(
    tree: files::SeedTree,
    mut diags: Vec<Diagnostic>,
    progress: &dyn Progress,
    outside: &dyn Fn(&str) -> Option<FactKind>,
    sink: &mut dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let registry = Registry::read(tree.parties.as_ref(), tree.issues.as_ref(), &mut diags);
    let registries = Registries {
        parties: registry.parties.clone(),
        actors: registry.actors.clone(),
        issues: registry.issues.clone(),
    };
    if diags.is_empty() {
        sink.registries(&registries, &tree.stamps);
    }
    drop(registries);
    let plan = plan::Plan::read(&tree.articles);

    progress.articles(tree.articles.len());
    let mut published = Vec::with_capacity(tree.articles.len());
    let mut merger = resolve::Merger::new(&plan);
    for_each_in_order(
        &tree.articles,
        |i, paths| {
            let article = article::read(i, paths, &registry);
            progress.article_done();
            article
        },
        |article| {
            diags.extend(article.diags);
            let mut facts = article.facts.unwrap_or_default();
            let index = published.len();
            let source = facts.source.take();
            published.push(source.as_ref().map(|s| s.published.clone()));
            let entries = facts.entry_ids();
            merger.add(index, facts, &mut diags);
            let context = resolve::Context {
                registry: &registry,
                published: &published,
                outside,
            };
            let complete = merger.complete(index, &context, &mut diags);
            // Without problems, every article has its source.
            if let (Some(source), true) = (source, diags.is_empty()) {
                sink.article(index, source, entries, article.stamps);
                sink.facts(complete);
            }
        },
    );
    let context = resolve::Context {
        registry: &registry,
        published: &published,
        outside,
    };
    let last = merger.finish(&context, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    sink.facts(last);
    Ok(())
}

/// Runs `work` on every item on every core, and `then` on each result in
/// item order as soon as it and those before it are done, so that results
/// are consumed while later items are still being worked on.
fn for_each_in_order<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(usize, &T) -> R + Sync,
    mut then: impl FnMut(R),
) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    // Bounded, so that workers wait rather than pile results up while
    // `then` is slower than they are.
    let (sender, results) = mpsc::sync_channel::<(usize, R)>(threads * 4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if sender.send((i, work(i, item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Workers take items in order, so few results wait here.
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        for (i, done) in results {
            waiting.insert(i, done);
            while let Some(done) = waiting.remove(&wanted) {
                wanted += 1;
                then(done);
            }
        }
    });
}

/// A set of known ids, which can name the few worth comparing with an
/// unknown one.
trait Known {
    fn has(&self, id: &str) -> bool;
    /// The ids to compare with `id` for a hint: all of a small set; of a
    /// large one, those next to it in sorted order (where a typo past the
    /// first letters lands), so a hint costs the same however many ids
    /// there are.
    fn candidates(&self, id: &str) -> Vec<&str>;
}

/// Ids compared in full for a hint at most.
const HINT_WINDOW: usize = 100;

impl<V> Known for BTreeMap<String, V> {
    fn has(&self, id: &str) -> bool {
        self.contains_key(id)
    }
    fn candidates(&self, id: &str) -> Vec<&str> {
        if self.len() <= 2 * HINT_WINDOW {
            return self.keys().map(String::as_str).collect();
        }
        use std::ops::Bound::{Excluded, Included, Unbounded};
        let before = self
            .range::<str, _>((Unbounded, Excluded(id)))
            .rev()
            .take(HINT_WINDOW);
        let after = self
            .range::<str, _>((Included(id), Unbounded))
            .take(HINT_WINDOW);
        before.chain(after).map(|(k, _)| k.as_str()).collect()
    }
}

/// Reports a reference to an unknown id, with the nearest known ones.
fn check_ref(
    kind: &str,
    id: &str,
    place: &Place,
    known: &impl Known,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if known.has(id) {
        return true;
    }
    let candidates = known.candidates(id);
    let close = nearest(id, candidates.iter().copied());
    let defined_in = match kind {
        "party" | "actor" => "parties.toml",
        "issue" => "issues.toml",
        _ => "an article's fact file",
    };
    let hint = if close.is_empty() {
        format!("no {kind} has this id; define it in {defined_in}")
    } else {
        let names: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
        format!(
            "did you mean {}? Otherwise define it in {defined_in}",
            names.join(" or ")
        )
    };
    diags.push(
        place
            .diagnostic(format!("unknown {kind} `{id}`"))
            .hint(hint),
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results come in item order, each once, however the items finish:
    /// here the later items of each run of 16 take longest.
    #[test]
    fn for_each_in_order_consumes_every_result_in_item_order() {
        for n in [0, 1, 15, 16, 17, 100] {
            let items: Vec<usize> = (0..n).collect();
            let mut seen = Vec::new();
            for_each_in_order(
                &items,
                |i, &item| {
                    std::thread::sleep(std::time::Duration::from_micros((i % 16) as u64 * 50));
                    (i, item * 2)
                },
                |result| seen.push(result),
            );
            let expected: Vec<(usize, usize)> = (0..n).map(|i| (i, i * 2)).collect();
            assert_eq!(seen, expected, "{n} items");
        }
    }
}
