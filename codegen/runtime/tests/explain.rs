//! The `tencentcloud-errors explain` command, run as a person or a script runs it. What it should
//! print is taken from the library's tables, so the test holds for any documentation the crate
//! is generated from.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
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

fn run(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tencentcloud-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(body) = stdin {
        input
            .write_all(body.as_bytes())
            .expect("the body is written");
    }
    drop(input);
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("the command ends");
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
