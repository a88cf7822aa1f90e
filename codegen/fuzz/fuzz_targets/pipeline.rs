//! parse → model → names → emit on one page pair, in memory.
//!
//! The input is read as UTF-8 (invalid bytes replaced, as a page that passed the reader would
//! be). A line `=====` splits it into a Chinese and an English page of one product; without one,
//! the same text is both. Whatever the generator does with it, it must not panic, its diagnostics
//! must render one `error:` or `warning:` each, at its position, every Rust file it emits must
//! parse, and no generated rustdoc may open a code block (rustdoc would compile it as a doctest).

#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_errors_codegen::{
    generate_from_pages, Diagnostics, DocLang, ModuleId, Options, Page, Previous,
};

// The readers the tests use: a variant's rustdoc as rustdoc reads it, and the rendering check.
#[path = "../../tests/support/checks.rs"]
mod checks;

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
            let rendered = generation.render_warnings();
            if let Some(problem) = checks::rendering_problem(&rendered, &generation.diagnostics) {
                panic!("{problem}");
            }
            for file in generation.files.iter().filter(|f| f.path.ends_with(".rs")) {
                if let Err(err) = syn::parse_file(&file.contents) {
                    panic!("{} does not parse: {err}\n{}", file.path, file.contents);
                }
                // A variant's rustdoc (made from a description) that opens a code block would be
                // compiled as a doctest.
                for line in checks::variant_docs(&file.contents).unwrap_or_default() {
                    assert!(
                        !line.starts_with("```") && !line.starts_with("~~~"),
                        "{}: {line}",
                        file.path
                    );
                }
            }
        }
        Err(failure) => {
            if let Some(problem) =
                checks::rendering_problem(&failure.render(), &failure.diagnostics)
            {
                panic!("{problem}");
            }
        }
    }
});
