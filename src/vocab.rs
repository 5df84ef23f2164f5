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
    }
}

value_set! {
    /// How a talk is held.
    TalkFormat {
        /// The sides meet.
        Direct = "direct",
        /// A third party mediates.
        Mediated = "mediated",
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
    /// What a piece of evidence says of a demand or position at its date.
    Says {
        /// In force.
        Held = "held",
        /// First put forward.
        Added = "added",
        /// Given up.
        Dropped = "dropped",
    }
}

value_set! {
    /// The role of a party in a talk.
    TalkRole {
        /// A side at the table.
        Party = "party",
        /// A third party mediating.
        Mediator = "mediator",
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

    /// The schema's CHECK lists admit the same values as the enums.
    #[test]
    fn the_schema_checks_each_column_against_its_value_set() {
        let schema = crate::db::SCHEMA;
        for clause in [
            check_in::<PartyKind>("kind"),
            check_in::<Stance>("stance"),
            check_in::<TalkFormat>("format"),
            check_in::<TalkStatus>("status"),
            check_in::<OutcomeKind>("kind"),
            check_in::<Says>("says"),
            check_in::<TalkRole>("role"),
        ] {
            assert!(schema.contains(&clause), "the schema lacks {clause}");
        }
        // Every CHECK list of names in the schema is one of the above.
        let named = schema
            .split("CHECK (")
            .skip(1)
            .filter(|c| {
                c.split_once(')')
                    .is_some_and(|(head, _)| head.contains(" IN ('"))
            })
            .count();
        assert_eq!(
            named, 7,
            "a CHECK list of names in the schema is not tested here"
        );
    }
}
