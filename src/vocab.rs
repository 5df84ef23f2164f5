//! The closed lists of values of the seed format, each defined once: the
//! loader checks seed files against them, the model and the draft hold them,
//! the synthetic corpus draws from them, flags take them, and the schema's
//! CHECK lists are tested against them.

use std::fmt;

/// Defines an enum whose variants are written in seed files, SQL and flags
/// by the given names.
macro_rules! value_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl ValueSet for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)+];

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                <Self as ValueSet>::ALL
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    };
}

/// What every value set offers: its values and their names.
pub trait ValueSet: Copy + PartialEq + fmt::Display + 'static {
    /// Every value, in the order the format lists them.
    const ALL: &'static [Self];

    /// The name written in seed files, SQL and flags.
    fn as_str(self) -> &'static str;

    /// The value written as `text`, if it is one.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text)
    }

    /// The names of every value, in order.
    fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.as_str()).collect()
    }
}

value_set! {
    /// What kind of side a party is.
    PartyKind {
        /// A sovereign state.
        State = "state",
        /// An armed or political group.
        Group = "group",
        /// An international or non-governmental organization.
        Organization = "organization",
        /// A government that is not (or not only) a state.
        Government = "government",
        /// A coalition or bloc of other parties, its `members`.
        Coalition = "coalition",
    }
}

value_set! {
    /// A party's stance in a position.
    Stance {
        /// In favour.
        Supports = "supports",
        /// Against, short of refusal.
        Opposes = "opposes",
        /// Refuses.
        Rejects = "rejects",
        /// Agrees to what another proposed.
        Accepts = "accepts",
        /// Offers something in return.
        Offers = "offers",
        /// Puts something forward.
        Proposes = "proposes",
        /// Asserts a right or a fact.
        Claims = "claims",
        /// Doubts that something will work or is meant.
        Doubts = "doubts",
        /// Warns of a consequence.
        Warns = "warns",
    }
}

value_set! {
    /// How a talk is held.
    TalkFormat {
        /// The sides meet.
        Direct = "direct",
        /// A third party mediates.
        Mediated = "mediated",
        /// A third party carries messages between sides that do not meet.
        Indirect = "indirect",
        /// By telephone or video.
        Call = "call",
        /// One side informs others.
        Briefing = "briefing",
        /// Leaders meet.
        Summit = "summit",
        /// Anything else.
        Other = "other",
    }
}

value_set! {
    /// Whether a talk took place, as of its article.
    TalkStatus {
        /// It took place.
        Held = "held",
        /// Someone called for it.
        Proposed = "proposed",
        /// It is set to take place.
        Planned = "planned",
        /// It was put off.
        Postponed = "postponed",
        /// It will not take place.
        Cancelled = "cancelled",
    }
}

value_set! {
    /// What a talk produced.
    OutcomeKind {
        /// The sides agreed on something.
        Agreement = "agreement",
        /// Nothing was agreed.
        NoProgress = "no-progress",
        /// Someone said how it went.
        Statement = "statement",
        /// Anything else.
        Other = "other",
    }
}

value_set! {
    /// What a piece of evidence says of its fact at its date: of a demand or
    /// position `held`, `added` or `dropped` ([`Says::OF_CLAIMS`]), of a
    /// document one of [`Says::OF_DOCUMENTS`].
    Says {
        /// In force, or on the table.
        Held = "held",
        /// First put forward.
        Added = "added",
        /// Given up.
        Dropped = "dropped",
        /// A document put on the table.
        Proposed = "proposed",
        /// A document changed by its authors.
        Revised = "revised",
        /// A document signed.
        Signed = "signed",
        /// A document in force.
        InForce = "in-force",
        /// A document paused.
        Suspended = "suspended",
        /// A document that fell apart.
        Collapsed = "collapsed",
        /// A document taken back.
        Withdrawn = "withdrawn",
    }
}

impl Says {
    /// What evidence may say of a demand or position.
    pub const OF_CLAIMS: &[Says] = &[Says::Held, Says::Added, Says::Dropped];
    /// What evidence may say of a document.
    pub const OF_DOCUMENTS: &[Says] = &[
        Says::Proposed,
        Says::Held,
        Says::Revised,
        Says::Signed,
        Says::InForce,
        Says::Suspended,
        Says::Collapsed,
        Says::Withdrawn,
    ];

    /// True when a document whose latest evidence says this is off the
    /// table.
    pub fn takes_off_the_table(self) -> bool {
        matches!(self, Says::Collapsed | Says::Withdrawn)
    }
}

value_set! {
    /// What kind of text a document is.
    DocumentKind {
        /// An offer of terms.
        Proposal = "proposal",
        /// A plan of several steps.
        Plan = "plan",
        /// A memorandum.
        Memorandum = "memorandum",
        /// A declaration.
        Declaration = "declaration",
        /// An agreement.
        Agreement = "agreement",
        /// A ceasefire.
        Ceasefire = "ceasefire",
        /// A communique.
        Communique = "communique",
        /// Anything else.
        Other = "other",
    }
}

value_set! {
    /// The kinds of fact, which share one namespace of ids.
    FactKind {
        /// `[[demand]]`.
        Demand = "demand",
        /// `[[position]]`.
        Position = "position",
        /// `[[document]]`.
        Document = "document",
        /// `[[document.provision]]`.
        Provision = "provision",
        /// `[[talk]]`.
        Talk = "talk",
        /// `[[talk.outcome]]`.
        Outcome = "outcome",
    }
}

impl FactKind {
    /// What `responds_to` may name.
    pub const ANSWERED: &[FactKind] = &[
        FactKind::Demand,
        FactKind::Position,
        FactKind::Document,
        FactKind::Provision,
    ];

    /// What `condition_for` may name.
    pub const CONDITIONED: &[FactKind] = &[FactKind::Talk, FactKind::Document, FactKind::Position];
}

value_set! {
    /// The role of a party in a talk.
    TalkRole {
        /// A side at the table.
        Party = "party",
        /// A third party mediating.
        Mediator = "mediator",
        /// Who hosted it, if not a mediator.
        Host = "host",
        /// Who called for it.
        Proposer = "proposer",
    }
}

value_set! {
    /// The part of a party in a demand.
    DemandRole {
        /// Making it.
        By = "by",
        /// Addressed by it.
        Of = "of",
    }
}

value_set! {
    /// The part of a party in a document.
    DocumentRole {
        /// Drafting or tabling it.
        By = "by",
        /// Bound by it, or signing it.
        Party = "party",
    }
}

/// The SQL `CHECK (column IN (...))` clause that admits exactly the values
/// of `V`.
pub fn check_in<V: ValueSet>(column: &str) -> String {
    let quoted: Vec<String> = V::names().iter().map(|n| format!("'{n}'")).collect();
    format!("CHECK ({column} IN ({}))", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_to_their_values() {
        for s in Stance::ALL {
            assert_eq!(Stance::parse(s.as_str()), Some(*s));
        }
        assert_eq!(
            OutcomeKind::parse("no-progress"),
            Some(OutcomeKind::NoProgress)
        );
        assert_eq!(TalkStatus::parse("Held"), None);
    }

    /// The schema's CHECK lists admit the same values as the enums: each
    /// enum's list is in the schema, and each list of names in the schema
    /// is an enum's.
    #[test]
    fn the_schema_checks_each_column_against_its_value_set() {
        let schema = crate::db::SCHEMA;
        let sets = [
            check_in::<PartyKind>("kind"),
            check_in::<Stance>("stance"),
            check_in::<TalkFormat>("format"),
            check_in::<TalkStatus>("status"),
            check_in::<OutcomeKind>("kind"),
            check_in::<Says>("says"),
            check_in::<TalkRole>("role"),
            check_in::<DemandRole>("role"),
            check_in::<DocumentRole>("role"),
            check_in::<DocumentKind>("kind"),
            check_in::<FactKind>("kind"),
        ];
        for clause in &sets {
            assert!(schema.contains(clause), "the schema lacks {clause}");
        }
        let lists: Vec<&str> = sets
            .iter()
            .map(|c| c.split_once(" IN ").unwrap().1)
            .collect();
        for clause in schema.split("CHECK (").skip(1) {
            let Some((_, rest)) = clause.split_once(" IN ('") else {
                continue;
            };
            let Some((names, _)) = rest.split_once("))") else {
                continue;
            };
            let list = format!("('{names}))");
            assert!(
                lists.contains(&list.as_str()),
                "the schema's CHECK list {list} is no value set of vocab.rs"
            );
        }
    }
}
