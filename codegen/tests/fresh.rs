//! `generated/` is what `cargo xtask regen` writes from `docs-source/`: the same check as
//! `cargo xtask check`, so that `cargo test` fails on a stale crate.

mod support;

use support::{copy_dir, workspace};

use tencentcloud_errors_codegen::{check, regen, Bump, Options, Stale};

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

/// What each generation of the runtime's API broke, as the CHANGELOG must say it: the texts of
/// epochs 2 and 3, written out here (a change of wording, or a new epoch, is a change this test
/// is meant to see).
const API_CHANGE_2: &str = "the methods of the enums are `Code`'s only: `use tencentcloud_errors::Code` to call `as_str`, `message` and `classes`; the enums are no longer `PartialOrd` or `Ord` (sort codes by `as_str()`, the order of `ALL`). Both save every build of the whole catalog about half a second (BENCHMARKS.md in the repository)";
const API_CHANGE_3: &str = "every code has a `Category` (`Code::category`, `CodeInfo::category`, `categorize`), decided by the rules of `categories.tsv`, which replace `classes.tsv`; the classes follow from the category. What changes for code that compiled: `Class::ALL` has seven classes (`Class::Busy` is new); `InternalError` and every `internal` code are no longer `retryable`, and `RetryPolicy` no longer retries them, not even for idempotent requests; `busy` codes (an operation in progress, a locked resource) are retried whatever the idempotency, on a schedule of their own of up to 10 attempts";

/// A crate written before its runtime's API changed (no `api-epoch`, or an older one) gets the
/// changes since in its changelog and a breaking release; the next regen does not report them
/// again. A crate of the current epoch gets none.
#[test]
fn a_change_to_the_api_asks_for_a_breaking_release_once() {
    let table = "\n# The generation of the runtime's API";
    let epoch_line = "api-epoch = 3\n";
    let cases: [(&str, Option<&str>, &[&str]); 4] = [
        // As the generator wrote it before it recorded the epoch: no metadata table.
        ("no api-epoch", None, &[API_CHANGE_2, API_CHANGE_3]),
        (
            "api-epoch = 1",
            Some("api-epoch = 1\n"),
            &[API_CHANGE_2, API_CHANGE_3],
        ),
        ("api-epoch = 2", Some("api-epoch = 2\n"), &[API_CHANGE_3]),
        ("api-epoch = 3", Some(epoch_line), &[]),
    ];
    let root = workspace();
    let docs = root.join("docs-source");
    let options = Options::default();
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    regen(&docs, &base, &options).unwrap_or_else(|failure| panic!("{}", failure.render()));
    for (case, epoch, expected) in cases {
        let out = tmp.path().join(case.replace(' ', "-"));
        copy_dir(&base, &out);
        let manifest = out.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        assert!(
            text.ends_with(epoch_line),
            "{case}: the epoch is not 3:\n{text}"
        );
        let written = match epoch {
            None => text[..text.find(table).unwrap() + 1].to_owned(),
            Some(line) => text.replacen(epoch_line, line, 1),
        };
        std::fs::write(&manifest, written).unwrap();

        let generation = regen(&docs, &out, &options).unwrap();
        assert_eq!(generation.report.api, expected, "{case}");
        let changelog = std::fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
        if expected.is_empty() {
            assert!(!changelog.contains("### API"), "{case}:\n{changelog}");
            assert_ne!(generation.report.bump(), Bump::Major, "{case}");
            continue;
        }
        assert_eq!(generation.report.bump(), Bump::Major, "{case}");
        let section = format!(
            "## Unreleased (needs a major release)\n\n### API\n\n{}\n",
            expected
                .iter()
                .map(|change| format!("- {change}\n"))
                .collect::<String>()
        );
        assert!(
            changelog.contains(&section),
            "{case}: no\n{section}\nin\n{changelog}"
        );

        let again = regen(&docs, &out, &options).unwrap();
        assert!(again.report.api.is_empty(), "{case}");
        assert_eq!(
            std::fs::read_to_string(out.join("CHANGELOG.md")).unwrap(),
            changelog,
            "{case}"
        );
    }
}
