//! The map page: outlines, territories and clusters (SVG, offline), the legend of types, the same
//! content as a table, and — only when the server was given `--tiles` — a tile background.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::HeaderValue;
use axum::response::Response;
use creacity_model::Lang;
use creacity_report::{esc, type_colour};

use super::map::{MapInput, map_svg};
use super::{Ctx, PageResult, fail, shell, tr};
use crate::api::current_classification;
use crate::error::ApiError;
use crate::state::AppState;
use crate::tiles::TileSource;

pub(crate) async fn page(State(s): State<AppState>, ctx: Ctx) -> PageResult {
    let lang = ctx.lang;
    let tiles = s.config().tiles.clone();
    let t2 = tiles.clone();
    let body = s
        .cached(format!("map|{lang:?}"), move |ws, k| {
            body(ws, k, lang, t2.as_ref())
        })
        .await
        .map_err(fail(&ctx))?;
    let mut resp = shell(&ctx, ctx.t("nav.map"), &body);
    if let Some(t) = &tiles {
        allow_images_from(&mut resp, t.origin());
    }
    Ok(resp)
}

/// Lets this page load images (the tiles) from one more origin.
fn allow_images_from(resp: &mut Response, origin: &str) {
    let h = resp.headers_mut();
    let Some(csp) = h
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
    else {
        return;
    };
    let csp = csp.replacen(
        "img-src 'self' data:",
        &format!("img-src 'self' data: {origin}"),
        1,
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert("content-security-policy", v);
    }
}

fn body(
    ws: &mut creacity_store::Workspace,
    k: &creacity_app::Knowledge,
    lang: Lang,
    tiles: Option<&TileSource>,
) -> Result<String, ApiError> {
    let t = |key: &str| tr(lang, key);
    let all = ws.territories()?;
    if all.is_empty() {
        return Ok(format!(
            r#"<p>{}</p><p><a href="/data">{}</a></p>"#,
            t("empty"),
            t("nav.data")
        ));
    }
    let clusters = ws.clusters(None)?;
    let c = current_classification(ws, k, None)?;
    let stored = creacity_app::outlines::latest_outlines(ws)?;
    let mut clusters_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for cl in &clusters {
        clusters_of
            .entry(cl.territory_id.clone())
            .or_default()
            .push(cl.id.clone());
    }
    let mut out = String::new();
    let synthetic = all.iter().any(|t| t.synthetic)
        || clusters.iter().any(|c| c.synthetic)
        || stored
            .as_ref()
            .is_some_and(|o| o.0.to_string().contains("\"synthetic\":true"));
    if synthetic {
        out.push_str(&format!(
            r#"<p class="synthetic" role="note">{}</p>"#,
            t("synthetic")
        ));
    }
    let caption = match tiles {
        Some(ts) => format!(
            "{} {}: {}",
            t("map.caption.tiles"),
            t("tiles.source"),
            esc(if ts.attribution().is_empty() {
                ts.origin()
            } else {
                ts.attribution()
            })
        ),
        None => t("map.caption.offline").to_string(),
    };
    out.push_str(&format!(
        r#"<figure class="map">{}<figcaption>{caption}</figcaption></figure>"#,
        map_svg(&MapInput {
            territories: &all,
            classification: &c,
            clusters_of: &clusters_of,
            outlines: stored.as_ref().map(|o| &o.0),
            lang,
            aria: t("map"),
            tiles,
        })
    ));
    // The legend: the types' colours, as text.
    out.push_str(&format!(r#"<h2>{}</h2><ul class="legend">"#, t("legend")));
    let of = c.types.len();
    for tc in &c.summary.per_type {
        out.push_str(&format!(
            r#"<li><span class="dot" style="background:{}" aria-hidden="true"></span> {} ({})</li>"#,
            type_colour(tc.position, of),
            esc(tc.label.get(lang)),
            tc.count
        ));
    }
    out.push_str("</ul>");
    // Outlines: where they came from, or how to add them.
    let outlined: Vec<String> = stored
        .as_ref()
        .and_then(|o| o.0["features"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|f| f["properties"]["territory_id"].as_str().map(str::to_string))
        .collect();
    out.push_str(&format!("<h2>{}</h2>", t("outlines")));
    match &stored {
        Some((_, p, at)) => out.push_str(&format!(
            r#"<p>{}: {} · {} · <a href="/api/outlines">GeoJSON</a></p>"#,
            t("outlines.from"),
            esc(&p.inputs.join(", ")),
            esc(at)
        )),
        None => out.push_str(&format!(
            r#"<p>{} <code>creacity outlines import FILE.geojson</code> — <a href="/data#outlines">{}</a></p>"#,
            t("outlines.none"),
            t("nav.data")
        )),
    }
    // The same content as a table.
    out.push_str(&format!(
        r#"<div class="scroll"><table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        t("map.table"),
        t("territory"),
        t("outline"),
        t("coordinates"),
        t("nav.clusters")
    ));
    for terr in &all {
        let ids = clusters_of.get(&terr.id).cloned().unwrap_or_default();
        let links: Vec<String> = ids
            .iter()
            .map(|id| format!(r#"<a href="/clusters/{0}">{0}</a>"#, esc(id)))
            .collect();
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(match lang {
                Lang::Ru => &terr.name_ru,
                Lang::En => &terr.name_en,
            }),
            if outlined.contains(&terr.id) {
                t("yes")
            } else {
                "—"
            },
            match (terr.lat, terr.lon) {
                (Some(a), Some(b)) => format!("{a:.3}, {b:.3}"),
                _ => "—".into(),
            },
            if links.is_empty() {
                "—".into()
            } else {
                links.join(", ")
            }
        ));
    }
    out.push_str("</tbody></table></div>");
    Ok(out)
}
