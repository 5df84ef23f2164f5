//! `negkb demands`: demands in force on a day (`queries/demands.sql`).

use super::Answer;
use super::args::{DateArg, Registry, resolve};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params, text_param};

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

impl Answer for Args {
    const QUERY: &'static Canned = &query::DEMANDS;

    /// The demands in force on the last day of `--as-of`.
    fn params(&self, db: &Reader) -> Result<Params, Error> {
        let party = resolve(db, Registry::Party, self.party.as_deref())?;
        Ok(vec![
            (":as_of", self.as_of.last.clone().into()),
            (":party", text_param(party.as_deref())),
        ])
    }
}
