//! What the pages of stored results (QCA, index, mapping, texts) share: the newest result of a kind,
//! the guidance shown when there is none, and the provenance line.

use axum::extract::State;
use creacity_model::Lang;
use creacity_report::esc;
use creacity_store::{StoredAnalysis, Workspace};

use super::{Ctx, PageResult, fail, shell, tr};
use crate::analyses::how_to_make;
use crate::error::ApiError;
use crate::state::AppState;

/// Renders the body of a result page from the newest stored analysis of `kind`.
pub(crate) type Render = fn(&StoredAnalysis, Lang) -> String;

/// Which stored results a page shows.
#[derive(Clone, Copy)]
pub(crate) enum Show {
    /// The newest result of the kind.
    Newest,
    /// The newest result of each sub-kind (`result.kind`: an index build, audit and scenario; the
    /// mapping's indices, clusters, hot spots …), newest first.
    NewestOfEach,
}

/// A result page: cached body, the guidance when nothing is stored.
pub(crate) async fn result_page(
    s: State<AppState>,
    ctx: Ctx,
    kind: &'static str,
    title_key: &'static str,
    show: Show,
    render: Render,
) -> PageResult {
    let lang = ctx.lang;
    let body = s
        .cached(format!("result|{kind}|{lang:?}"), move |ws, _| {
            body(ws, kind, lang, show, render)
        })
        .await
        .map_err(fail(&ctx))?;
    Ok(shell(&ctx, ctx.t(title_key), &body))
}

/// How many stored results of a kind are looked at for the newest of each sub-kind.
const LOOK_BACK: usize = 200;

fn body(
    ws: &Workspace,
    kind: &str,
    lang: Lang,
    show: Show,
    render: Render,
) -> Result<String, ApiError> {
    let stored = match show {
        Show::Newest => ws.latest_analysis(kind, None)?.into_iter().collect(),
        Show::NewestOfEach => {
            let mut seen = std::collections::HashSet::new();
            ws.analyses(kind, LOOK_BACK)?
                .into_iter()
                .filter(|a| seen.insert(a.result["kind"].as_str().unwrap_or("").to_string()))
                .collect::<Vec<_>>()
        }
    };
    if stored.is_empty() {
        return Ok(none_yet(kind, lang));
    }
    let mut out = String::new();
    for a in &stored {
        out.push_str("<section>");
        out.push_str(&render(a, lang));
        out.push_str(&provenance(a, lang));
        out.push_str("</section>");
    }
    out.push_str(&format!(
        r#"<p class="muted"><a href="/api/analyses/{kind}/latest">JSON</a></p>"#
    ));
    Ok(out)
}

/// The heading of a sub-kind of result (`build`, `indices`, …), or the code itself when unknown.
pub(crate) fn sub_label(lang: Lang, sub: &str) -> String {
    let key = format!("sub.{sub}");
    if super::i18n::all_words().any(|w| w.0 == key) {
        tr(lang, &key).to_string()
    } else {
        esc(sub)
    }
}

/// "No results yet — run …".
pub(crate) fn none_yet(kind: &str, lang: Lang) -> String {
    format!(
        r#"<p role="status">{} <code>{}</code></p>"#,
        tr(lang, "results.none"),
        esc(how_to_make(kind))
    )
}

/// Method, parameters, inputs and time of a stored result.
pub(crate) fn provenance(a: &StoredAnalysis, lang: Lang) -> String {
    let p = &a.provenance;
    // Reference data (a dictionary, a classification) as `name@version`, when any was used.
    let data = if p.data.is_empty() {
        String::new()
    } else {
        format!(
            "<dt>{}</dt><dd>{}</dd>",
            tr(lang, "data.reference"),
            esc(&p.data.join(", "))
        )
    };
    format!(
        r#"<details class="provenance"><summary>{}</summary><dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd><code>{}</code></dd>{}<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} {}</dd></dl></details>"#,
        tr(lang, "provenance"),
        tr(lang, "method"),
        esc(&p.method),
        tr(lang, "parameters"),
        esc(&p.parameters),
        data,
        tr(lang, "inputs"),
        esc(&p.inputs.join(", ")),
        tr(lang, "when"),
        esc(&a.created_at),
        esc(&p.tool_version)
    )
}

/// A number with `digits` decimals, or a dash for null / non-numbers.
pub(crate) fn fmt(v: &serde_json::Value, digits: usize) -> String {
    v.as_f64()
        .filter(|x| x.is_finite())
        .map_or_else(|| "—".to_string(), |x| creacity_report::num(x, digits))
}

/// Text of a JSON string (empty when not a string), escaped.
pub(crate) fn text(v: &serde_json::Value) -> String {
    esc(v.as_str().unwrap_or(""))
}

/// The items of a JSON array (none when not an array).
pub(crate) fn list(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    v.as_array().into_iter().flatten().collect()
}

/// `<thead>` with the given column heads.
pub(crate) fn head(cols: &[&str]) -> String {
    let mut s = String::from("<thead><tr>");
    for c in cols {
        s.push_str(&format!(r#"<th scope="col">{}</th>"#, esc(c)));
    }
    s.push_str("</tr></thead>");
    s
}
