//! What crates.io asks of the crate: at most 300 features. (`.ci/run` checks the `.crate`'s size.)

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

fn features(generation: &tencentcloud_errors_codegen::Generation) -> usize {
    let manifest = generation
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap();
    let table = manifest.contents.split("[features]").nth(1).unwrap();
    let table = table.split("\n[").next().unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .count()
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

    let failure = run(most + 1).expect_err("one product too many");
    let rendered = failure.render();
    assert!(
        rendered.contains(&format!(
            "the crate would have {} cargo features",
            MAX_FEATURES + 1
        )),
        "{rendered}"
    );
    assert!(
        rendered.contains("crates.io accepts at most 300"),
        "{rendered}"
    );
}
