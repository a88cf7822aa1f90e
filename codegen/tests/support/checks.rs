//! Readers of what the generator writes, shared by the tests and by the fuzz target `pipeline`
//! (`codegen/fuzz`, which includes this file by its path): they depend on `syn` and the
//! generator's diagnostics only.

use tencentcloud_errors_codegen::{Diagnostic, Severity};

/// The rustdoc of an item as rustdoc reads it: its fragments' lines joined, without their
/// common indentation (one space for `///` lines; a block comment's text is indented like the
/// item) and without blank lines at either end.
pub fn doc_of(attrs: &[syn::Attribute]) -> String {
    let text = attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let indent_of = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| indent_of(line))
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        .map(|line| &line[indent.min(indent_of(line))..])
        .collect();
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    lines[first..last.max(first)].join("\n")
}

/// The rustdoc lines of the variants of the `ErrorCode` enum of a file, as rustdoc reads them
/// (trimmed): the docs made from descriptions. Hand-written docs (the crate's, the runtime's)
/// have examples of their own. `None` for a file that does not parse or has no such enum.
pub fn variant_docs(file: &str) -> Option<Vec<String>> {
    let file = syn::parse_file(file).ok()?;
    let variants = file.items.iter().find_map(|item| match item {
        syn::Item::Enum(e) if e.ident == "ErrorCode" => Some(&e.variants),
        _ => None,
    })?;
    let docs = variants.iter().map(|v| doc_of(&v.attrs));
    Some(
        docs.flat_map(|doc| doc.lines().map(|l| l.trim().to_owned()).collect::<Vec<_>>())
            .collect(),
    )
}

/// What is wrong with `rendered`, the rendering of `diagnostics` (in their order), or `None`:
/// each diagnostic has one title line, `error: ` or `warning: ` at the start of a line (followed
/// by its message, when the message has nothing a terminal would hide), and before the next
/// title, its position as rustc writes it: `--> file:line:column`, `--> file:line` or
/// `--> file`. No other line is a title.
pub fn rendering_problem<'a>(
    rendered: &str,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> Option<String> {
    let diagnostics: Vec<&Diagnostic> = diagnostics.into_iter().collect();
    let lines: Vec<&str> = rendered.lines().collect();
    let titles: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("error: ") || l.starts_with("warning: "))
        .map(|(i, _)| i)
        .collect();
    if titles.len() != diagnostics.len() {
        return Some(format!(
            "{} title lines for {} diagnostics:\n{rendered}",
            titles.len(),
            diagnostics.len()
        ));
    }
    for (n, (d, &at)) in diagnostics.iter().zip(&titles).enumerate() {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let plain = |s: &str| !s.chars().any(|c| c.is_control() || is_bidi_control(c));
        let title = lines[at];
        let expected = format!("{level}: {}", d.message);
        let title_ok = if plain(&d.message) {
            title == expected
        } else {
            title.starts_with(&format!("{level}: "))
        };
        if !title_ok {
            return Some(format!(
                "diagnostic {n} is titled {title:?}, not {expected:?}"
            ));
        }
        let Some(location) = &d.location else {
            continue;
        };
        if !plain(&location.file) {
            continue;
        }
        let position = match (location.line, location.column) {
            (Some(line), Some(column)) => format!("--> {}:{line}:{column}", location.file),
            (Some(line), None) => format!("--> {}:{line}", location.file),
            _ => format!("--> {}", location.file),
        };
        let end = titles.get(n + 1).copied().unwrap_or(lines.len());
        let shown = lines[at + 1..end].iter().any(|l| {
            l.trim_start().strip_prefix(&position).is_some_and(|rest| {
                rest.is_empty() || (location.line.is_some() && rest.starts_with(':'))
            })
        });
        if !shown {
            return Some(format!(
                "diagnostic {n} ({d}) does not show `{position}`:\n{}",
                lines[at..end].join("\n")
            ));
        }
    }
    None
}

/// The bidirectional controls (which the standard library does not count as control
/// characters), by their code points: U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
