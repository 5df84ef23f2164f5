//! Terminal tables that fit their width: names in place of ids, columns
//! empty in every row left out, text wrapped at spaces, hyphens and
//! slashes (never inside a word), and when even the narrowest layout is
//! too wide, fact ids and then the last columns left out, with a note
//! saying which.

use comfy_table::{ContentArrangement, Table, presets};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The suffix of a column giving the names of the ids in the column it
/// is named after (`party` and `party_name`): tables show the names under
/// the first one's header, CSV and JSON keep both.
pub const NAME_SUFFIX: &str = "_name";

/// The width tables are laid out to: `--width`, else the terminal's when
/// stdout is one, else `$COLUMNS`, else none (lines as long as they come).
pub fn width(flag: Option<usize>) -> Option<usize> {
    flag.or_else(|| Table::new().width().map(usize::from))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .filter(|&w| w > 0)
}

/// `rows` under `columns` as a table at most `width` characters wide
/// (when it can be), with a closing note on any column left out.
pub fn render(columns: &[String], rows: &[Vec<String>], width: Option<usize>) -> String {
    let mut shown = shown_columns(columns, rows);
    let mut left_out = Vec::new();
    if let Some(width) = width {
        while shown.len() > 1 && narrowest(&shown) > width {
            let drop = least_needed(&shown);
            left_out.push(shown.remove(drop).header);
        }
    }
    let widths = match width {
        Some(width) => fit(&shown, width),
        None => shown.iter().map(|c| c.natural).collect(),
    };
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(shown.iter().zip(&widths).map(|(c, &w)| wrap(&c.header, w)));
    for r in 0..rows.len() {
        table.add_row(
            shown
                .iter()
                .zip(&widths)
                .map(|(c, &w)| wrap(&c.cells[r], w)),
        );
    }
    let mut out = table.to_string();
    if !left_out.is_empty() {
        let note = format!(
            "(left out to fit {} columns: {}; --width or --format csv shows every column)",
            width.unwrap_or_default(),
            left_out.join(", ")
        );
        out.push('\n');
        out.push_str(&wrap(&note, width.unwrap_or(note.len())));
    }
    out
}

/// One column as shown: its header, its cells, and the widths it takes
/// unwrapped and at its narrowest.
struct Shown {
    header: String,
    cells: Vec<String>,
    natural: usize,
    narrowest: usize,
    /// Every cell is a slug with a hyphen: the id of a fact, which the
    /// other columns describe.
    ids: bool,
}

/// The columns shown to people, each with the column of its names if it
/// has one (`party` with `party_name`): every column but the name columns.
pub fn with_names(columns: &[String]) -> Vec<(usize, Option<usize>)> {
    let index = |name: &str| columns.iter().position(|c| c == name);
    columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.strip_suffix(NAME_SUFFIX)
                .is_none_or(|base| index(base).is_none())
        })
        .map(|(i, c)| (i, index(&format!("{c}{NAME_SUFFIX}"))))
        .collect()
}

/// The columns to show: each `X_name` in place of its `X` (the id where a
/// name is missing), without the columns empty in every row.
fn shown_columns(columns: &[String], rows: &[Vec<String>]) -> Vec<Shown> {
    let mut shown = Vec::new();
    for (i, names) in with_names(columns) {
        let column = &columns[i];
        let cells: Vec<String> = rows
            .iter()
            .map(|row| match names.map(|n| &row[n]) {
                Some(name) if !name.is_empty() => name.clone(),
                _ => row[i].clone(),
            })
            .collect();
        if !rows.is_empty() && cells.iter().all(String::is_empty) {
            continue;
        }
        let all = std::iter::once(column).chain(&cells);
        let natural = all.clone().map(|t| longest_line(t)).max().unwrap_or(0);
        let narrowest = all
            .flat_map(|t| pieces(t))
            .map(|p| p.trim_end().width())
            .max()
            .unwrap_or(0);
        let ids = !cells.is_empty()
            && cells
                .iter()
                .all(|c| crate::seeds::is_slug(c) && c.contains('-'));
        shown.push(Shown {
            header: column.clone(),
            cells,
            natural,
            narrowest,
            ids,
        });
    }
    shown
}

/// The width of a table of `widths`, with its borders and padding
/// (`│ a │ b │`).
fn total(widths: impl Iterator<Item = usize>) -> usize {
    let (sum, n) = widths.fold((0, 0), |(s, n), w| (s + w, n + 1));
    sum + 3 * n + 1
}

/// The width of the table with every column at its narrowest.
fn narrowest(shown: &[Shown]) -> usize {
    total(shown.iter().map(|c| c.narrowest))
}

/// The column to leave out first: a column of fact ids, else the last
/// column that is not the widest (the text the table is about).
fn least_needed(shown: &[Shown]) -> usize {
    if let Some(i) = shown.iter().position(|c| c.ids) {
        return i;
    }
    let widest = (0..shown.len())
        .max_by_key(|&i| shown[i].natural)
        .unwrap_or(0);
    (0..shown.len()).rev().find(|&i| i != widest).unwrap_or(0)
}

/// Column widths within `width`: each at least its narrowest, the room
/// left shared in proportion to what each needs to be whole.
fn fit(shown: &[Shown], width: usize) -> Vec<usize> {
    let natural: Vec<usize> = shown.iter().map(|c| c.natural).collect();
    if total(natural.iter().copied()) <= width {
        return natural;
    }
    let mut widths: Vec<usize> = shown.iter().map(|c| c.narrowest).collect();
    let mut room = width.saturating_sub(total(widths.iter().copied()));
    let wanted: usize = shown.iter().map(|c| c.natural - c.narrowest).sum();
    for (w, c) in widths.iter_mut().zip(shown) {
        *w += ((c.natural - c.narrowest) * room)
            .checked_div(wanted)
            .unwrap_or(0);
    }
    room = width.saturating_sub(total(widths.iter().copied()));
    // What the rounding down left, one character at a time.
    while room > 0 {
        let Some(i) = (0..shown.len()).find(|&i| widths[i] < shown[i].natural) else {
            break;
        };
        widths[i] += 1;
        room -= 1;
    }
    widths
}

/// The widest line of `text`.
fn longest_line(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// `text` cut where a line may break: after white space (kept at the end
/// of its piece), after a hyphen between letters (`russia-ukraine`, not
/// `2025-05`), after a slash or an underscore, and at line breaks.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let breaks = match c {
            '-' => {
                previous.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
            }
            '/' | '_' | '\n' => true,
            c if c.is_whitespace() => !next.is_some_and(char::is_whitespace),
            _ => false,
        };
        previous = Some(c);
        if breaks {
            out.push(&text[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// `text` wrapped to lines of at most `width` characters, at the breaks
/// of [`pieces`]; a piece longer than a line is cut where it must be.
fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // The width of `line`, its trailing white space included.
    let mut used = 0;
    let mut end_line = |line: &mut String, used: &mut usize| {
        lines.push(line.trim_end().to_string());
        line.clear();
        *used = 0;
    };
    for piece in pieces(text) {
        let hard_break = piece.ends_with('\n');
        let piece = piece.trim_end_matches('\n');
        if used > 0 && used + piece.trim_end().width() > width {
            end_line(&mut line, &mut used);
        }
        if piece.trim_end().width() <= width {
            line.push_str(piece);
            used += piece.width();
        } else {
            for c in piece.chars() {
                let w = c.width().unwrap_or(0);
                if used > 0 && used + w > width && !c.is_whitespace() {
                    end_line(&mut line, &mut used);
                }
                line.push(c);
                used += w;
            }
        }
        if hard_break {
            end_line(&mut line, &mut used);
        }
    }
    end_line(&mut line, &mut used);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn text_wraps_at_spaces_hyphens_and_slashes_never_inside_a_word() {
        assert_eq!(
            wrap("Ukraine becomes a neutral state", 12),
            "Ukraine\nbecomes a\nneutral\nstate"
        );
        assert_eq!(
            wrap("russia-ukraine-neutrality", 15),
            "russia-ukraine-\nneutrality"
        );
        assert_eq!(wrap("2022-03/2022-04", 8), "2022-03/\n2022-04");
        assert_eq!(wrap("short", 20), "short");
    }

    #[test]
    fn names_take_the_place_of_ids_and_empty_columns_are_left_out() {
        let columns = strings(&["party", "party_name", "by", "text"]);
        let rows = vec![
            strings(&["russia", "Russia", "", "A demand"]),
            strings(&["x", "", "", "B"]),
        ];
        let shown = shown_columns(&columns, &rows);
        let headers: Vec<&str> = shown.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["party", "text"]);
        assert_eq!(shown[0].cells, ["Russia", "x"]);
    }

    #[test]
    fn a_table_fits_its_width_or_says_what_it_left_out() {
        let columns = strings(&["id", "party", "text", "date"]);
        let rows = vec![strings(&[
            "russia-ukraine-withdraw-from-annexed-oblasts",
            "Russia",
            "Ukrainian forces withdraw from the territory Ukraine holds in the four annexed oblasts",
            "2025-05-19",
        ])];
        let wide = render(&columns, &rows, Some(200));
        assert!(
            wide.lines().all(|l| l.width() <= 200) && wide.lines().count() == 5,
            "{wide}"
        );
        for width in [80, 60, 40] {
            let narrow = render(&columns, &rows, Some(width));
            let (table, note) = narrow
                .split_once("\n(")
                .map_or((narrow.as_str(), ""), |(t, n)| (t, n));
            assert!(
                table.lines().all(|l| l.width() <= width),
                "{width}:\n{narrow}"
            );
            for word in rows[0][2].split_whitespace().chain(["2025-05-19"]) {
                assert!(narrow.contains(word), "{word} broken at {width}:\n{narrow}");
            }
            if width < 60 {
                assert!(
                    note.contains("left out to fit") && note.contains("id"),
                    "{narrow}"
                );
            }
        }
    }
}
