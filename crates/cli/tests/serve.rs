//! `creacity user` and `creacity serve` as a user runs them: the first administrator from standard
//! input or a file, the server answering on loopback, and a server killed in the middle of a large
//! import leaving the workspace whole (all of the import or none of it).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_creacity");

fn demo(dir: &Path) -> std::path::PathBuf {
    let out = Command::new(BIN)
        .args(["demo", "--out"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("creacity.db")
}

fn user(ws: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .arg("--workspace")
        .arg(ws)
        .arg("user")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_first_administrator_comes_from_stdin_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let out = user(
        &ws,
        &["add", "root", "--role", "admin"],
        "a long password\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(dir.path().join("pw"), "another password\nignored line\n").unwrap();
    let pw = dir.path().join("pw");
    let out = user(
        &ws,
        &[
            "add",
            "ana",
            "--role",
            "analyst",
            "--password-file",
            pw.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = user(
        &ws,
        &["add", "root", "--role", "viewer"],
        "a long password\n",
    );
    assert!(!out.status.success(), "a taken name is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    let out = user(&ws, &["add", "shorty", "--role", "viewer"], "short\n");
    assert!(!out.status.success(), "a short password is refused");
    let out = user(&ws, &["add", "x", "--role", "boss"], "a long password\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("use admin, analyst or viewer"));
    let out = user(&ws, &["list"], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ana\tanalyst\nroot\tadmin\n"
    );
    // Only the hash is stored.
    let bytes = std::fs::read(&ws).unwrap();
    assert!(!bytes.windows(15).any(|w| w == b"a long password"));
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap()
}

fn serve(ws: &Path, addr: SocketAddr) -> Server {
    let child = Command::new(BIN)
        .arg("--workspace")
        .arg(ws)
        .args(["serve", "--bind", &addr.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    let start = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// One HTTP/1.1 exchange on a fresh connection: (status, headers, body).
fn http(addr: SocketAddr, head: &str, body: &[u8]) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut r = BufReader::new(s);
    let mut text = String::new();
    r.read_to_string(&mut text).unwrap();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, headers.to_string(), body.to_string())
}

fn login(addr: SocketAddr, name: &str, password: &str) -> (String, String) {
    let body = format!(r#"{{"name":"{name}","password":"{password}"}}"#);
    let (status, headers, body) = http(
        addr,
        &format!(
            "POST /api/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        ),
        body.as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
    let cookie = headers
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    (cookie, v["csrf"].as_str().unwrap().to_string())
}

fn count_clusters(ws: &Path) -> usize {
    creacity_store::Workspace::open(ws)
        .unwrap()
        .clusters(None)
        .unwrap()
        .len()
}

fn big_csv(prefix: &str, n: usize) -> Vec<u8> {
    let mut s = String::from(
        "id,name_ru,name_en,territory_id,initiator,site_owner,public_share_creation,public_share_operation,manager,support,public_seats,board_seats,residents,private_resident_share,year_opened,notes,sources,synthetic\n",
    );
    for i in 0..n {
        s.push_str(&format!("{prefix}{i},Кластер {i},Cluster {i},t01,private_entrepreneur,private,0,0,private_company,,0,3,10,0.9,2015,synthetic load,test,true\n"));
    }
    s.into_bytes()
}

fn import_head(addr: SocketAddr, cookie: &str, csrf: &str, name: &str, len: usize) -> String {
    format!(
        "POST /api/imports/clusters?filename={name} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\nContent-Type: text/csv\r\nContent-Length: {len}\r\n\r\n"
    )
}

#[test]
fn serve_answers_and_a_kill_during_an_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let out = user(
        &ws,
        &["add", "ana", "--role", "analyst"],
        "analyst password\n",
    );
    assert!(out.status.success());
    let before = count_clusters(&ws);
    let addr = free_port();
    let mut server = serve(&ws, addr);
    let (status, _, body) = http(
        addr,
        "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"",
    );
    assert_eq!(status, 200, "{body}");
    let (status, headers, _) = http(
        addr,
        "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"",
    );
    assert_eq!(status, 303);
    assert!(headers.contains("location: /login"));
    let (cookie, csrf) = login(addr, "ana", "analyst password");

    // A full import, timed.
    let n = 4000;
    let csv = big_csv("a", n);
    let t = Instant::now();
    let (status, _, body) = http(
        addr,
        &import_head(addr, &cookie, &csrf, "a.csv", csv.len()),
        &csv,
    );
    let took = t.elapsed();
    assert_eq!(status, 200, "{body}");
    assert_eq!(count_clusters(&ws), before + n);

    // The same size again, killed about half-way through.
    let csv = big_csv("b", n);
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(import_head(addr, &cookie, &csrf, "b.csv", csv.len()).as_bytes())
        .unwrap();
    s.write_all(&csv).unwrap();
    std::thread::sleep(took / 2);
    server.0.kill().unwrap();
    server.0.wait().unwrap();
    let mut rest = String::new();
    let _ = BufReader::new(s).read_line(&mut rest);
    let after = count_clusters(&ws);
    eprintln!(
        "full import took {took:?}; after the kill: {after} clusters (before {}, complete {})",
        before + n,
        before + 2 * n
    );
    assert!(
        after == before + n || after == before + 2 * n,
        "a killed import must leave all of it or none of it, found {after}"
    );
    // The workspace opens and serves again.
    let _server = serve(&ws, addr);
    let (status, _, _) = http(
        addr,
        "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"",
    );
    assert_eq!(status, 200);
}
