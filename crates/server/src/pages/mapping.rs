//! The mapping page: the newest stored `creacity map … --save` result — specialisation indices
//! with the location-quotient heat map, spatial clusters, hot spots, or an aggregation table.

use axum::extract::State;
use creacity_model::Lang;
use creacity_report::esc;
use creacity_store::StoredAnalysis;
use serde_json::Value;

use super::heatmap::{Matrix, heatmap_svg, matrix_table};
use super::results::{Show, fmt, head, list, result_page, text};
use super::{Ctx, PageResult, tr};
use crate::state::AppState;

pub(crate) async fn page(s: State<AppState>, ctx: Ctx) -> PageResult {
    result_page(s, ctx, "mapping", "nav.mapping", Show::NewestOfEach, render).await
}

fn strings(v: &Value) -> Vec<String> {
    list(v)
        .iter()
        .map(|s| s.as_str().unwrap_or("").to_string())
        .collect()
}

pub(crate) fn render(a: &StoredAnalysis, lang: Lang) -> String {
    let t = |k: &str| tr(lang, k);
    let r = &a.result["result"];
    let kind = a.result["kind"].as_str().unwrap_or("");
    let mut out = format!("<h2>{}</h2>", super::results::sub_label(lang, kind));
    match kind {
        "indices" => indices(r, lang, &mut out),
        "clusters" => {
            out.push_str(&format!(
                r#"<p>{}: {} · {} {} · {} {} · {} {}</p><div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
                t("method"),
                text(&r["method"]),
                r["points"],
                t("mapping.points"),
                r["n_clusters"],
                t("mapping.clusters"),
                r["n_noise"],
                t("mapping.noise"),
                t("mapping.clusters.caption"),
                head(&[t("mapping.cluster"), t("mapping.points"), t("mapping.centroid")])
            ));
            for c in list(&r["clusters"]) {
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}, {}</td></tr>",
                    c["label"],
                    c["n_points"],
                    fmt(&c["centroid_lat"], 4),
                    fmt(&c["centroid_lon"], 4)
                ));
            }
            out.push_str("</tbody></table></div>");
        }
        "hotspots" => {
            out.push_str(&format!(
                r#"<p>{}: {} · {} {}</p><div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
                t("method"),
                text(&r["method"]),
                r["observations"],
                t("mapping.points"),
                t("mapping.hotspots.caption"),
                head(&[t("mapping.class"), t("mapping.points")])
            ));
            if let Some(classes) = r["classes"].as_object() {
                for (class, n) in classes {
                    out.push_str(&format!("<tr><td>{}</td><td>{n}</td></tr>", esc(class)));
                }
            }
            out.push_str("</tbody></table></div>");
        }
        "territory-match" => {
            out.push_str(&format!(
                r#"<div class="figures"><div class="figure"><span class="value">{}</span><span class="label">{} ({} / {})</span></div><div class="figure"><span class="value">{}</span><span class="label">{}</span></div><div class="figure"><span class="value">{}</span><span class="label">{}</span></div></div>"#,
                creacity_report::pct(r["share_matched"].as_f64().unwrap_or(0.0)),
                t("match.matched"),
                r["matched"],
                r["firms"],
                r["ambiguous_firms"],
                t("match.ambiguous"),
                r["no_place"],
                t("match.no_place")
            ));
            let unmatched = list(&r["unmatched"]);
            if !unmatched.is_empty() {
                out.push_str(&format!(
                    r#"<div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
                    t("match.unmatched"),
                    head(&[t("match.place"), t("match.firms")])
                ));
                for u in unmatched {
                    out.push_str(&format!(
                        "<tr><td>{}</td><td>{}</td></tr>",
                        text(&u["place"]),
                        u["firms"]
                    ));
                }
                out.push_str("</tbody></table></div>");
            }
        }
        _ => generic_rows(r, lang, &mut out),
    }
    out
}

fn indices(r: &Value, lang: Lang, out: &mut String) {
    let t = |k: &str| tr(lang, k);
    out.push_str(&format!(
        r#"<h3>{}</h3><div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
        t("mapping.territories"),
        t("mapping.territories.caption"),
        head(&[
            t("territory"),
            t("mapping.total"),
            "Krugman",
            "Herfindahl",
            t("mapping.entropy"),
            t("mapping.diversity")
        ])
    ));
    for x in list(&r["by_territory"]) {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            text(&x["territory"]),
            fmt(&x["total"], 0),
            fmt(&x["krugman"], 3),
            fmt(&x["herfindahl"], 3),
            fmt(&x["entropy"], 3),
            x["diversity"]
        ));
    }
    out.push_str("</tbody></table></div>");
    out.push_str(&format!(
        r#"<div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
        t("mapping.sectors.caption"),
        head(&[
            t("mapping.sector"),
            t("mapping.total"),
            "Hoover",
            t("mapping.ubiquity")
        ])
    ));
    for x in list(&r["by_sector"]) {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            text(&x["sector"]),
            fmt(&x["total"], 0),
            fmt(&x["hoover"], 2),
            x["ubiquity"]
        ));
    }
    out.push_str("</tbody></table></div>");
    // Location quotients, territory × sector (stored row by row).
    let rows = strings(&r["territories"]);
    let cols = strings(&r["sectors"]);
    let lq = list(&r["location_quotient"]);
    if !rows.is_empty() && lq.len() == rows.len() * cols.len() {
        let values: Vec<Vec<Option<f64>>> = (0..rows.len())
            .map(|i| {
                (0..cols.len())
                    .map(|j| lq[i * cols.len() + j].as_f64())
                    .collect()
            })
            .collect();
        let m = Matrix {
            rows: &rows,
            cols: &cols,
            values: &values,
            digits: 2,
        };
        out.push_str(&format!(
            r#"<h3>{}</h3><figure>{}<figcaption>{}</figcaption></figure>{}"#,
            t("mapping.lq"),
            heatmap_svg(&m, None, t("mapping.lq")),
            t("mapping.lq.caption"),
            matrix_table(&m, t("mapping.lq"), t("territory"))
        ));
    }
}

/// Any other kind: its rows as a table (keys of the first row as columns).
fn generic_rows(r: &Value, lang: Lang, out: &mut String) {
    let rows = list(&r["rows"]);
    let Some(first) = rows.first().and_then(|x| x.as_object()) else {
        out.push_str(&format!("<p>{}</p>", tr(lang, "results.json_only")));
        return;
    };
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    out.push_str(&format!(
        r#"<div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
        tr(lang, "mapping.rows"),
        head(&keys)
    ));
    for row in rows.iter().take(2000) {
        out.push_str("<tr>");
        for k in &keys {
            let v = &row[*k];
            let cell = match v {
                Value::String(s) => esc(s),
                Value::Number(n) if n.is_f64() => fmt(v, 3),
                Value::Number(n) => n.to_string(),
                Value::Null => "—".into(),
                other => esc(&other.to_string()),
            };
            out.push_str(&format!("<td>{cell}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}
