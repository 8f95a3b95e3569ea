//! Problems: the ranking with its intervals, the counts, and keyword-in-context evidence.

use axum::extract::State;
use creacity_report::{Bar, bars_svg, esc, pct};

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
            out.push_str(&format!("</tbody></table></div><h2>{}</h2>", t("evidence")));
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
