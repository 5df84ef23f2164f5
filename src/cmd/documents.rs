//! `negkb documents`: the texts on the table with their status on a day
//! and who accepts or rejects them (`queries/documents.sql`).

use super::Answer;
use super::args::{DateArg, Registry, resolve};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params, text_param};

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

impl Answer for Args {
    const QUERY: &'static Canned = &query::DOCUMENTS;

    /// The documents first seen by the last day of `--as-of`.
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
