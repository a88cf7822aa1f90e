//! Writes `phf` maps from code to index in `ALL`, over the codes of the generated crate itself.

use std::io::Write;
use std::path::PathBuf;

use tencentcloud_errors::{common, vpc, Code};

fn map<C: Code>(name: &str) -> String {
    let mut map = phf_codegen::Map::new();
    for (index, code) in C::ALL.iter().enumerate() {
        map.entry(code.as_str(), index.to_string());
    }
    format!(
        "/// `{name}` over the codes of the module: code → index in `ALL`.\n\
         static {name}: phf::Map<&'static str, usize> = {};\n",
        map.build()
    )
}

fn main() {
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set: run this through cargo");
        std::process::exit(1);
    };
    let text = map::<common::ErrorCode>("COMMON") + &map::<vpc::v20170312::ErrorCode>("VPC");
    let written = std::fs::File::create(out.join("maps.rs"))
        .and_then(|mut file| file.write_all(text.as_bytes()));
    if let Err(err) = written {
        eprintln!("cannot write {}: {err}", out.join("maps.rs").display());
        std::process::exit(1);
    }
}
