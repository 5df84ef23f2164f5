//! `negkb positions`: positions held on a day (`queries/positions.sql`).

use super::Answer;
use super::args::{DateArg, Registry, resolve};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params, text_param};

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

impl Answer for Args {
    const QUERY: &'static Canned = &query::POSITIONS;

    /// The positions held on the last day of `--as-of`.
    fn params(&self, db: &Reader) -> Result<Params, Error> {
        let party = resolve(db, Registry::Party, self.party.as_deref())?;
        let issue = resolve(db, Registry::Issue, self.issue.as_deref())?;
        Ok(vec![
            (":as_of", self.as_of.last.clone().into()),
            (":party", text_param(party.as_deref())),
            (":issue", text_param(issue.as_deref())),
        ])
    }
}
