//! Load test on loopback, bounded in count and time: the overview page and the main API calls of
//! the demo workspace, from keep-alive HTTP/1.1 clients on plain threads.
//!
//! `cargo bench -p creacity-server --bench load -- [CLIENTS] [SECONDS]` (defaults 16 clients, 5 s
//! per target). Each client stops at the time limit or after 200,000 requests, whichever is first.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use creacity_server::{AppState, Config};

const MAX_PER_CLIENT: usize = 200_000;

fn main() {
    let args: Vec<String> = std::env::args().filter(|a| !a.starts_with("--")).collect();
    let clients: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(16);
    let seconds: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    let demo = creacity_app::demo(dir.path(), false, |_| {}).unwrap();
    let mut ws = creacity_store::Workspace::open(&demo.workspace).unwrap();
    ws.add_user(
        "bench",
        creacity_store::Role::Viewer,
        &creacity_server::hash_password("bench-password").unwrap(),
    )
    .unwrap();
    // The demo's synthetic outlines, so the overview and map pages draw them.
    creacity_app::outlines::import_outlines(
        &mut ws,
        include_str!("../../../data/demo/outlines.geojson"),
        None,
        "outlines.geojson",
    )
    .unwrap();
    drop(ws);
    let state = AppState::open(Config::new(&demo.workspace)).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move { axum::serve(listener, creacity_server::app(state)).await });

    let cookie = login(addr);
    let territory = "t01";
    let targets = [
        ("GET / (overview page)", "/".to_string()),
        ("GET /api/clusters", "/api/clusters".to_string()),
        (
            "GET /api/classification",
            format!("/api/classification?territory={territory}"),
        ),
        (
            "GET /api/strategies/{id}",
            format!("/api/strategies/strategy-{territory}"),
        ),
        ("GET /clusters (page)", "/clusters".to_string()),
        ("GET /map (page)", "/map".to_string()),
        (
            "GET /api/problems/cooccurrence",
            "/api/problems/cooccurrence".to_string(),
        ),
    ];
    println!(
        "creacity-server load test: {clients} keep-alive clients, {seconds} s per target, loopback {addr}"
    );
    println!(
        "{:<28} {:>10} {:>10} {:>9} {:>9} {:>9}",
        "target", "requests", "req/s", "p50 ms", "p99 ms", "max ms"
    );
    for (name, path) in &targets {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let started = Instant::now();
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                let (path, cookie) = (path.clone(), cookie.clone());
                std::thread::spawn(move || client(addr, &path, &cookie, deadline))
            })
            .collect();
        let mut lat: Vec<Duration> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        let elapsed = started.elapsed().as_secs_f64();
        lat.sort();
        let q = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3;
        println!(
            "{:<28} {:>10} {:>10.0} {:>9.2} {:>9.2} {:>9.2}",
            name,
            lat.len(),
            lat.len() as f64 / elapsed,
            q(0.5),
            q(0.99),
            q(1.0)
        );
    }
    rt.shutdown_timeout(Duration::from_secs(1));
}

fn request(
    stream: &mut TcpStream,
    reader: &mut BufReader<TcpStream>,
    head: &str,
    body: &[u8],
) -> (u16, Vec<String>, Vec<u8>) {
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut headers = Vec::new();
    let mut len = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some(v) = l.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        }
        headers.push(l.to_string());
    }
    let mut out = vec![0; len];
    reader.read_exact(&mut out).unwrap();
    (status, headers, out)
}

fn connect(addr: SocketAddr) -> (TcpStream, BufReader<TcpStream>) {
    let s = TcpStream::connect(addr).unwrap();
    s.set_nodelay(true).unwrap();
    let r = BufReader::new(s.try_clone().unwrap());
    (s, r)
}

fn login(addr: SocketAddr) -> String {
    let (mut s, mut r) = connect(addr);
    let body = br#"{"name":"bench","password":"bench-password"}"#;
    let head = format!(
        "POST /api/session HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let (status, headers, _) = request(&mut s, &mut r, &head, body);
    assert_eq!(status, 200);
    headers
        .iter()
        .find_map(|h| {
            h.strip_prefix("set-cookie: ")
                .or_else(|| h.strip_prefix("Set-Cookie: "))
        })
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string()
}

fn client(addr: SocketAddr, path: &str, cookie: &str, deadline: Instant) -> Vec<Duration> {
    let (mut s, mut r) = connect(addr);
    let head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\r\n");
    let mut lat = Vec::new();
    while Instant::now() < deadline && lat.len() < MAX_PER_CLIENT {
        let t = Instant::now();
        let (status, _, _) = request(&mut s, &mut r, &head, &[]);
        assert_eq!(status, 200, "{path}");
        lat.push(t.elapsed());
    }
    lat
}
