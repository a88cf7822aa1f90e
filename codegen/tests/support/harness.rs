//! The test harness of the files whose tests read data from beside the repository (the corpus,
//! the seed): `harness = false` in `codegen/Cargo.toml`, and a `main` that lists every test of
//! the file with the data it needs. libtest can only decide that a test is ignored when it is
//! compiled, and hides what a passing test prints; [libtest-mimic] decides when the tests run.
//! So a test whose data is absent is never reported as passing:
//!
//! - outside CI, it is `ignored`, with the data it lacks, on its own line of the test output, and
//!   the file's run ends with the list of such tests;
//! - where `CI` is set, it fails, naming the data; except what the run names as not fed, in
//!   `TENCENTCLOUD_ERRORS_NOT_FED` (GitHub's CI, which cannot have all of it): ignored there too,
//!   and written to the file `TENCENTCLOUD_ERRORS_NOT_RUN_LOG` names, for the job summary.
//!
//! A file that uses this harness has no `#[test]` functions: they would never run. A test left
//! out of `main` is dead code, which clippy's `-D warnings` refuses.
//!
//! [libtest-mimic]: https://crates.io/crates/libtest-mimic

use std::io::Write;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use libtest_mimic::{Arguments, Completion, Failed, Trial};

/// Names the data (paths under the shared folder) that this run of CI knowingly lacks.
pub const NOT_FED_VAR: &str = "TENCENTCLOUD_ERRORS_NOT_FED";
/// A file to which the tests that did not run are appended, one `file\ttest\treason` a line.
pub const NOT_RUN_LOG_VAR: &str = "TENCENTCLOUD_ERRORS_NOT_RUN_LOG";

/// One test: its name, the data it reads (paths under [`super::shared`]), its body.
pub struct Test {
    name: &'static str,
    needs: &'static [&'static str],
    body: fn(),
}

impl Test {
    /// A test that reads nothing from beside the repository.
    pub fn new(name: &'static str, body: fn()) -> Test {
        Test {
            name,
            needs: &[],
            body,
        }
    }

    /// The data the test reads, each a path under the shared folder (`corpus/catalog`,
    /// `seed/…`).
    pub fn needs(self, needs: &'static [&'static str]) -> Test {
        Test { needs, ..self }
    }
}

/// `tests![a, b needs ["corpus/catalog"]]`: the [`Test`]s of a file, named as their functions.
// (Only the files with their own harness use it.)
#[allow(unused_macros)]
macro_rules! tests {
    ($($name:ident $(needs $needs:expr)?),* $(,)?) => {
        vec![$(
            $crate::support::harness::Test::new(stringify!($name), $name) $(.needs(&$needs))?
        ),*]
    };
}
#[allow(unused_imports)]
pub(crate) use tests;

/// Whether `CI` is set (GitHub sets `CI=true`, and so does the project's CI).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The data this run names as not fed.
fn not_fed() -> Vec<String> {
    std::env::var(NOT_FED_VAR)
        .unwrap_or_default()
        .split_whitespace()
        .map(|p| p.trim_matches('/').to_owned())
        .collect()
}

/// What happens to a test whose data is absent.
#[derive(Debug, PartialEq)]
enum Absent {
    /// Outside CI, or named as not fed: the test is ignored, for this reason.
    Ignored(String),
    /// In CI: the test fails, with this message.
    Fails(String),
}

/// What happens to a test that needs `needs`, or `None` when all of it is there.
fn absent(name: &str, needs: &[&str]) -> Option<Absent> {
    let shared = super::shared();
    let missing: Vec<&str> = needs
        .iter()
        .copied()
        .filter(|rel| !shared.join(rel).exists())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let paths = missing
        .iter()
        .map(|rel| shared.join(rel).display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let are = if missing.len() == 1 { "is" } else { "are" };
    let not_fed = not_fed();
    let excused = |rel: &&str| {
        not_fed
            .iter()
            .any(|n| *rel == n || rel.starts_with(&format!("{n}/")))
    };
    Some(if !in_ci() {
        Absent::Ignored(format!("needs {paths}, which {are} absent"))
    } else if missing.iter().all(excused) {
        Absent::Ignored(format!("needs {paths}, which this CI does not fetch"))
    } else {
        Absent::Fails(format!(
            "{name} needs {paths}, which {are} absent, and CI runs every test: put the data \
             beside the repository (README, \"Test data\"), or point {} at it; a CI that cannot \
             have it names it in {NOT_FED_VAR}",
            super::SHARED_VAR
        ))
    })
}

/// Runs the tests of a file as libtest would, with the command line's filters and options.
pub fn main(tests: Vec<Test>) -> ExitCode {
    let args = Arguments::from_args();
    let file = env!("CARGO_CRATE_NAME");
    let not_run: Arc<Mutex<Vec<(&'static str, String)>>> = Arc::default();
    let trials = tests
        .into_iter()
        .map(|test| {
            let not_run = Arc::clone(&not_run);
            Trial::ignorable_test(test.name, move || match absent(test.name, test.needs) {
                None => {
                    (test.body)();
                    Ok(Completion::Completed)
                }
                Some(Absent::Fails(message)) => Err(Failed::from(message)),
                Some(Absent::Ignored(reason)) => {
                    not_run.lock().unwrap().push((test.name, reason.clone()));
                    Ok(Completion::ignored_with(reason))
                }
            })
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    let mut not_run = not_run.lock().unwrap().clone();
    not_run.sort();
    if !not_run.is_empty() {
        println!(
            "not run: {} test(s) of tests/{file}.rs, for want of data beside the repository \
             (README, \"Test data\"):",
            not_run.len()
        );
        for (name, reason) in &not_run {
            println!("    {name}: {reason}");
        }
        println!();
        if let Some(log) = std::env::var_os(NOT_RUN_LOG_VAR) {
            let lines: String = not_run
                .iter()
                .map(|(name, reason)| format!("codegen/tests/{file}.rs\t{name}\t{reason}\n"))
                .collect();
            let written = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&log)
                .and_then(|mut f| f.write_all(lines.as_bytes()));
            if let Err(err) = written {
                eprintln!("error: cannot append to {}: {err}", log.to_string_lossy());
                return ExitCode::FAILURE;
            }
        }
    }
    conclusion.exit_code()
}
