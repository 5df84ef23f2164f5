//! The one error type of negkb, and the exit status of each kind.
//!
//! | exit status | when |
//! | --- | --- |
//! | 0 | success |
//! | 1 | invalid seeds or input files, a file or database operation that failed, a database another program is writing, a query over its time limit, a bug in negkb |
//! | 2 | a usage error: a bad flag, date or name, refused SQL |

use std::path::PathBuf;

use crate::diag::Diagnostic;

/// Everything that can go wrong in a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line is valid for clap but not usable.
    #[error("{0}")]
    Usage(String),
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
    /// Another program holds a lock on the database.
    #[error("{}: {reason}", path.display())]
    Busy {
        /// The database file.
        path: PathBuf,
        /// Who may hold it, and what to do.
        reason: String,
    },
    /// A query ran longer than its time limit and was stopped.
    #[error("{0}")]
    TimedOut(String),
    /// negkb did something it should not have: a bug to report.
    #[error("internal error: {0}; please report this")]
    Internal(String),
}

/// Exit status of a usage error, as clap uses it.
const USAGE: u8 = 2;
/// Exit status of every other error.
const FAILURE: u8 = 1;

impl Error {
    /// The process's exit status for this error (see the module's table).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => USAGE,
            _ => FAILURE,
        }
    }

    /// The problems listed before the error line, one per line.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::InvalidSeeds(diags) | Error::InvalidInput(diags) => diags,
            _ => &[],
        }
    }

    /// True for a write to a closed pipe (`negkb ... | head`), which is not
    /// worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }

    /// Wraps a SQLite error with the database path it concerns; a lock held
    /// by another program is [`Error::Busy`].
    pub fn db(path: impl Into<PathBuf>) -> impl FnOnce(rusqlite::Error) -> Error {
        let path = path.into();
        move |source| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy {
                    path,
                    reason: format!(
                        "{source}: another program is writing to it (an sqlite3 shell in a transaction?); finish or close it and try again"
                    ),
                }
            }
            _ => Error::Database { path, source },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_usage_errors_exit_with_2() {
        assert_eq!(Error::Usage("x".into()).exit_code(), 2);
        assert_eq!(Error::Internal("x".into()).exit_code(), 1);
        assert_eq!(Error::InvalidSeeds(vec![]).exit_code(), 1);
    }

    #[test]
    fn a_locked_database_is_busy_not_broken() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        assert!(matches!(Error::db("x.db")(busy), Error::Busy { .. }));
        let other = rusqlite::Error::InvalidQuery;
        assert!(matches!(Error::db("x.db")(other), Error::Database { .. }));
    }
}
