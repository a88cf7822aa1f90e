//! The crate's texts round-trip to the SDKs': for every row of the Chinese and English Go SDKs'
//! `errors.go` (`../shared/corpus/catalog/expected-{zh,en}.tsv`, which the corpus holds as the
//! oracle of what those files say), `message()` of the committed crate is the SDK's comment
//! text, apart from the renderings the workspace README lists, each written out here:
//!
//! - a code span loses its backticks (`` `Filter` `` is `Filter`);
//! - a link becomes its text and, in brackets, where it points (`[文档](https://…)` and
//!   `<a href="https://…">文档</a>` are `文档 (https://…)`);
//! - the two invisible control characters (U+0008) are dropped;
//! - a code the SDK leaves without a text in one language has the other language's text.
//!
//! Nothing else may differ: not an underscore markdown would read as emphasis, not a `**`.

mod renderings;
mod support;

use std::collections::BTreeMap;

use renderings::rendered;
use support::{corpus, workspace};
use tencentcloud_errors::{modules, CodeInfo, Lang};

/// Every code of the crate, by (`product::version`, code).
fn crate_codes() -> BTreeMap<(String, String), CodeInfo> {
    let mut codes = BTreeMap::new();
    for module in modules() {
        let (Some(product), Some(version)) = (module.product(), module.version()) else {
            continue;
        };
        for info in module.codes() {
            codes.insert(
                (format!("{product}::{version}"), info.as_str().to_owned()),
                info,
            );
        }
    }
    codes
}

fn main() -> std::process::ExitCode {
    support::harness::main(support::harness::tests![
        every_sdk_text_is_the_crate_s_message_but_for_the_listed_renderings
            needs ["corpus/catalog/expected-zh.tsv", "corpus/catalog/expected-en.tsv"],
        the_renderings_are_the_readme_s,
    ])
}

fn every_sdk_text_is_the_crate_s_message_but_for_the_listed_renderings() {
    let catalog = corpus("catalog");
    let codes = crate_codes();
    for (lang, other, file) in [
        (Lang::Zh, Lang::En, "expected-zh.tsv"),
        (Lang::En, Lang::Zh, "expected-en.tsv"),
    ] {
        let oracle = std::fs::read_to_string(catalog.join(file)).unwrap();
        let (mut rows, mut rendered_rows) = (0, 0);
        let mut wrong = Vec::new();
        for line in oracle.lines().skip(1) {
            let mut fields = line.splitn(4, '\t');
            let (Some(product), Some(version), Some(code), Some(text)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                panic!("{file}: a row without four fields: {line:?}");
            };
            rows += 1;
            let key = (format!("{product}::{version}"), code.to_owned());
            let info = codes
                .get(&key)
                .unwrap_or_else(|| panic!("the crate has no {key:?} of {file}"));
            let expected = if text.is_empty() {
                info.message(other).to_owned()
            } else {
                rendered(text)
            };
            rendered_rows += usize::from(expected != text && !text.is_empty());
            if info.message(lang) != expected {
                wrong.push(format!(
                    "{key:?}\n  SDK:   {text:?}\n  crate: {:?}",
                    info.message(lang)
                ));
            }
        }
        assert!(
            wrong.is_empty(),
            "{} of {rows} rows of {file} differ:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
        // The catalog's rows, and the renderings at work on some of them.
        assert!(rows > 10_000, "{file}: {rows} rows");
        assert!(rendered_rows > 20, "{file}: {rendered_rows} rendered rows");
    }
}

fn the_renderings_are_the_readme_s() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        readme.contains(
            "code spans lose their backticks; links become `text (url)`; the two invisible control characters (U+0008) are dropped"
        ),
        "README.md does not list the renderings"
    );
    assert_eq!(
        rendered("见[文档](https://a/b)与<a href=\"https://c\">控制台</a>，`Filter`\u{8}。"),
        "见文档 (https://a/b)与控制台 (https://c)，Filter。"
    );
    assert_eq!(rendered("下划线（_）与 **粗体**"), "下划线（_）与 **粗体**");
    // A run of backticks pairs with the next run as long, as markdown reads them; a lone one
    // is a backtick.
    assert_eq!(rendered("符号`|和数字"), "符号`|和数字");
    assert_eq!(rendered("a `b` c ``d`e``"), "a b c d`e");
    assert_eq!(rendered("[工单]( https://x )"), "工单 (https://x)");
}
