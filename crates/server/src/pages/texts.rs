//! The Texts page: the newest stored `creacity text count` result (analysis kind `text`) — what was
//! counted, mentions and shares of documents per dictionary category (table and chart), the same per
//! group of documents (year or kind), the counts per document, and the documents to check.
//!
//! The stored JSON is read into the text engine's own types ([`CountTable`], [`GroupTable`]), the
//! ones the CLI serialises, so a change of their shape shows here as "unknown shape" rather than as
//! silently wrong numbers.

use axum::extract::State;
use creacity_model::{Coded, DocumentKind, Lang};
use creacity_report::{Bar, bars_svg, esc, num, pct};
use creacity_store::StoredAnalysis;
use creacity_text::{CountTable, GroupTable};
use serde::Deserialize;

use super::results::{Show, head, result_page};
use super::{Ctx, PageResult, tr};
use crate::state::AppState;

pub(crate) async fn page(s: State<AppState>, ctx: Ctx) -> PageResult {
    result_page(s, ctx, "text", "nav.text", Show::Newest, render).await
}

/// What `creacity text count` stores (crates/cli/src/commands/text.rs, `StoredCounts`).
#[derive(Deserialize)]
struct StoredCounts {
    table: CountTable,
    groups: Option<GroupTable>,
    by: Option<String>,
    #[serde(default)]
    flagged: Vec<String>,
}

/// At most this many documents are listed one by one (the JSON has them all).
const MAX_DOCUMENT_ROWS: usize = 500;
/// Above this many bars the per-group chart is left out (the table has the numbers).
const MAX_GROUP_BARS: usize = 60;
/// Colours of the groups in the per-group chart (the report's palette, dark enough for white).
const PALETTE: [&str; 6] = [
    "#2f5d8a", "#b5651d", "#3c7a3b", "#7a3b6e", "#5b6573", "#a33b3b",
];

/// A table in a region that scrolls sideways by itself (and by keyboard), so the page does not.
fn table_open(id: &str, caption: &str, cols: &[&str]) -> String {
    format!(
        r#"<div class="scroll" role="region" tabindex="0" aria-labelledby="{id}"><table class="compact"><caption id="{id}">{}</caption>{}<tbody>"#,
        esc(caption),
        head(cols)
    )
}

const TABLE_CLOSE: &str = "</tbody></table></div>";

pub(crate) fn render(a: &StoredAnalysis, lang: Lang) -> String {
    let t = |k: &str| tr(lang, k);
    let Ok(s) = serde_json::from_value::<StoredCounts>(a.result.clone()) else {
        return format!(r#"<p role="status">{}</p>"#, t("text.unknown_shape"));
    };
    let table = &s.table;
    let ndocs = table.documents.len();
    let tokens: usize = table.tokens.iter().sum();
    // The provenance names the dictionary as `name@version`; the table as "name version".
    let dictionary = a
        .provenance
        .data
        .iter()
        .find_map(|d| d.strip_prefix("dictionary:"))
        .unwrap_or(&table.dictionary);
    let grouping = match s.by.as_deref() {
        Some("year") => t("text.by.year").to_string(),
        Some("kind") => t("text.by.kind").to_string(),
        Some(other) => esc(other),
        None => t("text.by.none").to_string(),
    };
    let figure = |value: String, label: &str| {
        format!(
            r#"<div class="figure"><span class="value">{value}</span><span class="label">{label}</span></div>"#
        )
    };
    let mut out = format!(
        r#"<div class="figures">{}{}{}{}</div>"#,
        figure(
            format!("<code>{}</code>", esc(dictionary)),
            t("text.dictionary")
        ),
        figure(ndocs.to_string(), t("text.documents")),
        figure(num(tokens as f64, 0), t("text.tokens")),
        figure(grouping, t("text.grouping")),
    );
    if !s.flagged.is_empty() {
        out.push_str(&format!(
            r#"<p class="error" role="alert">{} {}</p>"#,
            t("text.flagged"),
            esc(&s.flagged.join(", "))
        ));
    }
    categories(table, tokens, lang, &mut out);
    if let Some(g) = &s.groups {
        groups(g, s.by.as_deref(), lang, &mut out);
    }
    documents(table, lang, &mut out);
    out.push_str(&format!(r#"<p class="muted">{}</p>"#, t("text.more")));
    out
}

/// A count of the table, 0 when the stored rows are shorter than the keys.
fn cell(rows: &[Vec<u64>], row: usize, key: usize) -> u64 {
    rows.get(row).and_then(|r| r.get(key)).copied().unwrap_or(0)
}

fn categories(table: &CountTable, tokens: usize, lang: Lang, out: &mut String) {
    let t = |k: &str| tr(lang, k);
    let ndocs = table.documents.len();
    out.push_str(&format!("<h2>{}</h2>", t("text.categories")));
    out.push_str(&table_open(
        "text-categories",
        t("text.categories.caption"),
        &[
            t("text.category"),
            t("text.mentions"),
            t("text.per_1000"),
            t("text.docs_with"),
        ],
    ));
    let mut bars = Vec::new();
    for (k, key) in table.keys.iter().enumerate() {
        let mentions: u64 = (0..ndocs).map(|d| cell(&table.counts, d, k)).sum();
        let with = (0..ndocs)
            .filter(|&d| cell(&table.counts, d, k) > 0)
            .count();
        let share = if ndocs == 0 {
            0.0
        } else {
            with as f64 / ndocs as f64
        };
        let per_1000 = if tokens == 0 {
            "—".to_string()
        } else {
            num(mentions as f64 * 1000.0 / tokens as f64, 2)
        };
        out.push_str(&format!(
            r#"<tr><th scope="row">{}</th><td>{mentions}</td><td>{per_1000}</td><td>{with} ({})</td></tr>"#,
            esc(key),
            pct(share)
        ));
        bars.push(Bar {
            label: key.clone(),
            value: share,
            interval: None,
            colour: PALETTE[0].into(),
        });
    }
    out.push_str(TABLE_CLOSE);
    if !bars.is_empty() {
        out.push_str(&format!(
            "<figure>{}<figcaption>{}</figcaption></figure>",
            bars_svg(&bars, t("text.share_docs.chart")),
            t("text.share_docs.chart")
        ));
    }
}

/// The groups in the order to show them: years ascending (no year last), else as stored (in
/// order of first appearance).
fn group_order(g: &GroupTable, by: Option<&str>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..g.groups.len()).collect();
    if by == Some("year") {
        order.sort_by_key(|&i| {
            g.groups[i]
                .parse::<i64>()
                .map_or((1, 0, g.groups[i].clone()), |y| (0, y, String::new()))
        });
    }
    order
}

/// A group's name as a reader knows it: a document kind's label in the page's language (the CLI
/// stores its code), else the label as stored (a year). Not yet escaped.
fn group_name(label: &str, by: Option<&str>, lang: Lang) -> String {
    let kind = DocumentKind::ALL.iter().find(|k| k.code() == label);
    match (by, kind) {
        (Some("kind"), Some(k)) => k.label(lang).to_string(),
        _ => label.to_string(),
    }
}

fn groups(g: &GroupTable, by: Option<&str>, lang: Lang, out: &mut String) {
    let t = |k: &str| tr(lang, k);
    let order = group_order(g, by);
    let names: Vec<String> = g.groups.iter().map(|x| group_name(x, by, lang)).collect();
    out.push_str(&format!("<h2>{}</h2>", t("text.groups")));
    // Who is in each group.
    out.push_str(&table_open(
        "text-group-sizes",
        t("text.groups.sizes"),
        &[t("text.group"), t("text.documents"), t("text.tokens")],
    ));
    for &gi in &order {
        let name = &names[gi];
        out.push_str(&format!(
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>"#,
            esc(name),
            g.documents.get(gi).copied().unwrap_or(0),
            g.tokens.get(gi).copied().unwrap_or(0)
        ));
    }
    out.push_str(TABLE_CLOSE);
    // Categories down, groups across: "mentions (share of the group's documents)".
    let mut cols = vec![t("text.category")];
    cols.extend(order.iter().map(|&gi| names[gi].as_str()));
    out.push_str(&table_open("text-groups", t("text.groups.caption"), &cols));
    let mut bars = Vec::new();
    for (k, key) in g.keys.iter().enumerate() {
        out.push_str(&format!(r#"<tr><th scope="row">{}</th>"#, esc(key)));
        for (pos, &gi) in order.iter().enumerate() {
            let name = &names[gi];
            let share = g
                .shares
                .get(gi)
                .and_then(|r| r.get(k))
                .copied()
                .filter(|x| x.is_finite())
                .unwrap_or(0.0);
            out.push_str(&format!(
                "<td>{} ({})</td>",
                cell(&g.counts, gi, k),
                pct(share)
            ));
            bars.push(Bar {
                label: format!("{name} · {key}"),
                value: share,
                interval: None,
                colour: PALETTE[pos % PALETTE.len()].into(),
            });
        }
        out.push_str("</tr>");
    }
    out.push_str(TABLE_CLOSE);
    if !bars.is_empty() && bars.len() <= MAX_GROUP_BARS {
        out.push_str(&format!(
            "<figure>{}<figcaption>{}</figcaption></figure>",
            bars_svg(&bars, t("text.groups.chart")),
            t("text.groups.chart")
        ));
    }
}

fn documents(table: &CountTable, lang: Lang, out: &mut String) {
    let t = |k: &str| tr(lang, k);
    let mut cols = vec![t("text.document"), t("text.tokens")];
    cols.extend(table.keys.iter().map(String::as_str));
    out.push_str(&format!(
        "<details><summary>{} ({})</summary>",
        t("text.per_document"),
        table.documents.len()
    ));
    out.push_str(&table_open("text-documents", t("text.per_document"), &cols));
    for (d, id) in table.documents.iter().enumerate().take(MAX_DOCUMENT_ROWS) {
        out.push_str(&format!(
            r#"<tr><th scope="row">{}</th><td>{}</td>"#,
            esc(id),
            table.tokens.get(d).copied().unwrap_or(0)
        ));
        for k in 0..table.keys.len() {
            out.push_str(&format!("<td>{}</td>", cell(&table.counts, d, k)));
        }
        out.push_str("</tr>");
    }
    out.push_str(TABLE_CLOSE);
    if table.documents.len() > MAX_DOCUMENT_ROWS {
        out.push_str(&format!(
            r#"<p class="muted">{} {MAX_DOCUMENT_ROWS}</p>"#,
            t("text.first_rows")
        ));
    }
    out.push_str("</details>");
}
