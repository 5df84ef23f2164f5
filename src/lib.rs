//! negkb: a knowledge base of negotiation positions in armed conflicts.
//!
//! The modules follow the data:
//!
//! - seed files → [`seeds`]: reads and validates a `seeds/` tree, with
//!   [`date`] (EDTF dates), [`quote`] (finding quotes in articles),
//!   [`vocab`] (the closed lists of values) and [`diag`] (located problems);
//! - → [`model`]: the validated corpus;
//! - → [`build`]: writes it into a new SQLite file with [`load`] and puts it
//!   in place atomically; the schema and how a database is opened are in
//!   [`db`];
//! - → [`query`]: the canned queries of `queries/*.sql` and ad-hoc SQL;
//! - → [`output`]: terminal tables (laid out by [`terminal`]), CSV and JSON;
//!   [`report`] writes briefings and [`chart`] timelines; [`datasette`]
//!   describes the database and its queries for Datasette.
//!
//! Beside that flow, [`draft`] proposes a fact file for a new article
//! (article text → clauses → facts → TOML, checked by [`seeds`]), and
//! [`synth`] writes synthetic corpora for benchmarks. [`cli`] parses the
//! command line and [`cmd`] holds one file per command; [`error`] is the one
//! error type, with the exit codes.

pub mod build;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod datasette;
pub mod date;
pub mod db;
pub mod diag;
pub mod draft;
pub mod error;
pub mod load;
pub mod model;
pub mod output;
pub mod query;
pub mod quote;
pub mod report;
pub mod seeds;
pub mod synth;
pub mod terminal;
pub mod update;
pub mod vocab;

/// The version of negkb, as recorded in the databases it writes.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
