//! Lookup by strings, for code that knows the product, the version and the code only at run
//! time (a generic API client): no enum to name, the same tables underneath.

use core::fmt;

use super::actions::{self, Action, ActionTable};
use super::category::{Category, CategoryRule};
use super::classes::Classes;
use super::{common_family_of, family_of, Lang, Row, Table};

/// One module of codes compiled into the crate: `common`, or a product's (or one API version of
/// a product's). Only the products whose cargo feature is on are compiled in; [`modules`] lists
/// them.
pub struct Module {
    path: &'static str,
    product: Option<&'static str>,
    version: Option<&'static str>,
    table: &'static Table,
    actions: &'static ActionTable,
}

impl Module {
    #[cfg_attr(not(debug_assertions), inline)]
    pub(crate) const fn new(
        path: &'static str,
        product: Option<&'static str>,
        version: Option<&'static str>,
        table: &'static Table,
    ) -> Module {
        Module {
            path,
            product,
            version,
            table,
            actions: &actions::NO_ACTIONS,
        }
    }

    /// The module with its table of API actions (only product modules, each behind its
    /// feature, have one).
    #[allow(dead_code)]
    #[inline]
    pub(crate) const fn with_actions(self, actions: &'static ActionTable) -> Module {
        Module { actions, ..self }
    }

    #[inline]
    pub(crate) fn action_table(&self) -> &'static ActionTable {
        self.actions
    }

    /// The module's API actions, with the codes each may return, in byte order of the name.
    /// The common module has none.
    ///
    /// ```
    /// use tencentcloud_errors::module;
    ///
    /// let common = module("common", None).unwrap();
    /// assert_eq!(common.actions().len(), 0);
    /// ```
    #[inline]
    pub fn actions(&'static self) -> impl ExactSizeIterator<Item = Action> + Clone {
        actions::actions_of(self)
    }

    /// The API action named exactly `name` (`"RunInstances"`): one hash and one comparison, as
    /// for a code.
    ///
    /// ```
    /// use tencentcloud_errors::modules;
    ///
    /// // With the `cvm` feature: `module("cvm", Some("2017-03-12")).unwrap().action("RunInstances")`.
    /// for module in modules() {
    ///     for action in module.actions() {
    ///         assert_eq!(module.action(action.name()), Some(action));
    ///     }
    ///     assert!(module.action("No.Such.Action").is_none());
    /// }
    /// ```
    #[inline]
    pub fn action(&'static self, name: &str) -> Option<Action> {
        actions::action_of(self, name)
    }

    /// The module's path in this crate, as code names it: `"common"`, `"cvm"`,
    /// `"cvm::v20170312"`, and `"r#as::v20180419"` for a product named like a Rust keyword.
    ///
    /// ```
    /// for m in tencentcloud_errors::modules() {
    ///     let product = m.product().unwrap_or("common");
    ///     assert!(m.path() == product || m.path().starts_with(&format!("{product}::")) || m.path().starts_with(&format!("r#{product}")));
    /// }
    /// ```
    #[inline]
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// The product (`"cvm"`), or `None` for the common codes.
    #[inline]
    pub const fn product(&self) -> Option<&'static str> {
        self.product
    }

    /// The API version as the module names it (`"v20170312"`), for products documented per
    /// version.
    #[inline]
    pub const fn version(&self) -> Option<&'static str> {
        self.version
    }

    /// Whether this is the module of the common codes.
    #[inline]
    pub const fn is_common(&self) -> bool {
        self.product.is_none()
    }

    /// The module's table.
    #[cfg(test)]
    pub(crate) fn table(&self) -> &'static Table {
        self.table
    }

    /// How many codes the module has.
    #[inline]
    pub const fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the module has no code.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.table.len() == 0
    }

    /// The code of this module whose string is exactly `code`.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn get(&'static self, code: &str) -> Option<CodeInfo> {
        let row = self.table.find(code)?;
        Some(CodeInfo {
            module: self,
            row: self.table.row(row),
        })
    }

    /// Every code of the module, in byte order of the code.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn codes(&'static self) -> impl ExactSizeIterator<Item = CodeInfo> + Clone {
        self.table
            .rows()
            .map(move |row| CodeInfo { module: self, row })
    }

    /// Whether the module belongs to `product`.
    #[inline]
    fn is_of(&self, product: &str) -> bool {
        match self.product {
            Some(name) => name == product,
            None => product == "common",
        }
    }

    /// Whether the module is API version `wanted` (a date, see [`ApiVersion`]) of a product
    /// documented per version; `false` for a module without a version.
    #[inline]
    fn is_version(&self, wanted: ApiVersion) -> bool {
        self.version.and_then(ApiVersion::parse) == Some(wanted)
    }
}

/// An API version, as the date it names: `v20170312`, `20170312`, `2017-03-12` and `2017-3-12`
/// are all March 12th, 2017. Anything else is not a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ApiVersion {
    year: u16,
    month: u8,
    day: u8,
}

impl ApiVersion {
    #[cfg_attr(not(debug_assertions), inline)]
    fn parse(text: &str) -> Option<ApiVersion> {
        let number = |s: &str| -> Option<u16> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.bytes().fold(0u16, |n, b| n * 10 + u16::from(b - b'0')))
        };
        let digits = text.strip_prefix('v').unwrap_or(text);
        let (year, month, day) = if digits.contains('-') {
            let mut parts = digits.split('-');
            let year = parts.next().filter(|y| y.len() == 4)?;
            let month = parts.next().filter(|m| m.len() <= 2)?;
            let day = parts.next().filter(|d| d.len() <= 2)?;
            if parts.next().is_some() || text.starts_with('v') {
                return None;
            }
            (number(year)?, number(month)?, number(day)?)
        } else if digits.len() == 8 {
            let (year, rest) = digits.split_at(4);
            let (month, day) = rest.split_at(2);
            (number(year)?, number(month)?, number(day)?)
        } else {
            return None;
        };
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(ApiVersion {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl fmt::Debug for Module {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Module")
            .field("path", &self.path)
            .field("codes", &self.table.len())
            .finish()
    }
}

impl PartialEq for Module {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl Eq for Module {}

/// One documented code, found by string: its texts, family and classes, and the module that
/// documents it.
///
/// ```
/// let info = tencentcloud_errors::lookup("common", None, "InternalError").unwrap();
/// assert_eq!(info.as_str(), "InternalError");
/// assert_eq!(info.module().path(), "common");
/// assert!(info.classes().is_server_error());
/// ```
#[derive(Clone, Copy)]
pub struct CodeInfo {
    module: &'static Module,
    row: Row,
}

impl CodeInfo {
    #[inline]
    pub(crate) fn new(module: &'static Module, row: Row) -> CodeInfo {
        CodeInfo { module, row }
    }

    /// The API actions that list the code: the actions of its module; for a common code, the
    /// actions of every module compiled in that list it.
    ///
    /// ```
    /// use tencentcloud_errors::modules;
    ///
    /// // With the `cvm` feature, `lookup("cvm", None, "InvalidImageId.NotFound")` names
    /// // `RunInstances` among its actions.
    /// for action in modules().iter().flat_map(|m| m.actions()) {
    ///     for code in action.codes() {
    ///         assert!(code.actions().any(|listing| listing == action));
    ///     }
    /// }
    /// ```
    #[inline]
    pub fn actions(&self) -> impl Iterator<Item = Action> {
        actions::actions_listing(self.module, self.row.code)
    }

    /// The code exactly as the API returns it.
    #[inline]
    pub fn as_str(&self) -> &'static str {
        self.row.code
    }

    /// The documented description in `lang` (see [`Code::message`](crate::Code::message)).
    #[inline]
    pub fn message(&self, lang: Lang) -> &'static str {
        self.row.message(lang)
    }

    /// The code up to its first dot (see [`Code::family`](crate::Code::family)).
    #[inline]
    pub fn family(&self) -> &'static str {
        family_of(self.row.code)
    }

    /// The common code that names the code's family (see
    /// [`Code::common_family`](crate::Code::common_family)).
    #[inline]
    pub fn common_family(&self) -> Option<crate::common::ErrorCode> {
        common_family_of(self.row.code)
    }

    /// What a client can do about the error: the classes of its
    /// [category](CodeInfo::category) (see [`Code::classes`](crate::Code::classes)).
    #[inline]
    pub fn classes(&self) -> Classes {
        self.category().classes()
    }

    /// What kind of failure the code reports, as the rules decided it for this module's code
    /// (see [`Code::category`](crate::Code::category)).
    ///
    /// ```
    /// use tencentcloud_errors::{lookup, Category};
    ///
    /// let info = lookup("common", None, "ResourceNotFound").unwrap();
    /// assert_eq!(info.category(), Category::NotFound);
    /// assert_eq!(info.category().http_status(), 404);
    /// ```
    #[inline]
    pub fn category(&self) -> Category {
        self.category_rule()
            .map_or(Category::Unknown, CategoryRule::category)
    }

    /// The rule of `categories.tsv` that decided the code's category, or `None` when no rule
    /// did: what `explain` prints, so that a surprising category traces back to one line.
    #[inline]
    pub fn category_rule(&self) -> Option<&'static CategoryRule> {
        self.row.category_rule()
    }

    /// The module that documents the code.
    #[inline]
    pub fn module(&self) -> &'static Module {
        self.module
    }

    /// The code's variant as a program names it, for a `match` arm: prints as
    /// `tencentcloud_errors::cvm::v20170312::ErrorCode::InvalidImageIdNotFound`. `None` for a
    /// code an action lists that no table has (see [`Action::codes`](crate::Action::codes)):
    /// it has no variant.
    ///
    /// ```
    /// let info = tencentcloud_errors::lookup("common", None, "AuthFailure.SignatureExpire").unwrap();
    /// assert_eq!(
    ///     info.variant_path().unwrap().to_string(),
    ///     "tencentcloud_errors::common::ErrorCode::AuthFailureSignatureExpire"
    /// );
    /// ```
    #[inline]
    pub fn variant_path(&self) -> Option<VariantPath> {
        self.module.table.find(self.row.code)?;
        Some(VariantPath {
            module: self.module.path,
            row: self.row,
        })
    }
}

/// The path of a code's variant in this crate ([`CodeInfo::variant_path`]).
#[derive(Clone, Copy)]
pub struct VariantPath {
    module: &'static str,
    row: Row,
}

impl fmt::Display for VariantPath {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "tencentcloud_errors::{}::ErrorCode::", self.module)?;
        self.row.write_name(f)
    }
}

impl fmt::Debug for VariantPath {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VariantPath({self})")
    }
}

impl fmt::Debug for CodeInfo {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CodeInfo")
            .field("module", &self.module.path)
            .field("code", &self.row.code)
            .finish()
    }
}

/// The code string.
impl fmt::Display for CodeInfo {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.row.code)
    }
}

impl PartialEq for CodeInfo {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.module == other.module && self.row.code == other.row.code
    }
}

impl Eq for CodeInfo {}

/// Every module compiled into the crate: `common` first, then the products whose feature is on,
/// by path (so the versions of a product are oldest first).
#[inline]
pub fn modules() -> &'static [Module] {
    crate::MODULES
}

/// The module of `product`, compiled in, at `version`: written as the module writes it
/// (`v20170312`) or as API requests do (`2017-03-12`, and `2017-3-12` read as meant). Without a
/// version, the newest one. A product documented without versions is the same module at every
/// version. `"common"` names the common codes.
///
/// `None` when the product is not compiled in (no such product, or its feature is off), when it
/// has no module of that version (the crate is older than the API: [`lookup`] then answers from
/// the newest version it has, and says so), or when `version` is not a date (`"2019-7"`,
/// `"latest"`): a version the crate cannot read is refused, never taken for another.
/// `module(product, None)` tells whether the product is compiled in at all.
///
/// ```
/// use tencentcloud_errors::{module, modules};
///
/// for m in modules().iter().filter(|m| !m.is_common()) {
///     let product = m.product().unwrap();
///     assert_eq!(module(product, m.version()), Some(m));
///     assert!(module(product, None).is_some());
///     assert!(module(product, Some("latest")).is_none());
/// }
/// assert!(module("no-such-product", None).is_none());
/// ```
#[inline]
pub fn module(product: &str, version: Option<&str>) -> Option<&'static Module> {
    module_in(modules(), product, version)
}

#[cfg_attr(not(debug_assertions), inline)]
fn module_in(
    modules: &'static [Module],
    product: &str,
    version: Option<&str>,
) -> Option<&'static Module> {
    let of_product = || modules.iter().rev().filter(move |m| m.is_of(product));
    let Some(wanted) = version else {
        return of_product().next();
    };
    let wanted = ApiVersion::parse(wanted)?;
    // A product documented per version has the versions it has. Its module without a version,
    // if any, holds what an earlier layout documented, and is no version's.
    let versioned = of_product().any(|m| m.version.is_some());
    of_product().find(|m| {
        if versioned {
            m.is_version(wanted)
        } else {
            true
        }
    })
}

/// A code of `product` (at `version`, see [`module`]) by its string: the product's own table
/// first, so that a code the product documents comes with the product's text, then the common
/// table. Without a version, every module of the product is searched, newest version first.
///
/// A version the crate does not document (a client calling an API version newer than this
/// crate) is answered by the newest version the crate has of the product, then the common
/// table: [`CodeInfo::module`] says which module answered, and its
/// [`version`](Module::version) is the one the text is from. `None` when the product is not
/// compiled in (no such product, or its feature is off), when `version` is not a date (see
/// [`module`]: it is refused, not answered by another version), or when neither table has the
/// code; `module(product, None)` tells the first case from the last.
///
/// ```
/// use tencentcloud_errors::{lookup, modules};
///
/// // Every product compiled in finds its own codes, and the common ones.
/// for m in modules().iter().filter(|m| !m.is_common()) {
///     let (product, version) = (m.product().unwrap(), m.version());
///     for code in m.codes() {
///         let found = lookup(product, version, code.as_str()).unwrap();
///         // The code itself; for a code one language spells with other capitals, the code
///         // that spelling stands for.
///         assert_eq!(found.module(), m);
///         assert!(found.as_str().eq_ignore_ascii_case(code.as_str()));
///     }
///     assert_eq!(lookup(product, version, "InternalError").unwrap().as_str(), "InternalError");
///     assert!(lookup(product, version, "NoSuch.Code").is_none());
///     // An API version from the future still finds the common codes.
///     let future = lookup(product, Some("2099-01-01"), "InternalError").unwrap();
///     assert_eq!(future.as_str(), "InternalError");
/// }
/// ```
#[inline]
pub fn lookup(product: &str, version: Option<&str>, code: &str) -> Option<CodeInfo> {
    lookup_in(modules(), product, version, code)
}

#[cfg_attr(not(debug_assertions), inline)]
fn lookup_in(
    modules: &'static [Module],
    product: &str,
    version: Option<&str>,
    code: &str,
) -> Option<CodeInfo> {
    let of_product = || {
        modules
            .iter()
            .rev()
            .filter(move |m| !m.is_common() && m.is_of(product))
    };
    let common = || modules.iter().find(|m| m.is_common())?.get(code);
    if product != "common" && of_product().next().is_none() {
        return None;
    }
    match version {
        None => of_product().find_map(|m| m.get(code)).or_else(common),
        Some(version) => {
            // Refused, not answered by another version: a version that is not a date.
            ApiVersion::parse(version)?;
            match module_in(modules, product, Some(version)).filter(|m| !m.is_common()) {
                Some(module) => module.get(code).or_else(common),
                // A version the crate does not have: the newest it has.
                None => of_product()
                    .next()
                    .and_then(|m| m.get(code))
                    .or_else(common),
            }
        }
    }
}

/// Every module compiled in that documents `code`, `common` first: what `explain` lists.
///
/// ```
/// use tencentcloud_errors::documented_in;
///
/// let paths: Vec<&str> = documented_in("InternalError")
///     .map(|info| info.module().path())
///     .collect();
/// // `common`, then every product compiled in whose page lists the code again.
/// assert_eq!(paths.first(), Some(&"common"));
/// assert!(documented_in("NoSuch.Code").next().is_none());
/// ```
#[inline]
pub fn documented_in(code: &str) -> impl Iterator<Item = CodeInfo> + '_ {
    modules().iter().filter_map(move |module| module.get(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rows of a code and two empty texts.
    const COMMON: &str = "InternalError\x1f\x1f\x1eResourceNotFound\x1f\x1f\x1e";
    const MOVED: &str = "Moved.Away\x1f\x1f\x1eShared\x1f\x1f\x1e";
    const OLD: &str = "Old.Only\x1f\x1f\x1eShared\x1f\x1f\x1e";
    const NEW: &str = "New.Only\x1f\x1f\x1eShared\x1f\x1f\x1e";
    const PLAIN: &str = "InternalError\x1f\x1f\x1e";
    static ROWS: [[u8; 16]; 4] = [
        Table::rows_of(COMMON),
        Table::rows_of(MOVED),
        Table::rows_of(OLD),
        Table::rows_of(NEW),
    ];
    static PLAIN_ROWS: [u8; 8] = Table::rows_of(PLAIN);
    static TABLES: [Table; 5] = [
        Table::sorted(COMMON, &ROWS[0]),
        Table::sorted(MOVED, &ROWS[1]),
        Table::sorted(OLD, &ROWS[2]),
        Table::sorted(NEW, &ROWS[3]),
        Table::sorted(PLAIN, &PLAIN_ROWS),
    ];

    /// As the crate lists them, by path: `cvm` moved from one page to a page per version, and
    /// keeps its unversioned module of deprecated codes.
    static MODULES: [Module; 5] = [
        Module::new("common", None, None, &TABLES[0]),
        Module::new("cvm", Some("cvm"), None, &TABLES[1]),
        Module::new("cvm::v20170312", Some("cvm"), Some("v20170312"), &TABLES[2]),
        Module::new("cvm::v20180101", Some("cvm"), Some("v20180101"), &TABLES[3]),
        Module::new("tag", Some("tag"), None, &TABLES[4]),
    ];

    fn path(info: Option<CodeInfo>) -> Option<&'static str> {
        info.map(|i| i.module().path())
    }

    #[test]
    fn versions_are_read_as_dates_and_default_to_the_newest() {
        let found = |p, v| module_in(&MODULES, p, v).map(Module::path);
        for version in ["v20170312", "2017-03-12", "2017-3-12", "20170312"] {
            assert_eq!(
                found("cvm", Some(version)),
                Some("cvm::v20170312"),
                "{version}"
            );
        }
        assert_eq!(found("cvm", None), Some("cvm::v20180101"));
        assert_eq!(found("cvm", Some("2019-01-01")), None);
        assert_eq!(found("tag", Some("2018-08-13")), Some("tag"));
        assert_eq!(found("common", None), Some("common"));
        assert_eq!(found("nope", None), None);
    }

    #[test]
    fn a_version_that_is_not_a_date_is_refused_not_answered_by_another() {
        for malformed in [
            "vv20170312",
            "2017-03",
            "2017-03-12-1",
            "v2017-03-12",
            "2017-13-01",
            "2017-00-10",
            "17-03-12",
            "latest",
            "",
        ] {
            assert_eq!(
                module_in(&MODULES, "cvm", Some(malformed)),
                None,
                "{malformed}"
            );
            assert_eq!(
                module_in(&MODULES, "tag", Some(malformed)),
                None,
                "{malformed}"
            );
            for code in ["New.Only", "InternalError"] {
                assert!(
                    lookup_in(&MODULES, "cvm", Some(malformed), code).is_none(),
                    "{malformed}"
                );
            }
        }
        assert_eq!(
            ApiVersion::parse("2019-7-11"),
            ApiVersion::parse("v20190711")
        );
    }

    #[test]
    fn the_product_is_searched_before_common_and_newest_first() {
        let look = |p, v, c| path(lookup_in(&MODULES, p, v, c));
        assert_eq!(look("cvm", None, "Shared"), Some("cvm::v20180101"));
        assert_eq!(look("cvm", None, "Old.Only"), Some("cvm::v20170312"));
        assert_eq!(look("cvm", Some("2018-01-01"), "Old.Only"), None);
        assert_eq!(
            look("cvm", Some("2018-01-01"), "InternalError"),
            Some("common")
        );
        assert_eq!(look("tag", None, "InternalError"), Some("tag"));
        assert_eq!(look("common", None, "InternalError"), Some("common"));
        // A product that is not compiled in finds nothing, not even common codes.
        assert_eq!(look("nope", None, "InternalError"), None);
    }

    #[test]
    fn the_module_an_earlier_layout_left_is_no_version_s() {
        let look = |v, c| path(lookup_in(&MODULES, "cvm", v, c));
        // Without a version, its deprecated codes are still found, after every version's.
        assert_eq!(look(None, "Moved.Away"), Some("cvm"));
        assert_eq!(look(None, "Shared"), Some("cvm::v20180101"));
        // At a version, it is not that version's module.
        assert_eq!(look(Some("2017-03-12"), "Moved.Away"), None);
        assert_eq!(look(Some("2018-01-01"), "Moved.Away"), None);
        assert_eq!(
            module_in(&MODULES, "cvm", Some("2017-03-12")).map(Module::path),
            Some("cvm::v20170312")
        );
    }

    #[test]
    fn a_version_the_crate_does_not_have_is_answered_by_the_newest_then_common() {
        let look = |p, v, c| path(lookup_in(&MODULES, p, v, c));
        for future in ["2099-01-01", "v20990101", "2000-01-01"] {
            assert_eq!(
                look("cvm", Some(future), "InternalError"),
                Some("common"),
                "{future}"
            );
            assert_eq!(
                look("cvm", Some(future), "New.Only"),
                Some("cvm::v20180101")
            );
            assert_eq!(look("cvm", Some(future), "Shared"), Some("cvm::v20180101"));
            // Only the newest version answers: an older one's codes are not the API's now.
            assert_eq!(look("cvm", Some(future), "Old.Only"), None);
            assert_eq!(look("cvm", Some(future), "Moved.Away"), None);
        }
        assert_eq!(
            module_in(&MODULES, "cvm", Some("2099-01-01")).map(Module::path),
            None
        );
    }
}
