//! One file per subcommand, each with its flags (a clap `Args` struct), its
//! help text and one `run` function that tells the whole story of the
//! command. [`crate::cli`] parses the command line and calls [`run`].

pub mod args;
pub mod changes;
pub mod chart;
pub mod check;
pub mod completions;
pub mod datasette;
pub mod demands;
pub mod divides;
pub mod documents;
pub mod draft;
pub mod evidence;
pub mod export;
pub mod generate;
pub mod issues;
pub mod man;
pub mod parties;
pub mod positions;
pub mod provisions;
pub mod report;
pub mod seed;
pub mod sql;
pub mod talks;
pub mod timeline;

use std::path::PathBuf;

use crate::db::Reader;
use crate::error::Error;
use crate::output::Style;
use crate::query::{Canned, Params};

/// The options every command takes.
#[derive(Debug, Clone)]
pub struct Global {
    /// The SQLite database file.
    pub db: PathBuf,
    /// How results are printed.
    pub style: Style,
}

/// A command that answers with one canned query: which, and the
/// parameters its flags give (checked against the database: an unknown
/// party or id is refused with the nearest ones as a hint). `export` runs
/// the same queries with the same flags.
pub trait Answer {
    /// The canned query it runs.
    const QUERY: &'static Canned;
    /// The query's parameters, from the flags.
    fn params(&self, db: &Reader) -> Result<Params, Error>;
}

/// The commands that answer with a canned query, each with its flags;
/// `export` takes the same.
#[derive(Debug, clap::Subcommand)]
pub enum Query {
    /// How demands, positions and documents changed between two dates.
    Changes(changes::Args),
    /// Demands in force on the last day of a date.
    Demands(demands::Args),
    /// Positions held on the last day of a date.
    Positions(positions::Args),
    /// Documents (proposals, plans, agreements...) and their status on a day.
    Documents(documents::Args),
    /// What the documents contain, with the demands they carry.
    Provisions(provisions::Args),
    /// Talks held or proposed, in date order.
    Talks(talks::Args),
    /// Where the sides are apart: demands and the positions rejecting them.
    Divides(divides::Args),
    /// Every dated piece of evidence, in order.
    Timeline(timeline::Args),
    /// Parties with counts of their facts.
    Parties(parties::Args),
    /// Issues with counts of their facts.
    Issues(issues::Args),
    /// The quotes behind one demand, position, document, provision, talk or outcome.
    Evidence(evidence::Args),
}

impl Query {
    /// The canned query and the parameters its flags give.
    pub fn canned(&self, db: &Reader) -> Result<(&'static Canned, Params), Error> {
        fn of<A: Answer>(args: &A, db: &Reader) -> Result<(&'static Canned, Params), Error> {
            Ok((A::QUERY, args.params(db)?))
        }
        match self {
            Query::Changes(a) => of(a, db),
            Query::Demands(a) => of(a, db),
            Query::Positions(a) => of(a, db),
            Query::Documents(a) => of(a, db),
            Query::Provisions(a) => of(a, db),
            Query::Talks(a) => of(a, db),
            Query::Divides(a) => of(a, db),
            Query::Timeline(a) => of(a, db),
            Query::Parties(a) => of(a, db),
            Query::Issues(a) => of(a, db),
            Query::Evidence(a) => of(a, db),
        }
    }

    /// Prints the answer in the chosen style.
    fn answer(&self, global: &Global) -> Result<(), Error> {
        let db = Reader::open(&global.db)?;
        let (query, params) = self.canned(&db)?;
        query.print(&db, &params, global.style)
    }
}

/// The subcommands, in the order `--help` lists them.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate seeds/ and build the database from it (replacing it atomically).
    Seed(seed::Args),
    /// Validate seeds/ and report every problem; writes nothing.
    Check(check::Args),
    /// Draft the fact file of a new article, for an analyst to review.
    Draft(draft::Args),
    /// The commands that answer with a canned query.
    #[command(flatten)]
    Query(Query),
    /// Run one read-only SQL query.
    Sql(sql::Args),
    /// Write a synthetic seeds tree of N invented articles (for benchmarks).
    #[command(hide = true)]
    Generate(generate::Args),
    /// Write a canned query (with its flags), or tables and views, as CSV files.
    Export(export::Args),
    /// A briefing of what changed, by party, with quotes and sources (Markdown or HTML).
    Report(report::Args),
    /// Draw the timeline of demands, positions, documents and talks as SVG.
    Chart(chart::Args),
    /// Write Datasette metadata: descriptions of every table, view and column, and the canned queries.
    Datasette(datasette::Args),
    /// Print a shell completion script (bash, zsh or fish) on stdout.
    Completions(completions::Args),
    /// Print a manual page (roff) on stdout: `negkb man | man -l -`.
    Man(man::Args),
}

/// Runs one command.
pub fn run(command: Command, global: &Global) -> Result<(), Error> {
    match command {
        Command::Seed(args) => seed::run(args, global),
        Command::Check(args) => check::run(args),
        Command::Draft(args) => draft::run(args, global),
        Command::Query(query) => query.answer(global),
        Command::Sql(args) => sql::run(args, global),
        Command::Generate(args) => generate::run(args),
        Command::Export(args) => export::run(args, global),
        Command::Report(args) => report::run(args, global),
        Command::Chart(args) => chart::run(args, global),
        Command::Datasette(args) => datasette::run(args, global),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

/// Writes `bytes` on stdout; a closed pipe ends the output quietly.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(Error::io("<stdout>"));
    written.or_else(|e| if e.is_broken_pipe() { Ok(()) } else { Err(e) })
}
