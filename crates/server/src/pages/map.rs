//! An offline map: territories and their clusters drawn as SVG from coordinates (equirectangular,
//! longitude scaled by the cosine of the mean latitude), with no tile server.

use std::collections::BTreeMap;

use creacity_model::{Lang, Territory};
use creacity_report::{esc, type_colour};
use creacity_typology::Classification;

/// The map of all territories with coordinates; clusters ring their territory's point,
/// coloured by type.
pub(crate) fn map_svg(
    territories: &[Territory],
    c: &Classification,
    clusters_of: &BTreeMap<String, Vec<String>>,
    lang: Lang,
    aria: &str,
) -> String {
    let pts: Vec<(&Territory, f64, f64)> = territories
        .iter()
        .filter_map(|t| Some((t, t.lat?, t.lon?)))
        .collect();
    let (w, h, pad) = (680.0_f64, 380.0_f64, 40.0_f64);
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{}"><rect width="{w}" height="{h}" fill="#f3f6f9"/>"##,
        esc(aria)
    );
    if pts.is_empty() {
        s.push_str("</svg>");
        return s;
    }
    let lat0 = pts.iter().map(|p| p.1).sum::<f64>() / pts.len() as f64;
    let k = lat0.to_radians().cos().max(0.2);
    let xs: Vec<f64> = pts.iter().map(|p| p.2 * k).collect();
    let ys: Vec<f64> = pts.iter().map(|p| p.1).collect();
    let (x0, x1) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |a, &x| (a.0.min(x), a.1.max(x)));
    let (y0, y1) = ys
        .iter()
        .fold((f64::MAX, f64::MIN), |a, &y| (a.0.min(y), a.1.max(y)));
    let span = ((x1 - x0) / (w - 2.0 * pad))
        .max((y1 - y0) / (h - 2.0 * pad))
        .max(1e-6);
    let cx = (x0 + x1) / 2.0;
    let cy = (y0 + y1) / 2.0;
    let px = |x: f64| w / 2.0 + (x - cx) / span;
    let py = |y: f64| h / 2.0 - (y - cy) / span;
    let type_of: BTreeMap<&str, (usize, usize, String)> = c
        .clusters
        .iter()
        .map(|r| {
            (
                r.cluster_id.as_str(),
                (r.position, r.of, r.name.get(lang).to_string()),
            )
        })
        .collect();
    for (t, lat, lon) in &pts {
        let (x, y) = (px(lon * k), py(*lat));
        let name = match lang {
            Lang::Ru => &t.name_ru,
            Lang::En => &t.name_en,
        };
        s.push_str(&format!(
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="#1f2937"><title>{n}</title></circle><text x="{tx:.1}" y="{ty:.1}" font-size="12" fill="#1f2937">{n}</text>"##,
            n = esc(name),
            tx = x + 8.0,
            ty = y - 8.0
        ));
        let ids = clusters_of.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        for (i, id) in ids.iter().enumerate() {
            let a = i as f64 / ids.len().max(1) as f64 * std::f64::consts::TAU;
            let r = 16.0 + 6.0 * (i / 8) as f64;
            let (pos, of, label) = type_of
                .get(id.as_str())
                .cloned()
                .unwrap_or((1, 1, id.clone()));
            s.push_str(&format!(
                r##"<a href="/clusters/{href}"><circle cx="{:.1}" cy="{:.1}" r="6" fill="{}" stroke="#fff"><title>{}</title></circle></a>"##,
                x + r * a.cos(),
                y + r * a.sin(),
                type_colour(pos, of),
                esc(&label),
                href = esc(id)
            ));
        }
    }
    s.push_str("</svg>");
    s
}
