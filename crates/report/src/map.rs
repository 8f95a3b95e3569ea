//! An offline map as inline SVG, without tiles: territory outlines and points, firm points,
//! density clusters as convex hulls, and Getis-Ord hot and cold spots coloured by z, with a legend
//! and a scale bar, in Russian or English.
//!
//! Projection: equirectangular about the mean latitude of what is drawn (x = lon·cos φ₀, y = lat),
//! fitted to the bounding box; good for a city or a region, not for a continent.

use creacity_model::Lang;

use crate::html::{esc, num};

mod frame;
mod inside;
mod legend;
mod outline;
mod territory;
use frame::{Frame, bounds, scale_bar};
use legend::legend;
pub use outline::outlines_from_geojson;
pub use territory::{TerritoryMap, TerritoryMapCluster, territory_map_svg};

/// A labelled point (a territory's centre).
#[derive(Debug, Clone, PartialEq)]
pub struct MapPlace {
    /// Label.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// A territory outline: rings of (lat, lon), the first of each polygon its exterior; exteriors
/// and holes of all its polygons are read by the even–odd rule ([`MapOutline::contains`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MapOutline {
    /// The territory's id.
    pub territory_id: String,
    /// Rings.
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// A density cluster drawn as its convex hull (vertices as (lat, lon)).
#[derive(Debug, Clone, PartialEq)]
pub struct MapHull {
    /// Cluster label (0, 1, …).
    pub label: i64,
    /// Points in the cluster.
    pub n_points: usize,
    /// Hull vertices; fewer than three are drawn as points.
    pub ring: Vec<(f64, f64)>,
}

/// A hot-spot observation: location and z-score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapSpot {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Gi / Gi* z-score.
    pub z: f64,
}

/// Everything the map draws; empty layers are left out, and so is their legend entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapData {
    /// Territory centres.
    pub places: Vec<MapPlace>,
    /// Territory outlines.
    pub outlines: Vec<MapOutline>,
    /// Firm locations (lat, lon).
    pub firms: Vec<(f64, f64)>,
    /// Firms with coordinates in all, when `firms` is a thinned sample of them (else 0).
    pub firms_total: usize,
    /// Cluster hulls.
    pub hulls: Vec<MapHull>,
    /// Method of the clusters (`dbscan`, `hdbscan`), for the legend.
    pub cluster_method: Option<String>,
    /// Hot and cold spots.
    pub spots: Vec<MapSpot>,
    /// Method of the hot spots (`Gi*`…), for the legend.
    pub spot_method: Option<String>,
    /// Side of the grid cells in metres when the spots are cells (drawn as squares), else
    /// `None` (spots are points, drawn as circles).
    pub spot_cell_m: Option<f64>,
    /// The box to show, (south, north, west, east) in degrees, when the caller frames the map on
    /// one territory; layers outside it are clipped. `None`: fit what is drawn.
    pub frame: Option<(f64, f64, f64, f64)>,
}

impl MapData {
    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
            && self.outlines.is_empty()
            && self.firms.is_empty()
            && self.hulls.is_empty()
            && self.spots.is_empty()
    }
}

/// Hot/cold classes by |z| (normal two-sided 99 %, 95 %, 90 %), as the GeoJSON export names them.
const CLASSES: [(f64, &str, &str, &str, &str); 6] = [
    (
        2.576,
        "#b2182b",
        "hot_99",
        "hot spot, 99 %",
        "горячая точка, 99 %",
    ),
    (
        1.960,
        "#ef8a62",
        "hot_95",
        "hot spot, 95 %",
        "горячая точка, 95 %",
    ),
    (
        1.645,
        "#fddbc7",
        "hot_90",
        "hot spot, 90 %",
        "горячая точка, 90 %",
    ),
    (
        -1.645,
        "#d1e5f0",
        "cold_90",
        "cold spot, 90 %",
        "холодная точка, 90 %",
    ),
    (
        -1.960,
        "#67a9cf",
        "cold_95",
        "cold spot, 95 %",
        "холодная точка, 95 %",
    ),
    (
        -2.576,
        "#2166ac",
        "cold_99",
        "cold spot, 99 %",
        "холодная точка, 99 %",
    ),
];
const NOT_SIGNIFICANT: &str = "#d9d9d9";

/// The colour of a z-score: red shades for hot spots, blue for cold, grey when |z| < 1.645.
///
/// ```
/// assert_eq!(creacity_report::spot_colour(3.0), "#b2182b");
/// assert_eq!(creacity_report::spot_colour(-2.0), "#67a9cf");
/// assert_eq!(creacity_report::spot_colour(0.5), "#d9d9d9");
/// ```
pub fn spot_colour(z: f64) -> &'static str {
    if z.is_nan() {
        return NOT_SIGNIFICANT;
    }
    for (t, c, ..) in &CLASSES[..3] {
        if z >= *t {
            return c;
        }
    }
    for (t, c, ..) in CLASSES[3..].iter().rev() {
        if z <= *t {
            return c;
        }
    }
    NOT_SIGNIFICANT
}

const HULL_COLOURS: [&str; 8] = [
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4",
];

/// Renders the map as a self-contained `<svg>` element (about `width` px wide), with its legend.
/// Returns an empty string when there is nothing to draw.
pub fn map_svg(data: &MapData, lang: Lang, width: f64) -> String {
    let ru = lang == Lang::Ru;
    // The frame fits the analysis layers (firms, clusters, spots) when there are any, so a city's
    // clusters are not lost in a map of the whole region; otherwise the territories.
    let mut coords: Vec<(f64, f64)> = Vec::new();
    if let Some((s, n, w, e)) = data.frame {
        coords.extend([(s, w), (n, e)]);
    }
    coords.extend(data.firms.iter().copied());
    coords.extend(data.hulls.iter().flat_map(|h| h.ring.iter().copied()));
    coords.extend(data.spots.iter().map(|s| (s.lat, s.lon)));
    if data.frame.is_some() {
        coords.truncate(2);
    }
    if coords.is_empty() {
        coords.extend(data.places.iter().map(|p| (p.lat, p.lon)));
        coords.extend(
            data.outlines
                .iter()
                .flat_map(|o| o.rings.iter().flatten().copied()),
        );
    }
    coords.retain(|(a, b)| a.is_finite() && b.is_finite());
    if coords.is_empty() {
        return String::new();
    }
    // A single place (or a tight group) still gets a frame of about 2 km; tall areas are capped
    // at 0.7 × the width, wide ones keep at least 0.45.
    let (f, map_h) = Frame::fit(&coords, width, 0.02, 28.0, (0.7, 0.45));
    let (legend_svg, legend_h) = legend(data, lang, width, map_h);
    let h = map_h + legend_h;
    let title = if ru { "Карта" } else { "Map" };
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" style="max-width:100%" role="img" aria-label="{title}" font-family="system-ui, sans-serif"><defs><clipPath id="map-frame"><rect x="0" y="0" width="{w}" height="{mh}"/></clipPath></defs><rect x="0" y="0" width="{w}" height="{mh}" fill="#eef1f4" stroke="#c5ccd6"/><g clip-path="url(#map-frame)">"##,
        w = num(width, 0),
        h = num(h, 0),
        mh = num(map_h, 0),
    );
    // Outlines.
    for o in &data.outlines {
        let mut d = String::new();
        for ring in &o.rings {
            if ring.len() < 3 {
                continue;
            }
            d.push('M');
            d.push_str(&ring.iter().map(|&p| f.pt(p)).collect::<Vec<_>>().join("L"));
            d.push('Z');
        }
        s.push_str(&format!(
            r##"<path d="{d}" fill="#ffffff" fill-rule="evenodd" stroke="#8a94a3" stroke-width="1"><title>{}</title></path>"##,
            esc(&o.territory_id)
        ));
    }
    if let Some(side) = data.spot_cell_m {
        s.push_str(&spot_cells(data, &f, side));
    }
    // Firms: small, translucent, so density shows.
    if !data.firms.is_empty() {
        s.push_str(r##"<g fill="#39424e" fill-opacity="0.35">"##);
        for &(lat, lon) in &data.firms {
            s.push_str(&format!(
                r#"<circle cx="{}" cy="{}" r="1.6"/>"#,
                num(f.x(lon), 1),
                num(f.y(lat), 1)
            ));
        }
        s.push_str("</g>");
    }
    // Hulls.
    for (k, hull) in data.hulls.iter().enumerate() {
        let c = HULL_COLOURS[k % HULL_COLOURS.len()];
        let tip = format!(
            "{} {} · {} {}",
            if ru { "кластер" } else { "cluster" },
            hull.label,
            hull.n_points,
            if ru { "фирм" } else { "firms" }
        );
        if hull.ring.len() >= 3 {
            let pts: Vec<String> = hull.ring.iter().map(|&p| f.pt(p)).collect();
            s.push_str(&format!(
                r#"<polygon points="{}" fill="{c}" fill-opacity="0.18" stroke="{c}" stroke-width="2" stroke-linejoin="round"><title>{}</title></polygon>"#,
                pts.join(" "),
                esc(&tip)
            ));
        } else {
            for &p in &hull.ring {
                s.push_str(&format!(
                    r#"<circle cx="{}" cy="{}" r="5" fill="none" stroke="{c}" stroke-width="2"><title>{}</title></circle>"#,
                    num(f.x(p.1), 1),
                    num(f.y(p.0), 1),
                    esc(&tip)
                ));
            }
        }
        if let Some(&(lat, lon)) = hull.ring.iter().min_by(|a, b| b.0.total_cmp(&a.0)) {
            s.push_str(&format!(
                r##"<text x="{}" y="{}" font-size="11" font-weight="600" fill="{c}" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
                num(f.x(lon), 1),
                num(f.y(lat) - 6.0, 1),
                hull.label
            ));
        }
    }
    if data.spot_cell_m.is_none() {
        s.push_str(&spot_points(data, &f));
    }
    // Territory centres and names on top.
    for p in &data.places {
        let (x, y) = (f.x(p.lon), f.y(p.lat));
        s.push_str(&format!(
            r##"<rect x="{}" y="{}" width="8" height="8" fill="#1d2430" stroke="#ffffff" stroke-width="1.5"/><text x="{}" y="{}" font-size="12" font-weight="600" fill="#1d2430" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            num(x - 4.0, 1),
            num(y - 4.0, 1),
            num(x + 7.0, 1),
            num(y - 6.0, 1),
            esc(&p.name)
        ));
    }
    s.push_str("</g>");
    s.push_str(&scale_bar(f.scale, width, f.pad, map_h, ru));
    s.push_str(&legend_svg);
    s.push_str("</svg>");
    s
}

/// Hot and cold spots as circles, insignificant ones small and grey, below the significant ones.
fn spot_points(data: &MapData, f: &Frame) -> String {
    let mut s = String::new();
    let mut spots: Vec<&MapSpot> = data.spots.iter().collect();
    spots.sort_by(|a, b| a.z.abs().total_cmp(&b.z.abs()));
    for sp in spots {
        let significant = sp.z.abs() >= 1.645;
        s.push_str(&format!(
            r##"<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="0.8"><title>z = {}</title></circle>"##,
            num(f.x(sp.lon), 1),
            num(f.y(sp.lat), 1),
            if significant { 5.5 } else { 3.0 },
            spot_colour(sp.z),
            if significant { "#ffffff" } else { "none" },
            num(sp.z, 2)
        ));
    }
    s
}

/// Hot and cold grid cells as squares of their size (side in metres), translucent so the firms
/// show through; insignificant cells only outlined.
fn spot_cells(data: &MapData, f: &Frame, side_m: f64) -> String {
    let mut s = String::new();
    let h = side_m / 111_195.0 * f.scale;
    // Cells are square in metres, and so is the projection about the mean latitude.
    let w = h;
    for sp in &data.spots {
        let significant = sp.z.abs() >= 1.645;
        s.push_str(&format!(
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}" stroke="#ffffff" stroke-width="0.6"><title>z = {}</title></rect>"##,
            num(f.x(sp.lon) - w / 2.0, 1),
            num(f.y(sp.lat) - h / 2.0, 1),
            num(w, 1),
            num(h, 1),
            spot_colour(sp.z),
            if significant { "0.75" } else { "0.25" },
            num(sp.z, 2)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_layer_with_legend_and_nothing_when_empty() {
        assert_eq!(map_svg(&MapData::default(), Lang::En, 900.0), "");
        let data = MapData {
            places: vec![MapPlace {
                name: "Synthetic <town>".into(),
                lat: 56.8,
                lon: 60.6,
            }],
            outlines: vec![],
            firms: vec![(56.80, 60.60), (56.81, 60.61), (56.82, 60.62)],
            firms_total: 30,
            hulls: vec![MapHull {
                label: 0,
                n_points: 3,
                ring: vec![(56.80, 60.60), (56.81, 60.61), (56.82, 60.60)],
            }],
            cluster_method: Some("dbscan".into()),
            spots: vec![
                MapSpot {
                    lat: 56.8,
                    lon: 60.6,
                    z: 3.1,
                },
                MapSpot {
                    lat: 56.81,
                    lon: 60.6,
                    z: -2.0,
                },
                MapSpot {
                    lat: 56.82,
                    lon: 60.6,
                    z: 0.3,
                },
            ],
            spot_method: Some("Gi*".into()),
            spot_cell_m: None,
            frame: None,
        };
        let s = map_svg(&data, Lang::Ru, 900.0);
        assert!(s.starts_with("<svg"));
        assert!(s.ends_with("</svg>"));
        assert!(s.contains("Synthetic &lt;town&gt;"));
        assert!(s.contains("<polygon"));
        assert!(s.contains("#b2182b") && s.contains("#67a9cf"));
        assert!(s.contains("кластеры DBSCAN (1)"));
        assert!(s.contains("горячая точка, 99 %"));
        assert!(s.contains("фирмы (3 из 30)"));
        assert_eq!(s.matches("r=\"1.6\"").count(), 3);
        // A scale bar in round km or m.
        assert!(s.contains(" км<") || s.contains(" м<"));
    }

    #[test]
    fn scale_bar_lengths_are_round() {
        assert_eq!(frame::nice_km(7.3), 5.0);
        assert_eq!(frame::nice_km(0.31), 0.2);
        assert_eq!(frame::nice_km(19.0), 10.0);
    }
}
