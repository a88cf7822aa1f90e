//! The baseline crate for the compile-time benchmark: the same catalog written in the shape of
//! the official Go SDK (`tencentcloud/<product>/<version>/errors.go`), with no enum and no trait.
//!
//! Per product-version, one `pub const NAME: &str = "Code";` per code (the Go SDK's name: the
//! code upper-cased, `.` as `_`) and one static slice of `(code, zh, en)` rows; the common codes
//! the same way in `common`. Features and module paths are the generated crate's, so that
//! `cargo build --features full` (or `--features cvm`) builds the same codes in both crates and the
//! difference in compile time is the price of the enums, their docs and their impls.
//!
//! It is written from the [`Catalog`] the real emitter uses, and formatted by prettyplease like it.
//! `cargo xtask bench` writes it; nothing else uses it.

use std::collections::HashSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Catalog, CodeEntry, Module};
use crate::source::{is_raw_keyword, DocLang};
use crate::OutputFile;

/// The baseline crate's package name.
pub const PACKAGE: &str = "tencentcloud-errors-baseline";

/// All files of the baseline crate, paths relative to its root, sorted by path.
pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    let mut products: Vec<&str> = catalog
        .modules
        .iter()
        .map(|m| m.id.product.as_str())
        .collect();
    products.dedup();
    let mut files = vec![
        OutputFile::new("Cargo.toml", cargo_toml(&products)),
        OutputFile::new("src/lib.rs", lib_rs(&products)),
        OutputFile::new(
            "src/common.rs",
            codes_file("The common error codes.", &catalog.common),
        ),
    ];
    for module in &catalog.modules {
        let (path, doc) = match &module.id.version {
            Some(version) => (
                format!("src/{}/{version}.rs", module.id.product),
                format!(
                    "Error codes of `{}`, API version `{version}`.",
                    module.id.product
                ),
            ),
            None => (
                format!("src/{}.rs", module.id.product),
                format!("Error codes of `{}`.", module.id.product),
            ),
        };
        files.push(OutputFile::new(path, codes_file(&doc, &module.codes)));
    }
    for product in &products {
        let versions: Vec<&Module> = catalog
            .modules
            .iter()
            .filter(|m| m.id.product == *product && m.id.version.is_some())
            .collect();
        if versions.is_empty() {
            continue;
        }
        let mods = versions.iter().filter_map(|m| {
            let ident = module_ident(m.id.version.as_deref()?);
            Some(quote! { pub mod #ident; })
        });
        files.push(OutputFile::new(
            format!("src/{product}/mod.rs"),
            format_file(quote! { #(#mods)* }),
        ));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The Go SDK's name for a code: `FailedOperation.DeleteTrigger.UrlUsed` is
/// `FAILEDOPERATION_DELETETRIGGER_URLUSED`. Any character that cannot be in an identifier is a
/// `_`; a name that starts with a digit gets a `_` in front, one with no letter or digit is
/// `_CODE…`; a name already taken in the module
/// gets `_2`, `_3`, … (the Go SDK has no such codes, the catalog neither).
pub fn const_name(code: &str, taken: &mut HashSet<String>) -> String {
    let mut name: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.chars().all(|c| c == '_') {
        name.insert_str(0, "_CODE");
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    let mut unique = name.clone();
    let mut n = 1;
    while !taken.insert(unique.clone()) {
        n += 1;
        unique = format!("{name}_{n}");
    }
    unique
}

fn codes_file(doc: &str, codes: &[CodeEntry]) -> String {
    let doc = format!(" {doc}");
    let mut taken = HashSet::new();
    let consts = codes.iter().map(|c| {
        let name = Ident::new(&const_name(&c.code, &mut taken), Span::call_site());
        let code = &c.code;
        quote! { pub const #name: &str = #code; }
    });
    let rows = codes.iter().map(|c| {
        let code = &c.code;
        let zh = c.message(DocLang::Zh);
        let en = c.message(DocLang::En);
        quote! { (#code, #zh, #en) }
    });
    format_file(quote! {
        #![doc = #doc]
        #(#consts)*
        /// Every code of the module with its Chinese and English texts, sorted by code.
        pub static ERRORS: &[(&str, &str, &str)] = &[#(#rows),*];
    })
}

fn lib_rs(products: &[&str]) -> String {
    let mods = products.iter().map(|product| {
        let ident = module_ident(product);
        quote! {
            #[cfg(feature = #product)]
            pub mod #ident;
        }
    });
    format_file(quote! {
        //! Tencent Cloud error codes in the shape of the Go SDK: string constants and a table per
        //! module. The baseline of `cargo xtask bench`.
        #![no_std]
        #![allow(missing_docs)]
        pub mod common;
        #(#mods)*
    })
}

fn cargo_toml(products: &[&str]) -> String {
    let quoted: Vec<String> = products.iter().map(|p| format!("\"{p}\"")).collect();
    let mut out = format!(
        "# @generated by `cargo xtask bench`: the Go-SDK-shaped baseline of the compile-time benchmark.\n\
         \n\
         [package]\n\
         name = \"{PACKAGE}\"\n\
         version = \"0.0.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\
         \n\
         [features]\n\
         full = [{}]\n",
        quoted.join(", ")
    );
    for product in products {
        out.push_str(&format!("{product} = []\n"));
    }
    out
}

fn module_ident(name: &str) -> Ident {
    if is_raw_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

fn format_file(tokens: TokenStream) -> String {
    let file: syn::File = match syn::parse2(tokens) {
        Ok(file) => file,
        // The tokens are built here from checked names and escaped literals.
        Err(err) => panic!("the baseline generator built tokens that do not parse: {err}"),
    };
    format!(
        "// @generated by `cargo xtask bench`.\n\n{}",
        prettyplease::unparse(&file)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_go_sdks() {
        let mut taken = HashSet::new();
        assert_eq!(
            const_name("FailedOperation.DeleteTrigger.UrlUsed", &mut taken),
            "FAILEDOPERATION_DELETETRIGGER_URLUSED"
        );
        assert_eq!(const_name("InternalError.", &mut taken), "INTERNALERROR_");
        assert_eq!(const_name("InternalError", &mut taken), "INTERNALERROR");
        assert_eq!(const_name("9003", &mut taken), "_9003");
        assert_eq!(const_name("", &mut taken), "_CODE");
        // Case-only twins in one module (none in the catalog) stay apart.
        assert_eq!(
            const_name("FailedOperation.DBError", &mut taken),
            "FAILEDOPERATION_DBERROR"
        );
        assert_eq!(
            const_name("FailedOperation.DbError", &mut taken),
            "FAILEDOPERATION_DBERROR_2"
        );
    }

    #[test]
    fn every_module_is_a_file_behind_its_feature() {
        let entry = |code: &str| CodeEntry {
            code: code.to_owned(),
            zh: None,
            en: None,
            deprecated: None,
            spelling_of: None,
        };
        let module = |product: &str, version: Option<&str>| Module {
            id: crate::ModuleId {
                product: product.to_owned(),
                version: version.map(str::to_owned),
            },
            pages: Vec::new(),
            codes: vec![entry("InvalidParameter")],
            actions: Vec::new(),
        };
        let catalog = Catalog {
            common: vec![entry("InternalError")],
            modules: vec![
                module("as", None),
                module("cvm", Some("v20170312")),
                module("cvm", Some("v20180101")),
            ],
            ..Catalog::default()
        };
        let files = emit(&catalog);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Cargo.toml",
                "src/as.rs",
                "src/common.rs",
                "src/cvm/mod.rs",
                "src/cvm/v20170312.rs",
                "src/cvm/v20180101.rs",
                "src/lib.rs"
            ]
        );
        let text = |path: &str| {
            files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.contents.clone())
                .unwrap_or_default()
        };
        assert!(text("Cargo.toml").contains("full = [\"as\", \"cvm\"]"));
        assert!(text("src/lib.rs").contains("#[cfg(feature = \"as\")]\npub mod r#as;"));
        assert!(text("src/cvm/mod.rs").contains("pub mod v20170312;\npub mod v20180101;"));
        let common = text("src/common.rs");
        assert!(common.contains("pub const INTERNALERROR: &str = \"InternalError\";"));
        assert!(common.contains("(\"InternalError\", \"\", \"\")"));
    }
}
