//! `negkb seed`: validates the seeds, builds the database and puts it in
//! place atomically (see [`crate::build`]), with a progress bar for large
//! trees.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::Global;
use crate::error::Error;
use crate::{build, seeds};

/// Validate seeds/ and build the database from it (replacing it atomically).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The seeds directory.
    #[arg(long, env = "NEGKB_SEEDS", default_value = "seeds")]
    pub seeds: PathBuf,
    /// Replace the --db file even if it is not a negkb database or is newer.
    #[arg(long)]
    pub force: bool,
    /// Rebuild the whole database even where only some articles changed
    /// (by default those are updated in place).
    #[arg(long)]
    pub full: bool,
}

/// Builds the database and says what it holds and how long each stage took.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let bar = ProgressBar::default();
    let rebuild = if args.full {
        build::Rebuild::Always
    } else {
        build::Rebuild::WhenNeeded
    };
    let summary = build::seed(&args.seeds, &global.db, (args.force, rebuild), &bar);
    bar.0.finish_and_clear();
    let summary = summary?;
    for note in &summary.notes {
        eprintln!("note: {note}");
    }
    let counts: Vec<String> = summary
        .counts
        .iter()
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    if let Some(changes) = &summary.updated {
        eprintln!(
            "updated {} from {} in place in {:.2?} ({}): {}",
            global.db.display(),
            args.seeds.display(),
            summary.elapsed,
            describe(changes),
            counts.join(", ")
        );
        return Ok(());
    }
    eprintln!(
        "seeded {} from {} in {:.2?} (reading and writing {:.2?}, indexing {:.2?}, checking {:.2?}): {}",
        global.db.display(),
        args.seeds.display(),
        summary.elapsed,
        summary.reading,
        summary.indexing,
        summary.checking,
        counts.join(", ")
    );
    Ok(())
}

/// What an update changed, in words.
fn describe(changes: &crate::update::Changes) -> String {
    if changes.is_empty() {
        return "no article changed".into();
    }
    let articles = |n: usize| if n == 1 { "article" } else { "articles" };
    format!(
        "{} edited, {} added, {} removed; {} {} read again",
        changes.edited,
        changes.added,
        changes.removed,
        changes.reread,
        articles(changes.reread)
    )
}

/// A progress bar on stderr for seeds large enough to take a moment, shown
/// only when stderr is a terminal.
struct ProgressBar(indicatif::ProgressBar);

/// Below this many articles a seed is too quick for a progress bar.
const PROGRESS_FROM_ARTICLES: usize = 500;

impl Default for ProgressBar {
    fn default() -> Self {
        ProgressBar(indicatif::ProgressBar::hidden())
    }
}

impl seeds::Progress for ProgressBar {
    fn articles(&self, total: usize) {
        if total >= PROGRESS_FROM_ARTICLES && std::io::stderr().is_terminal() {
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.0.set_length(total as u64);
            self.0.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg:22} [{bar:40}] {pos}/{len} articles {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            self.0.set_message("validating the seeds");
        }
    }

    fn article_done(&self) {
        self.0.inc(1);
    }
}

impl build::Progress for ProgressBar {
    fn stage(&self, name: &str) {
        self.0.set_message(name.to_string());
        self.0.tick();
    }
}
