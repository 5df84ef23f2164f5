//! `negkb issues`: the issues with counts of their facts
//! (`queries/issues.sql`).

use super::Global;
use crate::db::Reader;
use crate::error::Error;
use crate::query;

/// Issues with counts of their facts.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints every issue.
pub fn run(_: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    query::ISSUES.print(&db, &Vec::new(), global.style)
}
