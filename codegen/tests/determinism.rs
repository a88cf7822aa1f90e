//! The output depends on what the pages say, not on how they were saved or read: the same pages
//! with CRLF line ends, with a byte-order mark, with trailing spaces or tabs, or read in another
//! order give byte-identical files and the same diagnostics.
//!
//! The pages are `docs-source/` and, in the tests that need the corpus, the real API 3.0 pages,
//! which come with BOMs, CRLF and trailing spaces of their own.

use std::path::Path;

mod support;

use support::{corpus, workspace};
use tencentcloud_errors_codegen::{
    generate, generate_from_pages, source, Diagnostics, Generation, Options, Page, Previous,
};

/// `(path inside the docs folder, text)` of every page under `docs`, as LF text with no BOM.
fn read_pages(docs: &Path) -> Vec<(String, String)> {
    let mut diags = Diagnostics::new();
    let pages = source::read_docs(docs, &mut diags);
    assert!(!diags.has_errors(), "{diags:?}");
    pages.into_iter().map(|p| (p.rel, p.text)).collect()
}

/// A way of saving a page: its name, and what it does to the text.
type Dress = (&'static str, fn(&str) -> String);

/// Ways an editor or a tool saves the same page.
fn dresses() -> Vec<Dress> {
    vec![
        ("as read", |t| t.to_owned()),
        ("CRLF", |t| t.replace('\n', "\r\n")),
        ("BOM", |t| format!("\u{feff}{t}")),
        ("trailing spaces", |t| t.replace('\n', "   \n")),
        ("trailing tabs", |t| t.replace('\n', "\t\n")),
        ("all of them", |t| {
            format!("\u{feff}{}", t.replace('\n', " \t \r\n"))
        }),
    ]
}

fn generate_folder(pages: &[(String, String)], dress: fn(&str) -> String) -> Generation {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    for (rel, text) in pages {
        let path = docs.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, dress(text)).unwrap();
    }
    let generation = generate(&docs, &tmp.path().join("out"), &Options::default())
        .unwrap_or_else(|failure| panic!("{}", failure.render()));
    generation
}

/// The diagnostics without the folder they were read from.
fn diagnostics(generation: &Generation) -> Vec<String> {
    generation
        .diagnostics
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if let Some(location) = d.location.as_mut() {
                let rel = location.file.split("/docs/").last().unwrap_or_default();
                location.file = rel.to_owned();
            }
            d.to_string()
        })
        .collect()
}

fn assert_same_in_every_dress(pages: &[(String, String)]) {
    let base = generate_folder(pages, |t| t.to_owned());
    assert!(base.files.len() > 3);
    for (name, dress) in dresses() {
        let other = generate_folder(pages, dress);
        for (a, b) in base.files.iter().zip(&other.files) {
            assert_eq!(a.path, b.path, "{name}");
            assert!(a.contents == b.contents, "{name}: {} differs", a.path);
        }
        assert_eq!(base.files.len(), other.files.len(), "{name}");
        assert_eq!(diagnostics(&base), diagnostics(&other), "{name}");
    }
}

fn docs_source_gives_the_same_crate_however_its_pages_are_saved() {
    assert_same_in_every_dress(&read_pages(&workspace().join("docs-source")));
}

fn the_real_api3_pages_give_the_same_crate_however_they_are_saved() {
    let pages = read_pages(&corpus("real/api3"));
    assert_eq!(pages.len(), 53);
    assert_same_in_every_dress(&pages);
}

fn pages_read_in_another_order_give_the_same_crate() {
    assert_same_in_every_order(read_pages(&workspace().join("docs-source")));
}

fn docs_source_and_the_real_api3_pages_read_in_another_order_give_the_same_crate() {
    let mut docs = read_pages(&workspace().join("docs-source"));
    let real = read_pages(&corpus("real/api3"));
    // A product of the real pages has one page per language; docs-source documents it per
    // version: one of the two layouts, not both.
    let product = |rel: &str| {
        let name = rel.split('/').nth(1).unwrap_or_default();
        name.trim_end_matches(".md").to_owned()
    };
    let real_products: std::collections::BTreeSet<String> =
        real.iter().map(|(rel, _)| product(rel)).collect();
    docs.retain(|(rel, _)| !real_products.contains(&product(rel)));
    docs.extend(real);
    assert_same_in_every_order(docs);
}

/// The pages `docs` (path inside the docs folder, text), read in their order, reversed and
/// shuffled, give the same files and the same diagnostics.
fn assert_same_in_every_order(docs: Vec<(String, String)>) {
    let pages: Vec<Page> = {
        let mut diags = Diagnostics::new();
        let tmp = tempfile::tempdir().unwrap();
        for (rel, text) in &docs {
            let path = tmp.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        source::read_docs(tmp.path(), &mut diags)
    };
    let run = |pages: Vec<Page>| {
        generate_from_pages(
            pages,
            &Previous::default(),
            Diagnostics::new(),
            &Options::default(),
        )
        .unwrap_or_else(|failure| panic!("{}", failure.render()))
    };
    let in_order = run(pages.clone());
    let mut reversed = pages.clone();
    reversed.reverse();
    // Every other page first, then the rest: Chinese and English pages interleave differently.
    let mut shuffled: Vec<Page> = pages.iter().skip(1).step_by(2).cloned().collect();
    shuffled.extend(pages.iter().step_by(2).cloned());
    assert_eq!(shuffled.len(), pages.len());
    for other in [run(reversed), run(shuffled)] {
        assert_eq!(in_order.files, other.files);
        let a: Vec<String> = in_order
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        let mut b: Vec<String> = other.diagnostics.iter().map(ToString::to_string).collect();
        // Diagnostics come in the order the pages were parsed; the set is the same.
        let mut a_sorted = a.clone();
        a_sorted.sort();
        b.sort();
        assert_eq!(a_sorted, b);
    }
}

fn main() -> std::process::ExitCode {
    support::harness::main(support::harness::tests![
        docs_source_gives_the_same_crate_however_its_pages_are_saved,
        the_real_api3_pages_give_the_same_crate_however_they_are_saved needs ["corpus/real/api3"],
        pages_read_in_another_order_give_the_same_crate,
        docs_source_and_the_real_api3_pages_read_in_another_order_give_the_same_crate needs ["corpus/real/api3"],
    ])
}
