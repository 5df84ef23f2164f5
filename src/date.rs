//! The EDTF subset of the seed format: `2022`, `2022-03`, `2022-03-15`, each
//! optionally followed by `~`, `?` or `%`, and intervals `A/B` whose ends may
//! be `..` (open).
//!
//! Every date covers a range of days; comparisons use its earliest and latest
//! day. Open ends become the sentinel days [`EARLIEST`] and [`LATEST`], so
//! that plain string comparison of ISO days works in SQL.

use std::fmt;

use jiff::civil::Date;

/// The day an open interval start (`../2022`) stands for.
pub const EARLIEST: Date = jiff::civil::date(1, 1, 1);
/// The day an open interval end (`2022/..`) stands for.
pub const LATEST: Date = jiff::civil::date(9999, 12, 31);

/// A parsed EDTF date: its text as written and the days it may cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edtf {
    text: String,
    min: Date,
    max: Date,
    precision: Precision,
}

/// How precise a single (non-interval) date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// `2022`
    Year,
    /// `2022-03`
    Month,
    /// `2022-03-15`
    Day,
    /// `A/B`
    Interval,
}

/// Why a text is not a date of the supported EDTF subset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(String);

impl Edtf {
    /// The single day `day` (of the years 0000 to 9999 that dates here
    /// are read from).
    pub fn of_day(day: Date) -> Edtf {
        Edtf::parse(&day.to_string()).expect("a day of years 0000-9999 is a date")
    }

    /// Parses `text`, rejecting impossible calendar dates such as `2023-02-29`.
    pub fn parse(text: &str) -> Result<Edtf, DateError> {
        if text.trim() != text || text.is_empty() {
            return Err(DateError(format!(
                "`{text}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"
            )));
        }
        if let Some((start, end)) = text.split_once('/') {
            let (min, _) = match start {
                ".." => (EARLIEST, EARLIEST),
                _ => single(start)?,
            };
            let (_, max) = match end {
                ".." => (LATEST, LATEST),
                _ => single(end)?,
            };
            if start == ".." && end == ".." {
                return Err(DateError(format!("`{text}` is open at both ends")));
            }
            if min > max {
                return Err(DateError(format!(
                    "`{text}` ends before it starts: write the earlier date first"
                )));
            }
            return Ok(Edtf {
                text: text.to_string(),
                min,
                max,
                precision: Precision::Interval,
            });
        }
        let (min, max) = single(text)?;
        let digits = text.trim_end_matches(['~', '?', '%']).len();
        let precision = match digits {
            4 => Precision::Year,
            7 => Precision::Month,
            _ => Precision::Day,
        };
        Ok(Edtf {
            text: text.to_string(),
            min,
            max,
            precision,
        })
    }

    /// The date as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The earliest day the date may stand for.
    pub fn min(&self) -> Date {
        self.min
    }

    /// The latest day the date may stand for.
    pub fn max(&self) -> Date {
        self.max
    }

    /// Year, month or day precision, or an interval.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The earliest day as ISO text (`2022-03-01`).
    pub fn min_iso(&self) -> String {
        self.min.to_string()
    }

    /// The latest day as ISO text (`2022-03-31`).
    pub fn max_iso(&self) -> String {
        self.max.to_string()
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Parses one `YYYY[-MM[-DD]][~?%]` date into its first and last day.
fn single(text: &str) -> Result<(Date, Date), DateError> {
    let bare = text.strip_suffix(['~', '?', '%']).unwrap_or(text);
    let bad = || {
        DateError(format!(
            "`{text}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %"
        ))
    };
    let parts: Vec<&str> = bare.split('-').collect();
    let widths_ok = match parts.as_slice() {
        [y] => y.len() == 4,
        [y, m] => y.len() == 4 && m.len() == 2,
        [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
        _ => false,
    };
    if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    let number = |p: &str| p.parse::<i16>().map_err(|_| bad());
    let year = number(parts[0])?;
    if year == 0 {
        return Err(DateError(format!("`{text}`: year 0000 is not supported")));
    }
    let month = |m: i16| -> Result<i8, DateError> {
        if (1..=12).contains(&m) {
            Ok(m as i8)
        } else {
            Err(DateError(format!(
                "`{text}`: month {m:02} does not exist (months run 01 to 12)"
            )))
        }
    };
    let day = |y: i16, m: i8, d: i16| -> Result<Date, DateError> {
        i8::try_from(d)
            .ok()
            .and_then(|d| Date::new(y, m, d).ok())
            .ok_or_else(|| {
                DateError(format!(
                    "`{text}`: day {d:02} does not exist in {y:04}-{m:02}"
                ))
            })
    };
    match parts.as_slice() {
        [_] => Ok((day(year, 1, 1)?, day(year, 12, 31)?)),
        [_, m] => {
            let m = month(number(m)?)?;
            let first = day(year, m, 1)?;
            Ok((first, first.last_of_month()))
        }
        [_, m, d] => {
            let m = month(number(m)?)?;
            let date = day(year, m, number(d)?)?;
            Ok((date, date))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> (String, String) {
        let d = Edtf::parse(text).unwrap();
        (d.min_iso(), d.max_iso())
    }

    #[test]
    fn precisions_cover_their_days() {
        assert_eq!(days("2022"), ("2022-01-01".into(), "2022-12-31".into()));
        assert_eq!(days("2024-02"), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(days("2023-02"), ("2023-02-01".into(), "2023-02-28".into()));
        assert_eq!(
            days("2025-05-19"),
            ("2025-05-19".into(), "2025-05-19".into())
        );
        assert_eq!(days("2025-05~"), ("2025-05-01".into(), "2025-05-31".into()));
        assert_eq!(
            days("2022-03/2022-04"),
            ("2022-03-01".into(), "2022-04-30".into())
        );
        assert_eq!(days("2022/.."), ("2022-01-01".into(), "9999-12-31".into()));
        assert_eq!(
            days("../2022-04%"),
            ("0001-01-01".into(), "2022-04-30".into())
        );
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for bad in [
            "2023-02-29",
            "2022-13",
            "2022-00",
            "2022-04-31",
            "22",
            "2022-3",
            "2022-03-1",
            "",
            " 2022",
            "2022~~",
            "0000",
            "../..",
            "2023/2022",
            "2022/2023/2024",
            "+2022",
            "２０２２",
        ] {
            assert!(Edtf::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn messages_say_what_is_wrong() {
        let e = Edtf::parse("2023-02-29").unwrap_err().to_string();
        assert!(e.contains("day 29 does not exist in 2023-02"), "{e}");
        let e = Edtf::parse("2022-13").unwrap_err().to_string();
        assert!(e.contains("month 13 does not exist"), "{e}");
    }
}
