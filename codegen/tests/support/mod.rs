//! What the integration tests share: where the workspace and the corpus are, copying folders, and
//! building the crates they generate.

// Each test file uses some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The folder of test data beside the repository: `$TENCENTCLOUD_ERRORS_SHARED` (relative to the
/// workspace root when relative), or `../shared`. It holds `corpus/` (the real documentation and
/// the SDKs, with their oracles) and `seed/` (the page the project started from).
pub fn shared() -> PathBuf {
    match std::env::var_os(SHARED_VAR) {
        Some(dir) if !dir.is_empty() => workspace().join(dir),
        _ => workspace().parent().unwrap().join("shared"),
    }
}

/// The variable that moves the folder of test data (for GitHub's CI, and to try a run without it).
pub const SHARED_VAR: &str = "TENCENTCLOUD_ERRORS_SHARED";

/// `<shared>/corpus/<sub>`. A test reads it only when it declared the data it needs (see
/// [`harness`]), which ran it only when the data is there: if it is not, the declaration is
/// wrong, and this says so.
pub fn corpus(sub: &str) -> PathBuf {
    data(&format!("corpus/{sub}"))
}

/// `<shared>/<rel>`, which must exist (see [`corpus`]).
pub fn data(rel: &str) -> PathBuf {
    let path = shared().join(rel);
    assert!(
        path.exists(),
        "{} is absent: the test reads `{rel}` without declaring it (see `needs` in its file's `main`)",
        path.display()
    );
    path
}

pub mod harness;

mod checks;
#[allow(unused_imports)] // each test file uses some of them
pub use checks::{doc_of, rendering_problem, variant_docs};

/// Copies a folder, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The target folder that the builds of generated crates share, so that the crates'
/// dependencies are compiled once.
pub fn test_crates() -> PathBuf {
    workspace().join("target/test-crates")
}

/// Runs cargo on a generated crate (or a program using one) with warnings denied, and asserts
/// that it succeeds. All such builds share one target folder, [`test_crates`].
pub fn cargo(args: &[&str], manifest: &Path) -> Output {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .arg("--manifest-path")
        .arg(manifest)
        .env("CARGO_TARGET_DIR", test_crates())
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo {args:?} on {} failed:\n{}",
        manifest.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A documentation folder and the crate generated from it, in a temporary folder: what a
/// maintainer's refresh edits and regenerates.
pub struct Workspace {
    _tmp: tempfile::TempDir,
    /// The documentation folder.
    pub docs: PathBuf,
    /// The generated crate.
    pub out: PathBuf,
}

impl Workspace {
    /// An empty documentation folder, or one with the seed pages (`zh/api3.md`, `en/api3.md`)
    /// and no `classes.tsv` (the bundled rules apply).
    pub fn new(seed: bool) -> Workspace {
        let tmp = tempfile::tempdir().unwrap();
        let docs = tmp.path().join("docs");
        let out = tmp.path().join("crate");
        std::fs::create_dir_all(docs.join("zh")).unwrap();
        if seed {
            for lang in ["zh", "en"] {
                std::fs::create_dir_all(docs.join(lang)).unwrap();
                std::fs::copy(
                    workspace().join(format!("docs-source/{lang}/api3.md")),
                    docs.join(format!("{lang}/api3.md")),
                )
                .unwrap();
            }
        }
        Workspace {
            _tmp: tmp,
            docs,
            out,
        }
    }

    /// Writes a file of the documentation folder.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.docs.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Removes a file of the documentation folder, and its folder when that is left empty.
    pub fn remove(&self, rel: &str) {
        let path = self.docs.join(rel);
        std::fs::remove_file(&path).unwrap();
        let dir = path.parent().unwrap();
        if dir != self.docs && std::fs::read_dir(dir).unwrap().next().is_none() {
            std::fs::remove_dir(dir).unwrap();
        }
    }

    /// Runs regen.
    pub fn regen(
        &self,
        options: &tencentcloud_errors_codegen::Options,
    ) -> Result<tencentcloud_errors_codegen::Generation, tencentcloud_errors_codegen::Failure> {
        tencentcloud_errors_codegen::regen(&self.docs, &self.out, options)
    }

    /// Runs regen and asserts that it succeeds.
    pub fn regen_ok(&self) -> tencentcloud_errors_codegen::Generation {
        self.regen(&Default::default())
            .unwrap_or_else(|failure| panic!("{}", failure.render()))
    }

    /// A file of the generated crate.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap()
    }
}

/// A product page in the layout of the pages the SDK importer writes: a title and the table of
/// business codes, `rows` as `(code, description)`.
pub fn product_page(lang: &str, rows: &[(&str, &str)]) -> String {
    let (title, header) = match lang {
        "zh" => ("## 业务错误码", "| 错误码 | 说明 |"),
        _ => ("## Business Error Codes", "| Error Code | Description |"),
    };
    let mut page = format!("# Error codes\n\n{title}\n\n{header}\n|---|---|\n");
    for (code, text) in rows {
        page.push_str(&format!("| {code} | {text} |\n"));
    }
    page
}

/// Every file of a folder, by path relative to it, with its bytes.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// One generated module's enum: its variants in order, each with the code of its table row and
/// its rustdoc.
#[derive(Debug)]
pub struct EmittedModule {
    /// `(variant, code, rustdoc, deprecated)`, in the order of the enum.
    pub variants: Vec<(String, String, String, bool)>,
}

/// Reads the enum and the table of a generated module file: variant `i` is the code of row `i`.
pub fn emitted_module(source: &str) -> Option<EmittedModule> {
    let file = syn::parse_file(source).unwrap();
    let mut variants = None;
    let mut table = None;
    for item in &file.items {
        match item {
            syn::Item::Enum(e) if e.ident == "ErrorCode" => variants = Some(&e.variants),
            syn::Item::Static(s) if s.ident == "TABLE" => table = Some(table_text(&s.expr)),
            _ => {}
        }
    }
    let (variants, table) = (variants?, table?);
    let codes: Vec<String> = table
        .split('\u{1e}')
        .filter(|row| !row.is_empty())
        .map(|row| row.split('\u{1f}').next().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), variants.len(), "one row per variant");
    Some(EmittedModule {
        variants: variants
            .iter()
            .zip(codes)
            .map(|(v, code)| {
                let doc = doc_of(&v.attrs);
                let deprecated = v.attrs.iter().any(|a| a.path().is_ident("deprecated"));
                (v.ident.to_string(), code, doc, deprecated)
            })
            .collect(),
    })
}

/// The text of `Table::indexed("…", …)`.
fn table_text(expr: &syn::Expr) -> String {
    let syn::Expr::Call(call) = expr else {
        panic!("TABLE is not a call");
    };
    match call.args.first().unwrap() {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => s.value(),
        _ => panic!("the table's text is not a string literal"),
    }
}

/// What is wrong with a description's rustdoc, read as rustdoc reads it: a block (a code block,
/// which rustdoc would compile as a doctest, a heading, a list, a quote, a table), a link
/// rustdoc would try to resolve as an intra-doc link (`[1,100]`), or a bare URL (a warning
/// under `-D warnings`). `None` when it is plain inline text with real links only.
pub fn doc_problem(doc: &str) -> Option<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut broken = Vec::new();
    let mut callback = |link: pulldown_cmark::BrokenLink<'_>| -> Option<(
        pulldown_cmark::CowStr<'_>,
        pulldown_cmark::CowStr<'_>,
    )> {
        broken.push(link.reference.to_string());
        None
    };
    // The extensions rustdoc turns on.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    let parser = Parser::new_with_broken_link_callback(doc, options, Some(&mut callback));
    let (mut in_link, mut lists) = (0, 0);
    let mut problem = None;
    for event in parser {
        match event {
            Event::Start(
                tag @ (Tag::CodeBlock(_)
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::HtmlBlock),
            ) => problem = Some(format!("a block: {tag:?}")),
            // The doc's own list, `- 中文: …` and `- English: …`; a list inside it is a problem.
            Event::Start(Tag::List(_)) => {
                lists += 1;
                if lists > 1 {
                    problem = Some("a list inside the description".to_owned());
                }
            }
            Event::End(pulldown_cmark::TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(pulldown_cmark::TagEnd::Link) => in_link -= 1,
            Event::Text(t) if in_link == 0 && (t.contains("http://") || t.contains("https://")) => {
                problem = Some(format!("a bare URL in {t:?}"))
            }
            _ => {}
        }
    }
    if let Some(reference) = broken.first() {
        return Some(format!("a link rustdoc would resolve: [{reference}]"));
    }
    problem
}

/// What is inconsistent in a generated crate: a module file declared twice or never, a file
/// for a module that is not declared, a feature key given twice, a product missing from `full`.
/// Empty when the crate is consistent.
pub fn crate_problems(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let files = snapshot(out);
    let rs: std::collections::BTreeSet<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|p| p.starts_with("src/") && p.ends_with(".rs"))
        .collect();
    // Walk the module tree from src/lib.rs (and src/main.rs, a crate of its own).
    let mut reached: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut stack = vec!["src/lib.rs".to_owned(), "src/main.rs".to_owned()];
    reached.insert("src/lib.rs".to_owned(), 1);
    reached.insert("src/main.rs".to_owned(), 1);
    while let Some(file) = stack.pop() {
        let Some(bytes) = files.get(&file) else {
            problems.push(format!("{file} is declared but missing"));
            continue;
        };
        let source = String::from_utf8_lossy(bytes);
        let parsed = match syn::parse_file(&source) {
            Ok(parsed) => parsed,
            Err(err) => {
                problems.push(format!("{file} does not parse: {err}"));
                continue;
            }
        };
        // The folder of a module's submodules.
        let dir = match file.rsplit_once('/') {
            Some((dir, name)) if ["lib.rs", "main.rs", "mod.rs"].contains(&name) => dir.to_owned(),
            _ => file.trim_end_matches(".rs").to_owned(),
        };
        for item in &parsed.items {
            let syn::Item::Mod(m) = item else { continue };
            if m.content.is_some() {
                continue;
            }
            let name = m.ident.to_string();
            let name = name.trim_start_matches("r#");
            let flat = format!("{dir}/{name}.rs");
            let nested = format!("{dir}/{name}/mod.rs");
            let found: Vec<&String> = [&flat, &nested]
                .into_iter()
                .filter(|p| files.contains_key(*p))
                .collect();
            match found[..] {
                [one] => {
                    *reached.entry(one.clone()).or_default() += 1;
                    stack.push(one.clone());
                }
                [] => problems.push(format!("`mod {name}` of {file} has no file")),
                _ => problems.push(format!(
                    "`mod {name}` of {file} has two files: {flat} and {nested} (E0761)"
                )),
            }
        }
    }
    for file in &rs {
        match reached.get(*file) {
            None => problems.push(format!("{file} is no module's file")),
            Some(n) if *n > 1 => problems.push(format!("{file} is declared {n} times")),
            _ => {}
        }
    }
    // Feature keys are unique, and `full` lists every product.
    let manifest = String::from_utf8_lossy(files.get("Cargo.toml").map_or(&[][..], |m| m));
    let features: Vec<&str> = manifest
        .split("\n[features]\n")
        .nth(1)
        .unwrap_or("")
        .split("\n[")
        .next()
        .unwrap_or("")
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .filter_map(|l| l.split(" = ").next())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for key in &features {
        if !seen.insert(*key) {
            problems.push(format!("the feature `{key}` is given twice"));
        }
    }
    // The products: the features that gate a module of `src/lib.rs`, read from its
    // `#[cfg(feature = "…")] mod …;` items. `full` lists each of them, and nothing else.
    let mut products = std::collections::BTreeSet::new();
    if let Some(lib) = files
        .get("src/lib.rs")
        .and_then(|b| syn::parse_file(&String::from_utf8_lossy(b)).ok())
    {
        for item in &lib.items {
            let syn::Item::Mod(m) = item else { continue };
            for attr in m.attrs.iter().filter(|a| a.path().is_ident("cfg")) {
                if let Ok(syn::Meta::NameValue(nv)) = attr.parse_args::<syn::Meta>() {
                    if let (
                        true,
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }),
                    ) = (nv.path.is_ident("feature"), &nv.value)
                    {
                        products.insert(s.value());
                    }
                }
            }
        }
    }
    let full: std::collections::BTreeSet<String> = manifest
        .split("\nfull = [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap_or("")
        .split(',')
        .map(|entry| entry.trim().trim_matches('"').to_owned())
        .filter(|entry| !entry.is_empty())
        .collect();
    if !products.is_empty() && !seen.contains("full") {
        problems.push("there is no feature `full`".to_owned());
    }
    for product in products.difference(&full) {
        problems.push(format!("the product `{product}` is missing from `full`"));
    }
    for extra in full.difference(&products) {
        problems.push(format!("`full` lists `{extra}`, which gates no module"));
    }
    problems
}
