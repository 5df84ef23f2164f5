//! `negkb talks`: talks in date order with their sides, mediators and
//! outcomes (`queries/talks.sql`).

use super::Answer;
use super::args::{DateArg, Registry, resolve, window};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params, text_param};
use crate::vocab::{TalkStatus, ValueSet};

/// Talks held or proposed, in date order.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only talks this party takes part in (at the table, mediating, hosting
    /// or calling for it), itself or through a coalition it is a member of.
    #[arg(long)]
    pub party: Option<String>,
    /// Only talks with this status.
    #[arg(long, value_enum)]
    pub status: Option<TalkStatus>,
    /// Only talks that may end on or after this date.
    #[arg(long, value_parser = DateArg::parse)]
    pub from: Option<DateArg>,
    /// Only talks that may begin on or before this date.
    #[arg(long, value_parser = DateArg::parse)]
    pub to: Option<DateArg>,
    /// Each talk's status as the articles published by the last day of this
    /// date reported it (a talk planned then and held later shows as planned).
    #[arg(long, value_parser = DateArg::parse)]
    pub as_of: Option<DateArg>,
}

impl Answer for Args {
    const QUERY: &'static Canned = &query::TALKS;

    /// The talks that pass the filters.
    fn params(&self, db: &Reader) -> Result<Params, Error> {
        window(self.from.as_ref(), self.to.as_ref())?;
        let party = resolve(db, Registry::Party, self.party.as_deref())?;
        Ok(vec![
            (":party", text_param(party.as_deref())),
            (":status", text_param(self.status.map(TalkStatus::as_str))),
            (":from", DateArg::first_day(&self.from)),
            (":to", DateArg::last_day(&self.to)),
            (":as_of", DateArg::last_day(&self.as_of)),
        ])
    }
}
