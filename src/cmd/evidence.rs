//! `negkb evidence ID`: the quotes behind one fact, with source and
//! context (`queries/evidence.sql`).

use super::Global;
use super::args::did_you_mean;
use crate::db::Reader;
use crate::error::Error;
use crate::output;
use crate::query;

/// The quotes behind one demand, position, document, provision, talk or outcome.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The fact's id.
    pub id: String,
}

/// The tables whose ids a fact id may be.
const FACT_TABLES: [&str; 6] = [
    "demands",
    "positions",
    "documents",
    "provisions",
    "talks",
    "outcomes",
];

/// Prints the fact's quotes, or refuses an id no fact has, with the
/// nearest ids as a hint.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    let table = query::EVIDENCE.run(&db, &vec![(":id", args.id.clone().into())])?;
    if table.rows.is_empty() {
        let mut known = Vec::new();
        for t in FACT_TABLES {
            known.extend(query::ids(&db.conn, t).map_err(db.failed())?);
        }
        return Err(Error::Usage(format!(
            "no demand, position, document, provision, talk or outcome has the id `{}`{}",
            args.id,
            did_you_mean(&args.id, &known)
        )));
    }
    output::print(&table, global.style)
}
