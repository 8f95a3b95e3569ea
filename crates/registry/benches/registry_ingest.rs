//! Benchmark (1) of issue #5: reading a synthetic SME registry dump in the real schema, against a
//! Python lxml iterparse reader doing the same extraction, in the same run.
//!
//! cargo bench -p creacity-registry --bench registry_ingest
//! Environment: REGISTRY_BENCH_RECORDS (default 1000000), REGISTRY_BENCH_RUNS (default 3),
//! REGISTRY_BENCH_PEER_RUNS (default = RUNS; 0 skips the peer), REGISTRY_BENCH_DIR (where the
//! generated zip is kept between runs; default the system temp dir). With `--features parquet`
//! and REGISTRY_BENCH_PARQUET=DIR, the reader also writes the Parquet partitions to DIR.

use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use creacity_registry::synth::{self, ZipEntry};
use creacity_registry::{Date, Options, SchemaVersion, ingest};
use rayon::prelude::*;

const SEED: u64 = 2023;
const PER_FILE: usize = 900;

fn env_num(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn snapshot() -> Date {
    Date::new(2023, 6, 10).expect("valid date")
}

/// Writes the synthetic dump unless a file of the same parameters exists.
fn dump(dir: &Path, records: usize) -> PathBuf {
    let path = dir.join(format!(
        "data-10062023-structure-10062023-synthetic-{records}-seed{SEED}.zip"
    ));
    if path.exists() {
        return path;
    }
    let tmp = path.with_extension("partial");
    let t = Instant::now();
    let files = records.div_ceil(PER_FILE);
    let out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp).expect("create"));
    // XML is generated on all cores in groups; the zip writer deflates entries one by one.
    let groups = (0..files).collect::<Vec<_>>();
    let entries = groups.chunks(32).flat_map(|g| {
        g.par_iter()
            .map(|&i| {
                let lo = i * PER_FILE;
                let hi = (lo + PER_FILE).min(records);
                let firms: Vec<_> = (lo..hi)
                    .map(|k| synth::firm(SEED, k as u64, snapshot()))
                    .collect();
                ZipEntry {
                    name: synth::registry_entry_name(snapshot(), i),
                    bytes: synth::registry_xml(SchemaVersion::V4_06, &firms, "synthetic"),
                }
            })
            .collect::<Vec<_>>()
    });
    synth::write_zip(out, entries).expect("write zip");
    std::fs::rename(&tmp, &path).expect("rename");
    eprintln!(
        "generated {} in {:.1} s",
        path.display(),
        t.elapsed().as_secs_f64()
    );
    path
}

fn xml_bytes(path: &Path) -> u64 {
    let ar = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    (0..ar.len())
        .map(|i| ar.by_index_data(i).map(|f| f.size()).unwrap_or(0))
        .sum()
}

/// Peak resident memory of this process since the last reset, in MiB (Linux).
fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU seconds (user + system) used by this process so far, from /proc (Linux, 100 ticks/s).
fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th there.
    let rest = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

fn reset_peak() {
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

struct Row {
    reader: String,
    cores: usize,
    records: u64,
    codes: u64,
    secs: Vec<f64>,
    cpu: Vec<f64>,
    peak: f64,
}

/// One run of the reader in this process; prints `records codes wall_s cpu_s peak_rss_mib`.
/// Runs in a child process so that its peak memory is its own, not the generator's.
fn child(path: &Path, threads: usize) {
    let opts = Options::builder()
        .threads(threads)
        .build()
        .expect("options");
    reset_peak();
    let c0 = cpu_secs();
    let t = Instant::now();
    let mut n_codes = 0u64;
    #[cfg(feature = "parquet")]
    let out_dir = std::env::var("REGISTRY_BENCH_PARQUET")
        .ok()
        .map(PathBuf::from);
    #[cfg(feature = "parquet")]
    let mut sink = out_dir
        .as_ref()
        .map(|d| creacity_registry::ParquetSink::new(d, "bench"));
    let report = ingest(
        &[path],
        &opts,
        |b| {
            n_codes += b.records.iter().map(|r| r.codes.len() as u64).sum::<u64>();
            #[cfg(feature = "parquet")]
            if let Some(s) = sink.as_mut() {
                s.write(&b.records)?;
            }
            Ok::<_, creacity_registry::RegistryError>(())
        },
        |_| {},
    )
    .expect("ingest");
    #[cfg(feature = "parquet")]
    if let Some(s) = sink {
        let summary = s.finish().expect("parquet");
        eprintln!(
            "parquet: {} rows in {} files",
            summary.rows,
            summary.files.len()
        );
    }
    println!(
        "{} {} {:.3} {:.3} {:.1}",
        report.records,
        n_codes,
        t.elapsed().as_secs_f64(),
        cpu_secs() - c0,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
}

fn run_ours(path: &Path, threads: usize, runs: usize) -> Row {
    let (mut secs, mut cpu) = (Vec::new(), Vec::new());
    let (mut records, mut codes, mut peak) = (0, 0, 0.0f64);
    for _ in 0..runs {
        let out = Command::new(std::env::current_exe().expect("own path"))
            .env("REGISTRY_BENCH_CHILD", threads.to_string())
            .arg(path)
            .output()
            .expect("run the reader in a child process");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let f: Vec<f64> = text
            .split_whitespace()
            .map(|v| v.parse().expect("number"))
            .collect();
        records = f[0] as u64;
        codes = f[1] as u64;
        secs.push(f[2]);
        cpu.push(f[3]);
        peak = peak.max(f[4]);
    }
    Row {
        reader: "creacity-registry".into(),
        cores: threads,
        records,
        codes,
        secs,
        cpu,
        peak,
    }
}

fn run_peer(path: &Path, runs: usize) -> Option<Row> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("benches/peers/registry/lxml_reader.py");
    let table = root.join("crates/mapping/data/address-types.csv");
    let (mut secs, mut cpu) = (Vec::new(), Vec::new());
    let (mut records, mut codes, mut peak) = (0, 0, 0.0f64);
    for _ in 0..runs {
        let t = Instant::now();
        let out = Command::new("python3")
            .arg(&script)
            .arg(&table)
            .arg(path)
            .output()
            .ok()?;
        if !out.status.success() {
            eprintln!("peer failed: {}", String::from_utf8_lossy(&out.stderr));
            return None;
        }
        secs.push(t.elapsed().as_secs_f64());
        // The script prints `records codes peak_rss_mib cpu_seconds`.
        let text = String::from_utf8_lossy(&out.stdout);
        let f: Vec<&str> = text.split_whitespace().collect();
        records = f.first()?.parse().ok()?;
        codes = f.get(1)?.parse().ok()?;
        peak = peak.max(f.get(2)?.parse().ok()?);
        cpu.push(f.get(3)?.parse().ok()?);
    }
    Some(Row {
        reader: "python lxml iterparse".into(),
        cores: 1,
        records,
        codes,
        secs,
        cpu,
        peak,
    })
}

fn main() {
    if let Ok(threads) = std::env::var("REGISTRY_BENCH_CHILD") {
        let path = std::env::args()
            .skip(1)
            .find(|a| !a.starts_with('-'))
            .expect("zip path");
        child(Path::new(&path), threads.parse().expect("threads"));
        return;
    }
    let records = env_num("REGISTRY_BENCH_RECORDS", 1_000_000);
    let runs = env_num("REGISTRY_BENCH_RUNS", 3).max(1);
    let peer_runs = env_num("REGISTRY_BENCH_PEER_RUNS", runs);
    let dir = std::env::var("REGISTRY_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join("creacity-registry-bench"));
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dump(&dir, records);
    let zip_bytes = std::fs::metadata(&path).expect("zip").len();
    let xml = xml_bytes(&path);
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    println!(
        "synthetic dump: {records} records, {} entries, {:.2} GB XML ({:.0} bytes/record), {:.3} GB zip",
        records.div_ceil(PER_FILE),
        xml as f64 / 1e9,
        xml as f64 / records as f64,
        zip_bytes as f64 / 1e9
    );
    let mut rows = vec![run_ours(&path, 1, runs)];
    if cores > 1 {
        rows.push(run_ours(&path, cores, runs));
    }
    if peer_runs > 0 {
        match run_peer(&path, peer_runs) {
            Some(r) => rows.push(r),
            None => println!("peer skipped: python3 with lxml not available"),
        }
    }
    println!(
        "\n| reader | worker threads | records | codes | runs | median wall s | median CPU s | records/s | XML MB/s | XML MB per CPU-second | peak RSS MiB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        let s = median(r.secs.clone());
        let c = median(r.cpu.clone());
        println!(
            "| {} | {} | {} | {} | {} | {:.2} | {:.2} | {:.0} | {:.1} | {:.1} | {:.0} |",
            r.reader,
            r.cores,
            r.records,
            r.codes,
            r.secs.len(),
            s,
            c,
            r.records as f64 / s,
            xml as f64 / 1e6 / s,
            xml as f64 / 1e6 / c,
            r.peak
        );
    }
    let best = &rows[rows.len().min(2) - 1];
    let s = median(best.secs.clone());
    let c = median(best.cpu.clone());
    let rps = best.records as f64 / s;
    let mbps = xml as f64 / 1e6 / s;
    let per_cpu = xml as f64 / 1e6 / c;
    println!(
        "\nextrapolation to a monthly dump ({} worker threads), goal under 600 s:\n\
         - wall, as measured here: 6.0 M records at {:.0} records/s = {:.0} s; 27 GB of XML at {:.1} MB/s = {:.0} s\n\
         - CPU: 27 GB at {:.1} MB per CPU-second = {:.0} CPU-seconds, {:.0} s on two otherwise idle cores",
        best.cores,
        rps,
        6.0e6 / rps,
        mbps,
        27e9 / 1e6 / mbps,
        per_cpu,
        27e9 / 1e6 / per_cpu,
        27e9 / 1e6 / per_cpu / 2.0
    );
}
