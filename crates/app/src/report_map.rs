//! The mapping part of a report: which firms belong to the reported territory, the frame of its
//! offline map, the territory map of the clusters part, and the mapping section with the newest
//! stored results.

use std::fmt::Write as _;

use creacity_model::Lang;
use creacity_model::Territory;
use creacity_report::Section;
use creacity_store::Workspace;

use crate::Result;
use crate::report_tables::{aggregate_table, ours_first, ours_note};

/// The firms of the reported territory and the box its map shows.
struct Scope {
    /// Distinct firms tied to the territory (any period).
    firms: usize,
    /// Of which with coordinates (newest period of each).
    with_coordinates: usize,
    /// (south, north, west, east).
    frame: Option<(f64, f64, f64, f64)>,
}

/// The box around `coords`, widened by 5 % (at least ~500 m) on each side.
fn padded_box(coords: impl Iterator<Item = (f64, f64)>) -> Option<(f64, f64, f64, f64)> {
    let (mut s, mut n, mut w, mut e) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for (lat, lon) in coords.filter(|(a, b)| a.is_finite() && b.is_finite()) {
        (s, n, w, e) = (s.min(lat), n.max(lat), w.min(lon), e.max(lon));
    }
    if s > n {
        return None;
    }
    let (dy, dx) = (((n - s) * 0.05).max(0.005), ((e - w) * 0.05).max(0.005));
    Some((s - dy, n + dy, w - dx, e + dx))
}

fn in_box((s, n, w, e): (f64, f64, f64, f64), (lat, lon): (f64, f64)) -> bool {
    (s..=n).contains(&lat) && (w..=e).contains(&lon)
}

/// The reported territory's outline rings (lat, lon), from the newest stored outlines.
fn outline_of(ws: &Workspace, territory: &str) -> Result<Vec<Vec<(f64, f64)>>> {
    let Some((fc, ..)) = crate::outlines::latest_outlines(ws)? else {
        return Ok(Vec::new());
    };
    // Another command stores the collection itself, or wrapped as {"result": …}.
    let fc = if fc["features"].is_array() {
        fc
    } else {
        fc["result"].clone()
    };
    Ok(creacity_report::outlines_from_geojson(&fc)
        .into_iter()
        .filter(|o| o.territory_id == territory)
        .flat_map(|o| o.rings)
        .collect())
}

/// The territory map of the clusters part: outline and point (clusters come from the
/// classification when the report is rendered). `None` when neither is known.
pub(crate) fn territory_map(
    ws: &Workspace,
    t: &Territory,
    lang: Lang,
) -> Result<Option<creacity_report::TerritoryMap>> {
    let outline = outline_of(ws, &t.id)?;
    let point = t.lat.zip(t.lon);
    if outline.is_empty() && point.is_none() {
        return Ok(None);
    }
    Ok(Some(creacity_report::TerritoryMap {
        name: t.name(lang).to_string(),
        point,
        outline,
        clusters: Vec::new(),
    }))
}

/// The offline map: territory centres and outlines (an analysis of kind `territory-outlines`, a
/// GeoJSON FeatureCollection with `properties.territory_id`), firms with coordinates, the newest
/// stored clusters' hulls and the newest hot spots. With a territory, only its point, outline and
/// firms, framed on it; with an outline, only the hulls that overlap it ([`MapHull::overlaps`])
/// and the spots inside it, else only those inside the frame.
///
/// [`MapHull::overlaps`]: creacity_report::MapHull::overlaps
fn map_data(
    ws: &Workspace,
    lang: Lang,
    scope: Option<&Territory>,
) -> Result<(creacity_report::MapData, Option<Scope>)> {
    use creacity_report::{MapData, MapHull, MapPlace, MapSpot};
    let mut data = MapData::default();
    for t in ws.territories()? {
        if scope.is_some_and(|s| s.id != t.id) {
            continue;
        }
        if let (Some(lat), Some(lon)) = (t.lat, t.lon) {
            data.places.push(MapPlace {
                name: t.name(lang).to_string(),
                lat,
                lon,
            });
        }
    }
    let mut scoped = None;
    if let Some(t) = scope {
        let rings = outline_of(ws, &t.id)?;
        if !rings.is_empty() {
            data.outlines.push(creacity_report::MapOutline {
                territory_id: t.id.clone(),
                rings,
            });
        }
        let firms = crate::firms::territory_firms(ws, t)?;
        // Firms come ordered by id and period: the last row of an id is its newest period.
        let mut newest: Vec<(f64, f64)> = Vec::new();
        let mut distinct = 0;
        for (k, f) in firms.iter().enumerate() {
            if firms.get(k + 1).is_some_and(|g| g.id == f.id) {
                continue;
            }
            distinct += 1;
            if let (Some(lat), Some(lon)) = (f.lat, f.lon) {
                newest.push((lat, lon));
            }
        }
        let with_coordinates = newest.len();
        // An SVG of more than ~20 000 dots is slow to open: keep every k-th.
        let step = with_coordinates.div_ceil(20_000).max(1);
        data.firms = newest.into_iter().step_by(step).collect();
        if step > 1 {
            data.firms_total = with_coordinates;
        }
        let frame = if data.outlines.is_empty() {
            // Without firms, a city and its surroundings: about 22 km square about its point.
            padded_box(data.firms.iter().copied()).or_else(|| {
                t.lat.zip(t.lon).map(|(a, b)| {
                    let dx = 0.1 / a.to_radians().cos().max(0.05);
                    (a - 0.1, a + 0.1, b - dx, b + dx)
                })
            })
        } else {
            padded_box(
                data.outlines
                    .iter()
                    .flat_map(|o| o.rings.iter().flatten().copied()),
            )
        };
        data.frame = frame;
        scoped = Some(Scope {
            firms: distinct,
            with_coordinates,
            frame,
        });
    } else {
        if let Some(a) = ws.latest_analysis("territory-outlines", None)? {
            let fc = if a.result["features"].is_array() {
                &a.result
            } else {
                &a.result["result"]
            };
            data.outlines = creacity_report::outlines_from_geojson(fc);
        }
        // An SVG of more than ~20 000 dots is slow to open: the store thins them.
        (data.firms, data.firms_total) = ws.firm_points(20_000)?;
    }
    let stored = ws.analyses("mapping", 50)?;
    let newest = |kind: &str| stored.iter().find(|a| a.result["kind"] == kind);
    if let Some(c) = newest("clusters") {
        let r = &c.result["result"];
        data.cluster_method = r["method"].as_str().map(String::from);
        for h in r["clusters"].as_array().into_iter().flatten() {
            let ring: Vec<(f64, f64)> = h["hull"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                .collect();
            let ring = if ring.is_empty() {
                // Results stored before hulls were kept: the centroid only.
                match (h["centroid_lat"].as_f64(), h["centroid_lon"].as_f64()) {
                    (Some(a), Some(b)) => vec![(a, b)],
                    _ => continue,
                }
            } else {
                ring
            };
            data.hulls.push(MapHull {
                label: h["label"].as_i64().unwrap_or(-1),
                n_points: h["n_points"].as_u64().unwrap_or(0) as usize,
                ring,
            });
        }
    }
    if let Some(h) = newest("hotspots") {
        let r = &h.result["result"];
        data.spot_method = r["method"].as_str().map(String::from);
        data.spot_cell_m = r["grid_m"].as_f64();
        for p in r["spots"].as_array().into_iter().flatten() {
            if let (Some(lat), Some(lon), Some(z)) = (p[0].as_f64(), p[1].as_f64(), p[2].as_f64()) {
                data.spots.push(MapSpot { lat, lon, z });
            }
        }
    }
    if let Some(sc) = &scoped {
        // Another territory's hulls and spots stay off this territory's map: tested against its
        // outline when it has one (a box would keep what lies in a concave outline's bays or a
        // hole), else against the frame.
        match (data.outlines.first(), sc.frame) {
            (Some(o), _) => {
                data.hulls.retain(|h| h.overlaps(o));
                data.spots.retain(|p| o.contains(p.lat, p.lon));
            }
            (None, Some(b)) => {
                data.hulls.retain(|h| h.ring.iter().any(|&p| in_box(b, p)));
                data.spots.retain(|p| in_box(b, (p.lat, p.lon)));
            }
            (None, None) => {
                data.hulls.clear();
                data.spots.clear();
            }
        }
        if data.hulls.is_empty() {
            data.cluster_method = None;
        }
    }
    Ok((data, scoped))
}

/// The mapping section of a report: the offline map, then the newest stored result of each
/// kind (aggregate, indices, clusters, hot spots) with its method.
pub(crate) fn mapping_section(ws: &Workspace, lang: Lang) -> Result<Option<Section>> {
    mapping_section_for(ws, None, lang)
}

/// The mapping section of one territory's report (see [`crate::firms::territory_mapping_section`]).
pub(crate) fn territory_mapping_section(
    ws: &Workspace,
    t: &Territory,
    lang: Lang,
) -> Result<Option<Section>> {
    mapping_section_for(ws, Some(t), lang)
}

fn mapping_section_for(
    ws: &Workspace,
    scope: Option<&Territory>,
    lang: Lang,
) -> Result<Option<Section>> {
    let ru = lang == Lang::Ru;
    let esc = creacity_report::esc;
    let (map, scoped) = map_data(ws, lang, scope)?;
    let stored = ws.analyses("mapping", 50)?;
    let has_firms = ws.firm_status()?.rows > 0;
    // A territory's outline alone is drawn in the clusters part, not here.
    let outline_only = scope.is_none() && !map.outlines.is_empty();
    if stored.is_empty() && map.firms.is_empty() && !outline_only && !has_firms {
        return Ok(None);
    }
    let mut html = String::new();
    if has_firms {
        let s = ws.firm_status()?;
        let _ = write!(
            html,
            "<div class=\"kv\"><div>{}<b>{}</b></div><div>{}<b>{}</b></div><div>{}<b>{}</b></div></div>",
            if ru {
                "Фирм в рабочей области"
            } else {
                "Firms in the workspace"
            },
            creacity_report::thousands(s.firms.max(0) as u64),
            if ru {
                "С кодом ОКТМО"
            } else {
                "With an OKTMO code"
            },
            creacity_report::pct(s.with_oktmo as f64 / s.rows.max(1) as f64),
            if ru {
                "С координатами"
            } else {
                "With coordinates"
            },
            creacity_report::pct(s.with_coordinates as f64 / s.rows.max(1) as f64),
        );
    }
    if let (Some(t), Some(sc)) = (scope, &scoped)
        && has_firms
    {
        let name = esc(t.name(lang));
        let rule = match &t.oktmo {
            Some(o) if ru => format!(
                "фирмы с кодом территории «{}» или «{}», либо с кодом ОКТМО, начинающимся с {}",
                esc(&t.id),
                esc(o),
                esc(crate::firms::oktmo_stem(o))
            ),
            Some(o) => format!(
                "firms whose territory code is “{}” or “{}”, or whose OKTMO code starts with {}",
                esc(&t.id),
                esc(o),
                esc(crate::firms::oktmo_stem(o))
            ),
            None if ru => format!("фирмы с кодом территории «{}»", esc(&t.id)),
            None => format!("firms whose territory code is “{}”", esc(&t.id)),
        };
        if sc.firms == 0 {
            let _ = write!(
                html,
                "<p class=\"flag\">{}</p>",
                if ru {
                    format!(
                        "Ни одну фирму рабочей области не удалось привязать к территории «{name}» (правило: {rule}). Карта ниже не показывает фирм; задайте колонку territory или найдите коды ОКТМО командой `creacity firms match`."
                    )
                } else {
                    format!(
                        "No firm of the workspace could be tied to {name} (rule: {rule}). The map below shows no firms; give a territory column or find OKTMO codes with `creacity firms match`."
                    )
                }
            );
        } else {
            let _ = write!(
                html,
                "<div class=\"kv\"><div>{}<b>{}</b></div><div>{}<b>{}</b></div></div><p class=\"small\">{}: {rule}.</p>",
                if ru {
                    "Фирм территории"
                } else {
                    "Firms of the territory"
                },
                creacity_report::thousands(sc.firms as u64),
                if ru {
                    "Из них с координатами"
                } else {
                    "Of which with coordinates"
                },
                creacity_report::thousands(sc.with_coordinates as u64),
                if ru {
                    "Фирмы территории"
                } else {
                    "Firms of the territory"
                },
            );
        }
    }
    if !map.is_empty() {
        let _ = write!(
            html,
            "<h3>{}</h3><figure style=\"margin:0\">{}<figcaption class=\"small\">{}</figcaption></figure>",
            if ru {
                "Карта кластеров и горячих точек"
            } else {
                "Map of clusters and hot spots"
            },
            creacity_report::map_svg(&map, lang, 1000.0),
            match (scope.is_some(), ru) {
                (false, true) =>
                    "Проекция: равнопромежуточная относительно средней широты; без подложки (работает офлайн). Оболочки — выпуклые оболочки кластеров DBSCAN/HDBSCAN; цвет точек — z-оценка Getis-Ord.",
                (false, false) =>
                    "Projection: equirectangular about the mean latitude; no base map (works offline). Hulls are the convex hulls of DBSCAN/HDBSCAN clusters; spot colours are Getis-Ord z-scores.",
                (true, true) =>
                    "Только фирмы этой территории; рамка — её граница (иначе её фирмы). Оболочки кластеров и горячие точки последнего анализа показаны, если попадают внутрь границы территории (оболочка — хотя бы одной вершиной, или территория внутри оболочки; без границы — в рамку). Проекция: равнопромежуточная относительно средней широты; без подложки (работает офлайн). Оболочки — выпуклые оболочки кластеров DBSCAN/HDBSCAN; цвет точек — z-оценка Getis-Ord.",
                (true, false) =>
                    "Only this territory's firms; the frame is its outline (else its firms). Cluster hulls and hot spots of the newest analysis are shown when they fall inside the territory's outline (a hull by one vertex at least, or with the territory inside it; without an outline, in the frame). Projection: equirectangular about the mean latitude; no base map (works offline). Hulls are the convex hulls of DBSCAN/HDBSCAN clusters; spot colours are Getis-Ord z-scores.",
            }
        );
    }
    let mut shown = std::collections::HashSet::new();
    for a in &stored {
        let kind = a.result["kind"].as_str().unwrap_or("").to_string();
        if !shown.insert(kind.clone()) {
            continue;
        }
        let r = &a.result["result"];
        match kind.as_str() {
            "indices" => {
                let _ = write!(
                    html,
                    "<h3>{}</h3>",
                    if ru {
                        "Индексы специализации"
                    } else {
                        "Specialisation indices"
                    }
                );
                let head = if ru {
                    "<tr><th>Территория</th><th class=\"n\">Всего</th><th class=\"n\">Индекс Кругмана</th><th class=\"n\">Херфиндаль</th><th class=\"n\">Энтропия</th><th class=\"n\">Разнообразие</th></tr>"
                } else {
                    "<tr><th>Territory</th><th class=\"n\">Total</th><th class=\"n\">Krugman</th><th class=\"n\">Herfindahl</th><th class=\"n\">Entropy</th><th class=\"n\">Diversity</th></tr>"
                };
                html.push_str(&ours_note(scope, lang));
                html.push_str("<table>");
                html.push_str(head);
                let rows: Vec<&serde_json::Value> =
                    r["by_territory"].as_array().into_iter().flatten().collect();
                // A territory's report shows its rows and 15 others; the workspace view shows all.
                let others_max = if scope.is_some() { 15 } else { usize::MAX };
                for (t, ours) in ours_first(rows, scope, others_max) {
                    let f = |k: &str| t[k].as_f64().map(|v| format!("{v:.3}")).unwrap_or_default();
                    let _ = write!(
                        html,
                        "<tr{}><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                        if ours { " class=\"ours\"" } else { "" },
                        esc(t["territory"].as_str().unwrap_or("")),
                        t["total"],
                        f("krugman"),
                        f("herfindahl"),
                        f("entropy"),
                        t["diversity"]
                    );
                }
                html.push_str("</table>");
            }
            "aggregate" => {
                let _ = write!(
                    html,
                    "<h3>{}</h3><p>{}: {} · {}: {} · {} {} · {} {}</p>",
                    if ru {
                        "Креативные фирмы по территориям"
                    } else {
                        "Creative firms by territory"
                    },
                    if ru {
                        "таксономия"
                    } else {
                        "taxonomy"
                    },
                    esc(r["taxonomy"].as_str().unwrap_or("")),
                    if ru { "режим" } else { "mode" },
                    esc(r["mode"]["mode"]
                        .as_str()
                        .or(r["mode"].as_str())
                        .unwrap_or("")),
                    r["summary"]["creative_by_main"],
                    if ru {
                        "креативных по основному коду"
                    } else {
                        "creative by main code"
                    },
                    r["summary"]["creative_by_any"],
                    if ru {
                        "по любому коду"
                    } else {
                        "by any code"
                    },
                );
                html.push_str(&ours_note(scope, lang));
                html.push_str(&aggregate_table(r, ru, scope));
            }
            "clusters" => {
                let _ = write!(
                    html,
                    "<h3>{}</h3><p>{}: {} {} · {} {} · {} {}</p>",
                    if ru {
                        "Пространственные кластеры"
                    } else {
                        "Spatial clusters"
                    },
                    esc(&r["method"].as_str().unwrap_or("").to_uppercase()),
                    r["points"],
                    if ru { "точек" } else { "points" },
                    r["n_clusters"],
                    if ru { "кластеров" } else { "clusters" },
                    r["n_noise"],
                    if ru {
                        "точек вне кластеров"
                    } else {
                        "noise points"
                    }
                );
            }
            "territory-match" => {
                let _ = write!(
                    html,
                    "<h3>{}</h3><p>{}: {} / {} ({}) · {}: {} · {}: {}</p>",
                    if ru {
                        "Привязка фирм к ОКТМО"
                    } else {
                        "Firms matched to OKTMO"
                    },
                    if ru { "привязано" } else { "matched" },
                    r["matched"],
                    r["firms"],
                    creacity_report::pct(r["share_matched"].as_f64().unwrap_or(0.0)),
                    if ru {
                        "неоднозначно"
                    } else {
                        "ambiguous"
                    },
                    r["ambiguous_firms"],
                    if ru {
                        "без адреса"
                    } else {
                        "without a place"
                    },
                    r["no_place"],
                );
                let top: Vec<String> = r["unmatched"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .take(5)
                    .map(|u| {
                        format!(
                            "{} ({})",
                            esc(u["place"].as_str().unwrap_or("")),
                            u["firms"]
                        )
                    })
                    .collect();
                if !top.is_empty() {
                    let _ = write!(
                        html,
                        "<p class=\"small\">{}: {}</p>",
                        if ru {
                            "Не найдены (больше всего фирм)"
                        } else {
                            "Not found (most firms first)"
                        },
                        top.join("; ")
                    );
                }
            }
            "hotspots" => {
                let classes = r["classes"].as_object().map(|m| {
                    m.iter()
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect::<Vec<_>>()
                        .join(" · ")
                });
                let _ = write!(
                    html,
                    "<h3>{}</h3><p>{} · {} {} · {}</p>",
                    if ru {
                        "Горячие и холодные точки"
                    } else {
                        "Hot and cold spots"
                    },
                    esc(r["method"].as_str().unwrap_or("")),
                    r["observations"],
                    if ru {
                        "наблюдений"
                    } else {
                        "observations"
                    },
                    esc(&classes.unwrap_or_default())
                );
            }
            _ => {}
        }
        let _ = write!(
            html,
            "<p class=\"small\">{} · {}</p>",
            esc(&a.provenance.method),
            esc(&a.created_at)
        );
    }
    Ok(Some(Section {
        id: "mapping".into(),
        title: if ru {
            "Картирование креативной экономики"
        } else {
            "Creative-economy mapping"
        }
        .into(),
        html,
    }))
}
