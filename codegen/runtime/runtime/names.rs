//! The natural name of a code: the variant name a code is given when no other code of its module
//! claims it first (rule 1 of the naming rule in the crate's README).
//!
//! A table row carries its variant's name only when the name is not this one, which saves
//! storing some 17,000 names in the catalog crate; `Debug` writes the natural name from the code
//! otherwise. The generator (`codegen/src/names.rs`, which compiles this same file) decides which
//! rows need their name with this very function, so the two cannot disagree.

use core::fmt;

/// Writes the natural name of `code`: its segments (split at `.` and `_`), each with its first
/// letter raised to upper case, joined; `Self_` rather than `Self`, the one upper-case keyword.
/// `AuthFailure.MFAFailure` → `AuthFailureMFAFailure`.
pub(crate) fn write_natural_name<W: fmt::Write>(code: &str, out: &mut W) -> fmt::Result {
    // Plain loops rather than iterator adapters: this is compiled into every build of the crate.
    let mut matched = 0;
    let mut is_self = true;
    natural_chars(code, |c| {
        if is_self && "Self".as_bytes().get(matched) == Some(&(c as u8)) && c.is_ascii() {
            matched += 1;
        } else {
            is_self = false;
        }
        Ok(())
    })?;
    natural_chars(code, |c| out.write_char(c))?;
    if is_self && matched == 4 {
        out.write_char('_')?;
    }
    Ok(())
}

/// Each character of the natural name of `code`, before the `Self` guard.
#[cfg_attr(not(debug_assertions), inline)]
fn natural_chars(code: &str, mut each: impl FnMut(char) -> fmt::Result) -> fmt::Result {
    let mut segment_start = true;
    for c in code.chars() {
        if c == '.' || c == '_' {
            segment_start = true;
        } else {
            each(if segment_start {
                c.to_ascii_uppercase()
            } else {
                c
            })?;
            segment_start = false;
        }
    }
    Ok(())
}
