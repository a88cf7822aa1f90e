//! Stage 3, model: the parsed pages joined into one [`Catalog`].
//!
//! Chinese and English pages are joined by module and code; the common table, which every page
//! repeats, becomes one list. The rules for what wins when pages disagree live here, and each one
//! says what it did through a warning.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::{ActionRow, ParsedPage, Row, SectionKind};
use crate::source::{DocLang, ModuleId, Page};

/// A description in one language, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// Plain text, as a reader sees it.
    pub text: String,
    /// The markdown source, for the rustdoc.
    pub markdown: String,
    /// The page it was taken from (path inside the docs folder).
    pub page: String,
}

/// One error code with its documented texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeEntry {
    /// The code exactly as documented.
    pub code: String,
    /// The Chinese text, if a Chinese page documents the code with a description.
    pub zh: Option<Text>,
    /// The English text, if an English page documents the code with a description.
    pub en: Option<Text>,
    /// Set when the documentation no longer lists the code (see [`crate::ledger`]).
    pub deprecated: Option<Deprecation>,
    /// Set when the code is how one language's page spells a code the other language's page
    /// spells with other capitals (`SdkAppidNotExist` on the English page, `SdkAppIdNotExist`
    /// on the Chinese one): the code it spells, the Chinese page's. Both have both texts; this
    /// spelling's variant is deprecated, and both spellings parse to the other's.
    pub spelling_of: Option<String>,
}

/// Why a code is deprecated: the documentation stopped listing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    /// The last release of the crate in which the code was documented.
    pub after: String,
    /// The page (or pages, comma-separated) that listed it.
    pub page: String,
}

impl CodeEntry {
    /// The text shown for `lang`: that language's, else the other's, else empty.
    pub fn message(&self, lang: DocLang) -> &str {
        let (first, second) = match lang {
            DocLang::Zh => (&self.zh, &self.en),
            DocLang::En => (&self.en, &self.zh),
        };
        first
            .as_ref()
            .or(second.as_ref())
            .map_or("", |t| t.text.as_str())
    }
}

/// The codes of one product (or one version of one product).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// Which module.
    pub id: ModuleId,
    /// The pages it was generated from, Chinese first.
    pub pages: Vec<String>,
    /// Its business codes, sorted by code (byte order).
    pub codes: Vec<CodeEntry>,
    /// Its API actions and the codes each may return, sorted by name (byte order).
    pub actions: Vec<Action>,
}

/// One API action of a module and the codes the documentation says it may return.
///
/// The list comes from the action's own page in the docs (`<lang>/<product>/<any name>.md` with
/// `Action` and `Version` parameter rows: its error table), or from a table of codes by action
/// in the module's page (`| 接口 | 错误码 |`, which the importer writes from the SDKs'
/// `client.go`). A code on an action's page that the module's table lacks joins the module with
/// that page's text; a code in a table of codes by action that neither the module nor the common
/// table has is a warning, and stays listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// The action's name, `RunInstances`.
    pub name: String,
    /// The codes, each once, in documented order of first appearance: the Chinese pages' list,
    /// then the codes only the English pages list. Product and common codes alike.
    pub codes: Vec<String>,
}

/// Everything the documentation says, joined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The common codes, sorted by code.
    pub common: Vec<CodeEntry>,
    /// The pages the common codes were read from.
    pub common_pages: Vec<String>,
    /// One module per product or product version, sorted by module path.
    pub modules: Vec<Module>,
    /// How many pages were read, per language.
    pub pages_read: BTreeMap<DocLang, usize>,
}

/// Joins the parsed pages. `pages` and `parsed` are parallel; their order does not matter.
pub fn build(pages: &[Page], parsed: &[ParsedPage], diags: &mut Diagnostics) -> Catalog {
    let mut catalog = Catalog::default();
    // Read pages in path order so that every "first" below is the same whatever order the caller
    // used.
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| pages[a].rel.cmp(&pages[b].rel));

    // Each page's rows by section, in path order; the APIs' own pages and the tables of codes by
    // action apart, for the actions.
    let mut sections: Vec<PageRows<'_>> = Vec::with_capacity(pages.len());
    let mut lists: BTreeMap<ModuleId, Lists> = BTreeMap::new();
    for &i in &order {
        let page = &pages[i];
        *catalog.pages_read.entry(page.lang).or_default() += 1;
        if let Some(header) = &page.action {
            // An API's own page: its table is the action's list (and documents its codes).
            let mut rows = BTreeMap::new();
            for row in &parsed[i].rows {
                insert_row(page, row, &mut rows, diags);
            }
            let mut seen = BTreeSet::new();
            let listed: Vec<&str> = parsed[i]
                .rows
                .iter()
                .map(|r| r.code.as_str())
                .filter(|c| seen.insert(*c))
                .collect();
            lists
                .entry(page.module.clone())
                .or_default()
                .api_pages
                .push(ApiPage {
                    page,
                    action: &header.action,
                    span: header.action_span.clone(),
                    listed,
                    rows,
                });
            continue;
        }
        if !parsed[i].action_rows.is_empty() {
            lists
                .entry(page.module.clone())
                .or_default()
                .tables
                .push((page, &parsed[i].action_rows));
        }
        let mut rows = PageRows {
            page,
            business: BTreeMap::new(),
            common: BTreeMap::new(),
        };
        for row in &parsed[i].rows {
            let target = match row.section {
                SectionKind::Common => &mut rows.common,
                SectionKind::Business => &mut rows.business,
            };
            insert_row(page, row, target, diags);
        }
        sections.push(rows);
    }
    demote_rare_common_codes(&mut sections, diags);

    let mut common: BTreeMap<(String, DocLang), Vec<Candidate>> = BTreeMap::new();
    let mut modules: BTreeMap<ModuleId, [Option<ModulePage>; 2]> = BTreeMap::new();
    for PageRows {
        page,
        business,
        common: common_rows,
    } in sections
    {
        if !common_rows.is_empty() {
            catalog.common_pages.push(page.rel.clone());
        }
        for (code, row) in common_rows {
            common
                .entry((code, page.lang))
                .or_default()
                .push(Candidate { page, row });
        }
        let slot = &mut modules.entry(page.module.clone()).or_default()[page.lang as usize];
        *slot = Some(ModulePage {
            page,
            rows: business,
        });
    }

    // A module of API pages only has no page of its own.
    for id in lists.keys() {
        modules.entry(id.clone()).or_default();
    }

    // Chinese pages first, as for a product's pages.
    catalog
        .common_pages
        .sort_by_key(|rel| (!rel.starts_with("zh/"), rel.clone()));
    check_layouts(&modules, pages, diags);
    catalog.common = join_common(common, diags);
    let common_codes: BTreeSet<&str> = catalog.common.iter().map(|c| c.code.as_str()).collect();
    // Every module with lists has a page, so it is among `modules`.
    catalog.modules = modules
        .into_iter()
        .map(|(id, [zh, en])| {
            let lists = lists.remove(&id).unwrap_or_default();
            let mut module = join_module(id, zh, en, diags);
            join_actions(&mut module, lists, &common_codes, diags);
            module
        })
        .collect();
    catalog
}

/// An API's own page, read.
struct ApiPage<'a> {
    page: &'a Page,
    action: &'a str,
    /// Where the page names the action.
    span: std::ops::Range<usize>,
    /// Its codes in page order, each once.
    listed: Vec<&'a str>,
    /// Its rows by code.
    rows: BTreeMap<String, &'a Row>,
}

/// What a module's actions are read from: the APIs' own pages, and the tables of codes by
/// action in the module's pages; each in path order.
#[derive(Default)]
struct Lists<'a> {
    api_pages: Vec<ApiPage<'a>>,
    tables: Vec<(&'a Page, &'a Vec<ActionRow>)>,
}

/// The module's actions, and the codes of its APIs' own pages that its table lacks.
///
/// The lists of one language come before the other's (Chinese first), each in path order and
/// page order, so an action's codes are the union in documented order of first appearance.
fn join_actions(
    module: &mut Module,
    lists: Lists<'_>,
    common: &BTreeSet<&str>,
    diags: &mut Diagnostics,
) {
    let module_pages: Vec<(DocLang, String)> = module
        .pages
        .iter()
        .map(|rel| {
            let lang = if rel.starts_with("en/") {
                DocLang::En
            } else {
                DocLang::Zh
            };
            (lang, rel.clone())
        })
        .collect();
    let mut codes: BTreeMap<String, CodeEntry> = std::mem::take(&mut module.codes)
        .into_iter()
        .map(|c| (c.code.clone(), c))
        .collect();
    // The codes of the APIs' pages join the module, with their texts.
    let mut first_page: BTreeMap<(&str, DocLang), &Page> = BTreeMap::new();
    for api in &lists.api_pages {
        let lang = api.page.lang;
        match first_page.entry((api.action, lang)) {
            std::collections::btree_map::Entry::Occupied(first) => diags.push(
                Diagnostic::warning(format!(
                    "the action `{}` has a second page; the two lists are joined",
                    api.action
                ))
                .at(api.page.location(api.span.clone()))
                .related(first.get().file_location(), "its first page"),
            ),
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(api.page);
            }
        }
        for (code, row) in &api.rows {
            if common.contains(code.as_str()) {
                continue;
            }
            let own_page = module_pages.iter().find(|(l, _)| *l == lang);
            let entry = codes.entry(code.clone()).or_insert_with(|| {
                if let Some((_, rel)) = own_page {
                    diags.push(
                        Diagnostic::warning(format!(
                            "`{code}` is on the page of the action `{}` but not in the module's table (`{rel}`); it joins the module with this page's text",
                            api.action
                        ))
                        .at(api.page.location(row.span.clone()))
                        .label("not in the module's table"),
                    );
                }
                CodeEntry {
                    code: code.clone(),
                    zh: None,
                    en: None,
                    deprecated: None,
                    spelling_of: None,
                }
            });
            let slot = match lang {
                DocLang::Zh => &mut entry.zh,
                DocLang::En => &mut entry.en,
            };
            if slot.is_none() && !row.description.text.is_empty() {
                *slot = Some(text_of(api.page, row));
            }
        }
        module.pages.push(api.page.rel.clone());
    }
    let has_zh = module_pages.iter().any(|(l, _)| *l == DocLang::Zh)
        || lists.api_pages.iter().any(|a| a.page.lang == DocLang::Zh);
    if let (false, Some(first_en)) = (
        has_zh,
        lists.api_pages.iter().find(|a| a.page.lang == DocLang::En),
    ) {
        if !module_pages.iter().any(|(l, _)| *l == DocLang::En) {
            diags.push(
                Diagnostic::warning(format!(
                    "the API pages of `{}` are English only",
                    module.id
                ))
                .at(first_en.page.file_location())
                .help("until Chinese pages are added, the Chinese messages of their codes are the English ones"),
            );
        }
    }
    // The lists, Chinese first.
    let mut actions: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for lang in DocLang::ALL {
        for api in lists.api_pages.iter().filter(|a| a.page.lang == lang) {
            let list = actions.entry(api.action).or_default();
            for code in &api.listed {
                if !list.contains(code) {
                    list.push(code);
                }
            }
        }
        for (page, rows) in lists.tables.iter().filter(|(p, _)| p.lang == lang) {
            for row in rows.iter() {
                let list = actions.entry(row.action.as_str()).or_default();
                let Some(code) = row.code.as_deref() else {
                    continue;
                };
                if !codes.contains_key(code) && !common.contains(code) {
                    diags.push(
                        Diagnostic::warning(format!(
                            "`{code}`, listed for the action `{}`, is neither a code of `{}` nor a common code; it stays listed, with no text",
                            row.action, module.id
                        ))
                        .at(page.location(row.span.clone()))
                        .label("in neither table")
                        .help("add the code to the module's table, or remove it from the list"),
                    );
                }
                if !list.contains(&code) {
                    list.push(code);
                }
            }
        }
    }
    module.codes = codes.into_values().collect();
    module.actions = actions
        .into_iter()
        .map(|(name, codes)| Action {
            name: name.to_owned(),
            codes: codes.into_iter().map(str::to_owned).collect(),
        })
        .collect();
}

/// One page's rows of each section, by code.
struct PageRows<'a> {
    page: &'a Page,
    business: BTreeMap<String, &'a Row>,
    common: BTreeMap<String, &'a Row>,
}

/// The common table is what the pages agree on: a code is common when more than half of the
/// pages of one language that have a common table list it there. A code that fewer pages list
/// in their common table (`en/vod.md` adding `UnsupportedMethod`) is a business code of those
/// pages, with a warning naming them: otherwise one page would make it common for every
/// product, and `Product(code)` arms of that product would stop matching it.
fn demote_rare_common_codes(sections: &mut [PageRows<'_>], diags: &mut Diagnostics) {
    let mut tables: BTreeMap<DocLang, usize> = BTreeMap::new();
    let mut listed: BTreeMap<&str, BTreeMap<DocLang, usize>> = BTreeMap::new();
    for rows in sections.iter() {
        if rows.common.is_empty() {
            continue;
        }
        *tables.entry(rows.page.lang).or_default() += 1;
        for code in rows.common.keys() {
            *listed
                .entry(code.as_str())
                .or_default()
                .entry(rows.page.lang)
                .or_default() += 1;
        }
    }
    let rare: BTreeSet<String> = listed
        .iter()
        .filter(|(_, by_lang)| {
            !by_lang
                .iter()
                .any(|(lang, &count)| count * 2 > tables.get(lang).copied().unwrap_or(0))
        })
        .map(|(code, _)| (*code).to_owned())
        .collect();
    for code in &rare {
        let on: Vec<&PageRows<'_>> = sections
            .iter()
            .filter(|rows| rows.common.contains_key(code))
            .collect();
        let names: Vec<&str> = on.iter().map(|rows| rows.page.rel.as_str()).collect();
        let lang = on[0].page.lang;
        let first = on[0];
        let row = first.common[code];
        diags.push(
            Diagnostic::warning(format!(
                "`{code}` is in the common table of {} of the {} {} pages with one ({}): it is \
                 read as a business code of {}",
                on.len(),
                tables.get(&lang).copied().unwrap_or(0),
                match lang {
                    DocLang::Zh => "Chinese",
                    DocLang::En => "English",
                },
                names.join(", "),
                if on.len() == 1 { "that page" } else { "those pages" },
            ))
            .at(first.page.location(row.span.clone()))
            .help("a code is common when more than half of the pages of a language list it in their common table"),
        );
    }
    for rows in sections.iter_mut() {
        for code in &rare {
            if let Some(row) = rows.common.remove(code) {
                rows.business.entry(code.clone()).or_insert(row);
            }
        }
    }
}

/// One page's business rows, by code.
struct ModulePage<'a> {
    page: &'a Page,
    rows: BTreeMap<String, &'a Row>,
}

struct Candidate<'a> {
    page: &'a Page,
    row: &'a Row,
}

/// Adds a row to a page section's rows by code. A code listed twice keeps its first row.
fn insert_row<'a>(
    page: &Page,
    row: &'a Row,
    rows: &mut BTreeMap<String, &'a Row>,
    diags: &mut Diagnostics,
) {
    if let Some(first) = rows.get(&row.code) {
        let first_at = page.location(first.span.clone());
        let again_at = page.location(row.span.clone());
        let lines = match (first_at.line, again_at.line) {
            (Some(a), Some(b)) => format!("lines {a} and {b}"),
            _ => "two rows".to_owned(),
        };
        let same = first.description.text == row.description.text;
        let (message, label) = if same {
            (
                format!(
                    "`{}` is listed twice ({lines}) with the same text; the second row is ignored",
                    row.code
                ),
                "listed again here".to_owned(),
            )
        } else {
            let first_line = first_at
                .line
                .map_or(String::new(), |l| format!(" of line {l}"));
            (
                format!(
                    "`{}` is listed twice ({lines}) with different texts; the text{first_line} is kept: {:?}",
                    row.code,
                    crate::text::excerpt(&first.description.text, 80)
                ),
                format!(
                    "this text is not used: {:?}",
                    crate::text::excerpt(&row.description.text, 80)
                ),
            )
        };
        diags.push(
            Diagnostic::warning(message)
                .at(again_at)
                .label(label)
                .related(first_at, "first listed here, with the text that is kept"),
        );
        return;
    }
    rows.insert(row.code.clone(), row);
}

/// A product is documented either as one page or per version, not both: the two would need one
/// module to be both a product's codes and a folder of versions.
fn check_layouts(
    modules: &BTreeMap<ModuleId, [Option<ModulePage<'_>>; 2]>,
    pages: &[Page],
    diags: &mut Diagnostics,
) {
    for id in modules.keys().filter(|id| id.version.is_none()) {
        let versioned = modules
            .keys()
            .any(|other| other.product == id.product && other.version.is_some());
        if versioned {
            let page = pages.iter().find(|p| &p.module == id);
            let mut d = Diagnostic::error(format!(
                "product `{}` has both a page `{}.md` and pages per version `{}/<version>.md`",
                id.product, id.product, id.product
            ))
            .help(
                "keep one layout for a product: move the unversioned page into the version folder",
            );
            if let Some(page) = page {
                d = d.at(page.file_location());
            }
            diags.push(d);
        }
    }
}

fn text_of(page: &Page, row: &Row) -> Text {
    Text {
        text: row.description.text.clone(),
        markdown: row.description.markdown.clone(),
        page: page.rel.clone(),
    }
}

/// A description, or a warning when the cell is empty.
fn described(page: &Page, row: &Row, fallback: &str, diags: &mut Diagnostics) -> Option<Text> {
    if row.description.text.is_empty() {
        diags.push(
            Diagnostic::warning(format!("`{}` has an empty description", row.code))
                .at(page.location(row.span.clone()))
                .label(format!("this code uses the {fallback} text")),
        );
        return None;
    }
    Some(text_of(page, row))
}

/// Common codes: for each code and language, the wording most pages use; on a tie, the wording of
/// the first page in path order. A disagreement is a warning naming the pages.
fn join_common(
    candidates: BTreeMap<(String, DocLang), Vec<Candidate<'_>>>,
    diags: &mut Diagnostics,
) -> Vec<CodeEntry> {
    let mut entries: BTreeMap<String, CodeEntry> = BTreeMap::new();
    for ((code, lang), candidates) in candidates {
        // Wordings in order of first appearance, with the pages that use each.
        let mut wordings: Vec<(&str, Vec<&Candidate<'_>>)> = Vec::new();
        for c in &candidates {
            let text = c.row.description.text.as_str();
            match wordings.iter_mut().find(|(t, _)| *t == text) {
                Some((_, users)) => users.push(c),
                None => wordings.push((text, vec![c])),
            }
        }
        // Empty cells never win over a real text.
        let best = wordings
            .iter()
            .enumerate()
            .max_by_key(|(i, (text, users))| (!text.is_empty(), users.len(), std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
            .unwrap_or(0);
        let (_, users) = &wordings[best];
        let chosen = users[0];
        if wordings.len() > 1 {
            let others: Vec<String> = wordings
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != best)
                .map(|(_, (text, users))| format!("{text:?} on {}", page_list(users)))
                .collect();
            diags.push(
                Diagnostic::warning(format!(
                    "pages disagree on the common code `{code}`; kept {:?} ({}), not {}",
                    chosen.row.description.text,
                    page_list(users),
                    others.join("; ")
                ))
                .at(chosen.page.location(chosen.row.span.clone()))
                .help(
                    "the wording most pages use is kept; on a tie, the first page's in path order",
                ),
            );
        }
        let fallback = match lang {
            DocLang::Zh => "English",
            DocLang::En => "Chinese",
        };
        let text = described(chosen.page, chosen.row, fallback, diags);
        let entry = entries.entry(code.clone()).or_insert_with(|| CodeEntry {
            code,
            zh: None,
            en: None,
            deprecated: None,
            spelling_of: None,
        });
        match lang {
            DocLang::Zh => entry.zh = text,
            DocLang::En => entry.en = text,
        }
    }
    entries.into_values().collect()
}

fn page_list(users: &[&Candidate<'_>]) -> String {
    const SHOWN: usize = 3;
    let names: Vec<&str> = users
        .iter()
        .take(SHOWN)
        .map(|c| c.page.rel.as_str())
        .collect();
    match users.len() {
        n if n > SHOWN => format!("{} and {} more", names.join(", "), n - SHOWN),
        _ => names.join(", "),
    }
}

/// Business codes of one module: the union of the Chinese and English rows, joined by code.
fn join_module(
    id: ModuleId,
    zh: Option<ModulePage<'_>>,
    en: Option<ModulePage<'_>>,
    diags: &mut Diagnostics,
) -> Module {
    let mut pages = Vec::new();
    let mut codes: BTreeMap<String, CodeEntry> = BTreeMap::new();
    if let (None, Some(en)) = (&zh, &en) {
        diags.push(
            Diagnostic::warning("an English page with no Chinese page")
                .at(en.page.file_location())
                .help(format!(
                    "add `zh/{}` too; until then the Chinese messages of these codes are the English ones",
                    en.page.rel.trim_start_matches("en/")
                )),
        );
    }
    let twins = case_twins(zh.as_ref(), en.as_ref());
    for (lang, side, other) in [(DocLang::Zh, &zh, &en), (DocLang::En, &en, &zh)] {
        let Some(side) = side else { continue };
        pages.push(side.page.rel.clone());
        let fallback = match lang {
            DocLang::Zh => "English",
            DocLang::En => "Chinese",
        };
        for (code, row) in &side.rows {
            let twin = twins
                .iter()
                .find(|(zh_code, en_code)| code == zh_code || code == en_code);
            if let (Some((zh_code, _)), DocLang::En, Some(other)) = (twin, lang, other) {
                diags.push(
                    Diagnostic::warning(format!(
                        "`{code}` differs from `{zh_code}` of `{}` only in case; they are joined as one code with both texts, and both spellings parse to `{zh_code}`",
                        other.page.rel
                    ))
                    .at(side.page.location(row.span.clone()))
                    .label("spelt with other capitals")
                    .help("the variant of this spelling stays, deprecated, pointing to the other"),
                );
            }
            if let (Some(other), None) = (other, twin) {
                if !other.rows.contains_key(code) {
                    let (missing, this) = match lang {
                        DocLang::Zh => ("no English text", "Chinese"),
                        DocLang::En => ("no Chinese text", "English"),
                    };
                    diags.push(
                        Diagnostic::warning(format!(
                            "`{code}` has {missing}: `{}` does not list it",
                            other.page.rel
                        ))
                        .at(side.page.location(row.span.clone()))
                        // This row's text is what the other language's message gives.
                        .label(format!("this {this} text stands in for the {fallback} one")),
                    );
                }
            }
            let text = described(side.page, row, fallback, diags);
            let entry = codes.entry(code.clone()).or_insert_with(|| CodeEntry {
                code: code.clone(),
                zh: None,
                en: None,
                deprecated: None,
                spelling_of: None,
            });
            match lang {
                DocLang::Zh => entry.zh = text,
                DocLang::En => entry.en = text,
            }
        }
    }
    // A code each language spells its own way is one code, the Chinese page's: each spelling
    // gets the other's text, and the English one points to the Chinese one.
    for (zh_code, en_code) in &twins {
        let zh_text = codes.get(zh_code).and_then(|c| c.zh.clone());
        let en_text = codes.get(en_code).and_then(|c| c.en.clone());
        if let Some(entry) = codes.get_mut(zh_code) {
            entry.en = en_text.clone();
        }
        if let Some(entry) = codes.get_mut(en_code) {
            entry.zh = zh_text;
            entry.spelling_of = Some(zh_code.clone());
        }
    }
    Module {
        id,
        pages,
        codes: codes.into_values().collect(),
        actions: Vec::new(),
    }
}

/// The codes a module's Chinese page and its English page spell differently, in letter case
/// only: `(Chinese spelling, English spelling)`, each listed by one page alone. A code that
/// both pages list, or that either page lists in both spellings, is no twin.
fn case_twins(zh: Option<&ModulePage<'_>>, en: Option<&ModulePage<'_>>) -> Vec<(String, String)> {
    let (Some(zh), Some(en)) = (zh, en) else {
        return Vec::new();
    };
    let only = |side: &ModulePage<'_>, other: &ModulePage<'_>| -> BTreeMap<String, Vec<String>> {
        let mut by_lower: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for code in side.rows.keys().filter(|c| !other.rows.contains_key(*c)) {
            by_lower
                .entry(code.to_ascii_lowercase())
                .or_default()
                .push(code.clone());
        }
        by_lower
    };
    let (zh_only, en_only) = (only(zh, en), only(en, zh));
    zh_only
        .into_iter()
        .filter_map(|(lower, zh_codes)| {
            let en_codes = en_only.get(&lower)?;
            match (&zh_codes[..], &en_codes[..]) {
                ([zh_code], [en_code]) => Some((zh_code.clone(), en_code.clone())),
                _ => None,
            }
        })
        .collect()
}
