//! The runtime's doctests (`codegen/runtime/`, copied into every generated crate, and the
//! crate's README, its crate-level documentation) hold in every crate regen writes, not only in
//! the one generated from this repository's `docs-source/`. The crate regen writes from the
//! seed page alone has no English page: each English text is the Chinese one, and a doctest
//! that expects our English wording fails there (issue 19, point 9).

mod support;

use support::{test_crates, workspace, Workspace};

#[test]
fn the_doctests_hold_in_the_crate_of_the_seed_page_alone() {
    // Outside the workspace (a temporary folder), as `cargo xtask regen --docs DIR --out OUT`
    // asks: the crate is a package of its own.
    let ws = Workspace::new(false);
    ws.write(
        "zh/api3.md",
        &std::fs::read_to_string(workspace().join("docs-source/zh/api3.md")).unwrap(),
    );
    ws.regen_ok();
    assert!(!ws.out.starts_with(workspace().canonicalize().unwrap()));
    // Every doctest of the crate: all its features, `cli` and `backon` included. (Run here
    // rather than by `support::cargo`, to show the failing doctest's output, which is on
    // standard output.)
    let output = std::process::Command::new(env!("CARGO"))
        .args(["test", "--doc", "--all-features", "--manifest-path"])
        .arg(ws.out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", test_crates())
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the doctests of the crate of the seed page alone fail:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
