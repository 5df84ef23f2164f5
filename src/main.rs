//! The `negkb` binary; all the work is in the library.

fn main() -> std::process::ExitCode {
    negkb::cli::main()
}
