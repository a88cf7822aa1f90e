//! The patterns of the category rules (`categories.tsv`): `*` stands for any run of characters
//! and the pattern must match the whole string; `|` separates alternatives.
//!
//! The generator (`codegen/src/categories.rs`, which compiles this same file) decides the
//! category of every documented code with [`matches`], and the runtime's `categorize` decides the
//! category of any other code with it: the two cannot read a pattern differently.

/// Whether `pattern`, one alternative (no `|`), matches the whole of `text`: `*` matches any
/// run of bytes, every other byte itself (ASCII letters in either case with
/// `ignore_ascii_case`). Bytes, not characters: `*` is ASCII, so a literal run of the pattern
/// that is valid UTF-8 only matches at character boundaries of a `str`.
///
/// The classic greedy match with one point to return to (the last `*`): time proportional to
/// `pattern.len() × text.len()` at worst, no recursion, no allocation.
#[cfg_attr(not(debug_assertions), inline)]
pub(crate) fn glob(pattern: &str, text: &str, ignore_ascii_case: bool) -> bool {
    let (pattern, text) = (pattern.as_bytes(), text.as_bytes());
    let same = |p: u8, t: u8| p == t || (ignore_ascii_case && p.eq_ignore_ascii_case(&t));
    let (mut p, mut t) = (0, 0);
    // Where to resume after the last `*`: the pattern past it, and the text it has taken.
    let mut resume: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                resume = Some((p + 1, t));
                p += 1;
            }
            Some(&byte) if same(byte, text[t]) => {
                p += 1;
                t += 1;
            }
            _ => match resume {
                // The last `*` takes one more byte, and the rest is tried again from there.
                Some((after_star, taken)) => {
                    p = after_star;
                    t = taken + 1;
                    resume = Some((after_star, taken + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&byte| byte == b'*')
}

/// Whether any of the `|`-separated alternatives of `patterns` matches the whole of `text`
/// (see [`glob`]). Spaces around an alternative are not part of it.
#[cfg_attr(not(debug_assertions), inline)]
pub(crate) fn any(patterns: &str, text: &str, ignore_ascii_case: bool) -> bool {
    patterns
        .split('|')
        .any(|alternative| glob(alternative.trim(), text, ignore_ascii_case))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_match_any_run_and_the_rest_must_match_whole() {
        for (pattern, text, expected) in [
            ("InternalError", "InternalError", true),
            ("InternalError", "InternalError.X", false),
            ("InternalError.*", "InternalError.X", true),
            ("InternalError.*", "InternalError.", true),
            ("InternalError.*", "InternalError", false),
            ("*NotFound*", "InvalidImageId.NotFound", true),
            ("*NotFound*", "ResourceNotFound.Instance", true),
            ("*NotFound*", "NotFoun", false),
            ("*.*InUse*", "ResourceInUse", false),
            ("*.*InUse*", "FailedOperation.AddressInUse", true),
            ("*Creating", "ResourceInUse.IndexCreating", true),
            ("*Creating", "FailedOperation.CreatingFailed", false),
            ("a*b*c", "aXbYbZc", true),
            ("a*b*c", "aXbYbZ", false),
            ("*", "", true),
            ("", "", true),
            ("", "x", false),
            ("**", "anything", true),
            ("*正在*中*", "资源正在发货中。", true),
            ("*正在*中*", "资源正在发货。", false),
        ] {
            assert_eq!(glob(pattern, text, false), expected, "{pattern} ~ {text}");
        }
    }

    #[test]
    fn case_is_ignored_for_ascii_letters_only_when_asked() {
        assert!(glob("*try again later*", "Please Try Again Later.", true));
        assert!(!glob("*try again later*", "Please Try Again Later.", false));
        assert!(!glob("*NotFound*", "notfound", false));
    }

    #[test]
    fn alternatives_are_trimmed_and_any_one_decides() {
        assert!(any("*NotFound* | *NotExist*", "A.InstanceNotExist", false));
        assert!(!any("*NotFound*|*NotExist*", "A.Missing", false));
        assert!(any("x| ", "", false));
    }
}
