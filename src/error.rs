//! The errors negkb reports.

use std::path::PathBuf;

use crate::diag::Diagnostic;

/// Everything that can go wrong in a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The seed files have problems; each is listed.
    #[error("{} problem{} in the seeds", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    InvalidSeeds(Vec<Diagnostic>),
    /// The files `draft` reads (an article, the registries, a fact file to
    /// compare with) have problems; each is listed.
    #[error("{} problem{} in the files read; nothing was written", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    InvalidInput(Vec<Diagnostic>),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// SQLite refused an operation.
    #[error("{}: {source}", path.display())]
    Database {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file exists but is not a negkb database of a version this binary reads.
    #[error("{}: {reason}", path.display())]
    WrongDatabase {
        /// The file.
        path: PathBuf,
        /// What it is, and what to do.
        reason: String,
    },
    /// A built database failed its own checks (a bug: please report it).
    #[error("the new database failed its check: {0}")]
    Check(String),
    /// The command line is valid for clap but not usable.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }

    /// Wraps a SQLite error with the database path it concerns.
    pub fn db(path: impl Into<PathBuf>) -> impl FnOnce(rusqlite::Error) -> Error {
        let path = path.into();
        move |source| Error::Database { path, source }
    }
}
