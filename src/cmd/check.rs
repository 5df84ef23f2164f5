//! `negkb check`: validates a seeds tree and says what it holds.

use std::path::PathBuf;

use crate::error::Error;
use crate::model::{Source, Stamp};
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
    let mut counted = Counted::default();
    seeds::stream_with_progress(&args.seeds, &seeds::Silent, &mut counted)
        .map_err(Error::InvalidSeeds)?;
    let c = counted;
    eprintln!(
        "{}: ok ({} articles, {} demands, {} positions, {} documents, {} provisions, {} talks, {} outcomes, {} quotes)",
        args.seeds.display(),
        c.articles,
        c.demands,
        c.positions,
        c.documents,
        c.provisions,
        c.talks,
        c.outcomes,
        c.quotes
    );
    Ok(())
}

/// What the seeds hold, counted as they are checked (nothing is kept).
#[derive(Default)]
struct Counted {
    articles: usize,
    demands: usize,
    positions: usize,
    documents: usize,
    provisions: usize,
    talks: usize,
    outcomes: usize,
    quotes: usize,
}

impl seeds::Sink for Counted {
    fn registries(&mut self, _: &seeds::Registries, _: &[Stamp]) {}

    fn article(&mut self, _: usize, _: Source, _: Vec<String>, _: Vec<Stamp>) {
        self.articles += 1;
    }

    fn facts(&mut self, f: seeds::Resolved) {
        self.demands += f.demands.len();
        self.positions += f.positions.len();
        self.documents += f.documents.len();
        self.provisions += f.provisions.len();
        self.talks += f.talks.len();
        self.outcomes += f.outcomes.len();
        self.quotes += f.demands.iter().map(|d| d.evidence.len()).sum::<usize>()
            + f.positions.iter().map(|p| p.evidence.len()).sum::<usize>()
            + f.documents.iter().map(|d| d.evidence.len()).sum::<usize>()
            + f.provisions.iter().map(|p| p.evidence.len()).sum::<usize>()
            + f.talks.iter().map(|t| t.evidence.len()).sum::<usize>()
            + f.outcomes.iter().map(|o| o.evidence.len()).sum::<usize>();
    }
}
