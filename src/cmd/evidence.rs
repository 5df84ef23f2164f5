//! `negkb evidence ID`: the quotes behind one fact, with source and
//! context (`queries/evidence.sql`).

use super::Answer;
use super::args::did_you_mean;
use crate::db::Reader;
use crate::error::Error;
use crate::query::{self, Canned, Params};
use rusqlite::OptionalExtension;

/// The quotes behind one demand, position, document, provision, talk or outcome.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The fact's id.
    pub id: String,
}

impl Answer for Args {
    const QUERY: &'static Canned = &query::EVIDENCE;

    /// The fact's quotes, or a refusal of an id no fact has, with the
    /// nearest ids as a hint.
    fn params(&self, db: &Reader) -> Result<Params, Error> {
        let known: Option<i64> = db
            .conn
            .query_row("SELECT 1 FROM facts WHERE id = ?1", [&self.id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db.failed())?;
        if known.is_none() {
            let near = query::ids_near(&db.conn, "facts", &self.id).map_err(db.failed())?;
            return Err(Error::Usage(format!(
                "no demand, position, document, provision, talk or outcome has the id `{}`{}",
                self.id,
                did_you_mean(&self.id, &near)
            )));
        }
        Ok(vec![(":id", self.id.clone().into())])
    }
}
