//! `creacity registry ingest ZIP…`: the Russian SME registry dumps into the workspace's firms (by
//! default), or with `--out` to a firm-facts CSV that `creacity map aggregate --firms` and
//! `creacity firms import` read; with a progress bar, a problem report and resumption.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use creacity_registry::{Checkpoint, FirmRecord, OnError, Options, Progress, ingest};

use crate::cli::Global;

/// Arguments of `creacity registry`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Read registry zips (and revenue/headcount companion zips) into the workspace's firms, or
    /// with --out into a firm-facts CSV. In the workspace, each batch of records is committed in
    /// one transaction (a firm and period read again replaces itself), so an interrupted run
    /// resumes from --checkpoint without losing or doubling anything.
    Ingest {
        /// The zips, read as streams without unpacking; companions are recognised by their contents.
        #[arg(required = true)]
        zips: Vec<PathBuf>,
        /// Write a firm-facts CSV instead of storing in the workspace (columns: id, territory,
        /// period, main_code, other_codes, employees, revenue, registered, name, category, kind).
        #[arg(long)]
        out: Option<PathBuf>,
        /// With --out, also store the firms in the workspace.
        #[arg(long)]
        workspace_import: bool,
        /// Territory column: the region code, or the city/settlement name.
        #[arg(long, value_enum, default_value_t = TerritoryLevel::Region)]
        territory: TerritoryLevel,
        /// Skip broken entries and records (listed in the report) instead of stopping.
        #[arg(long)]
        skip_errors: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Checkpoint file, saved after every batch; when it exists, reading resumes from it and
        /// the CSV is appended to.
        #[arg(long)]
        checkpoint: Option<PathBuf>,
    },
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum TerritoryLevel {
    /// Two-digit region code.
    Region,
    /// City name, else settlement, else district.
    City,
}

/// Runs `creacity registry`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    let Cmd::Ingest {
        zips,
        out,
        workspace_import,
        territory,
        skip_errors,
        threads,
        checkpoint,
    } = args.cmd;
    let resume: Option<Checkpoint> = match checkpoint.as_deref().filter(|p| p.exists()) {
        Some(p) => Some(
            serde_json::from_str(
                &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
            )
            .with_context(|| format!("{}: not a registry checkpoint", p.display()))?,
        ),
        None => None,
    };
    let mut builder = Options::builder().on_error(if skip_errors {
        OnError::Skip
    } else {
        OnError::Stop
    });
    if let Some(n) = threads {
        builder = builder.threads(n);
    }
    let appending = resume.is_some() && out.as_ref().is_some_and(|o| o.exists());
    if let Some(c) = resume {
        builder = builder.resume(c);
    }
    let options = builder.build()?;
    let mut w = match &out {
        Some(out) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(appending)
                .write(true)
                .truncate(!appending)
                .open(out)
                .with_context(|| format!("writing {}", out.display()))?;
            let mut w = std::io::BufWriter::new(file);
            if !appending {
                writeln!(
                    w,
                    "id,territory,period,main_code,other_codes,employees,revenue,registered,name,category,kind"
                )?;
            }
            Some(w)
        }
        None => None,
    };
    let mut ws = if out.is_none() || workspace_import {
        Some(super::open(g).context(
            "without --out the firms go into the workspace: create one with `creacity init FILE` and name it with --workspace, or give --out firms.csv",
        )?)
    } else {
        None
    };
    let source = zips
        .iter()
        .map(|z| {
            z.file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let bar = progress_bar();
    let report = ingest(
        &zips,
        &options,
        |batch| -> anyhow::Result<()> {
            if let Some(w) = w.as_mut() {
                for r in &batch.records {
                    write_row(w, r, territory)?;
                }
                w.flush()?;
            }
            if let Some(ws) = ws.as_mut() {
                let firms: Vec<creacity_store::Firm> = batch.records.iter().map(to_firm).collect();
                let mut imp = ws
                    .begin_firm_import(&source, false, true)?
                    .without_journal();
                imp.add(&firms)?;
                imp.commit(&[])?;
            }
            if let Some(p) = &checkpoint {
                save_checkpoint(p, batch.checkpoint)?;
            }
            Ok(())
        },
        |p: &Progress| {
            if let Some(b) = &bar {
                b.set_length(p.bytes_total);
                b.set_position(p.bytes_done);
                b.set_message(format!("{} records", p.records));
            }
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Some(ws) = ws.as_mut() {
        ws.journal_import("firms", &source, report.records as usize)?;
    }
    let target = match (&out, workspace_import) {
        (Some(o), true) => format!("{} and the workspace", o.display()),
        (Some(o), false) => o.display().to_string(),
        (None, _) => "the workspace".to_string(),
    };
    eprintln!(
        "read {} firms with {} activity codes into {target}; duplicates {}, missing main code {}, bad INN check digits {}, unknown codes {} distinct, skipped {}",
        report.records,
        report.codes,
        report.duplicates,
        report.missing_main_code,
        report.bad_inn_checksum,
        report.unknown_codes.len(),
        report.skipped
    );
    // Files read on an assumption (a companion file of an unknown schema version): each one
    // named, so the analyst can check its values.
    if report.warnings > 0 {
        eprintln!("warnings / предупреждения: {}", report.warnings);
        for w in &report.warning_examples {
            eprintln!("  {w}");
        }
    }
    Ok(())
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg} ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    })
}

fn save_checkpoint(path: &Path, c: &Checkpoint) -> anyhow::Result<()> {
    // Write then rename, so a crash never leaves half a checkpoint.
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_vec(c)?)
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_row(w: &mut impl Write, r: &FirmRecord, level: TerritoryLevel) -> anyhow::Result<()> {
    let territory = match level {
        TerritoryLevel::Region => r.region_code.clone(),
        TerritoryLevel::City => r
            .city
            .as_ref()
            .or(r.settlement.as_ref())
            .or(r.district.as_ref())
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    };
    let main = r.main_code().unwrap_or("");
    let others: Vec<&str> = r
        .codes
        .iter()
        .filter(|c| !c.main)
        .map(|c| c.code.as_str())
        .collect();
    writeln!(
        w,
        "{},{},{:04}-{:02},{},{},{},{},{},{},{:?},{:?}",
        r.inn,
        cell(&territory),
        r.snapshot_date.year,
        r.snapshot_date.month,
        main,
        others.join(";"),
        r.employees.map(|e| e.to_string()).unwrap_or_default(),
        r.finance
            .as_ref()
            .map(|f| f.revenue.to_string())
            .unwrap_or_default(),
        r.included_on,
        cell(&r.name),
        r.category,
        r.kind
    )?;
    Ok(())
}

/// A registry record as a stored firm: period = the snapshot month, `registered` = the date of
/// inclusion in the registry, address parts as "type name" (canonical type first).
pub fn to_firm(r: &FirmRecord) -> creacity_store::Firm {
    use creacity_registry::{Category, FirmKind};
    let place = |p: &Option<creacity_registry::Place>| {
        p.as_ref().map(|p| {
            if p.kind.is_empty() {
                p.name.clone()
            } else {
                format!("{} {}", p.kind, p.name)
            }
        })
    };
    let mut f = creacity_store::Firm::new(
        r.inn.clone(),
        format!("{:04}-{:02}", r.snapshot_date.year, r.snapshot_date.month),
        r.name.clone(),
    );
    f.kind = match r.kind {
        FirmKind::LegalEntity => creacity_store::FirmKind::Company,
        FirmKind::SoleTrader => creacity_store::FirmKind::SoleTrader,
        FirmKind::PeasantFarmHead => creacity_store::FirmKind::Farm,
    };
    f.category = Some(
        match r.category {
            Category::Micro => "micro",
            Category::Small => "small",
            Category::Medium => "medium",
        }
        .into(),
    );
    f.main_code = r.main_code().map(String::from);
    f.other_codes = r
        .codes
        .iter()
        .filter(|c| !c.main)
        .map(|c| c.code.clone())
        .collect();
    f.region_code = Some(r.region_code.clone()).filter(|c| !c.is_empty());
    f.region = place(&r.region);
    f.district = place(&r.district);
    f.city = place(&r.city);
    f.settlement = place(&r.settlement);
    f.registered = Some(r.included_on.to_string());
    f.employees = r.employees.map(f64::from);
    f.revenue = r.finance.as_ref().map(|x| x.revenue);
    f.expenditure = r.finance.as_ref().map(|x| x.expenditure);
    f
}

/// The registry leaves nothing in the workspace to report on: its output is the firm-facts file.
pub fn report_section(
    _ws: &creacity_store::Workspace,
    _lang: creacity_model::Lang,
) -> anyhow::Result<Option<creacity_report::Section>> {
    Ok(None)
}
