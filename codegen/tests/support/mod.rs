//! What the integration tests share: where the workspace and the corpus are, copying folders, and
//! building the crates they generate.

// Each test file uses some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/corpus/<sub>`, or `None` (with a message) when the corpus is not there: it sits
/// beside the repository in CI, not in a user's fresh clone.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = workspace().join("../shared/corpus").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the corpus sits beside the repository in CI)",
            dir.display()
        );
        None
    }
}

/// Copies a folder, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs cargo on a generated crate (or a program using one) with warnings denied, and asserts
/// that it succeeds. All such builds share one target folder, so the crates' dependencies are
/// compiled once.
pub fn cargo(args: &[&str], manifest: &Path) -> Output {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .arg("--manifest-path")
        .arg(manifest)
        .env("CARGO_TARGET_DIR", workspace().join("target/test-crates"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo {args:?} on {} failed:\n{}",
        manifest.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
