//! # creacity-report
//!
//! Renders a territory's management loop as **one self-contained HTML file**: inline CSS and SVG,
//! no scripts, fonts or tiles from the network, print rules for paper. Sections: the territory and
//! key figures; its clusters with their formation types, memberships, borderline flags and reasons;
//! a small offline map of the territory (outline, point, clusters coloured by type,
//! [`territory_map_svg`]); a chart of the clusters on the public–private plane; the problem ranking with intervals and
//! keyword-in-context evidence; the strategy's goals, measures, actors and KPIs; extra sections
//! supplied by other analyses (with [`map_svg`], an offline SVG map of territory outlines, firms,
//! cluster hulls and hot spots, for the mapping section); and the provenance (reference data versions, date, inputs).
//! Synthetic data is announced in a banner at the top.
//!
//! All text from data is HTML-escaped.
#![warn(missing_docs)]

mod charts;
mod html;
mod i18n;
mod map;
mod sections;

pub use charts::{Bar, bars_svg, plane_svg};
pub use html::{esc, num, pct, thousands, type_colour};
pub use i18n::t;
pub use map::{
    MapData, MapHull, MapOutline, MapPlace, MapSpot, TerritoryMap, TerritoryMapCluster, map_svg,
    outlines_from_geojson, spot_colour, territory_map_svg,
};

use creacity_model::{CreativeCluster, Lang, ProblemRanking, Provenance, Strategy, Territory};
use creacity_typology::Classification;

/// An extra section contributed by another analysis (QCA, index, mapping …): a title and trusted HTML
/// produced by creacity itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Anchor id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Body, already escaped and self-contained.
    pub html: String,
}

/// Everything a territory report shows.
pub struct ReportData<'a> {
    /// The territory.
    pub territory: &'a Territory,
    /// Its clusters' case cards.
    pub clusters: &'a [CreativeCluster],
    /// Their classification.
    pub classification: &'a Classification,
    /// The problem ranking, if one was made.
    pub problems: Option<&'a ProblemRanking>,
    /// The strategy, if one was built.
    pub strategy: Option<&'a Strategy>,
    /// Further sections.
    pub extra: Vec<Section>,
    /// Provenance of every result shown.
    pub provenance: Vec<Provenance>,
    /// Input identities (file names and record counts).
    pub inputs: Vec<String>,
    /// Generation time (RFC 3339).
    pub generated_at: String,
    /// creacity's version.
    pub tool_version: String,
    /// The territory's map (outline and point) for the clusters part; its clusters are filled
    /// in from the classification. `None`, or neither point nor outline: no map.
    pub territory_map: Option<TerritoryMap>,
    /// The report's language.
    pub lang: Lang,
}

impl ReportData<'_> {
    /// True when any record shown is synthetic.
    pub fn synthetic(&self) -> bool {
        self.territory.synthetic
            || self.clusters.iter().any(|c| c.synthetic)
            || self.classification.clusters.iter().any(|c| c.synthetic)
    }
}

/// Renders the report as a complete HTML document.
pub fn render(data: &ReportData<'_>) -> String {
    let lang = data.lang;
    let name = data.territory.name(lang);
    let mut body = String::new();
    body.push_str(&format!(
        "<h1>{}</h1><p class=\"sub\">{} · {}</p>",
        html::esc(name),
        html::esc(t(lang, "title")),
        html::esc(&data.generated_at)
    ));
    if data.synthetic() {
        body.push_str(&format!(
            "<div class=\"banner\" role=\"note\">{}</div>",
            html::esc(t(lang, "synthetic"))
        ));
    }
    body.push_str(&sections::toc(data));
    body.push_str(&sections::overview(data));
    body.push_str(&sections::clusters(data));
    body.push_str(&sections::problems(data));
    body.push_str(&sections::strategy(data));
    for s in &data.extra {
        body.push_str(&format!(
            "<section id=\"{}\"><h2>{}</h2>{}</section>",
            html::esc(&s.id),
            html::esc(&s.title),
            s.html
        ));
    }
    body.push_str(&sections::provenance(data));
    if data.synthetic() {
        body.push_str(&format!(
            "<div class=\"banner\" role=\"note\">{}</div>",
            html::esc(t(lang, "synthetic"))
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} — creacity</title><style>{}</style></head><body><main>{}</main></body></html>\n",
        lang.code(),
        html::esc(name),
        html::CSS,
        body
    )
}
