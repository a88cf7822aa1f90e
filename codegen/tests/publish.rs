//! What crates.io asks of the crate (at most 300 features; `.ci/run` checks the `.crate`'s size),
//! and what the package says about itself: its licence, and the Rust version its features need.

use tencentcloud_errors_codegen::{
    generate_from_pages, Diagnostics, DocLang, ModuleId, Options, Page, Previous, MAX_FEATURES,
};

fn products(n: usize) -> Vec<Page> {
    (0..n)
        .map(|i| {
            let product = format!("p{i:03}");
            Page::from_text(
                DocLang::Zh,
                ModuleId {
                    product: product.clone(),
                    version: None,
                },
                &format!("zh/{product}.md"),
                "| 错误码 | 说明 |\n|---|---|\n| FailedOperation.X | x |\n",
            )
        })
        .collect()
}

/// The entries of a manifest's `[features]` table.
fn count_features(manifest: &str) -> usize {
    let table = manifest.split("[features]").nth(1).unwrap();
    let table = table.split("\n[").next().unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .count()
}

fn features(generation: &tencentcloud_errors_codegen::Generation) -> usize {
    let manifest = generation
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap();
    count_features(&manifest.contents)
}

#[test]
fn the_crate_stays_within_crates_io_s_feature_limit_or_regen_says_why() {
    let run = |n| {
        generate_from_pages(
            products(n),
            &Previous::default(),
            Diagnostics::new(),
            &Options::default(),
        )
    };
    // One feature per product, and the crate's own.
    let one = run(1).unwrap_or_else(|f| panic!("{}", f.render()));
    let own = features(&one) - 1;
    let most = MAX_FEATURES - own;
    let at_limit = run(most).unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(features(&at_limit), MAX_FEATURES);

    assert!(at_limit.diagnostics.is_empty());
    // One more builds, but cannot be published: a warning says so (an error under
    // `--deny-warnings`).
    let over = run(most + 1).unwrap_or_else(|f| panic!("{}", f.render()));
    let rendered = over.render_warnings();
    let expected = format!("the crate has {} cargo features", MAX_FEATURES + 1);
    assert!(rendered.contains(&expected), "{rendered}");
    assert!(
        rendered.contains("crates.io accepts at most 300"),
        "{rendered}"
    );
}

#[test]
fn the_committed_crate_is_within_the_feature_limit() {
    let manifest = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/Cargo.toml"),
    )
    .unwrap();
    let features = count_features(&manifest);
    // The catalog's products and the crate's own.
    assert!(features > 250, "{features}");
    assert!(
        features <= MAX_FEATURES,
        "generated/Cargo.toml has {features} features; crates.io accepts at most {MAX_FEATURES}"
    );
}

/// The workspace root.
fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(workspace().join(rel)).unwrap()
}

/// The value of `key = "…"` in the `[package]` table of a manifest.
fn package_field(manifest: &str, key: &str) -> Option<String> {
    let package = manifest.split("[package]\n").nth(1)?.split("\n[").next()?;
    package.lines().find_map(|line| {
        let value = line
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix('=')?
            .trim();
        Some(value.trim_matches('"').to_owned())
    })
}

/// Our code is `MIT OR Apache-2.0`; the texts the crate carries from Tencent's SDKs are
/// Apache-2.0 only (docs-source/NOTICE). The crate holds both, so a user must meet both.
const LICENSE: &str = "(MIT OR Apache-2.0) AND Apache-2.0";

/// Issue 19, point 13: the licence field covers Tencent's data as well as our code, and the
/// READMEs say the same.
#[test]
fn the_licence_field_covers_the_code_and_tencent_s_data() {
    let emitted = products(1);
    let generation = generate_from_pages(
        emitted,
        &Previous::default(),
        Diagnostics::new(),
        &Options::default(),
    )
    .unwrap_or_else(|f| panic!("{}", f.render()));
    let manifest = &generation
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents;
    assert_eq!(package_field(manifest, "license").as_deref(), Some(LICENSE));
    let committed = read("generated/Cargo.toml");
    assert_eq!(
        package_field(&committed, "license").as_deref(),
        Some(LICENSE)
    );
    for readme in [
        "README.md",
        "codegen/runtime/README.md",
        "generated/README.md",
    ] {
        assert!(
            read(readme).contains(&format!("`{LICENSE}`")),
            "{readme} does not give the crate's licence, `{LICENSE}`"
        );
    }
    // The Apache-2.0 obligations for the data come with the crate: the SDKs' licence and notice.
    for file in ["generated/LICENSE-tencentcloud-sdk", "generated/NOTICE"] {
        assert!(workspace().join(file).is_file(), "{file} is missing");
    }
}
