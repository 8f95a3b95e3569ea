//! Problems: the ranking with its intervals, the counts, and keyword-in-context evidence.

use axum::extract::State;
use creacity_report::{Bar, bars_svg, esc, pct};

use super::heatmap::{Matrix, heatmap_svg, matrix_table};
use super::{Ctx, PageResult, fail, shell, tr};
use crate::state::AppState;

pub(crate) async fn page(State(s): State<AppState>, ctx: Ctx) -> PageResult {
    let lang = ctx.lang;
    let key = format!("problems|{lang:?}");
    let body = s
        .cached(key, move |ws, _| {
            let t = |key: &str| tr(lang, key);
            let Some((r, p)) = creacity_app::latest_problems(ws)? else {
                return Ok(format!(r#"<p>{}</p><p><a href="/data">{}</a></p>"#, t("problems.none"), t("nav.data")));
            };
            let bars: Vec<Bar> = r
                .problems
                .iter()
                .map(|p| Bar {
                    label: format!("{}. {}", p.rank, p.label.get(lang)),
                    value: p.document_share,
                    interval: p.share_low.zip(p.share_high),
                    colour: "#2f5d8a".into(),
                })
                .collect();
            let mut out = format!(
                r#"<p>{}: {} · {} {}</p><figure>{}<figcaption>{}</figcaption></figure>"#,
                t("dictionary"),
                esc(&r.dictionary),
                r.documents.len(),
                t("documents"),
                bars_svg(&bars, t("problems.top")),
                t("problems.caption")
            );
            out.push_str(&format!(
                r#"<div class="scroll"><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
                t("rank"), t("problem"), t("mentions"), t("documents"), t("share")
            ));
            for p in &r.problems {
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    p.rank,
                    esc(p.label.get(lang)),
                    p.mentions,
                    p.documents,
                    pct(p.document_share)
                ));
            }
            out.push_str("</tbody></table></div>");
            out.push_str(&cooccurrence_section(&r, lang));
            out.push_str(&format!("<h2>{}</h2>", t("evidence")));
            for p in r.problems.iter().filter(|p| !p.evidence.is_empty()) {
                out.push_str(&format!(r#"<details><summary>{} ({})</summary><ul class="kwic">"#, esc(p.label.get(lang)), p.evidence.len()));
                for e in p.evidence.iter().take(10) {
                    out.push_str(&format!(
                        "<li>[{}] …{} <b>{}</b> {}…</li>",
                        esc(&e.document_id),
                        esc(&e.left),
                        esc(&e.keyword),
                        esc(&e.right)
                    ));
                }
                out.push_str("</ul></details>");
            }
            out.push_str(&format!(r#"<p class="muted">{}: {} · {}</p>"#, t("provenance"), esc(&p.method), esc(&p.created_at)));
            Ok(out)
        })
        .await
        .map_err(fail(&ctx))?;
    Ok(shell(&ctx, ctx.t("nav.problems"), &body))
}

/// Which problems are mentioned in the same documents: a heat map and the same numbers as a table.
fn cooccurrence_section(r: &creacity_model::ProblemRanking, lang: creacity_model::Lang) -> String {
    let t = |key: &str| tr(lang, key);
    let c = crate::analyses::cooccurrence(r);
    if c.problems.len() < 2 {
        return String::new();
    }
    let names: Vec<String> = c
        .problems
        .iter()
        .enumerate()
        .map(|(i, (_, l))| format!("{}. {}", i + 1, l.get(lang)))
        .collect();
    let values: Vec<Vec<Option<f64>>> = c
        .matrix
        .iter()
        .map(|row| row.iter().map(|&v| Some(f64::from(v))).collect())
        .collect();
    let m = Matrix {
        rows: &names,
        cols: &names,
        values: &values,
        digits: 0,
    };
    format!(
        r#"<section id="cooccurrence"><h2>{title}</h2><figure>{svg}<figcaption>{cap} ({n} {docs}).</figcaption></figure><details><summary>{table}</summary>{tab}</details><p class="muted"><a href="/api/problems/cooccurrence">JSON</a></p></section>"#,
        title = t("cooc"),
        svg = heatmap_svg(&m, Some(c.documents.max(1) as f64), t("cooc")),
        cap = t("cooc.caption"),
        n = c.documents,
        docs = t("documents"),
        table = t("cooc.table"),
        tab = matrix_table(&m, t("cooc"), t("problem")),
    )
}
