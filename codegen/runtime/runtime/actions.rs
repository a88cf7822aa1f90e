//! The API actions of a module and the codes each may return, as static data: one string of
//! names, and the codes as row numbers into the module's table (or the common table), packed in
//! byte strings. No code is generated per action: a module adds one table and one typed list,
//! whatever its number of actions, and finding an action by name is one hash and one
//! comparison, as finding a code is.

use core::fmt;
use core::marker::PhantomData;

use super::lookup::{CodeInfo, Module};
use super::view::CodeView;
use super::{hash, layout, Code, Row, Table};

/// Ends a name in [`ActionTable`]'s names, and an unlisted code in its unlisted codes.
const NAME_END: u8 = 0x1f;

/// The actions of one module.
///
/// - `names`: every action's name followed by U+001F, sorted by name (byte order).
/// - `entries`: for each action and one more at the end, 8 bytes, little-endian: where its name
///   starts in `names` (`u32`) and where its codes start in `codes` (`u32`, counted in codes).
/// - `codes`: each code two bytes, little-endian: below the module's row count a row of the
///   module's table; then a row of the common table; then one of `unlisted`, by position.
/// - `unlisted`: the codes listed that neither table has, each followed by U+001F.
/// - the perfect-hash index of the names (see [`hash`]): a seed, a `u32` displacement per
///   bucket and a `u16` action per slot (65535 for none), little-endian.
#[derive(Debug)]
pub struct ActionTable {
    table: &'static Table,
    names: &'static str,
    entries: &'static [u8],
    codes: &'static [u8],
    unlisted: &'static str,
    seed: u64,
    displacements: &'static [u8],
    slots: &'static [u8],
}

/// Where one listed code is.
#[derive(Clone, Copy)]
enum Listed {
    /// A row of the module's table.
    Module(usize),
    /// A row of the common table.
    Common(usize),
    /// A code neither table has.
    Unlisted(&'static str),
}

#[inline]
fn u16_at(bytes: &[u8], i: usize) -> Option<usize> {
    layout::u16_at(bytes, i).map(usize::from)
}

#[cfg_attr(not(debug_assertions), inline)]
fn u32_at(bytes: &[u8], i: usize) -> Option<usize> {
    // `usize` is at least 32 bits on every target the crate builds for (`check_sizes` keeps
    // every count far below 4 GiB anyway).
    layout::u32_at(bytes, i).map(|n| n as usize)
}

/// The table of a module with no action.
pub(crate) static NO_ACTIONS: ActionTable =
    ActionTable::indexed(&super::EMPTY_TABLE, "", &[0; 8], &[], "", 0, &[], &[]);

impl ActionTable {
    /// A generated table of actions (the format is documented on the type).
    #[allow(clippy::too_many_arguments)]
    #[cfg_attr(not(debug_assertions), inline)]
    pub(crate) const fn indexed(
        table: &'static Table,
        names: &'static str,
        entries: &'static [u8],
        codes: &'static [u8],
        unlisted: &'static str,
        seed: u64,
        displacements: &'static [u8],
        slots: &'static [u8],
    ) -> ActionTable {
        ActionTable {
            table,
            names,
            entries,
            codes,
            unlisted,
            seed,
            displacements,
            slots,
        }
    }

    /// How many actions.
    #[inline]
    pub(crate) const fn len(&self) -> usize {
        (self.entries.len() / 8).saturating_sub(1)
    }

    /// Entry `i`: where its name and its codes start.
    #[cfg_attr(not(debug_assertions), inline)]
    fn entry(&self, i: usize) -> Option<(usize, usize)> {
        Some((
            u32_at(self.entries, 2 * i)?,
            u32_at(self.entries, 2 * i + 1)?,
        ))
    }

    /// The name of action `i`.
    #[cfg_attr(not(debug_assertions), inline)]
    fn name(&self, i: usize) -> &'static str {
        let (Some((start, _)), Some((end, _))) = (self.entry(i), self.entry(i + 1)) else {
            return "";
        };
        // The next name starts after this one's end mark.
        self.names.get(start..end.saturating_sub(1)).unwrap_or("")
    }

    /// The positions in `codes` of action `i`'s codes.
    #[cfg_attr(not(debug_assertions), inline)]
    fn code_range(&self, i: usize) -> core::ops::Range<usize> {
        match (self.entry(i), self.entry(i + 1)) {
            (Some((_, start)), Some((_, end))) => start..end.max(start),
            _ => 0..0,
        }
    }

    /// The action named exactly `name`: one hash and one comparison.
    #[cfg_attr(not(debug_assertions), inline)]
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let buckets = self.displacements.len() / 4;
        let slots = self.slots.len() / 2;
        if buckets == 0 || slots == 0 {
            return None;
        }
        let h = hash::hash(self.seed, name.as_bytes());
        let displacement = u32_at(self.displacements, hash::bucket(h, buckets))? as u32;
        let i = u16_at(self.slots, hash::slot(h, displacement, slots))?;
        (i < self.len() && self.name(i) == name).then_some(i)
    }

    /// Where the `n`th listed code is.
    #[cfg_attr(not(debug_assertions), inline)]
    fn listed(&self, n: usize) -> Option<Listed> {
        let value = u16_at(self.codes, n)?;
        let module_rows = self.table.len();
        let common_rows = crate::common::TABLE.len();
        Some(if value < module_rows {
            Listed::Module(value)
        } else if value - module_rows < common_rows {
            Listed::Common(value - module_rows)
        } else {
            let k = value - module_rows - common_rows;
            let code = self
                .unlisted
                .split(NAME_END as char)
                .nth(k)
                .unwrap_or_default();
            Listed::Unlisted(code)
        })
    }

    /// The code string of a listed code.
    #[cfg_attr(not(debug_assertions), inline)]
    fn code_of(&self, listed: Listed) -> &'static str {
        match listed {
            Listed::Module(row) => self.table.code(row),
            Listed::Common(row) => crate::common::TABLE.code(row),
            Listed::Unlisted(code) => code,
        }
    }

    /// Whether action `i` lists the code at `value` in `codes`.
    #[cfg_attr(not(debug_assertions), inline)]
    fn lists(&self, i: usize, value: usize) -> bool {
        self.code_range(i)
            .any(|n| u16_at(self.codes, n) == Some(value))
    }

    /// The value in `codes` that stands for `code`, if any action could list it.
    #[cfg_attr(not(debug_assertions), inline)]
    fn value_of(&self, code: &str) -> Option<usize> {
        if let Some(row) = self.table.find(code) {
            return Some(row);
        }
        let module_rows = self.table.len();
        if let Some(row) = crate::common::TABLE.find(code) {
            return Some(module_rows + row);
        }
        let k = self
            .unlisted
            .split(NAME_END as char)
            .position(|listed| !listed.is_empty() && listed == code)?;
        Some(module_rows + crate::common::TABLE.len() + k)
    }
}

/// One API action of a module, found by string ([`Module::action`], [`Module::actions`]), with
/// the codes its documentation says it may return.
///
/// ```
/// use tencentcloud_errors::modules;
///
/// for module in modules() {
///     for action in module.actions() {
///         assert_eq!(module.action(action.name()), Some(action));
///         for code in action.codes() {
///             // Each code the way `lookup` gives it: the module's own text first, then common.
///             assert!(code.actions().any(|a| a == action));
///         }
///     }
/// }
/// ```
#[derive(Clone, Copy)]
pub struct Action {
    module: &'static Module,
    index: usize,
}

impl Action {
    #[inline]
    pub(crate) fn new(module: &'static Module, index: usize) -> Action {
        Action { module, index }
    }

    /// The action's name, as API requests write it: `"RunInstances"`.
    #[inline]
    pub fn name(&self) -> &'static str {
        self.module.action_table().name(self.index)
    }

    /// The module whose action it is.
    #[inline]
    pub fn module(&self) -> &'static Module {
        self.module
    }

    /// The codes the action may return, in the documentation's order (the Chinese pages' list,
    /// then the codes only the English pages list): each as [`lookup`](crate::lookup) gives it,
    /// the module's own code first, else the common one. A listed code that neither table has
    /// comes with no text; its family, category and classes still follow from its string
    /// ([`categorize`](crate::categorize)).
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn codes(&self) -> impl ExactSizeIterator<Item = CodeInfo> + Clone {
        let module = self.module;
        let table = module.action_table();
        table.code_range(self.index).map(move |n| {
            let listed = table.listed(n).unwrap_or(Listed::Unlisted(""));
            match listed {
                Listed::Module(row) => CodeInfo::new(module, table.table.row(row)),
                Listed::Common(row) => {
                    CodeInfo::new(common_module(), crate::common::TABLE.row(row))
                }
                Listed::Unlisted(code) => CodeInfo::new(
                    module,
                    Row {
                        code,
                        rule: super::category::index_for_code(code),
                        ..Row::default()
                    },
                ),
            }
        })
    }

    /// Whether the action lists `code` (exactly).
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn lists(&self, code: &str) -> bool {
        let table = self.module.action_table();
        table
            .value_of(code)
            .is_some_and(|value| table.lists(self.index, value))
    }
}

/// The module of the common codes, always compiled in.
#[cfg_attr(not(debug_assertions), inline)]
fn common_module() -> &'static Module {
    let modules = crate::modules();
    modules
        .iter()
        .find(|m| m.is_common())
        .unwrap_or(&modules[0])
}

impl fmt::Debug for Action {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Action")
            .field("module", &self.module.path())
            .field("name", &self.name())
            .finish()
    }
}

/// The action's name.
impl fmt::Display for Action {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl PartialEq for Action {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.module == other.module && self.index == other.index
    }
}

impl Eq for Action {}

/// The actions of `module`, in byte order of the name.
#[inline]
pub(crate) fn actions_of(module: &'static Module) -> impl ExactSizeIterator<Item = Action> + Clone {
    (0..module.action_table().len()).map(move |i| Action::new(module, i))
}

/// The action of `module` named exactly `name`.
#[inline]
pub(crate) fn action_of(module: &'static Module, name: &str) -> Option<Action> {
    Some(Action::new(module, module.action_table().find(name)?))
}

/// The actions that list `code`: those of `module`, or for the common module those of every
/// module compiled in.
#[cfg_attr(not(debug_assertions), inline)]
pub(crate) fn actions_listing(
    module: &'static Module,
    code: &'static str,
) -> impl Iterator<Item = Action> {
    let searched: &'static [Module] = if module.is_common() {
        crate::modules()
    } else {
        core::slice::from_ref(module)
    };
    searched.iter().flat_map(move |m| {
        let table = m.action_table();
        let value = table.value_of(code);
        actions_of(m).filter(move |a| value.is_some_and(|v| table.lists(a.index, v)))
    })
}

/// The actions of one product module, typed: each action's codes as [`CodeView`]s of the
/// module's `ErrorCode` (`C`), so that a handler for an action matches the codes it may
/// return. Every product module has one, `ACTIONS`, whose documentation lists every action with
/// its codes.
///
/// ```
/// use tencentcloud_errors::{Code, CodeView, Lang};
///
/// # fn demo<C: Code>(actions: &tencentcloud_errors::Actions<C>) {
/// for action in actions.iter() {
///     for view in action.codes() {
///         match view {
///             CodeView::Product(code) => println!("{}: {code}, {}", action.name(), code.message(Lang::En)),
///             CodeView::Common(code) => println!("{}: {code} (common)", action.name()),
///             other => println!("{}: {other} (not documented)", action.name()),
///         }
///     }
/// }
/// # }
/// ```
pub struct Actions<C> {
    table: &'static ActionTable,
    code: PhantomData<fn() -> C>,
}

impl<C: Code> Actions<C> {
    /// Every product module's `ACTIONS`; each is behind its feature.
    #[allow(dead_code)]
    #[cfg_attr(not(debug_assertions), inline)]
    pub(crate) const fn new(table: &'static ActionTable) -> Actions<C> {
        Actions {
            table,
            code: PhantomData,
        }
    }

    /// The action named exactly `name` (`"RunInstances"`): one hash and one comparison.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn get(&self, name: &str) -> Option<ActionCodes<C>> {
        Some(ActionCodes {
            table: self.table,
            index: self.table.find(name)?,
            code: PhantomData,
        })
    }

    /// Every action, in byte order of the name.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ActionCodes<C>> + Clone {
        let table = self.table;
        (0..table.len()).map(move |index| ActionCodes {
            table,
            index,
            code: PhantomData,
        })
    }

    /// How many actions.
    #[inline]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the module has no documented action.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.table.len() == 0
    }
}

impl<C> fmt::Debug for Actions<C> {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Actions")
            .field("len", &self.table.len())
            .finish()
    }
}

/// One action of a product module, typed (see [`Actions`]).
pub struct ActionCodes<C> {
    table: &'static ActionTable,
    index: usize,
    code: PhantomData<fn() -> C>,
}

impl<C> Clone for ActionCodes<C> {
    #[inline]
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for ActionCodes<C> {}

impl<C: Code> ActionCodes<C> {
    /// The action's name: `"RunInstances"`.
    #[inline]
    pub fn name(&self) -> &'static str {
        self.table.name(self.index)
    }

    /// The codes the action may return, in the documentation's order, each as
    /// [`CodeView::new`] sees it: a common code is [`CodeView::Common`] (even where the product
    /// lists it too), a code of the product's table [`CodeView::Product`], and a listed code
    /// neither table has is unknown.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn codes(&self) -> impl ExactSizeIterator<Item = CodeView<'static, C>> + Clone {
        let table = self.table;
        table.code_range(self.index).map(move |n| {
            let code = table.listed(n).map_or("", |listed| table.code_of(listed));
            CodeView::new(code)
        })
    }

    /// The codes of the product's own table the action may return (common codes left out).
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn product_codes(&self) -> impl Iterator<Item = C> + Clone {
        self.codes().filter_map(|view| match view {
            CodeView::Product(code) => Some(code),
            _ => None,
        })
    }

    /// Whether the action lists `code`.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn lists(&self, code: C) -> bool {
        self.table
            .value_of(code.as_str())
            .is_some_and(|value| self.table.lists(self.index, value))
    }
}

impl<C> fmt::Debug for ActionCodes<C> {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ActionCodes")
            .field(&self.table.name(self.index))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::vec::Vec;

    /// What the generator promises about every table of actions it writes: each action is found
    /// by its name and no other string finds it, names are in byte order, every listed code
    /// reads back as a code, and the typed and untyped views give the same codes.
    #[test]
    fn every_action_is_found_by_its_name_and_its_codes_read_back() {
        for module in crate::modules() {
            let table = module.action_table();
            let mut previous = "";
            for (i, action) in module.actions().enumerate() {
                let name = action.name();
                assert!(name > previous, "{module:?}: {name} after {previous}");
                previous = name;
                assert_eq!(module.action(name), Some(action), "{module:?} {name}");
                assert_eq!(table.find(name), Some(i));
                let lower = name.to_lowercase();
                if lower != name {
                    assert!(module.action(&lower).is_none(), "{module:?} {lower}");
                }
                let codes: Vec<CodeInfo> = action.codes().collect();
                assert_eq!(codes.len(), table.code_range(i).len());
                for code in &codes {
                    assert!(!code.as_str().is_empty(), "{module:?} {name}");
                    assert!(action.lists(code.as_str()), "{name} {code}");
                    assert!(code.actions().any(|a| a == action), "{name} {code}");
                }
            }
            assert!(module.action("").is_none());
            // Not an action's name (it has a dot), so no module has it.
            assert!(module.action("No.SuchAction").is_none());
        }
    }
}
