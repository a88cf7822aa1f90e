//! Code string → enum, and code → message, in the generated crate, beside a
//! `std::collections::HashMap<&str, _>` and a `phf::Map` over the same codes, in the same run.
//!
//! Modules: `common` (38 codes in the catalog) and `vpc::v20170312`, the largest (530). Each
//! benchmark looks up every code of the module once, in a fixed shuffled order, per iteration;
//! `cargo xtask bench` divides by the number of codes. Unknown codes are the module's codes with
//! the last letter's case flipped: as long as the known ones, sharing all but their last byte with
//! one of them (the hardest case for a comparison-based lookup).
//!
//! Only the crate's public API is called, so this measures whatever the runtime does.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tencentcloud_errors::{common, vpc, Code, Lang};

include!(concat!(env!("OUT_DIR"), "/maps.rs"));

/// `items` in a fixed pseudo-random order (xorshift, Fisher–Yates).
fn shuffled<T: Copy>(items: &[T]) -> Vec<T> {
    let mut out = items.to_vec();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in (1..out.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.swap(i, (state % (i as u64 + 1)) as usize);
    }
    out
}

/// Each known code with its last ASCII letter's case flipped (or `x` appended when it has no
/// letter), unknown to the module.
fn unknown_codes(known: &[&str]) -> Vec<String> {
    known
        .iter()
        .map(|code| {
            let mut s = code.to_string();
            match s
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_ascii_alphabetic())
            {
                Some((i, c)) => {
                    let flipped = if c.is_ascii_lowercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    };
                    s.replace_range(i..i + 1, &flipped.to_string());
                }
                None => s.push('x'),
            }
            while known.contains(&s.as_str()) {
                s.push('x');
            }
            s
        })
        .collect()
}

fn module<C: Code>(c: &mut Criterion, name: &str, phf: &'static phf::Map<&'static str, usize>) {
    let codes = shuffled(C::ALL);
    let known: Vec<&'static str> = codes.iter().map(|code| code.as_str()).collect();
    let unknown = unknown_codes(&known);
    let unknown: Vec<&str> = unknown.iter().map(String::as_str).collect();
    let map: HashMap<&'static str, C> = C::ALL.iter().map(|&code| (code.as_str(), code)).collect();
    let messages: HashMap<&'static str, (&'static str, &'static str)> = C::ALL
        .iter()
        .map(|&code| {
            (
                code.as_str(),
                (code.message(Lang::Zh), code.message(Lang::En)),
            )
        })
        .collect();
    let from_phf = |s: &str| phf.get(s).map(|&index| C::ALL[index]);

    let mut group = c.benchmark_group(format!("lookup-{name}"));
    group.throughput(Throughput::Elements(known.len() as u64));

    group.bench_function("known-enum", |b| {
        b.iter(|| {
            for &s in &known {
                black_box(black_box(s).parse::<C>().ok());
            }
        })
    });
    group.bench_function("known-hashmap", |b| {
        b.iter(|| {
            for &s in &known {
                black_box(map.get(black_box(s)).copied());
            }
        })
    });
    group.bench_function("known-phf", |b| {
        b.iter(|| {
            for &s in &known {
                black_box(from_phf(black_box(s)));
            }
        })
    });

    // The crate's `Err` keeps the string: compare with a miss, and with a miss plus the
    // allocation that keeps it.
    group.bench_function("unknown-enum", |b| {
        b.iter(|| {
            for &s in &unknown {
                black_box(black_box(s).parse::<C>().err());
            }
        })
    });
    group.bench_function("unknown-hashmap", |b| {
        b.iter(|| {
            for &s in &unknown {
                black_box(map.get(black_box(s)).copied());
            }
        })
    });
    group.bench_function("unknown-hashmap-alloc", |b| {
        b.iter(|| {
            for &s in &unknown {
                let s = black_box(s);
                black_box(map.get(s).copied().ok_or_else(|| Box::<str>::from(s)).err());
            }
        })
    });
    group.bench_function("unknown-phf", |b| {
        b.iter(|| {
            for &s in &unknown {
                black_box(from_phf(black_box(s)));
            }
        })
    });

    // Messages: from the enum, and from the string (parse, then message) against a HashMap of
    // code → texts.
    group.bench_function("message-enum", |b| {
        b.iter(|| {
            for &code in &codes {
                black_box(black_box(code).message(Lang::En));
            }
        })
    });
    group.bench_function("message-str-enum", |b| {
        b.iter(|| {
            for &s in &known {
                black_box(black_box(s).parse::<C>().ok().map(|c| c.message(Lang::En)));
            }
        })
    });
    group.bench_function("message-str-hashmap", |b| {
        b.iter(|| {
            for &s in &known {
                black_box(messages.get(black_box(s)).map(|m| m.1));
            }
        })
    });
    group.finish();
}

fn lookup(c: &mut Criterion) {
    module::<common::ErrorCode>(c, "common", &COMMON);
    module::<vpc::v20170312::ErrorCode>(c, "vpc", &VPC);
}

criterion_group!(benches, lookup);
criterion_main!(benches);
