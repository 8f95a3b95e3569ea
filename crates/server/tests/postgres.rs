//! The web application over PostgreSQL (when `CREACITY_TEST_PG` names a database): the demo data
//! copied in, analyses run, concurrent edits, and an all-or-nothing import — in a schema of its own.

mod common;

use std::path::PathBuf;

use axum::http::StatusCode;
use common::{TestApp, add_users, multipart};
use creacity_server::{AppState, Config};
use creacity_store::Workspace;
use serde_json::json;

struct Schema {
    admin: String,
    name: String,
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

/// The sync PostgreSQL client may not be opened or dropped on an async thread, so the set-up and
/// the app's end happen outside the runtime (as in `creacity serve`).
#[test]
fn the_app_works_on_postgresql() {
    let Ok(url) = std::env::var("CREACITY_TEST_PG") else {
        eprintln!("skipping: CREACITY_TEST_PG is not set (see .ci/services.sh)");
        return;
    };
    let schema = Schema {
        name: format!("t_server_{}", std::process::id()),
        admin: url.clone(),
    };
    let mut c = postgres::Client::connect(&url, postgres::NoTls)
        .expect("CREACITY_TEST_PG is set but unreachable");
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}",
        schema.name
    ))
    .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let location = PathBuf::from(format!("{url}{sep}options=-csearch_path%3D{}", schema.name));

    // The demo, made as a SQLite file, copied record by record into PostgreSQL.
    let dir = tempfile::tempdir().unwrap();
    let demo = creacity_app::demo(dir.path(), false, |_| {}).unwrap();
    let lite = Workspace::open(&demo.workspace).unwrap();
    let mut pg = Workspace::create(&location).unwrap();
    assert!(pg.is_postgres());
    pg.import_territories("demo", &lite.territories().unwrap())
        .unwrap();
    pg.import_clusters("demo", &lite.clusters(None).unwrap())
        .unwrap();
    pg.import_documents("demo", &lite.documents().unwrap())
        .unwrap();
    add_users(&mut pg);
    drop(pg);

    let state = AppState::open(Config::new(&location)).unwrap();
    let t = TestApp {
        app: creacity_server::app(state),
        dir,
        workspace: location.clone(),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let t = rt.block_on(exercise(t));
    drop(t);
    drop(rt);
}

async fn exercise(t: TestApp) -> TestApp {
    let a = t.login("ali").await;
    let b = t.login("ann").await;
    let terr = t.get("/api/clusters", &a).await.json()[0]["territory_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        t.call("POST", "/api/problems", &a, None, vec![])
            .await
            .status,
        StatusCode::OK
    );
    let s = t
        .json("POST", "/api/strategies", &a, json!({ "territory": terr }))
        .await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.text());
    let sid = s.json()["id"].as_str().unwrap().to_string();
    let full = t.get(&format!("/api/strategies/{sid}"), &a).await.json();
    let mid = full["strategy"]["measures"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let v = full["versions"]["measures"][&mid].as_i64().unwrap();
    let path = format!("/api/strategies/{sid}/measures/{mid}");
    let (ra, rb) = tokio::join!(
        t.json(
            "PUT",
            &path,
            &a,
            json!({ "version": v, "status": "adopted" })
        ),
        t.json(
            "PUT",
            &path,
            &b,
            json!({ "version": v, "status": "dropped" })
        )
    );
    let mut statuses = [ra.status.as_u16(), rb.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);

    let before = t.get("/api/clusters", &a).await.json();
    let csv = std::fs::read_to_string(t.dir.path().join("data/clusters.csv")).unwrap();
    let bad = csv.replacen(",private_entrepreneur,", ",nobody,", 1);
    let (ct, body) = multipart(&[], "bad.csv", bad.as_bytes());
    let r = t
        .call("POST", "/api/imports/clusters", &a, Some(&ct), body)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(t.get("/api/clusters", &a).await.json(), before);
    let (ct, body) = multipart(&[], "clusters.csv", csv.as_bytes());
    let r = t
        .call("POST", "/api/imports/clusters", &a, Some(&ct), body)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // Outlines and the result pages on PostgreSQL.
    let outlines = include_str!("../../../data/demo/outlines.geojson");
    let r = t
        .call(
            "POST",
            "/api/outlines?filename=outlines.geojson",
            &a,
            None,
            outlines.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let map = t.get("/map", &a).await.text();
    assert_eq!(map.matches(r#"<path class="outline""#).count(), 4);
    let cooc = t.get("/api/problems/cooccurrence", &a).await;
    assert_eq!(cooc.status, StatusCode::OK, "{}", cooc.text());
    for page in [
        "/",
        "/clusters",
        "/typology",
        "/problems",
        "/strategy",
        "/data",
        "/qca",
        "/index",
        "/mapping",
    ] {
        assert_eq!(t.get(page, &a).await.status, StatusCode::OK, "{page}");
    }
    let log = t.get("/api/audit", &b).await.json();
    assert!(log.as_array().unwrap().len() >= 5);
    t
}
