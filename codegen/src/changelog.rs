//! `CHANGELOG.md` of the generated crate: the change reports of every regen, newest first.
//!
//! A regen that changes something adds its report to an `## Unreleased` section, whose heading
//! carries the release the accumulated changes need (`## Unreleased (needs a minor release)`).
//! `regen --bump` turns that section into a release: the heading becomes the new version, and the
//! version goes into the crate's `Cargo.toml`. So a maintainer can regenerate as often as the
//! documentation changes and release when ready, and the release is always big enough.

use crate::ledger::{Bump, ChangeReport};

/// The changelog's file name inside the generated crate.
pub const CHANGELOG_FILE: &str = "CHANGELOG.md";

const TITLE: &str = "\
# Changelog

Changes to the error codes of `tencentcloud-errors`, newest first, written by `cargo xtask regen`
from the documentation it is generated from.
";

const UNRELEASED: &str = "## Unreleased (needs a ";

/// The changelog after a regen, and the crate's version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changelog {
    /// The whole file.
    pub text: String,
    /// The crate's version: the old one, or the bumped one after `--bump`.
    pub version: String,
    /// The release the unreleased changes need ([`Bump::None`] once released, or with none).
    pub pending: Bump,
}

/// The changelog's title block and its sections (each starting with `## `), in order.
fn split(text: &str) -> (&str, Vec<&str>) {
    let mut starts: Vec<usize> = text.match_indices("\n## ").map(|(i, _)| i + 1).collect();
    if text.starts_with("## ") {
        starts.insert(0, 0);
    }
    let title = &text[..starts.first().copied().unwrap_or(text.len())];
    let sections = starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = starts.get(n + 1).copied().unwrap_or(text.len());
            text[start..end].trim_end()
        })
        .collect();
    (title, sections)
}

/// The unreleased section of a changelog: the release it needs and its entries.
pub fn unreleased(text: &str) -> Option<(Bump, &str)> {
    let (_, sections) = split(text);
    let section = sections.first()?.strip_prefix(UNRELEASED)?;
    let (heading, body) = section.split_once('\n').unwrap_or((section, ""));
    let bump = Bump::parse(heading.split(' ').next()?)?;
    Some((bump, body.trim()))
}

/// Adds a regen's report to the changelog `previous` (none for a new crate). With `bump`, the
/// unreleased changes become release `Bump::apply(version)`.
pub fn update(
    previous: Option<&str>,
    report: &ChangeReport,
    version: &str,
    bump: bool,
) -> Changelog {
    let unchanged = |text: &str| Changelog {
        text: text.to_owned(),
        version: version.to_owned(),
        pending: unreleased(text).map_or(Bump::None, |(level, _)| level),
    };
    if report.first || previous.is_none() {
        // A new crate starts at its version with the report of its first generation.
        return unchanged(&format!(
            "{TITLE}\n## {version}\n\n{}",
            report.to_markdown()
        ));
    }
    let previous = previous.unwrap_or(TITLE);
    let (title, mut sections) = split(previous);
    let (pending, pending_body) = match unreleased(previous) {
        Some((level, body)) => {
            sections.remove(0);
            (level, body)
        }
        None => (Bump::None, ""),
    };
    let level = pending.max(report.bump());
    if level == Bump::None {
        return unchanged(previous);
    }
    let mut body = report.to_markdown().trim().to_owned();
    if !pending_body.is_empty() {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(pending_body);
    }
    let (heading, version, pending) = if bump {
        let next = level.apply(version).unwrap_or_else(|| version.to_owned());
        (format!("## {next}"), next, Bump::None)
    } else {
        (
            format!("{UNRELEASED}{level} release)"),
            version.to_owned(),
            level,
        )
    };
    let section = format!("{heading}\n\n{body}");
    let mut text = format!("{}\n\n{section}\n", title.trim_end());
    for s in sections {
        text.push('\n');
        text.push_str(s);
        text.push('\n');
    }
    Changelog {
        text,
        version,
        pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::ModuleChanges;

    fn report_adding(code: &str) -> ChangeReport {
        let mut report = ChangeReport::default();
        report.modules.insert(
            "common".into(),
            ModuleChanges {
                added: vec![(code.into(), code.into())],
                ..ModuleChanges::default()
            },
        );
        report
    }

    #[test]
    fn regens_accumulate_until_a_bump_releases_them() {
        let first = ChangeReport {
            first: true,
            codes: 3,
            ..ChangeReport::default()
        };
        let log = update(None, &first, "0.1.0", false);
        assert!(log.text.contains("## 0.1.0\n\nFirst generation: 3 codes"));

        let log = update(Some(&log.text), &report_adding("A"), "0.1.0", false);
        assert_eq!(log.pending, Bump::Minor);
        assert_eq!(log.version, "0.1.0");
        let log = update(Some(&log.text), &report_adding("B"), "0.1.0", false);
        let (level, body) = unreleased(&log.text).unwrap();
        assert_eq!(level, Bump::Minor);
        // Newest first.
        assert!(
            body.find("`B`").unwrap() < body.find("`A`").unwrap(),
            "{body}"
        );

        let released = update(Some(&log.text), &ChangeReport::default(), "0.1.0", true);
        assert_eq!(released.version, "0.1.1");
        assert_eq!(released.pending, Bump::None);
        assert!(unreleased(&released.text).is_none());
        let first_heading = released.text.find("## 0.1.1").unwrap();
        assert!(first_heading < released.text.find("## 0.1.0").unwrap());
        assert!(released.text[first_heading..].contains("added `A`"));

        // Nothing pending, nothing changed: a bump releases nothing.
        let again = update(
            Some(&released.text),
            &ChangeReport::default(),
            "0.1.1",
            true,
        );
        assert_eq!(again.text, released.text);
        assert_eq!(again.version, "0.1.1");
    }
}
