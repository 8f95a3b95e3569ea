//! The web application in-process: sign-in, roles and CSRF on every write, the OpenAPI document,
//! optimistic locking under concurrent edits, imports, and each kind of bad input of issue #7.

mod common;

use axum::http::StatusCode;
use common::{Who, demo, demo_app, multipart};
use creacity_server::routes::{API_ROUTES, Access, PAGE_ROUTES};
use serde_json::json;

fn concrete(path: &str) -> String {
    path.split('/')
        .map(|s| if s.starts_with('{') { "x" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_documents_every_api_route_and_nothing_else() {
    let t = demo();
    let r = t.get("/api/openapi.json", &Who::default()).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for route in API_ROUTES {
        let op = &paths[route.path][route.method.to_lowercase()];
        assert!(
            op.is_object(),
            "{} {} missing from the OpenAPI document",
            route.method,
            route.path
        );
        if let Some(body) = route.body {
            assert!(
                doc["components"]["schemas"][body].is_object(),
                "schema {body}"
            );
        }
    }
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        documented,
        API_ROUTES.len(),
        "the document lists only routes of the table"
    );
    // Every documented GET route answers (not 404/405) for a signed-in administrator.
    let admin = t.login("ann").await;
    for route in API_ROUTES
        .iter()
        .filter(|r| r.method == "GET" && !r.path.contains('{'))
    {
        let r = t.get(route.path, &admin).await;
        assert!(
            r.status != StatusCode::METHOD_NOT_ALLOWED && r.status.as_u16() < 500,
            "{} → {} {}",
            route.path,
            r.status,
            r.text()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_endpoint_refuses_anonymous_viewers_and_missing_csrf() {
    let t = demo();
    let viewer = t.login("vic").await;
    let analyst = t.login("ali").await;
    let writes: Vec<_> = API_ROUTES
        .iter()
        .chain(PAGE_ROUTES)
        .filter(|r| r.method != "GET" && r.access != Access::Public)
        .collect();
    assert!(writes.len() >= 15, "{} write routes", writes.len());
    for r in &writes {
        let path = concrete(r.path);
        let anon = t
            .call(
                r.method,
                &path,
                &Who::default(),
                Some("application/json"),
                b"{}".to_vec(),
            )
            .await;
        assert_eq!(
            anon.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {} {}: {}",
            r.method,
            path,
            anon.text()
        );
        // A valid session without its CSRF token is refused before anything else.
        let no_csrf = Who {
            cookie: analyst.cookie.clone(),
            csrf: None,
        };
        let nc = t
            .call(
                r.method,
                &path,
                &no_csrf,
                Some("application/json"),
                b"{}".to_vec(),
            )
            .await;
        assert_eq!(
            nc.status,
            StatusCode::FORBIDDEN,
            "no CSRF {} {}: {}",
            r.method,
            path,
            nc.text()
        );
        let wrong = Who {
            cookie: analyst.cookie.clone(),
            csrf: Some("0".repeat(64)),
        };
        let wc = t
            .call(
                r.method,
                &path,
                &wrong,
                Some("application/json"),
                b"{}".to_vec(),
            )
            .await;
        assert_eq!(
            wc.status,
            StatusCode::FORBIDDEN,
            "wrong CSRF {} {}",
            r.method,
            path
        );
        if r.access >= Access::Analyst {
            let v = t
                .call(
                    r.method,
                    &path,
                    &viewer,
                    Some("application/json"),
                    b"{}".to_vec(),
                )
                .await;
            assert_eq!(
                v.status,
                StatusCode::FORBIDDEN,
                "viewer {} {}: {}",
                r.method,
                path,
                v.text()
            );
            assert!(v.text().contains("viewer role may not"), "{}", v.text());
        }
        if r.access == Access::Admin {
            let a = t
                .call(
                    r.method,
                    &path,
                    &analyst,
                    Some("application/json"),
                    b"{}".to_vec(),
                )
                .await;
            assert_eq!(
                a.status,
                StatusCode::FORBIDDEN,
                "analyst {} {}",
                r.method,
                path
            );
        }
    }
    // Reads need a session too; pages send the anonymous to the sign-in page.
    assert_eq!(
        t.get("/api/clusters", &Who::default()).await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = t.get("/clusters", &Who::default()).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers["location"], "/login?next=/clusters");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_a_hardened_cookie_and_sign_out_ends_the_session() {
    let t = demo();
    let bad = t
        .json(
            "POST",
            "/api/session",
            &Who::default(),
            json!({ "name": "ann", "password": "nope" }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    let unknown = t
        .json(
            "POST",
            "/api/session",
            &Who::default(),
            json!({ "name": "nobody", "password": "nope" }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        bad.json()["error"]["message"],
        unknown.json()["error"]["message"]
    );
    let r = t
        .json(
            "POST",
            "/api/session",
            &Who::default(),
            json!({ "name": "ann", "password": common::PASSWORD }),
        )
        .await;
    let cookie = r.headers["set-cookie"].to_str().unwrap();
    for attr in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    let who = t.login("ann").await;
    // Five failures lock the name out for a while, even with the right password.
    for _ in 0..5 {
        let r = t
            .json(
                "POST",
                "/api/session",
                &Who::default(),
                json!({ "name": "vic", "password": "guess" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = t
        .json(
            "POST",
            "/api/session",
            &Who::default(),
            json!({ "name": "vic", "password": common::PASSWORD }),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
    let me = t.get("/api/session", &who).await.json();
    assert_eq!(
        (me["user"].as_str(), me["role"].as_str()),
        (Some("ann"), Some("admin"))
    );
    assert_eq!(
        t.call("DELETE", "/api/session", &who, None, vec![])
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        t.get("/api/session", &who).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn first_cluster(t: &common::TestApp, who: &Who) -> (String, i64, serde_json::Value) {
    let list = t.get("/api/clusters", who).await.json();
    let id = list[0]["id"].as_str().unwrap().to_string();
    let one = t.get(&format!("/api/clusters/{id}"), who).await.json();
    (id, one["version"].as_i64().unwrap(), one["cluster"].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_edits_of_one_card_give_one_conflict() {
    let t = demo();
    let a = t.login("ali").await;
    let b = t.login("ann").await;
    let (id, v, card) = first_cluster(&t, &a).await;
    let mut ca = card.clone();
    ca["residents"] = json!(111);
    let mut cb = card.clone();
    cb["residents"] = json!(222);
    let path = format!("/api/clusters/{id}");
    let (ra, rb) = tokio::join!(
        t.json("PUT", &path, &a, json!({ "version": v, "cluster": ca })),
        t.json("PUT", &path, &b, json!({ "version": v, "cluster": cb }))
    );
    let mut statuses = [ra.status.as_u16(), rb.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", ra.text(), rb.text());
    let loser = if ra.status == StatusCode::CONFLICT {
        &ra
    } else {
        &rb
    };
    let msg = loser.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("changed by someone else") && msg.contains("reload"),
        "{msg}"
    );
    let now = t.get(&path, &a).await.json();
    assert_eq!(now["version"], v + 1);
    let winner_value = if ra.status == StatusCode::OK {
        111
    } else {
        222
    };
    assert_eq!(
        now["cluster"]["residents"], winner_value,
        "the winner's edit is kept, not lost"
    );
    // The audit log names the change.
    let log = t.get("/api/audit", &b).await.json();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "cluster.update" && e["target"] == id.as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn measure_and_kpi_edits_are_locked_too() {
    let t = demo();
    let a = t.login("ali").await;
    let list = t.get("/api/strategies", &a).await.json();
    let sid = list[0]["id"].as_str().unwrap().to_string();
    let s = t.get(&format!("/api/strategies/{sid}"), &a).await.json();
    let mid = s["strategy"]["measures"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mv = s["versions"]["measures"][&mid].as_i64().unwrap();
    let path = format!("/api/strategies/{sid}/measures/{mid}");
    let ok = t
        .json(
            "PUT",
            &path,
            &a,
            json!({ "version": mv, "status": "in_progress" }),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    let stale = t
        .json("PUT", &path, &a, json!({ "version": mv, "status": "done" }))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let bad = t
        .json(
            "PUT",
            &path,
            &a,
            json!({ "version": mv + 1, "status": "finished" }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let kid = s["strategy"]["kpis"][0]["id"].as_str().unwrap().to_string();
    let kv = s["versions"]["kpis"][&kid].as_i64().unwrap();
    let kpath = format!("/api/strategies/{sid}/kpis/{kid}");
    let k = t
        .json("PUT", &kpath, &a, json!({ "version": kv, "baseline": 10.0, "target": 30.0, "target_year": 2030, "current": 15.0 }))
        .await;
    assert_eq!(k.status, StatusCode::OK, "{}", k.text());
    let after = t.get(&format!("/api/strategies/{sid}"), &a).await.json();
    let kpi = after["strategy"]["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == kid.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (kpi["target"].as_f64(), kpi["current"].as_f64()),
        (Some(30.0), Some(15.0))
    );
    let m = after["strategy"]["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == mid.as_str())
        .unwrap()
        .clone();
    assert_eq!(m["status"], "in_progress");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_unknown_fields_and_wrong_content_type() {
    let t = demo();
    let a = t.login("ali").await;
    let (id, v, card) = first_cluster(&t, &a).await;
    let path = format!("/api/clusters/{id}");
    let r = t
        .call(
            "PUT",
            &path,
            &a,
            Some("application/json"),
            b"{\"version\": 1, \"cluster\": ".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert_eq!(r.json()["error"]["kind"], "bad_request");
    let r = t
        .json(
            "PUT",
            &path,
            &a,
            json!({ "version": v, "cluster": card, "extra": 1 }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("extra"), "{}", r.text());
    let mut inner = card.clone();
    inner["is_admin"] = json!(true);
    let r = t
        .json("PUT", &path, &a, json!({ "version": v, "cluster": inner }))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("is_admin"), "{}", r.text());
    let mut share = card.clone();
    share["public_share_creation"] = json!(1.5);
    let r = t
        .json("PUT", &path, &a, json!({ "version": v, "cluster": share }))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let r = t
        .call("PUT", &path, &a, Some("text/plain"), b"{}".to_vec())
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = t.get("/api/clusters?bogus=1", &a).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Nothing changed.
    assert_eq!(t.get(&path, &a).await.json()["version"], v);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sql_and_script_injection_are_stored_as_text_and_escaped_on_pages() {
    let t = demo();
    let a = t.login("ali").await;
    let (id, v, mut card) = first_cluster(&t, &a).await;
    let evil_sql = "x'); DROP TABLE clusters; --";
    let evil_html = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    card["name_en"] = json!(evil_html);
    card["name_ru"] = json!(evil_sql);
    card["notes"] = json!(format!("{evil_sql} {evil_html}"));
    let r = t
        .json(
            "PUT",
            &format!("/api/clusters/{id}"),
            &a,
            json!({ "version": v, "cluster": card }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let back = t.get(&format!("/api/clusters/{id}"), &a).await.json();
    assert_eq!(back["cluster"]["name_ru"], evil_sql, "stored verbatim");
    assert!(
        t.get("/api/clusters", &a)
            .await
            .json()
            .as_array()
            .unwrap()
            .len()
            > 1,
        "the table is still there"
    );
    for page in [
        format!("/clusters/{id}?lang=en"),
        "/clusters?lang=en".to_string(),
        "/typology?lang=en".to_string(),
        "/?lang=en".to_string(),
    ] {
        let html = t.get(&page, &a).await.text();
        assert!(
            !html.contains("<script>alert"),
            "{page} lets a script through"
        );
        assert!(!html.contains("<img src=x"), "{page} lets markup through");
    }
    let html = t.get(&format!("/clusters/{id}?lang=en"), &a).await.text();
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "escaped"
    );
    let r = t.get(&format!("/clusters/{id}"), &a).await;
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_report_every_bad_row_and_write_nothing() {
    let t = demo();
    let a = t.login("ali").await;
    let csv = std::fs::read(t.dir.path().join("data/clusters.csv")).unwrap();
    // A clean re-import replaces every card.
    let n = t
        .get("/api/clusters", &a)
        .await
        .json()
        .as_array()
        .unwrap()
        .len();
    let (ct, body) = multipart(&[], "clusters.csv", &csv);
    let r = t
        .call("POST", "/api/imports/clusters", &a, Some(&ct), body)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        (r.json()["inserted"].as_u64(), r.json()["updated"].as_u64()),
        (Some(0), Some(n as u64))
    );
    // Two bad rows: both reported, nothing written.
    let text = String::from_utf8(csv.clone()).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let h = lines.iter().position(|l| !l.starts_with('#')).unwrap();
    let header: Vec<&str> = lines[h].split(',').collect();
    let col = header
        .iter()
        .position(|h| h.contains("public_share_creation"))
        .expect("column");
    for i in [h + 1, h + 3] {
        let mut cells: Vec<String> = lines[i].split(',').map(str::to_string).collect();
        cells[col] = "7.5".into();
        lines[i] = cells.join(",");
    }
    let before = t.get("/api/clusters", &a).await.json();
    let r = t
        .call(
            "POST",
            "/api/imports/clusters?filename=bad.csv",
            &a,
            Some("text/csv"),
            lines.join("\n").into_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let details = r.json()["error"]["details"].as_array().unwrap().clone();
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(
        details[0].as_str().unwrap().starts_with("row "),
        "{details:?}"
    );
    assert_eq!(
        t.get("/api/clusters", &a).await.json(),
        before,
        "a failed import changes nothing"
    );
    // Wrong file types.
    let r = t
        .call(
            "POST",
            "/api/imports/clusters?filename=evil.exe",
            &a,
            Some("application/octet-stream"),
            b"MZ\x90".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = t
        .call(
            "POST",
            "/api/imports/clusters?filename=fake.xlsx",
            &a,
            Some("application/octet-stream"),
            b"id,name".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = t
        .call(
            "POST",
            "/api/imports/clusters?filename=bin.csv",
            &a,
            Some("text/csv"),
            b"id\0\0\x01".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = t
        .call(
            "POST",
            "/api/imports/nothing?filename=a.csv",
            &a,
            Some("text/csv"),
            b"a".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Documents come as text.
    let r = t
        .call(
            "POST",
            "/api/imports/documents?filename=note.md",
            &a,
            Some("text/markdown"),
            "# Note\n\nКоординация и гранты.".as_bytes().to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // A PDF's text layer is read (a real Ghostscript file with Cyrillic text); a file that only
    // claims to be a PDF is refused by its signature.
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ingest/tests/fixtures/gs-nimbus-ru.pdf"
    ))
    .unwrap();
    let r = t
        .call(
            "POST",
            "/api/imports/documents?filename=report.pdf",
            &a,
            Some("application/pdf"),
            pdf,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = t
        .call(
            "POST",
            "/api/imports/documents?filename=fake.pdf",
            &a,
            Some("application/pdf"),
            b"hello".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.text().contains("fake.pdf: not a PDF"), "{}", r.text());
    // The journal shows the successful imports and the export gives the cards back.
    let journal = t.get("/api/imports", &a).await.json();
    assert_eq!(journal[0]["kind"], "documents");
    let export = t.get("/api/exports/clusters?format=csv", &a).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.text().lines().count() > n);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_over_the_limit_are_refused() {
    let t = demo_app(|p| {
        let mut c = creacity_server::Config::new(p);
        c.max_upload = 64 * 1024;
        c
    });
    let a = t.login("ali").await;
    let big = vec![b'a'; 200 * 1024];
    let r = t
        .call(
            "POST",
            "/api/imports/documents?filename=big.txt",
            &a,
            Some("text/plain"),
            big.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text());
    let (ct, body) = multipart(&[], "big.txt", &big);
    let r = t
        .call("POST", "/api/imports/documents", &a, Some(&ct), body)
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text());
    let r = t
        .call(
            "PUT",
            "/api/clusters/x",
            &a,
            Some("application/json"),
            format!("{{\"version\":1,\"cluster\":\"{}\"}}", "a".repeat(100_000)).into_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analyses_run_and_the_report_opens() {
    let t = demo();
    let a = t.login("ali").await;
    let terr = t.get("/api/clusters", &a).await.json()[0]["territory_id"]
        .as_str()
        .unwrap()
        .to_string();
    let c = t
        .json(
            "POST",
            "/api/classification",
            &a,
            json!({ "territory": terr }),
        )
        .await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.text());
    assert!(!c.json()["clusters"].as_array().unwrap().is_empty());
    let p = t.call("POST", "/api/problems", &a, None, vec![]).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.text());
    let s = t
        .json("POST", "/api/strategies", &a, json!({ "territory": terr }))
        .await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.text());
    let r = t
        .get(&format!("/api/report?territory={terr}&lang=ru"), &a)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("<svg"), "the report has its charts");
    assert_eq!(
        t.get("/api/report?territory=nowhere", &a).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.get("/api/report?lang=xx", &a).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
