//! The duplicate check of a firm import: every id and period read so far with its first row, in
//! one map for the whole file.

use std::collections::HashMap;

/// The first row of every firm id and period read so far: the key is the id's length, the id and
/// the period in one allocation (a million firms take about 85 MB: the table's slots and one
/// small block per key).
#[derive(Default)]
pub(crate) struct SeenFirms(HashMap<Box<[u8]>, usize, KeyHasher>);

impl SeenFirms {
    /// Records `id` and `period` at `row`; returns the earlier row when they were seen before.
    pub(crate) fn insert(&mut self, id: &str, period: &str, row: usize) -> Option<usize> {
        let mut key = Vec::with_capacity(4 + id.len() + period.len());
        key.extend_from_slice(&(id.len() as u32).to_le_bytes());
        key.extend_from_slice(id.as_bytes());
        key.extend_from_slice(period.as_bytes());
        match self.0.entry(key.into_boxed_slice()) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(row);
                None
            }
        }
    }
}

/// Hashing for the duplicate check: eight bytes at a time, multiply and rotate (the scheme of
/// rustc's FxHash), from a seed drawn once per map. SipHash took about 5 % of an import of a
/// million short keys; a file crafted to collide only slows down its own import.
#[derive(Clone)]
pub(super) struct KeyHasher(u64);

impl Default for KeyHasher {
    fn default() -> Self {
        use std::hash::BuildHasher as _;
        KeyHasher(std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64))
    }
}

impl std::hash::BuildHasher for KeyHasher {
    type Hasher = WordHasher;
    fn build_hasher(&self) -> WordHasher {
        WordHasher(self.0)
    }
}

/// The hasher [`KeyHasher`] builds.
pub(super) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.add(u64::from_le_bytes(w.try_into().expect("8 bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The table takes its bucket from the low bits and its tag from the top seven; a
        // product alone leaves the low bits of keys that differ late poorly mixed (MurmurHash3's
        // final mix spreads every bit over both).
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_firms_tell_id_and_period_apart() {
        let mut s = SeenFirms::default();
        assert_eq!(s.insert("12", "2024", 2), None);
        // The same bytes split differently between id and period.
        assert_eq!(s.insert("122", "024", 3), None);
        assert_eq!(s.insert("12", "2025", 4), None);
        assert_eq!(s.insert("12", "2024", 5), Some(2));
    }

    #[test]
    fn keys_that_differ_in_one_digit_spread_over_the_buckets() {
        use std::hash::BuildHasher as _;
        // Ids as in a registry: the same prefix, the last digits counting up.
        let b = KeyHasher::default();
        let mut low = std::collections::HashSet::new();
        let mut top = std::collections::HashSet::new();
        for k in 0..4096u32 {
            let key: Box<[u8]> = format!("\x0a\0\0\0660000{k:04}2024").into_bytes().into();
            let h = b.hash_one(&key);
            low.insert(h & 0xfff);
            top.insert(h >> 57);
        }
        // 4096 keys into 4096 buckets: about 63 % filled when spread at random.
        assert!(low.len() > 2400, "{}", low.len());
        assert_eq!(top.len(), 128);
    }
}
