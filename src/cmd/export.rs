//! `negkb export`: tables, views and the canned queries that need no
//! parameters, as CSV files that `sqlite3 .import --csv` and spreadsheets
//! read back.

use std::path::{Path, PathBuf};

use super::Global;
use super::args::DateArg;
use crate::db::Reader;
use crate::error::Error;
use crate::output::Format;
use crate::query::{self, Canned, Params};

/// Write tables, views or canned queries as CSV files.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write NAME.csv into, or - for stdout (one NAME only).
    #[arg(long, default_value = "export")]
    pub out: PathBuf,
    /// Tables, views or canned queries; all tables and views when none.
    pub names: Vec<String>,
}

/// Canned queries that can run without parameters (as of today).
const EXPORTABLE: &[&Canned] = &[
    &query::DEMANDS,
    &query::POSITIONS,
    &query::DOCUMENTS,
    &query::PROVISIONS,
    &query::TALKS,
    &query::DIVIDES,
    &query::TIMELINE,
    &query::PARTIES,
    &query::ISSUES,
];

/// Checks every name, then writes each as its rows are read: into
/// `--out/NAME.csv`, or one of them on stdout.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    let exports = plan(&db, &args.names)?;
    if args.out == Path::new("-") {
        let [export] = exports.as_slice() else {
            return Err(Error::Usage(
                "--out - writes one result to stdout: name exactly one".into(),
            ));
        };
        let mut stmt =
            query::prepare(&db.conn, &export.sql, &export.params).map_err(db.failed())?;
        return query::print_statement(&db, &mut stmt, Format::Csv.into());
    }
    // Every file name is checked before anything is written.
    let files = exports
        .iter()
        .map(|e| file_name(&e.name))
        .collect::<Result<Vec<_>, _>>()?;
    std::fs::create_dir_all(&args.out).map_err(|e| {
        Error::Usage(format!(
            "cannot write CSV files into {}: {e}; --out takes a folder (created if missing) or -",
            args.out.display()
        ))
    })?;
    for (export, file) in exports.iter().zip(files) {
        let path = args.out.join(file);
        let rows = write_file(&db, export, &path)?;
        eprintln!("wrote {} ({rows} rows)", path.display());
    }
    Ok(())
}

/// `NAME.csv`, refusing a name that would write outside the folder (a table
/// called `../x` or `/tmp/x`).
fn file_name(name: &str) -> Result<String, Error> {
    let file = format!("{name}.csv");
    let mut parts = Path::new(&file).components();
    match (parts.next(), parts.next()) {
        (Some(std::path::Component::Normal(_)), None) => Ok(file),
        _ => Err(Error::Usage(format!(
            "`{name}` cannot be a file name in --out: export it alone with --out - {name}"
        ))),
    }
}

/// One name to export: the SQL that gives its rows.
struct Export {
    /// The table, view or canned query, and the file's name.
    name: String,
    sql: String,
    params: Params,
}

/// What each name exports: a table or view by that name first, else the
/// canned query. No names means every table and view.
fn plan(db: &Reader, names: &[String]) -> Result<Vec<Export>, Error> {
    let relations = query::relations(&db.conn).map_err(db.failed())?;
    let names = if names.is_empty() {
        relations.clone()
    } else {
        names.to_vec()
    };
    let as_of = || vec![(":as_of", DateArg::present().last.into())];
    names
        .into_iter()
        .map(|name| {
            let (sql, params) = if relations.contains(&name) {
                (query::select_all(&name), Vec::new())
            } else if let Some(canned) = EXPORTABLE.iter().find(|c| c.name == name) {
                (canned.sql.to_string(), as_of())
            } else {
                let queries: Vec<&str> = EXPORTABLE.iter().map(|c| c.name).collect();
                return Err(Error::Usage(format!(
                    "`{name}` is not a table, view or exportable query; choose from: {}, {}",
                    relations.join(", "),
                    queries.join(", ")
                )));
            };
            Ok(Export { name, sql, params })
        })
        .collect()
}

/// Writes one export's rows to the CSV file at `path`; returns how many.
fn write_file(db: &Reader, export: &Export, path: &Path) -> Result<usize, Error> {
    let file = std::fs::File::create(path).map_err(Error::io(path))?;
    let mut file = std::io::BufWriter::new(file);
    let mut stmt = query::prepare(&db.conn, &export.sql, &export.params).map_err(db.failed())?;
    let rows = query::write_statement(db, &mut stmt, Format::Csv.into(), &mut file, path)?;
    std::io::Write::flush(&mut file).map_err(Error::io(path))?;
    Ok(rows)
}
