//! `negkb issues`: the issues with counts of their facts
//! (`queries/issues.sql`).

use super::Answer;
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params};

/// Issues with counts of their facts.
#[derive(Debug, clap::Args)]
pub struct Args {}

impl Answer for Args {
    const QUERY: &'static Canned = &query::ISSUES;

    /// Every issue.
    fn params(&self, _: &Reader) -> Result<Params, Error> {
        Ok(Vec::new())
    }
}
