//! `creacity map clusters`: DBSCAN / HDBSCAN clusters of points, with hulls for the report's map.

use std::fmt::Write as _;

use creacity_mapping::spatial::{
    Clustering, DbscanParams, HdbscanParams, PointTable, cluster_hulls, clusters_geojson,
};

use super::io::{cell, load_points, store};
use super::{ClustersArgs, MethodArg};
use crate::cli::Global;
use crate::output::{Progress, emit};

/// Runs `creacity map clusters`.
pub(super) fn run(g: &Global, args: ClustersArgs) -> anyhow::Result<()> {
    let ClustersArgs {
        points,
        method,
        eps_m,
        min_samples,
        min_cluster_size,
        out,
        geojson,
        save,
    } = args;
    let (t, points) = load_points(g, points.as_deref(), None)?;
    let progress = Progress::start("clustering");
    let c = if method == MethodArg::Dbscan {
        let p = DbscanParams::builder()
            .eps_m(eps_m)
            .min_samples(min_samples)
            .build()?;
        creacity_mapping::spatial::dbscan(&t.lat, &t.lon, &p)?
    } else {
        let p = HdbscanParams::builder()
            .min_cluster_size(min_cluster_size)
            .min_samples(min_samples)
            .build()?;
        creacity_mapping::spatial::hdbscan(&t.lat, &t.lon, &p)?
    };
    progress.finish();
    eprintln!(
        "{} points: {} clusters, {} noise ({})",
        t.len(),
        c.n_clusters,
        c.n_noise,
        c.method
    );
    let mut csv = String::from("id,lat,lon,label\n");
    for i in 0..t.len() {
        writeln!(
            csv,
            "{},{},{},{}",
            cell(&t.ids[i]),
            t.lat[i],
            t.lon[i],
            c.labels[i]
        )?;
    }
    emit(Some(&out), csv.as_bytes())?;
    if let Some(path) = geojson {
        let hulls = cluster_hulls(&t.lat, &t.lon, &c);
        emit(
            Some(&path),
            clusters_geojson(&t, &c, &hulls, true).as_bytes(),
        )?;
    }
    if save {
        let summary = cluster_summary(&c, &t);
        store(
            g,
            "clusters",
            &summary,
            serde_json::json!({"method": c.method}),
            &[&points],
            vec![],
        )?;
    }
    Ok(())
}

fn cluster_summary(c: &Clustering, t: &PointTable) -> serde_json::Value {
    let hulls = cluster_hulls(&t.lat, &t.lon, c);
    serde_json::json!({
        "method": c.method, "points": t.len(), "n_clusters": c.n_clusters, "n_noise": c.n_noise,
        "clusters": hulls.iter().map(|h| serde_json::json!({
            "label": h.label, "n_points": h.n_points,
            "centroid_lat": h.centroid.0, "centroid_lon": h.centroid.1,
            // Hull vertices as [lat, lon], for the report's map.
            "hull": h.hull.iter().map(|&(lon, lat)| [lat, lon]).collect::<Vec<_>>()})).collect::<Vec<_>>(),
    })
}
