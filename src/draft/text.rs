//! The shape of an article's text: its title, byline and dateline, its
//! paragraphs, sentences and clauses, and its direct quotations, each as a
//! byte range of the article.

use std::ops::Range;

use super::lexicon::EN;

/// An article cut into the pieces facts are drafted from.
#[derive(Debug, Default)]
pub struct Layout {
    /// The first non-empty line.
    pub title: Option<Range<usize>>,
    /// From an `Author:` or `By` line.
    pub author: Option<String>,
    /// From a closing note on the author (`X is the editor of Y`).
    pub publisher: Option<String>,
    /// A dateline's day (`PORT VELL, June 10, 2023 —`), as `YYYY-MM-DD`.
    pub dateline: Option<String>,
    /// Sentences of the title and body, in order.
    pub sentences: Vec<Sentence>,
    /// Direct quotations (“…” or "…"), in order.
    pub quotations: Vec<Range<usize>>,
}

/// One sentence and its clauses.
#[derive(Debug)]
pub struct Sentence {
    /// Byte range, without surrounding white space.
    pub span: Range<usize>,
    /// Index of its paragraph (the title is paragraph 0).
    pub paragraph: usize,
    /// The clauses, in order, covering the sentence.
    pub clauses: Vec<Range<usize>>,
    /// Where each relative clause among them begins (`which ...` in `X,
    /// which ..., has ...`).
    pub relative_starts: Vec<usize>,
}

impl Layout {
    /// Cuts `text` into its pieces.
    pub fn new(text: &str) -> Layout {
        let mut layout = Layout {
            quotations: quotations(text),
            ..Layout::default()
        };
        let mut paragraph = 0;
        let mut dateline_seen = false;
        let mut in_paragraph = false;
        let mut lines_of_paragraph: Vec<Range<usize>> = Vec::new();
        let mut paragraphs: Vec<Vec<Range<usize>>> = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let range = offset..offset + line.trim_end().len();
            offset += line.len();
            let trimmed = line.trim();
            if trimmed.is_empty() {
                if in_paragraph {
                    paragraphs.push(std::mem::take(&mut lines_of_paragraph));
                    in_paragraph = false;
                }
                continue;
            }
            let lead = line.len() - line.trim_start().len();
            let range = range.start + lead..range.end;
            if let Some(caps) = EN.byline.captures(trimmed) {
                layout.author = Some(caps[1].trim().to_string());
                // A closing byline ends the article, or is followed by a
                // note on the author (`Jo Smith is the news editor of Y`),
                // which may name the publisher; an opening one may come
                // after a headline, a subhead and a masthead line.
                let next_line = text[offset..]
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty());
                let closing = next_line.is_none_or(|l| l.starts_with(caps[1].trim()));
                if (paragraphs.len() > 1 || in_paragraph) && closing {
                    layout.publisher = EN
                        .publisher
                        .captures(&text[offset..])
                        .map(|c| c[1].trim_end_matches('.').to_string());
                    break;
                }
                continue;
            }
            if layout.title.is_none() {
                layout.title = Some(range.clone());
                paragraphs.push(vec![range]);
                continue;
            }
            lines_of_paragraph.push(range);
            in_paragraph = true;
        }
        if in_paragraph {
            paragraphs.push(lines_of_paragraph);
        }
        for lines in paragraphs {
            let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
                continue;
            };
            let mut span = first.start..last.end;
            if !dateline_seen
                && let Some(caps) = EN.dateline.captures(&text[span.clone()])
                && (caps.get(1).is_some() || caps.get(2).is_some())
            {
                dateline_seen = true;
                // Only a full date gives the publication day.
                if let (Some(month), Some(day), Some(year)) =
                    (caps.get(2), caps.get(3), caps.get(4))
                {
                    let month = EN
                        .dates
                        .months
                        .iter()
                        .position(|m| m == month.as_str())
                        .unwrap_or(0)
                        + 1;
                    layout.dateline = Some(format!(
                        "{}-{month:02}-{:02}",
                        year.as_str(),
                        day.as_str().parse::<u8>().unwrap_or(0)
                    ));
                }
                span.start += caps[0].len();
            }
            for sentence in line_groups(text, span, &lines)
                .into_iter()
                .flat_map(|group| sentences(text, group))
            {
                let (clauses, relative_starts) =
                    clauses(text, sentence.clone(), &layout.quotations);
                layout.sentences.push(Sentence {
                    span: sentence,
                    paragraph,
                    clauses,
                    relative_starts,
                });
            }
            paragraph += 1;
        }
        layout
    }
}

/// `span` (the paragraph of `lines`, perhaps without its dateline) cut
/// around each line that is a sentence of its own, a heading or a list
/// item, so that it runs into neither the line before nor the one after.
fn line_groups(text: &str, span: Range<usize>, lines: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let mut start = span.start;
    let mut previous_alone = false;
    for line in lines.iter().filter(|l| l.end > span.start) {
        let alone = EN.line_of_its_own.is_match(&text[line.clone()]);
        if (alone || previous_alone) && line.start > start {
            groups.push(start..line.start);
            start = line.start;
        }
        previous_alone = alone;
    }
    groups.push(start..span.end);
    groups
}

fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'')
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')')
}

/// The sentences of `text[span]`: a full stop, question or exclamation mark
/// (and any closing quote marks) followed by white space and a capital,
/// digit or opening quote mark ends one.
fn sentences(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = span.start;
    let slice = &text[span.clone()];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '?' | '!') && !is_abbreviation(&slice[..at]) {
            let mut j = i + 1;
            while j < chars.len() && is_closing_mark(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(slice.len(), |&(b, _)| b);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next = chars.get(k).map(|&(_, c)| c);
            if k > j
                && next
                    .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || is_opening_mark(n))
            {
                out.push(start..span.start + end);
                start = span.start + chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    if start < span.end {
        out.push(start..span.end);
    }
    out
}

/// True when the text before a full stop ends with a single capital or a
/// known abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (word.chars().count() == 1 && word.starts_with(char::is_uppercase))
        || EN.words.abbreviations.contains(&word)
}

/// The clauses of one sentence, split at the lexicon's clause breaks outside
/// quotations and where a quotation is set off from its attribution
/// (`…,” X said`), and where its relative clauses begin.
fn clauses(
    text: &str,
    sentence: Range<usize>,
    quotations: &[Range<usize>],
) -> (Vec<Range<usize>>, Vec<usize>) {
    let slice = &text[sentence.clone()];
    let quoted = |at: usize| quotations.iter().any(|q| q.start < at && at < q.end);
    let mut cuts: Vec<usize> = EN
        .clause_break
        .find_iter(slice)
        .filter(|m| !quoted(sentence.start + m.start()))
        .map(|m| {
            // Keep the separator's words with the clause they open.
            let s = m.as_str();
            let skip = s.len()
                - s.trim_start_matches(|c: char| c == ';' || c == ',' || c.is_whitespace())
                    .len();
            m.start() + skip
        })
        .collect();
    // `X accepts A, rejects B`: a comma before a stance's verb begins a
    // clause of its own.
    for (i, _) in slice.match_indices(", ") {
        let at = i + 2;
        let stance_at = EN
            .stances
            .iter()
            .any(|(_, re)| re.find_at(slice, at).is_some_and(|m| m.start() == at));
        if stance_at && !quoted(sentence.start + at) {
            cuts.push(at);
        }
    }
    // `X, which ..., has ...`: the relative clause and the verb that
    // resumes after it each begin a clause.
    let mut relative_starts = Vec::new();
    for relative in EN.relative_clause.captures_iter(slice) {
        let r = relative.get(1).expect("the pattern's group 1");
        if !quoted(sentence.start + r.start()) {
            cuts.extend([r.start(), r.end() + ", ".len()]);
            relative_starts.push(sentence.start + r.start());
        }
    }
    for (i, c) in slice.char_indices() {
        if matches!(c, '”' | '"') && slice[..i].ends_with([',', '?', '!']) {
            let after = i + c.len_utf8();
            if slice[after..].starts_with(' ') {
                cuts.push(after + 1);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut > start && cut < slice.len() {
            out.push(sentence.start + start..sentence.start + cut);
            start = cut;
        }
    }
    out.push(sentence.start + start..sentence.end);
    let clauses = out
        .into_iter()
        .map(|r| trim(text, r))
        .filter(|r| !r.is_empty())
        .collect();
    (clauses, relative_starts)
}

/// The last `max` bytes of `s` or fewer, starting at a character: what
/// comes just before a place, looked at without copying all the text
/// before it.
pub fn tail(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// `range` without surrounding white space and trailing `,` or `;`.
pub fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end_matches([' ', '\n', '\t', '\r', ',', ';']).len();
    start..end.max(start)
}

/// `range` without surrounding white space, quote marks and trailing
/// `,`, `;` or `:`.
/// A quote mark is kept when its partner is inside the range.
pub fn trim_marks(text: &str, range: Range<usize>) -> Range<usize> {
    let mut range = trim(text, range);
    loop {
        let s = &text[range.clone()];
        let Some(first) = s.chars().next() else { break };
        let unpaired = match first {
            '“' => !s[first.len_utf8()..].contains('”'),
            '"' => s.matches('"').count() % 2 == 1,
            '‘' => !s[first.len_utf8()..].contains('’'),
            _ => false,
        };
        if !unpaired {
            break;
        }
        range = trim(text, range.start + first.len_utf8()..range.end);
    }
    loop {
        let s = &text[range.clone()];
        let Some(last) = s.chars().next_back() else {
            break;
        };
        let body = &s[..s.len() - last.len_utf8()];
        let unpaired = match last {
            '”' => !body.contains('“'),
            '"' => s.matches('"').count() % 2 == 1,
            '’' => !body.contains('‘'),
            ',' | ';' | ':' => true,
            _ => false,
        };
        if !unpaired {
            break;
        }
        range = trim(text, range.start..range.end - last.len_utf8());
    }
    range
}

/// `range` without surrounding white space, punctuation and quote marks,
/// paired or not.
pub fn strip_marks(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let mark = |c: char| {
        c.is_whitespace() || matches!(c, '“' | '”' | '"' | '‘' | '’' | ',' | ';' | ':' | '.')
    };
    let start = range.start + (s.len() - s.trim_start_matches(mark).len());
    let end = range.start + s.trim_end_matches(mark).len();
    start..end.max(start)
}

/// Direct quotations: text between “ and ”, or between a pair of ".
fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' => open = Some(i + c.len_utf8()),
            '”' => {
                if let Some(start) = open.take() {
                    out.push(start..i);
                }
            }
            '"' => match straight.take() {
                Some(start) => out.push(start..i),
                None => straight = Some(i + 1),
            },
            '\n' if text[i + 1..].starts_with('\n') => {
                open = None;
                straight = None;
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    // Curly and straight marks may interleave; keep quotations apart.
    let mut kept: Vec<Range<usize>> = Vec::new();
    for q in out {
        if kept.last().is_none_or(|k| k.end <= q.start) {
            kept.push(q);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<Vec<String>> {
        Layout::new(text)
            .sentences
            .iter()
            .map(|s| {
                s.clauses
                    .iter()
                    .map(|c| text[c.clone()].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn title_byline_dateline_and_sentences() {
        let text = "A title\n\nBy Jo Smith\n\nPORT VELL, June 10, 2023 — Envoys met Mr. Aske in the U.S. on Monday. They left.\n\nAuthor: Jo Smith\n\nJo Smith is the news editor of Vell Post.com, on X.\n";
        let layout = Layout::new(text);
        assert_eq!(&text[layout.title.clone().unwrap()], "A title");
        assert_eq!(layout.author.as_deref(), Some("Jo Smith"));
        assert_eq!(layout.dateline.as_deref(), Some("2023-06-10"));
        assert_eq!(layout.publisher.as_deref(), Some("Vell Post.com"));
        assert_eq!(
            pieces(text),
            [
                vec!["A title"],
                vec!["Envoys met Mr. Aske in the U.S. on Monday."],
                vec!["They left."]
            ]
        );
    }

    /// A byline after a headline, a subhead and a masthead line opens the
    /// article: the body after it is read, and a title after the name is
    /// not part of it.
    #[test]
    fn a_byline_below_the_masthead_opens_the_article() {
        let text = "A title\n\nA subhead on the same news\n\nThe Vell Post · 10 June 2023\n\
            By Jo Smith, Diplomatic Editor\n\nEnvoys met on Monday.\n\nThey left.\n\nThey came back.\n";
        let layout = Layout::new(text);
        assert_eq!(layout.author.as_deref(), Some("Jo Smith"));
        let sentences: Vec<&str> = layout
            .sentences
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect();
        assert!(
            sentences.contains(&"Envoys met on Monday."),
            "{sentences:?}"
        );
        assert!(sentences.contains(&"They came back."), "{sentences:?}");
    }

    /// Datelines with an agency, without a year or without a date are
    /// taken off the first paragraph; only a full date gives the day.
    #[test]
    fn datelines_in_other_forms() {
        for (text, day) in [
            (
                "A title\n\nISHTAL, June 15 (Meridian) — Envoys met.\n",
                None,
            ),
            ("A title\n\nVEYLE — Envoys met.\n", None),
            (
                "A title\n\nDORRENT, June 16, 2025 (Press Agency) – Envoys met.\n",
                Some("2025-06-16"),
            ),
        ] {
            let layout = Layout::new(text);
            assert_eq!(layout.dateline.as_deref(), day, "{text}");
            assert_eq!(pieces(text)[1], ["Envoys met."], "{text}");
        }
    }

    /// A live blog's time-stamped heading and the items of a list are
    /// sentences of their own, though they end in no full stop.
    #[test]
    fn headings_and_list_items_are_sentences_of_their_own() {
        let text = "A title\n\n12:48  Opposition: “a step backwards”\n\
            In Tarsk, Bren calls the deal “a step backwards”. He left.\n\n\
            The main points:\n– A ceasefire from Thursday\n– 200 observers\n";
        let sentences: Vec<String> = pieces(text).into_iter().map(|s| s.concat()).collect();
        assert_eq!(
            sentences[1..],
            [
                "12:48  Opposition: “a step backwards”",
                "In Tarsk, Bren calls the deal “a step backwards”.",
                "He left.",
                "The main points:",
                "– A ceasefire from Thursday",
                "– 200 observers",
            ]
        );
    }

    #[test]
    fn a_comma_before_a_stance_begins_a_clause() {
        assert_eq!(
            pieces("A title\n\nKaldora accepts most of the draft, rejects the water clause.")[1],
            [
                "Kaldora accepts most of the draft",
                "rejects the water clause."
            ]
        );
    }

    #[test]
    fn clauses_split_at_conjunctions_and_attributions() {
        assert_eq!(
            pieces("X spoke on Monday and said that it went well and that Y would begin talks.")[0],
            [
                "X spoke on Monday",
                "and said that it went well",
                "and that Y would begin talks."
            ]
        );
        assert_eq!(
            pieces("“We will not disarm, not now,” Rhee said after the meeting.")[0],
            [
                "“We will not disarm, not now,”",
                "Rhee said after the meeting."
            ]
        );
        assert_eq!(
            pieces("X wants land, which would require Y to leave, and Z refused.")[0],
            [
                "X wants land",
                "which would require Y to leave",
                "and Z refused."
            ]
        );
        assert_eq!(
            pieces("X, which met Y in June, has proposed talks, and Z, who left, says no.")[0],
            [
                "X",
                "which met Y in June",
                "has proposed talks",
                "and Z",
                "who left",
                "says no."
            ]
        );
    }

    #[test]
    fn headline_attribution_and_shared_subject() {
        assert_eq!(
            pieces("After Call With X, Aske Says Talks Will Begin ‘Soon’")[0],
            ["After Call With X", "Aske Says Talks Will Begin ‘Soon’"]
        );
        assert_eq!(
            pieces(
                "Later, Norland declared its annexation of the four oblasts and added the recognition to its demands."
            )[0],
            [
                "Later, Norland declared its annexation of the four oblasts",
                "and added the recognition to its demands."
            ]
        );
    }

    #[test]
    fn quote_marks_trimmed_unless_paired() {
        let text = "“Just done. I believe it went well,” he said ready to “work on it.”";
        let t = |r: Range<usize>| &text[trim_marks(text, r)];
        assert_eq!(t(0..text.find(" I").unwrap()), "Just done.");
        assert_eq!(
            t(text.find("I ").unwrap()..text.find(" he").unwrap()),
            "I believe it went well"
        );
        assert_eq!(
            t(text.find("ready").unwrap()..text.len()),
            "ready to “work on it.”"
        );
    }

    #[test]
    fn quotations_pair_their_marks() {
        let text = "He said “we go” and \"they stay\".";
        let q: Vec<&str> = Layout::new(text)
            .quotations
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(q, ["we go", "they stay"]);
    }
}
