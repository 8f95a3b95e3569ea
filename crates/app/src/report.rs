//! Gathering a territory's results from the workspace into a report.

use std::fmt::Write as _;

use creacity_model::Lang;
use creacity_report::{ReportData, Section};
use creacity_store::Workspace;

use crate::analyse::{VERSION, latest_problems};
use crate::{Knowledge, Result};

/// Renders the HTML report of a territory: its clusters classified now with the given knowledge,
/// the newest problem ranking and the newest strategy in the workspace, plus `extra` sections.
///
/// # Errors
/// An unknown territory or a store error.
pub fn report(
    ws: &Workspace,
    k: &Knowledge,
    territory: &str,
    lang: Lang,
    extra: Vec<Section>,
) -> Result<String> {
    let t = ws.territory(territory)?;
    let clusters = ws.clusters(Some(territory))?;
    let classification = creacity_typology::classify(&k.spec, &clusters);
    let problems = latest_problems(ws)?;
    // KPI units are stored as catalogue codes; a reader wants their labels.
    let strategy = ws.latest_strategy(territory)?.map(|mut s| {
        for kpi in &mut s.kpis {
            kpi.unit = k.catalogue.unit_label(&kpi.unit, lang).to_string();
        }
        s
    });
    let mut provenance = vec![creacity_model::Provenance {
        tool_version: VERSION.into(),
        method: "typology.classify".into(),
        parameters: String::new(),
        data: vec![format!("typology:{}@{}", k.spec.name(), k.spec.version())],
        inputs: Vec::new(),
        created_at: creacity_store::now(),
    }];
    if let Some((_, p)) = &problems {
        provenance.push(p.clone());
    }
    if let Some(s) = &strategy {
        provenance.push(s.provenance.clone());
    }
    let documents = ws.documents()?.len();
    let inputs = vec![
        format!("territory {}", t.id),
        format!(
            "{} clusters: {}",
            clusters.len(),
            clusters
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!("{documents} documents"),
        format!("workspace schema {}", ws.schema_version()?),
    ];
    // The mapping section, unless the caller made its own.
    let mut extra = extra;
    if !extra.iter().any(|s| s.id == "mapping")
        && let Some(s) = mapping_section(ws, lang)?
    {
        extra.push(s);
    }
    let data = ReportData {
        territory: &t,
        clusters: &clusters,
        classification: &classification,
        problems: problems.as_ref().map(|(r, _)| r),
        strategy: strategy.as_ref(),
        extra,
        provenance,
        inputs,
        generated_at: creacity_store::now(),
        tool_version: VERSION.into(),
        lang,
    };
    Ok(creacity_report::render(&data))
}

/// The offline map of what the workspace holds: territory centres and outlines (an analysis of
/// kind `territory-outlines`, a GeoJSON FeatureCollection with `properties.territory_id`), firms
/// with coordinates, the newest stored clusters' hulls and the newest hot spots.
fn map_data(ws: &creacity_store::Workspace, lang: Lang) -> Result<creacity_report::MapData> {
    use creacity_report::{MapData, MapHull, MapPlace, MapSpot};
    let mut data = MapData::default();
    for t in ws.territories()? {
        if let (Some(lat), Some(lon)) = (t.lat, t.lon) {
            data.places.push(MapPlace {
                name: t.name(lang).to_string(),
                lat,
                lon,
            });
        }
    }
    if let Some(a) = ws.latest_analysis("territory-outlines", None)? {
        // Another command stores the collection itself, or wrapped as {"result": …}.
        let fc = if a.result["features"].is_array() {
            &a.result
        } else {
            &a.result["result"]
        };
        data.outlines = creacity_report::outlines_from_geojson(fc);
    }
    // An SVG of more than ~20 000 dots is slow to open: the store thins them.
    (data.firms, data.firms_total) = ws.firm_points(20_000)?;
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
    Ok(data)
}

/// The mapping section of a report: the offline map, then the newest stored result of each
/// kind (aggregate, indices, clusters, hot spots) with its method.
pub(crate) fn mapping_section(
    ws: &creacity_store::Workspace,
    lang: Lang,
) -> Result<Option<creacity_report::Section>> {
    let ru = lang == Lang::Ru;
    let esc = creacity_report::esc;
    let map = map_data(ws, lang)?;
    let stored = ws.analyses("mapping", 50)?;
    let has_firms = ws.firm_status()?.rows > 0;
    if stored.is_empty() && map.firms.is_empty() && map.outlines.is_empty() && !has_firms {
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
            if ru {
                "Проекция: равнопромежуточная относительно средней широты; без подложки (работает офлайн). Оболочки — выпуклые оболочки кластеров DBSCAN/HDBSCAN; цвет точек — z-оценка Getis-Ord."
            } else {
                "Projection: equirectangular about the mean latitude; no base map (works offline). Hulls are the convex hulls of DBSCAN/HDBSCAN clusters; spot colours are Getis-Ord z-scores."
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
                html.push_str("<table>");
                html.push_str(head);
                for t in r["by_territory"].as_array().into_iter().flatten() {
                    let f = |k: &str| t[k].as_f64().map(|v| format!("{v:.3}")).unwrap_or_default();
                    let _ = write!(
                        html,
                        "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
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
                html.push_str(&aggregate_table(r, ru));
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
    Ok(Some(creacity_report::Section {
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

/// The newest period's rows of all creative sectors (`*`), largest first (at most 15).
fn aggregate_table(r: &serde_json::Value, ru: bool) -> String {
    let rows: Vec<&serde_json::Value> = r["rows"].as_array().into_iter().flatten().collect();
    let Some(last) = rows.iter().filter_map(|x| x["period"].as_str()).max() else {
        return String::new();
    };
    let mut sel: Vec<&&serde_json::Value> = rows
        .iter()
        .filter(|x| x["period"].as_str() == Some(last) && x["sector"] == "*")
        .collect();
    sel.sort_by(|a, b| {
        b["firms"]
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&a["firms"].as_f64().unwrap_or(0.0))
    });
    let mut h = format!(
        "<table><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        if ru {
            "Территория"
        } else {
            "Territory"
        },
        if ru { "Период" } else { "Period" },
        if ru {
            "Креативных фирм"
        } else {
            "Creative firms"
        },
        if ru {
            "Доля всех фирм"
        } else {
            "Share of all firms"
        },
        if ru { "Рост" } else { "Growth" },
    );
    for x in sel.into_iter().take(15) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            creacity_report::esc(x["territory"].as_str().unwrap_or("")),
            last,
            x["firms"]
                .as_f64()
                .map(|v| format!("{v:.0}"))
                .unwrap_or_default(),
            x["share_of_all_firms"]
                .as_f64()
                .map(creacity_report::pct)
                .unwrap_or_default(),
            x["growth"]
                .as_f64()
                .map(|g| format!("{:+.1}%", 100.0 * g))
                .unwrap_or_default(),
        );
    }
    h.push_str("</table>");
    h
}
