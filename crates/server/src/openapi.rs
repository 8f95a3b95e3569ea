//! The OpenAPI 3.1 document, built from the route table (paths, methods, parameters, who may call)
//! and hand-written schemas of the request bodies.

use serde_json::{Map, Value, json};

use crate::routes::{API_ROUTES, Access};

fn schemas() -> Value {
    json!({
        "Error": { "type": "object", "required": ["error"], "properties": { "error": {
            "type": "object", "required": ["kind", "message"], "properties": {
                "kind": { "type": "string", "enum": ["bad_request", "unauthenticated", "forbidden", "not_found",
                    "conflict", "too_large", "unsupported_type", "invalid", "too_many_attempts", "internal"] },
                "message": { "type": "string" },
                "details": { "type": "array", "items": { "type": "string" },
                             "description": "one line per bad row of an import" } } } } },
        "Login": { "type": "object", "additionalProperties": false, "required": ["name", "password"],
            "properties": { "name": { "type": "string" }, "password": { "type": "string" } } },
        "Cluster": { "type": "object", "additionalProperties": false,
            "description": "A creative-cluster case card; coded fields take the codes of docs/data-model.md",
            "required": ["id", "name_ru", "name_en", "territory_id", "initiator", "site_owner",
                "public_share_creation", "public_share_operation", "manager", "support", "public_seats",
                "board_seats", "residents", "private_resident_share", "notes", "sources", "synthetic"],
            "properties": {
                "id": { "type": "string" }, "name_ru": { "type": "string" }, "name_en": { "type": "string" },
                "territory_id": { "type": "string" }, "initiator": { "type": "string" },
                "site_owner": { "type": "string" },
                "public_share_creation": { "type": "number", "minimum": 0, "maximum": 1 },
                "public_share_operation": { "type": "number", "minimum": 0, "maximum": 1 },
                "manager": { "type": "string" }, "support": { "type": "array", "items": { "type": "string" } },
                "public_seats": { "type": "integer", "minimum": 0 }, "board_seats": { "type": "integer", "minimum": 0 },
                "residents": { "type": "integer", "minimum": 0 },
                "private_resident_share": { "type": "number", "minimum": 0, "maximum": 1 },
                "year_opened": { "type": ["integer", "null"] }, "notes": { "type": "string" },
                "sources": { "type": "string" }, "synthetic": { "type": "boolean" } } },
        "ClusterNew": { "type": "object", "additionalProperties": false, "required": ["cluster"],
            "properties": { "cluster": { "$ref": "#/components/schemas/Cluster" } } },
        "ClusterEdit": { "type": "object", "additionalProperties": false, "required": ["version", "cluster"],
            "properties": { "version": { "type": "integer", "description": "the version read; 409 if it changed" },
                            "cluster": { "$ref": "#/components/schemas/Cluster" } } },
        "Run": { "type": "object", "additionalProperties": false,
            "properties": { "territory": { "type": ["string", "null"] } } },
        "MeasureEdit": { "type": "object", "additionalProperties": false, "required": ["version", "status"],
            "properties": { "version": { "type": "integer" },
                "status": { "type": "string", "enum": ["proposed", "adopted", "in_progress", "done", "dropped"] } } },
        "KpiEdit": { "type": "object", "additionalProperties": false, "required": ["version"],
            "properties": { "version": { "type": "integer" }, "baseline": { "type": ["number", "null"] },
                "target": { "type": ["number", "null"] }, "target_year": { "type": ["integer", "null"] },
                "current": { "type": ["number", "null"] } } },
        "Upload": { "type": "object", "description": "multipart/form-data with one file field, or the raw file with ?filename=",
            "properties": { "file": { "type": "string", "format": "binary" } } },
        "UserNew": { "type": "object", "additionalProperties": false, "required": ["name", "role", "password"],
            "properties": { "name": { "type": "string" },
                "role": { "type": "string", "enum": ["admin", "analyst", "viewer"] },
                "password": { "type": "string", "minLength": 8 } } }
    })
}

fn access_text(a: Access) -> &'static str {
    match a {
        Access::Public => "anyone",
        Access::Viewer => "any signed-in account (viewer, analyst, admin)",
        Access::Analyst => "analyst or admin; unsafe methods need the X-CSRF-Token header",
        Access::Admin => "admin; unsafe methods need the X-CSRF-Token header",
    }
}

/// The document served at `/api/openapi.json`.
pub fn document() -> Value {
    let mut paths = Map::new();
    for r in API_ROUTES {
        let mut params: Vec<Value> = r
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
            .collect();
        params.extend(r.query.iter().map(|q| {
            json!({ "name": q, "in": "query", "required": *q == "version", "schema": { "type": "string" } })
        }));
        let mut op = json!({
            "summary": r.summary,
            "description": format!("Who may call: {}.", access_text(r.access)),
            "operationId": format!("{}_{}", r.method.to_lowercase(),
                r.path.trim_start_matches("/api/").replace(['/', '{', '}', '.'], "_")),
            "parameters": params,
            "responses": {
                "200": { "description": "success" },
                "default": { "description": "an error", "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
        });
        if r.access != Access::Public {
            op["security"] = json!([{ "session": [] }]);
        }
        if let Some(body) = r.body {
            let ctype = if body == "Upload" {
                "multipart/form-data"
            } else {
                "application/json"
            };
            op["requestBody"] = json!({ "required": true, "content": { ctype: {
                "schema": { "$ref": format!("#/components/schemas/{body}") } } } });
        }
        paths
            .entry(r.path.to_string())
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .map(|o| o.insert(r.method.to_lowercase(), op));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "creacity web API",
            "version": creacity_app::VERSION,
            "description": "Territories, creative-cluster case cards, documents, classification, problems and their co-occurrence, strategies, stored analysis results (QCA, index, mapping, text), territory outlines (GeoJSON), imports, exports and the report of a creacity workspace. Sign in with POST /api/session; send the returned csrf value as X-CSRF-Token on every unsafe request."
        },
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "securitySchemes": { "session": { "type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE } }
        }
    })
}
