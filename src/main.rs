//! The `negkb` binary; all the work is in the library.

/// Seeding allocates and frees millions of small strings; mimalloc does that
/// markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    negkb::cli::main()
}
