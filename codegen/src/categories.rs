//! Categories of error codes: the rules of `categories.tsv`, read, checked and applied.
//!
//! A category says what kind of failure a code reports, and so what a client should do about it
//! (retry it, wait for a busy resource, treat "not found" as done, fix its request). The rules
//! are data, in `categories.tsv` beside the pages of the documentation folder; the file's own
//! comments describe the format and which rule decides. When a documentation folder has no
//! `categories.tsv`, the rules bundled with the generator (this repository's
//! `docs-source/categories.tsv`) apply, so that any folder generates a crate with the same
//! categories.
//!
//! This stage decides the category of every code of the catalog ([`CategoryRules::decide`]),
//! from its module, its name and its texts, and the crate stores each code's deciding rule. The
//! rules that read a name alone are also compiled into the crate, where the runtime's
//! `categorize` applies them to codes it does not know, with the same pattern matcher
//! (`runtime/pattern.rs`, compiled here too). [`CategoryRules::by_name`] is the generator's
//! reading of that order, which the tests hold the runtime's to.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::{Catalog, CodeEntry};

/// The matcher of the rules' patterns, shared with the runtime.
#[path = "../runtime/runtime/pattern.rs"]
#[allow(dead_code)]
mod pattern;

/// The rules file's name inside a documentation folder.
pub const FILE: &str = "categories.tsv";

/// The file of class rules that `categories.tsv` replaced.
pub const LEGACY_FILE: &str = "classes.tsv";

/// The rules bundled with the generator: this repository's `docs-source/categories.tsv`.
pub const BUNDLED: &str = include_str!("../../docs-source/categories.tsv");

/// How diagnostics name the bundled rules.
pub const BUNDLED_NAME: &str = "docs-source/categories.tsv (bundled with the generator)";

/// The category names, in the order of `tencentcloud_errors::Category::ALL` in the runtime
/// (a test checks it); the variant of each is its name in UpperCamelCase.
pub const CATEGORIES: [&str; 14] = [
    "invalid_argument",
    "not_found",
    "already_exists",
    "busy",
    "failed_precondition",
    "permission_denied",
    "unauthenticated",
    "quota",
    "throttled",
    "exhausted",
    "unavailable",
    "internal",
    "unsupported",
    "unknown",
];

/// The category of codes no rule decides.
pub const UNKNOWN: &str = "unknown";

/// The file of the generated crate that records the rules it was generated with.
pub const RECORD_FILE: &str = "categories.tsv";

const RECORD_HEADER: &str = "\
# The category rules this crate was generated with, written by `cargo xtask regen` from the
# documentation's `categories.tsv`; do not edit by hand. The next regen compares its rules with
# these and reports every change in the CHANGELOG. Columns: code, text, category, why.
";

/// One line of the rules file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The module the rule is for (`kms::v20190118`), or `None` for every module.
    pub module: Option<String>,
    /// The pattern of codes, as written: `|`-separated alternatives, `*` for any run.
    pub pattern: String,
    /// What a code's text must say, as written (`|`-separated alternatives), or `None`.
    pub text: Option<String>,
    /// The category, one of [`CATEGORIES`].
    pub category: &'static str,
    /// What the rule rests on.
    pub why: String,
    /// Its 1-based line in the file.
    pub line: usize,
}

impl Rule {
    /// Whether the rule is for exactly one code (in every module or in one): such rules decide
    /// before any other.
    pub fn is_exact(&self) -> bool {
        self.text.is_none() && !self.pattern.contains(['*', '|'])
    }

    /// Whether the rule reads a code's name alone, in every module: the rules the runtime's
    /// `categorize` applies.
    pub fn is_by_name(&self) -> bool {
        self.module.is_none() && self.text.is_none()
    }

    /// What identifies the rule across versions of the file: its module, pattern and text.
    pub fn key(&self) -> RuleKey {
        RuleKey {
            module: self.module.clone(),
            pattern: self.pattern.clone(),
            text: self.text.clone(),
        }
    }
}

/// A rule's module, pattern and text: two rules with the same key cannot both be in a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleKey {
    /// The module, if the rule has one.
    pub module: Option<String>,
    /// The pattern of codes.
    pub pattern: String,
    /// The text, if the rule has one.
    pub text: Option<String>,
}

impl fmt::Display for RuleKey {
    /// `` `*NotFound*` ``, `` `kms::v20190118 A.B` ``, `` `*` with text `稍后重试` ``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`")?;
        if let Some(module) = &self.module {
            write!(f, "{module} ")?;
        }
        write!(f, "{}`", self.pattern)?;
        if let Some(text) = &self.text {
            write!(f, " with text `{text}`")?;
        }
        Ok(())
    }
}

/// A rule that a regen adds, removes or changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleChange {
    /// The rule.
    pub key: RuleKey,
    /// Its category before, `None` for a new rule.
    pub old: Option<&'static str>,
    /// Its category now, `None` for a rule removed.
    pub new: Option<&'static str>,
}

impl fmt::Display for RuleChange {
    /// `` rule `InternalError`: internal → unavailable ``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |category: Option<&str>| category.unwrap_or("no rule").to_owned();
        write!(
            f,
            "rule {}: {} → {}",
            self.key,
            side(self.old),
            side(self.new)
        )
    }
}

/// One alternative of a pattern, compiled: the common shapes are string comparisons, the rest
/// is [`pattern::glob`]. Texts are compared without regard to ASCII case: the pattern is kept
/// lower-cased, and the text is lower-cased once before it is compared.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Matcher {
    Exact(String),
    Prefix(String),
    Suffix(String),
    Contains(String),
    Glob(String),
}

impl Matcher {
    fn new(alternative: &str) -> Matcher {
        let inner = |s: &str| !s.contains('*');
        match (alternative.strip_prefix('*'), alternative.strip_suffix('*')) {
            _ if inner(alternative) => Matcher::Exact(alternative.to_owned()),
            (Some(rest), Some(_)) if !rest.is_empty() && inner(&rest[..rest.len() - 1]) => {
                Matcher::Contains(rest[..rest.len() - 1].to_owned())
            }
            (Some(rest), None) if inner(rest) => Matcher::Suffix(rest.to_owned()),
            (None, Some(rest)) if inner(rest) => Matcher::Prefix(rest.to_owned()),
            _ => Matcher::Glob(alternative.to_owned()),
        }
    }

    fn matches(&self, text: &str) -> bool {
        match self {
            Matcher::Exact(s) => text == s,
            Matcher::Prefix(s) => text.starts_with(s.as_str()),
            Matcher::Suffix(s) => text.ends_with(s.as_str()),
            Matcher::Contains(s) => text.contains(s.as_str()),
            Matcher::Glob(p) => pattern::glob(p, text, false),
        }
    }
}

/// A rule's patterns, compiled: its code's alternatives, and its text's, lower-cased.
#[derive(Clone, Debug)]
struct Compiled {
    /// [`Rule::is_exact`], asked once rather than for every code.
    exact: bool,
    code: Vec<Matcher>,
    text: Option<Vec<Matcher>>,
}

/// The alternatives of a field: `|`-separated, trimmed.
fn alternatives(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim)
}

/// A text phrase as a pattern over the whole text: a phrase without `*` is found anywhere.
fn text_pattern(alternative: &str) -> String {
    let lower = alternative.to_ascii_lowercase();
    if lower.contains('*') {
        lower
    } else {
        format!("*{lower}*")
    }
}

/// The rules of one file.
#[derive(Clone, Debug, Default)]
pub struct CategoryRules {
    /// The file, as diagnostics name it.
    pub file: String,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
    /// Each rule's patterns, compiled; in the order of `rules`.
    compiled: Vec<Compiled>,
    /// The exact rules: (module or "", code) → index into `rules`.
    exact: BTreeMap<(String, String), usize>,
}

impl PartialEq for CategoryRules {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file && self.rules == other.rules
    }
}

impl CategoryRules {
    /// Reads `<docs>/categories.tsv`, or takes the bundled rules when the folder has none. A
    /// folder with the `classes.tsv` of earlier versions and no `categories.tsv` is an error: its
    /// rules would be silently ignored.
    pub fn read(docs: &Path, diags: &mut Diagnostics) -> CategoryRules {
        let path = docs.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => CategoryRules::parse(&text, &path.display().to_string(), diags),
                Err(err) => {
                    diags.push(
                        Diagnostic::error(format!(
                            "the category rules are not UTF-8: invalid byte at byte {}",
                            err.utf8_error().valid_up_to()
                        ))
                        .at(Location::file(path.display().to_string())),
                    );
                    CategoryRules::default()
                }
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let legacy = docs.join(LEGACY_FILE);
                if legacy.is_file() {
                    diags.push(
                        Diagnostic::error(format!(
                            "`{LEGACY_FILE}` is no longer read: the class rules became category rules, in `{FILE}`"
                        ))
                        .at(Location::file(legacy.display().to_string()))
                        .help(format!(
                            "move its rules to `{FILE}` (one category per rule: see the bundled \
                             docs-source/{FILE} for the format), then remove `{LEGACY_FILE}`"
                        )),
                    );
                }
                CategoryRules::bundled(diags)
            }
            Err(err) => {
                diags.push(
                    Diagnostic::error(format!("cannot read the category rules: {err}"))
                        .at(Location::file(path.display().to_string())),
                );
                CategoryRules::default()
            }
        }
    }

    /// The rules bundled with the generator.
    pub fn bundled(diags: &mut Diagnostics) -> CategoryRules {
        CategoryRules::parse(BUNDLED, BUNDLED_NAME, diags)
    }

    /// Reads rules from `text`; `file` names it in diagnostics. Every malformed line is an error
    /// that names the file and the line; the well-formed rules are kept.
    pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> CategoryRules {
        let mut rules = Vec::new();
        let mut first_line: BTreeMap<RuleKey, usize> = BTreeMap::new();
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
            let key = rule.key();
            if let Some(&first) = first_line.get(&key) {
                diags.push(
                    Diagnostic::error(format!("{key} has two rules"))
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
                        .help("keep one rule per pattern and text"),
                );
                continue;
            }
            first_line.insert(key, rule.line);
            rules.push(rule);
        }
        CategoryRules::new(file, rules)
    }

    /// Rules from rules already read (`file` names them).
    pub fn new(file: &str, rules: Vec<Rule>) -> CategoryRules {
        let compiled = rules
            .iter()
            .map(|rule| Compiled {
                exact: rule.is_exact(),
                code: alternatives(&rule.pattern).map(Matcher::new).collect(),
                text: rule.text.as_deref().map(|text| {
                    alternatives(text)
                        .map(|alternative| Matcher::new(&text_pattern(alternative)))
                        .collect()
                }),
            })
            .collect();
        let exact = rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.is_exact())
            .map(|(index, rule)| {
                let module = rule.module.clone().unwrap_or_default();
                ((module, rule.pattern.clone()), index)
            })
            .collect();
        CategoryRules {
            file: file.to_owned(),
            rules,
            compiled,
            exact,
        }
    }

    /// The index of the rule that decides the category of `code` of `module` (a module key:
    /// `common`, `cvm`, `cvm::v20170312`), whose texts are `zh` and `en` (empty where there is
    /// none): the rule for exactly this code in this module, else the rule for exactly this
    /// code, else the first other rule whose pattern matches the code and whose text, if it has
    /// one, matches either text. `None` when no rule does: the code is `unknown`.
    pub fn decide(&self, module: &str, code: &str, zh: &str, en: &str) -> Option<usize> {
        if let Some(&index) = self
            .exact
            .get(&(module.to_owned(), code.to_owned()))
            .or_else(|| self.exact.get(&(String::new(), code.to_owned())))
        {
            return Some(index);
        }
        // A text that only repeats the code says nothing (the SDKs write some so).
        let lower = |text: &str| (text != code).then(|| text.to_ascii_lowercase());
        let (zh, en) = (lower(zh), lower(en));
        self.rules
            .iter()
            .zip(&self.compiled)
            .position(|(rule, compiled)| {
                !compiled.exact
                    && rule.module.as_deref().is_none_or(|m| m == module)
                    && compiled.code.iter().any(|m| m.matches(code))
                    && compiled.text.as_ref().is_none_or(|text| {
                        [&zh, &en]
                            .into_iter()
                            .flatten()
                            .any(|t| text.iter().any(|m| m.matches(t)))
                    })
            })
    }

    /// [`CategoryRules::decide`] for a code of the catalog, with its texts.
    pub fn decide_entry(&self, module: &str, entry: &CodeEntry) -> Option<usize> {
        fn text(t: &Option<crate::model::Text>) -> &str {
            t.as_ref().map_or("", |t| t.text.as_str())
        }
        self.decide(module, &entry.code, text(&entry.zh), text(&entry.en))
    }

    /// The index of the rule the runtime's `categorize` follows for `code`: the rule for
    /// exactly the code in every module, else the first rule that reads a name alone
    /// ([`Rule::is_by_name`]) and matches.
    pub fn by_name(&self, code: &str) -> Option<usize> {
        if let Some(&index) = self.exact.get(&(String::new(), code.to_owned())) {
            return Some(index);
        }
        self.rules
            .iter()
            .zip(&self.compiled)
            .position(|(rule, compiled)| {
                rule.is_by_name() && compiled.code.iter().any(|m| m.matches(code))
            })
    }

    /// The category a decision gives: the rule's, or [`UNKNOWN`] for none.
    pub fn category(&self, decision: Option<usize>) -> &'static str {
        decision
            .and_then(|index| self.rules.get(index))
            .map_or(UNKNOWN, |rule| rule.category)
    }

    /// The rules as the generated crate records them (`categories.tsv` beside its ledger), in
    /// the format of the rules file.
    pub fn to_record(&self) -> String {
        let mut out = String::from(RECORD_HEADER);
        for rule in &self.rules {
            let code = match &rule.module {
                Some(module) => format!("{module} {}", rule.pattern),
                None => rule.pattern.clone(),
            };
            let text = rule.text.as_deref().unwrap_or("-");
            out.push_str(&format!(
                "{code}\t{text}\t{}\t{}\n",
                rule.category, rule.why
            ));
        }
        out
    }

    /// What changed from the rules `previous` to these, in order of rule: a rule added,
    /// removed, or giving another category. A changed `why` or order alone is not listed (an
    /// order that changes a code's category shows in that code's change).
    pub fn changes_since(&self, previous: &CategoryRules) -> Vec<RuleChange> {
        let by_key = |rules: &CategoryRules| -> BTreeMap<RuleKey, &'static str> {
            rules.rules.iter().map(|r| (r.key(), r.category)).collect()
        };
        let (old, new) = (by_key(previous), by_key(self));
        let keys: BTreeSet<&RuleKey> = old.keys().chain(new.keys()).collect();
        keys.into_iter()
            .filter_map(|key| {
                let (before, after) = (old.get(key).copied(), new.get(key).copied());
                (before != after).then(|| RuleChange {
                    key: key.clone(),
                    old: before,
                    new: after,
                })
            })
            .collect()
    }

    /// The two static tables the runtime reads: `CATEGORY_RULES`, every rule in file order, and
    /// `CATEGORY_EXACT`, the rules for an exact code of every module as `(code, index)` sorted
    /// by code.
    pub fn tables(&self) -> TokenStream {
        let count = Literal::usize_unsuffixed(self.rules.len());
        let rules = self.rules.iter().map(|rule| {
            let line = Literal::u32_unsuffixed(u32::try_from(rule.line).unwrap_or(u32::MAX));
            let module = option_literal(rule.module.as_deref());
            let pattern = Literal::string(&rule.pattern);
            let text = option_literal(rule.text.as_deref());
            let category = format_ident!("{}", variant_name(rule.category));
            let why = Literal::string(&rule.why);
            quote! {
                CategoryRule::new(#line, #module, #pattern, #text, Category::#category, #why)
            }
        });
        let exact: BTreeMap<&str, usize> = self
            .exact
            .iter()
            .filter(|((module, _), _)| module.is_empty())
            .map(|((_, code), &index)| (code.as_str(), index))
            .collect();
        let exact_count = Literal::usize_unsuffixed(exact.len());
        let exact = exact.into_iter().map(|(code, index)| {
            let index = Literal::u16_unsuffixed(u16::try_from(index).unwrap_or(u16::MAX));
            quote! { (#code, #index) }
        });
        quote! {
            /// The category rules, in the order of `categories.tsv`: what every table's rows point
            /// to, and what [`categorize`] reads.
            static CATEGORY_RULES: [CategoryRule; #count] = [#(#rules),*];
            /// The rules for an exact code of every module, `(code, index into CATEGORY_RULES)`,
            /// sorted by code.
            static CATEGORY_EXACT: [(&str, u16); #exact_count] = [#(#exact),*];
        }
    }

    /// The rules as a markdown table, one line per rule, for the rustdoc.
    pub fn doc_table(&self) -> Vec<String> {
        let mut lines = vec![
            "| line | code | text | category | why |".to_owned(),
            "|---:|---|---|---|---|".to_owned(),
        ];
        let cell = |s: &str| s.replace('|', "\\|");
        for rule in &self.rules {
            let code = match &rule.module {
                Some(module) => format!("`{module}` `{}`", cell(&rule.pattern)),
                None => format!("`{}`", cell(&rule.pattern)),
            };
            let text = rule
                .text
                .as_deref()
                .map_or(String::new(), |t| format!("`{}`", cell(t)));
            lines.push(format!(
                "| {} | {code} | {text} | `{}` | {} |",
                rule.line,
                rule.category,
                cell(&rule.why)
            ));
        }
        lines
    }
}

/// `Some("…")` or `None`, as tokens.
fn option_literal(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => {
            let value = Literal::string(value);
            quote! { Some(#value) }
        }
        None => quote! { None },
    }
}

/// The runtime's variant of a category: `not_found` → `NotFound`.
pub fn variant_name(category: &str) -> String {
    category
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The deciding rule of every code of a catalog: module key → code → rule index (`None`:
/// unknown). Deprecated codes included, with the texts they kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions {
    /// module key → code → the index of the deciding rule.
    pub modules: BTreeMap<String, BTreeMap<String, Option<usize>>>,
}

impl Decisions {
    /// Every code of `catalog`, decided by `rules`. Modules are decided on all threads.
    pub fn of(catalog: &Catalog, rules: &CategoryRules) -> Decisions {
        let common = (crate::ledger::COMMON_MODULE.to_owned(), &catalog.common[..]);
        let modules: Vec<(String, &[CodeEntry])> = std::iter::once(common)
            .chain(
                catalog
                    .modules
                    .iter()
                    .map(|m| (m.id.to_string(), &m.codes[..])),
            )
            .collect();
        let decided = crate::par::map(&modules, |(key, codes)| {
            let codes = codes
                .iter()
                .map(|entry| (entry.code.clone(), rules.decide_entry(key, entry)))
                .collect();
            (key.clone(), codes)
        });
        Decisions {
            modules: decided.into_iter().collect(),
        }
    }

    /// The deciding rule of `code` in `module`, `None` for none or for a code it does not have.
    pub fn rule(&self, module: &str, code: &str) -> Option<usize> {
        self.modules.get(module)?.get(code).copied().flatten()
    }
}

/// Gives every code of the new `ledger` the category its rule decides, and reports the codes
/// whose category changed against the `previous` ledger's record: by a rule added, removed,
/// reordered or changed, or by a text reworded. When the previous ledger recorded no category
/// (a crate from before categories), the report says so in one line instead of naming every
/// code. Pruned codes have none.
pub fn record(
    rules: &CategoryRules,
    decisions: &Decisions,
    previous: &crate::Ledger,
    ledger: &mut crate::Ledger,
    report: &mut crate::ChangeReport,
) {
    let compare = previous.has_categories();
    let (mut codes, mut unknown) = (0, 0);
    for (module, entries) in &mut ledger.modules {
        for (code, entry) in entries.iter_mut() {
            if matches!(entry.status, crate::ledger::Status::Pruned { .. }) {
                continue;
            }
            let decision = decisions.rule(module, code);
            let category = rules.category(decision);
            entry.category = category.to_owned();
            codes += 1;
            unknown += usize::from(category == UNKNOWN);
            let before = previous
                .modules
                .get(module)
                .and_then(|m| m.get(code))
                .map(|p| p.category.as_str())
                .filter(|old| !old.is_empty());
            match before {
                Some(old) if compare && old != category => {
                    let rule = decision
                        .and_then(|index| rules.rules.get(index))
                        .map_or("no rule".to_owned(), |r| format!("{FILE}:{}", r.line));
                    report
                        .modules
                        .entry(module.clone())
                        .or_default()
                        .categories
                        .push(crate::ledger::CategoryChange {
                            code: code.clone(),
                            old: old.to_owned(),
                            new: category.to_owned(),
                            rule,
                        });
                }
                _ => {}
            }
        }
    }
    if !compare && !report.first {
        report.first_categories = Some((codes, unknown));
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
        let len = part.len().min(self.text.len() - within);
        Location {
            file: self.file.to_owned(),
            line: Some(self.line),
            column: Some(self.text[..within].chars().count() + 1),
            span: Some(self.start + within..self.start + within + len),
        }
    }

    fn whole(&self) -> Location {
        self.of(self.text)
    }
}

const FORMAT_HELP: &str = "a rule is `code<TAB>text<TAB>category<TAB>why`, e.g. `*NotFound*\t-\tnot_found\tthe name says it does not exist`";

fn parse_rule(at: &LineAt<'_>, diags: &mut Diagnostics) -> Option<Rule> {
    let fields: Vec<&str> = at.text.split('\t').collect();
    let [code, text, category, why] = fields[..] else {
        let help = if fields.len() == 3 {
            format!("{FORMAT_HELP}; a line of three fields is a class rule of the old `{LEGACY_FILE}`: give it a text (`-` for none) and a category instead of classes")
        } else {
            FORMAT_HELP.to_owned()
        };
        diags.push(
            Diagnostic::error(format!(
                "a category rule has {} tab-separated field(s), not 4: `{}`",
                fields.len(),
                at.text
            ))
            .at(at.whole())
            .help(help),
        );
        return None;
    };
    let (module, pattern) = parse_code_field(at, code, diags)?;
    let text = parse_text_field(at, text, diags)?;
    let category = parse_category(at, category, diags)?;
    let why = why.trim();
    if why.is_empty() {
        diags.push(
            Diagnostic::error(format!("the rule for `{}` does not say why", code.trim()))
                .at(at.whole())
                .help("the fourth field is what the rule rests on: the documented meaning, a word of the name"),
        );
        return None;
    }
    Some(Rule {
        module,
        pattern,
        text,
        category,
        why: why.to_owned(),
        line: at.line,
    })
}

fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// The code field: a pattern, or a module, a space and an exact code.
fn parse_code_field(
    at: &LineAt<'_>,
    field: &str,
    diags: &mut Diagnostics,
) -> Option<(Option<String>, String)> {
    let trimmed = field.trim();
    // Alternatives may have spaces around their `|`; a module is for one code, with no `|`.
    let (module, pattern) = match trimmed.split_once(' ') {
        Some((module, code)) if !trimmed.contains('|') => (Some(module), code.trim()),
        _ => (None, trimmed),
    };
    let error = |problem: String, part: &str| {
        Diagnostic::error(format!("`{trimmed}` is not a code pattern: {problem}"))
            .at(at.of(part))
            .help(
                "a code pattern is a code (`InternalError`), a pattern with `*` for any run of \
                 characters (`LimitExceeded.*`, `*NotFound*`), alternatives separated by `|`, or \
                 a module, a space and a code (`kms::v20190118 RequestLimitExceeded.RotateRateLimited`)",
            )
    };
    if let Some(module) = module {
        let valid = module.split("::").all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
        if !valid {
            diags.push(error(
                format!("`{module}` is not a module (`cvm`, `cvm::v20170312`, `common`)"),
                module,
            ));
            return None;
        }
        if pattern.contains(['*', '|', ' ']) {
            diags.push(error(
                "a rule for one module is for one exact code: no `*`, `|` or second space"
                    .to_owned(),
                pattern,
            ));
            return None;
        }
    }
    if pattern.is_empty() {
        diags.push(error("it is empty".to_owned(), field));
        return None;
    }
    for alternative in pattern.split('|') {
        let alternative = alternative.trim();
        if alternative.is_empty() {
            diags.push(error(
                "an alternative between `|` is empty".to_owned(),
                field,
            ));
            return None;
        }
        if let Some(bad) = alternative.chars().find(|&c| c != '*' && !is_code_char(c)) {
            diags.push(error(
                format!(
                    "{bad:?} cannot be part of a code (codes are ASCII letters, digits, `_` and `.`)"
                ),
                alternative,
            ));
            return None;
        }
    }
    let pattern = pattern
        .split('|')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("|");
    Some((module.map(str::to_owned), pattern))
}

/// The text field: `-`, or `|`-separated phrases.
fn parse_text_field(
    at: &LineAt<'_>,
    field: &str,
    diags: &mut Diagnostics,
) -> Option<Option<String>> {
    let trimmed = field.trim();
    if trimmed == "-" {
        return Some(None);
    }
    if trimmed.is_empty() || trimmed.split('|').any(|a| a.trim().is_empty()) {
        diags.push(
            Diagnostic::error(if trimmed.is_empty() {
                "the text is empty".to_owned()
            } else {
                format!("`{trimmed}` has an empty alternative between `|`")
            })
            .at(at.of(field))
            .help("write `-` for a rule on the code alone, or phrases separated by `|`"),
        );
        return None;
    }
    Some(Some(
        trimmed
            .split('|')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("|"),
    ))
}

fn parse_category(at: &LineAt<'_>, field: &str, diags: &mut Diagnostics) -> Option<&'static str> {
    let name = field.trim();
    match CATEGORIES.iter().find(|&&c| c == name) {
        Some(&category) => Some(category),
        None => {
            diags.push(
                Diagnostic::error(format!("unknown category `{name}`"))
                    .at(at.of(field))
                    .help(format!(
                        "the categories are {}",
                        CATEGORIES
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (CategoryRules, Diagnostics) {
        let mut diags = Diagnostics::new();
        let rules = CategoryRules::parse(text, "categories.tsv", &mut diags);
        (rules, diags)
    }

    fn only_error(text: &str) -> Diagnostic {
        let (_, diags) = parse(text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = diags.iter().next().cloned().unwrap();
        assert_eq!(d.severity, crate::Severity::Error);
        d
    }

    fn category(
        rules: &CategoryRules,
        module: &str,
        code: &str,
        zh: &str,
        en: &str,
    ) -> &'static str {
        rules.category(rules.decide(module, code, zh, en))
    }

    #[test]
    fn the_bundled_rules_are_clean() {
        let (rules, diags) = parse(BUNDLED);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(rules.rules.len() > 50);
    }

    #[test]
    fn rules_are_read_with_comments_blank_lines_crlf_and_trimmed_alternatives() {
        let text = "# a comment\n\nA\t-\tinternal\tbecause\r\nkms::v1 B.C\t-\tquota\tone module\n*X* | *Y*\tfoo | bar\tbusy\tboth\n";
        let (rules, diags) = parse(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(rules.rules.len(), 3);
        assert_eq!(
            rules.rules[0],
            Rule {
                module: None,
                pattern: "A".into(),
                text: None,
                category: "internal",
                why: "because".into(),
                line: 3,
            }
        );
        assert_eq!(rules.rules[1].module.as_deref(), Some("kms::v1"));
        assert_eq!(rules.rules[2].pattern, "*X*|*Y*");
        assert_eq!(rules.rules[2].text.as_deref(), Some("foo|bar"));
        assert!(rules.rules[0].is_exact() && rules.rules[1].is_exact());
        assert!(!rules.rules[2].is_exact());
    }

    #[test]
    fn exact_rules_decide_first_then_the_first_rule_in_file_order() {
        let (rules, diags) = parse(
            "*Later*\t-\tbusy\tword\n\
             A.*\t-\tquota\tfamily\n\
             *\t稍后|try later\tunavailable\ttext\n\
             A.Later\t-\tinternal\texact\n\
             m A.Later\t-\tnot_found\tmodule\n\
             *\t-\tinvalid_argument\tlast\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(category(&rules, "m", "A.Later", "", ""), "not_found");
        assert_eq!(category(&rules, "n", "A.Later", "", ""), "internal");
        assert_eq!(category(&rules, "n", "B.Later", "", ""), "busy");
        assert_eq!(category(&rules, "n", "A.X", "请稍后", ""), "quota");
        assert_eq!(
            category(&rules, "n", "B.X", "", "Please TRY LATER."),
            "unavailable"
        );
        assert_eq!(category(&rules, "n", "B.X", "", ""), "invalid_argument");
        // A text that only repeats the code says nothing.
        assert_eq!(
            category(&rules, "n", "B.X", "B.X", "B.X"),
            "invalid_argument"
        );
        // `categorize` skips texts and modules.
        let name = |code| rules.category(rules.by_name(code));
        assert_eq!(name("A.Later"), "internal");
        assert_eq!(name("B.X"), "invalid_argument");
    }

    #[test]
    fn no_rule_is_unknown() {
        let (rules, _) = parse("A\t-\tinternal\twhy\n");
        assert_eq!(rules.decide("m", "B", "", ""), None);
        assert_eq!(category(&rules, "m", "B", "", ""), UNKNOWN);
    }

    #[test]
    fn compiled_matchers_agree_with_the_runtime_s_glob() {
        for pattern in [
            "A",
            "*A",
            "A*",
            "*A*",
            "*",
            "**",
            "A*B",
            "*A*B*",
            "",
            "*.*InUse*",
        ] {
            for text in [
                "",
                "A",
                "BA",
                "AB",
                "BAB",
                "AxB",
                "ResourceInUse",
                "X.AInUse",
            ] {
                assert_eq!(
                    Matcher::new(pattern).matches(text),
                    pattern::glob(pattern, text, false),
                    "{pattern} ~ {text}"
                );
            }
        }
    }

    #[test]
    fn a_line_with_the_wrong_number_of_fields_is_an_error_at_its_line() {
        let d = only_error("# rules\nInternalError\tretryable server\twhy\n");
        assert_eq!(d.position().as_deref(), Some("categories.tsv:2"));
        assert!(
            d.message.contains("3 tab-separated field(s), not 4"),
            "{}",
            d.message
        );
        assert!(d
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("classes.tsv"));
    }

    #[test]
    fn an_unknown_category_is_an_error_that_lists_the_categories() {
        let d = only_error("A\t-\tretryable\twhy\n");
        assert_eq!(d.message, "unknown category `retryable`");
        assert_eq!(d.location.as_ref().and_then(|l| l.column), Some(5));
        assert!(d
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("`invalid_argument`, `not_found`"));
    }

    #[test]
    fn bad_patterns_and_texts_are_errors_that_say_what_is_wrong() {
        for (line, problem) in [
            ("Auth Fail.X\t-\tbusy\twhy", "`Auth` is not a module"),
            ("m A*\t-\tbusy\twhy", "one exact code"),
            ("错误\t-\tbusy\twhy", "cannot be part of a code"),
            ("A||B\t-\tbusy\twhy", "an alternative between `|` is empty"),
            ("A\t\tbusy\twhy", "the text is empty"),
            ("A\tx||y\tbusy\twhy", "has an empty alternative"),
            ("A\t-\tbusy\t ", "does not say why"),
        ] {
            let d = only_error(&format!("{line}\n"));
            assert!(d.message.contains(problem), "{line}: {}", d.message);
            assert_eq!(d.position().as_deref(), Some("categories.tsv:1"));
        }
    }

    #[test]
    fn two_rules_for_one_pattern_and_text_name_both_lines() {
        let d = only_error("A.*\t-\tbusy\tx\n\nA.*\t-\tquota\ty\n");
        assert_eq!(d.message, "`A.*` has two rules");
        assert_eq!(d.position().as_deref(), Some("categories.tsv:3"));
        assert_eq!(d.related[0].0.line, Some(1));
        // The same pattern with another text is another rule.
        let (_, diags) = parse("A.*\t-\tbusy\tx\nA.*\tx\tquota\ty\n");
        assert!(diags.is_empty());
    }

    #[test]
    fn the_record_reads_back_as_the_same_rules() {
        let (rules, _) = parse(BUNDLED);
        let mut diags = Diagnostics::new();
        let back = CategoryRules::parse(&rules.to_record(), "record", &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let keys = |r: &CategoryRules| -> Vec<(RuleKey, &str)> {
            r.rules.iter().map(|r| (r.key(), r.category)).collect()
        };
        assert_eq!(keys(&back), keys(&rules));
        assert!(rules.changes_since(&back).is_empty());
    }

    #[test]
    fn changes_list_rules_added_removed_and_recategorized() {
        let (old, _) = parse("A\t-\tbusy\tx\nB.*\t-\tquota\tx\nC\t-\tinternal\tx\n");
        let (new, _) = parse("A\t-\tbusy\tother why\nB.*\t-\tthrottled\tx\nD\t-\tinternal\tx\n");
        let changes: Vec<String> = new
            .changes_since(&old)
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            changes,
            [
                "rule `B.*`: quota → throttled",
                "rule `C`: internal → no rule",
                "rule `D`: no rule → internal",
            ]
        );
    }

    #[test]
    fn variant_names_are_upper_camel_case() {
        assert_eq!(variant_name("not_found"), "NotFound");
        assert_eq!(variant_name("busy"), "Busy");
        assert_eq!(variant_name("failed_precondition"), "FailedPrecondition");
    }

    #[test]
    fn a_docs_folder_without_rules_gets_the_bundled_ones_and_old_class_rules_are_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut diags = Diagnostics::new();
        let rules = CategoryRules::read(dir.path(), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(rules.file, BUNDLED_NAME);
        std::fs::write(dir.path().join(LEGACY_FILE), "A\tauth\twhy\n").unwrap();
        let mut diags = Diagnostics::new();
        CategoryRules::read(dir.path(), &mut diags);
        let d = diags.iter().next().unwrap();
        assert!(d.message.contains("is no longer read"), "{}", d.message);
    }
}
