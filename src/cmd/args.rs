//! Argument types and checks that several commands share.

use crate::date::Edtf;
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};
use rusqlite::types::Value;

/// A date argument: an EDTF date or `present` (today).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateArg {
    /// First day it covers, ISO.
    pub first: String,
    /// Last day it covers, ISO.
    pub last: String,
}

impl DateArg {
    /// Parses `present` or an EDTF date, for clap.
    pub fn parse(text: &str) -> Result<DateArg, String> {
        if text == "present" {
            return Ok(DateArg::present());
        }
        let date = Edtf::parse(text).map_err(|e| format!("{e}; or write `present`"))?;
        Ok(DateArg {
            first: date.min_iso(),
            last: date.max_iso(),
        })
    }

    /// The first day of an optional date, as a parameter (NULL if none).
    pub fn first_day(date: &Option<DateArg>) -> Value {
        text_param(date.as_ref().map(|d| d.first.as_str()))
    }

    /// The last day of an optional date, as a parameter (NULL if none).
    pub fn last_day(date: &Option<DateArg>) -> Value {
        text_param(date.as_ref().map(|d| d.last.as_str()))
    }

    /// Today (UTC).
    pub fn present() -> DateArg {
        let today = jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
            .to_string();
        DateArg {
            first: today.clone(),
            last: today,
        }
    }
}

/// The registries a filter may name an entry of.
#[derive(Debug, Clone, Copy)]
pub enum Registry {
    /// `parties.toml`'s parties.
    Party,
    /// `issues.toml`'s issues.
    Issue,
}

impl Registry {
    fn table(self) -> &'static str {
        match self {
            Registry::Party => "parties",
            Registry::Issue => "issues",
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Registry::Party => "party",
            Registry::Issue => "issue",
        }
    }
}

/// Refuses a filter naming no entry of `registry` (which would just give no
/// rows), with the nearest ids as a hint.
pub fn known(db: &Reader, registry: Registry, id: Option<&str>) -> Result<(), Error> {
    let Some(id) = id else { return Ok(()) };
    let known = query::ids(&db.conn, registry.table()).map_err(db.failed())?;
    if known.iter().any(|k| k == id) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "no {} has the id `{id}`{}",
        registry.kind(),
        did_you_mean(id, &known)
    )))
}

/// `; did you mean a or b?` for the known ids nearest `id`, or nothing.
pub fn did_you_mean(id: &str, known: &[String]) -> String {
    match crate::diag::nearest(id, known.iter().map(String::as_str)).as_slice() {
        [] => String::new(),
        close => format!("; did you mean {}?", close.join(" or ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_arguments_cover_their_days() {
        let d = DateArg::parse("2022").unwrap();
        assert_eq!(
            (d.first.as_str(), d.last.as_str()),
            ("2022-01-01", "2022-12-31")
        );
        assert!(DateArg::parse("2022-13").is_err());
        assert_eq!(DateArg::parse("present").unwrap().first.len(), 10);
    }
}
