//! Territory outlines: read from GeoJSON, and whether a point or a cluster hull lies inside one.

use super::inside::{edges_meet, inside};
use super::{MapHull, MapOutline};

/// Reads territory outlines from a GeoJSON FeatureCollection whose features carry
/// `properties.territory_id` and a Polygon or MultiPolygon geometry (`[lon, lat]` positions).
/// Features without either are skipped.
///
/// ```
/// let gj = serde_json::json!({"type": "FeatureCollection", "features": [{"type": "Feature",
///   "properties": {"territory_id": "t1"},
///   "geometry": {"type": "Polygon", "coordinates": [[[60.0, 56.0], [61.0, 56.0], [61.0, 57.0], [60.0, 56.0]]]}}]});
/// let o = creacity_report::outlines_from_geojson(&gj);
/// assert_eq!(o[0].territory_id, "t1");
/// assert_eq!(o[0].rings[0][1], (56.0, 61.0));
/// ```
pub fn outlines_from_geojson(v: &serde_json::Value) -> Vec<MapOutline> {
    let ring = |r: &serde_json::Value| -> Vec<(f64, f64)> {
        r.as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p.get(1)?.as_f64()?, p.get(0)?.as_f64()?)))
            .collect()
    };
    let mut out = Vec::new();
    for feat in v["features"].as_array().into_iter().flatten() {
        let Some(id) = feat["properties"]["territory_id"].as_str() else {
            continue;
        };
        let g = &feat["geometry"];
        let polys: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["coordinates"]],
            Some("MultiPolygon") => g["coordinates"].as_array().into_iter().flatten().collect(),
            _ => continue,
        };
        let rings: Vec<Vec<(f64, f64)>> = polys
            .into_iter()
            .flat_map(|p| p.as_array().into_iter().flatten().map(ring))
            .filter(|r| r.len() >= 3)
            .collect();
        if !rings.is_empty() {
            out.push(MapOutline {
                territory_id: id.to_string(),
                rings,
            });
        }
    }
    out
}

impl MapOutline {
    /// True when the point (lat, lon) lies inside the outline: even–odd rule over all its rings
    /// (holes and the parts of a MultiPolygon alike), a point on the boundary counting as inside.
    ///
    /// ```
    /// use creacity_report::MapOutline;
    /// let o = MapOutline {
    ///     territory_id: "t1".into(),
    ///     // A 4° square with a 2° hole in its middle, (lat, lon).
    ///     rings: vec![
    ///         vec![(0.0, 0.0), (0.0, 4.0), (4.0, 4.0), (4.0, 0.0)],
    ///         vec![(1.0, 1.0), (1.0, 3.0), (3.0, 3.0), (3.0, 1.0)],
    ///     ],
    /// };
    /// assert!(o.contains(0.5, 2.0));
    /// assert!(!o.contains(2.0, 2.0)); // in the hole
    /// assert!(!o.contains(5.0, 2.0));
    /// ```
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        inside(&self.rings, (lat, lon))
    }
}

impl MapHull {
    /// True when the cluster belongs on the map of the territory with `outline`: one of its hull
    /// vertices lies inside the outline, or (a hull of three vertices or more) one of the
    /// outline's vertices lies inside the hull, or an edge of the hull meets an edge of the
    /// outline.
    ///
    /// Why vertices, not the centroid: the vertices are the cluster's outermost firms, so one
    /// inside means firms of the territory take part in the cluster; the centroid of a cluster
    /// straddling the border, or of one curving round a concave outline, can fall outside (or in
    /// a hole) while many of its firms are inside. The converse test keeps a cluster wider than
    /// the territory (all its vertices outside, the territory within it); the edge test, a hull
    /// and an outline that cross with no vertex of either inside the other (two bars in a
    /// cross).
    ///
    /// ```
    /// use creacity_report::{MapHull, MapOutline};
    /// let o = MapOutline { territory_id: "t1".into(),
    ///     rings: vec![vec![(0.0, 0.0), (0.0, 4.0), (4.0, 4.0), (4.0, 0.0)]] };
    /// let hull = |ring: Vec<(f64, f64)>| MapHull { label: 0, n_points: 9, ring };
    /// // Straddling the eastern border: one vertex inside, the centroid (2, 4.5) outside.
    /// assert!(hull(vec![(1.0, 3.5), (2.0, 5.5), (3.0, 4.5)]).overlaps(&o));
    /// // Around the whole territory.
    /// assert!(hull(vec![(-1.0, -1.0), (-1.0, 9.0), (9.0, -1.0)]).overlaps(&o));
    /// assert!(!hull(vec![(5.0, 5.0), (5.0, 6.0), (6.0, 5.0)]).overlaps(&o));
    /// // A long thin cluster laid across it: no vertex of either inside the other.
    /// assert!(hull(vec![(-1.0, 1.0), (-1.0, 2.0), (5.0, 2.0), (5.0, 1.0)]).overlaps(&o));
    /// ```
    pub fn overlaps(&self, outline: &MapOutline) -> bool {
        self.ring.iter().any(|&p| inside(&outline.rings, p))
            || (self.ring.len() >= 3
                && outline
                    .rings
                    .iter()
                    .flatten()
                    .any(|&p| inside(std::slice::from_ref(&self.ring), p)))
            || edges_meet(&outline.rings, &self.ring)
    }
}
