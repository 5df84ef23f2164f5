//! `negkb changes`: how demands, positions and documents changed between
//! two dates (`queries/changes.sql`).

use super::Answer;
use super::args::{DateArg, Registry, resolve, window};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params, text_param};

/// How demands, positions and documents changed between two dates.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Start of the window: an EDTF date (2022, 2022-03, 2022-03-15). Its
    /// whole period is the baseline of how things stood: --from 2022 takes
    /// all of 2022, --from 2022-01 only January.
    #[arg(long, value_parser = DateArg::parse)]
    pub from: DateArg,
    /// End of the window: an EDTF date or `present`.
    #[arg(long, value_parser = DateArg::parse, default_value = "present")]
    pub to: DateArg,
    /// Only this party's demands, positions and documents.
    #[arg(long)]
    pub party: Option<String>,
    /// Mark an unchanged fact stale when no source has repeated it in the
    /// last N months of the window.
    #[arg(long, value_name = "MONTHS", default_value_t = 12)]
    pub stale_after: u16,
}

impl Answer for Args {
    const QUERY: &'static Canned = &query::CHANGES;

    /// One row per change in the window.
    fn params(&self, db: &Reader) -> Result<Params, Error> {
        window(Some(&self.from), Some(&self.to))?;
        let party = resolve(db, Registry::Party, self.party.as_deref())?;
        let stale_before = months_before(&self.to.last, self.stale_after);
        Ok(vec![
            (":from", self.from.first.clone().into()),
            (":from_end", self.from.last.clone().into()),
            (":to", self.to.last.clone().into()),
            (":party", text_param(party.as_deref())),
            (":stale_before", stale_before.into()),
        ])
    }
}

/// The ISO day `months` months before the ISO day `day` (the day itself if
/// it cannot be read, which a `DateArg` never gives).
pub fn months_before(day: &str, months: u16) -> String {
    day.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| {
            d.checked_sub(jiff::Span::new().months(i64::from(months)))
                .ok()
        })
        .map_or_else(|| day.to_string(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_before_counts_back_calendar_months() {
        assert_eq!(months_before("2026-12-31", 12), "2025-12-31");
        assert_eq!(months_before("2025-03-31", 1), "2025-02-28");
        assert_eq!(months_before("2025-03-31", 0), "2025-03-31");
    }
}
