//! Date expressions in an article's text, resolved against its publication
//! day and the dates the text mentioned before them.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;

use crate::date::{Edtf, Precision};

/// A date expression found in the text and what it resolved to.
#[derive(Debug, Clone)]
pub struct DateExpr {
    /// Byte range of the expression in the article.
    pub span: Range<usize>,
    /// The resolved date.
    pub date: Edtf,
    /// How it is used: a point in time, a start (`since`), or the date of
    /// what follows `a few days after`.
    pub role: Role,
}

/// How a date expression relates to the clause it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `in March 2022`, `on Monday`, `at that time`.
    Point,
    /// `since March 2022`: the start of what the clause says.
    Since,
    /// `a few days after`: dates the event named after it.
    Before,
}

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const FEW: &str = "(?:a few|a couple of|several|two|three|four|five|six)";

/// The kinds of expression, tried at each place; the longest match wins.
#[derive(Debug, Clone, Copy)]
enum Shape {
    MonthDayYear,
    DayMonthYear,
    Iso,
    MonthPair,
    MonthYear,
    MonthDay,
    BareMonth,
    Year,
    Weekday,
    Relative,
    DaysBefore,
    DaysAfter,
    InDays,
    ThatTime,
    LaterThatYear,
    EarlierThatYear,
    FollowingYear,
}

static PATTERNS: LazyLock<Vec<(Shape, Regex)>> = LazyLock::new(|| {
    let p = |shape, pattern: String| (shape, super::regex(&pattern));
    let month = super::month_group();
    let month = month.as_str();
    vec![
        p(
            Shape::MonthDayYear,
            format!(r"\b{month} ([0-9]{{1,2}}),? ([0-9]{{4}})\b"),
        ),
        p(
            Shape::DayMonthYear,
            format!(r"\b([0-9]{{1,2}}) {month},? ([0-9]{{4}})\b"),
        ),
        p(
            Shape::Iso,
            r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b".to_string(),
        ),
        p(
            Shape::MonthPair,
            format!(r"\b{month} ?(?:and|to|through|or|-|–|—) ?{month},? ([0-9]{{4}})\b"),
        ),
        p(Shape::MonthYear, format!(r"\b{month},? ([0-9]{{4}})\b")),
        p(Shape::MonthDay, format!(r"\b{month} ([0-9]{{1,2}})\b")),
        p(
            Shape::BareMonth,
            format!(
                r"\b(?i:in|since|until|by|for|from|during|on|early|late|mid-|next|last|this) {month}\b"
            ),
        ),
        p(
            Shape::Year,
            r"\b(1[89][0-9]{2}|2[01][0-9]{2})\b".to_string(),
        ),
        p(
            Shape::Weekday,
            format!(r"\b(?:(?i:on|last) )?({})\b", WEEKDAYS.join("|")),
        ),
        p(
            Shape::Relative,
            r"\b(?i:(yesterday|today|tomorrow)|(last|next|this) (week|month|year))\b".to_string(),
        ),
        p(
            Shape::DaysBefore,
            format!(r"\b(?i:{FEW} days (?:ago|earlier|before))"),
        ),
        p(
            Shape::DaysAfter,
            format!(r"\b(?i:(?:just )?{FEW} days after)\b"),
        ),
        p(
            Shape::InDays,
            format!(r"\b(?i:in {FEW} days|{FEW} days later)\b"),
        ),
        p(
            Shape::ThatTime,
            r"\b(?i:at that time|at the time|back then)\b".to_string(),
        ),
        p(
            Shape::LaterThatYear,
            r"\b(?i:later that year|later in the year|later in that year)\b".to_string(),
        ),
        p(
            Shape::EarlierThatYear,
            r"\b(?i:earlier that year|earlier in the year|earlier this year)\b".to_string(),
        ),
        p(
            Shape::FollowingYear,
            r"\b(?i:the following year|a year later|the next year)\b".to_string(),
        ),
    ]
});

/// Words of a clause that look ahead of the publication day.
static AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(will|proposed|planned|scheduled|expected|due to|set to|upcoming)\b")
        .expect("valid pattern")
});

/// Finds and resolves the date expressions in `text[range]`, in order.
/// `context` is the last date the text mentioned before the range; it is
/// updated as expressions resolve.
pub fn find(
    text: &str,
    range: Range<usize>,
    published: Date,
    context: &mut Option<Edtf>,
) -> Vec<DateExpr> {
    let slice = &text[range.clone()];
    let mut found: Vec<(Range<usize>, Shape, regex::Captures)> = Vec::new();
    for (shape, re) in PATTERNS.iter() {
        for caps in re.captures_iter(slice) {
            let m = caps.get(0).expect("whole match");
            found.push((m.range(), *shape, caps));
        }
    }
    // Where expressions overlap, the longest wins (`March and April 2022`
    // over `since March`).
    // A leading preposition does not count (`since March` is no longer
    // than `March 2022`).
    let weight = |r: &Range<usize>, caps: &regex::Captures| {
        r.end - caps.get(1).map_or(r.start, |g| g.start().max(r.start))
    };
    found.sort_by_key(|(r, _, caps)| (std::cmp::Reverse(weight(r, caps)), r.start));
    let mut kept: Vec<(Range<usize>, Shape, regex::Captures)> = Vec::new();
    for candidate in found {
        if !kept
            .iter()
            .any(|(r, _, _)| r.start < candidate.0.end && candidate.0.start < r.end)
        {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|(r, _, _)| r.start);
    let looks_ahead = AHEAD.is_match(slice);
    let mut result = Vec::new();
    for (r, shape, caps) in kept {
        let lead = caps[0].to_lowercase();
        let before = &slice.as_bytes()[..r.start];
        let after_since =
            before.len() >= 6 && before[before.len() - 6..].eq_ignore_ascii_case(b"since ");
        let since = after_since || lead.starts_with("since");
        let ahead =
            (looks_ahead || lead.starts_with("for ") || lead.starts_with("next ")) && !after_since;
        let Some(date) = resolve(shape, &caps, published, context.as_ref(), ahead) else {
            continue;
        };
        let role = match shape {
            Shape::DaysAfter => Role::Before,
            _ if since => Role::Since,
            _ => Role::Point,
        };
        *context = Some(date.clone());
        result.push(DateExpr {
            span: range.start + r.start..range.start + r.end,
            date,
            role,
        });
    }
    result
}

/// Resolves one matched expression.
fn resolve(
    shape: Shape,
    caps: &regex::Captures,
    published: Date,
    context: Option<&Edtf>,
    ahead: bool,
) -> Option<Edtf> {
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
    let month = |i: usize| {
        caps.get(i)
            .and_then(|m| MONTHS.iter().position(|n| *n == m.as_str()))
            .map(|p| p as i8 + 1)
    };
    let anchor = context
        .filter(|c| c.precision() == Precision::Day)
        .map_or(published, Edtf::min);
    match shape {
        Shape::MonthDayYear => day(num(3)?, month(1)?, num(2)? as i8),
        Shape::DayMonthYear => day(num(3)?, month(2)?, num(1)? as i8),
        Shape::Iso => day(num(1)?, num(2)? as i8, num(3)? as i8),
        Shape::MonthPair => {
            let (year, a, b) = (num(3)?, month(1)?, month(2)?);
            edtf(&format!("{year:04}-{a:02}/{year:04}-{b:02}"))
        }
        Shape::MonthYear => edtf(&format!("{:04}-{:02}", num(2)?, month(1)?)),
        Shape::MonthDay => {
            let m = month(1)?;
            day(year_of_month(m, published, ahead), m, num(2)? as i8)
        }
        Shape::BareMonth => {
            let m = month(1)?;
            edtf(&format!("{:04}-{m:02}", year_of_month(m, published, ahead)))
        }
        Shape::Year => edtf(&caps[1]),
        Shape::Weekday => {
            let wanted = weekday(caps.get(1)?.as_str())?;
            let strictly_before = caps[0].to_lowercase().starts_with("last");
            // A clause about what lies ahead (`will meet on Wednesday`):
            // the next such day after publication; otherwise the last one
            // up to it.
            if ahead && !strictly_before {
                let mut d = published.tomorrow().ok()?;
                while d.weekday() != wanted {
                    d = d.tomorrow().ok()?;
                }
                return edtf(&d.to_string());
            }
            let mut d = if strictly_before {
                published.yesterday().ok()?
            } else {
                published
            };
            while d.weekday() != wanted {
                d = d.yesterday().ok()?;
            }
            edtf(&d.to_string())
        }
        Shape::Relative => relative(&caps[0].to_lowercase(), published),
        Shape::DaysBefore => days_range(anchor, -5, -2),
        Shape::DaysAfter => days_range(anchor, -5, -2),
        Shape::InDays => days_range(anchor, 2, 5),
        Shape::ThatTime => context.cloned(),
        Shape::LaterThatYear => {
            let c = context?;
            let last = c.max();
            let year = last.year();
            if c.precision() == Precision::Year {
                return edtf(&format!("{year:04}"));
            }
            if last.month() == 12 {
                return None;
            }
            edtf(&format!("{year:04}-{:02}/{year:04}-12", last.month() + 1))
        }
        Shape::EarlierThatYear => {
            let c = context.map_or(published, Edtf::min);
            let year = c.year();
            if c.month() == 1 {
                return edtf(&format!("{year:04}"));
            }
            edtf(&format!("{year:04}-01/{year:04}-{:02}", c.month() - 1))
        }
        Shape::FollowingYear => edtf(&format!("{:04}", context?.min().year() + 1)),
    }
}

/// The year of a month named without one: the publication year, or the
/// year before when the month lies ahead and the text does not look ahead;
/// the year after when it lies behind and the text looks ahead.
fn year_of_month(month: i8, published: Date, ahead: bool) -> i16 {
    match (month > published.month(), ahead) {
        (true, false) => published.year() - 1,
        (false, true) if month < published.month() => published.year() + 1,
        _ => published.year(),
    }
}

fn day(year: i16, month: i8, day: i8) -> Option<Edtf> {
    edtf(&format!("{year:04}-{month:02}-{day:02}"))
}

fn edtf(text: &str) -> Option<Edtf> {
    Edtf::parse(text).ok()
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        "Sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// `anchor + from days / anchor + to days`.
fn days_range(anchor: Date, from: i64, to: i64) -> Option<Edtf> {
    let a = anchor.checked_add(from.days()).ok()?;
    let b = anchor.checked_add(to.days()).ok()?;
    edtf(&format!("{a}/{b}"))
}

/// `yesterday`, `last week`, `next month`, ... from the publication day.
fn relative(expr: &str, published: Date) -> Option<Edtf> {
    let (y, m) = (published.year(), published.month());
    let month_text = |year: i16, month: i8| format!("{year:04}-{month:02}");
    let text = match expr {
        "yesterday" => published.yesterday().ok()?.to_string(),
        "today" => published.to_string(),
        "tomorrow" => published.tomorrow().ok()?.to_string(),
        "last week" | "this week" | "next week" => {
            let offset = published.weekday().to_monday_zero_offset() as i64;
            let monday = published.checked_sub(offset.days()).ok()?;
            let weeks = match expr {
                "last week" => -7,
                "next week" => 7,
                _ => 0,
            };
            let start = monday.checked_add(weeks.days()).ok()?;
            let end = start.checked_add(6.days()).ok()?;
            format!("{start}/{end}")
        }
        "last month" if m == 1 => month_text(y - 1, 12),
        "last month" => month_text(y, m - 1),
        "this month" => month_text(y, m),
        "next month" if m == 12 => month_text(y + 1, 1),
        "next month" => month_text(y, m + 1),
        "last year" => format!("{:04}", y - 1),
        "this year" => format!("{y:04}"),
        "next year" => format!("{:04}", y + 1),
        _ => return None,
    };
    edtf(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLISHED: Date = jiff::civil::date(2025, 5, 19);

    /// The dates `text` resolves to, as EDTF text, with `context` before it.
    fn dates(text: &str, context: Option<&str>) -> Vec<String> {
        let mut context = context.map(|c| Edtf::parse(c).unwrap());
        find(text, 0..text.len(), PUBLISHED, &mut context)
            .into_iter()
            .map(|d| d.date.text().to_string())
            .collect()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(dates("annexed in 2022 as part", None), ["2022"]);
        assert_eq!(
            dates("since March and April 2022.", None),
            ["2022-03/2022-04"]
        );
        assert_eq!(dates("held in June 2019", None), ["2019-06"]);
        assert_eq!(
            dates("on May 20, 2023 and 4 July 2024", None),
            ["2023-05-20", "2024-07-04"]
        );
        assert_eq!(dates("signed on 2024-02-29", None), ["2024-02-29"]);
    }

    #[test]
    fn weekdays_are_the_latest_such_day_on_or_before_publication() {
        assert_eq!(dates("spoke on Monday", None), ["2025-05-19"]);
        assert_eq!(dates("met on Friday", None), ["2025-05-16"]);
        assert_eq!(dates("met last Monday", None), ["2025-05-12"]);
    }

    #[test]
    fn weekdays_ahead_are_the_next_such_day_after_publication() {
        assert_eq!(dates("will meet on Wednesday", None), ["2025-05-21"]);
        assert_eq!(dates("talks scheduled for Monday", None), ["2025-05-26"]);
        assert_eq!(dates("are due to meet on Friday", None), ["2025-05-23"]);
        assert_eq!(dates("met on Wednesday", None), ["2025-05-14"]);
    }

    #[test]
    fn relative_expressions_read_against_publication() {
        assert_eq!(dates("a few days ago", None), ["2025-05-14/2025-05-17"]);
        assert_eq!(
            dates("came just a few days after talks", None),
            ["2025-05-14/2025-05-17"]
        );
        assert_eq!(dates("talks last week", None), ["2025-05-12/2025-05-18"]);
        assert_eq!(dates("talks next month", None), ["2025-06"]);
        assert_eq!(
            dates("talks in a few days", None),
            ["2025-05-21/2025-05-24"]
        );
        assert_eq!(dates("yesterday", None), ["2025-05-18"]);
    }

    #[test]
    fn bare_months_fall_in_the_year_that_makes_sense() {
        assert_eq!(dates("demanded since January", None), ["2025-01"]);
        assert_eq!(dates("rejected it in August", None), ["2024-08"]);
        assert_eq!(dates("a round is proposed for July", None), ["2025-07"]);
        assert_eq!(dates("May could be late", None), Vec::<String>::new());
    }

    #[test]
    fn expressions_that_refer_back() {
        assert_eq!(
            dates("At that time, the demand", Some("2022-03/2022-04")),
            ["2022-03/2022-04"]
        );
        assert_eq!(
            dates("and later that year, it", Some("2022-03/2022-04")),
            ["2022-05/2022-12"]
        );
        assert_eq!(dates("later that year", Some("2022")), ["2022"]);
        assert_eq!(
            dates("earlier that year", Some("2022-06")),
            ["2022-01/2022-05"]
        );
        assert_eq!(dates("the following year", Some("2022-06")), ["2023"]);
        assert_eq!(dates("at that time", None), Vec::<String>::new());
        // The running context follows the text.
        assert_eq!(
            dates(
                "in March and April 2022. At that time, later that year",
                None
            ),
            ["2022-03/2022-04", "2022-03/2022-04", "2022-05/2022-12"]
        );
    }

    #[test]
    fn roles() {
        let text = "the first talks since March 2022, a few days after they met";
        let found = find(text, 0..text.len(), PUBLISHED, &mut None);
        assert_eq!(found[0].role, Role::Since);
        assert_eq!(found[1].role, Role::Before);
    }
}
