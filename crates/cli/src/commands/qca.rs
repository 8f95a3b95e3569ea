//! `creacity qca --data FILE --outcome Y …`: qualitative comparative analysis (issue #3); see
//! docs/methods/qca.md.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use creacity_qca::{
    Calibration, Dataset, LogOdds, MinimizeParams, OutcomeSpec, RobustnessParams, SetData,
    SolutionKind, TruthTableParams, anchor_variants, calibrate, minimize, render_minimization,
    render_truth_table, robustness, truth_table,
};

use crate::cli::Global;

/// Arguments of `creacity qca`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Data table: CSV, TSV or XLSX, case names in the first column. Without it, the cases are the
    /// workspace's cluster case cards (see docs/methods/qca.md, "Conditions from case cards").
    #[arg(long)]
    data: Option<PathBuf>,
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
    /// Robustness: inclusion cuts to sweep, e.g. `0.75,0.8,0.85,0.9` (reports how often each term
    /// and model survives).
    #[arg(long, value_delimiter = ',')]
    sweep_incl: Vec<f64>,
    /// Robustness: factors that move every calibration's exclusion and inclusion anchors away from
    /// (> 1) or towards (< 1) the crossover, e.g. `0.8,1,1.2`; needs `--calibrate`.
    #[arg(long, value_delimiter = ',')]
    sweep_anchors: Vec<f64>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Crisp thresholds applied to the raw case-card facts when no `--calibrate` is given.
const CASE_CARD_CALIBRATION: &str = "PUB_CREATE:crisp:0.5;PUB_OPER:crisp:0.5;PUB_SEATS:crisp:0.5;PRIV_RES:crisp:0.5;SUPPORT:crisp:2";

/// Runs `creacity qca`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    let (file, mut data, default_calibration) = match &args.data {
        Some(path) => {
            let file = path.display().to_string();
            let data = read(path).with_context(|| format!("reading {file}"))?;
            (file, data, None)
        }
        None => (
            format!("case cards in {}", g.workspace.display()),
            case_cards(g)?,
            Some(CASE_CARD_CALIBRATION),
        ),
    };
    let raw = data.clone();
    let mut rules = Vec::new();
    if let Some(spec) = args.calibrate.as_deref().or(default_calibration) {
        rules = parse_calibration(spec)?;
        data = calibrate(&data, &rules).with_context(|| format!("calibrating {file}"))?;
    }
    if !args.sweep_incl.is_empty() || !args.sweep_anchors.is_empty() {
        return sweep(&args, &raw, &rules);
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
    let mut text = render_truth_table(&tt, false);
    text.push('\n');
    text.push_str(&render_minimization(&result));
    store(g, &args, &file, &text, &tt, &result)?;
    if args.json {
        let value = serde_json::json!({ "truth_table": tt, "minimization": result });
        return crate::output::json(&value);
    }
    crate::output::emit(None, text.as_bytes())
}

/// `--sweep-incl` / `--sweep-anchors`: the robustness of terms and models over cuts and calibrations.
fn sweep(args: &Args, raw: &Dataset, rules: &[(String, Calibration)]) -> anyhow::Result<()> {
    if !args.sweep_anchors.is_empty() && rules.is_empty() {
        bail!("--sweep-anchors moves calibration anchors: give --calibrate too");
    }
    let include: Vec<&str> = args.include.split(',').map(str::trim).collect();
    let mut minimize_params = MinimizeParams {
        row_dom: args.row_dom,
        include_contradictions: include.contains(&"C"),
        ..Default::default()
    };
    let mut kind = SolutionKind::Conservative;
    if include.contains(&"?") {
        minimize_params = minimize_params.include_remainders();
        kind = SolutionKind::Parsimonious;
    }
    if let Some(d) = &args.dir_exp {
        minimize_params = minimize_params.dir_exp(d)?;
        kind = SolutionKind::Intermediate;
    }
    let calibrations = if args.sweep_anchors.is_empty() {
        if rules.is_empty() {
            Vec::new()
        } else {
            vec![rules.to_vec()]
        }
    } else {
        anchor_variants(rules, &args.sweep_anchors)
    };
    let params = RobustnessParams {
        outcome: OutcomeSpec::parse(&args.outcome)?,
        conditions: (!args.conditions.is_empty()).then(|| args.conditions.clone()),
        truth_table: TruthTableParams::default()
            .n_cut(args.n_cut)
            .pri_cut(args.pri_cut),
        minimize: minimize_params,
        kind,
        incl_cuts: args.sweep_incl.clone(),
        calibrations,
    };
    let report = robustness(raw, &params)?;
    if args.json {
        return crate::output::json(&report);
    }
    let mut out = format!(
        "{} runs ({:?} solution)\n\nmodels                                    runs  share\n",
        report.runs.len(),
        kind
    );
    for m in &report.models {
        out.push_str(&format!(
            "{:<40} {:>5}  {:>4.0}%\n",
            m.expression,
            m.runs,
            m.share * 100.0
        ));
    }
    out.push_str("\nterms                                     runs  share\n");
    for t in &report.terms {
        out.push_str(&format!(
            "{:<40} {:>5}  {:>4.0}%\n",
            t.expression,
            t.runs,
            t.share * 100.0
        ));
    }
    for r in &report.runs {
        if let Err(e) = &r.models {
            out.push_str(&format!(
                "\nincl.cut {} calibration {}: {e}",
                r.incl_cut, r.calibration
            ));
        }
    }
    crate::output::emit(None, out.as_bytes())
}

/// The workspace's case cards as QCA cases: crisp facts, raw shares (calibrated afterwards) and the
/// typology's verdict as outcomes.
fn case_cards(g: &Global) -> anyhow::Result<Dataset> {
    use creacity_model::{Initiator, SiteOwner};
    let ws = super::open(g)?;
    let cards = ws.clusters(None)?;
    if cards.is_empty() {
        bail!("the workspace has no cluster case cards: give --data FILE or import clusters first");
    }
    let k = super::knowledge(g)?;
    let types = creacity_typology::classify(&k.spec, &cards);
    let of = types.types.len().max(1);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let columns = [
        "PRIV_INIT",
        "PUB_SITE",
        "PUB_CREATE",
        "PUB_OPER",
        "PUB_SEATS",
        "PRIV_RES",
        "SUPPORT",
        "INITIATIVE",
        "DEPENDENT",
        "TYPE",
    ];
    let mut values = vec![Vec::with_capacity(cards.len()); columns.len()];
    for (c, t) in cards.iter().zip(&types.clusters) {
        let row = [
            flag(matches!(
                c.initiator,
                Initiator::PrivateEntrepreneur | Initiator::Community | Initiator::LargeEnterprise
            )),
            flag(matches!(
                c.site_owner,
                SiteOwner::Municipal | SiteOwner::Regional | SiteOwner::Federal
            )),
            c.public_share_creation,
            c.public_share_operation,
            c.public_seat_share(),
            c.private_resident_share,
            c.support.len() as f64,
            flag(t.position * 5 <= of * 2),
            flag(t.position * 5 > of * 3),
            (t.position - 1) as f64,
        ];
        for (col, v) in values.iter_mut().zip(row) {
            col.push(v);
        }
    }
    Ok(Dataset::new(
        cards.iter().map(|c| c.id.clone()).collect(),
        columns.iter().map(|c| c.to_string()).collect(),
        values,
    )?)
}

/// Stores the result as analysis kind `qca` when the workspace exists; without one the command still works.
fn store(
    g: &Global,
    args: &Args,
    file: &str,
    text: &str,
    tt: &impl serde::Serialize,
    result: &impl serde::Serialize,
) -> anyhow::Result<()> {
    if !g.workspace.exists() {
        return Ok(());
    }
    let mut ws = super::open(g)?;
    let parameters = serde_json::json!({
        "outcome": args.outcome, "conditions": args.conditions, "calibrate": args.calibrate,
        "incl_cut": args.incl_cut, "n_cut": args.n_cut, "pri_cut": args.pri_cut,
        "include": args.include, "dir_exp": args.dir_exp, "row_dom": args.row_dom,
    });
    let provenance = super::file_provenance(
        "qca.minimize".into(),
        &parameters,
        &[Path::new(file)],
        vec![format!("creacity-qca@{}", creacity_app::VERSION)],
    );
    let stored = serde_json::json!({ "outcome": args.outcome, "text": text, "truth_table": tt, "minimization": result });
    ws.save_analysis("qca", None, &stored, &provenance)?;
    Ok(())
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

/// The report section of the newest stored QCA result: outcome, parameters, the truth table and the
/// solutions with their fit, in the reference notation.
pub fn report_section(
    ws: &creacity_store::Workspace,
    lang: creacity_model::Lang,
) -> anyhow::Result<Option<creacity_report::Section>> {
    use creacity_report::esc;
    let Some(a) = ws.latest_analysis("qca", None)? else {
        return Ok(None);
    };
    let (title, outcome, settings) = match lang {
        creacity_model::Lang::Ru => (
            "Качественный сравнительный анализ (QCA)",
            "Исход",
            "Параметры",
        ),
        creacity_model::Lang::En => (
            "Qualitative comparative analysis (QCA)",
            "Outcome",
            "Settings",
        ),
    };
    let html = format!(
        "<p><b>{}:</b> {} · <span class=\"small\">{}: {} · {}</span></p><pre class=\"explain\">{}</pre>",
        esc(outcome),
        esc(a.result["outcome"].as_str().unwrap_or("")),
        esc(settings),
        esc(&a.provenance.parameters),
        esc(&a.provenance.created_at),
        esc(a.result["text"].as_str().unwrap_or("")),
    );
    Ok(Some(creacity_report::Section {
        id: "qca".into(),
        title: title.into(),
        html,
    }))
}
