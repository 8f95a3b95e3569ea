//! Typology: the public–private plane, memberships in every type, borderline cases.

use axum::extract::State;
use creacity_report::{esc, num, pct, plane_svg, type_colour};

use super::{Ctx, PageResult, TerritoryQ, fail, shell, territory_form, tr};
use crate::api::current_classification;
use crate::extract::QueryArgs;
use crate::state::AppState;

pub(crate) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    QueryArgs(q): QueryArgs<TerritoryQ>,
) -> PageResult {
    let lang = ctx.lang;
    let key = format!("typology|{:?}|{lang:?}", q.territory);
    let body = s
        .cached(key, move |ws, k| {
            let t = |key: &str| tr(lang, key);
            let all = ws.territories()?;
            let c = current_classification(ws, k, q.territory.as_deref())?;
            let ctx_free = Ctx { lang, set_lang: None, user: None, path: String::new() };
            let mut out = territory_form(&ctx_free, &all, q.territory.as_deref().unwrap_or(""));
            out.push_str(&format!(
                r#"<p>{}: {} {}</p>"#,
                t("spec"),
                esc(&c.spec.name),
                esc(&c.spec.version)
            ));
            let plane = creacity_typology::plane(&c);
            out.push_str(&format!(
                r#"<section><h2>{}</h2><figure>{}<figcaption>{}</figcaption></figure></section>"#,
                t("plane"),
                plane_svg(&plane, c.types.len(), lang),
                t("plane.caption")
            ));
            out.push_str(&format!(r#"<section><h2>{}</h2><div class="scroll"><table><thead><tr><th scope="col">{}</th>"#, t("memberships"), t("name")));
            for ty in &c.types {
                out.push_str(&format!(
                    r#"<th scope="col"><span class="dot" style="background:{}"></span> {}</th>"#,
                    type_colour(ty.position, c.types.len()),
                    esc(ty.label.get(lang))
                ));
            }
            out.push_str("</tr></thead><tbody>");
            for r in &c.clusters {
                out.push_str(&format!(r#"<tr><th scope="row"><a href="/clusters/{}">{}</a></th>"#, esc(&r.cluster_id), esc(r.name.get(lang))));
                for ty in &c.types {
                    let d = r.memberships.iter().find(|m| m.type_id == ty.id).map_or(0.0, |m| m.degree);
                    let strong = if r.type_id == ty.id { " class=\"assigned\"" } else { "" };
                    out.push_str(&format!("<td{strong}>{}</td>", pct(d)));
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table></div></section>");
            out.push_str(&format!("<section><h2>{}</h2>", t("borderline")));
            let borderline: Vec<_> = c.clusters.iter().filter(|r| r.borderline).collect();
            if borderline.is_empty() {
                out.push_str(&format!("<p>{}</p>", t("borderline.none")));
            } else {
                out.push_str("<ul>");
                for r in borderline {
                    let alts: Vec<String> = r.alternatives.iter().map(|a| a.label.get(lang).to_string()).collect();
                    out.push_str(&format!(
                        r#"<li><a href="/clusters/{}">{}</a>: {} ({} {}) → {}</li>"#,
                        esc(&r.cluster_id),
                        esc(r.name.get(lang)),
                        esc(r.label.get(lang)),
                        t("margin"),
                        num(r.margin, 3),
                        esc(&alts.join(", "))
                    ));
                }
                out.push_str("</ul>");
            }
            out.push_str("</section>");
            Ok(out)
        })
        .await
        .map_err(fail(&ctx))?;
    Ok(shell(&ctx, ctx.t("nav.typology"), &body))
}
