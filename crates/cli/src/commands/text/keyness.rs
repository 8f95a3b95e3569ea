//! `creacity text keyness`: keyness of words in target documents against the others.

use std::collections::BTreeSet;

use anyhow::{Context, bail};
use creacity_model::{Coded, Document};
use creacity_report::num;
use creacity_text::{Dfm, DfmParams, Keyness, keyness};

use super::Measure;
use super::inputs::{all_stopwords, documents, texts};
use crate::cli::Global;
use crate::output::{emit, json};

fn select_target(docs: &[Document], target: &str) -> anyhow::Result<Vec<bool>> {
    let (field, value) = target
        .split_once('=')
        .with_context(|| format!("--target {target:?}: expected kind=…, year=… or id=…"))?;
    let value = value.trim();
    let sel: Vec<bool> = match field.trim() {
        "kind" => docs.iter().map(|d| d.kind.code() == value).collect(),
        "year" => {
            let y: i32 = value
                .parse()
                .with_context(|| format!("--target year={value}: not a year"))?;
            docs.iter().map(|d| d.year == Some(y)).collect()
        }
        "id" => {
            let ids: BTreeSet<&str> = value.split(',').map(str::trim).collect();
            for id in &ids {
                if !docs.iter().any(|d| d.id == *id) {
                    bail!("--target: no document {id:?} in the workspace");
                }
            }
            docs.iter().map(|d| ids.contains(d.id.as_str())).collect()
        }
        other => bail!("--target: unknown field {other:?}: expected kind, year or id"),
    };
    Ok(sel)
}

pub(super) fn keyness_cmd(
    g: &Global,
    target: &str,
    measure: Measure,
    top: usize,
    as_json: bool,
) -> anyhow::Result<()> {
    let docs = documents(g)?;
    let sel = select_target(&docs, target)?;
    let params = DfmParams {
        remove: all_stopwords(),
        ..DfmParams::default()
    };
    let dfm = Dfm::build(&texts(&docs), &params);
    let m = match measure {
        Measure::Chi2 => Keyness::Chi2,
        Measure::G2 => Keyness::G2,
        Measure::Pmi => Keyness::Pmi,
        Measure::Fisher => Keyness::Fisher,
    };
    let rows = keyness(&dfm, &sel, m).with_context(|| format!("--target {target}"))?;
    let n = rows.len();
    let shown: Vec<_> = if n <= 2 * top {
        rows
    } else {
        rows[..top]
            .iter()
            .chain(&rows[n - top..])
            .cloned()
            .collect()
    };
    if as_json {
        return json(&shown);
    }
    let mut out = String::from("feature\tstatistic\tp\ttarget\treference\n");
    for r in &shown {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            r.feature,
            num(r.statistic, 3),
            num(r.p, 4),
            r.n_target,
            r.n_reference
        ));
    }
    emit(None, out.as_bytes())
}
