//! The emitted code for a small documentation folder that has every shape the generator handles:
//! a product documented per version, a product named like a Rust keyword, codes whose names
//! collide, a code with no English text, descriptions with markdown, `\|` and a line break.
//! The snapshot is reviewed output: a change to it is a change to what users compile.

use tencentcloud_errors_codegen::{generate, Options};

const ZH_AS: &str = "\
### 公共错误码

| 错误码 | 说明 |
|---|---|
| InternalError | 内部错误。 |
| InvalidParameter | 参数错误。 |

### 业务错误码

| 错误码 | 说明 |
|---|---|
| InternalError. | 系统错误。 |
| InvalidParameter.Conflict | 参数冲突。 |
| InvalidParameterConflict | 参数冲突（另一种）。 |
| ResourceNotFound.Group | 伸缩组 `asg-xxx` 不存在，见[文档](https://example.com/as)。 |
| FailedOperation.Pipe | 值必须是 a\\|b<br>之一。 |

### 接口错误码

| 接口 | 错误码 |
|---|---|
| CreateAutoScalingGroup | InvalidParameter.Conflict |
| CreateAutoScalingGroup | InternalError |
| CreateAutoScalingGroup | FailedOperation.NotInTable |
| DescribeAutoScalingGroups | |
";

const EN_AS: &str = "\
### Common Error Codes

| Error Code | Description |
|---|---|
| InternalError | Internal error. |
| InvalidParameter | Invalid parameter. |

### Business Error Codes

| Error Code | Description |
|---|---|
| InvalidParameter.Conflict | Conflicting parameters. |
| InvalidParameterConflict | Conflicting parameters (the other kind). |
| ResourceNotFound.Group | The scaling group `asg-xxx` does not exist; see the [docs](https://example.com/as). |

### Error Codes by API

| API | Error Code |
|---|---|
| CreateAutoScalingGroup | ResourceNotFound.Group |
| CreateAutoScalingGroup | InvalidParameter.Conflict |
";

#[test]
fn emitted_crate() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    for (rel, text) in [("zh/as/v20180419.md", ZH_AS), ("en/as/v20180419.md", EN_AS)] {
        let path = docs.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let generation = generate(&docs, &tmp.path().join("out"), &Options::default())
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let mut snapshot = String::new();
    for file in &generation.files {
        // The runtime, the `explain` command and its test, and the README are copied verbatim
        // from codegen/runtime/: they are reviewed where they are written.
        let copied = file.path == "README.md"
            || file.path == "src/main.rs"
            || file.path.starts_with("src/runtime")
            || file.path.starts_with("tests/");
        if copied {
            continue;
        }
        snapshot.push_str(&format!("==> {} <==\n{}\n", file.path, file.contents));
    }
    insta::assert_snapshot!(snapshot);
}
