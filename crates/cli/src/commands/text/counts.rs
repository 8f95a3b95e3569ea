//! `creacity text count`: dictionary counts per document or per group, stored for the report.

use std::path::Path;

use anyhow::Context;
use creacity_model::{Coded, Document};
use creacity_text::{Lookup, LookupParams, Stemming, count_documents};

use super::import::flagged;
use super::inputs::{documents, load_dictionary, provenance, texts};
use super::{By, StoredCounts};
use crate::cli::Global;
use crate::output::{Progress, emit, json};

fn parse_levels(s: &str) -> anyhow::Result<(usize, usize)> {
    let parse = |x: &str| {
        x.trim()
            .parse::<usize>()
            .with_context(|| format!("--levels {s:?}: expected N or FROM:TO"))
    };
    match s.split_once(':') {
        Some((a, b)) => Ok((parse(a)?, parse(b)?)),
        None => {
            let n = parse(s)?;
            Ok((n, n))
        }
    }
}

fn group_label(d: &Document, by: By) -> String {
    match by {
        By::Year => d.year.map_or_else(|| "—".to_string(), |y| y.to_string()),
        By::Kind => d.kind.code().to_string(),
    }
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(super) fn count(
    g: &Global,
    by: Option<By>,
    levels: &str,
    stem: bool,
    (csv, xlsx): (Option<&Path>, Option<&Path>),
    as_json: bool,
) -> anyhow::Result<()> {
    let docs = documents(g)?;
    let dict = load_dictionary(g.dictionary.as_deref())?;
    let (from, to) = parse_levels(levels)?;
    let params = LookupParams::default().levels(from, to).stemming(if stem {
        Stemming::Auto
    } else {
        Stemming::None
    });
    let lookup = Lookup::new(&dict, &params)?;
    let progress = Progress::start("counting");
    let table = count_documents(&texts(&docs), &lookup);
    progress.finish();
    let groups = match by {
        Some(b) => {
            let labels: Vec<String> = docs.iter().map(|d| group_label(d, b)).collect();
            Some(table.by_group(&labels)?)
        }
        None => None,
    };
    let stored = StoredCounts {
        table,
        groups,
        by: by.map(|b| format!("{b:?}").to_lowercase()),
        flagged: flagged(&docs),
    };
    let mut ws = crate::commands::open(g)?;
    let p = provenance(
        "text.count",
        serde_json::json!({ "levels": [from, to], "stem": stem, "by": stored.by }),
        &dict,
        &docs,
    );
    ws.save_analysis("text", None, &stored, &p)?;
    for id in &stored.flagged {
        eprintln!(
            "warning: document {id} looks like Latin look-alikes of Cyrillic: its counts will be wrong"
        );
    }
    let t = &stored.table;
    if csv.is_some() || xlsx.is_some() {
        let mut out = String::from("document,tokens");
        for k in &t.keys {
            out.push(',');
            out.push_str(&csv_cell(k));
        }
        out.push('\n');
        for (i, d) in t.documents.iter().enumerate() {
            out.push_str(&csv_cell(d));
            out.push_str(&format!(",{}", t.tokens[i]));
            for c in &t.counts[i] {
                out.push_str(&format!(",{c}"));
            }
            out.push('\n');
        }
        if let Some(path) = csv {
            emit(Some(path), out.as_bytes())?;
        }
        if let Some(path) = xlsx {
            let book = creacity_ingest::csv_sheets_to_xlsx(&[("counts".into(), out)])?;
            emit(Some(path), &book)?;
        }
    }
    if as_json {
        return json(&stored);
    }
    let mut out = format!("dictionary: {}\n", t.dictionary);
    match &stored.groups {
        None => {
            out.push_str("category\tmentions\tdocuments\tshare\n");
            for (k, key) in t.keys.iter().enumerate() {
                let mentions: u64 = t.counts.iter().map(|r| r[k]).sum();
                let docs_with = t.counts.iter().filter(|r| r[k] > 0).count();
                let share = docs_with as f64 / t.documents.len() as f64;
                out.push_str(&format!("{key}\t{mentions}\t{docs_with}\t{share:.3}\n"));
            }
        }
        Some(gt) => {
            out.push_str("group\tdocuments\tcategory\tmentions\tshare\n");
            for (gi, gname) in gt.groups.iter().enumerate() {
                for (k, key) in gt.keys.iter().enumerate() {
                    out.push_str(&format!(
                        "{gname}\t{}\t{key}\t{}\t{:.3}\n",
                        gt.documents[gi], gt.counts[gi][k], gt.shares[gi][k]
                    ));
                }
            }
        }
    }
    emit(None, out.as_bytes())
}
