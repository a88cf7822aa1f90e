//! A regen that fails leaves the crate it would replace byte for byte as it was: on an error in the
//! documentation, on a warning under `--deny-warnings`, and on a write that fails half-way. The
//! crate is a copy of the workspace's `generated/`, regenerated from a copy of `docs-source/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod support;

use support::{copy_dir, workspace};
use tencentcloud_errors_codegen::{regen, Options};

/// Every file under `dir` (and every folder, as an entry with no bytes), by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            if path.is_dir() {
                out.insert(rel, None);
                walk(root, &path, out);
            } else {
                out.insert(rel, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The parent folder holds nothing but the docs and the crate: no temporary folder is left.
fn assert_no_leftovers(parent: &Path) {
    let mut names: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["docs", "generated"]);
}

struct Setup {
    _tmp: tempfile::TempDir,
    parent: PathBuf,
    docs: PathBuf,
    out: PathBuf,
}

/// A copy of `docs-source/` with its Chinese page changed (so that a regen that got through would
/// rewrite `src/common.rs`), and a copy of `generated/`.
fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let parent = tmp.path().to_path_buf();
    let docs = parent.join("docs");
    let out = parent.join("generated");
    copy_dir(&workspace().join("docs-source"), &docs);
    copy_dir(&workspace().join("generated"), &out);
    let page = docs.join("zh/api3.md");
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(text.contains("接口已下线。"));
    std::fs::write(&page, text.replacen("接口已下线。", "接口已经下线。", 1)).unwrap();
    Setup {
        _tmp: tmp,
        parent,
        docs,
        out,
    }
}

#[test]
fn an_error_in_the_documentation_leaves_the_crate_as_it_was() {
    let s = setup();
    std::fs::write(s.docs.join("zh/broken.md"), b"| \xff\xfe |\n").unwrap();
    let before = snapshot(&s.out);
    let failure = regen(&s.docs, &s.out, &Options::default()).unwrap_err();
    assert!(failure.render().contains("not UTF-8"));
    assert!(snapshot(&s.out) == before, "generated/ changed");
    assert_no_leftovers(&s.parent);

    // The same folder without the broken page does regenerate: the check above could fail.
    std::fs::remove_file(s.docs.join("zh/broken.md")).unwrap();
    regen(&s.docs, &s.out, &Options::default()).unwrap_or_else(|f| panic!("{}", f.render()));
    assert!(snapshot(&s.out) != before);
    assert_no_leftovers(&s.parent);
}

#[test]
fn a_warning_under_deny_warnings_leaves_the_crate_as_it_was() {
    let s = setup();
    std::fs::write(
        s.docs.join("zh/extra.md"),
        "| 错误码 | 说明 |\n|---|---|\n| 9003 | 数字 |\n",
    )
    .unwrap();
    let before = snapshot(&s.out);
    let strict = Options {
        deny_warnings: true,
        ..Options::default()
    };
    let failure = regen(&s.docs, &s.out, &strict).unwrap_err();
    assert!(failure.render().contains("`9003` is not an error code"));
    assert!(snapshot(&s.out) == before, "generated/ changed");
    assert_no_leftovers(&s.parent);
}

#[test]
fn a_write_that_fails_half_way_leaves_the_crate_as_it_was() {
    let s = setup();
    let before = snapshot(&s.out);
    // The folder regen writes the new crate into first cannot be made: a file has its name.
    let blocker = s.parent.join(".generated.regen-tmp");
    std::fs::write(&blocker, b"in the way").unwrap();
    let failure = regen(&s.docs, &s.out, &Options::default()).unwrap_err();
    assert!(
        failure.render().contains("cannot write the crate"),
        "{}",
        failure.render()
    );
    assert!(snapshot(&s.out) == before, "generated/ changed");
    std::fs::remove_file(&blocker).unwrap();
    assert_no_leftovers(&s.parent);
}
