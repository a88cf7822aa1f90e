//! Regen in memory: parse, model, names, emit and format, from pages already read.
//!
//! - `regen/seed`: `docs-source/` (the seed page and its English page).
//! - `regen/catalog-1of8`, `-1of4`, `-1of2`, `catalog`: every 8th, 4th, 2nd product of the
//!   catalog in `../shared/corpus/catalog` (or `$TENCENTCLOUD_ERRORS_CATALOG`), and all of it
//!   (how the cost grows).
//! - `regen/catalog-read`: the whole catalog from disk, reading the pages included (what
//!   `cargo xtask regen` does, short of comparing with and writing to the output folder).
//!
//! Every bench is measured twice: group `regen` by the wall clock, group `regen-cpu` by the CPU
//! time of the process (all threads; setup excluded), which a busy shared machine disturbs much
//! less and which is what "how the cost grows" is judged on.
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

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
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
        actions: Some(tencentcloud_errors_codegen::action_ledger::ActionLedger::of(&first.catalog)),
        ledger: first.ledger,
        version: Some(first.version),
        changelog,
        api_epoch: Some(tencentcloud_errors_codegen::emit::API_EPOCH),
        ..Previous::default()
    }
}

fn opts() -> Options {
    Options::default()
}

/// The CPU time of the whole process, every thread's (the generator parses and emits on all
/// of them).
struct ProcessCpuTime {
    wall: WallTime,
}

fn process_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a pointer to a live timespec.
    let failed = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) } != 0;
    if failed {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

impl Measurement for ProcessCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        process_cpu_time()
    }

    fn end(&self, start: Duration) -> Duration {
        process_cpu_time().saturating_sub(start)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

fn bench_pages<M: Measurement>(
    c: &mut Criterion<M>,
    group_name: &str,
    name: &str,
    pages: Vec<Page>,
    previous: &Previous,
    long: bool,
) {
    let mut group = c.benchmark_group(group_name);
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
    regen_in(c, "regen");
}

fn regen_cpu(c: &mut Criterion<ProcessCpuTime>) {
    regen_in(c, "regen-cpu");
}

fn regen_in<M: Measurement>(c: &mut Criterion<M>, group_name: &str) {
    let root = workspace();
    let seed = read(&root.join("docs-source"));
    let seed_previous = previous_of(&seed);
    bench_pages(c, group_name, "seed", seed, &seed_previous, false);

    // `cargo xtask bench --catalog DIR` passes its folder on.
    let catalog = std::env::var_os("TENCENTCLOUD_ERRORS_CATALOG")
        .map_or_else(|| root.join("../shared/corpus/catalog"), PathBuf::from);
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
        let subset = source::every_nth_product(&pages, n);
        let previous = previous_of(&subset);
        bench_pages(c, group_name, name, subset, &previous, true);
    }
    let previous = previous_of(&pages);
    bench_pages(c, group_name, "catalog", pages, &previous, true);

    let mut group = c.benchmark_group(group_name);
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

criterion_group!(wall, regen);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ProcessCpuTime { wall: WallTime });
    targets = regen_cpu
}
criterion_main!(wall, cpu);
