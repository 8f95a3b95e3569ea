//! Reading a large delimited table in chunks of rows, so memory stays bounded by the chunk size and
//! not by the file size. Header handling, encoding and delimiter detection are those of
//! [`crate::parse_delimited`]; row numbers are the real lines of the file.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use encoding_rs::{Decoder, Encoding};

use crate::decode::looks_binary;
use crate::{IngestError, Table, read_table};

/// Bytes read from the file at a time.
const BLOCK: usize = 1 << 20;

/// Reads a CSV/TSV file in chunks of at most `rows_per_chunk` data rows and hands each chunk to
/// `each` as a [`Table`] (same file name, headers and encoding in every chunk; each row keeps its
/// line number in the file, so messages still name the real row). `each` is called at least once:
/// with an empty chunk when the file has a header but no data rows. Returns the number of data
/// rows read. Stops at the first error, from the reader or from `each`.
///
/// The encoding is decided over the whole file as [`crate::decode`] does (UTF-8 when every byte is
/// valid UTF-8, else the guess of a detector fed the whole file), in a first pass that holds one
/// block of the file at a time; the second pass decodes as it reads.
///
/// Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) are not streamed: the sheet is loaded whole
/// (as [`read_table`] does) and then handed out in chunks.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("firms.csv");
/// std::fs::write(&path, "id;name\n1;A\n2;B\n3;C\n").unwrap();
/// let mut chunks = Vec::new();
/// let rows = creacity_ingest::read_table_chunks(&path, 2, |t| {
///     chunks.push(t.rows.iter().map(|(line, _)| *line).collect::<Vec<_>>());
///     Ok::<_, creacity_ingest::IngestError>(())
/// })
/// .unwrap();
/// assert_eq!(rows, 3);
/// assert_eq!(chunks, vec![vec![2, 3], vec![4]]);
/// ```
///
/// # Errors
/// [`IngestError::Io`], [`IngestError::Format`] as for [`read_table`], or what `each` returns.
pub fn read_table_chunks<E, F>(path: &Path, rows_per_chunk: usize, mut each: F) -> Result<usize, E>
where
    E: From<IngestError>,
    F: FnMut(Table) -> Result<(), E>,
{
    let rows_per_chunk = rows_per_chunk.max(1);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !matches!(ext.as_str(), "csv" | "tsv" | "txt" | "") {
        // Workbooks load whole; unsupported types get read_table's message.
        let mut table = read_table(path)?;
        let rows = std::mem::take(&mut table.rows);
        let total = rows.len();
        let mut rows = rows.into_iter().peekable();
        loop {
            let chunk: Vec<_> = rows.by_ref().take(rows_per_chunk).collect();
            let last = rows.peek().is_none();
            each(Table {
                rows: chunk,
                ..table.clone()
            })?;
            if last {
                return Ok(total);
            }
        }
    }
    stream_delimited(path, rows_per_chunk, &mut each)
}

fn stream_delimited<E, F>(path: &Path, rows_per_chunk: usize, each: &mut F) -> Result<usize, E>
where
    E: From<IngestError>,
    F: FnMut(Table) -> Result<(), E>,
{
    let file = path.display().to_string();
    let io = |source: std::io::Error| IngestError::Io {
        file: file.clone(),
        source,
    };
    let format = |reason: &str| IngestError::Format {
        file: file.clone(),
        reason: reason.to_string(),
    };
    let open = || File::open(path).map_err(io);
    let mut head = Vec::with_capacity(8192);
    open()?.take(8192).read_to_end(&mut head).map_err(io)?;
    if head.starts_with(b"PK\x03\x04") {
        return Err(format(
            "this is a zip/XLSX workbook, not CSV text: give it an .xlsx extension",
        )
        .into());
    }
    if looks_binary(&head) {
        return Err(format("binary content: expected CSV text").into());
    }
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let encoding = detect(open()?, bom).map_err(io)?;
    let mut raw = BufReader::with_capacity(BLOCK, open()?);
    let decoded: Box<dyn Read> = match encoding {
        None => {
            if bom {
                raw.read_exact(&mut [0; 3]).map_err(io)?;
            }
            Box::new(raw)
        }
        Some(enc) => Box::new(DecodeReader::new(raw, enc.new_decoder())),
    };
    let encoding_name = encoding.map_or("UTF-8", Encoding::name);
    let mut decoded = BufReader::with_capacity(BLOCK, decoded);
    // The delimiter is read off the header line, so the lines up to it are kept and replayed.
    let mut prefix = Vec::new();
    let header_line = loop {
        let start = prefix.len();
        if decoded.read_until(b'\n', &mut prefix).map_err(io)? == 0 {
            return Err(format("the file is empty: expected a header row and data rows").into());
        }
        let line = String::from_utf8_lossy(&prefix[start..]);
        let line = line.trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty() && !line.starts_with('#') {
            break line.to_string();
        }
    };
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .flexible(true)
        .has_headers(true)
        .from_reader(Cursor::new(prefix).chain(decoded));
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format(&format!("cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let chunk_of = |rows| Table {
        file: file.clone(),
        headers: headers.clone(),
        rows,
        encoding: encoding_name,
    };
    let mut total = 0;
    let mut sent = false;
    let mut rows = Vec::with_capacity(rows_per_chunk.min(65_536));
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| format(&format!("not valid CSV: {e}")))?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push((line, cells));
        total += 1;
        if rows.len() == rows_per_chunk {
            each(chunk_of(std::mem::take(&mut rows)))?;
            sent = true;
        }
    }
    if !rows.is_empty() || !sent {
        each(chunk_of(rows))?;
    }
    Ok(total)
}

/// `None` for UTF-8 (the whole file valid), else the encoding a detector fed the whole file guesses.
fn detect(file: File, bom: bool) -> std::io::Result<Option<&'static Encoding>> {
    let mut reader = BufReader::with_capacity(BLOCK, file);
    if bom {
        reader.read_exact(&mut [0; 3])?;
    }
    let mut block = vec![0u8; BLOCK];
    // Bytes of a character split across two blocks.
    let mut carry: Vec<u8> = Vec::new();
    let mut utf8 = true;
    loop {
        let n = reader.read(&mut block)?;
        if n == 0 {
            utf8 &= carry.is_empty();
            break;
        }
        carry.extend_from_slice(&block[..n]);
        match std::str::from_utf8(&carry) {
            Ok(_) => carry.clear(),
            Err(e) if e.error_len().is_none() => {
                carry.drain(..e.valid_up_to());
            }
            Err(_) => {
                utf8 = false;
                break;
            }
        }
    }
    if utf8 {
        return Ok(None);
    }
    let mut reader = BufReader::with_capacity(BLOCK, reader.into_inner());
    std::io::Seek::rewind(reader.get_mut())?;
    if bom {
        reader.read_exact(&mut [0; 3])?;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    loop {
        let n = reader.read(&mut block)?;
        detector.feed(&block[..n], n == 0);
        if n == 0 {
            break;
        }
    }
    // The Russian top-level domain tips the guess towards Cyrillic code pages (as in `decode`).
    Ok(Some(
        detector.guess(Some(b"ru"), chardetng::Utf8Detection::Allow),
    ))
}

/// Decodes a byte stream to UTF-8 as it is read.
struct DecodeReader<R> {
    inner: R,
    decoder: Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: Read> DecodeReader<R> {
    fn new(inner: R, decoder: Decoder) -> Self {
        Self {
            inner,
            decoder,
            raw: vec![0; BLOCK],
            out: Vec::new(),
            pos: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.out.len() {
            if self.done {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.raw)?;
            let last = n == 0;
            let cap = self.decoder.max_utf8_buffer_length(n).unwrap_or(4 * n + 16);
            self.out.clear();
            self.out.resize(cap, 0);
            self.pos = 0;
            let (_, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.raw[..n], &mut self.out, last);
            debug_assert_eq!(read, n);
            self.out.truncate(written);
            self.done = last;
        }
        let k = buf.len().min(self.out.len() - self.pos);
        buf[..k].copy_from_slice(&self.out[self.pos..self.pos + k]);
        self.pos += k;
        Ok(k)
    }
}
