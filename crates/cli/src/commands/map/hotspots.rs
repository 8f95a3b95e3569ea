//! `creacity map hotspots`: local Getis-Ord Gi / Gi* hot spots over points or grid cells.

use std::fmt::Write as _;

use creacity_mapping::spatial::{
    HotSpotParams, Neighbours, PointTable, WeightTransform, getis_ord, grid_cells, hotspot_class,
    hotspots_geojson,
};

use super::io::{cell, load_points, num, store};
use super::{HotspotsArgs, TransformArg};
use crate::cli::Global;
use crate::output::emit;

/// Runs `creacity map hotspots`.
pub(super) fn run(g: &Global, args: HotspotsArgs) -> anyhow::Result<()> {
    let HotspotsArgs {
        points,
        value,
        band_m,
        grid_m,
        star,
        transform,
        out,
        geojson,
        save,
    } = args;
    let (t, points) = load_points(g, points.as_deref(), value.as_deref())?;
    let params = HotSpotParams::builder()
        .star(star)
        .transform(match transform {
            TransformArg::Binary => WeightTransform::Binary,
            TransformArg::Row => WeightTransform::Row,
        })
        .build();
    // On a grid the cells are the observations; on points, the points.
    let (obs, values, nb) = match grid_m {
        Some(side) => {
            let cells = grid_cells(&t.lat, &t.lon, side, t.values.as_deref())?;
            let nb = cells.queen();
            let obs = PointTable {
                ids: (0..cells.values.len())
                    .map(|k| format!("cell{k}"))
                    .collect(),
                lat: cells.centres.iter().map(|c| c.0).collect(),
                lon: cells.centres.iter().map(|c| c.1).collect(),
                values: None,
            };
            (obs, cells.values, nb)
        }
        None => {
            let values = t.values.clone().ok_or_else(|| {
                anyhow::anyhow!("--value COLUMN is needed unless --grid-m is given")
            })?;
            let nb = Neighbours::distance_band_haversine(&t.lat, &t.lon, band_m)?;
            (t.clone(), values, nb)
        }
    };
    let r = getis_ord(&values, &nb, &params)?;
    let mut csv = String::from("id,lat,lon,value,g,z,p_norm,class\n");
    let mut classes = std::collections::BTreeMap::<&str, usize>::new();
    for (i, value) in values.iter().enumerate() {
        let class = hotspot_class(r.z[i]);
        *classes.entry(class).or_default() += 1;
        writeln!(
            csv,
            "{},{},{},{},{},{},{},{}",
            cell(&obs.ids[i]),
            obs.lat[i],
            obs.lon[i],
            value,
            num(r.g[i]),
            num(r.z[i]),
            num(r.p_norm[i]),
            class
        )?;
    }
    eprintln!("{} observations ({}): {classes:?}", obs.len(), r.method);
    emit(Some(&out), csv.as_bytes())?;
    if let Some(path) = geojson {
        emit(Some(&path), hotspots_geojson(&obs, &values, &r).as_bytes())?;
    }
    if save {
        // The map draws every observation when there are few, else the significant ones.
        let spots: Vec<serde_json::Value> = (0..obs.len())
            .filter(|&i| r.z[i].is_finite() && (obs.len() <= 5000 || r.z[i].abs() >= 1.645))
            .map(|i| serde_json::json!([obs.lat[i], obs.lon[i], r.z[i]]))
            .collect();
        let summary = serde_json::json!({"method": r.method, "classes": classes,
                                         "observations": obs.len(), "spots": spots,
                                         "grid_m": grid_m});
        store(
            g,
            "hotspots",
            &summary,
            serde_json::to_value(params)?,
            &[&points],
            vec![],
        )?;
    }
    Ok(())
}
