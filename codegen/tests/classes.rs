//! The class rules of `docs-source/classes.tsv`: every rule has an example here, what each
//! example must be follows from the documented meaning of the code (not from the file), and the
//! generated crate applies the rules as the generator does.

use std::path::{Path, PathBuf};

use tencentcloud_errors::{classify, common, modules, Class, Classes, Code};
use tencentcloud_errors_codegen::classes::{ClassRules, Pattern, CLASSES};
use tencentcloud_errors_codegen::{generate, Diagnostics, Options, Severity};

use Class::{Auth, Caller, Quota, Retryable, Server, Throttling};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn rules() -> ClassRules {
    let mut diags = Diagnostics::new();
    let rules = ClassRules::read(&workspace().join("docs-source"), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    assert!(rules.file.ends_with("classes.tsv"), "{}", rules.file);
    rules
}

/// One example per rule at least: a code, and the classes its documented meaning calls for.
/// Codes that are not in the seed's tables are classed through their family, as a code from a
/// product page or a later doc would be.
const EXAMPLES: &[(&str, &[Class])] = &[
    // Throttling: the same request goes through after a wait.
    ("RequestLimitExceeded", &[Retryable, Throttling]),
    (
        "RequestLimitExceeded.UinLimitExceeded",
        &[Retryable, Throttling],
    ),
    (
        "RequestLimitExceeded.IPLimitExceeded",
        &[Retryable, Throttling],
    ),
    (
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        &[Retryable, Throttling],
    ),
    (
        "RequestLimitExceeded.ProductLimit",
        &[Retryable, Throttling],
    ),
    // Server faults: only the unspecific ones are worth retrying.
    ("InternalError", &[Retryable, Server]),
    ("InternalError.DbError", &[Server]),
    ("InternalError.", &[Server]),
    ("ServiceUnavailable", &[Retryable, Server]),
    // Authentication and authorization: never retryable as they are.
    ("AuthFailure", &[Auth]),
    ("AuthFailure.SignatureExpire", &[Auth]),
    ("AuthFailure.SignatureFailure", &[Auth]),
    ("AuthFailure.SecretIdNotFound", &[Auth]),
    ("UnauthorizedOperation", &[Auth]),
    ("UnauthorizedOperation.CamNoAuth", &[Auth]),
    ("IpInBlacklist", &[Auth]),
    ("IpNotInWhitelist", &[Auth]),
    // Caller errors: the request must change.
    ("ActionOffline", &[Caller]),
    ("InvalidAction", &[Caller]),
    ("InvalidParameter", &[Caller]),
    ("InvalidParameter.Conflict", &[Caller]),
    ("InvalidParameterValue", &[Caller]),
    ("InvalidParameterValue.InstanceIdMalformed", &[Caller]),
    ("InvalidRequest", &[Caller]),
    ("MissingParameter", &[Caller]),
    ("MissingParameter.InstanceId", &[Caller]),
    ("NoSuchProduct", &[Caller]),
    ("NoSuchVersion", &[Caller]),
    ("RequestSizeLimitExceeded", &[Caller]),
    ("ResponseSizeLimitExceeded", &[Caller]),
    ("UnknownParameter", &[Caller]),
    ("UnknownParameter.Filter", &[Caller]),
    ("UnsupportedProtocol", &[Caller]),
    ("UnsupportedRegion", &[Caller]),
    // Quotas: waiting does not help.
    ("LimitExceeded", &[Quota]),
    ("LimitExceeded.InstanceQuota", &[Quota]),
    // Left without a class on purpose (see the rules file).
    ("DryRunOperation", &[]),
    ("FailedOperation", &[]),
    ("FailedOperation.DeleteTrigger.UrlUsed", &[]),
    ("ResourceInUse", &[]),
    ("ResourceInsufficient", &[]),
    ("ResourceNotFound", &[]),
    ("ResourceNotFound.InstanceNotFound", &[]),
    ("ResourceUnavailable", &[]),
    ("UnsupportedOperation", &[]),
    // Look-alikes that are not in a family: a family is the first segment, whole.
    ("RequestLimitExceededX", &[]),
    ("AuthFailures.Other", &[]),
];

fn expected(classes: &[Class]) -> Classes {
    classes.iter().copied().collect()
}

#[test]
fn the_required_cases() {
    let uin = common::ErrorCode::RequestLimitExceededUinLimitExceeded.classes();
    assert!(uin.is_retryable() && uin.is_throttling());
    let expire = common::ErrorCode::AuthFailureSignatureExpire.classes();
    assert!(!expire.is_retryable());
    assert!(expire.is_auth());
    assert!(common::ErrorCode::InternalError.classes().is_retryable());
    assert!(common::ErrorCode::ServiceUnavailable
        .classes()
        .is_retryable());
}

#[test]
fn every_example_has_the_classes_its_meaning_calls_for() {
    for &(code, classes) in EXAMPLES {
        assert_eq!(classify(code), expected(classes), "{code}");
    }
}

#[test]
fn every_rule_has_an_example() {
    let rules = rules();
    for rule in &rules.rules {
        let covered = EXAMPLES
            .iter()
            .any(|(code, _)| rules.rule_for(code) == Some(rule));
        assert!(
            covered,
            "the rule for `{}` (classes.tsv line {}) has no example in this test: add one",
            rule.pattern, rule.line
        );
    }
}

#[test]
fn the_crate_applies_the_rules_as_the_generator_does() {
    let rules = rules();
    let by_name = |bits: u8| -> Vec<String> {
        tencentcloud_errors_codegen::classes::class_names(bits)
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    let names =
        |classes: Classes| -> Vec<String> { classes.iter().map(|c| c.to_string()).collect() };
    for module in modules() {
        for info in module.codes() {
            let code = info.as_str();
            assert_eq!(
                names(info.classes()),
                by_name(rules.classes_of(code)),
                "{code}"
            );
        }
    }
    for &(code, _) in EXAMPLES {
        assert_eq!(
            names(classify(code)),
            by_name(rules.classes_of(code)),
            "{code}"
        );
    }
}

#[test]
fn the_class_names_are_the_same_on_both_sides() {
    let runtime: Vec<&str> = Class::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(runtime, CLASSES);
    for name in CLASSES {
        assert_eq!(
            name.parse::<Class>().map(|c| c.to_string()).as_deref(),
            Ok(name)
        );
    }
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    for rule in &rules().rules {
        let row = format!("| `{}` | {} |", rule.pattern, rule.class_names().join(", "));
        assert!(readme.contains(&row), "README.md has no row `{row}`");
    }
}

fn docs_with_rules(rules: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    for lang in ["zh", "en"] {
        std::fs::create_dir_all(docs.join(lang)).unwrap();
        std::fs::copy(
            workspace().join(format!("docs-source/{lang}/api3.md")),
            docs.join(format!("{lang}/api3.md")),
        )
        .unwrap();
    }
    std::fs::write(docs.join("classes.tsv"), rules).unwrap();
    tmp
}

#[test]
fn regen_reads_the_rules_of_the_docs_folder() {
    let tmp = docs_with_rules("# only one rule\nFailedOperation\tserver\ttest\n");
    let generation = generate(
        &tmp.path().join("docs"),
        &tmp.path().join("out"),
        &Options::default(),
    )
    .unwrap_or_else(|f| panic!("{}", f.render()));
    // The rules are compiled into the crate once; `Code::classes` applies them.
    let lib = generation
        .files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .unwrap();
    assert!(lib
        .contents
        .contains(r#"static CLASS_RULES_EXACT: [(&str, u8); 1] = [("FailedOperation", 16)];"#));
}

#[test]
fn a_bad_rule_stops_regen_and_names_file_and_line() {
    let tmp =
        docs_with_rules("# rules\nInternalError\tretryable\tok\nInternalError.*\tretry\tbad\n");
    let docs = tmp.path().join("docs");
    let failure = generate(&docs, &tmp.path().join("out"), &Options::default()).unwrap_err();
    let errors: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "unknown class `retry`");
    let file = docs.join("classes.tsv").display().to_string();
    assert_eq!(errors[0].position(), Some(format!("{file}:3")));
    let rendered = failure.render();
    assert!(rendered.contains(&format!("{file}:3:")), "{rendered}");
}

#[test]
fn family_patterns_match_whole_segments() {
    let family = Pattern::Family("RequestLimitExceeded".into());
    assert!(family.matches("RequestLimitExceeded.UinLimitExceeded"));
    assert!(!family.matches("RequestLimitExceeded"));
    assert!(!family.matches("RequestLimitExceededX.Y"));
    assert_eq!(family.to_string(), "RequestLimitExceeded.*");
}
