//! `negkb generate` (hidden): a synthetic seeds tree for benchmarks.

use std::path::PathBuf;

use crate::error::Error;

/// Write a synthetic seeds tree of N invented articles (for benchmarks).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many articles.
    #[arg(long)]
    pub articles: usize,
    /// The folder to create; it must not exist yet.
    #[arg(long)]
    pub out: PathBuf,
}

/// Writes the corpus into a new folder.
pub fn run(args: Args) -> Result<(), Error> {
    if args.out.exists() {
        return Err(Error::Usage(format!(
            "{} exists; choose a new folder",
            args.out.display()
        )));
    }
    crate::synth::write_corpus(&args.out, args.articles).map_err(Error::io(&args.out))?;
    eprintln!(
        "wrote {} synthetic articles to {}",
        args.articles,
        args.out.display()
    );
    Ok(())
}
