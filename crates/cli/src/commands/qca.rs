//! `creacity qca --data FILE --outcome Y …`: qualitative comparative analysis (issue #3); see
//! docs/methods/qca.md.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use creacity_qca::{
    Calibration, Dataset, LogOdds, MinimizeParams, OutcomeSpec, SetData, TruthTableParams,
    calibrate, minimize, render_minimization, render_truth_table, truth_table,
};

use crate::cli::Global;

/// Arguments of `creacity qca`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Data table: CSV, TSV or XLSX, case names in the first column.
    #[arg(long)]
    data: PathBuf,
    /// Outcome: `Y`, `~Y` (negated) or `Y[1]` (a value of a multi-value outcome).
    #[arg(long, allow_hyphen_values = true)]
    outcome: String,
    /// Conditions, comma-separated (default: every other column).
    #[arg(long, value_delimiter = ',')]
    conditions: Vec<String>,
    /// Calibration of raw columns, `;`-separated: `COL:e,c,i` (logistic, log-odds 3),
    /// `COL:idm:e,c,i` (inclusion at 0.95), `COL:linear:e,c,i`, `COL:crisp:t1,t2`.
    #[arg(long)]
    calibrate: Option<String>,
    /// Inclusion cut (`incl.cut`); two values `ic1,ic0` mark contradictions.
    #[arg(long, value_delimiter = ',', default_value = "1")]
    incl_cut: Vec<f64>,
    /// Frequency cut (`n.cut`).
    #[arg(long, default_value_t = 1)]
    n_cut: usize,
    /// PRI cut (`pri.cut`).
    #[arg(long, default_value_t = 0.0)]
    pri_cut: f64,
    /// `?` to include remainders (parsimonious solution); `?,C` also contradictions.
    #[arg(long, default_value = "")]
    include: String,
    /// Directional expectations, one per condition: `1`, `0` or `-` (intermediate solution).
    #[arg(long)]
    dir_exp: Option<String>,
    /// Row dominance on the prime-implicant chart.
    #[arg(long)]
    row_dom: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs `creacity qca`.
pub fn run(_g: &Global, args: Args) -> anyhow::Result<()> {
    let file = args.data.display().to_string();
    let mut data = read(&args.data).with_context(|| format!("reading {file}"))?;
    if let Some(spec) = &args.calibrate {
        let rules = parse_calibration(spec)?;
        data = calibrate(&data, &rules).with_context(|| format!("calibrating {file}"))?;
    }
    let outcome = OutcomeSpec::parse(&args.outcome)?;
    let conditions = (!args.conditions.is_empty()).then_some(args.conditions.as_slice());
    let sets =
        SetData::new(&data, &outcome, conditions).with_context(|| format!("checking {file}"))?;
    let mut ttp = TruthTableParams::default()
        .n_cut(args.n_cut)
        .pri_cut(args.pri_cut);
    ttp = match args.incl_cut.as_slice() {
        [ic1] => ttp.incl_cut(*ic1),
        [ic1, ic0] => ttp.incl_cuts(*ic1, *ic0),
        _ => bail!("--incl-cut takes one or two values"),
    };
    let tt = truth_table(&sets, &ttp)?;
    let include: Vec<&str> = args.include.split(',').map(str::trim).collect();
    let mut params = MinimizeParams {
        row_dom: args.row_dom,
        include_contradictions: include.contains(&"C"),
        ..Default::default()
    };
    if include.contains(&"?") {
        params = params.include_remainders();
    }
    if let Some(d) = &args.dir_exp {
        params = params.dir_exp(d)?;
    }
    let mut result = minimize(&tt, &params)?;
    if result.conservative.is_none() {
        result.conservative = minimize(
            &tt,
            &MinimizeParams {
                row_dom: args.row_dom,
                ..Default::default()
            },
        )?
        .conservative;
    }
    if args.json {
        let value = serde_json::json!({ "truth_table": tt, "minimization": result });
        return crate::output::json(&value);
    }
    let mut text = render_truth_table(&tt, false);
    text.push('\n');
    text.push_str(&render_minimization(&result));
    crate::output::emit(None, text.as_bytes())
}

fn read(path: &Path) -> anyhow::Result<Dataset> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if ext == "xlsx" || ext == "ods" || ext == "xls" {
        let table = creacity_ingest::read_table(path)?;
        let mut cases = Vec::new();
        let mut values = vec![Vec::new(); table.headers.len().saturating_sub(1)];
        for (row, cells) in &table.rows {
            cases.push(cells.first().cloned().unwrap_or_default());
            for (c, col) in values.iter_mut().enumerate() {
                let cell = cells.get(c + 1).map(|s| s.trim()).unwrap_or("");
                let v: f64 = cell.replace(',', ".").parse().with_context(|| {
                    format!(
                        "row {row}, column `{}`: {cell:?} is not a number",
                        table.headers[c + 1]
                    )
                })?;
                col.push(v);
            }
        }
        return Ok(Dataset::new(cases, table.headers[1..].to_vec(), values)?);
    }
    let text = std::fs::read_to_string(path)?;
    Ok(Dataset::parse(&text)?)
}

fn parse_calibration(spec: &str) -> anyhow::Result<Vec<(String, Calibration)>> {
    let mut rules = Vec::new();
    for item in spec.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let parts: Vec<&str> = item.split(':').collect();
        let nums = |s: &str| -> anyhow::Result<Vec<f64>> {
            s.split(',')
                .map(|v| {
                    v.trim()
                        .parse::<f64>()
                        .with_context(|| format!("calibration {item:?}: {v:?} is not a number"))
                })
                .collect()
        };
        let (name, kind, values) = match parts.as_slice() {
            [name, values] => (*name, "logistic", nums(values)?),
            [name, kind, values] => (*name, *kind, nums(values)?),
            _ => bail!("calibration {item:?}: expected COL:e,c,i or COL:kind:values"),
        };
        let three = |v: &[f64]| -> anyhow::Result<(f64, f64, f64)> {
            match v {
                [e, c, i] => Ok((*e, *c, *i)),
                _ => bail!("calibration {item:?}: give three anchors e,c,i"),
            }
        };
        let rule = match kind {
            "logistic" => {
                let (e, c, i) = three(&values)?;
                Calibration::Logistic {
                    e,
                    c,
                    i,
                    log_odds: LogOdds::Three,
                }
            }
            "idm" => {
                let (e, c, i) = three(&values)?;
                Calibration::Logistic {
                    e,
                    c,
                    i,
                    log_odds: LogOdds::Inclusion95,
                }
            }
            "linear" => {
                let (e, c, i) = three(&values)?;
                Calibration::Linear { e, c, i }
            }
            "crisp" => Calibration::Thresholds(values),
            other => {
                bail!("calibration {item:?}: unknown kind {other:?} (logistic, idm, linear, crisp)")
            }
        };
        rule.validate()?;
        rules.push((name.trim().to_string(), rule));
    }
    Ok(rules)
}

/// The report section of the newest stored qca result, if any (results are not stored yet).
pub fn report_section(
    _ws: &creacity_store::Workspace,
    _lang: creacity_model::Lang,
) -> anyhow::Result<Option<creacity_report::Section>> {
    Ok(None)
}
