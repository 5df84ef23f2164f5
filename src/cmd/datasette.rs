//! `negkb datasette`: metadata for browsing the database in Datasette
//! (`datasette negotiations.db -m metadata.json`), from the schema's
//! comments and the canned queries (the rules are in [`crate::datasette`]).

use std::path::PathBuf;

use super::Global;
use crate::datasette;
use crate::error::Error;

/// Write Datasette metadata: descriptions of every table, view and column,
/// and negkb's canned queries.
#[derive(Debug, clap::Args)]
#[command(after_help = "Then: datasette negotiations.db -m metadata.json")]
pub struct Args {
    /// Write the metadata to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Writes the metadata of the database `--db` names, as JSON.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let database = global.db.file_stem().map_or_else(
        || "negotiations".into(),
        |s| s.to_string_lossy().into_owned(),
    );
    let metadata = datasette::metadata(&database);
    let mut text =
        serde_json::to_string_pretty(&metadata).map_err(|e| Error::Internal(e.to_string()))?;
    text.push('\n');
    match &args.out {
        None => super::write_stdout(text.as_bytes()),
        Some(path) => {
            std::fs::write(path, text).map_err(Error::io(path))?;
            eprintln!(
                "wrote {} (for datasette {} -m {})",
                path.display(),
                global.db.display(),
                path.display()
            );
            Ok(())
        }
    }
}
