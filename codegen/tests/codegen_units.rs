//! A release build of the committed crate hands LLVM one codegen unit, holding tables and no
//! function: without debug assertions the runtime's functions are all `#[inline]`, compiled in
//! the crates that call them (codegen/runtime/runtime.rs says why, and why not in debug builds).
//!
//! This is what keeps the crate's own build within its budget (BENCHMARKS.md): a function the
//! crate compiles itself lands, with its neighbours, in a unit of its own, and a release build
//! then runs ThinLTO over the units, reading the tables' bitcode back into each. A new function
//! of the runtime without the attribute fails this test, with its name.

mod support;

use std::path::{Path, PathBuf};

use object::{Object, ObjectSymbol, SymbolKind};

use support::{cargo, workspace};

/// Builds the committed crate in release with `features`, and gives its rlib.
fn release_rlib(features: &[&str]) -> PathBuf {
    let manifest = workspace().join("generated/Cargo.toml");
    let mut args = vec!["build", "--release", "--message-format=json"];
    args.extend_from_slice(features);
    let output = cargo(&args, &manifest);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == "tencentcloud_errors")
        .flat_map(|message| {
            let files = message["filenames"].as_array().cloned().unwrap_or_default();
            files
                .into_iter()
                .filter_map(|f| f.as_str().map(PathBuf::from))
        })
        .find(|file| file.extension().is_some_and(|e| e == "rlib"))
        .expect("cargo names the crate's rlib")
}

fn assert_one_unit_without_functions(rlib: &Path, what: &str) {
    let bytes = std::fs::read(rlib).unwrap();
    let archive =
        object::read::archive::ArchiveFile::parse(&*bytes).expect("an rlib is an archive");
    let mut objects = Vec::new();
    for member in archive.members() {
        let member = member.expect("an archive member");
        let name = String::from_utf8_lossy(member.name()).into_owned();
        if name.ends_with(".o") || name.ends_with(".obj") {
            // A copy: a member's bytes sit unaligned in the archive, and the ELF reader wants
            // its headers aligned, as a fresh allocation's start is.
            objects.push((
                name,
                member.data(&*bytes).expect("a member's bytes").to_vec(),
            ));
        }
    }
    let names: Vec<&str> = objects.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(objects.len(), 1, "{what}: one codegen unit, not {names:?}");
    let object = object::File::parse(&*objects[0].1).expect("an object file");
    let functions: Vec<&str> = object
        .symbols()
        .filter(|s| s.kind() == SymbolKind::Text && s.is_definition())
        .filter_map(|s| s.name().ok())
        .collect();
    assert!(
        functions.is_empty(),
        "{what}: the crate compiles functions of its own; mark them #[inline], or \
         #[cfg_attr(not(debug_assertions), inline)] where they are large \
         (codegen/runtime/runtime.rs says why): {functions:#?}"
    );
}

#[test]
fn a_release_build_of_the_crate_is_one_codegen_unit_of_tables() {
    let full = release_rlib(&["--no-default-features", "--features", "full"]);
    assert_one_unit_without_functions(&full, "--features full --no-default-features");
    let default = release_rlib(&["--features", "cvm"]);
    assert_one_unit_without_functions(&default, "--features cvm (and the default std, serde)");
}
