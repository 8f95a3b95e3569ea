//! The report's sections.

use creacity_model::Coded;

use crate::charts::{Bar, bars_svg, plane_svg};
use crate::html::{esc, num, pct, thousands, type_colour};
use crate::{ReportData, t};

pub(crate) fn toc(d: &ReportData<'_>) -> String {
    let l = d.lang;
    let mut items = vec![
        ("overview", t(l, "territory").to_string()),
        ("clusters", t(l, "clusters").to_string()),
        ("problems", t(l, "problems").to_string()),
        ("strategy", t(l, "strategy").to_string()),
    ];
    items.extend(d.extra.iter().map(|s| (s.id.as_str(), s.title.clone())));
    items.push(("provenance", t(l, "provenance").to_string()));
    let links: Vec<String> = items
        .iter()
        .map(|(id, title)| format!("<a href=\"#{}\">{}</a>", esc(id), esc(title)))
        .collect();
    format!(
        "<nav class=\"toc\" aria-label=\"{}\">{}</nav>",
        esc(t(l, "contents")),
        links.join(" ")
    )
}

pub(crate) fn overview(d: &ReportData<'_>) -> String {
    let l = d.lang;
    let tr = d.territory;
    let mut flags = Vec::new();
    if tr.second_tier {
        flags.push(t(l, "second_tier"));
    }
    if tr.industrial {
        flags.push(t(l, "industrial"));
    }
    if tr.monotown {
        flags.push(t(l, "monotown"));
    }
    let summary = &d.classification.summary;
    let dominant: Vec<String> = summary
        .dominant
        .iter()
        .filter_map(|id| summary.per_type.iter().find(|p| &p.type_id == id))
        .map(|p| p.label.get(l).to_string())
        .collect();
    let top = d
        .problems
        .and_then(|p| p.problems.first())
        .map(|p| format!("{} ({})", p.label.get(l), pct(p.document_share)))
        .unwrap_or_else(|| "—".into());
    let cell = |k: &str, v: String| {
        format!(
            "<div><span class=\"small\">{}</span><b>{}</b></div>",
            esc(t(l, k)),
            esc(&v)
        )
    };
    format!(
        "<section id=\"overview\"><h2>{}</h2><div class=\"kv\">{}{}{}{}{}{}</div></section>",
        esc(t(l, "territory")),
        cell("population", tr.population.map_or("—".into(), thousands)),
        cell(
            "flags",
            if flags.is_empty() {
                "—".into()
            } else {
                flags.join(", ")
            }
        ),
        cell("n_clusters", summary.clusters.to_string()),
        cell(
            "dominant",
            match dominant.len() {
                0 => "—".into(),
                // When most types tie, naming them all says nothing about dominance.
                n if n > 2 => t(l, "no_dominant").into(),
                _ => dominant.join(", "),
            }
        ),
        cell("borderline_n", summary.borderline.to_string()),
        cell("top_problem", top),
    )
}

/// The territory's map with its classified clusters, or nothing without a point or outline.
fn territory_map(d: &ReportData<'_>) -> String {
    let Some(m) = &d.territory_map else {
        return String::new();
    };
    let l = d.lang;
    let of = d.classification.types.len();
    let mut m = m.clone();
    m.clusters = d
        .classification
        .clusters
        .iter()
        .map(|r| crate::TerritoryMapCluster {
            id: r.cluster_id.clone(),
            name: r.name.get(l).to_string(),
            position: r.position,
            of,
            type_label: r.label.get(l).to_string(),
        })
        .collect();
    let svg = crate::territory_map_svg(&m, l, 640.0);
    if svg.is_empty() {
        return String::new();
    }
    format!(
        "<div class=\"keep\"><h3>{}</h3><figure class=\"map\">{}<figcaption>{}</figcaption></figure></div>",
        esc(t(l, "territory_map")),
        svg,
        esc(t(l, "territory_map_caption"))
    )
}

pub(crate) fn clusters(d: &ReportData<'_>) -> String {
    let l = d.lang;
    let c = d.classification;
    let mut s = format!(
        "<section id=\"clusters\"><h2>{}</h2>",
        esc(t(l, "clusters"))
    );
    s.push_str(&territory_map(d));
    if c.clusters.is_empty() {
        s.push_str(&format!("<p>{}</p></section>", esc(t(l, "no_clusters"))));
        return s;
    }
    let of = c.types.len();
    let plane = creacity_typology::plane(c);
    s.push_str(&format!(
        "<h3>{}</h3><figure>{}<figcaption>{}</figcaption></figure>",
        esc(t(l, "plane")),
        plane_svg(&plane, of, l),
        esc(t(l, "plane_caption"))
    ));
    let total = c.summary.clusters.max(1) as f64;
    let bars: Vec<Bar> = c
        .summary
        .per_type
        .iter()
        .map(|p| Bar {
            label: format!("{}. {} ({})", p.position, p.label.get(l), p.count),
            value: p.count as f64 / total,
            interval: None,
            colour: type_colour(p.position, of).into(),
        })
        .collect();
    s.push_str(&format!(
        "<h3>{}</h3><figure>{}</figure>",
        esc(t(l, "per_type")),
        bars_svg(&bars, t(l, "per_type"))
    ));
    s.push_str(&format!(
        "<table><thead><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(l, "cluster")),
        esc(t(l, "type")),
        esc(t(l, "score")),
        esc(t(l, "membership")),
        esc(t(l, "borderline"))
    ));
    for r in &c.clusters {
        let degree = r
            .memberships
            .iter()
            .find(|m| m.type_id == r.type_id)
            .map_or(0.0, |m| m.degree);
        let borderline = if r.borderline {
            let alts: Vec<String> = r
                .alternatives
                .iter()
                .map(|a| format!("{} → {}", a.change.render(a.field, l), a.label.get(l)))
                .collect();
            format!(
                "<span class=\"flag\">{}</span><br><span class=\"small\">{}</span>",
                esc(t(l, "borderline")),
                esc(&alts.join("; "))
            )
        } else {
            "—".into()
        };
        s.push_str(&format!(
            "<tr><td><b>{}</b> <span class=\"small\">{}</span></td><td><span class=\"tag\" style=\"background:{}\">{}. {}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(r.name.get(l)),
            esc(&r.cluster_id),
            type_colour(r.position, of),
            r.position,
            esc(r.label.get(l)),
            num(r.score, 3),
            num(degree, 2),
            borderline
        ));
    }
    s.push_str("</tbody></table>");
    s.push_str(&format!("<h3>{}</h3>", esc(t(l, "why"))));
    for r in &c.clusters {
        s.push_str(&format!(
            "<pre class=\"explain\">{}</pre>",
            esc(&creacity_typology::explain(r, l))
        ));
    }
    s.push_str("</section>");
    s
}

pub(crate) fn problems(d: &ReportData<'_>) -> String {
    let l = d.lang;
    let mut s = format!(
        "<section id=\"problems\"><h2>{}</h2>",
        esc(t(l, "problems"))
    );
    let Some(p) = d.problems.filter(|p| !p.problems.is_empty()) else {
        s.push_str(&format!("<p>{}</p></section>", esc(t(l, "no_problems"))));
        return s;
    };
    let bars: Vec<Bar> = p
        .problems
        .iter()
        .map(|x| Bar {
            label: format!("{}. {}", x.rank, x.label.get(l)),
            value: x.document_share,
            interval: x.share_low.zip(x.share_high),
            colour: if matches!(x.category.as_str(), "institutional" | "coordination") {
                "#2f5d8a".into()
            } else {
                "#8fa9c4".into()
            },
        })
        .collect();
    s.push_str(&format!(
        "<figure>{}<figcaption>{} · {}</figcaption></figure>",
        bars_svg(&bars, t(l, "problems")),
        esc(t(l, "doc_share")),
        esc(&p.dictionary)
    ));
    s.push_str(&format!(
        "<table><thead><tr><th class=\"n\">{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        esc(t(l, "rank")),
        esc(t(l, "problem")),
        esc(t(l, "mentions")),
        esc(t(l, "doc_share")),
        esc(t(l, "interval"))
    ));
    for x in &p.problems {
        let interval = match (x.share_low, x.share_high) {
            (Some(a), Some(b)) => format!("{}–{}", pct(a), pct(b)),
            _ => "—".into(),
        };
        s.push_str(&format!(
            "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{} ({}/{})</td><td class=\"n\">{}</td></tr>",
            x.rank,
            esc(x.label.get(l)),
            x.mentions,
            pct(x.document_share),
            x.documents,
            p.documents.len(),
            interval
        ));
    }
    s.push_str("</tbody></table>");
    s.push_str(&format!("<h3>{}</h3><table class=\"kwic\"><thead><tr><th>{}</th><th>{}</th><th></th></tr></thead><tbody>", esc(t(l, "evidence")), esc(t(l, "problem")), esc(t(l, "document"))));
    for x in &p.problems {
        for e in x.evidence.iter().take(3) {
            s.push_str(&format!(
                "<tr><td>{}</td><td class=\"small\">{}{}</td><td>… {} <b>{}</b> {} …</td></tr>",
                esc(x.label.get(l)),
                esc(&e.document_id),
                e.page.map(|p| format!(", p. {p}")).unwrap_or_default(),
                esc(&e.left),
                esc(&e.keyword),
                esc(&e.right)
            ));
        }
    }
    s.push_str("</tbody></table></section>");
    s
}

pub(crate) fn strategy(d: &ReportData<'_>) -> String {
    let l = d.lang;
    let mut s = format!(
        "<section id=\"strategy\"><h2>{}</h2>",
        esc(t(l, "strategy"))
    );
    let Some(st) = d.strategy else {
        s.push_str(&format!("<p>{}</p></section>", esc(t(l, "no_strategy"))));
        return s;
    };
    s.push_str(&format!("<h3>{}</h3><ol>", esc(st.title.get(l))));
    for g in &st.goals {
        s.push_str(&format!("<li>{}</li>", esc(g.text.get(l))));
    }
    s.push_str("</ol>");
    s.push_str(&format!(
        "<table><thead><tr><th class=\"n\">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(l, "priority")),
        esc(t(l, "measure")),
        esc(t(l, "lead")),
        esc(t(l, "la_role")),
        esc(t(l, "reason")),
        esc(t(l, "status"))
    ));
    for m in &st.measures {
        let partners: Vec<&str> = m.partners.iter().map(|p| p.label(l)).collect();
        s.push_str(&format!(
            "<tr><td class=\"n\">{}</td><td><b>{}</b><br><span class=\"small\">{}</span></td><td>{}<br><span class=\"small\">{}: {}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            m.priority,
            esc(m.title.get(l)),
            esc(&m.instrument),
            esc(m.lead.label(l)),
            esc(t(l, "partners")),
            esc(&partners.join(", ")),
            esc(m.local_authority_role.get(l)),
            esc(m.reason.get(l)),
            esc(m.status.label(l))
        ));
    }
    s.push_str("</tbody></table>");
    s.push_str(&format!(
        "<h3>{}</h3><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        esc(t(l, "kpis")),
        esc(t(l, "kpi")),
        esc(t(l, "measure")),
        esc(t(l, "unit")),
        esc(t(l, "baseline")),
        esc(t(l, "target")),
        esc(t(l, "current")),
        esc(t(l, "progress"))
    ));
    let opt = |v: Option<f64>| v.map_or("—".to_string(), |x| num(x, 1));
    for k in &st.kpis {
        let measure = st
            .measures
            .iter()
            .find(|m| m.id == k.measure_id)
            .map_or(k.measure_id.as_str(), |m| m.title.get(l));
        s.push_str(&format!(
            "<tr><td>{}</td><td class=\"small\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(k.name.get(l)),
            esc(measure),
            esc(&k.unit),
            opt(k.baseline),
            opt(k.target),
            k.target_year.map(|y| format!(" ({y})")).unwrap_or_default(),
            opt(k.current),
            k.progress().map_or("—".into(), pct)
        ));
    }
    s.push_str("</tbody></table></section>");
    s
}

pub(crate) fn provenance(d: &ReportData<'_>) -> String {
    let l = d.lang;
    let mut data: Vec<String> = d
        .provenance
        .iter()
        .flat_map(|p| p.data.iter().cloned())
        .collect();
    data.sort();
    data.dedup();
    let methods: Vec<String> = d
        .provenance
        .iter()
        .map(|p| format!("{} ({})", p.method, p.created_at))
        .collect();
    format!(
        "<section id=\"provenance\"><h2>{}</h2><table><tbody><tr><th>{}</th><td>creacity {} · {}</td></tr><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr></tbody></table></section>",
        esc(t(l, "provenance")),
        esc(t(l, "generated")),
        esc(&d.tool_version),
        esc(&d.generated_at),
        esc(t(l, "reference_data")),
        esc(&data.join(", ")),
        esc(t(l, "method")),
        esc(&methods.join("; ")),
        esc(t(l, "inputs")),
        esc(&d.inputs.join("; ")),
    )
}
