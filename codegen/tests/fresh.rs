//! `generated/` is what `cargo xtask regen` writes from `docs-source/`: the same check as
//! `cargo xtask check`, so that `cargo test` fails on a stale crate.

mod support;

use support::{copy_dir, workspace};

use tencentcloud_errors_codegen::{check, regen, Options, Stale};

#[test]
fn generated_crate_is_up_to_date() {
    let root = workspace();
    let generation = check(
        &root.join("docs-source"),
        &root.join("generated"),
        &Options::default(),
    )
    .unwrap_or_else(|failure| panic!("{}", failure.render()));
    let stale: Vec<String> = generation.changes.iter().map(ToString::to_string).collect();
    assert!(
        stale.is_empty(),
        "generated/ is stale:\n  {}\nrun `cargo xtask regen` and commit the result",
        stale.join("\n  ")
    );
}

#[test]
fn check_fails_after_a_one_character_change_and_passes_after_regen() {
    let root = workspace();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let out = tmp.path().join("generated");
    copy_dir(&root.join("docs-source"), &docs);
    copy_dir(&root.join("generated"), &out);
    let options = Options::default();
    assert!(check(&docs, &out, &options).unwrap().changes.is_empty());

    let page = docs.join("zh/api3.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("接口已下线。", "接口已下线!", 1)).unwrap();
    let stale = check(&docs, &out, &options).unwrap().changes;
    // The enum's text, the ledger's copy of it, and the changelog's unreleased entry.
    assert_eq!(
        stale,
        vec![
            Stale::Differs("CHANGELOG.md".into()),
            Stale::Differs("codes.tsv".into()),
            Stale::Differs("src/common.rs".into()),
        ]
    );

    let written = regen(&docs, &out, &options).unwrap().changes;
    assert_eq!(written, stale);
    assert!(check(&docs, &out, &options).unwrap().changes.is_empty());
    let common = std::fs::read_to_string(out.join("src/common.rs")).unwrap();
    assert!(common.contains("接口已下线!"));
}

#[test]
fn check_ignores_line_ends() {
    let root = workspace();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    copy_dir(&root.join("generated"), &out);
    let lib = out.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace('\n', "\r\n")).unwrap();
    let generation = check(&root.join("docs-source"), &out, &Options::default()).unwrap();
    assert!(generation.changes.is_empty(), "{:?}", generation.changes);
}

#[test]
fn regen_is_byte_identical_from_run_to_run() {
    let root = workspace();
    let tmp = tempfile::tempdir().unwrap();
    let options = Options::default();
    let first = regen(&root.join("docs-source"), &tmp.path().join("a"), &options).unwrap();
    let second = regen(&root.join("docs-source"), &tmp.path().join("b"), &options).unwrap();
    assert_eq!(first.files, second.files);
    // Regenerating over an up-to-date crate touches nothing.
    let again = regen(&root.join("docs-source"), &tmp.path().join("a"), &options).unwrap();
    assert!(again.changes.is_empty());
}
