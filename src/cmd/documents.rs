//! `negkb documents`: the texts on the table with their status on a day
//! and who accepts or rejects them (`queries/documents.sql`).

use super::Global;
use super::args::{DateArg, Registry, resolve};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};

/// Documents (proposals, plans, agreements...) and their status on a day.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only documents this party drafted, tabled or is bound by.
    #[arg(long)]
    pub party: Option<String>,
    /// Only documents on this issue.
    #[arg(long)]
    pub issue: Option<String>,
    /// The status as of the last day of this date: an EDTF date or `present`.
    #[arg(long, value_parser = DateArg::parse, default_value = "present")]
    pub as_of: DateArg,
}

/// Prints the documents first seen by the last day of `--as-of`.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    let party = resolve(&db, Registry::Party, args.party.as_deref())?;
    let issue = resolve(&db, Registry::Issue, args.issue.as_deref())?;
    let params = vec![
        (":as_of", args.as_of.last.into()),
        (":party", text_param(party.as_deref())),
        (":issue", text_param(issue.as_deref())),
    ];
    query::DOCUMENTS.print(&db, &params, global.style)
}
