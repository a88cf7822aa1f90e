//! Per-action error lists (issue 12): the docs' own API pages read by what they say, the tables
//! of codes by action in a module's page, the warnings at file and line, the crate they build,
//! and the change report of a refresh.

use std::path::{Path, PathBuf};

mod support;

use support::{cargo, copy_dir, corpus, workspace};
use tencentcloud_errors_codegen::model::Module;
use tencentcloud_errors_codegen::{generate, regen, Bump, Generation, Options, Severity};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn generate_docs(docs: &Path) -> Generation {
    let tmp = tempfile::tempdir().unwrap();
    generate(docs, &tmp.path().join("out"), &Options::default())
        .unwrap_or_else(|failure| panic!("{}", failure.render()))
}

fn module<'a>(generation: &'a Generation, path: &str) -> &'a Module {
    generation
        .catalog
        .modules
        .iter()
        .find(|m| m.id.to_string() == path)
        .unwrap_or_else(|| panic!("no module {path}"))
}

fn codes_of(module: &Module, action: &str) -> Vec<String> {
    module
        .actions
        .iter()
        .find(|a| a.name == action)
        .unwrap_or_else(|| panic!("no action {action} in {}", module.id))
        .codes
        .clone()
}

/// An API page as the docs write one, with the wording of the `Action` and `Version` rows given.
fn api_page(action_row: &str, version_row: &str, errors: &[(&str, &str)]) -> String {
    let mut page = format!(
        "## 1. 接口描述\n\n本接口 ({}) 用于测试。\n\n## 2. 输入参数\n\n\
         | 参数名称 | 必选 | 类型 | 描述 |\n|---|---|---|---|\n{action_row}\n{version_row}\n\
         | InstanceId | 是 | String | 实例ID。 |\n\n## 3. 输出参数\n\n\
         | 参数名称 | 类型 | 描述 |\n|---|---|---|\n| RequestId | String | 请求ID。 |\n\n",
        "X"
    );
    if !errors.is_empty() {
        page.push_str("## 4. 错误码\n\n| 错误码 | 描述 |\n|---|---|\n");
        for (code, text) in errors {
            page.push_str(&format!("| {code} | {text} |\n"));
        }
    }
    page
}

fn an_api_page_is_read_by_its_rows_whatever_its_file_is_called() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path();
    write(
        docs,
        "zh/cvm/创建实例.md",
        &api_page(
            "| Action | 是 | String | 公共参数，本接口取值：RunInstances |",
            "| Version | 是 | String | 公共参数，本接口取值：2017-03-12 |",
            &[
                ("InvalidImageId.NotFound", "未找到该镜像。"),
                ("InternalError", "内部错误。"),
            ],
        ),
    );
    // English pages word the rows in several ways, one with a zero-width space; this one lists
    // a code the Chinese page does not.
    write(
        docs,
        "en/cvm/Creating Instances_intl.md",
        &api_page(
            "| Action | Yes | String | Common parameter. The value\u{200b}used for this API: RunInstances. |",
            "| Version | Yes | String | Common parameter; its value for this API: 2017-03-12 |",
            &[
                ("InternalError", "Internal error."),
                ("InvalidImageId.NotFound", "The image cannot be found."),
                ("InvalidZone.MismatchRegion", "The zone does not exist."),
            ],
        ),
    );
    // No error table: an action that lists no code.
    write(
        docs,
        "zh/cvm/查询地域.md",
        &api_page(
            "| Action | 是 | String | 公共参数，本接口取值：DescribeRegions |",
            "| Version | 是 | String | 公共参数，本接口取值：2017-03-12 |",
            &[],
        ),
    );
    let generation = generate_docs(docs);
    let cvm = module(&generation, "cvm::v20170312");
    // The union, in the order of first appearance: the Chinese list, then English additions.
    assert_eq!(
        codes_of(cvm, "RunInstances"),
        [
            "InvalidImageId.NotFound",
            "InternalError",
            "InvalidZone.MismatchRegion"
        ]
    );
    assert_eq!(codes_of(cvm, "DescribeRegions"), Vec::<String>::new());
    // The pages' codes are the module's, with their texts in both languages.
    let image = cvm
        .codes
        .iter()
        .find(|c| c.code == "InvalidImageId.NotFound")
        .unwrap();
    assert_eq!(image.zh.as_ref().unwrap().text, "未找到该镜像。");
    assert_eq!(
        image.en.as_ref().unwrap().text,
        "The image cannot be found."
    );
    // Nothing about the page with no table, nor about the file names.
    assert!(
        generation.diagnostics.is_empty(),
        "{}",
        generation.render_warnings()
    );
}

fn a_second_action_or_version_on_a_page_is_a_warning_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path();
    let mut page = api_page(
        "| Action | 是 | String | 公共参数，本接口取值：RunInstances |",
        "| Version | 是 | String | 公共参数，本接口取值：2017-03-12 |",
        &[("InvalidImageId.NotFound", "未找到该镜像。")],
    );
    page.push_str(
        "\n## 5. 其他\n\n| 参数名称 | 必选 | 类型 | 描述 |\n|---|---|---|---|\n\
         | Action | 是 | String | 公共参数，本接口取值：TerminateInstances |\n\
         | Version | 是 | String | 公共参数，本接口取值：2018-01-01 |\n",
    );
    write(docs, "zh/cvm/page.md", &page);
    let generation = generate_docs(docs);
    let cvm = module(&generation, "cvm::v20170312");
    assert_eq!(codes_of(cvm, "RunInstances"), ["InvalidImageId.NotFound"]);
    let lines: Vec<usize> = page
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("TerminateInstances") || l.contains("2018-01-01"))
        .map(|(i, _)| i + 1)
        .collect();
    let warnings: Vec<_> = generation.diagnostics.iter().collect();
    assert_eq!(warnings.len(), 2, "{}", generation.render_warnings());
    for (warning, (what, line)) in warnings
        .iter()
        .zip([("action", lines[0]), ("version", lines[1])])
    {
        assert_eq!(warning.severity, Severity::Warning);
        assert!(
            warning.message.contains(&format!("a second {what}")),
            "{warning}"
        );
        let position = warning.position().unwrap();
        assert!(
            position.ends_with(&format!("zh/cvm/page.md:{line}")),
            "{position}"
        );
        assert_eq!(warning.related.len(), 1, "{warning}");
    }
}

fn a_page_that_names_an_action_but_no_version_is_not_an_api_page() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path();
    let page = api_page(
        "| Action | 是 | String | 公共参数，本接口取值：RunInstances |",
        "| Region | 是 | String | 地域。 |",
        &[("InvalidImageId.NotFound", "未找到该镜像。")],
    );
    write(docs, "zh/cvm/v20170312.md", &page);
    let generation = generate_docs(docs);
    // Read as the module page its name says it is, with a warning saying why.
    let cvm = module(&generation, "cvm::v20170312");
    assert!(cvm.actions.is_empty());
    assert_eq!(cvm.codes.len(), 1);
    let warning = generation
        .diagnostics
        .iter()
        .find(|d| d.message.contains("but no API version"))
        .unwrap_or_else(|| panic!("{}", generation.render_warnings()));
    let line = page
        .lines()
        .position(|l| l.contains("RunInstances |"))
        .unwrap()
        + 1;
    assert!(warning.position().unwrap().ends_with(&format!(":{line}")));
}

/// The seed's pages (the common table) and the category rules, without the imported catalog.
fn copy_seed(docs: &Path) {
    for page in ["zh/api3.md", "en/api3.md", "categories.tsv"] {
        let target = docs.join(page);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(workspace().join("docs-source").join(page), target).unwrap();
    }
}

/// A module's page with a table of codes by action, as the importer writes it.
const MODULE_PAGE: &str = "\
<!-- provenance -->

### 业务错误码

| 错误码 | 说明 |
|---|---|
| InvalidImageId.NotFound | 未找到该镜像。 |
| InvalidZone.MismatchRegion | 可用区不存在。 |

### 接口错误码

| 接口 | 错误码 |
|---|---|
| RunInstances | InvalidImageId.NotFound |
| RunInstances | InternalError |
| RunInstances | ResourceNotFound.NotInAnyTable |
| DescribeRegions | |
";

fn a_table_of_codes_by_action_lists_them_and_a_code_in_neither_table_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path();
    copy_seed(docs);
    write(docs, "zh/demo/v20170312.md", MODULE_PAGE);
    let generation = generate_docs(docs);
    let demo = module(&generation, "demo::v20170312");
    assert_eq!(
        codes_of(demo, "RunInstances"),
        [
            "InvalidImageId.NotFound",
            "InternalError",
            "ResourceNotFound.NotInAnyTable"
        ]
    );
    assert!(codes_of(demo, "DescribeRegions").is_empty());
    // The table of codes by action adds no code to the module.
    assert_eq!(demo.codes.len(), 2);
    let warnings: Vec<_> = generation
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("neither a code of"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", generation.render_warnings());
    let line = MODULE_PAGE
        .lines()
        .position(|l| l.contains("NotInAnyTable"))
        .unwrap()
        + 1;
    assert!(
        warnings[0]
            .position()
            .unwrap()
            .ends_with(&format!("zh/demo/v20170312.md:{line}")),
        "{}",
        warnings[0]
    );
}

/// The real API pages of `../shared/corpus/real/action/`, with the seed's common table beside
/// them (the catalog has it), and a module page listing a code neither table has.
fn real_api_docs(root: &Path) -> PathBuf {
    let real = corpus("real/action");
    let docs = root.join("docs");
    copy_dir(&real, &docs);
    copy_seed(&docs);
    write(&docs, "zh/demo/v20170312.md", MODULE_PAGE);
    docs
}

/// The codes of an API page's error table, read line by line (the generator reads markdown).
fn error_table(page: &str) -> Vec<String> {
    let mut codes = Vec::new();
    let mut in_errors = false;
    for line in page.lines() {
        let line = line.trim();
        if line.starts_with("## ") {
            in_errors = line.contains("错误码") || line.contains("Error Codes");
            continue;
        }
        if !in_errors || !line.starts_with('|') {
            continue;
        }
        let first = line
            .trim_matches('|')
            .split('|')
            .next()
            .unwrap_or("")
            .trim();
        let is_code = first.starts_with(|c: char| c.is_ascii_alphabetic())
            && first
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
        if is_code && first != "Error" && !codes.contains(&first.to_owned()) {
            codes.push(first.to_owned());
        }
    }
    codes
}

fn the_real_api_pages_regenerate_into_a_crate_that_builds_and_explains_them() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = real_api_docs(tmp.path());
    let out = tmp.path().join("crate");
    let generation = regen(&docs, &out, &Options::default())
        .unwrap_or_else(|failure| panic!("{}", failure.render()));
    // 293 API pages and the two seed pages, and the demo module's.
    assert_eq!(generation.pages.len(), 293 + 3);
    assert_eq!(
        generation
            .pages
            .iter()
            .filter(|p| p.action.is_some())
            .count(),
        293
    );
    // Every oddity is a warning naming its page, and its line unless it is about a whole page.
    for d in &generation.diagnostics {
        assert_eq!(d.severity, Severity::Warning);
        let location = d.location.as_ref().unwrap_or_else(|| panic!("{d}"));
        assert!(Path::new(&location.file).is_file(), "{d}");
        let page_wide = d.message.contains("English only");
        assert_eq!(location.line.is_some(), !page_wide, "{d}");
    }
    // RunInstances lists what its two pages' tables list, Chinese first.
    let cvm = module(&generation, "cvm::v20170312");
    let mut expected = Vec::new();
    for page in generation.pages.iter().filter(|p| {
        p.action
            .as_ref()
            .is_some_and(|h| h.action == "RunInstances")
    }) {
        for code in error_table(&page.text) {
            if !expected.contains(&code) {
                expected.push(code);
            }
        }
    }
    assert!(expected.len() > 10, "{expected:?}");
    assert_eq!(codes_of(cvm, "RunInstances"), expected);
    // Every action of every page is in its module.
    for page in &generation.pages {
        let Some(header) = &page.action else { continue };
        let m = module(&generation, &page.module.to_string());
        assert!(
            m.actions.iter().any(|a| a.name == header.action),
            "{}",
            page.rel
        );
    }
    // The crate builds, and its own tests (the runtime's, over every action of every module,
    // and `explain` run as a binary) pass on these actions.
    cargo(
        &["test", "--quiet", "--features", "cli,full"],
        &out.join("Cargo.toml"),
    );
}

/// The first page of `docs` with a table of codes by action, or a copy of the seed page with
/// one appended.
fn page_with_action_table(docs: &Path) -> PathBuf {
    let mut stack = vec![docs.join("zh")];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read_to_string(&path)
                .unwrap()
                .contains("\n| 接口 | 错误码 |\n")
            {
                return path;
            }
        }
    }
    let seed = docs.join("zh/api3.md");
    let mut text = std::fs::read_to_string(&seed).unwrap();
    text.push_str(
        "\n\n### 接口错误码\n\n| 接口 | 错误码 |\n|---|---|\n\
         | DescribeThings | AuthFailure |\n| DescribeThings | InternalError |\n",
    );
    std::fs::write(&seed, text).unwrap();
    seed
}

fn a_change_to_one_action_s_list_is_in_the_change_report() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, out) = (tmp.path().join("docs"), tmp.path().join("generated"));
    copy_dir(&workspace().join("docs-source"), &docs);
    let page = page_with_action_table(&docs);
    let before = regen(&docs, &out, &Options::default())
        .unwrap_or_else(|failure| panic!("{}", failure.render()));
    let module_key = before
        .catalog
        .modules
        .iter()
        .find(|m| m.pages.iter().any(|rel| docs.join(rel) == page))
        .map(|m| m.id.to_string())
        .unwrap();
    // One action's first row: its code goes to the end of another action's list of the page,
    // and leaves this one.
    let text = std::fs::read_to_string(&page).unwrap();
    let table = text.find("\n| 接口 | 错误码 |\n").unwrap();
    let rows: Vec<&str> = text[table..]
        .lines()
        .skip(3)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let cells = |row: &str| -> (String, String) {
        let mut cells = row
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_owned());
        (cells.next().unwrap(), cells.next().unwrap())
    };
    let (action, code) = cells(rows[0]);
    let unchanged = before
        .catalog
        .modules
        .iter()
        .find(|m| m.id.to_string() == module_key)
        .unwrap()
        .actions
        .iter()
        .find(|a| a.name == action)
        .unwrap()
        .codes
        .clone();
    let moved_to = format!("{action}Copy");
    let edited = text.replacen(
        &format!("{}\n", rows[0]),
        &format!("| {moved_to} | {code} |\n"),
        1,
    );
    std::fs::write(&page, &edited).unwrap();
    let after = regen(&docs, &out, &Options::default())
        .unwrap_or_else(|failure| panic!("{}", failure.render()));
    let changes = &after.report.modules[&module_key].actions;
    let report = after.report.to_markdown();
    let line = if unchanged.len() == 1 {
        format!("- action `{action}` is no longer documented\n")
    } else {
        format!("- action `{action}` no longer lists `{code}`\n")
    };
    assert!(report.contains(&line), "{line}{report}");
    assert!(
        report.contains(&format!("- action `{moved_to}` added, listing `{code}`\n")),
        "{report}"
    );
    assert!(report.contains(&format!("### `{module_key}`")), "{report}");
    assert!(!changes.is_empty());
    // An action added is a minor change, as a code is.
    assert_eq!(after.report.bump(), Bump::Minor);
    // The record follows the documentation: a regen with no change reports nothing.
    let again = regen(&docs, &out, &Options::default()).unwrap();
    assert!(again.report.is_empty(), "{}", again.report.to_markdown());

    // Only a list changed (a code of the moved action's list dropped): a patch.
    let dropped = edited.replacen(&format!("| {moved_to} | {code} |\n"), "", 1);
    let dropped = format!("{dropped}| {moved_to} | |\n");
    std::fs::write(&page, dropped).unwrap();
    let patch = regen(&docs, &out, &Options::default()).unwrap();
    let report = patch.report.to_markdown();
    assert!(
        report.contains(&format!("- action `{moved_to}` no longer lists `{code}`\n")),
        "{report}"
    );
    assert_eq!(patch.report.bump(), Bump::Patch, "{report}");
}

/// `expected-actions-<lang>.tsv`: product, version and action → codes, in the file's order.
type ExpectedActions = std::collections::BTreeMap<(String, String, String), Vec<String>>;

fn read_expected_actions(path: &Path) -> (ExpectedActions, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut actions = ExpectedActions::new();
    let mut rows = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 4, "{line}");
        actions
            .entry((f[0].to_owned(), f[1].to_owned(), f[2].to_owned()))
            .or_default()
            .push(f[3].to_owned());
        rows += 1;
    }
    (actions, rows)
}

fn the_committed_crate_has_every_action_of_both_sdks_with_exactly_its_codes() {
    use tencentcloud_errors::module;
    let sdk = corpus("sdk");
    let (zh, zh_rows) = read_expected_actions(&sdk.join("expected-actions-zh.tsv"));
    let (en, en_rows) = read_expected_actions(&sdk.join("expected-actions-en.tsv"));
    assert_eq!((zh.len(), zh_rows), (15_056, 136_035));
    assert_eq!((en.len(), en_rows), (8_563, 76_170));
    let keys: std::collections::BTreeSet<_> = zh.keys().chain(en.keys()).collect();
    for key @ (product, version, action) in keys {
        // The union, in the order of first appearance: the Chinese SDK's list, then the codes
        // only the English one lists.
        let mut expected: Vec<&str> = Vec::new();
        for code in zh.get(key).into_iter().chain(en.get(key)).flatten() {
            if !expected.contains(&code.as_str()) {
                expected.push(code);
            }
        }
        let found = module(product, Some(version))
            .unwrap_or_else(|| panic!("no module {product} {version} in generated/"))
            .action(action)
            .unwrap_or_else(|| panic!("no action {action} in {product} {version}"));
        let got: Vec<&str> = found.codes().map(|c| c.as_str()).collect();
        assert_eq!(got, expected, "{product} {version} {action}");
        // Every listed code is a row of the module's table or of the common one (the SDKs list
        // no other), not a code neither has.
        for code in found.codes() {
            assert!(code.module().get(code.as_str()).is_some(), "{key:?} {code}");
        }
    }
}

fn main() -> std::process::ExitCode {
    support::harness::main(support::harness::tests![
        an_api_page_is_read_by_its_rows_whatever_its_file_is_called,
        a_second_action_or_version_on_a_page_is_a_warning_at_its_line,
        a_page_that_names_an_action_but_no_version_is_not_an_api_page,
        a_table_of_codes_by_action_lists_them_and_a_code_in_neither_table_is_a_warning,
        the_real_api_pages_regenerate_into_a_crate_that_builds_and_explains_them needs ["corpus/real/action"],
        a_change_to_one_action_s_list_is_in_the_change_report,
        the_committed_crate_has_every_action_of_both_sdks_with_exactly_its_codes needs ["corpus/sdk/expected-actions-zh.tsv", "corpus/sdk/expected-actions-en.tsv"],
    ])
}
