//! `negkb chart`: the timeline of demands, positions, documents and talks
//! as an SVG file (drawn by [`crate::chart`]).

use std::path::PathBuf;

use super::Global;
use super::args::{DateArg, Registry, resolve, window};
use crate::chart::{self, Request};
use crate::db::Reader;
use crate::error::Error;

/// Draw the timeline of demands, positions, documents and talks as SVG.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day shown: the first day of this EDTF date [default: the
    /// earliest day in the data].
    #[arg(long, value_parser = DateArg::parse)]
    pub from: Option<DateArg>,
    /// The last day shown: the last day of this EDTF date or `present`
    /// [default: the latest day in the data].
    #[arg(long, value_parser = DateArg::parse)]
    pub to: Option<DateArg>,
    /// Only this party's demands, positions, documents and talks.
    #[arg(long)]
    pub party: Option<String>,
    /// The SVG file to write, or - for stdout.
    #[arg(long, value_name = "FILE.svg")]
    pub out: PathBuf,
}

/// Writes the chart.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    window(args.from.as_ref(), args.to.as_ref())?;
    let db = Reader::open(&global.db)?;
    let request = Request {
        from: args.from.map(|d| d.first),
        to: args.to.map(|d| d.last),
        party: resolve(&db, Registry::Party, args.party.as_deref())?,
    };
    let svg = chart::svg(&db, &request)?;
    if args.out == std::path::Path::new("-") {
        return super::write_stdout(svg.as_bytes());
    }
    std::fs::write(&args.out, svg).map_err(Error::io(&args.out))?;
    eprintln!("wrote {}", args.out.display());
    Ok(())
}
