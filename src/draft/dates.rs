//! Date expressions in an article's text, resolved against its publication
//! day and the dates the text mentioned before them.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;

use super::lexicon::{self, EN, Unit};
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

/// The kinds of expression, tried at each place; the longest match wins.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    MonthDayYear,
    DayMonthYear,
    Iso,
    MonthPair,
    MonthYear,
    MonthRelativeYear,
    MonthDay,
    DayMonth,
    DayRange,
    MonthDayRange,
    BareMonth,
    Year,
    Weekday,
    Relative,
    Season,
    SeasonOfYear,
    DaysBefore,
    DaysAfter,
    InDays,
    WeekLater,
    SinceThen,
    ThatTime,
    LaterThatYear,
    EarlierThatYear,
    EarlierThisYear,
    LaterThisYear,
    SeasonAhead,
    FollowingYear,
}

static PATTERNS: LazyLock<Vec<(Shape, Regex)>> = LazyLock::new(|| {
    let d = &EN.dates;
    let month = lexicon::group(&d.months);
    let month = month.as_str();
    let seasons = d
        .seasons
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join("|");
    let years: Vec<String> = d
        .relative
        .iter()
        .filter(|r| r.unit == Unit::Year)
        .map(|r| r.phrase.clone())
        .collect();
    let any = |list: &[String]| {
        list.join("|")
            .replace("{few}", &format!("(?:{})", d.few.join("|")))
    };
    let p = |shape, pattern: String| (shape, pattern);
    let range = format!("(?:{})", d.range_words.join("|"));
    let shapes = vec![
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
            format!(r"\b{month} ?{range} ?{month},? ([0-9]{{4}})\b"),
        ),
        p(Shape::MonthYear, format!(r"\b{month},? ([0-9]{{4}})\b")),
        p(
            Shape::MonthRelativeYear,
            format!(r"\b{month},? (?i:({}))\b", any(&years)),
        ),
        p(Shape::MonthDay, format!(r"\b{month} ([0-9]{{1,2}})\b")),
        p(Shape::DayMonth, format!(r"\b([0-9]{{1,2}}) {month}\b")),
        p(
            Shape::DayRange,
            format!(r"\b([0-9]{{1,2}}) ?{range} ?([0-9]{{1,2}}) {month}(?:,? ([0-9]{{4}}))?\b"),
        ),
        p(
            Shape::MonthDayRange,
            format!(r"\b{month} ([0-9]{{1,2}}) ?{range} ?([0-9]{{1,2}})(?:,? ([0-9]{{4}}))?\b"),
        ),
        p(
            Shape::BareMonth,
            format!(r"\b(?i:{}) {month}\b", any(&d.month_leads)),
        ),
        p(
            Shape::Year,
            r"\b(1[89][0-9]{2}|2[01][0-9]{2})\b".to_string(),
        ),
        p(
            Shape::Weekday,
            format!(
                r"\b(?:(?i:{}) )?{}\b",
                any(&d.weekday_leads),
                lexicon::group(&d.weekdays)
            ),
        ),
        p(
            Shape::Relative,
            format!(
                r"\b(?i:{})\b",
                d.relative
                    .iter()
                    .map(|r| r.phrase.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            ),
        ),
        p(
            Shape::Season,
            format!(r"\b(?i:({}) ({seasons}))\b", any(&d.season_leads)),
        ),
        p(
            Shape::SeasonOfYear,
            format!(r"\b(?i:({seasons}) of ([0-9]{{4}}))\b"),
        ),
        p(
            Shape::DaysBefore,
            format!(r"\b(?i:(?:{}) (?:{}))", any(&d.few), any(&d.days_before)),
        ),
        p(
            Shape::DaysAfter,
            format!(r"\b(?i:{})\b", any(&d.days_after)),
        ),
        p(Shape::InDays, format!(r"\b(?i:{})\b", any(&d.days_later))),
        p(
            Shape::WeekLater,
            format!(r"\b(?i:{})\b", any(&d.week_later)),
        ),
        p(
            Shape::SinceThen,
            format!(r"\b(?i:{})\b", any(&d.since_then)),
        ),
        p(Shape::ThatTime, format!(r"\b(?i:{})\b", any(&d.that_time))),
        p(
            Shape::LaterThatYear,
            format!(r"\b(?i:{})\b", any(&d.later_that_year)),
        ),
        p(
            Shape::EarlierThatYear,
            format!(r"\b(?i:{})\b", any(&d.earlier_that_year)),
        ),
        p(
            Shape::EarlierThisYear,
            format!(r"\b(?i:{})\b", any(&d.earlier_this_year)),
        ),
        p(
            Shape::LaterThisYear,
            format!(r"\b(?i:{})\b", any(&d.later_this_year)),
        ),
        p(
            Shape::SeasonAhead,
            format!(r"\b(?i:(?:{}) ({seasons}))\b", any(&d.season_ahead_leads)),
        ),
        p(
            Shape::FollowingYear,
            format!(r"\b(?i:{})\b", any(&d.following_year)),
        ),
    ];
    let mut compiled = lexicon::compile_all(shapes.iter().map(|(_, p)| p.clone()).collect());
    shapes
        .into_iter()
        .map(|(shape, pattern)| {
            let re = compiled
                .remove(&pattern)
                .unwrap_or_else(|| lexicon::compile(&pattern))
                .unwrap_or_else(|e| panic!("src/draft/en.toml [dates]: {e}"));
            (shape, re)
        })
        .collect()
});

/// True when `text` (lower case) begins with one of `words` and a space
/// or its end.
fn starts_with_word(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| {
        text.strip_prefix(w.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })
}

/// True when `text` (lower case) ends with one of `words` and a space.
fn ends_with_word(text: &str, words: &[String]) -> bool {
    let Some(text) = text.strip_suffix(char::is_whitespace) else {
        return false;
    };
    words.iter().any(|w| {
        text.strip_suffix(w.as_str())
            .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
    })
}

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
    // `has since` names no date of its own: a date it runs into wins
    // (`has since January` is since January).
    let weight = |r: &Range<usize>, shape: Shape, caps: &regex::Captures| {
        if shape == Shape::SinceThen {
            return 0;
        }
        r.end - caps.get(1).map_or(r.start, |g| g.start().max(r.start))
    };
    found.sort_by_key(|(r, shape, caps)| (std::cmp::Reverse(weight(r, *shape, caps)), r.start));
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
    let looks_ahead = EN.ahead.is_match(slice);
    let mut result = Vec::new();
    for (r, shape, caps) in kept {
        // `last summer's crop losses`: a date that qualifies a noun says
        // nothing of when the clause's fact held.
        if EN
            .dates
            .possessive
            .iter()
            .any(|p| slice[r.end..].starts_with(p.as_str()))
        {
            continue;
        }
        let lead = caps[0].to_lowercase();
        let before = super::text::tail(&slice[..r.start], 32).to_lowercase();
        let after_since = ends_with_word(&before, &EN.dates.since);
        let since = after_since || starts_with_word(&lead, &EN.dates.since);
        // `by January 31`: a deadline lies ahead of what sets it.
        let deadline = EN.deadline.is_match(&before) || EN.deadline_lead.is_match(&lead);
        let ahead = (looks_ahead || deadline || starts_with_word(&lead, &EN.dates.ahead_leads))
            && !after_since;
        // `since <month>` counts back from publication, and a deadline
        // ahead of it, not from the narrative's last date (`has since
        // January worked ...`).
        let narrative = if since || deadline {
            None
        } else {
            context.as_ref()
        };
        let Some(date) = resolve(
            shape,
            &caps,
            published,
            (context.as_ref(), narrative),
            ahead,
        ) else {
            continue;
        };
        let role = match shape {
            Shape::DaysAfter => Role::Before,
            Shape::SinceThen => Role::Since,
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
    (context, narrative): (Option<&Edtf>, Option<&Edtf>),
    ahead: bool,
) -> Option<Edtf> {
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
    let month = |i: usize| {
        caps.get(i)
            .and_then(|m| EN.dates.months.iter().position(|n| n == m.as_str()))
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
        Shape::MonthRelativeYear => {
            let phrase = caps[2].to_lowercase();
            let year = EN.dates.relative.iter().find(|r| r.phrase == phrase)?;
            let year = i64::from(published.year()) + i64::from(year.offset);
            edtf(&format!("{year:04}-{:02}", month(1)?))
        }
        Shape::MonthDay => {
            let m = month(1)?;
            day(
                year_of_month(m, published, narrative, ahead),
                m,
                num(2)? as i8,
            )
        }
        Shape::DayMonth => {
            let m = month(2)?;
            day(
                year_of_month(m, published, narrative, ahead),
                m,
                num(1)? as i8,
            )
        }
        Shape::DayRange | Shape::MonthDayRange => {
            let (m, first, last) = match shape {
                Shape::DayRange => (month(3)?, num(1)?, num(2)?),
                _ => (month(1)?, num(2)?, num(3)?),
            };
            let year = num(4).unwrap_or_else(|| year_of_month(m, published, narrative, ahead));
            let (a, b) = (day(year, m, first as i8)?, day(year, m, last as i8)?);
            (a.min() < b.min()).then(|| edtf(&format!("{}/{}", a.min(), b.min())))?
        }
        Shape::BareMonth => {
            let m = month(1)?;
            edtf(&format!(
                "{:04}-{m:02}",
                year_of_month(m, published, narrative, ahead)
            ))
        }
        Shape::Year => edtf(&caps[1]),
        Shape::Weekday => {
            let wanted = weekday(caps.get(1)?.as_str())?;
            let strictly_before = starts_with_word(&caps[0].to_lowercase(), &EN.dates.last);
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
        Shape::Season => season(&caps[2], Some(&caps[1]), None, published),
        Shape::SeasonOfYear => season(&caps[1], None, caps[2].parse().ok(), published),
        Shape::DaysBefore => days_range(anchor, -5, -2),
        Shape::DaysAfter => days_range(anchor, -5, -2),
        Shape::InDays => days_range(anchor, 2, 5),
        // `a week later`: seven days after the day mentioned last.
        Shape::WeekLater => {
            let c = context.filter(|c| c.precision() == Precision::Day)?;
            edtf(&c.min().checked_add(7.days()).ok()?.to_string())
        }
        // `has since dropped it`: from the date mentioned last to
        // publication.
        Shape::SinceThen => {
            let c = context?;
            (c.min() <= published).then(|| edtf(&format!("{}/{published}", c.min())))?
        }
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
        Shape::EarlierThisYear => {
            let year = published.year();
            edtf(&format!("{year:04}-01/{year:04}-{:02}", published.month()))
        }
        Shape::LaterThisYear => {
            let year = published.year();
            match published.month() {
                12 => edtf(&format!("{year:04}-12")),
                m => edtf(&format!("{year:04}-{:02}/{year:04}-12", m + 1)),
            }
        }
        Shape::SeasonAhead if ahead => season_ahead(&caps[1], published),
        Shape::SeasonAhead => None,
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

/// The year of a month named without one. After a date of an earlier year
/// than the publication's, the text tells of that time: the month falls in
/// that year, or the next one when it comes before the date's month
/// (`in December ... in January`), unless that lies past the publication
/// month. (A date of a later year, `could slip to next spring`, tells of no
/// time the text is in.) Otherwise the publication year, or the year before
/// when the month lies ahead and the text does not look ahead; the year
/// after when it lies behind and the text looks ahead.
fn year_of_month(month: i8, published: Date, context: Option<&Edtf>, ahead: bool) -> i16 {
    if let Some(c) = context
        .map(Edtf::min)
        .filter(|c| c.year() < published.year())
    {
        let year = if month >= c.month() {
            c.year()
        } else {
            c.year() + 1
        };
        let past_publication = (year, month) > (published.year(), published.month());
        if !past_publication || ahead {
            return year;
        }
    }
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
    let i = EN.dates.weekdays.iter().position(|w| w == name)?;
    Some(Weekday::Monday.wrapping_add(i as i64))
}

/// `anchor + from days / anchor + to days`.
fn days_range(anchor: Date, from: i64, to: i64) -> Option<Edtf> {
    let a = anchor.checked_add(from.days()).ok()?;
    let b = anchor.checked_add(to.days()).ok()?;
    edtf(&format!("{a}/{b}"))
}

/// `last autumn`, `this spring`, `the summer of 2024`: the months of the
/// season in the year given, else counted from the latest such season
/// begun by publication: `last` is that one, or the one before when
/// publication falls within it; `this` that one; `next` the one after.
fn season(name: &str, lead: Option<&str>, year: Option<i16>, published: Date) -> Option<Edtf> {
    let name = name.to_lowercase();
    let s = EN.dates.seasons.iter().find(|s| s.name == name)?;
    let year = match year {
        Some(y) => y,
        None => {
            let lead = lead?.to_lowercase();
            let offset = EN
                .dates
                .relative
                .iter()
                .find(|r| {
                    r.unit == Unit::Year && r.phrase.split_whitespace().next() == Some(&lead)
                })?
                .offset;
            let begun = if s.first <= published.month() {
                published.year()
            } else {
                published.year() - 1
            };
            let ends = (begun + i16::from(s.last < s.first), s.last);
            let within = (published.year(), published.month()) <= ends;
            match offset {
                -1 if within => begun - 1,
                o => begun + i16::from(o.max(0)),
            }
        }
    };
    let last_year = if s.last < s.first { year + 1 } else { year };
    edtf(&format!(
        "{year:04}-{:02}/{last_year:04}-{:02}",
        s.first, s.last
    ))
}

/// The season `name` that is the next to end on or after the
/// publication month: the one under way, else the next.
fn season_ahead(name: &str, published: Date) -> Option<Edtf> {
    let name = name.to_lowercase();
    let s = EN.dates.seasons.iter().find(|s| s.name == name)?;
    let wraps = i16::from(s.last < s.first);
    let now = (published.year(), published.month());
    let year = (published.year() - 1..=published.year())
        .find(|y| now <= (y + wraps, s.last))
        .unwrap_or(published.year() + 1);
    edtf(&format!(
        "{year:04}-{:02}/{:04}-{:02}",
        s.first,
        year + wraps,
        s.last
    ))
}

/// `yesterday`, `last week`, `next month`, ... from the publication day.
fn relative(expr: &str, published: Date) -> Option<Edtf> {
    let period = EN.dates.relative.iter().find(|r| r.phrase == expr)?;
    let offset = i64::from(period.offset);
    let text = match period.unit {
        Unit::Day => published.checked_add(offset.days()).ok()?.to_string(),
        Unit::Week => {
            let monday_offset = published.weekday().to_monday_zero_offset() as i64;
            let monday = published.checked_sub(monday_offset.days()).ok()?;
            let start = monday.checked_add((7 * offset).days()).ok()?;
            let end = start.checked_add(6.days()).ok()?;
            format!("{start}/{end}")
        }
        Unit::Month => {
            let first = published
                .first_of_month()
                .checked_add(offset.months())
                .ok()?;
            format!("{:04}-{:02}", first.year(), first.month())
        }
        Unit::Year => format!("{:04}", i64::from(published.year()) + offset),
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

    /// Published 2025-05-19: a day before its month, and ranges of days.
    #[test]
    fn days_before_their_month_and_ranges_of_days() {
        assert_eq!(dates("signed on 21 February", None), ["2025-02-21"]);
        assert_eq!(dates("signed on 21 February 2023", None), ["2023-02-21"]);
        assert_eq!(
            dates("held from 2 to 7 October 2024", None),
            ["2024-10-02/2024-10-07"]
        );
        assert_eq!(dates("met on May 12-14", None), ["2025-05-12/2025-05-14"]);
        assert_eq!(
            dates("between 3 and 5 March", None),
            ["2025-03-03/2025-03-05"]
        );
        // Not a range: the end before the start, or no such day.
        assert_eq!(
            dates("from 7 to 2 October 2024", None),
            Vec::<String>::new()
        );
        assert_eq!(dates("45 to 30 March", None), Vec::<String>::new());
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
        assert_eq!(dates("a summit later this year", None), ["2025-06/2025-12"]);
    }

    /// Periods counted across the turn of a year, from a day in January
    /// and one in December.
    #[test]
    fn periods_across_the_turn_of_a_year() {
        let on = |text: &str, day: Date| {
            find(text, 0..text.len(), day, &mut None)
                .into_iter()
                .map(|d| d.date.text().to_string())
                .collect::<Vec<_>>()
        };
        let january = jiff::civil::date(2025, 1, 1);
        let december = jiff::civil::date(2024, 12, 31);
        assert_eq!(on("met last month", january), ["2024-12"]);
        assert_eq!(on("meet next month", december), ["2025-01"]);
        assert_eq!(on("met yesterday", january), ["2024-12-31"]);
        assert_eq!(on("meet tomorrow", december), ["2025-01-01"]);
        assert_eq!(on("met last week", january), ["2024-12-23/2024-12-29"]);
        assert_eq!(on("met last year", january), ["2024"]);
        assert_eq!(on("meet this week", january), ["2024-12-30/2025-01-05"]);
    }

    #[test]
    fn bare_months_fall_in_the_year_that_makes_sense() {
        assert_eq!(dates("demanded since January", None), ["2025-01"]);
        assert_eq!(dates("rejected it in August", None), ["2024-08"]);
        assert_eq!(dates("a round is proposed for July", None), ["2025-07"]);
        assert_eq!(dates("May could be late", None), Vec::<String>::new());
    }

    /// After a date of an earlier year, bare months tell of that time, in
    /// order: the next such month from the date (published 2025-05-19).
    #[test]
    fn bare_months_after_a_date_of_another_year_follow_it() {
        assert_eq!(dates("in September", Some("2023-06")), ["2023-09"]);
        assert_eq!(dates("in January", Some("2023-12")), ["2024-01"]);
        assert_eq!(dates("in March", Some("2019")), ["2019-03"]);
        // Not past the publication month, unless the text looks ahead.
        assert_eq!(dates("in August", Some("2024-12")), ["2024-08"]);
        assert_eq!(dates("will meet in August", Some("2024-12")), ["2025-08"]);
        // A date of the publication year leaves the usual reading, and so
        // does one of a later year (`could slip to next spring`).
        assert_eq!(dates("in August", Some("2025-02")), ["2024-08"]);
        assert_eq!(
            dates("will meet on June 12", Some("2026-03/2026-05")),
            ["2025-06-12"]
        );
        assert_eq!(dates("in March", Some("2026-03/2026-05")), ["2025-03"]);
    }

    /// Published 2025-05-19: a deadline lies ahead, whatever the
    /// narrative's year.
    #[test]
    fn deadlines_lie_ahead() {
        assert_eq!(
            dates("had asked them to answer by May 31", None),
            ["2025-05-31"]
        );
        assert_eq!(
            dates("to respond by January 31", Some("2022-12")),
            ["2026-01-31"]
        );
        assert_eq!(
            dates("had answered on January 31", Some("2022-12")),
            ["2023-01-31"]
        );
    }

    /// Published 2025-05-19: seasons, only with a year or with `last`,
    /// `this` or `next`.
    #[test]
    fn seasons() {
        assert_eq!(
            dates("last autumn we gave it up", None),
            ["2024-09/2024-11"]
        );
        assert_eq!(dates("last spring", None), ["2024-03/2024-05"]);
        assert_eq!(dates("this spring", None), ["2025-03/2025-05"]);
        assert_eq!(dates("next winter", None), ["2025-12/2026-02"]);
        assert_eq!(dates("in the autumn of 2025", None), ["2025-09/2025-11"]);
        assert_eq!(dates("last autumn", Some("2022-02")), ["2024-09/2024-11"]);
        // `in the autumn` in a clause that looks ahead: the next to end.
        assert_eq!(
            dates("proposed that they meet again in the autumn", None),
            ["2025-09/2025-11"]
        );
        assert_eq!(
            dates("they will meet in the winter", None),
            ["2025-12/2026-02"]
        );
        assert_eq!(dates("we met in the autumn", None), Vec::<String>::new());
        assert_eq!(
            dates("during the summer irrigation season", None),
            Vec::<String>::new()
        );
        assert_eq!(
            dates("for last summer’s crop losses", None),
            Vec::<String>::new()
        );
    }

    /// Published 2025-05-19: `a week later` counts from the day mentioned
    /// last, `has since` runs from the date mentioned last to publication
    /// (and starts what the clause says), and `next` looks ahead.
    #[test]
    fn a_week_later_since_then_and_next() {
        assert_eq!(
            dates("objected a week later", Some("2024-12-04")),
            ["2024-12-11"]
        );
        assert_eq!(
            dates("objected a week later", Some("2024-12")),
            Vec::<String>::new()
        );
        let mut context = Edtf::parse("2025-02-21").ok();
        let found = find("it has since dropped it", 0..23, PUBLISHED, &mut context);
        assert_eq!(found[0].date.text(), "2025-02-21/2025-05-19");
        assert_eq!(found[0].role, Role::Since);
        // A date it runs into is what it runs from.
        let found = find("it has since January held", 0..25, PUBLISHED, &mut context);
        assert_eq!(found[0].date.text(), "2025-01");
        assert_eq!(found[0].role, Role::Since);
        assert_eq!(dates("when they next meet in July", None), ["2025-07"]);
    }

    #[test]
    fn months_of_a_year_counted_from_publication() {
        assert_eq!(dates("in March last year", None), ["2024-03"]);
        assert_eq!(dates("since June this year", None), ["2025-06"]);
        assert_eq!(dates("by March next year", None), ["2026-03"]);
        // `earlier this year` runs to the publication month, `earlier
        // that year` to the month before the date it refers to.
        assert_eq!(dates("earlier this year", None), ["2025-01/2025-05"]);
        assert_eq!(
            dates("earlier that year", Some("2022-06")),
            ["2022-01/2022-05"]
        );
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
