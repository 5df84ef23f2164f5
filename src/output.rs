//! Printing query results as a terminal table, CSV (RFC 4180) or JSON.

use std::io::Write;

use comfy_table::{ColumnConstraint, ContentArrangement, Table as Terminal, Width, presets};
use rusqlite::types::Value;

/// A query result: column names and rows of SQLite values.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
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
}

/// Writes `table` to `out` in `format`.
pub fn write(table: &Table, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Table => write_terminal(table, out),
        Format::Csv => write_csv(table, out),
        Format::Json => write_json(table, out),
    }
}

/// Text of a value for tables and CSV: NULL is empty.
fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

fn write_terminal(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    if table.rows.is_empty() {
        return writeln!(out, "(no rows)");
    }
    let mut t = Terminal::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(&table.columns);
    if !t.is_tty() {
        // Piped or redirected: wrap to $COLUMNS, or to a common terminal width.
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(120);
        t.set_width(width);
    }
    for row in &table.rows {
        t.add_row(row.iter().map(text));
    }
    // Ids, dates and kinds never wrap; only prose (text with spaces) does.
    let constraints: Vec<ColumnConstraint> = (0..table.columns.len())
        .map(|i| {
            let prose = table
                .rows
                .iter()
                .any(|r| text(&r[i]).contains(char::is_whitespace));
            if prose {
                ColumnConstraint::LowerBoundary(Width::Fixed(16))
            } else {
                ColumnConstraint::ContentWidth
            }
        })
        .collect();
    t.set_constraints(constraints);
    writeln!(out, "{t}")
}

/// CSV as RFC 4180 with a header row; readable by `sqlite3 .import --csv`.
pub fn write_csv(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&table.columns)?;
    for row in &table.rows {
        w.write_record(row.iter().map(text))?;
    }
    w.flush()
}

/// A JSON array of objects, one per line, written as the rows come.
fn write_json(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    let keys: Vec<String> = table
        .columns
        .iter()
        .map(|c| serde_json::to_string(c).map_err(std::io::Error::other))
        .collect::<Result<_, _>>()?;
    out.write_all(b"[")?;
    for (i, row) in table.rows.iter().enumerate() {
        out.write_all(if i == 0 { b"\n  {" } else { b",\n  {" })?;
        for (j, (key, value)) in keys.iter().zip(row).enumerate() {
            if j > 0 {
                out.write_all(b", ")?;
            }
            write!(out, "{key}: ")?;
            serde_json::to_writer(&mut *out, &json(value))?;
        }
        out.write_all(b"}")?;
    }
    out.write_all(if table.rows.is_empty() {
        b"]\n"
    } else {
        b"\n]\n"
    })
}

fn json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(r) => {
            serde_json::Number::from_f64(*r).map_or(serde_json::Value::Null, Into::into)
        }
        Value::Text(t) => t.clone().into(),
        Value::Blob(_) => text(value).into(),
    }
}
