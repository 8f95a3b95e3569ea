//! A demo workspace with three accounts and the app built in-process.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use creacity_server::{AppState, Config};
use creacity_store::{Role, Workspace};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery";

/// One Argon2id hash shared by the test accounts (hashing is slow in debug builds).
pub fn hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| creacity_server::hash_password(PASSWORD).unwrap())
}

pub struct TestApp {
    pub app: Router,
    pub dir: tempfile::TempDir,
    pub workspace: PathBuf,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// A session: cookie and CSRF token.
#[derive(Clone, Default)]
pub struct Who {
    pub cookie: Option<String>,
    pub csrf: Option<String>,
}

pub fn add_users(ws: &mut Workspace) {
    for (name, role) in [
        ("ann", Role::Admin),
        ("ali", Role::Analyst),
        ("vic", Role::Viewer),
    ] {
        ws.add_user(name, role, hash()).unwrap();
    }
}

pub fn demo_app(config: impl FnOnce(&Path) -> Config) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let outcome = creacity_app::demo(dir.path(), false, |_| {}).unwrap();
    let mut ws = Workspace::open(&outcome.workspace).unwrap();
    add_users(&mut ws);
    drop(ws);
    let state = AppState::open(config(&outcome.workspace)).unwrap();
    TestApp {
        app: creacity_server::app(state),
        workspace: outcome.workspace,
        dir,
    }
}

pub fn demo() -> TestApp {
    demo_app(|p| Config::new(p))
}

impl TestApp {
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        who: &Who,
        ctype: Option<&str>,
        body: Vec<u8>,
    ) -> Resp {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(c) = &who.cookie {
            b = b.header(header::COOKIE, c);
        }
        if let Some(t) = &who.csrf {
            b = b.header("x-csrf-token", t);
        }
        if let Some(ct) = ctype {
            b = b.header(header::CONTENT_TYPE, ct);
        }
        let resp = self
            .app
            .clone()
            .oneshot(b.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, who: &Who) -> Resp {
        self.call("GET", path, who, None, Vec::new()).await
    }

    pub async fn json(&self, method: &str, path: &str, who: &Who, v: serde_json::Value) -> Resp {
        self.call(
            method,
            path,
            who,
            Some("application/json"),
            v.to_string().into_bytes(),
        )
        .await
    }

    pub async fn login(&self, name: &str) -> Who {
        let r = self
            .json(
                "POST",
                "/api/session",
                &Who::default(),
                serde_json::json!({ "name": name, "password": PASSWORD }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let set = r
            .headers
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let cookie = set.split(';').next().unwrap().to_string();
        Who {
            cookie: Some(cookie),
            csrf: Some(r.json()["csrf"].as_str().unwrap().to_string()),
        }
    }
}

/// A multipart body with one file field.
pub fn multipart(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "XcreacityBoundaryX";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
