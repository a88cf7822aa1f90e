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

/// The `rust-version` a dependency of the generated crate declares, as cargo resolves it.
fn dependency_rust_version(name: &str) -> String {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(workspace().join("generated/Cargo.toml"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let package = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not a dependency"));
    package["rust_version"]
        .as_str()
        .unwrap_or_else(|| panic!("{name} declares no rust-version"))
        .to_owned()
}

/// `1.85` as `(1, 85)`.
fn rust_version(text: &str) -> (u32, u32) {
    let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap());
    (parts.next().unwrap(), parts.next().unwrap_or(0))
}

/// The comment lines just above `key = …` in a manifest.
fn comment_above(manifest: &str, key: &str) -> String {
    let lines: Vec<&str> = manifest.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no `{key}` in the manifest"));
    let mut comment: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .collect();
    comment.reverse();
    comment.join(" ")
}

/// The rustdoc of `RetryPolicy::retry`, the function the `backon` feature gives.
fn rustdoc_of_retry() -> String {
    fn find(items: &[syn::Item]) -> Option<String> {
        items.iter().find_map(|item| match item {
            syn::Item::Mod(m) => find(&m.content.as_ref()?.1),
            syn::Item::Impl(i) => i.items.iter().find_map(|item| match item {
                syn::ImplItem::Fn(f) if f.sig.ident == "retry" => Some(
                    f.attrs
                        .iter()
                        .filter_map(|a| match &a.meta {
                            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => {
                                match &nv.value {
                                    syn::Expr::Lit(syn::ExprLit {
                                        lit: syn::Lit::Str(s),
                                        ..
                                    }) => Some(s.value()),
                                    _ => None,
                                }
                            }
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                _ => None,
            }),
            _ => None,
        })
    }
    let file = syn::parse_file(&read("codegen/runtime/runtime/retry.rs")).unwrap();
    find(&file.items).expect("RetryPolicy::retry is in retry.rs")
}

/// Issue 19, point 11: the crate's `rust-version` is 1.83, but the `backon` feature needs the
/// Rust version backon declares. Each place a user learns about the feature says so: the
/// feature's comment in the manifest, the rustdoc of what it gives, the workspace's README and
/// the crate's.
#[test]
fn the_backon_feature_says_the_rust_version_it_needs() {
    let manifest = read("generated/Cargo.toml");
    let ours = package_field(&manifest, "rust-version").expect("a rust-version");
    let backon = dependency_rust_version("backon");
    assert!(
        rust_version(&backon) > rust_version(&ours),
        "backon {backon} no longer needs more than the crate's {ours}: drop the notes"
    );
    let needs = format!("Rust {backon}");
    let comment = comment_above(&manifest, "backon");
    assert!(
        comment.contains(&needs),
        "the `backon` feature's comment in generated/Cargo.toml does not say it needs {needs}: {comment:?}"
    );
    let doc = rustdoc_of_retry().replace('\n', " ");
    assert!(
        doc.contains(&needs),
        "the rustdoc of RetryPolicy::retry does not say it needs {needs}"
    );
    for readme in [
        "README.md",
        "codegen/runtime/README.md",
        "generated/README.md",
    ] {
        let text = read(readme);
        // A paragraph, list item or table row that names the feature and the version.
        let says = text
            .split("\n\n")
            .flat_map(|block| block.split("\n- ").chain(block.split("\n|")))
            .any(|part| part.contains("`backon`") && part.replace('\n', " ").contains(&needs));
        assert!(
            says,
            "{readme} does not say that the `backon` feature needs {needs} (the crate's rust-version is {ours})"
        );
    }
}
