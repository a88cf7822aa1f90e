//! The perfect-hash index of a generated module: from a code string to its row in one hash and
//! one string comparison.
//!
//! The generator (`codegen/src/perfect_hash.rs`, which compiles this same file) picks a seed and
//! one displacement per bucket so that every code of the module lands in a slot of its own
//! ("hash, displace and compress", the scheme of the `phf` crate). At run time a lookup hashes
//! the string once, reads the displacement of its bucket and the row number in its slot, and
//! compares the string with that row's code: an unknown string costs the same as a known one.
//!
//! The hash is a multiply-and-rotate over 8-byte words (as in `rustc-hash`) with a final mix, much
//! cheaper than SipHash for strings of 10 to 90 bytes. It needs no protection against chosen
//! inputs: the index is fixed when the crate is generated, so an attacker can at most make a
//! lookup compare one string.

/// Mixes a word into the state.
const K: u64 = 0xf135_7aea_2e62_a9c5;

/// The 64-bit hash of `bytes` under `seed`.
#[inline]
pub(crate) fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let mut h = seed ^ (len as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        h = mix(h, read8(word, 0));
    }
    if !words.remainder().is_empty() {
        // The bytes after the last whole word, read with fixed-size loads that may overlap
        // bytes already mixed (never a copy of variable length, which costs a call to `memcpy`
        // and a stall): the last 8 bytes, or for a string of 4 to 7 bytes its first and last 4,
        // or for 1 to 3 bytes its first, middle and last. Each covers every byte, so with the
        // length mixed in first, two strings hash alike under every seed only if they are equal.
        let tail = if len >= 8 {
            read8(bytes, len - 8)
        } else if len >= 4 {
            u64::from(read4(bytes, 0)) | u64::from(read4(bytes, len - 4)) << 32
        } else {
            u64::from(bytes[0]) | u64::from(bytes[len / 2]) << 8 | u64::from(bytes[len - 1]) << 16
        };
        h = mix(h, tail);
    }
    // A final mix (the finaliser of MurmurHash3), so that every bit of the result depends on
    // every input bit: the index takes its bucket and its slot from different bits.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn mix(h: u64, word: u64) -> u64 {
    (h ^ word).wrapping_mul(K).rotate_left(26)
}

/// The 8 bytes of `bytes` at `at`, little-endian; a fixed-size copy compiles to one load.
#[inline]
fn read8(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

/// The 4 bytes of `bytes` at `at`, little-endian.
#[inline]
fn read4(bytes: &[u8], at: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(w)
}

/// The bucket of a hash, for `buckets` a power of two.
#[inline]
pub(crate) fn bucket(h: u64, buckets: usize) -> usize {
    (h >> 40) as usize & (buckets - 1)
}

/// The slot of a hash under its bucket's displacement `(d1, d2)` packed as `d1 << 16 | d2`, for
/// `slots` a power of two.
#[inline]
pub(crate) fn slot(h: u64, displacement: u32, slots: usize) -> usize {
    let f1 = h as u32;
    // Odd, so that stepping `d1` visits every slot of a power-of-two table.
    let f2 = ((h >> 20) as u32) | 1;
    let (d1, d2) = (displacement >> 16, displacement & 0xffff);
    (f1.wrapping_add(d1.wrapping_mul(f2)).wrapping_add(d2)) as usize & (slots - 1)
}
