//! `negkb report`: a briefing of what changed in a window, as Markdown or
//! as one self-contained HTML page (written by [`crate::report`]).

use std::path::PathBuf;

use super::Global;
use super::args::{Registry, resolve, window};
use super::changes;
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
#[group(id = "report")]
pub struct Args {
    /// The window, the party and what is stale, as for `changes`.
    #[command(flatten)]
    pub window: changes::Args,
    /// Write the report to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Writes the report in the format asked for.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let w = args.window;
    window(Some(&w.from), Some(&w.to))?;
    let db = Reader::open(&global.db)?;
    let request = Request {
        stale_before: changes::months_before(&w.to.last, w.stale_after),
        party: resolve(&db, Registry::Party, w.party.as_deref())?,
        from: (w.from.first, w.from.last),
        to: w.to.last,
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
