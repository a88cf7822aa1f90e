//! Descriptions as rustdoc markdown that renders as the documentation shows them.
//!
//! A description is a table cell: on the docs site nothing in it starts a block (a heading, a
//! list, a code block), a bare URL is a link, and `[1,100]` is text. In a rustdoc the same
//! characters mean more: after a line break (`<br>`) `- x` is a list and three backticks open a
//! code block that rustdoc compiles as a doctest; `[1,100]` is an intra-doc link that does not
//! resolve, and a bare URL is a warning. Under `RUSTDOCFLAGS="-D warnings"` the last two stop
//! `cargo doc`. So every line is made into inline text: block markers at a line's start are
//! escaped, bare URLs become autolinks (`<https://…>`), and brackets that do not belong to a
//! real link are escaped. Real links, code spans and inline HTML (`<br/>`) are kept as written.
//!
//! Deprecated codes have only their plain text, from the ledger: it is escaped as a whole
//! ([`crate::text::escape_markdown`]), its URLs made autolinks the same way.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// The lines of a description's rustdoc, from the markdown of its cell (`<br>` and `\n` are
/// line breaks).
pub(super) fn from_markdown(markdown: &str) -> Vec<String> {
    let lines: Vec<String> = visible_lines(&markdown.replace("<br>", "\n"))
        .iter()
        .map(|line| escape_block_start(line))
        .collect();
    let joined = lines.join("\n");
    let protected = protected_ranges(&joined);
    let mut out = String::with_capacity(joined.len() + 8);
    let mut at = 0;
    for range in protected {
        inline_text(&joined[at..range.start], &mut out);
        out.push_str(&joined[range.clone()]);
        at = range.end;
    }
    inline_text(&joined[at..], &mut out);
    out.split('\n').map(str::to_owned).collect()
}

/// The lines of a description's rustdoc, from its plain text (what a deprecated code keeps).
pub(super) fn from_plain(text: &str) -> Vec<String> {
    visible_lines(text)
        .iter()
        .map(|line| {
            let mut out = String::with_capacity(line.len() + 8);
            let mut rest = line.as_str();
            while let Some((before, url, after)) = next_url(rest) {
                out.push_str(&crate::text::escape_markdown(before));
                out.push('<');
                out.push_str(&url);
                out.push('>');
                rest = after;
            }
            out.push_str(&crate::text::escape_markdown(rest));
            escape_block_start(&out)
        })
        .collect()
}

/// Lines without control and bidirectional-override characters (rustc rejects the latter in
/// comments), trimmed.
fn visible_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|line| {
            line.chars()
                .filter(|&c| !c.is_control() && !crate::text::is_bidi_control(c))
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .collect()
}

/// A line whose start cannot open a block: a heading (`#`), a quote (`>`), a list item (`-`,
/// `+`, `*` or `1.` and a space), a rule or a setext underline (`---`, `===`), a table row
/// (`|`), or a fence (three backticks or tildes) gets its first marker escaped.
fn escape_block_start(line: &str) -> String {
    let first = line.chars().next();
    let second = line.chars().nth(1);
    let escape = match first {
        Some('#' | '>' | '|' | '=' | '~') => true,
        // One backtick opens a code span, which is inline: escaping it would break the span.
        // Three open a fence.
        Some('`') => line.starts_with("```"),
        Some('-' | '+' | '*' | '_') => {
            matches!(second, None | Some(' '))
                || line.chars().all(|c| c == first.unwrap_or(' ') || c == ' ')
        }
        _ => false,
    };
    if escape && !line.starts_with('\\') {
        return format!("\\{line}");
    }
    // `1.` or `1)` and a space (or nothing) is an ordered list item.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = line.as_bytes().get(digits).copied();
    let after = line.as_bytes().get(digits + 1).copied();
    if (1..=9).contains(&digits)
        && matches!(marker, Some(b'.' | b')'))
        && matches!(after, None | Some(b' '))
    {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

/// The byte ranges of `markdown` that are kept as written: code spans, real links and images
/// (inline, or autolinks), and inline HTML. Sorted, not overlapping.
fn protected_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                if depth == 0 {
                    ranges.push(range);
                }
                depth += 1;
            }
            Event::End(pulldown_cmark::TagEnd::Link | pulldown_cmark::TagEnd::Image) => {
                depth = depth.saturating_sub(1);
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) if depth == 0 => {
                ranges.push(range);
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Markdown text outside links and code: bare URLs as autolinks, brackets escaped (a `[`
/// already escaped stays as it is).
fn inline_text(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some((before, url, after)) = next_url(rest) {
        escape_brackets(before, out);
        out.push('<');
        out.push_str(&url);
        out.push('>');
        rest = after;
    }
    escape_brackets(rest, out);
}

fn escape_brackets(text: &str, out: &mut String) {
    let mut backslashes = 0;
    for c in text.chars() {
        if (c == '[' || c == ']') && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
}

/// The first URL (`http://` or `https://`, as rustdoc's `bare_urls` lint finds them) in `text`:
/// the text before it, the URL with markdown escapes removed (`\_` is `_`), and the text after.
/// The URL ends at the first character an autolink cannot hold or a URL does not use, and
/// punctuation that ends a sentence (`.`, `,`, `:`, `;`, `!`, `?`) is left after it.
fn next_url(text: &str) -> Option<(&str, String, &str)> {
    let start = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| text.find(scheme))
        .min()?;
    let bytes = text.as_bytes();
    let mut end = start;
    let mut url = String::new();
    // The URL's end, and its text, before trailing punctuation is given back.
    while end < bytes.len() {
        let b = bytes[end];
        if b == b'\\' && bytes.get(end + 1).is_some_and(|n| n.is_ascii_punctuation()) {
            url.push(char::from(bytes[end + 1]));
            end += 2;
        } else if b.is_ascii_alphanumeric() || b"-@:%._+~#=?&/!$'()*,;".contains(&b) {
            url.push(char::from(b));
            end += 1;
        } else {
            break;
        }
    }
    // Parentheses are kept only when they pair up inside the URL: `(see https://a.b/c)`.
    while url.ends_with(['.', ',', ':', ';', '!', '?', '\''])
        || (url.ends_with(')') && url.matches('(').count() < url.matches(')').count())
    {
        url.pop();
        end -= 1;
        // An escaped character given back is two bytes of the source.
        if end > start && bytes[end - 1] == b'\\' {
            end -= 1;
        }
    }
    let scheme_only = url == "http://" || url == "https://";
    if scheme_only {
        // Not a URL: look after this scheme.
        let skip = start + url.len();
        let (before, found, after) = next_url(&text[skip..])?;
        let before_len = skip + before.len();
        return Some((&text[..before_len], found, after));
    }
    Some((&text[..start], url, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_become_autolinks_and_sentence_punctuation_stays_outside() {
        assert_eq!(
            from_markdown("请在 https://console.cloud.tencent.com/tts 开通。"),
            ["请在 <https://console.cloud.tencent.com/tts> 开通。"]
        );
        assert_eq!(
            from_markdown("see http://a.b/c_d."),
            ["see <http://a.b/c_d>."]
        );
        assert_eq!(
            from_markdown("(see https://a.b/c(1))"),
            ["(see <https://a.b/c(1)>)"]
        );
        assert_eq!(
            from_markdown("x\\_ https://a.b/x\\_y"),
            ["x\\_ <https://a.b/x_y>"]
        );
        assert_eq!(from_markdown("only https:// here"), ["only https:// here"]);
    }

    #[test]
    fn real_links_and_code_are_kept_and_other_brackets_escaped() {
        assert_eq!(
            from_markdown("取值范围[1,100]，见[文档](https://a.b/c)或`[x]`和<https://a.b>"),
            ["取值范围\\[1,100\\]，见[文档](https://a.b/c)或`[x]`和<https://a.b>"]
        );
        assert_eq!(
            from_markdown("\\[参数\\] [参数]"),
            ["\\[参数\\] \\[参数\\]"]
        );
    }

    #[test]
    fn a_code_span_at_a_line_start_stays_a_code_span() {
        assert_eq!(
            from_markdown("`ImageIds` and `Filters` cannot be specified at the same time."),
            ["`ImageIds` and `Filters` cannot be specified at the same time."]
        );
        assert_eq!(from_markdown("a<br>```rust"), ["a", "\\```rust"]);
    }

    #[test]
    fn no_line_opens_a_block() {
        assert_eq!(
            from_markdown("a<br>- b<br># c<br>1. d<br>---<br>\\`\\`\\`<br>> e<br>-1"),
            [
                "a",
                "\\- b",
                "\\# c",
                "1\\. d",
                "\\---",
                "\\`\\`\\`",
                "\\> e",
                "-1"
            ]
        );
    }

    #[test]
    fn plain_text_is_escaped_but_its_urls_are_links() {
        assert_eq!(
            from_plain("```\n[1,100] see https://a.b/x_y.\n- z"),
            ["\\`\\`\\`", "\\[1,100\\] see <https://a.b/x_y>.", "\\- z"]
        );
    }
}
