//! A plain-text rendering of a strategy for the terminal.

use std::fmt::Write;

use creacity_model::{Coded, Lang, Strategy};

use crate::Catalogue;

struct Words {
    goals: &'static str,
    measures: &'static str,
    head: [&'static str; 3],
    partners: &'static str,
    why: &'static str,
    la_role: &'static str,
    problems: &'static str,
    clusters: &'static str,
    whole: &'static str,
    kpi: &'static str,
    unset: &'static str,
    none: &'static str,
    provenance: &'static str,
}

const EN: Words = Words {
    goals: "Goals",
    measures: "Measures",
    head: ["#", "Measure", "Lead"],
    partners: "Partners",
    why: "Why",
    la_role: "Local authority",
    problems: "Problems",
    clusters: "Clusters",
    whole: "whole territory",
    kpi: "KPI",
    unset: "—",
    none: "No rule fired: no measures recommended.",
    provenance: "Built with",
};

const RU: Words = Words {
    goals: "Цели",
    measures: "Меры",
    head: ["№", "Мера", "Ответственный"],
    partners: "Партнёры",
    why: "Почему",
    la_role: "Роль ОМСУ",
    problems: "Проблемы",
    clusters: "Кластеры",
    whole: "вся территория",
    kpi: "КПЭ",
    unset: "—",
    none: "Ни одно правило не сработало: меры не предложены.",
    provenance: "Построено",
};

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

fn value(v: Option<f64>, unset: &str) -> String {
    v.map_or_else(|| unset.to_string(), |x| format!("{x}"))
}

/// Renders a strategy as a table-like text in `lang`: goals, then measures (number, title, lead)
/// each followed by its partners, reason, the local authority's role, problems, clusters and KPIs,
/// then provenance. Problems and units are shown as codes; [`explain_with`] shows their labels.
/// Pure: no terminal queries, no colours.
///
/// # Examples
/// ```
/// use creacity_model::{Bilingual, Lang, Provenance, Strategy};
/// let s = Strategy {
///     id: "s".into(), territory_id: "t".into(), title: Bilingual::new("Стратегия", "Strategy"),
///     goals: vec![], measures: vec![], kpis: vec![], provenance: Provenance::default(),
/// };
/// let text = creacity_strategy::explain(&s, Lang::En);
/// assert!(text.starts_with("Strategy\n"));
/// assert!(text.contains("No rule fired"));
/// ```
pub fn explain(strategy: &Strategy, lang: Lang) -> String {
    render(strategy, lang, None)
}

/// Like [`explain`], with problem labels and unit labels taken from `catalogue` in `lang`.
pub fn explain_with(strategy: &Strategy, lang: Lang, catalogue: &Catalogue) -> String {
    render(strategy, lang, Some(catalogue))
}

fn render(strategy: &Strategy, lang: Lang, catalogue: Option<&Catalogue>) -> String {
    let problem = |id: &str| -> String {
        catalogue
            .and_then(|c| c.problem(id))
            .map_or_else(|| id.to_string(), |p| p.label.get(lang).to_string())
    };
    let unit = |id: &str| -> String {
        catalogue.map_or_else(|| id.to_string(), |c| c.unit_label(id, lang).to_string())
    };
    let w = if lang == Lang::Ru { &RU } else { &EN };
    let mut out = String::new();
    let title = strategy.title.get(lang);
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    if !strategy.goals.is_empty() {
        let _ = writeln!(out, "\n{}", w.goals);
        for (n, g) in strategy.goals.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", n + 1, g.text.get(lang));
        }
    }
    let _ = writeln!(out, "\n{}", w.measures);
    if strategy.measures.is_empty() {
        let _ = writeln!(out, "  {}", w.none);
    } else {
        let rows: Vec<[String; 3]> = strategy
            .measures
            .iter()
            .map(|m| {
                [
                    m.priority.to_string(),
                    m.title.get(lang).to_string(),
                    m.lead.label(lang).to_string(),
                ]
            })
            .collect();
        let mut widths = w.head.map(|h| h.chars().count());
        for r in &rows {
            for (i, cell) in r.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let line = |cells: [&str; 3]| {
            let mut s = String::from(" ");
            for (i, c) in cells.iter().enumerate() {
                s.push(' ');
                s.push_str(&pad(c, widths[i]));
                s.push_str(if i < 2 { " |" } else { "" });
            }
            s.trim_end().to_string()
        };
        let _ = writeln!(out, "{}", line(w.head));
        let _ = writeln!(
            out,
            "  {}",
            widths
                .iter()
                .map(|n| "-".repeat(*n))
                .collect::<Vec<_>>()
                .join("-+-")
        );
        let indent = " ".repeat(widths[0] + 3);
        for (m, r) in strategy.measures.iter().zip(&rows) {
            let _ = writeln!(out, "{}", line([&r[0], &r[1], &r[2]]));
            let partners: Vec<&str> = m.partners.iter().map(|p| p.label(lang)).collect();
            let _ = writeln!(out, "{indent}{}: {}", w.partners, partners.join(", "));
            let _ = writeln!(out, "{indent}{}: {}", w.why, m.reason.get(lang));
            let _ = writeln!(
                out,
                "{indent}{}: {}",
                w.la_role,
                m.local_authority_role.get(lang)
            );
            let problems: Vec<String> = m.problems.iter().map(|p| problem(p)).collect();
            let _ = writeln!(out, "{indent}{}: {}", w.problems, problems.join(", "));
            let clusters = if m.clusters.is_empty() {
                w.whole.to_string()
            } else {
                m.clusters.join(", ")
            };
            let _ = writeln!(out, "{indent}{}: {clusters}", w.clusters);
            for k in strategy.kpis.iter().filter(|k| k.measure_id == m.id) {
                let _ = writeln!(
                    out,
                    "{indent}{}: {} [{}] {} → {}",
                    w.kpi,
                    k.name.get(lang),
                    unit(&k.unit),
                    value(k.baseline, w.unset),
                    value(k.target, w.unset),
                );
            }
        }
    }
    let p = &strategy.provenance;
    let _ = writeln!(
        out,
        "\n{}: {} {}; {}; {}",
        w.provenance,
        p.method,
        p.tool_version,
        p.data.join(", "),
        p.created_at
    );
    out
}
