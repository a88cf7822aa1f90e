//! What a reader sees of a description: the rules shared by the parser (for messages) and the
//! emitter (for rustdoc).

/// Whether `c` is a bidirectional control character. They can make source text read differently
/// from how it compiles, so rustc rejects them in literals and comments, and a message that holds
/// one can mislead whoever prints it.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// The plain text of a cell as a reader sees it: control characters other than line breaks, and
/// bidirectional controls, removed (a reader sees neither); tabs become spaces; trimmed.
pub fn visible(text: &str) -> String {
    // Most cells have nothing to remove: one scan, and one allocation for the trimmed text.
    if !text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c))
    {
        return text.trim().to_owned();
    }
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// At most `max` characters of `text`, with `…` when it was cut: for quoting a page in a message.
pub fn excerpt(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// Plain text as markdown that renders as that text: the characters that can start markup
/// (`\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `&`, `|`, `~`, `#`) are escaped with `\`.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text from a page made safe to print on a terminal: control characters (line breaks too) and
/// bidirectional controls are written as escapes (`\u{202e}`), so that a message cannot move the
/// cursor, hide text or reorder what follows it.
pub fn escape_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// A source line made safe to print under a diagnostic, byte for byte the same length so that
/// spans into it stay valid: each control character (but tab) and bidirectional control is
/// replaced by a visible character of the same UTF-8 length (`?`, `¿` or `�`).
pub fn mask_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| (c.is_control() && c != '\t' && c != '\n') || is_bidi_control(c))
    {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if (c.is_control() && c != '\t' && c != '\n') || is_bidi_control(c) {
                match c.len_utf8() {
                    1 => '?',
                    2 => '¿',
                    _ => '\u{fffd}',
                }
            } else {
                c
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cuts_at_a_character_boundary() {
        assert_eq!(excerpt("错误码说明", 3), "错误码…");
        assert_eq!(excerpt("abc", 3), "abc");
    }

    #[test]
    fn escaped_markdown_reads_back_as_the_text() {
        let text = "a*b_c [x](y) <b>&amp; `t` | ~~s~~ # \\";
        let md = format!("{}\n", escape_markdown(text));
        let mut back = String::new();
        for event in pulldown_cmark::Parser::new(&md) {
            if let pulldown_cmark::Event::Text(t) = event {
                back.push_str(&t);
            }
        }
        assert_eq!(back, text);
    }

    #[test]
    fn escape_invisible_shows_what_a_terminal_would_hide() {
        assert_eq!(
            escape_invisible("a\u{202e}b\0c\nd"),
            "a\\u{202e}b\\u{0}c\\nd"
        );
        assert_eq!(escape_invisible("plain 文字"), "plain 文字");
    }

    #[test]
    fn mask_invisible_keeps_byte_offsets() {
        for text in ["a\u{202e}b", "x\0y\u{85}z\u{61c}", "tab\tkept"] {
            let masked = mask_invisible(text);
            assert_eq!(masked.len(), text.len(), "{masked}");
            assert!(!masked
                .chars()
                .any(|c| is_bidi_control(c) || (c.is_control() && c != '\t')));
        }
    }

    #[test]
    fn visible_keeps_line_breaks_and_drops_controls() {
        assert_eq!(visible(" a\u{8}b\nc\u{202e}d\u{0}\t"), "ab\ncd");
        assert_eq!(visible("x\ty"), "x y");
    }
}
