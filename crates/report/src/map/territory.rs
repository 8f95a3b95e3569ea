//! The small territory map of the clusters part of a report: the territory's outline, its point,
//! and its creative clusters as dots around the point coloured by formation type (clusters carry
//! no coordinates of their own, so they are arranged on a ring, as on the web map), with a legend
//! and a scale bar. Inline SVG, no tiles, no network.

use creacity_model::Lang;

use crate::html::{esc, num, type_colour};

use super::{Frame, bounds, scale_bar};

/// A cluster drawn on the territory map.
#[derive(Debug, Clone, PartialEq)]
pub struct TerritoryMapCluster {
    /// The cluster's id.
    pub id: String,
    /// Its name in the report's language.
    pub name: String,
    /// Position of its formation type on the public–private scale (1-based).
    pub position: usize,
    /// Number of types on the scale.
    pub of: usize,
    /// The type's label in the report's language.
    pub type_label: String,
}

/// What the territory map draws.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TerritoryMap {
    /// The territory's name.
    pub name: String,
    /// Its point (lat, lon), if known.
    pub point: Option<(f64, f64)>,
    /// Its outline rings of (lat, lon), outer rings and holes alike (even-odd rule).
    pub outline: Vec<Vec<(f64, f64)>>,
    /// Its clusters.
    pub clusters: Vec<TerritoryMapCluster>,
}

/// Renders the territory map as a self-contained `<svg>` (about `width` px wide, legend below).
/// Returns an empty string when neither a point nor an outline is known.
///
/// ```
/// use creacity_report::{TerritoryMap, TerritoryMapCluster, territory_map_svg};
/// let m = TerritoryMap {
///     name: "Synthetic town".into(),
///     point: Some((56.8, 60.6)),
///     outline: vec![],
///     clusters: vec![TerritoryMapCluster { id: "c1".into(), name: "Loft".into(), position: 1,
///         of: 5, type_label: "private".into() }],
/// };
/// let svg = territory_map_svg(&m, creacity_model::Lang::En, 640.0);
/// assert!(svg.contains("#2e8b57")); // type 1 of 5: the private end's green
/// assert!(territory_map_svg(&TerritoryMap::default(), creacity_model::Lang::En, 640.0).is_empty());
/// ```
pub fn territory_map_svg(m: &TerritoryMap, lang: Lang, width: f64) -> String {
    let ru = lang == Lang::Ru;
    let mut coords: Vec<(f64, f64)> = m.outline.iter().flatten().copied().collect();
    coords.extend(m.point);
    coords.retain(|(a, b)| a.is_finite() && b.is_finite());
    if coords.is_empty() {
        return String::new();
    }
    // A point alone gets about 30 km of land around it.
    let (f, map_h) = Frame::fit(&coords, width, 0.3, 24.0, (0.6, 0.4));
    let (pad, scale) = (f.pad, f.scale);
    let x = |lon: f64| f.x(lon);
    let y = |lat: f64| f.y(lat);

    let (legend_svg, legend_h) = legend(m, lang, width, map_h);
    let title = if ru {
        format!("Карта территории: {}", m.name)
    } else {
        format!("Map of the territory: {}", m.name)
    };
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{title}" font-family="system-ui, Arial, sans-serif"><rect x="0.5" y="0.5" width="{w1}" height="{mh}" fill="#f3f6f9" stroke="#c5ccd6"/>"##,
        w = num(width, 0),
        w1 = num(width - 1.0, 0),
        h = num(map_h + legend_h, 0),
        mh = num(map_h - 1.0, 0),
        title = esc(&title),
    );
    if !m.outline.is_empty() {
        let mut d = String::new();
        for ring in m.outline.iter().filter(|r| r.len() >= 3) {
            let mut last: Option<(f64, f64)> = None;
            for (k, &(lat, lon)) in ring.iter().enumerate() {
                let p = (x(lon), y(lat));
                // Vertices within half a unit of the last one drawn add bytes, not shape.
                if let Some(l) = last
                    && (p.0 - l.0).abs() < 0.5
                    && (p.1 - l.1).abs() < 0.5
                    && k + 1 < ring.len()
                {
                    continue;
                }
                d.push(if last.is_none() { 'M' } else { 'L' });
                d.push_str(&format!("{} {}", num(p.0, 1), num(p.1, 1)));
                last = Some(p);
            }
            d.push('Z');
        }
        s.push_str(&format!(
            r##"<path d="{d}" fill="#cfe0f1" fill-rule="evenodd" stroke="#2f5d8a" stroke-width="1.5" stroke-linejoin="round"><title>{}</title></path>"##,
            esc(&m.name)
        ));
    }
    // Clusters ring the territory's point, else the middle of its outline's box.
    let (clat, clon) = m.point.unwrap_or_else(|| {
        let (s, n, w, e) = bounds(&coords);
        ((s + n) / 2.0, (w + e) / 2.0)
    });
    let (cx, cy) = (x(clon), y(clat));
    let n = m.clusters.len();
    for (i, c) in m.clusters.iter().enumerate() {
        let per_ring = 8;
        let ring = i / per_ring;
        let in_ring = n.saturating_sub(ring * per_ring).min(per_ring).max(1);
        let a = (i % per_ring) as f64 / in_ring as f64 * std::f64::consts::TAU
            - std::f64::consts::FRAC_PI_2;
        let r = 40.0 + 26.0 * ring as f64;
        let (px, py) = (cx + r * a.cos(), cy + r * a.sin());
        s.push_str(&format!(
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1d2430" stroke-opacity="0.45" stroke-width="1.2"/><circle cx="{}" cy="{}" r="11" fill="{}" stroke="#ffffff" stroke-width="2"><title>{} — {}</title></circle><text x="{}" y="{}" font-size="12" font-weight="700" fill="#ffffff" text-anchor="middle" dominant-baseline="central">{}</text>"##,
            num(cx, 1),
            num(cy, 1),
            num(px, 1),
            num(py, 1),
            num(px, 1),
            num(py, 1),
            type_colour(c.position, c.of),
            esc(&c.name),
            esc(&c.type_label),
            num(px, 1),
            num(py, 1),
            i + 1
        ));
    }
    if let Some((lat, lon)) = m.point {
        let (px, py) = (x(lon), y(lat));
        s.push_str(&format!(
            r##"<rect x="{}" y="{}" width="9" height="9" fill="#1d2430" stroke="#ffffff" stroke-width="1.5"/>"##,
            num(px - 4.5, 1),
            num(py - 4.5, 1),
        ));
    }
    // The name above everything, where the ring of clusters leaves room.
    let label_dy = if n == 0 {
        12.0
    } else {
        40.0 + 26.0 * ((n - 1) / 8) as f64 + 20.0
    };
    s.push_str(&format!(
        r##"<text x="{}" y="{}" font-size="13" font-weight="600" fill="#1d2430" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
        num(cx, 1),
        num((cy - label_dy).max(14.0), 1),
        esc(&m.name)
    ));
    s.push_str(&scale_bar(scale, width, pad, map_h, ru));
    s.push_str(&legend_svg);
    s.push_str("</svg>");
    s
}

/// The legend: the territory's point and outline, the formation types shown (in scale order),
/// then the numbered clusters; entries flow left to right and wrap.
fn legend(m: &TerritoryMap, lang: Lang, width: f64, top: f64) -> (String, f64) {
    let ru = lang == Lang::Ru;
    let mut out = String::new();
    let (mut x, mut y) = (8.0f64, top + 18.0);
    let item = |out: &mut String, glyph: String, label: &str, x: &mut f64, y: &mut f64| {
        let w = 34.0 + label.chars().count() as f64 * 7.4;
        if *x + w > width && *x > 8.0 {
            *x = 8.0;
            *y += 20.0;
        }
        out.push_str(
            &glyph
                .replace("{X}", &num(*x, 1))
                .replace("{Y}", &num(*y, 1)),
        );
        out.push_str(&format!(
            r##"<text x="{}" y="{}" font-size="12" fill="#1d2430" dominant-baseline="central">{}</text>"##,
            num(*x + 18.0, 1),
            num(*y, 1),
            esc(label)
        ));
        *x += w;
    };
    if m.point.is_some() {
        item(
            &mut out,
            r##"<rect x="{X}" y="{Y}" transform="translate(2 -4.5)" width="9" height="9" fill="#1d2430"/>"##.into(),
            if ru { "центр территории" } else { "territory centre" },
            &mut x,
            &mut y,
        );
    }
    if !m.outline.is_empty() {
        item(
            &mut out,
            r##"<rect x="{X}" y="{Y}" transform="translate(0 -6)" width="13" height="12" fill="#cfe0f1" stroke="#2f5d8a"/>"##.into(),
            if ru { "граница" } else { "outline" },
            &mut x,
            &mut y,
        );
    }
    let mut types: Vec<(usize, usize, &str)> = m
        .clusters
        .iter()
        .map(|c| (c.position, c.of, c.type_label.as_str()))
        .collect();
    types.sort();
    types.dedup();
    if !types.is_empty() {
        x = 8.0;
        y += 20.0;
        for (pos, of, label) in types {
            item(
                &mut out,
                format!(
                    r##"<circle cx="{{X}}" cy="{{Y}}" transform="translate(6 0)" r="6" fill="{}"/>"##,
                    type_colour(pos, of)
                ),
                &format!("{pos}. {label}"),
                &mut x,
                &mut y,
            );
        }
        x = 8.0;
        y += 20.0;
        for (i, c) in m.clusters.iter().enumerate() {
            item(
                &mut out,
                format!(
                    r##"<circle cx="{{X}}" cy="{{Y}}" transform="translate(6 0)" r="7" fill="{c}"/><text x="{{X}}" y="{{Y}}" transform="translate(6 0)" font-size="9" font-weight="700" fill="#ffffff" text-anchor="middle" dominant-baseline="central">{n}</text>"##,
                    c = type_colour(c.position, c.of),
                    n = i + 1
                ),
                &c.name,
                &mut x,
                &mut y,
            );
        }
    }
    (out, y - top + 16.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(id: &str, position: usize) -> TerritoryMapCluster {
        TerritoryMapCluster {
            id: id.into(),
            name: format!("Cluster <{id}>"),
            position,
            of: 5,
            type_label: format!("type {position}"),
        }
    }

    #[test]
    fn draws_outline_point_and_clusters_by_type_in_russian() {
        let m = TerritoryMap {
            name: "Синтетград".into(),
            point: Some((56.8, 60.6)),
            outline: vec![vec![(56.6, 60.3), (56.6, 60.9), (57.0, 60.9), (57.0, 60.3)]],
            clusters: vec![cluster("c1", 1), cluster("c2", 5), cluster("c3", 1)],
        };
        let s = territory_map_svg(&m, Lang::Ru, 640.0);
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        assert!(s.contains("Карта территории: Синтетград"));
        assert!(s.contains("граница") && s.contains("центр территории"));
        // Three cluster dots (r 8.5), two of type 1 (green), one of type 5 (violet).
        assert_eq!(s.matches(r#"r="11""#).count(), 3);
        assert_eq!(s.matches(r##"r="11" fill="#2e8b57""##).count(), 2);
        assert_eq!(s.matches(r##"r="11" fill="#5a4fcf""##).count(), 1);
        // Each type once in the legend, in scale order; names escaped.
        assert_eq!(s.matches(">1. type 1<").count(), 1);
        assert!(s.find(">1. type 1<") < s.find(">5. type 5<"));
        assert!(s.contains("Cluster &lt;c2&gt;"));
        assert!(s.contains(" км<"));
        assert!(!s.contains("http://") || !s.contains("href"));
    }

    #[test]
    fn an_outline_alone_frames_the_map_and_clusters_ring_its_middle() {
        let m = TerritoryMap {
            name: "T".into(),
            point: None,
            outline: vec![vec![(10.0, 20.0), (10.0, 21.0), (11.0, 21.0), (11.0, 20.0)]],
            clusters: vec![cluster("c1", 3)],
        };
        let s = territory_map_svg(&m, Lang::En, 640.0);
        assert!(s.contains("outline") && !s.contains("territory centre"));
        assert!(s.contains("<line x1=\"320.0\""), "{s}");
    }
}
