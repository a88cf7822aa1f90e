//! Stage 4, names: a Rust variant name for every code, given once and then kept.
//!
//! The rule, applied to codes that have no name yet, in order of (natural name, number of
//! segments, code):
//! 1. the natural name: the code's segments (split at `.` and `_`) joined in UpperCamelCase, each
//!    keeping its own letters: `AuthFailure.MFAFailure` → `AuthFailureMFAFailure`;
//! 2. if another code of the module has it, the segmented name: the `.`-separated segments, first
//!    letter raised, joined with `_`: `InvalidParameter.Conflict` → `InvalidParameter_Conflict`,
//!    `InternalError.` → `InternalError_`;
//! 3. if that is taken too, the segmented name with `_2`, `_3`, … appended.
//!
//! Codes with fewer segments come first, so the plain spelling (`InvalidParameterConflict`) keeps
//! the natural name and the dotted one is marked where its dot was.
//!
//! In a product's module, the natural names of the common codes are kept for those same codes: a
//! product's `InternalError.` (with its dot) is `InternalError_`, so that a variant named
//! `InternalError` always means the code `InternalError`, in whichever module it stands.
//!
//! Every name given is written to the [`Ledger`](crate::ledger::Ledger) (`codes.tsv` in the
//! generated crate), which the next regen reads first: a recorded code keeps its name even when
//! codes that would now win it appear, and a recorded name stays reserved when its code leaves the
//! docs, so that it comes back under the same name.

use std::collections::{BTreeMap, BTreeSet};

/// Whether `name` can be a variant: an identifier starting with an upper-case ASCII letter, and
/// not `Self`.
pub fn is_variant_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "Self"
}

/// The runtime's half: the natural name as `Debug` writes it for a row that stores no name.
#[path = "../runtime/runtime/names.rs"]
mod runtime_names;

/// Rule 1: segments split at `.` and `_`, first letters raised, joined (`Self_` for `Self`).
pub fn natural_name(code: &str) -> String {
    let mut name = String::with_capacity(code.len() + 1);
    // Writing to a `String` does not fail.
    let _ = runtime_names::write_natural_name(code, &mut name);
    name
}

/// Rule 2: segments split at `.`, first letters raised, joined with `_`.
pub fn segmented_name(code: &str) -> String {
    let segments: Vec<String> = code.split('.').map(upper_first).collect();
    guard(segments.join("_"))
}

fn upper_first(segment: &str) -> String {
    let mut chars = segment.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `Self` is the one upper-case keyword.
fn guard(name: String) -> String {
    if name == "Self" {
        name + "_"
    } else {
        name
    }
}

/// Names the codes of one module that have no name yet. `taken` holds every name the module has
/// given before (including to codes no longer documented) and receives the new ones;
/// `common_names` maps the natural names of the common codes to their codes (empty for the
/// common module itself). The result is in the order of the rule, `(code, name)`.
pub fn name_new_codes<'a>(
    codes: impl IntoIterator<Item = &'a str>,
    taken: &mut BTreeSet<String>,
    common_names: &BTreeMap<String, String>,
) -> Vec<(&'a str, String)> {
    let mut new: Vec<(String, usize, &str)> = codes
        .into_iter()
        .map(|code| (natural_name(code), code.split('.').count(), code))
        .collect();
    new.sort();
    let mut out = Vec::with_capacity(new.len());
    for (natural, _, code) in new {
        let segmented = segmented_name(code);
        let reserved = |candidate: &String| {
            common_names
                .get(candidate)
                .is_some_and(|owner| owner != code)
        };
        let name = [natural, segmented.clone()]
            .into_iter()
            .chain((2..).map(|n| format!("{segmented}_{n}")))
            .find(|candidate| !taken.contains(candidate) && !reserved(candidate))
            .unwrap_or(segmented); // unreachable: the chain above is endless
        taken.insert(name.clone());
        out.push((code, name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_and_segmented_names() {
        assert_eq!(
            natural_name("AuthFailure.MFAFailure"),
            "AuthFailureMFAFailure"
        );
        assert_eq!(natural_name("InternalError.SYS_ERR"), "InternalErrorSYSERR");
        assert_eq!(
            natural_name("FailedOperation.dealCreateWhitelistError"),
            "FailedOperationDealCreateWhitelistError"
        );
        assert_eq!(
            segmented_name("InvalidParameter.Conflict"),
            "InvalidParameter_Conflict"
        );
        assert_eq!(segmented_name("InternalError."), "InternalError_");
        assert_eq!(natural_name("Self"), "Self_");
        assert_eq!(natural_name("self."), "Self_");
        assert_eq!(natural_name("_self"), "Self_");
        assert_eq!(natural_name("Selfish"), "Selfish");
        assert_eq!(natural_name("sel"), "Sel");
        assert_eq!(natural_name("s.elf"), "SElf");
        assert_eq!(natural_name("a..b__c"), "ABC");
    }

    #[test]
    fn fewer_segments_win_the_natural_name_whatever_the_input_order() {
        let common = BTreeMap::new();
        for codes in [
            ["InvalidParameter.Conflict", "InvalidParameterConflict"],
            ["InvalidParameterConflict", "InvalidParameter.Conflict"],
        ] {
            let mut taken = BTreeSet::new();
            let mut named = name_new_codes(codes, &mut taken, &common);
            named.sort();
            assert_eq!(
                named,
                [
                    (
                        "InvalidParameter.Conflict",
                        "InvalidParameter_Conflict".to_owned()
                    ),
                    (
                        "InvalidParameterConflict",
                        "InvalidParameterConflict".to_owned()
                    ),
                ]
            );
        }
    }

    #[test]
    fn taken_names_and_common_names_are_passed_over() {
        let common = BTreeMap::from([("InternalError".to_owned(), "InternalError".to_owned())]);
        let mut taken = BTreeSet::from(["FooBar".to_owned(), "Foo_Bar".to_owned()]);
        let named = name_new_codes(["Foo.Bar", "InternalError."], &mut taken, &common);
        assert_eq!(named[0], ("Foo.Bar", "Foo_Bar_2".to_owned()));
        assert_eq!(named[1], ("InternalError.", "InternalError_".to_owned()));
        // The common code itself may have its name.
        let mut taken = BTreeSet::new();
        let named = name_new_codes(["InternalError"], &mut taken, &common);
        assert_eq!(named[0].1, "InternalError");
    }
}
