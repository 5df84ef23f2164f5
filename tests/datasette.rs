//! The database in a real Datasette (the stable release from PyPI, which
//! `.ci/run` installs into a virtual environment): it reads the metadata
//! `negkb datasette` writes, describes the tables and their columns, and
//! answers negkb's canned queries over HTTP with the rows read in the first
//! article, a blank parameter meaning no filter. Without `datasette` on the
//! PATH this test fails.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// A Datasette server, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(db: &std::path::Path, metadata: &std::path::Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new("datasette")
            .arg(db)
            .arg("-m")
            .arg(metadata)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("datasette must be on the PATH (.ci/run installs it in a virtual environment)");
        // Wait for Uvicorn's "running on" line.
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let started = Instant::now();
        let mut said = Vec::new();
        loop {
            match rx.recv_timeout(Duration::from_millis(200)) {
                Ok(line) if line.contains("running on") => break,
                Ok(line) => said.push(line),
                Err(_) if started.elapsed() > Duration::from_secs(60) => {
                    panic!("datasette did not start:\n{}", said.join("\n"))
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    panic!("datasette stopped:\n{}", said.join("\n"))
                }
                Err(_) => {}
            }
        }
        Server { child, port }
    }

    /// The body of `GET path`, which must answer 200.
    fn get(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        assert!(
            head.starts_with("HTTP/1.1 200") || head.starts_with("HTTP/1.0 200"),
            "{path}: {head}\n{body}"
        );
        body.to_string()
    }

    fn rows(&self, path: &str) -> Vec<Value> {
        let body = self.get(path);
        let value: Value = serde_json::from_str(&body).unwrap();
        value
            .as_array()
            .unwrap_or_else(|| panic!("{path}: {body}"))
            .clone()
    }
}

fn text<'a>(row: &'a Value, key: &str) -> &'a str {
    row[key].as_str().unwrap_or("")
}

#[test]
fn datasette_describes_the_database_and_answers_the_canned_queries() {
    let ws = Workspace::new(&repo_seeds()).seeded();
    let metadata = ws.dir.path().join("metadata.json");
    let out = ws.query(&["datasette", "--out", metadata.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let server = Server::start(&ws.db, &metadata);

    // It read the metadata: the title, a table's description and its
    // columns', a canned query's title.
    let read: Value = serde_json::from_str(&server.get("/-/metadata.json")).unwrap();
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&metadata).unwrap()).unwrap();
    assert_eq!(read, written);
    let demands_page = server.get("/negotiations/demands");
    assert!(demands_page.contains("What one or more parties require of others"));
    assert!(demands_page.contains("who demands: party ids as written"));
    assert!(
        server
            .get("/negotiations")
            .contains("demands in force on a given day")
    );
    // Every column of every table has a description.
    let conn = ws.conn();
    let tables = &written["databases"]["negotiations"]["tables"];
    let mut stmt = conn
        .prepare("SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table'")
        .unwrap();
    let columns: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(columns.len() > 150, "{}", columns.len());
    for (table, column) in &columns {
        assert!(
            tables[table]["columns"][column].is_string(),
            "{table}.{column} has no description"
        );
    }

    // changes since 2022, as read in the article.
    let changes = server.rows(
        "/negotiations/negkb_changes.json?from=2022-01-01&from_end=2022-12-31&to=2026-12-31&party=&stale_before=2025-12-31&_shape=array",
    );
    assert_eq!(changes.len(), 10);
    let find = |id: &str, change: &str| {
        changes
            .iter()
            .find(|r| text(r, "id") == id && text(r, "change") == change)
            .unwrap_or_else(|| panic!("no {change} row for {id}: {changes:#?}"))
    };
    let neutrality = find("russia-ukraine-neutrality", "unchanged");
    assert_eq!(neutrality["stale"], 1);
    assert_eq!(text(neutrality, "party_name"), "Russia");
    assert_eq!(
        text(find("russia-recognize-annexed-oblasts", "added"), "date"),
        "2022-05/2022-12"
    );
    assert_eq!(
        text(
            find("russia-ukraine-withdraw-from-annexed-oblasts", "added"),
            "date"
        ),
        "2025-05-19"
    );
    assert_eq!(
        text(find("russia-ukraine-peace-memorandum", "added"), "kind"),
        "document"
    );
    assert_eq!(
        text(find("us-discourages-2022-negotiations", "replaced"), "by"),
        "us-pushes-immediate-ceasefire-negotiations"
    );
    // The same rows as negkb gives.
    let negkb = ws.json(&["changes", "--from", "2022", "--to", "2026"]);
    let ids = |rows: &[Value]| -> Vec<(String, String)> {
        rows.iter()
            .map(|r| (text(r, "id").into(), text(r, "change").into()))
            .collect()
    };
    let negkb: Vec<Value> = negkb.into_iter().map(Value::Object).collect();
    assert_eq!(ids(&changes), ids(&negkb));

    // demands: a blank party is no filter; a party filters.
    let all = server.rows("/negotiations/negkb_demands.json?as_of=2025-05-19&party=&_shape=array");
    assert_eq!(all.len(), 3);
    assert!(
        all.iter()
            .all(|r| text(r, "party") == "russia" && text(r, "of_name") == "Ukraine")
    );
    let russia =
        server.rows("/negotiations/negkb_demands.json?as_of=2025-05-19&party=russia&_shape=array");
    assert_eq!(russia.len(), 3);
    let ukraine =
        server.rows("/negotiations/negkb_demands.json?as_of=2025-05-19&party=ukraine&_shape=array");
    assert!(ukraine.is_empty());
    // Before Russia's 2022 demands were first seen, none.
    let early =
        server.rows("/negotiations/negkb_demands.json?as_of=2021-12-31&party=&_shape=array");
    assert!(early.is_empty());
}
