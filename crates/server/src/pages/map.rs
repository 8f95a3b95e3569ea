//! The map: territory outlines (GeoJSON stored in the workspace), territory points and their
//! clusters coloured by type, drawn as SVG in the Web-Mercator projection with no tile server.
//! When the server is given `--tiles`, the page carries the tile grid's position so the script
//! can lay `{z}/{x}/{y}` tiles under the SVG in the same projection.

use std::collections::BTreeMap;

use creacity_model::{Lang, Territory};
use creacity_report::{esc, type_colour};
use creacity_typology::Classification;
use serde_json::Value;

use crate::tiles::TileSource;

/// Size of the drawing (SVG units) and the margin kept around what is drawn.
const W: f64 = 680.0;
const H: f64 = 420.0;
const PAD: f64 = 36.0;
/// Smallest span drawn, in degrees (a lone city gets some land around it).
const MIN_SPAN: f64 = 0.3;

/// Web-Mercator (EPSG:3857) world pixel of a position at zoom `z`, 256-pixel tiles.
pub(crate) fn mercator(lon: f64, lat: f64, z: u32) -> (f64, f64) {
    let size = 256.0 * f64::from(1u32 << z);
    let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
    let x = (lon + 180.0) / 360.0 * size;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * size;
    (x, y)
}

/// The frame: the integer zoom of the tile grid, the scale from its pixels to SVG units (1…2),
/// and the world pixel at the SVG's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub z: u32,
    pub scale: f64,
    pub ox: f64,
    pub oy: f64,
}

impl Frame {
    /// The largest zoom at which the box `[min lon, min lat, max lon, max lat]` fits the drawing.
    pub(crate) fn fit(bbox: [f64; 4]) -> Self {
        let (cx, cy) = ((bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0);
        let half = |a: f64, b: f64| ((b - a) / 2.0).max(MIN_SPAN / 2.0);
        let (hx, hy) = (half(bbox[0], bbox[2]), half(bbox[1], bbox[3]));
        let (x0, y0, x1, y1) = (cx - hx, (cy - hy).max(-85.0), cx + hx, (cy + hy).min(85.0));
        let span = |z: u32| {
            let a = mercator(x0, y1, z);
            let b = mercator(x1, y0, z);
            (b.0 - a.0, b.1 - a.1)
        };
        let fits = |z: u32| {
            let (w, h) = span(z);
            w <= W - 2.0 * PAD && h <= H - 2.0 * PAD
        };
        let z = (0..=18).rev().find(|&z| fits(z)).unwrap_or(0);
        let (w, h) = span(z);
        let scale = ((W - 2.0 * PAD) / w.max(1e-9))
            .min((H - 2.0 * PAD) / h.max(1e-9))
            .clamp(1.0, 2.0);
        // The centre in projected space (Mercator stretches latitudes unevenly).
        let (a, b) = (mercator(x0, y1, z), mercator(x1, y0, z));
        let (mx, my) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        Self {
            z,
            scale,
            ox: mx - W / 2.0 / scale,
            oy: my - H / 2.0 / scale,
        }
    }

    /// SVG coordinates of a position.
    pub(crate) fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = mercator(lon, lat, self.z);
        ((x - self.ox) * self.scale, (y - self.oy) * self.scale)
    }
}

/// What the map draws.
pub(crate) struct MapInput<'a> {
    pub territories: &'a [Territory],
    pub classification: &'a Classification,
    /// Cluster ids per territory id.
    pub clusters_of: &'a BTreeMap<String, Vec<String>>,
    /// The stored outlines (a FeatureCollection with `properties.territory_id`), if any.
    pub outlines: Option<&'a Value>,
    pub lang: Lang,
    pub aria: &'a str,
    /// Tiles to place under the drawing (map page only).
    pub tiles: Option<&'a TileSource>,
}

fn bbox(input: &MapInput<'_>) -> Option<[f64; 4]> {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut add = |lon: f64, lat: f64| {
        b[0] = b[0].min(lon);
        b[1] = b[1].min(lat);
        b[2] = b[2].max(lon);
        b[3] = b[3].max(lat);
    };
    for t in input.territories {
        if let (Some(lat), Some(lon)) = (t.lat, t.lon) {
            add(lon, lat);
        }
    }
    for f in outline_features(input.outlines) {
        creacity_app::outlines::for_each_position(&f["geometry"], &mut add);
    }
    (b[0] <= b[2]).then_some(b)
}

fn outline_features(outlines: Option<&Value>) -> impl Iterator<Item = &Value> {
    outlines
        .and_then(|o| o["features"].as_array())
        .into_iter()
        .flatten()
}

fn name(t: &Territory, lang: Lang) -> &str {
    match lang {
        Lang::Ru => &t.name_ru,
        Lang::En => &t.name_en,
    }
}

/// The map as SVG (an empty frame when nothing has coordinates).
pub(crate) fn map_svg(input: &MapInput<'_>) -> String {
    let Some(b) = bbox(input) else {
        return format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="{}"><rect width="{W}" height="{H}" fill="#f3f6f9"/></svg>"##,
            esc(input.aria)
        );
    };
    let f = Frame::fit(b);
    let tiles = input.tiles.map_or(String::new(), |t| {
        format!(
            r#" class="tiled" data-tiles="{}" data-z="{}" data-ox="{:.3}" data-oy="{:.3}" data-scale="{:.6}""#,
            esc(t.template()),
            f.z,
            f.ox,
            f.oy,
            f.scale
        )
    });
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="{}"{tiles}><rect width="{W}" height="{H}" fill="#f3f6f9"/><g class="tiles"></g>"##,
        esc(input.aria)
    );
    let by_id: BTreeMap<&str, &Territory> = input
        .territories
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let fill_opacity = if input.tiles.is_some() { "0.25" } else { "0.6" };
    for feat in outline_features(input.outlines) {
        let tid = feat["properties"]["territory_id"].as_str().unwrap_or("");
        let label = by_id.get(tid).map_or_else(
            || {
                feat["properties"]["name"]
                    .as_str()
                    .unwrap_or(tid)
                    .to_string()
            },
            |t| name(t, input.lang).to_string(),
        );
        let mut d = String::new();
        for ring in creacity_app::outlines::rings(&feat["geometry"]) {
            let mut last: Option<(f64, f64)> = None;
            for (k, &(lon, lat)) in ring.iter().enumerate() {
                let (x, y) = f.xy(lon, lat);
                // Vertices closer than half a unit to the last one drawn add bytes, not shape.
                if let Some((lx, ly)) = last
                    && (x - lx).abs() < 0.5
                    && (y - ly).abs() < 0.5
                    && k + 1 < ring.len()
                {
                    continue;
                }
                d.push_str(&format!(
                    "{}{x:.1} {y:.1}",
                    if last.is_none() { "M" } else { "L" }
                ));
                last = Some((x, y));
            }
            d.push('Z');
        }
        s.push_str(&format!(
            r##"<path class="outline" d="{d}" fill="#cfe0f1" fill-opacity="{fill_opacity}" fill-rule="evenodd" stroke="#2f5d8a" stroke-width="1.2" data-territory="{}"><title>{}</title></path>"##,
            esc(tid),
            esc(&label)
        ));
    }
    let type_of: BTreeMap<&str, (usize, usize, String)> = input
        .classification
        .clusters
        .iter()
        .map(|r| {
            (
                r.cluster_id.as_str(),
                (r.position, r.of, r.name.get(input.lang).to_string()),
            )
        })
        .collect();
    for t in input.territories {
        let (Some(lat), Some(lon)) = (t.lat, t.lon) else {
            continue;
        };
        let (x, y) = f.xy(lon, lat);
        let n = esc(name(t, input.lang));
        s.push_str(&format!(
            r##"<circle class="territory" cx="{x:.1}" cy="{y:.1}" r="5" fill="#1f2937"><title>{n}</title></circle><text x="{tx:.1}" y="{ty:.1}" font-size="12" fill="#1f2937" stroke="#fff" stroke-width="3" paint-order="stroke">{n}</text>"##,
            tx = x + 8.0,
            ty = y - 8.0
        ));
        let ids = input
            .clusters_of
            .get(&t.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (i, id) in ids.iter().enumerate() {
            let a = i as f64 / ids.len().max(1) as f64 * std::f64::consts::TAU;
            let r = 16.0 + 6.0 * (i / 8) as f64;
            let (pos, of, label) = type_of
                .get(id.as_str())
                .cloned()
                .unwrap_or((1, 1, id.clone()));
            s.push_str(&format!(
                r##"<a href="/clusters/{href}"><circle class="cluster" cx="{:.1}" cy="{:.1}" r="6" fill="{}" stroke="#fff"><title>{} — {}</title></circle></a>"##,
                x + r * a.cos(),
                y + r * a.sin(),
                type_colour(pos, of),
                esc(id),
                esc(&label),
                href = esc(id)
            ));
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mercator_matches_the_tile_grid() {
        // Zoom 0 is one 256-pixel tile: (0°, 0°) at its centre, 180° E at its right edge.
        assert_eq!(mercator(0.0, 0.0, 0), (128.0, 128.0));
        assert_eq!(mercator(180.0, 0.0, 1).0, 512.0);
        // 85.0511° N is the top edge of the grid.
        assert!(mercator(0.0, 85.051_128, 3).1.abs() < 1e-3);
    }

    #[test]
    fn the_frame_fits_the_box_at_the_largest_zoom() {
        let f = Frame::fit([59.7, 55.8, 62.4, 58.2]);
        let (x0, y0) = f.xy(59.7, 58.2);
        let (x1, y1) = f.xy(62.4, 55.8);
        assert!(x0 >= PAD - 1e-6 && y0 >= PAD - 1e-6, "{x0} {y0}");
        assert!(x1 <= W - PAD + 1e-6 && y1 <= H - PAD + 1e-6, "{x1} {y1}");
        assert!((1.0..=2.0).contains(&f.scale));
        // One zoom level more would not fit.
        let (a, b) = (mercator(59.7, 58.2, f.z + 1), mercator(62.4, 55.8, f.z + 1));
        assert!(b.0 - a.0 > W - 2.0 * PAD || b.1 - a.1 > H - 2.0 * PAD);
        assert_eq!(f.z, 6);
    }
}
