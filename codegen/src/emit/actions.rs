//! The API actions of a product module as data: one table of actions (the format is documented
//! on the runtime's `ActionTable`) and one typed list, `ACTIONS`, whose rustdoc lists every
//! action with its codes. Nothing is emitted per action: the AWS SDK for Rust's error enum per
//! operation is a large part of its users' build times, and a list of row numbers costs the
//! compiler one byte-string literal per module.

use std::collections::BTreeMap;

use proc_macro2::Literal;
use quote::quote;

use super::lit_str;
use crate::ledger::{Ledger, COMMON_MODULE};
use crate::model::{Catalog, Module};
use crate::perfect_hash::PerfectHash;

/// A module's actions, encoded.
pub(crate) struct EncodedActions {
    /// Every name followed by U+001F.
    pub names: String,
    /// Per action and one more: name start, codes start; `u32` little-endian each.
    pub entries: Vec<u8>,
    /// The codes as `u16` little-endian values: module row, else common row after the
    /// module's rows, else an unlisted code after both.
    pub codes: Vec<u8>,
    /// The unlisted codes, each followed by U+001F.
    pub unlisted: String,
    /// The index of the names.
    pub index: PerfectHash,
}

/// The largest value a listed code can have: they are `u16`s.
pub const MAX_LISTED: usize = u16::MAX as usize;

/// How many distinct values the module's lists need: its rows, the common rows, and the codes
/// listed that neither has. `check_sizes` keeps it within [`MAX_LISTED`].
pub fn listed_values(module: &Module, catalog: &Catalog) -> usize {
    let common = common_rows(catalog);
    module.codes.len() + common.len() + unlisted(module, &common).len()
}

/// The common codes by row.
fn common_rows(catalog: &Catalog) -> BTreeMap<&str, usize> {
    catalog
        .common
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.as_str(), i))
        .collect()
}

/// The codes listed by `module`'s actions that are neither its own nor in `common`, in order of
/// first appearance.
fn unlisted<'a>(module: &'a Module, common: &BTreeMap<&str, usize>) -> Vec<&'a str> {
    let own: std::collections::BTreeSet<&str> =
        module.codes.iter().map(|c| c.code.as_str()).collect();
    let mut out: Vec<&str> = Vec::new();
    for action in &module.actions {
        for code in &action.codes {
            let code = code.as_str();
            if !own.contains(code) && !common.contains_key(code) && !out.contains(&code) {
                out.push(code);
            }
        }
    }
    out
}

/// Encodes `module`'s actions against the final tables of the module and of `common` (rows
/// sorted by code, as emitted).
pub(crate) fn encode(module: &Module, catalog: &Catalog) -> EncodedActions {
    let own: BTreeMap<&str, usize> = module
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.as_str(), i))
        .collect();
    let common = common_rows(catalog);
    let unlisted = unlisted(module, &common);
    let value = |code: &str| -> usize {
        if let Some(&row) = own.get(code) {
            row
        } else if let Some(&row) = common.get(code) {
            own.len() + row
        } else {
            let k = unlisted.iter().position(|u| *u == code).unwrap_or(0);
            own.len() + common.len() + k
        }
    };
    let mut names = String::new();
    let mut entries = Vec::new();
    let mut codes = Vec::new();
    let push_u32 = |bytes: &mut Vec<u8>, n: usize| {
        // `check_sizes` keeps every count far below 4 GiB.
        bytes.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    };
    for action in &module.actions {
        push_u32(&mut entries, names.len());
        push_u32(&mut entries, codes.len() / 2);
        names.push_str(&action.name);
        names.push('\u{1f}');
        for code in &action.codes {
            let v = u16::try_from(value(code)).unwrap_or(u16::MAX);
            codes.extend_from_slice(&v.to_le_bytes());
        }
    }
    push_u32(&mut entries, names.len());
    push_u32(&mut entries, codes.len() / 2);
    let keys: Vec<&str> = module.actions.iter().map(|a| a.name.as_str()).collect();
    EncodedActions {
        names,
        entries,
        codes,
        unlisted: unlisted.iter().map(|u| format!("{u}\u{1f}")).collect(),
        index: PerfectHash::build(&keys),
    }
}

/// The items of a product module for its actions: `ACTION_TABLE` (when it has actions) and
/// `ACTIONS`, whose rustdoc is the file `doc_file` (beside the module's file) that
/// [`doc_text`] writes.
pub(crate) fn items(module: &Module, catalog: &Catalog, doc_file: &str) -> Vec<syn::Item> {
    let mut items = Vec::new();
    let table = if module.actions.is_empty() {
        quote! { &crate::runtime::actions::NO_ACTIONS }
    } else {
        let encoded = encode(module, catalog);
        let names_lit = lit_str(&encoded.names);
        let entries = Literal::byte_string(&encoded.entries);
        let codes = Literal::byte_string(&encoded.codes);
        let unlisted = lit_str(&encoded.unlisted);
        let [seed, displacements, slots] = super::index_literals(&encoded.index);
        items.push(syn::parse_quote! {
            /// The module's API actions: their names, each one's codes as rows of [`TABLE`] (or
            /// of the common table), and the perfect-hash index of the names.
            pub(crate) static ACTION_TABLE: crate::runtime::actions::ActionTable =
                crate::runtime::actions::ActionTable::indexed(
                    &TABLE,
                    #names_lit,
                    #entries,
                    #codes,
                    #unlisted,
                    #seed,
                    #displacements,
                    #slots,
                );
        });
        quote! { &ACTION_TABLE }
    };
    // The list is for rustdoc (`cfg(doc)`), in a file of its own: rustc drops the attribute
    // before it expands `include_str!`, so a build never reads the catalog's 5 MB of lists. In
    // the module's file as a string, they cost every build the lexing and interning of them
    // (BENCHMARKS.md).
    items.push(syn::parse_quote! {
        /// The API actions of this module, each with the codes its documentation says it may
        /// return: `ACTIONS.get("RunInstances")` gives one, its codes typed (see the crate's
        /// `Actions`).
        #[cfg_attr(doc, doc = include_str!(#doc_file))]
        pub static ACTIONS: crate::Actions<ErrorCode> = crate::Actions::new(#table);
    });
    items
}

/// The markdown file [`items`] includes as the rustdoc of `ACTIONS`, under `header` (an HTML
/// comment, which rustdoc does not show).
pub(crate) fn doc_text(module: &Module, catalog: &Catalog, names: &Ledger, header: &str) -> String {
    let body = actions_doc(module, catalog, names, &module.id.to_string());
    format!("{header}\n{body}")
}

/// The rustdoc of `ACTIONS`: what it is, then a line per action with its codes, common ones
/// marked.
///
/// The codes are not links to their variants: rustc resolves every intra-doc link of a crate
/// when it compiles it (for rustdoc's sake), and links for the catalog's 212,000 listed codes
/// made every build of `full` about 40 % slower (BENCHMARKS.md). A doc with no `[` is not even
/// parsed as markdown by rustc.
fn actions_doc(module: &Module, catalog: &Catalog, names: &Ledger, key: &str) -> String {
    let mut doc = format!("The module has {} action(s).\n", module.actions.len());
    if module.actions.is_empty() {
        doc.push_str("\nThe documentation read lists no action for this module.\n");
        return doc;
    }
    doc.push_str(
        "\nEach code is a variant of this module's `ErrorCode` (or, marked *common*, of \
         `common::ErrorCode`), named after it, or as given in parentheses; a code marked \
         *undocumented* is in neither table.\n\n",
    );
    let common = common_rows(catalog);
    let own: std::collections::BTreeSet<&str> =
        module.codes.iter().map(|c| c.code.as_str()).collect();
    // As the typed view sees them: a common code is common, even where the module lists it.
    let named = |module: &str, code: &str| match names.name(module, code) {
        Some(name) if name != crate::names::natural_name(code) => format!("`{code}` (`{name}`)"),
        _ => format!("`{code}`"),
    };
    let label = |code: &str| {
        if common.contains_key(code) {
            format!("{} *common*", named(COMMON_MODULE, code))
        } else if own.contains(code) {
            named(key, code)
        } else {
            format!("`{code}` *undocumented*")
        }
    };
    for action in &module.actions {
        let codes: Vec<String> = action.codes.iter().map(|code| label(code)).collect();
        let list = if codes.is_empty() {
            "no code listed".to_owned()
        } else {
            codes.join(", ")
        };
        doc.push_str(&format!("- `{}`: {list}\n", action.name));
    }
    doc
}
