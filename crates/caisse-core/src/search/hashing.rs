//! A fast hasher for the index's own maps (ids, codes, tokens): a multiply-rotate word hash
//! finished by a folded multiply, keyed once per process so that crafted names cannot aim at
//! collisions. Several times faster than SipHash on the short keys used here.

use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::OnceLock;

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// Builds [`FastHasher`]s sharing one per-process key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FastState {
    key: u64,
}

impl Default for FastState {
    fn default() -> Self {
        static KEY: OnceLock<u64> = OnceLock::new();
        let key = *KEY.get_or_init(|| RandomState::new().hash_one(0x5EED_u64));
        Self { key }
    }
}

impl BuildHasher for FastState {
    type Hasher = FastHasher;

    fn build_hasher(&self) -> FastHasher {
        FastHasher { state: self.key }
    }
}

/// Hasher of [`FastState`].
pub(crate) struct FastHasher {
    state: u64,
}

impl FastHasher {
    fn mix(&mut self, word: u64) {
        self.state = (self.state.rotate_left(23) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a variable-length copy would cost a memmove call per key.
            let word = rest
                .iter()
                .enumerate()
                .fold(0, |word, (i, &b)| word | u64::from(b) << (8 * i));
            self.mix(word ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        let product = u128::from(self.state) * u128::from(MULTIPLIER ^ 0xA076_1D64_78BD_642F);
        (product as u64) ^ ((product >> 64) as u64)
    }
}

/// A `HashMap` using [`FastState`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastState>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_short_keys_spread() {
        let state = FastState::default();
        assert_eq!(state.hash_one("lait"), state.hash_one("lait"));
        assert_eq!(state.hash_one(42_u64), state.hash_one(42_u64));
        let keys = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "lait",
            "laitue",
            "sku0001234",
            "sku0001235",
        ];
        let mut hashes: Vec<u64> = keys.iter().map(|k| state.hash_one(k)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), keys.len());
        // Bucket bits (low) of consecutive integers differ.
        let low: Vec<u64> = (0..64_u64).map(|n| state.hash_one(n) & 0xFF).collect();
        let mut distinct = low.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(distinct.len() > 40, "{low:?}");
    }
}
