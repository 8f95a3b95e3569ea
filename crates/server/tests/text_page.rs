//! The Texts page: the stored `creacity text count` result (analysis kind `text`).
//!
//! The result is made the way the CLI makes it (crates/cli/src/commands/text.rs, `count`): the
//! demo workspace's documents counted by the text engine (`Lookup`, `count_documents`,
//! `CountTable::by_group` over the years) and stored as `{table, groups, by, flagged}` with the
//! same provenance fields. The CLI's `StoredCounts` is private to the cli crate, so the JSON is
//! built here from the same `creacity_text` types, not written by hand.

mod common;

use axum::http::StatusCode;
use common::{TestApp, Who, demo};
use creacity_store::Workspace;
use creacity_text::{
    CountTable, GroupTable, Lookup, LookupParams, TextDocument, count_documents, read_yaml,
};
use serde_json::json;

/// A dictionary whose second category's label is markup: it must reach the page as text.
const DICTIONARY: &str =
    "creative:\n  - creative*\n\"<script>alert(1)</script>\":\n  - креативн*\n";

/// Counts the demo documents by year and stores the result as `creacity text count --by year`.
fn store_counts(t: &TestApp) -> (CountTable, GroupTable) {
    store_counts_by(t, By::Year)
}

#[derive(Clone, Copy, PartialEq)]
enum By {
    Year,
    Kind,
}

/// The same with the CLI's group labels (crates/cli/src/commands/text.rs, `group_label`): the
/// year or "—", or the document kind's code.
fn store_counts_by(t: &TestApp, by: By) -> (CountTable, GroupTable) {
    let mut ws = Workspace::open(&t.workspace).unwrap();
    let docs = ws.documents().unwrap();
    let mut dict = read_yaml(DICTIONARY).unwrap();
    dict.name = "demo-words".into();
    dict.version = "1.0".into();
    let lookup = Lookup::new(&dict, &LookupParams::default().levels(1, 1)).unwrap();
    let texts: Vec<TextDocument> = docs.iter().map(TextDocument::from).collect();
    let table = count_documents(&texts, &lookup);
    let labels: Vec<String> = docs
        .iter()
        .map(|d| match by {
            By::Year => d.year.map_or_else(|| "—".to_string(), |y| y.to_string()),
            By::Kind => creacity_model::Coded::code(d.kind).to_string(),
        })
        .collect();
    let groups = table.by_group(&labels).unwrap();
    let by = if by == By::Year { "year" } else { "kind" };
    let stored = json!({ "table": table, "groups": groups, "by": by, "flagged": [] });
    let provenance = creacity_model::Provenance {
        tool_version: "test".into(),
        method: "text.count".into(),
        parameters: json!({ "levels": [1, 1], "stem": false, "by": by }).to_string(),
        data: vec![format!("dictionary:{}@{}", dict.name, dict.version)],
        inputs: vec![format!(
            "documents: {}",
            docs.iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        )],
        created_at: "2026-01-01T00:00:00Z".into(),
    };
    ws.save_analysis("text", None, &stored, &provenance)
        .unwrap();
    (table, groups)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_page_says_how_to_count_until_a_result_is_stored() {
    let t = demo();
    let v = t.login("vic").await;
    let r = t.get("/texts", &v).await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(html.contains("<h1>Texts</h1>"), "{html}");
    assert!(
        html.contains("No results yet — run <code>creacity text count --dictionary FILE</code>"),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/texts" aria-current="page">Texts</a>"#));
    let ru = t.get("/texts?lang=ru", &v).await.text();
    assert!(ru.contains("<h1>Тексты</h1>"));
    assert!(ru.contains(
        "Результатов ещё нет — выполните <code>creacity text count --dictionary FILE</code>"
    ));
    // Every page links to it.
    assert!(
        t.get("/", &v)
            .await
            .text()
            .contains(r#"<li><a href="/texts">Texts</a></li>"#)
    );
    let api = t.get("/api/analyses/text/latest", &v).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(
        api.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("creacity text count --dictionary FILE")
    );
    // Signed out: the sign-in page, not the results.
    let anon = t.get("/texts", &Who::default()).await;
    assert_ne!(anon.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_counts_are_drawn_per_category_and_year_and_escaped() {
    let t = demo();
    let (table, groups) = store_counts(&t);
    // Hand count of the synthetic demo corpus (`grep -oiE '\bcreative'` and `'креативн\w*'` over
    // data/demo/corpus/*.md): "creative…" 2 in each of the 4 English texts, "креативн…" 4 + 4 +
    // 6 + 3 in the 4 Russian ones.
    assert_eq!(table.documents.len(), 8);
    let col = |k: usize| table.counts.iter().map(|r| r[k]).collect::<Vec<_>>();
    assert_eq!(col(0).iter().sum::<u64>(), 8);
    assert_eq!(col(1).iter().sum::<u64>(), 17);
    let tokens: usize = table.tokens.iter().sum();
    let v = t.login("vic").await;
    let html = t.get("/texts", &v).await.text();

    // What was counted.
    assert!(
        html.contains(r#"<span class="value"><code>demo-words@1.0</code></span><span class="label">dictionary</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"<span class="value">8</span><span class="label">documents</span>"#));
    assert!(html.contains(&format!(
        r#"<span class="value">{tokens}</span><span class="label">tokens (words)</span>"#
    )));
    assert!(html.contains(r#"<span class="value">by year</span>"#));
    // Per category: mentions, per 1,000 tokens, documents, share of documents.
    assert!(html.contains(
        "<caption id=\"text-categories\">Mentions of each dictionary category and the documents mentioning it</caption>"
    ));
    let per_1000 = |m: f64| format!("{:.2}", m * 1000.0 / tokens as f64);
    assert!(
        html.contains(&format!(
            r#"<tr><th scope="row">creative</th><td>8</td><td>{}</td><td>4 (50%)</td></tr>"#,
            per_1000(8.0)
        )),
        "{html}"
    );
    // The markup in the label is text, everywhere it appears (table, chart, column heads).
    let label = "&lt;script&gt;alert(1)&lt;/script&gt;";
    assert!(html.contains(&format!(
        r#"<tr><th scope="row">{label}</th><td>17</td><td>{}</td><td>4 (50%)</td></tr>"#,
        per_1000(17.0)
    )));
    assert!(!html.contains("<script>alert"), "unescaped label");
    assert!(
        html.matches(label).count() >= 5,
        "table, chart, per year, per document"
    );
    // The chart of shares.
    assert!(html.contains(r#"aria-label="Share of documents mentioning each category""#));
    assert!(html.contains("<figcaption>Share of documents mentioning each category</figcaption>"));
    // Per year: 2024 holds ru-str-03 (6), ru-int-04 (3) and en-news-08 (2 "creative").
    let y2024 = groups.groups.iter().position(|g| g == "2024").unwrap();
    assert_eq!(groups.documents[y2024], 3);
    assert!(html.contains(r#"<th scope="row">2024</th><td>3</td>"#));
    // Years ascending, whatever the order of the documents.
    assert!(html.contains(
        r#"<th scope="col">Category</th><th scope="col">2021</th><th scope="col">2022</th><th scope="col">2023</th><th scope="col">2024</th>"#
    ));
    let row = |key: &str| {
        let start = html
            .find(&format!(r#"<tr><th scope="row">{key}</th><td>"#))
            .unwrap();
        // The row in the per-year table is the second one for the key (after the categories').
        let start = start
            + 1
            + html[start + 1..]
                .find(&format!(r#"<tr><th scope="row">{key}</th>"#))
                .unwrap();
        html[start..start + html[start..].find("</tr>").unwrap()].to_string()
    };
    let cells = |key: &str| -> Vec<String> {
        row(key)
            .split("<td>")
            .skip(1)
            .map(|c| c.trim_end_matches("</td>").to_string())
            .collect()
    };
    assert_eq!(cells(label)[3], "9 (67%)");
    assert_eq!(cells("creative")[3], "2 (33%)");
    assert_eq!(cells("creative")[0], "2 (100%)", "2021: en-lit-05 alone");
    assert!(html.contains("aria-label=\"Share of each group&#39;s documents"));
    // Per document, folded.
    assert!(html.contains("<details><summary>Counts per document (8)</summary>"));
    // Wide tables scroll inside a labelled region reachable by keyboard.
    for id in [
        "text-categories",
        "text-group-sizes",
        "text-groups",
        "text-documents",
    ] {
        assert!(
            html.contains(&format!(
                r#"<div class="scroll" role="region" tabindex="0" aria-labelledby="{id}">"#
            )),
            "{id}"
        );
    }
    // Provenance, with the dictionary as reference data, and the JSON.
    assert!(html.contains("<dt>Reference data</dt><dd>dictionary:demo-words@1.0</dd>"));
    assert!(html.contains("text.count"));
    assert!(html.contains(r#"<a href="/api/analyses/text/latest">JSON</a>"#));
    let api = t.get("/api/analyses/text/latest", &v).await.json();
    assert_eq!(
        api["result"]["table"]["keys"][1],
        "<script>alert(1)</script>"
    );

    let ru = t.get("/texts?lang=ru", &v).await.text();
    assert!(ru.contains("<h1>Тексты</h1>"));
    assert!(ru.contains(r#"<span class="label">словарь</span>"#));
    assert!(ru.contains(r#"<span class="value">по годам</span>"#));
    assert!(ru.contains("<th scope=\"col\">Документы (доля)</th>"));
    assert!(!ru.contains("<script>alert"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_of_an_unknown_shape_is_named_not_misread() {
    let t = demo();
    let mut ws = Workspace::open(&t.workspace).unwrap();
    let provenance = creacity_model::Provenance {
        tool_version: "test".into(),
        method: "<b>text.count</b>".into(),
        parameters: "{}".into(),
        data: Vec::new(),
        inputs: Vec::new(),
        created_at: "2026-01-01T00:00:00Z".into(),
    };
    ws.save_analysis("text", None, &json!({ "rows": [1, 2] }), &provenance)
        .unwrap();
    drop(ws);
    let v = t.login("vic").await;
    let r = t.get("/texts", &v).await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(html.contains("The stored result has a shape this page does not know"));
    assert!(html.contains("&lt;b&gt;text.count&lt;/b&gt;") && !html.contains("<b>text.count"));
    assert!(!html.contains("<dt>Reference data</dt>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_by_kind_are_named_in_the_page_language() {
    let t = demo();
    let (_, groups) = store_counts_by(&t, By::Kind);
    let mut kinds = groups.groups.clone();
    kinds.sort();
    assert_eq!(kinds, ["interview", "literature", "news", "strategy"]);
    let v = t.login("vic").await;
    let ru = t.get("/texts?lang=ru", &v).await.text();
    assert!(ru.contains(r#"<span class="value">по видам</span>"#));
    // Literature: ru-lit-01, ru-lit-02, en-lit-05, en-lit-06.
    assert!(
        ru.contains(r#"<tr><th scope="row">научная литература</th><td>4</td>"#),
        "{ru}"
    );
    assert!(ru.contains(r#"<th scope="col">интервью</th>"#));
    let en = t.get("/texts?lang=en", &v).await.text();
    assert!(en.contains(r#"<tr><th scope="row">literature</th><td>4</td>"#));
}
