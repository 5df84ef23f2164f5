//! `negkb positions`: positions held on a day (`queries/positions.sql`).

use super::Global;
use super::args::{DateArg, Registry, resolve};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};

/// Positions held on the last day of a date.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this party's positions.
    #[arg(long)]
    pub party: Option<String>,
    /// Only positions on this issue.
    #[arg(long)]
    pub issue: Option<String>,
    /// An EDTF date or `present`.
    #[arg(long, value_parser = DateArg::parse, default_value = "present")]
    pub as_of: DateArg,
}

/// Prints the positions held on the last day of `--as-of`.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    let party = resolve(&db, Registry::Party, args.party.as_deref())?;
    let issue = resolve(&db, Registry::Issue, args.issue.as_deref())?;
    let params = vec![
        (":as_of", args.as_of.last.into()),
        (":party", text_param(party.as_deref())),
        (":issue", text_param(issue.as_deref())),
    ];
    query::POSITIONS.print(&db, &params, global.style)
}
