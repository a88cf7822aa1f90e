//! The maintainer's commands through the real `cargo xtask` binary: arguments, exit codes and
//! what they print and write.

use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the xtask binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_needs_a_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let out = xtask(&["import", "go-sdk"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("--zh") && stderr.contains("--en"),
        "{stderr}"
    );
}

#[test]
fn import_of_a_folder_that_is_no_checkout_says_so_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let out = xtask(
        &["import", "go-sdk", "--zh", "no-such-sdk", "--docs", "docs"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("`no-such-sdk` is not a checkout of the Go SDK"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!docs.exists());
}

#[test]
fn import_then_regen_writes_the_pages_the_crate_and_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let sdk = tmp.path().join("sdk/tencentcloud/cvm/v20170312");
    std::fs::create_dir_all(&sdk).unwrap();
    std::fs::write(
        sdk.join("errors.go"),
        "package v20170312\n\nconst (\n\t// 镜像不存在。\n\tINVALIDIMAGEID_NOTFOUND = \"InvalidImageId.NotFound\"\n)\n",
    )
    .unwrap();
    let out = xtask(
        &["import", "go-sdk", "--zh", "sdk", "--docs", "docs"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("pages: 1 new, 0 changed, 0 removed, 0 unchanged"),
        "{stdout}"
    );
    assert!(stdout.contains("codes: zh 1"), "{stdout}");
    assert!(tmp.path().join("docs/zh/cvm/v20170312.md").is_file());

    let out = xtask(
        &[
            "regen",
            "--docs",
            "docs",
            "--out",
            "crate",
            "--report",
            "report.md",
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(tmp.path().join("crate/src/cvm/v20170312.rs").is_file());
    let report = std::fs::read_to_string(tmp.path().join("report.md")).unwrap();
    assert!(
        report.starts_with("First generation: 1 codes in 1 modules."),
        "{report}"
    );

    // Again: nothing to import, and the crate is up to date.
    let out = xtask(
        &["import", "go-sdk", "--zh", "sdk", "--docs", "docs"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("docs is up to date"));
    let out = xtask(
        &[
            "regen",
            "--docs",
            "docs",
            "--out",
            "crate",
            "--report",
            "report.md",
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("crate is up to date"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("report.md")).unwrap(),
        "No change to the crate.\n"
    );
}

/// A folder with one page (cvm's `InvalidImageId.NotFound`, Chinese only) and the crate
/// generated from it, by the binary.
fn docs_and_crate(tmp: &Path) {
    let page = tmp.join("docs/zh/cvm/v20170312.md");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    std::fs::write(
        &page,
        "## 业务错误码\n\n| 错误码 | 说明 |\n|---|---|\n| InvalidImageId.NotFound | 镜像不存在。 |\n",
    )
    .unwrap();
    let out = xtask(&["regen", "--docs", "docs", "--out", "crate"], tmp);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// `cargo xtask check` of the folders `docs_and_crate` writes, with a summary file, as CI runs it.
const CHECK_WITH_SUMMARY: [&str; 7] = [
    "check",
    "--docs",
    "docs",
    "--out",
    "crate",
    "--summary",
    "summary.md",
];

#[test]
fn check_passes_on_a_crate_regen_wrote_and_appends_to_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    docs_and_crate(tmp.path());
    // The summary is appended to, as GitHub's job summary is.
    std::fs::write(tmp.path().join("summary.md"), "before\n").unwrap();
    let out = xtask(&CHECK_WITH_SUMMARY, tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("crate is up to date with docs"),
        "{}",
        text(&out.stdout)
    );
    let summary = std::fs::read_to_string(tmp.path().join("summary.md")).unwrap();
    // A first generation is its first release: nothing is unreleased.
    assert_eq!(summary, "before\n## No unreleased changes\n");
}

#[test]
fn check_fails_on_a_stale_crate_naming_its_files_and_the_changes_in_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    docs_and_crate(tmp.path());
    let page = tmp.path().join("docs/zh/cvm/v20170312.md");
    let text_before = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text_before.replace("镜像不存在。", "镜像已删除。")).unwrap();
    let before = std::fs::read(tmp.path().join("crate/src/cvm/v20170312.rs")).unwrap();

    let out = xtask(&CHECK_WITH_SUMMARY, tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error: crate is stale"), "{stderr}");
    for file in ["src/cvm/v20170312.rs", "codes.tsv", "CHANGELOG.md"] {
        assert!(stderr.contains(file), "{file} is not named:\n{stderr}");
    }
    assert!(stderr.contains("InvalidImageId.NotFound"), "{stderr}");
    assert!(
        stderr.contains("help: run `cargo xtask regen` and commit the result"),
        "{stderr}"
    );
    let summary = std::fs::read_to_string(tmp.path().join("summary.md")).unwrap();
    assert!(summary.starts_with("## `crate` is stale\n"), "{summary}");
    assert!(summary.contains("InvalidImageId.NotFound"), "{summary}");
    // check writes nothing into the crate.
    assert_eq!(
        std::fs::read(tmp.path().join("crate/src/cvm/v20170312.rs")).unwrap(),
        before
    );

    // After a regen, it passes, and the summary has the reworded text as an unreleased patch.
    let out = xtask(&["regen", "--docs", "docs", "--out", "crate"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::remove_file(tmp.path().join("summary.md")).unwrap();
    let out = xtask(&CHECK_WITH_SUMMARY, tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = std::fs::read_to_string(tmp.path().join("summary.md")).unwrap();
    assert!(
        summary.starts_with("## Unreleased changes (need a patch release)\n"),
        "{summary}"
    );
    assert!(summary.contains("InvalidImageId.NotFound"), "{summary}");
}
