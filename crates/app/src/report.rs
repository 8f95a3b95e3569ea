//! Gathering a territory's results from the workspace into a report.

use creacity_model::Lang;
use creacity_report::{ReportData, Section};
use creacity_store::Workspace;

use crate::analyse::{VERSION, latest_problems};
use crate::report_map::{territory_map, territory_mapping_section};
use crate::{Knowledge, Result};

/// Renders the HTML report of a territory: its clusters classified now with the given knowledge,
/// the newest problem ranking and the newest strategy in the workspace, plus `extra` sections.
///
/// # Errors
/// An unknown territory or a store error.
pub fn report(
    ws: &Workspace,
    k: &Knowledge,
    territory: &str,
    lang: Lang,
    extra: Vec<Section>,
) -> Result<String> {
    let t = ws.territory(territory)?;
    let clusters = ws.clusters(Some(territory))?;
    let classification = creacity_typology::classify(&k.spec, &clusters);
    let problems = latest_problems(ws)?;
    // KPI units are stored as catalogue codes; a reader wants their labels.
    let strategy = ws.latest_strategy(territory)?.map(|mut s| {
        for kpi in &mut s.kpis {
            kpi.unit = k.catalogue.unit_label(&kpi.unit, lang).to_string();
        }
        s
    });
    let mut provenance = vec![creacity_model::Provenance {
        tool_version: VERSION.into(),
        method: "typology.classify".into(),
        parameters: String::new(),
        data: vec![format!("typology:{}@{}", k.spec.name(), k.spec.version())],
        inputs: Vec::new(),
        created_at: creacity_store::now(),
    }];
    if let Some((_, p)) = &problems {
        provenance.push(p.clone());
    }
    if let Some(s) = &strategy {
        provenance.push(s.provenance.clone());
    }
    let documents = ws.documents()?.len();
    let inputs = vec![
        format!("territory {}", t.id),
        format!(
            "{} clusters: {}",
            clusters.len(),
            clusters
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!("{documents} documents"),
        format!("workspace schema {}", ws.schema_version()?),
    ];
    // The mapping section is always this territory's: a caller's workspace-wide one (the CLI
    // passes `firms::mapping_section`) is replaced in place.
    let mut extra = extra;
    let ours = territory_mapping_section(ws, &t, lang)?;
    match (extra.iter().position(|s| s.id == "mapping"), ours) {
        (Some(i), Some(s)) => extra[i] = s,
        (Some(i), None) => {
            extra.remove(i);
        }
        (None, Some(s)) => extra.push(s),
        (None, None) => {}
    }
    let territory_map = territory_map(ws, &t, lang)?;
    let data = ReportData {
        territory: &t,
        clusters: &clusters,
        classification: &classification,
        problems: problems.as_ref().map(|(r, _)| r),
        strategy: strategy.as_ref(),
        extra,
        provenance,
        inputs,
        generated_at: creacity_store::now(),
        tool_version: VERSION.into(),
        territory_map,
        lang,
    };
    Ok(creacity_report::render(&data))
}
