//! `negkb man [COMMAND]`: a manual page (roff), generated from the command
//! line's own definition: negkb(1) with the options every command takes
//! and the list of commands, or negkb-COMMAND(1) with one command's flags.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Error;

/// Print a manual page (roff) on stdout: `negkb man | man -l -`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The command whose page to print (negkb-COMMAND(1)); negkb(1) when
    /// none is named.
    pub command: Option<String>,
}

/// Writes the page on stdout.
pub fn run(args: Args) -> Result<(), Error> {
    let negkb = Cli::command();
    let command = match &args.command {
        None => negkb,
        Some(name) => {
            let Some(sub) = negkb.find_subcommand(name).filter(|s| !s.is_hide_set()) else {
                let names: Vec<&str> = negkb
                    .get_subcommands()
                    .filter(|s| !s.is_hide_set())
                    .map(|s| s.get_name())
                    .collect();
                return Err(Error::Usage(format!(
                    "`{name}` is not a negkb command; choose from: {}",
                    names.join(", ")
                )));
            };
            let full = format!("negkb-{name}");
            sub.clone().name(full).bin_name(format!("negkb {name}"))
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(Error::io("<stdout>"))?;
    super::write_stdout(&page)
}
