//! Territory outlines (GeoJSON) stored in the workspace for offline maps.
//!
//! A GeoJSON FeatureCollection (RFC 7946: positions are `[longitude, latitude]`) of Polygon or
//! MultiPolygon features is validated — structure, rings of at least four closed positions,
//! coordinates in range — and each feature is matched to a territory of the workspace by a
//! property (`territory_id`, `id`, `oktmo` by default, or the one named). Features that match
//! no territory are reported and left out; any invalid feature refuses the whole file.
//!
//! What is stored, as analysis kind [`OUTLINES_KIND`], is a FeatureCollection whose features carry
//! `properties.territory_id` (the creacity territory id) and `properties.name` (its English name),
//! with `name_ru`, `name_en`, `synthetic` and the original `source_index`; other properties of the
//! input are dropped, so nothing unvetted reaches a page.
//!
//! ```
//! use creacity_app::outlines::parse_outlines;
//! let t: creacity_model::Territory = serde_json::from_value(serde_json::json!({
//!     "id": "t01", "kind": "city", "name_ru": "Город", "name_en": "Town", "parent_id": null,
//!     "oktmo": null, "population": null, "lat": 56.0, "lon": 60.0, "second_tier": true,
//!     "industrial": true, "monotown": false, "synthetic": true })).unwrap();
//! let geojson = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
//!   "properties": {"territory_id": "t01"}, "geometry": {"type": "Polygon",
//!   "coordinates": [[[60, 56], [61, 56], [61, 57], [60, 56]]]}}]}"#;
//! let o = parse_outlines(geojson, &[t], None).unwrap();
//! assert_eq!(o.matched.len(), 1);
//! assert_eq!(o.collection["features"][0]["properties"]["territory_id"], "t01");
//! assert_eq!(o.bbox, [60.0, 56.0, 61.0, 57.0]);
//! ```

use creacity_model::{Provenance, Territory};
use creacity_store::Workspace;
use serde_json::{Map, Value, json};

use crate::{AppError, Result, VERSION};

/// The analysis kind under which outlines are stored.
pub const OUTLINES_KIND: &str = "territory-outlines";

/// Properties tried, in order, when no `--id-property` is named.
pub const DEFAULT_ID_PROPERTIES: [&str; 3] = ["territory_id", "id", "oktmo"];

/// Most features one file may hold.
pub const MAX_FEATURES: usize = 10_000;

/// Most positions (vertices) one file may hold.
pub const MAX_POSITIONS: usize = 2_000_000;

/// Most problems listed before the rest are summarised.
const MAX_LISTED: usize = 50;

/// A feature matched to a territory.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Matched {
    /// Index of the feature in the input (from 0).
    pub index: usize,
    /// The creacity territory id.
    pub territory_id: String,
    /// The property that matched, and its value.
    pub property: String,
    /// The value of that property.
    pub value: String,
}

/// A valid feature that matched no territory (left out).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Unmatched {
    /// Index of the feature in the input (from 0).
    pub index: usize,
    /// Why: the values tried.
    pub reason: String,
}

/// Parsed, validated and matched outlines.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Outlines {
    /// The FeatureCollection to store (matched features only, with the contract's properties).
    pub collection: Value,
    /// Features matched to territories.
    pub matched: Vec<Matched>,
    /// Features matched to none.
    pub unmatched: Vec<Unmatched>,
    /// Bounding box of the matched features: `[min lon, min lat, max lon, max lat]`.
    pub bbox: [f64; 4],
}

/// Reads a GeoJSON FeatureCollection of territory outlines and matches each feature to a territory.
///
/// `id_property` names the property holding the territory's id (or OKTMO code); `None` tries
/// [`DEFAULT_ID_PROPERTIES`] (and the feature's own `id`). A value matches a territory whose id,
/// or OKTMO code, equals it.
///
/// # Errors
/// [`AppError::Invalid`] listing every problem, each naming the feature index and the field:
/// text that is not JSON (with line and column), a top level that is not a FeatureCollection,
/// geometry other than Polygon/MultiPolygon, rings with fewer than four positions or not closed,
/// coordinates out of range, two features for one territory, too many features or positions,
/// or no feature matching any territory.
pub fn parse_outlines(
    text: &str,
    territories: &[Territory],
    id_property: Option<&str>,
) -> Result<Outlines> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        AppError::Invalid(format!(
            "not JSON: line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(AppError::Invalid(
            "field \"type\": expected a GeoJSON \"FeatureCollection\" at the top level".into(),
        ));
    }
    let Some(features) = root.get("features").and_then(Value::as_array) else {
        return Err(AppError::Invalid(
            "field \"features\": expected an array of features".into(),
        ));
    };
    if features.len() > MAX_FEATURES {
        return Err(AppError::Invalid(format!(
            "field \"features\": {} features, at most {MAX_FEATURES} are taken",
            features.len()
        )));
    }
    let mut problems = Vec::new();
    let mut positions = 0usize;
    let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut matched: Vec<Matched> = Vec::new();
    let mut unmatched = Vec::new();
    let mut out = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let before = problems.len();
        let geometry = check_feature(i, f, &mut problems, &mut positions, &mut bbox);
        if positions > MAX_POSITIONS {
            return Err(AppError::Invalid(format!(
                "feature {i}: more than {MAX_POSITIONS} positions in the file"
            )));
        }
        if problems.len() > before {
            continue;
        }
        let Some(geometry) = geometry else { continue };
        match match_feature(f, territories, id_property) {
            Ok((t, property, value)) => {
                if let Some(m) = matched.iter().find(|m| m.territory_id == t.id) {
                    problems.push(format!(
                        "feature {i} (properties.{property}): territory {:?} is already outlined by feature {}; join them in one MultiPolygon",
                        t.id, m.index
                    ));
                    continue;
                }
                matched.push(Matched {
                    index: i,
                    territory_id: t.id.clone(),
                    property,
                    value,
                });
                out.push(json!({
                    "type": "Feature",
                    "geometry": geometry,
                    "properties": {
                        "territory_id": t.id, "name": t.name_en, "name_ru": t.name_ru,
                        "name_en": t.name_en,
                        "synthetic": t.synthetic || f["properties"]["synthetic"].as_bool() == Some(true),
                        "source_index": i,
                    }
                }));
            }
            Err(reason) => unmatched.push(Unmatched { index: i, reason }),
        }
    }
    if !problems.is_empty() {
        let n = problems.len();
        let mut listed: Vec<String> = problems.into_iter().take(MAX_LISTED).collect();
        if n > MAX_LISTED {
            listed.push(format!("… and {} more", n - MAX_LISTED));
        }
        return Err(AppError::Invalid(format!(
            "{n} problem(s) in the outlines; nothing was stored:\n{}",
            listed.join("\n")
        )));
    }
    if matched.is_empty() {
        let tried = id_property.map_or_else(
            || DEFAULT_ID_PROPERTIES.join(", "),
            std::string::ToString::to_string,
        );
        return Err(AppError::Invalid(format!(
            "no feature of {} matches a territory of the workspace by {tried}; name the property holding the territory id with --id-property",
            features.len()
        )));
    }
    // The box of what is stored (the matched features), not of every feature read.
    let bbox = bbox_of(&out).unwrap_or(bbox);
    let mut fc = Map::new();
    fc.insert("type".into(), "FeatureCollection".into());
    fc.insert("bbox".into(), json!(bbox));
    fc.insert("features".into(), Value::Array(out));
    Ok(Outlines {
        collection: Value::Object(fc),
        matched,
        unmatched,
        bbox,
    })
}

/// Validates one feature; returns its geometry when it is sound.
fn check_feature(
    i: usize,
    f: &Value,
    problems: &mut Vec<String>,
    positions: &mut usize,
    bbox: &mut [f64; 4],
) -> Option<Value> {
    if f.get("type").and_then(Value::as_str) != Some("Feature") {
        problems.push(format!("feature {i} (type): expected \"Feature\""));
        return None;
    }
    let Some(g) = f.get("geometry").filter(|g| g.is_object()) else {
        problems.push(format!(
            "feature {i} (geometry): expected a Polygon or MultiPolygon object"
        ));
        return None;
    };
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates");
    let polygons: Vec<(String, &Value)> = match (kind, coords.and_then(Value::as_array)) {
        ("Polygon", Some(_)) => vec![("geometry.coordinates".to_string(), coords?)],
        ("MultiPolygon", Some(ps)) => ps
            .iter()
            .enumerate()
            .map(|(p, v)| (format!("geometry.coordinates[{p}]"), v))
            .collect(),
        ("Polygon" | "MultiPolygon", None) => {
            problems.push(format!(
                "feature {i} (geometry.coordinates): expected an array"
            ));
            return None;
        }
        (other, _) => {
            problems.push(format!(
                "feature {i} (geometry.type): {other:?} is not taken; use Polygon or MultiPolygon"
            ));
            return None;
        }
    };
    if polygons.is_empty() {
        problems.push(format!(
            "feature {i} (geometry.coordinates): a MultiPolygon without polygons"
        ));
    }
    for (path, poly) in polygons {
        let Some(rings) = poly.as_array().filter(|r| !r.is_empty()) else {
            problems.push(format!(
                "feature {i} ({path}): expected an array of linear rings"
            ));
            continue;
        };
        for (r, ring) in rings.iter().enumerate() {
            check_ring(i, &format!("{path}[{r}]"), ring, problems, positions, bbox);
        }
    }
    if f.get("properties")
        .is_some_and(|p| !p.is_object() && !p.is_null())
    {
        problems.push(format!(
            "feature {i} (properties): expected an object or null"
        ));
    }
    Some(json!({ "type": kind, "coordinates": coords }))
}

fn check_ring(
    i: usize,
    path: &str,
    ring: &Value,
    problems: &mut Vec<String>,
    positions: &mut usize,
    bbox: &mut [f64; 4],
) {
    let Some(pts) = ring.as_array() else {
        problems.push(format!(
            "feature {i} ({path}): expected an array of positions"
        ));
        return;
    };
    *positions += pts.len();
    let mut parsed = Vec::with_capacity(pts.len());
    for (k, p) in pts.iter().enumerate() {
        let xy = p.as_array().and_then(|a| {
            (a.len() >= 2)
                .then(|| Some((a[0].as_f64()?, a[1].as_f64()?)))
                .flatten()
        });
        let Some((lon, lat)) = xy else {
            problems.push(format!(
                "feature {i} ({path}[{k}]): expected a position [longitude, latitude]"
            ));
            return;
        };
        if !(-180.0..=180.0).contains(&lon) {
            problems.push(format!(
                "feature {i} ({path}[{k}]): longitude {lon} is outside −180…180"
            ));
            return;
        }
        if !(-90.0..=90.0).contains(&lat) {
            problems.push(format!(
                "feature {i} ({path}[{k}]): latitude {lat} is outside −90…90 (positions are [longitude, latitude])"
            ));
            return;
        }
        parsed.push((lon, lat));
    }
    if parsed.len() < 4 {
        problems.push(format!(
            "feature {i} ({path}): a linear ring needs at least 4 positions, found {}",
            parsed.len()
        ));
        return;
    }
    if parsed.first() != parsed.last() {
        problems.push(format!(
            "feature {i} ({path}): the ring is not closed (its last position must repeat the first)"
        ));
        return;
    }
    for (lon, lat) in parsed {
        bbox[0] = bbox[0].min(lon);
        bbox[1] = bbox[1].min(lat);
        bbox[2] = bbox[2].max(lon);
        bbox[3] = bbox[3].max(lat);
    }
}

/// The text of a property value usable as an id (strings and integers).
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The territory a feature is about, with the property and value that matched; else why not.
fn match_feature<'t>(
    f: &Value,
    territories: &'t [Territory],
    id_property: Option<&str>,
) -> std::result::Result<(&'t Territory, String, String), String> {
    let props = f.get("properties").and_then(Value::as_object);
    let candidates: Vec<&str> = match id_property {
        Some(p) => vec![p],
        None => DEFAULT_ID_PROPERTIES.to_vec(),
    };
    let mut tried = Vec::new();
    for name in &candidates {
        let value = props
            .and_then(|p| p.get(*name))
            .and_then(id_text)
            // GeoJSON's own feature id stands in for a missing `id` property.
            .or_else(|| {
                (*name == "id")
                    .then(|| f.get("id").and_then(id_text))
                    .flatten()
            });
        let Some(value) = value else { continue };
        let hit = territories.iter().find(|t| t.id == value).or_else(|| {
            territories
                .iter()
                .find(|t| t.oktmo.as_deref() == Some(value.as_str()))
        });
        if let Some(t) = hit {
            return Ok((t, (*name).to_string(), value));
        }
        tried.push(format!("{name} = {value:?}"));
    }
    Err(if tried.is_empty() {
        format!("no property {} to match", candidates.join(" / "))
    } else {
        format!("no territory with {}", tried.join(", "))
    })
}

fn bbox_of(features: &[Value]) -> Option<[f64; 4]> {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut any = false;
    for f in features {
        for_each_position(&f["geometry"], &mut |lon, lat| {
            any = true;
            b[0] = b[0].min(lon);
            b[1] = b[1].min(lat);
            b[2] = b[2].max(lon);
            b[3] = b[3].max(lat);
        });
    }
    any.then_some(b)
}

/// Calls `f(lon, lat)` for every position of a Polygon or MultiPolygon geometry.
pub fn for_each_position(geometry: &Value, f: &mut impl FnMut(f64, f64)) {
    for ring in rings(geometry) {
        for (lon, lat) in ring {
            f(lon, lat);
        }
    }
}

/// The linear rings of a Polygon or MultiPolygon geometry, as `(lon, lat)` lists (outer rings
/// and holes alike; draw them with the even-odd rule).
pub fn rings(geometry: &Value) -> Vec<Vec<(f64, f64)>> {
    let ring = |r: &Value| -> Vec<(f64, f64)> {
        r.as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
            .collect()
    };
    let polys: Vec<&Value> = match geometry["type"].as_str() {
        Some("Polygon") => vec![&geometry["coordinates"]],
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    polys
        .into_iter()
        .flat_map(|p| p.as_array().into_iter().flatten().map(ring))
        .collect()
}

/// Reads outlines (see [`parse_outlines`]) against the workspace's territories and stores them as
/// analysis kind [`OUTLINES_KIND`]; `source` is the file's name, recorded in the provenance.
///
/// # Errors
/// As [`parse_outlines`]; a store error.
pub fn import_outlines(
    ws: &mut Workspace,
    text: &str,
    id_property: Option<&str>,
    source: &str,
) -> Result<Outlines> {
    let territories = ws.territories()?;
    if territories.is_empty() {
        return Err(AppError::Invalid(
            "the workspace has no territories yet: import them before their outlines".into(),
        ));
    }
    let o = parse_outlines(text, &territories, id_property)?;
    let provenance = Provenance {
        tool_version: VERSION.to_string(),
        method: "outlines.import".into(),
        parameters: json!({
            "id_property": id_property,
            "matched": o.matched.len(),
            "unmatched": o.unmatched.iter().map(|u| u.index).collect::<Vec<_>>(),
        })
        .to_string(),
        data: Vec::new(),
        inputs: vec![source.to_string()],
        created_at: creacity_store::now(),
    };
    ws.save_analysis(OUTLINES_KIND, None, &o.collection, &provenance)?;
    Ok(o)
}

/// The newest stored outlines (a FeatureCollection, see the module's contract), with how and
/// when they were stored.
///
/// # Errors
/// A store error.
pub fn latest_outlines(ws: &Workspace) -> Result<Option<(Value, Provenance, String)>> {
    Ok(ws
        .latest_analysis(OUTLINES_KIND, None)?
        .map(|a| (a.result, a.provenance, a.created_at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn territory(id: &str, oktmo: Option<&str>) -> Territory {
        serde_json::from_value(json!({
            "id": id, "kind": "city", "name_ru": format!("Город {id}"), "name_en": format!("Town {id}"),
            "parent_id": null, "oktmo": oktmo, "population": null, "lat": 56.0, "lon": 60.0,
            "second_tier": true, "industrial": true, "monotown": false, "synthetic": true
        }))
        .unwrap()
    }

    fn square(x: f64, y: f64) -> Value {
        json!([[
            [x, y],
            [x + 1.0, y],
            [x + 1.0, y + 1.0],
            [x, y + 1.0],
            [x, y]
        ]])
    }

    fn fc(features: Vec<Value>) -> String {
        json!({ "type": "FeatureCollection", "features": features }).to_string()
    }

    fn feature(props: Value, coords: Value, kind: &str) -> Value {
        json!({ "type": "Feature", "properties": props, "geometry": { "type": kind, "coordinates": coords } })
    }

    #[test]
    fn matches_by_default_properties_and_reports_the_rest() {
        let ts = [territory("t01", None), territory("t02", Some("65701000"))];
        let text = fc(vec![
            feature(
                json!({ "territory_id": "t01", "name": "<b>x</b>" }),
                square(60.0, 56.0),
                "Polygon",
            ),
            feature(
                json!({ "oktmo": 65_701_000 }),
                json!([square(62.0, 55.0)]),
                "MultiPolygon",
            ),
            feature(json!({ "id": "nowhere" }), square(0.0, 0.0), "Polygon"),
        ]);
        let o = parse_outlines(&text, &ts, None).unwrap();
        assert_eq!(o.matched.len(), 2);
        assert_eq!(o.matched[1].territory_id, "t02");
        assert_eq!(o.matched[1].property, "oktmo");
        assert_eq!(o.unmatched.len(), 1);
        assert_eq!(o.unmatched[0].index, 2);
        assert!(
            o.unmatched[0].reason.contains("id = \"nowhere\""),
            "{:?}",
            o.unmatched
        );
        let p = &o.collection["features"][0]["properties"];
        assert_eq!(p["territory_id"], "t01");
        assert_eq!(p["name"], "Town t01");
        // The input's own properties are not carried over.
        assert!(p.get("name_ru").is_some() && !p.to_string().contains("<b>"));
        assert_eq!(o.bbox, [60.0, 55.0, 63.0, 57.0]);
        assert_eq!(o.collection["features"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn a_named_property_is_the_only_one_tried() {
        let ts = [territory("t01", None)];
        let text = fc(vec![feature(
            json!({ "code": "t01", "territory_id": "zz" }),
            square(60.0, 56.0),
            "Polygon",
        )]);
        assert_eq!(
            parse_outlines(&text, &ts, Some("code")).unwrap().matched[0].property,
            "code"
        );
        let e = parse_outlines(&text, &ts, None).unwrap_err().to_string();
        assert!(e.contains("--id-property"), "{e}");
    }

    #[test]
    fn every_bad_feature_is_named_with_its_field() {
        let ts = [territory("t01", None), territory("t02", None)];
        let text = fc(vec![
            feature(
                json!({ "territory_id": "t01" }),
                json!([[[60, 56], [61, 56], [61, 95], [60, 56]]]),
                "Polygon",
            ),
            feature(
                json!({ "territory_id": "t02" }),
                json!([[[60, 56], [61, 56], [60, 56]]]),
                "Polygon",
            ),
            feature(json!({ "territory_id": "t02" }), json!([60, 56]), "Point"),
            feature(
                json!({ "territory_id": "t02" }),
                json!([[[60, 56], [61, 56], [61, 57], [60, 57]]]),
                "Polygon",
            ),
            json!({ "type": "Feature", "properties": {}, "geometry": null }),
        ]);
        let e = parse_outlines(&text, &ts, None).unwrap_err().to_string();
        assert!(e.starts_with("5 problem(s)"), "{e}");
        assert!(
            e.contains("feature 0 (geometry.coordinates[0][2]): latitude 95"),
            "{e}"
        );
        assert!(
            e.contains("feature 1 (geometry.coordinates[0]): a linear ring needs at least 4"),
            "{e}"
        );
        assert!(e.contains("feature 2 (geometry.type): \"Point\""), "{e}");
        assert!(
            e.contains("feature 3 (geometry.coordinates[0]): the ring is not closed"),
            "{e}"
        );
        assert!(e.contains("feature 4 (geometry)"), "{e}");
    }

    #[test]
    fn malformed_json_and_wrong_top_level_are_clear() {
        let e = parse_outlines(
            "{\"type\": \"FeatureCollection\",\n \"features\": [}",
            &[],
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("not JSON: line 2, column"), "{e}");
        let e = parse_outlines(r#"{"type": "Feature"}"#, &[], None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("FeatureCollection"), "{e}");
    }

    #[test]
    fn two_features_for_one_territory_are_refused() {
        let ts = [territory("t01", None)];
        let text = fc(vec![
            feature(
                json!({ "territory_id": "t01" }),
                square(60.0, 56.0),
                "Polygon",
            ),
            feature(json!({ "id": "t01" }), square(61.0, 56.0), "Polygon"),
        ]);
        let e = parse_outlines(&text, &ts, None).unwrap_err().to_string();
        assert!(
            e.contains(
                "feature 1 (properties.id): territory \"t01\" is already outlined by feature 0"
            ),
            "{e}"
        );
    }

    #[test]
    fn the_demo_outlines_match_the_demo_territories() {
        let territories = include_str!("../../../data/demo/territories.csv");
        let ids: Vec<Territory> = territories
            .lines()
            .filter(|l| l.starts_with('t'))
            .map(|l| territory(l.split(',').next().unwrap(), None))
            .collect();
        let o = parse_outlines(
            include_str!("../../../data/demo/outlines.geojson"),
            &ids,
            None,
        )
        .unwrap();
        assert_eq!(o.matched.len(), 4);
        assert!(o.unmatched.is_empty());
        assert!(
            o.collection["features"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["properties"]["synthetic"] == true)
        );
    }
}
