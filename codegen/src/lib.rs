//! The generator behind `tencentcloud-errors`: Tencent Cloud's error-code documentation in,
//! the crate's Rust source out.
//!
//! Data flows one way, one module per stage, each with a plain data type at its boundary:
//!
//! | stage | module | in | out |
//! |---|---|---|---|
//! | pages | [`source`] | the docs folder | [`Page`]s, normalised |
//! | parse | [`parse`] | a [`Page`] | a [`ParsedPage`]: rows by section |
//! | model | [`model`] | parsed pages | a [`Catalog`]: modules and codes, Chinese and English joined |
//! | ledger | [`ledger`] | a catalog and the previous [`Ledger`] | the catalog with deprecated codes, the new ledger (names by [`names`]), a [`ChangeReport`] |
//! | categories | [`categories`] | `categories.tsv` in the docs folder, the catalog | the [`CategoryRules`](categories::CategoryRules) and each code's deciding rule ([`Decisions`](categories::Decisions)), recorded in the ledger and compiled into the crate |
//! | emit | [`emit`](mod@emit) | a catalog and a ledger | [`OutputFile`]s, formatted |
//! | write | [`output`] | output files | the crate on disk, swapped in atomically |
//!
//! Problems are collected as [`Diagnostic`]s by every stage; errors stop before anything is
//! written. [`generate`] runs the stages in memory, [`regen`] writes, [`check`] compares.
//!
//! ```no_run
//! use std::path::Path;
//! let generation = tencentcloud_errors_codegen::regen(
//!     Path::new("docs-source"),
//!     Path::new("generated"),
//!     &tencentcloud_errors_codegen::Options::default(),
//! )
//!     .map_err(|failure| failure.render())?;
//! println!("{}", generation.summary());
//! # Ok::<(), String>(())
//! ```

#![warn(missing_docs)]

pub mod action_ledger;
pub mod baseline;
pub mod categories;
pub mod changelog;
pub mod diagnostic;
pub mod emit;
pub mod import;
pub mod ledger;
pub mod model;
pub mod names;
pub mod output;
mod par;
pub mod parse;
pub mod perfect_hash;
pub mod source;
pub mod text;

use std::fmt;
use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, Location, Severity};
pub use ledger::{Bump, ChangeReport, Ledger};
pub use model::{Catalog, CodeEntry, Module};
pub use output::{OutputFile, Stale};
pub use parse::{ParsedPage, Row, SectionKind};
pub use source::{DocLang, ModuleId, Page};

/// The result of running the generator in memory.
#[derive(Debug)]
pub struct Generation {
    /// The pages read.
    pub pages: Vec<Page>,
    /// What they say, joined.
    pub catalog: Catalog,
    /// Every code the crate has had, with its name, status and category.
    pub ledger: Ledger,
    /// The category rules the crate was generated with.
    pub category_rules: categories::CategoryRules,
    /// The rule that decided each code's category.
    pub decisions: categories::Decisions,
    /// What this run changes against the crate it replaces.
    pub report: ChangeReport,
    /// The crate's version after this run (bumped with [`Options::bump`]).
    pub version: String,
    /// The release the crate's unreleased changes need, when they are not released yet.
    pub pending: Bump,
    /// The files of the crate.
    pub files: Vec<OutputFile>,
    /// Warnings (a generation with errors is a [`Failure`]).
    pub diagnostics: Diagnostics,
    /// After [`regen`]: what changed on disk. After [`check`]: what is stale.
    pub changes: Vec<Stale>,
}

/// A run that stopped on errors. Nothing was written.
#[derive(Debug)]
pub struct Failure {
    /// The pages read, for rendering the diagnostics with their source lines.
    pub pages: Vec<Page>,
    /// Errors, and the warnings found before them.
    pub diagnostics: Diagnostics,
}

impl Failure {
    fn new(pages: Vec<Page>, diagnostics: Diagnostics) -> Self {
        Failure { pages, diagnostics }
    }

    fn io(
        what: String,
        err: std::io::Error,
        pages: Vec<Page>,
        mut diagnostics: Diagnostics,
    ) -> Self {
        diagnostics.push(Diagnostic::error(format!("{what}: {err}")));
        Failure { pages, diagnostics }
    }

    /// Every diagnostic, rendered with its source line.
    pub fn render(&self) -> String {
        render(&self.diagnostics, &self.pages)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (errors, warnings) = self.diagnostics.counts();
        write!(f, "regen stopped: {errors} error(s), {warnings} warning(s)")
    }
}

impl std::error::Error for Failure {}

/// Renders diagnostics, each with the source line it points at when the page is among `pages`.
pub fn render(diagnostics: &Diagnostics, pages: &[Page]) -> String {
    let paths: Vec<String> = pages.iter().map(|p| p.path.display().to_string()).collect();
    render_sources(
        diagnostics,
        paths
            .iter()
            .zip(pages)
            .map(|(path, page)| (path.as_str(), page.text.as_str())),
    )
}

/// Renders diagnostics, each with the source line it points at when its file is among
/// `sources` (the path diagnostics give, and the text as it was read).
pub fn render_sources<'a>(
    diagnostics: &Diagnostics,
    sources: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    // Each file by the path diagnostics give, the first of a path kept: the whole catalog
    // has thousands of warnings, and looking each one's page up by a scan was quadratic.
    let mut by_path: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (path, text) in sources {
        by_path.entry(path).or_insert(text);
    }
    let mut out = String::new();
    for d in diagnostics {
        let source = d
            .location
            .as_ref()
            .and_then(|loc| by_path.get(loc.file.as_str()).copied());
        out.push_str(&d.render(source));
        out.push_str("\n\n");
    }
    out
}

/// How to run the generator.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Treat warnings as errors: any problem in the documentation stops the run (for CI).
    pub deny_warnings: bool,
    /// Remove the codes the documentation no longer lists, instead of keeping them deprecated
    /// (for a major release).
    pub prune: bool,
    /// Release the unreleased changes: bump the crate's version as far as they need, and give
    /// them that version in the changelog.
    pub bump: bool,
}

/// Runs every stage in memory: reads `docs`, and reads from `out` only what carries over between
/// runs (the name record and the crate's version).
pub fn generate(docs: &Path, out: &Path, options: &Options) -> Result<Generation, Failure> {
    let mut diags = Diagnostics::new();
    let pages = source::read_docs(docs, &mut diags);
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).ok();
    let previous = Previous {
        ledger: read_ledger(out, &mut diags),
        actions: read_actions(out, &mut diags),
        categories: read_category_record(out, &mut diags),
        // Kept, so that a version a release set stays.
        version: manifest
            .as_deref()
            .and_then(|m| manifest_value(m, "package", "version")),
        changelog: std::fs::read_to_string(out.join(changelog::CHANGELOG_FILE)).ok(),
        // The generation of the API the crate in `out` was written with.
        api_epoch: manifest
            .as_deref()
            .and_then(|m| {
                manifest_value(
                    m,
                    "package.metadata.tencentcloud-errors-codegen",
                    "api-epoch",
                )
            })
            .and_then(|epoch| epoch.parse().ok()),
    };
    let rules = categories::CategoryRules::read(docs, &mut diags);
    let notices = read_notices(docs, &mut diags);
    let mut generation = generate_with_rules(pages, &previous, rules, diags, options)?;
    generation.files.extend(notices);
    Ok(generation)
}

/// The notice and licence that [`import`] keeps with the pages it writes, to ship in the crate
/// beside the texts they cover (Apache-2.0 asks for both).
fn read_notices(docs: &Path, diags: &mut Diagnostics) -> Vec<OutputFile> {
    [import::NOTICE_FILE, import::LICENSE_FILE]
        .into_iter()
        .filter_map(|name| {
            let text = read_record(
                docs,
                name,
                "the notice",
                |text, _, _| text.to_owned(),
                diags,
            )?;
            Some(OutputFile::new(name, text))
        })
        .collect()
}

/// What a generation carries over from the crate it replaces.
#[derive(Clone, Debug, Default)]
pub struct Previous {
    /// Every code the crate has had.
    pub ledger: Ledger,
    /// The crate's version, if it has one.
    pub version: Option<String>,
    /// Its changelog, if it has one.
    pub changelog: Option<String>,
    /// The generation of its API ([`emit::API_EPOCH`]): `None` for a crate written before the
    /// generation was recorded, the first.
    pub api_epoch: Option<u32>,
    /// Its record of every action's list; `None` for a crate written before actions were
    /// recorded.
    pub actions: Option<action_ledger::ActionLedger>,
    /// The category rules it was generated with, `None` for a crate that recorded none.
    pub categories: Option<categories::CategoryRules>,
}

impl Previous {
    /// Whether there is no previous crate: no ledger and no changelog.
    pub fn is_none(&self) -> bool {
        self.ledger.is_empty() && self.changelog.is_none()
    }
}

/// Runs the stages after reading: parse, model, names, emit. `diags` holds what reading found.
/// The order of `pages` does not matter.
pub fn generate_from_pages(
    pages: Vec<Page>,
    previous: &Previous,
    mut diags: Diagnostics,
    options: &Options,
) -> Result<Generation, Failure> {
    let rules = categories::CategoryRules::bundled(&mut diags);
    generate_with_rules(pages, previous, rules, diags, options)
}

/// [`generate_from_pages`] with the category rules given (see [`categories`]) instead of the
/// bundled ones.
pub fn generate_with_rules(
    pages: Vec<Page>,
    previous: &Previous,
    rules: categories::CategoryRules,
    mut diags: Diagnostics,
    options: &Options,
) -> Result<Generation, Failure> {
    // Pages are parsed on all threads, and their diagnostics kept in the order of the pages.
    let parsed: Vec<(ParsedPage, Diagnostics)> = par::map(&pages, |p| {
        let mut page_diags = Diagnostics::new();
        (parse::parse_page(p, &mut page_diags), page_diags)
    });
    let parsed: Vec<ParsedPage> = parsed
        .into_iter()
        .map(|(page, page_diags)| {
            diags.extend(page_diags);
            page
        })
        .collect();
    let catalog = model::build(&pages, &parsed, &mut diags);
    if options.deny_warnings {
        diags.deny_warnings();
    }
    if diags.has_errors() {
        return Err(Failure::new(pages, diags));
    }
    let released = previous
        .version
        .clone()
        .unwrap_or_else(|| emit::INITIAL_VERSION.to_owned());
    if options.bump && Bump::Patch.apply(&released).is_none() {
        diags.push(
            Diagnostic::error(format!(
                "cannot release: the crate's version `{released}` (in its `Cargo.toml`) is not a \
                 semver version `major.minor.patch`"
            ))
            .help("set `version` in the generated `Cargo.toml` to `x.y.z` (a `-pre` part may follow), then run `--bump` again"),
        );
        return Err(Failure::new(pages, diags));
    }
    let reconciled = ledger::reconcile(
        catalog,
        &previous.ledger,
        &ledger::ReconcileOptions {
            released: released.clone(),
            prune: options.prune,
            first: previous.is_none(),
        },
    );
    let mut reconciled = reconciled;
    if !reconciled.report.first {
        reconciled.report.api = emit::api_changes_since(previous.api_epoch.unwrap_or(1));
        if let Some(before) = &previous.categories {
            reconciled.report.category_rules = rules.changes_since(before);
        }
    }
    let decisions = categories::Decisions::of(&reconciled.catalog, &rules);
    categories::record(
        &rules,
        &decisions,
        &previous.ledger,
        &mut reconciled.ledger,
        &mut reconciled.report,
    );
    let actions = action_ledger::ActionLedger::of(&reconciled.catalog);
    report_actions(&mut reconciled.report, previous.actions.as_ref(), &actions);
    check_sizes(&reconciled.catalog, &reconciled.ledger, &mut diags);
    if diags.has_errors() {
        return Err(Failure::new(pages, diags));
    }
    let log = changelog::update(
        previous.changelog.as_deref(),
        &reconciled.report,
        &released,
        options.bump,
    );
    let mut files = emit::emit(
        &reconciled.catalog,
        &reconciled.ledger,
        &emit::EmitOptions {
            version: log.version.clone(),
            changelog: log.text,
            rules: &rules,
            decisions: &decisions,
        },
    );
    files.push(OutputFile::new(
        action_ledger::ACTIONS_FILE,
        actions.to_text(),
    ));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let features = feature_count(&files);
    if features > MAX_FEATURES {
        // A warning, not an error: such a crate builds, it only cannot be published. The
        // committed crate is checked against the limit by a test, so CI fails before a release.
        diags.push(
            Diagnostic::warning(format!(
                "the crate has {features} cargo features, one per product and its own; crates.io accepts at most {MAX_FEATURES}, so it cannot be published"
            ))
            .help("see \"Products and crates.io's limits\" in the workspace README: products must share features before this can be published"),
        );
    }
    Ok(Generation {
        pages,
        catalog: reconciled.catalog,
        ledger: reconciled.ledger,
        category_rules: rules,
        decisions,
        report: reconciled.report,
        version: log.version,
        pending: log.pending,
        files,
        diagnostics: diags,
        changes: Vec::new(),
    })
}

/// Generates from `docs` and writes the crate to `out`, atomically. On any error `out` is left as
/// it was.
pub fn regen(docs: &Path, out: &Path, options: &Options) -> Result<Generation, Failure> {
    let mut generation = generate(docs, out, options)?;
    match output::write_atomically(out, &generation.files) {
        Ok(changes) => generation.changes = changes,
        Err(err) => {
            return Err(Failure::io(
                format!("cannot write the crate to `{}`", out.display()),
                err,
                generation.pages,
                generation.diagnostics,
            ))
        }
    }
    Ok(generation)
}

/// Generates from `docs` in memory and compares with `out`: [`Generation::changes`] lists every
/// stale file (empty when `out` is up to date). Line ends are ignored.
pub fn check(docs: &Path, out: &Path, options: &Options) -> Result<Generation, Failure> {
    let mut generation = generate(docs, out, options)?;
    match output::stale_files(out, &generation.files) {
        Ok(stale) => generation.changes = stale,
        Err(err) => {
            return Err(Failure::io(
                format!("cannot read `{}`", out.display()),
                err,
                generation.pages,
                generation.diagnostics,
            ))
        }
    }
    Ok(generation)
}

/// Adds the changes of the actions' lists to the report, under their modules. A crate that
/// had no record of them, or a record of no action, gets one line for all (when it is not new
/// itself): the first import of the SDKs' lists would otherwise fill the report with every
/// action of the catalog.
fn report_actions(
    report: &mut ChangeReport,
    previous: Option<&action_ledger::ActionLedger>,
    now: &action_ledger::ActionLedger,
) {
    if report.first {
        return;
    }
    let Some(previous) = previous.filter(|p| p.counts().0 > 0) else {
        let (actions, modules) = now.counts();
        if actions > 0 {
            report.first_actions = Some((actions, modules));
        }
        return;
    };
    for (module, changes) in action_ledger::diff(previous, now) {
        report.modules.entry(module).or_default().actions = changes;
    }
}

fn read_actions(out: &Path, diags: &mut Diagnostics) -> Option<action_ledger::ActionLedger> {
    read_record(
        out,
        action_ledger::ACTIONS_FILE,
        "the record of actions",
        action_ledger::ActionLedger::parse,
        diags,
    )
}

/// A record regen wrote into the crate in `out` (`file`), read by `parse`; `None` when there is
/// none, an error naming `what` when it cannot be read.
fn read_record<T>(
    out: &Path,
    file: &str,
    what: &str,
    parse: impl FnOnce(&str, &str, &mut Diagnostics) -> T,
    diags: &mut Diagnostics,
) -> Option<T> {
    let path = out.join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(parse(&text, &path.display().to_string(), diags)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => {
            diags.push(Diagnostic::error(format!(
                "cannot read {what} `{}`: {err}",
                path.display()
            )));
            None
        }
    }
}

/// The ledger of the crate in `out`. A crate without one (or with an empty file) is an error:
/// regen would take the run for the crate's first, name every code anew, and start the CHANGELOG
/// over. Only a folder with no crate in it starts with an empty ledger.
fn read_ledger(out: &Path, diags: &mut Diagnostics) -> Ledger {
    let path = out.join(ledger::LEDGER_FILE);
    let a_crate_is_there = ["Cargo.toml", changelog::CHANGELOG_FILE, "src/lib.rs"]
        .iter()
        .find(|file| out.join(file).is_file());
    let missing = |what: &str, file: &str| {
        Diagnostic::error(format!(
            "the ledger `{}` is {what}, but `{}` holds a generated crate (it has `{file}`)",
            path.display(),
            out.display()
        ))
        .help(format!(
            "without its ledger, regen would name every code anew and start the CHANGELOG over: \
             restore it from version control (`git checkout -- {}`), or remove `{}` to generate a \
             new crate",
            path.display(),
            out.display()
        ))
    };
    match std::fs::read_to_string(&path) {
        Ok(text) if text.trim().is_empty() => {
            if let Some(file) = a_crate_is_there {
                diags.push(missing("empty", file));
            }
            Ledger::default()
        }
        Ok(text) => Ledger::parse(&text, &path.display().to_string(), diags),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if let Some(file) = a_crate_is_there {
                diags.push(missing("missing", file));
            }
            Ledger::default()
        }
        Err(err) => {
            diags.push(Diagnostic::error(format!(
                "cannot read the ledger `{}`: {err}",
                path.display()
            )));
            Ledger::default()
        }
    }
}

/// The category rules the crate in `out` recorded, if it did.
fn read_category_record(out: &Path, diags: &mut Diagnostics) -> Option<categories::CategoryRules> {
    read_record(
        out,
        categories::RECORD_FILE,
        "the record of category rules",
        categories::CategoryRules::parse,
        diags,
    )
}

/// The value of `key` in the `[table]` of a `Cargo.toml`, quotes removed: a line reader for the
/// manifest regen itself writes, not a TOML parser.
fn manifest_value(manifest: &str, table: &str, key: &str) -> Option<String> {
    let header = format!("[{table}]");
    let mut in_table = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_table = line == header;
        } else if in_table {
            if let Some(value) = line.strip_prefix(key) {
                let value = value.trim_start().strip_prefix('=')?.trim();
                return Some(value.trim_matches('"').to_owned());
            }
        }
    }
    None
}

/// The most features crates.io accepts in one crate.
pub const MAX_FEATURES: usize = 300;

/// The features of the emitted `Cargo.toml`: the entries of its `[features]` table.
fn feature_count(files: &[OutputFile]) -> usize {
    let Some(manifest) = files.iter().find(|f| f.path == "Cargo.toml") else {
        return 0;
    };
    let mut in_features = false;
    let mut count = 0;
    for line in manifest.contents.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if in_features && !line.starts_with('#') && line.contains('=') {
            count += 1;
        }
    }
    count
}

/// The limits of the generated tables, checked on the catalog as emitted: deprecated codes
/// included, with the names the ledger gives.
fn check_sizes(catalog: &Catalog, names: &Ledger, diags: &mut Diagnostics) {
    let modules = std::iter::once((ledger::COMMON_MODULE.to_owned(), &catalog.common[..])).chain(
        catalog
            .modules
            .iter()
            .map(|m| (m.id.to_string(), &m.codes[..])),
    );
    for module in &catalog.modules {
        let values = emit::actions::listed_values(module, catalog);
        if values > emit::actions::MAX_LISTED {
            diags.push(Diagnostic::error(format!(
                "the actions of `{}` need {values} distinct codes (the module's, the common ones and those neither has); one module's lists hold at most {}",
                module.id,
                emit::actions::MAX_LISTED
            )));
        }
    }
    for (module, codes) in modules {
        let count = codes.len();
        if count > emit::MAX_CODES {
            diags.push(Diagnostic::error(format!(
                "`{module}` has {count} codes; one module holds at most {}",
                emit::MAX_CODES
            )));
        }
        let size =
            emit::text_size_bound(codes, |code| names.name(&module, code).map_or(0, str::len));
        if size > emit::MAX_TEXT {
            diags.push(Diagnostic::error(format!(
                "`{module}` has about {size} bytes of codes and texts; one module holds at most {}",
                emit::MAX_TEXT
            )));
        }
    }
}

/// Figures for the summary regen prints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Chinese pages read.
    pub zh_pages: usize,
    /// English pages read.
    pub en_pages: usize,
    /// Common codes, and how many have Chinese and English text.
    pub common: Coverage,
    /// Product modules.
    pub modules: usize,
    /// Business codes over all modules, and how many have Chinese and English text.
    pub business: Coverage,
    /// Codes (common and business, as counted above) whose category is `unknown`.
    pub unknown: usize,
    /// Warnings.
    pub warnings: usize,
}

/// How many codes, and how many of them each language documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Codes.
    pub codes: usize,
    /// Codes with a Chinese text.
    pub zh: usize,
    /// Codes with an English text.
    pub en: usize,
}

impl Coverage {
    fn of(codes: &[CodeEntry]) -> Coverage {
        Coverage {
            codes: codes.len(),
            zh: codes.iter().filter(|c| c.zh.is_some()).count(),
            en: codes.iter().filter(|c| c.en.is_some()).count(),
        }
    }

    fn add(self, other: Coverage) -> Coverage {
        Coverage {
            codes: self.codes + other.codes,
            zh: self.zh + other.zh,
            en: self.en + other.en,
        }
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

impl Generation {
    /// The figures of this run.
    pub fn summary(&self) -> Summary {
        Summary {
            zh_pages: self
                .catalog
                .pages_read
                .get(&DocLang::Zh)
                .copied()
                .unwrap_or(0),
            en_pages: self
                .catalog
                .pages_read
                .get(&DocLang::En)
                .copied()
                .unwrap_or(0),
            common: Coverage::of(&self.catalog.common),
            modules: self.catalog.modules.len(),
            business: self
                .catalog
                .modules
                .iter()
                .map(|m| Coverage::of(&m.codes))
                .fold(Coverage::default(), Coverage::add),
            unknown: self.unknown_codes().len(),
            warnings: self.diagnostics.len(),
        }
    }

    /// The codes of the crate whose category is `unknown`, as `(module, code, rule)`: the rule that made it so, or `None` where no rule reaches the
    /// code. In module order, then code order.
    pub fn unknown_codes(&self) -> Vec<(String, String, Option<&categories::Rule>)> {
        let modules = std::iter::once((ledger::COMMON_MODULE.to_owned(), &self.catalog.common))
            .chain(
                self.catalog
                    .modules
                    .iter()
                    .map(|m| (m.id.to_string(), &m.codes)),
            );
        let mut unknown = Vec::new();
        for (module, codes) in modules {
            for code in codes.iter() {
                let decision = self.decisions.rule(&module, &code.code);
                if self.category_rules.category(decision) == categories::UNKNOWN {
                    let rule = decision.and_then(|i| self.category_rules.rules.get(i));
                    unknown.push((module.clone(), code.code.clone(), rule));
                }
            }
        }
        unknown
    }

    /// The warnings, rendered with their source lines.
    pub fn render_warnings(&self) -> String {
        render(&self.diagnostics, &self.pages)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all = self.common.add(self.business);
        writeln!(
            f,
            "pages read: {} ({} zh, {} en)",
            self.zh_pages + self.en_pages,
            self.zh_pages,
            self.en_pages
        )?;
        writeln!(
            f,
            "common codes: {} (zh {}, en {})",
            self.common.codes, self.common.zh, self.common.en
        )?;
        writeln!(
            f,
            "business codes: {} in {} module(s) (zh {}, en {})",
            self.business.codes, self.modules, self.business.zh, self.business.en
        )?;
        writeln!(
            f,
            "English coverage: {}/{} codes ({:.1}%)",
            all.en,
            all.codes,
            percent(all.en, all.codes)
        )?;
        writeln!(
            f,
            "category unknown: {}/{} codes ({:.1}%)",
            self.unknown,
            all.codes,
            percent(self.unknown, all.codes)
        )?;
        write!(f, "warnings: {}", self.warnings)
    }
}

/// The workspace README's examples, compiled and run as doctests against the generated crate.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
