//! `negkb draft`: a fact file proposed for a new article, or, with
//! `--compare`, how far that proposal agrees with a hand-made one (the
//! rules are in [`crate::draft`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Global;
use crate::draft::{self, Request};
use crate::error::Error;
use crate::output;

/// Draft the fact file of a new article, for an analyst to review.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article, a UTF-8 text file (seeds/articles/<slug>.txt).
    #[arg(required_unless_present = "compare")]
    pub article: Option<PathBuf>,
    /// The seeds directory whose registries name parties, actors and issues.
    #[arg(long, env = "NEGKB_SEEDS", default_value = "seeds")]
    pub seeds: PathBuf,
    /// The publication day (YYYY-MM-DD) when the article has no dateline.
    #[arg(long)]
    pub published: Option<String>,
    /// Write the draft to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Compare the draft with this hand-made fact file instead of writing
    /// it; given a seeds tree instead of a file, draft each of its articles
    /// with its own fact file held back and compare them all.
    #[arg(long, value_name = "EXISTING.toml|SEEDS", conflicts_with = "out")]
    pub compare: Option<PathBuf>,
}

/// Writes the draft (to stdout or a new file), or the comparison's figures
/// on stdout and each miss on stderr.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    if let Some(tree) = args.compare.as_ref().filter(|c| c.is_dir()) {
        if let Some(article) = &args.article {
            return Err(Error::Usage(format!(
                "--compare {} is a seeds tree: its articles are compared, not {}; give its fact file to compare one article",
                tree.display(),
                article.display()
            )));
        }
        if args.published.is_some() {
            return Err(Error::Usage(format!(
                "--compare {}: each article of a tree is drafted on the day its fact file gives; leave out --published",
                tree.display()
            )));
        }
        return print_comparison(&draft::compare_tree(tree)?, global);
    }
    let Some(article) = &args.article else {
        return Err(Error::Usage(
            "give the article to draft (or a seeds tree to --compare)".into(),
        ));
    };
    let request = Request {
        article,
        seeds: &args.seeds,
        published: args.published.as_deref(),
    };
    if let Some(existing) = &args.compare {
        return print_comparison(&draft::compare(existing, &request)?, global);
    }
    let draft = draft::draft(&request)?;
    let Some(path) = &args.out else {
        return super::write_stdout(draft.toml.as_bytes());
    };
    write_new(path, draft.toml.as_bytes(), args.force)?;
    eprintln!(
        "wrote {}: {} facts, {} candidates commented out; review it, then run `negkb check`",
        path.display(),
        draft.facts,
        draft.commented
    );
    Ok(())
}

/// The comparison's figures on stdout and each note on stderr.
fn print_comparison(comparison: &draft::Comparison, global: &Global) -> Result<(), Error> {
    for note in &comparison.notes {
        eprintln!("{note}");
    }
    output::print(&comparison.table, global.style)
}

/// Writes `bytes` to `path`, which must not exist unless `force`.
fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!(
                "{} exists; the draft was not written (pass --force to replace it)",
                path.display()
            ))
        } else {
            Error::io(path)(e)
        }
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(Error::io(path))
}
