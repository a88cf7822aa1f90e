//! The renderings the workspace README lists, by which a code's `message()` differs from the
//! text of the documentation's source, written out independently of the generator's parser:
//! code spans lose their backticks, links become `text (url)` (markdown's and HTML's), and the
//! invisible control character U+0008 is dropped. Shared by the tests that hold the crate's
//! texts to the corpus's oracles.

/// The SDK's text as the crate renders it, by the README's list and nothing else.
pub fn rendered(sdk: &str) -> String {
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
