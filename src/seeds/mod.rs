//! From a `seeds/` tree to a validated [`Corpus`]: files are read, parsed,
//! merged across articles and checked; every problem is reported.

mod facts;
mod files;
mod lifespan;
mod raw;
mod registry;
mod resolve;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use sha2::{Digest, Sha256};

pub use files::is_identifier;

use crate::date::Precision;
use crate::diag::{Diagnostic, SourceFile, nearest};
use crate::model::{Corpus, Source};
use crate::quote::Haystack;
use facts::Gatherer;
use raw::ArticleFile;
use registry::Registry;
use resolve::{ArticleInfo, Resolver};

/// Reads and validates the seeds under `root`.
pub fn load(root: &Path) -> Result<Corpus, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let tree = files::read_tree(root, &mut diags);
    let registry = Registry::read(tree.parties.as_ref(), tree.issues.as_ref(), &mut diags);

    let parsed: Vec<Option<ArticleFile>> = tree
        .articles
        .iter()
        .map(|a| {
            raw::parse::<ArticleFile>(&a.facts)
                .map_err(|d| diags.push(d))
                .ok()
        })
        .collect();

    let mut articles = Vec::new();
    let mut sources = Vec::new();
    let mut gatherer = Gatherer::default();
    for (files, article) in tree.articles.iter().zip(&parsed) {
        let Some(article) = article else { continue };
        let index = articles.len();
        let file = &files.facts;
        let src = &article.source;
        registry::non_empty(file, "title", &src.title, &mut diags);
        let published = registry::parse_date(file, &src.published, &mut diags).filter(|d| {
            let day = d.precision() == Precision::Day && !d.text().ends_with(['~', '?', '%']);
            if !day {
                diags.push(
                    file.at(src.published.span(), format!("`published` must be an exact day, not `{d}`"))
                        .hint("write the publication day as YYYY-MM-DD; relative dates in the text are read against it"),
                );
            }
            day
        });
        if let Some(published) = &published {
            sources.push(Source {
                slug: files.slug.clone(),
                title: src.title.get_ref().clone(),
                author: src.author.clone(),
                publisher: src.publisher.clone(),
                published: published.clone(),
                url: src.url.clone(),
                text: files.text.text.clone(),
                sha256: hex(&Sha256::digest(files.text.text.as_bytes())),
            });
        }
        for d in &article.demand {
            gatherer.demand(index, file, d, &mut diags);
        }
        for p in &article.position {
            gatherer.position(index, file, p, &mut diags);
        }
        for t in &article.talk {
            gatherer.talk(index, file, t, &mut diags);
        }
        articles.push(ArticleInfo {
            text: &files.text,
            published,
            haystack: Haystack::new(&files.text.text),
        });
    }

    let mut resolver = Resolver {
        registry: &registry,
        gathered: &gatherer,
        articles: &articles,
        diags: &mut diags,
        evidence: Vec::new(),
    };
    let demands = resolver.demands();
    let positions = resolver.positions();
    let (talks, outcomes) = resolver.talks();
    let evidence = std::mem::take(&mut resolver.evidence);

    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Corpus {
        parties: registry.parties,
        actors: registry.actors,
        issues: registry.issues,
        sources,
        demands,
        positions,
        talks,
        outcomes,
        evidence,
    })
}

/// A place in a seed file, shown as `path:line:column`.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    file: &'a SourceFile,
    span: Range<usize>,
}

impl<'a> Place<'a> {
    fn new(file: &'a SourceFile, span: Range<usize>) -> Place<'a> {
        Place { file, span }
    }

    fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        self.file.at(self.span.clone(), message)
    }
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file.place(self.span.start))
    }
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

impl<F: Default> Known for facts::Facts<'_, F> {
    fn has(&self, id: &str) -> bool {
        self.contains(id)
    }
    fn all(&self) -> Vec<&str> {
        self.ids().collect()
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
