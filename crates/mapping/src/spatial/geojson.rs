//! Results as GeoJSON text (RFC 7946: coordinates are `[lon, lat]`).

use serde_json::{Value, json};

use super::getis_ord::GetisOrd;
use super::hull::ClusterHull;
use super::{Clustering, PointTable};

/// Clusters as a FeatureCollection: one feature per cluster (a Polygon hull, or a MultiPoint
/// when the cluster has fewer than three hull vertices) with `label` and `n_points`, then, when
/// `with_points`, one Point per input point with its `id` and `label` (`-1` noise).
///
/// ```
/// use creacity_mapping::spatial::{DbscanParams, PointTable, cluster_hulls, clusters_geojson, dbscan};
/// let t = PointTable { ids: vec!["a".into(), "b".into()], lat: vec![56.0, 56.0001],
///                      lon: vec![60.0, 60.0], values: None };
/// let c = dbscan(&t.lat, &t.lon, &DbscanParams::builder().eps_m(50.0).min_samples(2).build().unwrap()).unwrap();
/// let g = clusters_geojson(&t, &c, &cluster_hulls(&t.lat, &t.lon, &c), true);
/// assert!(g.contains(r#""type":"FeatureCollection""#));
/// ```
pub fn clusters_geojson(
    t: &PointTable,
    c: &Clustering,
    hulls: &[ClusterHull],
    with_points: bool,
) -> String {
    let mut features: Vec<Value> = hulls
        .iter()
        .map(|h| {
            let geometry = if h.hull.len() >= 3 {
                let mut ring: Vec<[f64; 2]> = h.hull.iter().map(|p| [p.0, p.1]).collect();
                ring.push(ring[0]);
                json!({"type": "Polygon", "coordinates": [ring]})
            } else {
                let pts: Vec<[f64; 2]> = h.hull.iter().map(|p| [p.0, p.1]).collect();
                json!({"type": "MultiPoint", "coordinates": pts})
            };
            json!({
                "type": "Feature",
                "geometry": geometry,
                "properties": {"kind": "cluster", "label": h.label, "n_points": h.n_points,
                               "centroid_lat": h.centroid.0, "centroid_lon": h.centroid.1},
            })
        })
        .collect();
    if with_points {
        features.extend(t.ids.iter().enumerate().map(|(i, id)| {
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [t.lon[i], t.lat[i]]},
                "properties": {"kind": "point", "id": id, "label": c.labels[i]},
            })
        }));
    }
    json!({"type": "FeatureCollection", "properties": {"method": c.method}, "features": features})
        .to_string()
}

/// The hot-spot class of a z-score at the conventional two-sided confidence levels:
/// `hot_99`/`cold_99` for |z| ≥ 2.576, `_95` for ≥ 1.960, `_90` for ≥ 1.645, else `none`.
pub fn hotspot_class(z: f64) -> &'static str {
    let a = z.abs();
    let level = if a >= 2.576 {
        3
    } else if a >= 1.960 {
        2
    } else if a >= 1.645 {
        1
    } else {
        0
    };
    match (z > 0.0, level) {
        (_, 0) => "none",
        (true, 3) => "hot_99",
        (true, 2) => "hot_95",
        (true, _) => "hot_90",
        (false, 3) => "cold_99",
        (false, 2) => "cold_95",
        (false, _) => "cold_90",
    }
}

/// Hot spots as a FeatureCollection of Points with `id`, `value`, `g`, `z`, `p_norm` and `class`
/// (see [`hotspot_class`]); `values` are the analysed values in the same order as `t`.
pub fn hotspots_geojson(t: &PointTable, values: &[f64], r: &GetisOrd) -> String {
    let features: Vec<Value> = t
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [t.lon[i], t.lat[i]]},
                "properties": {"id": id, "value": values[i], "g": r.g[i], "z": r.z[i],
                               "p_norm": r.p_norm[i], "class": hotspot_class(r.z[i])},
            })
        })
        .collect();
    json!({"type": "FeatureCollection", "properties": {"method": r.method}, "features": features})
        .to_string()
}
