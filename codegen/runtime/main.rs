//! `tencentcloud-errors`, the command (feature `cli`): what a Tencent Cloud error code means,
//! like `rustc --explain`.
//!
//! ```text
//! tencentcloud-errors explain AuthFailure.SignatureExpire
//! tencentcloud-errors explain --lang en --json InvalidParameterValue
//! curl … | tencentcloud-errors explain -
//! tencentcloud-errors explain --action RunInstances
//! tencentcloud-errors explain --search "镜像 不存在"
//! ```
//!
//! It uses nothing but the library's public API: what it prints, any program can compute.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use serde_json::{json, Value};
use tencentcloud_errors::{
    categorize, classify, common, documented_in, modules, parse_response, Action, Category,
    CategoryRule, Code, CodeInfo, CodeView, Lang, Module,
};

const USAGE: &str = "\
Usage: tencentcloud-errors explain [--lang zh|en] [--json] <CODE | ->
       tencentcloud-errors explain [--lang zh|en] [--json] --action NAME [--product P] [--version V]
       tencentcloud-errors explain [--lang zh|en] [--json] --search TEXT

Explains a Tencent Cloud API error code: its documented texts, its family, its category (with
the HTTP status it maps to and the rule of categories.tsv that decided it), its classes, the
modules of this build that document it and the API actions that may return it. With `-`, reads a
whole response body on standard input and explains its `Response.Error`. With `--action`, lists
every code an API action may return, with its texts and classes. With `--search`, finds the codes
whose code or text, in either language, holds every word of TEXT.

Options:
  --action NAME  explain an API action (`RunInstances`) of the products compiled in
  --product P    with --action: only that product's (`cvm`)
  --version V    with --action: only that API version (`2017-03-12` or `v20170312`)
  --search TEXT  find codes by words of their code or texts (any case)
  --lang zh|en   print the texts in this language only (default: both)
  --json         print one JSON object, for scripts
  -h, --help     print this help
  -V, --version  print the version

Exit status: 0 when the code or action is documented, or the search finds a code (or the
response holds no error); 1 when not; 2 for a usage error or a body that is not a response.
";

/// How many actions the text output names for a code before giving only their count.
const ACTIONS_SHOWN: usize = 30;

/// The exit status for a usage error or an unreadable input.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let command = match parse_args(lexopt::Parser::from_env()) {
        Ok(command) => command,
        // lexopt's errors and ours quote the argument they are about.
        Err(err) => {
            eprintln!("error: {}\n\n{USAGE}", shown(&err.to_string()));
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
            eprintln!(
                "error: cannot write the output: {}",
                shown(&err.to_string())
            );
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
    Action {
        name: String,
        product: Option<String>,
        version: Option<String>,
    },
    Search(String),
}

fn parse_args(mut parser: lexopt::Parser) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;

    let mut subcommand = false;
    let mut input = None;
    let mut lang = None;
    let mut json = false;
    let mut action = None;
    let mut product = None;
    let mut version = None;
    let mut search = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') => return Ok(Command::Version),
            Long("version") if !subcommand => return Ok(Command::Version),
            Long("lang") if subcommand => lang = Some(parser.value()?.parse::<Lang>()?),
            Long("json") if subcommand => json = true,
            Long("action") if subcommand => action = Some(parser.value()?.string()?),
            Long("product") if subcommand => product = Some(parser.value()?.string()?),
            Long("version") if subcommand => version = Some(parser.value()?.string()?),
            Long("search") if subcommand => search = Some(parser.value()?.string()?),
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
    if (product.is_some() || version.is_some()) && action.is_none() {
        return Err("`--product` and `--version` narrow down `--action NAME`".into());
    }
    let input = match (input, action, search) {
        (None, Some(name), None) => Input::Action {
            name,
            product,
            version,
        },
        (None, None, Some(text)) => Input::Search(text),
        (Some(input), None, None) => input,
        (None, None, None) => {
            return Err("no code to explain: give a code, or `-` to read a response body".into())
        }
        _ => {
            return Err(
                "give one of a code, `-`, `--action NAME` or `--search TEXT`, not several".into(),
            )
        }
    };
    Ok(Command::Explain(Explain { input, lang, json }))
}

impl Explain {
    fn run(self, out: &mut impl Write) -> io::Result<ExitCode> {
        let code = match &self.input {
            Input::Code(code) => code.clone(),
            Input::Action {
                name,
                product,
                version,
            } => return self.explain_action(name, product.as_deref(), version.as_deref(), out),
            Input::Search(text) => return self.search(text, out),
            Input::Stdin => {
                let mut body = Vec::new();
                if let Err(err) = io::stdin().lock().read_to_end(&mut body) {
                    eprintln!(
                        "error: cannot read standard input: {}",
                        shown(&err.to_string())
                    );
                    return Ok(ExitCode::from(USAGE_ERROR));
                }
                match parse_response(&body) {
                    // serde_json's message may quote the body.
                    Err(err) => {
                        eprintln!("error: {}", shown(&err.to_string()));
                        return Ok(ExitCode::from(USAGE_ERROR));
                    }
                    Ok(None) => {
                        if self.json {
                            writeln!(out, "{}", json_text(&json!({ "response": null }))?)?;
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
            writeln!(out, "{}", json_text(&report)?)?;
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
        writeln!(
            out,
            "category:      {}",
            category_line(categorize(code), CategoryRule::for_code(code))
        )?;
        writeln!(out, "classes:       {}", classify(code))?;
        let paths: Vec<&str> = documented.iter().map(|info| info.module().path()).collect();
        writeln!(out, "documented by: {}", paths.join(", "))?;
        for info in documented {
            writeln!(out, "\n{}", info.module().path())?;
            if let Some(path) = info.variant_path() {
                writeln!(out, "  Rust     {path}")?;
            }
            self.write_texts(info, "  ", out)?;
            // A module's own answer, where its texts or a rule for it decided otherwise.
            if info.category_rule() != CategoryRule::for_code(code) {
                writeln!(
                    out,
                    "  category {}",
                    category_line(info.category(), info.category_rule())
                )?;
            }
            if !info.module().is_common() {
                let actions: Vec<Action> = info.actions().collect();
                if !actions.is_empty() {
                    writeln!(out, "  actions  {}", name_some(&actions))?;
                }
            }
        }
        // For a common code: how many actions of the products compiled in list it.
        let common_actions = documented
            .iter()
            .find(|info| info.module().is_common())
            .map_or(0, |info| info.actions().count());
        if common_actions > 0 {
            writeln!(
                out,
                "\nlisted by {common_actions} API action(s) of the products compiled in"
            )?;
        }
        Ok(())
    }

    /// A code's texts, each language on its own lines.
    fn write_texts(&self, info: &CodeInfo, indent: &str, out: &mut impl Write) -> io::Result<()> {
        for lang in self.langs() {
            let label = match lang {
                Lang::Zh => "中文   ",
                _ => "English",
            };
            let mut lines = info.message(lang).lines();
            writeln!(out, "{indent}{label}  {}", lines.next().unwrap_or_default())?;
            for line in lines {
                writeln!(out, "{indent}         {line}")?;
            }
        }
        Ok(())
    }

    /// The actions named `name` of the modules compiled in (narrowed to a product and version).
    fn explain_action(
        &self,
        name: &str,
        product: Option<&str>,
        version: Option<&str>,
        out: &mut impl Write,
    ) -> io::Result<ExitCode> {
        let wanted = |m: &Module| {
            product.is_none_or(|p| m.product() == Some(p))
                && version.is_none_or(|v| has_version(m, v))
        };
        let found: Vec<Action> = modules()
            .iter()
            .filter(|m| wanted(m))
            .filter_map(|m| m.action(name))
            .collect();
        if self.json {
            let actions: Vec<Value> = found.iter().map(|a| self.json_action(a)).collect();
            let report =
                json!({ "action": name, "documented": !found.is_empty(), "actions": actions });
            writeln!(out, "{}", json_text(&report)?)?;
        } else {
            for (i, action) in found.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                self.write_action(action, out)?;
            }
        }
        if found.is_empty() {
            eprintln!(
                "error: no module compiled in documents an API action `{}`",
                shown(name)
            );
            let searched: Vec<&str> = modules()
                .iter()
                .filter(|m| wanted(m) && m.actions().len() > 0)
                .map(|m| m.path())
                .collect();
            if searched.is_empty() {
                eprintln!("note: no module of this build lists actions: build with a product's feature, or `full`");
            } else {
                eprintln!("note: searched the actions of {}", searched.join(", "));
            }
            return Ok(ExitCode::FAILURE);
        }
        Ok(ExitCode::SUCCESS)
    }

    fn write_action(&self, action: &Action, out: &mut impl Write) -> io::Result<()> {
        let codes: Vec<CodeInfo> = action.codes().collect();
        writeln!(
            out,
            "{} ({}): {} code(s)",
            action.name(),
            action.module().path(),
            codes.len()
        )?;
        for info in &codes {
            let category = info.category();
            let classes = format!("{category} (HTTP {})", category.http_status());
            let from = if info.module().is_common() {
                " (common)"
            } else if info.message(Lang::Zh).is_empty() && info.message(Lang::En).is_empty() {
                " (not documented)"
            } else {
                ""
            };
            writeln!(out, "\n  {}{from}: {classes}", info.as_str())?;
            self.write_texts(info, "    ", out)?;
        }
        Ok(())
    }

    fn json_action(&self, action: &Action) -> Value {
        let module = action.module();
        let codes: Vec<Value> = action
            .codes()
            .map(|info| {
                let mut entry = self.json_code(&info);
                if let Value::Object(map) = &mut entry {
                    map.insert("common".to_owned(), info.module().is_common().into());
                }
                entry
            })
            .collect();
        json!({
            "action": action.name(),
            "module": module.path(),
            "product": module.product(),
            "version": module.version(),
            "codes": codes,
        })
    }

    /// A code with its module, texts, category and classes, as JSON.
    fn json_code(&self, info: &CodeInfo) -> Value {
        let classes: Vec<&str> = info.classes().iter().map(|c| c.as_str()).collect();
        let mut entry = json!({
            "code": info.as_str(),
            "module": info.module().path(),
            "rust_path": info.variant_path().map(|p| p.to_string()),
            "category": category_json(info.category(), info.category_rule()),
            "classes": classes,
        });
        if let Value::Object(map) = &mut entry {
            for lang in self.langs() {
                map.insert(lang.as_str().to_owned(), info.message(lang).into());
            }
        }
        entry
    }

    /// The codes of the modules compiled in whose code or text holds every word of `text`.
    fn search(&self, text: &str, out: &mut impl Write) -> io::Result<ExitCode> {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            eprintln!("error: `--search` needs at least one word");
            return Ok(ExitCode::from(USAGE_ERROR));
        }
        let found: Vec<CodeInfo> = modules()
            .iter()
            .flat_map(Module::codes)
            .filter(|info| {
                let haystack = [
                    info.as_str(),
                    info.message(Lang::Zh),
                    info.message(Lang::En),
                ]
                .join("\n")
                .to_lowercase();
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect();
        if self.json {
            let codes: Vec<Value> = found.iter().map(|info| self.json_code(info)).collect();
            let report = json!({ "search": text, "found": codes.len(), "codes": codes });
            writeln!(out, "{}", json_text(&report)?)?;
        } else {
            for info in &found {
                writeln!(out, "{}  {}", info.module().path(), info.as_str())?;
                self.write_texts(info, "  ", out)?;
            }
            if !found.is_empty() {
                writeln!(out, "\n{} code(s) found", found.len())?;
            }
        }
        if found.is_empty() {
            let searched: Vec<&str> = modules().iter().map(|m| m.path()).collect();
            eprintln!(
                "error: no code's code or text holds every word of `{}`",
                shown(text)
            );
            eprintln!("note: searched {}", searched.join(", "));
            return Ok(ExitCode::FAILURE);
        }
        Ok(ExitCode::SUCCESS)
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
                    "rust_path": info.variant_path().map(|p| p.to_string()),
                });
                if let Value::Object(map) = &mut entry {
                    for lang in self.langs() {
                        map.insert(lang.as_str().to_owned(), info.message(lang).into());
                    }
                    map.insert(
                        "category".to_owned(),
                        category_json(info.category(), info.category_rule()),
                    );
                    if !module.is_common() {
                        let actions: Vec<&str> = info.actions().map(|a| a.name()).collect();
                        map.insert("actions".to_owned(), actions.into());
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
            "category": category_json(categorize(code), CategoryRule::for_code(code)),
            "classes": classes,
            "documented_by": documented_by,
        })
    }
}

/// Whether `module` is at API `version`, written as the module writes it (`v20170312`) or as
/// requests do (`2017-03-12`); a product documented without versions is at every version.
fn has_version(module: &Module, version: &str) -> bool {
    module.version().is_none_or(|ours| {
        ours == version || ours.strip_prefix('v') == Some(version.replace('-', "").as_str())
    })
}

/// The first [`ACTIONS_SHOWN`] actions' names, and how many there are in all when that is more.
fn name_some(actions: &[Action]) -> String {
    let names: Vec<&str> = actions
        .iter()
        .take(ACTIONS_SHOWN)
        .map(Action::name)
        .collect();
    match actions.len() {
        n if n > ACTIONS_SHOWN => format!("{}, … ({n} in all)", names.join(", ")),
        _ => names.join(", "),
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
    eprintln!(
        "note: by the rules on its name, its category is {}",
        category_line(categorize(code), CategoryRule::for_code(code))
    );
}

/// `busy (HTTP 409), by categories.tsv:101: `*InProgress*…` → busy (why)`, or `unknown (HTTP
/// 500): no rule decides it`.
fn category_line(category: Category, rule: Option<&CategoryRule>) -> String {
    let status = category.http_status();
    match rule {
        Some(rule) => format!("{category} (HTTP {status}), by {rule}"),
        None => format!("{category} (HTTP {status}): no rule decides it"),
    }
}

/// A category, its HTTP status and gRPC code, and the rule that decided it, as JSON.
fn category_json(category: Category, rule: Option<&CategoryRule>) -> Value {
    let rule = rule.map(|rule| {
        json!({
            "file": "categories.tsv",
            "line": rule.line(),
            "module": rule.module(),
            "pattern": rule.pattern(),
            "text": rule.text(),
            "category": rule.category().as_str(),
            "why": rule.why(),
        })
    });
    json!({
        "name": category.as_str(),
        "http_status": category.http_status(),
        "grpc_code": category.grpc_code(),
        "rule": rule,
    })
}

/// Whether a terminal may obey `c` rather than show it: the C0 and C1 controls (line breaks
/// too), DEL, and the bidirectional controls, which reorder the text around them.
fn drives_the_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Text from a response or the command line made safe to print on a terminal, as the
/// generator's diagnostics print text from a page: what [`drives_the_terminal`] is written as
/// an escape (`\u{1b}`), so that a server's message or an argument cannot move the cursor,
/// clear the screen or reorder what follows it. Every error that quotes an input goes through
/// it; `--json` output goes through [`json_text`].
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(drives_the_terminal) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if drives_the_terminal(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// A JSON value as the command prints it: pretty, with every character that
/// [`drives_the_terminal`] escaped as `\uXXXX`. serde_json escapes the C0 controls but writes
/// DEL, the C1 controls and the bidirectional controls raw; a raw one can only be inside a
/// string (JSON's own whitespace is spaces and line breaks), where `\uXXXX` reads back as the
/// same character.
fn json_text(value: &Value) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    if !text.chars().any(|c| c != '\n' && drives_the_terminal(c)) {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c != '\n' && drives_the_terminal(c) {
            // Every such character is in the Basic Multilingual Plane: one escape of 4 digits.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}
