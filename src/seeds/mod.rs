//! From a `seeds/` tree to a validated [`Corpus`]: files are read, parsed,
//! merged across articles and checked; every problem is reported.

mod facts;
mod files;
mod lifespan;
mod raw;
mod registry;
mod resolve;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::Path;

use sha2::{Digest, Sha256};

pub use files::is_identifier;

use crate::date::Precision;
use crate::diag::{Diagnostic, SourceFile, nearest};
use crate::model::{Corpus, Source};
use crate::quote::{Haystack, Lookup};
use facts::Gatherer;
use raw::ArticleFile;
use registry::Registry;
use resolve::{ArticleInfo, Context, Resolver};

/// Reads and validates the seeds under `root`.
pub fn load(root: &Path) -> Result<Corpus, Vec<Diagnostic>> {
    load_with_progress(root, &Silent)
}

/// Hears how far reading the seeds has come.
pub trait Progress: Sync {
    /// The articles are about to be read; there are `total`.
    fn articles(&self, total: usize);
    /// One more article was read and parsed.
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

    // Reading, parsing and finding quotes are independent per article: done
    // on every core.
    progress.articles(tree.articles.len());
    let read: Vec<ReadArticle> = parallel_map(&tree.articles, |paths| {
        let article = read_article(paths);
        progress.article_done();
        article
    });
    let mut articles = Vec::new();
    let mut parsed = Vec::new();
    for article in read {
        diags.extend(article.diags);
        if let Some(files) = article.files {
            articles.push(files);
            parsed.push(article.parsed);
        }
    }

    let mut infos = Vec::new();
    let mut sources = Vec::new();
    let mut gatherer = Gatherer::default();
    for (files, parsed) in articles.iter().zip(&parsed) {
        let Some((article, quotes)) = parsed else {
            continue;
        };
        let index = infos.len();
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
                // Moved in from the article files once validation is over.
                text: String::new(),
                sha256: files.sha256.clone(),
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
        infos.push(ArticleInfo {
            text: &files.text,
            published,
            quotes,
        });
    }

    let ctx = Context {
        registry: &registry,
        gathered: &gatherer,
        articles: &infos,
    };
    let demands = resolve::each(ctx, &gatherer.demands.entries, Resolver::demand);
    let positions = resolve::each(ctx, &gatherer.positions.entries, Resolver::position);
    let mut resolver = Resolver::new(ctx);
    let (talks, outcomes) = resolver.talks();
    let (mut demand_facts, mut position_facts) = (demands.facts, positions.facts);
    resolver.finish_demands(&mut demand_facts);
    resolver.finish_positions(&mut position_facts);
    diags.extend(demands.diags);
    diags.extend(positions.diags);
    diags.extend(resolver.diags);
    let mut evidence = demands.evidence;
    evidence.extend(positions.evidence);
    evidence.extend(resolver.evidence);

    if !diags.is_empty() {
        return Err(diags);
    }
    // Every article has its source now; hand the texts over rather than copy.
    drop(infos);
    drop(gatherer);
    for (source, files) in sources.iter_mut().zip(articles) {
        source.text = files.text.text;
    }
    Ok(Corpus {
        parties: registry.parties,
        actors: registry.actors,
        issues: registry.issues,
        sources,
        demands: demand_facts,
        positions: position_facts,
        talks,
        outcomes,
        evidence,
    })
}

/// One article's files, read and parsed, with every quote looked up.
struct ReadArticle {
    /// Problems reading or parsing it.
    diags: Vec<Diagnostic>,
    /// Both files, when they could be read.
    files: Option<ArticleFiles>,
    /// The parsed fact file and its quote lookups, when it parsed.
    parsed: Option<(ArticleFile, Quotes)>,
}

/// An article's two files, read.
struct ArticleFiles {
    slug: String,
    facts: SourceFile,
    text: SourceFile,
    /// SHA-256 of the text, lowercase hex.
    sha256: String,
}

/// Quote lookups of one fact file, by the byte offset of the `quote` value.
type Quotes = HashMap<usize, Lookup>;

fn read_article(paths: &files::ArticlePaths) -> ReadArticle {
    let mut diags = Vec::new();
    let facts = files::read_text(&paths.facts, &mut diags);
    let text = files::read_text(&paths.text, &mut diags);
    let (Some(facts), Some(text)) = (facts, text) else {
        return ReadArticle {
            diags,
            files: None,
            parsed: None,
        };
    };
    let parsed = match raw::parse::<ArticleFile>(&facts) {
        Ok(article) => {
            let quotes = lookup_quotes(&article, &text.text);
            Some((article, quotes))
        }
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let sha256 = hex(&Sha256::digest(text.text.as_bytes()));
    let files = ArticleFiles {
        slug: paths.slug.clone(),
        facts,
        text,
        sha256,
    };
    ReadArticle {
        diags,
        files: Some(files),
        parsed,
    }
}

/// Looks up every quote of a fact file in its article.
fn lookup_quotes(article: &ArticleFile, text: &str) -> Quotes {
    let hay = Haystack::new(text);
    let mut quotes = HashMap::new();
    let mut look = |e: &raw::RawEvidence| {
        let lookup = hay.lookup(e.quote.get_ref(), e.prefix.as_deref(), e.suffix.as_deref());
        quotes.insert(e.quote.span().start, lookup);
    };
    let evidence = article.demand.iter().flat_map(|d| &d.evidence);
    let evidence = evidence.chain(article.position.iter().flat_map(|p| &p.evidence));
    let evidence = evidence.chain(article.talk.iter().flat_map(|t| &t.evidence));
    evidence.for_each(&mut look);
    article
        .talk
        .iter()
        .flat_map(|t| &t.outcome)
        .for_each(|o| look(&o.evidence()));
    quotes
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
