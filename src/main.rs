//! The `negkb` binary; all the work is in the library.

use clap::Parser;

/// Seeding allocates and frees millions of small strings; mimalloc does that
/// faster than the system allocator (see bench/NOTES.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    negkb::cli::execute(negkb::cli::Cli::parse())
}
