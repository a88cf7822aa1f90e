//! Stage 1, pages: the documentation folder read into [`Page`]s.
//!
//! The folder holds `zh/` and `en/`; in each, `<product>.md` is a product's page and
//! `<product>/<version>.md` one version of a product's page. Text is normalised here, once, so
//! that every later stage sees the same input whatever the page's byte-order mark, line ends,
//! trailing whitespace or file-system order: output depends on what a page says, not on how it
//! was saved.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::parse::ActionHeader;

/// The language of a documentation page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocLang {
    /// Chinese, the language every product is documented in.
    Zh,
    /// English, for the products that have an international page.
    En,
}

impl DocLang {
    /// Both, in the order pages are read and reported.
    pub const ALL: [DocLang; 2] = [DocLang::Zh, DocLang::En];

    /// The folder name inside the docs folder.
    pub fn dir(self) -> &'static str {
        match self {
            DocLang::Zh => "zh",
            DocLang::En => "en",
        }
    }
}

/// Which generated module a page feeds: a product, and for products documented per API
/// version, the version.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModuleId {
    /// The product's module name (`cvm`, `as`).
    pub product: String,
    /// The version's module name (`v20170312`), if the product is documented per version.
    pub version: Option<String>,
}

impl fmt::Display for ModuleId {
    /// `cvm` or `cvm::v20170312`, as the module path reads in Rust.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.version {
            Some(v) => write!(f, "{}::{v}", self.product),
            None => f.write_str(&self.product),
        }
    }
}

/// One documentation page, read and normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page's language, from its folder.
    pub lang: DocLang,
    /// The module it feeds, from its file name.
    pub module: ModuleId,
    /// The path inside the docs folder with `/` separators (`zh/cvm/v20170312.md`): what the
    /// generated files name as their source, so the output does not depend on where the folder is.
    pub rel: String,
    /// The path on disk, for messages.
    pub path: PathBuf,
    /// The text, without a byte-order mark, with `\n` line ends and no trailing spaces (see
    /// [`normalize`]).
    pub text: String,
    /// Where each line of `text` starts, computed on first use: diagnostics on a large page cost a
    /// binary search each, not a scan of the page.
    lines: LineStarts,
    /// For an API's own page (in a product's folder, with `Action` and `Version` parameter
    /// rows): the action and version it documents. Its error table is that action's list, and
    /// `module` is the product at that version, whatever the file is called.
    pub action: Option<ActionHeader>,
}

/// The byte offsets of the line starts of a page's text, computed once. It is derived from the
/// text, so it takes no part in comparing pages.
#[derive(Clone, Default)]
struct LineStarts(std::sync::OnceLock<Vec<usize>>);

impl LineStarts {
    fn get(&self, text: &str) -> &[usize] {
        self.0.get_or_init(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }
}

impl PartialEq for LineStarts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LineStarts {}

impl fmt::Debug for LineStarts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LineStarts")
    }
}

impl Page {
    /// A page made from text in memory (for tests and tools), normalised like a read page.
    pub fn from_text(lang: DocLang, module: ModuleId, rel: &str, text: &str) -> Page {
        Page {
            lang,
            module,
            rel: rel.to_owned(),
            path: PathBuf::from(rel),
            text: normalize(text),
            lines: LineStarts::default(),
            action: None,
        }
    }

    /// The 1-based line and character column of a byte offset of [`Page::text`].
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.lines.get(&self.text);
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        let column = self.text[line_start..offset].chars().count() + 1;
        (line.max(1), column)
    }

    /// The location of a byte range of [`Page::text`], for diagnostics.
    pub fn location(&self, span: std::ops::Range<usize>) -> Location {
        let (line, column) = self.line_column(span.start);
        Location {
            file: self.path.display().to_string(),
            line: Some(line),
            column: Some(column),
            span: Some(span),
        }
    }

    /// The location of the whole file, for diagnostics about the page as a whole.
    pub fn file_location(&self) -> Location {
        Location {
            file: self.path.display().to_string(),
            line: None,
            column: None,
            span: None,
        }
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Removes a byte-order mark, turns `\r\n` and lone `\r` into `\n`, and removes spaces and tabs at
/// the end of every line. Line numbers stay as the editor shows them, and so do columns up to the
/// end of each line's text.
///
/// Trailing whitespace carries no meaning in a table, and in a paragraph it only turns a line end
/// into a hard break, which the parser treats like any other line end: removing it here makes the
/// output the same, by construction, whether an editor kept it or not.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let (line, next) = match rest.find(['\r', '\n']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], Some(&rest[i + skip..]))
            }
            None => (rest, None),
        };
        out.push_str(line.trim_end_matches([' ', '\t']));
        match next {
            Some(next) => {
                out.push('\n');
                rest = next;
            }
            None => return out,
        }
    }
}

/// Rust keywords that can still name a module when written as a raw identifier (`r#as`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Names Rust does not allow even as raw identifiers.
const NOT_IDENTIFIERS: &[&str] = &["crate", "self", "super", "Self", "_"];

/// Product names the generated crate uses itself, and why: each product is a module `src/<name>.rs`
/// (or a folder `src/<name>/`) declared in `src/lib.rs`, and a cargo feature of its name.
const RESERVED_PRODUCTS: &[(&str, &str)] = &[
    ("common", "the module of the common codes"),
    ("runtime", "the module `src/runtime.rs`"),
    ("lib", "the file `src/lib.rs`"),
    ("main", "the file `src/main.rs` (the `explain` command)"),
    ("default", "the crate's default features"),
    ("full", "the crate's feature for every product"),
    (
        "std",
        "a feature of the crate and a crate every module can name",
    ),
    (
        "alloc",
        "a feature of the crate and a crate every module can name",
    ),
    ("core", "a crate every module can name"),
    ("serde", "a feature and a dependency of the crate"),
    ("cli", "the crate's feature of the `explain` command"),
    ("serde_json", "a dependency of the crate"),
    ("lexopt", "a dependency of the crate"),
];

/// Version names the generated crate uses itself: a product's versions are files
/// `src/<product>/<version>.rs` beside the product's `src/<product>/mod.rs`.
const RESERVED_VERSIONS: &[(&str, &str)] = &[("mod", "the file `src/<product>/mod.rs`")];

/// Whether `name` must be written `r#name` in Rust.
pub fn is_raw_keyword(name: &str) -> bool {
    RAW_KEYWORDS.contains(&name)
}

/// Checks that a product's file or folder name can be a module and a feature name: lower-case
/// ASCII letters, digits and `_`, starting with a letter, and not one of the names the crate
/// keeps for itself (its files, features and dependencies). The error says what to rename it to.
pub fn check_module_name(name: &str) -> Result<(), String> {
    check_name(name, RESERVED_PRODUCTS)
}

/// [`check_module_name`] for a version's file name, which names a file inside the product's
/// folder: `mod` is taken by the folder's own module.
pub fn check_version_name(name: &str) -> Result<(), String> {
    check_name(name, RESERVED_VERSIONS)
}

fn check_name(name: &str, reserved: &[(&str, &str)]) -> Result<(), String> {
    if let Some((_, why)) = reserved.iter().find(|(taken, _)| *taken == name) {
        return Err(format!(
            "`{name}` is a name the generated crate uses itself ({why}); rename the file or folder (for example `{name}_product`)"
        ));
    }
    if NOT_IDENTIFIERS.contains(&name) {
        return Err(format!(
            "`{name}` cannot name a module in Rust; rename the file or folder (for example `{name}_product`)"
        ));
    }
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if valid {
        return Ok(());
    }
    let suggestion: String = name
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'a'..='z' | '0'..='9' | '_' => c,
            _ => '_',
        })
        .collect();
    let suggestion = if suggestion.starts_with(|c: char| c.is_ascii_lowercase()) {
        suggestion
    } else {
        format!("p{suggestion}")
    };
    Err(format!(
        "module names are lower-case ASCII letters, digits and `_`, starting with a letter; rename it to `{suggestion}`"
    ))
}

/// Reads every page under `docs`: `zh/*.md`, `zh/*/*.md`, `en/*.md`, `en/*/*.md`, sorted by
/// path. Other files are ignored. Problems (a file that is not UTF-8, a name that cannot be a
/// module, an unreadable folder) are errors in `diags`; the pages that could be read are returned.
pub fn read_docs(docs: &Path, diags: &mut Diagnostics) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut found_lang_dir = false;
    for lang in DocLang::ALL {
        let dir = docs.join(lang.dir());
        if !dir.is_dir() {
            continue;
        }
        found_lang_dir = true;
        for entry in sorted_entries(&dir, diags) {
            let name = file_name(&entry);
            if entry.is_dir() {
                for file in sorted_entries(&entry, diags) {
                    if let Some(version) = md_stem(&file) {
                        let rel = format!("{}/{name}/{}", lang.dir(), file_name(&file));
                        read_page(lang, &name, Some(version), rel, file, diags, &mut pages);
                    }
                }
            } else if let Some(product) = md_stem(&entry) {
                let rel = format!("{}/{}", lang.dir(), file_name(&entry));
                read_page(lang, &product, None, rel, entry, diags, &mut pages);
            }
        }
    }
    if !found_lang_dir {
        diags.push(
            Diagnostic::error(format!(
                "no `zh/` or `en/` folder in the documentation folder `{}`",
                docs.display()
            ))
            .help("pages go in `<docs>/zh/<product>.md` or `<docs>/zh/<product>/<version>.md`, and likewise under `en/`"),
        );
    }
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    pages
}

fn read_page(
    lang: DocLang,
    product: &str,
    version: Option<String>,
    rel: String,
    path: PathBuf,
    diags: &mut Diagnostics,
    pages: &mut Vec<Page>,
) {
    let location = Location {
        file: path.display().to_string(),
        line: None,
        column: None,
        span: None,
    };
    // Names that cannot be modules; the version's only counts for a page that is not an API's.
    let name_errors = |version: Option<&str>| -> Vec<Diagnostic> {
        [("product", Some(product)), ("version", version)]
            .into_iter()
            .filter_map(|(what, name)| {
                let name = name?;
                let checked = match what {
                    "product" => check_module_name(name),
                    _ => check_version_name(name),
                };
                let hint = checked.err()?;
                Some(
                    Diagnostic::error(format!("the {what} name `{name}` cannot be a module name"))
                        .at(location.clone())
                        .help(hint),
                )
            })
            .collect()
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            for d in name_errors(version.as_deref()) {
                diags.push(d);
            }
            diags.push(
                Diagnostic::error(format!("cannot read the page: {err}")).at(location.clone()),
            );
            return;
        }
    };
    let text = match utf8_text(bytes, &location.file, "page") {
        Ok(text) => text,
        Err(err) => {
            for d in name_errors(version.as_deref()) {
                diags.push(d);
            }
            diags.push(err);
            return;
        }
    };
    let mut page = Page {
        lang,
        module: ModuleId {
            product: product.to_owned(),
            version,
        },
        rel,
        path,
        text: normalize(&text),
        lines: LineStarts::default(),
        action: None,
    };
    // In a product's folder, an API's own page is known by what it says (its `Action` and
    // `Version` rows), whatever its file is called: its version is the one it names.
    if page.module.version.is_some() {
        page.action = crate::parse::action_header(&page, diags);
        if let Some(header) = &page.action {
            page.module.version = Some(header.module_version());
        }
    }
    let file_version = page
        .module
        .version
        .as_deref()
        .filter(|_| page.action.is_none());
    let errors = name_errors(file_version);
    if errors.is_empty() {
        pages.push(page);
    }
    for d in errors {
        diags.push(d);
    }
}

/// The bytes of a file as text, or an error at the line and column of the first byte that is not
/// UTF-8. `file` is the path the error names, `what` what the file is (`page`).
#[allow(clippy::result_large_err)] // one per file that is not UTF-8
pub fn utf8_text(bytes: Vec<u8>, file: &str, what: &str) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&err.as_bytes()[..offset]).unwrap_or_default();
        let (line, column) = line_column(valid, offset);
        Diagnostic::error(format!(
            "the {what} is not UTF-8: invalid byte 0x{:02x} at byte {offset}",
            err.as_bytes()[offset]
        ))
        .at(Location {
            file: file.to_owned(),
            line: Some(line),
            column: Some(column),
            span: None,
        })
        .help("save the file as UTF-8 (for example `iconv -f GBK -t UTF-8`)")
    })
}

/// The entries of `dir`, sorted; an unreadable folder is an error in `diags`.
pub(crate) fn sorted_entries(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(err) => {
            diags.push(Diagnostic::error(format!(
                "cannot read the folder `{}`: {err}",
                dir.display()
            )));
            return Vec::new();
        }
    };
    let mut entries: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    entries
}

/// The last component of `path`, lossily as text.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn md_stem(path: &Path) -> Option<String> {
    if !path.is_file() || path.extension().is_none_or(|e| e != "md") {
        return None;
    }
    Some(path.file_stem()?.to_string_lossy().into_owned())
}

/// The pages of every `n`th product (in order of product name, starting with the first): a
/// fraction of a documentation folder with whole products, for measuring how costs grow.
pub fn every_nth_product(pages: &[Page], n: usize) -> Vec<Page> {
    let mut products: Vec<&str> = pages.iter().map(|p| p.module.product.as_str()).collect();
    products.sort_unstable();
    products.dedup();
    let kept: Vec<&str> = products.into_iter().step_by(n.max(1)).collect();
    pages
        .iter()
        .filter(|p| kept.contains(&p.module.product.as_str()))
        .cloned()
        .collect()
}
