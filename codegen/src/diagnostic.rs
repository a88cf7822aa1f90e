//! Diagnostics: what went wrong in the documentation, where, and what to do about it.
//!
//! Every stage reports problems into a [`Diagnostics`] list instead of failing at the first one,
//! so a maintainer sees all of a page's problems in one run. Locations are resolved to a line and
//! column when the diagnostic is made, so tests can assert them without rendering; rendering (with
//! `annotate-snippets`, the renderer rustc uses) happens once, at the edge of the program.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::text::{escape_invisible, mask_invisible};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The generator did something sensible instead and went on.
    Warning,
    /// The generator cannot write a correct crate; nothing is written.
    Error,
}

/// Where in which file a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file, as shown to the user.
    pub file: String,
    /// 1-based line, when the diagnostic points inside the file.
    pub line: Option<usize>,
    /// 1-based column in characters, when the diagnostic points inside the file.
    pub column: Option<usize>,
    /// Byte range in the file's text as the generator read it (after the byte-order mark and
    /// carriage returns are removed), used to draw the marker under the source line.
    pub span: Option<Range<usize>>,
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, when the problem is in a file.
    pub location: Option<Location>,
    /// A short label for the marker under the source, e.g. what the generator did instead.
    pub label: Option<String>,
    /// A one-line hint: what the user can do.
    pub help: Option<String>,
    /// Further places that matter (e.g. the first of two duplicate rows).
    pub related: Vec<(Location, String)>,
}

impl Location {
    /// The whole of `file`, for a diagnostic about a file as a whole.
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            line: None,
            column: None,
            span: None,
        }
    }
}

impl Diagnostic {
    /// A new error with a message and no location.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    /// A new warning with a message and no location.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// Points the diagnostic at a place.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Sets the label drawn under the source.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds another place that explains this one.
    pub fn related(mut self, location: Location, note: impl Into<String>) -> Self {
        self.related.push((location, note.into()));
        self
    }

    /// `file:line` (or just `file`), for messages and tests.
    pub fn position(&self) -> Option<String> {
        let loc = self.location.as_ref()?;
        Some(match loc.line {
            Some(line) => format!("{}:{line}", loc.file),
            None => loc.file.clone(),
        })
    }

    /// Renders the diagnostic as rustc renders its own: the title, the file and line, the source
    /// line with a marker, and the hint. `source` is the text of the file the location names.
    ///
    /// Text that comes from the documentation (the message, labels, file names, the source line)
    /// is printed with its control and bidirectional-control characters made visible, so that a
    /// page cannot hide or reorder what the terminal shows. Only the lines the diagnostic points
    /// at are handed to the renderer, so rendering costs the same on a page of 10 MB as on a page
    /// of ten lines.
    pub fn render(&self, source: Option<&str>) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = escape_invisible(&self.message);
        let label = self.label.as_deref().map(escape_invisible);
        let help = self.help.as_deref().map(escape_invisible);
        let main = self
            .location
            .as_ref()
            .map(|loc| Excerpt::of(loc, source, label.as_deref()));
        let related: Vec<Excerpt> = self
            .related
            .iter()
            .map(|(loc, note)| Excerpt::of(loc, source, Some(&escape_invisible(note))))
            .collect();
        let mut group = Group::with_title(level.clone().primary_title(message.as_ref()));
        if let Some(main) = &main {
            group = group.element(main.element(true));
        }
        for excerpt in &related {
            group = group.element(excerpt.element(false));
        }
        let mut groups: Vec<Group<'_>> = vec![group];
        if let Some(help) = &help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_ref()),
            ));
        }
        Renderer::plain().render(&groups)
    }
}

/// The part of a file a diagnostic shows: the lines its span covers, made safe to print.
struct Excerpt {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    /// The lines, their first line's number, and the span within them.
    source: Option<(String, usize, Range<usize>)>,
    label: Option<String>,
}

impl Excerpt {
    fn of(loc: &Location, source: Option<&str>, label: Option<&str>) -> Excerpt {
        let lines = match (source, &loc.span, loc.line) {
            (Some(text), Some(span), Some(line))
                if span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end) =>
            {
                let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let end = text[span.end..]
                    .find('\n')
                    .map_or(text.len(), |i| span.end + i);
                let shown = mask_invisible(&text[start..end]).into_owned();
                Some((shown, line, span.start - start..span.end - start))
            }
            _ => None,
        };
        Excerpt {
            file: escape_invisible(&loc.file).into_owned(),
            line: loc.line,
            column: loc.column,
            source: lines,
            label: label.map(str::to_owned),
        }
    }

    fn element(&self, primary: bool) -> annotate_snippets::Element<'_> {
        match &self.source {
            Some((text, first_line, span)) => {
                let kind = if primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                let mut annotation = kind.span(span.clone());
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                Snippet::source(text.as_str())
                    .path(self.file.as_str())
                    .line_start(*first_line)
                    .fold(true)
                    .annotation(annotation)
                    .into()
            }
            None => {
                let mut origin = annotate_snippets::Origin::path(self.file.as_str());
                if let Some(line) = self.line {
                    origin = origin.line(line);
                    if let Some(column) = self.column {
                        origin = origin.char_column(column);
                    }
                }
                origin.into()
            }
        }
    }
}

impl fmt::Display for Diagnostic {
    /// A one-line form: `warning: zh/cvm.md:12: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let message = escape_invisible(&self.message);
        match self.position() {
            Some(pos) => write!(f, "{level}: {}: {message}", escape_invisible(&pos)),
            None => write!(f, "{level}: {message}"),
        }
    }
}

/// The diagnostics of one run, in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// All of them, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many are errors and how many warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        (errors, self.items.len() - errors)
    }

    /// Turns every warning into an error (`--deny-warnings`).
    pub fn deny_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Adds all of another list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// How many diagnostics say the same thing of different codes, files or texts: their
    /// message with every `` `quoted` `` part written `…`, most frequent first (ties by message).
    /// The whole catalog has thousands of warnings of a few kinds (a code the English SDK does
    /// not list); a terminal shows the first ones and this tally.
    pub fn tally(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for d in &self.items {
            let mut kind = String::new();
            for (i, part) in d.message.split('`').enumerate() {
                kind.push_str(if i % 2 == 1 { "`…`" } else { part });
            }
            *counts.entry(kind).or_default() += 1;
        }
        let mut out: Vec<(String, usize)> = counts.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// The first `n` diagnostics, as a list of their own.
    pub fn first(&self, n: usize) -> Diagnostics {
        Diagnostics {
            items: self.items.iter().take(n).cloned().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_counts_messages_alike_but_for_their_quoted_parts() {
        let mut diags = Diagnostics::new();
        for code in ["A", "B", "C"] {
            diags.push(Diagnostic::warning(format!(
                "`{code}` has no English text: `en/p.md` does not list it"
            )));
        }
        diags.push(Diagnostic::warning("`X` has an empty description"));
        assert_eq!(
            diags.tally(),
            [
                (
                    "`…` has no English text: `…` does not list it".to_owned(),
                    3
                ),
                ("`…` has an empty description".to_owned(), 1)
            ]
        );
        assert_eq!(diags.first(2).len(), 2);
    }
}
