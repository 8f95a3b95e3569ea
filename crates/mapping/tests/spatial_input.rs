//! Bad input to the spatial methods, and a fuzz-style sweep of the points reader.

use creacity_mapping::MappingError;
use creacity_mapping::spatial::{
    DbscanParams, HdbscanParams, cluster_hulls, clusters_geojson, dbscan, hdbscan, parse_points_csv,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[test]
fn coordinates_out_of_range_are_named() {
    let e = parse_points_csv("id,lat,lon\na,56,60\nb,91,60\n", None).unwrap_err();
    assert_eq!(
        e,
        MappingError::CoordinateOutOfRange {
            id: "b".into(),
            row: 3,
            field: "lat",
            value: 91.0,
            min: -90.0,
            max: 90.0
        }
    );
    let e = parse_points_csv("id;latitude;longitude\na;56;-181\n", None).unwrap_err();
    assert!(matches!(
        e,
        MappingError::CoordinateOutOfRange { field: "lon", .. }
    ));
    let p = DbscanParams::builder().build().unwrap();
    assert!(matches!(
        dbscan(&[0.0, f64::NAN], &[0.0, 0.0], &p),
        Err(MappingError::CoordinateOutOfRange { row: 2, .. })
    ));
    assert!(matches!(
        dbscan(&[0.0], &[], &p),
        Err(MappingError::Shape(_))
    ));
}

#[test]
fn reader_errors() {
    assert!(matches!(
        parse_points_csv("id,lat\na,1\n", None),
        Err(MappingError::MissingColumn { .. })
    ));
    assert!(matches!(
        parse_points_csv("id,lat,lon\na,x,1\n", None),
        Err(MappingError::BadValue { row: 2, .. })
    ));
    assert!(matches!(
        parse_points_csv("id,lat,lon\na,1,1\na,2,2\n", None),
        Err(MappingError::Duplicate {
            first: 2,
            second: 3,
            ..
        })
    ));
    assert!(matches!(
        parse_points_csv("id,lat,lon\n", None),
        Err(MappingError::Empty(_))
    ));
    assert!(matches!(
        parse_points_csv("id,lat,lon\na,1,1\n", Some("firms")),
        Err(MappingError::MissingColumn { .. })
    ));
}

#[test]
fn invalid_parameters() {
    assert!(DbscanParams::builder().eps_m(0.0).build().is_err());
    assert!(DbscanParams::builder().eps_m(f64::NAN).build().is_err());
    assert!(DbscanParams::builder().eps_m(3e7).build().is_err());
    assert!(DbscanParams::builder().min_samples(0).build().is_err());
    assert!(
        HdbscanParams::builder()
            .min_cluster_size(1)
            .build()
            .is_err()
    );
    assert!(HdbscanParams::builder().min_samples(0).build().is_err());
    let p = HdbscanParams::builder()
        .min_cluster_size(5)
        .build()
        .unwrap();
    assert!(matches!(
        hdbscan(&[1.0, 2.0], &[1.0, 2.0], &p),
        Err(MappingError::InvalidParameter {
            name: "min_samples",
            ..
        })
    ));
}

#[test]
fn clusters_to_geojson() {
    let t = parse_points_csv(
        "id,lat,lon\na,56.0,60.0\nb,56.0009,60.0\nc,56.0,60.0016\nd,56.0004,60.0008\ne,57,61\n",
        None,
    )
    .unwrap();
    let p = DbscanParams::builder()
        .eps_m(150.0)
        .min_samples(2)
        .build()
        .unwrap();
    let c = dbscan(&t.lat, &t.lon, &p).unwrap();
    assert_eq!(c.labels, vec![0, 0, 0, 0, -1]);
    let h = cluster_hulls(&t.lat, &t.lon, &c);
    assert_eq!(h[0].hull.len(), 3, "d lies inside the triangle a, b, c");
    let g: serde_json::Value = serde_json::from_str(&clusters_geojson(&t, &c, &h, true)).unwrap();
    assert_eq!(g["features"][0]["geometry"]["type"], "Polygon");
    assert_eq!(
        g["features"][0]["geometry"]["coordinates"][0]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(g["features"].as_array().unwrap().len(), 6);
}

#[test]
fn fuzz_points_reader_never_panics() {
    let alphabet: &[u8] = b"id,lat,lon;0123456789.-\n\"x ";
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for _ in 0..20_000 {
        let len = rng.random_range(0..70);
        let mut bytes: Vec<u8> = b"id,lat,lon\n".to_vec();
        bytes.extend((0..len).map(|_| alphabet[rng.random_range(0..alphabet.len())]));
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(t) = parse_points_csv(&text, None) {
            assert!(t.lat.iter().all(|v| (-90.0..=90.0).contains(v)));
            assert!(t.lon.iter().all(|v| (-180.0..=180.0).contains(v)));
        }
    }
}

/// scikit-learn's DBSCAN semantics by brute force (index order, depth-first expansion), with
/// the haversine computed the same way.
fn brute_dbscan(lat: &[f64], lon: &[f64], eps_rad: f64, min_samples: usize) -> Vec<i64> {
    let n = lat.len();
    let r = (0.5 * eps_rad).sin().powi(2);
    let (la, lo): (Vec<f64>, Vec<f64>) = (
        lat.iter().map(|d| d.to_radians()).collect(),
        lon.iter().map(|d| d.to_radians()).collect(),
    );
    let near = |i: usize, j: usize| {
        let s0 = (0.5 * (la[i] - la[j])).sin();
        let s1 = (0.5 * (lo[i] - lo[j])).sin();
        s0 * s0 + la[i].cos() * la[j].cos() * s1 * s1 <= r
    };
    let nb: Vec<Vec<usize>> = (0..n)
        .map(|i| (0..n).filter(|&j| near(i, j)).collect())
        .collect();
    let core: Vec<bool> = nb.iter().map(|v| v.len() >= min_samples).collect();
    let mut labels = vec![-1i64; n];
    let mut next = 0;
    for i in 0..n {
        if labels[i] != -1 || !core[i] {
            continue;
        }
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            if labels[x] == -1 {
                labels[x] = next;
                if core[x] {
                    stack.extend(nb[x].iter().copied().filter(|&v| labels[v] == -1));
                }
            }
        }
        next += 1;
    }
    labels
}

#[test]
fn dbscan_equals_brute_force_at_every_scale() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for (eps_m, spread_m) in [(0.4, 5.0), (3.0, 40.0), (150.0, 2000.0), (5000.0, 60_000.0)] {
        let d = spread_m / 111_195.0;
        let lat: Vec<f64> = (0..400).map(|_| 56.0 + rng.random_range(-d..d)).collect();
        let lon: Vec<f64> = (0..400)
            .map(|_| 60.0 + rng.random_range(-d..d) * 1.8)
            .collect();
        for ms in [2, 4, 8] {
            let p = DbscanParams::builder()
                .eps_m(eps_m)
                .min_samples(ms)
                .build()
                .unwrap();
            let got = dbscan(&lat, &lon, &p).unwrap();
            assert_eq!(
                got.labels,
                brute_dbscan(&lat, &lon, p.eps_rad(), ms),
                "eps {eps_m} ms {ms}"
            );
        }
    }
}
