//! negkb: a knowledge base of negotiation positions in armed conflicts.
//!
//! Data flows seed files → [`seeds`] (validation) → [`model`] → [`db`]
//! (SQLite) → queries → output.

pub mod build;
pub mod cli;
pub mod date;
pub mod db;
pub mod diag;
pub mod error;
pub mod load;
pub mod model;
pub mod output;
pub mod query;
pub mod quote;
pub mod seeds;
pub mod synth;
