//! `negkb check`: validates a seeds tree and says what it holds.

use std::path::PathBuf;

use crate::error::Error;
use crate::seeds;

/// Validate seeds/ and report every problem; writes nothing.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The seeds directory.
    #[arg(long, env = "NEGKB_SEEDS", default_value = "seeds")]
    pub seeds: PathBuf,
}

/// Validates and counts, or lists every problem.
pub fn run(args: Args) -> Result<(), Error> {
    let corpus = seeds::load(&args.seeds).map_err(Error::InvalidSeeds)?;
    eprintln!(
        "{}: ok ({} articles, {} demands, {} positions, {} documents, {} provisions, {} talks, {} outcomes, {} quotes)",
        args.seeds.display(),
        corpus.sources.len(),
        corpus.demands.len(),
        corpus.positions.len(),
        corpus.documents.len(),
        corpus.provisions.len(),
        corpus.talks.len(),
        corpus.outcomes.len(),
        corpus.quotes()
    );
    Ok(())
}
