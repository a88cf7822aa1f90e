//! Regen in memory: parse, model, names, emit and format, from pages already read.
//!
//! - `regen/seed`: `docs-source/` (the seed page and its English page).
//! - `regen/catalog-1of8`, `-1of4`, `-1of2`, `catalog`: every 8th, 4th, 2nd product of the
//!   catalog in `../shared/corpus/catalog`, and all of it (how the cost grows).
//! - `regen/catalog-read`: the whole catalog from disk, reading the pages included (what
//!   `cargo xtask regen` does, short of comparing with and writing to the output folder).
//!
//! Each run is a steady-state regen: the ledger, version and changelog of a first run are the
//! "previous" crate, as when a maintainer regenerates an existing crate. The catalog benches are
//! skipped, with a message, when the corpus is absent.
//!
//! `cargo bench -p tencentcloud-errors-codegen --bench regen`, or `cargo xtask bench`, which
//! prints the medians in one table.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};
use tencentcloud_errors_codegen::{
    generate, generate_from_pages, source, Diagnostics, Options, Page, Previous,
};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The pages of `docs`.
fn read(docs: &Path) -> Vec<Page> {
    source::read_docs(docs, &mut Diagnostics::new())
}

/// The crate a first regen of `pages` leaves behind, as the previous crate of the next regen.
fn previous_of(pages: &[Page]) -> Previous {
    let first = match generate_from_pages(
        pages.to_vec(),
        &Previous::default(),
        Diagnostics::new(),
        &opts(),
    ) {
        Ok(generation) => generation,
        Err(failure) => panic!("the pages do not generate:\n{}", failure.render()),
    };
    let changelog = first
        .files
        .iter()
        .find(|f| f.path == "CHANGELOG.md")
        .map(|f| f.contents.clone());
    Previous {
        ledger: first.ledger,
        version: Some(first.version),
        changelog,
    }
}

fn opts() -> Options {
    Options::default()
}

/// The pages of every `n`th product, in path order of the product.
fn every_nth_product(pages: &[Page], n: usize) -> Vec<Page> {
    let mut products: Vec<&str> = pages.iter().map(|p| p.module.product.as_str()).collect();
    products.sort_unstable();
    products.dedup();
    let kept: Vec<&str> = products.into_iter().step_by(n).collect();
    pages
        .iter()
        .filter(|p| kept.contains(&p.module.product.as_str()))
        .cloned()
        .collect()
}

fn bench_pages(c: &mut Criterion, name: &str, pages: Vec<Page>, previous: &Previous, long: bool) {
    let mut group = c.benchmark_group("regen");
    if long {
        // Half a second an iteration: criterion's flat sampling, one iteration per sample.
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(20)
            .warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(15));
    }
    group.bench_function(name, |b| {
        b.iter_batched(
            || pages.clone(),
            |pages| {
                let generation = generate_from_pages(pages, previous, Diagnostics::new(), &opts());
                black_box(generation.map(|g| g.files.len()).ok())
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn regen(c: &mut Criterion) {
    let root = workspace();
    let seed = read(&root.join("docs-source"));
    let seed_previous = previous_of(&seed);
    bench_pages(c, "seed", seed, &seed_previous, false);

    let catalog = root.join("../shared/corpus/catalog");
    if !catalog.join("zh").is_dir() {
        eprintln!(
            "skipping the catalog benches: {} is absent (it is the shared corpus, beside the \
             workspace; see the workspace README)",
            catalog.display()
        );
        return;
    }
    let pages = read(&catalog);
    for (name, n) in [
        ("catalog-1of8", 8),
        ("catalog-1of4", 4),
        ("catalog-1of2", 2),
    ] {
        let subset = every_nth_product(&pages, n);
        let previous = previous_of(&subset);
        bench_pages(c, name, subset, &previous, true);
    }
    let previous = previous_of(&pages);
    bench_pages(c, "catalog", pages, &previous, true);

    let mut group = c.benchmark_group("regen");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(15));
    // A folder with no crate in it: nothing carries over, as in a first regen, but the pages
    // are read from disk.
    let out = root.join("target/bench/regen-nothing-here");
    group.bench_function("catalog-read", |b| {
        b.iter(|| {
            black_box(
                generate(&catalog, &out, &opts())
                    .map(|g| g.files.len())
                    .ok(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, regen);
criterion_main!(benches);
