//! `negkb export`: a canned query with its flags, or tables and views, as
//! CSV files that `sqlite3 .import --csv` and spreadsheets read back.

use std::path::{Path, PathBuf};

use super::{Global, Query};
use crate::db::Reader;
use crate::error::Error;
use crate::output::Format;
use crate::query::{self, Params};

/// Write a canned query (with its flags), or tables and views, as CSV files.
#[derive(Debug, clap::Args)]
#[command(
    subcommand_value_name = "QUERY",
    after_help = "`export changes --from 2022 --out -` writes the same bytes as `--format csv changes --from 2022`. \
                  A name that is both a canned query and a table or view (talks, parties, divides...) is the query; \
                  --table NAME exports the table."
)]
pub struct Args {
    /// The folder to write NAME.csv into, or - for stdout (one result only).
    #[arg(long, global = true, default_value = "export")]
    pub out: PathBuf,
    /// Tables or views to export; every table and view when neither a
    /// query nor a table is named.
    #[arg(long = "table", value_name = "NAME")]
    pub tables: Vec<String>,
    /// A canned query to export, with the flags of the command of that name.
    #[command(subcommand)]
    pub query: Option<Query>,
}

/// Checks every name, then writes each as its rows are read: into
/// `--out/NAME.csv`, or one of them on stdout.
pub fn run(args: Args, global: &Global) -> Result<(), Error> {
    let db = Reader::open(&global.db)?;
    let exports = match &args.query {
        Some(_) if !args.tables.is_empty() => {
            return Err(Error::Usage(
                "export either a canned query or tables (--table), not both at once".into(),
            ));
        }
        Some(query) => {
            let (canned, params) = query.canned(&db)?;
            let export = Export {
                name: canned.name.to_string(),
                sql: canned.sql.to_string(),
                params,
            };
            let relations = query::relations(&db.conn).map_err(db.failed())?;
            if relations.contains(&export.name) {
                eprintln!(
                    "note: `{0}` is the canned query; --table {0} exports the table or view of that name",
                    export.name
                );
            }
            vec![export]
        }
        None => tables(&db, &args.tables)?,
    };
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
            "`{name}` cannot be a file name in --out: export it alone with --out - --table {name}"
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

/// The tables and views named, each checked; every one when none is.
fn tables(db: &Reader, names: &[String]) -> Result<Vec<Export>, Error> {
    let relations = query::relations(&db.conn).map_err(db.failed())?;
    let names = if names.is_empty() {
        relations.clone()
    } else {
        names.to_vec()
    };
    names
        .into_iter()
        .map(|name| {
            if !relations.contains(&name) {
                return Err(Error::Usage(format!(
                    "`{name}` is not a table or view; choose from: {}",
                    relations.join(", ")
                )));
            }
            Ok(Export {
                sql: query::select_all(&name),
                name,
                params: Vec::new(),
            })
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
