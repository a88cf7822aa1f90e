//! A reader of the Go SDKs' `errors.go`: the one shape Tencent generates, read for real.
//!
//! The file is a Go source file holding a `package` clause and `const ( … )` blocks. Each
//! constant's value is an error code, and the `//` comment lines right above it (no blank line
//! between) are its description, joined with a space:
//!
//! ```go
//! package v20170312
//!
//! const (
//!     // 此产品的特有错误码
//!
//!     // 该请求账户未通过资格审计。
//!     ACCOUNTQUALIFICATIONRESTRICTIONS = "AccountQualificationRestrictions"
//! )
//! ```
//!
//! The reader is a small lexer (comments, identifiers, interpreted and raw string literals with
//! Go's escapes, punctuation) and a parser of exactly that grammar. It does not guess: whatever
//! does not fit is a [`Diagnostic`] at the file, line and column, and no code is ever dropped
//! without one.
//!
//! | the file has | outcome |
//! |---|---|
//! | bytes that are not UTF-8 | error at the first bad byte |
//! | a byte-order mark, CRLF line ends | removed before reading, like a page's |
//! | a constant with no comment above it | warning; the code is imported with no description |
//! | an empty `//` line right above a constant | the code's description is empty (the English SDK has 277) |
//! | a comment followed by a blank line or the block's end | a section comment (`此产品的特有错误码`, `error codes for specific actions`) is passed over; any other is a warning, and left out |
//! | a comment after a constant on its line | warning; it is not read |
//! | a `/* … */` comment in a const block | error: a description is read only from `//` lines |
//! | escapes in a string (`\"`, `\\`, `\x41`, `\u00e9`, `\101`) | decoded as Go decodes them; an unknown escape, or bytes that are not UTF-8, is an error |
//! | a string, comment or const block that the file ends inside (a truncated file) | error at the end of the file, naming what was open and where |
//! | a value that is not a string (`iota`, `1`), a typed constant, any other declaration | error at the token |

// A read stops at its first error and returns it: one per file, so its size does not matter.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// Comments that head a group of constants instead of describing one.
pub const SECTION_COMMENTS: &[&str] = &["此产品的特有错误码", "error codes for specific actions"];

/// One constant of a const block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoConst {
    /// The constant's Go name (`INVALIDPARAMETER_CONFLICT`).
    pub name: String,
    /// Its value, decoded: the error code.
    pub value: String,
    /// The comment lines right above it, joined with a space, or `None` when it has none.
    pub comment: Option<String>,
    /// Byte range of the value's literal in the file's text.
    pub span: Range<usize>,
    /// 1-based line of the constant.
    pub line: usize,
}

/// What an `errors.go` holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoFile {
    /// The package name (`v20170312`).
    pub package: String,
    /// The comment lines before the `package` clause: Tencent's copyright and licence notice.
    pub header: Vec<String>,
    /// The constants, in file order.
    pub consts: Vec<GoConst>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Str(String),
    /// A `//` comment: its text after the slashes.
    Comment(String),
    /// A `/* … */` comment.
    Block,
    Punct(char),
    Newline,
    Eof,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    span: Range<usize>,
}

/// The file's text and where diagnostics point.
struct Source<'a> {
    file: &'a str,
    text: &'a str,
}

impl Source<'_> {
    fn location(&self, span: Range<usize>) -> Location {
        let (line, column) = crate::source::line_column(self.text, span.start);
        Location {
            file: self.file.to_owned(),
            line: Some(line),
            column: Some(column),
            span: Some(span),
        }
    }

    fn error(&self, message: impl Into<String>, span: Range<usize>) -> Diagnostic {
        Diagnostic::error(message).at(self.location(span))
    }
}

/// Splits the text into tokens; the first problem that stops lexing is returned as an error.
fn lex(src: &Source<'_>) -> Result<Vec<Token>, Diagnostic> {
    let text = src.text;
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let c = bytes[i];
        let tok = match c {
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'\n' => {
                i += 1;
                Tok::Newline
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                i = end;
                Tok::Comment(text[start + 2..end].to_owned())
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => match text[i + 2..].find("*/") {
                Some(n) => {
                    i += 2 + n + 2;
                    Tok::Block
                }
                None => {
                    return Err(src
                        .error(
                            "the file ends inside a `/* … */` comment",
                            text.len()..text.len(),
                        )
                        .related(src.location(start..start + 2), "the comment opens here")
                        .help("the file looks truncated: take it again from the SDK"));
                }
            },
            b'"' => {
                let (value, end) = interpreted_string(src, i)?;
                i = end;
                Tok::Str(value)
            }
            b'`' => match text[i + 1..].find('`') {
                Some(n) => {
                    i += 1 + n + 1;
                    // Go drops carriage returns from raw strings.
                    Tok::Str(text[start + 1..i - 1].replace('\r', ""))
                }
                None => {
                    return Err(src
                        .error("the file ends inside a raw string", text.len()..text.len())
                        .related(src.location(start..start + 1), "the string opens here")
                        .help("the file looks truncated: take it again from the SDK"));
                }
            },
            b'(' | b')' | b'=' | b',' | b';' => {
                i += 1;
                Tok::Punct(char::from(c))
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
                if ch == '_' || ch.is_alphabetic() {
                    let end = text[i..]
                        .char_indices()
                        .find(|&(_, c)| !(c == '_' || c.is_alphanumeric()))
                        .map_or(text.len(), |(n, _)| i + n);
                    i = end;
                    Tok::Ident(text[start..end].to_owned())
                } else {
                    i += ch.len_utf8();
                    Tok::Punct(ch)
                }
            }
        };
        tokens.push(Token {
            tok,
            span: start..i,
        });
    }
    tokens.push(Token {
        tok: Tok::Eof,
        span: text.len()..text.len(),
    });
    Ok(tokens)
}

/// Reads the interpreted string literal that opens at `open`: its decoded value and the offset
/// just past its closing quote.
fn interpreted_string(src: &Source<'_>, open: usize) -> Result<(String, usize), Diagnostic> {
    let text = src.text;
    let mut out: Vec<u8> = Vec::new();
    let mut chars = text[open + 1..]
        .char_indices()
        .map(|(n, c)| (open + 1 + n, c));
    let truncated = |at: usize| {
        src.error("the string is not closed on its line", at..at)
            .related(src.location(open..open + 1), "the string opens here")
            .help("a Go string literal ends with `\"` on the same line; the file may be truncated")
    };
    loop {
        let Some((at, c)) = chars.next() else {
            return Err(truncated(text.len()));
        };
        match c {
            '"' => {
                let value = String::from_utf8(out).map_err(|_| {
                    src.error(
                        "the string's escapes make bytes that are not UTF-8",
                        open..at + 1,
                    )
                    .help("an error code is text: its `\\x` and octal escapes must spell UTF-8")
                })?;
                return Ok((value, at + 1));
            }
            '\n' => return Err(truncated(at)),
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    return Err(truncated(text.len()));
                };
                let simple = match e {
                    'a' => Some(0x07),
                    'b' => Some(0x08),
                    'f' => Some(0x0c),
                    'n' => Some(b'\n'),
                    'r' => Some(b'\r'),
                    't' => Some(b'\t'),
                    'v' => Some(0x0b),
                    '\\' => Some(b'\\'),
                    '"' => Some(b'"'),
                    _ => None,
                };
                if let Some(byte) = simple {
                    out.push(byte);
                    continue;
                }
                let (digits, radix, what) = match e {
                    'x' => (2, 16, "`\\x` takes two hex digits"),
                    'u' => (4, 16, "`\\u` takes four hex digits"),
                    'U' => (8, 16, "`\\U` takes eight hex digits"),
                    '0'..='7' => (2, 8, "an octal escape takes three digits from 0 to 7"),
                    _ => {
                        return Err(src
                            .error(format!("unknown escape `\\{e}` in a string"), at..at + 1 + e.len_utf8())
                            .help("Go strings know \\a \\b \\f \\n \\r \\t \\v \\\\ \\\" \\x.. \\u.... \\U........ and octal \\..."));
                    }
                };
                let mut value = if e.is_ascii_digit() {
                    u32::from(e as u8 - b'0')
                } else {
                    0
                };
                let mut end = at + 2;
                for _ in 0..digits {
                    match chars.next() {
                        Some((n, d)) if d.is_digit(radix) => {
                            value = value * radix + d.to_digit(radix).unwrap_or(0);
                            end = n + 1;
                        }
                        _ => return Err(src.error(format!("bad escape: {what}"), at..end)),
                    }
                }
                match e {
                    'x' | '0'..='7' => match u8::try_from(value) {
                        Ok(byte) => out.push(byte),
                        Err(_) => {
                            return Err(src.error("an octal escape above \\377", at..end));
                        }
                    },
                    _ => match char::from_u32(value) {
                        Some(ch) => {
                            let mut buf = [0; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        None => {
                            return Err(src.error(
                                format!("the escape names U+{value:04X}, which is not a character"),
                                at..end,
                            ));
                        }
                    },
                }
            }
            c => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// The file's tokens, or `None` with the reason in `diags`.
fn lex_into(src: &Source<'_>, diags: &mut Diagnostics) -> Option<Vec<Token>> {
    lex(src).map_err(|err| diags.push(err)).ok()
}

/// Reads `errors.go` from its text (normalised: no byte-order mark, `\n` line ends). `file`
/// is the path diagnostics name. Returns `None` when the file has an error; the reasons are in
/// `diags`, with any warnings.
pub fn read_errors_go(file: &str, text: &str, diags: &mut Diagnostics) -> Option<GoFile> {
    let src = Source { file, text };
    let tokens = lex_into(&src, diags)?;
    let mut parser = Parser {
        src: &src,
        tokens: &tokens,
        at: 0,
        diags,
    };
    match parser.file() {
        Ok(file) => Some(file),
        Err(err) => {
            parser.diags.push(err);
            None
        }
    }
}

/// The line of a method's doc comment after which `client.go` lists the codes the action may
/// return: the Chinese SDK's and the English SDK's wording.
pub const ACTION_CODES_MARKERS: &[&str] =
    &["可能返回的错误码:", "error code that may be returned:"];

/// One API action of a `client.go`: a method `func (c *Client) RunInstances(request
/// *RunInstancesRequest) …` and the codes its doc comment lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoAction {
    /// The method's name: the action (`RunInstances`).
    pub name: String,
    /// The codes listed after the marker line, in the file's order, with the 1-based line of
    /// each.
    pub codes: Vec<(String, usize)>,
    /// 1-based line of the method.
    pub line: usize,
}

/// Reads the actions of a `client.go` (normalised text): every method of `Client` but the
/// `…WithContext` twins, each with the codes listed in its doc comment after a line of
/// [`ACTION_CODES_MARKERS`], one per line (`//  INVALIDIMAGEID_NOTFOUND =
/// "InvalidImageId.NotFound"`). A method without the marker lists no code. A line of the list
/// that is not `NAME = "Code"` is a warning, and left out. `None` when the file does not lex
/// (an unclosed string or comment); the reason is in `diags`.
pub fn read_client_go(file: &str, text: &str, diags: &mut Diagnostics) -> Option<Vec<GoAction>> {
    let src = Source { file, text };
    let tokens = lex_into(&src, diags)?;
    let mut actions = Vec::new();
    // The comment lines of the block right above the current token.
    let mut block: Vec<&Token> = Vec::new();
    let mut newlines = 0;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        match &token.tok {
            Tok::Comment(_) => {
                if newlines > 1 {
                    block.clear();
                }
                block.push(token);
                newlines = 0;
                i += 1;
                continue;
            }
            Tok::Newline => {
                newlines += 1;
                i += 1;
                continue;
            }
            _ => {}
        }
        if let Some(name) = client_method(&tokens[i..]) {
            if !name.ends_with("WithContext") {
                let (line, _) = crate::source::line_column(text, token.span.start);
                let codes = if newlines <= 1 {
                    listed_codes(&src, &block, diags)
                } else {
                    Vec::new()
                };
                actions.push(GoAction {
                    name: name.to_owned(),
                    codes,
                    line,
                });
            }
        }
        block.clear();
        newlines = 0;
        i += 1;
    }
    Some(actions)
}

/// The method name of `func (c *Client) Name(` at the start of `tokens`.
fn client_method(tokens: &[Token]) -> Option<&str> {
    let [func, open, _receiver, star, client, close, name, paren, ..] = tokens else {
        return None;
    };
    let ident = |t: &Token, want: &str| matches!(&t.tok, Tok::Ident(s) if s == want);
    let punct = |t: &Token, want: char| t.tok == Tok::Punct(want);
    if !(ident(func, "func")
        && punct(open, '(')
        && punct(star, '*')
        && ident(client, "Client")
        && punct(close, ')')
        && punct(paren, '('))
    {
        return None;
    }
    match &name.tok {
        Tok::Ident(name) => Some(name),
        _ => None,
    }
}

/// The codes a doc comment lists after its marker line.
fn listed_codes(
    src: &Source<'_>,
    block: &[&Token],
    diags: &mut Diagnostics,
) -> Vec<(String, usize)> {
    let lines = block.iter().filter_map(|t| match &t.tok {
        Tok::Comment(text) => Some((text.as_str(), t.span.clone())),
        _ => None,
    });
    let mut codes = Vec::new();
    let mut listing = false;
    for (comment, span) in lines {
        if !listing {
            listing = ACTION_CODES_MARKERS.contains(&comment.trim());
            continue;
        }
        // `  NAME = "Code"`: the value is a Go string, decoded as in `errors.go`.
        let quote = comment.find('"');
        let name_ok = comment.split_once('=').is_some_and(|(name, _)| {
            let name = name.trim();
            !name.is_empty() && name.chars().all(|c| c == '_' || c.is_alphanumeric())
        });
        let value = match (quote, name_ok) {
            (Some(q), true) => {
                let open = span.start + 2 + q;
                match interpreted_string(src, open) {
                    Ok((value, end)) if src.text[end..span.end].trim().is_empty() => Some(value),
                    Ok(_) => None,
                    Err(err) => {
                        diags.push(err);
                        None
                    }
                }
            }
            _ => None,
        };
        let (line, _) = crate::source::line_column(src.text, span.start);
        match value {
            Some(code) => codes.push((code, line)),
            None => diags.push(
                Diagnostic::warning(
                    "a line of an action's list of codes that is not `NAME = \"Code\"`; it is left out",
                )
                .at(src.location(span.clone()))
                .label("not a listed code")
                .help("after `// 可能返回的错误码:` each line names one code: `//  INVALIDIMAGEID_NOTFOUND = \"InvalidImageId.NotFound\"`"),
            ),
        }
    }
    codes
}

struct Parser<'a, 'd> {
    src: &'a Source<'a>,
    tokens: &'a [Token],
    at: usize,
    diags: &'d mut Diagnostics,
}

/// The comment lines gathered above the next constant.
#[derive(Default)]
struct Pending {
    lines: Vec<String>,
    span: Option<Range<usize>>,
}

impl Pending {
    fn push(&mut self, text: &str, span: Range<usize>) {
        self.lines.push(text.trim().to_owned());
        self.span = Some(match self.span.take() {
            Some(first) => first.start..span.end,
            None => span,
        });
    }

    fn take(&mut self) -> Option<(String, Range<usize>)> {
        let span = self.span.take()?;
        let lines = std::mem::take(&mut self.lines);
        let joined = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        Some((joined, span))
    }
}

impl Parser<'_, '_> {
    fn peek(&self) -> &Token {
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn next(&mut self) -> Token {
        let token = self.peek().clone();
        if self.at < self.tokens.len() - 1 {
            self.at += 1;
        }
        token
    }

    fn unexpected(&self, token: &Token, expected: &str) -> Diagnostic {
        let found = match &token.tok {
            Tok::Eof => "the end of the file".to_owned(),
            Tok::Newline => "the end of the line".to_owned(),
            Tok::Ident(name) => format!("`{name}`"),
            Tok::Str(_) => "a string".to_owned(),
            Tok::Comment(_) | Tok::Block => "a comment".to_owned(),
            Tok::Punct(c) => format!("`{c}`"),
        };
        let mut err = self.src.error(
            format!("expected {expected}, found {found}"),
            token.span.clone(),
        );
        if token.tok == Tok::Eof {
            err = err.help("the file looks truncated: take it again from the SDK");
        } else {
            err = err.help("errors.go holds a `package` clause and `const ( NAME = \"Code\" … )` blocks; this reader reads nothing else");
        }
        err
    }

    /// Skips line ends and comments outside const blocks, keeping the comment lines.
    fn skip_blank(&mut self, comments: &mut Vec<String>) {
        loop {
            match &self.peek().tok {
                Tok::Newline | Tok::Block => {}
                Tok::Comment(text) => comments.push(text.trim().to_owned()),
                _ => return,
            }
            self.next();
        }
    }

    fn file(&mut self) -> Result<GoFile, Diagnostic> {
        let mut file = GoFile::default();
        self.skip_blank(&mut file.header);
        let token = self.next();
        if token.tok != Tok::Ident("package".to_owned()) {
            return Err(self.unexpected(&token, "`package`"));
        }
        let token = self.next();
        match token.tok {
            Tok::Ident(name) => file.package = name,
            _ => return Err(self.unexpected(&token, "the package's name")),
        }
        loop {
            self.skip_blank(&mut Vec::new());
            let token = self.next();
            match &token.tok {
                Tok::Eof => return Ok(file),
                Tok::Ident(word) if word == "const" => {
                    if self.peek().tok == Tok::Punct('(') {
                        self.next();
                        self.const_block(&token, &mut file.consts)?;
                    } else {
                        // `const NAME = "Code"`, on its own.
                        let mut pending = Pending::default();
                        let spec = self.next();
                        self.const_spec(spec, &mut pending, &mut file.consts)?;
                    }
                }
                _ => return Err(self.unexpected(&token, "`const`")),
            }
        }
    }

    fn const_block(&mut self, open: &Token, consts: &mut Vec<GoConst>) -> Result<(), Diagnostic> {
        let mut pending = Pending::default();
        let mut after_newline = true;
        loop {
            let token = self.next();
            match &token.tok {
                Tok::Newline => {
                    if after_newline {
                        // A blank line: the comments above it describe no constant.
                        self.detached(&mut pending);
                    }
                    after_newline = true;
                    continue;
                }
                Tok::Comment(text) => {
                    if !after_newline {
                        // The comment follows something on its line: after a constant, it
                        // describes nothing this reader keeps.
                        self.diags.push(
                            Diagnostic::warning("a comment after a constant is not read")
                                .at(self.src.location(token.span.clone()))
                                .label("not read")
                                .help("a description goes on `//` lines above the constant"),
                        );
                    } else {
                        pending.push(text, token.span.clone());
                    }
                }
                Tok::Block => {
                    return Err(self
                        .src
                        .error("a `/* … */` comment in a const block", token.span.clone())
                        .help("descriptions are read from `//` lines above each constant only; this is not the SDK's shape"));
                }
                Tok::Punct(')') => {
                    self.detached(&mut pending);
                    return Ok(());
                }
                Tok::Punct(';') => {}
                Tok::Eof => {
                    return Err(self
                        .src
                        .error("the file ends inside a const block", token.span.clone())
                        .related(self.src.location(open.span.clone()), "the block opens here")
                        .help("the file looks truncated: take it again from the SDK"));
                }
                Tok::Ident(_) => self.const_spec(token, &mut pending, consts)?,
                _ => return Err(self.unexpected(&token, "a constant's name or `)`")),
            }
            after_newline = false;
        }
    }

    /// Warns about comment lines that describe no constant, unless they are a section heading.
    fn detached(&mut self, pending: &mut Pending) {
        if let Some((text, span)) = pending.take() {
            if !SECTION_COMMENTS.contains(&text.as_str()) {
                self.diags.push(
                    Diagnostic::warning("a comment that no constant follows is not read")
                        .at(self.src.location(span))
                        .label("no constant below this comment")
                        .help("a description goes right above its constant, with no blank line between"),
                );
            }
        }
    }

    fn const_spec(
        &mut self,
        name: Token,
        pending: &mut Pending,
        consts: &mut Vec<GoConst>,
    ) -> Result<(), Diagnostic> {
        let Tok::Ident(ident) = &name.tok else {
            return Err(self.unexpected(&name, "a constant's name"));
        };
        let eq = self.next();
        if eq.tok != Tok::Punct('=') {
            return Err(self.unexpected(&eq, "`=` (a typed constant is not the SDK's shape)"));
        }
        let value = self.next();
        let Tok::Str(code) = &value.tok else {
            return Err(self.unexpected(&value, "a string literal: the error code"));
        };
        let (line, _) = crate::source::line_column(self.src.text, name.span.start);
        let comment = pending.take().map(|(text, _)| text);
        if comment.is_none() {
            self.diags.push(
                Diagnostic::warning(format!("the constant `{ident}` has no comment: `{code}` is imported with no description"))
                    .at(self.src.location(name.span.clone()))
                    .help("in the SDK each code's description is the `//` line above it"),
            );
        }
        consts.push(GoConst {
            name: ident.clone(),
            value: code.clone(),
            comment,
            span: value.span.clone(),
            line,
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<GoFile>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let file = read_errors_go("errors.go", text, &mut diags);
        (file, diags)
    }

    #[test]
    fn reads_the_sdk_shape() {
        let (file, diags) = read(
            "// Copyright (c) 2017-2025 Tencent.\n\npackage v20170312\n\nconst (\n\t// 此产品的特有错误码\n\n\t// 第一行\n\t// 第二行\n\tA_B = \"A.B\"\n\n\t//\n\tC = `C`\n)\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let file = file.expect("read");
        assert_eq!(file.package, "v20170312");
        assert_eq!(file.header, ["Copyright (c) 2017-2025 Tencent."]);
        let got: Vec<_> = file
            .consts
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.value.as_str(),
                    c.comment.as_deref(),
                    c.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A_B", "A.B", Some("第一行 第二行"), 10),
                ("C", "C", Some(""), 13)
            ]
        );
    }

    #[test]
    fn decodes_go_escapes() {
        let (file, diags) = read(
            "package p\nconst (\n\t// d\n\tA = \"q\\\"\\\\\\x41\\101\\u00e9\\U0001F600\\t\"\n)\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(file.expect("read").consts[0].value, "q\"\\AAé😀\t");
    }

    #[test]
    fn bad_escapes_are_errors_at_their_column() {
        // Line 4 is `\tA = "…"`: the tab is column 1, the opening quote column 6. An escape
        // that is wrong in itself is an error at its backslash; bytes that are not UTF-8 are
        // wrong only together (`\xc3\xa9` is é), so at the string's opening quote.
        for (literal, message, column) in [
            ("\"a\\qb\"", "unknown escape `\\q`", 8),
            ("\"\\x4\"", "bad escape", 7),
            ("\"\\xff\"", "not UTF-8", 6),
            ("\"ab\\ud800\"", "not a character", 9),
            ("\"\\477\"", "above \\377", 7),
        ] {
            let (file, diags) = read(&format!("package p\nconst (\n\t// d\n\tA = {literal}\n)\n"));
            assert!(file.is_none(), "{literal}");
            let d = diags.iter().next().expect("a diagnostic");
            assert!(d.message.contains(message), "{literal}: {}", d.message);
            let location = d.location.as_ref().expect("a location");
            assert_eq!(
                (location.line, location.column),
                (Some(4), Some(column)),
                "{literal}"
            );
        }
    }
}
