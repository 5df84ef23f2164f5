//! `negkb timeline`: every dated quote in order (`queries/timeline.sql`).

use super::Global;
use super::args::{DateArg, window};
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};

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

/// Prints the quotes dated within the window, oldest first.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    window(args.from.as_ref(), args.to.as_ref())?;
    let db = Reader::open(&global.db)?;
    let params = vec![
        (
            ":from",
            text_param(args.from.as_ref().map(|d| d.first.as_str())),
        ),
        (":to", DateArg::last_day(&args.to)),
    ];
    query::TIMELINE.print(&db, &params, global.style)
}
