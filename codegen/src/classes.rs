//! Classes of error codes: the rules of `classes.tsv`, read, checked and applied.
//!
//! A class says what a client can do about an error (retry it, back off, fix its credentials or
//! its request). The rules are data, in `classes.tsv` beside the pages of the documentation
//! folder; the file's own comments describe the format. When a documentation folder has no
//! `classes.tsv`, the rules bundled with the generator (this repository's
//! `docs-source/classes.tsv`) apply, so that any folder generates a crate with the same classes.
//!
//! A code's classes come from the most specific rule alone: the rule for the exact code, else the
//! rule for the longest family pattern (`A.B.*`, then `A.*`) the code falls under, else none.
//! The rules are compiled into the generated crate, where the runtime applies them to a code's
//! string when asked (`Code::classes`, `classify`): to the codes of the tables and to codes it
//! does not know alike. [`ClassRules::classes_of`] is the generator's reading of the same rules,
//! which the tests hold the runtime's to.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// The rules file's name inside a documentation folder.
pub const FILE: &str = "classes.tsv";

/// The rules bundled with the generator: this repository's `docs-source/classes.tsv`.
pub const BUNDLED: &str = include_str!("../../docs-source/classes.tsv");

/// How diagnostics name the bundled rules.
pub const BUNDLED_NAME: &str = "docs-source/classes.tsv (bundled with the generator)";

/// The class names, in the order of their bits (bit `i` is `CLASSES[i]`): the order of
/// `tencentcloud_errors::Class::ALL` in the runtime, which a test checks.
pub const CLASSES: [&str; 6] = [
    "retryable",
    "throttling",
    "auth",
    "caller",
    "server",
    "quota",
];

/// What a rule matches.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pattern {
    /// Exactly this code.
    Code(String),
    /// Every code that begins with this prefix and a dot (written `prefix.*`).
    Family(String),
}

impl Pattern {
    /// Whether the pattern matches `code`.
    pub fn matches(&self, code: &str) -> bool {
        match self {
            Pattern::Code(exact) => exact == code,
            Pattern::Family(prefix) => code
                .strip_prefix(prefix.as_str())
                .is_some_and(|rest| rest.starts_with('.')),
        }
    }
}

impl fmt::Display for Pattern {
    /// As the rules file writes it: `InternalError`, `RequestLimitExceeded.*`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pattern::Code(code) => f.write_str(code),
            Pattern::Family(prefix) => write!(f, "{prefix}.*"),
        }
    }
}

/// One line of the rules file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// What it matches.
    pub pattern: Pattern,
    /// The classes it gives, one bit per entry of [`CLASSES`].
    pub classes: u8,
    /// The documented meaning it rests on.
    pub why: String,
    /// Its 1-based line in the file.
    pub line: usize,
}

impl Rule {
    /// The names of the rule's classes, in the order of [`CLASSES`].
    pub fn class_names(&self) -> Vec<&'static str> {
        class_names(self.classes)
    }
}

/// The names of the classes in `bits`, in the order of [`CLASSES`].
pub fn class_names(bits: u8) -> Vec<&'static str> {
    CLASSES
        .iter()
        .enumerate()
        .filter(|(bit, _)| bits & (1 << bit) != 0)
        .map(|(_, name)| *name)
        .collect()
}

/// The file of the generated crate that records the rules it was generated with.
pub const RECORD_FILE: &str = "classes.tsv";

const RECORD_HEADER: &str = "\
# The class rules this crate was generated with, written by `cargo xtask regen` from the
# documentation's `classes.tsv`; do not edit by hand. The next regen compares its rules with
# these and reports every change in the CHANGELOG.
";

/// A rule that a regen adds, removes or changes: the classes of the codes it matches change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassChange {
    /// The rule's pattern.
    pub pattern: Pattern,
    /// Its classes before, `None` for a new rule.
    pub old: Option<u8>,
    /// Its classes now, `None` for a rule removed.
    pub new: Option<u8>,
}

impl fmt::Display for ClassChange {
    /// `` `InternalError`: retryable, server → server ``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let classes = |bits: Option<u8>| match bits.map(class_names) {
            None => "no rule".to_owned(),
            Some(names) if names.is_empty() => "no class".to_owned(),
            Some(names) => names.join(", "),
        };
        write!(
            f,
            "rule `{}`: {} → {}",
            self.pattern,
            classes(self.old),
            classes(self.new)
        )
    }
}

/// The rules of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassRules {
    /// The file, as diagnostics name it.
    pub file: String,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
}

impl ClassRules {
    /// Reads `<docs>/classes.tsv`, or takes the bundled rules when the folder has none.
    pub fn read(docs: &Path, diags: &mut Diagnostics) -> ClassRules {
        let path = docs.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => ClassRules::parse(&text, &path.display().to_string(), diags),
                Err(err) => {
                    diags.push(
                        Diagnostic::error(format!(
                            "the class rules are not UTF-8: invalid byte at byte {}",
                            err.utf8_error().valid_up_to()
                        ))
                        .at(Location::file(path.display().to_string())),
                    );
                    ClassRules::default()
                }
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => ClassRules::bundled(diags),
            Err(err) => {
                diags.push(
                    Diagnostic::error(format!("cannot read the class rules: {err}"))
                        .at(Location::file(path.display().to_string())),
                );
                ClassRules::default()
            }
        }
    }

    /// The rules bundled with the generator.
    pub fn bundled(diags: &mut Diagnostics) -> ClassRules {
        ClassRules::parse(BUNDLED, BUNDLED_NAME, diags)
    }

    /// Reads rules from `text`; `file` names it in diagnostics. Every malformed line is an error
    /// that names the file and the line; the well-formed rules are kept.
    pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> ClassRules {
        let mut rules = ClassRules {
            file: file.to_owned(),
            rules: Vec::new(),
        };
        let mut first_line: BTreeMap<Pattern, usize> = BTreeMap::new();
        let mut offset = 0;
        for (index, raw) in text.split('\n').enumerate() {
            let start = offset;
            offset += raw.len() + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let at = LineAt {
                file,
                line: index + 1,
                start,
                text: line,
            };
            let Some(rule) = parse_rule(&at, diags) else {
                continue;
            };
            if let Some(&first) = first_line.get(&rule.pattern) {
                diags.push(
                    Diagnostic::error(format!("`{}` has two rules", rule.pattern))
                        .at(at.whole())
                        .label("second rule")
                        .related(
                            Location {
                                file: file.to_owned(),
                                line: Some(first),
                                column: Some(1),
                                span: None,
                            },
                            "first rule",
                        )
                        .help("keep one rule per pattern"),
                );
                continue;
            }
            first_line.insert(rule.pattern.clone(), rule.line);
            rules.rules.push(rule);
        }
        rules
    }

    /// The rules as the generated crate records them (`classes.tsv` beside its ledger), in the
    /// format of the rules file: what the next regen compares its rules with, to report what
    /// changed ([`ClassRules::changes_since`]).
    pub fn to_record(&self) -> String {
        let mut out = String::from(RECORD_HEADER);
        for rule in &self.rules {
            let classes = match rule.class_names() {
                names if names.is_empty() => "-".to_owned(),
                names => names.join(" "),
            };
            out.push_str(&format!("{}\t{classes}\t{}\n", rule.pattern, rule.why));
        }
        out
    }

    /// What changed from the rules `previous` to these, by pattern, in order of pattern: a rule
    /// added, removed, or giving other classes. A changed `why` alone changes no code's classes
    /// and is not listed. `previous` is `None` for a crate that recorded no rules: every rule
    /// is then listed, as added.
    pub fn changes_since(&self, previous: Option<&ClassRules>) -> Vec<ClassChange> {
        let by_pattern = |rules: &ClassRules| -> BTreeMap<Pattern, u8> {
            rules
                .rules
                .iter()
                .map(|r| (r.pattern.clone(), r.classes))
                .collect()
        };
        let old = previous.map(by_pattern).unwrap_or_default();
        let new = by_pattern(self);
        let patterns: std::collections::BTreeSet<&Pattern> = old.keys().chain(new.keys()).collect();
        patterns
            .into_iter()
            .filter_map(|pattern| {
                let (before, after) = (old.get(pattern).copied(), new.get(pattern).copied());
                (before != after).then(|| ClassChange {
                    pattern: pattern.clone(),
                    old: before,
                    new: after,
                })
            })
            .collect()
    }

    /// The rule that decides the classes of `code`: the exact one, else the longest family.
    pub fn rule_for(&self, code: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .filter(|rule| rule.pattern.matches(code))
            .max_by_key(|rule| match &rule.pattern {
                Pattern::Code(_) => usize::MAX,
                Pattern::Family(prefix) => prefix.len(),
            })
    }

    /// The classes of `code`, one bit per entry of [`CLASSES`].
    pub fn classes_of(&self, code: &str) -> u8 {
        self.rule_for(code).map_or(0, |rule| rule.classes)
    }

    /// The two static tables the runtime reads, `CLASS_RULES_EXACT` and `CLASS_RULES_FAMILY`:
    /// `(pattern, bits)` sorted by pattern, a family written without its `.*`.
    pub fn tables(&self) -> TokenStream {
        let mut exact = BTreeMap::new();
        let mut family = BTreeMap::new();
        for rule in &self.rules {
            match &rule.pattern {
                Pattern::Code(code) => exact.insert(code.as_str(), rule.classes),
                Pattern::Family(prefix) => family.insert(prefix.as_str(), rule.classes),
            };
        }
        let table = |rows: BTreeMap<&str, u8>| {
            let count = Literal::usize_unsuffixed(rows.len());
            let rows = rows.into_iter().map(|(pattern, bits)| {
                let pattern = Literal::string(pattern);
                let bits = Literal::u8_unsuffixed(bits);
                quote! { (#pattern, #bits) }
            });
            (count, quote! { #(#rows),* })
        };
        let (exact_count, exact_rows) = table(exact);
        let (family_count, family_rows) = table(family);
        quote! {
            /// The class rules for exact codes, sorted by code.
            static CLASS_RULES_EXACT: [(&str, u8); #exact_count] = [#exact_rows];
            /// The class rules for families, sorted by prefix (`A.*` is written `A`).
            static CLASS_RULES_FAMILY: [(&str, u8); #family_count] = [#family_rows];
        }
    }

    /// The rules as a markdown table, one line per rule, for the rustdoc.
    pub fn doc_table(&self) -> Vec<String> {
        let mut lines = vec![
            "| pattern | classes | why |".to_owned(),
            "|---|---|---|".to_owned(),
        ];
        for rule in &self.rules {
            let names = rule.class_names();
            let classes = if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            };
            lines.push(format!(
                "| `{}` | {classes} | {} |",
                rule.pattern,
                rule.why.replace('|', "\\|")
            ));
        }
        lines
    }
}

/// One line of the file, for diagnostics.
struct LineAt<'a> {
    file: &'a str,
    line: usize,
    /// Byte offset of the line in the file.
    start: usize,
    text: &'a str,
}

impl LineAt<'_> {
    /// The location of `part`, a slice of the line.
    fn of(&self, part: &str) -> Location {
        let within = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let within = within.min(self.text.len());
        Location {
            file: self.file.to_owned(),
            line: Some(self.line),
            column: Some(self.text[..within].chars().count() + 1),
            span: Some(self.start + within..self.start + within + part.len()),
        }
    }

    fn whole(&self) -> Location {
        self.of(self.text)
    }
}

const FORMAT_HELP: &str = "a rule is `pattern<TAB>classes<TAB>why`, e.g. `InternalError\tretryable server\tan internal error`";

fn parse_rule(at: &LineAt<'_>, diags: &mut Diagnostics) -> Option<Rule> {
    let fields: Vec<&str> = at.text.split('\t').collect();
    let [pattern, classes, why] = fields[..] else {
        diags.push(
            Diagnostic::error(format!(
                "a class rule has {} tab-separated field(s), not 3: `{}`",
                fields.len(),
                at.text
            ))
            .at(at.whole())
            .help(FORMAT_HELP),
        );
        return None;
    };
    let pattern_text = pattern.trim();
    let pattern = match parse_pattern(pattern_text) {
        Ok(pattern) => pattern,
        Err(problem) => {
            diags.push(
                Diagnostic::error(format!("`{pattern_text}` is not a pattern: {problem}"))
                    .at(at.of(pattern))
                    .help(
                        "a pattern is a code (`InternalError`) or a family \
                         (`RequestLimitExceeded.*`: every code that begins with `RequestLimitExceeded.`)",
                    ),
            );
            return None;
        }
    };
    let bits = parse_classes(at, classes, diags)?;
    let why = why.trim();
    if why.is_empty() {
        diags.push(
            Diagnostic::error(format!("the rule for `{pattern}` does not say why"))
                .at(at.whole())
                .help("the third field is the documented meaning the rule rests on"),
        );
        return None;
    }
    Some(Rule {
        pattern,
        classes: bits,
        why: why.to_owned(),
        line: at.line,
    })
}

fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

fn parse_pattern(text: &str) -> Result<Pattern, String> {
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    let (body, family) = match text.strip_suffix(".*") {
        Some(prefix) => (prefix, true),
        None => (text, false),
    };
    if let Some(bad) = body.chars().find(|&c| !is_code_char(c)) {
        return Err(if bad == '*' {
            "`*` may only end a family pattern, as `.*`".to_owned()
        } else {
            format!(
                "{bad:?} cannot be part of a code (codes are ASCII letters, digits, `_` and `.`)"
            )
        });
    }
    if family {
        if body.is_empty() || body.ends_with('.') || body.starts_with('.') {
            return Err("a family pattern is a code prefix followed by `.*`".to_owned());
        }
        Ok(Pattern::Family(body.to_owned()))
    } else {
        Ok(Pattern::Code(body.to_owned()))
    }
}

fn parse_classes(at: &LineAt<'_>, field: &str, diags: &mut Diagnostics) -> Option<u8> {
    let names: Vec<&str> = field.split_whitespace().collect();
    if names == ["-"] {
        return Some(0);
    }
    if names.is_empty() || names.contains(&"-") {
        let problem = if names.is_empty() {
            "a class rule names no class".to_owned()
        } else {
            "`-` (no class) cannot stand beside class names".to_owned()
        };
        diags.push(
            Diagnostic::error(problem)
                .at(at.of(field))
                .help("write class names separated by spaces, or `-` alone for none"),
        );
        return None;
    }
    let mut bits = 0u8;
    let mut ok = true;
    for name in names {
        match CLASSES.iter().position(|&class| class == name) {
            Some(bit) if bits & (1 << bit) != 0 => {
                diags.push(
                    Diagnostic::error(format!("the class `{name}` is named twice")).at(at.of(name)),
                );
                ok = false;
            }
            Some(bit) => bits |= 1 << bit,
            None => {
                diags.push(
                    Diagnostic::error(format!("unknown class `{name}`"))
                        .at(at.of(name))
                        .help(format!(
                            "the classes are {}; `-` for none",
                            CLASSES
                                .iter()
                                .map(|c| format!("`{c}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                );
                ok = false;
            }
        }
    }
    ok.then_some(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (ClassRules, Diagnostics) {
        let mut diags = Diagnostics::new();
        let rules = ClassRules::parse(text, "classes.tsv", &mut diags);
        (rules, diags)
    }

    fn only_error(text: &str) -> Diagnostic {
        let (_, diags) = parse(text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = diags.iter().next().cloned().unwrap();
        assert_eq!(d.severity, crate::Severity::Error);
        d
    }

    #[test]
    fn the_bundled_rules_are_clean() {
        let (rules, diags) = parse(BUNDLED);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(!rules.rules.is_empty());
    }

    #[test]
    fn rules_are_read_with_comments_blank_lines_and_crlf() {
        let text = "# a comment\n\nA\tretryable server\tbecause\r\nB.*\t-\tnothing\n  # indented\n";
        let (rules, diags) = parse(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            rules.rules,
            vec![
                Rule {
                    pattern: Pattern::Code("A".into()),
                    classes: 0b1_0001,
                    why: "because".into(),
                    line: 3,
                },
                Rule {
                    pattern: Pattern::Family("B".into()),
                    classes: 0,
                    why: "nothing".into(),
                    line: 4,
                },
            ]
        );
        assert_eq!(rules.rules[0].class_names(), ["retryable", "server"]);
    }

    #[test]
    fn the_exact_rule_then_the_longest_family_decides_alone() {
        let (rules, _) = parse("A\tauth\tx\nA.*\tcaller\tx\nA.B.*\tquota\tx\nA.B.C\t-\tx\n");
        assert_eq!(class_names(rules.classes_of("A")), ["auth"]);
        assert_eq!(class_names(rules.classes_of("A.X")), ["caller"]);
        assert_eq!(class_names(rules.classes_of("A.")), ["caller"]);
        assert_eq!(class_names(rules.classes_of("A.B")), ["caller"]);
        assert_eq!(class_names(rules.classes_of("A.B.X")), ["quota"]);
        assert_eq!(rules.classes_of("A.B.C"), 0);
        assert_eq!(rules.rule_for("A.B.C").map(|r| r.line), Some(4));
        assert_eq!(rules.classes_of("AB.X"), 0);
        assert_eq!(rules.classes_of("B"), 0);
    }

    #[test]
    fn a_line_with_the_wrong_number_of_fields_is_an_error_at_its_line() {
        let d = only_error("# rules\nInternalError retryable\n");
        assert_eq!(d.position().as_deref(), Some("classes.tsv:2"));
        assert!(
            d.message.contains("1 tab-separated field(s), not 3"),
            "{}",
            d.message
        );
        assert!(
            d.message.contains("InternalError retryable"),
            "{}",
            d.message
        );
    }

    #[test]
    fn an_unknown_class_is_an_error_that_lists_the_classes() {
        let d = only_error("A\tretry\twhy\n");
        assert_eq!(d.message, "unknown class `retry`");
        assert_eq!(d.location.as_ref().and_then(|l| l.column), Some(3));
        assert!(d
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("`retryable`, `throttling`"));
    }

    #[test]
    fn bad_patterns_are_errors_that_say_what_is_wrong() {
        for (pattern, problem) in [
            ("Request*", "`*` may only end a family pattern"),
            ("Auth Failure", "' ' cannot be part of a code"),
            (".*", "a family pattern is a code prefix"),
            ("A..*", "a family pattern is a code prefix"),
            ("错误", "cannot be part of a code"),
        ] {
            let d = only_error(&format!("{pattern}\tauth\twhy\n"));
            assert!(
                d.message
                    .starts_with(&format!("`{pattern}` is not a pattern")),
                "{}",
                d.message
            );
            assert!(d.message.contains(problem), "{pattern}: {}", d.message);
            assert_eq!(d.position().as_deref(), Some("classes.tsv:1"));
        }
    }

    #[test]
    fn classes_must_be_named_once_or_be_a_lone_dash() {
        for (field, message) in [
            ("auth auth", "the class `auth` is named twice"),
            ("- auth", "`-` (no class) cannot stand beside class names"),
            ("  ", "a class rule names no class"),
        ] {
            assert_eq!(only_error(&format!("A\t{field}\twhy\n")).message, message);
        }
    }

    #[test]
    fn a_rule_must_say_why() {
        let d = only_error("A\tauth\t \n");
        assert_eq!(d.message, "the rule for `A` does not say why");
    }

    #[test]
    fn two_rules_for_one_pattern_name_both_lines() {
        let d = only_error("A.*\tauth\tx\n\nA.*\tcaller\ty\n");
        assert_eq!(d.message, "`A.*` has two rules");
        assert_eq!(d.position().as_deref(), Some("classes.tsv:3"));
        assert_eq!(d.related[0].0.line, Some(1));
    }

    #[test]
    fn tables_are_sorted_and_split_by_kind() {
        let (rules, _) = parse("B\tauth\tx\nA\tretryable\tx\nC.*\tquota\tx\n");
        let tokens = rules.tables().to_string();
        assert!(tokens.contains(r#"[("A" , 1) , ("B" , 4)]"#), "{tokens}");
        assert!(tokens.contains(r#"[("C" , 32)]"#), "{tokens}");
    }

    #[test]
    fn the_doc_table_lists_every_rule() {
        let (rules, _) = parse("A.*\tretryable throttling\ta | b\nB\t-\tnone at all\n");
        assert_eq!(
            rules.doc_table()[2..],
            [
                "| `A.*` | retryable, throttling | a \\| b |".to_owned(),
                "| `B` | none | none at all |".to_owned(),
            ]
        );
    }

    #[test]
    fn a_docs_folder_without_rules_gets_the_bundled_ones() {
        let dir = std::env::temp_dir().join(format!("classes-test-{}", std::process::id()));
        let mut diags = Diagnostics::new();
        let rules = ClassRules::read(&dir, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(rules.file, BUNDLED_NAME);
        assert_eq!(rules.rules, ClassRules::bundled(&mut diags).rules);
    }
}
