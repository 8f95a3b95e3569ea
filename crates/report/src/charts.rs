//! Inline SVG charts: the public–private plane, horizontal bars with intervals, counts per type.

use creacity_model::Lang;
use creacity_typology::Plane;

use crate::html::{esc, num, pct, type_colour};

/// A scatter of clusters on the public–private plane (both axes 0…1), points coloured by type.
pub fn plane_svg(plane: &Plane, of: usize, lang: Lang) -> String {
    let (w, h, m) = (640.0, 460.0, 56.0);
    let (pw, ph) = (w - 2.0 * m, h - 2.0 * m);
    let sx = |x: f64| m + x * pw;
    let sy = |y: f64| h - m - y * ph;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{}">"#,
        esc(crate::i18n::t(lang, "plane"))
    );
    s.push_str(&format!(
        r##"<rect x="{m}" y="{m}" width="{pw}" height="{ph}" fill="#fbfcfd" stroke="#c5ccd6"/>"##
    ));
    for i in 0..=4 {
        let v = i as f64 / 4.0;
        s.push_str(&format!(
            r##"<line x1="{x}" y1="{m}" x2="{x}" y2="{y2}" stroke="#e6e9ee"/><line x1="{m}" y1="{y}" x2="{x2}" y2="{y}" stroke="#e6e9ee"/><text x="{x}" y="{ty}" font-size="11" text-anchor="middle" fill="#5b6573">{v}</text><text x="{tx}" y="{y}" font-size="11" text-anchor="end" dominant-baseline="middle" fill="#5b6573">{v}</text>"##,
            x = sx(v),
            y = sy(v),
            y2 = h - m,
            x2 = w - m,
            ty = h - m + 16.0,
            tx = m - 6.0,
            v = num(v, 2)
        ));
    }
    s.push_str(&format!(
        r##"<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="#1d2430">{}</text>"##,
        m + pw / 2.0,
        h - 12.0,
        esc(plane.x_title.get(lang))
    ));
    s.push_str(&format!(
        r##"<text transform="translate(16 {}) rotate(-90)" font-size="13" text-anchor="middle" fill="#1d2430">{}</text>"##,
        m + ph / 2.0,
        esc(plane.y_title.get(lang))
    ));
    for p in &plane.points {
        let (Some(x), Some(y)) = (p.x, p.y) else {
            continue;
        };
        let colour = type_colour(p.position, of);
        s.push_str(&format!(
            r##"<g><title>{name} — {ty}: ({x}, {y})</title><circle cx="{cx}" cy="{cy}" r="7" fill="{colour}" fill-opacity="0.85" stroke="#fff" stroke-width="1.5"/><text x="{lx}" y="{cy}" font-size="11" dominant-baseline="middle" fill="#1d2430">{id}</text></g>"##,
            name = esc(p.name.get(lang)),
            ty = esc(&p.type_id),
            x = num(x, 2),
            y = num(y, 2),
            cx = num(sx(x), 1),
            cy = num(sy(y), 1),
            lx = num(sx(x) + 9.0, 1),
            id = esc(&p.cluster_id),
        ));
    }
    s.push_str("</svg>");
    s
}

/// One bar of a horizontal bar chart: label, value in 0…1, optional interval.
pub struct Bar {
    /// Label at the left.
    pub label: String,
    /// Value, 0 … 1.
    pub value: f64,
    /// Interval, if known.
    pub interval: Option<(f64, f64)>,
    /// Fill colour.
    pub colour: String,
}

/// Horizontal bars on a 0…1 scale with optional interval whiskers.
pub fn bars_svg(bars: &[Bar], aria: &str) -> String {
    // Labels sit left of the bars; give them the room the longest one needs (≈ 6.6 px a character at 12 px).
    let longest = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let (w, label_w, row) = (680.0, (longest * 6.6 + 16.0).clamp(120.0, 340.0), 26.0);
    let h = 20.0 + row * bars.len() as f64 + 20.0;
    let pw = w - label_w - 60.0;
    let sx = |v: f64| label_w + v.clamp(0.0, 1.0) * pw;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{}">"#,
        esc(aria)
    );
    for i in 0..=4 {
        let v = i as f64 / 4.0;
        s.push_str(&format!(
            r##"<line x1="{x}" y1="14" x2="{x}" y2="{y2}" stroke="#e6e9ee"/><text x="{x}" y="{ty}" font-size="11" text-anchor="middle" fill="#5b6573">{p}</text>"##,
            x = sx(v),
            y2 = h - 18.0,
            ty = h - 4.0,
            p = pct(v)
        ));
    }
    for (i, b) in bars.iter().enumerate() {
        let y = 20.0 + row * i as f64;
        s.push_str(&format!(
            r##"<text x="{lx}" y="{ty}" font-size="12" text-anchor="end" dominant-baseline="middle" fill="#1d2430">{label}</text><rect x="{label_w}" y="{y}" width="{bw}" height="16" fill="{c}" rx="2"/><text x="{vx}" y="{ty}" font-size="11" dominant-baseline="middle" fill="#1d2430">{v}</text>"##,
            lx = label_w - 8.0,
            ty = y + 8.0,
            label = esc(&b.label),
            bw = num(sx(b.value) - label_w, 1),
            c = b.colour,
            vx = num(sx(b.interval.map_or(b.value, |i| i.1)) + 6.0, 1),
            v = pct(b.value)
        ));
        if let Some((lo, hi)) = b.interval {
            s.push_str(&format!(
                r##"<line x1="{a}" y1="{m}" x2="{b}" y2="{m}" stroke="#1d2430" stroke-width="1.5"/><line x1="{a}" y1="{t}" x2="{a}" y2="{u}" stroke="#1d2430"/><line x1="{b}" y1="{t}" x2="{b}" y2="{u}" stroke="#1d2430"/>"##,
                a = num(sx(lo), 1),
                b = num(sx(hi), 1),
                m = y + 8.0,
                t = y + 3.0,
                u = y + 13.0
            ));
        }
    }
    s.push_str("</svg>");
    s
}
