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
const EMPTY: u32 = u32::MAX;

/// One slot of the open-addressing table: the word inline, its id and part of its hash. 32
/// bytes, so two slots share a cache line.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    tag: u32,
    id: u32,
    len: u8,
    bytes: [u8; INLINE],
}

const VACANT: Slot = Slot {
    tag: 0,
    id: EMPTY,
    len: 0,
    bytes: [0; INLINE],
};

/// A word → id table. Short words live inline in an open-addressing table with linear probing,
/// so a lookup touches one slot and no separate string: on large vocabularies the time goes to
/// memory latency, and this halves the memory accesses of a general hash map. Longer words go to
/// an ordinary map.
#[derive(Clone)]
pub(crate) struct WordTable {
    slots: Vec<Slot>,
    used: usize,
    long: FxMap<String, u32>,
}

impl Default for WordTable {
    fn default() -> Self {
        Self {
            slots: vec![VACANT; 1024],
            used: 0,
            long: FxMap::default(),
        }
    }
}

impl std::fmt::Debug for WordTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WordTable({} words)", self.len())
    }
}

#[inline]
pub(crate) fn hash_of(w: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(w.as_bytes());
    h.finish()
}

impl WordTable {
    /// Index of the slot holding `w`, or of the vacant slot where it would go.
    #[inline]
    fn probe(&self, w: &str, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        let tag = (h >> 32) as u32;
        let mut i = h as usize & mask;
        loop {
            let s = &self.slots[i];
            if s.id == EMPTY
                || (s.tag == tag
                    && s.len as usize == w.len()
                    && &s.bytes[..w.len()] == w.as_bytes())
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<u32> {
        if w.len() > INLINE {
            return self.long.get(w).copied();
        }
        self.get_hashed(w, hash_of(w))
    }

    /// As [`WordTable::get`] with `h == hash_of(w)` already computed.
    #[inline]
    pub(crate) fn get_hashed(&self, w: &str, h: u64) -> Option<u32> {
        if w.len() > INLINE {
            return self.long.get(w).copied();
        }
        let s = &self.slots[self.probe(w, h)];
        (s.id != EMPTY).then_some(s.id)
    }

    pub(crate) fn insert(&mut self, w: &str, id: u32) {
        if w.len() > INLINE {
            self.long.insert(w.to_string(), id);
            return;
        }
        // Keep the load at most one half so probe runs stay short.
        if 2 * (self.used + 1) > self.slots.len() {
            let grown = vec![VACANT; self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, grown);
            for s in old.into_iter().filter(|s| s.id != EMPTY) {
                let w = std::str::from_utf8(&s.bytes[..s.len as usize]).expect("stored from a str");
                let i = self.probe(w, hash_of(w));
                self.slots[i] = s;
            }
        }
        let h = hash_of(w);
        let i = self.probe(w, h);
        if self.slots[i].id == EMPTY {
            self.used += 1;
        }
        let mut bytes = [0u8; INLINE];
        bytes[..w.len()].copy_from_slice(w.as_bytes());
        self.slots[i] = Slot {
            tag: (h >> 32) as u32,
            id,
            len: w.len() as u8,
            bytes,
        };
    }

    pub(crate) fn len(&self) -> usize {
        self.used + self.long.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_table_keeps_every_word_through_growth() {
        let mut t = WordTable::default();
        let words: Vec<String> = (0..20_000)
            .map(|i| match i % 3 {
                0 => format!("слово{i}"),
                1 => format!("w{i}"),
                _ => format!("очень-длинное-составное-слово-{i}"),
            })
            .collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), None);
            t.insert(w, i as u32);
        }
        assert_eq!(t.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(i as u32), "{w}");
        }
        t.insert(&words[5], 99);
        assert_eq!(t.get(&words[5]), Some(99));
        assert_eq!(t.len(), words.len());
        assert_eq!(t.get(""), None);
        t.insert("", 7);
        assert_eq!(t.get(""), Some(7));
    }
}
