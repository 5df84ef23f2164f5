//! From a `seeds/` tree to a validated [`Corpus`]: the registries are read,
//! then each article on its own (on every core), then what spans articles;
//! every problem is reported.

mod article;
mod files;
mod lifespan;
mod raw;
mod registry;
mod resolve;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Place, nearest};
use crate::model::Corpus;
use registry::Registry;

/// Reads and validates the seeds under `root`.
pub fn load(root: &Path) -> Result<Corpus, Vec<Diagnostic>> {
    load_with_progress(root, &Silent)
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

/// [`load`], reporting each article read to `progress`.
pub fn load_with_progress(root: &Path, progress: &dyn Progress) -> Result<Corpus, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let tree = files::read_tree(root, &mut diags);
    let registry = Registry::read(tree.parties.as_ref(), tree.issues.as_ref(), &mut diags);

    progress.articles(tree.articles.len());
    let numbered: Vec<(usize, &files::ArticlePaths)> = tree.articles.iter().enumerate().collect();
    let read = parallel_map(&numbered, |&(i, paths)| {
        let article = article::read(i, paths, &registry);
        progress.article_done();
        article
    });

    let mut sources = Vec::with_capacity(read.len());
    let mut articles = Vec::with_capacity(read.len());
    for article in read {
        diags.extend(article.diags);
        let mut facts = article.facts.unwrap_or_default();
        sources.push(facts.source.take());
        articles.push(facts);
    }
    let published: Vec<_> = sources
        .iter()
        .map(|s| s.as_ref().map(|s| s.published.clone()))
        .collect();
    let resolved = resolve::resolve(&registry, articles, &published, &mut diags);

    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Corpus {
        parties: registry.parties,
        actors: registry.actors,
        issues: registry.issues,
        // Without problems, every article has its source.
        sources: sources.into_iter().flatten().collect(),
        demands: resolved.demands,
        positions: resolved.positions,
        talks: resolved.talks,
        outcomes: resolved.outcomes,
    })
}

/// Maps `f` over `items` on every available core, keeping the order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// A set of known ids of one kind.
trait Known {
    fn has(&self, id: &str) -> bool;
    fn all(&self) -> Vec<&str>;
}

impl<V> Known for BTreeMap<String, V> {
    fn has(&self, id: &str) -> bool {
        self.contains_key(id)
    }
    fn all(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
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
    let all = known.all();
    let close = nearest(id, all.iter().copied());
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

/// Lowercase hexadecimal of bytes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
