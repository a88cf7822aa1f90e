//! Bad documentation in, clear diagnostics out: each case of what a page can hold, its outcome,
//! and the file and line its warning or error names. The outcomes are the table in
//! `codegen/src/parse.rs` and in the README's section on diagnostics.
//!
//! Lines are found in the test's own page text (`line_of`), not from the parser.

use std::path::{Path, PathBuf};

mod support;

use support::{cargo, doc_of};
use tencentcloud_errors_codegen::{
    generate, generate_from_pages, parse, regen, source, Diagnostic, Diagnostics, DocLang, Failure,
    Generation, ModuleId, Options, Page, Previous, Severity,
};

fn page(rel: &str, text: &str) -> Page {
    let lang = if rel.starts_with("en/") {
        DocLang::En
    } else {
        DocLang::Zh
    };
    let stem = rel.rsplit('/').next().unwrap().trim_end_matches(".md");
    Page::from_text(
        lang,
        ModuleId {
            product: stem.to_owned(),
            version: None,
        },
        rel,
        text,
    )
}

fn run(pages: Vec<Page>, options: &Options) -> Result<Generation, Failure> {
    generate_from_pages(pages, &Previous::default(), Diagnostics::new(), options)
}

fn generated(pages: Vec<Page>) -> Generation {
    run(pages, &Options::default()).unwrap_or_else(|failure| panic!("{}", failure.render()))
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the page"));
    text[..at].matches('\n').count() + 1
}

/// The diagnostics whose message contains `needle`.
fn with<'a>(diags: &'a Diagnostics, needle: &str) -> Vec<&'a Diagnostic> {
    diags
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect()
}

/// The one diagnostic whose message contains `needle`.
fn one<'a>(diags: &'a Diagnostics, needle: &str) -> &'a Diagnostic {
    let found = with(diags, needle);
    assert_eq!(
        found.len(),
        1,
        "{needle:?} in {:#?}",
        diags.iter().map(ToString::to_string).collect::<Vec<_>>()
    );
    found[0]
}

fn codes(generation: &Generation, product: &str) -> Vec<String> {
    generation
        .catalog
        .modules
        .iter()
        .find(|m| m.id.product == product)
        .map(|m| m.codes.iter().map(|c| c.code.clone()).collect())
        .unwrap_or_default()
}

fn message<'a>(generation: &'a Generation, product: &str, code: &str, lang: DocLang) -> &'a str {
    generation
        .catalog
        .modules
        .iter()
        .find(|m| m.id.product == product)
        .and_then(|m| m.codes.iter().find(|c| c.code == code))
        .map(|c| c.message(lang))
        .unwrap_or_else(|| panic!("{product}: no {code}"))
}

fn parsed(text: &str) -> (Vec<(String, String)>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let rows = parse::parse_page(&page("zh/x.md", text), &mut diags)
        .rows
        .into_iter()
        .map(|r| (r.code, r.description.text))
        .collect();
    (rows, diags)
}

fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(c, d)| (c.to_string(), d.to_string()))
        .collect()
}

// ---- a code listed twice --------------------------------------------------------------------

#[test]
fn a_code_listed_twice_with_different_texts_keeps_the_first_and_names_both_lines() {
    let text = "| 错误码 | 说明 |\n|---|---|\n| A.B | 第一。 |\n| C | 丙。 |\n| A.B | 第二。 |\n";
    let g = generated(vec![page("zh/x.md", text)]);
    assert_eq!(message(&g, "x", "A.B", DocLang::Zh), "第一。");
    let w = one(&g.diagnostics, "`A.B` is listed twice");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.position().unwrap(), "zh/x.md:5");
    assert_eq!(w.related.len(), 1);
    assert_eq!(w.related[0].0.line, Some(line_of(text, "| A.B | 第一")));
    assert!(
        w.message.contains("(lines 3 and 5) with different texts"),
        "{}",
        w.message
    );
    assert!(
        w.message.contains("the text of line 3 is kept"),
        "{}",
        w.message
    );
    assert!(w.message.contains("第一。"), "{}", w.message);
}

#[test]
fn a_code_listed_twice_with_the_same_text_warns_once() {
    let text = "| 错误码 | 说明 |\n|---|---|\n| A.B | 同。 |\n| A.B | 同。 |\n";
    let g = generated(vec![page("zh/x.md", text)]);
    assert_eq!(codes(&g, "x"), ["A.B"]);
    let w = one(&g.diagnostics, "`A.B` is listed twice");
    assert!(w.message.contains("with the same text"), "{}", w.message);
    assert_eq!(w.position().unwrap(), "zh/x.md:4");
}

// ---- code cells that are not codes ----------------------------------------------------------

#[test]
fn a_cell_that_is_not_a_code_is_left_out_with_a_warning_at_its_line() {
    for bad in [
        "",
        "9003",
        "120001 - 130000",
        "其他",
        "403 Forbidden",
        "Invalid Parameter",
        "参数错误",
        "InvalidParameter。",
    ] {
        let text = format!(
            "# 错误码\n\n| 错误码 | 说明 |\n|---|---|\n| Good.One | 好。 |\n| {bad} | 坏。 |\n| Good.Two | 好。 |\n"
        );
        let (rows, diags) = parsed(&text);
        assert_eq!(
            rows,
            pairs(&[("Good.One", "好。"), ("Good.Two", "好。")]),
            "{bad:?}"
        );
        assert_eq!(diags.len(), 1, "{bad:?}: {diags:?}");
        let w = &diags.iter().next().unwrap();
        assert_eq!(w.severity, Severity::Warning);
        assert_eq!(w.position().unwrap(), "zh/x.md:6", "{bad:?}");
        let expected = if bad.is_empty() {
            "an empty error-code cell; the row is left out".to_owned()
        } else {
            format!("`{bad}` is not an error code; the row is left out")
        };
        assert_eq!(w.message, expected);
        assert!(w.help.as_ref().unwrap().contains("ASCII letters"));
    }
}

#[test]
fn a_table_of_numeric_codes_gets_one_warning_and_is_left_out() {
    let text = "前言\n\n| 错误码 | 说明 |\n|---|---|\n| 1001 | 甲 |\n| 1002 | 乙 |\n| 1003 | 丙 |\n| 1004 | 丁 |\n| 120001 - 130000 | 区间 |\n";
    let (rows, diags) = parsed(text);
    assert!(rows.is_empty(), "{rows:?}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    let w = diags.iter().next().unwrap();
    assert_eq!(
        w.message,
        "none of the 5 rows of this table has an error code in its code column (`1001`, `1002`, `1003`, …); the table is left out"
    );
    assert_eq!(
        w.position().unwrap(),
        format!("zh/x.md:{}", line_of(text, "| 1001"))
    );
    let related: Vec<_> = w.related.iter().map(|(l, _)| l.line).collect();
    assert_eq!(related, [Some(6), Some(7)]);
}

#[test]
fn many_bad_rows_in_a_table_of_codes_get_one_warning_and_the_good_rows_are_read() {
    let mut text = String::from("| 错误码 | 说明 |\n|---|---|\n| OK | 成功 |\n");
    for n in 0..10 {
        text.push_str(&format!("| E:{n:04} | 失败 |\n"));
    }
    let (rows, diags) = parsed(&text);
    assert_eq!(rows, pairs(&[("OK", "成功")]));
    let w = one(&diags, "10 rows of this table have no error code");
    assert!(
        w.message.contains("(`E:0000`, `E:0001`, `E:0002`, …)"),
        "{}",
        w.message
    );
    assert!(w.message.contains("1 other rows are read"), "{}", w.message);
    assert_eq!(w.position().unwrap(), "zh/x.md:4");
}

// ---- descriptions ---------------------------------------------------------------------------

#[test]
fn an_empty_description_warns_and_the_code_keeps_the_other_languages_text() {
    let zh = "| 错误码 | 说明 |\n|---|---|\n| A.B |  |\n";
    let en = "| Error Code | Description |\n|---|---|\n| A.B | The text. |\n";
    let g = generated(vec![page("zh/x.md", zh), page("en/x.md", en)]);
    assert_eq!(message(&g, "x", "A.B", DocLang::Zh), "The text.");
    let w = one(&g.diagnostics, "`A.B` has an empty description");
    assert_eq!(w.position().unwrap(), "zh/x.md:3");
}

// ---- headers --------------------------------------------------------------------------------

#[test]
fn columns_are_read_by_their_header_whatever_their_order_and_number() {
    let text = "\
| 错误码 | 说明 | 处理措施 |
|---|---|---|
| A.One | 说明一 | 重试 |

| 错误类型 | 错误码（ErrorCode） | 错误信息 | 描述 |
|---|---|---|---|
| 客户端 | A.Two | Msg | 描述二 |
";
    let (rows, diags) = parsed(text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(rows, pairs(&[("A.One", "说明一"), ("A.Two", "描述二")]));
}

#[test]
fn a_table_with_no_code_column_is_reported_and_left_out_and_a_parameter_table_is_ignored() {
    let text = "\
| 参数名称 | 类型 | 描述 |
|---|---|---|
| InstanceId | String | 实例 ID |

| 状态码 | 说明 |
|---|---|
| Forbidden | 禁止 |

| 错误码 | 说明 |
|---|---|
| A.B | 好 |
";
    let (rows, diags) = parsed(text);
    assert_eq!(rows, pairs(&[("A.B", "好")]));
    assert_eq!(diags.len(), 1, "{diags:?}");
    let w = one(&diags, "has no error-code column; the table is left out");
    assert!(w.message.contains("`状态码 | 说明`"), "{}", w.message);
    assert_eq!(
        w.position().unwrap(),
        format!("zh/x.md:{}", line_of(text, "| 状态码"))
    );
}

#[test]
fn a_table_with_no_description_column_is_read_without_texts_and_reported_once() {
    let text = "| 错误码 | 处理方法 |\n|---|---|\n| A.B | 重试 |\n";
    let (rows, diags) = parsed(text);
    assert_eq!(rows, pairs(&[("A.B", "")]));
    let w = one(&diags, "no description column");
    assert_eq!(w.position().unwrap(), "zh/x.md:1");
}

// ---- table markup ---------------------------------------------------------------------------

#[test]
fn an_html_table_is_read_with_its_td_header_entities_and_line_breaks() {
    let text = "\
## 错误码

<table>
<tr><td>错误码</td><td>说明</td></tr>
<tr>
<td> InvalidParameter </td>
<td>参数 &amp; 取值<br>错误</td>
</tr>
<tr><td>4000</td><td>数字</td></tr>
<tr><td>
 Html.Code
</td><td><b>粗体</b> 说明</td></tr>
</table>

| 错误码 | 说明 |
|---|---|
| After.Table | 之后 |
";
    let page = page("zh/x.md", text);
    let mut diags = Diagnostics::new();
    let rows = parse::parse_page(&page, &mut diags).rows;
    let got: Vec<(String, String, usize)> = rows
        .iter()
        .map(|r| {
            let line = page.location(r.span.clone()).line.unwrap();
            (r.code.clone(), r.description.text.clone(), line)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("InvalidParameter".into(), "参数 & 取值\n错误".into(), 6),
            (
                "Html.Code".into(),
                "粗体 说明".into(),
                line_of(text, " Html.Code")
            ),
            (
                "After.Table".into(),
                "之后".into(),
                line_of(text, "| After.Table")
            ),
        ]
    );
    let w = one(&diags, "`4000` is not an error code");
    assert_eq!(
        w.position().unwrap(),
        format!("zh/x.md:{}", line_of(text, "4000"))
    );
    // The rustdoc gets the text, escaped so that it renders as written.
    assert_eq!(rows[0].description.markdown, "参数 \\& 取值\n错误");
}

#[test]
fn an_html_table_with_th_headers_and_blank_lines_inside_is_read_to_its_end() {
    let text = "\
<table class=\"t\">
<tbody><tr>
<th> <b>Error Code</b>
</th><th> <b>Description</b>
</th></tr>

<tr>
<td> A.B
</td><td> Text one.
</td></tr>

<tr>
    <td>C.D</td>
    <td>Text two.</td>
</tr>
</tbody></table>
";
    let (rows, diags) = parsed(text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(rows, pairs(&[("A.B", "Text one."), ("C.D", "Text two.")]));
}

#[test]
fn an_html_table_that_is_never_closed_is_read_to_the_end_of_its_block_with_a_warning() {
    let text = "intro\n\n<table>\n<tr><td>错误码</td><td>说明</td></tr>\n<tr><td>A.B</td><td>甲</td></tr>\n\n| 错误码 | 说明 |\n|---|---|\n| C.D | 乙 |\n";
    let (rows, diags) = parsed(text);
    assert_eq!(rows, pairs(&[("A.B", "甲"), ("C.D", "乙")]));
    let w = one(&diags, "no `</table>`");
    assert_eq!(w.position().unwrap(), "zh/x.md:3");
}

#[test]
fn a_table_in_a_block_quote_and_a_table_with_no_outer_pipes_are_read() {
    let text = "\
> | 错误码 | 说明 |
> |---|---|
> | Quoted.Code | 引用 |

错误码 | 说明
--- | ---
Bare.Code | 无管道
";
    let page = page("zh/x.md", text);
    let mut diags = Diagnostics::new();
    let rows = parse::parse_page(&page, &mut diags).rows;
    assert!(diags.is_empty(), "{diags:?}");
    let got: Vec<(&str, &str, usize)> = rows
        .iter()
        .map(|r| {
            let line = page.location(r.span.clone()).line.unwrap();
            (r.code.as_str(), r.description.text.as_str(), line)
        })
        .collect();
    assert_eq!(
        got,
        [("Quoted.Code", "引用", 3), ("Bare.Code", "无管道", 7)]
    );
}

#[test]
fn a_row_with_fewer_cells_than_the_header_warns_at_its_line() {
    let text = "\
| 错误码 | 说明 |
|---|---|
| Short.Row |
| Full.Row | 完整 |
";
    let (rows, diags) = parsed(text);
    assert_eq!(rows, pairs(&[("Short.Row", ""), ("Full.Row", "完整")]));
    let w = one(&diags, "`Short.Row` has no description cell");
    assert!(
        w.message
            .starts_with("this row has 1 cell(s), the header 2"),
        "{}",
        w.message
    );
    assert_eq!(w.position().unwrap(), "zh/x.md:3");

    // With the code column second, a one-cell row has no code: it is left out.
    let text = "| 类型 | 错误码 | 说明 |\n|---|---|---|\n| 客户端 |\n| 服务端 | A.B | 说明 |\n";
    let (rows, diags) = parsed(text);
    assert_eq!(rows, pairs(&[("A.B", "说明")]));
    let w = one(
        &diags,
        "none in the error-code column (column 2); the row is left out",
    );
    assert_eq!(w.position().unwrap(), "zh/x.md:3");
}

#[test]
fn a_row_with_more_cells_than_the_header_warns_at_the_cells_not_read() {
    let text = "\
| 错误码 | 说明 |
|---|---|
| A.B | 值是 a | b 之一 |
| C.D | 好 |
";
    let (rows, diags) = parsed(text);
    assert_eq!(rows, pairs(&[("A.B", "值是 a"), ("C.D", "好")]));
    let w = one(&diags, "more cells than the header's 2");
    assert_eq!(w.position().unwrap(), "zh/x.md:3");
    assert_eq!(
        w.location.as_ref().unwrap().column,
        Some(line_col(text, "b 之一").1)
    );
    assert!(w.help.as_ref().unwrap().contains("\\|"));
}

/// 1-based line and character column of `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        line_of(text, needle),
        text[line_start..at].chars().count() + 1,
    )
}

// ---- whole pages ----------------------------------------------------------------------------

#[test]
fn a_page_with_no_error_table_and_an_empty_page_warn_naming_the_file() {
    for (text, expected) in [
        (
            "# 简介\n\n没有表格。\n\n```c\n#define E_FAIL 1\n```\n",
            "the page has no error-code table",
        ),
        ("", "the page is empty"),
        ("\u{feff}\r\n  \r\n", "the page is empty"),
    ] {
        let g = generated(vec![page("zh/x.md", text)]);
        let w = one(&g.diagnostics, expected);
        assert_eq!(w.position().unwrap(), "zh/x.md");
        assert!(codes(&g, "x").is_empty());
        assert!(g.files.iter().any(|f| f.path == "src/x.rs"));
    }
}

/// A docs folder in a temporary directory, from `(path, bytes)` pairs.
fn docs(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    for (rel, bytes) in files {
        let path = docs.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    (tmp, docs)
}

const GOOD: &str = "| 错误码 | 说明 |\n|---|---|\n| A.B | 好。 |\n";

#[test]
fn a_page_that_is_not_utf8_is_an_error_at_its_line_and_nothing_is_written() {
    // GBK bytes on line 3.
    let bad: &[u8] =
        b"| \xe9\x94\x99\xe8\xaf\xaf\xe7\xa0\x81 | x |\n|---|---|\n| A.B | \xb4\xed\xce\xf3 |\n";
    let (tmp, docs) = docs(&[("zh/bad.md", bad), ("zh/good.md", GOOD.as_bytes())]);
    let out = tmp.path().join("out");
    let failure = regen(&docs, &out, &Options::default()).unwrap_err();
    assert!(!out.exists());
    let errors: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{}", failure.render());
    let e = errors[0];
    assert!(
        e.message
            .starts_with("the page is not UTF-8: invalid byte 0xb4"),
        "{}",
        e.message
    );
    assert_eq!(
        e.position().unwrap(),
        format!("{}:3", docs.join("zh/bad.md").display())
    );
    assert_eq!(e.location.as_ref().unwrap().column, Some(9));
    assert!(e.help.as_ref().unwrap().contains("UTF-8"));
}

#[test]
fn byte_order_marks_crlf_and_tabs_read_like_clean_text() {
    let clean = "| 错误码 | 说明 |\n|---|---|\n| A.B | 一 二 |\n| C.D | 三 |\n";
    let messy = "\u{feff}|\t错误码\t|\t说明\t|\t\r\n|---|---|\r\n| A.B | 一\t二 |  \r\n|\tC.D\t| 三 |\t\r\n";
    let a = generated(vec![page("zh/x.md", clean)]);
    let b = generated(vec![page("zh/x.md", messy)]);
    assert_eq!(a.files, b.files);
    assert!(b.diagnostics.is_empty(), "{:?}", b.diagnostics);
    assert_eq!(message(&b, "x", "A.B", DocLang::Zh), "一 二");

    // Through the reader too: a BOM and CRLF in the file give the same crate.
    let (_t1, clean_docs) = docs(&[("zh/x.md", clean.as_bytes())]);
    let (_t2, messy_docs) = docs(&[("zh/x.md", messy.as_bytes())]);
    let out = Path::new("unused");
    let a = generate(&clean_docs, out, &Options::default()).unwrap();
    let b = generate(&messy_docs, out, &Options::default()).unwrap();
    assert_eq!(a.files, b.files);

    // A warning on such a page names the line and column an editor shows.
    let messy =
        "\u{feff}| 错误码 | 说明 |\r\n|---|---|\r\n| A.B | 一 |\t\r\n|\t9003 | 数字 |  \r\n";
    let g = generated(vec![page("zh/x.md", messy)]);
    let w = one(&g.diagnostics, "`9003` is not an error code");
    assert_eq!(w.position().unwrap(), "zh/x.md:4");
    assert_eq!(w.location.as_ref().unwrap().column, Some(3));
}

#[test]
fn a_page_of_10_mb_generates_and_its_late_lines_are_reported_right() {
    let description = "很长的说明。".repeat(250); // 4,500 bytes
    let mut text = String::from("### 业务错误码\n\n| 错误码 | 说明 |\n|---|---|\n");
    let mut n = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!("| Big.Code{n} | {description} |\n"));
        n += 1;
    }
    text.push_str("| 9003 | 数字 |\n");
    let g = generated(vec![page("zh/x.md", &text)]);
    assert_eq!(codes(&g, "x").len(), n);
    let w = one(&g.diagnostics, "`9003` is not an error code");
    assert_eq!(w.position().unwrap(), format!("zh/x.md:{}", n + 5));
    let rendered = g.render_warnings();
    assert!(
        rendered.contains(&format!("zh/x.md:{}:3", n + 5)),
        "{rendered}"
    );
    assert!(rendered.len() < 2_000, "{} bytes rendered", rendered.len());
}

// ---- names ----------------------------------------------------------------------------------

#[test]
fn a_file_or_folder_name_that_is_not_a_module_name_is_an_error_with_a_hint() {
    let (tmp, docs) = docs(&[
        ("zh/Bad-Name.md", GOOD.as_bytes()),
        ("zh/cvm/2017-03-12.md", GOOD.as_bytes()),
        ("zh/common.md", GOOD.as_bytes()),
        ("zh/good.md", GOOD.as_bytes()),
    ]);
    let out = tmp.path().join("out");
    let failure = regen(&docs, &out, &Options::default()).unwrap_err();
    assert!(!out.exists());
    let errors: Vec<(String, String, String)> = failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.position().unwrap(),
                d.message.clone(),
                d.help.clone().unwrap(),
            )
        })
        .collect();
    let at = |rel: &str| docs.join(rel).display().to_string();
    assert_eq!(
        errors,
        [
            (
                at("zh/Bad-Name.md"),
                "the product name `Bad-Name` cannot be a module name".to_owned(),
                "module names are lower-case ASCII letters, digits and `_`, starting with a letter; rename it to `bad_name`".to_owned(),
            ),
            (
                at("zh/common.md"),
                "the product name `common` cannot be a module name".to_owned(),
                "`common` is a name the generated crate uses itself (the module of the common codes); rename the file or folder (for example `common_product`)".to_owned(),
            ),
            (
                at("zh/cvm/2017-03-12.md"),
                "the version name `2017-03-12` cannot be a module name".to_owned(),
                "module names are lower-case ASCII letters, digits and `_`, starting with a letter; rename it to `p2017_03_12`".to_owned(),
            ),
        ]
    );
    assert!(source::check_module_name("bad_name").is_ok());
    assert!(source::check_module_name("p2017_03_12").is_ok());
}

// ---- severity and rendering -----------------------------------------------------------------

#[test]
fn deny_warnings_turns_every_warning_into_an_error_at_the_same_place() {
    let text = "| 错误码 | 说明 |\n|---|---|\n| A.B | 好 |\n| 9003 | 坏 |\n";
    let lenient = generated(vec![page("zh/x.md", text)]);
    let strict = Options {
        deny_warnings: true,
        ..Options::default()
    };
    let failure = run(vec![page("zh/x.md", text)], &strict).unwrap_err();
    let positions =
        |d: &Diagnostics| -> Vec<Option<String>> { d.iter().map(Diagnostic::position).collect() };
    assert_eq!(
        positions(&failure.diagnostics),
        positions(&lenient.diagnostics)
    );
    assert!(failure
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Error));
    assert_eq!(failure.diagnostics.len(), 1);
}

#[test]
fn a_rendered_diagnostic_has_file_line_column_source_marker_and_hint() {
    let text = "| 错误码 | 说明 |\n|---|---|\n| A.B | 好 |\n| 403 Forbidden | 禁止 |\n";
    let g = generated(vec![page("zh/x.md", text)]);
    let rendered = g.render_warnings();
    let expected = "\
warning: `403 Forbidden` is not an error code; the row is left out
 --> zh/x.md:4:3
  |
4 | | 403 Forbidden | 禁止 |
  |   ^^^^^^^^^^^^^ not an error code
  |
help: an error code is ASCII letters, digits and `_` in segments joined by `.`, starting with a letter, such as `InvalidParameter.Malformed`";
    assert_eq!(rendered.trim_end(), expected);
}

#[test]
fn what_a_page_holds_cannot_hide_or_reorder_what_the_terminal_shows() {
    // A bidirectional override and an escape sequence in a cell that is not a code.
    let text = "| 错误码 | 说明 |\n|---|---|\n| A.B | 好 |\n| 9\u{202e}003 \u{1b}[2J | 坏 |\n";
    let g = generated(vec![page("zh/x.md", text)]);
    let rendered = g.render_warnings();
    assert!(!rendered.contains('\u{202e}'), "{rendered:?}");
    assert!(!rendered.contains('\u{1b}'), "{rendered:?}");
    let w = g.diagnostics.iter().next().unwrap();
    assert_eq!(w.position().unwrap(), "zh/x.md:4");
    assert!(!w.to_string().contains('\u{1b}'));
}

// ---- descriptions that try to break out -----------------------------------------------------

/// A 100,000-character line.
fn long_line() -> String {
    "长".repeat(100_000)
}

/// `(code, cell as the page writes it, what a reader sees)`: every way a description could break
/// out of a string literal, a comment or an attribute, or mislead whoever prints it.
fn nasty_rows() -> Vec<(&'static str, String, String)> {
    let row = |code, cell: &str, seen: &str| (code, cell.to_owned(), seen.to_owned());
    vec![
        row("Quote.Double", r#"a "quoted" word""#, r#"a "quoted" word""#),
        row(
            "Back.Slash",
            r"C:\\Windows\\ and \n and \",
            r"C:\Windows\ and \n and \",
        ),
        // Unescaped, `*/ here /*` is emphasis: a reader sees no stars.
        row(
            "Comment.End",
            r"ends \*/ here /\* and // not",
            "ends */ here /* and // not",
        ),
        // What markdown would read as emphasis is kept as the documentation wrote it.
        row("Emphasis", "ends */ here /* too", "ends */ here /* too"),
        row(
            "Brackets",
            "]] and #[attr] and } and {",
            "]] and #[attr] and } and {",
        ),
        row(
            "Raw.String",
            r##"r#"x"# and "# and '"##,
            r##"r#"x"# and "# and '"##,
        ),
        row("Bidi", "abc\u{202e}def\u{2066}g\u{200f}h", "abcdefgh"),
        row("Controls", "x\u{0}y\u{7}z\u{1b}[0m\u{8}!", "xyz[0m!"),
        row(
            "Entities",
            "&lt;b&gt; &amp; &#x202E;end &#0;",
            "<b> & end \u{fffd}",
        ),
        row("Tab.Inside", "a\tb", "a b"),
        row("Line.Break", "one<br>two<br/>three", "one\ntwo\nthree"),
        row("Code.Span", "`` a ` b `` and `<br>`", "a ` b and <br>"),
        row("Emoji", "😀 ok \u{202e}", "😀 ok"),
        row("Long.Line", &long_line(), &long_line()),
        // After a line break, a fence would open a code block: a doctest in the rustdoc.
        row(
            "Code.Fence",
            "见<br>```<br>broken(<br>```",
            "见\n<br>broken(<br>",
        ),
        row("Tilde.Fence", "见<br>~~~<br>broken(", "见\n~~~\nbroken("),
        // Codes that make awkward variant names.
        row("Self", "自身", "自身"),
        row("ALL", "全部", "全部"),
        row("ErrorCode", "枚举名", "枚举名"),
        row("Entry", "表项", "表项"),
        row("A", "一", "一"),
        row("A.", "一点", "一点"),
        row("A_", "一杠", "一杠"),
    ]
}

/// The one test that compiles a generated crate: descriptions that try to break out, a module
/// with no codes, no common table at all (an empty `common`), and codes with awkward names. The
/// crate builds with warnings denied, and a program using it gets every message back as a reader
/// sees it: the text minus the characters that cannot be shown.
#[test]
fn descriptions_that_try_to_break_out_build_and_read_back() {
    let rows = nasty_rows();
    let mut zh = String::from("### 业务错误码\n\n| 错误码 | 说明 |\n|---|---|\n");
    for (code, cell, _) in &rows {
        zh.push_str(&format!("| {code} | {cell} |\n"));
    }
    let en = "| Error Code | Description |\n|---|---|\n| Quote.Double | \"English\" \\\\ */ }} |\n";
    let (tmp, docs) = docs(&[
        ("zh/nasty.md", zh.as_bytes()),
        ("en/nasty.md", en.as_bytes()),
        ("zh/empty.md", b""),
    ]);
    let out = tmp.path().join("crate");
    let generation = regen(&docs, &out, &Options::default())
        .unwrap_or_else(|failure| panic!("{}", failure.render()));
    assert!(generation.catalog.common.is_empty());
    // No line of the variants' rustdoc, as rustdoc reads it, opens a code block.
    let module = std::fs::read_to_string(out.join("src/nasty.rs")).unwrap();
    let file = syn::parse_file(&module).unwrap();
    let variants = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == "ErrorCode" => Some(&e.variants),
            _ => None,
        })
        .unwrap();
    let mut doc_lines = 0;
    for variant in variants {
        for line in doc_of(&variant.attrs).lines() {
            let doc = line.trim();
            assert!(!doc.starts_with("```") && !doc.starts_with("~~~"), "{line}");
            doc_lines += 1;
        }
    }
    assert!(doc_lines > rows.len() * 3, "{doc_lines} doc lines");

    let program = tmp.path().join("dump");
    std::fs::create_dir_all(program.join("src")).unwrap();
    std::fs::write(
        program.join("Cargo.toml"),
        format!(
            "[package]\nname = \"dump\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ntencentcloud-errors = {{ path = {:?}, features = [\"full\"] }}\n\n[workspace]\n",
            out.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        program.join("src/main.rs"),
        r#"use tencentcloud_errors::{Code, Lang};

fn dump<C: Code>(module: &str) {
    for &code in C::ALL {
        assert_eq!(code.as_str().parse::<C>(), Ok(code));
        println!("{module}\t{}\t{:?}\t{:?}", code.as_str(), code.message(Lang::Zh), code.message(Lang::En));
    }
}

fn main() {
    dump::<tencentcloud_errors::common::ErrorCode>("common");
    dump::<tencentcloud_errors::empty::ErrorCode>("empty");
    dump::<tencentcloud_errors::nasty::ErrorCode>("nasty");
    println!("end");
}
"#,
    )
    .unwrap();
    let output = cargo(&["run", "--quiet"], &program.join("Cargo.toml"));
    let stdout = String::from_utf8(output.stdout).unwrap();

    let mut expected: Vec<String> = rows
        .iter()
        .map(|(code, _, seen)| {
            let en = if *code == "Quote.Double" {
                "\"English\" \\ */ }}"
            } else {
                seen.as_str()
            };
            format!("nasty\t{code}\t{seen:?}\t{en:?}")
        })
        .collect();
    expected.sort();
    expected.push("end".to_owned());
    let got: Vec<&str> = stdout.lines().collect();
    assert_eq!(got.len(), expected.len());
    for (got, expected) in got.iter().zip(&expected) {
        assert!(
            got == expected,
            "got      {}\nexpected {}",
            text_excerpt(got),
            text_excerpt(expected)
        );
    }
}

fn text_excerpt(s: &str) -> String {
    s.chars().take(200).collect()
}

/// A cell's text is the documentation's text: what markdown would read as emphasis is kept as
/// written, and a link keeps where it points (issue 19, points 1 and 2).
#[test]
fn underscores_and_asterisks_stay_and_links_keep_their_destination() {
    let (rows, diags) = parsed(
        "| 错误码 | 说明 |\n|---|---|\n\
         | A.Name | 由字母、下划线（_）组成，以字母或（_）开头 |\n\
         | A.Bold | The instance does not support **No Charges When Shut Down**. |\n\
         | A.Link | 请参见[1004错误详解](https://cloud.tencent.com/document/product/1128/38004#Q5)。 |\n\
         | A.Html | 参考 <a href=\"https://cloud.tencent.com/x?a=1&amp;b=2\">审核标准</a> 与 <https://c.d/e> |\n\
         | A.Code | `Filter` 传值超出限制 |\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        rows,
        pairs(&[
            ("A.Name", "由字母、下划线（_）组成，以字母或（_）开头"),
            (
                "A.Bold",
                "The instance does not support **No Charges When Shut Down**."
            ),
            (
                "A.Link",
                "请参见1004错误详解 (https://cloud.tencent.com/document/product/1128/38004#Q5)。"
            ),
            (
                "A.Html",
                "参考 审核标准 (https://cloud.tencent.com/x?a=1&b=2) 与 https://c.d/e"
            ),
            ("A.Code", "Filter 传值超出限制"),
        ])
    );
}
