//! Reading zips entry by entry on one thread and parsing entries on a rayon pool, with the
//! results handed back in file order and memory bounded by a fixed number of entries in flight.
//!
//! Why this shape: the compressed bytes of an entry are read sequentially (cheap), while inflating
//! and parsing (the costly part) run on the workers, so both cores work on XML. A token channel
//! bounds the entries held between the reader and the caller, whatever the relative speeds.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use rayon::prelude::*;

use crate::address::AddressTable;
use crate::error::RegistryError;
use crate::parse::{OnError, ParseContext, ParsedFile, parse_file};

/// One zip to read.
#[derive(Debug, Clone)]
pub(crate) struct ZipJob {
    pub path: PathBuf,
    pub name: String,
    pub size: u64,
    /// Entries to pass over (already delivered in an earlier run).
    pub done: BTreeSet<String>,
}

/// Settings the workers need.
pub(crate) struct WorkerSettings<'a> {
    pub table: &'a AddressTable,
    pub known_codes: Option<&'a std::collections::HashSet<String>>,
    pub on_error: OnError,
    pub threads: usize,
    pub in_flight: usize,
}

enum Payload {
    Deflated { bytes: Vec<u8>, crc: u32, size: u64 },
    Stored { bytes: Vec<u8>, crc: u32 },
    Plain(Vec<u8>),
    Broken(RegistryError),
}

enum Work {
    Begin {
        zip: usize,
    },
    Entry {
        zip: usize,
        name: String,
        pos: u64,
        payload: Payload,
    },
    End {
        zip: usize,
        resumed: u64,
        by_local_headers: bool,
        result: Result<(), RegistryError>,
    },
}

/// What the caller receives, in file order.
pub(crate) enum Done {
    /// A zip starts.
    Begin { zip: usize },
    /// One entry, parsed or failed. `pos` is the compressed offset reached in the zip.
    Entry {
        zip: usize,
        name: String,
        pos: u64,
        result: Result<ParsedFile, RegistryError>,
    },
    /// A zip ends; `result` carries a truncation or an unreadable archive.
    End {
        zip: usize,
        resumed: u64,
        by_local_headers: bool,
        result: Result<(), RegistryError>,
    },
}

/// Runs the reader and the workers and calls `handle` on each result in order. `handle`
/// returning an error stops everything and that error is returned.
pub(crate) fn run(
    jobs: &[ZipJob],
    settings: &WorkerSettings<'_>,
    mut handle: impl FnMut(Done) -> Result<(), RegistryError>,
) -> Result<(), RegistryError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.threads)
        .thread_name(|i| format!("registry-parse-{i}"))
        .build()
        .map_err(|e| RegistryError::InvalidOption {
            option: "threads",
            message: e.to_string(),
        })?;
    let stop = AtomicBool::new(false);
    let (tok_tx, tok_rx) = mpsc::sync_channel::<()>(settings.in_flight);
    for _ in 0..settings.in_flight {
        tok_tx.send(()).expect("the receiver is alive");
    }
    let (work_tx, work_rx) = mpsc::channel::<(u64, Work)>();
    let (done_tx, done_rx) = mpsc::channel::<(u64, Done)>();
    std::thread::scope(|s| {
        let stop = &stop;
        s.spawn(move || read_all(jobs, &tok_rx, &work_tx, stop));
        s.spawn(move || {
            pool.install(|| {
                work_rx
                    .into_iter()
                    .par_bridge()
                    .for_each_with(done_tx, |tx, (seq, w)| {
                        let _ = tx.send((seq, process(w, jobs, settings)));
                    });
            });
        });
        let mut next = 0u64;
        let mut parked: BTreeMap<u64, Done> = BTreeMap::new();
        let mut outcome = Ok(());
        'recv: for (seq, d) in done_rx.iter() {
            parked.insert(seq, d);
            while let Some(d) = parked.remove(&next) {
                next += 1;
                if let Err(e) = handle(d) {
                    outcome = Err(e);
                    break 'recv;
                }
                let _ = tok_tx.send(());
            }
        }
        stop.store(true, Ordering::Relaxed);
        drop(tok_tx);
        drop(done_rx);
        outcome
    })
}

fn read_all(
    jobs: &[ZipJob],
    tokens: &mpsc::Receiver<()>,
    out: &mpsc::Sender<(u64, Work)>,
    stop: &AtomicBool,
) {
    let mut seq = 0u64;
    let mut send = |w: Work| -> bool {
        if stop.load(Ordering::Relaxed) || tokens.recv().is_err() {
            return false;
        }
        let ok = out.send((seq, w)).is_ok();
        seq += 1;
        ok
    };
    for (zi, job) in jobs.iter().enumerate() {
        if !send(Work::Begin { zip: zi }) {
            return;
        }
        let mut resumed = 0u64;
        let mut by_local = false;
        let result = match File::open(&job.path) {
            Err(source) => Ok(Err(RegistryError::Io {
                path: job.path.display().to_string(),
                source,
            })),
            Ok(f) => match zip::ZipArchive::new(BufReader::with_capacity(1 << 20, f)) {
                Ok(mut ar) => read_archive(zi, job, &mut ar, &mut resumed, &mut send),
                Err(_) => {
                    by_local = true;
                    read_stream(zi, job, &mut resumed, &mut send)
                }
            },
        };
        let result = match result {
            Err(Stopped) => return,
            Ok(r) => r,
        };
        if !send(Work::End {
            zip: zi,
            resumed,
            by_local_headers: by_local,
            result,
        }) {
            return;
        }
    }
}

/// The reader was told to stop.
struct Stopped;

fn is_xml(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".xml")
}

fn read_archive<R: Read + std::io::Seek>(
    zi: usize,
    job: &ZipJob,
    ar: &mut zip::ZipArchive<R>,
    resumed: &mut u64,
    send: &mut impl FnMut(Work) -> bool,
) -> Result<Result<(), RegistryError>, Stopped> {
    for i in 0..ar.len() {
        let (name, payload, pos) = match ar.by_index_raw(i) {
            Err(e) => {
                // The central directory lists it but its local header cannot be read: the
                // archive is damaged from here on.
                return Ok(Err(RegistryError::TruncatedZip {
                    zip: job.name.clone(),
                    entries_read: i,
                    at_byte: 0,
                    message: e.to_string(),
                }));
            }
            Ok(mut f) => {
                let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
                if f.is_dir() || !is_xml(&name) {
                    continue;
                }
                if job.done.contains(&name) {
                    *resumed += 1;
                    continue;
                }
                let pos = f.data_start().unwrap_or(0) + f.compressed_size();
                let mut bytes = Vec::with_capacity(f.compressed_size().min(job.size) as usize);
                let payload = match f.read_to_end(&mut bytes) {
                    Err(e) => Payload::Broken(RegistryError::TruncatedZip {
                        zip: job.name.clone(),
                        entries_read: i,
                        at_byte: f.header_start(),
                        message: e.to_string(),
                    }),
                    Ok(_) => match f.compression() {
                        zip::CompressionMethod::Deflated => Payload::Deflated {
                            bytes,
                            crc: f.crc32(),
                            size: f.size(),
                        },
                        zip::CompressionMethod::Stored => Payload::Stored {
                            bytes,
                            crc: f.crc32(),
                        },
                        other => Payload::Broken(RegistryError::CorruptEntry {
                            zip: job.name.clone(),
                            entry: name.clone(),
                            message: format!(
                                "unsupported compression method {other:?}; deflate and stored are read"
                            ),
                        }),
                    },
                };
                (name, payload, pos)
            }
        };
        if !send(Work::Entry {
            zip: zi,
            name,
            pos,
            payload,
        }) {
            return Err(Stopped);
        }
    }
    Ok(Ok(()))
}

/// Counts the bytes read, to say where a damaged archive breaks.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

fn read_stream(
    zi: usize,
    job: &ZipJob,
    resumed: &mut u64,
    send: &mut impl FnMut(Work) -> bool,
) -> Result<Result<(), RegistryError>, Stopped> {
    let file = match File::open(&job.path) {
        Ok(f) => f,
        Err(source) => {
            return Ok(Err(RegistryError::Io {
                path: job.path.display().to_string(),
                source,
            }));
        }
    };
    let mut r = Counting {
        inner: BufReader::with_capacity(1 << 20, file),
        pos: 0,
    };
    let mut entries = 0usize;
    loop {
        let start = r.pos;
        let (name, res) = match zip::read::read_zipfile_from_stream(&mut r) {
            Ok(None) => return Ok(Ok(())),
            Err(e) => {
                let err = if entries == 0 && start == 0 {
                    RegistryError::NotZip {
                        zip: job.name.clone(),
                        message: e.to_string(),
                    }
                } else {
                    RegistryError::TruncatedZip {
                        zip: job.name.clone(),
                        entries_read: entries,
                        at_byte: start,
                        message: e.to_string(),
                    }
                };
                return Ok(Err(err));
            }
            Ok(Some(mut f)) => {
                let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
                if f.is_dir() || !is_xml(&name) || job.done.contains(&name) {
                    if job.done.contains(&name) {
                        *resumed += 1;
                    }
                    let _ = std::io::copy(&mut f, &mut std::io::sink());
                    continue;
                }
                let mut buf = Vec::with_capacity(f.size().min(64 << 20) as usize);
                let res = (&mut f)
                    .take(MAX_ENTRY + 1)
                    .read_to_end(&mut buf)
                    .map(|_| buf);
                (name, res)
            }
        };
        match res {
            Ok(buf) => {
                entries += 1;
                let pos = r.pos;
                if !send(Work::Entry {
                    zip: zi,
                    name,
                    pos,
                    payload: Payload::Plain(buf),
                }) {
                    return Err(Stopped);
                }
            }
            Err(e) => {
                return Ok(Err(RegistryError::TruncatedZip {
                    zip: job.name.clone(),
                    entries_read: entries,
                    at_byte: start,
                    message: format!("entry {name}: {e}"),
                }));
            }
        }
    }
}

/// Largest inflated entry accepted (1 GiB).
const MAX_ENTRY: u64 = 1 << 30;

fn inflate(bytes: &[u8], size: u64) -> Result<Vec<u8>, String> {
    // One call into the inflater straight into a buffer of the declared size; one byte more to
    // notice an entry that inflates past what its header says (a damaged or hostile archive).
    if size > MAX_ENTRY {
        return Err(format!(
            "header says {size} bytes inflated, more than the {MAX_ENTRY} bytes the reader accepts \
             for one XML file (real ones are ≈ 4 MB)"
        ));
    }
    // Deflate cannot expand more than ≈ 1032:1, so a damaged size field cannot make us reserve
    // more than the data could fill.
    let cap = (size + 1).min(bytes.len() as u64 * 1100 + 1024) as usize;
    let mut out = Vec::with_capacity(cap);
    let mut z = flate2::Decompress::new(false);
    let status = z
        .decompress_vec(bytes, &mut out, flate2::FlushDecompress::Finish)
        .map_err(|e| format!("inflate failed: {e}"))?;
    if status != flate2::Status::StreamEnd || out.len() as u64 != size {
        return Err(format!(
            "inflated to {} bytes, header says {size} (stream {})",
            out.len(),
            if status == flate2::Status::StreamEnd {
                "complete"
            } else {
                "incomplete"
            }
        ));
    }
    Ok(out)
}

fn process(w: Work, jobs: &[ZipJob], st: &WorkerSettings<'_>) -> Done {
    match w {
        Work::Begin { zip } => Done::Begin { zip },
        Work::End {
            zip,
            resumed,
            by_local_headers,
            result,
        } => Done::End {
            zip,
            resumed,
            by_local_headers,
            result,
        },
        Work::Entry {
            zip,
            name,
            pos,
            payload,
        } => {
            let zname = jobs[zip].name.as_str();
            let corrupt = |message: String| RegistryError::CorruptEntry {
                zip: zname.to_string(),
                entry: name.clone(),
                message,
            };
            let xml = match payload {
                Payload::Broken(e) => Err(e),
                Payload::Plain(b) => Ok(b),
                Payload::Stored { bytes, crc } => check_crc(bytes, crc).map_err(corrupt),
                Payload::Deflated { bytes, crc, size } => inflate(&bytes, size)
                    .and_then(|b| check_crc(b, crc))
                    .map_err(corrupt),
            };
            let result = xml.and_then(|xml| {
                let cx = ParseContext {
                    zip: zname,
                    entry: &name,
                    table: st.table,
                    known_codes: st.known_codes,
                    on_error: st.on_error,
                };
                parse_file(&xml, &cx)
            });
            Done::Entry {
                zip,
                name,
                pos,
                result,
            }
        }
    }
}

fn check_crc(bytes: Vec<u8>, crc: u32) -> Result<Vec<u8>, String> {
    let got = crc32fast::hash(&bytes);
    if got == crc {
        Ok(bytes)
    } else {
        Err(format!(
            "CRC-32 {got:08x} does not match the header's {crc:08x}"
        ))
    }
}
