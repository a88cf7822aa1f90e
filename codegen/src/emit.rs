//! Stage 5, emit: the catalog and its names as the files of the generated crate.
//!
//! Rust sources are built with `quote`, assembled into a `syn::File` and printed by
//! `prettyplease`, so that what is written is always well-formed Rust, formatted the same way every
//! time. Each generated enum is backed by one static table with a row per code (the code, the
//! variant's name where it is not the code's natural name, the Chinese and English texts, all in
//! one string), and one macro from the runtime turns the table into the trait impls: data and
//! code cannot drift apart, and the compiler sees the same few one-line impls per module however
//! many codes it has.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::categories::{CategoryRules, Decisions};
use crate::changelog::CHANGELOG_FILE;
use crate::ledger::{Ledger, COMMON_MODULE, LEDGER_FILE};
use crate::model::{Catalog, CodeEntry, Module};
use crate::perfect_hash::PerfectHash;

pub mod actions;

/// The packing of a table's row locations, shared with the runtime (whose `unpack` only the
/// tests here use).
#[path = "../runtime/runtime/layout.rs"]
#[allow(dead_code)]
mod layout;
use crate::source::{is_raw_keyword, DocLang};
use crate::OutputFile;

mod rustdoc;

/// The hand-written files copied into every generated crate, with a header: the template's path
/// in this repository, its path in the crate, its text. The runtime is `src/runtime.rs` and its
/// submodules; `src/main.rs` is the `explain` command and `tests/explain.rs` its test, both
/// behind the crate's `cli` feature.
const TEMPLATES: [(&str, &str, &str); 15] = [
    (
        "codegen/runtime/runtime.rs",
        "src/runtime.rs",
        include_str!("../runtime/runtime.rs"),
    ),
    (
        "codegen/runtime/runtime/actions.rs",
        "src/runtime/actions.rs",
        include_str!("../runtime/runtime/actions.rs"),
    ),
    (
        "codegen/runtime/runtime/api_error.rs",
        "src/runtime/api_error.rs",
        include_str!("../runtime/runtime/api_error.rs"),
    ),
    (
        "codegen/runtime/runtime/category.rs",
        "src/runtime/category.rs",
        include_str!("../runtime/runtime/category.rs"),
    ),
    (
        "codegen/runtime/runtime/classes.rs",
        "src/runtime/classes.rs",
        include_str!("../runtime/runtime/classes.rs"),
    ),
    (
        "codegen/runtime/runtime/digest.rs",
        "src/runtime/digest.rs",
        include_str!("../runtime/runtime/digest.rs"),
    ),
    (
        "codegen/runtime/runtime/hash.rs",
        "src/runtime/hash.rs",
        include_str!("../runtime/runtime/hash.rs"),
    ),
    (
        "codegen/runtime/runtime/layout.rs",
        "src/runtime/layout.rs",
        include_str!("../runtime/runtime/layout.rs"),
    ),
    (
        "codegen/runtime/runtime/lookup.rs",
        "src/runtime/lookup.rs",
        include_str!("../runtime/runtime/lookup.rs"),
    ),
    (
        "codegen/runtime/runtime/names.rs",
        "src/runtime/names.rs",
        include_str!("../runtime/runtime/names.rs"),
    ),
    (
        "codegen/runtime/runtime/pattern.rs",
        "src/runtime/pattern.rs",
        include_str!("../runtime/runtime/pattern.rs"),
    ),
    (
        "codegen/runtime/runtime/retry.rs",
        "src/runtime/retry.rs",
        include_str!("../runtime/runtime/retry.rs"),
    ),
    (
        "codegen/runtime/runtime/view.rs",
        "src/runtime/view.rs",
        include_str!("../runtime/runtime/view.rs"),
    ),
    (
        "codegen/runtime/main.rs",
        "src/main.rs",
        include_str!("../runtime/main.rs"),
    ),
    (
        "codegen/runtime/tests/explain.rs",
        "tests/explain.rs",
        include_str!("../runtime/tests/explain.rs"),
    ),
];
/// The generated crate's README, which is also its crate-level documentation.
const README: &str = include_str!("../runtime/README.md");
/// The crate's version when there is no earlier `Cargo.toml` to take it from.
pub const INITIAL_VERSION: &str = "0.1.0";

/// The generation of the crate's hand-written API (the runtime's traits, types and methods).
/// Raise it, and say what broke in [`API_CHANGES`], with every change to the runtime that can
/// break code using the crate: the generated `Cargo.toml` records it, and the next regen of a
/// crate with an older one reports the changes and asks for a breaking release, as it does for
/// pruned codes.
pub const API_EPOCH: u32 = 3;

/// What each [`API_EPOCH`] broke, oldest first.
pub const API_CHANGES: &[(u32, &str)] = &[
    (
        2,
        "the methods of the enums are `Code`'s only: `use tencentcloud_errors::Code` to call \
         `as_str`, `message` and `classes`; the enums are no longer `PartialOrd` or `Ord` (sort \
         codes by `as_str()`, the order of `ALL`). Both save every build of the whole catalog \
         about half a second (BENCHMARKS.md in the repository)",
    ),
    (
        3,
        "every code has a `Category` (`Code::category`, `CodeInfo::category`, `categorize`), \
         decided by the rules of `categories.tsv`, which replace `classes.tsv`; the classes \
         follow from the category. What changes for code that compiled: `Class::ALL` has seven \
         classes (`Class::Busy` is new); `InternalError` and every `internal` code are no \
         longer `retryable`, and `RetryPolicy` no longer retries them, not even for idempotent \
         requests; `busy` codes (an operation in progress, a locked resource) are retried \
         whatever the idempotency, on a schedule of their own of up to 10 attempts",
    ),
];

/// The changes of the API epochs after `previous`.
pub fn api_changes_since(previous: u32) -> Vec<String> {
    API_CHANGES
        .iter()
        .filter(|(epoch, _)| *epoch > previous)
        .map(|(_, change)| (*change).to_owned())
        .collect()
}

/// The most codes one enum can hold: variants are `#[repr(u16)]` indexes into the table.
pub const MAX_CODES: usize = u16::MAX as usize;

/// The most bytes of text one module's table can hold: rows start at `u32` offsets.
pub const MAX_TEXT: usize = u32::MAX as usize;

/// At least as many bytes as the table of `codes` takes: each row is its code, its variant's
/// name (`name_len` of the code, or less), its two texts and four separators.
pub fn text_size_bound(codes: &[CodeEntry], name_len: impl Fn(&str) -> usize) -> usize {
    codes
        .iter()
        .map(|c| {
            c.code.len()
                + name_len(&c.code)
                + c.message(DocLang::Zh).len()
                + c.message(DocLang::En).len()
                + 4
        })
        .sum()
}

/// The generated-file header: what wrote the file, from what, and not to edit it.
fn header(comment: &str, sources: &[String]) -> String {
    let from = match sources.len() {
        0 => String::new(),
        1..=4 => format!(" from {}", sources.join(", ")),
        n => format!(" from {n} pages"),
    };
    format!(
        "{comment} @generated by `cargo xtask regen`{from}.\n\
         {comment} Do not edit by hand: change the documentation or the generator and run it again.\n"
    )
}

/// What emit needs besides the catalog.
#[derive(Clone, Debug)]
pub struct EmitOptions<'a> {
    /// The version to write into the generated `Cargo.toml`.
    pub version: String,
    /// The whole `CHANGELOG.md`.
    pub changelog: String,
    /// The category rules: compiled into the crate, and recorded beside its ledger.
    pub rules: &'a CategoryRules,
    /// The rule that decided each code's category, which each table's rows point to.
    pub decisions: &'a Decisions,
}

/// All files of the generated crate, paths relative to the crate root, sorted by path.
pub fn emit(catalog: &Catalog, names: &Ledger, options: &EmitOptions<'_>) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile::new("Cargo.toml", cargo_toml(catalog, &options.version)),
        OutputFile::new("README.md", readme(catalog)),
        OutputFile::new(LEDGER_FILE, names.to_text()),
        OutputFile::new(crate::categories::RECORD_FILE, options.rules.to_record()),
        OutputFile::new(CHANGELOG_FILE, options.changelog.clone()),
        OutputFile::new("src/lib.rs", lib_rs(catalog, options.rules)),
        OutputFile::new(
            "src/common.rs",
            print_file(
                &header("//", &catalog.common_pages),
                &code_module_file(
                    &catalog.common,
                    names,
                    options.decisions,
                    COMMON_MODULE,
                    "The common error codes: the ones every Tencent Cloud API can return.",
                ),
            ),
        ),
    ];
    for (template, path, text) in TEMPLATES {
        let text = header("//", &[template.to_owned()]) + "\n" + text;
        files.push(OutputFile::new(path, text));
    }
    // A product is one module, or a folder of version modules; both at once after a refresh that
    // moved it from one layout to the other, when the old layout's codes stay, deprecated. Then
    // the folder's `mod.rs` holds the product's own codes and declares the versions.
    let mut versioned: BTreeSet<&str> = BTreeSet::new();
    let mut with_own_codes: BTreeSet<&str> = BTreeSet::new();
    for m in &catalog.modules {
        match m.id.version {
            Some(_) => versioned.insert(&m.id.product),
            None => with_own_codes.insert(&m.id.product),
        };
    }
    let versions_of = |product: &str| -> Vec<&Module> {
        catalog
            .modules
            .iter()
            .filter(|m| m.id.product == product && m.id.version.is_some())
            .collect()
    };
    // Formatting the modules is most of a regen's time: one module per thread.
    let contents = crate::par::map(&catalog.modules, |module| {
        let product = module.id.product.as_str();
        let path = match &module.id.version {
            Some(version) => format!("src/{product}/{version}.rs"),
            None if versioned.contains(product) => format!("src/{product}/mod.rs"),
            None => format!("src/{product}.rs"),
        };
        // The rustdoc of the module's actions, beside the module's file: `v20170312.rs` and
        // `v20170312.actions.md`.
        let doc_path = format!("{}.actions.md", path.strip_suffix(".rs").unwrap_or(&path));
        let doc_file = doc_path.rsplit('/').next().unwrap_or(&doc_path).to_owned();
        let mut file = code_module_file(
            &module.codes,
            names,
            options.decisions,
            &module.id.to_string(),
            &module_doc(module),
        );
        file.items
            .extend(actions::items(module, catalog, &doc_file));
        let text = match &module.id.version {
            None if versioned.contains(product) => {
                versions_module(product, &versions_of(product), Some((file, module)))
            }
            _ => print_file(&header("//", &module.pages), &file),
        };
        let doc_header = format!("<!--{}-->\n", header("", &module.pages));
        let doc = actions::doc_text(module, catalog, names, &doc_header);
        [(path, text), (doc_path, doc)]
    });
    for (path, text) in contents.into_iter().flatten() {
        files.push(OutputFile::new(path, text));
    }
    for &product in versioned.difference(&with_own_codes) {
        files.push(OutputFile::new(
            format!("src/{product}/mod.rs"),
            versions_module(product, &versions_of(product), None),
        ));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The crate's README: the runtime's, then a table of the products, generated so that it lists
/// what this crate holds. It is the crate's root documentation too, so the module paths are code,
/// not links: a link to a module whose feature is off would be broken.
fn readme(catalog: &Catalog) -> String {
    let mut out = README.trim_end().to_owned();
    let documented = |codes: &[CodeEntry]| codes.iter().filter(|c| c.deprecated.is_none()).count();
    let english = |codes: &[CodeEntry]| {
        codes
            .iter()
            .filter(|c| c.deprecated.is_none() && c.en.is_some())
            .count()
    };
    let products = catalog
        .modules
        .iter()
        .map(|m| m.id.product.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    out.push_str(&format!(
        "\n\n## Products\n\n{products} products in {} modules, each behind the feature of its \
         product's name. English coverage is the share of codes whose English page has a text \
         (the others give the Chinese text in English too).\n\n\
         | feature | module | codes | English |\n|---|---|---:|---:|\n",
        catalog.modules.len()
    ));
    let row = |feature: &str, path: &str, codes: &[CodeEntry]| {
        let (all, en) = (documented(codes), english(codes));
        let share = (en * 100).checked_div(all).unwrap_or(100);
        format!("| {feature} | `{path}` | {all} | {share} % |\n")
    };
    out.push_str(&row("(always)", COMMON_MODULE, &catalog.common));
    for module in &catalog.modules {
        let path = module.id.to_string();
        let path = if is_raw_keyword(&module.id.product) {
            format!("r#{path}")
        } else {
            path
        };
        out.push_str(&row(
            &format!("`{}`", module.id.product),
            &path,
            &module.codes,
        ));
    }
    out
}

fn module_doc(module: &Module) -> String {
    match &module.id.version {
        Some(version) => format!(
            "Error codes of the `{}` product, API version `{version}`.",
            module.id.product
        ),
        None => format!("Error codes of the `{}` product.", module.id.product),
    }
}

fn module_ident(name: &str) -> Ident {
    if is_raw_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Prints tokens as a formatted file, with the header on top. The file tells rustfmt to leave it
/// alone: it is formatted by prettyplease, and `cargo fmt` on the workspace must not make it stale.
fn format_file(header_text: &str, tokens: TokenStream) -> String {
    print_file(header_text, &parse_file(tokens))
}

/// Tokens as a file, with the attribute that keeps rustfmt away.
fn parse_file(tokens: TokenStream) -> syn::File {
    let tokens = quote! {
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #tokens
    };
    match syn::parse2(tokens) {
        Ok(file) => file,
        // The tokens are built by this module from checked names and escaped literals; a failure
        // here is a bug in the generator, not in the input.
        Err(err) => panic!("the generator built tokens that do not parse as Rust: {err}"),
    }
}

/// A file printed by prettyplease, with the header on top.
fn print_file(header_text: &str, file: &syn::File) -> String {
    format!("{header_text}\n{}", prettyplease::unparse(file))
}

fn lib_rs(catalog: &Catalog, rules: &CategoryRules) -> String {
    let mut products: Vec<&str> = catalog
        .modules
        .iter()
        .map(|m| m.id.product.as_str())
        .collect();
    products.dedup();
    let mods = products.iter().map(|product| {
        let ident = module_ident(product);
        let doc = format!(" Error codes of the `{product}` product (feature `{product}`).");
        quote! {
            #[doc = #doc]
            #[cfg(feature = #product)]
            #[cfg_attr(docsrs, doc(cfg(feature = #product)))]
            pub mod #ident;
        }
    });
    let registry = catalog.modules.iter().map(|m| {
        // The module's path as code names it: a product named like a keyword is a raw
        // identifier.
        let path = if is_raw_keyword(&m.id.product) {
            format!("r#{}", m.id)
        } else {
            m.id.to_string()
        };
        let product = m.id.product.as_str();
        let product_ident = module_ident(product);
        let (version, table) = match &m.id.version {
            Some(version) => {
                let version_ident = module_ident(version);
                (
                    quote! { Some(#version) },
                    quote! { &#product_ident::#version_ident::TABLE },
                )
            }
            None => (quote! { None }, quote! { &#product_ident::TABLE }),
        };
        let with_actions = (!m.actions.is_empty()).then(|| {
            let actions = match &m.id.version {
                Some(version) => {
                    let version_ident = module_ident(version);
                    quote! { &#product_ident::#version_ident::ACTION_TABLE }
                }
                None => quote! { &#product_ident::ACTION_TABLE },
            };
            quote! { .with_actions(#actions) }
        });
        quote! {
            #[cfg(feature = #product)]
            runtime::lookup::Module::new(#path, Some(#product), #version, #table)#with_actions
        }
    });
    let categorize_doc = [
        " The category of any code string, by the rules of `categories.tsv` that read a code's",
        " name (the table below): the rule for exactly the code, else the first rule from the top",
        " of the file whose pattern matches, else [`Category::Unknown`]. For a code this crate",
        " knows, [`Code::category`] is what the rules decided for it in its module, where a rule",
        " on its texts or a rule for its module may have decided instead (the rules marked with a",
        " text or a module below); [`CategoryRule::for_code`] names the rule `categorize`",
        " follows.",
        "",
        " ```",
        " use tencentcloud_errors::{categorize, Category};",
        "",
        " assert_eq!(categorize(\"InvalidParameterValue.InstanceNotExist\"), Category::NotFound);",
        " assert_eq!(categorize(\"LimitExceeded.RateLimitExceeded\"), Category::Throttled);",
        " assert_eq!(categorize(\"Brand.New\"), Category::Unknown);",
        " ```",
        "",
        " Which rule decides, for a code of a module: the rule for exactly this code in this module,",
        " else the rule for exactly this code, else the first rule from the top whose code pattern",
        " matches and whose text, if it has one, matches the code's Chinese or English text",
        " (`*` is any run of characters, `|` separates alternatives; a text without `*` is found",
        " anywhere, in any ASCII case), else none: `unknown`.",
        "",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain(rules.doc_table().into_iter().map(|line| format!(" {line}")));
    let categorize_doc = categorize_doc.map(|line| quote! { #[doc = #line] });
    let classify_doc = [
        " The classes of any code string: those of its category by [`categorize`].",
        "",
        " ```",
        " use tencentcloud_errors::{categorize, classify, common, Code};",
        "",
        " assert_eq!(classify(\"RequestLimitExceeded\"), categorize(\"RequestLimitExceeded\").classes());",
        " assert!(classify(\"RequestLimitExceeded.SomethingNew\").is_retryable());",
        " ```",
    ]
    .into_iter()
    .map(|line| quote! { #[doc = #line] });
    let tables = rules.tables();
    let tokens = quote! {
        #![doc = include_str!("../README.md")]
        #![no_std]
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #![warn(missing_docs)]

        #[cfg(feature = "alloc")]
        extern crate alloc;
        #[cfg(feature = "std")]
        extern crate std;

        #[macro_use]
        mod runtime;
        pub use runtime::actions::{Action, ActionCodes, Actions};
        pub use runtime::category::{Category, CategoryRule, UnknownCategory};
        pub use runtime::classes::{Class, Classes, UnknownClass};
        pub use runtime::lookup::{
            documented_in, lookup, module, modules, CodeInfo, Module, VariantPath,
        };
        pub use runtime::retry::RetryPolicy;
        #[cfg(target_has_atomic = "32")]
        pub use runtime::retry::RetryBudget;
        #[cfg(feature = "backon")]
        #[cfg_attr(docsrs, doc(cfg(feature = "backon")))]
        pub use runtime::retry::{random_jitter, HoldsApiError, RetryAttempt};
        pub use runtime::view::{CodeView, Unrecognized};
        pub use runtime::{Code, Lang, UnknownCode, UnknownLang};
        #[cfg(feature = "serde")]
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        pub use runtime::api_error::{parse_response, ApiError, MalformedResponse};

        pub mod common;
        #(#mods)*

        #(#categorize_doc)*
        #[inline]
        pub fn categorize(code: &str) -> Category {
            runtime::category::categorize(code)
        }

        #(#classify_doc)*
        #[inline]
        pub fn classify(code: &str) -> Classes {
            runtime::classes::classify(code)
        }

        #tables

        /// Every module compiled in, for lookup by string: `common`, then the products whose
        /// feature is on, by path.
        static MODULES: &[runtime::lookup::Module] = &[
            runtime::lookup::Module::new("common", None, None, &common::TABLE),
            #(#registry),*
        ];
    };
    format_file(&header("//", &[]), tokens)
}

/// `src/<product>/mod.rs`: the version modules, and the product's own codes when it has some
/// (`own`: the module of its unversioned page, deprecated codes after a change of layout).
fn versions_module(
    product: &str,
    versions: &[&Module],
    own: Option<(syn::File, &Module)>,
) -> String {
    let mods = versions.iter().filter_map(|m| {
        let version = m.id.version.as_deref()?;
        let ident = module_ident(version);
        let doc = format!(" Error codes of API version `{version}`.");
        Some(quote! {
            #[doc = #doc]
            pub mod #ident;
        })
    });
    let mods: syn::File = syn::parse_quote! { #(#mods)* };
    match own {
        Some((mut file, module)) => {
            file.attrs.push(doc_attr_inner(
                " Its API versions are modules of their own, below.",
            ));
            file.items.extend(mods.items);
            print_file(&header("//", &module.pages), &file)
        }
        None => {
            let doc =
                format!(" Error codes of the `{product}` product, one module per API version.");
            let mut file = parse_file(quote! { #![doc = #doc] });
            file.items.extend(mods.items);
            print_file(&header("//", &[]), &file)
        }
    }
}

/// `#![doc = "text"]`.
fn doc_attr_inner(text: &str) -> syn::Attribute {
    syn::Attribute {
        style: syn::AttrStyle::Inner(Default::default()),
        ..doc_attr(text)
    }
}

/// One module with an `ErrorCode` enum over `codes`.
///
/// The module's skeleton is written with `quote` and parsed; its long lists are put into it
/// directly: the enum's variants as the syntax trees the parser would make from the tokens, so
/// prettyplease prints the same text, and the table's rows as one literal. Building them directly
/// skips turning ~18,000 codes into tokens and parsing them back, which was half of the time of a
/// regen of the whole catalog (BENCHMARKS.md).
///
/// The table is one string of rows (the format is documented on the runtime's `Table`), not a
/// struct per code: building the catalog crate with four string literals and a struct per code
/// took the compiler about three times as long as the Go-shaped baseline, and most of it went
/// into those literals.
fn code_module_file(
    codes: &[CodeEntry],
    names: &Ledger,
    decisions: &Decisions,
    key: &str,
    doc: &str,
) -> syn::File {
    let variants: Vec<Ident> = codes
        .iter()
        .map(|c| {
            let name = names.name(key, &c.code).unwrap_or_default();
            format_ident!("{}", name)
        })
        .collect();
    let count = Literal::usize_unsuffixed(codes.len());
    let rows: Vec<TableRow> = codes
        .iter()
        .zip(&variants)
        .map(|(c, v)| TableRow::new(c, v))
        .collect();
    // The numbers as little-endian bytes in byte strings (see the runtime's `Table`).
    let mut locations = Vec::with_capacity(8 * rows.len());
    let mut at = 0;
    for row in &rows {
        // `check_sizes` keeps a module's text under 4 GiB.
        let start = u32::try_from(at).unwrap_or(u32::MAX);
        locations.extend(layout::pack(start, row.code_len, row.en_at).to_le_bytes());
        at += row.text.len();
    }
    let locations = Literal::byte_string(&locations);
    // Each row's category rule, two bytes (see the runtime's `Table`).
    let rules: Vec<u8> = codes
        .iter()
        .flat_map(|c| {
            decisions
                .rule(key, &c.code)
                .and_then(|index| u16::try_from(index).ok())
                .unwrap_or(u16::MAX)
                .to_le_bytes()
        })
        .collect();
    let rules = Literal::byte_string(&rules);
    // The rows of the spellings one language gives a code, each with the row of the code it
    // spells: a lookup of the spelling answers with that code (see the runtime's `Table`).
    let aliases: Vec<u8> = codes
        .iter()
        .enumerate()
        .filter_map(|(row, c)| {
            let of = c.spelling_of.as_deref()?;
            let to = codes.iter().position(|other| other.code == of)?;
            let [from, to] = [row, to].map(|r| u16::try_from(r).unwrap_or(u16::MAX));
            Some([from.to_le_bytes(), to.to_le_bytes()])
        })
        .flatten()
        .flatten()
        .collect();
    let aliases = Literal::byte_string(&aliases);
    // The perfect-hash index over the codes, for lookup by string (runtime/hash.rs).
    let keys: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
    let index = PerfectHash::build(&keys);
    let [seed, displacements, slots] = index_literals(&index);
    // Rust rejects `#[repr(u16)]` on an enum with no variants (E0084), and a module can have no
    // codes: a page with no readable row, or documentation with no common table.
    // Not in the rustdoc: with a `repr`, rustdoc shows every variant's discriminant
    // (`AccountQualificationRestrictions = 0`), numbers that change from one release to the next
    // and that no one should rely on. rustdoc builds the crate for its docs alone and evaluates
    // no `const`, so `ALL`'s transmute, which needs the `repr`, is not checked there.
    let repr = (!codes.is_empty()).then(|| quote! { #[cfg_attr(not(doc), repr(u16))] });
    let needs_allow = variants.iter().any(|v| v.to_string().contains('_'));
    let allow = needs_allow.then(|| {
        quote! {
            // Codes that differ only in where their dots are keep a `_` at the dot; see the
            // naming rule in the crate's README.
            #[allow(non_camel_case_types)]
        }
    });
    // `ALL` from the variants' discriminants, `0..n` as little-endian `u16`s (the runtime's
    // `all_variants!`): one literal, where an array of the variants' paths cost the compiler
    // about a sixth of the crate's build (BENCHMARKS.md). A module with no code has `[]`.
    let all = if codes.is_empty() {
        quote! { [] }
    } else {
        let rows: Vec<u8> = (0..codes.len())
            .flat_map(|row| u16::try_from(row).unwrap_or(u16::MAX).to_le_bytes())
            .collect();
        let rows = Literal::byte_string(&rows);
        quote! { all_variants!(ErrorCode, #count, #rows) }
    };
    let enum_doc = " Error codes of this module, in byte order of the code. Parse one with \
                    [`str::parse`], print it with `Display`; see [`Code`](crate::Code) for the rest.";
    let module_doc = format!(" {doc}");
    // The variants and the rows are empty here and filled below.
    let tokens = quote! {
        #![doc = #module_doc]

        use crate::runtime::Table;

        #[doc = #enum_doc]
        #[non_exhaustive]
        #repr
        #allow
        pub enum ErrorCode {}

        /// Every variant, in the order of the rows of [`TABLE`].
        const ALL: [ErrorCode; #count] = #all;

        /// One row per code, the variant's discriminant is its row: the code, the variant's
        /// name where it is not the code's natural name, the Chinese and the English texts;
        /// each row's start, code length and English text's offset, packed (eight bytes); each
        /// row's category rule (two bytes, 65535 for none); the rows of codes one language
        /// spells otherwise, each with the row of the code it spells (two and two bytes); and the
        /// perfect-hash index: a seed, a displacement per bucket (four bytes), the row in each
        /// slot (two bytes, 65535 for none). Numbers are little-endian.
        pub(crate) static TABLE: Table = Table::indexed(
            concat!(),
            #locations,
            #rules,
            #aliases,
            #seed,
            #displacements,
            #slots,
        );

        impl_code!(ErrorCode, ALL, TABLE);
    };
    let mut file = parse_file(tokens);
    for item in &mut file.items {
        match item {
            syn::Item::Enum(item) => {
                let variants = codes
                    .iter()
                    .zip(&variants)
                    .map(|(c, variant)| syn::Variant {
                        attrs: variant_doc(
                            c,
                            variant,
                            c.spelling_of.as_deref().and_then(|of| names.name(key, of)),
                        ),
                        ident: variant.clone(),
                        fields: syn::Fields::Unit,
                        discriminant: None,
                    });
                item.variants.extend(variants);
            }
            syn::Item::Static(item) if item.ident == "TABLE" => {
                fill_table_text(&mut item.expr, &rows);
            }
            _ => {}
        }
    }
    file
}

/// A perfect-hash index as the runtime reads it, for a code table or an action table: the seed,
/// then the displacements (`u32`) and the slots (`u16`) as little-endian byte strings.
pub(crate) fn index_literals(index: &PerfectHash) -> [Literal; 3] {
    let displacements: Vec<u8> = index
        .displacements
        .iter()
        .flat_map(|d| d.to_le_bytes())
        .collect();
    let slots: Vec<u8> = index.slots.iter().flat_map(|s| s.to_le_bytes()).collect();
    [
        Literal::u64_unsuffixed(index.seed),
        Literal::byte_string(&displacements),
        Literal::byte_string(&slots),
    ]
}

/// The row of one code in its module's table, and where its fields are.
struct TableRow {
    /// `code␟name␟zh␟en␞`, with U+001F and U+001E; the name is empty where it is the code's
    /// natural name, which `Debug` computes. Neither separator can be in a field: parse keeps
    /// no control character in a cell's text, and the ledger's texts are read the same way.
    text: String,
    /// The code's length in bytes.
    code_len: usize,
    /// Where the English text starts in `text`.
    en_at: usize,
}

impl TableRow {
    fn new(entry: &CodeEntry, variant: &Ident) -> TableRow {
        let (zh, en) = (entry.message(DocLang::Zh), entry.message(DocLang::En));
        let mut name = variant.to_string();
        if name == crate::names::natural_name(&entry.code) {
            name.clear();
        }
        let before_en = format!("{}\u{1f}{name}\u{1f}{zh}\u{1f}", entry.code);
        let text = format!("{before_en}{en}\u{1e}");
        debug_assert_eq!(
            text.matches(['\u{1f}', '\u{1e}']).count(),
            4,
            "a separator in the fields of {}",
            entry.code
        );
        TableRow {
            code_len: entry.code.len(),
            en_at: before_en.len(),
            text,
        }
    }
}

/// Puts the table's text, `rows`, in place of the skeleton's placeholder `concat!()`, the first
/// argument of `Table::indexed`: one string literal, a row to a line, the lines joined by `\`
/// line continuations. A `concat!` of a literal per row, as before, made the compiler unescape
/// every row, escape the joined text again and unescape that: 0.3 G of the 6.2 G instructions
/// of the crate's front end (BENCHMARKS.md).
fn fill_table_text(expr: &mut syn::Expr, rows: &[TableRow]) {
    let arg = match expr {
        syn::Expr::Call(call) => call.args.first_mut(),
        _ => None,
    };
    // The skeleton above writes `Table::indexed(concat!(), …)`; anything else is a bug here.
    let Some(arg @ syn::Expr::Macro(_)) = arg else {
        panic!("expected `concat!()` in the module skeleton");
    };
    *arg = lit_expr(table_text(rows));
}

/// The literal of a table's text, a row to a line. A continuation skips the whitespace that
/// starts the next line, so where a row after the first would start with whitespace (no code
/// does: parse trims them), the text is one line.
fn table_text(rows: &[TableRow]) -> Literal {
    let one_line = || lit_str(&rows.iter().map(|row| row.text.as_str()).collect::<String>());
    if rows
        .iter()
        .skip(1)
        .any(|row| row.text.starts_with(char::is_whitespace))
    {
        return one_line();
    }
    let mut repr = String::from("\"");
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            // Under the opening quote, as the literal's first line starts.
            repr.push_str("\\\n     ");
        }
        let literal = lit_str(&row.text).to_string();
        repr.push_str(&literal[1..literal.len() - 1]);
    }
    repr.push('"');
    // Each row's part is a literal's inside as `lit_str` escapes it, so the whole is a literal.
    repr.parse().unwrap_or_else(|_| one_line())
}

fn lit_expr(literal: Literal) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::new(literal),
    })
}

/// `#[doc = "text"]`, as the parser reads it.
fn doc_attr(text: &str) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::NameValue(syn::MetaNameValue {
            path: syn::Path::from(Ident::new("doc", Span::call_site())),
            eq_token: Default::default(),
            value: lit_expr(lit_str(text)),
        }),
    }
}

/// The string literal of `text`, exactly as [`Literal::string`] writes it (each character as
/// `char::escape_debug` gives it, but `'` and NUL as proc-macro2 writes them), only faster: the
/// characters that stand for themselves, which is nearly all of them, are copied, and the
/// answer for each non-ASCII character of the Basic Multilingual Plane is remembered.
/// `escape_debug` decides a CJK character by a linear scan of the Unicode tables, and the
/// catalog's Chinese texts have about a million of them.
fn lit_str(text: &str) -> Literal {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\0' {
            let octal_next = chars
                .as_str()
                .starts_with(|n: char| ('0'..='7').contains(&n));
            repr.push_str(if octal_next { r"\x00" } else { r"\0" });
        } else if c == '\'' || stands_for_itself(c) {
            repr.push(c);
        } else {
            repr.extend(c.escape_debug());
        }
    }
    repr.push('"');
    // The lexer accepts every literal made this way; `Literal::string` is the fallback all the
    // same.
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

/// Whether `escape_debug` leaves `c` as it is.
fn stands_for_itself(c: char) -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    const UNKNOWN: u8 = 0;
    const ITSELF: u8 = 1;
    const ESCAPED: u8 = 2;
    static BMP: [AtomicU8; 0x1_0000] = [const { AtomicU8::new(UNKNOWN) }; 0x1_0000];
    if c.is_ascii() {
        return (' '..='~').contains(&c) && c != '"' && c != '\\';
    }
    let Some(slot) = BMP.get(c as usize) else {
        return c.escape_debug().len() == 1;
    };
    match slot.load(Ordering::Relaxed) {
        ITSELF => true,
        ESCAPED => false,
        _ => {
            let itself = c.escape_debug().len() == 1;
            slot.store(if itself { ITSELF } else { ESCAPED }, Ordering::Relaxed);
            itself
        }
    }
}

/// How far a variant's documentation is indented: as deep as the variant, and one space more,
/// as prettyplease would write a `///` comment.
const VARIANT_DOC_INDENT: &str = "     ";

/// The rustdoc of one variant: the code, then the Chinese and English texts as the docs write
/// them (markdown kept); and its deprecation, when the docs no longer list it.
fn variant_doc(
    entry: &CodeEntry,
    variant: &Ident,
    spelling_of: Option<&str>,
) -> Vec<syn::Attribute> {
    let mut lines = vec![format!(" `{}`", entry.code), String::new()];
    for (label, text, other) in [
        ("中文", &entry.zh, "English"),
        ("English", &entry.en, "Chinese"),
    ] {
        match text {
            Some(t) => {
                // A deprecated code has only the plain text the ledger kept.
                let md = match entry.deprecated {
                    None => rustdoc::from_markdown(&t.markdown),
                    Some(_) => rustdoc::from_plain(&t.text),
                };
                let mut md = md.into_iter();
                lines.push(format!(" - {label}: {}", md.next().unwrap_or_default()));
                lines.extend(md.map(|l| format!("   {l}")));
            }
            None => lines.push(format!(
                " - {label}: not documented; the {other} text is used."
            )),
        }
    }
    // One attribute, not one per line: the compiler keeps every attribute of 17,000 variants
    // through to the crate's metadata (BENCHMARKS.md). prettyplease prints it as a block comment,
    // `/**` and `*/` on lines of their own, the text indented like the variant (or as
    // `#[doc = "…"]` where the text has a `*/`); rustdoc takes the common indentation away.
    let mut doc = String::from("\n");
    for line in &lines {
        // Each line as a `///` comment would have it, but for that comment's one space.
        let line = line.strip_prefix(' ').unwrap_or(line).trim_end();
        if !line.is_empty() {
            doc.push_str(VARIANT_DOC_INDENT);
            doc.push_str(line);
        }
        doc.push('\n');
    }
    doc.push_str(&VARIANT_DOC_INDENT[1..]);
    let mut attrs = vec![doc_attr(&doc)];
    // rustdoc's search box reads `InvalidImageId.NotFound` as a path and finds nothing; with the
    // code as an alias of its variant, a user who types the code from a log finds the variant.
    if *variant != entry.code {
        let code = lit_str(&entry.code);
        attrs.push(syn::parse_quote! { #[doc(alias = #code)] });
    }
    if let (Some(of), Some(primary)) = (&entry.spelling_of, spelling_of) {
        let note = format!(
            "`{}` is how one language's documentation spells `{of}`: use `{primary}`, which has both \
             texts; both spellings parse to it",
            entry.code
        );
        let note = lit_str(&note);
        attrs.push(syn::parse_quote! { #[deprecated(note = #note)] });
    } else if let Some(d) = &entry.deprecated {
        let note = format!(
            "no longer in the documentation after version {} (it was on {}); it still parses and \
             keeps its last texts, and leaves the crate at the next major release",
            d.after, d.page
        );
        let note = lit_str(&note);
        attrs.push(syn::parse_quote! { #[deprecated(note = #note)] });
    }
    attrs
}

fn cargo_toml(catalog: &Catalog, version: &str) -> String {
    let mut products: Vec<&str> = catalog
        .modules
        .iter()
        .map(|m| m.id.product.as_str())
        .collect();
    products.dedup();
    let quoted: Vec<String> = products.iter().map(|p| format!("\"{p}\"")).collect();
    let mut out = header("#", &[]);
    out.push_str(&format!(
        r#"
[package]
name = "tencentcloud-errors"
version = "{version}"
edition = "2021"
rust-version = "1.83"
description = "Typed Tencent Cloud API error codes with their documented Chinese and English messages"
# Our code is `MIT OR Apache-2.0`; the texts from Tencent's SDKs are Apache-2.0 only (`NOTICE`,
# `LICENSE-tencentcloud-sdk`), and the crate carries both.
license = "(MIT OR Apache-2.0) AND Apache-2.0"
readme = "README.md"
repository = "https://github.com/tencentcloud-errors/tencentcloud-errors"
keywords = ["tencentcloud", "tencent", "error-codes", "api"]
categories = ["api-bindings", "no-std"]

[features]
default = ["std", "serde"]
# Unknown codes keep their whole string on the heap (without it: the first 96 bytes, inline).
alloc = []
# `Lang::from_env`.
std = ["alloc", "serde?/std", "serde_json?/std"]
# `ApiError` and `parse_response`: reading the JSON body of a response.
serde = ["alloc", "dep:serde", "dep:serde_json"]
# The `tencentcloud-errors explain` command.
cli = ["std", "serde", "dep:lexopt"]
# `RetryPolicy::retry`: the retry loop, run by backon, with jitter from fastrand (backon's own
# dependency). Needs Rust 1.85, as backon does, where the rest of the crate needs 1.83.
backon = ["std", "serde", "dep:backon", "dep:fastrand", "dep:pin-project-lite"]
# Every product.
full = [{}]
# One feature per product.
"#,
        quoted.join(", ")
    ));
    for product in &products {
        out.push_str(&format!("{product} = []\n"));
    }
    out.push_str(
        r#"
[dependencies]
backon = { version = "1.6", default-features = false, optional = true }
fastrand = { version = "2", default-features = false, features = ["std"], optional = true }
lexopt = { version = "0.3", optional = true }
pin-project-lite = { version = "0.2", optional = true }
serde = { version = "1.0.180", default-features = false, features = ["alloc"], optional = true }
serde_json = { version = "1.0.100", default-features = false, features = ["alloc"], optional = true }

# For the tests only (`tests/explain.rs`); a build that depends on the crate never builds them.
[dev-dependencies]
proptest = { version = "1", default-features = false, features = ["std"] }

[[bin]]
name = "tencentcloud-errors"
path = "src/main.rs"
required-features = ["cli"]

[[test]]
name = "explain"
path = "tests/explain.rs"
required-features = ["cli"]

[package.metadata.docs.rs]
all-features = true
rustdoc-args = ["--cfg", "docsrs"]
"#,
    );
    out.push_str(&format!(
        "\n# The generation of the runtime's API, for the next regen (see `API_EPOCH` in the\n\
         # generator).\n[package.metadata.tencentcloud-errors-codegen]\napi-epoch = {API_EPOCH}\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_locations_pack_and_unpack_with_a_fallback_for_long_fields() {
        assert_eq!(
            layout::unpack(layout::pack(7, 13, 40)),
            (7, Some(13), Some(40))
        );
        let max = u32::MAX;
        assert_eq!(
            layout::unpack(layout::pack(max, 254, 0xff_fffe)),
            (max as usize, Some(254), Some(0xff_fffe))
        );
        // Too long to pack: left for the runtime to find by the separators.
        assert_eq!(
            layout::unpack(layout::pack(1, 255, 1 << 24)),
            (1, None, None)
        );
        assert_eq!(layout::unpack(layout::pack(1, 300, 0)), (1, None, Some(0)));
    }

    #[test]
    fn doc_lines_drop_what_rustc_rejects_in_comments() {
        assert_eq!(rustdoc::from_markdown("a\u{202e}b\u{8}c"), ["abc"]);
        assert_eq!(rustdoc::from_markdown("one<br>two"), ["one", "two"]);
    }

    #[test]
    fn header_names_the_command_and_the_sources() {
        let h = header("//", &["zh/a.md".to_owned(), "en/a.md".to_owned()]);
        assert!(h.starts_with("// @generated by `cargo xtask regen` from zh/a.md, en/a.md.\n"));
        assert!(h.contains("Do not edit by hand"));
    }
}
