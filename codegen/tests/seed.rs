//! The seed page (`docs-source/zh/api3.md`, byte for byte the page the project started from)
//! through the parser and the model.

mod support;

use support::{data, workspace};
use tencentcloud_errors_codegen::{
    model, parse, Diagnostics, DocLang, ModuleId, Page, SectionKind,
};

fn seed_text() -> String {
    std::fs::read_to_string(workspace().join("docs-source/zh/api3.md")).unwrap()
}

fn seed_page() -> Page {
    Page::from_text(
        DocLang::Zh,
        ModuleId {
            product: "api3".into(),
            version: None,
        },
        "zh/api3.md",
        &seed_text(),
    )
}

/// An oracle that shares nothing with the parser: rows are the lines that start with `| ` and
/// split on `|`, sections switch on the bare title lines. It is only good for this page, whose
/// cells have no markup and no escaped pipes.
fn naive_rows(text: &str) -> Vec<(SectionKind, String, String)> {
    let mut section = None;
    let mut rows = Vec::new();
    for line in text.lines() {
        match line.trim() {
            "公共错误码" => section = Some(SectionKind::Common),
            "业务错误码" => section = Some(SectionKind::Business),
            _ => {}
        }
        if let Some(rest) = line.trim().strip_prefix('|') {
            let rest = rest.strip_suffix('|').unwrap_or(rest);
            let cells: Vec<&str> = rest.split('|').map(str::trim).collect();
            if cells[0] == "错误码" || cells[0].starts_with("---") {
                continue;
            }
            rows.push((section.unwrap(), cells[0].to_owned(), cells[1].to_owned()));
        }
    }
    rows
}

/// The page the project started from, as the docs site gave it, beside the repository.
const SEED: &str = "seed/000_02482774ba9a4b29.txt";

fn the_seed_in_docs_source_is_the_seed_byte_for_byte() {
    let original = std::fs::read(data(SEED)).unwrap();
    let ours = std::fs::read(workspace().join("docs-source/zh/api3.md")).unwrap();
    assert!(
        original == ours,
        "docs-source/zh/api3.md differs from the seed"
    );
}

fn seed_has_38_common_codes_and_1_business_code() {
    let mut diags = Diagnostics::new();
    let parsed = parse::parse_page(&seed_page(), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let common = parsed
        .rows
        .iter()
        .filter(|r| r.section == SectionKind::Common)
        .count();
    let business: Vec<_> = parsed
        .rows
        .iter()
        .filter(|r| r.section == SectionKind::Business)
        .collect();
    assert_eq!(common, 38);
    assert_eq!(business.len(), 1);
    assert_eq!(business[0].code, "AuthFailure");
    assert_eq!(business[0].description.text, "CAM签名/鉴权错误。");
}

fn the_title_glued_to_the_first_table_is_seen_as_a_section_change() {
    // The trap: `业务错误码`, `错误码 | 说明` and `---|---` follow the first table with no blank
    // line, so CommonMark reads them as rows of it. None of them may become a code.
    let text = seed_text();
    assert!(text.contains("| UnsupportedRegion | 接口不支持所传地域。 | \n业务错误码\n"));
    let mut diags = Diagnostics::new();
    let parsed = parse::parse_page(&seed_page(), &mut diags);
    for row in &parsed.rows {
        assert!(
            !["业务错误码", "错误码", "---"].contains(&row.code.as_str()),
            "{row:?}"
        );
    }
    let last_common = parsed
        .rows
        .iter()
        .rfind(|r| r.section == SectionKind::Common)
        .unwrap();
    assert_eq!(last_common.code, "UnsupportedRegion");
}

fn every_row_has_the_exact_text_of_the_page() {
    let text = seed_text();
    let expected = naive_rows(&text);
    assert_eq!(expected.len(), 39);
    let mut diags = Diagnostics::new();
    let parsed = parse::parse_page(&seed_page(), &mut diags);
    let got: Vec<(SectionKind, String, String)> = parsed
        .rows
        .iter()
        .map(|r| (r.section, r.code.clone(), r.description.text.clone()))
        .collect();
    assert_eq!(got, expected);
}

fn rows_point_at_their_lines() {
    let page = seed_page();
    let mut diags = Diagnostics::new();
    let parsed = parse::parse_page(&page, &mut diags);
    for row in &parsed.rows {
        let line = page.location(row.span.clone()).line.unwrap();
        let source_line = page.text.lines().nth(line - 1).unwrap();
        assert!(
            source_line.contains(&format!("| {} |", row.code)),
            "{line}: {source_line}"
        );
    }
}

fn model_keeps_common_and_business_apart() {
    let page = seed_page();
    let mut diags = Diagnostics::new();
    let parsed = parse::parse_page(&page, &mut diags);
    let catalog = model::build(std::slice::from_ref(&page), &[parsed], &mut diags);
    assert_eq!(catalog.common.len(), 38);
    assert_eq!(catalog.modules.len(), 1);
    let module = &catalog.modules[0];
    assert_eq!(module.id.to_string(), "api3");
    assert_eq!(module.codes.len(), 1);
    assert_eq!(module.codes[0].code, "AuthFailure");
    // No English page was given: the codes have Chinese text only and no warning is due.
    assert!(catalog
        .common
        .iter()
        .all(|c| c.en.is_none() && c.zh.is_some()));
    assert!(diags.is_empty(), "{diags:?}");
}

fn main() -> std::process::ExitCode {
    support::harness::main(support::harness::tests![
        the_seed_in_docs_source_is_the_seed_byte_for_byte needs [SEED],
        seed_has_38_common_codes_and_1_business_code,
        the_title_glued_to_the_first_table_is_seen_as_a_section_change,
        every_row_has_the_exact_text_of_the_page,
        rows_point_at_their_lines,
        model_keeps_common_and_business_apart,
    ])
}
