//! Argument types and checks that several commands share.

use crate::date::Edtf;
use crate::db::Reader;
use crate::error::Error;
use crate::query::text_param;
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

/// Every name an entry of `registry` goes by, with its id: ids, names and
/// (for parties) aliases.
fn names_sql(registry: Registry) -> &'static str {
    match registry {
        Registry::Party => {
            "SELECT id, id FROM parties UNION ALL SELECT id, name FROM parties
             UNION ALL SELECT party_id, alias FROM party_aliases"
        }
        Registry::Issue => "SELECT id, id FROM issues UNION ALL SELECT id, name FROM issues",
    }
}

/// The id of the entry of `registry` a filter names, by its id, name or
/// alias, in any case; refuses a name of no entry (which would just give no
/// rows), with the nearest ids and names as a hint, and a name of several.
pub fn resolve(
    db: &Reader,
    registry: Registry,
    given: Option<&str>,
) -> Result<Option<String>, Error> {
    let Some(given) = given else { return Ok(None) };
    let names: Vec<(String, String)> = db
        .conn
        .prepare(names_sql(registry))
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
        .map_err(db.failed())?;
    if names.iter().any(|(id, name)| id == given && name == given) {
        return Ok(Some(given.to_string()));
    }
    let lower = given.to_lowercase();
    let mut ids: Vec<&str> = names
        .iter()
        .filter(|(_, name)| name.to_lowercase() == lower)
        .map(|(id, _)| id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    match ids.as_slice() {
        [one] => Ok(Some(one.to_string())),
        [] => {
            let all: Vec<String> = names.into_iter().map(|(_, name)| name).collect();
            Err(Error::Usage(format!(
                "no {} has the id, name or alias `{given}`{}",
                registry.kind(),
                did_you_mean(given, &all)
            )))
        }
        many => Err(Error::Usage(format!(
            "`{given}` names several {}: {}; give one of their ids",
            registry.table(),
            many.join(", ")
        ))),
    }
}

/// Refuses a window whose end comes before its start.
pub fn window(from: Option<&DateArg>, to: Option<&DateArg>) -> Result<(), Error> {
    match (from, to) {
        (Some(from), Some(to)) if to.last < from.first => Err(Error::Usage(format!(
            "the window ends ({}) before it starts ({}): give --from the earlier date",
            to.last, from.first
        ))),
        _ => Ok(()),
    }
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
