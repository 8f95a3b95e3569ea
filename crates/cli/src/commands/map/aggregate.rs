//! `creacity map aggregate`: firms → territory × sector × period table, from a CSV or the workspace.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use creacity_mapping::taxonomy::{
    BuiltinTaxonomy, ClassificationMode, Classifier, CodeSystem, Taxonomy, builtin,
};
use creacity_mapping::{aggregate, parse_firm_facts_csv};

use super::io::{cell, name, opt, read, store, write_xlsx};
use super::{AggregateArgs, ByArg, ModeArg, SystemArg, TaxonomyArg};
use crate::cli::Global;
use crate::output::emit;

/// Runs `creacity map aggregate`.
pub(super) fn run(g: &Global, args: AggregateArgs) -> anyhow::Result<()> {
    let AggregateArgs {
        firms,
        by,
        taxonomy,
        taxonomy_file,
        codes,
        mode,
        main_share,
        accept_coarser,
        out,
        json: as_json,
        xlsx,
        save,
    } = args;
    let (facts, source) = match &firms {
        Some(path) => (
            parse_firm_facts_csv(&read(path)?).with_context(|| name(path))?,
            path.clone(),
        ),
        None => (
            facts_from_workspace(&crate::commands::open(g)?, by)?,
            PathBuf::from("workspace firms"),
        ),
    };
    let firms = source;
    let tax = match &taxonomy_file {
        Some(p) => Taxonomy::from_toml_str(&read(p)?).with_context(|| name(p))?,
        None => builtin(builtin_of(taxonomy)),
    };
    let mode = match mode {
        ModeArg::Main => ClassificationMode::Main,
        ModeArg::Any => ClassificationMode::Any,
        ModeArg::Weighted => ClassificationMode::Weighted { main_share },
    };
    let c = Classifier::new(&tax, system_of(codes), mode, accept_coarser)?;
    let table = aggregate(&facts, &c).with_context(|| name(&firms))?;
    let s = &table.summary;
    eprintln!(
        "{} firms: {} creative by main code, {} by any code ({}); {} invalid codes",
        s.n_firms,
        s.creative_by_main,
        s.creative_by_any,
        tax.label(),
        s.invalid_codes.values().sum::<usize>()
    );
    if save {
        let params = serde_json::json!({"mode": mode, "accept_coarser": accept_coarser});
        store(g, "aggregate", &table, params, &[&firms], vec![tax.label()])?;
    }
    let mut csv = String::from(
        "territory,sector,period,firms,employees,revenue,share_of_all_firms,share_of_creative,growth,entries,exits\n",
    );
    for r in &table.rows {
        writeln!(
            csv,
            "{},{},{},{},{},{},{},{},{},{},{}",
            cell(&r.territory),
            cell(&r.sector),
            r.period,
            r.firms,
            opt(r.employees),
            opt(r.revenue),
            r.share_of_all_firms,
            r.share_of_creative,
            opt(r.growth),
            r.entries,
            r.exits
        )?;
    }
    if let Some(path) = &xlsx {
        write_xlsx(path, &[("aggregate".into(), csv.clone())])?;
    }
    if as_json {
        let text = serde_json::to_string_pretty(&table)? + "\n";
        return emit(out.as_deref(), text.as_bytes());
    }
    emit(out.as_deref(), csv.as_bytes())
}

fn builtin_of(t: TaxonomyArg) -> BuiltinTaxonomy {
    match t {
        TaxonomyArg::UkDcmsSic2007 => BuiltinTaxonomy::UkDcmsSic2007,
        TaxonomyArg::RuCreativeOkved2 => BuiltinTaxonomy::RuCreativeOkved2,
        TaxonomyArg::EurostatCultureNace2 => BuiltinTaxonomy::EurostatCultureNace2,
        TaxonomyArg::UnescoFcs2009 => BuiltinTaxonomy::UnescoFcs2009,
        TaxonomyArg::UsArtsNaics => BuiltinTaxonomy::UsArtsNaics,
    }
}

fn system_of(s: SystemArg) -> CodeSystem {
    match s {
        SystemArg::Okved2 => CodeSystem::Okved2,
        SystemArg::Nace2 => CodeSystem::Nace2,
        SystemArg::Sic2007 => CodeSystem::Sic2007,
        SystemArg::Isic4 => CodeSystem::Isic4,
        SystemArg::Naics => CodeSystem::Naics,
    }
}

/// Firm facts from the workspace's firms; firms without a territory under `by` are left out
/// (and counted on standard error).
fn facts_from_workspace(
    ws: &creacity_store::Workspace,
    by: ByArg,
) -> anyhow::Result<Vec<creacity_mapping::FirmFact>> {
    use creacity_mapping::{Date, FirmFact, Period};
    let firms = ws.firms(&creacity_store::FirmFilter::default())?;
    if firms.is_empty() {
        anyhow::bail!(
            "no firms in the workspace: give --firms FILE.csv, or store firms with `creacity firms import FILE` or `creacity registry ingest ZIP…`"
        );
    }
    let mut out = Vec::with_capacity(firms.len());
    let mut unplaced = 0;
    for f in firms {
        let territory = match by {
            ByArg::Territory => f
                .territory
                .clone()
                .or_else(|| f.oktmo.clone())
                .or_else(|| f.region_code.clone()),
            ByArg::Oktmo => f.oktmo.clone(),
            ByArg::Municipality => f
                .oktmo
                .as_ref()
                .filter(|o| o.len() >= 5)
                .map(|o| o[..5].to_string()),
            ByArg::RegionCode => f.region_code.clone(),
        };
        let Some(territory) = territory else {
            unplaced += 1;
            continue;
        };
        let date = |d: &Option<String>, what: &str| -> anyhow::Result<Option<Date>> {
            d.as_deref()
                .map(Date::parse)
                .transpose()
                .with_context(|| format!("stored firm {} ({}): {what}", f.id, f.period))
        };
        out.push(FirmFact {
            period: Period::parse(&f.period)
                .with_context(|| format!("stored firm {}: period", f.id))?,
            main_code: f.main_code.clone(),
            other_codes: f.other_codes.clone(),
            employees: f.employees,
            revenue: f.revenue,
            registered: date(&f.registered, "registered")?,
            exited: date(&f.exited, "exited")?,
            territory,
            id: f.id,
        });
    }
    if unplaced > 0 {
        eprintln!(
            "{unplaced} stored firms have no territory under --by {by:?} and are left out (run `creacity firms match` for OKTMO codes)"
        );
    }
    Ok(out)
}
