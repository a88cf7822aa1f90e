//! Stage 2, parse: a [`Page`] into the rows of its error-code tables ([`ParsedPage`]).
//!
//! Markdown is read with pulldown-cmark (tables on), never with patterns over lines, and HTML
//! `<table>` markup with html5gum's tokenizer. Section titles (`公共错误码`, `Business Error
//! Codes`, …) are recognised as headings, as paragraph lines (pages copied from the site lose their
//! `#`), and as table rows: a title line that directly follows a table, with no blank line, is read
//! by CommonMark as one more row of that table, and the next table's header and delimiter rows
//! follow it as rows too. The parser watches for all three so that the rows land in the right
//! section.
//!
//! # What the parser does with what it finds
//!
//! Columns are found by their header, so their order and any extra columns do not matter. Every
//! warning names the file and line; none stops the run (`--deny-warnings` makes them errors).
//!
//! | the page has | outcome |
//! |---|---|
//! | a table headed `错误码`/`Error Code` (or `错误代码`, `ErrorCode`, `Code`; a gloss in parentheses after it, `错误码（ErrorCode）`, is ignored) | its rows are read; the description is the column headed `说明`, `描述`, `Description`, `含义`, … (the best of [`DESCRIPTION_HEADERS`] when there are several) |
//! | extra columns (`处理措施`, `HTTP Status Code`, …) | not read |
//! | a table with a code column but no description column | warning at the header; its codes are read with no text |
//! | a table with no code column whose header speaks of errors or codes (`状态码`, `Error Type`) | warning at the header; the table is left out, not guessed |
//! | any other table (parameters, fields) | left out silently |
//! | a code cell that is not a code: empty, `9003`, `120001 - 130000`, `其他`, `403 Forbidden`, text with spaces or CJK | warning at the cell; the row is left out. A table with more than three such rows, or with no code at all, gets one warning for the table (at its first such row) instead of one per row |
//! | a row with fewer cells than the header | the missing cells are empty: warning; with no code cell the row is left out |
//! | a row with more cells than the header (often an unescaped `\|`) | warning at the extra cells, which are not read; the row is read |
//! | a table in a block quote, or with no outer pipes | read like any other |
//! | an HTML `<table>` (header in `<th>` or `<td>`) | read like a markdown table: its first row is the header; tags inside cells are dropped, `<br>` is a line break, entities are decoded; `colspan`/`rowspan` are not expanded |
//! | an HTML `<table>` with no `</table>` | warning; read up to the end of its HTML block |
//! | no error-code table at all, or an empty page | warning naming the file |
//! | control characters, bidirectional controls, tabs in a cell | removed (tabs become spaces) from the text; see [`text::visible`] |
//! | a run of three backticks or tildes in a cell (```` ```rust<br>fn x( ````) | escaped in the rustdoc's markdown, where after a line break it would open a code block that rustdoc compiles as a doctest |
//!
//! Byte-order marks, CRLF line ends and trailing spaces were removed when the page was read
//! ([`source::normalize`](crate::source::normalize)); what a duplicate code or an empty
//! description becomes is decided in [`model`](crate::model).

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Page;
use crate::text;

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
    /// The rows of its tables of codes by API action (`| 接口 | 错误码 |`), in page order.
    pub action_rows: Vec<ActionRow>,
}

/// One row of a table of codes by API action (`| 接口 | 错误码 |` / `| API | Error Code |`, the
/// layout the importer writes into a module's page): one code an action may return, or, with
/// no code, an action that lists none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionRow {
    /// The action, e.g. `RunInstances`.
    pub action: String,
    /// The code, or `None` for a row that names an action with no listed code.
    pub code: Option<String>,
    /// Byte range of the row in the page's text.
    pub span: Range<usize>,
}

/// Header texts that name the action column of a table of codes by action (compared
/// case-insensitively). Such a table has a code column and no description column.
pub const ACTION_HEADERS: &[&str] = &["接口", "接口名称", "api", "action"];

/// Header texts that name the code column (compared case-insensitively).
pub const CODE_HEADERS: &[&str] = &["错误码", "错误代码", "error code", "errorcode", "code"];

/// Header texts that name the description column (compared case-insensitively), best first: a
/// table with several (`错误信息 | 错误描述`, `Message | Description`) is read from the one that
/// comes first here.
pub const DESCRIPTION_HEADERS: &[&str] = &[
    "说明",
    "描述",
    "错误描述",
    "错误说明",
    "含义",
    "具体含义",
    "含义说明",
    "错误码含义",
    "description",
    "error description",
    "meaning",
    "错误信息",
    "提示消息",
    "error message",
    "message",
];

/// Words that make a table with no code column worth a warning: its header speaks of errors or
/// codes (`状态码及状态消息`, `Error Type`), so it may be an error table the parser cannot read.
/// Tables of parameters or fields are left out silently.
const ERROR_TABLE_WORDS: &[&str] = &["错误", "返回码", "状态码", "error", "code"];

const COMMON_TITLES: &[&str] = &["公共错误码", "common error codes", "common error code"];
const BUSINESS_TITLES: &[&str] = &[
    "业务错误码",
    "business error codes",
    "business error code",
    "service error codes",
    "service error code",
    "application error codes",
    "application error code",
    "application errors",
];

/// Up to this many rows of one table that are not codes get a warning each; more get one warning
/// for the table.
const MAX_ROW_WARNINGS: usize = 3;

/// The hint of every "not an error code" warning.
const CODE_FORM_HELP: &str = "an error code is ASCII letters, digits and `_` in segments joined by `.`, starting with a letter, such as `InvalidParameter.Malformed`";

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

/// A header cell as compared with the lists above: lower case, without a gloss in parentheses at
/// its end (`错误码（ErrorCode）` is `错误码`).
fn header_key(text: &str) -> String {
    let text = text.trim();
    let text = match text.strip_suffix([')', '）']) {
        Some(inner) => match inner.rfind(['(', '（']) {
            Some(open) if open > 0 => &inner[..open],
            _ => text,
        },
        None => text,
    };
    text.trim().to_lowercase()
}

fn is_code_header(text: &str) -> bool {
    CODE_HEADERS.contains(&header_key(text).as_str())
}

/// The rank of a description header in [`DESCRIPTION_HEADERS`] (lower is better).
fn description_rank(text: &str) -> Option<usize> {
    let key = header_key(text);
    DESCRIPTION_HEADERS.iter().position(|h| *h == key)
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

/// A table cell as collected from the events or the HTML tokens.
#[derive(Clone, Debug, Default)]
struct Cell {
    /// What a reader sees.
    text: String,
    /// Markdown for the rustdoc.
    markdown: String,
    /// Where the cell is in the page.
    span: Range<usize>,
}

/// One row of a table, as the page writes it.
#[derive(Clone, Debug, Default)]
struct TableRow {
    cells: Vec<Cell>,
    /// The whole row in the page.
    span: Range<usize>,
    /// Cells the header has and this row lacks (pulldown-cmark fills them in, empty).
    missing: usize,
    /// The source of the cells past the header's, which pulldown-cmark drops.
    extra: Option<Range<usize>>,
}

impl TableRow {
    /// The row's cells as written (without the empty ones filled in).
    fn written(&self) -> usize {
        self.cells.len() - self.missing
    }
}

/// A table of either markup, header row first.
#[derive(Clone, Debug, Default)]
struct Table {
    rows: Vec<TableRow>,
}

/// Parses one page. Rows that cannot be read are reported in `diags` and left out.
pub fn parse_page(page: &Page, diags: &mut Diagnostics) -> ParsedPage {
    let mut parser = PageParser {
        page,
        diags,
        section: None,
        rows: Vec::new(),
        action_rows: Vec::new(),
        code_tables: 0,
    };
    parser.run();
    // An API's page with no error table is an action with no listed code.
    if parser.code_tables == 0 && page.action.is_none() {
        let message = if page.text.trim().is_empty() {
            "the page is empty"
        } else {
            "the page has no error-code table"
        };
        parser.diags.push(
            Diagnostic::warning(message)
                .at(page.file_location())
                .help("an error-code table has a header row `| 错误码 | 说明 |` or `| Error Code | Description |`"),
        );
    }
    ParsedPage {
        rows: parser.rows,
        action_rows: parser.action_rows,
    }
}

struct PageParser<'p, 'd> {
    page: &'p Page,
    diags: &'d mut Diagnostics,
    section: Option<SectionKind>,
    rows: Vec<Row>,
    action_rows: Vec<ActionRow>,
    /// Tables with a code column.
    code_tables: usize,
}

/// Column positions of a table, from its header.
#[derive(Clone, Copy)]
struct Columns {
    code: usize,
    description: Option<usize>,
    /// How many columns the header has.
    count: usize,
}

fn columns(header: &[Cell]) -> Option<Columns> {
    let code = header.iter().position(|c| is_code_header(&c.text))?;
    let description = header
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((description_rank(&c.text)?, i)))
        .min()
        .map(|(_, i)| i);
    Some(Columns {
        code,
        description,
        count: header.len(),
    })
}

/// What became of a row.
enum RowOutcome {
    /// It was read.
    Read,
    /// Its code cell is not a code: the warning, and the cell's text.
    NotACode(Box<Diagnostic>, String),
    /// It was left out for another reason, already reported; or it was not a row of codes.
    Skipped,
}

impl PageParser<'_, '_> {
    fn run(&mut self) {
        let text = self.page.text.as_str();
        let mut events = Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter();
        // Lines of the paragraph or heading being read.
        let mut block: Option<Vec<String>> = None;
        // Markdown events before this offset belong to an HTML table already read.
        let mut skip_until = 0;
        let mut html = HtmlMarkers::default();
        while let Some((event, range)) = events.next() {
            if range.start < skip_until {
                continue;
            }
            match event {
                Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                    block = Some(vec![String::new()])
                }
                Event::End(end @ (TagEnd::Paragraph | TagEnd::Heading(_))) => {
                    let mut titled = false;
                    for line in block.take().unwrap_or_default() {
                        if let Some(kind) = section_title(&line) {
                            self.section = Some(kind);
                            titled = true;
                        }
                    }
                    // Any other heading ends the common section: what follows is the product's
                    // (English pages title it `Application Errors` and the like). Paragraph lines
                    // do not: notes between a title and its table are common.
                    let heading = matches!(end, TagEnd::Heading(_));
                    if heading && !titled && self.section == Some(SectionKind::Common) {
                        self.section = None;
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
                    let table = collect_table(text, &mut events);
                    self.table(table);
                }
                Event::Start(Tag::HtmlBlock) if contains_table_tag(&text[range.clone()]) => {
                    let region = html.region(text, range);
                    let (tables, unclosed) = html_tables(text, region.clone());
                    if let Some(at) = unclosed {
                        self.diags.push(
                            Diagnostic::warning(
                                "an HTML table with no `</table>`; it is read up to the end of its HTML block",
                            )
                            .at(self.page.location(at..at + "<table".len()))
                            .label("this table is not closed")
                            .help("close the table with `</table>`"),
                        );
                    }
                    for table in tables {
                        self.table(table);
                    }
                    skip_until = region.end;
                }
                _ => {}
            }
        }
    }

    /// Reads one table: its first row is the header.
    fn table(&mut self, table: Table) {
        let mut rows = table.rows.into_iter();
        let Some(header) = rows.next() else { return };
        if let Some((action, code)) = action_columns(&header.cells) {
            self.code_tables += 1;
            self.action_table(action, code, rows);
            return;
        }
        let mut columns = match columns(&header.cells) {
            Some(c) => c,
            None => {
                self.table_without_code_column(&header);
                return;
            }
        };
        self.code_tables += 1;
        self.check_description_column(columns, &header);
        let mut read = 0;
        let mut rejected: Vec<(Box<Diagnostic>, String)> = Vec::new();
        for row in rows {
            // A section title glued to the previous table arrives as a row of it.
            let first = row.cells.first().map(|c| c.text.as_str()).unwrap_or("");
            let rest_empty = row.cells.iter().skip(1).all(|c| c.text.trim().is_empty());
            if rest_empty {
                if let Some(kind) = section_title(first) {
                    self.section = Some(kind);
                    continue;
                }
            }
            // So do the next table's header and delimiter rows.
            if let Some(c) = columns_of_row(&row) {
                columns = c;
                self.check_description_column(columns, &row);
                continue;
            }
            if row
                .cells
                .iter()
                .all(|c| is_delimiter_cell(&c.text) || c.text.trim().is_empty())
            {
                continue;
            }
            match self.row(columns, row) {
                RowOutcome::Read => read += 1,
                RowOutcome::NotACode(diagnostic, code) => rejected.push((diagnostic, code)),
                RowOutcome::Skipped => {}
            }
        }
        self.report_rejected(read, rejected);
    }

    /// Reports the rows whose code cell is not a code: one warning each when there are a few in
    /// a table of codes, one warning for the table when there are more (a table of SMS statuses
    /// or HTTP codes would otherwise give one per row).
    fn report_rejected(&mut self, read: usize, rejected: Vec<(Box<Diagnostic>, String)>) {
        if rejected.len() <= MAX_ROW_WARNINGS && (read > 0 || rejected.len() == 1) {
            for (diagnostic, _) in rejected {
                self.diags.push(*diagnostic);
            }
            return;
        }
        let shown: Vec<String> = rejected
            .iter()
            .take(MAX_ROW_WARNINGS)
            .map(|(_, code)| format!("`{}`", text::excerpt(code, 40)))
            .collect();
        let more = if rejected.len() > MAX_ROW_WARNINGS {
            ", …"
        } else {
            ""
        };
        let message = if read == 0 {
            format!(
                "none of the {} rows of this table has an error code in its code column ({}{more}); the table is left out",
                rejected.len(),
                shown.join(", ")
            )
        } else {
            format!(
                "{} rows of this table have no error code in their code column ({}{more}); those rows are left out ({read} other rows are read)",
                rejected.len(),
                shown.join(", ")
            )
        };
        let mut locations = rejected.iter().filter_map(|(d, _)| d.location.clone());
        let mut warning = Diagnostic::warning(message)
            .label("not an error code")
            .help(CODE_FORM_HELP);
        if let Some(first) = locations.next() {
            warning = warning.at(first);
        }
        for other in locations.take(MAX_ROW_WARNINGS - 1) {
            warning = warning.related(other, "nor this");
        }
        self.diags.push(warning);
    }

    fn table_without_code_column(&mut self, header: &TableRow) {
        let headers: Vec<&str> = header.cells.iter().map(|c| c.text.as_str()).collect();
        let joined = headers.join(" | ");
        let lower = joined.to_lowercase();
        if !ERROR_TABLE_WORDS.iter().any(|w| lower.contains(w)) {
            return;
        }
        self.diags.push(
            Diagnostic::warning(format!(
                "a table whose header (`{}`) has no error-code column; the table is left out",
                text::excerpt(&joined, 80)
            ))
            .at(self
                .page
                .location(trim_span(&self.page.text, header.span.clone())))
            .label("no column headed `错误码` or `Error Code`")
            .help("if the table lists API error codes, head their column `错误码` or `Error Code`"),
        );
    }

    /// Reads a table of codes by action: one row per action and code; a row with an empty code
    /// cell is an action that lists no code.
    fn action_table(&mut self, action: usize, code: usize, rows: impl Iterator<Item = TableRow>) {
        for row in rows {
            let span = row_span(&row);
            let cell = |i: usize| {
                row.cells
                    .get(i)
                    .filter(|_| i < row.written())
                    .map(|c| (c.text.trim(), c.span.clone()))
            };
            let Some((name, name_span)) = cell(action) else {
                continue;
            };
            if !is_action_name(name) {
                if !name.is_empty() || cell(code).is_some_and(|(c, _)| !c.is_empty()) {
                    self.diags.push(
                        Diagnostic::warning(format!(
                            "`{}` is not an API action's name; the row is left out",
                            text::excerpt(name, 60)
                        ))
                        .at(self.page.location(name_span))
                        .label("not an action")
                        .help(ACTION_FORM_HELP),
                    );
                }
                continue;
            }
            let code = match cell(code) {
                None | Some(("", _)) => None,
                Some((code, _)) if is_error_code(code) => Some(code.to_owned()),
                Some((code, code_span)) => {
                    self.diags.push(
                        Diagnostic::warning(format!(
                            "`{}` is not an error code; the row is left out",
                            text::excerpt(code, 60)
                        ))
                        .at(self.page.location(code_span))
                        .label("not an error code")
                        .help(CODE_FORM_HELP),
                    );
                    continue;
                }
            };
            self.action_rows.push(ActionRow {
                action: name.to_owned(),
                code,
                span,
            });
        }
    }

    fn check_description_column(&mut self, columns: Columns, header: &TableRow) {
        if columns.description.is_some() {
            return;
        }
        self.diags.push(
            Diagnostic::warning(
                "a table with an error-code column but no description column; its codes are read with no text",
            )
            .at(self.page.location(trim_span(&self.page.text, header.span.clone())))
            .label("no column headed `说明` or `Description`")
            .help("head the description column `说明` or `Description`"),
        );
    }

    fn row(&mut self, columns: Columns, row: TableRow) -> RowOutcome {
        let span = row_span(&row);
        let written = row.written();
        if let Some(extra) = row.extra.clone() {
            self.diags.push(
                Diagnostic::warning(format!(
                    "this row has more cells than the header's {}; the cells past them are not read",
                    columns.count
                ))
                .at(self.page.location(extra))
                .label("not read")
                .help("a `|` inside a cell is written `\\|`"),
            );
        }
        if row.extra.is_none() && row.cells.len() > columns.count {
            // HTML rows keep all their cells; markdown rows had theirs dropped above.
            let first = &row.cells[columns.count];
            let last = &row.cells[row.cells.len() - 1];
            self.diags.push(
                Diagnostic::warning(format!(
                    "this row has {} cells, more than the header's {}; the cells past them are not read",
                    row.cells.len(),
                    columns.count
                ))
                .at(self.page.location(first.span.start..last.span.end.max(first.span.start)))
                .label("not read"),
            );
        }
        let code_cell = match row.cells.get(columns.code) {
            Some(cell) if columns.code < written => cell,
            _ => {
                self.diags.push(
                    Diagnostic::warning(format!(
                        "this row has {written} cell(s) and none in the error-code column (column {}); the row is left out",
                        columns.code + 1
                    ))
                    .at(self.page.location(span))
                    .label("no error-code cell")
                    .help(format!("the header has {} columns; give the row as many", columns.count)),
                );
                return RowOutcome::Skipped;
            }
        };
        let code = code_cell.text.trim().to_owned();
        if !is_error_code(&code) {
            let what = if code.is_empty() {
                "an empty error-code cell".to_owned()
            } else {
                format!("`{}` is not an error code", text::excerpt(&code, 60))
            };
            let diagnostic = Diagnostic::warning(format!("{what}; the row is left out"))
                .at(self.page.location(code_cell.span.clone()))
                .label("not an error code")
                .help(CODE_FORM_HELP);
            return RowOutcome::NotACode(Box::new(diagnostic), code);
        }
        let description = match columns.description {
            Some(i) if i < written => match row.cells.get(i) {
                Some(cell) => Description {
                    text: cell.text.clone(),
                    markdown: cell.markdown.clone(),
                },
                None => Description::empty(),
            },
            Some(i) => {
                self.diags.push(
                    Diagnostic::warning(format!(
                        "this row has {written} cell(s), the header {}: `{code}` has no description cell",
                        columns.count
                    ))
                    .at(self.page.location(span.clone()))
                    .label(format!("no cell in column {}", i + 1))
                    .help(format!("the header has {} columns; give the row as many", columns.count)),
                );
                Description::empty()
            }
            None => Description::empty(),
        };
        self.rows.push(Row {
            section: self.section.unwrap_or(SectionKind::Business),
            code,
            description,
            span,
        });
        RowOutcome::Read
    }
}

impl Description {
    fn empty() -> Description {
        Description {
            text: String::new(),
            markdown: String::new(),
        }
    }
}

/// The action and code columns of a table of codes by action: a column headed by one of
/// [`ACTION_HEADERS`], a code column, and no description column.
fn action_columns(header: &[Cell]) -> Option<(usize, usize)> {
    let action = header
        .iter()
        .position(|c| ACTION_HEADERS.contains(&header_key(&c.text).as_str()))?;
    let columns = columns(header)?;
    columns
        .description
        .is_none()
        .then_some((action, columns.code))
}

/// The hint of every "not an action" warning.
const ACTION_FORM_HELP: &str =
    "an API action's name is ASCII letters, digits and `_`, starting with a letter, such as `RunInstances`";

/// Whether a string has the form of an API action's name: ASCII letters, digits and `_`,
/// starting with a letter (`RunInstances`).
pub fn is_action_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What an API's own page says it documents: the values of its `Action` and `Version`
/// parameter rows (`| Action | 是 | String | 公共参数，本接口取值：RunInstances |`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionHeader {
    /// The action, `RunInstances`.
    pub action: String,
    /// The API version as requests write it, `2017-03-12`.
    pub version: String,
    /// Where the action's value is in the page.
    pub action_span: Range<usize>,
}

impl ActionHeader {
    /// The version as a module name: `v20170312`.
    pub fn module_version(&self) -> String {
        format!("v{}", self.version.replace('-', ""))
    }
}

/// Characters that are in some English pages' parameter rows and that nobody sees
/// (`The value\u{200b}used for this API`).
fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// A parameter row's value: the text after the last colon of its last cell
/// (`公共参数，本接口取值：RunInstances`, `Common parameter. The value used for this API:
/// RunInstances.`, five English wordings in all), without a final full stop.
fn parameter_value(cell: &str) -> String {
    let cell: String = cell.chars().filter(|&c| !is_zero_width(c)).collect();
    let value = match cell.rfind([':', '：']) {
        Some(at) => &cell[at + cell[at..].chars().next().map_or(1, char::len_utf8)..],
        None => cell.as_str(),
    };
    value
        .trim()
        .trim_end_matches(['.', '。'])
        .trim_matches('`')
        .trim()
        .to_owned()
}

/// Whether `version` is an API version as requests write it: `2017-03-12`.
fn is_api_version(version: &str) -> bool {
    let b = version.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// A quick look for a table row whose first cell is `Action`, so that only pages that may be an
/// API's own page are read for its [`ActionHeader`]. (Tables with no outer pipes are not looked
/// for: the docs' API pages always have them.)
fn may_have_action_row(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start_matches([' ', '\t', '>']);
        let Some(rest) = line.strip_prefix('|') else {
            return false;
        };
        rest.trim_start().strip_prefix("Action").is_some_and(|r| {
            r.trim_start_matches(|c: char| c == ' ' || is_zero_width(c))
                .starts_with('|')
        })
    })
}

/// Reads the `Action` and `Version` parameter rows of an API's own page (rows of any table whose
/// first cell is `Action` or `Version`, the parameter's name: the sentence around the value is
/// worded in several ways). `None` when the page has no `Action` row, or no `Version` row with a
/// version (a warning then says why the page is not read as an action's). A second row that
/// names another action or version is a warning; the first is kept.
pub fn action_header(page: &Page, diags: &mut Diagnostics) -> Option<ActionHeader> {
    let text = page.text.as_str();
    if !may_have_action_row(text) {
        return None;
    }
    // Each parameter's values, in page order, with where they are.
    let mut found: [Vec<(String, Range<usize>)>; 2] = [Vec::new(), Vec::new()];
    let mut events = Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter();
    while let Some((event, _)) = events.next() {
        if !matches!(event, Event::Start(Tag::Table(_))) {
            continue;
        }
        for row in collect_table(text, &mut events).rows {
            let (Some(first), Some(last)) = (row.cells.first(), row.cells.last()) else {
                continue;
            };
            let name: String = first.text.chars().filter(|&c| !is_zero_width(c)).collect();
            let slot = match name.trim() {
                "Action" => 0,
                "Version" => 1,
                _ => continue,
            };
            if row.cells.len() < 2 {
                continue;
            }
            found[slot].push((parameter_value(&last.text), last.span.clone()));
        }
    }
    let [actions, versions] = found;
    let (action, action_span) = actions.first()?.clone();
    let at = |span: &Range<usize>| page.location(span.clone());
    if !is_action_name(&action) {
        diags.push(
            Diagnostic::warning(format!(
                "the `Action` row's value `{}` is not an API action's name; the page is not read as an API's page",
                text::excerpt(&action, 60)
            ))
            .at(at(&action_span))
            .label("not an action")
            .help(ACTION_FORM_HELP),
        );
        return None;
    }
    let Some((version, version_span)) = versions.first().cloned() else {
        diags.push(
            Diagnostic::warning(format!(
                "the page names the action `{action}` but no API version; it is not read as an API's page"
            ))
            .at(at(&action_span))
            .label("no `Version` row")
            .help("an API's page has a parameter row `| Version | 是 | String | 公共参数，本接口取值：2017-03-12 |`"),
        );
        return None;
    };
    if !is_api_version(&version) {
        diags.push(
            Diagnostic::warning(format!(
                "the `Version` row's value `{}` is not an API version; the page is not read as an API's page",
                text::excerpt(&version, 60)
            ))
            .at(at(&version_span))
            .label("not a version")
            .help("an API version is written `2017-03-12`"),
        );
        return None;
    }
    for (what, kept, kept_span, values) in [
        ("action", &action, &action_span, &actions),
        ("version", &version, &version_span, &versions),
    ] {
        for (other, span) in values.iter().skip(1) {
            if other != kept {
                diags.push(
                    Diagnostic::warning(format!(
                        "the page names a second {what}, `{}`, after `{kept}`; it is read as `{kept}`'s page",
                        text::excerpt(other, 60)
                    ))
                    .at(at(span))
                    .label(format!("this {what} is not used"))
                    .related(at(kept_span), format!("the {what} the page is read as"))
                    .help("an API's page documents one action of one API version"),
                );
            }
        }
    }
    Some(ActionHeader {
        action,
        version,
        action_span,
    })
}

/// A row inside a table that is the header of a table glued to it, as the columns it gives: it
/// has both a code and a description header (a row with only a code header is more likely a code
/// such as `ErrorCode`).
fn columns_of_row(row: &TableRow) -> Option<Columns> {
    columns(&row.cells).filter(|c| c.description.is_some())
}

/// From the first written cell to the end of the last one.
fn row_span(row: &TableRow) -> Range<usize> {
    let cells = &row.cells[..row.written()];
    let start = cells.first().map_or(row.span.start, |c| c.span.start);
    let end = cells.last().map_or(start, |c| c.span.end);
    start..end.max(start)
}

/// Collects the cells of a markdown table, header first, up to the end of the table. A cell's text
/// is what a reader sees, as the documentation wrote it: markdown's syntax for code spans and
/// escapes is read (`` `a` `` is `a`, `\|` is `|`), a link keeps where it points (`[text](url)`
/// and `<a href="url">text</a>` are `text (url)`), and what markdown would read as emphasis is
/// kept as written: the documentation's texts are plain text with the odd markdown in them, and a
/// `（_）` or a `**bold**` there is what the text says (Tencent's SDKs, which the texts come
/// from, write `由字母、数字、下划线（_）组成`).
fn collect_table<'a>(
    text: &str,
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Table {
    let mut rows: Vec<TableRow> = Vec::new();
    let mut cell: Option<Cell> = None;
    // The delimiters of the emphasis open in the cell, to write again where each closes.
    let mut delimiters: Vec<&str> = Vec::new();
    // The destinations of the links open in the cell, `None` for an autolink (its text is its
    // destination already).
    let mut links: Vec<Option<String>> = Vec::new();
    for (event, range) in events.by_ref() {
        match event {
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong)) => {
                let width = if matches!(tag, Tag::Strong) { 2 } else { 1 };
                let delimiter = text.get(range.start..range.start + width).unwrap_or("");
                delimiters.push(delimiter);
                if let Some(c) = cell.as_mut() {
                    c.text.push_str(delimiter);
                }
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                let delimiter = delimiters.pop().unwrap_or("");
                if let Some(c) = cell.as_mut() {
                    c.text.push_str(delimiter);
                }
            }
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) => links.push(
                (!matches!(link_type, LinkType::Autolink | LinkType::Email))
                    .then(|| dest_url.to_string()),
            ),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let (Some(Some(url)), Some(c)) = (links.pop(), cell.as_mut()) {
                    if !url.is_empty() {
                        c.text.push_str(&format!(" ({url})"));
                    }
                }
            }
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(TableRow {
                span: range,
                ..TableRow::default()
            }),
            Event::End(TagEnd::TableRow) => {
                if let Some(row) = rows.last_mut() {
                    finish_markdown_row(text, row);
                }
            }
            Event::Start(Tag::TableCell) => {
                cell = Some(Cell {
                    span: range,
                    ..Cell::default()
                })
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                    row.cells.push(c);
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
                    } else if let Some(anchor) = anchor_tag(&html) {
                        match anchor {
                            Anchor::Open(url) => links.push(url),
                            Anchor::Close => {
                                if let Some(Some(url)) = links.pop() {
                                    c.text.push_str(&format!(" ({url})"));
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Spaces and line breaks at either end of a cell, and control characters, are not part of
    // what the reader sees.
    for row in &mut rows {
        for c in row.cells.iter_mut() {
            c.text = text::visible(&c.text);
            c.span = trim_span(text, c.span.clone());
            // Inside a cell a tab is only whitespace; the rustdoc gets a space, as the text does.
            let raw = text.get(c.span.clone()).unwrap_or("");
            c.markdown = if raw.contains('\t') {
                no_fences(&raw.replace('\t', " "))
            } else {
                no_fences(raw)
            };
        }
    }
    Table { rows }
}

/// Markdown in which no line can open a code block: each backtick or tilde of a run of three or
/// more is escaped. After a `<br>` (a line break in the rustdoc) such a run would open a fenced
/// block, and rustdoc compiles fenced blocks as doctests. A code span written with three
/// backticks shows its backticks instead.
fn no_fences(markdown: &str) -> String {
    // Nearly every cell has no run at all: the common case costs one scan.
    if !markdown.contains("```") && !markdown.contains("~~~") {
        return markdown.to_owned();
    }
    let mut out = String::with_capacity(markdown.len());
    let chars: Vec<char> = markdown.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&d| d == c).count();
        let escaped_before = i > 0 && chars[i - 1] == '\\';
        if (c == '`' || c == '~') && run >= 3 && !escaped_before {
            for _ in 0..run {
                out.push('\\');
                out.push(c);
            }
        } else {
            out.extend(&chars[i..i + run]);
        }
        i += run;
    }
    out
}

/// `span` without the whitespace at either end of what it covers in `text`, so that a marker
/// points at a cell's content (an all-blank span is kept as it is).
fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(covered) = text.get(span.clone()) else {
        return span;
    };
    let trimmed = covered.trim();
    if trimmed.is_empty() {
        return span;
    }
    let start = span.start + (covered.len() - covered.trim_start().len());
    start..start + trimmed.len()
}

/// Notes which cells pulldown-cmark filled in and which it dropped: a body row with fewer cells
/// than the header gets empty ones at its end (with an empty span there), and the cells past the
/// header's count are left out (the row's span still covers them).
fn finish_markdown_row(text: &str, row: &mut TableRow) {
    let end = row.span.end;
    row.missing = row
        .cells
        .iter()
        .rev()
        .take_while(|c| c.span.is_empty() && c.span.start >= end.saturating_sub(1))
        .count();
    let last_end = row.cells[..row.written()]
        .last()
        .map_or(row.span.start, |c| c.span.end);
    if let Some(rest) = text.get(last_end..end) {
        let is_edge = |c: char| c == '|' || c.is_whitespace();
        let trimmed = rest.trim_start_matches(is_edge);
        let start = last_end + (rest.len() - trimmed.len());
        let trimmed = trimmed.trim_end_matches(is_edge);
        if !trimmed.is_empty() {
            row.extra = Some(start..start + trimmed.len());
        }
    }
}

/// `<br>`, `<br/>`, `<br />`, in any case.
/// An HTML anchor tag in a cell: `<a href="url">` (with its destination, if it has one) or `</a>`.
enum Anchor {
    Open(Option<String>),
    Close,
}

/// Reads `html` as an anchor tag, `None` for any other tag. The destination is the `href`
/// attribute's value, quoted with `"` or `'`, with the entities a URL holds most (`&amp;`)
/// decoded.
fn anchor_tag(html: &str) -> Option<Anchor> {
    let tag = html.trim();
    let inner = tag.strip_prefix('<')?.strip_suffix('>')?.trim();
    if inner.eq_ignore_ascii_case("/a") {
        return Some(Anchor::Close);
    }
    let mut words = inner.splitn(2, char::is_whitespace);
    if !words.next()?.eq_ignore_ascii_case("a") {
        return None;
    }
    let attributes = words.next().unwrap_or("");
    let lower = attributes.to_ascii_lowercase();
    let href = lower.find("href").and_then(|at| {
        let rest = attributes[at + 4..]
            .trim_start()
            .strip_prefix('=')?
            .trim_start();
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value = &rest[1..];
        let end = value.find(quote)?;
        Some(value[..end].replace("&amp;", "&"))
    });
    Some(Anchor::Open(href.filter(|url| !url.is_empty())))
}

fn is_line_break_tag(html: &str) -> bool {
    let t: String = html
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    t == "<br>" || t == "<br/>"
}

/// Whether `html` holds a `<table` start tag (any case).
fn contains_table_tag(html: &str) -> bool {
    table_tags(html).any(|(_, open)| open)
}

/// The `<table` and `</table` tags of a text, in order: (offset of the `<`, whether it opens).
fn table_tags(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| {
        if b != b'<' {
            return None;
        }
        let rest = &bytes[i + 1..];
        let (open, name) = match rest.strip_prefix(b"/") {
            Some(name) => (false, name),
            None => (true, rest),
        };
        let is_table = name.len() >= 5
            && name[..5].eq_ignore_ascii_case(b"table")
            && !name
                .get(5)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-');
        is_table.then_some((i, open))
    })
}

/// The `<table` and `</table` tags of a page, found once, so that finding where each HTML table
/// ends costs one pass over the page whatever the number of tables.
#[derive(Default)]
struct HtmlMarkers {
    tags: Option<Vec<(usize, bool)>>,
}

impl HtmlMarkers {
    /// The part of the page that the HTML block at `block` and the tables it opens cover: up to
    /// the `</table>` that closes the last table opened inside the block, and at least the block.
    fn region(&mut self, text: &str, block: Range<usize>) -> Range<usize> {
        let tags = self.tags.get_or_insert_with(|| table_tags(text).collect());
        let first = tags.partition_point(|&(at, _)| at < block.start);
        let mut depth = 0usize;
        let mut end = block.end;
        for &(at, open) in &tags[first..] {
            if depth == 0 && (at >= block.end || !open) {
                if at >= block.end {
                    break;
                }
                continue;
            }
            if open {
                depth += 1;
            } else {
                depth -= 1;
                if depth == 0 {
                    let close = text[at..].find('>').map_or(text.len(), |i| at + i + 1);
                    end = end.max(close);
                }
            }
        }
        block.start..end.min(text.len())
    }
}

/// An HTML cell being read.
struct HtmlCell {
    /// Lines of text (a `<br>` starts a new one), whitespace not yet collapsed.
    lines: Vec<String>,
    /// The tag that opened it.
    tag: Range<usize>,
    /// From the first to the last non-blank text.
    content: Option<Range<usize>>,
}

impl HtmlCell {
    fn new(tag: Range<usize>) -> HtmlCell {
        HtmlCell {
            lines: vec![String::new()],
            tag,
            content: None,
        }
    }

    fn line_break(&mut self) {
        self.lines.push(String::new());
    }

    fn push(&mut self, s: &str, span: Range<usize>) {
        if let Some(line) = self.lines.last_mut() {
            line.push_str(s);
        }
        if !s.trim().is_empty() {
            self.content = Some(match self.content.take() {
                Some(c) => c.start..span.end,
                None => span,
            });
        }
    }

    /// HTML's whitespace rule: runs of whitespace are one space; blank lines are dropped.
    fn finish(self) -> Cell {
        let lines: Vec<String> = self
            .lines
            .iter()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        let text = text::visible(&lines.join("\n"));
        Cell {
            markdown: text::escape_markdown(&text),
            text,
            span: self.content.unwrap_or(self.tag),
        }
    }
}

/// Reads the HTML tables in `region` of the page: each `<tr>` of an outermost `<table>` is a row,
/// each `<td>` or `<th>` a cell. Returns the tables, and where a table that is never closed opens.
fn html_tables(text: &str, region: Range<usize>) -> (Vec<Table>, Option<usize>) {
    let base = region.start;
    let Some(source) = text.get(region) else {
        return (Vec::new(), None);
    };
    let at = |span: html5gum::Span<usize>| base + span.start..base + span.end;
    let mut tables = Vec::new();
    let mut depth = 0usize;
    let mut table: Option<(usize, Table)> = None;
    let mut row: Option<TableRow> = None;
    let mut cell: Option<HtmlCell> = None;

    fn finish_cell(cell: &mut Option<HtmlCell>, row: &mut Option<TableRow>, end: usize) {
        if let Some(c) = cell.take() {
            let start = c.tag.start;
            let row = row.get_or_insert_with(|| TableRow {
                span: start..end,
                ..TableRow::default()
            });
            row.cells.push(c.finish());
        }
    }
    fn finish_row(row: &mut Option<TableRow>, table: &mut Option<(usize, Table)>, end: usize) {
        if let (Some(mut r), Some((_, t))) = (row.take(), table.as_mut()) {
            r.span.end = r.span.end.max(end);
            t.rows.push(r);
        }
    }

    let emitter = DefaultEmitter::<usize>::new_with_span();
    for Ok(token) in Tokenizer::new_with_emitter(source, emitter) {
        match token {
            Token::StartTag(tag) => {
                let span = at(tag.span);
                let name = tag.name.to_ascii_lowercase();
                match (name.as_slice(), depth) {
                    (b"table", 0) => {
                        depth = 1;
                        table = Some((span.start, Table::default()));
                    }
                    (b"table", _) => depth += 1,
                    (b"tr", 1) => {
                        finish_cell(&mut cell, &mut row, span.start);
                        finish_row(&mut row, &mut table, span.start);
                        row = Some(TableRow {
                            span: span.clone(),
                            ..TableRow::default()
                        });
                    }
                    (b"td" | b"th", 1) => {
                        finish_cell(&mut cell, &mut row, span.start);
                        cell = Some(HtmlCell::new(span));
                    }
                    (b"br" | b"p" | b"div" | b"li" | b"tr", _) => {
                        if let Some(c) = cell.as_mut() {
                            c.line_break();
                        }
                    }
                    (b"td" | b"th", _) => {
                        if let Some(c) = cell.as_mut() {
                            c.push(" ", span);
                        }
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let span = at(tag.span);
                let name = tag.name.to_ascii_lowercase();
                match (name.as_slice(), depth) {
                    (b"table", 1) => {
                        finish_cell(&mut cell, &mut row, span.start);
                        finish_row(&mut row, &mut table, span.start);
                        if let Some((_, t)) = table.take() {
                            tables.push(t);
                        }
                        depth = 0;
                    }
                    (b"table", 0) => {}
                    (b"table", _) => depth -= 1,
                    (b"tr", 1) => {
                        finish_cell(&mut cell, &mut row, span.end);
                        finish_row(&mut row, &mut table, span.end);
                    }
                    (b"td" | b"th", 1) => {
                        if let Some(c) = cell.as_mut() {
                            c.tag.end = span.end;
                        }
                        finish_cell(&mut cell, &mut row, span.end);
                    }
                    (b"br" | b"p" | b"div" | b"li", _) => {
                        if let Some(c) = cell.as_mut() {
                            c.line_break();
                        }
                    }
                    _ => {}
                }
            }
            Token::String(s) => {
                if let Some(c) = cell.as_mut() {
                    c.push(
                        &String::from_utf8_lossy(&s.value),
                        trim_span(text, at(s.span)),
                    );
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    let end = text.len().min(base + source.len());
    finish_cell(&mut cell, &mut row, end);
    finish_row(&mut row, &mut table, end);
    let unclosed = table.take().map(|(start, t)| {
        tables.push(t);
        start
    });
    (tables, unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_tags_are_found_in_any_case_and_not_in_longer_names() {
        let tags: Vec<(usize, bool)> = table_tags("<TABLE><tablex></Table ><table-x>").collect();
        assert_eq!(tags, vec![(0, true), (15, false)]);
    }

    #[test]
    fn no_fences_escapes_runs_of_three_backticks_or_tildes() {
        assert_eq!(
            no_fences("a<br>```<br>b(<br>```"),
            "a<br>\\`\\`\\`<br>b(<br>\\`\\`\\`"
        );
        assert_eq!(no_fences("`x` and ``y``"), "`x` and ``y``");
        assert_eq!(no_fences("~~~~"), "\\~\\~\\~\\~");
        assert_eq!(no_fences("\\```"), "\\```");
    }

    #[test]
    fn the_region_of_an_html_table_runs_to_its_closing_tag() {
        let text = "<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\nafter\n";
        // The HTML block ends at the blank line; the table does not.
        let block = 0..text.find("\n\n").unwrap_or(0) + 1;
        let region = HtmlMarkers::default().region(text, block);
        assert_eq!(&text[region], &text[..text.find("after").unwrap_or(0) - 1]);
    }
}
