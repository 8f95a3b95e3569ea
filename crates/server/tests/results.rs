//! Issue #7's result pages and maps: stored QCA, index and mapping results; the co-occurrence of
//! problems; territory outlines (upload, validation, escaping, size limit) on the map, with and
//! without a tile server.

mod common;

use axum::http::StatusCode;
use common::{Who, demo, demo_app, multipart};
use creacity_store::Workspace;
use serde_json::json;

const OUTLINES: &str = include_str!("../../../data/demo/outlines.geojson");

fn provenance(method: &str) -> creacity_model::Provenance {
    creacity_model::Provenance {
        tool_version: "test".into(),
        method: method.into(),
        parameters: "{\"p\":1}".into(),
        data: Vec::new(),
        inputs: vec!["cases<1>.csv".into()],
        created_at: "2026-01-01T00:00:00Z".into(),
    }
}

async fn upload(t: &common::TestApp, who: &Who, name: &str, body: &[u8]) -> common::Resp {
    t.call(
        "POST",
        &format!("/api/outlines?filename={name}"),
        who,
        Some("application/geo+json"),
        body.to_vec(),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn result_pages_say_how_to_make_a_result_until_one_is_stored() {
    let t = demo();
    let v = t.login("vic").await;
    for (page, kind, command) in [
        ("/qca", "qca", "creacity qca"),
        ("/index", "index", "creacity index build"),
        ("/mapping", "mapping", "creacity map indices"),
    ] {
        let r = t.get(page, &v).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.text().contains("No results yet — run"), "{page}");
        assert!(r.text().contains(command), "{page}");
        assert!(
            t.get(&format!("{page}?lang=ru"), &v)
                .await
                .text()
                .contains("Результатов ещё нет")
        );
        let api = t.get(&format!("/api/analyses/{kind}/latest"), &v).await;
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert!(
            api.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains(command)
        );
    }
    let bad = t
        .get(
            "/api/analyses/x%27%3B%20DROP%20TABLE%20analyses%3B--/latest",
            &v,
        )
        .await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bad.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_qca_index_and_mapping_results_are_drawn_and_escaped() {
    let t = demo();
    let mut ws = Workspace::open(&t.workspace).unwrap();
    // The shapes the CLI stores (crates/cli/src/commands/{qca,index,map}.rs).
    let qca = json!({
        "outcome": "INITIATIVE", "text": "M1: A*~B -> INITIATIVE <script>",
        "truth_table": { "conditions": ["A", "B"], "rows": [
            { "number": 3, "values": [1, 0], "out": "One", "n": 2, "incl": 0.9, "pri": 0.85, "cases": ["c01", "<b>c02</b>"] },
            { "number": 4, "values": [1, 1], "out": "Remainder", "n": 0, "incl": null, "pri": null, "cases": [] } ] },
        "minimization": { "conservative": { "models": [ { "name": "M1", "expression": "A*~B",
            "fit": { "incl": 0.9, "pri": 0.85, "cov": 0.75 },
            "term_fits": [ { "expression": "A*~B", "fit": { "incl": 0.9, "pri": 0.85, "cov": 0.75 },
                             "cov_unique": 0.75, "cases": [["c01", "<b>c02</b>"]] } ] } ] },
            "parsimonious": null, "intermediate": [] }
    });
    ws.save_analysis("qca", None, &qca, &provenance("qca.minimize"))
        .unwrap();
    let index = json!({ "kind": "build", "result": { "index": "Index",
        "units": [ { "unit": "t01", "name": "<i>Town</i>", "rank": 2.0, "score": 40.0 },
                   { "unit": "t02", "name": "Other", "rank": 1.0, "score": 87.5 } ],
        "framework": [ { "code": "firms", "name": "Creative firms", "level": 1, "weight": 1.0, "parent": "Index" },
                       { "code": "Index", "name": "Index", "level": 2, "weight": 1.0, "parent": null } ],
        "strengths_weaknesses": [ { "unit": "t01", "strengths": [ { "code": "firms" } ], "weaknesses": [] } ] } });
    ws.save_analysis("index", None, &index, &provenance("creacity-index build"))
        .unwrap();
    let mapping = json!({ "kind": "indices", "result": {
        "territories": ["t01", "t02"], "sectors": ["design", "<software>"],
        "location_quotient": [1.5, 0.5, 0.25, null],
        "by_territory": [ { "territory": "t01", "total": 10.0, "krugman": 0.2, "herfindahl": 0.3, "entropy": 1.1, "diversity": 1 } ],
        "by_sector": [ { "sector": "design", "total": 7.0, "hoover": 20.8, "ubiquity": 1 } ] } });
    ws.save_analysis(
        "mapping",
        None,
        &mapping,
        &provenance("creacity-mapping indices"),
    )
    .unwrap();
    // A later mapping result of another sub-kind (firms matched to territories) is shown beside
    // the indices, not instead of them.
    // Stored results are ordered by their millisecond stamp, ties by a random id: two saves in one
    // millisecond would make "newer" a coin toss, so the later one waits for the next stamp.
    std::thread::sleep(std::time::Duration::from_millis(3));
    let matched = json!({ "kind": "territory-match", "result": { "firms": 10, "matched": 8,
        "share_matched": 0.8, "ambiguous_firms": 1, "no_place": 1,
        "unmatched": [ { "place": "<Nowhere>", "firms": 2 } ] } });
    ws.save_analysis(
        "mapping",
        None,
        &matched,
        &provenance("creacity-mapping territory-match"),
    )
    .unwrap();
    drop(ws);
    let v = t.login("vic").await;

    let html = t.get("/qca", &v).await.text();
    assert!(html.contains("<caption>Configurations observed in the cases (1 observed, 1 remainders not listed)</caption>"), "{html}");
    assert!(html.contains("<code>A*~B → INITIATIVE</code>"), "{html}");
    assert!(
        html.contains("<td>0.900</td><td>0.850</td><td>0.750</td><td>0.750</td>"),
        "{html}"
    );
    assert!(html.contains("c01, &lt;b&gt;c02&lt;/b&gt;") && !html.contains("<b>c02"));
    assert!(
        html.contains("-&gt; INITIATIVE &lt;script&gt;") && !html.contains("INITIATIVE <script>")
    );
    assert!(
        html.contains("cases&lt;1&gt;.csv"),
        "provenance shown, escaped"
    );
    assert!(html.matches("<svg").count() == 1, "the coverage chart");

    let html = t.get("/index", &v).await.text();
    let first = html.find("Other").unwrap();
    assert!(
        first < html.find("&lt;i&gt;Town").unwrap(),
        "best rank first"
    );
    assert!(html.contains("<td>87.50</td>") && !html.contains("<i>Town"));
    assert!(html.contains("Strengths and weaknesses"));
    assert!(html.contains("<h2>Index: scores and ranks</h2>"));

    let html = t.get("/mapping", &v).await.text();
    assert!(
        html.contains("Location quotients") && html.contains("t01 × design: 1.50"),
        "{html}"
    );
    assert!(html.contains("&lt;software&gt;") && !html.contains("<software>"));
    assert!(
        html.contains("<td>—</td>"),
        "a missing quotient is a dash in the table"
    );
    let (a, b) = (
        html.find("<h2>Firms matched to territories (OKTMO)</h2>")
            .unwrap(),
        html.find("<h2>Specialisation indices</h2>").unwrap(),
    );
    assert!(a < b, "newest first");
    assert!(html.contains("<td>&lt;Nowhere&gt;</td><td>2</td>") && html.contains("80%"));

    let api = t.get("/api/analyses/mapping/latest", &v).await.json();
    assert_eq!(api["kind"], "mapping");
    assert_eq!(
        api["result"]["kind"], "territory-match",
        "the newest of the kind"
    );
    assert_eq!(
        api["provenance"]["method"],
        "creacity-mapping territory-match"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn problem_cooccurrence_is_a_symmetric_matrix_with_a_heat_map() {
    let t = demo();
    let v = t.login("vic").await;
    let r = t.get("/api/problems/cooccurrence", &v).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let c = r.json();
    let ranking = t.get("/api/problems", &v).await.json();
    let problems = ranking["ranking"]["problems"].as_array().unwrap();
    let m = c["matrix"].as_array().unwrap();
    assert_eq!(m.len(), problems.len());
    for (i, row) in m.iter().enumerate() {
        // The diagonal: documents that mention the problem.
        assert_eq!(row[i], problems[i]["documents"]);
        for (j, v) in row.as_array().unwrap().iter().enumerate() {
            assert_eq!(*v, m[j][i], "symmetric");
            assert!(v.as_u64() <= row[i].as_u64());
        }
    }
    // Recounted from the mentions per document stored with the ranking.
    let both = |a: usize, b: usize| {
        let (pa, pb) = (&problems[a]["per_document"], &problems[b]["per_document"]);
        (0..pa.as_array().unwrap().len())
            .filter(|&d| pa[d].as_u64() > Some(0) && pb[d].as_u64() > Some(0))
            .count() as u64
    };
    assert_eq!(m[0][1].as_u64(), Some(both(0, 1)));
    assert_eq!(m[1][2].as_u64(), Some(both(1, 2)));
    let html = t.get("/problems", &v).await.text();
    assert!(html.contains("Problems mentioned together"));
    assert!(html.contains("<caption>Problems mentioned together</caption>"));
    assert!(
        t.get("/problems?lang=ru", &v)
            .await
            .text()
            .contains("Проблемы, упоминаемые вместе")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outlines_upload_and_show_on_the_map() {
    let t = demo();
    let a = t.login("ali").await;
    let v = t.login("vic").await;
    assert_eq!(
        upload(&t, &v, "o.geojson", OUTLINES.as_bytes())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = upload(&t, &a, "outlines.geojson", OUTLINES.as_bytes()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["matched"].as_array().unwrap().len(), 4);
    let fc = t.get("/api/outlines", &v).await.json();
    assert_eq!(fc["type"], "FeatureCollection");
    let ids: Vec<&str> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["territory_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["t01", "t02", "t03", "t04"]);
    assert!(fc["features"][0]["properties"]["name"].is_string());
    let stored = t
        .get("/api/analyses/territory-outlines/latest", &v)
        .await
        .json();
    assert_eq!(stored["provenance"]["inputs"][0], "outlines.geojson");
    let map = t.get("/map", &v).await;
    let html = map.text();
    assert_eq!(html.matches(r#"<path class="outline""#).count(), 4);
    assert!(html.contains(r#"data-territory="t01""#));
    assert_eq!(html.matches(r#"<circle class="territory""#).count(), 4);
    assert!(html.matches(r#"<circle class="cluster""#).count() >= 14);
    assert!(!html.contains("data-tiles"), "no tiles unless configured");
    assert!(
        map.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("img-src 'self' data:;")
    );
    assert!(html.contains(r#"<a href="/map" aria-current="page">"#));
    assert!(!html.contains(r#"<a href="/mapping" aria-current"#));
    // The overview's map draws them too; the audit log has the import.
    assert_eq!(
        t.get("/", &v)
            .await
            .text()
            .matches(r#"<path class="outline""#)
            .count(),
        4
    );
    let ann = t.login("ann").await;
    let audit = t.get("/api/audit?limit=5", &ann).await.text();
    assert!(audit.contains("outlines.import"), "{audit}");
    // The Data page form does the same.
    let (ct, body) = multipart(
        &[("id_property", "territory_id")],
        "demo.geojson",
        OUTLINES.as_bytes(),
    );
    let csrf = a.csrf.clone().unwrap();
    let r = t
        .call(
            "POST",
            &format!("/data/outlines?csrf={csrf}"),
            &a,
            Some(&ct),
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(
        r.text().contains("Outlines stored: demo.geojson — 4"),
        "{}",
        r.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_outlines_are_refused_with_the_feature_and_field() {
    let t = demo();
    let a = t.login("ali").await;
    let bad = OUTLINES.replacen("[61.", "[461.", 1);
    let r = upload(&t, &a, "bad.geojson", bad.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let e = r.json();
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("bad.geojson: 1 problem(s)"),
        "{e}"
    );
    let d = e["error"]["details"][0].as_str().unwrap();
    assert!(
        d.starts_with("feature 0 (geometry.coordinates[0][") && d.contains("longitude 461"),
        "{d}"
    );
    let r = upload(
        &t,
        &a,
        "broken.geojson",
        b"{\"type\": \"FeatureCollection\", \"features\": [",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text().contains("not JSON: line 1, column"),
        "{}",
        r.text()
    );
    let r = upload(&t, &a, "o.exe", OUTLINES.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = upload(&t, &a, "o.geojson", &[0xff, 0xfe, 0x00]).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = t
        .call(
            "POST",
            "/api/outlines?filename=o.geojson&evil=1",
            &a,
            None,
            vec![],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let none = OUTLINES.replace("\"territory_id\"", "\"code\"");
    let r = upload(&t, &a, "o.geojson", none.as_bytes()).await;
    assert!(r.text().contains("--id-property"), "{}", r.text());
    let r = t
        .call(
            "POST",
            "/api/outlines?filename=o.geojson&id_property=code",
            &a,
            None,
            none.into_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // Nothing bad was stored: the good upload is what the map shows.
    assert_eq!(
        t.get("/api/outlines", &a).await.json()["features"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn script_in_outline_properties_and_territory_names_is_escaped() {
    let t = demo();
    let a = t.login("ali").await;
    let csv = "id,kind,name_ru,name_en,parent_id,oktmo,population,lat,lon,second_tier,industrial,monotown,synthetic\n\
               x1,city,<script>alert(1)</script>,\"<img src=x onerror=alert(1)>\",,,1000,56.0,60.0,yes,yes,no,yes\n";
    let r = t
        .call(
            "POST",
            "/api/imports/territories?filename=x.csv",
            &a,
            Some("text/csv"),
            csv.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let geo = json!({ "type": "FeatureCollection", "features": [
        { "type": "Feature", "properties": { "territory_id": "x1", "name": "<script>alert(2)</script>" },
          "geometry": { "type": "Polygon", "coordinates": [[[60.0, 56.0], [60.1, 56.0], [60.1, 56.1], [60.0, 56.0]]] } },
        { "type": "Feature", "properties": { "id": "<img src=x onerror=alert(3)>" },
          "geometry": { "type": "Polygon", "coordinates": [[[61.0, 56.0], [61.1, 56.0], [61.1, 56.1], [61.0, 56.0]]] } } ] });
    let (ct, body) = multipart(&[], "x.geojson", geo.to_string().as_bytes());
    let csrf = a.csrf.clone().unwrap();
    let r = t
        .call(
            "POST",
            &format!("/data/outlines?csrf={csrf}"),
            &a,
            Some(&ct),
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("&lt;img src=x onerror=alert(3)&gt;"),
        "the unmatched feature is reported, escaped"
    );
    assert!(!html.contains("<img src=x"));
    for lang in ["en", "ru"] {
        let html = t.get(&format!("/map?lang={lang}"), &a).await.text();
        assert!(
            !html.contains("<script>alert") && !html.contains("<img src=x"),
            "{lang}"
        );
        assert!(
            html.contains("<title>&lt;"),
            "{lang}: the outline's title is the escaped name"
        );
    }
    // The stored outline carries the workspace's name of the territory, not the file's.
    let fc = t.get("/api/outlines", &a).await.json();
    assert_eq!(
        fc["features"][0]["properties"]["name"],
        "<img src=x onerror=alert(1)>"
    );
    assert!(!fc.to_string().contains("alert(2)"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_outline_uploads_are_refused() {
    let t = demo_app(|p| {
        let mut c = creacity_server::Config::new(p);
        c.max_upload = 64 * 1024;
        c
    });
    let a = t.login("ali").await;
    let big = format!("{}{}", OUTLINES, " ".repeat(100 * 1024));
    let r = upload(&t, &a, "big.geojson", big.as_bytes()).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text());
    let (ct, body) = multipart(&[], "big.geojson", big.as_bytes());
    let csrf = a.csrf.clone().unwrap();
    let r = t
        .call(
            "POST",
            &format!("/data/outlines?csrf={csrf}"),
            &a,
            Some(&ct),
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tile_server_is_used_only_when_configured() {
    let t = demo_app(|p| {
        let mut c = creacity_server::Config::new(p);
        c.tiles = Some(
            creacity_server::TileSource::new(
                "https://tiles.example.org/{z}/{x}/{y}.png",
                Some("© Example <tiles>"),
            )
            .unwrap(),
        );
        c
    });
    let v = t.login("vic").await;
    let r = t.get("/map", &v).await;
    let html = r.text();
    assert!(
        html.contains(r#"data-tiles="https://tiles.example.org/{z}/{x}/{y}.png""#),
        "{html}"
    );
    assert!(html.contains("data-z=\"6\""), "the demo cities fit zoom 6");
    assert!(html.contains("© Example &lt;tiles&gt;"));
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("img-src 'self' data: https://tiles.example.org;"),
        "{csp}"
    );
    assert!(csp.contains("script-src 'self'"));
    // Other pages keep their maps offline.
    let o = t.get("/", &v).await;
    assert!(!o.text().contains("data-tiles"));
    assert!(
        !o.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("example.org")
    );
}
