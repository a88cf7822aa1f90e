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

use support::{cargo, workspace};

/// The members of an `ar` archive (an rlib), by name, with their bytes.
fn archive_members(bytes: &[u8]) -> Vec<(String, &[u8])> {
    assert!(bytes.starts_with(b"!<arch>\n"), "not an ar archive");
    let mut members = Vec::new();
    // GNU ar keeps names longer than 15 bytes in the member `//`, as `/offset` references.
    let mut long_names: &[u8] = &[];
    let mut at = 8;
    while at + 60 <= bytes.len() {
        let header = &bytes[at..at + 60];
        let name = String::from_utf8_lossy(&header[..16]).trim_end().to_owned();
        let size: usize = String::from_utf8_lossy(&header[48..58])
            .trim()
            .parse()
            .expect("an ar member's size");
        let data = &bytes[at + 60..at + 60 + size];
        let name = if name == "//" {
            long_names = data;
            at += 60 + size + size % 2;
            continue;
        } else if let Some(offset) = name.strip_prefix('/').and_then(|o| o.parse::<usize>().ok()) {
            let rest = &long_names[offset..];
            let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            String::from_utf8_lossy(&rest[..end])
                .trim_end_matches('/')
                .to_owned()
        } else {
            name.trim_end_matches('/').to_owned()
        };
        members.push((name, data));
        at += 60 + size + size % 2;
    }
    members
}

/// The names of the functions an ELF object defines (`STT_FUNC` symbols of its symbol table).
fn defined_functions(object: &[u8]) -> Vec<String> {
    let u16_at = |at: usize| u16::from_le_bytes([object[at], object[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(object[at..at + 4].try_into().unwrap()) as usize;
    let u64_at = |at: usize| u64::from_le_bytes(object[at..at + 8].try_into().unwrap()) as usize;
    assert_eq!(&object[..5], b"\x7fELF\x02", "a 64-bit ELF object");
    let (section_headers, entry_size, count) = (u64_at(0x28), u16_at(0x3a), u16_at(0x3c));
    let section = |i: usize| section_headers + i * entry_size;
    let mut functions = Vec::new();
    for i in 0..count {
        // SHT_SYMTAB
        if u32_at(section(i) + 4) != 2 {
            continue;
        }
        let (offset, size) = (u64_at(section(i) + 0x18), u64_at(section(i) + 0x20));
        let strings = u64_at(section(u32_at(section(i) + 0x28)) + 0x18);
        for symbol in (offset..offset + size).step_by(24) {
            let (info, shndx) = (object[symbol + 4], u16_at(symbol + 6));
            // STT_FUNC, defined here
            if info & 0xf == 2 && shndx != 0 {
                let name = &object[strings + u32_at(symbol)..];
                let end = name.iter().position(|&b| b == 0).unwrap_or(name.len());
                functions.push(String::from_utf8_lossy(&name[..end]).into_owned());
            }
        }
    }
    functions
}

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
    let members = archive_members(&bytes);
    let objects: Vec<&(String, &[u8])> = members
        .iter()
        .filter(|(name, _)| name.ends_with(".o"))
        .collect();
    let names: Vec<&str> = objects.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(objects.len(), 1, "{what}: one codegen unit, not {names:?}");
    let functions = defined_functions(objects[0].1);
    assert!(
        functions.is_empty(),
        "{what}: the crate compiles functions of its own; mark them #[inline], or \
         #[cfg_attr(not(debug_assertions), inline)] where they are large \
         (codegen/runtime/runtime.rs says why): {functions:#?}"
    );
}

#[test]
fn a_release_build_of_the_crate_is_one_codegen_unit_of_tables() {
    // The rlib is read as GNU `ar` and the object as 64-bit little-endian ELF: Linux on x86-64
    // or aarch64, where CI runs. Elsewhere the rule still holds; this test cannot read it.
    if !(cfg!(target_os = "linux")
        && cfg!(target_endian = "little")
        && cfg!(target_pointer_width = "64"))
    {
        eprintln!("skipped: the test reads rlibs of 64-bit little-endian Linux only");
        return;
    }
    let full = release_rlib(&["--no-default-features", "--features", "full"]);
    assert_one_unit_without_functions(&full, "--features full --no-default-features");
    let default = release_rlib(&["--features", "cvm"]);
    assert_one_unit_without_functions(&default, "--features cvm (and the default std, serde)");
}
