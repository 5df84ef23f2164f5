//! Printing query results as a terminal table, CSV (RFC 4180) or JSON.

use std::io::Write;

use rusqlite::types::{Value, ValueRef};

use crate::terminal;

/// A query result: column names and rows of SQLite values.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The text of column `name` in `row`: empty for NULL, a number as its
    /// digits, and empty when the table has no such column.
    pub fn text(&self, row: &[Value], name: &str) -> String {
        match self.columns.iter().position(|c| c == name).map(|i| &row[i]) {
            Some(Value::Text(t)) => t.clone(),
            Some(Value::Integer(i)) => i.to_string(),
            Some(Value::Real(r)) => r.to_string(),
            _ => String::new(),
        }
    }
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects keyed by column.
    Json,
    /// A Markdown table, with names in place of ids (for pasting).
    Md,
    /// An HTML table, with names in place of ids.
    Html,
}

/// How results are written: the format and, for terminal tables, the
/// width to fit (none: lines as long as they come).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// The format.
    pub format: Format,
    /// The width terminal tables fit.
    pub width: Option<usize>,
}

impl From<Format> for Style {
    fn from(format: Format) -> Style {
        Style {
            format,
            width: None,
        }
    }
}

/// Writes `table` on stdout in `style`; a closed pipe (`negkb ... | head`)
/// ends the output quietly.
pub fn print(table: &Table, style: Style) -> Result<(), crate::error::Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(table, style, &mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(crate::error::Error::io("<stdout>")(e))
        }
        _ => Ok(()),
    }
}

/// Writes `table` to `out` in `style`.
pub fn write(table: &Table, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let mut rows = RowWriter::new(style, &table.columns, out)?;
    let mut values = Vec::with_capacity(table.columns.len());
    for row in &table.rows {
        values.clear();
        values.extend(row.iter().map(ValueRef::from));
        rows.row(&values)?;
    }
    rows.finish().map(drop)
}

/// Column names made unique for JSON keys: a second `id` becomes `id_2`.
fn unique(columns: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    columns
        .iter()
        .map(|c| {
            let mut key = c.clone();
            let mut n = 1;
            while !seen.insert(key.clone()) {
                n += 1;
                key = format!("{c}_{n}");
            }
            key
        })
        .collect()
}

/// `text` with the control characters a terminal would act on (escape
/// sequences, bells, carriage returns) shown as `\u{..}` instead; line
/// breaks and tabs stay.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let acts = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(acts) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The I/O error inside a CSV writer's error, so that a closed pipe stays
/// a closed pipe.
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Text of a value for tables and CSV: NULL is empty, a blob in hexadecimal.
fn text(value: ValueRef) -> String {
    match value {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

/// Rows per terminal table. A longer result is written as several tables
/// of this many rows, each as soon as its rows are read (as psql does with
/// FETCH_COUNT): a table must hold all its rows to size its columns, so a
/// long result in one table would be held whole in memory before its first
/// line shows.
pub const TABLE_ROWS: usize = 1000;

/// Writes one terminal table of `rows` (texts) under `columns`, fitting
/// `width`.
fn write_terminal(
    columns: &[String],
    rows: &[Vec<String>],
    width: Option<usize>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", terminal::render(columns, rows, width))
}

/// Writes rows as they come: CSV and JSON holding none of them, terminal
/// tables at most [`TABLE_ROWS`] at a time; what queries use for results
/// of any size.
pub struct RowWriter<'a> {
    sink: Sink<'a>,
    rows: usize,
}

enum Sink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Json {
        out: &'a mut dyn Write,
        keys: Vec<String>,
    },
    Terminal {
        out: &'a mut dyn Write,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
        width: Option<usize>,
    },
    /// A Markdown or HTML table: the columns shown, each with the column
    /// of its names if it has one.
    Markup {
        out: &'a mut dyn Write,
        html: bool,
        shown: Vec<(usize, Option<usize>)>,
    },
}

impl<'a> RowWriter<'a> {
    /// Starts the output: the CSV header row, or the opening of the JSON
    /// array; a terminal table waits for its rows.
    pub fn new(style: Style, columns: &[String], out: &'a mut dyn Write) -> std::io::Result<Self> {
        let sink = match style.format {
            Format::Json => {
                let keys = unique(columns)
                    .iter()
                    .map(|c| serde_json::to_string(c).map_err(std::io::Error::other))
                    .collect::<Result<_, _>>()?;
                out.write_all(b"[")?;
                Sink::Json { out, keys }
            }
            Format::Table => Sink::Terminal {
                out,
                columns: columns.iter().map(|c| visible(c).into_owned()).collect(),
                rows: Vec::new(),
                width: style.width,
            },
            Format::Md | Format::Html => {
                let html = style.format == Format::Html;
                let shown = terminal::with_names(columns);
                let headers: Vec<&str> = shown.iter().map(|&(i, _)| columns[i].as_str()).collect();
                if html {
                    out.write_all(b"<table>\n<thead>")?;
                    markup_row(out, true, "th", &headers)?;
                    out.write_all(b"</thead>\n<tbody>\n")?;
                } else {
                    markup_row(out, false, "th", &headers)?;
                    writeln!(out, "\n|{}|", vec!["---"; headers.len()].join("|"))?;
                }
                Sink::Markup { out, html, shown }
            }
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(columns).map_err(csv_io)?;
                Sink::Csv(Box::new(w))
            }
        };
        Ok(RowWriter { sink, rows: 0 })
    }

    /// Writes one row, as long as the columns.
    pub fn row(&mut self, values: &[ValueRef]) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Csv(w) => {
                for &value in values {
                    match value {
                        ValueRef::Text(t) => w.write_field(t).map_err(csv_io)?,
                        other => w.write_field(text(other)).map_err(csv_io)?,
                    }
                }
                w.write_record(None::<&[u8]>).map_err(csv_io)?;
            }
            Sink::Json { out, keys } => {
                out.write_all(if self.rows == 0 { b"\n  {" } else { b",\n  {" })?;
                for (j, (key, value)) in keys.iter().zip(values).enumerate() {
                    if j > 0 {
                        out.write_all(b", ")?;
                    }
                    write!(out, "{key}: ")?;
                    match *value {
                        // Borrowed, not copied: most cells are text.
                        ValueRef::Text(t) => {
                            serde_json::to_writer(&mut **out, &String::from_utf8_lossy(t))?
                        }
                        other => serde_json::to_writer(&mut **out, &json(other))?,
                    }
                }
                out.write_all(b"}")?;
            }
            Sink::Markup { out, html, shown } => {
                let cell = |&(i, names): &(usize, Option<usize>)| {
                    let name = names.map(|n| text(values[n])).filter(|n| !n.is_empty());
                    name.unwrap_or_else(|| text(values[i]))
                };
                let cells: Vec<String> = shown.iter().map(cell).collect();
                markup_row(out, *html, "td", &cells)?;
                out.write_all(b"\n")?;
            }
            Sink::Terminal {
                out,
                columns,
                rows,
                width,
            } => {
                rows.push(
                    values
                        .iter()
                        .map(|&v| visible(&text(v)).into_owned())
                        .collect(),
                );
                if rows.len() == TABLE_ROWS {
                    write_terminal(columns, rows, *width, &mut **out)?;
                    rows.clear();
                }
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the output and flushes it; returns how many rows were written.
    pub fn finish(self) -> std::io::Result<usize> {
        match self.sink {
            Sink::Csv(mut w) => w.flush(),
            Sink::Json { out, .. } => {
                out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
                out.flush()
            }
            Sink::Markup { out, html, .. } => {
                if html {
                    out.write_all(b"</tbody>\n</table>\n")?;
                }
                out.flush()
            }
            Sink::Terminal {
                out,
                columns,
                rows,
                width,
            } => {
                if self.rows == 0 {
                    writeln!(out, "(no rows)")?;
                } else if !rows.is_empty() {
                    write_terminal(&columns, &rows, width, &mut *out)?;
                }
                out.flush()
            }
        }?;
        Ok(self.rows)
    }
}

/// `text` for a Markdown table cell: its special characters escaped,
/// line breaks as `<br>`, control characters dropped.
pub fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            c if c.is_control() => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// One row of a Markdown table, or of an HTML table with `tag` cells
/// (`th` or `td`), without the line break after it.
fn markup_row<S: AsRef<str>>(
    out: &mut dyn Write,
    html: bool,
    tag: &str,
    cells: &[S],
) -> std::io::Result<()> {
    if html {
        out.write_all(b"<tr>")?;
        for c in cells {
            write!(out, "<{tag}>{}</{tag}>", escape_html(c.as_ref()))?;
        }
        out.write_all(b"</tr>")
    } else {
        let cells: Vec<String> = cells.iter().map(|c| escape_md(c.as_ref())).collect();
        write!(out, "| {} |", cells.join(" | "))
    }
}

/// `text` escaped for HTML, control characters but line breaks dropped.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// A value as JSON: a blob as hexadecimal text.
fn json(value: ValueRef) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(r) => {
            serde_json::Number::from_f64(r).map_or(serde_json::Value::Null, Into::into)
        }
        ValueRef::Text(_) | ValueRef::Blob(_) => text(value).into(),
    }
}
