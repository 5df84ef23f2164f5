//! Finding and reading the files of a `seeds/` tree.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, SourceFile};
use crate::model::Stamp;

/// The files of a seeds tree, read into memory.
pub struct SeedTree {
    /// `parties.toml`.
    pub parties: Option<SourceFile>,
    /// `issues.toml`.
    pub issues: Option<SourceFile>,
    /// How the registries were when read: `parties.toml`, `issues.toml`.
    pub stamps: Vec<Stamp>,
    /// Article pairs, in slug order, not yet read.
    pub articles: Vec<ArticlePaths>,
}

/// Where one article's two files are.
pub struct ArticlePaths {
    /// The shared file name stem.
    pub slug: String,
    /// `articles/<slug>.toml`.
    pub facts: PathBuf,
    /// `articles/<slug>.txt`.
    pub text: PathBuf,
    /// The two files' contents when they are given rather than read (a
    /// draft checked before it is saved): (text, facts).
    pub given: Option<(String, String)>,
}

/// The longest id or slug accepted.
pub const MAX_IDENTIFIER: usize = 128;

/// What a valid id or slug looks like, for messages (see [`is_identifier`]).
pub const IDENTIFIER_SHAPE: &str = "lowercase letters, digits and hyphens, starting with a letter or digit, at most 128 characters";

/// The largest seed file (article text or TOML) read.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// True for `[a-z0-9][a-z0-9-]*` of at most [`MAX_IDENTIFIER`] characters,
/// the shape of slugs and ids.
pub fn is_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    if s.len() > MAX_IDENTIFIER {
        return false;
    }
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads the registries under `root` and lists the article pairs, except
/// the article `except` when given, reporting missing, stray and unreadable
/// files.
pub fn read_tree(root: &Path, except: Option<&str>, diags: &mut Vec<Diagnostic>) -> SeedTree {
    let mut tree = SeedTree {
        parties: None,
        issues: None,
        stamps: Vec::new(),
        articles: Vec::new(),
    };
    if !root.is_dir() {
        diags.push(
            Diagnostic::file(root, "seeds directory not found")
                .hint("pass --seeds DIR or set NEGKB_SEEDS to the folder holding parties.toml, issues.toml and articles/"),
        );
        return tree;
    }
    for (name, slot) in [
        ("parties.toml", &mut tree.parties),
        ("issues.toml", &mut tree.issues),
    ] {
        if let Some((file, meta)) = read_required_stamped(&root.join(name), diags) {
            tree.stamps
                .push(Stamp::of(name.to_string(), &meta, file.text.as_bytes()));
            *slot = Some(file);
        }
    }

    let articles = root.join("articles");
    let Some(entries) = list_articles(&articles, diags) else {
        return tree;
    };
    let mut texts = BTreeSet::new();
    let mut facts = BTreeSet::new();
    for (path, is_file) in entries {
        classify(&path, is_file, except, (&mut texts, &mut facts), diags);
    }
    report_unpaired(&articles, &texts, &facts, diags);
    tree.articles = texts
        .intersection(&facts)
        .map(|slug| ArticlePaths {
            slug: slug.clone(),
            facts: articles.join(format!("{slug}.toml")),
            text: articles.join(format!("{slug}.txt")),
            given: None,
        })
        .collect();
    tree
}

/// The entries of the articles folder in name order, each with whether it
/// is a file (or a link to one); `None`, reported, if it cannot be read.
fn list_articles(articles: &Path, diags: &mut Vec<Diagnostic>) -> Option<Vec<(PathBuf, bool)>> {
    let entries = match fs::read_dir(articles) {
        Ok(entries) => entries,
        Err(e) => {
            diags.push(
                Diagnostic::file(articles, format!("cannot read the articles folder: {e}"))
                    .hint("create articles/ and put each article there as <slug>.txt with its <slug>.toml"),
            );
            return None;
        }
    };
    let root = articles
        .parent()
        .and_then(|r| fs::canonicalize(r).ok())
        .unwrap_or_default();
    let mut names: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let kind = entry.file_type();
        let is_link = kind.as_ref().is_ok_and(|t| t.is_symlink());
        if is_link && !fs::canonicalize(&path).is_ok_and(|to| to.starts_with(&root)) {
            diags.push(
                Diagnostic::file(
                    &path,
                    "a link to a file outside the seeds tree; it is not read",
                )
                .hint("copy the file into the seeds tree, or link to a file inside it"),
            );
            continue;
        }
        let is_file = kind.is_ok_and(|t| t.is_file() || (t.is_symlink() && path.is_file()));
        names.push((path, is_file));
    }
    // All in one folder, so the whole paths compare as their names do,
    // byte for byte, without splitting each into components.
    names.sort_unstable_by(|(a, _), (b, _)| a.as_os_str().cmp(b.as_os_str()));
    Some(names)
}

/// Files an entry of the articles folder as an article text or fact file
/// by slug, skips hidden files and the article `except`, and reports
/// anything else.
fn classify(
    path: &Path,
    is_file: bool,
    except: Option<&str>,
    (texts, facts): (&mut BTreeSet<String>, &mut BTreeSet<String>),
    diags: &mut Vec<Diagnostic>,
) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .rsplit_once('.')
        .map(|(stem, ext)| (stem.to_string(), ext));
    if stem
        .as_ref()
        .is_some_and(|(s, _)| Some(s.as_str()) == except)
    {
        return;
    }
    if name.starts_with('.') {
        // Hidden files (.gitkeep, editor files) are not articles, but a
        // hidden fact file or text is a mistake worth saying.
        if name.ends_with(".txt") || name.ends_with(".toml") {
            diags.push(
                Diagnostic::file(path, format!("`{name}` is hidden, so it is not read"))
                    .hint(format!("name article files <slug>.txt and <slug>.toml; slugs are {IDENTIFIER_SHAPE}")),
            );
        }
        return;
    }
    match stem {
        Some((slug, "txt")) if is_identifier(&slug) && is_file => {
            texts.insert(slug);
        }
        Some((slug, "toml")) if is_identifier(&slug) && is_file => {
            facts.insert(slug);
        }
        Some((slug, "txt" | "toml")) if !is_identifier(&slug) => diags.push(
            Diagnostic::file(path, format!("`{slug}` is not a valid article slug"))
                .hint(format!("slugs are {IDENTIFIER_SHAPE}")),
        ),
        _ => diags.push(
            Diagnostic::file(path, "unexpected entry in articles/")
                .hint("articles/ holds only <slug>.txt files and their <slug>.toml fact files"),
        ),
    }
}

/// Reports each article text without its fact file and the other way round.
fn report_unpaired(
    articles: &Path,
    texts: &BTreeSet<String>,
    facts: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    for slug in texts.symmetric_difference(facts) {
        let (has, lacks) = if texts.contains(slug) {
            ("txt", "toml")
        } else {
            ("toml", "txt")
        };
        diags.push(
            Diagnostic::file(
                &articles.join(format!("{slug}.{has}")),
                format!("{slug}.{has} has no {slug}.{lacks} beside it"),
            )
            .hint(if lacks == "toml" {
                "write the article's facts in <slug>.toml, or remove the text"
            } else {
                "put the article's verbatim text in <slug>.txt, or remove the fact file"
            }),
        );
    }
}

/// Reads a file every seeds tree must have, saying so when it is missing.
pub fn read_required(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    read_required_stamped(path, diags).map(|(file, _)| file)
}

/// [`read_required`], with the file's metadata as it was before reading.
fn read_required_stamped(
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(SourceFile, fs::Metadata)> {
    if !path.exists() {
        diags.push(
            Diagnostic::file(path, "file not found").hint(
                "every seeds tree needs parties.toml and issues.toml; see docs/seed-format.md",
            ),
        );
        return None;
    }
    read_text_stamped(path, diags)
}

/// Reads a seed file's bytes: a regular file (not a FIFO or a device,
/// which could block or never end) of at most [`MAX_FILE_BYTES`], the
/// limit enforced while reading, as the file may grow.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    read_limited_stamped(path).map(|(bytes, _)| bytes)
}

/// [`read_limited`], with the file's metadata as it was before reading.
fn read_limited_stamped(path: &Path) -> Result<(Vec<u8>, fs::Metadata), String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(
            "not a regular file (a folder, FIFO or device); seed files are plain files".into(),
        );
    }
    let too_big =
        |n: u64| format!("the file is {n} bytes; seed files may be at most {MAX_FILE_BYTES}");
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok((bytes, meta))
}

/// Reads a UTF-8 text file, pointing at the first invalid byte or NUL
/// otherwise.
pub fn read_text(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    read_text_stamped(path, diags).map(|(file, _)| file)
}

/// [`read_text`], with the file's metadata as it was before reading.
pub fn read_text_stamped(
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(SourceFile, fs::Metadata)> {
    let (bytes, meta) = match read_limited_stamped(path) {
        Ok(read) => read,
        Err(message) => {
            let hint = if message.contains("may be at most") {
                "split the article, or check that this is the file you meant"
            } else {
                "give the path of the file itself"
            };
            diags.push(Diagnostic::file(path, message).hint(hint));
            return None;
        }
    };
    if let Some(at) = memchr::memchr(0, &bytes) {
        let text = String::from_utf8_lossy(&bytes[..at]).into_owned();
        let file = SourceFile::new(path, text);
        diags.push(file.at(at..at, "the file holds a NUL byte").hint(
            "remove it: text files hold no NUL bytes, and SQLite's text functions stop at one",
        ));
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some((SourceFile::new(path, text), meta)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let file = SourceFile::new(path, prefix);
            diags.push(
                file.at(valid..valid, "the file is not valid UTF-8")
                    .hint("save the file as UTF-8"),
            );
            None
        }
    }
}
