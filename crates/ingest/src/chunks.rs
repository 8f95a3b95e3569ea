//! Reading a large table row by row or in chunks of rows, so memory stays bounded by one row or
//! one chunk and not by the file size. Header handling, encoding and delimiter detection are those
//! of [`crate::parse_delimited`]; row numbers are the real lines of the file (or rows of the sheet).

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use encoding_rs::{Decoder, Encoding};

use crate::table::{csv_with_header, text_start};
use crate::{IngestError, Table, read_table};

/// Bytes read from the file at a time.
const BLOCK: usize = 1 << 20;

/// What every row of a table read row by row shares: file name, headers and encoding.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableHead {
    /// The file name as the user gave it (for messages).
    pub file: String,
    /// Header cells, trimmed.
    pub headers: Vec<String>,
    /// Encoding the text was decoded from (`xlsx` for workbooks).
    pub encoding: &'static str,
}

/// One data row of a table read by [`read_table_rows`]. The same value is refilled for every row,
/// so once its buffer has grown, reading a row allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct TableRow {
    line: usize,
    record: csv::StringRecord,
}

impl TableRow {
    /// 1-based row number in the file (the header is row 1 unless blank or comment lines precede it)
    /// or in the sheet.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Number of cells (rows may be shorter or longer than the header).
    pub fn len(&self) -> usize {
        self.record.len()
    }

    /// Whether the row has no cells at all.
    pub fn is_empty(&self) -> bool {
        self.record.is_empty()
    }

    /// Cell `i`, trimmed; empty beyond the end of the row.
    pub fn cell(&self, i: usize) -> &str {
        self.record.get(i).map_or("", str::trim)
    }

    /// Whether every cell is empty after trimming (such rows are skipped, as [`read_table`] does).
    fn is_blank(&self) -> bool {
        self.record.iter().all(|c| c.trim().is_empty())
    }

    /// Starts a row of a sheet: no cells yet.
    pub(crate) fn start(&mut self, line: usize) {
        self.line = line;
        self.record.clear();
    }

    /// Appends a cell.
    pub(crate) fn push(&mut self, cell: &str) {
        self.record.push_field(cell);
    }
}

/// Reads a table row by row and hands each non-blank data row to `each`, with the header shared by
/// all rows. CSV/TSV stream from the file (memory bounded by the longest row); `.xlsx`/`.xlsm`
/// sheets stream cell by cell from the workbook (the shared-strings table is held in memory, the
/// sheet is not); other workbooks (`.xlsb`, `.xls`, `.ods`) are loaded whole as [`read_table`] does
/// and then handed out row by row. The first sheet is read. Returns the header, also when there
/// are no data rows. Stops at the first error, from the reader or from `each`.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("firms.csv");
/// std::fs::write(&path, "id;name\n1; A \n;\n2;B\n").unwrap();
/// let mut rows = Vec::new();
/// let head = creacity_ingest::read_table_rows(&path, |_, row| {
///     rows.push((row.line(), row.cell(1).to_string()));
///     Ok::<_, creacity_ingest::IngestError>(())
/// })
/// .unwrap();
/// assert_eq!(head.headers, vec!["id", "name"]);
/// assert_eq!(rows, vec![(2, "A".to_string()), (4, "B".to_string())]);
/// ```
///
/// # Errors
/// [`IngestError::Io`], [`IngestError::Format`] as for [`read_table`] (for streamed sheets, a
/// broken cell is named with its sheet), or what `each` returns.
pub fn read_table_rows<E, F>(path: &Path, mut each: F) -> Result<TableHead, E>
where
    E: From<IngestError>,
    F: FnMut(&TableHead, &TableRow) -> Result<(), E>,
{
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "tsv" | "txt" | "" => stream_delimited(path, &mut each),
        "xlsx" | "xlsm" => crate::xlsx_chunks::stream_xlsx(path, &mut each),
        _ => {
            // Other workbooks load whole; unsupported types get read_table's message.
            let table = read_table(path)?;
            let head = TableHead {
                file: table.file,
                headers: table.headers,
                encoding: table.encoding,
            };
            let mut row = TableRow::default();
            for (line, cells) in &table.rows {
                row.start(*line);
                for c in cells {
                    row.push(c);
                }
                each(&head, &row)?;
            }
            Ok(head)
        }
    }
}

/// Reads a table in chunks of at most `rows_per_chunk` data rows and hands each chunk to
/// `each` as a [`Table`] (same file name, headers and encoding in every chunk; each row keeps its
/// line number in the file, so messages still name the real row). `each` is called at least once:
/// with an empty chunk when the file has a header but no data rows. Returns the number of data
/// rows read. Stops at the first error, from the reader or from `each`. Rows are read as
/// [`read_table_rows`] reads them: CSV/TSV and `.xlsx` sheets stream, other workbooks load whole.
///
/// The encoding is decided over the whole file as [`crate::decode`] does (UTF-8 when every byte is
/// valid UTF-8, else the guess of a detector fed the whole file), in a first pass that holds one
/// block of the file at a time; the second pass decodes as it reads.
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
    let chunk_of = |head: &TableHead, rows| Table {
        file: head.file.clone(),
        headers: head.headers.clone(),
        rows,
        encoding: head.encoding,
    };
    let mut total = 0;
    let mut sent = false;
    let mut rows = Vec::with_capacity(rows_per_chunk.min(65_536));
    let head = read_table_rows(path, |head: &TableHead, row: &TableRow| -> Result<(), E> {
        let cells: Vec<String> = (0..row.len()).map(|i| row.cell(i).to_string()).collect();
        rows.push((row.line(), cells));
        total += 1;
        if rows.len() == rows_per_chunk {
            each(chunk_of(head, std::mem::take(&mut rows)))?;
            sent = true;
        }
        Ok(())
    })?;
    if !rows.is_empty() || !sent {
        each(chunk_of(&head, rows))?;
    }
    Ok(total)
}

fn stream_delimited<E, F>(path: &Path, each: &mut F) -> Result<TableHead, E>
where
    E: From<IngestError>,
    F: FnMut(&TableHead, &TableRow) -> Result<(), E>,
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
    text_start(&head).map_err(format)?;
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
    let (mut reader, headers) = csv_with_header(&header_line, Cursor::new(prefix).chain(decoded))
        .map_err(|e| format(&e))?;
    let head = TableHead {
        file: file.clone(),
        headers,
        encoding: encoding_name,
    };
    let mut row = TableRow::default();
    while reader
        .read_record(&mut row.record)
        .map_err(|e| format(&format!("not valid CSV: {e}")))?
    {
        if row.is_blank() {
            continue;
        }
        row.line = row.record.position().map_or(0, |p| p.line() as usize);
        each(&head, &row)?;
    }
    Ok(head)
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
