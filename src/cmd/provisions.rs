//! `negkb provisions`: what the documents contain, with the demand each
//! carries (`queries/provisions.sql`).

use super::Answer;
use super::args::did_you_mean;
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params, text_param};

/// What the documents contain, with the demands they carry.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the provisions of this document.
    #[arg(long)]
    pub document: Option<String>,
}

impl Answer for Args {
    const QUERY: &'static Canned = &query::PROVISIONS;

    /// The provisions, or a refusal of an id no document has.
    fn params(&self, db: &Reader) -> Result<Params, Error> {
        if let Some(id) = self.document.as_deref() {
            let near = query::ids_near(&db.conn, "documents", id).map_err(db.failed())?;
            if !near.iter().any(|k| k == id) {
                return Err(Error::Usage(format!(
                    "no document has the id `{id}`{}",
                    did_you_mean(id, &near)
                )));
            }
        }
        Ok(vec![(":document", text_param(self.document.as_deref()))])
    }
}
