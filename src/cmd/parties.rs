//! `negkb parties`: the parties with counts of their facts
//! (`queries/parties.sql`).

use super::Answer;
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params};

/// Parties with counts of their facts.
#[derive(Debug, clap::Args)]
pub struct Args {}

impl Answer for Args {
    const QUERY: &'static Canned = &query::PARTIES;

    /// Every party.
    fn params(&self, _: &Reader) -> Result<Params, Error> {
        Ok(Vec::new())
    }
}
