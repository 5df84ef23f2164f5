//! The validated knowledge base: what the seed files say once every id is
//! resolved, every quote found and every date parsed. Loading it into SQLite
//! cannot fail on content.

use crate::date::Edtf;
use crate::vocab::{DocumentKind, OutcomeKind, PartyKind, Says, Stance, TalkFormat, TalkStatus};

/// Everything read from a `seeds/` tree.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The sides.
    pub parties: Vec<Party>,
    /// People and bodies who speak for parties.
    pub actors: Vec<Actor>,
    /// What demands and positions are about.
    pub issues: Vec<Issue>,
    /// Articles, in slug order; evidence refers to them by index.
    pub sources: Vec<Source>,
    /// What one party requires of another.
    pub demands: Vec<Demand>,
    /// A party's stance on an issue.
    pub positions: Vec<Position>,
    /// Meetings, calls and negotiations, held or proposed.
    pub talks: Vec<Talk>,
    /// What talks produced.
    pub outcomes: Vec<Outcome>,
    /// Texts put on the table.
    pub documents: Vec<Document>,
    /// What the documents contain.
    pub provisions: Vec<Provision>,
    /// The fact ids each article has entries for: (source index, id).
    pub entries: Vec<(usize, String)>,
    /// The seed files as they were read: the registries, then each
    /// article's text and fact file.
    pub files: Vec<Stamp>,
}

/// A side in a conflict.
#[derive(Debug, Clone)]
pub struct Party {
    /// Seed id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What kind of side it is.
    pub kind: PartyKind,
    /// Other names articles use.
    pub aliases: Vec<String>,
    /// The parties a coalition or bloc is made of.
    pub members: Vec<String>,
}

/// A person or body who speaks for a party.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Seed id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names articles use.
    pub aliases: Vec<String>,
    /// Whom the actor spoke for, in which role, when: at least one.
    pub terms: Vec<Term>,
}

/// A period in which an actor spoke for a party.
#[derive(Debug, Clone)]
pub struct Term {
    /// The party spoken for.
    pub party: String,
    /// Office or function.
    pub role: Option<String>,
    /// When it began, if known.
    pub since: Option<Edtf>,
    /// When it ended, if it did.
    pub until: Option<Edtf>,
}

impl Actor {
    /// The term in which the actor spoke at `date` (a day of it), if any.
    pub fn term_at(&self, date: &Edtf) -> Option<&Term> {
        self.terms.iter().find(|t| {
            t.since.as_ref().is_none_or(|s| s.min() <= date.max())
                && t.until.as_ref().is_none_or(|u| date.min() <= u.max())
        })
    }
}

/// A subject of demands and positions.
#[derive(Debug, Clone)]
pub struct Issue {
    /// Seed id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the issue covers.
    pub description: Option<String>,
    /// Words that signal the issue in an article.
    pub keywords: Vec<String>,
}

/// An article.
#[derive(Debug, Clone)]
pub struct Source {
    /// File name without extension.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Byline.
    pub author: Option<String>,
    /// Outlet.
    pub publisher: Option<String>,
    /// Day of publication.
    pub published: Edtf,
    /// Where it was read.
    pub url: Option<String>,
    /// The article, verbatim.
    pub text: String,
    /// SHA-256 of `text`, lowercase hex.
    pub sha256: String,
}

/// A seed file as it was read, to tell later whether it has changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Its path under the seeds folder, parts joined by `/`.
    pub path: String,
    /// Its size.
    pub bytes: u64,
    /// Its modification time, nanoseconds since 1970-01-01 UTC; -1 where
    /// the platform gives none, or where the file had changed too shortly
    /// before it was read for its time to tell a later change apart.
    pub modified: i64,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

impl Stamp {
    /// The stamp of the file at `path` (under the seeds folder) with
    /// metadata `meta`, taken before its `bytes` were read.
    ///
    /// File systems keep times in ticks of up to two seconds, so a file
    /// changed again within the tick it was read in keeps its time (and
    /// perhaps its size). A file changed less than [`SETTLED`] before it is
    /// read is therefore stamped without a time, and a later seed compares
    /// its digest instead.
    pub fn of(path: String, meta: &std::fs::Metadata, bytes: &[u8]) -> Stamp {
        let modified = modified_ns(meta);
        let now = modified_ns_of(std::time::SystemTime::now());
        let settled = modified >= 0 && now.saturating_sub(modified) >= SETTLED.as_nanos() as i64;
        Stamp {
            path,
            bytes: meta.len(),
            modified: if settled { modified } else { -1 },
            sha256: Stamp::digest(bytes),
        }
    }

    /// SHA-256 of `bytes`, lowercase hex.
    pub fn digest(bytes: &[u8]) -> String {
        use sha2::Digest;
        hex(&sha2::Sha256::digest(bytes))
    }
}

/// How long before it is read a file must have last changed for its time
/// to be recorded (see [`Stamp::of`]).
pub const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// A file's modification time in nanoseconds since 1970-01-01 UTC, or -1.
pub fn modified_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified().map_or(-1, modified_ns_of)
}

/// A time in nanoseconds since 1970-01-01 UTC, or -1 before it.
fn modified_ns_of(time: std::time::SystemTime) -> i64 {
    time.duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
        .unwrap_or(-1)
}

/// Lowercase hexadecimal of bytes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// When a demand or position is known to hold, derived from its evidence.
#[derive(Debug, Clone)]
pub struct Lifespan {
    /// The earliest evidence.
    pub since: Edtf,
    /// The latest `held` or `added` evidence.
    pub last_seen: Option<Edtf>,
    /// The earliest `dropped` evidence or the first sighting of a replacement.
    pub until: Option<Edtf>,
}

/// What one or more parties require of others.
#[derive(Debug, Clone)]
pub struct Demand {
    /// Seed id.
    pub id: String,
    /// The parties demanding, in the order written.
    pub by: Vec<String>,
    /// The parties it is made of; empty when the article names none.
    pub of: Vec<String>,
    /// The issue.
    pub issue: String,
    /// The demand in a few words.
    pub text: String,
    /// An earlier demand of the same party this one supersedes.
    pub replaces: Option<String>,
    /// Talks, documents or positions its makers say depend on it.
    pub condition_for: Vec<String>,
    /// A deadline set for it.
    pub due: Option<Edtf>,
    /// Demands, positions, documents or provisions it answers.
    pub responds_to: Vec<String>,
    /// Derived from the evidence.
    pub life: Lifespan,
    /// The quotes behind it.
    pub evidence: Vec<Evidence>,
}

/// A party's stance on an issue.
#[derive(Debug, Clone)]
pub struct Position {
    /// Seed id.
    pub id: String,
    /// The parties holding it, in the order written.
    pub parties: Vec<String>,
    /// The issue.
    pub issue: String,
    /// Its stance.
    pub stance: Stance,
    /// The position in a few words.
    pub text: String,
    /// Demands, positions, documents or provisions it answers.
    pub responds_to: Vec<String>,
    /// The talk it is about.
    pub talk: Option<String>,
    /// An earlier position of the same party this one supersedes.
    pub replaces: Option<String>,
    /// Derived from the evidence.
    pub life: Lifespan,
    /// The quotes behind it.
    pub evidence: Vec<Evidence>,
}

/// A meeting, call or negotiation.
#[derive(Debug, Clone)]
pub struct Talk {
    /// Seed id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// How it is held.
    pub format: TalkFormat,
    /// Whether it took place.
    pub status: TalkStatus,
    /// When it took or takes place.
    pub date: Edtf,
    /// Where.
    pub venue: Option<String>,
    /// The sides at the table.
    pub parties: Vec<String>,
    /// Third parties mediating.
    pub mediators: Vec<String>,
    /// Who hosted it, if not a mediator.
    pub host: Option<String>,
    /// Who called for it.
    pub proposed_by: Vec<String>,
    /// The process it is a round of.
    pub part_of: Option<String>,
    /// Its number in `part_of`.
    pub round: Option<i64>,
    /// Actors who took part.
    pub actors: Vec<String>,
    /// Its status as each article reported it, by publication day.
    pub history: Vec<StatusReport>,
    /// The quotes behind it.
    pub evidence: Vec<Evidence>,
}

/// A talk's status as one article reported it.
#[derive(Debug, Clone)]
pub struct StatusReport {
    /// Index into [`Corpus::sources`].
    pub source: usize,
    /// The status the article gives.
    pub status: TalkStatus,
    /// The date the article gives the talk.
    pub date: Edtf,
}

/// A text put on the table: a proposal, plan, memorandum, agreement...
#[derive(Debug, Clone)]
pub struct Document {
    /// Seed id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// What kind of text.
    pub kind: DocumentKind,
    /// Who drafted or tabled it; empty when no one is named.
    pub by: Vec<String>,
    /// The sides it would bind or that signed it.
    pub parties: Vec<String>,
    /// Its main issue.
    pub issue: Option<String>,
    /// The talk where it was tabled or signed.
    pub talk: Option<String>,
    /// The document it answers.
    pub responds_to: Option<String>,
    /// The earlier version it supersedes.
    pub replaces: Option<String>,
    /// Derived from the evidence.
    pub life: Lifespan,
    /// The quotes behind it.
    pub evidence: Vec<Evidence>,
}

/// What a document contains.
#[derive(Debug, Clone)]
pub struct Provision {
    /// Seed id, or one made from the document id.
    pub id: String,
    /// The document.
    pub document: String,
    /// The provision in a few words.
    pub text: String,
    /// Its issue.
    pub issue: Option<String>,
    /// The demand of a party it carries.
    pub demand: Option<String>,
    /// The quote behind it.
    pub evidence: Vec<Evidence>,
}

/// What a talk produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Seed id, or one made from the talk id.
    pub id: String,
    /// The talk.
    pub talk: String,
    /// What kind of outcome.
    pub kind: OutcomeKind,
    /// The outcome in a few words.
    pub text: String,
    /// The document it produced or exchanged.
    pub document: Option<String>,
    /// The quotes behind it.
    pub evidence: Vec<Evidence>,
}

/// One quote behind a fact; each fact owns its quotes.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// Index into [`Corpus::sources`].
    pub source: usize,
    /// Where the quote is in the source's text: code points (stored as
    /// offsets) and bytes.
    pub span: crate::quote::Span,
    /// The source's text at `span`.
    pub quote: String,
    /// When the quoted text says the fact held.
    pub date: Edtf,
    /// What it says of the fact at its date.
    pub says: Says,
    /// The actor the text attributes it to.
    pub speaker: Option<String>,
    /// Who else the article credits: a newspaper, an unnamed official.
    pub attribution: Option<String>,
    /// True when the text implies rather than states it.
    pub implied: bool,
}
