//! Every crate of a short sequence of refreshes builds (`cargo check`, all features, warnings
//! denied), and a downstream program written against the first one builds against each of them
//! and sees its `match` arms move only as the README says (issue 14).
//!
//! The sequence: a product's page; codes added whose names collide; the product moved to
//! per-version pages and back; a class rule changed; codes removed. `refresh_state.rs` checks
//! the same promises on the files of many more sequences, without building them.

mod support;

use std::path::Path;
use std::process::Command;

use support::{cargo, product_page, workspace, Workspace};

/// A program that matches on the crate's `bar` module: it names a variant of the first crate,
/// and prints the arm of `view::<bar::ErrorCode>()` for each code it is given.
const DOWNSTREAM: &str = r#"use tencentcloud_errors::{bar, ApiError, Code, CodeView};

fn arm(code: &str) -> &'static str {
    let err = ApiError::new(code, "", None);
    match err.view::<bar::ErrorCode>() {
        CodeView::Common(_) => "common",
        CodeView::Product(bar::ErrorCode::FailedOperationA) => "product A",
        CodeView::Product(_) => "product",
        _ => "unknown",
    }
}

fn main() {
    for code in std::env::args().skip(1) {
        println!("{code} {}", arm(&code));
    }
    let parsed: bar::ErrorCode = "FailedOperation.A".parse().unwrap();
    assert_eq!(parsed.as_str(), "FailedOperation.A");
}
"#;

fn downstream(root: &Path, crate_dir: &Path) -> std::path::PathBuf {
    let dir = root.join("downstream");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"downstream\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ntencentcloud-errors = {{ path = {:?}, features = [\"bar\"] }}\n\n[workspace]\n",
            crate_dir.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), DOWNSTREAM).unwrap();
    dir.join("Cargo.toml")
}

/// Runs the downstream program (warnings allowed: deprecated variants warn, as they should).
fn arms(manifest: &Path, codes: &[&str]) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(manifest)
        .arg("--")
        .args(codes)
        .env("CARGO_TARGET_DIR", workspace().join("target/test-crates"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the downstream program does not build or run:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_once(' ').map_or(l, |(_, arm)| arm).to_owned())
        .collect()
}

#[test]
fn every_crate_of_a_refresh_sequence_builds_and_downstream_arms_move_as_documented() {
    let ws = Workspace::new(true);
    let tmp = tempfile::tempdir().unwrap();
    let program = downstream(tmp.path(), &ws.out);
    // Codes the program asks about: a product code, one the docs add later, a common code the
    // product's page repeats, a code no page has.
    let codes = [
        "FailedOperation.A",
        "FailedOperation.Later",
        "InternalError",
        "NoSuch.Code",
    ];
    let check = |step: &str| {
        assert_eq!(
            support::crate_problems(&ws.out),
            Vec::<String>::new(),
            "{step}"
        );
        cargo(
            &["check", "--quiet", "--all-features", "--all-targets"],
            &ws.out.join("Cargo.toml"),
        );
    };

    let bar = |rows: &[(&str, &str)]| product_page("zh", rows);
    ws.write(
        "zh/bar.md",
        &bar(&[
            ("FailedOperation.A", "甲。"),
            ("InternalError", "内部错误。"),
        ]),
    );
    ws.regen_ok();
    check("first");
    assert_eq!(
        arms(&program, &codes),
        ["product A", "unknown", "common", "unknown"]
    );

    // A code added: it moves from the unknown arm to a binding `Product(_)` arm; the others stay.
    ws.write(
        "zh/bar.md",
        &bar(&[
            ("FailedOperation.A", "甲，改了。"),
            ("FailedOperation.Later", "后来的。"),
            ("FailedOperationA", "同名。"),
            ("InternalError", "内部错误。"),
        ]),
    );
    ws.regen_ok();
    check("added");
    assert_eq!(
        arms(&program, &codes),
        ["product A", "product", "common", "unknown"]
    );

    // Moved to per-version pages: `bar::ErrorCode` keeps its codes, deprecated.
    ws.remove("zh/bar.md");
    ws.write(
        "zh/bar/v20200101.md",
        &bar(&[("FailedOperation.New", "新。")]),
    );
    ws.regen_ok();
    check("moved");
    assert_eq!(
        arms(&program, &codes),
        ["product A", "product", "common", "unknown"]
    );

    // And back, with a category rule changed and a code removed.
    ws.remove("zh/bar/v20200101.md");
    ws.write("zh/bar.md", &bar(&[("FailedOperation.A", "甲。")]));
    let rules = tencentcloud_errors_codegen::categories::BUNDLED.replacen(
        "InternalError\t-\tinternal\t",
        "InternalError\t-\tunavailable\t",
        1,
    );
    ws.write("categories.tsv", &rules);
    let generation = ws.regen_ok();
    check("back");
    assert!(!generation.report.category_rules.is_empty());
    // A deprecated code still parses: its arm does not move.
    assert_eq!(
        arms(&program, &codes),
        ["product A", "product", "common", "unknown"]
    );
}
