//! `negkb divides`: each demand with the positions that reject or oppose
//! it (`queries/divides.sql`).

use super::Answer;
use super::args::{Registry, resolve};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params, text_param};

/// Where the sides are apart: demands and the positions rejecting them.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only divides this party is on either side of.
    #[arg(long)]
    pub party: Option<String>,
}

impl Answer for Args {
    const QUERY: &'static Canned = &query::DIVIDES;

    /// Each demand with each position rejecting or opposing it.
    fn params(&self, db: &Reader) -> Result<Params, Error> {
        let party = resolve(db, Registry::Party, self.party.as_deref())?;
        Ok(vec![(":party", text_param(party.as_deref()))])
    }
}
