//! A small, fast, non-cryptographic hasher for the word tables (the multiply-rotate scheme of
//! Firefox's FxHash, with a final avalanche). Keys are words of the analysed texts, so flooding resistance is not needed.

use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher state.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in chunks.by_ref() {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply leaves the low bits depending on the low bytes of each chunk only (the lead
    /// bytes 0xD0/0xD1 of every Cyrillic letter in UTF-8), and the hash table indexes by the
    /// low bits: a final avalanche (MurmurHash3's fmix64) spreads the high bits down.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// `HashSet` with [`FxHasher`].
pub(crate) type FxSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

/// Words up to this many bytes are stored inline in the table (one memory access per lookup).
const INLINE: usize = 23;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Short {
    len: u8,
    bytes: [u8; INLINE],
}

impl Short {
    fn new(w: &str) -> Option<Self> {
        (w.len() <= INLINE).then(|| {
            let mut bytes = [0u8; INLINE];
            bytes[..w.len()].copy_from_slice(w.as_bytes());
            Short {
                len: w.len() as u8,
                bytes,
            }
        })
    }
}

/// A word → id table that keeps short words inline, so that a lookup touches one slot of the
/// table and no separate string (what costs time on large vocabularies is memory latency).
#[derive(Default, Clone)]
pub(crate) struct WordTable {
    short: FxMap<Short, u32>,
    long: FxMap<String, u32>,
}

impl std::fmt::Debug for WordTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WordTable({} words)", self.len())
    }
}

impl WordTable {
    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<u32> {
        match Short::new(w) {
            Some(s) => self.short.get(&s).copied(),
            None => self.long.get(w).copied(),
        }
    }

    pub(crate) fn insert(&mut self, w: &str, id: u32) {
        match Short::new(w) {
            Some(s) => {
                self.short.insert(s, id);
            }
            None => {
                self.long.insert(w.to_string(), id);
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}
