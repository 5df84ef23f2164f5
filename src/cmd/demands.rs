//! `negkb demands`: demands in force on a day (`queries/demands.sql`).

use super::Global;
use super::args::{DateArg, Registry, resolve};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};

/// Demands in force on the last day of a date.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only demands made by this party.
    #[arg(long)]
    pub party: Option<String>,
    /// An EDTF date or `present`.
    #[arg(long, value_parser = DateArg::parse, default_value = "present")]
    pub as_of: DateArg,
}

/// Prints the demands in force on the last day of `--as-of`.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    let party = resolve(&db, Registry::Party, args.party.as_deref())?;
    let params = vec![
        (":as_of", args.as_of.last.into()),
        (":party", text_param(party.as_deref())),
    ];
    query::DEMANDS.print(&db, &params, global.style)
}
