//! Oracle: PySAL esda `G_Local` / `G` (values in `shared/reference/mapping/README.md`, computed
//! with esda 2.x on libpysal `DistanceBand(threshold=15, binary=True)`).

use creacity_mapping::spatial::{
    HotSpotParams, Neighbours, WeightTransform, getis_ord, global_g, grid_cells,
};

const XY: [(f64, f64); 6] = [
    (10.0, 10.0),
    (20.0, 10.0),
    (40.0, 10.0),
    (15.0, 20.0),
    (30.0, 20.0),
    (30.0, 30.0),
];
const Y: [f64; 6] = [2.0, 3.0, 3.2, 5.0, 8.0, 7.0];

fn z(star: bool, transform: WeightTransform) -> Vec<f64> {
    let nb = Neighbours::distance_band_planar(&XY, 15.0).unwrap();
    let p = HotSpotParams::builder()
        .star(star)
        .transform(transform)
        .build();
    getis_ord(&Y, &nb, &p).unwrap().z
}

fn assert_close(got: &[f64], want: &[f64]) {
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-7, "{got:?} vs {want:?}");
    }
}

#[test]
fn gi_binary() {
    assert_close(
        &z(false, WeightTransform::Binary),
        &[
            -1.0136729,
            -0.04361589,
            1.31558703,
            -0.31412676,
            1.15373986,
            1.77833941,
        ],
    );
}

#[test]
fn gi_star_binary() {
    assert_close(
        &z(true, WeightTransform::Binary),
        &[
            -1.39727626,
            -0.28917762,
            0.65064964,
            -0.28917762,
            1.23452088,
            2.02424331,
        ],
    );
}

#[test]
fn gi_row_standardised() {
    assert_close(
        &z(false, WeightTransform::Row),
        &[
            -0.62074534,
            -0.01780611,
            1.31558703,
            -0.12824171,
            0.28843496,
            1.77833941,
        ],
    );
}

#[test]
fn gi_star_row_standardised() {
    assert_close(
        &z(true, WeightTransform::Row),
        &[
            -0.62488094,
            -0.09144599,
            0.41150696,
            -0.09144599,
            0.24690418,
            1.28024388,
        ],
    );
}

#[test]
fn global_g_equals_esda() {
    let nb = Neighbours::distance_band_planar(&XY, 15.0).unwrap();
    assert!((global_g(&Y, &nb).unwrap() - 0.55709779).abs() < 1e-8);
}

#[test]
fn haversine_band_and_grid() {
    // Three points 100 m apart on a meridian and one 5 km away: a 150 m band links neighbours.
    let lat = [
        56.0,
        56.0 + 100.0 / 111_195.0,
        56.0 + 200.0 / 111_195.0,
        56.045,
    ];
    let lon = [60.0; 4];
    let nb = Neighbours::distance_band_haversine(&lat, &lon, 150.0).unwrap();
    assert_eq!(nb.of(0), &[1]);
    assert_eq!(nb.of(1), &[0, 2]);
    assert!(nb.of(3).is_empty());
    let p = HotSpotParams::builder().build();
    let r = getis_ord(&[1.0, 2.0, 3.0, 4.0], &nb, &p).unwrap();
    assert!(r.z[3].is_nan(), "an island has no z-score, as in esda");
    let g = grid_cells(&lat, &lon, 1000.0, None).unwrap();
    assert_eq!((g.nx, g.ny), (1, 6));
    assert_eq!(g.values, vec![3.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
    let q = g.queen();
    assert_eq!(q.of(0), &[1]);
}
