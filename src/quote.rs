//! Finding quotes in an article.
//!
//! Matching ignores the difference between typographic and straight quotes
//! and apostrophes, between dashes and hyphens, and between runs of white
//! space. Results are offsets into the original text in Unicode code points,
//! 0-based and end exclusive, as the W3C TextPositionSelector counts them.

use std::cell::{Cell, OnceCell, RefCell};

use std::collections::HashMap;
use std::rc::Rc;
use suffix::SuffixTable;

/// An article prepared for quote lookups: its text folded to a canonical
/// form, with a map back to the original code point offsets.
pub struct Haystack<'a> {
    original: &'a str,
    folded: String,
    /// For each byte of `folded`, the code point and byte offsets in
    /// `original` of the character it came from; one extra entry for the end.
    origin: Vec<(u32, u32)>,
    /// The places of each folded quote looked up so far: a quote cited
    /// again (another evidence of the same sentence, or the same quote with
    /// another prefix) is not searched for again, which keeps an article
    /// citing one passage many times linear in its size.
    places: RefCell<HashMap<String, Rc<[Place]>>>,
    /// How many times the text was scanned for a quote.
    scans: Cell<usize>,
    /// The sorted suffixes of `folded`, built once the text has been
    /// scanned [`SCANS_BEFORE_TABLE`] times: a fact file citing thousands
    /// of passages of a long article then costs a binary search per quote,
    /// not a scan of the article.
    table: OnceCell<SuffixTable<'static, 'static>>,
}

/// A byte range of the folded text.
type Place = (usize, usize);

/// Scans of an article before its quotes are looked up in a suffix table:
/// building the table costs about as much as this many scans (measured in
/// `bench/NOTES.md`), so no article pays more than twice the cheaper way.
const SCANS_BEFORE_TABLE: usize = 256;

/// Where a quote was found: code point offsets into the original text
/// (and the byte offsets of the same place, for slicing). 32 bits each:
/// seed files are far smaller than 4 GiB, and a corpus holds many spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First code point of the quote.
    pub start: u32,
    /// One past the last code point of the quote.
    pub end: u32,
    /// First byte of the quote.
    pub byte_start: u32,
    /// One past the last byte of the quote.
    pub byte_end: u32,
}

/// The outcome of looking a quote up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Exactly one place matches.
    Found(Span),
    /// The quote occurs nowhere; `closest` is the passage of the article that
    /// shares the longest beginning or end with it, if any.
    NotFound {
        /// The nearest passage, as code point offsets into the original.
        closest: Option<Span>,
    },
    /// The quote occurs in several places and `prefix`/`suffix` did not
    /// pick one.
    Ambiguous(Places),
    /// The quote occurs, but the text around none of its places matches
    /// `prefix`/`suffix`.
    ContextMismatch(Places),
}

/// How many places a quote has, and the first few of them: enough to
/// point at, without building a list as long as the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// How many places there are.
    pub count: usize,
    /// The first [`Places::LISTED`] of them, in order.
    pub listed: Vec<Span>,
}

impl Places {
    /// Places listed at most; the rest are only counted.
    pub const LISTED: usize = 10;
}

/// Maps one character to its canonical form for matching, or `None` for
/// white space (which is folded separately).
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Some('-'),
        c if c.is_whitespace() => None,
        c => Some(c),
    }
}

/// Folds `text` to the canonical form: white space runs become one space,
/// leading and trailing white space is dropped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        match fold_char(c) {
            None => pending_space = !out.is_empty(),
            Some(f) => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(f);
            }
        }
    }
    out
}

impl<'a> Haystack<'a> {
    /// Prepares `original` for lookups.
    pub fn new(original: &'a str) -> Haystack<'a> {
        let mut folded = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut pending_space: Option<(u32, u32)> = None;
        for (i, (byte, c)) in original.char_indices().enumerate() {
            let here = (i as u32, byte as u32);
            match fold_char(c) {
                None => {
                    pending_space.get_or_insert(here);
                }
                Some(f) => {
                    if let Some(at) = pending_space.take() {
                        folded.push(' ');
                        origin.push(at);
                    }
                    let before = folded.len();
                    folded.push(f);
                    origin.extend(std::iter::repeat_n(here, folded.len() - before));
                }
            }
        }
        origin.push((original.chars().count() as u32, original.len() as u32));
        Haystack {
            original,
            folded,
            origin,
            places: RefCell::default(),
            scans: Cell::new(0),
            table: OnceCell::new(),
        }
    }

    /// Finds `quote`, using `prefix` and `suffix` (text just before and
    /// after it) to choose between several places.
    pub fn lookup(&self, quote: &str, prefix: Option<&str>, suffix: Option<&str>) -> Lookup {
        let needle = fold(quote);
        if needle.is_empty() {
            return Lookup::NotFound { closest: None };
        }
        let all = self.occurrences(&needle);
        if prefix.is_none() && suffix.is_none() {
            return self.outcome(&needle, &all);
        }
        let prefix = prefix.map(fold);
        let suffix = suffix.map(fold);
        let fits = |&&(start, end): &&(usize, usize)| {
            let before = self.folded[..start].trim_end();
            let after = self.folded[end..].trim_start();
            prefix.as_deref().is_none_or(|p| before.ends_with(p))
                && suffix.as_deref().is_none_or(|s| after.starts_with(s))
        };
        let places: Vec<(usize, usize)> = all.iter().filter(fits).copied().collect();
        if places.is_empty() && !all.is_empty() {
            return Lookup::ContextMismatch(self.places(&all));
        }
        self.outcome(&needle, &places)
    }

    /// What finding `needle` at `places` means.
    fn outcome(&self, needle: &str, places: &[(usize, usize)]) -> Lookup {
        match places {
            [] => Lookup::NotFound {
                closest: self.closest(needle),
            },
            [one] => Lookup::Found(self.span(*one)),
            many => Lookup::Ambiguous(self.places(many)),
        }
    }

    /// `places` counted, the first few converted to spans.
    fn places(&self, places: &[(usize, usize)]) -> Places {
        Places {
            count: places.len(),
            listed: places
                .iter()
                .take(Places::LISTED)
                .map(|&p| self.span(p))
                .collect(),
        }
    }

    /// Byte ranges in `folded` where `needle` occurs, overlapping ones too.
    fn occurrences(&self, needle: &str) -> Rc<[Place]> {
        if let Some(places) = self.places.borrow().get(needle) {
            return Rc::clone(places);
        }
        let places: Rc<[Place]> = self.search(needle).into();
        self.places
            .borrow_mut()
            .insert(needle.to_string(), Rc::clone(&places));
        places
    }

    /// Every place of `needle` in `folded`, searched for.
    fn search(&self, needle: &str) -> Vec<(usize, usize)> {
        if let Some(table) = self.table() {
            let mut starts: Vec<usize> = table
                .positions(needle)
                .iter()
                .map(|&p| p as usize)
                .collect();
            starts.sort_unstable();
            return starts.into_iter().map(|s| (s, s + needle.len())).collect();
        }
        let mut places = Vec::new();
        let mut from = 0;
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        while let Some(at) = finder.find(&self.folded.as_bytes()[from..]) {
            let start = from + at;
            places.push((start, start + needle.len()));
            let step = self.folded[start..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
            from = start + step;
        }
        places
    }

    /// The first place of `piece` in `folded`.
    fn first_place(&self, piece: &str) -> Option<usize> {
        match self.table() {
            Some(table) => table.positions(piece).iter().min().map(|&p| p as usize),
            None => memchr::memmem::find(self.folded.as_bytes(), piece.as_bytes()),
        }
    }

    /// The suffix table of `folded`, once [`SCANS_BEFORE_TABLE`] searches
    /// have scanned the text; until then, `None`, and the caller scans.
    fn table(&self) -> Option<&SuffixTable<'static, 'static>> {
        if self.table.get().is_none() && self.scans.get() < SCANS_BEFORE_TABLE {
            self.scans.set(self.scans.get() + 1);
            return None;
        }
        Some(
            self.table
                .get_or_init(|| SuffixTable::new(self.folded.clone())),
        )
    }

    /// Converts a byte range of `folded` to code point offsets of `original`.
    fn span(&self, (start, end): (usize, usize)) -> Span {
        // The last folded character of a match is never a folded space (the
        // needle is trimmed), so it stands for exactly one original character.
        let last = self.folded[..end]
            .char_indices()
            .next_back()
            .map_or(start, |(i, _)| i);
        let (first_char, first_byte) = self.origin[start];
        let (last_char, last_byte) = self.origin[last];
        let last_len = self.original[last_byte as usize..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        Span {
            start: first_char,
            end: last_char + 1,
            byte_start: first_byte,
            byte_end: last_byte + last_len as u32,
        }
    }

    /// The largest `n <= max` for which `piece(n)` occurs, and where. Occurrence
    /// is monotonic in `n` (a shorter beginning or end of an occurring text
    /// occurs too), so a binary search finds it.
    fn longest_occurring<'n>(
        &self,
        max: usize,
        piece: impl Fn(usize) -> &'n str,
    ) -> (usize, Option<usize>) {
        let (mut lo, mut hi, mut at) = (0, max, None);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            match self.first_place(piece(mid)) {
                Some(found) => {
                    lo = mid;
                    at = Some(found);
                }
                None => hi = mid - 1,
            }
        }
        (lo, at)
    }

    /// Widens a byte range of `folded` to whole words and valid boundaries.
    fn whole_words(&self, (mut start, mut end): (usize, usize)) -> (usize, usize) {
        let text = &self.folded;
        end = end.min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let word = |c: char| c.is_alphanumeric();
        while let Some(c) = text[..start].chars().next_back().filter(|&c| word(c)) {
            start -= c.len_utf8();
        }
        while let Some(c) = text[end..].chars().next().filter(|&c| word(c)) {
            end += c.len_utf8();
        }
        (start, end)
    }

    /// The passage sharing the longest beginning or end with `needle`.
    fn closest(&self, needle: &str) -> Option<Span> {
        let chars: Vec<(usize, char)> = needle.char_indices().collect();
        let byte_at = |n: usize| chars.get(n).map_or(needle.len(), |&(b, _)| b);
        let head = |n: usize| &needle[..byte_at(n)];
        let tail = |n: usize| &needle[byte_at(chars.len() - n)..];
        let (head_len, head_at) = self.longest_occurring(chars.len(), head);
        let (tail_len, tail_at) = self.longest_occurring(chars.len(), tail);
        if head_len.max(tail_len) < 4 {
            return None;
        }
        let quote_bytes = needle.len();
        let head_span = head_at.map(|start| (start, start + head(head_len).len()));
        let tail_span = tail_at.map(|start| (start, start + tail(tail_len).len()));
        let passage = match (head_span, tail_span) {
            // Both ends found, in order and not too far apart: the passage
            // runs from the one to the other.
            (Some((start, _)), Some((tail_start, end)))
                if start <= tail_start && end - start <= 2 * quote_bytes =>
            {
                (start, end)
            }
            (Some((start, _)), _) if head_len >= tail_len => (start, start + quote_bytes),
            (_, Some((_, end))) => (end.saturating_sub(quote_bytes), end),
            (Some((start, _)), None) => (start, start + quote_bytes),
            (None, None) => return None,
        };
        let (start, end) = self.whole_words(passage);
        let text = self.folded.get(start..end)?;
        let trimmed = text.trim();
        let start = start + (text.len() - text.trim_start().len());
        (!trimmed.is_empty()).then(|| self.span((start, start + trimmed.len())))
    }
}

/// The text of `span` in the text it was found in.
pub fn slice(text: &str, span: Span) -> &str {
    &text[span.byte_start as usize..span.byte_end as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "He said: \u{201C}We\u{2019}ll  talk\u{201D} \u{2013} now.\nThe talks  ended.\r\nThe talks began.";

    fn found(quote: &str) -> String {
        let hay = Haystack::new(ARTICLE);
        match hay.lookup(quote, None, None) {
            Lookup::Found(span) => slice(ARTICLE, span).to_string(),
            other => panic!("{quote:?}: {other:?}"),
        }
    }

    #[test]
    fn typographic_marks_and_spaces_are_folded() {
        assert_eq!(
            found("\"We'll talk\" - now."),
            "\u{201C}We\u{2019}ll  talk\u{201D} \u{2013} now."
        );
        assert_eq!(found("now. The talks   ended"), "now.\nThe talks  ended");
        assert_eq!(found("  He said:  "), "He said:");
    }

    #[test]
    fn offsets_count_code_points() {
        let hay = Haystack::new(ARTICLE);
        let Lookup::Found(span) = hay.lookup("ll talk", None, None) else {
            panic!()
        };
        assert_eq!((span.start, span.end), (13, 21));
        assert_eq!(slice(ARTICLE, span), "ll  talk");
    }

    #[test]
    fn repeated_quotes_are_ambiguous_until_prefix_or_suffix_picks_one() {
        let hay = Haystack::new(ARTICLE);
        assert!(
            matches!(hay.lookup("The talks", None, None), Lookup::Ambiguous(p) if p.count == 2)
        );
        let Lookup::Found(span) = hay.lookup("The talks", None, Some("began")) else {
            panic!()
        };
        let file = crate::diag::SourceFile::new(std::path::Path::new("a.txt"), ARTICLE.to_string());
        assert_eq!(file.line_column(span.byte_start as usize), (3, 1));
        assert!(matches!(
            hay.lookup("The talks", Some("now."), None),
            Lookup::Found(_)
        ));
        assert!(matches!(
            hay.lookup("The talks", Some("nothing"), None),
            Lookup::ContextMismatch(p) if p.count == 2
        ));
        assert!(matches!(
            hay.lookup("He said", None, Some("nothing")),
            Lookup::ContextMismatch(p) if p.count == 1
        ));
    }

    #[test]
    fn a_missing_quote_points_at_the_closest_passage() {
        let hay = Haystack::new(ARTICLE);
        let Lookup::NotFound {
            closest: Some(span),
        } = hay.lookup("The talks ended badly.", None, None)
        else {
            panic!()
        };
        assert!(
            slice(ARTICLE, span).starts_with("The talks  ended."),
            "{:?}",
            slice(ARTICLE, span)
        );
        assert_eq!(
            hay.lookup("zzzz", None, None),
            Lookup::NotFound { closest: None }
        );
        assert_eq!(
            hay.lookup("   ", None, None),
            Lookup::NotFound { closest: None }
        );
    }

    /// A haystack that has been scanned often enough to use its suffix
    /// table, by lookups of text that does not occur.
    fn with_table(text: &str) -> Haystack<'_> {
        let hay = Haystack::new(text);
        for i in 0..=SCANS_BEFORE_TABLE {
            hay.lookup(&format!("\u{1F600}{i}"), None, None);
        }
        assert!(hay.table.get().is_some());
        hay
    }

    proptest::proptest! {
        #[test]
        fn the_suffix_table_finds_what_a_scan_finds(
            text in "[ab. \u{2019}'\u{e9}\n]{0,120}",
            quotes in proptest::collection::vec(("[ab.' \u{e9}]{1,8}", proptest::option::of("[ab ]{0,3}"), proptest::option::of("[ab ]{0,3}")), 1..20),
        ) {
            let table = with_table(&text);
            for (quote, prefix, suffix) in &quotes {
                let scanned = Haystack::new(&text).lookup(quote, prefix.as_deref(), suffix.as_deref());
                proptest::prop_assert_eq!(table.lookup(quote, prefix.as_deref(), suffix.as_deref()), scanned);
            }
        }
    }

    #[test]
    fn a_quote_cited_many_times_in_a_long_text_is_counted_once_per_place() {
        let text = "The talks ended. ".repeat(5000);
        let hay = with_table(&text);
        let Lookup::Ambiguous(places) = hay.lookup("The talks ended.", None, None) else {
            panic!()
        };
        assert_eq!(places.count, 5000);
        assert_eq!(places.listed.len(), Places::LISTED);
        assert_eq!(places.listed[1].start, 17);
        // Every place is preceded by the same words but the first.
        assert!(matches!(
            hay.lookup("The talks ended.", Some("ended."), None),
            Lookup::Ambiguous(p) if p.count == 4999
        ));
    }
}
