//! A synthetic seeds tree for benchmarks and smoke tests: N invented
//! articles, each about 3 KB, with 8 demands (one a condition for a talk,
//! with a deadline), 8 positions (one also answering the document), 4 talks
//! with 2 outcomes each (one the second round of another) and a document
//! with 2 provisions, every fact quoting its own article. The same N always
//! gives the same files. A larger corpus has more parties, issues and years
//! (beyond 10,000 articles), so that one party, one issue or one month holds
//! the same share of it at every size, as in a growing real corpus.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use jiff::ToSpan;
use jiff::civil::{Date, date};

use crate::vocab::{
    DocumentKind, OutcomeKind, PartyKind, Says, Stance, TalkFormat, TalkStatus, ValueSet,
};

/// How many parties, issues and days a corpus of some size spreads over.
#[derive(Clone, Copy)]
struct Scale {
    parties: usize,
    issues: usize,
    /// Days between the first and the last publication day.
    days: usize,
}

impl Scale {
    /// 200 parties, 20 issues and 5,800 days up to 10,000 articles, and as
    /// many more as there are articles beyond, the corpus reaching further
    /// back in time.
    fn of(articles: usize) -> Scale {
        Scale {
            parties: (articles / 50).max(200),
            issues: (articles / 500).max(20),
            days: (articles * 58 / 100).max(5800),
        }
    }

    /// The first publication day.
    fn first_day(self) -> Date {
        date(2010, 1, 1) - ((self.days - 5800) as i64).days()
    }
}

const DEMANDS: usize = 8;
const POSITIONS: usize = 8;
const TALKS: usize = 4;
/// The formats synthetic talks take.
const FORMATS: [TalkFormat; 4] = [
    TalkFormat::Direct,
    TalkFormat::Mediated,
    TalkFormat::Call,
    TalkFormat::Summit,
];
const VERBS: [&str; 8] = [
    "withdraw from",
    "recognize",
    "guarantee",
    "release",
    "negotiate over",
    "demilitarize",
    "hand over",
    "restore",
];
const THINGS: [&str; 8] = [
    "the northern districts",
    "the border crossings",
    "the coastal ports",
    "all detainees",
    "the river valley",
    "the capital region",
    "the rail corridor",
    "the eastern highlands",
];
const PLACES: [&str; 6] = ["Geneva", "Doha", "Oslo", "Nairobi", "Vienna", "Addis Ababa"];

/// Writes `parties.toml`, `issues.toml` and `articles/` for `articles`
/// synthetic articles under `dir`.
pub fn write_corpus(dir: &Path, articles: usize) -> io::Result<()> {
    fs::create_dir_all(dir.join("articles"))?;
    let scale = Scale::of(articles);
    fs::write(dir.join("parties.toml"), parties(scale))?;
    fs::write(dir.join("issues.toml"), issues(scale))?;
    for i in 0..articles {
        let (text, facts) = article(i, scale);
        let slug = format!("a{i:06}");
        fs::write(dir.join("articles").join(format!("{slug}.txt")), text)?;
        fs::write(dir.join("articles").join(format!("{slug}.toml")), facts)?;
    }
    Ok(())
}

/// The id of party `n` of `scale` (counted round).
fn party(n: usize, scale: Scale) -> String {
    format!("party-{:03}", n % scale.parties)
}

fn party_name(n: usize, scale: Scale) -> String {
    format!("Party {:03}", n % scale.parties)
}

fn parties(scale: Scale) -> String {
    let mut out = String::new();
    for p in 0..scale.parties {
        let kind = PartyKind::ALL[p % PartyKind::ALL.len()];
        let _ = writeln!(
            out,
            "[[party]]\nid = \"{}\"\nname = \"{}\"\nkind = \"{kind}\"\n",
            party(p, scale),
            party_name(p, scale)
        );
    }
    // Every envoy speaks for their party from before the first article.
    let from = scale.first_day().year().min(2000);
    for p in 0..scale.parties {
        let _ = writeln!(
            out,
            "[[actor]]\nid = \"envoy-{p:03}\"\nname = \"Envoy {p:03}\"\nparty = \"{}\"\nrole = \"Chief negotiator\"\nfrom = \"{from}\"\n",
            party(p, scale)
        );
    }
    out
}

fn issues(scale: Scale) -> String {
    let mut out = String::new();
    for i in 0..scale.issues {
        let _ = writeln!(
            out,
            "[[issue]]\nid = \"issue-{i:02}\"\nname = \"Issue {i:02}\"\n"
        );
    }
    out
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % below as u64) as usize
    }
}

/// The text and fact file of article `i`.
fn article(i: usize, scale: Scale) -> (String, String) {
    let published: Date = scale.first_day() + (((i * 7919) % scale.days) as i64).days();
    let text = format!(
        "Envoys meet again as talks enter round {i}\n\n{published}: Delegations met this week for round {i} of talks. \
         Observers described the atmosphere as tense but businesslike, and several delegations said \
         that progress would depend on the sequencing of commitments. Mediators circulated a draft \
         agenda before the opening session, listing humanitarian access, the exchange of detainees, \
         security arrangements along the line of contact and the timetable for any follow-up meetings. \
         Officials on all sides declined to comment on the details of the draft.\n\n"
    );
    let facts = format!(
        "[source]\ntitle = \"Envoys meet again as talks enter round {i}\"\npublisher = \"Synthetic Wire\"\npublished = {published}\n\n"
    );
    let mut out = Article {
        i,
        scale,
        published,
        rng: Rng(i as u64),
        text,
        facts,
    };
    out.demands();
    out.text.push_str("\n\n");
    out.positions();
    out.text.push_str("\n\n");
    out.talks();
    out.text.push_str("\n\n");
    out.document();
    let Article {
        mut text, facts, ..
    } = out;
    text.push_str("\n\nAnalysts cautioned that statements made at the table often differ from positions taken in public, \
        and that several delegations had yet to consult their capitals. A further round was expected within weeks, \
        though no date had been fixed and the venue remained under discussion among the mediators and the parties.\n");
    (text, facts)
}

/// An article being written: its text and fact file so far.
struct Article {
    i: usize,
    scale: Scale,
    published: Date,
    rng: Rng,
    text: String,
    facts: String,
}

/// Provisions in each synthetic document.
const PROVISIONS: usize = 2;

/// A party index drawn at random.
fn pick(rng: &mut Rng, scale: Scale) -> usize {
    rng.next(scale.parties)
}

impl Article {
    /// The article's number, scale and day, and what is being written,
    /// apart.
    fn parts(&mut self) -> (usize, Scale, Date, &mut Rng, &mut String, &mut String) {
        (
            self.i,
            self.scale,
            self.published,
            &mut self.rng,
            &mut self.text,
            &mut self.facts,
        )
    }

    /// The demands, every other one dated a month before publication.
    fn demands(&mut self) {
        let (i, scale, published, rng, text, facts) = self.parts();
        let month_before = published - 1.month();
        for d in 0..DEMANDS {
            let (by, of) = (pick(rng, scale), pick(rng, scale));
            let of = if of == by { of + 1 } else { of };
            let (verb, thing) = (VERBS[rng.next(VERBS.len())], THINGS[rng.next(THINGS.len())]);
            let quote = format!(
                "In demand {i}.{d}, {} called on {} to {verb} {thing}.",
                party_name(by, scale),
                party_name(of, scale)
            );
            let _ = write!(text, "{quote} ");
            // The second demand is a condition for the first talk, with a deadline.
            let condition = if d == 1 {
                format!(
                    "condition_for = [\"a{i}-t0\"]\ndue = \"{}\"\n",
                    published + 3.months()
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                facts,
                "[[demand]]\nid = \"a{i}-d{d}\"\nby = \"{}\"\nof = \"{}\"\nissue = \"issue-{:02}\"\ntext = \"{} to {verb} {thing}\"\n{condition}\n  [[demand.evidence]]\n  quote = \"{quote}\"\n  date = \"{}\"\n  says = \"{}\"\n",
                party(by, scale),
                party(of, scale),
                rng.next(scale.issues),
                party_name(of, scale),
                if d % 2 == 0 {
                    published.to_string()
                } else {
                    month_before.strftime("%Y-%m").to_string()
                },
                if d == 0 { Says::Added } else { Says::Held },
            );
        }
    }

    /// The positions, each responding to a demand of the article.
    fn positions(&mut self) {
        let (i, scale, published, rng, text, facts) = self.parts();
        for p in 0..POSITIONS {
            let who = pick(rng, scale);
            let stance = Stance::ALL[rng.next(Stance::ALL.len())];
            let quote = format!(
                "On point {i}.{p}, {} said it {stance} the proposal on {}.",
                party_name(who, scale),
                THINGS[rng.next(THINGS.len())]
            );
            let _ = write!(text, "{quote} ");
            let _ = writeln!(
                facts,
                "[[position]]\nid = \"a{i}-p{p}\"\nparty = \"{}\"\nissue = \"issue-{:02}\"\nstance = \"{stance}\"\ntext = \"{stance} the proposal\"\nresponds_to = [\"a{i}-d{p}\"{}]\n\n  [[position.evidence]]\n  quote = \"{quote}\"\n  date = {published}\n  speaker = \"envoy-{:03}\"\n",
                party(who, scale),
                rng.next(scale.issues),
                // The first position also answers the article's document.
                if p == 0 {
                    format!(", \"a{i}-doc\"")
                } else {
                    String::new()
                },
                who % scale.parties,
            );
        }
    }

    /// The talks, each with two outcomes.
    fn talks(&mut self) {
        let (i, scale, published, rng, text, facts) = self.parts();
        for t in 0..TALKS {
            let (a, b) = (pick(rng, scale), pick(rng, scale));
            let b = if a == b { b + 1 } else { b };
            let format = FORMATS[rng.next(FORMATS.len())];
            let mediator = (format == TalkFormat::Mediated)
                .then(|| pick(rng, scale))
                .filter(|m| *m != a % scale.parties && *m != b % scale.parties);
            let place = PLACES[rng.next(PLACES.len())];
            let quote = format!(
                "Session {i}.{t} brought {} and {} together in {place}.",
                party_name(a, scale),
                party_name(b, scale)
            );
            let agreed = format!("At session {i}.{t} the sides agreed to meet again.");
            let stalled =
                format!("No progress was reported on the main agenda of session {i}.{t}.");
            let _ = write!(text, "{quote} {agreed} {stalled} ");
            let mediators = mediator
                .map(|m| format!("\"{}\"", party(m, scale)))
                .unwrap_or_default();
            // The second session is the second round of the first.
            let round = if t == 1 {
                format!("part_of = \"a{i}-t0\"\nround = 2\n")
            } else {
                String::new()
            };
            let _ = writeln!(
                facts,
                "[[talk]]\nid = \"a{i}-t{t}\"\ntitle = \"Session {i}.{t}\"\nformat = \"{format}\"\nstatus = \"{held}\"\ndate = {published}\nvenue = \"{place}\"\nparties = [\"{}\", \"{}\"]\nmediators = [{mediators}]\n{round}\n  [[talk.evidence]]\n  quote = \"{quote}\"\n\n  [[talk.outcome]]\n  text = \"Agreed to meet again\"\n  kind = \"{agreement}\"\n  quote = \"{agreed}\"\n\n  [[talk.outcome]]\n  text = \"No progress on the main agenda\"\n  kind = \"{no_progress}\"\n  quote = \"{stalled}\"\n",
                party(a, scale),
                party(b, scale),
                held = TalkStatus::Held,
                agreement = OutcomeKind::Agreement,
                no_progress = OutcomeKind::NoProgress,
            );
        }
    }

    /// One document, tabled by a party, with provisions carrying the
    /// article's first demands.
    fn document(&mut self) {
        let (i, scale, published, rng, text, facts) = self.parts();
        let (by, other) = (pick(rng, scale), pick(rng, scale));
        let other = if other == by { other + 1 } else { other };
        let kind = DocumentKind::ALL[rng.next(DocumentKind::ALL.len())];
        let quote = format!(
            "Document {i} was tabled by {} for {}.",
            party_name(by, scale),
            party_name(other, scale)
        );
        let _ = write!(text, "{quote} ");
        let _ = writeln!(
            facts,
            "[[document]]\nid = \"a{i}-doc\"\ntitle = \"Document {i}\"\nkind = \"{kind}\"\nby = \"{}\"\nparties = [\"{}\", \"{}\"]\nissue = \"issue-{:02}\"\n\n  [[document.evidence]]\n  quote = \"{quote}\"\n  date = {published}\n",
            party(by, scale),
            party(by, scale),
            party(other, scale),
            rng.next(scale.issues),
        );
        for n in 0..PROVISIONS {
            let clause = format!("Clause {i}.{n} of document {i} restates demand {i}.{n}.");
            let _ = write!(text, "{clause} ");
            let _ = writeln!(
                facts,
                "  [[document.provision]]\n  text = \"Clause {n}\"\n  demand = \"a{i}-d{n}\"\n  quote = \"{clause}\"\n",
            );
        }
    }
}
