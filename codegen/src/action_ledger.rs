//! The record of every action's list, `actions.tsv` in the generated crate, and what a regen
//! changes in the lists: codes added to or dropped from an action, actions added or no longer
//! documented. It goes into the [`ChangeReport`](crate::ChangeReport) under the action's module.
//!
//! Unlike codes, actions leave no trace in the crate's items (a list is data, see
//! [`emit::actions`](crate::emit::actions)), so nothing is kept deprecated: the record only
//! says what the lists were, for the next report.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::Catalog;

/// The record's file name inside the generated crate.
pub const ACTIONS_FILE: &str = "actions.tsv";

const HEADER: &str = "\
# Every API action's list of codes as the crate has it, written by `cargo xtask regen`; do not
# edit by hand. Regen compares the documentation with it to report the codes added to or dropped
# from each action. Columns: module, action, codes (separated by spaces, in the documentation's
# order).
";

/// Every action's codes, by module key (`cvm::v20170312`) and action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionLedger {
    /// module → action → codes.
    pub modules: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

/// What changed in one action's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionChange {
    /// The action.
    pub action: String,
    /// Added, no longer documented, or its list changed.
    pub kind: ActionChangeKind,
    /// Codes it lists now and did not.
    pub added: Vec<String>,
    /// Codes it listed and does not now.
    pub dropped: Vec<String>,
}

/// How an action changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionChangeKind {
    /// A new action.
    Added,
    /// The documentation no longer has the action.
    Removed,
    /// Codes were added to or dropped from its list.
    Changed,
}

impl ActionLedger {
    /// The lists of a catalog.
    pub fn of(catalog: &Catalog) -> ActionLedger {
        let mut modules = BTreeMap::new();
        for module in &catalog.modules {
            if module.actions.is_empty() {
                continue;
            }
            let actions = module
                .actions
                .iter()
                .map(|a| (a.name.clone(), a.codes.clone()))
                .collect();
            modules.insert(module.id.to_string(), actions);
        }
        ActionLedger { modules }
    }

    /// How many actions, in how many modules.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.modules.values().map(BTreeMap::len).sum(),
            self.modules.len(),
        )
    }

    /// Reads a record. `file` names it in diagnostics; malformed lines are errors.
    pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> ActionLedger {
        let mut ledger = ActionLedger::default();
        let mut offset = 0;
        for (index, line) in text.split('\n').enumerate() {
            let start = offset;
            offset += line.len() + 1;
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let valid = match fields[..] {
                [_, action, codes] => {
                    crate::parse::is_action_name(action)
                        && codes
                            .split(' ')
                            .filter(|c| !c.is_empty())
                            .all(crate::parse::is_error_code)
                }
                _ => false,
            };
            if !valid {
                diags.push(
                    Diagnostic::error("a line of the record of actions is not `module<TAB>action<TAB>codes`")
                        .at(Location {
                            file: file.to_owned(),
                            line: Some(index + 1),
                            column: Some(1),
                            span: Some(start..start + line.len()),
                        })
                        .help("the file is written by regen: restore it from version control, or delete it to start the record again"),
                );
                continue;
            }
            let codes = fields[2]
                .split(' ')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect();
            ledger
                .modules
                .entry(fields[0].to_owned())
                .or_default()
                .insert(fields[1].to_owned(), codes);
        }
        ledger
    }

    /// Writes the record: the header, then one line per action, by module and action.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        for (module, actions) in &self.modules {
            for (action, codes) in actions {
                out.push_str(&format!("{module}\t{action}\t{}\n", codes.join(" ")));
            }
        }
        out
    }
}

/// The changes from `previous` to `now`, by module key; only modules with changes.
pub fn diff(previous: &ActionLedger, now: &ActionLedger) -> BTreeMap<String, Vec<ActionChange>> {
    let empty = BTreeMap::new();
    let mut keys: Vec<&String> = previous.modules.keys().chain(now.modules.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = BTreeMap::new();
    for key in keys {
        let before = previous.modules.get(key).unwrap_or(&empty);
        let after = now.modules.get(key).unwrap_or(&empty);
        let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
        names.sort();
        names.dedup();
        let mut changes = Vec::new();
        for name in names {
            let change = match (before.get(name), after.get(name)) {
                (None, Some(codes)) => ActionChange {
                    action: name.clone(),
                    kind: ActionChangeKind::Added,
                    added: codes.clone(),
                    dropped: Vec::new(),
                },
                (Some(codes), None) => ActionChange {
                    action: name.clone(),
                    kind: ActionChangeKind::Removed,
                    added: Vec::new(),
                    dropped: codes.clone(),
                },
                (Some(old), Some(new)) => {
                    let added: Vec<String> =
                        new.iter().filter(|c| !old.contains(c)).cloned().collect();
                    let dropped: Vec<String> =
                        old.iter().filter(|c| !new.contains(c)).cloned().collect();
                    if added.is_empty() && dropped.is_empty() {
                        continue;
                    }
                    ActionChange {
                        action: name.clone(),
                        kind: ActionChangeKind::Changed,
                        added,
                        dropped,
                    }
                }
                (None, None) => continue,
            };
            changes.push(change);
        }
        if !changes.is_empty() {
            out.insert(key.clone(), changes);
        }
    }
    out
}

/// A list of codes for the report: `` `A`, `B` ``.
fn quoted(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ActionChange {
    /// The change as a line of the report.
    pub fn to_markdown(&self) -> String {
        let action = &self.action;
        match self.kind {
            ActionChangeKind::Added if self.added.is_empty() => {
                format!("- action `{action}` added, listing no code\n")
            }
            ActionChangeKind::Added => format!(
                "- action `{action}` added, listing {}\n",
                quoted(&self.added)
            ),
            ActionChangeKind::Removed => {
                format!("- action `{action}` is no longer documented\n")
            }
            ActionChangeKind::Changed => {
                let mut parts = Vec::new();
                if !self.added.is_empty() {
                    parts.push(format!("now also lists {}", quoted(&self.added)));
                }
                if !self.dropped.is_empty() {
                    parts.push(format!("no longer lists {}", quoted(&self.dropped)));
                }
                format!("- action `{action}` {}\n", parts.join("; "))
            }
        }
    }
}
