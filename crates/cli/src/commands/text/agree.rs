//! `creacity text agree`: agreement between a hand-coding and the dictionary, or two coders.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, bail};
use creacity_model::Document;
use creacity_report::num;
use creacity_text::{Lookup, LookupParams, agreement, count_documents};
use serde::Serialize;

use super::inputs::{documents, load_dictionary, texts};
use crate::cli::Global;
use crate::output::{emit, json};

/// Reads a coding: document id → set of category ids.
fn read_coding(path: &Path) -> anyhow::Result<BTreeMap<String, BTreeSet<String>>> {
    let t =
        creacity_ingest::read_table(path).with_context(|| format!("reading {}", path.display()))?;
    let col = |name: &str| {
        t.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .with_context(|| {
                format!(
                    "{}: no column `{name}` (expected `id` and `codes`)",
                    path.display()
                )
            })
    };
    let (id, codes) = (col("id")?, col("codes")?);
    let mut out = BTreeMap::new();
    for (row, cells) in &t.rows {
        let key = cells.get(id).map(|s| s.trim()).unwrap_or("");
        if key.is_empty() {
            bail!("{}, row {row}, column id: empty", path.display());
        }
        let set: BTreeSet<String> = cells
            .get(codes)
            .map(|s| s.as_str())
            .unwrap_or("")
            .split(';')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        if out.insert(key.to_string(), set).is_some() {
            bail!(
                "{}, row {row}, column id: duplicate {key:?}",
                path.display()
            );
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct AgreeResult {
    units: usize,
    categories: Vec<CategoryAgreement>,
    pooled_kappa: f64,
    pooled_alpha: f64,
}

#[derive(Serialize)]
struct CategoryAgreement {
    category: String,
    kappa: f64,
    alpha: f64,
    first: usize,
    second: usize,
}

pub(super) fn agree(
    g: &Global,
    coding: &Path,
    second: Option<&Path>,
    as_json: bool,
) -> anyhow::Result<()> {
    let first = read_coding(coding)?;
    let (other, categories): (BTreeMap<String, BTreeSet<String>>, Vec<String>) = match second {
        Some(p) => {
            let other = read_coding(p)?;
            let cats: BTreeSet<String> = first
                .values()
                .chain(other.values())
                .flatten()
                .cloned()
                .collect();
            (other, cats.into_iter().collect())
        }
        None => {
            let docs = documents(g)?;
            let dict = load_dictionary(g.dictionary.as_deref())?;
            let lookup = Lookup::new(&dict, &LookupParams::default().levels(1, 1))?;
            let chosen: Vec<Document> = first
                .keys()
                .map(|id| {
                    docs.iter().find(|d| &d.id == id).cloned().with_context(|| {
                        format!("{}: no document {id:?} in the workspace", coding.display())
                    })
                })
                .collect::<anyhow::Result<_>>()?;
            let t = count_documents(&texts(&chosen), &lookup);
            let coded = t
                .documents
                .iter()
                .cloned()
                .zip(t.present().into_iter().map(BTreeSet::from_iter))
                .collect();
            (coded, t.keys.clone())
        }
    };
    let units: Vec<&String> = first.keys().filter(|k| other.contains_key(*k)).collect();
    if units.is_empty() {
        bail!("the two codings share no document id");
    }
    let mut all_a = Vec::new();
    let mut all_b = Vec::new();
    let mut per = Vec::new();
    for c in &categories {
        let a: Vec<Option<bool>> = units.iter().map(|u| Some(first[*u].contains(c))).collect();
        let b: Vec<Option<bool>> = units.iter().map(|u| Some(other[*u].contains(c))).collect();
        let r = agreement(&a, &b)?;
        per.push(CategoryAgreement {
            category: c.clone(),
            kappa: r.kappa,
            alpha: r.alpha,
            first: a.iter().filter(|x| **x == Some(true)).count(),
            second: b.iter().filter(|x| **x == Some(true)).count(),
        });
        all_a.extend(a);
        all_b.extend(b);
    }
    let pooled = agreement(&all_a, &all_b)?;
    let res = AgreeResult {
        units: units.len(),
        categories: per,
        pooled_kappa: pooled.kappa,
        pooled_alpha: pooled.alpha,
    };
    if as_json {
        return json(&res);
    }
    let mut out = format!(
        "units: {}; pooled kappa {}; Krippendorff's alpha {}\ncategory\tkappa\talpha\tfirst\tsecond\n",
        res.units,
        num(res.pooled_kappa, 3),
        num(res.pooled_alpha, 3)
    );
    for c in &res.categories {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            c.category,
            num(c.kappa, 3),
            num(c.alpha, 3),
            c.first,
            c.second
        ));
    }
    emit(None, out.as_bytes())
}
