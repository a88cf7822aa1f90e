//! How Chinese and English pages are joined, and what each mismatch reports: the documented
//! results of issue 3 on small pages written for the purpose.

use std::path::Path;

use tencentcloud_errors_codegen::{generate, Diagnostic, DocLang, Generation, Options, Severity};

/// Writes pages (`rel path → text`) into a docs folder and runs the generator in memory.
fn run(pages: &[(&str, &str)]) -> Generation {
    let tmp = tempfile::tempdir().unwrap();
    for (rel, text) in pages {
        let path = tmp.path().join("docs").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    generate(
        &tmp.path().join("docs"),
        &tmp.path().join("out"),
        &Options::default(),
    )
    .unwrap_or_else(|f| panic!("{}", f.render()))
}

fn page(common: &[(&str, &str)], business: &[(&str, &str)]) -> String {
    let mut text = String::from("## 错误码列表\n### 公共错误码\n\n| 错误码 | 说明 |\n|---|---|\n");
    for (code, text_) in common {
        text.push_str(&format!("| {code} | {text_} |\n"));
    }
    text.push_str("\n### 业务错误码\n\n| 错误码 | 说明 |\n|---|---|\n");
    for (code, text_) in business {
        text.push_str(&format!("| {code} | {text_} |\n"));
    }
    text
}

fn warnings<'a>(generation: &'a Generation, needle: &str) -> Vec<&'a Diagnostic> {
    generation
        .diagnostics
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect()
}

fn position(d: &Diagnostic) -> String {
    let pos = d.position().unwrap();
    // The folder is a temporary one: keep the part inside it.
    let start = pos.find("docs/").map_or(0, |i| i + "docs/".len());
    pos[start..].to_owned()
}

#[test]
fn common_wording_most_pages_use_wins_and_the_disagreement_is_named() {
    let g = run(&[
        ("zh/a.md", &page(&[("InternalError", "内部错误。")], &[])),
        ("zh/b.md", &page(&[("InternalError", "内部错误")], &[])),
        ("zh/c.md", &page(&[("InternalError", "内部错误。")], &[])),
    ]);
    let entry = &g.catalog.common[0];
    assert_eq!(entry.zh.as_ref().unwrap().text, "内部错误。");
    let w = warnings(&g, "pages disagree on the common code `InternalError`");
    assert_eq!(w.len(), 1);
    assert!(
        w[0].message.contains("zh/a.md, zh/c.md"),
        "{}",
        w[0].message
    );
    assert!(
        w[0].message.contains("\"内部错误\" on zh/b.md"),
        "{}",
        w[0].message
    );
    assert_eq!(w[0].severity, Severity::Warning);
}

#[test]
fn common_wording_tie_goes_to_the_first_page_in_path_order() {
    let g = run(&[
        ("zh/b.md", &page(&[("InternalError", "乙")], &[])),
        ("zh/a.md", &page(&[("InternalError", "甲")], &[])),
    ]);
    assert_eq!(g.catalog.common[0].zh.as_ref().unwrap().text, "甲");
    assert_eq!(warnings(&g, "pages disagree").len(), 1);
}

#[test]
fn a_code_on_one_side_only_warns_and_falls_back() {
    let g = run(&[
        (
            "zh/p.md",
            &page(&[], &[("A.Both", "两边"), ("A.ZhOnly", "只有中文")]),
        ),
        (
            "en/p.md",
            &page(&[], &[("A.Both", "both"), ("A.EnOnly", "English only")]),
        ),
    ]);
    let codes = &g.catalog.modules[0].codes;
    let names: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(names, ["A.Both", "A.EnOnly", "A.ZhOnly"]);
    let zh_only = &codes[2];
    assert_eq!(zh_only.message(DocLang::En), "只有中文");
    let en_only = &codes[1];
    assert_eq!(en_only.message(DocLang::Zh), "English only");

    let w = warnings(&g, "`A.ZhOnly` has no English text");
    assert_eq!(w.len(), 1);
    assert_eq!(position(w[0]), "zh/p.md:12");
    let w = warnings(&g, "`A.EnOnly` has no Chinese text");
    assert_eq!(w.len(), 1);
    assert_eq!(position(w[0]), "en/p.md:12");
}

#[test]
fn an_empty_english_cell_warns_and_keeps_the_chinese_text() {
    let g = run(&[
        ("zh/p.md", &page(&[], &[("A.Empty", "有中文")])),
        ("en/p.md", &page(&[], &[("A.Empty", "")])),
    ]);
    let entry = &g.catalog.modules[0].codes[0];
    assert!(entry.en.is_none());
    assert_eq!(entry.message(DocLang::En), "有中文");
    let w = warnings(&g, "`A.Empty` has an empty description");
    assert_eq!(w.len(), 1);
    // Line 11: the first row of the business table (line 1 is the first heading).
    assert_eq!(position(w[0]), "en/p.md:11");
}

/// Issue 19, point 14: the label under the row says that the row's text stands in for the
/// missing language's, not that it is the missing language's text.
#[test]
fn a_code_on_one_side_only_says_which_text_stands_in() {
    let g = run(&[
        (
            "zh/p.md",
            &page(&[], &[("A.Both", "两边"), ("A.ZhOnly", "只有中文")]),
        ),
        (
            "en/p.md",
            &page(&[], &[("A.Both", "both"), ("A.EnOnly", "English only")]),
        ),
    ]);
    let label = |needle: &str| {
        let w = warnings(&g, needle);
        assert_eq!(w.len(), 1, "{needle}");
        w[0].label.clone().unwrap_or_default()
    };
    assert_eq!(
        label("`A.ZhOnly` has no English text"),
        "this Chinese text stands in for the English one"
    );
    assert_eq!(
        label("`A.EnOnly` has no Chinese text"),
        "this English text stands in for the Chinese one"
    );
}

#[test]
fn an_english_page_with_no_chinese_page_still_generates_its_module() {
    let g = run(&[
        ("zh/p.md", &page(&[], &[("A.B", "中")])),
        (
            "en/q/v20200101.md",
            &page(&[], &[("Q.Only", "only in English")]),
        ),
    ]);
    let module = g
        .catalog
        .modules
        .iter()
        .find(|m| m.id.to_string() == "q::v20200101")
        .unwrap();
    assert_eq!(module.codes[0].message(DocLang::Zh), "only in English");
    let w = warnings(&g, "an English page with no Chinese page");
    assert_eq!(w.len(), 1);
    assert!(
        position(w[0]).ends_with("en/q/v20200101.md"),
        "{}",
        position(w[0])
    );
    assert_eq!(g.summary().en_pages, 1);
    assert_eq!(g.summary().business.en, 1);
}

#[test]
fn summary_reports_english_coverage() {
    let g = run(&[
        (
            "zh/p.md",
            &page(
                &[("InternalError", "内部错误。")],
                &[("A.B", "中"), ("A.C", "中")],
            ),
        ),
        (
            "en/p.md",
            &page(&[("InternalError", "Internal error.")], &[("A.B", "en")]),
        ),
    ]);
    let text = g.summary().to_string();
    assert!(text.contains("pages read: 2 (1 zh, 1 en)"), "{text}");
    assert!(
        text.contains("English coverage: 2/3 codes (66.7%)"),
        "{text}"
    );
}

#[test]
fn a_product_with_both_layouts_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    for rel in ["zh/p.md", "zh/p/v1.md"] {
        let path = docs.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, page(&[], &[("A.B", "中")])).unwrap();
    }
    let failure = generate(&docs, Path::new("unused"), &Options::default()).unwrap_err();
    assert!(failure.diagnostics.has_errors());
    assert!(failure
        .render()
        .contains("both a page `p.md` and pages per version"));
}

#[test]
fn a_heading_after_the_common_table_ends_it() {
    // As the English vod and redis pages have it: the product's table under a title the parser
    // does not know must not land among the common codes.
    let en = "### Common Error Codes\n\n| Error Code | Description |\n|---|---|\n| InternalError | Internal. |\n\n\
              ### Errors of the transcoder\n\n| Error Code | Description |\n|---|---|\n| FailedOperation.Transcode | Transcoding failed. |\n\n\
              ### Application Errors\n\n| Error Code | Description |\n|---|---|\n| InvalidParameterValue.AudioBitrate | Bad bitrate. |\n";
    let g = run(&[
        ("zh/p.md", &page(&[("InternalError", "内部错误。")], &[])),
        ("en/p.md", en),
    ]);
    let common: Vec<&str> = g.catalog.common.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(common, ["InternalError"]);
    let product: Vec<&str> = g.catalog.modules[0]
        .codes
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(
        product,
        [
            "FailedOperation.Transcode",
            "InvalidParameterValue.AudioBitrate"
        ]
    );
}

/// Issue 19, point 3: a code each language's page spells with other capitals is one code, the
/// Chinese page's, with both texts; the other spelling stays, deprecated, and points to it.
#[test]
fn a_code_two_pages_spell_with_other_capitals_is_one_code_with_both_texts() {
    let g = run(&[
        (
            "zh/sms.md",
            &page(
                &[],
                &[
                    (
                        "InvalidParameterValue.SdkAppIdNotExist",
                        "SdkAppId 不存在。",
                    ),
                    ("Both.InOneCase", "甲。"),
                    ("Twice.Here", "乙。"),
                    ("Twice.HERE", "丙。"),
                ],
            ),
        ),
        (
            "en/sms.md",
            &page(
                &[],
                &[
                    (
                        "InvalidParameterValue.SdkAppidNotExist",
                        "The SdkAppid does not exist.",
                    ),
                    ("Both.InOneCase", "A."),
                    ("twice.here", "B."),
                ],
            ),
        ),
    ]);
    let sms = &g.catalog.modules[0];
    let entry = |code: &str| sms.codes.iter().find(|c| c.code == code).unwrap();
    let primary = entry("InvalidParameterValue.SdkAppIdNotExist");
    assert_eq!(primary.zh.as_ref().unwrap().text, "SdkAppId 不存在。");
    assert_eq!(
        primary.en.as_ref().unwrap().text,
        "The SdkAppid does not exist."
    );
    assert_eq!(primary.spelling_of, None);
    let spelling = entry("InvalidParameterValue.SdkAppidNotExist");
    assert_eq!(spelling.message(DocLang::Zh), "SdkAppId 不存在。");
    assert_eq!(
        spelling.message(DocLang::En),
        "The SdkAppid does not exist."
    );
    assert_eq!(
        spelling.spelling_of.as_deref(),
        Some("InvalidParameterValue.SdkAppIdNotExist")
    );
    // One warning, at the English spelling, and none saying a text is missing.
    let w = warnings(
        &g,
        "differs from `InvalidParameterValue.SdkAppIdNotExist` of `zh/sms.md` only in case",
    );
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(position(w[0]), "en/sms.md:11");
    assert!(warnings(
        &g,
        "`InvalidParameterValue.SdkAppIdNotExist` has no English text"
    )
    .is_empty());
    assert!(warnings(
        &g,
        "`InvalidParameterValue.SdkAppidNotExist` has no Chinese text"
    )
    .is_empty());
    // A page that has two spellings itself has two codes: no pair is guessed.
    assert!(entry("twice.here").spelling_of.is_none());
    assert!(entry("Twice.Here").en.is_none());
    assert_eq!(warnings(&g, "only in case").len(), 1);
    // The ledger records the spelling, and the crate points it to the code it spells.
    let ledger = &g.ledger.modules["sms"]["InvalidParameterValue.SdkAppidNotExist"];
    assert_eq!(
        ledger.status,
        tencentcloud_errors_codegen::ledger::Status::Spelling {
            of: "InvalidParameterValue.SdkAppIdNotExist".to_owned()
        }
    );
    let module = g.files.iter().find(|f| f.path == "src/sms.rs").unwrap();
    assert!(module.contents.contains(
        "#[deprecated(\n        note = \"`InvalidParameterValue.SdkAppidNotExist` is how one language's documentation spells `InvalidParameterValue.SdkAppIdNotExist`: use `InvalidParameterValueSdkAppIdNotExist`"
    ), "{}", module.contents);
}
