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

mod support;

use std::collections::BTreeMap;

use support::{corpus, workspace};
use tencentcloud_errors::{modules, CodeInfo, Lang};

/// The SDK's text as the crate renders it, by the README's list and nothing else.
fn rendered(sdk: &str) -> String {
    let text: String = sdk.chars().filter(|&c| c != '\u{8}').collect();
    let text = anchors(&text);
    let text = links(&text);
    code_spans(&text)
}

/// A run of backticks closed by a run of the same length, with the text between: a code span,
/// whose backticks go. A run no such run closes is a backtick written as itself.
fn code_spans(text: &str) -> String {
    let runs: Vec<(usize, usize)> = {
        let bytes = text.as_bytes();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'`' {
                let start = i;
                while i < bytes.len() && bytes[i] == b'`' {
                    i += 1;
                }
                runs.push((start, i - start));
            } else {
                i += 1;
            }
        }
        runs
    };
    let mut drop = vec![false; runs.len()];
    let mut i = 0;
    while i < runs.len() {
        match (i + 1..runs.len()).find(|&j| runs[j].1 == runs[i].1) {
            Some(j) => {
                drop[i] = true;
                drop[j] = true;
                i = j + 1;
            }
            None => i += 1,
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for (&(start, len), dropped) in runs.iter().zip(drop) {
        if dropped {
            out.push_str(&text[at..start]);
            at = start + len;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// `[text](url)` as `text (url)`.
fn links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let parsed = after.find("](").and_then(|close| {
            let url_part = &after[close + 2..];
            let end = url_part.find(')')?;
            Some((&after[..close], &url_part[..end], &url_part[end + 1..]))
        });
        match parsed {
            Some((label, url, tail)) if !label.contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&format!("{label} ({})", url.trim()));
                rest = tail;
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `<a href="url">text</a>` as `text (url)`.
fn anchors(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("<a href=\"") {
        let after = &rest[open + "<a href=\"".len()..];
        let Some(quote) = after.find('"') else { break };
        let url = &after[..quote];
        let Some(tag_end) = after[quote..].find('>') else {
            break;
        };
        let body = &after[quote + tag_end + 1..];
        let Some(close) = body.find("</a>") else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&format!("{} ({url})", &body[..close]));
        rest = &body[close + "</a>".len()..];
    }
    out.push_str(rest);
    out
}

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

#[test]
fn every_sdk_text_is_the_crate_s_message_but_for_the_listed_renderings() {
    let Some(catalog) = corpus("catalog") else {
        return;
    };
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

#[test]
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
