//! `negkb changes`: how demands and positions changed between two dates
//! (`queries/changes.sql`).

use super::Global;
use super::args::{DateArg, Registry, known};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};

/// How demands and positions changed between two dates.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Start of the window: an EDTF date (2022, 2022-03, 2022-03-15).
    #[arg(long, value_parser = DateArg::parse)]
    pub from: DateArg,
    /// End of the window: an EDTF date or `present`.
    #[arg(long, value_parser = DateArg::parse, default_value = "present")]
    pub to: DateArg,
    /// Only this party's demands and positions.
    #[arg(long)]
    pub party: Option<String>,
}

/// Prints one row per change in the window.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    known(&db, Registry::Party, args.party.as_deref())?;
    let params = vec![
        (":from", args.from.first.into()),
        (":from_end", args.from.last.into()),
        (":to", args.to.last.into()),
        (":party", text_param(args.party.as_deref())),
    ];
    query::CHANGES.print(&db, &params, global.format)
}
