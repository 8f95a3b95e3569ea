//! The pages: each renders in both languages with no missing word, labels on every control, the
//! edit forms only for roles that may edit, and form posts that save or explain a conflict.

mod common;

use axum::http::StatusCode;
use common::{Who, demo};

const PAGES: &[&str] = &[
    "/",
    "/clusters",
    "/typology",
    "/problems",
    "/strategy",
    "/data",
    "/login",
    "/map",
    "/qca",
    "/index",
    "/mapping",
];

fn controls_without_label(html: &str) -> Vec<String> {
    // Every input/select/textarea that is not hidden must have an id that a <label for> names.
    let mut missing = Vec::new();
    for tag in ["<input", "<select", "<textarea"] {
        for (i, _) in html.match_indices(tag) {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e);
            let el = &html[i..end];
            if el.contains("type=\"hidden\"") {
                continue;
            }
            let id = el
                .split("id=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("");
            if id.is_empty() || !html.contains(&format!("for=\"{id}\"")) {
                missing.push(el.to_string());
            }
        }
    }
    missing
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_renders_in_both_languages_with_labels() {
    let t = demo();
    for (user, can_edit) in [("ann", true), ("vic", false)] {
        let who = t.login(user).await;
        let cid = t.get("/api/clusters", &who).await.json()[0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let card = format!("/clusters/{cid}");
        for page in PAGES.iter().copied().chain([card.as_str()]) {
            for (lang, word) in [("en", "Overview"), ("ru", "Обзор")] {
                let r = t.get(&format!("{page}?lang={lang}"), &who).await;
                assert_eq!(r.status, StatusCode::OK, "{page} {lang}: {}", r.text());
                let html = r.text();
                assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{page}");
                assert!(
                    !html.contains("??"),
                    "{page} {lang} has a word missing from the dictionary"
                );
                if page != "/login" {
                    assert!(html.contains(word), "{page} {lang}");
                }
                assert_eq!(
                    controls_without_label(&html),
                    Vec::<String>::new(),
                    "{page} {lang}"
                );
                assert!(html.contains("name=\"viewport\""), "usable on a phone");
            }
        }
        let admin = t.get("/admin?lang=ru", &who).await;
        assert_eq!(admin.status == StatusCode::OK, can_edit, "{user} on /admin");
        if can_edit {
            assert_eq!(controls_without_label(&admin.text()), Vec::<String>::new());
            assert!(admin.text().contains("Учётные записи"));
        }
        let strategy = t.get("/strategy?lang=en", &who).await.text();
        assert_eq!(
            strategy.contains("action=\"/strategy/measure\""),
            can_edit,
            "{user}"
        );
        let card_html = t.get(&format!("{card}?lang=en"), &who).await.text();
        assert_eq!(card_html.contains("class=\"edit\""), can_edit, "{user}");
        assert!(card_html.contains("Why: the facts that decided the type"));
    }
    let r = t.get("/static/app.css", &Who::default()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("@media (max-width: 640px)"));
    // The chosen language is remembered in a cookie.
    let who = t.login("vic").await;
    let r = t.get("/?lang=ru", &who).await;
    assert!(
        r.headers["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("creacity_lang=ru")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_form_saves_and_a_stale_form_shows_the_conflict() {
    let t = demo();
    let who = t.login("ali").await;
    let cid = t.get("/api/clusters", &who).await.json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let one = t.get(&format!("/api/clusters/{cid}"), &who).await.json();
    let c = &one["cluster"];
    let v = one["version"].as_i64().unwrap();
    let form = |version: i64, residents: u32| {
        let mut pairs = vec![
            ("csrf".to_string(), who.csrf.clone().unwrap()),
            ("version".to_string(), version.to_string()),
            ("residents".to_string(), residents.to_string()),
        ];
        for k in [
            "name_ru",
            "name_en",
            "initiator",
            "site_owner",
            "manager",
            "notes",
            "sources",
        ] {
            pairs.push((k.into(), c[k].as_str().unwrap().to_string()));
        }
        for k in [
            "public_share_creation",
            "public_share_operation",
            "private_resident_share",
            "public_seats",
            "board_seats",
        ] {
            pairs.push((k.into(), c[k].to_string()));
        }
        pairs.push((
            "year_opened".into(),
            c["year_opened"]
                .as_i64()
                .map_or(String::new(), |y| y.to_string()),
        ));
        pairs.push(("support".into(), "grants".into()));
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", enc(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    // The CSRF token travels in the form, not a header.
    let no_header = Who {
        cookie: who.cookie.clone(),
        csrf: None,
    };
    let ctype = Some("application/x-www-form-urlencoded");
    let r = t
        .call(
            "POST",
            &format!("/clusters/{cid}"),
            &no_header,
            ctype,
            form(v, 321).into_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let now = t.get(&format!("/api/clusters/{cid}"), &who).await.json();
    assert_eq!(now["cluster"]["residents"], 321);
    assert_eq!(now["cluster"]["support"], serde_json::json!(["grants"]));
    let r = t
        .call(
            "POST",
            &format!("/clusters/{cid}"),
            &no_header,
            ctype,
            form(v, 999).into_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.text().contains("changed by someone else"), "{}", r.text());
    let r = t
        .call(
            "POST",
            &format!("/clusters/{cid}"),
            &no_header,
            ctype,
            format!("{}&admin=1", form(v + 1, 5)).into_bytes(),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown form field"
    );
    assert_eq!(
        t.get(&format!("/api/clusters/{cid}"), &who).await.json()["cluster"]["residents"],
        321
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_adds_an_account_from_the_form() {
    let t = demo();
    let who = t.login("ann").await;
    let ctype = Some("application/x-www-form-urlencoded");
    let no_header = Who {
        cookie: who.cookie.clone(),
        csrf: None,
    };
    let body = format!(
        "csrf={}&name=newbie&role=analyst&password={}",
        who.csrf.clone().unwrap(),
        enc(common::PASSWORD)
    );
    let r = t
        .call("POST", "/admin/users", &no_header, ctype, body.into_bytes())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.text().contains("newbie"));
    let me = t.login("newbie").await;
    assert_eq!(t.get("/api/session", &me).await.json()["role"], "analyst");
    let body = format!(
        "csrf={}&name=bad%20name!&role=analyst&password=12345678",
        who.csrf.clone().unwrap()
    );
    let r = t
        .call("POST", "/admin/users", &no_header, ctype, body.into_bytes())
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
