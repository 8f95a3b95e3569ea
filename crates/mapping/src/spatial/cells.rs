//! Points sorted by the cell of a uniform 3-D grid over their unit-sphere coordinates, with the
//! coordinates copied in that order so that scans of neighbouring cells read memory in sequence.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::index::CellHasher;
use super::sphere::{Prepared, rdist};

type Key = (i64, i64, i64);

pub(crate) struct SortedCells {
    /// Sorted position → original index.
    pub order: Vec<u32>,
    pub xyz: Vec<[f64; 3]>,
    lat: Vec<f64>,
    lon: Vec<f64>,
    cos: Vec<f64>,
    /// Occupied cells in key order: (key, start, end) over sorted positions.
    pub cells: Vec<(Key, u32, u32)>,
    map: HashMap<Key, u32, BuildHasherDefault<CellHasher>>,
}

impl SortedCells {
    pub fn new(p: &Prepared, side: f64) -> Self {
        let key = |v: &[f64; 3]| {
            (
                (v[0] / side).floor() as i64,
                (v[1] / side).floor() as i64,
                (v[2] / side).floor() as i64,
            )
        };
        let keys: Vec<Key> = p.xyz.iter().map(key).collect();
        let mut order: Vec<u32> = (0..p.len() as u32).collect();
        order.sort_unstable_by_key(|&i| (keys[i as usize], i));
        let mut cells = Vec::new();
        let mut start = 0usize;
        while start < order.len() {
            let k = keys[order[start] as usize];
            let mut end = start + 1;
            while end < order.len() && keys[order[end] as usize] == k {
                end += 1;
            }
            cells.push((k, start as u32, end as u32));
            start = end;
        }
        let mut map = HashMap::with_capacity_and_hasher(cells.len(), Default::default());
        for (c, cell) in cells.iter().enumerate() {
            map.insert(cell.0, c as u32);
        }
        let pick = |v: &[f64]| order.iter().map(|&i| v[i as usize]).collect::<Vec<f64>>();
        Self {
            xyz: order.iter().map(|&i| p.xyz[i as usize]).collect(),
            lat: pick(&p.lat),
            lon: pick(&p.lon),
            cos: pick(&p.cos),
            order,
            cells,
            map,
        }
    }

    /// Cells within Chebyshev distance `reach` of cell `c` (itself included), in key order.
    pub fn around(&self, c: usize, reach: i64, out: &mut Vec<u32>) {
        out.clear();
        let (x, y, z) = self.cells[c].0;
        for dx in -reach..=reach {
            for dy in -reach..=reach {
                for dz in -reach..=reach {
                    if let Some(&d) = self.map.get(&(x + dx, y + dy, z + dz)) {
                        out.push(d);
                    }
                }
            }
        }
    }

    #[inline]
    pub fn range(&self, c: u32) -> std::ops::Range<usize> {
        let (_, s, e) = self.cells[c as usize];
        s as usize..e as usize
    }

    #[inline]
    pub fn chord2(&self, a: usize, b: usize) -> f64 {
        let (u, v) = (self.xyz[a], self.xyz[b]);
        let (dx, dy, dz) = (u[0] - v[0], u[1] - v[1], u[2] - v[2]);
        dx * dx + dy * dy + dz * dz
    }

    /// scikit-learn's reduced haversine distance between sorted positions `a` and `b`.
    #[inline]
    pub fn rdist(&self, a: usize, b: usize) -> f64 {
        rdist(
            self.lat[a],
            self.lon[a],
            self.cos[a],
            self.lat[b],
            self.lon[b],
            self.cos[b],
        )
    }
}
