//! Reading a folder of plain-text, Markdown, HTML, Word and PDF documents, with an optional
//! `metadata.csv` sidecar.

use std::collections::HashMap;
use std::path::Path;

use creacity_model::{Coded, Document, DocumentKind, Lang};

use crate::decode::{decode, looks_binary};
use crate::{IngestError, Problem, parse_delimited};

/// Largest text, HTML or Word file read as one document, in bytes (64 MiB, some 10 million
/// words); PDFs have their own limit ([`crate::MAX_PDF_BYTES`]).
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The sidecar file that gives per-document metadata (columns: file, title, year, authors, source, kind, lang).
pub const METADATA_FILE: &str = "metadata.csv";

/// Reads every `.txt`, `.md`, `.html`, `.docx` and `.pdf` file of `dir` (not recursively), in
/// name order. All or nothing: the first file that cannot be read stops the reading.
///
/// PDFs are read from their text layer ([`crate::pdf_text`]), pages joined by form feeds
/// (U+000C) so page numbers are kept. Text is decoded from UTF-8 or the detected legacy encoding (windows-1251); the language is
/// declared in the sidecar or detected from the share of Cyrillic letters; the title is the sidecar's,
/// else the first heading or line. The id is the file name without extension.
///
/// # Errors
/// [`IngestError::Io`] for an unreadable folder or file, [`IngestError::Format`] for binary or empty
/// files and an empty folder, a broken, encrypted, oversized or scanned (no text layer) PDF,
/// [`IngestError::Invalid`] for a bad sidecar row.
pub fn read_documents(dir: &Path) -> Result<Vec<Document>, IngestError> {
    let io = |file: &Path, source| IngestError::Io {
        file: file.display().to_string(),
        source,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                    .as_deref(),
                Some("txt" | "md" | "html" | "htm" | "docx" | "pdf")
            )
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(IngestError::Format {
            file: dir.display().to_string(),
            reason: "no .txt, .md, .html, .docx or .pdf documents in this folder".into(),
        });
    }
    let meta = read_metadata(&dir.join(METADATA_FILE))?;
    let mut docs = Vec::new();
    for path in paths {
        let file = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        // A huge file is refused before it is read into memory.
        let size = std::fs::metadata(&path).map_err(|e| io(&path, e))?.len();
        let limit = if ext == "pdf" {
            crate::pdf::MAX_PDF_BYTES
        } else {
            MAX_DOCUMENT_BYTES
        };
        if size > limit {
            return Err(IngestError::Format {
                file,
                reason: format!(
                    "{} MiB is over the limit of {} MiB for one document: split it first",
                    size >> 20,
                    limit >> 20
                ),
            });
        }
        let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
        let (html_title, text) = match ext.as_str() {
            "pdf" => (
                None,
                crate::pdf::pdf_text(&bytes).map_err(|reason| IngestError::Format {
                    file: file.clone(),
                    reason,
                })?,
            ),
            "docx" => (
                None,
                crate::formats::docx_text(&bytes).map_err(|reason| IngestError::Format {
                    file: file.clone(),
                    reason,
                })?,
            ),
            _ if looks_binary(&bytes) => {
                return Err(IngestError::Format {
                    file,
                    reason: "binary content: expected plain text".into(),
                });
            }
            "html" | "htm" => crate::formats::html_text(&decode(&bytes).0),
            _ => (None, decode(&bytes).0),
        };
        if text.trim().is_empty() {
            return Err(IngestError::Format {
                file,
                reason: "the document is empty".into(),
            });
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let id = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let m = meta.get(&name).or_else(|| meta.get(&id));
        let title = m
            .and_then(|m| m.title.clone())
            .or(html_title)
            .unwrap_or_else(|| first_line(&text));
        docs.push(Document {
            lang: m.and_then(|m| m.lang).unwrap_or_else(|| detect_lang(&text)),
            kind: m.and_then(|m| m.kind).unwrap_or(DocumentKind::Other),
            year: m.and_then(|m| m.year),
            authors: m.and_then(|m| m.authors.clone()).unwrap_or_default(),
            source: m.and_then(|m| m.source.clone()).unwrap_or(name),
            synthetic: m.is_some_and(|m| m.synthetic),
            id,
            title,
            text,
        });
    }
    Ok(docs)
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    year: Option<i32>,
    authors: Option<String>,
    source: Option<String>,
    kind: Option<DocumentKind>,
    lang: Option<Lang>,
    synthetic: bool,
}

fn read_metadata(path: &Path) -> Result<HashMap<String, Meta>, IngestError> {
    let mut out = HashMap::new();
    if !path.exists() {
        return Ok(out);
    }
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        file: path.display().to_string(),
        source,
    })?;
    let table = parse_delimited(&path.display().to_string(), &bytes)?;
    let col = |name: &str| {
        table
            .headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    };
    let Some(file_col) = col("file") else {
        return Err(IngestError::Invalid {
            file: table.file.clone(),
            problems: vec![Problem {
                row: 1,
                column: "file".into(),
                message: "required column is missing".into(),
            }],
        });
    };
    let mut problems = Vec::new();
    for (row, cells) in &table.rows {
        let get = |name: &str| {
            col(name)
                .and_then(|i| cells.get(i))
                .filter(|s| !s.is_empty())
                .cloned()
        };
        let mut m = Meta {
            title: get("title"),
            authors: get("authors"),
            source: get("source"),
            ..Meta::default()
        };
        if let Some(y) = get("year") {
            match y.parse() {
                Ok(y) => m.year = Some(y),
                Err(_) => problems.push(Problem {
                    row: *row,
                    column: "year".into(),
                    message: format!("{y:?} is not a year"),
                }),
            }
        }
        if let Some(k) = get("kind") {
            match DocumentKind::parse(&k) {
                Some(k) => m.kind = Some(k),
                None => problems.push(Problem {
                    row: *row,
                    column: "kind".into(),
                    message: format!("{k:?} is not one of: {}", DocumentKind::expected()),
                }),
            }
        }
        if let Some(l) = get("lang") {
            match l.parse() {
                Ok(l) => m.lang = Some(l),
                Err(_) => problems.push(Problem {
                    row: *row,
                    column: "lang".into(),
                    message: format!("{l:?} is not one of: ru, en"),
                }),
            }
        }
        m.synthetic = get("synthetic")
            .is_some_and(|s| matches!(s.to_lowercase().as_str(), "yes" | "true" | "1" | "да"));
        out.insert(cells.get(file_col).cloned().unwrap_or_default(), m);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(IngestError::Invalid {
            file: table.file,
            problems,
        })
    }
}

fn first_line(text: &str) -> String {
    // A form feed (page break of a PDF) ends a line too.
    let line = text
        .split(['\n', '\u{c}'])
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = line.trim_start_matches('#').trim();
    line.chars().take(160).collect()
}

/// Russian when at least 30 % of the letters are Cyrillic, else English.
pub fn detect_lang(text: &str) -> Lang {
    let (mut cyr, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(20_000) {
        letters += 1;
        if matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') {
            cyr += 1;
        }
    }
    if letters > 0 && cyr * 10 >= letters * 3 {
        Lang::Ru
    } else {
        Lang::En
    }
}
