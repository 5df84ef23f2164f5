//! `negkb draft`: a raw article in, a draft seed file out. Deterministic
//! rules find parties, dates, quotations and candidate facts; the draft is
//! checked with the seed loader itself, and what cannot be made valid is
//! written commented out with the reason.

mod compare;
mod cues;
mod dates;
mod facts;
mod lexicon;
mod mentions;
mod render;
mod rules;
mod text;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::date::{Edtf, Precision};
use crate::diag::Diagnostic;
use crate::error::Error;
use crate::model::Corpus;
use crate::seeds::{self, Registries};
use facts::Fact;
use render::SourceDraft;

pub use compare::{Comparison, compare, compare_tree};

/// A draft seed file.
pub struct Draft {
    /// The TOML text.
    pub toml: String,
    /// Facts written as valid TOML.
    pub facts: usize,
    /// Candidates written commented out.
    pub commented: usize,
}

/// What `draft` reads.
pub struct Request<'a> {
    /// The article, a UTF-8 text file.
    pub article: &'a Path,
    /// The seeds tree whose registries name parties, actors and issues.
    pub seeds: &'a Path,
    /// The publication day, when the article has no dateline.
    pub published: Option<&'a str>,
}

/// Drafts the fact file of an article.
pub fn draft(request: &Request) -> Result<Draft, Error> {
    Prepared::read(request)?.draft().map(|(draft, _)| draft)
}

/// Marks the fact or outcome a problem points at as not valid.
fn reject(facts: &mut [Fact], lines: &render::Lines, d: &Diagnostic) -> bool {
    let Some(line) = d.line else { return false };
    let problem = match &d.hint {
        Some(h) => format!("{}; {h}", d.message),
        None => d.message.clone(),
    };
    // Both lists are in the order written, so the block holding the line
    // is the last one starting at or before it.
    let outcome = lines.outcomes.partition_point(|o| o.2 <= line);
    if let Some(&(f, k, _, last)) = outcome.checked_sub(1).map(|i| &lines.outcomes[i])
        && line <= last
        && let facts::Kind::Talk(t) = &mut facts[f].kind
        && t.outcomes[k].problem.is_none()
    {
        t.outcomes[k].problem = Some(problem);
        return true;
    }
    let fact = lines.facts.partition_point(|f| f.1 <= line);
    if let Some(&(f, _, last)) = fact.checked_sub(1).map(|i| &lines.facts[i])
        && line <= last
        && facts[f].problem.is_none()
    {
        facts[f].problem = Some(problem);
        return true;
    }
    false
}

/// The longest article `draft` reads: forty times a long news feature.
/// A draft's time grows with the text's length (`bench/draft.py`): at
/// this size it is a few seconds.
pub const MAX_ARTICLE_BYTES: usize = 4 * 1024 * 1024;

/// The article and registries, read and checked.
struct Prepared {
    text: String,
    article: PathBuf,
    slug: String,
    file_name: String,
    seeds: PathBuf,
    layout: text::Layout,
    registries: Registries,
    published: jiff::civil::Date,
    published_from: String,
    taken: BTreeSet<String>,
}

impl Prepared {
    fn read(request: &Request) -> Result<Prepared, Error> {
        let mut diags = Vec::new();
        let file = seeds::read_article_text(request.article, &mut diags);
        let registries = seeds::registries(request.seeds, &mut diags);
        let Some(file) = file.filter(|_| diags.is_empty()) else {
            return Err(Error::InvalidInput(diags));
        };
        if file.text.len() > MAX_ARTICLE_BYTES {
            return Err(Error::InvalidInput(vec![
                Diagnostic::file(
                    request.article,
                    format!(
                        "the article is {} bytes; `negkb draft` reads articles of at most {MAX_ARTICLE_BYTES} bytes",
                        file.text.len()
                    ),
                )
                .hint("a long news article is under 100 KB: check that this is one article, or split it and draft each part"),
            ]));
        }
        let text = file.text;
        let layout = text::Layout::new(&text);
        let (published, published_from) = match (request.published, &layout.dateline) {
            (Some(p), _) => (p.to_string(), "from --published".to_string()),
            (None, Some(d)) => (d.clone(), "from the dateline".to_string()),
            (None, None) => {
                return Err(Error::Usage(format!(
                    "{}: no dateline gives the publication day; pass --published YYYY-MM-DD: relative dates (\"on Monday\", \"last week\") cannot be read without it",
                    request.article.display()
                )));
            }
        };
        let day = Edtf::parse(&published)
            .ok()
            .filter(|d| d.precision() == Precision::Day && !published.ends_with(['~', '?', '%']))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--published `{published}` is not a day: write YYYY-MM-DD, e.g. 2025-05-19"
                ))
            })?;
        let stem = request
            .article
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let slug = if seeds::is_slug(&stem) {
            stem
        } else {
            "draft".to_string()
        };
        let taken = seeds::fact_ids(request.seeds, &slug);
        Ok(Prepared {
            file_name: request.article.file_name().map_or_else(
                || "the article".into(),
                |n| n.to_string_lossy().into_owned(),
            ),
            text,
            article: request.article.to_path_buf(),
            slug,
            seeds: request.seeds.to_path_buf(),
            layout,
            registries,
            published: day.min(),
            published_from,
            taken,
        })
    }

    /// The draft, and what the seed loader made of it.
    fn draft(&self) -> Result<(Draft, Corpus), Error> {
        let (mut facts, dates_read) = self.propose();
        // Write, check with the loader, comment out what it rejects, repeat.
        for _ in 0..=facts.len() * 4 + 1 {
            let (toml, lines) = self.render(&facts, &dates_read);
            let diags = match self.load(&toml) {
                Ok(corpus) => {
                    let commented = facts.iter().filter(|f| f.problem.is_some()).count();
                    let draft = Draft {
                        toml,
                        facts: facts.len() - commented,
                        commented,
                    };
                    return Ok((draft, corpus));
                }
                Err(diags) => diags,
            };
            let mut changed = false;
            for d in &diags {
                changed |= reject(&mut facts, &lines, d);
            }
            if !changed {
                let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
                return Err(Error::Internal(format!(
                    "the draft of {} does not pass check:\n{}",
                    self.article.display(),
                    shown.join("\n")
                )));
            }
        }
        Err(Error::Internal(format!(
            "the draft of {} could not be made valid",
            self.article.display()
        )))
    }

    /// The candidate facts with unique ids, and the dates read.
    fn propose(&self) -> (Vec<Fact>, Vec<(String, String)>) {
        let r = &self.registries;
        let proposal = rules::propose(
            &self.text,
            &self.layout,
            self.published,
            &r.parties,
            &r.actors,
            &r.issues,
        );
        let mut facts = proposal.facts;
        let mut used = Ids {
            taken: self.taken.clone(),
            next: HashMap::new(),
        };
        for f in &mut facts {
            f.id = used.unique(&f.id, f.kind.table());
        }
        (facts, proposal.dates_read)
    }

    fn render(&self, facts: &[Fact], dates_read: &[(String, String)]) -> (String, render::Lines) {
        let title = self
            .layout
            .title
            .clone()
            .map(|t| self.text[t].trim().to_string())
            .unwrap_or_else(|| self.slug.clone());
        let source = SourceDraft {
            title,
            author: self.layout.author.clone(),
            publisher: self.layout.publisher.clone(),
            published: self.published.to_string(),
            published_from: self.published_from.clone(),
        };
        render::render(&self.text, &self.file_name, &source, dates_read, facts)
    }

    /// Loads `toml` as this article's fact file beside the registries.
    fn load(&self, toml: &str) -> Result<Corpus, Vec<Diagnostic>> {
        let shown = Path::new("<draft>");
        seeds::load_single(
            &self.seeds,
            &self.slug,
            (&self.text, toml),
            (&self.article, shown),
            false,
        )
    }
}

/// The ids taken, and for each base id the next number to try after it.
struct Ids {
    taken: BTreeSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// `base` made a valid id not taken yet (which it takes): `base`,
    /// else `base-2`, `base-3`, ...
    fn unique(&mut self, base: &str, kind: &str) -> String {
        let mut clean: String = base
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        while clean.contains("--") {
            clean = clean.replace("--", "-");
        }
        let clean = clean.trim_matches('-');
        let clean = if clean.is_empty() { kind } else { clean };
        let clean: String = clean.chars().take(100).collect();
        let n = self.next.entry(clean.clone()).or_insert(2);
        let mut id = clean.clone();
        while self.taken.contains(&id) {
            id = format!("{clean}-{n}");
            *n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}
