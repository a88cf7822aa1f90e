//! The `tencentcloud-errors explain` command, run as a person or a script runs it. What it should
//! print is taken from the library's tables, so the test holds for any documentation the crate
//! is generated from.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};
use tencentcloud_errors::{
    categorize, classify, common, modules, Action, CategoryRule, Code, CodeInfo, Lang, Module,
};

/// The seed page's own example of a failed call.
const SEED_BODY: &str = r#"{
    "Response": {
        "Error": {
            "Code": "AuthFailure.SignatureFailure",
            "Message": "The provided credentials could not be validated. Please check your signature is correct."
        },
        "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"
    }
}"#;

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the command on `args`, writing `stdin` to it: what it printed, and whether all of the
/// input was written (a command that exits first, on a usage error, closes the pipe).
fn output_of<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &[u8]) -> (Output, std::io::Result<()>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tencentcloud-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let written = input.write_all(stdin);
    drop(input);
    (child.wait_with_output().expect("the command ends"), written)
}

fn run(args: &[&str], stdin: Option<&str>) -> Run {
    let (output, written) = output_of(args, stdin.unwrap_or("").as_bytes());
    written.expect("the body is written");
    let Output {
        status,
        stdout,
        stderr,
    } = output;
    Run {
        status: status.code(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

fn explain(args: &[&str]) -> Run {
    let mut all = vec!["explain"];
    all.extend(args);
    run(&all, None)
}

/// The modules whose table has `code`, found by a linear scan (the command searches by binary
/// search).
fn documenting(code: &str) -> Vec<&'static Module> {
    modules()
        .iter()
        .filter(|m| m.codes().any(|c| c.as_str() == code))
        .collect()
}

/// What the text output must say about a documented code.
fn assert_explains(out: &Run, code: &str, texts: &[CodeInfo]) {
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!("{code}\nfamily:        ")),
        "{}",
        out.stdout
    );
    let classes = format!("\nclasses:       {}\n", classify(code));
    assert!(out.stdout.contains(&classes), "{}", out.stdout);
    // The category, its HTTP status and the line of data that decided it.
    let category = categorize(code);
    let line = match CategoryRule::for_code(code) {
        Some(rule) => format!(
            "\ncategory:      {category} (HTTP {}), by categories.tsv:{}: ",
            category.http_status(),
            rule.line()
        ),
        None => format!(
            "\ncategory:      {category} (HTTP {}): no rule decides it\n",
            category.http_status()
        ),
    };
    assert!(out.stdout.contains(&line), "{line:?} in {}", out.stdout);
    // The variant a `match` arm names, in every module that documents the code.
    for info in texts {
        let path = info
            .variant_path()
            .expect("a documented code has a variant");
        let line = format!("\n  Rust     {path}\n");
        assert!(out.stdout.contains(&line), "{line:?} in {}", out.stdout);
    }
    // A module whose own category is another (its texts decided) says so under its texts.
    for info in texts {
        if info.category_rule() != CategoryRule::for_code(code) {
            let own = format!(
                "\n  category {} (HTTP {})",
                info.category(),
                info.category().http_status()
            );
            assert!(out.stdout.contains(&own), "{own:?} in {}", out.stdout);
        }
    }
    let paths: Vec<&str> = documenting(code).iter().map(|m| m.path()).collect();
    let documented_by = format!("\ndocumented by: {}\n", paths.join(", "));
    assert!(out.stdout.contains(&documented_by), "{}", out.stdout);
    for info in texts {
        for lang in Lang::ALL {
            let first_line = info.message(lang).lines().next().unwrap_or_default();
            assert!(out.stdout.contains(first_line), "{lang}: {}", out.stdout);
        }
    }
}

#[test]
fn a_common_code() {
    let code = common::ErrorCode::AuthFailureSignatureExpire;
    let out = explain(&[code.as_str()]);
    let info = tencentcloud_errors::lookup("common", None, code.as_str()).expect("documented");
    assert_explains(&out, code.as_str(), &[info]);
    assert!(
        out.stdout.contains(code.message(Lang::Zh)),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(code.message(Lang::En)),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\nfamily:        AuthFailure\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\ndocumented by: common"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn a_family_that_is_a_common_code_is_named_as_one() {
    let out = explain(&["RequestLimitExceeded.UinLimitExceeded"]);
    assert!(
        out.stdout
            .contains("\nfamily:        RequestLimitExceeded (a common code)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_product_code() {
    // The first product code of this build that is not a common code.
    let found = modules()
        .iter()
        .filter(|m| !m.is_common())
        .flat_map(Module::codes)
        .find(|info| common::ErrorCode::from_code(info.as_str()).is_none());
    let Some(info) = found else {
        eprintln!("skipped: no product is compiled in (run with a product's feature, or `full`)");
        return;
    };
    let out = explain(&[info.as_str()]);
    assert_explains(&out, info.as_str(), &[info]);
    let path = info.module().path();
    let variant = info
        .variant_path()
        .expect("a documented code has a variant");
    assert!(
        out.stdout
            .contains(&format!("\n{path}\n  Rust     {variant}\n  中文")),
        "{}",
        out.stdout
    );
}

#[test]
fn a_response_body_on_standard_input() {
    let out = run(&["explain", "-"], Some(SEED_BODY));
    let code = common::ErrorCode::AuthFailureSignatureFailure;
    let info = tencentcloud_errors::lookup("common", None, code.as_str()).expect("documented");
    assert_explains(&out, code.as_str(), &[info]);
    assert!(
        out.stdout.starts_with(
            "response: AuthFailure.SignatureFailure: The provided credentials could not be \
             validated. Please check your signature is correct. \
             (RequestId: ed93f3cb-f35e-473f-b9f3-0d451b8b79c6)\n\n"
        ),
        "{}",
        out.stdout
    );
}

/// Issue 14: what the server sends never reaches the terminal raw.
#[test]
fn a_server_s_control_characters_are_printed_escaped() {
    let body = r#"{"Response":{"Error":{"Code":"InternalError","Message":"a\u001b[2Jb\u202ec\nd"},"RequestId":"r\u0007"}}"#;
    let out = run(&["explain", "-"], Some(body));
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.starts_with(
            "response: InternalError: a\\u{1b}[2Jb\\u{202e}c\\nd (RequestId: r\\u{7})\n\n"
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(['\u{1b}', '\u{202e}', '\u{7}']));
    // An unknown code from a body is escaped in the error too.
    let body = r#"{"Response":{"Error":{"Code":"No\u001b[2JSuch"}}}"#;
    let out = run(&["explain", "-"], Some(body));
    assert_eq!(out.status, Some(1));
    assert!(
        out.stderr
            .contains("`No\\u{1b}[2JSuch` is not a documented error code"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains('\u{1b}') && !out.stdout.contains('\u{1b}'));
}

#[test]
fn a_successful_response_and_a_body_that_is_not_one() {
    let ok = run(
        &["explain", "-"],
        Some(r#"{"Response":{"RequestId":"r-1"}}"#),
    );
    assert_eq!(ok.status, Some(0), "{}", ok.stderr);
    assert_eq!(
        ok.stdout,
        "The response holds no error: the call succeeded.\n"
    );

    let bad = run(&["explain", "-"], Some("<html>502 Bad Gateway</html>"));
    assert_eq!(bad.status, Some(2));
    assert!(bad.stdout.is_empty(), "{}", bad.stdout);
    assert!(
        bad.stderr
            .starts_with("error: not a Tencent Cloud API response: "),
        "{}",
        bad.stderr
    );

    let no_code = run(
        &["explain", "-"],
        Some(r#"{"Response":{"Error":{"Message":"m"}}}"#),
    );
    assert_eq!(no_code.status, Some(2));
    assert!(
        no_code.stderr.contains("`Response.Error` has no `Code`"),
        "{}",
        no_code.stderr
    );
}

#[test]
fn an_unknown_code_is_a_clear_error() {
    let out = explain(&["NoSuch.Code"]);
    assert_eq!(out.status, Some(1));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .starts_with("error: `NoSuch.Code` is not a documented error code\n"),
        "{}",
        out.stderr
    );
    let searched: Vec<&str> = modules().iter().map(Module::path).collect();
    assert!(out
        .stderr
        .contains(&format!("note: searched {}\n", searched.join(", "))));
    assert_notes_its_category(&out, "NoSuch.Code");

    // An unknown code whose name a rule reads says what the rule makes of it, and which it is.
    let code = "RequestLimitExceeded.Brand.New";
    let out = explain(&[code]);
    assert_eq!(out.status, Some(1));
    assert_notes_its_category(&out, code);

    // From a body too: the response is shown, then the error.
    let body = r#"{"Response":{"Error":{"Code":"NoSuch.Code","Message":"m"},"RequestId":"r"}}"#;
    let out = run(&["explain", "-"], Some(body));
    assert_eq!(out.status, Some(1));
    assert_eq!(out.stdout, "response: NoSuch.Code: m (RequestId: r)\n\n");
    assert!(out
        .stderr
        .contains("`NoSuch.Code` is not a documented error code"));
}

/// What `explain` says of an undocumented code's category: `categorize`'s answer, and the rule.
fn assert_notes_its_category(out: &Run, code: &str) {
    let category = categorize(code);
    let note = match CategoryRule::for_code(code) {
        Some(rule) => format!(
            "note: by the rules on its name, its category is {category} (HTTP {}), by {rule}\n",
            category.http_status()
        ),
        None => format!(
            "note: by the rules on its name, its category is {category} (HTTP {}): no rule decides it\n",
            category.http_status()
        ),
    };
    assert!(out.stderr.contains(&note), "{note:?} in {}", out.stderr);
}

#[test]
fn json_for_scripts() {
    let code = common::ErrorCode::RequestLimitExceededUinLimitExceeded;
    let out = explain(&["--json", code.as_str()]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    assert_eq!(report["code"], code.as_str());
    assert_eq!(report["documented"], true);
    assert_eq!(report["family"], "RequestLimitExceeded");
    assert_eq!(report["common_family"], "RequestLimitExceeded");
    let classes: Vec<&str> = code.classes().iter().map(|c| c.as_str()).collect();
    assert_eq!(report["classes"], serde_json::json!(classes));
    let category = &report["category"];
    assert_eq!(category["name"], code.category().as_str());
    assert_eq!(category["http_status"], code.category().http_status());
    assert_eq!(category["grpc_code"], code.category().grpc_code());
    match code.category_rule() {
        Some(rule) => {
            assert_eq!(category["rule"]["file"], "categories.tsv");
            assert_eq!(category["rule"]["line"], rule.line());
            assert_eq!(category["rule"]["pattern"], rule.pattern());
            assert_eq!(category["rule"]["why"], rule.why());
        }
        None => assert_eq!(category["rule"], Value::Null),
    }
    let first = &report["documented_by"][0];
    assert_eq!(first["category"]["name"], code.category().as_str());
    let info = tencentcloud_errors::lookup("common", None, code.as_str()).expect("documented");
    assert_eq!(
        first["rust_path"],
        info.variant_path().expect("a variant").to_string()
    );
    assert_eq!(
        first["rust_path"],
        format!("tencentcloud_errors::common::ErrorCode::{code:?}")
    );
    assert_eq!(first["module"], "common");
    assert_eq!(first["product"], Value::Null);
    assert_eq!(first["zh"], code.message(Lang::Zh));
    assert_eq!(first["en"], code.message(Lang::En));
    assert!(report.get("response").is_none());

    let out = run(&["explain", "--json", "-"], Some(SEED_BODY));
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    assert_eq!(report["response"]["code"], "AuthFailure.SignatureFailure");
    assert_eq!(
        report["response"]["request_id"],
        "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"
    );
    assert_eq!(report["family"], "AuthFailure");
    assert_eq!(report["common_family"], Value::Null);

    let out = explain(&["--json", "NoSuch.Code"]);
    assert_eq!(out.status, Some(1));
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    assert_eq!(report["documented"], false);
    assert_eq!(report["documented_by"], serde_json::json!([]));
    assert_eq!(
        report["category"]["name"],
        categorize("NoSuch.Code").as_str()
    );
    assert_eq!(
        report["category"]["http_status"],
        categorize("NoSuch.Code").http_status()
    );
}

#[test]
fn one_language_with_lang() {
    let code = common::ErrorCode::InternalError;
    let out = explain(&["--lang", "en", code.as_str()]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains(code.message(Lang::En)),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("中文"), "{}", out.stdout);

    let out = explain(&["--lang", "zh_CN.UTF-8", "--json", code.as_str()]);
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    assert_eq!(report["documented_by"][0]["zh"], code.message(Lang::Zh));
    assert!(report["documented_by"][0].get("en").is_none());
}

#[test]
fn usage_errors_exit_with_2_and_say_what_is_wrong() {
    for (args, message) in [
        (&["explain"][..], "no code to explain"),
        (
            &["explian", "InternalError"][..],
            "unknown command `explian`",
        ),
        (
            &["explain", "--lang", "fr", "InternalError"][..],
            "unknown language",
        ),
        (&["explain", "A", "B"][..], "unexpected argument"),
        (
            &["explain", "--action", "RunInstances", "--search", "x"][..],
            "not several",
        ),
        (
            &["explain", "--product", "cvm", "A"][..],
            "narrow down `--action NAME`",
        ),
        (&[][..], "no command"),
    ] {
        let out = run(args, None);
        assert_eq!(out.status, Some(2), "{args:?}");
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("Usage: tencentcloud-errors explain"),
            "{}",
            out.stderr
        );
    }
    let help = run(&["--help"], None);
    assert_eq!(help.status, Some(0));
    assert!(help
        .stdout
        .starts_with("Usage: tencentcloud-errors explain"));
}

/// The first action of this build that lists a code of its own product (not a common code),
/// with that code.
fn an_action_with_a_product_code() -> Option<(Action, CodeInfo)> {
    modules()
        .iter()
        .flat_map(Module::actions)
        .find_map(|action| {
            let code = action.codes().find(|c| {
                !c.module().is_common() && common::ErrorCode::from_code(c.as_str()).is_none()
            })?;
            Some((action, code))
        })
}

const NO_ACTIONS: &str =
    "skipped: no module of this build lists API actions (build the crate of documentation with API pages, with `full`)";

#[test]
fn a_product_code_names_the_actions_that_return_it() {
    let Some((_, code)) = an_action_with_a_product_code() else {
        eprintln!("{NO_ACTIONS}");
        return;
    };
    let names: Vec<&str> = code.actions().map(|a| a.name()).collect();
    assert!(!names.is_empty());
    let out = explain(&[code.as_str()]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let shown = names
        .iter()
        .take(10)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let line = if names.len() > 10 {
        format!("  actions  {shown}, … ({} in all)\n", names.len())
    } else {
        format!("  actions  {shown}\n")
    };
    let block = format!("\n{}\n", code.module().path());
    let at = out
        .stdout
        .find(&block)
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(out.stdout[at..].contains(&line), "{line}\n{}", out.stdout);

    let out = explain(&["--json", code.as_str()]);
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    let entry = report["documented_by"]
        .as_array()
        .expect("an array")
        .iter()
        .find(|e| e["module"] == code.module().path())
        .expect("the module documents the code");
    assert_eq!(entry["actions"], serde_json::json!(names));
}

/// Whether the crate's record of the actions, `actions.tsv` beside its `Cargo.toml` (written
/// from the documentation when the crate was generated), lists `code` for `action` of `module`:
/// read here as text, apart from the tables the library and the command use.
fn recorded_in_actions_tsv(module: &str, action: &str, code: &str) -> bool {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/actions.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let row = format!("{module}\t{action}\t");
    text.lines()
        .find_map(|line| line.strip_prefix(&row))
        .unwrap_or_else(|| panic!("{path} has no row for {module} {action}"))
        .split(' ')
        .any(|c| c == code)
}

#[test]
fn the_actions_of_a_code_are_named_by_the_tables() {
    // The issue's example, wherever the build has it: cvm's image code and RunInstances. The
    // crate of `docs-source/` lists it (codegen/tests/lookup.rs holds it to that); a crate of
    // other pages may not, and then neither the library nor the command may say it does.
    let Some(run) = tencentcloud_errors::module("cvm", Some("2017-03-12"))
        .and_then(|cvm| cvm.action("RunInstances"))
    else {
        eprintln!("skipped: cvm's RunInstances is not compiled in (features `cli,full`)");
        return;
    };
    let code = "InvalidImageId.NotFound";
    let listed = recorded_in_actions_tsv("cvm::v20170312", "RunInstances", code);
    assert_eq!(run.lists(code), listed);
    assert_eq!(run.codes().any(|c| c.as_str() == code), listed);
    let out = explain(&[code]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let block = out
        .stdout
        .find("\ncvm::v20170312\n")
        .expect("cvm documents the code");
    let actions = out.stdout[block..]
        .lines()
        .find(|l| l.starts_with("  actions  "))
        .unwrap_or("");
    assert_eq!(actions.contains("RunInstances"), listed, "{}", out.stdout);
}

#[test]
fn an_action_lists_every_code_with_its_texts_and_category() {
    let Some((action, _)) = an_action_with_a_product_code() else {
        eprintln!("{NO_ACTIONS}");
        return;
    };
    let module = action.module();
    let product = module.product().expect("a product module");
    let mut args = vec!["--action", action.name(), "--product", product];
    if let Some(version) = module.version() {
        args.extend(["--version", version]);
    }
    let out = explain(&args);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let codes: Vec<CodeInfo> = action.codes().collect();
    let title = format!(
        "{} ({}): {} code(s)\n",
        action.name(),
        module.path(),
        codes.len()
    );
    assert!(out.stdout.starts_with(&title), "{}", out.stdout);
    // Every code in order, with its category and the first line of both texts.
    let mut rest = out.stdout.as_str();
    for code in &codes {
        let classes = format!(
            "{} (HTTP {})",
            code.category(),
            code.category().http_status()
        );
        let head = format!("\n  {}", code.as_str());
        let at = rest
            .find(&head)
            .unwrap_or_else(|| panic!("{head} in {}", out.stdout));
        rest = &rest[at + head.len()..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        assert!(
            rest[..line_end].ends_with(&format!(": {classes}")),
            "{}",
            &rest[..line_end]
        );
        for lang in Lang::ALL {
            let first = code.message(lang).lines().next().unwrap_or_default();
            assert!(rest.contains(first), "{lang} {code}: {}", out.stdout);
        }
    }

    let mut json_args = vec!["--json"];
    json_args.extend(&args);
    let out = explain(&json_args);
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    assert_eq!(report["documented"], true);
    let found = &report["actions"][0];
    assert_eq!(found["action"], action.name());
    assert_eq!(found["module"], module.path());
    let listed = found["codes"].as_array().expect("an array");
    assert_eq!(listed.len(), codes.len());
    for (entry, code) in listed.iter().zip(&codes) {
        assert_eq!(entry["code"], code.as_str());
        assert_eq!(entry["zh"], code.message(Lang::Zh));
        assert_eq!(entry["en"], code.message(Lang::En));
        assert_eq!(entry["common"], code.module().is_common());
        let classes: Vec<&str> = code.classes().iter().map(|c| c.as_str()).collect();
        assert_eq!(entry["classes"], serde_json::json!(classes));
        assert_eq!(entry["category"]["name"], code.category().as_str());
    }

    // Without the product, every module with an action of that name is explained.
    let out = explain(&["--json", "--action", action.name()]);
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    let paths: Vec<&str> = modules()
        .iter()
        .filter(|m| m.action(action.name()).is_some())
        .map(Module::path)
        .collect();
    let got: Vec<&str> = report["actions"]
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|a| a["module"].as_str())
        .collect();
    assert_eq!(got, paths);
}

#[test]
fn an_action_no_module_has_is_a_clear_error() {
    let out = explain(&["--action", "NoSuchActionAnywhere"]);
    assert_eq!(out.status, Some(1));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.starts_with(
            "error: no module compiled in documents an API action `NoSuchActionAnywhere`\n"
        ),
        "{}",
        out.stderr
    );
    let out = explain(&["--json", "--action", "NoSuchActionAnywhere"]);
    assert_eq!(out.status, Some(1));
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    assert_eq!(report["documented"], false);
    assert_eq!(report["actions"], serde_json::json!([]));
}

#[test]
fn search_finds_codes_by_words_in_either_language() {
    let code = common::ErrorCode::AuthFailureSignatureExpire;
    // A word of the Chinese text and one of the English text, in another case.
    let zh: String = code.message(Lang::Zh).chars().take(4).collect();
    let en = code
        .message(Lang::En)
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .expect("an English word")
        .to_uppercase();
    for words in [zh.clone(), en.clone(), format!("{zh} {en}")] {
        let out = explain(&["--search", &words]);
        assert_eq!(out.status, Some(0), "{words}: {}", out.stderr);
        assert!(
            out.stdout.contains(&format!("common  {}\n", code.as_str())),
            "{words}: {}",
            out.stdout
        );
        let out = explain(&["--json", "--search", &words]);
        let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
        let found = report["codes"].as_array().expect("an array");
        assert_eq!(report["found"], found.len());
        assert!(found
            .iter()
            .any(|c| c["code"] == code.as_str() && c["module"] == "common"));
        // Every code found holds every word, in its code or in one of its texts.
        for entry in found {
            let haystack =
                format!("{}\n{}\n{}", entry["code"], entry["zh"], entry["en"]).to_lowercase();
            for word in words.split_whitespace() {
                assert!(haystack.contains(&word.to_lowercase()), "{word}: {entry}");
            }
        }
        // As many as a scan of the tables finds.
        let expected = modules()
            .iter()
            .flat_map(Module::codes)
            .filter(|info| {
                let haystack = format!(
                    "{}\n{}\n{}",
                    info.as_str(),
                    info.message(Lang::Zh),
                    info.message(Lang::En)
                )
                .to_lowercase();
                words
                    .split_whitespace()
                    .all(|w| haystack.contains(&w.to_lowercase()))
            })
            .count();
        assert_eq!(found.len(), expected, "{words}");
    }
    let out = explain(&["--search", "no such words anywhere 无此文字"]);
    assert_eq!(out.status, Some(1));
    assert!(
        out.stderr
            .starts_with("error: no code's code or text holds every word of"),
        "{}",
        out.stderr
    );
}

/// What may not reach the terminal raw from a server's message, a body or an argument: the C0
/// and C1 controls, DEL, and the bidirectional controls.
fn drives_the_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Issue 19, point 7: JSON escapes what serde_json leaves raw (DEL, the C1 controls and the
/// bidirectional controls), and reads back as what the server sent.
#[test]
fn json_output_escapes_what_drives_the_terminal() {
    let message = "a\u{9b}2Jb\u{202e}c\u{7f}d\u{85}e\u{2066}f";
    let body = json!({"Response": {"Error": {"Code": "InternalError", "Message": message}, "RequestId": "r\u{200f}"}});
    let out = run(&["explain", "--json", "-"], Some(&body.to_string()));
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    assert!(
        !out.stdout
            .contains(|c: char| c != '\n' && drives_the_terminal(c)),
        "{:?}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(r"a\u009b2Jb\u202ec\u007fd\u0085e\u2066f"),
        "{}",
        out.stdout
    );
    let report: Value = serde_json::from_str(&out.stdout).expect("the output is JSON");
    assert_eq!(report["response"]["message"], message);
    assert_eq!(report["response"]["request_id"], "r\u{200f}");
}

/// Issue 19, point 7: an error that echoes an argument escapes it, lexopt's errors included.
#[test]
fn errors_escape_the_arguments_they_echo() {
    for (args, echoed) in [
        (
            &["explain", "--action", "Run\u{1b}[2JX"][..],
            r"Run\u{1b}[2JX",
        ),
        (&["explain", "--search", "x\u{9b}2J"][..], r"x\u{9b}2J"),
        (&["explain", "--bo\u{202e}g"][..], r"--bo\u{202e}g"),
        (&["explain", "-\u{1b}"][..], r"-\u{1b}"),
        (&["expl\u{7}ain", "InternalError"][..], r"expl\u{7}ain"),
        (&["explain", "A", "B\u{202e}"][..], r"B\u{202e}"),
        (&["explain", "--lang", "f\u{85}r", "A"][..], r"f\u{85}r"),
    ] {
        let out = run(args, None);
        assert!(out.stderr.contains(echoed), "{args:?}: {}", out.stderr);
        for text in [&out.stdout, &out.stderr] {
            assert!(
                !text.contains(|c: char| c != '\n' && drives_the_terminal(c)),
                "{args:?}: {text:?}"
            );
        }
    }
}

/// The characters the build's own tables print (line breaks in a text, say): they are the
/// documentation's, not an input's, so the property below does not count them.
fn printed_by_the_tables() -> BTreeSet<char> {
    let mut found = BTreeSet::new();
    for module in modules() {
        found.extend(module.path().chars().filter(|&c| drives_the_terminal(c)));
        for info in module.codes() {
            for text in [
                info.as_str(),
                info.message(Lang::Zh),
                info.message(Lang::En),
            ] {
                found.extend(text.chars().filter(|&c| drives_the_terminal(c)));
            }
            if let Some(rule) = info.category_rule() {
                found.extend(rule.to_string().chars().filter(|&c| drives_the_terminal(c)));
            }
        }
    }
    found
}

/// Pieces of hostile text: the characters and sequences a terminal obeys, and the words that
/// take the command down each of its paths.
fn hostile_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop_oneof![0u32..0x20, 0x7fu32..0xa0]
            .prop_map(|n| char::from_u32(n).map(String::from).unwrap_or_default()),
        prop::sample::select(
            &[
                '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
                '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
            ][..]
        )
        .prop_map(String::from),
        prop::sample::select(
            &[
                "\u{1b}[2J",
                "\u{1b}[31m",
                "\u{9b}2J",
                "\u{1b}]0;title\u{7}",
                "\u{1b}]8;;https://example.com\u{1b}\\",
                "\r\n",
                "\u{1b}c",
            ][..]
        )
        .prop_map(str::to_owned),
        prop::sample::select(
            &[
                "InternalError",
                "AuthFailure.SignatureExpire",
                "AuthFailure",
                "RequestLimitExceeded.",
                "RunInstances",
                "-",
                "--json",
                "--lang",
                "--version",
                "=",
                "en",
                "内部错误",
                " ",
            ][..]
        )
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
        "[a-zA-Z.]{1,8}",
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_piece(), 0..6).prop_map(|pieces| pieces.concat())
}

/// An argument: anything but NUL, which no command line can carry.
fn hostile_arg() -> impl Strategy<Value = String> {
    hostile().prop_map(|arg| arg.replace('\0', ""))
}

/// A body on standard input: responses whose strings are hostile, a response of the wrong
/// shape, and bytes that are no response at all.
fn hostile_body() -> impl Strategy<Value = Vec<u8>> {
    let response = |code: Value, message: Value, id: Value| {
        json!({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": id}})
            .to_string()
            .into_bytes()
    };
    prop_oneof![
        (hostile(), hostile(), hostile()).prop_map(move |(code, message, id)| response(
            code.into(),
            message.into(),
            id.into()
        )),
        // A documented code: its texts are printed after the server's message.
        (hostile(), hostile()).prop_map(move |(message, id)| response(
            "AuthFailure.SignatureExpire".into(),
            message.into(),
            id.into()
        )),
        (hostile(), hostile()).prop_map(move |(key, value)| response(
            json!({ key: value }),
            Value::Null,
            Value::Null
        )),
        hostile().prop_map(|text| json!({ "Response": text }).to_string().into_bytes()),
        hostile().prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..64),
    ]
}

/// Runs the command on any arguments and input, reading what it prints as UTF-8 where it is.
fn run_any(args: &[String], stdin: &[u8]) -> Run {
    // The command may exit before reading all of it (a usage error): a closed pipe is fine.
    let (output, _) = output_of(args, stdin);
    Run {
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// No character that drives the terminal reaches stdout or stderr raw from `args` or `stdin`.
///
/// Any such character in the output, but those the build's tables print, is a failure. A line
/// break is also the command's own, between its lines: the command is run a second time with
/// every line break of its input turned into a carriage return (which it must escape too), and
/// must print as many line breaks as the first time.
fn check_nothing_drives_the_terminal(
    args: &[String],
    stdin: &[u8],
    tables: &BTreeSet<char>,
) -> Result<(), TestCaseError> {
    let out = run_any(args, stdin);
    for (name, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let raw = text
            .chars()
            .find(|&c| c != '\n' && drives_the_terminal(c) && !tables.contains(&c));
        prop_assert!(
            raw.is_none(),
            "{:?} reaches {} raw: {:?}\nstdin: {:?}\n{}",
            raw,
            name,
            args,
            String::from_utf8_lossy(stdin),
            text
        );
    }
    let has_line_breaks = args.iter().any(|a| a.contains('\n')) || stdin.contains(&b'\n');
    if has_line_breaks {
        let args_cr: Vec<String> = args.iter().map(|a| a.replace('\n', "\r")).collect();
        let stdin_cr: Vec<u8> = stdin
            .iter()
            .map(|&b| if b == b'\n' { b'\r' } else { b })
            .collect();
        let twin = run_any(&args_cr, &stdin_cr);
        let lines = |text: &str| text.matches('\n').count();
        prop_assert_eq!(
            (out.status, lines(&out.stdout), lines(&out.stderr)),
            (twin.status, lines(&twin.stdout), lines(&twin.stderr)),
            "a line break of the input reaches the output raw: {:?}\nstdin: {:?}\nstdout:\n{}\nstderr:\n{}",
            args,
            String::from_utf8_lossy(stdin),
            out.stdout,
            out.stderr
        );
    }
    Ok(())
}

/// 64 cases, or `PROPTEST_CASES` (`with_cases` alone would override the variable).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

proptest! {
    // No regressions file: this test is copied into every generated crate, which regen alone
    // writes.
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    /// Issue 19, point 7: whatever a server sends and whatever the arguments, in text and JSON,
    /// for codes, bodies, actions and searches, nothing that drives the terminal is printed raw.
    #[test]
    fn no_input_drives_the_terminal(
        code in hostile_arg(),
        body in hostile_body(),
        action in hostile_arg(),
        product in hostile_arg(),
        version in hostile_arg(),
        // One word that few codes hold, so that a search prints a few codes at most.
        narrow in prop::sample::select(&["AuthFailure.SignatureExpire", "签名过期", "NoSuchWord"][..]),
        search in hostile_arg(),
        lang in hostile_arg(),
        argv in prop::collection::vec(hostile_arg(), 0..4),
    ) {
        let tables = printed_by_the_tables();
        let search = format!("{narrow} {search}");
        let args = |list: &[&str]| -> Vec<String> { list.iter().map(|a| (*a).to_owned()).collect() };
        let mut runs: Vec<(Vec<String>, &[u8])> = Vec::new();
        for json in [&[][..], &["--json"][..]] {
            let with = |list: &[&str]| {
                let mut all = args(&["explain"]);
                all.extend(args(json));
                all.extend(args(list));
                all
            };
            runs.push((with(&[&code]), &[]));
            runs.push((with(&["-"]), &body));
            runs.push((with(&["--action", &action]), &[]));
            runs.push((with(&["--action", &action, "--product", &product, "--version", &version]), &[]));
            runs.push((with(&["--search", &search]), &[]));
            runs.push((with(&["--lang", &lang, &code]), &[]));
        }
        // Any arguments: after `explain`, and in its place.
        let mut after = args(&["explain"]);
        after.extend(argv.iter().cloned());
        runs.push((after, &[]));
        runs.push((argv.clone(), &body));
        for (args, stdin) in &runs {
            check_nothing_drives_the_terminal(args, stdin, &tables)?;
        }
    }
}
