//! The command line: the options every command takes, parsing, and how an
//! error is reported. Each command lives in its own file under
//! [`crate::cmd`].

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::cmd::{self, Command, Global};
use crate::error::Error;
use crate::output::{Format, Style, visible};
use crate::terminal;

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

    /// Fit terminal tables to this many columns [default: the terminal's
    /// width, else $COLUMNS, else no limit].
    #[arg(long, global = true, value_name = "N")]
    pub width: Option<usize>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Runs a parsed command line and reports its error on stderr.
pub fn execute(cli: Cli) -> ExitCode {
    let global = Global {
        db: cli.db,
        style: Style {
            format: cli.format,
            width: terminal::width(cli.width),
        },
    };
    match cmd::run(cli.command, &global) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

/// Problems listed at most: a tree with thousands of the same mistake
/// would otherwise flood the terminal.
const MAX_LISTED: usize = 200;

/// Prints an error, after the problems it lists, and gives its exit status.
fn report(error: &Error) -> ExitCode {
    let mut err = std::io::stderr().lock();
    // Messages quote seed files and articles: their control characters
    // are shown, not sent to the terminal.
    let diags = error.diagnostics();
    for d in diags.iter().take(MAX_LISTED) {
        let _ = writeln!(err, "{}", visible(&d.to_string()));
    }
    if diags.len() > MAX_LISTED {
        let _ = writeln!(
            err,
            "... and {} more problems, not listed (fix these first)",
            diags.len() - MAX_LISTED
        );
    }
    let said = visible(&error.to_string()).into_owned();
    match error {
        Error::InvalidSeeds(_) => {
            let _ = writeln!(err, "error: {said}; the database was not changed");
        }
        _ => {
            let _ = writeln!(err, "error: {said}");
        }
    }
    ExitCode::from(error.exit_code())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own checks of the definition (names unique, defaults valid),
    /// which otherwise run only when a command is parsed.
    #[test]
    fn the_command_line_is_well_defined() {
        super::Cli::command().debug_assert();
    }
}
