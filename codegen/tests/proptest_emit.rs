//! Property: whatever pages the generator accepts, every Rust file it emits parses with `syn`, and
//! what it keeps is what it promises (codes of the documented form, messages with nothing a reader
//! cannot see). Pages are made at random from a grammar of what documentation holds: section
//! titles, markdown tables in several layouts, HTML tables, prose, code blocks; code cells from
//! real codes to edge cases and non-codes; descriptions built from the characters that could
//! break out of a literal, a comment or an attribute.
//!
//! `PROPTEST_CASES=5000 cargo test -p tencentcloud-errors-codegen --test proptest_emit` runs more
//! cases than the 64 that `cargo test` runs.

mod support;

use proptest::prelude::*;
use tencentcloud_errors_codegen::{
    generate_from_pages, Diagnostics, DocLang, ModuleId, Options, Page, Previous,
};

/// A code cell: mostly codes, often something that only looks like one.
fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Z][A-Za-z0-9]{0,10}(\\.[A-Za-z][A-Za-z0-9_]{0,8}){0,3}",
        2 => "[A-Za-z][A-Za-z0-9_.]{0,15}",
        1 => "[0-9]{1,6}",
        1 => "[a-z\\-: ]{1,10}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        2 => prop::sample::select(vec![
            "", "InternalError.", "InternalError", "A..B", ".", "Self", "self", "ALL", "ErrorCode",
            "Code", "错误码", "Error Code", "其他", "403 Forbidden", "120001 - 130000", "r#type",
            "A_", "a_b", "_x", "9003", "业务错误码", "公共错误码", "---", ":--",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A description: text and the pieces that try to break out of what the generator writes.
fn description() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-zA-Z0-9 ,.。中文说明]{1,8}",
        3 => prop::sample::select(vec![
            "\"", "\\", "*/", "/*", "]]", "#[", "}", "{", "\u{202e}", "\u{2066}", "\u{0}",
            "\u{1b}[2J", "\u{8}", "<br>", "<br/>", "`", "``", "```", "|", "\\|", "&amp;", "&#0;",
            "&#x202E;", "<b>", "</td>", "<table>", "</table>", "\t", "r#\"", "\"#", "'", "😀",
            "///", "//!", "\r", "*", "_", "[x](y)", "<", ">", "&", "\u{feff}", "\u{85}",
        ])
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
}

/// One block of a page.
fn block() -> impl Strategy<Value = String> {
    let rows = prop::collection::vec((code(), description()), 0..6);
    let header = prop::sample::select(vec![
        ("| 错误码 | 说明 |\n|---|---|\n", "| {c} | {d} |\n"),
        (
            "| Error Code | Description |\n| --- | --- |\n",
            "| {c} | {d} |\n",
        ),
        (
            "| 错误码 | 说明 | 处理措施 |\n|---|---|---|\n",
            "| {c} | {d} | 重试 |\n",
        ),
        (
            "| 类型 | 错误码 | 描述 |\n|---|---|---|\n",
            "| x | {c} | {d} |\n",
        ),
        ("错误码 | 说明\n--- | ---\n", "{c} | {d}\n"),
        ("> | 错误码 | 说明 |\n> |---|---|\n", "> | {c} | {d} |\n"),
        ("| 错误码 |\n|---|\n", "| {c} |\n"),
        ("| 状态码 | 说明 |\n|---|---|\n", "| {c} | {d} |\n"),
        (
            "<table>\n<tr><th>错误码</th><th>说明</th></tr>\n",
            "<tr><td>{c}</td><td>{d}</td></tr>\n",
        ),
    ]);
    prop_oneof![
        4 => (header, rows, any::<bool>()).prop_map(|((head, row), rows, glued)| {
            let mut out = head.to_owned();
            for (c, d) in rows {
                out.push_str(&row.replace("{c}", &c).replace("{d}", &d));
            }
            if head.starts_with("<table>") {
                out.push_str("</table>\n");
            }
            // A title glued to the table, as the site's pages have it.
            if !glued {
                out.push('\n');
            }
            out
        }),
        2 => prop::sample::select(vec![
            "公共错误码\n", "业务错误码\n", "### 公共错误码\n\n", "## Business Error Codes\n\n",
            "2. 业务错误码：\n", "# 错误码\n\n",
        ])
        .prop_map(str::to_owned),
        1 => description().prop_map(|d| format!("{d}\n\n")),
        1 => description().prop_map(|d| format!("```\n{d}\n```\n")),
    ]
}

fn page_text() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 0..6).prop_map(|blocks| blocks.concat())
}

fn page(lang: DocLang, product: &str, version: Option<&str>, text: &str) -> Page {
    let rel = match version {
        Some(v) => format!("{}/{product}/{v}.md", lang_dir(lang)),
        None => format!("{}/{product}.md", lang_dir(lang)),
    };
    Page::from_text(
        lang,
        ModuleId {
            product: product.to_owned(),
            version: version.map(str::to_owned),
        },
        &rel,
        text,
    )
}

fn lang_dir(lang: DocLang) -> &'static str {
    match lang {
        DocLang::Zh => "zh",
        DocLang::En => "en",
    }
}

/// Whether `code` has the form of an API 3.0 error code: an ASCII letter, then ASCII letters,
/// digits, `_` and `.` (`InternalError.` and `FailedOperation.DeleteTrigger.UrlUsed` are real
/// codes): `[A-Za-z][A-Za-z0-9_.]*`, written out here rather than asking the parser's filter.
fn has_the_form_of_a_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_alphabetic()
        && bytes
            .iter()
            .all(|b| matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.'))
}

/// Whether a reader cannot see `c` in a message, by explicit class: the C0 controls but the line
/// break (tabs are shown as spaces), DEL, the C1 controls, and the bidirectional controls
/// (ALM, LRM, RLM, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069).
fn hidden(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{9}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// 64 cases, or `PROPTEST_CASES` (`with_cases` alone would override the variable).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn whatever_the_generator_accepts_it_emits_rust_that_parses(
        zh in page_text(),
        en in page_text(),
        other in page_text(),
    ) {
        let pages = vec![
            page(DocLang::Zh, "as", None, &zh),
            page(DocLang::En, "as", None, &en),
            page(DocLang::Zh, "cvm", Some("v20170312"), &other),
        ];
        match generate_from_pages(pages, &Previous::default(), Diagnostics::new(), &Options::default()) {
            Ok(generation) => {
                let rust: Vec<_> = generation.files.iter().filter(|f| f.path.ends_with(".rs")).collect();
                prop_assert!(rust.len() >= 5);
                let mut doc_lines = 0;
                for file in rust {
                    for line in support::variant_docs(&file.contents).unwrap_or_default() {
                        prop_assert!(!line.starts_with("```") && !line.starts_with("~~~"), "{}: {}", file.path, line);
                        doc_lines += 1;
                    }
                    if let Err(err) = syn::parse_file(&file.contents) {
                        return Err(TestCaseError::fail(format!("{} does not parse: {err}\n{}", file.path, file.contents)));
                    }
                }
                // Every variant's rustdoc was read: its code, its Chinese and its English line.
                let variants = generation.catalog.common.len()
                    + generation.catalog.modules.iter().map(|m| m.codes.len()).sum::<usize>();
                prop_assert!(doc_lines >= 3 * variants, "{doc_lines} doc lines for {variants} variants");
                let modules = generation.catalog.modules.iter().map(|m| &m.codes);
                for entry in std::iter::once(&generation.catalog.common).chain(modules).flatten() {
                    prop_assert!(has_the_form_of_a_code(&entry.code), "{:?}", entry.code);
                    for lang in [DocLang::Zh, DocLang::En] {
                        let message = entry.message(lang);
                        let hidden: Vec<char> = message.chars().filter(|c| hidden(*c)).collect();
                        prop_assert!(hidden.is_empty(), "{:?} keeps {:?}", message, hidden);
                        prop_assert_eq!(message, message.trim(), "{:?} is not trimmed", message);
                    }
                }
                let rendered = generation.render_warnings();
                let problem = support::rendering_problem(&rendered, &generation.diagnostics);
                prop_assert!(problem.is_none(), "{}", problem.unwrap_or_default());
            }
            Err(failure) => {
                prop_assert!(failure.diagnostics.has_errors());
                let problem = support::rendering_problem(&failure.render(), &failure.diagnostics);
                prop_assert!(problem.is_none(), "{}", problem.unwrap_or_default());
            }
        }
    }
}
