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
//! Every name given is written to the [`NameRecord`] (`names.tsv` in the generated crate), which
//! the next regen reads first: a recorded code keeps its name even when codes that would now win
//! it appear, and a recorded name stays reserved when its code leaves the docs, so that it comes
//! back under the same name.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::Catalog;

/// The name of the record file inside the generated crate.
pub const RECORD_FILE: &str = "names.tsv";

/// The module key of the common codes in the record.
pub const COMMON_MODULE: &str = "common";

/// Variant names by module key (`common`, `cvm`, `cvm::v20170312`) and code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameRecord {
    /// module → code → variant name.
    pub modules: BTreeMap<String, BTreeMap<String, String>>,
}

impl NameRecord {
    /// The variant name of `code` in `module`, if one was given.
    pub fn get(&self, module: &str, code: &str) -> Option<&str> {
        self.modules.get(module)?.get(code).map(String::as_str)
    }

    /// Reads a record. `file` names it in diagnostics. Malformed lines are errors.
    pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> NameRecord {
        let mut record = NameRecord::default();
        let mut offset = 0;
        for (index, line) in text.split('\n').enumerate() {
            let start = offset;
            offset += line.len() + 1;
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let location = Location {
                file: file.to_owned(),
                line: Some(index + 1),
                column: Some(1),
                span: Some(start..start + line.len()),
            };
            let fields: Vec<&str> = line.split('\t').collect();
            let [module, code, name] = fields[..] else {
                diags.push(
                    Diagnostic::error(format!(
                        "a line of the name record has {} fields, not 3",
                        fields.len()
                    ))
                    .at(location)
                    .help("each line is `module<TAB>code<TAB>VariantName`"),
                );
                continue;
            };
            if !is_variant_name(name) {
                diags.push(
                    Diagnostic::error(format!("`{name}` cannot be a variant name"))
                        .at(location)
                        .help("a variant name is ASCII letters, digits and `_`, starting with an upper-case letter"),
                );
                continue;
            }
            let names = record.modules.entry(module.to_owned()).or_default();
            if let Some(other) = names
                .iter()
                .find(|(_, n)| *n == name)
                .map(|(c, _)| c.clone())
            {
                diags.push(
                    Diagnostic::error(format!(
                        "`{name}` is recorded for both `{other}` and `{code}` in `{module}`"
                    ))
                    .at(location)
                    .help("one name per code: remove one of the lines and regen gives that code a new name"),
                );
                continue;
            }
            names.insert(code.to_owned(), name.to_owned());
        }
        record
    }

    /// Writes the record: a header, then one line per name, sorted by module and code.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# Variant names given by `cargo xtask regen`, one line per code: module, code, name.\n\
             # Regen reads this file before it names anything and only adds to it, so a name once\n\
             # given never changes and a removed code keeps its name for when it returns.\n",
        );
        for (module, names) in &self.modules {
            for (code, name) in names {
                out.push_str(&format!("{module}\t{code}\t{name}\n"));
            }
        }
        out
    }
}

/// Whether `name` can be a variant: an identifier starting with an upper-case ASCII letter, and
/// not `Self`.
pub fn is_variant_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "Self"
}

/// Rule 1: segments split at `.` and `_`, first letters raised, joined.
pub fn natural_name(code: &str) -> String {
    let name: String = code.split(['.', '_']).map(upper_first).collect();
    guard(name)
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

/// Gives every code of the catalog a variant name, keeping what `record` already says, and returns
/// the record extended with the new names.
pub fn assign(catalog: &Catalog, record: &NameRecord) -> NameRecord {
    let mut out = record.clone();
    let modules = std::iter::once((COMMON_MODULE.to_owned(), &catalog.common))
        .chain(catalog.modules.iter().map(|m| (m.id.to_string(), &m.codes)));
    // Natural name → the common code that owns it.
    let common_names: BTreeMap<String, &str> = catalog
        .common
        .iter()
        .map(|c| (natural_name(&c.code), c.code.as_str()))
        .collect();
    for (key, codes) in modules {
        let is_common = key == COMMON_MODULE;
        let names = out.modules.entry(key).or_default();
        let mut taken: BTreeSet<String> = names.values().cloned().collect();
        let mut new: Vec<(String, usize, &str)> = codes
            .iter()
            .filter(|c| !names.contains_key(&c.code))
            .map(|c| {
                (
                    natural_name(&c.code),
                    c.code.split('.').count(),
                    c.code.as_str(),
                )
            })
            .collect();
        new.sort();
        for (natural, _, code) in new {
            let segmented = segmented_name(code);
            let reserved = |candidate: &String| {
                !is_common
                    && common_names
                        .get(candidate)
                        .is_some_and(|owner| *owner != code)
            };
            let name = [natural, segmented.clone()]
                .into_iter()
                .chain((2..).map(|n| format!("{segmented}_{n}")))
                .find(|candidate| !taken.contains(candidate) && !reserved(candidate))
                .unwrap_or(segmented); // unreachable: the chain above is endless
            taken.insert(name.clone());
            names.insert(code.to_owned(), name);
        }
    }
    out.modules.retain(|_, names| !names.is_empty());
    out
}
