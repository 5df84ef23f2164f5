//! The command line: argument definitions and one small function per command.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::{build, seeds};

/// negkb: who demands what of whom in peace talks, since when, and what changed.
#[derive(Debug, Parser)]
#[command(name = "negkb", version, about, max_term_width = 100)]
pub struct Cli {
    /// The SQLite database file.
    #[arg(
        long,
        global = true,
        env = "NEGKB_DB",
        default_value = "negotiations.db"
    )]
    pub db: PathBuf,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate seeds/ and build the database from it (replacing it atomically).
    Seed {
        /// The seeds directory.
        #[arg(long, env = "NEGKB_SEEDS", default_value = "seeds")]
        seeds: PathBuf,
        /// Replace the --db file even if it is not a negkb database or is newer.
        #[arg(long)]
        force: bool,
    },
    /// Validate seeds/ and report every problem; writes nothing.
    Check {
        /// The seeds directory.
        #[arg(long, env = "NEGKB_SEEDS", default_value = "seeds")]
        seeds: PathBuf,
    },
}

/// Exit status when the seeds or the request are invalid, or an operation failed.
const FAILURE: u8 = 1;
/// Exit status of usage errors, as clap uses it.
const USAGE: u8 = 2;

/// Parses the command line, runs the command and reports errors on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

/// Runs one parsed command.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Seed { seeds, force } => {
            let summary = build::seed(&seeds, &cli.db, force)?;
            let counts: Vec<String> = summary
                .counts
                .iter()
                .map(|(t, n)| format!("{n} {t}"))
                .collect();
            eprintln!(
                "seeded {} from {} in {:.0?}: {}",
                cli.db.display(),
                seeds.display(),
                summary.elapsed,
                counts.join(", ")
            );
            Ok(())
        }
        Command::Check { seeds } => {
            let corpus = seeds::load(&seeds).map_err(Error::InvalidSeeds)?;
            eprintln!(
                "{}: ok ({} articles, {} demands, {} positions, {} talks, {} quotes)",
                seeds.display(),
                corpus.sources.len(),
                corpus.demands.len(),
                corpus.positions.len(),
                corpus.talks.len(),
                corpus.evidence.len()
            );
            Ok(())
        }
    }
}

/// Prints an error and chooses the exit status.
fn report(error: &Error) -> ExitCode {
    let mut err = std::io::stderr().lock();
    if let Error::InvalidSeeds(diags) = error {
        for d in diags {
            let _ = writeln!(err, "{d}");
        }
        let _ = writeln!(err, "error: {error}; the database was not changed");
        return ExitCode::from(FAILURE);
    }
    let _ = writeln!(err, "error: {error}");
    match error {
        Error::Usage(_) => ExitCode::from(USAGE),
        _ => ExitCode::from(FAILURE),
    }
}
