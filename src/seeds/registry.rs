//! `parties.toml` and `issues.toml`: the ids every article refers to.

use std::collections::BTreeMap;

use toml::Spanned;

use super::files::{IDENTIFIER_SHAPE, is_identifier};
use super::raw::{self, IssuesFile, PartiesFile, RawActor, RawTerm};
use crate::date::Edtf;
use crate::diag::{Diagnostic, Place, SourceFile};
use crate::model::{Actor, Issue, Party, Term};
use crate::vocab::{PartyKind, ValueSet};

/// The registries, validated, with the place each id was defined.
#[derive(Default)]
pub struct Registry {
    /// Parties in file order.
    pub parties: Vec<Party>,
    /// Actors in file order.
    pub actors: Vec<Actor>,
    /// Issues in file order.
    pub issues: Vec<Issue>,
    /// Party id → where it is defined.
    pub party_ids: BTreeMap<String, Place>,
    /// Actor id → index into `actors`.
    pub actor_ids: BTreeMap<String, usize>,
    /// Issue id → where it is defined.
    pub issue_ids: BTreeMap<String, Place>,
}

impl Registry {
    /// Reads both registries, reporting every problem.
    pub fn read(
        parties: Option<&SourceFile>,
        issues: Option<&SourceFile>,
        diags: &mut Vec<Diagnostic>,
    ) -> Registry {
        let mut registry = Registry::default();
        if let Some(file) = parties {
            match raw::parse::<PartiesFile>(file) {
                Ok(parsed) => registry.read_parties(file, parsed, diags),
                Err(d) => diags.push(d),
            }
        }
        if let Some(file) = issues {
            match raw::parse::<IssuesFile>(file) {
                Ok(parsed) => registry.read_issues(file, parsed, diags),
                Err(d) => diags.push(d),
            }
        }
        registry
    }

    fn read_parties(
        &mut self,
        file: &SourceFile,
        parsed: PartiesFile,
        diags: &mut Vec<Diagnostic>,
    ) {
        let mut places = BTreeMap::new();
        let mut members = Vec::new();
        for party in parsed.party {
            let ok = define(file, "party", &party.id, &mut places, diags)
                & non_empty(file, "name", &party.name, diags);
            let kind = one_of::<PartyKind>(file, "kind", &party.kind, diags);
            if let (true, Some(kind)) = (ok, kind) {
                members.push(party.members.map(Spanned::into_inner).unwrap_or_default());
                self.parties.push(Party {
                    id: party.id.into_inner(),
                    name: party.name.into_inner(),
                    kind,
                    aliases: party.aliases,
                    members: Vec::new(),
                });
            }
        }
        self.party_ids = places;
        for (party, listed) in self.parties.iter_mut().zip(members) {
            for member in listed {
                let place = file.place(member.span().start);
                if member.get_ref() == &party.id {
                    diags.push(
                        file.at(
                            member.span(),
                            format!("party `{}` lists itself among its members", party.id),
                        )
                        .hint("`members` names the other parties a coalition or bloc is made of"),
                    );
                } else if super::check_ref(
                    "party",
                    member.get_ref(),
                    &place,
                    &self.party_ids,
                    diags,
                ) {
                    party.members.push(member.into_inner());
                }
            }
        }
        let mut actor_places = BTreeMap::new();
        for actor in parsed.actor {
            let mut ok = define(file, "actor", &actor.id, &mut actor_places, diags)
                & non_empty(file, "name", &actor.name, diags);
            let terms = self.terms(file, &actor, &mut ok, diags);
            if ok {
                self.actor_ids
                    .insert(actor.id.get_ref().clone(), self.actors.len());
                self.actors.push(Actor {
                    id: actor.id.into_inner(),
                    name: actor.name.into_inner(),
                    aliases: actor.aliases,
                    terms,
                });
            }
        }
    }

    /// An actor's terms: its `party`, `role`, `from` and `until`, or its
    /// `[[actor.term]]` tables, never both.
    fn terms(
        &self,
        file: &SourceFile,
        actor: &RawActor,
        ok: &mut bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Term> {
        let inline = actor.party.as_ref().map(|party| RawTerm {
            party: party.clone(),
            role: actor.role.clone(),
            from: actor.from.clone(),
            until: actor.until.clone(),
        });
        let given_inline = actor.party.is_some()
            || actor.role.is_some()
            || actor.from.is_some()
            || actor.until.is_some();
        if given_inline && !actor.term.is_empty() || inline.is_none() && actor.term.is_empty() {
            diags.push(
                file.at(
                    actor.id.span(),
                    format!(
                        "actor `{}` needs either `party` (with `role`, `from`, `until`) or [[actor.term]] tables, not {}",
                        actor.id.get_ref(),
                        if actor.term.is_empty() { "neither" } else { "both" }
                    ),
                )
                .hint("an actor who spoke for one party in one role gives `party`; one with several terms gives an [[actor.term]] for each"),
            );
            *ok = false;
            return Vec::new();
        }
        inline
            .iter()
            .chain(&actor.term)
            .filter_map(|raw| self.term(file, actor.id.get_ref(), raw, ok, diags))
            .collect()
    }

    /// One term of `actor`, its party and dates checked.
    fn term(
        &self,
        file: &SourceFile,
        actor: &str,
        raw: &RawTerm,
        ok: &mut bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Term> {
        let place = file.place(raw.party.span().start);
        let mut fine =
            super::check_ref("party", raw.party.get_ref(), &place, &self.party_ids, diags);
        let since = optional_date(file, raw.from.as_ref(), &mut fine, diags);
        let until = optional_date(file, raw.until.as_ref(), &mut fine, diags);
        if let (Some(from), Some(until), Some(at)) = (&since, &until, &raw.until)
            && until.max() < from.min()
        {
            diags.push(
                file.at(
                    at.span(),
                    format!("actor `{actor}` stops speaking ({until}) before starting ({from})"),
                )
                .hint("check `from` and `until`"),
            );
            fine = false;
        }
        *ok &= fine;
        fine.then(|| Term {
            party: raw.party.get_ref().clone(),
            role: raw.role.clone(),
            since,
            until,
        })
    }

    fn read_issues(&mut self, file: &SourceFile, parsed: IssuesFile, diags: &mut Vec<Diagnostic>) {
        let mut places = BTreeMap::new();
        for issue in parsed.issue {
            if define(file, "issue", &issue.id, &mut places, diags)
                & non_empty(file, "name", &issue.name, diags)
            {
                self.issues.push(Issue {
                    id: issue.id.into_inner(),
                    name: issue.name.into_inner(),
                    description: issue.description,
                    keywords: issue.keywords,
                });
            }
        }
        self.issue_ids = places;
    }
}

/// Checks the shape of an id, reporting a malformed one.
pub fn valid_id(
    file: &SourceFile,
    kind: &str,
    id: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let ok = is_identifier(id.get_ref());
    if !ok {
        diags.push(
            file.at(
                id.span(),
                format!("`{}` is not a valid {kind} id", id.get_ref()),
            )
            .hint(format!(
                "ids are {IDENTIFIER_SHAPE}, e.g. \"united-states\""
            )),
        );
    }
    ok
}

/// Records a new id, refusing malformed and duplicate ones.
pub fn define(
    file: &SourceFile,
    kind: &str,
    id: &Spanned<String>,
    places: &mut BTreeMap<String, Place>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if !valid_id(file, kind, id, diags) {
        return false;
    }
    let here = file.place(id.span().start);
    if let Some(first) = places.get(id.get_ref()) {
        diags.push(
            file.at(id.span(), format!("duplicate {kind} id `{}`", id.get_ref()))
                .hint(format!(
                    "it is first defined at {first}; give one of them another id"
                )),
        );
        return false;
    }
    places.insert(id.get_ref().clone(), here);
    true
}

/// Refuses an empty text field.
pub fn non_empty(
    file: &SourceFile,
    field: &str,
    value: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let ok = !value.get_ref().trim().is_empty();
    if !ok {
        diags.push(
            file.at(value.span(), format!("`{field}` is empty"))
                .hint(format!("write the {field}")),
        );
    }
    ok
}

/// The value of `V` named by `value`; a name outside the set is reported
/// with the names it may take.
pub fn one_of<V: ValueSet>(
    file: &SourceFile,
    field: &str,
    value: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<V> {
    let parsed = V::parse(value.get_ref());
    if parsed.is_none() {
        diags.push(
            file.at(
                value.span(),
                format!("`{}` is not a valid {field}", value.get_ref()),
            )
            .hint(format!("{field} is one of: {}", V::names().join(", "))),
        );
    }
    parsed
}

/// Parses a date field, reporting where it is wrong.
pub fn parse_date(
    file: &SourceFile,
    value: &Spanned<toml::Value>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Edtf> {
    let parsed = raw::date_text(value)
        .map_err(str::to_string)
        .and_then(|text| Edtf::parse(&text).map_err(|e| e.to_string()));
    match parsed {
        Ok(date) => Some(date),
        Err(message) => {
            diags.push(file.at(value.span(), message).hint(
                "dates are YYYY, YYYY-MM or YYYY-MM-DD, optionally with ~ ? or %, or an interval A/B with .. for an open end",
            ));
            None
        }
    }
}

/// Parses an optional date field; clears `ok` when it is present but wrong.
fn optional_date(
    file: &SourceFile,
    value: Option<&Spanned<toml::Value>>,
    ok: &mut bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Edtf> {
    let date = parse_date(file, value?, diags);
    *ok &= date.is_some();
    date
}
