//! `negkb divides`: each demand with the positions that reject or oppose
//! it (`queries/divides.sql`).

use super::Global;
use super::args::{Registry, resolve};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};

/// Where the sides are apart: demands and the positions rejecting them.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only divides this party is on either side of.
    #[arg(long)]
    pub party: Option<String>,
}

/// Prints each demand with each position rejecting or opposing it.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    let party = resolve(&db, Registry::Party, args.party.as_deref())?;
    let params = vec![(":party", text_param(party.as_deref()))];
    query::DIVIDES.print(&db, &params, global.style)
}
