//! `creacity index build|audit|scenario`: composite indices with COINr's pipeline, uncertainty and what-if (issue #6).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use creacity_index::sensitivity::{Bootstrap, Estimators, Sampler};
use creacity_index::uncertainty::{SensitivityOptions, run_monte_carlo, run_sensitivity};
use creacity_index::{
    Aggregate, Coin, Denominate, Framework, Normalise, Plan, Step, Treat, UnitData, analysis,
    scenario,
};
use creacity_model::Lang;

use crate::cli::Global;
use crate::output::{Progress, emit, json};

/// Arguments of `creacity index`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

/// Inputs shared by every sub-command.
#[derive(clap::Args, Debug)]
struct Inputs {
    /// Unit data in COINr's iData layout (uCode, uName, Time, indicators, groups, denominators).
    #[arg(long)]
    idata: PathBuf,
    /// Framework in COINr's iMeta layout (Level, iCode, iName, Direction, Weight, …, Parent, Type).
    #[arg(long, required_unless_present = "framework")]
    imeta: Option<PathBuf>,
    /// Framework as a TOML or YAML (.yaml/.yml) spec (`node` tables) instead of iMeta.
    #[arg(long, conflicts_with = "imeta")]
    framework: Option<PathBuf>,
    /// The pipeline as TOML or JSON (`[[steps]]` with `step = "denominate" | "impute" | …`); default:
    /// denominate, impute (column mean), screen 0.9, treat (COINr default), min-max 0–100, arithmetic mean.
    #[arg(long)]
    pipeline: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand, Debug)]
enum Sub {
    /// Build the index; with --out, write every stage's data set as CSV and the log as JSON.
    Build {
        #[command(flatten)]
        inputs: Inputs,
        /// Directory for `<Stage>.csv` files and `log.json`.
        #[arg(long)]
        out: Option<PathBuf>,
        /// An Excel workbook with every stage's data set as a sheet.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Strengths and weaknesses to list per unit.
        #[arg(long, default_value_t = 3)]
        top: usize,
    },
    /// Uncertainty (Monte Carlo ranks) and sensitivity (Sobol') analysis.
    Audit {
        #[command(flatten)]
        inputs: Inputs,
        /// Uncertain inputs as TOML (`[[inputs]]`); default: COINr's vignette set (winsorisation limit,
        /// normalisation, weights ±25 %, arithmetic vs geometric aggregation).
        #[arg(long)]
        uncertainty: Option<PathBuf>,
        /// Monte Carlo runs.
        #[arg(long, default_value_t = 1000)]
        runs: usize,
        /// Also run a Sobol' sensitivity analysis with this base sample size N (N(d + 2) runs).
        #[arg(long)]
        sobol: Option<usize>,
        /// Seed of the Monte Carlo points (default: Sobol' quasi-random points).
        #[arg(long)]
        seed: Option<u64>,
    },
    /// What-if: change values, add units, compare with peers.
    Scenario {
        #[command(flatten)]
        inputs: Inputs,
        /// A change `UNIT:INDICATOR=VALUE` (repeatable).
        #[arg(long = "set", value_name = "UNIT:CODE=VALUE")]
        set: Vec<String>,
        /// Units to add, in the iData layout.
        #[arg(long)]
        add: Option<PathBuf>,
        /// Compare the first changed unit with its peers of this group variable.
        #[arg(long)]
        peers: Option<String>,
        /// Monte Carlo runs for rank intervals after the change (0: none).
        #[arg(long, default_value_t = 0)]
        runs: usize,
    },
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn framework(i: &Inputs) -> anyhow::Result<Framework> {
    match (&i.framework, &i.imeta) {
        (Some(p), _) if p.extension().is_some_and(|e| e == "yaml" || e == "yml") => {
            creacity_index::read_spec_yaml(&read(p)?).with_context(|| format!("in {}", p.display()))
        }
        (Some(p), _) => {
            creacity_index::read_spec_toml(&read(p)?).with_context(|| format!("in {}", p.display()))
        }
        (None, Some(p)) => {
            creacity_index::read_imeta(&read(p)?).with_context(|| format!("in {}", p.display()))
        }
        (None, None) => bail!("give --imeta or --framework"),
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PipelineJson {
    steps: Vec<Step>,
}

fn pipeline(i: &Inputs) -> anyhow::Result<Vec<Step>> {
    let Some(p) = &i.pipeline else {
        return Ok(vec![
            Step::Denominate(Denominate::default()),
            Step::Impute(creacity_index::Impute {
                method: creacity_index::ImputeMethod::ColumnMean,
            }),
            Step::Screen(creacity_index::Screen {
                min_availability: 0.9,
                force_include: vec![],
                force_exclude: vec![],
            }),
            Step::Treat(Treat::default()),
            Step::Normalise(Normalise::default()),
            Step::Aggregate(Aggregate::default()),
        ]);
    };
    let text = read(p)?;
    if p.extension().is_some_and(|e| e == "json") {
        let f: PipelineJson =
            serde_json::from_str(&text).with_context(|| format!("in {}", p.display()))?;
        return Ok(f.steps);
    }
    creacity_index::read_pipeline_toml(&text).with_context(|| format!("in {}", p.display()))
}

fn load(i: &Inputs) -> anyhow::Result<(Framework, UnitData, Vec<Step>)> {
    let fw = framework(i)?;
    let data = creacity_index::read_idata(&read(&i.idata)?, &fw)
        .with_context(|| format!("in {}", i.idata.display()))?;
    Ok((fw, data, pipeline(i)?))
}

/// Stores a result in the workspace when there is one; without a workspace the command still works on
/// files alone and says that nothing was stored.
fn store(
    g: &Global,
    kind: &str,
    result: &impl serde::Serialize,
    parameters: serde_json::Value,
    files: &[&Path],
) -> anyhow::Result<()> {
    if !g.workspace.exists() {
        eprintln!(
            "not stored: no workspace at {} (creacity init) / не сохранено: нет рабочей области",
            g.workspace.display()
        );
        return Ok(());
    }
    let provenance = super::file_provenance(
        format!("creacity-index {kind}"),
        &parameters,
        files,
        Vec::new(),
    );
    let id = super::save_result(g, "index", kind, result, &provenance)?;
    eprintln!("stored as {id}");
    Ok(())
}

fn files(i: &Inputs) -> Vec<&Path> {
    let mut v: Vec<&Path> = vec![i.idata.as_path()];
    v.extend(i.imeta.as_deref());
    v.extend(i.framework.as_deref());
    v.extend(i.pipeline.as_deref());
    v
}

/// Runs `creacity index`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    match args.command {
        Sub::Build {
            inputs,
            out,
            xlsx,
            top,
        } => build(g, &inputs, (out.as_deref(), xlsx.as_deref()), top),
        Sub::Audit {
            inputs,
            uncertainty,
            runs,
            sobol,
            seed,
        } => audit(g, &inputs, uncertainty.as_deref(), runs, sobol, seed),
        Sub::Scenario {
            inputs,
            set,
            add,
            peers,
            runs,
        } => run_scenario(g, &inputs, &set, add.as_deref(), peers.as_deref(), runs),
    }
}

fn build(
    g: &Global,
    i: &Inputs,
    (out, xlsx): (Option<&Path>, Option<&Path>),
    top: usize,
) -> anyhow::Result<()> {
    let (fw, data, log) = load(i)?;
    let coin = Coin::build(fw, data, log)?;
    let summary = analysis::summary(&coin, top).context("the pipeline has no aggregation step")?;
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        for s in &coin.stages {
            emit(
                Some(&dir.join(format!("{}.csv", s.name))),
                s.data.to_csv().as_bytes(),
            )?;
        }
        emit(
            Some(&dir.join("log.json")),
            serde_json::to_string_pretty(&coin.log)?.as_bytes(),
        )?;
    }
    if let Some(path) = xlsx {
        let sheets: Vec<(String, String)> = coin
            .stages
            .iter()
            .map(|s| (s.name.to_string(), s.data.to_csv()))
            .collect();
        emit(Some(path), &creacity_ingest::csv_sheets_to_xlsx(&sheets)?)?;
    }
    store(
        g,
        "build",
        &summary,
        serde_json::json!({"log": coin.log}),
        &files(i),
    )?;
    if i.json {
        return json(&summary);
    }
    let mut s = String::from("rank,unit,name,score\n");
    for u in &summary.units {
        let _ = writeln!(s, "{},{},\"{}\",{:.2}", u.rank, u.unit, u.name, u.score);
    }
    emit(None, s.as_bytes())
}

fn audit(
    g: &Global,
    i: &Inputs,
    unc: Option<&Path>,
    runs: usize,
    sobol: Option<usize>,
    seed: Option<u64>,
) -> anyhow::Result<()> {
    let (fw, data, log) = load(i)?;
    let coin = Coin::build(fw, data, log)?;
    let declared = match unc {
        Some(p) => creacity_index::read_uncertainty_toml(&read(p)?, &coin.framework)
            .with_context(|| format!("in {}", p.display()))?,
        None => creacity_index::uncertainty::coinr_vignette_inputs(&coin),
    };
    let plan = Plan::new(&coin, declared).context("the uncertain inputs were refused")?;
    let sampler = seed.map_or(Sampler::Sobol, |seed| Sampler::Random { seed });
    let progress = Progress::start("Monte Carlo");
    let mc = run_monte_carlo(&coin, &plan, runs, sampler)?;
    let sa = match sobol {
        Some(n) => {
            progress.step("Sobol' sensitivity");
            let est = Estimators {
                bootstrap: Some(Bootstrap {
                    resamples: 100,
                    confidence: 0.90,
                    seed: 1,
                }),
                ..Default::default()
            };
            Some(run_sensitivity(
                &coin,
                &plan,
                &SensitivityOptions {
                    n,
                    sampler: Sampler::Sobol,
                    estimators: est,
                    per_unit: true,
                },
            )?)
        }
        None => None,
    };
    progress.finish();
    let result = serde_json::json!({"inputs": plan.inputs(), "monte_carlo": mc, "sensitivity": sa});
    store(
        g,
        "audit",
        &result,
        serde_json::json!({"runs": runs, "sobol": sobol, "seed": seed}),
        &files(i),
    )?;
    if i.json {
        return json(&result);
    }
    let mut s = format!(
        "# Monte Carlo: {} runs, {} failed\nunit,nominal_rank,median_rank,q05,q95\n",
        mc.runs, mc.failed
    );
    let mut units = mc.units.clone();
    units.sort_by(|a, b| a.nominal_rank.total_cmp(&b.nominal_rank));
    for u in &units {
        let _ = writeln!(
            s,
            "{},{},{:.1},{:.1},{:.1}",
            u.unit, u.nominal_rank, u.median_rank, u.q05_rank, u.q95_rank
        );
    }
    if let Some(sa) = &sa {
        let _ = writeln!(
            s,
            "# Sobol' indices of the mean absolute rank change: {} runs, {} failed\ninput,first,total",
            sa.runs, sa.failed
        );
        for (k, name) in sa.inputs.iter().enumerate() {
            let _ = writeln!(
                s,
                "\"{name}\",{:.4},{:.4}",
                sa.index.first[k], sa.index.total[k]
            );
        }
    }
    emit(None, s.as_bytes())
}

fn run_scenario(
    g: &Global,
    i: &Inputs,
    set: &[String],
    add: Option<&Path>,
    peers: Option<&str>,
    runs: usize,
) -> anyhow::Result<()> {
    let (fw, data, log) = load(i)?;
    let coin = Coin::build(fw.clone(), data, log)?;
    let mut sc = scenario::Scenario::default();
    for s in set {
        let parsed = s
            .split_once(':')
            .and_then(|(u, rest)| rest.split_once('=').map(|(c, v)| (u, c, v)));
        let Some((unit, code, value)) = parsed else {
            bail!("--set {s}: expected UNIT:INDICATOR=VALUE")
        };
        let value: f64 = value
            .trim()
            .parse()
            .with_context(|| format!("--set {s}: `{value}` is not a number"))?;
        sc.changes.push(scenario::ValueChange {
            unit: unit.trim().into(),
            code: code.trim().into(),
            value,
        });
    }
    if let Some(p) = add {
        let extra = creacity_index::read_idata(&read(p)?, &fw)
            .with_context(|| format!("in {}", p.display()))?;
        sc.new_units.extend(scenario::NewUnit::all_from(&extra));
    }
    if sc.changes.is_empty() && sc.new_units.is_empty() && peers.is_none() {
        bail!("nothing to do: give --set, --add or --peers");
    }
    let plan = if runs > 0 {
        Some(Plan::new(
            &coin,
            creacity_index::uncertainty::coinr_vignette_inputs(&coin),
        )?)
    } else {
        None
    };
    let r = scenario::run_scenario(&coin, &sc, plan.as_ref().map(|p| (p, runs, Sampler::Sobol)))?;
    let focus = sc
        .changes
        .first()
        .map(|c| c.unit.clone())
        .or_else(|| sc.new_units.first().map(|n| n.unit.code.clone()));
    let peer = match (peers, &focus) {
        (Some(group), Some(u)) => Some(scenario::compare_with_peers(&r.coin, u, group)?),
        (Some(_), None) => bail!("--peers needs a changed or added unit"),
        _ => None,
    };
    let touched = sc
        .changes
        .iter()
        .map(|c| c.unit.as_str())
        .chain(sc.new_units.iter().map(|n| n.unit.code.as_str()))
        .collect::<Vec<_>>();
    let shown: Vec<&scenario::UnitOutcome> = r
        .outcomes
        .iter()
        .filter(|o| touched.contains(&o.unit.as_str()))
        .collect();
    let result =
        serde_json::json!({"scenario": sc, "outcomes": shown, "all": r.outcomes, "peers": peer});
    store(
        g,
        "scenario",
        &result,
        serde_json::json!({"scenario": sc, "runs": runs}),
        &files(i),
    )?;
    if i.json {
        return json(&result);
    }
    let mut s =
        String::from("unit,score_before,rank_before,score_after,rank_after,q05_rank,q95_rank\n");
    for o in &shown {
        let f = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_default();
        let (lo, hi) = o
            .interval_after
            .as_ref()
            .map_or((None, None), |iv| (Some(iv.q05_rank), Some(iv.q95_rank)));
        let _ = writeln!(
            s,
            "{},{},{},{:.2},{},{},{}",
            o.unit,
            f(o.score_before),
            f(o.rank_before),
            o.score_after,
            o.rank_after,
            f(lo),
            f(hi)
        );
    }
    if let Some(p) = &peer {
        let _ = writeln!(
            s,
            "# {} among {} peers ({} = {}): rank {}",
            p.unit,
            p.peers.len(),
            p.group,
            p.label,
            p.rank_among_peers
        );
    }
    emit(None, s.as_bytes())
}

/// The report section of the newest stored index result, if any.
pub fn report_section(
    ws: &creacity_store::Workspace,
    lang: Lang,
) -> anyhow::Result<Option<creacity_report::Section>> {
    let Some(a) = ws.latest_analysis("index", None)? else {
        return Ok(None);
    };
    let ru = lang == Lang::Ru;
    let esc = creacity_report::esc;
    let r = &a.result["result"];
    let num = |v: &serde_json::Value| {
        v.as_f64()
            .map(|x| format!("{x:.2}"))
            .unwrap_or_else(|| "—".into())
    };
    let mut html = String::new();
    match a.result["kind"].as_str().unwrap_or("") {
        "build" => {
            let mut units: Vec<&serde_json::Value> =
                r["units"].as_array().into_iter().flatten().collect();
            units.sort_by(|x, y| {
                x["rank"]
                    .as_f64()
                    .unwrap_or(f64::MAX)
                    .total_cmp(&y["rank"].as_f64().unwrap_or(f64::MAX))
            });
            html.push_str(if ru {
                "<table><tr><th>Место</th><th>Единица</th><th>Балл</th></tr>"
            } else {
                "<table><tr><th>Rank</th><th>Unit</th><th>Score</th></tr>"
            });
            for u in units {
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    u["rank"],
                    esc(u["name"]
                        .as_str()
                        .filter(|s| !s.is_empty())
                        .or(u["unit"].as_str())
                        .unwrap_or("")),
                    num(&u["score"])
                );
            }
            html.push_str("</table>");
            let _ = write!(
                html,
                "<h3>{}</h3><ul>",
                if ru {
                    "Структура индекса"
                } else {
                    "Framework"
                }
            );
            for n in r["framework"].as_array().into_iter().flatten() {
                let depth = r["framework"].as_array().map_or(0, |all| {
                    all.iter()
                        .map(|m| m["level"].as_u64().unwrap_or(1))
                        .max()
                        .unwrap_or(1)
                }) - n["level"].as_u64().unwrap_or(1);
                let _ = write!(
                    html,
                    "<li style=\"margin-left:{}em\">{} <small>({}, w = {})</small></li>",
                    depth * 2,
                    esc(n["name"].as_str().unwrap_or("")),
                    esc(n["code"].as_str().unwrap_or("")),
                    n["weight"]
                );
            }
            html.push_str("</ul>");
            let _ = write!(
                html,
                "<h3>{}</h3><table>",
                if ru {
                    "Сильные и слабые стороны"
                } else {
                    "Strengths and weaknesses"
                }
            );
            for sw in r["strengths_weaknesses"].as_array().into_iter().flatten() {
                let list = |k: &str| {
                    sw[k]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|x| esc(x["code"].as_str().unwrap_or("")))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>+ {}</td><td>− {}</td></tr>",
                    esc(sw["unit"].as_str().unwrap_or("")),
                    list("strengths"),
                    list("weaknesses")
                );
            }
            html.push_str("</table>");
        }
        "audit" => {
            let mc = &r["monte_carlo"];
            let _ = write!(
                html,
                "<p>{} {}, {} {}</p><table>",
                mc["runs"],
                if ru { "прогонов" } else { "runs" },
                mc["failed"],
                if ru { "с ошибкой" } else { "failed" }
            );
            html.push_str(if ru {
                "<tr><th>Единица</th><th>Место</th><th>Медиана</th><th>5–95 %</th></tr>"
            } else {
                "<tr><th>Unit</th><th>Rank</th><th>Median</th><th>5–95 %</th></tr>"
            });
            for u in mc["units"].as_array().into_iter().flatten() {
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} – {}</td></tr>",
                    esc(u["unit"].as_str().unwrap_or("")),
                    u["nominal_rank"],
                    u["median_rank"],
                    u["q05_rank"],
                    u["q95_rank"]
                );
            }
            html.push_str("</table>");
        }
        "scenario" => {
            html.push_str(if ru { "<table><tr><th>Единица</th><th>Балл до</th><th>Место до</th><th>Балл после</th><th>Место после</th></tr>" } else { "<table><tr><th>Unit</th><th>Score before</th><th>Rank before</th><th>Score after</th><th>Rank after</th></tr>" });
            for o in r["outcomes"].as_array().into_iter().flatten() {
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(o["unit"].as_str().unwrap_or("")),
                    num(&o["score_before"]),
                    o["rank_before"],
                    num(&o["score_after"]),
                    o["rank_after"]
                );
            }
            html.push_str("</table>");
        }
        _ => {}
    }
    let _ = write!(html, "<p><small>{}</small></p>", esc(&a.provenance.method));
    Ok(Some(creacity_report::Section {
        id: "index".into(),
        title: if ru {
            "Композитный индекс"
        } else {
            "Composite index"
        }
        .into(),
        html,
    }))
}
