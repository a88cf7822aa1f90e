//! `cargo xtask`: the maintainer's commands. This file only reads arguments and calls
//! `tencentcloud-errors-codegen`; everything it does is reachable from tests without it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tencentcloud_errors_codegen::{self as codegen, Failure, Generation};

/// Maintainer tasks of the tencentcloud-errors workspace.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the crate from the documentation (default: docs-source/ into generated/).
    Regen(Paths),
    /// Fail if the generated crate differs from what regen would write.
    Check(Paths),
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
}

impl Paths {
    fn options(&self) -> codegen::Options {
        codegen::Options {
            deny_warnings: self.deny_warnings,
        }
    }

    /// The folders, relative to the current folder when given, else the workspace's own.
    fn resolve(&self) -> (PathBuf, PathBuf) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap_or(Path::new("."));
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
    let cli = Cli::parse();
    match cli.command {
        Command::Regen(paths) => regen(&paths),
        Command::Check(paths) => check(&paths),
    }
}

fn regen(paths: &Paths) -> ExitCode {
    let (docs, out) = paths.resolve();
    let result = codegen::regen(&docs, &out, &paths.options());
    let generation = match result {
        Ok(g) => g,
        Err(failure) => return fail(&failure),
    };
    report_warnings(&generation);
    println!("{}", generation.summary());
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

fn check(paths: &Paths) -> ExitCode {
    let (docs, out) = paths.resolve();
    let generation = match codegen::check(&docs, &out, &paths.options()) {
        Ok(g) => g,
        Err(failure) => return fail(&failure),
    };
    if generation.changes.is_empty() {
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
    eprintln!("help: run `cargo xtask regen` and commit the result");
    ExitCode::FAILURE
}

fn report_warnings(generation: &Generation) {
    if !generation.diagnostics.is_empty() {
        eprint!("{}", generation.render_warnings());
    }
}

fn fail(failure: &Failure) -> ExitCode {
    eprint!("{}", failure.render());
    eprintln!("{failure}; nothing was written");
    ExitCode::FAILURE
}
