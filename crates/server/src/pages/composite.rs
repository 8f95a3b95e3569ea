//! The composite-index page: the newest stored `creacity index` result — a build (scores, ranks,
//! framework, strengths and weaknesses), an uncertainty audit, or a scenario.

use axum::extract::State;
use creacity_model::Lang;
use creacity_report::{Bar, bars_svg, esc};
use creacity_store::StoredAnalysis;
use serde_json::Value;

use super::results::{Show, fmt, head, list, result_page, text};
use super::{Ctx, PageResult, tr};
use crate::state::AppState;

pub(crate) async fn page(s: State<AppState>, ctx: Ctx) -> PageResult {
    result_page(s, ctx, "index", "nav.index", Show::NewestOfEach, render).await
}

fn codes(v: &Value) -> String {
    list(v)
        .iter()
        .map(|x| text(&x["code"]))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn render(a: &StoredAnalysis, lang: Lang) -> String {
    let t = |k: &str| tr(lang, k);
    let r = &a.result["result"];
    let kind = a.result["kind"].as_str().unwrap_or("");
    let mut out = format!("<h2>{}</h2>", super::results::sub_label(lang, kind));
    match kind {
        "build" => build(r, lang, &mut out),
        "audit" => {
            let mc = &r["monte_carlo"];
            out.push_str(&format!(
                r#"<h3>{}</h3><p>{} {} · {} {}</p><div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
                t("index.audit"),
                mc["runs"],
                t("index.runs"),
                mc["failed"],
                t("index.failed"),
                t("index.audit.caption"),
                head(&[t("index.unit"), t("rank"), t("index.median"), "5–95 %"])
            ));
            for u in list(&mc["units"]) {
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} – {}</td></tr>",
                    text(&u["unit"]),
                    fmt(&u["nominal_rank"], 0),
                    fmt(&u["median_rank"], 1),
                    fmt(&u["q05_rank"], 0),
                    fmt(&u["q95_rank"], 0)
                ));
            }
            out.push_str("</tbody></table></div>");
        }
        "scenario" => {
            out.push_str(&format!(
                r#"<h3>{}</h3><div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
                t("index.scenario"),
                t("index.scenario.caption"),
                head(&[
                    t("index.unit"),
                    t("index.score_before"),
                    t("index.rank_before"),
                    t("index.score_after"),
                    t("index.rank_after")
                ])
            ));
            for o in list(&r["outcomes"]) {
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    text(&o["unit"]),
                    fmt(&o["score_before"], 2),
                    fmt(&o["rank_before"], 0),
                    fmt(&o["score_after"], 2),
                    fmt(&o["rank_after"], 0)
                ));
            }
            out.push_str("</tbody></table></div>");
        }
        other => out.push_str(&format!("<p>{} {}</p>", esc(other), t("results.json_only"))),
    }
    out
}

fn build(r: &Value, lang: Lang, out: &mut String) {
    let t = |k: &str| tr(lang, k);
    let mut units = list(&r["units"]);
    units.sort_by(|x, y| {
        let k = |v: &Value| v["rank"].as_f64().unwrap_or(f64::MAX);
        k(x).total_cmp(&k(y))
    });
    let max = units
        .iter()
        .filter_map(|u| u["score"].as_f64())
        .fold(0.0_f64, f64::max);
    // Scores are on the 0–100 scale of the default normalisation; else scaled to the largest.
    let scale = if max <= 100.0 { 100.0 } else { max };
    let name = |u: &Value| {
        u["name"]
            .as_str()
            .filter(|s| !s.is_empty())
            .or(u["unit"].as_str())
            .unwrap_or("")
            .to_string()
    };
    let bars: Vec<Bar> = units
        .iter()
        .map(|u| Bar {
            label: format!("{}. {}", fmt(&u["rank"], 0), name(u)),
            value: u["score"].as_f64().unwrap_or(0.0) / scale,
            interval: None,
            colour: "#2f5d8a".into(),
        })
        .collect();
    out.push_str(&format!(
        r#"<h3>{}</h3><figure>{}<figcaption>{}</figcaption></figure>"#,
        esc(r["index"].as_str().unwrap_or("")),
        bars_svg(&bars, t("index.scores")),
        t("index.scores.caption")
    ));
    out.push_str(&format!(
        r#"<div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
        t("index.scores"),
        head(&[t("rank"), t("index.unit"), t("name"), t("score")])
    ));
    for u in &units {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            fmt(&u["rank"], 0),
            text(&u["unit"]),
            esc(&name(u)),
            fmt(&u["score"], 2)
        ));
    }
    out.push_str("</tbody></table></div>");
    // The framework, top level first.
    let fw = list(&r["framework"]);
    let top = fw
        .iter()
        .filter_map(|n| n["level"].as_u64())
        .max()
        .unwrap_or(1);
    out.push_str(&format!(
        r#"<h3>{}</h3><div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
        t("index.framework"),
        t("index.framework"),
        head(&[
            t("index.level"),
            t("index.code"),
            t("name"),
            t("index.weight"),
            t("index.parent")
        ])
    ));
    let mut nodes = fw.clone();
    nodes.sort_by_key(|n| std::cmp::Reverse(n["level"].as_u64().unwrap_or(1)));
    for n in nodes {
        let level = n["level"].as_u64().unwrap_or(1);
        out.push_str(&format!(
            r#"<tr><td>{level}</td><td style="padding-left:{}em"><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            (top - level) as f64 + 0.5,
            text(&n["code"]),
            text(&n["name"]),
            fmt(&n["weight"], 2),
            text(&n["parent"])
        ));
    }
    out.push_str("</tbody></table></div>");
    let sw = list(&r["strengths_weaknesses"]);
    if !sw.is_empty() {
        out.push_str(&format!(
            r#"<h3>{}</h3><div class="scroll"><table><caption>{}</caption>{}<tbody>"#,
            t("index.sw"),
            t("index.sw"),
            head(&[t("index.unit"), t("index.strengths"), t("index.weaknesses")])
        ));
        for s in sw {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                text(&s["unit"]),
                codes(&s["strengths"]),
                codes(&s["weaknesses"])
            ));
        }
        out.push_str("</tbody></table></div>");
    }
}
