//! `creacity text cooc`: co-occurrence of dictionary categories in documents, or of words in a window.

use anyhow::bail;
use creacity_report::num;
use creacity_text::{
    DfmParams, DocCount, Lookup, LookupParams, count_documents, fcm_document, fcm_window,
    harmonic_weights,
};
use serde::Serialize;

use super::inputs::{all_stopwords, documents, load_dictionary, texts};
use crate::cli::Global;
use crate::output::{emit, json};

#[derive(Serialize)]
struct Pair {
    a: String,
    b: String,
    value: f64,
}

pub(super) fn cooc(
    g: &Global,
    window: Option<usize>,
    top: usize,
    as_json: bool,
) -> anyhow::Result<()> {
    let docs = documents(g)?;
    let texts = texts(&docs);
    let m = match window {
        Some(0) => bail!("--window must be at least 1"),
        Some(w) => {
            let params = DfmParams {
                remove: all_stopwords(),
                ..DfmParams::default()
            };
            let seqs: Vec<Vec<String>> = texts
                .iter()
                .map(|d| creacity_text::features_of(&d.text, &params))
                .collect();
            fcm_window(&seqs, &harmonic_weights(w))?
        }
        None => {
            let dict = load_dictionary(g.dictionary.as_deref())?;
            let lookup = Lookup::new(&dict, &LookupParams::default().levels(1, 1))?;
            let t = count_documents(&texts, &lookup);
            let present = t.present();
            fcm_document(&present, DocCount::Boolean)
        }
    };
    let mut pairs: Vec<Pair> = m
        .cells
        .iter()
        .filter(|((a, b), _)| a != b)
        .map(|((a, b), v)| Pair {
            a: m.features[*a as usize].clone(),
            b: m.features[*b as usize].clone(),
            value: *v,
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.value
            .total_cmp(&x.value)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    pairs.truncate(top);
    if as_json {
        return json(&pairs);
    }
    let unit = if window.is_some() {
        "weight"
    } else {
        "documents"
    };
    let mut out = format!("a\tb\t{unit}\n");
    for p in &pairs {
        out.push_str(&format!("{}\t{}\t{}\n", p.a, p.b, num(p.value, 3)));
    }
    emit(None, out.as_bytes())
}
