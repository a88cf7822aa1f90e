//! `tencentcloud-errors`, the command (feature `cli`): what a Tencent Cloud error code means,
//! like `rustc --explain`.
//!
//! ```text
//! tencentcloud-errors explain AuthFailure.SignatureExpire
//! tencentcloud-errors explain --lang en --json InvalidParameterValue
//! curl … | tencentcloud-errors explain -
//! ```
//!
//! It uses nothing but the library's public API: what it prints, any program can compute.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use serde_json::{json, Value};
use tencentcloud_errors::{
    classify, common, documented_in, modules, parse_response, Code, CodeInfo, CodeView, Lang,
};

const USAGE: &str = "\
Usage: tencentcloud-errors explain [--lang zh|en] [--json] <CODE | ->

Explains a Tencent Cloud API error code: its documented texts, its family, its classes and the
modules of this build that document it. With `-`, reads a whole response body on standard input
and explains its `Response.Error`.

Options:
  --lang zh|en   print the texts in this language only (default: both)
  --json         print one JSON object, for scripts
  -h, --help     print this help
  -V, --version  print the version

Exit status: 0 when the code is documented (or the response holds no error); 1 when it is not;
2 for a usage error or a body that is not a response.
";

/// The exit status for a usage error or an unreadable input.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let command = match parse_args(lexopt::Parser::from_env()) {
        Ok(command) => command,
        Err(err) => {
            eprintln!("error: {err}\n\n{USAGE}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let mut out = io::stdout().lock();
    let result = match command {
        Command::Help => out.write_all(USAGE.as_bytes()).map(|()| ExitCode::SUCCESS),
        Command::Version => writeln!(out, "tencentcloud-errors {}", env!("CARGO_PKG_VERSION"))
            .map(|()| ExitCode::SUCCESS),
        Command::Explain(explain) => explain.run(&mut out),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        // A closed pipe (`… | head`) is not worth a message.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the output: {err}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

enum Command {
    Help,
    Version,
    Explain(Explain),
}

struct Explain {
    input: Input,
    /// One language, or both when `None`.
    lang: Option<Lang>,
    json: bool,
}

enum Input {
    Code(String),
    Stdin,
}

fn parse_args(mut parser: lexopt::Parser) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;

    let mut subcommand = false;
    let mut input = None;
    let mut lang = None;
    let mut json = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("lang") if subcommand => lang = Some(parser.value()?.parse::<Lang>()?),
            Long("json") if subcommand => json = true,
            Value(value) if !subcommand => {
                let value = value.string()?;
                if value != "explain" {
                    return Err(
                        format!("unknown command `{value}`: the command is `explain`").into(),
                    );
                }
                subcommand = true;
            }
            Value(value) if input.is_none() => {
                let value = value.string()?;
                input = Some(if value == "-" {
                    Input::Stdin
                } else {
                    Input::Code(value)
                });
            }
            _ => return Err(arg.unexpected()),
        }
    }
    if !subcommand {
        return Err("no command: the command is `explain`".into());
    }
    let input = input.ok_or("no code to explain: give a code, or `-` to read a response body")?;
    Ok(Command::Explain(Explain { input, lang, json }))
}

impl Explain {
    fn run(self, out: &mut impl Write) -> io::Result<ExitCode> {
        let code = match &self.input {
            Input::Code(code) => code.clone(),
            Input::Stdin => {
                let mut body = Vec::new();
                if let Err(err) = io::stdin().lock().read_to_end(&mut body) {
                    eprintln!("error: cannot read standard input: {err}");
                    return Ok(ExitCode::from(USAGE_ERROR));
                }
                match parse_response(&body) {
                    Err(err) => {
                        eprintln!("error: {err}");
                        return Ok(ExitCode::from(USAGE_ERROR));
                    }
                    Ok(None) => {
                        if self.json {
                            writeln!(out, "{}", json!({ "response": null }))?;
                        } else {
                            writeln!(out, "The response holds no error: the call succeeded.")?;
                        }
                        return Ok(ExitCode::SUCCESS);
                    }
                    Ok(Some(error)) => {
                        let response = json!({
                            "code": error.code(),
                            "message": error.message(),
                            "request_id": error.request_id(),
                        });
                        return self.explain(
                            error.code(),
                            Some((error.to_string(), response)),
                            out,
                        );
                    }
                }
            }
        };
        self.explain(&code, None, out)
    }

    /// Explains `code`; `response` is the error as read from a body, as text and as JSON.
    fn explain(
        &self,
        code: &str,
        response: Option<(String, Value)>,
        out: &mut impl Write,
    ) -> io::Result<ExitCode> {
        let documented: Vec<CodeInfo> = documented_in(code).collect();
        if self.json {
            let mut report = self.json_report(code, &documented);
            if let (Some((_, response)), Value::Object(map)) = (response, &mut report) {
                map.insert("response".to_owned(), response);
            }
            let text = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
        } else {
            if let Some((text, _)) = &response {
                writeln!(out, "response: {}\n", shown(text))?;
            }
            if !documented.is_empty() {
                self.write_text(code, &documented, out)?;
            }
        }
        if documented.is_empty() {
            report_unknown(code);
            return Ok(ExitCode::FAILURE);
        }
        Ok(ExitCode::SUCCESS)
    }

    /// The languages to print.
    fn langs(&self) -> Vec<Lang> {
        match self.lang {
            Some(lang) => vec![lang],
            None => Lang::ALL.to_vec(),
        }
    }

    fn write_text(
        &self,
        code: &str,
        documented: &[CodeInfo],
        out: &mut impl Write,
    ) -> io::Result<()> {
        writeln!(out, "{}", shown(code))?;
        writeln!(out, "family:        {}", shown(&family_line(code)))?;
        writeln!(out, "classes:       {}", classify(code))?;
        let paths: Vec<&str> = documented.iter().map(|info| info.module().path()).collect();
        writeln!(out, "documented by: {}", paths.join(", "))?;
        for info in documented {
            writeln!(out, "\n{}", info.module().path())?;
            for lang in self.langs() {
                let label = match lang {
                    Lang::Zh => "中文   ",
                    _ => "English",
                };
                let mut lines = info.message(lang).lines();
                writeln!(out, "  {label}  {}", lines.next().unwrap_or_default())?;
                for line in lines {
                    writeln!(out, "           {line}")?;
                }
            }
        }
        Ok(())
    }

    fn json_report(&self, code: &str, documented: &[CodeInfo]) -> Value {
        let documented_by: Vec<Value> = documented
            .iter()
            .map(|info| {
                let module = info.module();
                let mut entry = json!({
                    "module": module.path(),
                    "product": module.product(),
                    "version": module.version(),
                });
                if let Value::Object(map) = &mut entry {
                    for lang in self.langs() {
                        map.insert(lang.as_str().to_owned(), info.message(lang).into());
                    }
                }
                entry
            })
            .collect();
        let view = CodeView::<common::ErrorCode>::new(code);
        let classes: Vec<&str> = classify(code).iter().map(|c| c.as_str()).collect();
        json!({
            "code": code,
            "documented": !documented.is_empty(),
            "family": view.family(),
            "common_family": view.common_family().map(|c| c.as_str()),
            "classes": classes,
            "documented_by": documented_by,
        })
    }
}

/// The family, and whether it is a common code.
fn family_line(code: &str) -> String {
    let view = CodeView::<common::ErrorCode>::new(code);
    match view.common_family() {
        Some(family) if family.as_str() != code => format!("{family} (a common code)"),
        _ => view.family().to_owned(),
    }
}

/// The message for a code no module documents, on standard error.
fn report_unknown(code: &str) {
    let searched: Vec<&str> = modules().iter().map(|m| m.path()).collect();
    eprintln!("error: `{}` is not a documented error code", shown(code));
    eprintln!("note: searched {}", searched.join(", "));
    if searched.len() == 1 {
        eprintln!("help: no product is compiled in: build with a product's feature, or `full`");
    }
    let classes = classify(code);
    if !classes.is_empty() {
        eprintln!("note: by the rule for its family it is classed as: {classes}");
    }
}

/// Text from a response or the command line made safe to print on a terminal, as the
/// generator's diagnostics print text from a page: control characters (line breaks too) and
/// bidirectional controls are written as escapes (`\u{1b}`), so that a server's message cannot
/// move the cursor, clear the screen or reorder what follows it. `--json` output is escaped by
/// JSON's own rules instead.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
    };
    if !text.chars().any(hidden) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}
