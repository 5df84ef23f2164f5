//! The command line: argument definitions and one small function per command.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::output::{self, Format, Table};
use crate::query::{self, DateArg, Params, text_param};
use crate::{build, db, seeds};
use rusqlite::types::Value;

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

    /// How query results are printed.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

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
    /// Draft the fact file of a new article, for an analyst to review.
    Draft {
        /// The article, a UTF-8 text file (seeds/articles/<slug>.txt).
        article: PathBuf,
        /// The seeds directory whose registries name parties, actors and issues.
        #[arg(long, env = "NEGKB_SEEDS", default_value = "seeds")]
        seeds: PathBuf,
        /// The publication day (YYYY-MM-DD) when the article has no dateline.
        #[arg(long)]
        published: Option<String>,
        /// Write the draft to this file instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
        /// Compare the draft with this hand-made fact file instead of writing it.
        #[arg(long, value_name = "EXISTING.toml", conflicts_with = "out")]
        compare: Option<PathBuf>,
    },
    /// A query of the database.
    #[command(flatten)]
    Query(QueryCommand),
    /// Write a synthetic seeds tree of N invented articles (for benchmarks).
    #[command(hide = true)]
    Generate {
        /// How many articles.
        #[arg(long)]
        articles: usize,
        /// The folder to create; it must not exist yet.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write tables, views or canned queries as CSV files.
    Export {
        /// The folder to write NAME.csv into, or - for stdout (one NAME only).
        #[arg(long, default_value = "export")]
        out: PathBuf,
        /// Tables, views or canned queries; all tables and views when none.
        names: Vec<String>,
    },
}

/// The commands that query the database, read-only.
#[derive(Debug, Subcommand)]
pub enum QueryCommand {
    /// How demands and positions changed between two dates.
    Changes {
        /// Start of the window: an EDTF date (2022, 2022-03, 2022-03-15).
        #[arg(long, value_parser = DateArg::parse)]
        from: DateArg,
        /// End of the window: an EDTF date or `present`.
        #[arg(long, value_parser = DateArg::parse, default_value = "present")]
        to: DateArg,
        /// Only this party's demands and positions.
        #[arg(long)]
        party: Option<String>,
    },
    /// Demands in force on the last day of a date.
    Demands {
        /// Only demands made by this party.
        #[arg(long)]
        party: Option<String>,
        /// An EDTF date or `present`.
        #[arg(long, value_parser = DateArg::parse, default_value = "present")]
        as_of: DateArg,
    },
    /// Positions held on the last day of a date.
    Positions {
        /// Only this party's positions.
        #[arg(long)]
        party: Option<String>,
        /// Only positions on this issue.
        #[arg(long)]
        issue: Option<String>,
        /// An EDTF date or `present`.
        #[arg(long, value_parser = DateArg::parse, default_value = "present")]
        as_of: DateArg,
    },
    /// Talks held or proposed, in date order.
    Talks {
        /// Only talks with this party at the table or mediating.
        #[arg(long)]
        party: Option<String>,
        /// Only talks with this status.
        #[arg(long, value_parser = ["held", "proposed", "planned", "cancelled"])]
        status: Option<String>,
        /// Only talks that may end on or after this date.
        #[arg(long, value_parser = DateArg::parse)]
        from: Option<DateArg>,
        /// Only talks that may begin on or before this date.
        #[arg(long, value_parser = DateArg::parse)]
        to: Option<DateArg>,
    },
    /// Where the sides are apart: demands and the positions rejecting them.
    Divides {
        /// Only divides this party is on either side of.
        #[arg(long)]
        party: Option<String>,
    },
    /// Every dated piece of evidence, in order.
    Timeline {
        /// Only evidence that may date from this date or later.
        #[arg(long, value_parser = DateArg::parse)]
        from: Option<DateArg>,
        /// Only evidence that may date from this date or earlier.
        #[arg(long, value_parser = DateArg::parse)]
        to: Option<DateArg>,
    },
    /// Parties with counts of their facts.
    Parties,
    /// Issues with counts of their facts.
    Issues,
    /// The quotes behind one demand, position, talk or outcome.
    Evidence {
        /// The fact's id.
        id: String,
    },
    /// Run one read-only SQL query.
    Sql {
        /// The query (SELECT, WITH, VALUES or EXPLAIN).
        query: String,
    },
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

impl ProgressBar {
    fn finish(&self) {
        self.0.finish_and_clear();
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

/// Exit status when the seeds or the request are invalid, or an operation failed.
const FAILURE: u8 = 1;
/// Exit status of usage errors, as clap uses it.
const USAGE: u8 = 2;

/// Runs a parsed command line and reports errors on stderr.
pub fn execute(cli: Cli) -> ExitCode {
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

impl Cli {
    /// True for the commands that read and validate a seeds tree.
    pub fn reads_seeds(&self) -> bool {
        matches!(self.command, Command::Seed { .. } | Command::Check { .. })
    }
}

/// Runs one parsed command.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Seed { seeds, force } => seed(&seeds, &cli.db, force),
        Command::Check { seeds } => check(&seeds),
        Command::Export { out, names } => export(&cli.db, &out, &names),
        Command::Draft {
            article,
            seeds,
            published,
            out,
            force,
            compare,
        } => {
            let request = crate::draft::Request {
                article: &article,
                seeds: &seeds,
                published: published.as_deref(),
            };
            match compare {
                Some(existing) => compare_draft(&existing, &request, cli.format),
                None => draft(&request, out.as_deref(), force),
            }
        }
        Command::Generate { articles, out } => {
            if out.exists() {
                return Err(Error::Usage(format!(
                    "{} exists; choose a new folder",
                    out.display()
                )));
            }
            crate::synth::write_corpus(&out, articles).map_err(Error::io(&out))?;
            eprintln!("wrote {articles} synthetic articles to {}", out.display());
            Ok(())
        }
        Command::Query(query) => answer(&cli.db, query, cli.format),
    }
}

/// `negkb seed`: builds the database and says what it holds.
fn seed(seeds: &std::path::Path, db: &std::path::Path, force: bool) -> Result<(), Error> {
    let bar = ProgressBar::default();
    let summary = build::seed(seeds, db, force, &bar);
    bar.finish();
    let summary = summary?;
    for note in &summary.notes {
        eprintln!("note: {note}");
    }
    let counts: Vec<String> = summary
        .counts
        .iter()
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    eprintln!(
        "seeded {} from {} in {:.2?} (validating {:.2?}, writing {:.2?}, checking {:.2?}): {}",
        db.display(),
        seeds.display(),
        summary.elapsed,
        summary.validating,
        summary.writing,
        summary.checking,
        counts.join(", ")
    );
    Ok(())
}

/// `negkb check`: validates and counts.
fn check(seeds: &std::path::Path) -> Result<(), Error> {
    let corpus = seeds::load(seeds).map_err(Error::InvalidSeeds)?;
    eprintln!(
        "{}: ok ({} articles, {} demands, {} positions, {} talks, {} quotes)",
        seeds.display(),
        corpus.sources.len(),
        corpus.demands.len(),
        corpus.positions.len(),
        corpus.talks.len(),
        corpus.quotes()
    );
    Ok(())
}

/// A query command: its rows written as they are read.
fn answer(db: &std::path::Path, query: QueryCommand, format: Format) -> Result<(), Error> {
    let conn = db::open_read_only(db)?;
    match run_query(&conn, query).map_err(Error::db(db))?? {
        Answer::Rows(table) => print(&table, format),
        Answer::Query(sql, params) => stream(
            |out| query::stream(&conn, sql, &params, format, out),
            Error::db(db),
        ),
        Answer::AdHoc(sql) => {
            let mut stmt = query::ad_hoc(&conn, &sql)?;
            stream(
                |out| query::stream_statement(&mut stmt, format, out),
                |e| Error::Usage(format!("query failed: {e}")),
            )
        }
    }
}

/// What a query command answers with.
enum Answer {
    /// Rows already read.
    Rows(Table),
    /// A canned query to run, with its parameters.
    Query(&'static str, Params),
    /// The user's own read-only SQL.
    AdHoc(String),
}

/// Checks a query command's arguments and chooses its query; the outer
/// error is SQLite's, the inner one ours.
fn run_query(
    conn: &rusqlite::Connection,
    command: QueryCommand,
) -> rusqlite::Result<Result<Answer, Error>> {
    let (name, params): (&str, Params) = match command {
        QueryCommand::Changes { from, to, party } => (
            "changes",
            vec![
                (":from", from.first.into()),
                (":from_end", from.last.into()),
                (":to", to.last.into()),
                (":party", text_param(&party)),
            ],
        ),
        QueryCommand::Demands { party, as_of } => (
            "demands",
            vec![
                (":as_of", as_of.last.into()),
                (":party", text_param(&party)),
            ],
        ),
        QueryCommand::Positions {
            party,
            issue,
            as_of,
        } => (
            "positions",
            vec![
                (":as_of", as_of.last.into()),
                (":party", text_param(&party)),
                (":issue", text_param(&issue)),
            ],
        ),
        QueryCommand::Talks {
            party,
            status,
            from,
            to,
        } => (
            "talks",
            vec![
                (":party", text_param(&party)),
                (":status", text_param(&status)),
                (":from", text_param(&from.map(|d| d.first))),
                (":to", text_param(&to.map(|d| d.last))),
            ],
        ),
        QueryCommand::Divides { party } => ("divides", vec![(":party", text_param(&party))]),
        QueryCommand::Timeline { from, to } => (
            "timeline",
            vec![
                (":from", text_param(&from.map(|d| d.first))),
                (":to", text_param(&to.map(|d| d.last))),
            ],
        ),
        QueryCommand::Parties => ("parties", Vec::new()),
        QueryCommand::Issues => ("issues", Vec::new()),
        QueryCommand::Evidence { id } => {
            let table = query::run(
                conn,
                query::canned("evidence").map_or("", |c| c.sql),
                &vec![(":id", id.clone().into())],
            )?;
            if table.rows.is_empty() {
                let known = query::fact_ids(conn)?;
                return Ok(Err(Error::Usage(format!(
                    "no demand, position, talk or outcome has the id `{id}`{}",
                    did_you_mean(&id, &known)
                ))));
            }
            return Ok(Ok(Answer::Rows(table)));
        }
        QueryCommand::Sql { query } => return Ok(Ok(Answer::AdHoc(query))),
    };
    // A misspelt --party or --issue would otherwise just give no rows.
    for (param, table, kind) in [
        (":party", "parties", "party"),
        (":issue", "issues", "issue"),
    ] {
        if let Some((_, Value::Text(id))) = params.iter().find(|(p, _)| *p == param) {
            let known = query::ids(conn, table)?;
            if !known.contains(id) {
                return Ok(Err(Error::Usage(format!(
                    "no {kind} has the id `{id}`{}",
                    did_you_mean(id, &known)
                ))));
            }
        }
    }
    let sql = query::canned(name).map_or("", |c| c.sql);
    Ok(Ok(Answer::Query(sql, params)))
}

/// Writes a query's rows on stdout as they come, by `write`; `failed` says
/// why SQLite stopped.
fn stream(
    write: impl FnOnce(&mut dyn Write) -> Result<usize, query::StreamError>,
    failed: impl FnOnce(rusqlite::Error) -> Error,
) -> Result<(), Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out) {
        Ok(_) => Ok(()),
        Err(query::StreamError::Sqlite(e)) => Err(failed(e)),
        Err(query::StreamError::Io(e)) => ignore_broken_pipe(e).map_err(Error::io("<stdout>")),
    }
}

/// `; did you mean a or b?` for the known ids nearest `id`, or nothing.
fn did_you_mean(id: &str, known: &[String]) -> String {
    match crate::diag::nearest(id, known.iter().map(String::as_str)).as_slice() {
        [] => String::new(),
        close => format!("; did you mean {}?", close.join(" or ")),
    }
}

/// Prints a result on stdout.
fn print(table: &Table, format: Format) -> Result<(), Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    output::write(table, format, &mut out)
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)
        .map_err(Error::io("<stdout>"))
}

/// A closed pipe (`negkb ... | head`) is not an error.
fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

/// `negkb export`: tables, views or canned queries as CSV files, or one
/// of them on stdout.
fn export(db_path: &std::path::Path, out: &std::path::Path, names: &[String]) -> Result<(), Error> {
    let conn = db::open_read_only(db_path)?;
    let exports = crate::export::plan(&conn, names).map_err(|e| e.at(db_path))?;
    if out == std::path::Path::new("-") {
        let [export] = exports.as_slice() else {
            return Err(Error::Usage(
                "--out - writes one result to stdout: name exactly one".into(),
            ));
        };
        return stream(|out| export.write(&conn, out), Error::db(db_path));
    }
    crate::export::write_folder(&conn, db_path, out, &exports, |path, rows| {
        eprintln!("wrote {} ({rows} rows)", path.display());
    })
}

/// `negkb draft --compare`: the figures on stdout, each miss on stderr.
fn compare_draft(
    existing: &std::path::Path,
    request: &crate::draft::Request,
    format: Format,
) -> Result<(), Error> {
    let comparison = crate::draft::compare(existing, request)?;
    for note in &comparison.notes {
        eprintln!("{note}");
    }
    print(&comparison.table, format)
}

/// `negkb draft`: the draft on stdout, or in a new file.
fn draft(
    request: &crate::draft::Request,
    out: Option<&std::path::Path>,
    force: bool,
) -> Result<(), Error> {
    let draft = crate::draft::draft(request)?;
    let Some(path) = out else {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(draft.toml.as_bytes())
            .and_then(|()| stdout.flush())
            .or_else(ignore_broken_pipe)
            .map_err(Error::io("<stdout>"));
    };
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
    file.write_all(draft.toml.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(Error::io(path))?;
    eprintln!(
        "wrote {}: {} facts, {} candidates commented out; review it, then run `negkb check`",
        path.display(),
        draft.facts,
        draft.commented
    );
    Ok(())
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
    if let Error::InvalidInput(diags) = error {
        for d in diags {
            let _ = writeln!(err, "{d}");
        }
        let _ = writeln!(err, "error: {error}");
        return ExitCode::from(FAILURE);
    }
    let _ = writeln!(err, "error: {error}");
    match error {
        Error::Usage(_) => ExitCode::from(USAGE),
        _ => ExitCode::from(FAILURE),
    }
}
