//! The workspace README shows `src/example.rs`, which this crate compiles and
//! `tests/retry_over_http.rs` runs: the two must not drift apart.

use std::path::Path;

#[test]
fn the_readme_shows_the_example_this_crate_compiles() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
    };
    let readme = read(&crate_dir.join("../../../README.md"));
    let example = read(&crate_dir.join("src/example.rs"));
    // `ignore`: the workspace's README doctests (in codegen) have no reqwest or tokio.
    let block = format!("```rust,ignore\n{example}```\n");
    assert!(
        readme.contains(&block),
        "README.md does not show codegen/tests/http-retry/src/example.rs as it is: copy the file \
         into the README's code block after \"Retrying\""
    );
}
