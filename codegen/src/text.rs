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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_keeps_line_breaks_and_drops_controls() {
        assert_eq!(visible(" a\u{8}b\nc\u{202e}d\u{0}\t"), "ab\ncd");
        assert_eq!(visible("x\ty"), "x y");
    }
}
