//! `negkb parties`: the parties with counts of their facts
//! (`queries/parties.sql`).

use super::Global;
use crate::db::Reader;
use crate::error::Error;
use crate::query;

/// Parties with counts of their facts.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints every party.
pub fn run(_: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    query::PARTIES.print(&db, &Vec::new(), global.style)
}
