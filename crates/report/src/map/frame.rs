//! The frame of the offline maps: the box around what is drawn, its fitting into the SVG
//! (equirectangular about the mean latitude), and round lengths for the scale bar.

use crate::html::num;

/// A fitted projection: equirectangular about `cos0`, scaled and padded into the SVG.
pub(crate) struct Frame {
    min_x: f64,
    max_y: f64,
    /// Pixels per degree of latitude.
    pub(crate) scale: f64,
    cos0: f64,
    /// Margin around the map in pixels.
    pub(crate) pad: f64,
}

/// The box around `coords` (lat, lon): south, north, west, east.
pub(crate) fn bounds(coords: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for &(a, b) in coords {
        lat0 = lat0.min(a);
        lat1 = lat1.max(a);
        lon0 = lon0.min(b);
        lon1 = lon1.max(b);
    }
    (lat0, lat1, lon0, lon1)
}

impl Frame {
    /// The frame around `coords` (lat, lon; not empty) for a map `width` wide, and the map's
    /// height: each side spans at least `min_span` degrees of latitude, the longitude scaled by
    /// the cosine of the mean latitude; the height is `aspect.0` × the inner width at most and
    /// `aspect.1` × it at least, with `pad` around.
    pub(crate) fn fit(
        coords: &[(f64, f64)],
        width: f64,
        min_span: f64,
        pad: f64,
        aspect: (f64, f64),
    ) -> (Self, f64) {
        let (mut lat0, mut lat1, mut lon0, mut lon1) = bounds(coords);
        if lat1 - lat0 < min_span {
            let c = (lat0 + lat1) / 2.0;
            (lat0, lat1) = (c - min_span / 2.0, c + min_span / 2.0);
        }
        let cos0 = ((lat0 + lat1) / 2.0).to_radians().cos().max(0.05);
        if (lon1 - lon0) * cos0 < min_span {
            let c = (lon0 + lon1) / 2.0;
            let half = min_span / cos0 / 2.0;
            (lon0, lon1) = (c - half, c + half);
        }
        let (span_x, span_y) = ((lon1 - lon0) * cos0, lat1 - lat0);
        let inner_w = width - 2.0 * pad;
        let scale = (inner_w / span_x).min(inner_w * aspect.0 / span_y);
        let map_h = (span_y * scale).max(inner_w * aspect.1) + 2.0 * pad;
        let frame = Self {
            min_x: lon0 * cos0 - (inner_w / scale - span_x) / 2.0,
            max_y: lat1 + ((map_h - 2.0 * pad) / scale - span_y) / 2.0,
            scale,
            cos0,
            pad,
        };
        (frame, map_h)
    }
    pub(crate) fn x(&self, lon: f64) -> f64 {
        self.pad + (lon * self.cos0 - self.min_x) * self.scale
    }
    pub(crate) fn y(&self, lat: f64) -> f64 {
        self.pad + (self.max_y - lat) * self.scale
    }
    pub(crate) fn pt(&self, (lat, lon): (f64, f64)) -> String {
        format!("{},{}", num(self.x(lon), 1), num(self.y(lat), 1))
    }
}

/// The scale bar at the bottom left of a map `map_h` high: a round number of km (or m), at most
/// a quarter of the `width`, for a frame of `scale` pixels per degree.
pub(crate) fn scale_bar(scale: f64, width: f64, pad: f64, map_h: f64, ru: bool) -> String {
    let km_per_px = 111.195 / scale;
    let km = nice_km(km_per_px * width / 4.0);
    let bar = km / km_per_px;
    let (bx, by) = (pad, map_h - 12.0);
    format!(
        r##"<g stroke="#1d2430" stroke-width="2"><line x1="{bx}" y1="{by}" x2="{x2}" y2="{by}"/><line x1="{bx}" y1="{y0}" x2="{bx}" y2="{by}"/><line x1="{x2}" y1="{y0}" x2="{x2}" y2="{by}"/></g><text x="{tx}" y="{ty}" font-size="11" fill="#1d2430">{label} {unit}</text>"##,
        x2 = num(bx + bar, 1),
        y0 = num(by - 5.0, 1),
        tx = num(bx + bar + 6.0, 1),
        ty = num(by + 1.0, 1),
        label = if km >= 1.0 {
            format!("{km}")
        } else {
            format!("{}", km * 1000.0)
        },
        unit = if km >= 1.0 {
            if ru { "км" } else { "km" }
        } else if ru {
            "м"
        } else {
            "m"
        },
    )
}

/// A "nice" length in km for the scale bar: 1, 2 or 5 × 10ⁿ, at most `max_km`.
pub(crate) fn nice_km(max_km: f64) -> f64 {
    let p = 10f64.powf(max_km.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v <= max_km)
        .unwrap_or(p)
}
