//! `creacity map indices`: EconGeo indices of a territory × sector matrix, as CSV tables.

use std::fmt::Write as _;

use anyhow::Context;
use creacity_mapping::Matrix;
use creacity_mapping::indices::{IndexParams, IndexReport, RelatednessMethod, compute_indices};

use super::io::{cell, name, num, opt, read, store, write_xlsx};
use super::{IndicesArgs, RelArg};
use crate::cli::Global;
use crate::output::emit;

/// Runs `creacity map indices`.
pub(super) fn run(g: &Global, args: IndicesArgs) -> anyhow::Result<()> {
    let IndicesArgs {
        matrix,
        relatedness,
        out,
        json: as_json,
        xlsx,
        save,
    } = args;
    let m = Matrix::from_csv_str(&read(&matrix)?).with_context(|| name(&matrix))?;
    let method = match relatedness {
        RelArg::Prob => RelatednessMethod::Prob,
        RelArg::Association => RelatednessMethod::Association,
        RelArg::Cosine => RelatednessMethod::Cosine,
        RelArg::Jaccard => RelatednessMethod::Jaccard,
    };
    let params = IndexParams::builder().relatedness(method).build(&m)?;
    let report = compute_indices(&m, &params);
    if save {
        store(
            g,
            "indices",
            &report,
            serde_json::to_value(&params)?,
            &[&matrix],
            vec![],
        )?;
    }
    let tables = indices_csv(&report);
    if let Some(path) = &xlsx {
        let names = ["territories", "sectors", "territory x sector"];
        let sheets: Vec<(String, String)> = tables
            .split("\n\n")
            .zip(names)
            .map(|(t, n)| (n.to_string(), t.to_string()))
            .collect();
        write_xlsx(path, &sheets)?;
    }
    if as_json {
        let text = serde_json::to_string_pretty(&report)? + "\n";
        return emit(out.as_deref(), text.as_bytes());
    }
    emit(out.as_deref(), tables.as_bytes())
}

fn indices_csv(r: &IndexReport) -> String {
    let mut s = String::from(
        "territory,total,krugman,specialisation_coefficient,herfindahl,entropy,diversity\n",
    );
    for t in &r.by_territory {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{}",
            cell(&t.territory),
            t.total,
            opt(t.krugman),
            opt(t.specialisation_coefficient),
            opt(t.herfindahl),
            opt(t.entropy),
            t.diversity
        );
    }
    s.push_str("\nsector,total,hoover,ubiquity\n");
    for x in &r.by_sector {
        let _ = writeln!(
            s,
            "{},{},{},{}",
            cell(&x.sector),
            x.total,
            opt(x.hoover),
            x.ubiquity
        );
    }
    s.push_str("\nterritory,sector,location_quotient,binary_lq,relatedness_density\n");
    let nc = r.sectors.len();
    for (i, t) in r.territories.iter().enumerate() {
        for (j, sec) in r.sectors.iter().enumerate() {
            let k = i * nc + j;
            let _ = writeln!(
                s,
                "{},{},{},{},{}",
                cell(t),
                cell(sec),
                r.location_quotient[k],
                r.binary_lq[k],
                num(r.relatedness_density[k])
            );
        }
    }
    s
}
