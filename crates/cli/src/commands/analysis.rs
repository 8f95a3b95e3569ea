//! `creacity classify`, `problems`, `strategy`, `report`.

use std::path::Path;

use anyhow::Context;
use creacity_model::Lang;

use crate::cli::Global;
use crate::output::{emit, json};

pub fn classify(g: &Global, territory: Option<&str>, as_json: bool) -> anyhow::Result<()> {
    let mut ws = super::open(g)?;
    let k = super::knowledge(g)?;
    let c = creacity_app::classify(&mut ws, &k, territory)?;
    if as_json {
        return json(&c);
    }
    let lang: Lang = g.lang.into();
    let mut out = String::new();
    for r in &c.clusters {
        out.push_str(&creacity_typology::explain(r, lang));
        out.push_str("\n\n");
    }
    let (title, clusters) = match lang {
        Lang::Ru => ("Итог по типам", "кластеров"),
        Lang::En => ("Summary by type", "clusters"),
    };
    out.push_str(&format!(
        "{title} ({} {clusters}, {} {}):\n",
        c.summary.clusters,
        k.spec.name(),
        k.spec.version()
    ));
    for p in &c.summary.per_type {
        let mark = if c.summary.dominant.contains(&p.type_id) {
            " *"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {}. {:<28} {:>3}{mark}\n",
            p.position,
            p.label.get(lang),
            p.count
        ));
    }
    emit(None, out.as_bytes())
}

pub fn problems(g: &Global, as_json: bool) -> anyhow::Result<()> {
    let mut ws = super::open(g)?;
    let k = super::knowledge(g)?;
    let r = creacity_app::problems(&mut ws, &k)?;
    if as_json {
        return json(&r);
    }
    let lang: Lang = g.lang.into();
    let mut out = format!(
        "{} documents, dictionary {}\n",
        r.documents.len(),
        r.dictionary
    );
    out.push_str(&format!(
        "{:>4}  {:<34} {:>8} {:>6}  {}\n",
        "rank", "problem", "mentions", "docs", "share [95% CI]"
    ));
    for p in &r.problems {
        let ci = match (p.share_low, p.share_high) {
            (Some(a), Some(b)) => format!(" [{:.0}–{:.0}%]", a * 100.0, b * 100.0),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{:>4}  {:<34} {:>8} {:>6}  {:.0}%{ci}\n",
            p.rank,
            p.label.get(lang),
            p.mentions,
            p.documents,
            p.document_share * 100.0
        ));
    }
    for p in r.problems.iter().filter(|p| !p.evidence.is_empty()).take(3) {
        out.push_str(&format!("\n{}:\n", p.label.get(lang)));
        for e in p.evidence.iter().take(3) {
            out.push_str(&format!(
                "  [{}] … {} [{}] {} …\n",
                e.document_id, e.left, e.keyword, e.right
            ));
        }
    }
    emit(None, out.as_bytes())
}

pub fn strategy(g: &Global, territory: &str, as_json: bool) -> anyhow::Result<()> {
    let mut ws = super::open(g)?;
    let k = super::knowledge(g)?;
    let s = creacity_app::strategy(&mut ws, &k, territory)?;
    if as_json {
        return json(&s);
    }
    emit(
        None,
        creacity_strategy::explain(&s, g.lang.into()).as_bytes(),
    )
}

pub fn report(g: &Global, territory: &str, out: &Path) -> anyhow::Result<()> {
    let ws = super::open(g)?;
    let k = super::knowledge(g)?;
    let lang: Lang = g.lang.into();
    let mut extra = Vec::new();
    for section in [
        super::qca::report_section(&ws, lang)?,
        super::text::report_section(&ws, lang)?,
        super::map::report_section(&ws, lang)?,
        super::index::report_section(&ws, lang)?,
        super::registry::report_section(&ws, lang)?,
    ]
    .into_iter()
    .flatten()
    {
        extra.push(section);
    }
    let html = creacity_app::report(&ws, &k, territory, lang, extra)?;
    std::fs::write(out, html).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("report written to {}", out.display());
    Ok(())
}
