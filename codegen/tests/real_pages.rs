//! Every page of `../shared/corpus/real/` (447 pages as published, many far from clean) through
//! regen: the API 3.0 pages generate; every other page either generates a crate that builds or
//! stops with diagnostics that name a file; nothing panics.
//!
//! How "builds" is checked without building 447 crates (which would take far longer than the
//! whole test suite may on two cores): every page is regenerated alone into a temporary folder and
//! every Rust file written is parsed with `syn`; then every page that generated is put into one
//! documentation folder, each page under a module name of its own, and that one crate is built
//! with warnings denied and all features on. A module's code depends only on its own page and the
//! common table, so one build of all the pages' modules side by side compiles every page's output
//! (and the common table that all of them together make, which is the hardest case).
//!
//! Where the corpus is absent, `main` reports the tests as ignored, or fails them in CI
//! (`support/harness.rs`).

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

mod support;

use support::{cargo, corpus, rendering_problem};
use tencentcloud_errors_codegen::{regen, Diagnostic, Options, Severity};

/// Whether a diagnostic is about a page as a whole, and so names no line: a page with no table
/// of codes, or with no text, or English with no Chinese page beside it.
fn page_wide(d: &Diagnostic) -> bool {
    [
        "the page is empty",
        "the page has no error-code table",
        "an English page with no Chinese page",
        "are English only",
    ]
    .iter()
    .any(|m| d.message.contains(m))
}

/// Every `.md` file under `dir`, sorted, with its language (`zh` or `en`, from the folder).
fn pages(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(dir).unwrap();
            let lang = if rel.components().any(|c| c.as_os_str() == "en") {
                "en"
            } else {
                "zh"
            };
            (path, lang)
        })
        .collect()
}

/// Every `.rs` file under `dir` parses as a Rust file; returns how many there are. Files whose
/// text was already parsed (the runtime is the same in every crate) are not parsed again.
fn assert_rust_parses(dir: &Path, parsed: &mut HashSet<u64>) -> usize {
    let mut count = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let mut hasher = DefaultHasher::new();
                text.hash(&mut hasher);
                if parsed.insert(hasher.finish()) {
                    if let Err(err) = syn::parse_file(&text) {
                        panic!("{} does not parse: {err}", path.display());
                    }
                }
                count += 1;
            }
        }
    }
    count
}

fn the_api3_folder_generates_as_it_is() {
    let real = corpus("real");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("api3");
    let mut parsed = HashSet::new();
    let generation = regen(&real.join("api3"), &out, &Options::default())
        .unwrap_or_else(|failure| panic!("{}", failure.render()));
    assert_eq!(generation.pages.len(), 29 + 24);
    // One module per product: the 29 Chinese pages' and mongodb, which has an English page only.
    let products: std::collections::BTreeSet<String> = pages(&real.join("api3"))
        .iter()
        .map(|(path, _)| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(products.len(), 30);
    assert_eq!(generation.catalog.modules.len(), products.len());
    assert!(generation
        .catalog
        .modules
        .iter()
        .all(|m| !m.codes.is_empty()));
    // lib, common, runtime and one file per product.
    assert!(assert_rust_parses(&out, &mut parsed) >= 3 + products.len());
    for product in &products {
        assert!(out.join(format!("src/{product}.rs")).is_file(), "{product}");
    }
    // The known oddities are warnings that name their page and line: cdb's numeric `9003`, and
    // en/sqlserver's code listed twice with two texts.
    let warnings: Vec<String> = generation
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    let find = |needle: &str| warnings.iter().find(|w| w.contains(needle)).cloned();
    let cdb = find("`9003` is not an error code").unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(cdb.contains("zh/cdb.md:"), "{cdb}");
    let twice = find("`FailedOperation.CreateOrderFailed` is listed twice")
        .unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(twice.contains("en/sqlserver.md:"), "{twice}");
}

fn the_other_folder_as_it_is_stops_on_its_file_names() {
    // (The API pages of `action/` are read by what they say, whatever their file names: see
    // `actions.rs`.)
    let real = corpus("real");
    for folder in ["other"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let failure = match regen(&real.join(folder), &out, &Options::default()) {
            Ok(_) => panic!("{folder}: its file names are not module names, yet regen passed"),
            Err(failure) => failure,
        };
        assert!(
            !out.exists(),
            "{folder}: a failed regen wrote {}",
            out.display()
        );
        let errors: Vec<_> = failure
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(!errors.is_empty());
        for error in &errors {
            assert!(error.message.contains("cannot be a module name"), "{error}");
            let file = &error.location.as_ref().unwrap().file;
            assert!(Path::new(file).is_file(), "{error}: names no file");
            assert!(error.help.as_ref().unwrap().contains("rename"), "{error}");
        }
        assert!(failure.render().contains("help: "));
    }
}

fn every_page_alone_generates_or_stops_and_what_generates_builds() {
    let real = corpus("real");
    let all = pages(&real);
    assert_eq!(all.len(), 447);
    let tmp = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let mut parsed = HashSet::new();
    let mut panicked = Vec::new();
    let mut generated = Vec::new();
    let mut stopped = 0;
    for (index, (path, lang)) in all.iter().enumerate() {
        let name = format!("page{index:03}");
        let docs = tmp.path().join("alone").join(&name);
        let page = docs.join(lang).join(format!("{name}.md"));
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        std::fs::copy(path, &page).unwrap();
        let out = tmp.path().join("out").join(&name);
        let result = catch_unwind(AssertUnwindSafe(|| regen(&docs, &out, &Options::default())));
        match result {
            Err(_) => panicked.push(path.display().to_string()),
            Ok(Ok(generation)) => {
                assert!(
                    assert_rust_parses(&out, &mut parsed) >= 3,
                    "{}",
                    path.display()
                );
                // Every warning names the page; all but the page-wide ones, a line in it; and
                // each is rendered once, at that place.
                for d in &generation.diagnostics {
                    let location = d.location.as_ref().unwrap_or_else(|| panic!("{d}"));
                    assert_eq!(Path::new(&location.file), page, "{d}");
                    assert_eq!(location.line.is_some(), !page_wide(d), "{d}");
                }
                let rendered = generation.render_warnings();
                if let Some(problem) = rendering_problem(&rendered, &generation.diagnostics) {
                    panic!("{}: {problem}", path.display());
                }
                generated.push((path, *lang, page));
            }
            Ok(Err(failure)) => {
                assert!(failure.diagnostics.has_errors(), "{}", path.display());
                assert!(!out.exists(), "{}", path.display());
                if let Some(problem) = rendering_problem(&failure.render(), &failure.diagnostics) {
                    panic!("{}: {problem}", path.display());
                }
                stopped += 1;
            }
        }
    }
    assert!(
        panicked.is_empty(),
        "regen panicked on:\n{}",
        panicked.join("\n")
    );
    eprintln!(
        "{} pages generated alone, {stopped} stopped with diagnostics ({:.1?})",
        generated.len(),
        started.elapsed()
    );
    assert!(
        generated.len() > 400,
        "only {} pages generated",
        generated.len()
    );

    // Every page that generated, side by side in one crate.
    let docs = tmp.path().join("together");
    for (index, (_, lang, page)) in generated.iter().enumerate() {
        let target = docs.join(lang).join(format!("page{index:03}.md"));
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(page, target).unwrap();
    }
    let out = tmp.path().join("crate");
    let generation = regen(&docs, &out, &Options::default())
        .unwrap_or_else(|failure| panic!("{}", failure.render()));
    assert_eq!(generation.pages.len(), generated.len());
    assert_rust_parses(&out, &mut parsed);
    let started = std::time::Instant::now();
    cargo(
        &["build", "--quiet", "--all-features"],
        &out.join("Cargo.toml"),
    );
    eprintln!("the crate of all pages built in {:.1?}", started.elapsed());
}

fn main() -> std::process::ExitCode {
    support::harness::main(support::harness::tests![
        the_api3_folder_generates_as_it_is needs ["corpus/real"],
        the_other_folder_as_it_is_stops_on_its_file_names needs ["corpus/real"],
        every_page_alone_generates_or_stops_and_what_generates_builds needs ["corpus/real"],
    ])
}
