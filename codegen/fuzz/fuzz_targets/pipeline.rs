//! parse → model → names → emit on one page pair, in memory.
//!
//! The input is read as UTF-8 (invalid bytes replaced, as a page that passed the reader would
//! be). A line `=====` splits it into a Chinese and an English page of one product; without one,
//! the same text is both. Whatever the generator does with it, it must not panic, its diagnostics
//! must render, every Rust file it emits must parse, and no generated rustdoc may open a code
//! block (rustdoc would compile it as a doctest).

#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_errors_codegen::{
    generate_from_pages, Diagnostics, DocLang, ModuleId, Options, Page, Previous,
};

/// The line that separates the Chinese page from the English one in an input.
const SEPARATOR: &str = "\n=====\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (zh, en) = text.split_once(SEPARATOR).unwrap_or((&text, &text));
    let module = ModuleId {
        product: "fuzz".to_owned(),
        version: None,
    };
    let pages = vec![
        Page::from_text(DocLang::Zh, module.clone(), "zh/fuzz.md", zh),
        Page::from_text(DocLang::En, module, "en/fuzz.md", en),
    ];
    match generate_from_pages(
        pages,
        &Previous::default(),
        Diagnostics::new(),
        &Options::default(),
    ) {
        Ok(generation) => {
            let _ = generation.render_warnings();
            for file in generation.files.iter().filter(|f| f.path.ends_with(".rs")) {
                // A variant's rustdoc (made from a description) that opens a code block would be
                // compiled as a doctest.
                let mut in_enum = false;
                for line in file.contents.lines() {
                    if line.starts_with("pub enum ErrorCode") {
                        in_enum = true;
                    } else if line == "}" {
                        in_enum = false;
                    } else if let Some(doc) = line.trim().strip_prefix("///").filter(|_| in_enum) {
                        let doc = doc.trim();
                        assert!(!doc.starts_with("```") && !doc.starts_with("~~~"), "{line}");
                    }
                }
                if let Err(err) = syn::parse_file(&file.contents) {
                    panic!("{} does not parse: {err}\n{}", file.path, file.contents);
                }
            }
        }
        Err(failure) => {
            let _ = failure.render();
        }
    }
});
