//! How a table locates its rows: one `u64` per row packs where the row starts in the table's
//! text, the length of its code and where its English text starts, so that `as_str` and
//! `message` slice the text without searching it for separators.
//!
//! The generator (`codegen/src/emit.rs`, which compiles this same file) packs with [`pack`] and
//! the runtime unpacks with [`unpack`]: the two cannot disagree on the layout.

/// Bits 32 to 39: the code's length in bytes, or this when it does not fit (the runtime then
/// finds the code's end by its separator).
const CODE_LEN_UNKNOWN: u64 = 0xff;
/// Bits 40 to 63: the English text's offset from the row's start, or this when it does not fit
/// (the runtime then finds it by the separators).
const EN_AT_UNKNOWN: u64 = 0xff_ffff;

/// The packed location of a row starting at byte `start` of the text, whose code is `code_len`
/// bytes long and whose English text starts `en_at` bytes after the row's start. (The crate
/// itself packs only in its tests.)
#[allow(dead_code)]
#[inline]
pub(crate) const fn pack(start: u32, code_len: usize, en_at: usize) -> u64 {
    let code_len = if code_len < CODE_LEN_UNKNOWN as usize {
        code_len as u64
    } else {
        CODE_LEN_UNKNOWN
    };
    let en_at = if en_at < EN_AT_UNKNOWN as usize {
        en_at as u64
    } else {
        EN_AT_UNKNOWN
    };
    start as u64 | code_len << 32 | en_at << 40
}

/// A row's start, and its code's length and English text's offset where they are known.
#[inline]
pub(crate) const fn unpack(packed: u64) -> (usize, Option<usize>, Option<usize>) {
    let start = (packed & 0xffff_ffff) as usize;
    let code_len = (packed >> 32) & 0xff;
    let en_at = packed >> 40;
    (
        start,
        if code_len == CODE_LEN_UNKNOWN {
            None
        } else {
            Some(code_len as usize)
        },
        if en_at == EN_AT_UNKNOWN {
            None
        } else {
            Some(en_at as usize)
        },
    )
}

/// Element `i` of an array of little-endian `u16`s written as bytes.
// The generator compiles this file too, and reads no table.
#[allow(dead_code)]
#[inline]
pub(crate) fn u16_at(bytes: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        *bytes.get(i.checked_mul(2)?..)?.first_chunk()?,
    ))
}

/// Element `i` of an array of little-endian `u32`s written as bytes.
// The generator compiles this file too, and reads no table.
#[allow(dead_code)]
#[inline]
pub(crate) fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        *bytes.get(i.checked_mul(4)?..)?.first_chunk()?,
    ))
}

/// Element `i` of an array of little-endian `u64`s written as bytes.
// The generator compiles this file too, and reads no table.
#[allow(dead_code)]
#[inline]
pub(crate) fn u64_at(bytes: &[u8], i: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        *bytes.get(i.checked_mul(8)?..)?.first_chunk()?,
    ))
}

/// `N` packed rows as the `M = 8 N` bytes a table holds (for the tables of tests).
#[cfg(test)]
#[allow(dead_code)] // The generator's tests compile this file too.
pub(crate) const fn to_bytes<const N: usize, const M: usize>(rows: [u64; N]) -> [u8; M] {
    assert!(M == 8 * N, "M must be 8 N");
    let mut bytes = [0; M];
    let mut i = 0;
    while i < M {
        bytes[i] = rows[i / 8].to_le_bytes()[i % 8];
        i += 1;
    }
    bytes
}
