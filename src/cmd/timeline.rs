//! `negkb timeline`: every dated quote in order (`queries/timeline.sql`).

use super::Answer;
use super::args::{DateArg, window};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params};

/// Every dated piece of evidence, in order.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only evidence that may date from this date or later.
    #[arg(long, value_parser = DateArg::parse)]
    pub from: Option<DateArg>,
    /// Only evidence that may date from this date or earlier.
    #[arg(long, value_parser = DateArg::parse)]
    pub to: Option<DateArg>,
}

impl Answer for Args {
    const QUERY: &'static Canned = &query::TIMELINE;

    /// The quotes dated within the window, oldest first.
    fn params(&self, _: &Reader) -> Result<Params, Error> {
        window(self.from.as_ref(), self.to.as_ref())?;
        Ok(vec![
            (":from", DateArg::first_day(&self.from)),
            (":to", DateArg::last_day(&self.to)),
        ])
    }
}
