//! Stage 4, the ledger: every code the crate has ever had, its variant name, whether the
//! documentation still lists it, and its last texts; and what a regen changes in it.
//!
//! The ledger is `codes.tsv` in the generated crate. Regen reads it before naming anything and
//! writes it back extended, so that:
//! - a name, once given, never changes ([`crate::names`] gives names to new codes only);
//! - a code that leaves the documentation is not deleted: it stays in its enum, deprecated, still
//!   parses and keeps its last texts, so downstream code that matches on it still compiles;
//!   `--prune` removes such codes (for a major release), keeping their names reserved;
//! - a code that comes back loses its deprecation and gets its old name;
//! - the [`ChangeReport`] of a regen lists, per module, the codes added, deprecated, returned and
//!   pruned, the texts changed, the names given and the categories changed, and the release it
//!   needs ([`Bump`]).
//!
//! Each code's category is recorded too (the [`categories`](crate::categories) stage fills it
//! in after [`reconcile`]), so that the next regen names every code whose category it changes,
//! whether a rule or a text changed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::action_ledger::{ActionChange, ActionChangeKind};
use crate::categories::RuleChange;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::{Catalog, CodeEntry, Deprecation, Module, Text};
use crate::names;
use crate::source::{DocLang, ModuleId};

/// The ledger's file name inside the generated crate.
pub const LEDGER_FILE: &str = "codes.tsv";

/// The module key of the common codes.
pub const COMMON_MODULE: &str = "common";

/// Where a code stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The documentation lists it.
    Documented,
    /// The documentation stopped listing it after release `after`; it was on `page`. The variant
    /// is deprecated.
    Removed {
        /// The last release that had it documented.
        after: String,
        /// The page (or pages) that listed it.
        page: String,
    },
    /// Removed from the crate by `--prune` after release `after`. Its name stays reserved.
    Pruned {
        /// The release it was pruned after.
        after: String,
    },
    /// Documented, as one language's spelling of the code `of`, which the other language's page
    /// spells with other capitals: the variant is deprecated, and the code parses to `of`.
    Spelling {
        /// The code it spells.
        of: String,
    },
}

/// One code in the ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerEntry {
    /// The variant's name.
    pub name: String,
    /// Documented, removed or pruned.
    pub status: Status,
    /// The Chinese text the documentation gave, empty when it gave none (and once pruned).
    /// Where it is empty, the crate's Chinese message is the English text.
    pub zh: String,
    /// The English text the documentation gave, empty when it gave none (and once pruned).
    pub en: String,
    /// The code's category as the crate gives it; empty when it was not recorded (a ledger
    /// written before categories, and a pruned code).
    pub category: String,
}

impl LedgerEntry {
    /// The message the crate gives in `lang`: that language's text, else the other's.
    ///
    /// Ledgers written before the texts were kept apart hold the message itself, the other
    /// language's text where one was missing: the message is the same either way, so the
    /// change report, which compares messages, reads both alike.
    pub fn message(&self, lang: DocLang) -> &str {
        let (first, second) = match lang {
            DocLang::Zh => (&self.zh, &self.en),
            DocLang::En => (&self.en, &self.zh),
        };
        if first.is_empty() {
            second
        } else {
            first
        }
    }
}

/// Every code the crate has had, by module key (`common`, `cvm`, `cvm::v20170312`) and code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    /// module → code → entry.
    pub modules: BTreeMap<String, BTreeMap<String, LedgerEntry>>,
}

const HEADER: &str = "\
# Every code this crate has had, written by `cargo xtask regen`; do not edit by hand.
# Regen reads this file before it names anything and only adds to it: a name once given never
# changes, and a code that leaves the documentation stays (deprecated) with its last texts.
# Columns: module, code, variant, status (documented | removed <after> <page> | pruned <after> |
# spelling <code>: the English page's spelling of a code the Chinese page spells otherwise),
# category, Chinese text, English text (each empty where the documentation gives none). Tabs,
# line breaks and backslashes in texts are escaped.
";

impl Ledger {
    /// The variant name of `code` in `module`, if one was ever given.
    pub fn name(&self, module: &str, code: &str) -> Option<&str> {
        Some(self.modules.get(module)?.get(code)?.name.as_str())
    }

    /// Whether the ledger has no code (a crate generated for the first time).
    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }

    /// Reads a ledger. `file` names it in diagnostics. Malformed lines are errors.
    pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Ledger {
        let mut ledger = Ledger::default();
        let mut offset = 0;
        for (index, line) in text.split('\n').enumerate() {
            let start = offset;
            offset += line.len() + 1;
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let location = Location {
                file: file.to_owned(),
                line: Some(index + 1),
                column: Some(1),
                span: Some(start..start + line.len()),
            };
            let error = |message: String, help: &str| {
                Diagnostic::error(message)
                    .at(location.clone())
                    .help(help.to_owned())
            };
            let fields: Vec<&str> = line.split('\t').collect();
            // Ledgers written before categories have no category column.
            let (module, code, name, status, category, zh, en) = match fields[..] {
                [module, code, name, status, category, zh, en] => {
                    (module, code, name, status, category, zh, en)
                }
                [module, code, name, status, zh, en] => (module, code, name, status, "", zh, en),
                _ => {
                    diags.push(error(
                        format!("a line of the ledger has {} fields, not 7", fields.len()),
                        "each line is module, code, variant, status, category, Chinese text, English text, separated by tabs",
                    ));
                    continue;
                }
            };
            if !category.is_empty() && !crate::categories::CATEGORIES.contains(&category) {
                diags.push(error(
                    format!("`{category}` is not a category"),
                    "the categories are those of `categories.tsv`; empty for none recorded",
                ));
                continue;
            }
            if !crate::parse::is_error_code(code) {
                diags.push(error(
                    format!("`{code}` is not an error code"),
                    "a code is ASCII letters, digits and `_` in segments separated by `.`, starting with a letter",
                ));
                continue;
            }
            if !names::is_variant_name(name) {
                diags.push(error(
                    format!("`{name}` cannot be a variant name"),
                    "a variant name is ASCII letters, digits and `_`, starting with an upper-case letter",
                ));
                continue;
            }
            let Some(status) = parse_status(status) else {
                diags.push(error(
                    format!("`{status}` is not a status"),
                    "a status is `documented`, `removed <version> <page>`, `pruned <version>` or `spelling <code>`",
                ));
                continue;
            };
            let entries = ledger.modules.entry(module.to_owned()).or_default();
            if let Some(other) = entries.iter().find(|(_, e)| e.name == name) {
                diags.push(error(
                    format!(
                        "`{name}` is recorded for both `{}` and `{code}` in `{module}`",
                        other.0
                    ),
                    "one name per code: remove one line, and regen names that code anew",
                ));
                continue;
            }
            entries.insert(
                code.to_owned(),
                LedgerEntry {
                    name: name.to_owned(),
                    status,
                    // As parse reads a cell: no control character but line breaks.
                    zh: crate::text::visible(&unescape(zh)),
                    en: crate::text::visible(&unescape(en)),
                    category: category.to_owned(),
                },
            );
        }
        ledger
    }

    /// Whether the ledger records any code's category: `false` for a ledger written before
    /// categories were, whose next regen gives every code its category for the first time.
    pub fn has_categories(&self) -> bool {
        self.modules
            .values()
            .flat_map(BTreeMap::values)
            .any(|entry| !entry.category.is_empty())
    }

    /// Writes the ledger: the header, then one line per code, sorted by module and code.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        for (module, entries) in &self.modules {
            for (code, e) in entries {
                let status = match &e.status {
                    Status::Documented => "documented".to_owned(),
                    Status::Removed { after, page } => format!("removed {after} {page}"),
                    Status::Pruned { after } => format!("pruned {after}"),
                    Status::Spelling { of } => format!("spelling {of}"),
                };
                out.push_str(&format!(
                    "{module}\t{code}\t{}\t{status}\t{}\t{}\t{}\n",
                    e.name,
                    e.category,
                    escape(&e.zh),
                    escape(&e.en)
                ));
            }
        }
        out
    }
}

fn parse_status(field: &str) -> Option<Status> {
    let mut words = field.splitn(3, ' ');
    match (words.next()?, words.next(), words.next()) {
        ("documented", None, None) => Some(Status::Documented),
        ("removed", Some(after), Some(page)) => Some(Status::Removed {
            after: after.to_owned(),
            page: page.to_owned(),
        }),
        ("pruned", Some(after), None) => Some(Status::Pruned {
            after: after.to_owned(),
        }),
        ("spelling", Some(of), None) if crate::parse::is_error_code(of) => {
            Some(Status::Spelling { of: of.to_owned() })
        }
        _ => None,
    }
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The kind of release a change needs, by semver.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing changed.
    #[default]
    None,
    /// Texts changed only.
    Patch,
    /// Codes or modules added, deprecated or returned: nothing that compiled stops compiling.
    Minor,
    /// Codes or modules pruned: code that named them stops compiling.
    Major,
}

impl Bump {
    /// The word used in reports: `none`, `patch`, `minor`, `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// Reads [`Bump::as_str`] back.
    pub fn parse(word: &str) -> Option<Bump> {
        [Bump::None, Bump::Patch, Bump::Minor, Bump::Major]
            .into_iter()
            .find(|b| b.as_str() == word)
    }

    /// The version after this bump, by Cargo's reading of semver: below 1.0.0 the first non-zero
    /// part is the major one, so a major change to `0.3.1` gives `0.4.0`, a minor or patch change
    /// `0.3.2`. A pre-release (`1.0.0-rc.1`) is released by the bump it already stands for:
    /// `1.0.0-rc.1` becomes `1.0.0` for any change, `1.2.0-rc.1` becomes `1.2.0` for a minor or
    /// patch change and `2.0.0` for a major one, `1.2.3-rc.1` becomes `1.2.3` for a patch and
    /// `1.3.0` for a minor change; build metadata (`+…`) is dropped. `None` when
    /// `version` is not `x.y.z`, with or without those.
    pub fn apply(self, version: &str) -> Option<String> {
        let core = version.split_once('+').map_or(version, |(core, _)| core);
        let (core, pre) = match core.split_once('-') {
            Some((core, pre)) if !pre.is_empty() => (core, true),
            Some(_) => return None,
            None => (core, false),
        };
        let parts: Vec<u64> = core
            .split('.')
            .map(|part| {
                // Semver's numbers: digits, no leading zero.
                let plain = !part.is_empty()
                    && part.bytes().all(|b| b.is_ascii_digit())
                    && (part == "0" || !part.starts_with('0'));
                plain.then(|| part.parse().ok()).flatten()
            })
            .collect::<Option<_>>()?;
        let [major, minor, patch] = parts[..] else {
            return None;
        };
        if self == Bump::None {
            return Some(version.to_owned());
        }
        if pre {
            // The release the pre-release leads to, if this bump needs no more than it.
            let release = (major, minor, patch);
            let covers = match (self, major, minor) {
                (Bump::None | Bump::Patch, ..) | (Bump::Minor | Bump::Major, 0, 0) => true,
                (Bump::Minor, 0, _) => true,
                (Bump::Minor, ..) => patch == 0,
                (Bump::Major, 0, _) => patch == 0,
                (Bump::Major, ..) => minor == 0 && patch == 0,
            };
            if covers {
                return Some(format!("{}.{}.{}", release.0, release.1, release.2));
            }
            return self.apply(core);
        }
        let next = match (self, major, minor) {
            (Bump::None, ..) => (major, minor, patch),
            (Bump::Major, 0, 0) => (0, 0, patch + 1),
            (Bump::Major, 0, _) => (0, minor + 1, 0),
            (Bump::Major, ..) => (major + 1, 0, 0),
            (Bump::Minor, 0, _) => (0, minor, patch + 1),
            (Bump::Minor, ..) => (major, minor + 1, 0),
            (Bump::Patch, ..) => (major, minor, patch + 1),
        };
        Some(format!("{}.{}.{}", next.0, next.1, next.2))
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextChange {
    /// The code.
    pub code: String,
    /// Which message.
    pub lang: DocLang,
    /// Before.
    pub old: String,
    /// After.
    pub new: String,
}

/// A code whose category changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryChange {
    /// The code.
    pub code: String,
    /// Its category before.
    pub old: String,
    /// Its category now.
    pub new: String,
    /// The rule that decides it now, as `categories.tsv:LINE`, or `no rule`.
    pub rule: String,
}

/// What a regen changes in one module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleChanges {
    /// Whether the module is new: the previous crate had none of its codes. The report then
    /// names the module and counts its codes, instead of a line per code.
    pub new_module: bool,
    /// New codes, with the names they were given.
    pub added: Vec<(String, String)>,
    /// Codes no longer documented, now deprecated.
    pub deprecated: Vec<String>,
    /// Deprecated or pruned codes documented again.
    pub returned: Vec<String>,
    /// Codes removed from the crate by `--prune`.
    pub pruned: Vec<String>,
    /// Texts that changed.
    pub texts: Vec<TextChange>,
    /// API actions added, no longer documented, or whose list of codes changed.
    pub actions: Vec<ActionChange>,
    /// Codes the crate had before whose category changed: a rule or a text changed.
    pub categories: Vec<CategoryChange>,
    /// Codes found to be one language's spelling of another code, `(spelling, code)`: their
    /// variants are deprecated now, and they parse to the code they spell.
    pub spellings: Vec<(String, String)>,
}

impl ModuleChanges {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.deprecated.is_empty()
            && self.returned.is_empty()
            && self.pruned.is_empty()
            && self.texts.is_empty()
            && self.actions.is_empty()
            && self.categories.is_empty()
            && self.spellings.is_empty()
    }

    /// The release this module's changes need. An action added or no longer documented is a
    /// minor change, as a code is: `Module::action` starts or stops finding it. A change to an
    /// action's list is a patch, as a text is: the list is documentation, no item names it and
    /// no `match` arm depends on it. A code whose category changes is a minor change: what a
    /// client does about the error (retry it, treat it as done, the status it answers) follows
    /// the category, though no code stops compiling.
    pub fn bump(&self) -> Bump {
        let action_added_or_gone = self
            .actions
            .iter()
            .any(|a| a.kind != ActionChangeKind::Changed);
        if !self.pruned.is_empty() {
            Bump::Major
        } else if !self.added.is_empty()
            || !self.deprecated.is_empty()
            || !self.returned.is_empty()
            || !self.categories.is_empty()
            || !self.spellings.is_empty()
            || action_added_or_gone
        {
            Bump::Minor
        } else if !self.texts.is_empty() || !self.actions.is_empty() {
            Bump::Patch
        } else {
            Bump::None
        }
    }
}

/// What a regen changes, per module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeReport {
    /// True when there was no previous crate: it is generated for the first time.
    pub first: bool,
    /// Codes in the crate after the regen (documented and deprecated).
    pub codes: usize,
    /// Changes by module key, only modules that changed.
    pub modules: BTreeMap<String, ModuleChanges>,
    /// Changes to the crate's API since the previous crate's (see `emit::API_EPOCH`): each one
    /// breaks code using the crate.
    pub api: Vec<String>,
    /// When the previous crate had no record of actions: how many actions, in how many modules,
    /// are recorded for the first time (reported as one line, not one per action).
    pub first_actions: Option<(usize, usize)>,
    /// Category rules added, removed or changed since the previous crate's (`categories.tsv`):
    /// what `categorize` says of the codes they match changes, so each one needs a minor
    /// release.
    pub category_rules: Vec<RuleChange>,
    /// When the previous crate recorded no categories: how many codes get one for the first
    /// time, and how many of them are `unknown` (reported as one line, not one per code).
    pub first_categories: Option<(usize, usize)>,
    /// Codes that join the common table while products' enums have them: for each, those
    /// products' modules. `view::<P>()` answers `Common(…)` for such a code where it answered
    /// `Product(…)`, so a `match` arm on `Product(P::X)` stops matching it: a breaking change.
    pub joined_common: Vec<(String, Vec<String>)>,
}

impl ChangeReport {
    /// Whether the regen changes nothing.
    pub fn is_empty(&self) -> bool {
        !self.first
            && self.modules.is_empty()
            && self.api.is_empty()
            && self.first_actions.is_none()
            && self.category_rules.is_empty()
            && self.first_categories.is_none()
            && self.joined_common.is_empty()
    }

    /// The release the change needs: the largest of the modules', and a breaking one for a
    /// change to the API or for a code that joins the common table, which moves `match` arms.
    pub fn bump(&self) -> Bump {
        let api = if self.api.is_empty() && self.joined_common.is_empty() {
            Bump::None
        } else {
            Bump::Major
        };
        let first_actions = match self.first_actions {
            Some(_) => Bump::Minor,
            None => Bump::None,
        };
        // A client's decisions (retry, back off) follow the categories: not a text fix.
        let categories = if self.category_rules.is_empty() && self.first_categories.is_none() {
            Bump::None
        } else {
            Bump::Minor
        };
        self.modules
            .values()
            .map(ModuleChanges::bump)
            .chain([api, first_actions, categories])
            .max()
            .unwrap_or_default()
    }

    /// The report as markdown: a heading per module and a line per change. The same text goes to
    /// the terminal, the CHANGELOG and CI's job summary.
    pub fn to_markdown(&self) -> String {
        if self.first {
            return format!(
                "First generation: {} codes in {} modules.\n",
                self.codes,
                self.modules.len()
            );
        }
        let mut out = String::new();
        if !self.api.is_empty() {
            out.push_str("### API\n\n");
            for change in &self.api {
                out.push_str(&format!("- {change}\n"));
            }
            out.push('\n');
        }
        if !self.joined_common.is_empty() {
            out.push_str("### Arms that move\n\n");
            for (code, modules) in &self.joined_common {
                let modules: Vec<String> = modules.iter().map(|m| format!("`{m}`")).collect();
                out.push_str(&format!(
                    "- `{code}` joins the common table: `view::<P>()` answers `Common(…)` for it, no longer `Product(…)`, for {}; a `match` arm on `Product(P::…)` of it stops matching (a major change)\n",
                    modules.join(", ")
                ));
            }
            out.push('\n');
        }
        if let Some((actions, modules)) = self.first_actions {
            out.push_str(&format!(
                "### Actions\n\n- the API actions are recorded for the first time: {actions} actions in {modules} modules\n\n"
            ));
        }
        if let Some((codes, unknown)) = self.first_categories {
            out.push_str(&format!(
                "### Categories\n\n- every code gets a category for the first time: {codes} codes, {unknown} of them `unknown`\n\n"
            ));
        }
        if !self.category_rules.is_empty() {
            out.push_str("### Category rules\n\n");
            for change in &self.category_rules {
                out.push_str(&format!("- {change}\n"));
            }
            out.push('\n');
        }
        for (module, changes) in &self.modules {
            out.push_str(&format!("### `{module}`\n\n"));
            if changes.new_module {
                // Hundreds of lines for one new product say less than its count: its rustdoc
                // lists the codes with their names.
                out.push_str(&format!(
                    "- new module, with {} code(s)\n\n",
                    changes.added.len()
                ));
                continue;
            }
            for (code, name) in &changes.added {
                out.push_str(&format!("- added `{code}` as `{name}`\n"));
            }
            for code in &changes.returned {
                out.push_str(&format!(
                    "- `{code}` is documented again: no longer deprecated\n"
                ));
            }
            for code in &changes.deprecated {
                out.push_str(&format!(
                    "- `{code}` is no longer documented: deprecated, still parses\n"
                ));
            }
            for (spelling, code) in &changes.spellings {
                out.push_str(&format!(
                    "- `{spelling}` is how one language spells `{code}`: joined with it, deprecated; both spellings parse to `{code}`\n"
                ));
            }
            for code in &changes.pruned {
                out.push_str(&format!("- `{code}` pruned: removed from the crate\n"));
            }
            for t in &changes.texts {
                out.push_str(&format!(
                    "- text of `{}` ({}): {:?} → {:?}\n",
                    t.code,
                    t.lang.dir(),
                    t.old,
                    t.new
                ));
            }
            for c in &changes.categories {
                out.push_str(&format!(
                    "- category of `{}`: {} → {} ({})\n",
                    c.code, c.old, c.new, c.rule
                ));
            }
            for action in &changes.actions {
                out.push_str(&action.to_markdown());
            }
            out.push('\n');
        }
        out
    }
}

/// What [`reconcile`] needs besides the catalog and the ledger.
#[derive(Clone, Debug, Default)]
pub struct ReconcileOptions {
    /// The crate's current version: codes removed now are "removed after" it.
    pub released: String,
    /// Remove deprecated codes from the crate.
    pub prune: bool,
    /// There is no previous crate: this is its first generation.
    pub first: bool,
}

/// The catalog as the crate will have it (documented codes and deprecated ones), the new ledger,
/// and the report of what changed.
#[derive(Clone, Debug, Default)]
pub struct Reconciled {
    /// The catalog with the deprecated codes added back to their modules.
    pub catalog: Catalog,
    /// The ledger to write.
    pub ledger: Ledger,
    /// What changed against the previous ledger.
    pub report: ChangeReport,
}

/// Joins what the documentation says now with what the crate had before.
pub fn reconcile(
    mut catalog: Catalog,
    previous: &Ledger,
    options: &ReconcileOptions,
) -> Reconciled {
    let mut ledger = Ledger::default();
    let mut report = ChangeReport {
        first: options.first,
        ..ChangeReport::default()
    };
    // Module keys, documented now or before; the common module first, since product modules
    // keep the common codes' names for those codes.
    let mut products: BTreeSet<String> = previous.modules.keys().cloned().collect();
    products.extend(catalog.modules.iter().map(|m| m.id.to_string()));
    products.remove(COMMON_MODULE);
    let keys = std::iter::once(COMMON_MODULE.to_owned()).chain(products);
    // Where each documented module is in the catalog, by key (modules added below for codes no
    // longer documented are never looked up again).
    let positions: BTreeMap<String, usize> = catalog
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.to_string(), i))
        .collect();

    let mut common_names = BTreeMap::new();
    let no_common_names = BTreeMap::new();
    let empty = BTreeMap::new();
    for key in keys {
        let prev = previous.modules.get(&key).unwrap_or(&empty);
        let is_common = key == COMMON_MODULE;
        let position = positions.get(&key).copied();
        let (codes, pages) = if is_common {
            (&mut catalog.common, catalog.common_pages.clone())
        } else if let Some(i) = position {
            let module = &mut catalog.modules[i];
            (&mut module.codes, module.pages.clone())
        } else {
            let id = module_id(&key);
            let page = format!("zh/{}.md", key.replace("::", "/"));
            catalog.modules.push(Module {
                id,
                pages: Vec::new(),
                codes: Vec::new(),
                actions: Vec::new(),
            });
            let last = catalog.modules.len() - 1;
            (&mut catalog.modules[last].codes, vec![page])
        };
        let mut taken: BTreeSet<String> = prev.values().map(|e| e.name.clone()).collect();
        let new_codes = codes
            .iter()
            .filter(|c| !prev.contains_key(&c.code))
            .map(|c| c.code.as_str());
        let reserved = if is_common {
            &no_common_names
        } else {
            &common_names
        };
        let named: BTreeMap<String, String> =
            names::name_new_codes(new_codes, &mut taken, reserved)
                .into_iter()
                .map(|(code, name)| (code.to_owned(), name))
                .collect();

        let mut changes = ModuleChanges {
            new_module: prev.is_empty(),
            ..ModuleChanges::default()
        };
        let mut entries = BTreeMap::new();
        for entry in codes.iter() {
            let (zh, en) = (own_text(&entry.zh), own_text(&entry.en));
            let name = match prev.get(&entry.code) {
                None => {
                    let name = named[&entry.code].clone();
                    changes.added.push((entry.code.clone(), name.clone()));
                    name
                }
                Some(p) => {
                    // Found to be a spelling of another code: now deprecated, parsing to it.
                    if let Some(of) = &entry.spelling_of {
                        if p.status != (Status::Spelling { of: of.clone() }) {
                            changes.spellings.push((entry.code.clone(), of.clone()));
                        }
                    }
                    match p.status {
                        Status::Documented | Status::Spelling { .. } => {
                            // What users see: the messages, each language's fallback included.
                            for lang in DocLang::ALL {
                                let (old, new) = (p.message(lang), entry.message(lang));
                                if old != new {
                                    changes.texts.push(TextChange {
                                        code: entry.code.clone(),
                                        lang,
                                        old: old.to_owned(),
                                        new: new.to_owned(),
                                    });
                                }
                            }
                        }
                        Status::Removed { .. } | Status::Pruned { .. } => {
                            changes.returned.push(entry.code.clone())
                        }
                    }
                    p.name.clone()
                }
            };
            let status = match &entry.spelling_of {
                Some(of) => Status::Spelling { of: of.clone() },
                None => Status::Documented,
            };
            entries.insert(
                entry.code.clone(),
                LedgerEntry {
                    name,
                    status,
                    zh: zh.to_owned(),
                    en: en.to_owned(),
                    category: String::new(),
                },
            );
        }
        for (code, p) in prev {
            if entries.contains_key(code) {
                continue;
            }
            let status = match (&p.status, options.prune) {
                (Status::Pruned { .. }, _) => p.status.clone(),
                (_, true) => {
                    changes.pruned.push(code.clone());
                    Status::Pruned {
                        after: options.released.clone(),
                    }
                }
                (Status::Removed { .. }, false) => p.status.clone(),
                (Status::Documented | Status::Spelling { .. }, false) => {
                    changes.deprecated.push(code.clone());
                    Status::Removed {
                        after: options.released.clone(),
                        page: pages.join(","),
                    }
                }
            };
            if let Status::Removed { after, page } = &status {
                codes.push(deprecated_entry(code, p, after, page));
            }
            let (zh, en) = match status {
                Status::Pruned { .. } => (String::new(), String::new()),
                _ => (p.zh.clone(), p.en.clone()),
            };
            entries.insert(
                code.clone(),
                LedgerEntry {
                    name: p.name.clone(),
                    status,
                    zh,
                    en,
                    category: String::new(),
                },
            );
        }
        codes.sort_by(|a, b| a.code.cmp(&b.code));
        report.codes += codes.len();
        if is_common {
            common_names = entries
                .keys()
                .map(|code| (names::natural_name(code), code.clone()))
                .collect();
        }
        if !changes.is_empty() {
            report.modules.insert(key.clone(), changes);
        }
        ledger.modules.insert(key, entries);
    }
    // A code new to the common table that a product's enum had before: its arm moves.
    if !options.first {
        let joined: Vec<String> = report
            .modules
            .get(COMMON_MODULE)
            .map(|c| c.added.iter().map(|(code, _)| code.clone()).collect())
            .unwrap_or_default();
        for code in joined {
            let modules: Vec<String> = previous
                .modules
                .iter()
                .filter(|(key, entries)| {
                    key.as_str() != COMMON_MODULE
                        && entries
                            .get(&code)
                            .is_some_and(|e| !matches!(e.status, Status::Pruned { .. }))
                })
                .map(|(key, _)| key.clone())
                .collect();
            if !modules.is_empty() {
                report.joined_common.push((code, modules));
            }
        }
    }
    // Modules whose every code was pruned leave the crate; their names stay in the ledger.
    catalog
        .modules
        .retain(|m| !m.codes.is_empty() || !m.pages.is_empty());
    catalog.modules.sort_by(|a, b| a.id.cmp(&b.id));
    Reconciled {
        catalog,
        ledger,
        report,
    }
}

fn module_id(key: &str) -> ModuleId {
    match key.split_once("::") {
        Some((product, version)) => ModuleId {
            product: product.to_owned(),
            version: Some(version.to_owned()),
        },
        None => ModuleId {
            product: key.to_owned(),
            version: None,
        },
    }
}

/// The text a language's page gave, or empty.
fn own_text(text: &Option<Text>) -> &str {
    text.as_ref().map_or("", |t| t.text.as_str())
}

/// A deprecated code as the catalog holds it. The ledger keeps plain texts only: their
/// `markdown` is the text escaped, so that the rustdoc shows it as written.
fn deprecated_entry(code: &str, last: &LedgerEntry, after: &str, page: &str) -> CodeEntry {
    let text = |t: &str| {
        (!t.is_empty()).then(|| Text {
            text: t.to_owned(),
            markdown: crate::text::escape_markdown(t),
            page: page.to_owned(),
        })
    };
    CodeEntry {
        code: code.to_owned(),
        zh: text(&last.zh),
        en: text(&last.en),
        deprecated: Some(Deprecation {
            after: after.to_owned(),
            page: page.to_owned(),
        }),
        spelling_of: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_follow_cargo_semver() {
        assert_eq!(Bump::Patch.apply("0.1.0").as_deref(), Some("0.1.1"));
        assert_eq!(Bump::Minor.apply("0.1.0").as_deref(), Some("0.1.1"));
        assert_eq!(Bump::Major.apply("0.1.3").as_deref(), Some("0.2.0"));
        assert_eq!(Bump::Major.apply("0.0.3").as_deref(), Some("0.0.4"));
        assert_eq!(Bump::Minor.apply("1.2.3").as_deref(), Some("1.3.0"));
        assert_eq!(Bump::Major.apply("1.2.3").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::None.apply("1.2.3").as_deref(), Some("1.2.3"));
        assert_eq!(Bump::Patch.apply("1.2"), None);
        assert_eq!(Bump::Patch.apply("1.02.3"), None);
        assert_eq!(Bump::Patch.apply("1.2.3-"), None);
    }

    #[test]
    fn a_pre_release_is_released_by_the_bump_it_stands_for() {
        assert_eq!(Bump::Minor.apply("1.0.0-rc.1").as_deref(), Some("1.0.0"));
        assert_eq!(Bump::Major.apply("1.0.0-rc.1").as_deref(), Some("1.0.0"));
        assert_eq!(
            Bump::Patch.apply("1.2.3-alpha+b7").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(Bump::Minor.apply("1.2.0-rc.1").as_deref(), Some("1.2.0"));
        assert_eq!(Bump::Minor.apply("1.2.3-rc.1").as_deref(), Some("1.3.0"));
        // A major change needs more than the pre-release of a minor one.
        assert_eq!(Bump::Major.apply("1.2.0-rc.1").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Major.apply("0.3.0-rc.1").as_deref(), Some("0.3.0"));
        assert_eq!(Bump::Major.apply("0.3.1-rc.1").as_deref(), Some("0.4.0"));
        assert_eq!(Bump::Major.apply("0.0.3-rc.1").as_deref(), Some("0.0.3"));
        assert_eq!(
            Bump::None.apply("1.0.0-rc.1").as_deref(),
            Some("1.0.0-rc.1")
        );
        assert_eq!(Bump::Patch.apply("1.0.0+build").as_deref(), Some("1.0.1"));
    }

    #[test]
    fn ledger_text_round_trips_with_escapes() {
        let mut ledger = Ledger::default();
        ledger.modules.entry("cvm".into()).or_default().insert(
            "A.B".into(),
            LedgerEntry {
                name: "AB".into(),
                status: Status::Removed {
                    after: "0.1.0".into(),
                    page: "zh/cvm.md".into(),
                },
                zh: "一 二\n三\\".into(),
                en: String::new(),
                category: "busy".into(),
            },
        );
        let mut diags = Diagnostics::new();
        let back = Ledger::parse(&ledger.to_text(), "codes.tsv", &mut diags);
        assert!(diags.is_empty());
        assert_eq!(back, ledger);
    }

    #[test]
    fn a_ledger_s_texts_are_read_as_a_cell_and_its_codes_must_be_codes() {
        // A hand-edited ledger: a control character in a text (the tables' field separator,
        // U+001F), and a code that is not one.
        let text = format!(
            "{HEADER}cvm\tA.B\tAB\tremoved 0.1.0 zh/cvm.md\ta\u{1f}b\\tc\t\n\
             cvm\tNot a code\tX\tdocumented\tx\tx\n"
        );
        let mut diags = Diagnostics::new();
        let ledger = Ledger::parse(&text, "codes.tsv", &mut diags);
        let entry = &ledger.modules["cvm"]["A.B"];
        assert_eq!(entry.zh, "ab c");
        let d = diags.iter().next().unwrap();
        let second_line = HEADER.lines().count() + 2;
        assert_eq!(d.position().unwrap(), format!("codes.tsv:{second_line}"));
        assert!(d.message.contains("`Not a code` is not an error code"));
        assert_eq!(ledger.modules["cvm"].len(), 1);
    }

    #[test]
    fn a_ledger_from_before_categories_reads_with_none_recorded_and_a_bad_category_is_an_error() {
        let text = format!(
            "{HEADER}common\tA\tA\tdocumented\ta\tb\n             common\tB\tB\tdocumented\tnope\tx\ty\n"
        );
        let mut diags = Diagnostics::new();
        let ledger = Ledger::parse(&text, "codes.tsv", &mut diags);
        let a = &ledger.modules["common"]["A"];
        assert_eq!(
            (a.category.as_str(), a.zh.as_str(), a.en.as_str()),
            ("", "a", "b")
        );
        assert!(!ledger.has_categories());
        let d = diags.iter().next().unwrap();
        assert!(
            d.message.contains("`nope` is not a category"),
            "{}",
            d.message
        );
        assert_eq!(ledger.modules["common"].len(), 1);
    }

    #[test]
    fn malformed_ledger_lines_are_errors_with_their_line() {
        let text = format!("{HEADER}common\tA\tA\tdocumented\ta\n");
        let mut diags = Diagnostics::new();
        Ledger::parse(&text, "codes.tsv", &mut diags);
        let d = diags.iter().next().unwrap();
        let first_line = HEADER.lines().count() + 1;
        assert_eq!(d.position().unwrap(), format!("codes.tsv:{first_line}"));
        assert!(d.message.contains("5 fields, not 7"));
    }
}
