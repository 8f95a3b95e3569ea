//! The territory overview: key figures, the map, the typology chart, top problems, strategy status.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use creacity_model::{Coded, Lang, MeasureStatus};
use creacity_report::{Bar, bars_svg, esc, pct, thousands, type_colour};

use super::{
    Ctx, PageResult, TerritoryQ, fail,
    map::{MapInput, map_svg},
    pick_territory, shell, territory_form, tr,
};
use crate::api::current_classification;
use crate::extract::QueryArgs;
use crate::state::AppState;

pub(crate) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    QueryArgs(q): QueryArgs<TerritoryQ>,
) -> PageResult {
    let lang = ctx.lang;
    let key = format!("overview|{:?}|{lang:?}", q.territory);
    let body = s
        .cached(key, move |ws, k| body(ws, k, q.territory.as_deref(), lang))
        .await
        .map_err(fail(&ctx))?;
    Ok(render(&ctx, &body))
}

fn render(ctx: &Ctx, body: &str) -> Response {
    shell(ctx, ctx.t("nav.overview"), body)
}

fn figure(value: String, label: &str) -> String {
    format!(
        r#"<div class="figure"><span class="value">{value}</span><span class="label">{label}</span></div>"#
    )
}

pub(crate) fn body(
    ws: &mut creacity_store::Workspace,
    k: &creacity_app::Knowledge,
    territory: Option<&str>,
    lang: Lang,
) -> Result<String, crate::error::ApiError> {
    let t = |key: &str| tr(lang, key);
    let all = ws.territories()?;
    let Some(terr) = pick_territory(ws, territory)? else {
        return Ok(format!(
            r#"<p>{}</p><p><a href="/data">{}</a></p>"#,
            t("empty"),
            t("nav.data")
        ));
    };
    let ctx_free = Ctx {
        lang,
        set_lang: None,
        user: None,
        path: String::new(),
    };
    let mut out = territory_form(&ctx_free, &all, &terr.id);
    let all_clusters = ws.clusters(None)?;
    let classification_all = current_classification(ws, k, None)?;
    let c = current_classification(ws, k, Some(&terr.id))?;
    let docs = ws.documents()?.len();
    let name = match lang {
        Lang::Ru => &terr.name_ru,
        Lang::En => &terr.name_en,
    };
    let synthetic = terr.synthetic || all_clusters.iter().any(|c| c.synthetic);
    if synthetic {
        out.push_str(&format!(
            r#"<p class="synthetic" role="note">{}</p>"#,
            t("synthetic")
        ));
    }
    out.push_str(&format!("<h2>{}</h2>", esc(name)));
    out.push_str(r#"<div class="figures">"#);
    out.push_str(&figure(
        terr.population.map_or("—".into(), thousands),
        t("population"),
    ));
    out.push_str(&figure(c.clusters.len().to_string(), t("clusters.here")));
    out.push_str(&figure(all_clusters.len().to_string(), t("clusters.all")));
    out.push_str(&figure(docs.to_string(), t("documents")));
    out.push_str(&figure(
        c.summary.borderline.to_string(),
        t("borderline.count"),
    ));
    out.push_str("</div>");

    // The map of every territory, clusters coloured by type.
    let outlines = creacity_app::outlines::latest_outlines(ws)?.map(|o| o.0);
    let mut clusters_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for cl in &all_clusters {
        clusters_of
            .entry(cl.territory_id.clone())
            .or_default()
            .push(cl.id.clone());
    }
    out.push_str(&format!(
        r#"<section><h2>{}</h2><figure>{}<figcaption>{}</figcaption></figure></section>"#,
        t("map"),
        map_svg(&MapInput {
            territories: &all,
            classification: &classification_all,
            clusters_of: &clusters_of,
            outlines: outlines.as_ref(),
            lang,
            aria: t("map"),
            tiles: None,
        }),
        t("map.caption")
    ));

    // Clusters per type.
    let of = c.types.len();
    let n = c.summary.clusters.max(1) as f64;
    let bars: Vec<Bar> = c
        .summary
        .per_type
        .iter()
        .map(|tc| Bar {
            label: format!("{} ({})", tc.label.get(lang), tc.count),
            value: tc.count as f64 / n,
            interval: None,
            colour: type_colour(tc.position, of).to_string(),
        })
        .collect();
    out.push_str(&format!(
        r#"<section><h2>{}</h2><figure>{}</figure><p><a href="/typology?territory={}">{}</a></p></section>"#,
        t("types"),
        bars_svg(&bars, t("types")),
        esc(&terr.id),
        t("more")
    ));

    // Top problems.
    out.push_str(&format!("<section><h2>{}</h2>", t("problems.top")));
    match creacity_app::latest_problems(ws)? {
        Some((r, _)) => {
            let bars: Vec<Bar> = r
                .problems
                .iter()
                .take(5)
                .map(|p| Bar {
                    label: format!("{}. {}", p.rank, p.label.get(lang)),
                    value: p.document_share,
                    interval: p.share_low.zip(p.share_high),
                    colour: "#2f5d8a".into(),
                })
                .collect();
            out.push_str(&format!(
                r#"<figure>{}<figcaption>{}</figcaption></figure>"#,
                bars_svg(&bars, t("problems.top")),
                t("problems.caption")
            ));
        }
        None => out.push_str(&format!("<p>{}</p>", t("problems.none"))),
    }
    out.push_str(&format!(
        r#"<p><a href="/problems">{}</a></p></section>"#,
        t("more")
    ));

    // Strategy status.
    out.push_str(&format!("<section><h2>{}</h2>", t("strategy.status")));
    match ws.latest_strategy(&terr.id)? {
        Some(st) => {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &st.measures {
                *counts.entry(m.status.code()).or_default() += 1;
            }
            out.push_str(r#"<div class="figures">"#);
            for status in MeasureStatus::ALL {
                out.push_str(&figure(
                    counts.get(status.code()).copied().unwrap_or(0).to_string(),
                    status.label(lang),
                ));
            }
            out.push_str("</div>");
            let progress: Vec<f64> = st.kpis.iter().filter_map(|k| k.progress()).collect();
            if !progress.is_empty() {
                let mean = progress.iter().sum::<f64>() / progress.len() as f64;
                out.push_str(&format!(
                    r#"<p>{}: <meter min="0" max="1" value="{mean:.3}">{p}</meter> {p}</p>"#,
                    t("kpi.mean"),
                    p = pct(mean)
                ));
            }
            out.push_str(&format!(
                r#"<p><a href="/strategy?territory={}">{}</a></p>"#,
                esc(&terr.id),
                t("more")
            ));
        }
        None => out.push_str(&format!("<p>{}</p>", t("strategy.none"))),
    }
    out.push_str("</section>");
    Ok(out)
}
