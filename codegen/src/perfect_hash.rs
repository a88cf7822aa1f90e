//! The perfect-hash index of each generated module, computed when the crate is generated.
//!
//! The runtime's half, the hash and the probe, is `codegen/runtime/runtime/hash.rs`; this module
//! compiles that same file, so the generator and the generated crate cannot disagree on a hash.

#[path = "../runtime/runtime/hash.rs"]
mod hash;

/// The row number of an empty slot: no row has it, since a module has fewer than 65535 codes.
pub const EMPTY: u16 = u16::MAX;

/// A seed, a displacement per bucket and a row number per slot, such that every key hashes to
/// the slot holding its own row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerfectHash {
    /// The seed of the runtime's hash (`runtime/hash.rs`, compiled here too).
    pub seed: u64,
    /// One displacement per bucket, `d1 << 16 | d2`; a power-of-two count.
    pub displacements: Vec<u32>,
    /// The row in each slot, [`EMPTY`] for none; a power-of-two count, at least the key count.
    pub slots: Vec<u16>,
}

/// Keys per bucket on average: the usual trade of the scheme between table size and build time.
const BUCKET_SIZE: usize = 4;

impl PerfectHash {
    /// Builds the index of `keys` (distinct; at most `u16::MAX` of them). Deterministic: the
    /// same keys give the same index.
    pub fn build(keys: &[&str]) -> PerfectHash {
        let slots_len = keys.len().next_power_of_two().max(1);
        let buckets_len = keys.len().div_ceil(BUCKET_SIZE).next_power_of_two().max(1);
        // Seeds from a fixed sequence; a few are ever needed.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        loop {
            if let Some(index) = try_seed(keys, seed, slots_len, buckets_len) {
                return index;
            }
            seed = seed.wrapping_mul(0x2545_f491_4f6c_dd1d).wrapping_add(1);
        }
    }

    /// The row of `key`, if `key` is the key of the row the index points it at.
    pub fn find(&self, key: &str, keys: &[&str]) -> Option<usize> {
        let h = hash::hash(self.seed, key.as_bytes());
        let displacement = self.displacements[hash::bucket(h, self.displacements.len())];
        let row = self.slots[hash::slot(h, displacement, self.slots.len())];
        let row = usize::from(row);
        (keys.get(row) == Some(&key)).then_some(row)
    }
}

fn try_seed(keys: &[&str], seed: u64, slots_len: usize, buckets_len: usize) -> Option<PerfectHash> {
    let hashes: Vec<u64> = keys
        .iter()
        .map(|k| hash::hash(seed, k.as_bytes()))
        .collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); buckets_len];
    for (row, &h) in hashes.iter().enumerate() {
        buckets[hash::bucket(h, buckets_len)].push(row);
    }
    // Largest buckets first, while the table is emptiest; ties in bucket order.
    let mut order: Vec<usize> = (0..buckets_len).collect();
    order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));

    let mut slots = vec![EMPTY; slots_len];
    let mut displacements = vec![0u32; buckets_len];
    let limit = slots_len.min(1 << 16) as u32;
    let mut taken: Vec<usize> = Vec::with_capacity(BUCKET_SIZE * 4);
    for b in order {
        let rows = &buckets[b];
        if rows.is_empty() {
            break;
        }
        let found = (0..limit)
            .flat_map(|d1| (0..limit).map(move |d2| d1 << 16 | d2))
            .find(|&d| {
                taken.clear();
                rows.iter().all(|&row| {
                    let s = hash::slot(hashes[row], d, slots_len);
                    let free = slots[s] == EMPTY && !taken.contains(&s);
                    taken.push(s);
                    free
                })
            });
        let d = found?;
        displacements[b] = d;
        for &row in rows {
            slots[hash::slot(hashes[row], d, slots_len)] = row as u16;
        }
    }
    Some(PerfectHash {
        seed,
        displacements,
        slots,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(keys: &[&str]) {
        let index = PerfectHash::build(keys);
        assert!(index.slots.len() >= keys.len() && index.slots.len().is_power_of_two());
        for (row, key) in keys.iter().enumerate() {
            assert_eq!(index.find(key, keys), Some(row), "{key}");
        }
        for unknown in [
            "",
            "Nope",
            "InternalError.",
            "internalerror",
            "InternalErrorX",
        ] {
            if !keys.contains(&unknown) {
                assert_eq!(index.find(unknown, keys), None, "{unknown}");
            }
        }
        assert_eq!(PerfectHash::build(keys), index, "not deterministic");
    }

    #[test]
    fn every_key_finds_its_row_and_others_none() {
        check(&[]);
        check(&["InternalError"]);
        check(&["A", "B", "C"]);
        // Every length up to two words, through each way the hash reads a tail.
        let prefixes: Vec<&str> = (0..=17).map(|n| &"InternalError.SYS_ERR"[..n]).collect();
        check(&prefixes);
        let many: Vec<String> = (0..2000)
            .map(|i| format!("FailedOperation.Code{i}"))
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        check(&many);
    }
}
