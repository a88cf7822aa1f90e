//! The reader of the Go SDKs' `errors.go` (`import::go`), then the page the importer renders from
//! what it read, on any bytes.
//!
//! Whatever the bytes, the reader must not panic and its diagnostics must render. When it reads
//! the file, the page rendered from it must give back, through the generator's own parser,
//! exactly the codes the reader kept, in order: the importer never loses a code between the SDK
//! and the crate.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_errors_codegen::import::{self, go, Provenance, SdkCode, SdkModule, SourceFile};
use tencentcloud_errors_codegen::{parse, source, Diagnostics, DocLang, ModuleId, Page};

const FILE: &str = "tencentcloud/fuzz/v20200101/errors.go";

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::new();
    let text = match source::utf8_text(data.to_vec(), FILE, "file") {
        Ok(text) => source::normalize(&text),
        Err(err) => {
            diags.push(err);
            let _ = import::render(&diags, &[]);
            return;
        }
    };
    let read = go::read_errors_go(FILE, &text, &mut diags);
    let files = [SourceFile {
        path: FILE.to_owned(),
        text: text.clone(),
    }];
    let _ = import::render(&diags, &files);
    let Some(read) = read else {
        assert!(diags.has_errors(), "a failed read says why");
        return;
    };
    let codes: Vec<SdkCode> = read
        .consts
        .into_iter()
        .filter(|c| parse::is_error_code(&c.value))
        .map(|c| SdkCode {
            code: c.value,
            description: c.comment.unwrap_or_default(),
        })
        .collect();
    for lang in DocLang::ALL {
        let module = SdkModule {
            lang,
            product: "fuzz".to_owned(),
            version: "v20200101".to_owned(),
            file: FILE.to_owned(),
            codes: codes.clone(),
            actions: Vec::new(),
        };
        let page_text = import::render_page(&module, &Provenance::default());
        let page = Page::from_text(
            lang,
            ModuleId {
                product: "fuzz".to_owned(),
                version: Some("v20200101".to_owned()),
            },
            &module.page_path(),
            &page_text,
        );
        let parsed = parse::parse_page(&page, &mut Diagnostics::new());
        let got: Vec<&str> = parsed.rows.iter().map(|r| r.code.as_str()).collect();
        let want: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(got, want, "the page does not give back the codes read");
    }
});
