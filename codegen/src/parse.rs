//! Stage 2, parse: a [`Page`] into the rows of its error-code tables ([`ParsedPage`]).
//!
//! Markdown is read with pulldown-cmark (tables on), never with patterns over lines. Section
//! titles (`公共错误码`, `Business Error Codes`, …) are recognised as headings, as paragraph lines
//! (pages copied from the site lose their `#`), and as table rows: a title line that directly
//! follows a table, with no blank line, is read by CommonMark as one more row of that table, and
//! the next table's header and delimiter rows follow it as rows too. The parser watches for all
//! three so that the rows land in the right section.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Page;

/// Which table a row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionKind {
    /// `公共错误码` / `Common Error Codes`: the codes every product shares.
    Common,
    /// `业务错误码` / `Business Error Codes` / `Service Error Codes`, or a code table under no
    /// recognised title: the product's own codes.
    Business,
}

/// A description as the page gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// What a reader sees: markup removed, links as their text, `\|` as `|`, `<br>` as a line
    /// break, trimmed.
    pub text: String,
    /// The cell's markdown source, trimmed, for the rustdoc.
    pub markdown: String,
}

/// One row of an error-code table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The section the row is in.
    pub section: SectionKind,
    /// The error code, e.g. `AuthFailure.SignatureExpire`.
    pub code: String,
    /// Its description.
    pub description: Description,
    /// Byte range of the row in the page's text.
    pub span: Range<usize>,
}

/// The error-code rows of one page, in page order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedPage {
    /// The rows, in the order the page lists them.
    pub rows: Vec<Row>,
}

/// Header texts that name the code column (compared case-insensitively).
const CODE_HEADERS: &[&str] = &["错误码", "错误代码", "error code", "errorcode", "code"];
/// Header texts that name the description column (compared case-insensitively).
const DESCRIPTION_HEADERS: &[&str] = &[
    "说明",
    "描述",
    "错误描述",
    "错误信息",
    "错误说明",
    "description",
    "error description",
    "error message",
    "message",
];
const COMMON_TITLES: &[&str] = &["公共错误码", "common error codes", "common error code"];
const BUSINESS_TITLES: &[&str] = &[
    "业务错误码",
    "business error codes",
    "business error code",
    "service error codes",
    "service error code",
];

/// Recognises a section title in a line of text: `公共错误码`, `### Business Error Codes`,
/// `2. 业务错误码：`.
pub fn section_title(line: &str) -> Option<SectionKind> {
    let line = line.trim().trim_start_matches('#').trim();
    let line = line.trim_end_matches([':', '：']).trim();
    // Drop a leading number such as `1.` or `2、`.
    let line = line
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', '、'])
        .trim();
    let lower = line.to_lowercase();
    if COMMON_TITLES.contains(&lower.as_str()) {
        Some(SectionKind::Common)
    } else if BUSINESS_TITLES.contains(&lower.as_str()) {
        Some(SectionKind::Business)
    } else {
        None
    }
}

fn is_code_header(text: &str) -> bool {
    CODE_HEADERS.contains(&text.trim().to_lowercase().as_str())
}

fn is_description_header(text: &str) -> bool {
    DESCRIPTION_HEADERS.contains(&text.trim().to_lowercase().as_str())
}

/// Whether a string has the form of an API 3.0 error code: ASCII letters, digits and `_` in
/// segments separated by `.`, starting with a letter. Segments may be empty (`InternalError.` is a
/// documented code).
pub fn is_error_code(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

fn is_delimiter_cell(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.contains('-') && t.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

/// A table cell as collected from the events.
#[derive(Default)]
struct Cell {
    text: String,
    span: Range<usize>,
}

/// Parses one page. Rows that cannot be read are reported in `diags` and left out.
pub fn parse_page(page: &Page, diags: &mut Diagnostics) -> ParsedPage {
    let mut parser = PageParser {
        page,
        diags,
        section: None,
        rows: Vec::new(),
        tables: 0,
    };
    parser.run();
    if parser.tables == 0 {
        parser.diags.push(
            Diagnostic::warning("the page has no error-code table")
                .at(page.file_location())
                .help("an error-code table has a header row `| 错误码 | 说明 |` or `| Error Code | Description |`"),
        );
    }
    ParsedPage { rows: parser.rows }
}

struct PageParser<'p, 'd> {
    page: &'p Page,
    diags: &'d mut Diagnostics,
    section: Option<SectionKind>,
    rows: Vec<Row>,
    tables: usize,
}

/// Column positions of a table, from its header.
#[derive(Clone, Copy)]
struct Columns {
    code: usize,
    description: Option<usize>,
}

impl PageParser<'_, '_> {
    fn run(&mut self) {
        let text = self.page.text.as_str();
        let mut events = Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter();
        // Lines of the paragraph or heading being read: (text, start offset).
        let mut block: Option<Vec<String>> = None;
        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                    block = Some(vec![String::new()])
                }
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                    for line in block.take().unwrap_or_default() {
                        if let Some(kind) = section_title(&line) {
                            self.section = Some(kind);
                        }
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(lines) = block.as_mut() {
                        if let Some(last) = lines.last_mut() {
                            last.push_str(&t);
                        }
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(lines) = block.as_mut() {
                        lines.push(String::new());
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    self.tables += 1;
                    let rows = collect_table(&mut events);
                    self.table(range, rows);
                }
                _ => {}
            }
        }
    }

    /// Reads one table: its first row is the header.
    fn table(&mut self, range: Range<usize>, rows: Vec<Vec<Cell>>) {
        let mut rows = rows.into_iter();
        let Some(header) = rows.next() else { return };
        let mut columns = match self.columns(&header) {
            Some(c) => c,
            None => {
                let headers: Vec<&str> = header.iter().map(|c| c.text.as_str()).collect();
                self.diags.push(
                    Diagnostic::warning(format!(
                        "a table with no error-code column (header: {}); the table is left out",
                        headers.join(" | ")
                    ))
                    .at(self.page.location(range.start..range.start))
                    .help("the code column is headed `错误码` or `Error Code`"),
                );
                return;
            }
        };
        for cells in rows {
            let span = row_span(&cells);
            // A section title glued to the previous table arrives as a row of it.
            let first = cells.first().map(|c| c.text.as_str()).unwrap_or("");
            let rest_empty = cells.iter().skip(1).all(|c| c.text.trim().is_empty());
            if rest_empty {
                if let Some(kind) = section_title(first) {
                    self.section = Some(kind);
                    continue;
                }
            }
            // So do the next table's header and delimiter rows.
            if let Some(c) = self.columns(&cells) {
                columns = c;
                continue;
            }
            if cells
                .iter()
                .all(|c| is_delimiter_cell(&c.text) || c.text.trim().is_empty())
            {
                continue;
            }
            self.row(columns, cells, span);
        }
    }

    fn columns(&self, header: &[Cell]) -> Option<Columns> {
        let code = header.iter().position(|c| is_code_header(&c.text))?;
        let description = header.iter().position(|c| is_description_header(&c.text));
        Some(Columns { code, description })
    }

    fn row(&mut self, columns: Columns, cells: Vec<Cell>, span: Range<usize>) {
        let Some(code_cell) = cells.get(columns.code) else {
            self.diags.push(
                Diagnostic::warning(
                    "a row with no cell in the error-code column; the row is left out",
                )
                .at(self.page.location(span)),
            );
            return;
        };
        let code = code_cell.text.trim().to_owned();
        if !is_error_code(&code) {
            let what = if code.is_empty() {
                "an empty error-code cell".to_owned()
            } else {
                format!("`{code}` is not an error code")
            };
            self.diags.push(
                Diagnostic::warning(format!("{what}; the row is left out"))
                    .at(self.page.location(code_cell.span.clone()))
                    .label("not an error code")
                    .help("an error code is ASCII letters, digits and `_` in segments joined by `.`, such as `InvalidParameter.Malformed`"),
            );
            return;
        }
        let description = match columns.description.and_then(|i| cells.get(i)) {
            Some(cell) => Description {
                text: cell.text.trim().to_owned(),
                markdown: self.page.text[cell.span.clone()].trim().to_owned(),
            },
            None => Description {
                text: String::new(),
                markdown: String::new(),
            },
        };
        self.rows.push(Row {
            section: self.section.unwrap_or(SectionKind::Business),
            code,
            description,
            span,
        });
    }
}

fn row_span(cells: &[Cell]) -> Range<usize> {
    let start = cells.first().map_or(0, |c| c.span.start);
    let end = cells.last().map_or(start, |c| c.span.end);
    start..end.max(start)
}

/// Collects the cells of a table, header first, up to the end of the table. A cell's text is what
/// a reader sees.
fn collect_table<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cell: Option<Cell> = None;
    for (event, range) in events.by_ref() {
        match event {
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                cell = Some(Cell {
                    text: String::new(),
                    span: range,
                })
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                    row.push(c);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.text.push_str(&t);
                }
            }
            Event::SoftBreak => {
                if let Some(c) = cell.as_mut() {
                    c.text.push(' ');
                }
            }
            Event::HardBreak => {
                if let Some(c) = cell.as_mut() {
                    c.text.push('\n');
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                if let Some(c) = cell.as_mut() {
                    if is_line_break_tag(&html) {
                        c.text.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    // Spaces and line breaks at either end of a cell, and control characters, are not part of
    // what the reader sees.
    for row in &mut rows {
        for c in row.iter_mut() {
            c.text = crate::text::visible(&c.text);
        }
    }
    rows
}

/// `<br>`, `<br/>`, `<br />`, in any case.
fn is_line_break_tag(html: &str) -> bool {
    let t: String = html
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    t == "<br>" || t == "<br/>"
}
