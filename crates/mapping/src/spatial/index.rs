//! A uniform 3-D grid over unit-sphere coordinates: the spatial index behind every neighbour
//! search. Chord length is monotone in great-circle distance, so a chord radius bounds a
//! haversine radius exactly, and cells of side ≥ the radius need only the 27 around a point.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::sphere::Prepared;

/// A small multiplicative hasher for integer cell keys (the std SipHash is needlessly slow here;
/// keys are not attacker-controlled).
#[derive(Default)]
pub(crate) struct CellHasher(u64);

impl Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.write_u64(v as u64);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Key = (i64, i64, i64);

pub(crate) struct SphereIndex {
    side: f64,
    /// Point indices sorted by cell.
    order: Vec<u32>,
    cells: HashMap<Key, (u32, u32), BuildHasherDefault<CellHasher>>,
}

impl SphereIndex {
    /// Builds the index with cells of the given side (a chord length on the unit sphere).
    pub fn new(p: &Prepared, side: f64) -> Self {
        let side = side.max(1e-12);
        let keys: Vec<Key> = p.xyz.iter().map(|v| key_of(v, side)).collect();
        let mut order: Vec<u32> = (0..p.len() as u32).collect();
        order.sort_unstable_by_key(|&i| keys[i as usize]);
        let mut cells = HashMap::with_capacity_and_hasher(p.len() / 4 + 1, Default::default());
        let mut start = 0usize;
        while start < order.len() {
            let k = keys[order[start] as usize];
            let mut end = start + 1;
            while end < order.len() && keys[order[end] as usize] == k {
                end += 1;
            }
            cells.insert(k, (start as u32, end as u32));
            start = end;
        }
        Self { side, order, cells }
    }

    /// Calls `f` on every point in the cells at Chebyshev cell distance exactly `ring` from the
    /// cell of `v` (ring 0 is the cell itself).
    pub fn for_each_in_ring(&self, v: &[f64; 3], ring: i64, mut f: impl FnMut(usize)) {
        let (cx, cy, cz) = key_of(v, self.side);
        for dx in -ring..=ring {
            for dy in -ring..=ring {
                let on_face = dx.abs() == ring || dy.abs() == ring;
                let dzs: Box<dyn Iterator<Item = i64>> = if on_face {
                    Box::new(-ring..=ring)
                } else if ring == 0 {
                    Box::new(0..=0)
                } else {
                    Box::new([-ring, ring].into_iter())
                };
                for dz in dzs {
                    if let Some(&(s, e)) = self.cells.get(&(cx + dx, cy + dy, cz + dz)) {
                        for &i in &self.order[s as usize..e as usize] {
                            f(i as usize);
                        }
                    }
                }
            }
        }
    }

    /// Calls `f` on every candidate within chord `radius` of `v` (a superset; callers test).
    pub fn for_each_near(&self, v: &[f64; 3], radius: f64, mut f: impl FnMut(usize)) {
        let reach = (radius / self.side).ceil().max(1.0) as i64;
        let (cx, cy, cz) = key_of(v, self.side);
        for dx in -reach..=reach {
            for dy in -reach..=reach {
                for dz in -reach..=reach {
                    if let Some(&(s, e)) = self.cells.get(&(cx + dx, cy + dy, cz + dz)) {
                        for &i in &self.order[s as usize..e as usize] {
                            f(i as usize);
                        }
                    }
                }
            }
        }
    }

    /// Number of occupied cells.
    pub fn n_cells(&self) -> usize {
        self.cells.len()
    }
}

fn key_of(v: &[f64; 3], side: f64) -> Key {
    (
        (v[0] / side).floor() as i64,
        (v[1] / side).floor() as i64,
        (v[2] / side).floor() as i64,
    )
}
