//! A documentation refresh never breaks downstream: the change report, deprecation of removed
//! codes, `--prune`, the semver bump and the CHANGELOG (issue 7).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

use support::{copy_dir, workspace};
use tencentcloud_errors_codegen::ledger::{Status, TextChange};
use tencentcloud_errors_codegen::{changelog, regen, Bump, DocLang, Generation, Options};

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    let new = f(text.clone());
    assert_ne!(new, text, "the edit of {} changed nothing", path.display());
    std::fs::write(path, new).unwrap();
}

/// A copy of `docs-source/` and `generated/`, and the refresh of the issue applied to the docs:
/// one code removed (`NoSuchProduct`, from both languages), two added to `api3`, one text changed.
struct Refresh {
    _tmp: tempfile::TempDir,
    docs: PathBuf,
    out: PathBuf,
    root: PathBuf,
}

impl Refresh {
    fn new() -> Refresh {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let (docs, out) = (root.join("docs"), root.join("generated"));
        copy_dir(&workspace().join("docs-source"), &docs);
        copy_dir(&workspace().join("generated"), &out);
        Refresh {
            _tmp: tmp,
            docs,
            out,
            root,
        }
    }

    fn apply(&self) {
        let drop_line = |needle: &'static str| {
            move |text: String| {
                text.lines()
                    .filter(|l| !l.contains(needle))
                    .map(|l| format!("{l}\n"))
                    .collect::<String>()
            }
        };
        edit(
            &self.docs.join("zh/api3.md"),
            drop_line("| NoSuchProduct |"),
        );
        edit(
            &self.docs.join("en/api3.md"),
            drop_line("| NoSuchProduct |"),
        );
        edit(&self.docs.join("zh/api3.md"), |t| {
            // The page ends with the business table (its last line has a line end by now).
            format!("{t}| InvalidParameter.Foo | 参数 Foo 错误。 |\n| ResourceNotFound.Bar | Bar 不存在。 |\n")
                .replacen("| 接口已下线。 |", "| 接口已经下线。 |", 1)
        });
        edit(&self.docs.join("en/api3.md"), |t| {
            format!("{t}| InvalidParameter.Foo | Parameter Foo is wrong. |\n")
        });
    }

    fn regen(&self, options: &Options) -> Generation {
        regen(&self.docs, &self.out, options).unwrap_or_else(|f| panic!("{}", f.render()))
    }
}

#[test]
fn a_refresh_reports_deprecates_keeps_names_and_suggests_a_minor_release() {
    let refresh = Refresh::new();
    let before = refresh.regen(&Options::default());
    assert!(
        before.changes.is_empty(),
        "generated/ is stale: {:?}",
        before.changes
    );
    // Release what generated/ has pending, so that what follows is this refresh's alone.
    let base = refresh
        .regen(&Options {
            bump: true,
            ..Options::default()
        })
        .version;
    assert!(base.starts_with("0."), "{base}");
    refresh.apply();
    let after = refresh.regen(&Options::default());

    // The report, per module.
    let report = &after.report;
    let common = &report.modules["common"];
    assert_eq!(common.deprecated, ["NoSuchProduct"]);
    assert_eq!(
        common.texts,
        [TextChange {
            code: "ActionOffline".into(),
            lang: DocLang::Zh,
            old: "接口已下线。".into(),
            new: "接口已经下线。".into(),
        }]
    );
    assert!(common.added.is_empty() && common.pruned.is_empty());
    let api3 = &report.modules["api3"];
    assert_eq!(
        api3.added,
        [
            (
                "InvalidParameter.Foo".to_owned(),
                "InvalidParameterFoo".to_owned()
            ),
            (
                "ResourceNotFound.Bar".to_owned(),
                "ResourceNotFoundBar".to_owned()
            ),
        ]
    );
    assert_eq!(report.modules.len(), 2);
    let md = report.to_markdown();
    assert!(
        md.contains("- `NoSuchProduct` is no longer documented: deprecated, still parses"),
        "{md}"
    );
    assert!(
        md.contains("- added `ResourceNotFound.Bar` as `ResourceNotFoundBar`"),
        "{md}"
    );
    assert!(md.contains("\"接口已下线。\" → \"接口已经下线。\""), "{md}");

    // The suggested release, not yet made.
    assert_eq!(report.bump(), Bump::Minor);
    assert_eq!(after.pending, Bump::Minor);
    assert_eq!(after.version, base);

    // The deprecated code: still in the ledger with its last texts, and in the enum, deprecated.
    let entry = &after.ledger.modules["common"]["NoSuchProduct"];
    assert_eq!(entry.name, "NoSuchProduct");
    assert_eq!(entry.zh, "产品不存在");
    assert!(matches!(&entry.status, Status::Removed { after, .. } if *after == base));
    let common_rs = std::fs::read_to_string(refresh.out.join("src/common.rs")).unwrap();
    let variant = common_rs.find("    NoSuchProduct,").unwrap();
    let deprecated = common_rs[..variant].rfind("#[deprecated(").unwrap();
    assert!(common_rs[deprecated..variant].contains(&format!("after version {base}")));
    assert!(
        !common_rs[deprecated..variant].contains("    /// `"),
        "the attribute belongs to NoSuchProduct"
    );

    // Every other name is as it was.
    for (module, entries) in &before.ledger.modules {
        for (code, e) in entries {
            assert_eq!(
                after.ledger.name(module, code),
                Some(e.name.as_str()),
                "{module} {code}"
            );
        }
    }

    // The CHANGELOG has the report under an unreleased heading.
    let log = std::fs::read_to_string(refresh.out.join("CHANGELOG.md")).unwrap();
    let (level, body) = changelog::unreleased(&log).unwrap();
    assert_eq!(level, Bump::Minor);
    assert!(
        body.contains("`NoSuchProduct` is no longer documented"),
        "{body}"
    );

    // `--bump` releases it: 0.x.y → 0.x.(y+1) (below 1.0, Cargo reads the last part as the minor
    // one).
    let released = refresh.regen(&Options {
        bump: true,
        ..Options::default()
    });
    let (major_minor, patch) = base.rsplit_once('.').unwrap();
    let next = format!("{major_minor}.{}", patch.parse::<u32>().unwrap() + 1);
    assert_eq!(released.version, next);
    assert_eq!(released.pending, Bump::None);
    let manifest = std::fs::read_to_string(refresh.out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(&format!("\nversion = \"{next}\"\n")),
        "{manifest}"
    );
    let log = std::fs::read_to_string(refresh.out.join("CHANGELOG.md")).unwrap();
    assert!(changelog::unreleased(&log).is_none());
    let section =
        &log[log.find(&format!("## {next}")).unwrap()..log.find(&format!("## {base}")).unwrap()];
    assert!(
        section.contains("`NoSuchProduct` is no longer documented"),
        "{section}"
    );

    // A code that comes back loses its deprecation and keeps its name.
    copy_dir(&workspace().join("docs-source"), &refresh.docs);
    let back = refresh.regen(&Options::default());
    assert_eq!(back.report.modules["common"].returned, ["NoSuchProduct"]);
    assert_eq!(
        back.ledger.modules["common"]["NoSuchProduct"].status,
        Status::Documented
    );
    let common_rs = std::fs::read_to_string(refresh.out.join("src/common.rs")).unwrap();
    assert!(!common_rs.contains("#[deprecated("));
}

/// Builds (and runs) a crate that matches on `NoSuchProduct`, against the refreshed crate.
fn build_downstream(refresh: &Refresh) -> Output {
    let dir = refresh.root.join("downstream");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"downstream\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ntencentcloud-errors = {{ path = {:?} }}\n\n[workspace]\n",
            refresh.out.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        r#"use tencentcloud_errors::{common::ErrorCode, Code, Lang};

fn handle(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NoSuchProduct => "no such product",
        _ => "other",
    }
}

fn main() {
    let code: ErrorCode = "NoSuchProduct".parse().unwrap();
    assert_eq!(handle(code), "no such product");
    assert_eq!(code.message(Lang::Zh), "产品不存在");
    println!("ok");
}
"#,
    )
    .unwrap();
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", workspace().join("target/corpus-crates"))
        .output()
        .unwrap()
}

#[test]
fn downstream_code_matching_a_removed_code_builds_until_prune() {
    let refresh = Refresh::new();
    refresh.apply();
    refresh.regen(&Options::default());
    let output = build_downstream(&refresh);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "ok\n");
    assert!(
        stderr.contains("deprecated"),
        "no deprecation warning:\n{stderr}"
    );
    assert!(stderr.contains("NoSuchProduct"), "{stderr}");

    let pruned = refresh.regen(&Options {
        prune: true,
        ..Options::default()
    });
    assert_eq!(pruned.report.modules["common"].pruned, ["NoSuchProduct"]);
    assert_eq!(pruned.report.bump(), Bump::Major);
    assert!(matches!(
        pruned.ledger.modules["common"]["NoSuchProduct"].status,
        Status::Pruned { .. }
    ));
    let output = build_downstream(&refresh);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "the downstream crate still builds after --prune"
    );
    assert!(stderr.contains("NoSuchProduct"), "{stderr}");
}
