//! The QCA page: the newest stored `creacity qca` result — truth table, solutions with their fit
//! and coverage chart, and the reference notation (R QCA's) as text.

use axum::extract::State;
use creacity_model::Lang;
use creacity_report::{Bar, bars_svg, esc};
use creacity_store::StoredAnalysis;
use serde_json::Value;

use super::results::{Show, fmt, head, list, result_page, text};
use super::{Ctx, PageResult, tr};
use crate::state::AppState;

pub(crate) async fn page(s: State<AppState>, ctx: Ctx) -> PageResult {
    result_page(s, ctx, "qca", "nav.qca", Show::Newest, render).await
}

fn out_code(v: &Value) -> &'static str {
    match v.as_str() {
        Some("One") => "1",
        Some("Zero") => "0",
        Some("Contradiction") => "C",
        _ => "?",
    }
}

fn cases(v: &Value) -> String {
    // A term's cases: groups of cases per truth-table row, as R QCA prints them.
    v.as_array()
        .into_iter()
        .flatten()
        .map(|g| match g.as_array() {
            Some(a) => a
                .iter()
                .map(|c| esc(c.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", "),
            None => esc(g.as_str().unwrap_or("")),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn render(a: &StoredAnalysis, lang: Lang) -> String {
    let t = |k: &str| tr(lang, k);
    let r = &a.result;
    let outcome = text(&r["outcome"]);
    let mut out = format!(r#"<p><b>{}:</b> {outcome}</p>"#, t("qca.outcome"));
    // The truth table: observed rows (remainders are counted, not listed).
    let tt = &r["truth_table"];
    let conditions: Vec<&str> = tt["conditions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let rows = list(&tt["rows"]);
    let observed: Vec<&&Value> = rows
        .iter()
        .filter(|row| row["n"].as_u64().unwrap_or(0) > 0)
        .collect();
    let mut cols = vec!["#"];
    cols.extend(conditions.iter().copied());
    cols.extend(["OUT", "n", "inclS", "PRI", t("qca.cases")]);
    out.push_str(&format!(
        r#"<h2>{}</h2><div class="scroll"><table><caption>{} ({} {}, {} {})</caption>{}<tbody>"#,
        t("qca.truth_table"),
        t("qca.truth_table.caption"),
        observed.len(),
        t("qca.observed"),
        rows.len() - observed.len(),
        t("qca.remainders"),
        head(&cols)
    ));
    for row in &observed {
        out.push_str(&format!("<tr><td>{}</td>", row["number"]));
        for v in row["values"].as_array().into_iter().flatten() {
            out.push_str(&format!("<td>{v}</td>"));
        }
        out.push_str(&format!(
            "<td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            out_code(&row["out"]),
            row["n"],
            fmt(&row["incl"], 3),
            fmt(&row["pri"], 3),
            row["cases"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| esc(c.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out.push_str("</tbody></table></div>");
    // The solutions.
    let m = &r["minimization"];
    let mut solutions: Vec<(String, &Value)> = Vec::new();
    for (key, label) in [
        ("conservative", "qca.conservative"),
        ("parsimonious", "qca.parsimonious"),
    ] {
        if m[key].is_object() {
            solutions.push((t(label).to_string(), &m[key]));
        }
    }
    for (i, s) in m["intermediate"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        solutions.push((
            format!("{} {}", t("qca.intermediate"), i + 1),
            &s["solution"],
        ));
    }
    if solutions.is_empty() {
        out.push_str(&format!("<p>{}</p>", t("qca.no_solution")));
    }
    for (label, sol) in solutions {
        out.push_str(&format!("<h2>{}</h2>", esc(&label)));
        for model in sol["models"].as_array().into_iter().flatten() {
            let name = text(&model["name"]);
            let expr = text(&model["expression"]);
            out.push_str(&format!(
                r#"<h3>{name}: <code>{expr} → {outcome}</code></h3>"#
            ));
            let mut bars = Vec::new();
            out.push_str(&format!(
                r#"<div class="scroll"><table><caption>{} {name}</caption>{}<tbody>"#,
                t("qca.fit"),
                head(&[
                    "#",
                    t("qca.term"),
                    "inclS",
                    "PRI",
                    "covS",
                    "covU",
                    t("qca.cases")
                ])
            ));
            for (i, tf) in model["term_fits"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                out.push_str(&format!(
                    "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    i + 1,
                    text(&tf["expression"]),
                    fmt(&tf["fit"]["incl"], 3),
                    fmt(&tf["fit"]["pri"], 3),
                    fmt(&tf["fit"]["cov"], 3),
                    fmt(&tf["cov_unique"], 3),
                    cases(&tf["cases"])
                ));
                // Terms are long: the chart names them by their number in the table.
                bars.push(Bar {
                    label: format!("{} {}", t("qca.term"), i + 1),
                    value: tf["fit"]["cov"].as_f64().unwrap_or(0.0),
                    interval: None,
                    colour: "#2f5d8a".into(),
                });
            }
            out.push_str(&format!(
                "<tr><td></td><th scope=\"row\">{name}</th><td>{}</td><td>{}</td><td>{}</td><td></td><td></td></tr></tbody></table></div>",
                fmt(&model["fit"]["incl"], 3),
                fmt(&model["fit"]["pri"], 3),
                fmt(&model["fit"]["cov"], 3),
            ));
            if !bars.is_empty() {
                out.push_str(&format!(
                    "<figure>{}<figcaption>{}</figcaption></figure>",
                    bars_svg(&bars, t("qca.coverage")),
                    t("qca.coverage")
                ));
            }
        }
    }
    if let Some(txt) = r["text"].as_str() {
        out.push_str(&format!(
            r#"<details><summary>{}</summary><pre class="explain">{}</pre></details>"#,
            t("qca.text"),
            esc(txt)
        ));
    }
    out
}
