//! Drafted facts: what the rules propose for one article, before it is
//! written as TOML.

use std::ops::Range;

use crate::date::Edtf;
use crate::vocab::{DocumentKind, OutcomeKind, Says, Stance, TalkFormat, TalkStatus};

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

impl Fact {
    /// Adds `quote` to the evidence unless a quote of the same text (the
    /// same sentence, repeated in `article`) is there already: a second
    /// copy says nothing new and could only be told apart by a prefix.
    pub fn cite(&mut self, article: &str, quote: Quote) {
        let words = &article[quote.span.clone()];
        if !self
            .evidence
            .iter()
            .any(|q| &article[q.span.clone()] == words)
        {
            self.evidence.push(quote);
        }
    }
}

/// The fields of each kind of fact.
#[derive(Debug, Clone)]
pub enum Kind {
    /// `[[demand]]`.
    Demand {
        /// The party demanding.
        by: String,
        /// The parties it is made of, when the clause names them.
        of: Vec<String>,
        /// The issue, when one matched.
        issue: Option<String>,
        /// What is demanded, in the article's words.
        text: String,
        /// A deadline the clause sets for it (`by June 30`).
        due: Option<Edtf>,
    },
    /// `[[position]]`.
    Position {
        /// The party holding it.
        party: String,
        /// The issue, when one matched.
        issue: Option<String>,
        /// Its stance.
        stance: Stance,
        /// The stance, in the article's words.
        text: String,
        /// Index of the drafted demand it answers (its id is final only
        /// once the draft's ids are made unique).
        responds_to: Option<usize>,
        /// Index of the drafted talk it is about.
        talks: Option<usize>,
    },
    /// `[[talk]]`, with its outcomes.
    Talk(Talk),
    /// `[[document]]`.
    Document {
        /// A title to rewrite by hand.
        title: String,
        /// What kind of text.
        kind: DocumentKind,
        /// Who drafted, tabled or signed it, when the clause names them.
        by: Vec<String>,
        /// The sides it would bind.
        parties: Vec<String>,
        /// Its main issue, when one matched.
        issue: Option<String>,
    },
}

/// A drafted talk.
#[derive(Debug, Clone)]
pub struct Talk {
    /// A title to rewrite by hand.
    pub title: String,
    /// How it is held.
    pub format: TalkFormat,
    /// Whether it took place.
    pub status: TalkStatus,
    /// When it was held or is due.
    pub date: Edtf,
    /// Where, from `in <Place>`.
    pub venue: Option<String>,
    /// The sides at the table.
    pub parties: Vec<String>,
    /// Parties mediating.
    pub mediators: Vec<String>,
    /// The party hosting it, if not a mediator.
    pub host: Option<String>,
    /// Actors who took part.
    pub actors: Vec<String>,
    /// What it produced.
    pub outcomes: Vec<Outcome>,
}

/// A drafted outcome of a talk.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What it was, in the article's words.
    pub text: String,
    /// What kind of outcome.
    pub kind: OutcomeKind,
    /// The quote behind it.
    pub quote: Quote,
    /// Why it was proposed.
    pub why: String,
    /// Why it cannot be valid as it stands.
    pub problem: Option<String>,
}

/// A quote of the article with what it says.
#[derive(Debug, Clone)]
pub struct Quote {
    /// Byte range in the article.
    pub span: Range<usize>,
    /// When the text says it held; talks give theirs instead.
    pub date: Option<Edtf>,
    /// What it says of the fact.
    pub says: Says,
    /// Actor id the text attributes it to.
    pub speaker: Option<String>,
    /// Who else the text credits, when no actor is named: `diplomats
    /// familiar with the talks`.
    pub attribution: Option<String>,
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
            Kind::Document { .. } => "document",
        }
    }
}
