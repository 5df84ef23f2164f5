//! negkb: a knowledge base of negotiation positions in armed conflicts.
//!
//! Data flows seed files → [`seeds`] (validation) → [`model`] → [`build`]
//! and [`load`] (SQLite, schema in [`db`]) → [`query`] and [`export`] →
//! [`output`]. [`cli`] is the command line; [`synth`] writes synthetic
//! corpora for benchmarks.

pub mod build;
pub mod cli;
pub mod cmd;
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
pub mod seeds;
pub mod synth;
pub mod vocab;
