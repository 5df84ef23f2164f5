//! The timeline chart: one row per demand, position and document, grouped
//! by party, a bar from the day it was first seen to the day it ended (or
//! to the window's end), a mark at each of its quotes, and the talks as
//! marks on a row of their own; with a time axis and a legend. Drawn with
//! the `svg` crate; every text from the database goes into text nodes,
//! which it escapes.

use jiff::civil::Date;
use rusqlite::types::Value;
use svg::Document;
use svg::node::element::{Circle, Group, Line, Polygon, Rectangle, Text, Title};

use crate::date::Edtf;
use crate::db::Reader;
use crate::error::Error;
use crate::output::Table;
use crate::query::{self, text_param};

/// What to draw: the window (ISO days; the data's own span when not
/// given) and the party.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// First day shown.
    pub from: Option<String>,
    /// Last day shown.
    pub to: Option<String>,
    /// Only this party's facts and talks (an id).
    pub party: Option<String>,
}

/// One bar of the chart.
struct Bar {
    group: String,
    kind: String,
    text: String,
    since: Date,
    until: Option<Date>,
    marks: Vec<(Date, Date)>,
}

/// One talk mark.
struct Talk {
    title: String,
    status: String,
    first: Date,
    last: Date,
}

const WIDTH: f64 = 1000.0;
const LABEL: f64 = 380.0;
const ROW: f64 = 20.0;
const TOP: f64 = 56.0;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// The color of each kind of fact.
fn color(kind: &str) -> &'static str {
    match kind {
        "demand" => "#c0392b",
        "position" => "#2471a3",
        "document" => "#7d3c98",
        _ => "#555555",
    }
}

/// The chart as an SVG document.
pub fn svg(db: &Reader, request: &Request) -> Result<String, Error> {
    let params = vec![
        (":from", text_param(request.from.as_deref())),
        (":to", text_param(request.to.as_deref())),
        (":party", text_param(request.party.as_deref())),
    ];
    let bars = bars(&query::LIFESPANS.run(db, &params)?);
    let talk_params = vec![
        (":from", text_param(request.from.as_deref())),
        (":to", text_param(request.to.as_deref())),
        (":party", text_param(request.party.as_deref())),
        (":status", Value::Null),
        (":as_of", Value::Null),
    ];
    let talks = talks(&query::TALKS.run(db, &talk_params)?);
    let (start, end) = window(request, &bars, &talks);
    Ok(draw(&bars, &talks, start, end).to_string())
}

fn day(text: &str) -> Option<Date> {
    text.parse().ok()
}

fn bars(table: &Table) -> Vec<Bar> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            let marks = table
                .text(row, "evidence")
                .split_whitespace()
                .filter_map(|m| {
                    let (a, b) = m.split_once("..")?;
                    Some((day(a)?, day(b)?))
                })
                .collect();
            let group = [table.text(row, "party_name"), table.text(row, "party")]
                .into_iter()
                .find(|g| !g.is_empty())
                .unwrap_or_else(|| "(no party named)".into());
            Some(Bar {
                group,
                kind: table.text(row, "kind"),
                text: table.text(row, "text"),
                since: day(&table.text(row, "since_min"))?,
                until: day(&table.text(row, "until_min")),
                marks,
            })
        })
        .collect()
}

fn talks(table: &Table) -> Vec<Talk> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            let date = Edtf::parse(&table.text(row, "date")).ok()?;
            // An open end (`2025-05-19/..`) is drawn at the known one.
            let (mut first, mut last) = (date.min(), date.max());
            if last.year() >= 9999 {
                last = first;
            }
            if first.year() <= 1 {
                first = last;
            }
            Some(Talk {
                title: table.text(row, "title"),
                status: table.text(row, "status"),
                first,
                last,
            })
        })
        .collect()
}

/// The days shown: the request's, else from the earliest day in the data
/// to the latest, each widened to whole months.
fn window(request: &Request, bars: &[Bar], talks: &[Talk]) -> (Date, Date) {
    let sane = |d: &Date| d.year() > 1 && d.year() < 9999;
    let days: Vec<Date> = bars
        .iter()
        .flat_map(|b| {
            let mut d = vec![b.since];
            d.extend(b.until);
            d.extend(b.marks.iter().flat_map(|&(x, y)| [x, y]));
            d
        })
        .chain(talks.iter().flat_map(|t| [t.first, t.last]))
        .filter(sane)
        .collect();
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let earliest = days.iter().min().copied().unwrap_or(today);
    let latest = days.iter().max().copied().unwrap_or(today);
    let start = request
        .from
        .as_deref()
        .and_then(day)
        .unwrap_or(earliest.first_of_month());
    let end = request
        .to
        .as_deref()
        .and_then(day)
        .unwrap_or(latest.last_of_month());
    if end > start {
        (start, end)
    } else {
        (start, start.tomorrow().unwrap_or(start))
    }
}

/// Lines of text for XML: control characters (not allowed there) dropped.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return clean(text);
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", clean(cut.trim_end()))
}

fn label(x: f64, y: f64, text: &str) -> Text {
    Text::new(clean(text))
        .set("x", x)
        .set("y", y)
        .set("font-size", 12)
        .set("fill", "#222")
}

/// Draws the chart of `bars` and `talks` between `start` and `end`.
fn draw(bars: &[Bar], talks: &[Talk], start: Date, end: Date) -> Document {
    let days = |d: Date| d.since(start).map_or(0, |s| s.get_days()) as f64;
    let total = days(end).max(1.0);
    let x = |d: Date| px(LABEL + (WIDTH - LABEL - 20.0) * (days(d.clamp(start, end)) / total));
    let mut y = TOP;
    let mut body = Group::new();
    let mut group: Option<&str> = None;
    for bar in bars {
        if group != Some(bar.group.as_str()) {
            group = Some(&bar.group);
            y += 6.0;
            body = body.add(heading(y, &bar.group));
            y += ROW;
        }
        body = body.add(bar_row(bar, y, &x, end));
        y += ROW;
    }
    // The talks, on their own row.
    y += 6.0;
    body = body.add(heading(y, "Talks"));
    for t in talks {
        let held = t.status == "held";
        let what = format!("{} ({}, {}..{})", t.title, t.status, t.first, t.last);
        let cx = (x(t.first) + x(t.last)) / 2.0;
        body = body.add(Group::new().add(Title::new(clean(&what))).add(diamond(
            cx,
            y + ROW / 2.0,
            held,
        )));
    }
    y += ROW + 10.0;
    let (legend, height) = legend(y + 10.0);
    Document::new()
        .set("font-family", FONT)
        .add(axis(start, end, &x, TOP - 8.0, y))
        .add(body)
        .add(legend)
        .set("viewBox", (0, 0, WIDTH, height))
        .set("width", WIDTH)
        .set("height", height)
        .set("role", "img")
}

/// A coordinate to a tenth of a pixel, which is plenty.
fn px(at: f64) -> f64 {
    (at * 10.0).round() / 10.0
}

/// A party's (or the talks') name above its rows.
fn heading(y: f64, text: &str) -> Text {
    label(8.0, y + 14.0, text)
        .set("font-weight", "bold")
        .set("font-size", 13)
}

/// One fact's row at `y`: its label, its bar (faint once it ended) and a
/// mark at each quote, with the whole text as a tooltip.
fn bar_row(bar: &Bar, y: f64, x: &dyn Fn(Date) -> f64, end: Date) -> Group {
    let (x0, x1) = (x(bar.since), x(bar.until.unwrap_or(end)));
    let until = bar
        .until
        .map(|u| format!(", until {u}"))
        .unwrap_or_default();
    let what = format!("{} ({}), since {}{until}", bar.text, bar.kind, bar.since);
    let mut row = Group::new()
        .add(Title::new(clean(&what)))
        .add(label(20.0, y + 14.0, &short(&bar.text, 52)))
        .add(
            Rectangle::new()
                .set("x", x0)
                .set("y", y + 5.0)
                .set("width", px((x1 - x0).max(3.0)))
                .set("height", ROW - 10.0)
                .set("rx", 3)
                .set("fill", color(&bar.kind))
                .set("fill-opacity", if bar.until.is_some() { 0.35 } else { 0.7 }),
        );
    for &(a, b) in &bar.marks {
        row = row.add(quote_mark((x(a) + x(b)) / 2.0, y + ROW / 2.0));
    }
    row
}

/// The mark of a quote.
fn quote_mark(cx: f64, cy: f64) -> Circle {
    Circle::new()
        .set("cx", px(cx))
        .set("cy", cy)
        .set("r", 3.5)
        .set("fill", "#fff")
        .set("stroke", "#111")
        .set("stroke-width", 1.2)
}

/// The mark of a talk: filled when held.
fn diamond(cx: f64, cy: f64, held: bool) -> Polygon {
    let (cx, cy) = (px(cx), px(cy));
    let points = format!(
        "{cx},{} {},{cy} {cx},{} {},{cy}",
        px(cy - 6.0),
        px(cx + 6.0),
        px(cy + 6.0),
        px(cx - 6.0)
    );
    Polygon::new()
        .set("points", points)
        .set("fill", if held { "#1e8449" } else { "#fff" })
        .set("stroke", "#1e8449")
        .set("stroke-width", 1.5)
}

/// Year (or month) ticks from `start` to `end` across the plot, with grid
/// lines down to `bottom`.
fn axis(start: Date, end: Date, x: &dyn Fn(Date) -> f64, top: f64, bottom: f64) -> Group {
    let mut g = Group::new();
    let months = i32::from(end.year() - start.year()) * 12 + i32::from(end.month())
        - i32::from(start.month());
    // The finest step whose labels (about 60 pixels each) fit the plot.
    let plot = WIDTH - LABEL - 20.0;
    let step = [1, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|&s| f64::from(months / s + 1) * 62.0 <= plot)
        .unwrap_or(120);
    let mut tick = start.first_of_month();
    while tick <= end {
        let month_index = i32::from(tick.month()) - 1;
        let shown = if step < 12 {
            month_index % step == 0
        } else {
            tick.month() == 1 && i32::from(tick.year()) % (step / 12) == 0
        };
        if shown {
            let tx = x(tick);
            let text = if step >= 12 {
                tick.year().to_string()
            } else {
                format!("{}-{:02}", tick.year(), tick.month())
            };
            g = g
                .add(
                    Line::new()
                        .set("x1", tx)
                        .set("x2", tx)
                        .set("y1", top)
                        .set("y2", bottom)
                        .set("stroke", "#ddd"),
                )
                .add(
                    label(tx + 2.0, top - 4.0, &text)
                        .set("font-size", 11)
                        .set("fill", "#555"),
                );
        }
        match tick.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => tick = next,
            Err(_) => break,
        }
    }
    g.add(
        label(8.0, 20.0, &format!("{start} to {end}"))
            .set("font-size", 14)
            .set("font-weight", "bold"),
    )
}

/// The legend below the rows; returns it and the chart's full height.
fn legend(top: f64) -> (Group, f64) {
    let swatch = |x: f64, y: f64, fill: &str, opacity: f64| {
        Rectangle::new()
            .set("x", x)
            .set("y", y)
            .set("width", 24)
            .set("height", 10)
            .set("rx", 3)
            .set("fill", fill)
            .set("fill-opacity", opacity)
    };
    let mut g = Group::new();
    let mut x = 20.0;
    let y = top + 10.0;
    for kind in ["demand", "position", "document"] {
        g = g
            .add(swatch(x, y, color(kind), 0.7))
            .add(label(x + 30.0, y + 10.0, kind));
        x += 110.0;
    }
    g = g
        .add(swatch(x, y, "#888", 0.35))
        .add(label(x + 30.0, y + 10.0, "ended"));
    x += 90.0;
    g = g
        .add(quote_mark(x + 5.0, y + 5.0))
        .add(label(x + 14.0, y + 10.0, "a quote"));
    x += 90.0;
    for (held, text) in [
        (true, "talk held"),
        (false, "talk planned, proposed, postponed or cancelled"),
    ] {
        g = g
            .add(diamond(x + 6.0, y + 5.0, held))
            .add(label(x + 18.0, y + 10.0, text));
        x += 100.0;
    }
    (g, y + 30.0)
}
