//! The defects of consecutive refreshes found in review (issue 14), each as the maintainer met
//! it: a sequence of edits and regens, and what the README promises after each.

mod support;

use support::{crate_problems, doc_problem, emitted_module, product_page, snapshot, Workspace};
use tencentcloud_errors_codegen::ledger::Status;
use tencentcloud_errors_codegen::{changelog, source, Bump, Options, Severity};

/// The diagnostics of a failed regen that are errors, with the file each names.
fn errors(failure: &tencentcloud_errors_codegen::Failure) -> Vec<(String, Option<String>)> {
    failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.message.clone(),
                d.location.as_ref().map(|l| l.file.clone()),
            )
        })
        .collect()
}

/// Defect 1: a product that changes layout, either way, keeps its old module's codes
/// (deprecated) in the folder's `mod.rs`; no module has two files.
#[test]
fn a_product_that_changes_layout_gives_a_consistent_crate_both_ways() {
    let ws = Workspace::new(true);
    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("FailedOperation.Old", "旧。")]),
    );
    ws.regen_ok();
    assert_eq!(crate_problems(&ws.out), Vec::<String>::new());

    ws.remove("zh/bar.md");
    ws.write(
        "zh/bar/v20200101.md",
        &product_page("zh", &[("FailedOperation.New", "新。")]),
    );
    let moved = ws.regen_ok();
    assert_eq!(crate_problems(&ws.out), Vec::<String>::new());
    assert!(!ws.out.join("src/bar.rs").exists());
    let own = emitted_module(&ws.read("src/bar/mod.rs")).unwrap();
    assert_eq!(own.variants.len(), 1);
    let (name, code, _, deprecated) = &own.variants[0];
    assert_eq!(
        (name.as_str(), code.as_str(), *deprecated),
        ("FailedOperationOld", "FailedOperation.Old", true)
    );
    assert!(ws.read("src/bar/mod.rs").contains("pub mod v20200101;"));
    assert_eq!(
        moved.report.modules["bar"].deprecated,
        ["FailedOperation.Old"]
    );
    assert_eq!(moved.report.modules["bar::v20200101"].added.len(), 1);

    // And back: the version's codes stay in `bar/v20200101.rs`, `bar`'s in `bar/mod.rs`.
    ws.remove("zh/bar/v20200101.md");
    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("FailedOperation.Old", "旧。")]),
    );
    let back = ws.regen_ok();
    assert_eq!(crate_problems(&ws.out), Vec::<String>::new());
    assert!(!ws.out.join("src/bar.rs").exists());
    assert_eq!(back.report.modules["bar"].returned, ["FailedOperation.Old"]);
    let version = emitted_module(&ws.read("src/bar/v20200101.rs")).unwrap();
    assert!(version.variants.iter().all(|v| v.3), "{version:?}");
}

/// Defect 2: a product named like a file, a feature or a dependency of the crate is an error
/// naming its page, and nothing is written; no product of the real catalog is refused.
#[test]
fn product_names_that_clash_with_the_crate_are_errors_naming_the_page() {
    for name in [
        "lib",
        "main",
        "full",
        "std",
        "alloc",
        "core",
        "serde",
        "cli",
        "default",
        "lexopt",
        "serde_json",
        "common",
        "runtime",
    ] {
        let ws = Workspace::new(true);
        ws.regen_ok();
        let before = snapshot(&ws.out);
        let rel = format!("zh/{name}.md");
        ws.write(&rel, &product_page("zh", &[("FailedOperation.X", "x。")]));
        let failure = ws.regen(&Options::default()).expect_err(name);
        let errors = errors(&failure);
        assert!(
            errors
                .iter()
                .any(|(message, file)| message.contains(&format!("`{name}`"))
                    && file.as_deref().is_some_and(|f| f.ends_with(&rel))),
            "{name}: {errors:?}"
        );
        assert_eq!(snapshot(&ws.out), before, "{name}: the crate changed");
    }
    // A version named `mod` would be the product folder's own `mod.rs`.
    let ws = Workspace::new(true);
    ws.write(
        "zh/bar/mod.md",
        &product_page("zh", &[("FailedOperation.X", "x。")]),
    );
    let failure = ws.regen(&Options::default()).unwrap_err();
    assert!(
        errors(&failure).iter().any(|(m, f)| m.contains("`mod`")
            && f.as_deref().is_some_and(|f| f.ends_with("zh/bar/mod.md"))),
        "{:?}",
        errors(&failure)
    );
}

#[test]
fn no_product_or_version_of_the_real_catalog_is_refused() {
    // docs-source/ has a page for every product-version of the two Go SDKs (the corpus's
    // catalog/ has the same ones), under their names in the SDKs.
    let catalog = support::workspace().join("docs-source");
    let mut checked = 0;
    for lang in ["zh", "en"] {
        for entry in std::fs::read_dir(catalog.join(lang)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            assert_eq!(
                source::check_module_name(&name),
                Ok(()),
                "{}",
                path.display()
            );
            checked += 1;
            if path.is_dir() {
                for version in std::fs::read_dir(&path).unwrap() {
                    let version = version.unwrap().path();
                    let stem = version.file_stem().unwrap().to_string_lossy().into_owned();
                    assert_eq!(
                        source::check_version_name(&stem),
                        Ok(()),
                        "{}",
                        version.display()
                    );
                }
            }
        }
    }
    assert!(checked > 300, "{checked}");
}

/// Defect 3: a deprecated code's rustdoc is escaped as a documented one's is, and a code with
/// no English text stays documented as having none.
#[test]
fn a_deprecated_code_keeps_its_rustdoc_safe_and_its_missing_text_missing() {
    let ws = Workspace::new(true);
    let fence = "调用<br>```<br>fn x(<br>```<br>见 https://cloud.tencent.com/a_b 和 [1,100]";
    // The issue's case: a fence that nothing closes, which the parser does not read as code.
    let open_fence = "调用<br>```<br>fn x(";
    ws.write(
        "zh/bar.md",
        &product_page(
            "zh",
            &[
                ("FailedOperation.Fence", fence),
                ("FailedOperation.OpenFence", open_fence),
                ("FailedOperation.ZhOnly", "只有中文。"),
            ],
        ),
    );
    ws.write(
        "en/bar.md",
        &product_page("en", &[("FailedOperation.Fence", "Fence.")]),
    );
    ws.regen_ok();
    let documented = emitted_module(&ws.read("src/bar.rs")).unwrap();
    for (_, code, doc, _) in &documented.variants {
        assert_eq!(doc_problem(doc), None, "{code}: {doc}");
    }

    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("FailedOperation.Other", "别的。")]),
    );
    ws.write(
        "en/bar.md",
        &product_page("en", &[("FailedOperation.Other", "Other.")]),
    );
    let generation = ws.regen_ok();
    let module = emitted_module(&ws.read("src/bar.rs")).unwrap();
    let deprecated: Vec<_> = module.variants.iter().filter(|v| v.3).collect();
    assert_eq!(deprecated.len(), 3);
    for (_, code, doc, _) in &deprecated {
        assert_eq!(doc_problem(doc), None, "{code}: {doc}");
    }
    let zh_only = deprecated
        .iter()
        .find(|v| v.1 == "FailedOperation.ZhOnly")
        .unwrap();
    assert!(
        zh_only
            .2
            .contains("- English: not documented; the Chinese text is used."),
        "{}",
        zh_only.2
    );
    let entry = &generation.ledger.modules["bar"]["FailedOperation.ZhOnly"];
    assert_eq!((entry.zh.as_str(), entry.en.as_str()), ("只有中文。", ""));
    // What users get is unchanged: the Chinese text in English too.
    let row = r"FailedOperation.ZhOnly\u{1f}\u{1f}只有中文。\u{1f}只有中文。\u{1e}";
    assert!(ws.read("src/bar.rs").contains(row));
}

/// Defect 4: a change to `categories.tsv` is in the report and the CHANGELOG, with every code
/// whose category it changes, and needs a minor release; so does a reworded text that changes a
/// code's category.
#[test]
fn a_change_of_category_rules_or_texts_is_reported_and_needs_a_minor_release() {
    let ws = Workspace::new(true);
    let rules = tencentcloud_errors_codegen::categories::BUNDLED;
    ws.write("categories.tsv", rules);
    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("FailedOperation.Sync", "同步失败。")]),
    );
    ws.regen_ok();
    ws.regen(&Options {
        bump: true,
        ..Options::default()
    })
    .unwrap();
    let changed = rules.replacen(
        "InternalError\t-\tinternal\t",
        "InternalError\t-\tunavailable\t",
        1,
    );
    assert_ne!(changed, rules);
    ws.write("categories.tsv", &changed);
    let generation = ws.regen_ok();
    let md = generation.report.to_markdown();
    assert!(
        md.contains("### Category rules\n\n- rule `InternalError`: internal → unavailable\n"),
        "{md}"
    );
    // The code the rule decides, in every module that has it.
    let line = changed
        .lines()
        .position(|l| l.starts_with("InternalError\t"))
        .unwrap()
        + 1;
    let named = format!(
        "### `common`\n\n- category of `InternalError`: internal → unavailable (categories.tsv:{line})\n"
    );
    assert!(md.contains(&named), "{md}");
    assert_eq!(generation.report.bump(), Bump::Minor);
    assert_eq!(generation.pending, Bump::Minor);
    let log = ws.read("CHANGELOG.md");
    let (level, body) = changelog::unreleased(&log).unwrap();
    assert_eq!(level, Bump::Minor);
    assert!(
        body.contains("rule `InternalError`: internal → unavailable"),
        "{body}"
    );
    assert!(
        body.contains("- category of `InternalError`: internal → unavailable"),
        "{body}"
    );
    // A new rule and a removed one.
    ws.write(
        "categories.tsv",
        &format!("{changed}FailedOperation.Busy\t-\tbusy\ta test\n").replacen(
            "ActionOffline\t-\tunsupported\t",
            "#",
            1,
        ),
    );
    let md = ws.regen_ok().report.to_markdown();
    assert!(
        md.contains("- rule `ActionOffline`: unsupported → no rule\n"),
        "{md}"
    );
    assert!(
        md.contains("- rule `FailedOperation.Busy`: no rule → busy\n"),
        "{md}"
    );
    // Nothing changed, nothing reported.
    assert!(ws.regen_ok().report.is_empty());
    // A text reworded so that another rule decides: the code is named, with both categories.
    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("FailedOperation.Sync", "同步超时，请稍后重试。")]),
    );
    let generation = ws.regen_ok();
    let changes = &generation.report.modules["bar"];
    // Both messages: the English one is the Chinese text, which has no English page.
    assert_eq!(changes.texts.len(), 2);
    let change = &changes.categories[0];
    assert_eq!(
        (
            change.code.as_str(),
            change.old.as_str(),
            change.new.as_str()
        ),
        ("FailedOperation.Sync", "internal", "unavailable")
    );
    assert_eq!(generation.report.bump(), Bump::Minor);
}

/// Defect 6: the naming rule as it holds: a code named later never takes a name given before.
/// CI checks the crate regen writes over the committed ledger, so the incremental names are
/// the ones checked.
#[test]
fn a_code_named_after_another_takes_what_is_left() {
    let ws = Workspace::new(true);
    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("InvalidParameter.Conflict", "a")]),
    );
    ws.regen_ok();
    let both = product_page(
        "zh",
        &[
            ("InvalidParameter.Conflict", "a"),
            ("InvalidParameterConflict", "b"),
        ],
    );
    ws.write("zh/bar.md", &both);
    let incremental = ws.regen_ok();
    assert_eq!(
        incremental.ledger.name("bar", "InvalidParameter.Conflict"),
        Some("InvalidParameterConflict")
    );
    assert_eq!(
        incremental.ledger.name("bar", "InvalidParameterConflict"),
        Some("InvalidParameterConflict_2")
    );
    assert_eq!(
        incremental.report.modules["bar"].added,
        [(
            "InvalidParameterConflict".to_owned(),
            "InvalidParameterConflict_2".to_owned()
        )]
    );
    // Named together, fewer dots win the natural name.
    let fresh = Workspace::new(true);
    fresh.write("zh/bar.md", &both);
    let fresh = fresh.regen_ok();
    assert_eq!(
        fresh.ledger.name("bar", "InvalidParameter.Conflict"),
        Some("InvalidParameter_Conflict")
    );
    assert_eq!(
        fresh.ledger.name("bar", "InvalidParameterConflict"),
        Some("InvalidParameterConflict")
    );
    // `check` compares with what regen writes over the ledger: the incremental crate is up to
    // date.
    let checked =
        tencentcloud_errors_codegen::check(&ws.docs, &ws.out, &Options::default()).unwrap();
    assert!(checked.changes.is_empty(), "{:?}", checked.changes);
}

/// Suspicion 1, confirmed: one page listing an extra code in its common table made it common
/// for every product. Now a code is common when most pages of a language list it there.
#[test]
fn a_code_only_some_pages_list_as_common_is_theirs() {
    let ws = Workspace::new(true);
    let seed_en = std::fs::read_to_string(ws.docs.join("en/api3.md")).unwrap();
    let vod = seed_en.replacen(
        "| AuthFailure.InvalidSecretId |",
        "| UnsupportedMethod | The HTTP method is not supported. |\n| AuthFailure.InvalidSecretId |",
        1,
    );
    assert_ne!(vod, seed_en);
    ws.write("en/vod.md", &vod);
    ws.write(
        "zh/vod.md",
        &product_page("zh", &[("FailedOperation.X", "x。")]),
    );
    let generation = ws.regen_ok();
    assert!(generation
        .catalog
        .common
        .iter()
        .all(|c| c.code != "UnsupportedMethod"));
    let vod = generation
        .catalog
        .modules
        .iter()
        .find(|m| m.id.product == "vod")
        .unwrap();
    assert!(
        vod.codes.iter().any(|c| c.code == "UnsupportedMethod"),
        "{vod:?}"
    );
    let warning = generation
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                .contains("`UnsupportedMethod` is in the common table of 1 of the 2 English pages")
        })
        .unwrap_or_else(|| panic!("{}", generation.render_warnings()));
    assert!(warning.message.contains("en/vod.md"), "{}", warning.message);
    assert!(warning
        .location
        .as_ref()
        .unwrap()
        .file
        .ends_with("en/vod.md"));
    // The codes every page lists stay common.
    assert_eq!(generation.catalog.common.len(), 38);
}

/// Suspicion 2, confirmed: `--bump` on a pre-release headed the release with the old version.
#[test]
fn bump_releases_a_pre_release_and_refuses_a_version_it_cannot_read() {
    let ws = Workspace::new(true);
    ws.regen_ok();
    let manifest = ws.read("Cargo.toml");
    let pre = manifest.replacen("\nversion = \"0.1.0\"\n", "\nversion = \"1.0.0-rc.1\"\n", 1);
    assert_ne!(pre, manifest);
    std::fs::write(ws.out.join("Cargo.toml"), &pre).unwrap();
    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("FailedOperation.X", "x。")]),
    );
    let released = ws
        .regen(&Options {
            bump: true,
            ..Options::default()
        })
        .unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(released.version, "1.0.0");
    assert!(ws.read("Cargo.toml").contains("\nversion = \"1.0.0\"\n"));
    assert!(ws.read("CHANGELOG.md").contains("\n## 1.0.0\n"));

    let bad = ws
        .read("Cargo.toml")
        .replacen("\nversion = \"1.0.0\"\n", "\nversion = \"one\"\n", 1);
    std::fs::write(ws.out.join("Cargo.toml"), &bad).unwrap();
    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("FailedOperation.Y", "y。")]),
    );
    let before = snapshot(&ws.out);
    let failure = ws
        .regen(&Options {
            bump: true,
            ..Options::default()
        })
        .unwrap_err();
    assert!(
        failure.render().contains("the crate's version `one`"),
        "{}",
        failure.render()
    );
    assert_eq!(snapshot(&ws.out), before);
}

/// Suspicion 3, confirmed: a missing or empty ledger made regen start the crate over, its
/// CHANGELOG's history lost. Now it is an error naming the file, and nothing is written.
#[test]
fn a_crate_without_its_ledger_is_an_error_not_a_first_generation() {
    for damage in ["remove", "empty"] {
        let ws = Workspace::new(true);
        ws.regen_ok();
        ws.write(
            "zh/bar.md",
            &product_page("zh", &[("FailedOperation.X", "x。")]),
        );
        ws.regen_ok();
        let ledger = ws.out.join("codes.tsv");
        match damage {
            "remove" => std::fs::remove_file(&ledger).unwrap(),
            _ => std::fs::write(&ledger, "").unwrap(),
        }
        let before = snapshot(&ws.out);
        let failure = ws.regen(&Options::default()).unwrap_err();
        let rendered = failure.render();
        assert!(rendered.contains("codes.tsv"), "{rendered}");
        assert!(rendered.contains("git checkout"), "{rendered}");
        assert_eq!(snapshot(&ws.out), before, "{damage}");
    }
    // An empty folder is a new crate.
    let ws = Workspace::new(true);
    std::fs::create_dir_all(&ws.out).unwrap();
    assert!(ws.regen_ok().report.first);
}

/// What the report says of a code whose English text is missing, across the change from
/// ledgers that stored the fallback: nothing changes for users, nothing is reported.
#[test]
fn a_ledger_that_stored_fallback_texts_reads_as_the_same_messages() {
    let ws = Workspace::new(true);
    ws.write(
        "zh/bar.md",
        &product_page("zh", &[("FailedOperation.ZhOnly", "只有中文。")]),
    );
    ws.regen_ok();
    // The ledger as 46f74b5 wrote it: the English message is the Chinese text.
    let ledger = ws.read("codes.tsv");
    let old = ledger.replace(
        "documented\tunknown\t只有中文。\t\n",
        "documented\tunknown\t只有中文。\t只有中文。\n",
    );
    assert_ne!(old, ledger);
    std::fs::write(ws.out.join("codes.tsv"), old).unwrap();
    let generation = ws.regen_ok();
    assert!(
        generation.report.is_empty(),
        "{}",
        generation.report.to_markdown()
    );
    assert_eq!(ws.read("codes.tsv"), ledger);
    assert!(matches!(
        generation.ledger.modules["bar"]["FailedOperation.ZhOnly"].status,
        Status::Documented
    ));
}

/// Issue 19, point 6: a product's code that joins the common table moves `view::<P>()`'s answer
/// from `Product(…)` to `Common(…)`, so an arm on `Product(P::X)` stops matching it. The report
/// says so, and the release it asks for is a major one.
#[test]
fn a_product_code_that_joins_the_common_table_is_reported_as_a_major_change() {
    let ws = Workspace::new(true);
    ws.write(
        "zh/bar.md",
        &product_page(
            "zh",
            &[
                ("FailedOperation.Shared", "共享。"),
                ("FailedOperation.Own", "自有。"),
            ],
        ),
    );
    ws.regen_ok();
    ws.regen(&Options {
        bump: true,
        ..Options::default()
    })
    .unwrap();
    // The seed's pages, the only pages with a common table, list it there now.
    for lang in ["zh", "en"] {
        let seed = std::fs::read_to_string(ws.docs.join(format!("{lang}/api3.md"))).unwrap();
        let with = seed.replacen(
            "| AuthFailure.InvalidSecretId |",
            "| FailedOperation.Shared | 共享。 |\n| AuthFailure.InvalidSecretId |",
            1,
        );
        assert_ne!(with, seed);
        ws.write(&format!("{lang}/api3.md"), &with);
    }
    let generation = ws.regen_ok();
    assert_eq!(
        generation.report.joined_common,
        [("FailedOperation.Shared".to_owned(), vec!["bar".to_owned()])]
    );
    let md = generation.report.to_markdown();
    assert!(
        md.contains("### Arms that move\n\n- `FailedOperation.Shared` joins the common table"),
        "{md}"
    );
    assert_eq!(generation.report.bump(), Bump::Major);
    let log = ws.read("CHANGELOG.md");
    assert_eq!(changelog::unreleased(&log).unwrap().0, Bump::Major);
    // A code new to the common table that no product had is an addition, not a move.
    for lang in ["zh", "en"] {
        let seed = std::fs::read_to_string(ws.docs.join(format!("{lang}/api3.md"))).unwrap();
        let with = seed.replacen(
            "| AuthFailure.InvalidSecretId |",
            "| FailedOperation.Fresh | 新。 |\n| AuthFailure.InvalidSecretId |",
            1,
        );
        ws.write(&format!("{lang}/api3.md"), &with);
    }
    let generation = ws.regen_ok();
    assert!(generation.report.joined_common.is_empty());
    assert_eq!(generation.report.bump(), Bump::Minor);
}
