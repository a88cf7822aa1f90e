//! `.ci/run` works wherever cargo puts its target directory (issue 19, point 10): with
//! `CARGO_TARGET_DIR` set, a common setting for CI caches, the `.crate` and everything else
//! the script builds are under that directory, not under `target/`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::workspace;

/// What `.ci/target-dir` prints, with `CARGO_TARGET_DIR` set to `dir` or unset.
fn target_dir(dir: Option<&Path>) -> PathBuf {
    let mut command = Command::new("bash");
    command
        .arg(workspace().join(".ci/target-dir"))
        .env("CARGO", env!("CARGO"))
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR");
    if let Some(dir) = dir {
        command.env("CARGO_TARGET_DIR", dir);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        ".ci/target-dir failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    PathBuf::from(
        String::from_utf8(output.stdout)
            .unwrap()
            .trim_end_matches('\n'),
    )
}

#[test]
fn the_target_directory_is_cargo_s() {
    let tmp = tempfile::tempdir().unwrap();
    // A path with a space and a quote, which JSON writes escaped.
    let dir = tmp.path().join("ci \"cache\"");
    assert_eq!(target_dir(Some(&dir)), dir);
    assert_eq!(
        target_dir(None),
        workspace().canonicalize().unwrap().join("target")
    );
}

/// No step of `.ci/run` names a path under `target/` itself: each is under the directory
/// `.ci/target-dir` gives (`$target_dir`).
#[test]
fn ci_run_builds_under_the_target_directory_cargo_gives() {
    let script = std::fs::read_to_string(workspace().join(".ci/run")).unwrap();
    let code: Vec<&str> = script
        .lines()
        .map(|line| line.split(" #").next().unwrap_or(line))
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect();
    let assumed: Vec<&&str> = code
        .iter()
        .filter(|line| {
            line.match_indices("target/").any(|(at, _)| {
                let before = line[..at].chars().next_back();
                !matches!(before, Some(c) if c.is_alphanumeric() || c == '_' || c == '-' || c == '/' || c == '}')
            })
        })
        .collect();
    assert!(
        assumed.is_empty(),
        "these lines of .ci/run assume the target directory is target/:\n{assumed:#?}"
    );
    assert!(
        code.iter().any(|line| line.contains(".ci/target-dir")),
        ".ci/run does not ask cargo where the target directory is"
    );
}
