//! `creacity text import|count|kwic|cooc|keyness|agree`: content analysis of the workspace's documents (issue #4).
//!
//! This file holds the command line and the dispatch; the subcommands live in the modules below.

mod agree;
mod cooc;
mod counts;
mod import;
mod inputs;
mod keyness;
mod kwic;
mod report;

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use creacity_model::{Document, Lang};
use creacity_text::{CountTable, GroupTable};
use serde::{Deserialize, Serialize};

use crate::cli::Global;

pub use report::report_section;

/// Arguments of `creacity text`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Import a folder of .txt/.md/.html/.docx/.pdf documents (with an optional metadata.csv)
    /// and check that Russian texts are not Latin look-alikes of Cyrillic.
    Import {
        /// The folder.
        dir: PathBuf,
    },
    /// Dictionary counts per document, or per group (year, kind). The dictionary is the global
    /// `--dictionary FILE` (.yaml, .dic, .cat, .lc3, .ykd) or the shipped problem dictionary.
    Count {
        /// Sum per group of documents.
        #[arg(long, value_enum)]
        by: Option<By>,
        /// Levels of a nested dictionary forming the key, e.g. `1`, `1:2`, `2`.
        #[arg(long, default_value = "1")]
        levels: String,
        /// Match patterns against Snowball stems instead of words.
        #[arg(long)]
        stem: bool,
        /// Write the per-document table as CSV to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Write the per-document table as an Excel workbook to this file.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Keyword in context: every match of the patterns, with the document and page.
    Kwic {
        /// Patterns (glob by default; quote multi-word patterns).
        #[arg(required = true)]
        patterns: Vec<String>,
        /// Words either side.
        #[arg(long, default_value_t = 6)]
        window: usize,
        /// How the patterns are read.
        #[arg(long, value_enum, default_value_t = Kind::Glob)]
        kind: Kind,
        /// At most this many lines.
        #[arg(long)]
        limit: Option<usize>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Co-occurrence: of dictionary categories in documents (default), or of words within a
    /// window (`--window N`, weights 1, 1/2, … 1/N, stop-words removed).
    Cooc {
        /// Window size for word co-occurrence.
        #[arg(long)]
        window: Option<usize>,
        /// Pairs shown.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Keyness of words in target documents against the others.
    Keyness {
        /// The target: `kind=strategy`, `year=2023` or `id=doc1,doc2`.
        #[arg(long)]
        target: String,
        /// The statistic.
        #[arg(long, value_enum, default_value_t = Measure::Chi2)]
        measure: Measure,
        /// Words shown at each end.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Agreement (Cohen's kappa, Krippendorff's alpha) between a hand-coding and the dictionary,
    /// or between two coders. A coding is a CSV/XLSX with columns `id` (document) and `codes`
    /// (category ids separated by `;`).
    Agree {
        /// The (first) coding.
        coding: PathBuf,
        /// A second coder's coding; without it the dictionary is the second coder.
        #[arg(long)]
        second: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    Year,
    Kind,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Glob,
    Regex,
    Fixed,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Chi2,
    G2,
    Pmi,
    Fisher,
}

/// What `text count` stores in the workspace and the report shows.
#[derive(Debug, Serialize, Deserialize)]
struct StoredCounts {
    table: CountTable,
    groups: Option<GroupTable>,
    by: Option<String>,
    flagged: Vec<String>,
}

/// Runs `creacity text`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    match args.cmd {
        Cmd::Import { dir } => import::import(g, &dir),
        Cmd::Count {
            by,
            levels,
            stem,
            csv,
            xlsx,
            json: as_json,
        } => counts::count(
            g,
            by,
            &levels,
            stem,
            (csv.as_deref(), xlsx.as_deref()),
            as_json,
        ),
        Cmd::Kwic {
            patterns,
            window,
            kind,
            limit,
            json: as_json,
        } => kwic::kwic_cmd(g, &patterns, window, kind, limit, as_json),
        Cmd::Cooc {
            window,
            top,
            json: as_json,
        } => cooc::cooc(g, window, top, as_json),
        Cmd::Keyness {
            target,
            measure,
            top,
            json: as_json,
        } => keyness::keyness_cmd(g, &target, measure, top, as_json),
        Cmd::Agree {
            coding,
            second,
            json: as_json,
        } => agree::agree(g, &coding, second.as_deref(), as_json),
    }
}

/// The warnings about documents that are stored but will count wrongly: empty ones, and Latin
/// look-alikes of Cyrillic (a PDF whose fonts lack a ToUnicode map), in the language of `--lang`.
pub(crate) fn document_warnings(docs: &[Document], lang: Lang) -> Vec<String> {
    let ru = lang == Lang::Ru;
    let mut out = Vec::new();
    for d in docs {
        if d.text.trim().is_empty() {
            out.push(if ru {
                format!("предупреждение: документ {} пуст", d.id)
            } else {
                format!("warning: document {} is empty", d.id)
            });
        }
    }
    for id in import::flagged(docs) {
        out.push(if ru {
            format!(
                "предупреждение: документ {id} похож на кириллицу, прочитанную латинскими буквами (PDF без карты ToUnicode?): его подсчёты будут неверны; распознайте текст заново (OCR) или экспортируйте его иначе"
            )
        } else {
            format!(
                "warning: document {id} looks like Latin look-alikes of Cyrillic (a PDF without a ToUnicode map?): its counts will be wrong; OCR it or export its text another way"
            )
        });
    }
    out
}

/// Prints [`document_warnings`] to standard error.
pub(crate) fn warn_documents(docs: &[Document], lang: Lang) {
    for w in document_warnings(docs, lang) {
        eprintln!("{w}");
    }
}
