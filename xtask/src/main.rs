//! `cargo xtask`: the maintainer's commands. This file only reads arguments and calls
//! `tencentcloud-errors-codegen`; everything it does is reachable from tests without it. The
//! benchmarks' orchestration (`cargo xtask bench`) is in `bench.rs`.

mod bench;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tencentcloud_errors_codegen::{self as codegen, changelog, Bump, Failure, Generation};

/// Maintainer tasks of the tencentcloud-errors workspace.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the crate from the documentation (default: docs-source/ into generated/) and
    /// report what changed.
    Regen {
        #[command(flatten)]
        paths: Paths,
        /// Remove the codes the documentation no longer lists instead of keeping them
        /// deprecated (for a major release).
        #[arg(long)]
        prune: bool,
        /// Release the unreleased changes: bump the crate's version as far as they need and
        /// give them that version in generated/CHANGELOG.md.
        #[arg(long)]
        bump: bool,
        /// Also write the change report and the release it needs, as markdown, to FILE (the
        /// refresh workflow's pull request body).
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    /// Write documentation pages into docs-source/ from another source of the error tables.
    #[command(subcommand)]
    Import(ImportSource),
    /// Fail if the generated crate differs from what regen would write, and say what would
    /// change.
    Check {
        #[command(flatten)]
        paths: Paths,
        /// Append the change report (or, when up to date, the unreleased changes) as markdown to
        /// FILE, e.g. `$GITHUB_STEP_SUMMARY`.
        #[arg(long, value_name = "FILE")]
        summary: Option<PathBuf>,
    },
    /// Run the benchmarks of BENCHMARKS.md (regen, lookup, compile time, scaling) and print one
    /// table of medians (BENCHMARKS.md). Takes 15–35 minutes on 2 cores; `--only` picks parts.
    Bench {
        /// The whole-catalog documentation folder [default: ../shared/corpus/catalog, beside
        /// the workspace].
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
        /// Clean builds of each crate, and runs of `cargo xtask regen`, to take the median of.
        #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
        runs: u16,
        /// Run only these parts (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',')]
        only: Vec<bench::Part>,
        /// Arguments for criterion, after `--`: `--save-baseline before`, then
        /// `--baseline before` to see what a change did.
        #[arg(last = true, value_name = "CRITERION_ARGS")]
        criterion: Vec<String>,
    },
}

#[derive(Subcommand)]
enum ImportSource {
    /// The official Go SDKs' `tencentcloud/<product>/<version>/errors.go`: one page per
    /// product-version, `<lang>/<product>/<version>.md`. Then run `cargo xtask regen`.
    #[command(group = clap::ArgGroup::new("sdk").required(true).multiple(true))]
    GoSdk {
        /// A checkout of TencentCloud/tencentcloud-sdk-go (Chinese texts): the folder holding
        /// `tencentcloud/`.
        #[arg(long, value_name = "DIR", group = "sdk")]
        zh: Option<PathBuf>,
        /// A checkout of TencentCloud/tencentcloud-sdk-go-intl-en (English texts).
        #[arg(long, value_name = "DIR", group = "sdk")]
        en: Option<PathBuf>,
        /// The documentation folder to write the pages into [default: docs-source/].
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
    },
}

#[derive(Args)]
struct Paths {
    /// The documentation folder: `zh/` and `en/` with one page per product.
    #[arg(long, value_name = "DIR")]
    docs: Option<PathBuf>,
    /// The crate folder to write (regen) or compare (check).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Treat warnings about the documentation as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Print every warning (by default: the first 20, then how many of each kind), and every
    /// code whose category is `unknown`.
    #[arg(long)]
    all_warnings: bool,
}

impl Paths {
    /// The folders, relative to the current folder when given, else the workspace's own.
    fn resolve(&self) -> (PathBuf, PathBuf) {
        let root = workspace_root();
        let docs = self
            .docs
            .clone()
            .unwrap_or_else(|| relative(root.join("docs-source")));
        let out = self
            .out
            .clone()
            .unwrap_or_else(|| relative(root.join("generated")));
        (docs, out)
    }
}

/// A workspace path as the user would type it from the current folder, for shorter messages.
fn relative(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}

fn main() -> ExitCode {
    // `cargo xtask bench` runs cargo with this program as its rustc wrapper.
    if let Some(code) = bench::rustc_wrapper() {
        return code;
    }
    let cli = Cli::parse();
    match cli.command {
        Command::Regen {
            paths,
            prune,
            bump,
            report,
        } => regen(&paths, prune, bump, report.as_deref()),
        Command::Import(ImportSource::GoSdk { zh, en, docs }) => {
            let docs = docs.unwrap_or_else(|| relative(workspace_root().join("docs-source")));
            import_go_sdk(&docs, zh, en)
        }
        Command::Check { paths, summary } => check(&paths, summary.as_deref()),
        Command::Bench {
            catalog,
            runs,
            only,
            criterion,
        } => {
            let root = workspace_root();
            let catalog = catalog.unwrap_or_else(|| root.join("../shared/corpus/catalog"));
            // The benchmarks run from the workspace root: a relative path is the user's.
            let catalog = std::path::absolute(&catalog).unwrap_or(catalog);
            let settings = bench::Settings {
                root: root.to_path_buf(),
                catalog,
                runs: usize::from(runs),
                only,
                criterion_args: criterion,
            };
            match bench::run(&settings) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
}

fn import_go_sdk(docs: &Path, zh: Option<PathBuf>, en: Option<PathBuf>) -> ExitCode {
    use codegen::import::{self, Checkout};
    use codegen::DocLang;
    let checkouts: Vec<Checkout> = [(DocLang::Zh, zh), (DocLang::En, en)]
        .into_iter()
        .filter_map(|(lang, root)| root.map(|root| Checkout { lang, root }))
        .collect();
    match import::import(docs, &checkouts) {
        Ok(imported) => {
            if !imported.diagnostics.is_empty() {
                eprint!("{}", imported.render_warnings());
            }
            print!("{}", imported.plan);
            if imported.plan.is_empty() {
                println!("{} is up to date", docs.display());
            } else {
                println!("wrote {}; now run `cargo xtask regen`", docs.display());
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprint!("{}", failure.render());
            eprintln!("{failure}; nothing was written");
            ExitCode::FAILURE
        }
    }
}

fn regen(paths: &Paths, prune: bool, bump: bool, report: Option<&Path>) -> ExitCode {
    let (docs, out) = paths.resolve();
    let options = codegen::Options {
        deny_warnings: paths.deny_warnings,
        prune,
        bump,
    };
    let generation = match codegen::regen(&docs, &out, &options) {
        Ok(g) => g,
        Err(failure) => return fail(&failure),
    };
    report_warnings(&generation, paths.all_warnings);
    report_unknown(&generation, paths.all_warnings);
    println!("{}", generation.summary());
    let changes = changes_text(&generation);
    print!("{changes}");
    if let Some(file) = report {
        let text = if changes.trim().is_empty() {
            "No change to the crate.\n".to_owned()
        } else {
            changes.trim_start().to_owned()
        };
        if let Err(err) = std::fs::write(file, text) {
            eprintln!(
                "error: cannot write the report to {}: {err}",
                file.display()
            );
            return ExitCode::FAILURE;
        }
    }
    if generation.changes.is_empty() {
        println!("{} is up to date", out.display());
    } else {
        println!(
            "wrote {} ({} file(s) changed)",
            out.display(),
            generation.changes.len()
        );
    }
    ExitCode::SUCCESS
}

/// The change report and the release it calls for, as printed after a regen.
fn changes_text(generation: &Generation) -> String {
    let report = &generation.report;
    let mut out = String::new();
    if !report.is_empty() {
        out.push_str(&format!("\n{}\n", report.to_markdown().trim_end()));
    }
    match generation.pending {
        Bump::None if !report.is_empty() && !report.first => {
            out.push_str(&format!("\nreleased as version {}\n", generation.version))
        }
        Bump::None => {}
        level => out.push_str(&format!(
            "\nunreleased changes need a {level} release ({} → {}); `cargo xtask regen --bump` makes it\n",
            generation.version,
            level.apply(&generation.version).unwrap_or_default()
        )),
    }
    out
}

fn check(paths: &Paths, summary: Option<&Path>) -> ExitCode {
    let (docs, out) = paths.resolve();
    let options = codegen::Options {
        deny_warnings: paths.deny_warnings,
        ..codegen::Options::default()
    };
    let generation = match codegen::check(&docs, &out, &options) {
        Ok(g) => g,
        Err(failure) => return fail(&failure),
    };
    let stale = !generation.changes.is_empty();
    if let Some(file) = summary {
        if let Err(err) = append_summary(file, &generation, &out, stale) {
            eprintln!(
                "error: cannot write the summary to {}: {err}",
                file.display()
            );
            return ExitCode::FAILURE;
        }
    }
    if !stale {
        println!("{} is up to date with {}", out.display(), docs.display());
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "error: {} is stale: it differs from what `cargo xtask regen` writes from {}:",
        out.display(),
        docs.display()
    );
    for stale in &generation.changes {
        eprintln!("  {stale}");
    }
    if !generation.report.is_empty() {
        eprintln!(
            "\nregen would make these changes:\n\n{}",
            generation.report.to_markdown().trim_end()
        );
    }
    eprintln!("\nhelp: run `cargo xtask regen` and commit the result");
    ExitCode::FAILURE
}

fn append_summary(
    file: &Path,
    generation: &Generation,
    out: &Path,
    stale: bool,
) -> std::io::Result<()> {
    let text = if stale {
        format!(
            "## `{}` is stale\n\nRun `cargo xtask regen` and commit. It would make these changes:\n\n{}",
            out.display(),
            generation.report.to_markdown()
        )
    } else {
        let log = std::fs::read_to_string(out.join(changelog::CHANGELOG_FILE)).unwrap_or_default();
        match changelog::unreleased(&log) {
            Some((level, body)) => {
                format!("## Unreleased changes (need a {level} release)\n\n{body}\n")
            }
            None => "## No unreleased changes\n".to_owned(),
        }
    };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)?;
    f.write_all(text.as_bytes())
}

/// Warnings shown in full before the rest are only counted.
const SHOWN_WARNINGS: usize = 20;

fn report_warnings(generation: &Generation, all: bool) {
    let diags = &generation.diagnostics;
    if all || diags.len() <= SHOWN_WARNINGS {
        eprint!("{}", generation.render_warnings());
        return;
    }
    eprint!(
        "{}",
        codegen::render(&diags.first(SHOWN_WARNINGS), &generation.pages)
    );
    eprintln!(
        "… and {} more; all {} warnings by kind (`--all-warnings` prints every one):",
        diags.len() - SHOWN_WARNINGS,
        diags.len()
    );
    for (kind, count) in diags.tally() {
        eprintln!("{count:>7}  {kind}");
    }
    eprintln!();
}

/// With `--all-warnings`, the codes whose category is `unknown`, and the rule that made them
/// so, if any: what to read before writing a rule in `categories.tsv`.
fn report_unknown(generation: &Generation, all: bool) {
    if !all {
        return;
    }
    let unknown = generation.unknown_codes();
    if unknown.is_empty() {
        return;
    }
    eprintln!(
        "{} code(s) whose category is `unknown` (a rule of {} can give them one):",
        unknown.len(),
        codegen::categories::FILE
    );
    for (module, code, rule) in unknown {
        match rule {
            Some(rule) => eprintln!(
                "  {module} {code}  ({}:{})",
                codegen::categories::FILE,
                rule.line
            ),
            None => eprintln!("  {module} {code}  (no rule)"),
        }
    }
    eprintln!();
}

fn fail(failure: &Failure) -> ExitCode {
    eprint!("{}", failure.render());
    eprintln!("{failure}; nothing was written");
    ExitCode::FAILURE
}
