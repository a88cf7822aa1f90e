//! The workspace README's example of a Tencent Cloud client: a `reqwest` call, its body read
//! with `parse_response`, retried through `tencentcloud-errors`' `backon` feature, and its
//! error explained in the user's language.
//!
//! `src/example.rs` is the README's code block, byte for byte (`tests/readme.rs` checks it), so
//! that the README shows code that compiles; `tests/retry_over_http.rs` runs it against an HTTP
//! server on 127.0.0.1 that answers as Tencent Cloud does.

mod example;

pub use example::{call, describe_regions, explain, print_regions, send, CallError};
