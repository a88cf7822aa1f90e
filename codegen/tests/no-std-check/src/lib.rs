//! `tencentcloud-errors` with its default features off, in a `#![no_std]` crate that has neither
//! `std` nor `alloc`: the enums, the `Code` trait, messages, categories and classes, lookup, the typed views,
//! the retry policy and the retry budget.
//!
//! In the workspace this builds as a library, against whatever features the rest of the
//! workspace turns on. CI (`.ci/run`) also links it as a program, on its own:
//!
//! ```text
//! cargo rustc -p tencentcloud-errors-no-std-check --lib --crate-type bin -- \
//!     -C panic=abort --cfg no_std_bin -l c
//! ```
//!
//! That program has its own panic handler and no global allocator, so it does not link if
//! `tencentcloud-errors` pulls in `std` (two panic handlers) or `alloc` (no global memory
//! allocator). It is `#![no_main]`: the C start-up code calls its `main`, and nothing else of
//! the C library is used but `abort`, for a panic. Run, it performs every check and exits with 0
//! when all pass, else with the number of the first that failed.

#![no_std]
#![cfg_attr(no_std_bin, no_main)]

use core::fmt::{self, Write};
use core::time::Duration;

use tencentcloud_errors::{
    api3, categorize, classify, common, lookup, modules, Category, Class, Code, CodeView, Lang,
    RetryBudget, RetryPolicy, UnknownCode,
};

/// Runs every check: 0 when all pass, else the number (from 1) of the first that failed.
pub fn run() -> i32 {
    let checks: [fn() -> bool; 13] = [
        parses_and_prints,
        messages_in_both_languages,
        product_codes,
        classes,
        lookup_by_strings,
        views_of_a_code,
        unknown_codes_keep_what_fits,
        long_unknown_codes_cut_alike_stay_apart,
        a_pair_made_to_collide_stays_apart,
        families,
        languages,
        retry_policy,
        retry_budget,
    ];
    for (number, check) in (1..).zip(checks) {
        if !check() {
            return number;
        }
    }
    0
}

/// A fixed buffer to format into, since there is no `String`.
struct Buf {
    bytes: [u8; 256],
    len: usize,
}

impl Buf {
    fn of(value: impl fmt::Display) -> Buf {
        let mut buf = Buf {
            bytes: [0; 256],
            len: 0,
        };
        // A value that does not fit makes the comparison below fail, which is what we want.
        let _ = write!(buf, "{value}");
        buf
    }

    fn is(&self, text: &str) -> bool {
        &self.bytes[..self.len] == text.as_bytes()
    }
}

impl Write for Buf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > self.bytes.len() {
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn parses_and_prints() -> bool {
    let parsed = "AuthFailure.SignatureExpire".parse::<common::ErrorCode>();
    parsed == Ok(common::ErrorCode::AuthFailureSignatureExpire)
        && Buf::of(common::ErrorCode::AuthFailureSignatureExpire).is("AuthFailure.SignatureExpire")
        && common::ErrorCode::ALL
            .iter()
            .all(|&code| code.as_str().parse() == Ok(code))
}

fn messages_in_both_languages() -> bool {
    let code = common::ErrorCode::InternalError;
    code.message(Lang::Zh) == "内部错误。"
        && code.message(Lang::En) == "The service hit an internal error."
}

fn product_codes() -> bool {
    "AuthFailure".parse::<api3::ErrorCode>() == Ok(api3::ErrorCode::AuthFailure)
        && api3::ErrorCode::AuthFailure.message(Lang::Zh) == "CAM签名/鉴权错误。"
}

fn classes() -> bool {
    let uin = common::ErrorCode::RequestLimitExceededUinLimitExceeded.classes();
    uin.is_retryable()
        && uin.contains(Class::Throttling)
        && !common::ErrorCode::AuthFailureSignatureExpire
            .classes()
            .is_retryable()
        && classify("RequestLimitExceeded.NotYetDocumented").is_throttling()
        && Buf::of(uin).is("retryable, throttling")
        && common::ErrorCode::ResourceNotFound.category() == Category::NotFound
        && common::ErrorCode::ResourceNotFound.category().http_status() == 404
        && categorize("OperationDenied.DiskOperationInProgress") == Category::Busy
        && Buf::of(Category::FailedPrecondition).is("failed_precondition")
}

fn lookup_by_strings() -> bool {
    let product = lookup("api3", Some("2017-03-12"), "AuthFailure");
    let common = lookup("api3", None, "InternalError");
    modules().len() == 2
        && product.is_some_and(|info| info.module().path() == "api3")
        && common.is_some_and(|info| {
            info.module().is_common()
                && info.category() == Category::Internal
                && info.category_rule().is_some()
        })
        && lookup("cvm", None, "InternalError").is_none()
}

fn views_of_a_code() -> bool {
    let common = CodeView::<api3::ErrorCode>::new("InternalError");
    let product = CodeView::<api3::ErrorCode>::new("AuthFailure");
    let unknown = CodeView::<api3::ErrorCode>::new("ResourceNotFound.Later");
    common == CodeView::Common(common::ErrorCode::InternalError)
        && product == CodeView::Product(api3::ErrorCode::AuthFailure)
        && !unknown.is_known()
        && unknown.as_str() == "ResourceNotFound.Later"
}

/// 98 bytes, longer than what an unknown code keeps without `alloc`, with a character that
/// straddles the capacity: `中` is bytes 95..98.
const LONG: &str = concat!(
    "FailedOperation.",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "A中"
);

fn unknown_codes_keep_what_fits() -> bool {
    let short = match "NoSuch.Code".parse::<common::ErrorCode>() {
        Err(err) => err,
        Ok(_) => return false,
    };
    let long = UnknownCode::new(LONG);
    LONG.len() == 98
        && UnknownCode::INLINE_CAPACITY == 96
        && short.as_str() == "NoSuch.Code"
        && !short.is_truncated()
        && Buf::of(&short).is("unknown error code `NoSuch.Code`")
        // Cut at the character boundary below the capacity, and said so.
        && long.is_truncated()
        && long.as_str() == &LONG[..95]
        && Buf::of(&long).is(concat!(
            "unknown error code `FailedOperation.",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
            "A` (truncated)"
        ))
}

/// Issue 14: two codes longer than what is kept, equal in their first 96 bytes, are two codes.
fn long_unknown_codes_cut_alike_stay_apart() -> bool {
    use core::hash::{Hash, Hasher};

    /// FNV-1a, as a `Hasher` that needs no allocation.
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    fn hash_of(code: &UnknownCode) -> u64 {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        code.hash(&mut h);
        h.finish()
    }

    let prefix = &LONG[..95];
    let a = UnknownCode::new(LONG);
    // The same 95 bytes kept (a three-byte character straddles the 96-byte limit, as in LONG),
    // then other bytes.
    let mut other = [0u8; 103];
    other[..95].copy_from_slice(prefix.as_bytes());
    other[95..].copy_from_slice("中Other".as_bytes());
    let Ok(other) = core::str::from_utf8(&other) else {
        return false;
    };
    let b = UnknownCode::new(other);
    a.is_truncated()
        && b.is_truncated()
        && a.as_str() == b.as_str()
        && a != b
        && hash_of(&a) != hash_of(&b)
        && a == UnknownCode::new(LONG)
        && hash_of(&a) == hash_of(&UnknownCode::new(LONG))
        && a.clone() == a
}

/// Issue 19, point 8: two codes cut to the same 96 bytes whose tails were searched for (a few
/// thousand tries) to give the 64-bit hash that used to tell cut codes apart the same value.
/// They are two codes, and a hasher sees two.
fn a_pair_made_to_collide_stays_apart() -> bool {
    use core::hash::{Hash, Hasher};

    /// The bytes a value hashes, kept (up to 256), as a `Hasher` that needs no allocation.
    struct Fed {
        bytes: [u8; 256],
        len: usize,
    }
    impl Hasher for Fed {
        fn finish(&self) -> u64 {
            0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                if let Some(slot) = self.bytes.get_mut(self.len) {
                    *slot = b;
                }
                self.len += 1;
            }
        }
    }
    fn fed(code: &UnknownCode) -> Fed {
        let mut h = Fed {
            bytes: [0; 256],
            len: 0,
        };
        code.hash(&mut h);
        h
    }

    const A: &str = concat!(
        "InvalidParameterValue.",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "SuffixOneXyz0001"
    );
    const B: &str = concat!(
        "InvalidParameterValue.",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "PAEAGQOE6Bney4B4"
    );
    let (a, b) = (UnknownCode::new(A), UnknownCode::new(B));
    let (fed_a, fed_b) = (fed(&a), fed(&b));
    A.len() == 112
        && a.is_truncated()
        && b.is_truncated()
        && a.as_str() == b.as_str()
        && a != b
        && a.cmp(&b) != core::cmp::Ordering::Equal
        && fed_a.bytes[..fed_a.len.min(256)] != fed_b.bytes[..fed_b.len.min(256)]
}

fn families() -> bool {
    let code = common::ErrorCode::RequestLimitExceededIPLimitExceeded;
    code.family() == "RequestLimitExceeded"
        && code.common_family() == Some(common::ErrorCode::RequestLimitExceeded)
        && common::ErrorCode::AuthFailureSignatureExpire
            .common_family()
            .is_none()
}

fn languages() -> bool {
    "zh_CN.UTF-8".parse() == Ok(Lang::Zh) && "en-US".parse() == Ok(Lang::En)
}

fn retry_policy() -> bool {
    let policy = RetryPolicy::standard();
    let idempotent = policy.with_idempotent(true);
    policy.delay("RequestLimitExceeded.NotYetDocumented", 2, 1.0) == Some(Duration::from_secs(2))
        && policy.delay("RequestLimitExceeded", 1, 0.5) == Some(Duration::from_millis(500))
        && policy.delay("RequestLimitExceeded", 3, 1.0).is_none()
        && policy
            .delay("AuthFailure.SignatureExpire", 1, 1.0)
            .is_none()
        && policy.delay("InternalError", 1, 1.0).is_none()
        && idempotent.delay("InternalError", 1, 1.0).is_none()
        && idempotent.delay("ServiceUnavailable", 1, 1.0) == Some(Duration::from_millis(100))
        && policy.delay("ResourceInUse", 1, 1.0) == Some(Duration::from_secs(2))
        && idempotent.delay_after_transport_failure(1, f64::NAN) == Some(Duration::from_millis(100))
        && policy
            .delay("RequestLimitExceeded", u32::MAX, f64::INFINITY)
            .is_none()
        && policy
            .delay_for_classes(common::ErrorCode::ServiceUnavailable.classes(), 1, 1.0)
            .is_none()
}

/// A budget in a `static`, as a client without an allocator keeps it: room for two retries.
static BUDGET: RetryBudget = RetryBudget::new(2 * RetryBudget::RETRY_COST);

fn retry_budget() -> bool {
    let granted = BUDGET.try_withdraw() && BUDGET.try_withdraw();
    let refused = !BUDGET.try_withdraw();
    BUDGET.record_success(true);
    granted && refused && BUDGET.available() == RetryBudget::RETRY_COST
}

/// The program CI links: a C `main`, and a panic handler that aborts.
#[cfg(no_std_bin)]
mod program {
    use core::ffi::{c_char, c_int};

    extern "C" {
        fn abort() -> !;
    }

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
        // SAFETY: the C library's `abort` takes nothing and does not return.
        unsafe { abort() }
    }

    /// The unwinder's personality routine, which the precompiled `core` names. Nothing here
    /// unwinds (everything is built with `panic=abort`), so it is never called.
    #[no_mangle]
    extern "C" fn rust_eh_personality() {}

    #[no_mangle]
    extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
        super::run()
    }
}
