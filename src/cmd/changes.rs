//! `negkb changes`: how demands, positions and documents changed between
//! two dates (`queries/changes.sql`).

use super::Global;
use super::args::{DateArg, Registry, resolve, window};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};

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

/// Prints one row per change in the window.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    window(Some(&args.from), Some(&args.to))?;
    let db = Reader::open(&global.db)?;
    let party = resolve(&db, Registry::Party, args.party.as_deref())?;
    let stale_before = months_before(&args.to.last, args.stale_after);
    let params = vec![
        (":from", args.from.first.into()),
        (":from_end", args.from.last.into()),
        (":to", args.to.last.into()),
        (":party", text_param(party.as_deref())),
        (":stale_before", stale_before.into()),
    ];
    query::CHANGES.print(&db, &params, global.style)
}

/// The ISO day `months` months before the ISO day `day` (the day itself if
/// it cannot be read, which a `DateArg` never gives).
fn months_before(day: &str, months: u16) -> String {
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
