//! The natural name of a code: the variant name a code is given when no other code of its module
//! claims it first (rule 1 of the naming rule in the crate's README).
//!
//! A table row carries its variant's name only when the name is not this one, which saves
//! storing some 17,000 names in the catalog crate; `Debug` writes the natural name from the code
//! otherwise. The generator (`codegen/src/names.rs`, which compiles this same file) decides which
//! rows need their name with this very function, so the two cannot disagree.

/// The natural name of `code`, character by character: its segments (split at `.` and `_`),
/// each with its first letter raised to upper case, joined; `Self_` rather than `Self`, the one
/// upper-case keyword. `AuthFailure.MFAFailure` → `AuthFailureMFAFailure`.
pub(crate) fn natural_name(code: &str) -> impl Iterator<Item = char> + Clone + '_ {
    let name = code.split(['.', '_']).flat_map(|segment| {
        let mut chars = segment.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase());
        first.into_iter().chain(chars)
    });
    let guard = name.clone().eq("Self".chars()).then_some('_');
    name.chain(guard)
}
