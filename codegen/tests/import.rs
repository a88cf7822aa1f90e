//! `cargo xtask import go-sdk`: the Go SDKs' `errors.go` files into pages, then the pages into
//! the crate. Fixture checkouts are written into temporary folders; the real SDKs are read from
//! `../shared/corpus/sdk` (where it is absent, `main` reports those tests as ignored, or fails
//! them in CI: `support/harness.rs`).

use std::path::{Path, PathBuf};

mod support;

use support::{copy_dir, corpus, workspace};
use tencentcloud_errors_codegen::import::{self, Checkout, ImportFailure, Imported, MARKER};
use tencentcloud_errors_codegen::{check, regen, Bump, DocLang, Options, Severity};

/// A checkout holding one `tencentcloud/<product>/<version>/errors.go` per entry.
fn checkout(dir: &Path, files: &[(&str, &str, &[u8])]) -> PathBuf {
    for (product, version, bytes) in files {
        let folder = dir.join("tencentcloud").join(product).join(version);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("errors.go"), bytes).unwrap();
    }
    std::fs::write(
        dir.join("LICENSE"),
        "Apache License, Version 2.0 (a fixture's)\n",
    )
    .unwrap();
    dir.to_path_buf()
}

fn zh(root: &Path) -> Vec<Checkout> {
    vec![Checkout {
        lang: DocLang::Zh,
        root: root.to_path_buf(),
    }]
}

const CVM: &str = "// Copyright (c) 2017-2025 Tencent. All Rights Reserved.\n\
package v20170312\n\n\
const (\n\
\t// 此产品的特有错误码\n\n\
\t// 镜像不存在。\n\
\tINVALIDIMAGEID_NOTFOUND = \"InvalidImageId.NotFound\"\n\n\
\t// 参数 | 错误。\n\
\tINVALIDPARAMETER = \"InvalidParameter\"\n\
)\n";

fn import_ok(docs: &Path, checkouts: &[Checkout]) -> Imported {
    import::import(docs, checkouts).unwrap_or_else(|f| panic!("{}", f.render()))
}

fn import_err(docs: &Path, checkouts: &[Checkout]) -> ImportFailure {
    match import::import(docs, checkouts) {
        Ok(imported) => panic!("the import succeeded: {}", imported.plan),
        Err(failure) => failure,
    }
}

/// `(severity, file:line:col, message)` of each diagnostic.
type Positions = Vec<(Severity, String, String)>;

/// `(severity, file:line:col, message)` of each diagnostic.
fn positions(diags: &tencentcloud_errors_codegen::Diagnostics) -> Positions {
    diags
        .iter()
        .map(|d| {
            let loc = d.location.as_ref().expect("a location");
            let file = Path::new(&loc.file)
                .strip_prefix(loc.file.split("tencentcloud/").next().unwrap_or(""))
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| loc.file.clone());
            (
                d.severity,
                format!(
                    "{file}:{}:{}",
                    loc.line.unwrap_or(0),
                    loc.column.unwrap_or(0)
                ),
                d.message.clone(),
            )
        })
        .collect()
}

fn a_checkout_becomes_one_page_per_product_version_and_a_crate() {
    let tmp = tempfile::tempdir().unwrap();
    let sdk = checkout(
        &tmp.path().join("sdk"),
        &[("cvm", "v20170312", CVM.as_bytes())],
    );
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(docs.join("zh")).unwrap();
    std::fs::copy(
        workspace().join("docs-source/zh/api3.md"),
        docs.join("zh/api3.md"),
    )
    .unwrap();
    let hand_written = std::fs::read(docs.join("zh/api3.md")).unwrap();

    let imported = import_ok(&docs, &zh(&sdk));
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    assert_eq!(imported.plan.added.len(), 1);
    assert_eq!(imported.plan.codes[&DocLang::Zh], 2);
    let page = std::fs::read_to_string(docs.join("zh/cvm/v20170312.md")).unwrap();
    assert!(page.starts_with(MARKER));
    assert!(page.contains(
        "source: TencentCloud/tencentcloud-sdk-go, tencentcloud/cvm/v20170312/errors.go\n"
    ));
    assert!(page.contains("| InvalidParameter | 参数 \\| 错误。 |\n"));
    // Pages it did not write are not touched; the notice is kept with the data.
    assert_eq!(
        std::fs::read(docs.join("zh/api3.md")).unwrap(),
        hand_written
    );
    let notice = std::fs::read_to_string(docs.join(import::NOTICE_FILE)).unwrap();
    assert!(notice.contains("Copyright (c) 2017-2025 Tencent. All Rights Reserved."));

    // The page is read like any documentation page, and the notice ships in the crate.
    let out = tmp.path().join("crate");
    let generation =
        regen(&docs, &out, &Options::default()).unwrap_or_else(|f| panic!("{}", f.render()));
    let module = generation
        .catalog
        .modules
        .iter()
        .find(|m| m.id.to_string() == "cvm::v20170312")
        .expect("the module");
    let codes: Vec<(&str, Option<&str>)> = module
        .codes
        .iter()
        .map(|c| (c.code.as_str(), c.zh.as_ref().map(|t| t.text.as_str())))
        .collect();
    assert_eq!(
        codes,
        [
            ("InvalidImageId.NotFound", Some("镜像不存在。")),
            ("InvalidParameter", Some("参数 | 错误。"))
        ]
    );
    assert_eq!(std::fs::read_to_string(out.join("NOTICE")).unwrap(), notice);

    // Importing the same checkout again changes nothing.
    let again = import_ok(&docs, &zh(&sdk));
    assert!(again.plan.is_empty(), "{}", again.plan);
    assert_eq!(again.plan.unchanged, 1);
}

fn a_product_version_the_sdk_drops_loses_its_page_and_hand_written_pages_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let sdk = tmp.path().join("sdk");
    checkout(
        &sdk,
        &[
            ("cvm", "v20170312", CVM.as_bytes()),
            ("old", "v20180101", CVM.as_bytes()),
        ],
    );
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(docs.join("zh/mine")).unwrap();
    std::fs::write(
        docs.join("zh/mine/v20200101.md"),
        "| 错误码 | 说明 |\n|---|---|\n| A | a |\n",
    )
    .unwrap();
    import_ok(&docs, &zh(&sdk));
    assert!(docs.join("zh/old/v20180101.md").is_file());

    std::fs::remove_dir_all(sdk.join("tencentcloud/old")).unwrap();
    let imported = import_ok(&docs, &zh(&sdk));
    assert_eq!(imported.plan.removed, ["zh/old/v20180101.md"]);
    assert!(
        !docs.join("zh/old").exists(),
        "the empty product folder goes too"
    );
    assert!(docs.join("zh/mine/v20200101.md").is_file());
    assert!(docs.join("zh/cvm/v20170312.md").is_file());
}

fn a_hand_written_page_in_the_way_stops_the_import() {
    let tmp = tempfile::tempdir().unwrap();
    let sdk = checkout(
        &tmp.path().join("sdk"),
        &[("cvm", "v20170312", CVM.as_bytes())],
    );
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(docs.join("zh/cvm")).unwrap();
    std::fs::write(docs.join("zh/cvm/v20170312.md"), "mine\n").unwrap();
    let failure = import_err(&docs, &zh(&sdk));
    assert!(
        failure.render().contains("was not written by the importer"),
        "{}",
        failure.render()
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("zh/cvm/v20170312.md")).unwrap(),
        "mine\n"
    );
    assert!(
        !docs.join(import::NOTICE_FILE).exists(),
        "nothing is written"
    );
}

/// What the reader makes of one `errors.go`: the codes it imports and its diagnostics.
/// The codes a read imports (code, description), or `Err` when it stopped on an error.
type Read = Result<Vec<(String, String)>, ()>;

fn read_one(bytes: &[u8]) -> (Read, Positions) {
    let tmp = tempfile::tempdir().unwrap();
    let sdk = checkout(&tmp.path().join("sdk"), &[("p", "v20200101", bytes)]);
    let docs = tmp.path().join("docs");
    match import::plan(&docs, &zh(&sdk)) {
        Ok(imported) => {
            let codes = imported
                .plan
                .added
                .iter()
                .flat_map(|page| {
                    page.text
                        .lines()
                        .skip_while(|l| !l.starts_with("|---"))
                        .skip(1)
                        .map(|row| {
                            let cells: Vec<&str> = row.trim_matches('|').split(" | ").collect();
                            (cells[0].trim().to_owned(), cells[1].trim().to_owned())
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            (Ok(codes), positions(&imported.diagnostics))
        }
        Err(failure) => {
            // Every error renders with its source line.
            assert!(
                failure.render().contains("errors.go:"),
                "{}",
                failure.render()
            );
            (Err(()), positions(&failure.diagnostics))
        }
    }
}

fn at(file_line_col: &str) -> String {
    format!("tencentcloud/p/v20200101/errors.go:{file_line_col}")
}

fn a_truncated_file_is_an_error_at_its_end() {
    let cut = &CVM[..CVM.find("\"InvalidParameter\"").unwrap() + 5];
    let (codes, diags) = read_one(cut.as_bytes());
    assert_eq!(codes, Err(()));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].1, at("11:26"));
    assert!(diags[0].2.contains("not closed"), "{diags:?}");

    let cut = &CVM[..CVM.rfind(')').unwrap()];
    let (codes, diags) = read_one(cut.as_bytes());
    assert_eq!(codes, Err(()));
    assert_eq!(diags[0].1, at("12:1"));
    assert_eq!(diags[0].2, "the file ends inside a const block");
}

fn a_constant_without_a_comment_is_imported_with_a_warning() {
    let (codes, diags) = read_one(b"package p\nconst (\n\t// a\n\tA = \"A\"\n\tB = \"B\"\n)\n");
    assert_eq!(
        codes,
        Ok(vec![("A".into(), "a".into()), ("B".into(), String::new())])
    );
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].0, Severity::Warning);
    assert_eq!(diags[0].1, at("5:2"));
    assert!(diags[0].2.contains("`B` has no comment"), "{diags:?}");
}

fn a_comment_without_a_constant_is_a_warning_and_section_comments_are_not() {
    let (codes, diags) = read_one(
        "package p\nconst (\n\t// 此产品的特有错误码\n\n\t// stray\n\n\t// a\n\tA = \"A\"\n\t// dangling\n)\n".as_bytes(),
    );
    assert_eq!(codes, Ok(vec![("A".into(), "a".into())]));
    let got: Vec<&str> = diags.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(got, [at("5:2"), at("9:2")]);
    assert!(diags
        .iter()
        .all(|d| d.0 == Severity::Warning && d.2.contains("no constant follows")));
}

fn escaped_quotes_crlf_and_a_byte_order_mark_are_read_as_go_reads_them() {
    let text = "\u{feff}package p\r\nconst (\r\n\t// 引号 \"x\"\r\n\tA = \"Code.\\x41\"\r\n\t// b\r\n\tB = \"B\"\r\n)\r\n";
    let (codes, diags) = read_one(text.as_bytes());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        codes,
        Ok(vec![
            ("Code.A".into(), "引号 \"x\"".into()),
            ("B".into(), "b".into())
        ])
    );
    // A quote escaped inside a code makes it no code: left out, with a warning at the value.
    let (codes, diags) = read_one(b"package p\nconst (\n\t// a\n\tA = \"A\\\"B\"\n)\n");
    assert_eq!(codes, Ok(vec![]));
    assert_eq!(diags[0].1, at("4:6"));
    assert!(diags[0].2.contains("not an error code"), "{diags:?}");
}

fn bytes_that_are_not_utf8_are_an_error_at_the_byte() {
    let (codes, diags) = read_one(b"package p\nconst (\n\t// \xb4\xed\n\tA = \"A\"\n)\n");
    assert_eq!(codes, Err(()));
    assert_eq!(diags[0].1, at("3:5"));
    assert!(diags[0].2.contains("not UTF-8"), "{diags:?}");
}

fn what_the_reader_does_not_know_is_an_error_not_a_guess() {
    for (text, position, message) in [
        (
            "package p\nconst (\n\tA = iota\n)\n",
            "3:6",
            "expected a string literal",
        ),
        (
            "package p\nconst (\n\tA string = \"A\"\n)\n",
            "3:4",
            "expected `=`",
        ),
        ("package p\nvar A = \"A\"\n", "2:1", "expected `const`"),
        (
            "package p\nconst (\n\t/* a */\n\tA = \"A\"\n)\n",
            "3:2",
            "`/* … */` comment",
        ),
        ("const (\n)\n", "1:1", "expected `package`"),
    ] {
        let (codes, diags) = read_one(text.as_bytes());
        assert_eq!(codes, Err(()), "{text}");
        assert_eq!(diags[0].1, at(position), "{text}");
        assert!(diags[0].2.contains(message), "{text}: {diags:?}");
    }
}

/// The SDK checkouts of the corpus, with the docs folder they go into.
fn sdk(name: &str) -> PathBuf {
    corpus(&format!("sdk/{name}"))
}

fn importing_the_corpus_sdks_changes_nothing_in_the_committed_docs_and_crate() {
    let (zh_sdk, en_sdk) = (
        sdk("tencentcloud-sdk-go"),
        sdk("tencentcloud-sdk-go-intl-en"),
    );
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_dir(&workspace().join("docs-source"), &docs);
    let checkouts = [
        Checkout {
            lang: DocLang::Zh,
            root: zh_sdk,
        },
        Checkout {
            lang: DocLang::En,
            root: en_sdk,
        },
    ];
    let imported = import::plan(&docs, &checkouts).unwrap_or_else(|f| panic!("{}", f.render()));
    assert!(
        imported.plan.is_empty(),
        "docs-source/ is not what `cargo xtask import go-sdk` writes from ../shared/corpus/sdk:\n{}\n\
         help: run `cargo xtask import go-sdk --zh ../shared/corpus/sdk/tencentcloud-sdk-go --en ../shared/corpus/sdk/tencentcloud-sdk-go-intl-en`, then `cargo xtask regen`",
        imported.plan
    );
    assert_eq!(imported.plan.unchanged, 436);
    assert_eq!(imported.plan.codes[&DocLang::Zh], 16_931);
    assert_eq!(imported.plan.codes[&DocLang::En], 10_509);
    assert_eq!(imported.plan.empty.len(), 16);
    assert!(
        imported.diagnostics.is_empty(),
        "{}",
        imported.render_warnings()
    );
    let stale = check(&docs, &workspace().join("generated"), &Options::default())
        .unwrap_or_else(|f| panic!("{}", f.render()))
        .changes;
    assert!(stale.is_empty(), "{stale:?}");
}

fn a_real_refresh_from_an_older_release_reports_what_changed_and_keeps_every_name() {
    let (old_sdk, zh_sdk, en_sdk) = (
        sdk("tencentcloud-sdk-go-v1.3.127"),
        sdk("tencentcloud-sdk-go"),
        sdk("tencentcloud-sdk-go-intl-en"),
    );
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_dir(&workspace().join("docs-source"), &docs);
    let out = tmp.path().join("crate");
    let en = Checkout {
        lang: DocLang::En,
        root: en_sdk,
    };
    let older = [
        Checkout {
            lang: DocLang::Zh,
            root: old_sdk,
        },
        en.clone(),
    ];
    let current = [
        Checkout {
            lang: DocLang::Zh,
            root: zh_sdk,
        },
        en,
    ];

    let step = import_ok(&docs, &older);
    assert!(
        !step.plan.changed.is_empty() && !step.plan.removed.is_empty(),
        "{}",
        step.plan
    );
    let first =
        regen(&docs, &out, &Options::default()).unwrap_or_else(|f| panic!("{}", f.render()));

    let step = import_ok(&docs, &current);
    assert!(!step.plan.added.is_empty(), "{}", step.plan);
    let second =
        regen(&docs, &out, &Options::default()).unwrap_or_else(|f| panic!("{}", f.render()));
    let report = &second.report;
    let markdown = report.to_markdown();

    // The new product-versions are named as such.
    let new: Vec<&String> = report
        .modules
        .iter()
        .filter(|(_, c)| c.new_module)
        .map(|(m, _)| m)
        .collect();
    assert!(!new.is_empty());
    for module in &new {
        assert!(
            markdown.contains(&format!("### `{module}`\n\n- new module")),
            "{module}"
        );
        let (product, version) = module.split_once("::").unwrap();
        assert!(step
            .plan
            .added
            .iter()
            .any(|p| p.rel == format!("zh/{product}/{version}.md")));
    }
    // Codes no longer listed are deprecated and still parse; reworded codes are reported.
    let deprecated: usize = report.modules.values().map(|c| c.deprecated.len()).sum();
    let reworded: usize = report.modules.values().map(|c| c.texts.len()).sum();
    let added: usize = report
        .modules
        .values()
        .filter(|c| !c.new_module)
        .map(|c| c.added.len())
        .sum();
    assert!(deprecated > 0 && reworded > 0 && added > 0, "{markdown}");
    assert!(markdown.contains("is no longer documented: deprecated, still parses"));
    assert!(markdown.contains("- text of `"));
    assert_eq!(report.bump(), Bump::Minor);
    assert!(std::fs::read_to_string(out.join("CHANGELOG.md"))
        .unwrap()
        .contains("## Unreleased (needs a minor release)"));

    // Every variant name of the first crate is unchanged in the second.
    let mut kept = 0;
    for (module, codes) in &first.ledger.modules {
        for (code, entry) in codes {
            assert_eq!(
                second.ledger.name(module, code),
                Some(entry.name.as_str()),
                "{module} {code}"
            );
            kept += 1;
        }
    }
    assert!(kept > 15_000, "{kept}");
}

fn main() -> std::process::ExitCode {
    support::harness::main(support::harness::tests![
        a_checkout_becomes_one_page_per_product_version_and_a_crate,
        a_product_version_the_sdk_drops_loses_its_page_and_hand_written_pages_stay,
        a_hand_written_page_in_the_way_stops_the_import,
        a_truncated_file_is_an_error_at_its_end,
        a_constant_without_a_comment_is_imported_with_a_warning,
        a_comment_without_a_constant_is_a_warning_and_section_comments_are_not,
        escaped_quotes_crlf_and_a_byte_order_mark_are_read_as_go_reads_them,
        bytes_that_are_not_utf8_are_an_error_at_the_byte,
        what_the_reader_does_not_know_is_an_error_not_a_guess,
        importing_the_corpus_sdks_changes_nothing_in_the_committed_docs_and_crate needs ["corpus/sdk/tencentcloud-sdk-go", "corpus/sdk/tencentcloud-sdk-go-intl-en"],
        a_real_refresh_from_an_older_release_reports_what_changed_and_keeps_every_name needs ["corpus/sdk/tencentcloud-sdk-go-v1.3.127", "corpus/sdk/tencentcloud-sdk-go", "corpus/sdk/tencentcloud-sdk-go-intl-en"],
    ])
}
