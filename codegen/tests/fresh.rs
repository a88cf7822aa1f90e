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

/// A crate written before its runtime's API changed (an older `api-epoch`, or none) gets the
/// changes in its changelog and a breaking release; the next regen does not report them again.
#[test]
fn a_change_to_the_api_asks_for_a_breaking_release_once() {
    let root = workspace();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    let docs = root.join("docs-source");
    let options = Options::default();
    regen(&docs, &out, &options).unwrap_or_else(|failure| panic!("{}", failure.render()));
    // The crate as the generator wrote it before it recorded the epoch: no metadata table.
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let table = text
        .find("\n# The generation of the runtime's API")
        .unwrap();
    std::fs::write(&manifest, &text[..table + 1]).unwrap();

    let generation = regen(&docs, &out, &options).unwrap();
    assert_eq!(
        generation.report.api.len(),
        tencentcloud_errors_codegen::emit::api_changes_since(1).len()
    );
    assert!(!generation.report.api.is_empty());
    assert_eq!(
        generation.report.bump(),
        tencentcloud_errors_codegen::Bump::Major
    );
    let changelog = std::fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains("## Unreleased (needs a major release)\n\n### API\n\n- "));

    let again = regen(&docs, &out, &options).unwrap();
    assert!(again.report.api.is_empty());
    assert_eq!(
        std::fs::read_to_string(out.join("CHANGELOG.md")).unwrap(),
        changelog
    );
}
