//! `negkb completions SHELL`: a completion script for bash, zsh or fish,
//! generated from the command line's own definition.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Error;

/// Print a shell completion script (bash, zsh or fish) on stdout.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "bash: negkb completions bash > ~/.local/share/bash-completion/completions/negkb\n\
                        zsh:  negkb completions zsh > \"${fpath[1]}/_negkb\"\n\
                        fish: negkb completions fish > ~/.config/fish/completions/negkb.fish"
)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells completions are written for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Shell {
    /// Bash (bash-completion).
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
}

/// Writes the script on stdout.
pub fn run(args: Args) -> Result<(), Error> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "negkb", &mut script);
    super::write_stdout(&script)
}
