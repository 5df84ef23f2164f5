//! Problems found in seed files, each with the place it was found and a hint.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One problem in the seeds, printed as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line, when the problem has a place inside the file.
    pub line: Option<usize>,
    /// 1-based column in characters.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", capped(&self.message))?;
        if let Some(hint) = &self.hint {
            for (i, line) in capped(hint).lines().enumerate() {
                let lead = if i == 0 { "hint: " } else { "      " };
                write!(f, "\n  {lead}{line}")?;
            }
        }
        Ok(())
    }
}

/// A place in a seed file, kept after the file's text is gone; shown as
/// `path:line:column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file.
    pub path: Arc<PathBuf>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
}

impl Place {
    /// A diagnostic at this place.
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: self.path.to_path_buf(),
            line: Some(self.line as usize),
            column: Some(self.column as usize),
            message: message.into(),
            hint: None,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// A text file read for validation, able to turn byte offsets into
/// line and column.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as it is shown in messages.
    pub path: Arc<PathBuf>,
    /// The whole file.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps a file's text.
    pub fn new(path: &Path, text: String) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        SourceFile {
            path: Arc::new(path.to_path_buf()),
            text,
            line_starts,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_column(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..byte)
            .map_or(byte - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// A diagnostic at the start of `span`.
    pub fn at(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.place(span.start).diagnostic(message)
    }

    /// The place of a byte offset, to keep after the text is gone.
    pub fn place(&self, byte: usize) -> Place {
        let (line, column) = self.line_column(byte);
        Place {
            path: self.path.clone(),
            line: line as u32,
            column: column as u32,
        }
    }
}

impl Diagnostic {
    /// A diagnostic about a whole file.
    pub fn file(path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

/// The most characters of a message or hint shown: seed files and
/// articles may be megabytes, and a message quoting them must stay short.
const MAX_SHOWN: usize = 1_000;

/// `text`, cut after [`MAX_SHOWN`] characters with a note of how much more
/// there was.
pub fn capped(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_SHOWN) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => std::borrow::Cow::Owned(format!(
            "{}… ({} more characters)",
            &text[..cut],
            text[cut..].chars().count()
        )),
    }
}

/// How many known ids at most are compared in full with an unknown one.
const MAX_COMPARED: usize = 2_000;

/// The known ids closest in spelling to `unknown`, best first, for hints.
/// Only ids that contain it, that it contains, or that begin with its
/// letter and are of about its length are compared in full, and at most
/// [`MAX_COMPARED`] of those, so that a hint costs little however many ids
/// there are.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let first = unknown.chars().next();
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .filter(|k| {
            k.len().abs_diff(unknown.len()) <= 4 && k.chars().next() == first
                || k.contains(unknown)
                || unknown.contains(k)
        })
        .take(MAX_COMPARED)
        .map(|k| (strsim::normalized_damerau_levenshtein(unknown, k), k))
        .filter(|(score, k)| *score >= 0.5 || k.contains(unknown) || unknown.contains(k))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new(Path::new("a.toml"), "ab\n“é” = 1\n".to_string());
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(3), (2, 1));
        let eq = file.text.find('=').unwrap();
        assert_eq!(file.line_column(eq), (2, 5));
    }

    #[test]
    fn long_messages_are_capped() {
        let long = "x".repeat(MAX_SHOWN + 5);
        assert_eq!(
            capped(&long),
            format!("{}… (5 more characters)", "x".repeat(MAX_SHOWN))
        );
        assert_eq!(capped("short"), "short");
    }

    #[test]
    fn nearest_ids_suggest_likely_typos() {
        let known = ["russia", "ukraine", "united-states"];
        assert_eq!(nearest("russa", known), vec!["russia"]);
        assert!(nearest("zzzzzz", known).is_empty());
    }
}
