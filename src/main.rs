//! The `negkb` binary; all the work is in the library.

use clap::Parser;

/// Seeding allocates and frees millions of small strings; mimalloc does that
/// faster than the system allocator (see bench/NOTES.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same in mimalloc 2 and 3;
/// the Rust bindings do not name it).
const MI_OPTION_PURGE_DELAY: i32 = 15;

fn main() -> std::process::ExitCode {
    let cli = negkb::cli::Cli::parse();
    if cli.command.reads_seeds() {
        // Seeding frees the parsed articles while it builds the database:
        // giving the memory back at once rather than after 10 ms keeps the
        // peak a fifth lower (see bench/NOTES.md).
        // SAFETY: mimalloc options may be set at any time, from any thread.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    }
    negkb::cli::execute(cli)
}
