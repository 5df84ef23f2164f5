//! `negkb provisions`: what the documents contain, with the demand each
//! carries (`queries/provisions.sql`).

use super::Global;
use super::args::did_you_mean;
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, text_param};

/// What the documents contain, with the demands they carry.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the provisions of this document.
    #[arg(long)]
    pub document: Option<String>,
}

/// Prints the provisions, or refuses an id no document has.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    if let Some(id) = args.document.as_deref() {
        let known = query::ids(&db.conn, "documents").map_err(db.failed())?;
        if !known.iter().any(|k| k == id) {
            return Err(Error::Usage(format!(
                "no document has the id `{id}`{}",
                did_you_mean(id, &known)
            )));
        }
    }
    let params = vec![(":document", text_param(args.document.as_deref()))];
    query::PROVISIONS.print(&db, &params, global.style)
}
