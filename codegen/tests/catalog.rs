//! The whole product catalog: the crate as committed (`generated/`, imported from the Go SDKs),
//! and the crate regenerated from the catalog rendered as pages in `../shared/corpus/catalog`
//! (282 Chinese and 154 English pages), each checked against the corpus's oracle
//! (`expected-zh.tsv`, `expected-en.tsv`); and the real API 3.0 pages in
//! `../shared/corpus/real/api3`.
//!
//! Their data is beside the repository (README, "Test data"): where it is absent, `main` reports
//! them as ignored, or fails them in CI (`support/harness.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod renderings;
mod support;

use support::{cargo, corpus};
use tencentcloud_errors_codegen::{
    generate, generate_from_pages, names, regen, source, Diagnostics, DocLang, Options, Previous,
};

/// A description of the oracle as the crate gives it: the SDK's text with the renderings the
/// README lists, computed independently of the generator's parser (`renderings/mod.rs`).
fn as_reader_sees_it(description: &str) -> String {
    renderings::rendered(description).trim().to_owned()
}

/// `(product, version) → code → description` from an oracle file.
type Expected = BTreeMap<(String, String), BTreeMap<String, String>>;

fn read_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Expected::new();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "{line}");
        out.entry((fields[0].to_owned(), fields[1].to_owned()))
            .or_default()
            .insert(fields[2].to_owned(), as_reader_sees_it(fields[3]));
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes a small program that depends on the generated crate at `crate_dir` and prints, for every
/// module, every code of `ALL` with both messages and its `Debug` (the variant's name), after
/// checking that each parses back to itself (or, for a code one language spells with other
/// capitals, to the code it spells).
fn write_dump_program(dir: &Path, crate_dir: &Path, modules: &[(String, Option<String>)]) {
    let mut main = String::from(
        "use tencentcloud_errors::{Code, Lang};\n\
         fn dump<C: Code>(product: &str, version: &str) {\n\
         \x20   for &code in C::ALL {\n\
         \x20       let back = code.as_str().parse::<C>().unwrap();\n\
         \x20       // Itself, or the code it is one language's spelling of (other capitals).\n\
         \x20       assert!(back == code || back.as_str().eq_ignore_ascii_case(code.as_str()), \"{}\", code.as_str());\n\
         \x20       println!(\"{product}\\t{version}\\t{}\\t{}\\t{}\\t{code:?}\", esc(code.as_str()), esc(code.message(Lang::Zh)), esc(code.message(Lang::En)));\n\
         \x20   }\n\
         }\n\
         fn esc(s: &str) -> String { s.replace('\\\\', \"\\\\\\\\\").replace('\\t', \"\\\\t\").replace('\\n', \"\\\\n\") }\n\
         fn main() {\n\
         \x20   dump::<tencentcloud_errors::common::ErrorCode>(\"@common\", \"\");\n",
    );
    for (product, version) in modules {
        let product_path = if source::is_raw_keyword(product) {
            format!("r#{product}")
        } else {
            product.clone()
        };
        let path = match version {
            Some(v) => format!("{product_path}::{v}"),
            None => product_path,
        };
        main.push_str(&format!(
            "    dump::<tencentcloud_errors::{path}::ErrorCode>(\"{product}\", \"{}\");\n",
            version.as_deref().unwrap_or("")
        ));
    }
    main.push_str("}\n");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"dump\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ntencentcloud-errors = {{ path = {:?}, features = [\"full\"] }}\n\n[workspace]\n",
            crate_dir.display().to_string()
        ),
    )
    .unwrap();
}

/// `(product, version, code) → (zh, en, Debug)` as the built crate reports them.
type Dumped = BTreeMap<(String, String), BTreeMap<String, (String, String, String)>>;

fn run_dump(stdout: &[u8]) -> Dumped {
    let mut out = Dumped::new();
    for line in String::from_utf8_lossy(stdout).lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "{line}");
        out.entry((f[0].to_owned(), f[1].to_owned()))
            .or_default()
            .insert(
                unescape(f[2]),
                (unescape(f[3]), unescape(f[4]), f[5].to_owned()),
            );
    }
    out
}

fn the_committed_crate_has_every_expected_row_in_its_own_module() {
    use tencentcloud_errors::{module, modules, Lang};
    let catalog = corpus("catalog");
    let zh = read_expected(&catalog.join("expected-zh.tsv"));
    let en = read_expected(&catalog.join("expected-en.tsv"));
    let keys: BTreeSet<&(String, String)> = zh.keys().chain(en.keys()).collect();
    assert_eq!(keys.len(), 298);
    let mut checked = (0, 0);
    for key @ (product, version) in keys {
        let found = module(product, Some(version))
            .unwrap_or_else(|| panic!("no module {product}::{version} in generated/"));
        // Its own module: not a newer version's, nor a product documented without versions.
        assert_eq!(
            (found.product(), found.version()),
            (Some(product.as_str()), Some(version.as_str()))
        );
        let (zh_rows, en_rows) = (zh.get(key), en.get(key));
        let expected: BTreeSet<&str> = zh_rows
            .into_iter()
            .chain(en_rows)
            .flat_map(BTreeMap::keys)
            .map(String::as_str)
            .collect();
        let got: BTreeSet<&str> = found.codes().map(|c| c.as_str()).collect();
        assert_eq!(got, expected, "{product}::{version}");
        for (code, text) in zh_rows.into_iter().flatten() {
            assert_eq!(
                found.get(code).unwrap().message(Lang::Zh),
                text,
                "{key:?} {code}"
            );
            checked.0 += 1;
        }
        for (code, text) in en_rows.into_iter().flatten() {
            let info = found.get(code).unwrap();
            if text.is_empty() {
                // An empty English description: the Chinese text stands in.
                assert_eq!(
                    info.message(Lang::En),
                    info.message(Lang::Zh),
                    "{key:?} {code}"
                );
            } else {
                assert_eq!(info.message(Lang::En), text, "{key:?} {code}");
            }
            checked.1 += 1;
        }
    }
    assert_eq!(checked, (16_931, 10_509));
    // Besides the catalog: `common` and the seed's `api3`.
    assert_eq!(modules().len(), 298 + 2);
}

fn every_expected_row_is_in_its_module_with_its_text() {
    let catalog = corpus("catalog");
    let zh = read_expected(&catalog.join("expected-zh.tsv"));
    let en = read_expected(&catalog.join("expected-en.tsv"));
    assert_eq!(zh.values().map(BTreeMap::len).sum::<usize>(), 16_931);
    assert_eq!(en.values().map(BTreeMap::len).sum::<usize>(), 10_509);

    let tmp = tempfile::tempdir().unwrap();
    let crate_dir = tmp.path().join("catalog");
    let generation = regen(&catalog, &crate_dir, &Options::default())
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let modules: Vec<(String, Option<String>)> = generation
        .catalog
        .modules
        .iter()
        .map(|m| (m.id.product.clone(), m.id.version.clone()))
        .collect();
    let program = tmp.path().join("dump");
    write_dump_program(&program, &crate_dir, &modules);
    let output = cargo(&["run", "--quiet"], &program.join("Cargo.toml"));
    let mut dumped = run_dump(&output.stdout);
    // The common codes, dumped first, are checked for their names only (below).
    let common = dumped
        .remove(&("@common".to_owned(), String::new()))
        .unwrap();

    let keys: BTreeSet<&(String, String)> = zh.keys().chain(en.keys()).collect();
    assert_eq!(dumped.keys().collect::<BTreeSet<_>>(), keys);
    let mut checked = (0, 0);
    for key in keys {
        let got = &dumped[key];
        let (zh_rows, en_rows) = (zh.get(key), en.get(key));
        // ALL holds exactly the module's rows: the union of its Chinese and English pages.
        let expected_codes: BTreeSet<&String> = zh_rows
            .into_iter()
            .chain(en_rows)
            .flat_map(BTreeMap::keys)
            .collect();
        assert_eq!(
            got.keys().collect::<BTreeSet<_>>(),
            expected_codes,
            "{key:?}"
        );
        for (code, text) in zh_rows.into_iter().flatten() {
            assert_eq!(&got[code].0, text, "{key:?} {code} zh");
            checked.0 += 1;
        }
        for (code, text) in en_rows.into_iter().flatten() {
            if !text.is_empty() {
                assert_eq!(&got[code].1, text, "{key:?} {code} en");
                checked.1 += 1;
            }
        }
    }
    assert_eq!(checked, (16_931, 10_509 - 277));

    // `Debug` shows the variant's name, the one the ledger records: stored in the row where it
    // is not the code's natural name, computed from the code where it is.
    let mut stored = 0;
    let modules = generation.catalog.modules.iter().map(|module| {
        let key = (
            module.id.product.clone(),
            module.id.version.clone().unwrap_or_default(),
        );
        (module.id.to_string(), &dumped[&key])
    });
    for (module, codes) in modules.chain([("common".to_owned(), &common)]) {
        for (code, (_, _, debug)) in codes {
            let name = generation.ledger.name(&module, code);
            assert_eq!(Some(debug.as_str()), name, "{module} {code}");
            stored += usize::from(names::natural_name(code) != *debug);
        }
    }
    assert_eq!(common.len(), generation.catalog.common.len());
    // Both ways are exercised: the collisions and codes such as `InternalError.` keep names
    // that are not natural.
    assert!(stored > 0);
}

fn regen_is_byte_identical_twice_and_in_shuffled_order() {
    let catalog = corpus("catalog");
    let tmp = tempfile::tempdir().unwrap();
    let options = Options::default();
    let first = generate(&catalog, tmp.path(), &options).unwrap();
    let second = generate(&catalog, tmp.path(), &options).unwrap();
    assert!(first.files == second.files);

    let mut pages = first.pages.clone();
    // A fixed permutation that moves every page: reversed, then rotated.
    pages.reverse();
    let third = pages.len() / 3;
    pages.rotate_left(third);
    assert_ne!(pages, first.pages);
    let shuffled =
        generate_from_pages(pages, &Previous::default(), Diagnostics::new(), &options).unwrap();
    assert_eq!(shuffled.files.len(), first.files.len());
    for (a, b) in first.files.iter().zip(&shuffled.files) {
        assert!(
            a == b,
            "{} differs when the pages are read in another order",
            a.path
        );
    }
}

fn the_collisions_in_the_data_get_distinct_documented_names() {
    let catalog = corpus("catalog");
    let tmp = tempfile::tempdir().unwrap();
    let generation = generate(&catalog, tmp.path(), &Options::default()).unwrap();
    let name = |module: &str, code: &str| {
        generation
            .ledger
            .name(module, code)
            .unwrap_or_else(|| panic!("{module} {code} has no name"))
            .to_owned()
    };
    let cases = [
        (
            "cvm::v20170312",
            "InvalidParameter.ValueTooLarge",
            "InvalidParameterValueTooLarge",
        ),
        (
            "cvm::v20170312",
            "InvalidParameterValue.TooLarge",
            "InvalidParameterValue_TooLarge",
        ),
        (
            "as::v20180419",
            "InvalidParameterConflict",
            "InvalidParameterConflict",
        ),
        (
            "as::v20180419",
            "InvalidParameter.Conflict",
            "InvalidParameter_Conflict",
        ),
        (
            "vpc::v20170312",
            "InvalidParameterConflict",
            "InvalidParameterConflict",
        ),
        (
            "vpc::v20170312",
            "InvalidParameter.Conflict",
            "InvalidParameter_Conflict",
        ),
        (
            "mps::v20190612",
            "InvalidParameterValue",
            "InvalidParameterValue",
        ),
        (
            "mps::v20190612",
            "InvalidParameter.Value",
            "InvalidParameter_Value",
        ),
        ("cpdp::v20190820", "MissingParameter", "MissingParameter"),
        ("cpdp::v20190820", "InternalError.", "InternalError_"),
        ("cpdp::v20190820", "MissingParameter.", "MissingParameter_"),
        (
            "scf::v20180416",
            "FailedOperation.DeleteTrigger.UrlUsed",
            "FailedOperationDeleteTriggerUrlUsed",
        ),
    ];
    for (module, code, expected) in cases {
        // (`InternalError.` has no plain twin in cpdp: it is marked because the common code
        // `InternalError` owns the natural name.)
        assert_eq!(name(module, code), expected, "{module} {code}");
    }
    // And no module has two codes with one name.
    for (module, entries) in &generation.ledger.modules {
        let distinct: BTreeSet<&String> = entries.values().map(|e| &e.name).collect();
        assert_eq!(distinct.len(), entries.len(), "{module}");
    }
}

/// Copies the pages of some products from the catalog into `docs`.
fn copy_products(catalog: &Path, docs: &Path, products: &[&str]) {
    for lang in ["zh", "en"] {
        for product in products {
            let from = catalog.join(lang).join(product);
            let Ok(entries) = std::fs::read_dir(&from) else {
                continue;
            };
            let to = docs.join(lang).join(product);
            std::fs::create_dir_all(&to).unwrap();
            for entry in entries {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
    }
}

fn names_stay_when_codes_come_and_go() {
    let catalog = corpus("catalog");
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let out = tmp.path().join("crate");
    copy_products(&catalog, &docs, &["cvm", "vpc", "as"]);
    let options = Options::default();
    let before = regen(&docs, &out, &options).unwrap().ledger;

    // Remove a code from one page, and add to another a code that takes the natural name of an
    // existing one (`InvalidParameterValue.Malformed` exists in vpc; `InvalidParameter.ValueMalformed`
    // flattens to the same name).
    for lang in ["zh", "en"] {
        let cvm = docs.join(lang).join("cvm/v20170312.md");
        let text = std::fs::read_to_string(&cvm).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("| InvalidParameterValue.TooLarge |"))
            .collect();
        assert_eq!(kept.len() + 1, text.lines().count(), "{lang}");
        std::fs::write(&cvm, kept.join("\n") + "\n").unwrap();
    }
    let vpc = docs.join("zh/vpc/v20170312.md");
    let text = std::fs::read_to_string(&vpc).unwrap();
    assert!(text.contains("| InvalidParameterValue.Malformed |"));
    std::fs::write(
        &vpc,
        format!("{text}| InvalidParameter.ValueMalformed | 新加的错误码。 |\n"),
    )
    .unwrap();

    let generation = regen(&docs, &out, &options).unwrap();
    let after = &generation.ledger;
    for (module, entries) in &before.modules {
        for (code, entry) in entries {
            assert_eq!(
                after.name(module, code),
                Some(entry.name.as_str()),
                "{module} {code}"
            );
        }
    }
    // The new code got the marked name, since the natural one was taken first.
    assert_eq!(
        after.name("vpc::v20170312", "InvalidParameter.ValueMalformed"),
        Some("InvalidParameter_ValueMalformed")
    );
    // The removed code stays in its enum, deprecated, under its name.
    let cvm_module = generation
        .catalog
        .modules
        .iter()
        .find(|m| m.id.to_string() == "cvm::v20170312")
        .unwrap();
    let removed = cvm_module
        .codes
        .iter()
        .find(|c| c.code == "InvalidParameterValue.TooLarge")
        .unwrap();
    assert!(removed.deprecated.is_some());
    assert_eq!(
        after.name("cvm::v20170312", "InvalidParameterValue.TooLarge"),
        Some("InvalidParameterValue_TooLarge")
    );
}

/// The codes of the business tables of a real page, read line by line: rows after a business
/// title whose first cell has the form of a code. Independent of the generator's parser.
fn naive_business_codes(text: &str) -> BTreeSet<String> {
    let mut in_business = false;
    let mut codes = BTreeSet::new();
    for line in text.lines() {
        let trimmed = line.trim().trim_start_matches('#').trim();
        let lower = trimmed.to_lowercase();
        if lower.contains("公共错误码") || lower.contains("common error code") {
            in_business = false;
        }
        if lower.contains("业务错误码")
            || lower.contains("business error code")
            || lower.contains("service error code")
        {
            in_business = true;
        }
        if !in_business {
            continue;
        }
        let Some(rest) = line.trim().strip_prefix('|') else {
            continue;
        };
        let cell = rest.split('|').next().unwrap_or("").trim();
        let is_code = cell.starts_with(|c: char| c.is_ascii_alphabetic())
            && cell
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
            && !["Error", "Code"].contains(&cell);
        if is_code {
            codes.insert(cell.to_owned());
        }
    }
    codes
}

fn the_real_api3_pages_generate_with_all_their_business_rows() {
    let api3 = corpus("real/api3");
    let tmp = tempfile::tempdir().unwrap();
    let crate_dir = tmp.path().join("api3");
    let generation =
        regen(&api3, &crate_dir, &Options::default()).unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(generation.pages.len(), 29 + 24);
    let mut checked = 0;
    for page in &generation.pages {
        let module = generation
            .catalog
            .modules
            .iter()
            .find(|m| m.id == page.module)
            .unwrap();
        let have: BTreeSet<&str> = module.codes.iter().map(|c| c.code.as_str()).collect();
        fn side(c: &tencentcloud_errors_codegen::CodeEntry, lang: DocLang) -> Option<&str> {
            match lang {
                DocLang::Zh => c.zh.as_ref().map(|t| t.page.as_str()),
                DocLang::En => c.en.as_ref().map(|t| t.page.as_str()),
            }
        }
        for code in naive_business_codes(&page.text) {
            assert!(
                have.contains(code.as_str()),
                "{}: {code} is missing",
                page.rel
            );
            let entry = module.codes.iter().find(|c| c.code == code).unwrap();
            // Rows with an empty description take the other language's text, by design.
            if let Some(from) = side(entry, page.lang) {
                assert_eq!(from, page.rel, "{code}");
            }
            checked += 1;
        }
    }
    assert!(checked > 900, "only {checked} rows were checked");
    // What the pages themselves get wrong comes out as warnings, not failures; the crate builds.
    assert!(!generation.diagnostics.is_empty());
    cargo(
        &["build", "--quiet", "--features", "full"],
        &crate_dir.join("Cargo.toml"),
    );
}

fn main() -> std::process::ExitCode {
    support::harness::main(support::harness::tests![
        the_committed_crate_has_every_expected_row_in_its_own_module needs ["corpus/catalog"],
        every_expected_row_is_in_its_module_with_its_text needs ["corpus/catalog"],
        regen_is_byte_identical_twice_and_in_shuffled_order needs ["corpus/catalog"],
        the_collisions_in_the_data_get_distinct_documented_names needs ["corpus/catalog"],
        names_stay_when_codes_come_and_go needs ["corpus/catalog"],
        the_real_api3_pages_generate_with_all_their_business_rows needs ["corpus/real/api3"],
    ])
}
