//! Stage 7, write: the generated files onto disk, all at once or not at all, and the check that
//! what is on disk is what would be written.

use std::io;
use std::path::{Path, PathBuf};

/// One file of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the crate root, with `/` separators.
    pub path: String,
    /// The full contents.
    pub contents: String,
}

impl OutputFile {
    /// A file at `path` with `contents`.
    pub fn new(path: impl Into<String>, contents: String) -> Self {
        OutputFile {
            path: path.into(),
            contents,
        }
    }
}

/// Entries of an output folder that are not the generator's and survive a regen: a build of a
/// standalone crate leaves them there.
const KEPT: &[&str] = &["target", "Cargo.lock"];

/// How a file on disk differs from what regen would write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stale {
    /// Regen would write it; it is not there.
    Missing(String),
    /// It is there with other contents.
    Differs(String),
    /// It is there and regen would not write it.
    Extra(String),
}

impl Stale {
    /// The file's path relative to the crate root.
    pub fn path(&self) -> &str {
        match self {
            Stale::Missing(p) | Stale::Differs(p) | Stale::Extra(p) => p,
        }
    }
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "{p} (missing)"),
            Stale::Differs(p) => write!(f, "{p} (out of date)"),
            Stale::Extra(p) => write!(f, "{p} (not generated: regen would remove it)"),
        }
    }
}

/// Line ends are not content: a checkout with `core.autocrlf` must not look stale.
fn normalize_newlines(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\r') {
        s.replace("\r\n", "\n").into()
    } else {
        s.into()
    }
}

/// Compares `dir` with `files`: every file that is missing, different or extra, sorted by path.
/// A missing `dir` makes every file missing.
pub fn stale_files(dir: &Path, files: &[OutputFile]) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for file in files {
        match std::fs::read(dir.join(&file.path)) {
            Ok(bytes) => {
                let on_disk = String::from_utf8_lossy(&bytes);
                if normalize_newlines(&on_disk) != normalize_newlines(&file.contents) {
                    stale.push(Stale::Differs(file.path.clone()));
                }
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                stale.push(Stale::Missing(file.path.clone()))
            }
            Err(err) => return Err(err),
        }
    }
    if dir.is_dir() {
        let mut on_disk = Vec::new();
        list_files(dir, "", &mut on_disk)?;
        for path in on_disk {
            if !files.iter().any(|f| f.path == path) {
                stale.push(Stale::Extra(path));
            }
        }
    }
    stale.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(stale)
}

fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if prefix.is_empty() && KEPT.contains(&name.as_str()) {
            continue;
        }
        let rel = format!("{prefix}{name}");
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), &format!("{rel}/"), out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

/// Writes `files` as the whole contents of `dir`, atomically: the new crate is written to a
/// temporary folder beside `dir` and swapped in only when complete, so an error at any point
/// leaves `dir` as it was. Nothing is touched when `dir` already holds exactly these files (so
/// builds that depend on the crate are not invalidated). Returns what changed.
pub fn write_atomically(dir: &Path, files: &[OutputFile]) -> io::Result<Vec<Stale>> {
    let changes = stale_files(dir, files)?;
    if changes.is_empty() {
        return Ok(changes);
    }
    let tmp = sibling(dir, "regen-tmp")?;
    let old = sibling(dir, "regen-old")?;
    for leftover in [&tmp, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)?;
        }
    }
    let result = write_all(&tmp, files).and_then(|()| swap(dir, &tmp, &old));
    if result.is_err() && tmp.exists() {
        // Best effort: the error being returned is the one that matters.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result.map(|()| changes)
}

fn write_all(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    for file in files {
        let path = root.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &file.contents)?;
    }
    Ok(())
}

/// `dir` → `old`, `tmp` → `dir`, then `old` removed; the kept entries move across.
fn swap(dir: &Path, tmp: &Path, old: &Path) -> io::Result<()> {
    if !dir.exists() {
        return std::fs::rename(tmp, dir);
    }
    for kept in KEPT {
        let from = dir.join(kept);
        if from.exists() {
            std::fs::rename(&from, tmp.join(kept))?;
        }
    }
    std::fs::rename(dir, old)?;
    if let Err(err) = std::fs::rename(tmp, dir) {
        // Put the old crate back before reporting.
        std::fs::rename(old, dir)?;
        return Err(err);
    }
    std::fs::remove_dir_all(old)
}

fn sibling(dir: &Path, suffix: &str) -> io::Result<PathBuf> {
    let name = dir.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{}` does not name a folder", dir.display()),
        )
    })?;
    let parent = dir.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{}.{suffix}", name.to_string_lossy())))
}
