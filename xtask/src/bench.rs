//! `cargo xtask bench`: runs every benchmark of BENCHMARKS.md and prints one table of medians.
//!
//! - regen: the criterion benches of `codegen/benches/regen.rs` (in memory, seed and catalog at
//!   1/8, 1/4, 1/2 and all of it), `cargo xtask regen` on the whole catalog, and `cargo xtask
//!   regen` of docs-source/ as a user runs it (child processes, wall time, after one warm-up run);
//! - lookup: the criterion benches of `xtask/lookup-bench`, a crate outside the workspace that
//!   depends on the catalog crate this command writes to `target/bench/catalog`: the committed
//!   crate, as regen writes it from docs-source/;
//! - compile: clean release builds of that crate and of its Go-SDK-shaped baseline
//!   (`codegen::baseline`), with `--features full`, with `cvm` only, and with `common` only;
//! - scaling: clean builds of both crates generated from every 8th, 4th and 2nd product;
//! - actions: clean builds of the crate of `docs-source/` (the catalog with every action's list
//!   of codes), of the same pages with the lists left out, and of the Go-shaped baseline of its
//!   codes, each `--features full --no-default-features` (the baseline has no dependencies);
//! - instructions: the same three builds once each, counting the instructions the crate's rustc
//!   executes (valgrind's cachegrind): the same count every run, where the wall time of a build
//!   on this shared machine moves by 15 % from one run to the next.
//!
//! Builds are measured from here: cargo runs with this program as its `RUSTC_WRAPPER`, which
//! times each rustc it starts and reads its peak resident memory from `wait4` (the rusage of that
//! one child: `getrusage(RUSAGE_CHILDREN)` would give the largest of every process this program
//! ever waited for, so a later, smaller build could not be told apart). The cargo process gets the
//! same treatment for the build's wall time.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

use tencentcloud_errors_codegen::{
    self as codegen, baseline, output, source, Diagnostics, OutputFile, Previous,
};

/// The parts of the suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Part {
    /// Regen in memory (criterion) and `cargo xtask regen` on the catalog.
    Regen,
    /// String → enum and message lookups (criterion), against HashMap and phf.
    Lookup,
    /// Clean release builds of the catalog crate and the baseline.
    Compile,
    /// Clean builds of 1/8, 1/4 and 1/2 of the catalog, both crates.
    Scaling,
    /// Clean release builds of the crate of `docs-source/` (every action's list of codes) and of
    /// the same pages without the lists, and the Go-shaped baseline of the same codes.
    Actions,
    /// The instructions rustc executes for those three crates, counted by valgrind (needs
    /// `valgrind` on the PATH): the same count every run.
    Instructions,
}

/// What `cargo xtask bench` was asked for.
pub struct Settings {
    /// The workspace root.
    pub root: PathBuf,
    /// The catalog documentation folder.
    pub catalog: PathBuf,
    /// Runs per measurement taken by this program (builds, `cargo xtask regen`).
    pub runs: usize,
    /// The parts to run (all when empty).
    pub only: Vec<Part>,
    /// Extra arguments for criterion (`--save-baseline NAME`, `--baseline NAME`, a filter…).
    pub criterion_args: Vec<String>,
}

impl Settings {
    fn wants(&self, part: Part) -> bool {
        self.only.is_empty() || self.only.contains(&part)
    }

    fn bench_dir(&self) -> PathBuf {
        self.root.join("target/bench")
    }

    fn criterion_home(&self) -> PathBuf {
        self.bench_dir().join("criterion")
    }
}

/// The environment variable that turns this program into cargo's `RUSTC_WRAPPER`: the file to
/// append one line per rustc run to.
const WRAPPER_LOG: &str = "XTASK_RUSTC_LOG";

/// With [`WRAPPER_LOG`]: the crate whose rustc the wrapper runs under valgrind's cachegrind, to
/// count its instructions (the log's line then ends with the count).
const WRAPPER_COUNT: &str = "XTASK_RUSTC_COUNT_INSTRUCTIONS";

/// When cargo runs this program as its `RUSTC_WRAPPER` (`xtask /path/to/rustc ARGS…`, with
/// [`WRAPPER_LOG`] set): runs rustc, appends `crate<TAB>wall seconds<TAB>peak RSS KiB` to the
/// log, and gives rustc's exit code. `None` otherwise.
pub fn rustc_wrapper() -> Option<ExitCode> {
    let log = std::env::var_os(WRAPPER_LOG)?;
    let mut args = std::env::args_os().skip(1);
    let rustc = args.next()?;
    let args: Vec<_> = args.collect();
    let crate_name = args
        .iter()
        .position(|a| a == "--crate-name")
        .and_then(|i| args.get(i + 1))
        .map(|name| name.to_string_lossy().into_owned());
    let counted = crate_name
        .as_deref()
        .is_some_and(|name| std::env::var_os(WRAPPER_COUNT).is_some_and(|c| c == name));
    let valgrind_log = PathBuf::from(&log).with_extension("valgrind.log");
    let mut command = if counted {
        // Valgrind's own report goes to a file: rustc's stderr is cargo's to read.
        let mut command = Command::new("valgrind");
        command
            .arg("--tool=cachegrind")
            .arg("--cache-sim=no")
            .arg("--cachegrind-out-file=/dev/null")
            .arg(format!("--log-file={}", valgrind_log.display()))
            .arg(&rustc)
            .args(&args);
        command
    } else {
        let mut command = Command::new(&rustc);
        command.args(&args);
        command
    };
    let usage = match measure(&mut command) {
        Ok(usage) => usage,
        Err(err) => {
            eprintln!("xtask (rustc wrapper): cannot run {rustc:?}: {err}");
            return Some(ExitCode::FAILURE);
        }
    };
    if let Some(name) = crate_name {
        let instructions = if counted {
            match read_instructions(&valgrind_log) {
                Ok(count) => format!("\t{count}"),
                Err(err) => {
                    eprintln!("xtask (rustc wrapper): {err}");
                    return Some(ExitCode::FAILURE);
                }
            }
        } else {
            String::new()
        };
        let line = format!(
            "{name}\t{:.3}\t{}{instructions}\n",
            usage.wall.as_secs_f64(),
            usage.max_rss_kib
        );
        // One write of a short line to a file opened for appending: lines of rustc processes
        // that run at once do not interleave.
        let logged = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .and_then(|mut f| f.write_all(line.as_bytes()));
        if let Err(err) = logged {
            eprintln!("xtask (rustc wrapper): cannot write {log:?}: {err}");
            return Some(ExitCode::FAILURE);
        }
    }
    Some(ExitCode::from(u8::try_from(usage.code).unwrap_or(1)))
}

/// The instructions cachegrind counted, from its report: the line `==PID== I   refs:  1,234`.
fn read_instructions(report: &Path) -> Result<u64, String> {
    let text = std::fs::read_to_string(report)
        .map_err(|e| format!("cannot read valgrind's report {}: {e}", report.display()))?;
    text.lines()
        .find_map(|line| {
            let count = line.split("I   refs:").nth(1)?;
            count.trim().replace(',', "").parse().ok()
        })
        .ok_or_else(|| format!("no instruction count in {}", report.display()))
}

/// What one child process cost.
#[derive(Clone, Copy, Debug)]
struct Usage {
    wall: Duration,
    /// User and system time of the child and the children it waited for.
    cpu: Duration,
    /// The largest resident set of the child or of any child it waited for, in KiB.
    max_rss_kib: u64,
    /// Its exit code (128 + the signal when killed).
    code: i32,
}

/// Runs `command` and waits for it with `wait4`, which gives the rusage of that child alone.
fn measure(command: &mut Command) -> io::Result<Usage> {
    let start = Instant::now();
    let child = command.spawn()?;
    let pid = libc::pid_t::try_from(child.id())
        .map_err(|_| io::Error::other("process id out of range"))?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data, valid when zeroed.
    let mut rusage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child, not yet waited for (std waits only when asked); the
        // pointers are to live locals.
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut rusage) };
        if waited == pid {
            break;
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
    let wall = start.elapsed();
    // The child is reaped: dropping its handle only closes our ends of its pipes.
    drop(child);
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Ok(Usage {
        wall,
        cpu: time(rusage.ru_utime) + time(rusage.ru_stime),
        // Linux gives ru_maxrss in KiB.
        max_rss_kib: u64::try_from(rusage.ru_maxrss).unwrap_or(0),
        code,
    })
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// One line of the table.
struct Row {
    what: String,
    median: String,
    against: String,
    ratio: String,
    target: String,
}

impl Row {
    fn new(what: impl Into<String>, median: impl Into<String>) -> Row {
        Row {
            what: what.into(),
            median: median.into(),
            against: String::new(),
            ratio: String::new(),
            target: String::new(),
        }
    }

    fn against(mut self, against: impl Into<String>, ratio: Option<f64>) -> Row {
        self.against = against.into();
        self.ratio = ratio.map_or(String::new(), |r| format!("{r:.2}×"));
        self
    }

    fn target(mut self, target: impl Into<String>) -> Row {
        self.target = target.into();
        self
    }
}

/// Runs the suite and prints the table.
pub fn run(settings: &Settings) -> Result<(), String> {
    let started = SystemTime::now();
    let has_catalog = settings.catalog.join("zh").is_dir();
    if !has_catalog {
        println!(
            "note: {} is absent (the shared corpus, beside the workspace): only the seed's regen \
             is measured; lookup, compile and scaling need the catalog and are skipped",
            settings.catalog.display()
        );
    }
    std::fs::create_dir_all(settings.bench_dir()).map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    let mut notes = Vec::new();

    if has_catalog
        && (settings.wants(Part::Lookup)
            || settings.wants(Part::Compile)
            || settings.wants(Part::Scaling))
    {
        step("generating the benchmark crates into target/bench/");
        write_crates(settings)?;
    }
    if settings.wants(Part::Regen) {
        step("regen benches (criterion)");
        cargo_bench(
            settings,
            cargo()
                .current_dir(&settings.root)
                .env("TENCENTCLOUD_ERRORS_CATALOG", &settings.catalog)
                .args([
                    "bench",
                    "-p",
                    "tencentcloud-errors-codegen",
                    "--bench",
                    "regen",
                    "--",
                ]),
        )?;
        if has_catalog {
            step("`cargo xtask regen` on the catalog");
            let out = settings.bench_dir().join("regen-cli");
            rows.push(regen_cli(
                settings,
                "`cargo xtask regen --docs <catalog> --out <dir>`",
                &[
                    OsStr::new("--docs"),
                    settings.catalog.as_os_str(),
                    OsStr::new("--out"),
                    out.as_os_str(),
                ],
            )?);
        }
        step("`cargo xtask regen` of docs-source/, as a user runs it");
        rows.push(regen_cli(
            settings,
            "`cargo xtask regen` (docs-source/ → generated/, up to date)",
            &[],
        )?);
    }
    if has_catalog && settings.wants(Part::Lookup) {
        step("lookup benches (criterion)");
        let manifest = settings.root.join("xtask/lookup-bench/Cargo.toml");
        cargo_bench(
            settings,
            cargo()
                .current_dir(&settings.root)
                .env(
                    "CARGO_TARGET_DIR",
                    settings.bench_dir().join("lookup-target"),
                )
                .arg("bench")
                .arg("--manifest-path")
                .arg(&manifest)
                .args(["--bench", "lookup", "--"]),
        )?;
    }
    let estimates = read_criterion(&settings.criterion_home(), started);
    regen_rows(&estimates, &mut rows);
    lookup_rows(&estimates, &mut rows);

    let mut builds = Vec::new();
    if has_catalog && settings.wants(Part::Compile) {
        for (label, features) in [("full", "full"), ("cvm", "cvm"), ("common", "")] {
            builds.push(Build::new(settings, "catalog", label, features));
            builds.push(Build::new(settings, "baseline", label, features));
        }
        // Without serde and serde_json, whose build the baseline (no dependencies) does not
        // pay: the clean build of the crate alone.
        builds.push(
            Build::new(settings, "catalog", "full", "full").without_default_features("full-lean"),
        );
    }
    if has_catalog && settings.wants(Part::Scaling) {
        for fraction in ["1of8", "1of4", "1of2"] {
            builds.push(Build::new(
                settings,
                &format!("catalog-{fraction}"),
                "full",
                "full",
            ));
            builds.push(Build::new(
                settings,
                &format!("baseline-{fraction}"),
                "full",
                "full",
            ));
        }
        if !settings.wants(Part::Compile) {
            builds.push(Build::new(settings, "catalog", "full", "full"));
            builds.push(Build::new(settings, "baseline", "full", "full"));
        }
    }
    if settings.wants(Part::Actions) {
        step("generating the crates of docs-source/ with and without the actions' lists");
        write_action_crates(settings)?;
        for krate in ["actions", "no-actions", "baseline-actions"] {
            builds.push(
                Build::new(settings, krate, "full", "full").without_default_features("full-lean"),
            );
        }
    }
    if !builds.is_empty() {
        let measured = measure_builds(settings, &builds)?;
        compile_rows(&measured, &mut rows, &mut notes);
    }
    if settings.wants(Part::Instructions) {
        if which_valgrind() {
            if !settings.wants(Part::Actions) {
                step("generating the crates of docs-source/ with and without the actions' lists");
                write_action_crates(settings)?;
            }
            let counted = count_instructions(settings)?;
            instruction_rows(&counted, &mut rows);
        } else {
            println!("note: `valgrind` is not on the PATH: the instructions part is skipped");
        }
    }

    println!("\n{}", table(&rows));
    for note in notes {
        println!("{note}");
    }
    println!(
        "\nmachine: {} cores (shared), medians of {} runs for builds and `cargo xtask regen`, \
         criterion's median for the rest; criterion's reports are in {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        settings.runs,
        settings.criterion_home().display()
    );
    Ok(())
}

fn step(what: &str) {
    eprintln!("\n== {what}");
}

fn cargo_bench(settings: &Settings, command: &mut Command) -> Result<(), String> {
    command
        .env("CRITERION_HOME", settings.criterion_home())
        .args(&settings.criterion_args);
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the benchmark failed: {status}"))
    }
}

/// Writes the catalog crate and the baseline, whole and at 1/8, 1/4 and 1/2, under
/// target/bench/.
fn write_crates(settings: &Settings) -> Result<(), String> {
    // The whole crate is the committed one, as regen writes it from docs-source/ (the catalog
    // imported from the Go SDKs, with the seed's common codes); the fractions, which measure how
    // costs grow, are cut from the catalog's pages.
    let committed = codegen::generate(
        &settings.root.join("docs-source"),
        &settings.root.join("generated"),
        &codegen::Options::default(),
    )
    .map_err(|failure| format!("{}\n{failure}", failure.render()))?;
    write(&settings.bench_dir().join("catalog"), &committed.files)?;
    write(
        &settings.bench_dir().join("baseline"),
        &baseline::emit(&committed.catalog),
    )?;
    let mut diags = Diagnostics::new();
    let pages = source::read_docs(&settings.catalog, &mut diags);
    for (suffix, n) in [("-1of8", 8), ("-1of4", 4), ("-1of2", 2)] {
        let subset = source::every_nth_product(&pages, n);
        let generation = codegen::generate_from_pages(
            subset,
            &Previous::default(),
            diags.clone(),
            &codegen::Options::default(),
        )
        .map_err(|failure| format!("{}\n{failure}", failure.render()))?;
        write(
            &settings.bench_dir().join(format!("catalog{suffix}")),
            &generation.files,
        )?;
        write(
            &settings.bench_dir().join(format!("baseline{suffix}")),
            &baseline::emit(&generation.catalog),
        )?;
    }
    Ok(())
}

/// The first heading of a page's table of codes by action, as the importer writes it: last on
/// the page, so that the page without the lists is the text before it.
const ACTION_SECTIONS: [&str; 2] = ["\n### 接口错误码\n", "\n### Error Codes by API\n"];

/// Writes the crate of `docs-source/` (`actions`), the crate of the same pages without their
/// tables of codes by action (`no-actions`) and the Go-shaped baseline of its codes
/// (`baseline-actions`), under target/bench/.
fn write_action_crates(settings: &Settings) -> Result<(), String> {
    let mut diags = Diagnostics::new();
    let pages = source::read_docs(&settings.root.join("docs-source"), &mut diags);
    let without: Vec<source::Page> = pages
        .iter()
        .map(|page| {
            let cut = ACTION_SECTIONS
                .iter()
                .filter_map(|heading| page.text.find(heading))
                .min()
                .unwrap_or(page.text.len());
            source::Page::from_text(page.lang, page.module.clone(), &page.rel, &page.text[..cut])
        })
        .collect();
    for (krate, pages) in [("actions", pages), ("no-actions", without)] {
        let generation = codegen::generate_from_pages(
            pages,
            &Previous::default(),
            diags.clone(),
            &codegen::Options::default(),
        )
        .map_err(|failure| format!("{}\n{failure}", failure.render()))?;
        let actions: usize = generation
            .catalog
            .modules
            .iter()
            .map(|m| m.actions.len())
            .sum();
        eprintln!("   {krate}: {actions} actions");
        write(&settings.bench_dir().join(krate), &generation.files)?;
        if krate == "actions" {
            write(
                &settings.bench_dir().join("baseline-actions"),
                &baseline::emit(&generation.catalog),
            )?;
        }
    }
    Ok(())
}

fn write(dir: &Path, files: &[OutputFile]) -> Result<(), String> {
    output::write_atomically(dir, files)
        .map(|_| ())
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))
}

/// `cargo xtask regen` with `args`, once to warm up, then `runs` times.
fn regen_cli(settings: &Settings, what: &str, args: &[&OsStr]) -> Result<Row, String> {
    let log = settings.bench_dir().join("regen-cli.log");
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    for run in 0..=settings.runs {
        let log_file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let log_err = log_file.try_clone().map_err(|e| e.to_string())?;
        let usage = measure(
            cargo()
                .current_dir(&settings.root)
                .args(["xtask", "regen"])
                .args(args)
                .stdout(log_file)
                .stderr(log_err),
        )
        .map_err(|e| format!("cannot run cargo xtask regen: {e}"))?;
        if usage.code != 0 {
            return Err(format!("cargo xtask regen failed; see {}", log.display()));
        }
        if run > 0 {
            walls.push(usage.wall.as_secs_f64());
            cpus.push(usage.cpu.as_secs_f64());
        }
    }
    let wall = median(&mut walls);
    Ok(Row::new(
        format!("{what} (dev profile, build warm): wall"),
        secs(wall),
    )
    .against(format!("CPU {}", secs(median(&mut cpus))), None)
    .target(verdict(wall < 1.0, "< 1 s")))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn secs(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else if s >= 1e-6 {
        format!("{:.2} µs", s * 1e6)
    } else {
        format!("{:.1} ns", s * 1e9)
    }
}

fn verdict(met: bool, target: &str) -> String {
    format!("{target}: {}", if met { "met" } else { "MISSED" })
}

/// A criterion result: the median time of one iteration, and the elements one iteration handles.
#[derive(Clone, Copy, Debug)]
struct Estimate {
    median_ns: f64,
    elements: Option<u64>,
}

impl Estimate {
    /// Seconds per element (per iteration when there is no throughput).
    fn per_element(self) -> f64 {
        self.median_ns * 1e-9 / self.elements.filter(|&n| n > 0).map_or(1.0, |n| n as f64)
    }
}

/// Every criterion result under `home` written since `since`, by its id (`regen/catalog`).
fn read_criterion(home: &Path, since: SystemTime) -> BTreeMap<String, Estimate> {
    let mut found = BTreeMap::new();
    let mut stack = vec![home.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let is_new = path.parent().and_then(Path::file_name) == Some("new".as_ref());
            if !is_new || path.file_name() != Some("benchmark.json".as_ref()) {
                continue;
            }
            let fresh = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= since);
            if !fresh {
                continue;
            }
            if let Some((id, estimate)) = read_estimate(&path) {
                found.insert(id, estimate);
            }
        }
    }
    found
}

fn read_estimate(benchmark_json: &Path) -> Option<(String, Estimate)> {
    let read = |path: &Path| -> Option<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
    };
    let benchmark = read(benchmark_json)?;
    let estimates = read(&benchmark_json.with_file_name("estimates.json"))?;
    let id = benchmark.get("full_id")?.as_str()?.to_owned();
    let median_ns = estimates.get("median")?.get("point_estimate")?.as_f64()?;
    let elements = benchmark
        .get("throughput")
        .and_then(|t| t.get("Elements"))
        .and_then(serde_json::Value::as_u64);
    Some((
        id,
        Estimate {
            median_ns,
            elements,
        },
    ))
}

fn regen_rows(estimates: &BTreeMap<String, Estimate>, rows: &mut Vec<Row>) {
    let get = |id: &str| estimates.get(id).map(|e| e.per_element());
    let both = |name: &str| {
        let wall = get(&format!("regen/{name}"));
        let cpu = get(&format!("regen-cpu/{name}"));
        let text = match (wall, cpu) {
            (Some(w), Some(c)) => format!("{} (CPU {})", secs(w), secs(c)),
            (Some(w), None) => secs(w),
            (None, Some(c)) => format!("CPU {}", secs(c)),
            (None, None) => return None,
        };
        Some((text, cpu.or(wall)))
    };
    if let Some((text, _)) = both("seed") {
        rows.push(Row::new("regen in memory: seed (docs-source/)", text));
    }
    let all = both("catalog").and_then(|(_, t)| t);
    for (name, label, fraction) in [
        ("catalog-1of8", "1/8", 8.0),
        ("catalog-1of4", "1/4", 4.0),
        ("catalog-1of2", "1/2", 2.0),
        ("catalog", "all", 1.0),
    ] {
        let Some((text, Some(t))) = both(name) else {
            continue;
        };
        let mut row = Row::new(
            format!("regen in memory: {label} of the catalog's products"),
            text,
        );
        if let Some(all) = all {
            if fraction > 1.0 {
                // Linear growth would make the whole catalog cost `fraction` times this.
                row = row
                    .against(
                        format!("CPU of all ÷ {fraction}: {}", secs(all / fraction)),
                        Some(t * fraction / all),
                    )
                    .target("ratio ≥ 1 (CPU): no worse than linear");
            }
        }
        rows.push(row);
    }
    if let Some((text, _)) = both("catalog-read") {
        rows.push(Row::new(
            "regen in memory: whole catalog, pages read from disk, no previous crate",
            text,
        ));
    }
}

fn lookup_rows(estimates: &BTreeMap<String, Estimate>, rows: &mut Vec<Row>) {
    for module in ["common", "vpc"] {
        let get = |what: &str| {
            estimates
                .get(&format!("lookup-{module}/{what}"))
                .map(|e| e.per_element())
        };
        let name = if module == "vpc" {
            "vpc::v20170312 (530 codes)"
        } else {
            "common"
        };
        if let (Some(e), Some(h)) = (get("known-enum"), get("known-hashmap")) {
            rows.push(
                Row::new(format!("lookup {name}: known code → enum"), secs(e))
                    .against(format!("HashMap {}", secs(h)), Some(e / h))
                    .target(verdict(e < h, "< HashMap")),
            );
        }
        if let (Some(p), Some(h)) = (get("known-phf"), get("known-hashmap")) {
            rows.push(
                Row::new(format!("lookup {name}: known code, phf::Map"), secs(p))
                    .against(format!("HashMap {}", secs(h)), Some(p / h)),
            );
        }
        if let (Some(e), Some(h)) = (get("unknown-enum"), get("unknown-hashmap-alloc")) {
            let miss = get("unknown-hashmap")
                .map_or(String::new(), |m| format!(" (miss alone {})", secs(m)));
            rows.push(
                Row::new(format!("lookup {name}: unknown code → Err"), secs(e))
                    .against(
                        format!("HashMap miss + alloc {}{miss}", secs(h)),
                        Some(e / h),
                    )
                    .target(verdict(e <= h, "≤ HashMap miss + alloc")),
            );
        }
        if let Some(p) = get("unknown-phf") {
            rows.push(Row::new(
                format!("lookup {name}: unknown code, phf::Map"),
                secs(p),
            ));
        }
        if let Some(m) = get("message-enum") {
            rows.push(Row::new(
                format!("lookup {name}: enum → message(En)"),
                secs(m),
            ));
        }
        if let (Some(e), Some(h)) = (get("message-str-enum"), get("message-str-hashmap")) {
            rows.push(
                Row::new(format!("lookup {name}: code string → message"), secs(e))
                    .against(format!("HashMap {}", secs(h)), Some(e / h)),
            );
        }
    }
}

/// One crate and feature set to build.
struct Build {
    /// `catalog`, `baseline`, `catalog-1of8`, …
    krate: String,
    /// `full`, `cvm`, `common`.
    label: String,
    features: String,
    /// Whether the crate's default features (`std`, `serde`) are off.
    no_default_features: bool,
    dir: PathBuf,
    target: PathBuf,
}

impl Build {
    fn new(settings: &Settings, krate: &str, label: &str, features: &str) -> Build {
        let bench = settings.bench_dir();
        Build {
            krate: krate.to_owned(),
            label: label.to_owned(),
            features: features.to_owned(),
            no_default_features: false,
            dir: bench.join(krate),
            target: bench.join("build").join(format!("{krate}-{label}")),
        }
    }

    /// The same build without the default features.
    fn without_default_features(mut self, label: &str) -> Build {
        self.no_default_features = true;
        self.label = label.to_owned();
        self.target.set_file_name(format!("{}-{label}", self.krate));
        self
    }

    fn crate_name(&self) -> &'static str {
        if self.krate.starts_with("baseline") {
            "tencentcloud_errors_baseline"
        } else {
            "tencentcloud_errors"
        }
    }

    fn key(&self) -> String {
        format!("{} {}", self.krate, self.label)
    }
}

/// Medians of the clean builds of one crate.
#[derive(Clone, Copy, Debug)]
struct Built {
    /// `cargo build` from a clean target folder, dependencies included.
    cargo_wall: f64,
    /// The crate's own rustc.
    rustc_wall: f64,
    rustc_rss_mib: f64,
}

/// One clean release build of `build`, cargo's `RUSTC_WRAPPER` this program, counting the
/// crate's instructions under valgrind when `count_instructions`: what cargo cost, and the
/// wrapper's log (a line per rustc: crate, wall seconds, peak RSS KiB, and the instructions).
fn clean_build(
    build: &Build,
    wrapper: &Path,
    count_instructions: bool,
) -> Result<(Usage, String), String> {
    let log = build.target.with_extension("rustc.log");
    for stale in [&build.target, &log] {
        if stale.exists() {
            let removed = if stale.is_dir() {
                std::fs::remove_dir_all(stale)
            } else {
                std::fs::remove_file(stale)
            };
            removed.map_err(|e| format!("cannot remove {}: {e}", stale.display()))?;
        }
    }
    std::fs::create_dir_all(&build.target).map_err(|e| e.to_string())?;
    let mut command = cargo();
    command
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(build.dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &build.target)
        .env("RUSTC_WRAPPER", wrapper)
        .env(WRAPPER_LOG, &log)
        .stdin(Stdio::null());
    if count_instructions {
        command.env(WRAPPER_COUNT, build.crate_name());
    }
    if !build.features.is_empty() {
        command.args(["--features", &build.features]);
    }
    if build.no_default_features {
        command.arg("--no-default-features");
    }
    let usage = measure(&mut command).map_err(|e| format!("cannot run cargo: {e}"))?;
    if usage.code != 0 {
        return Err(format!("the build of {} failed", build.key()));
    }
    let text =
        std::fs::read_to_string(&log).map_err(|e| format!("cannot read {}: {e}", log.display()))?;
    Ok((usage, text))
}

/// Clean release builds, `runs` rounds, each round every build once (so that a slow spell of
/// the shared machine falls on all of them alike).
fn measure_builds(
    settings: &Settings,
    builds: &[Build],
) -> Result<BTreeMap<String, Built>, String> {
    for dir in builds.iter().map(|b| &b.dir) {
        // Resolve and download once, outside the timing.
        let status = cargo()
            .arg("fetch")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("cargo fetch failed in {}", dir.display()));
        }
    }
    let wrapper = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    let mut samples: BTreeMap<String, Vec<(f64, f64, f64)>> = BTreeMap::new();
    for round in 1..=settings.runs {
        for build in builds {
            step(&format!(
                "clean release build {round}/{}: {} --features {:?}{}",
                settings.runs,
                build.krate,
                build.features,
                if build.no_default_features {
                    " --no-default-features"
                } else {
                    ""
                }
            ));
            let (usage, text) = clean_build(build, &wrapper, false)?;
            let log = build.target.with_extension("rustc.log");
            let rustc = text
                .lines()
                .filter_map(|line| {
                    let mut fields = line.split('\t');
                    let name = fields.next()?;
                    let wall: f64 = fields.next()?.parse().ok()?;
                    let rss: f64 = fields.next()?.parse().ok()?;
                    (name == build.crate_name()).then_some((wall, rss))
                })
                .fold(None, |acc: Option<(f64, f64)>, (w, r)| {
                    Some(acc.map_or((w, r), |(aw, ar)| (aw + w, ar.max(r))))
                })
                .ok_or_else(|| {
                    format!("no rustc of {} in {}", build.crate_name(), log.display())
                })?;
            eprintln!(
                "   cargo {:.2} s, rustc of the crate {:.2} s, {:.0} MiB",
                usage.wall.as_secs_f64(),
                rustc.0,
                rustc.1 / 1024.0
            );
            samples.entry(build.key()).or_default().push((
                usage.wall.as_secs_f64(),
                rustc.0,
                rustc.1 / 1024.0,
            ));
        }
    }
    Ok(samples
        .into_iter()
        .map(|(key, runs)| {
            let pick = |f: fn(&(f64, f64, f64)) -> f64| {
                let mut values: Vec<f64> = runs.iter().map(f).collect();
                median(&mut values)
            };
            let built = Built {
                cargo_wall: pick(|s| s.0),
                rustc_wall: pick(|s| s.1),
                rustc_rss_mib: pick(|s| s.2),
            };
            (key, built)
        })
        .collect())
}

/// Whether `valgrind` runs.
fn which_valgrind() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// One clean release build of each crate of the action part, its rustc counted by cachegrind:
/// the crate's instructions, by crate.
fn count_instructions(settings: &Settings) -> Result<BTreeMap<String, u64>, String> {
    let mut counted = BTreeMap::new();
    let wrapper = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    for krate in ["actions", "no-actions", "baseline-actions"] {
        let build =
            Build::new(settings, krate, "count", "full").without_default_features("count-lean");
        step(&format!(
            "counting the instructions of rustc for {krate} (valgrind, a few minutes)"
        ));
        let (_, text) = clean_build(&build, &wrapper, true)?;
        let log = build.target.with_extension("rustc.log");
        let count = text
            .lines()
            .filter_map(|line| {
                let fields: Vec<&str> = line.split('\t').collect();
                (fields.first() == Some(&build.crate_name()))
                    .then(|| fields.get(3)?.parse::<u64>().ok())
                    .flatten()
            })
            .sum::<u64>();
        if count == 0 {
            return Err(format!(
                "no instruction count for {krate} in {}",
                log.display()
            ));
        }
        eprintln!("   {:.2} G instructions", count as f64 / 1e9);
        counted.insert(krate.to_owned(), count);
    }
    Ok(counted)
}

fn instruction_rows(counted: &BTreeMap<String, u64>, rows: &mut Vec<Row>) {
    let giga = |n: u64| format!("{:.2} G", n as f64 / 1e9);
    let (Some(&with), Some(&without), Some(&base)) = (
        counted.get("actions"),
        counted.get("no-actions"),
        counted.get("baseline-actions"),
    ) else {
        return;
    };
    let what = "instructions of the crate's rustc, docs-source/ --features full \
                --no-default-features, release (valgrind; one run: the count moves by a few parts in 100,000)";
    rows.push(
        Row::new(format!("{what}: with every action's list"), giga(with)).against(
            format!("without the lists {}", giga(without)),
            Some(with as f64 / without as f64),
        ),
    );
    rows.push(
        Row::new(format!("{what}: with every action's list"), giga(with))
            .against(
                format!("Go-shaped baseline {}", giga(base)),
                Some(with as f64 / base as f64),
            )
            .target(verdict(with as f64 <= 1.5 * base as f64, "≤ 1.5× baseline")),
    );
}

fn compile_rows(built: &BTreeMap<String, Built>, rows: &mut Vec<Row>, notes: &mut Vec<String>) {
    let pair = |krate: &str, label: &str| {
        let real = built.get(&format!("{krate} {label}"))?;
        let base = built.get(&format!(
            "{} {label}",
            krate.replacen("catalog", "baseline", 1)
        ))?;
        Some((*real, *base))
    };
    if let Some((real, base)) = pair("catalog", "full") {
        // No verdict: with the default features cargo starts the crate's rustc as soon as
        // serde_json's metadata is written (pipelining), so on two cores it shares the CPU with
        // serde_json's code generation, which the baseline (no dependencies) never does. The
        // build without the default features below is the like-for-like one.
        rows.push(
            Row::new(
                "compile --features full, release: rustc of the crate (beside serde_json's codegen)",
                secs(real.rustc_wall),
            )
            .against(
                format!("Go-shaped baseline {}", secs(base.rustc_wall)),
                Some(real.rustc_wall / base.rustc_wall),
            ),
        );
        // No verdict: serde and serde_json are in this build and not in the baseline's; the
        // build without them (next row) is the like-for-like one.
        rows.push(
            Row::new(
                "compile --features full, release: clean cargo build (dependencies too)",
                secs(real.cargo_wall),
            )
            .against(
                format!("baseline {}", secs(base.cargo_wall)),
                Some(real.cargo_wall / base.cargo_wall),
            ),
        );
        if let Some(lean) = built.get("catalog full-lean") {
            rows.push(
                Row::new(
                    "compile --features full --no-default-features (no serde), release: rustc of \
                     the crate",
                    secs(lean.rustc_wall),
                )
                .against(
                    format!("Go-shaped baseline {}", secs(base.rustc_wall)),
                    Some(lean.rustc_wall / base.rustc_wall),
                )
                .target(verdict(
                    lean.rustc_wall <= 1.5 * base.rustc_wall,
                    "≤ 1.5× baseline",
                )),
            );
            rows.push(
                Row::new(
                    "compile --features full --no-default-features (no serde), release: clean \
                     cargo build",
                    secs(lean.cargo_wall),
                )
                .against(
                    format!("baseline {}", secs(base.cargo_wall)),
                    Some(lean.cargo_wall / base.cargo_wall),
                )
                .target(verdict(
                    lean.cargo_wall <= 1.5 * base.cargo_wall,
                    "≤ 1.5× baseline",
                )),
            );
        }
        rows.push(
            Row::new(
                "compile --features full, release: rustc peak RSS",
                format!("{:.0} MiB", real.rustc_rss_mib),
            )
            .against(
                format!("baseline {:.0} MiB", base.rustc_rss_mib),
                Some(real.rustc_rss_mib / base.rustc_rss_mib),
            )
            .target(verdict(real.rustc_rss_mib < 1024.0, "< 1 GB")),
        );
    }
    if let (Some(cvm), Some(common)) = (built.get("catalog cvm"), built.get("catalog common")) {
        rows.push(
            Row::new(
                "compile --features cvm: rustc of the crate",
                secs(cvm.rustc_wall),
            )
            .against(
                format!("common only {}", secs(common.rustc_wall)),
                Some(cvm.rustc_wall / common.rustc_wall),
            )
            .target(verdict(
                cvm.rustc_wall <= 1.2 * common.rustc_wall,
                "≤ 1.2× common",
            )),
        );
        rows.push(
            Row::new(
                "compile --features cvm: clean cargo build",
                secs(cvm.cargo_wall),
            )
            .against(
                format!("common only {}", secs(common.cargo_wall)),
                Some(cvm.cargo_wall / common.cargo_wall),
            )
            .target(verdict(
                cvm.cargo_wall <= 1.2 * common.cargo_wall,
                "≤ 1.2× common",
            )),
        );
    }
    for label in ["cvm", "common"] {
        if let Some((real, base)) = pair("catalog", label) {
            rows.push(
                Row::new(
                    format!(
                        "compile {label}: rustc of the crate, peak RSS {:.0} MiB",
                        real.rustc_rss_mib
                    ),
                    secs(real.rustc_wall),
                )
                .against(
                    format!("baseline {}", secs(base.rustc_wall)),
                    Some(real.rustc_wall / base.rustc_wall),
                ),
            );
        }
    }
    let lean = |krate: &str| built.get(&format!("{krate} full-lean")).copied();
    if let (Some(with), Some(without), Some(base)) = (
        lean("actions"),
        lean("no-actions"),
        lean("baseline-actions"),
    ) {
        let what = "compile docs-source/ --features full --no-default-features, release: rustc";
        rows.push(
            Row::new(
                format!("{what} of the crate with every action's list"),
                secs(with.rustc_wall),
            )
            .against(
                format!("without the lists {}", secs(without.rustc_wall)),
                Some(with.rustc_wall / without.rustc_wall),
            ),
        );
        rows.push(
            Row::new(
                format!("{what} of the crate with every action's list"),
                secs(with.rustc_wall),
            )
            .against(
                format!("Go-shaped baseline {}", secs(base.rustc_wall)),
                Some(with.rustc_wall / base.rustc_wall),
            )
            .target(verdict(
                with.rustc_wall <= 1.5 * base.rustc_wall,
                "≤ 1.5× baseline",
            )),
        );
        rows.push(
            Row::new(
                "compile docs-source/ with the actions' lists: clean cargo build (no serde)",
                secs(with.cargo_wall),
            )
            .against(
                format!("without the lists {}", secs(without.cargo_wall)),
                Some(with.cargo_wall / without.cargo_wall),
            ),
        );
        rows.push(
            Row::new(
                "compile docs-source/ with the actions' lists: rustc peak RSS",
                format!("{:.0} MiB", with.rustc_rss_mib),
            )
            .against(
                format!(
                    "without {:.0} MiB, baseline {:.0} MiB",
                    without.rustc_rss_mib, base.rustc_rss_mib
                ),
                Some(with.rustc_rss_mib / without.rustc_rss_mib),
            )
            .target(verdict(with.rustc_rss_mib < 1024.0, "< 1 GB")),
        );
    }
    let full = built.get("catalog full").copied();
    for (krate, label, fraction) in [
        ("catalog-1of8", "1/8", 8.0),
        ("catalog-1of4", "1/4", 4.0),
        ("catalog-1of2", "1/2", 2.0),
    ] {
        let Some((real, base)) = pair(krate, "full") else {
            continue;
        };
        let mut row = Row::new(
            format!("compile {label} of the products (full): rustc of the crate"),
            secs(real.rustc_wall),
        )
        .against(
            format!("baseline {}", secs(base.rustc_wall)),
            Some(real.rustc_wall / base.rustc_wall),
        );
        if let Some(full) = full {
            row = row.target(format!(
                "all ÷ {fraction} = {}: ratio {:.2}",
                secs(full.rustc_wall / fraction),
                real.rustc_wall * fraction / full.rustc_wall
            ));
        }
        rows.push(row);
    }
    if !built.is_empty() {
        notes.push(
            "compile: `rustc of the crate` is the wall time of the crate's own rustc (its \
             dependencies, serde and serde_json by default, are built once in a dependency \
             graph that has them anyway); `clean cargo build` is the whole build from an empty \
             target folder; `--no-default-features` leaves serde and serde_json out, so that \
             build is the crate's alone, as the baseline's is, and its rustc runs alone: with \
             them, cargo starts the crate's rustc beside serde_json's code generation."
                .to_owned(),
        );
    }
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| measure | median | compared with | ratio | target |\n|---|---|---|---|---|\n",
    );
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            row.what, row.median, row.against, row.ratio, row.target
        );
    }
    out
}
