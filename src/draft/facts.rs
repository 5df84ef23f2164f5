//! Drafted facts: what the rules propose for one article, before it is
//! written as TOML.

use std::ops::Range;

use crate::date::Edtf;

/// A drafted demand, position or talk.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Proposed id, unique in the seeds tree.
    pub id: String,
    /// What kind of fact, with its fields.
    pub kind: Kind,
    /// The quotes behind it.
    pub evidence: Vec<Quote>,
    /// Why it was proposed: the `# draft:` comment.
    pub why: String,
    /// Why it cannot be valid as it stands; it is then written commented out.
    pub problem: Option<String>,
}

/// The fields of each kind of fact.
#[derive(Debug, Clone)]
pub enum Kind {
    /// `[[demand]]`.
    Demand {
        by: String,
        of: Option<String>,
        issue: Option<String>,
        text: String,
    },
    /// `[[position]]`.
    Position {
        party: String,
        issue: Option<String>,
        stance: &'static str,
        text: String,
        responds_to: Option<String>,
        talks: Option<usize>,
    },
    /// `[[talk]]`, with its outcomes.
    Talk(Talk),
}

/// A drafted talk.
#[derive(Debug, Clone)]
pub struct Talk {
    pub title: String,
    pub format: &'static str,
    pub status: &'static str,
    pub date: Edtf,
    pub venue: Option<String>,
    pub parties: Vec<String>,
    pub mediators: Vec<String>,
    pub actors: Vec<String>,
    pub outcomes: Vec<Outcome>,
}

/// A drafted outcome of a talk.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub text: String,
    pub kind: &'static str,
    pub quote: Quote,
    pub why: String,
    pub problem: Option<String>,
}

/// A quote of the article with what it says.
#[derive(Debug, Clone)]
pub struct Quote {
    /// Byte range in the article.
    pub span: Range<usize>,
    /// When the text says it held; talks give theirs instead.
    pub date: Option<Edtf>,
    /// held | added | dropped
    pub says: &'static str,
    /// Actor id the text attributes it to.
    pub speaker: Option<String>,
    /// True for a consequence the text implies.
    pub implied: bool,
    /// Why this date, speaker and `says`, for the comment.
    pub why: String,
}

impl Kind {
    /// The TOML table name of the kind.
    pub fn table(&self) -> &'static str {
        match self {
            Kind::Demand { .. } => "demand",
            Kind::Position { .. } => "position",
            Kind::Talk(_) => "talk",
        }
    }
}
