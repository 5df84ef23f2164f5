//! `negkb report`: a briefing of what changed in a window, as Markdown or
//! as one self-contained HTML page (written by [`crate::report`]).

use std::path::PathBuf;

use super::Global;
use super::args::{DateArg, Registry, resolve, window};
use crate::db::Reader;
use crate::error::Error;
use crate::output::Format;
use crate::report::{self, Request};

/// A briefing of what changed, by party, with quotes and sources.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "--format md (the default) writes Markdown for pasting; --format html one \
                        self-contained page, with the timeline chart, that reads well printed and on a phone."
)]
pub struct Args {
    /// Start of the window: an EDTF date; its whole period is the baseline
    /// (--from 2022 takes all of 2022).
    #[arg(long, value_parser = DateArg::parse)]
    pub from: DateArg,
    /// End of the window: an EDTF date or `present`.
    #[arg(long, value_parser = DateArg::parse, default_value = "present")]
    pub to: DateArg,
    /// Only this party's demands, positions, documents and talks.
    #[arg(long)]
    pub party: Option<String>,
    /// Mark an unchanged fact stale when no source has repeated it in the
    /// last N months of the window.
    #[arg(long, value_name = "MONTHS", default_value_t = 12)]
    pub stale_after: u16,
    /// Write the report to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Writes the report in the format asked for.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    window(Some(&args.from), Some(&args.to))?;
    let db = Reader::open(&global.db)?;
    let request = Request {
        stale_before: super::changes::months_before(&args.to.last, args.stale_after),
        from: (args.from.first, args.from.last),
        to: args.to.last,
        party: resolve(&db, Registry::Party, args.party.as_deref())?,
    };
    let text = match global.style.format {
        Format::Md | Format::Table => report::markdown(&db, &request)?,
        Format::Html => report::html(&db, &request)?,
        Format::Csv | Format::Json => {
            return Err(Error::Usage(
                "a report is written as --format md (the default) or --format html".into(),
            ));
        }
    };
    match &args.out {
        None => super::write_stdout(text.as_bytes()),
        Some(path) => {
            std::fs::write(path, text).map_err(Error::io(path))?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
    }
}
