//! The synthetic demo: a workspace with several second-tier industrial cities, 14 creative clusters
//! over all five formation types and a small RU/EN corpus — all made up and marked so — then the
//! whole loop and the reports.

use std::path::{Path, PathBuf};

use creacity_model::Lang;
use creacity_store::Workspace;

use crate::error::io;
use crate::records::{RecordKind, import_documents, import_table};
use crate::{AppError, Knowledge, Result, analyse, report};

const FILES: &[(&str, &str)] = &[
    (
        "territories.csv",
        include_str!("../../../data/demo/territories.csv"),
    ),
    (
        "clusters.csv",
        include_str!("../../../data/demo/clusters.csv"),
    ),
    (
        "outlines.geojson",
        include_str!("../../../data/demo/outlines.geojson"),
    ),
    (
        "corpus/metadata.csv",
        include_str!("../../../data/demo/corpus/metadata.csv"),
    ),
    (
        "corpus/ru-lit-01.md",
        include_str!("../../../data/demo/corpus/ru-lit-01.md"),
    ),
    (
        "corpus/ru-lit-02.md",
        include_str!("../../../data/demo/corpus/ru-lit-02.md"),
    ),
    (
        "corpus/ru-str-03.md",
        include_str!("../../../data/demo/corpus/ru-str-03.md"),
    ),
    (
        "corpus/ru-int-04.md",
        include_str!("../../../data/demo/corpus/ru-int-04.md"),
    ),
    (
        "corpus/en-lit-05.md",
        include_str!("../../../data/demo/corpus/en-lit-05.md"),
    ),
    (
        "corpus/en-lit-06.md",
        include_str!("../../../data/demo/corpus/en-lit-06.md"),
    ),
    (
        "corpus/en-int-07.md",
        include_str!("../../../data/demo/corpus/en-int-07.md"),
    ),
    (
        "corpus/en-news-08.md",
        include_str!("../../../data/demo/corpus/en-news-08.md"),
    ),
];

/// What the demo produced.
#[derive(Debug, Clone)]
pub struct DemoOutcome {
    /// The workspace file.
    pub workspace: PathBuf,
    /// The reports written, the main one first.
    pub reports: Vec<PathBuf>,
    /// Clusters per type, as (type id, count).
    pub per_type: Vec<(String, usize)>,
    /// The top problem category.
    pub top_problem: Option<String>,
    /// Measures per territory strategy.
    pub measures: Vec<(String, usize)>,
}

/// Builds the demo in `out` (created if needed): `data/` with the synthetic input files,
/// `creacity.db`, and `report-<territory>.<lang>.html` for every city in both languages.
/// `step` is called with a short description of each stage.
///
/// # Errors
/// [`AppError::Invalid`] when `out/creacity.db` exists and `force` is false; I/O and loop errors.
pub fn demo(out: &Path, force: bool, mut step: impl FnMut(&str)) -> Result<DemoOutcome> {
    let workspace = out.join("creacity.db");
    if workspace.exists() {
        if !force {
            return Err(AppError::Invalid(format!(
                "{} already exists; run the demo with another --out, or add --force to rebuild it",
                workspace.display()
            )));
        }
        std::fs::remove_file(&workspace).map_err(io(&workspace))?;
    }
    let data = out.join("data");
    std::fs::create_dir_all(data.join("corpus")).map_err(io(&data))?;
    for (name, text) in FILES {
        let p = data.join(name);
        std::fs::write(&p, text).map_err(io(&p))?;
    }
    step("workspace");
    let mut ws = Workspace::create(&workspace)?;
    let k = Knowledge::builtin()?;
    step("import territories, clusters, outlines, documents");
    import_table(
        &mut ws,
        RecordKind::Territories,
        &data.join("territories.csv"),
    )?;
    import_table(&mut ws, RecordKind::Clusters, &data.join("clusters.csv"))?;
    // Synthetic outlines around the made-up cities, so the maps have shapes to draw.
    crate::outlines::import_outlines(
        &mut ws,
        include_str!("../../../data/demo/outlines.geojson"),
        None,
        "outlines.geojson",
    )?;
    import_documents(&mut ws, &data.join("corpus"))?;
    step("classify");
    let all = analyse::classify(&mut ws, &k, None)?;
    step("problems");
    let ranking = analyse::problems(&mut ws, &k)?;
    let cities: Vec<_> = ws
        .territories()?
        .into_iter()
        .filter(|t| {
            !ws.clusters(Some(&t.id))
                .map(|c| c.is_empty())
                .unwrap_or(true)
        })
        .collect();
    let mut measures = Vec::new();
    let mut reports = Vec::new();
    for t in &cities {
        step(&format!("strategy and reports: {}", t.name_en));
        let s = analyse::strategy(&mut ws, &k, &t.id)?;
        measures.push((t.id.clone(), s.measures.len()));
        for lang in [Lang::En, Lang::Ru] {
            let html = report::report(&ws, &k, &t.id, lang, Vec::new())?;
            let p = out.join(format!("report-{}.{}.html", t.id, lang.code()));
            std::fs::write(&p, html).map_err(io(&p))?;
            reports.push(p);
        }
    }
    Ok(DemoOutcome {
        workspace,
        reports,
        per_type: all
            .summary
            .per_type
            .iter()
            .map(|p| (p.type_id.clone(), p.count))
            .collect(),
        top_problem: ranking.problems.first().map(|p| p.category.clone()),
        measures,
    })
}
