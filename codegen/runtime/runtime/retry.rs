//! Retrying a failed call: how long to wait, when to stop ([`RetryPolicy`]), and how not to make
//! an outage worse ([`RetryBudget`]). With the `backon` feature, `RetryPolicy::retry` runs the
//! loop.
//!
//! The policy is plain arithmetic on the codes' [categories](crate::Category): no `std`, no
//! allocator, no random-number generator (the caller draws the jitter), so it works in a
//! `#![no_std]` program and gives the same answer for the same inputs.

use core::time::Duration;

#[cfg(target_has_atomic = "32")]
use core::sync::atomic::{AtomicU32, Ordering};

use super::category::Category;
use super::classes::{classify, Classes};

/// When to retry a failed Tencent Cloud API call, and how long to wait first: decided from the
/// error code's [category](crate::Category) (through its [classes](crate::Classes)), so that a
/// code not documented yet is retried as the rules on its family and words say
/// (`RequestLimitExceeded.SomethingNew`, `OperationDenied.DiskOperationInProgress`).
///
/// ```
/// use core::time::Duration;
/// use tencentcloud_errors::RetryPolicy;
///
/// let policy = RetryPolicy::standard();
/// // `attempt` is 1 after the first failure; `jitter` is the caller's uniform draw in [0, 1].
/// assert_eq!(policy.delay("RequestLimitExceeded", 1, 1.0), Some(Duration::from_secs(1)));
/// assert_eq!(policy.delay("RequestLimitExceeded.UinLimitExceeded", 2, 0.5), Some(Duration::from_secs(1)));
/// // Three attempts in all: no pause after the third failure.
/// assert_eq!(policy.delay("RequestLimitExceeded", 3, 1.0), None);
/// // Another operation on the instance is running: wait for it, for up to ten attempts.
/// let busy = "OperationDenied.InstanceOperationInProgress";
/// assert_eq!(policy.delay(busy, 1, 1.0), Some(Duration::from_secs(2)));
/// assert_eq!(policy.delay(busy, 9, 1.0), Some(Duration::from_secs(30)));
/// assert_eq!(policy.delay(busy, 10, 1.0), None);
/// // Retrying does not fix a signature.
/// assert_eq!(policy.delay("AuthFailure.SignatureExpire", 1, 1.0), None);
/// // After a transient fault the action may have taken effect: retried only when sending the
/// // request twice does no harm.
/// assert_eq!(policy.delay("ServiceUnavailable", 1, 1.0), None);
/// let idempotent = policy.with_idempotent(true);
/// assert_eq!(idempotent.delay("ServiceUnavailable", 1, 1.0), Some(Duration::from_millis(100)));
/// ```
///
/// # What is retried
///
/// | category | retried | pause |
/// |---|---|---|
/// | `throttled` (`RequestLimitExceeded`, `LimitExceeded.RateLimitExceeded`, …) | always | [throttling](#the-pause), [`RetryPolicy::max_attempts`] attempts |
/// | `busy` (`ResourceBusy`, `*InProgress`, `*TaskRunning`, `*Locked*`, …) | always | [busy](#a-busy-resource), [`RetryPolicy::busy_max_attempts`] attempts |
/// | `unavailable` (`ServiceUnavailable`, timeouts, …) | idempotent requests | [transient](#the-pause), [`RetryPolicy::max_attempts`] attempts |
/// | no answer at all ([`RetryPolicy::delay_after_transport_failure`]) | idempotent requests | transient |
/// | any other | never | |
///
/// Any other category is not retried: the request must change (`invalid_argument`,
/// `not_found`, `already_exists`, `unsupported`), the credentials or permissions must
/// (`unauthenticated`, `permission_denied`), the state of the resource or account must
/// (`failed_precondition`), a quota must be raised (`quota`), the platform has no stock
/// (`exhausted`), or nothing says that a retry would help (`internal`, `unknown`).
///
/// `internal` is not retried, not even for idempotent requests: its codes are failures with no
/// sign of passing (`InternalError.DbError`), and the people who read the catalog for this crate
/// judged none of the 39 internal codes of their sample likely to succeed later (the README in
/// the crate's repository). The Terraform provider for Tencent Cloud does the same: it keeps
/// `InternalError` out of its default retries and lets call sites opt in. To retry one, match on
/// the category: `Category::Internal if idempotent => policy.delay_for_category(Category::Unavailable, …)`.
///
/// A limit counted over hours or a day (kms `RequestLimitExceeded.RotateRateLimited`: one
/// rotation per 24 hours) is a `quota`, not `throttled`: retrying it within seconds only fails
/// again.
///
/// # The pause
///
/// After failure number `attempt` the pause is `min(base × 2^(attempt − 1), max_delay) ×
/// jitter`: exponential backoff with *full jitter*, as AWS's standard retry mode computes it, so
/// that clients that failed together do not come back together. For a given `jitter` it never
/// shrinks from one attempt to the next and never exceeds [`RetryPolicy::max_delay`]. The base
/// depends on why the call failed:
///
/// - **Throttling**: the caller is over its rate limit, so waiting is the point. Base
///   [`RetryPolicy::throttling_base`].
/// - **A transient fault** (`unavailable`): the next attempt usually reaches a healthy server at
///   once; the pause only spreads the retries out. Base [`RetryPolicy::transient_base`],
///   smaller.
/// - **No answer at all** (see [`RetryPolicy::delay_after_transport_failure`]): as a transient
///   fault.
///
/// # A busy resource
///
/// "Another operation on this resource is still running" (`busy`) lasts as long as that
/// operation: a CVM instance takes tens of seconds to start or stop, a VPC's mutex task a few
/// seconds, a disk's snapshot minutes. So a busy code waits on a schedule of its own, long
/// enough for a typical operation in progress to end: after failure `n` the pause is
/// `min(busy_base × 2^(n−1), busy_max_delay)`, of which the first half is always waited and the
/// second half is scaled by `jitter` ("equal jitter", from the same AWS article as full jitter:
/// a pause drawn close to zero would only ask the busy resource again at once). With the
/// defaults, 2 s doubling to at most 30 s, for 10 attempts:
///
/// | failure | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |
/// |---|---|---|---|---|---|---|---|---|---|
/// | pause | 1–2 s | 2–4 s | 4–8 s | 8–16 s | 15–30 s | 15–30 s | 15–30 s | 15–30 s | 15–30 s |
/// | waited in all, at most | 2 s | 6 s | 14 s | 30 s | 60 s | 90 s | 120 s | 150 s | 180 s |
///
/// Three minutes at most, and at least a minute and a half, before the tenth attempt: the
/// Terraform provider waits up to 3 minutes for a read and 5 for a write, polling every few
/// seconds. A longer operation is the caller's to wait for (poll the resource's state).
///
/// # Idempotency
///
/// A request is *idempotent* when sending it twice has the effect of sending it once: every
/// `Describe*` call, and a call that carries a `ClientToken` (Tencent Cloud carries out a request
/// with a token it has seen once only). The policy assumes a request is **not** idempotent
/// unless told so with [`RetryPolicy::with_idempotent`]:
///
/// - `throttled` and `busy` are always retried: the service refused the request before the
///   action ran (a rate limiter, a lock held by another operation), so nothing happened. (The Go
///   SDK retries `RequestLimitExceeded` whatever the request, too.)
/// - `unavailable` is retried only for an idempotent request: the error may come after the
///   action took effect, and sending `RunInstances` again would start a second set of
///   instances.
/// - A transport failure (no response, or a body that is not a response) likewise: the request
///   may have been carried out. The Go SDK retries network failures only for requests that have
///   a `ClientToken` field, for the same reason.
///
/// # The defaults, and where they come from
///
/// | | [`standard()`](RetryPolicy::standard) | Go SDK | Python SDK `StandardRetryer` | AWS standard mode | Terraform provider |
/// |---|---|---|---|---|---|
/// | retried | throttled and busy codes; transient faults and transport failures when idempotent | `RequestLimitExceeded` exactly; network failures with a `ClientToken` | `RequestLimitExceeded` and two named subcodes; network errors | throttling, transient and 5xx errors | `RequestLimitExceeded`, `ResourceInUse`, `ResourceUnavailable`, `ResourceBusy` and a few named codes |
/// | attempts | 3; 10 when busy | 1 (retries off by default) | 3 | 3 | until 3 min (reads) or 5 min (writes) |
/// | pause after failure *n* | `min(base × 2^(n−1), 20 s) × jitter`; busy: `min(2 s × 2^(n−1), 30 s)`, equal jitter | `2^(n−1) s` | `2^(n−1) s` | `min(2^(n−1) × 1 s, 20 s) × jitter` | a few seconds, growing |
/// | base | 1 s throttling, 100 ms otherwise | 1 s | 1 s | 1 s | |
/// | jitter | full; equal when busy | none | none | full | |
/// | cap | 20 s; 30 s when busy | none | none | 20 s | |
/// | budget | [`RetryBudget`], 500 tokens | none | none | token bucket, 500 tokens | none |
///
/// - **3 attempts**, as AWS and the Python SDK: enough to ride out a blip, few enough that a
///   caller in trouble finds out within seconds.
/// - **1 s for throttling**: Tencent Cloud's rate limits are counted per second (the common
///   limit is 20 requests a second per API), so a pause drawn from up to one second spreads the
///   retries over the next window instead of sending them back into the full one.
/// - **100 ms for a transient fault**: what the AWS SDK for JavaScript uses for errors that are
///   not throttling (it uses 500 ms for throttling); waiting a second for an error that the next
///   server does not have only adds latency. The budget, not the pause, is what protects a
///   service in an outage.
/// - **20 s cap**, as AWS: reached only when the attempts are raised (throttling reaches 16 s at
///   the fifth failure); it keeps a long loop from pausing for minutes.
/// - **Full jitter**, the scheme AWS's SDKs use after comparing several (“Exponential Backoff
///   And Jitter”, AWS Architecture Blog): the Tencent SDKs' un-jittered `2^n` seconds send the
///   clients that were throttled together back together.
/// - **Busy: 2 s doubling to 30 s, 10 attempts, equal jitter**: see
///   [A busy resource](#a-busy-resource).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    max_attempts: u32,
    throttling_base: Duration,
    transient_base: Duration,
    max_delay: Duration,
    idempotent: bool,
    busy_max_attempts: u32,
    busy_base: Duration,
    busy_max_delay: Duration,
}

impl RetryPolicy {
    /// The documented defaults (see above): 3 attempts, a base of 1 s for throttling and 100 ms
    /// for a transient fault, pauses capped at 20 s, full jitter; for a busy resource, 10
    /// attempts, 2 s doubling to at most 30 s, equal jitter; requests not assumed idempotent.
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn standard() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 3,
            throttling_base: Duration::from_secs(1),
            transient_base: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
            idempotent: false,
            busy_max_attempts: 10,
            busy_base: Duration::from_secs(2),
            busy_max_delay: Duration::from_secs(30),
        }
    }

    /// The policy with at most `attempts` attempts in all, the first included, after a throttled
    /// code, a transient fault or a transport failure: `1` (or `0`) never retries them. (A busy
    /// resource has [`RetryPolicy::with_busy_max_attempts`].)
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn with_max_attempts(self, attempts: u32) -> RetryPolicy {
        RetryPolicy {
            max_attempts: attempts,
            ..self
        }
    }

    /// The policy with `base` as the first pause after a throttling code, before jitter.
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn with_throttling_base(self, base: Duration) -> RetryPolicy {
        RetryPolicy {
            throttling_base: base,
            ..self
        }
    }

    /// The policy with `base` as the first pause after a transient fault or a transport
    /// failure, before jitter.
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn with_transient_base(self, base: Duration) -> RetryPolicy {
        RetryPolicy {
            transient_base: base,
            ..self
        }
    }

    /// The policy with no pause longer than `max_delay` after a throttled code, a transient
    /// fault or a transport failure (a base above it is cut to it).
    #[inline]
    pub const fn with_max_delay(self, max_delay: Duration) -> RetryPolicy {
        RetryPolicy { max_delay, ..self }
    }

    /// The policy for requests that are idempotent (`true`: a `Describe*` call, a call with a
    /// `ClientToken`) or may not be (`false`, the default). See [Idempotency](#idempotency).
    #[inline]
    pub const fn with_idempotent(self, idempotent: bool) -> RetryPolicy {
        RetryPolicy { idempotent, ..self }
    }

    /// The policy with at most `attempts` attempts in all, the first included, while the
    /// resource is busy: `1` (or `0`) never retries a busy code.
    #[inline]
    pub const fn with_busy_max_attempts(self, attempts: u32) -> RetryPolicy {
        RetryPolicy {
            busy_max_attempts: attempts,
            ..self
        }
    }

    /// The policy with `base` as the longest first pause after a busy code (see
    /// [A busy resource](#a-busy-resource)).
    #[inline]
    pub const fn with_busy_base(self, base: Duration) -> RetryPolicy {
        RetryPolicy {
            busy_base: base,
            ..self
        }
    }

    /// The policy with no pause longer than `max_delay` after a busy code.
    #[inline]
    pub const fn with_busy_max_delay(self, max_delay: Duration) -> RetryPolicy {
        RetryPolicy {
            busy_max_delay: max_delay,
            ..self
        }
    }

    /// The most attempts a call gets after a throttled code, a transient fault or a transport
    /// failure, the first included.
    #[inline]
    pub const fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The first pause after a throttling code, before jitter.
    #[inline]
    pub const fn throttling_base(&self) -> Duration {
        self.throttling_base
    }

    /// The first pause after a transient fault or a transport failure, before jitter.
    #[inline]
    pub const fn transient_base(&self) -> Duration {
        self.transient_base
    }

    /// The longest pause after a throttled code, a transient fault or a transport failure.
    #[inline]
    pub const fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Whether the requests are taken to be idempotent.
    #[inline]
    pub const fn is_idempotent(&self) -> bool {
        self.idempotent
    }

    /// The most attempts a call gets while its resource is busy, the first included.
    #[inline]
    pub const fn busy_max_attempts(&self) -> u32 {
        self.busy_max_attempts
    }

    /// The longest first pause after a busy code.
    #[inline]
    pub const fn busy_base(&self) -> Duration {
        self.busy_base
    }

    /// The longest pause after a busy code.
    #[inline]
    pub const fn busy_max_delay(&self) -> Duration {
        self.busy_max_delay
    }

    /// How long to wait before retrying a call that failed with error code `code`, or `None`
    /// to give up: the code is not retried (for this policy's idempotency), or `attempt`
    /// failures have used up the attempts. The code's category is the one
    /// [`categorize`](crate::categorize) gives its string.
    ///
    /// `attempt` is 1 after the first failure; `0` is taken as `1`. `jitter` is the caller's
    /// uniform draw in [0, 1] (the pause is scaled by it); a draw below 0 is taken as 0, above
    /// 1 as 1, and NaN as 1, the longest pause, since a broken draw should not make a client
    /// retry sooner. No input panics or overflows.
    #[inline]
    pub fn delay(&self, code: &str, attempt: u32, jitter: f64) -> Option<Duration> {
        self.delay_for_classes(classify(code), attempt, jitter)
    }

    /// [`RetryPolicy::delay`] for a code of a known category.
    ///
    /// ```
    /// use tencentcloud_errors::{Category, RetryPolicy};
    ///
    /// let policy = RetryPolicy::standard();
    /// assert!(policy.delay_for_category(Category::Busy, 1, 0.5).is_some());
    /// assert!(policy.delay_for_category(Category::Internal, 1, 0.5).is_none());
    /// ```
    #[inline]
    pub fn delay_for_category(
        &self,
        category: Category,
        attempt: u32,
        jitter: f64,
    ) -> Option<Duration> {
        self.delay_for_classes(category.classes(), attempt, jitter)
    }

    /// [`RetryPolicy::delay`] for a code already classed: the classes of a documented code, as
    /// [`Code::classes`](crate::Code::classes) or
    /// [`CodeInfo::classes`](crate::CodeInfo::classes) give them from its module's data. A
    /// [`Class::Busy`](crate::Class::Busy) code waits on the busy schedule, a throttling one on
    /// the throttling schedule, whatever the idempotency; any other retryable one only when
    /// idempotent.
    ///
    /// ```
    /// use tencentcloud_errors::{lookup, RetryPolicy};
    ///
    /// // 资源被占用: the resource is held by another operation for now.
    /// let info = lookup("common", None, "ResourceInUse").unwrap();
    /// let policy = RetryPolicy::standard();
    /// assert!(policy.delay_for_classes(info.classes(), 1, 0.5).is_some());
    /// ```
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn delay_for_classes(
        &self,
        classes: Classes,
        attempt: u32,
        jitter: f64,
    ) -> Option<Duration> {
        if !classes.is_retryable() {
            return None;
        }
        if classes.is_busy() {
            return self.busy_pause(attempt, jitter);
        }
        let base = if classes.is_throttling() {
            self.throttling_base
        } else if self.idempotent {
            self.transient_base
        } else {
            return None;
        };
        self.pause(base, attempt, jitter)
    }

    /// [`RetryPolicy::delay`] for the code of an error a call returned.
    ///
    /// ```
    /// use tencentcloud_errors::{parse_response, RetryPolicy};
    ///
    /// let body = r#"{"Response":{"Error":{"Code":"RequestLimitExceeded.IPLimitExceeded","Message":"slow down"},"RequestId":"r-1"}}"#;
    /// let err = parse_response(body)?.expect("an error");
    /// let policy = RetryPolicy::standard();
    /// assert_eq!(policy.delay_for(&err, 1, 0.25), policy.delay(err.code(), 1, 0.25));
    /// # Ok::<(), tencentcloud_errors::MalformedResponse>(())
    /// ```
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn delay_for(
        &self,
        error: &super::api_error::ApiError,
        attempt: u32,
        jitter: f64,
    ) -> Option<Duration> {
        self.delay_for_classes(error.classes(), attempt, jitter)
    }

    /// How long to wait before retrying a call that got no Tencent Cloud response at all: the
    /// connection failed or timed out, or the body was not an API response (a proxy's HTML
    /// error page). `None` unless the policy is [idempotent](RetryPolicy::with_idempotent):
    /// the request may have been carried out. The pause is that of a transient server error.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn delay_after_transport_failure(&self, attempt: u32, jitter: f64) -> Option<Duration> {
        if !self.idempotent {
            return None;
        }
        self.pause(self.transient_base, attempt, jitter)
    }

    /// The pause after failure number `attempt`, from `base`: `None` past the last attempt.
    #[cfg_attr(not(debug_assertions), inline)]
    fn pause(&self, base: Duration, attempt: u32, jitter: f64) -> Option<Duration> {
        let attempt = attempt.max(1);
        if attempt >= self.max_attempts {
            return None;
        }
        Some(scale(backoff(base, attempt, self.max_delay), jitter))
    }

    /// The pause after failure number `attempt` of a busy resource, with equal jitter: half
    /// the backoff, and the other half scaled by `jitter`. `None` past the last busy attempt.
    #[cfg_attr(not(debug_assertions), inline)]
    fn busy_pause(&self, attempt: u32, jitter: f64) -> Option<Duration> {
        let attempt = attempt.max(1);
        if attempt >= self.busy_max_attempts {
            return None;
        }
        let whole = backoff(self.busy_base, attempt, self.busy_max_delay);
        let half = whole / 2;
        // `scale` keeps its result at most its input, so the sum is at most `whole`.
        Some(scale(whole - half, 1.0).saturating_add(scale(half, jitter)))
    }
}

/// `RetryPolicy::standard()`.
impl Default for RetryPolicy {
    #[inline]
    fn default() -> RetryPolicy {
        RetryPolicy::standard()
    }
}

/// `min(base × 2^(attempt − 1), cap)` in nanoseconds, where the product saturates rather than
/// overflows.
#[cfg_attr(not(debug_assertions), inline)]
fn backoff(base: Duration, attempt: u32, cap: Duration) -> u128 {
    let doublings = attempt.saturating_sub(1);
    let grown = match 1u128.checked_shl(doublings) {
        Some(factor) => base.as_nanos().saturating_mul(factor),
        None if base.is_zero() => 0,
        None => u128::MAX,
    };
    grown.min(cap.as_nanos())
}

/// `nanos × jitter`, with `jitter` brought into [0, 1] (NaN as 1), in integer arithmetic:
/// `Duration::mul_f64` panics where the pause is near `Duration::MAX`, and this never does.
/// `nanos` is at most `Duration::MAX`'s.
#[cfg_attr(not(debug_assertions), inline)]
fn scale(nanos: u128, jitter: f64) -> Duration {
    /// Fixed point with 32 fractional bits: `1.0` is `ONE`.
    const ONE: f64 = 4_294_967_296.0;
    let jitter = if jitter.is_nan() {
        1.0
    } else {
        jitter.clamp(0.0, 1.0)
    };
    // In [0, 2^32]: the cast is exact at both ends and saturates, never wraps.
    let factor = (jitter * ONE) as u64;
    // `Duration::MAX` is under 2^94 nanoseconds; times at most 2^32, under 2^126.
    let scaled = (nanos * u128::from(factor)) >> 32;
    // `scaled` is at most `nanos`, so its seconds fit in a u64 and the rest in a u32.
    let secs = u64::try_from(scaled / 1_000_000_000).unwrap_or(u64::MAX);
    let subsec = u32::try_from(scaled % 1_000_000_000).unwrap_or(0);
    Duration::new(secs, subsec)
}

/// A retry budget shared by the calls of one client, in the manner of AWS's retry token bucket:
/// each retry costs tokens, successes put tokens back, and an empty bucket means no retry, so
/// that when Tencent Cloud is in trouble a client falls back to sending each request once
/// instead of multiplying its load by the number of attempts.
///
/// The numbers are AWS's standard mode: [`RetryBudget::STANDARD_CAPACITY`] (500) tokens to
/// start, [`RetryBudget::RETRY_COST`] (5) per retry, [`RetryBudget::SUCCESS_REFUND`] (1) back for
/// a call that succeeded at the first attempt, and the retry's cost back for a call that
/// succeeded on a retry. So a client with a full bucket can make 100 retries in a row that all
/// fail before it stops retrying, and then gets its first retry back after 5 calls succeed.
/// (AWS charges 10 for a retry after a timeout; here every retry costs the same, since the
/// policy cannot tell a timeout from other failures with no response.)
///
/// One budget serves many calls at once: it is a single atomic counter, taken and given back
/// without a lock or an allocation. Put it in a `static`, or in an `Arc` beside the HTTP
/// client, and give every call of that client the same one.
///
/// ```
/// use tencentcloud_errors::RetryBudget;
///
/// static BUDGET: RetryBudget = RetryBudget::standard();
///
/// assert!(BUDGET.try_withdraw());
/// assert_eq!(BUDGET.available(), 495);
/// BUDGET.record_success(true); // the retry worked: its cost comes back
/// assert_eq!(BUDGET.available(), 500);
///
/// let empty = RetryBudget::new(0);
/// assert!(!empty.try_withdraw());
/// ```
///
/// It needs atomic compare-and-swap on 32-bit values (`cfg(target_has_atomic = "32")`), which
/// every target with `std` has, and so do most `no_std` ones; on targets without it (such as
/// `thumbv6m`) the type does not exist and [`RetryPolicy`] works alone.
#[cfg(target_has_atomic = "32")]
#[derive(Debug)]
pub struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
}

#[cfg(target_has_atomic = "32")]
impl RetryBudget {
    /// The tokens a standard budget starts with, and holds at most: 500, as AWS's.
    pub const STANDARD_CAPACITY: u32 = 500;
    /// What one retry costs: 5, as AWS's.
    pub const RETRY_COST: u32 = 5;
    /// What a call that succeeded at its first attempt puts back: 1, as AWS's.
    pub const SUCCESS_REFUND: u32 = 1;

    /// A full budget of [`RetryBudget::STANDARD_CAPACITY`] tokens.
    #[inline]
    pub const fn standard() -> RetryBudget {
        RetryBudget::new(RetryBudget::STANDARD_CAPACITY)
    }

    /// A full budget of `capacity` tokens (`0`: never retry).
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn new(capacity: u32) -> RetryBudget {
        RetryBudget {
            tokens: AtomicU32::new(capacity),
            capacity,
        }
    }

    /// Takes the cost of one retry: `true` if the budget had it (retry), `false` if not (give
    /// up, and the budget is left as it was).
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn try_withdraw(&self) -> bool {
        // The counter guards nothing but itself, so no ordering with other memory is needed.
        self.tokens
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |tokens| {
                tokens.checked_sub(RetryBudget::RETRY_COST)
            })
            .is_ok()
    }

    /// Records a call that succeeded: it puts back the cost of the retry that succeeded
    /// (`after_retry`), or [`RetryBudget::SUCCESS_REFUND`] for a success at the first attempt;
    /// never above the capacity.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn record_success(&self, after_retry: bool) {
        let refund = if after_retry {
            RetryBudget::RETRY_COST
        } else {
            RetryBudget::SUCCESS_REFUND
        };
        // `fetch_update` gives back `Err` only when the closure does, which this one never does.
        let _ = self
            .tokens
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |tokens| {
                Some(tokens.saturating_add(refund).min(self.capacity))
            });
    }

    /// The tokens left.
    #[inline]
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Relaxed)
    }

    /// The most tokens the budget holds, and what it started with.
    #[inline]
    pub const fn capacity(&self) -> u32 {
        self.capacity
    }
}

/// A full standard budget.
#[cfg(target_has_atomic = "32")]
impl Default for RetryBudget {
    #[inline]
    fn default() -> RetryBudget {
        RetryBudget::standard()
    }
}

#[cfg(feature = "backon")]
pub use with_backon::{random_jitter, HoldsApiError, RetryAttempt};

/// The retry loop, run by [backon](https://docs.rs/backon): the `backon` feature, which needs
/// Rust 1.85 as backon does.
#[cfg(feature = "backon")]
mod with_backon {
    use core::future::Future;
    use core::pin::Pin;
    use core::task::{ready, Context, Poll};
    use core::time::Duration;

    use super::super::api_error::ApiError;
    use super::{RetryBudget, RetryPolicy};

    /// An error a call can fail with, as the retry loop sees it: the [`ApiError`] it holds, if
    /// Tencent Cloud answered with one, or whether no answer came at all.
    ///
    /// Implement it for the error type of the calls that [`RetryPolicy::retry`] runs:
    ///
    /// ```
    /// use tencentcloud_errors::{ApiError, HoldsApiError};
    ///
    /// enum CallError {
    ///     Api(ApiError),
    ///     Transport(String),
    ///     BadOutput(String),
    /// }
    ///
    /// impl HoldsApiError for CallError {
    ///     fn api_error(&self) -> Option<&ApiError> {
    ///         match self {
    ///             CallError::Api(err) => Some(err),
    ///             _ => None,
    ///         }
    ///     }
    ///
    ///     fn is_transport_failure(&self) -> bool {
    ///         matches!(self, CallError::Transport(_))
    ///     }
    /// }
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "backon")))]
    pub trait HoldsApiError {
        /// The error Tencent Cloud answered with, if this is one.
        fn api_error(&self) -> Option<&ApiError>;

        /// Whether the call got no Tencent Cloud response: the connection failed or timed out,
        /// or the body was not an API response (a proxy's error page). Such a call is retried
        /// only by an [idempotent](RetryPolicy::with_idempotent) policy. `false` unless
        /// implemented: an error that is neither is never retried.
        fn is_transport_failure(&self) -> bool {
            false
        }
    }

    impl HoldsApiError for ApiError {
        #[inline]
        fn api_error(&self) -> Option<&ApiError> {
            Some(self)
        }
    }

    /// The backoff handed to backon. backon asks its backoff for the next pause before it shows
    /// the error to `adjust`; the pause depends on the error, so `adjust` decides it, and this
    /// is only there to be asked.
    type Unused = core::iter::Repeat<Duration>;

    /// A uniform draw in [0, 1] from [fastrand](https://docs.rs/fastrand)'s generator (one per
    /// thread, seeded at random): the jitter for [`RetryPolicy::retry`].
    #[cfg_attr(docsrs, doc(cfg(feature = "backon")))]
    #[inline]
    pub fn random_jitter() -> f64 {
        fastrand::f64_inclusive()
    }

    impl RetryPolicy {
        /// Retries `call`, an async call of a Tencent Cloud API, as this policy says and as far
        /// as `budget` allows: backon's [`Retry`](backon::Retry), with each pause's jitter drawn
        /// by `jitter` ([`random_jitter`], or a fixed value to know the pauses in a test). Give
        /// it a sleeper (`.sleep(tokio::time::sleep)`, or turn on one of backon's sleep
        /// features) and await it: the first success, or the error of the last attempt.
        ///
        /// Each failure is shown to the policy: [`RetryPolicy::delay_for`] for an
        /// [`ApiError`], [`RetryPolicy::delay_after_transport_failure`] for a transport failure
        /// ([`HoldsApiError`] tells which); when it says to retry, the retry takes its cost from
        /// the budget, or the loop gives up if the budget is empty. A success puts tokens back
        /// ([`RetryBudget::record_success`]). `.notify(…)` adds logging; `.when(…)` and
        /// `.adjust(…)` would replace the policy, so leave them out.
        ///
        /// The `backon` feature needs Rust 1.85, the version backon needs, where the rest of
        /// the crate builds with Rust 1.83 (its `rust-version`).
        ///
        /// ```no_run
        /// # async fn example() {
        /// use tencentcloud_errors::{random_jitter, ApiError, RetryBudget, RetryPolicy};
        ///
        /// async fn describe_regions() -> Result<String, ApiError> {
        ///     // Sign, send and read the body with `parse_response` (see the crate's README).
        /// #   unimplemented!()
        /// }
        ///
        /// static BUDGET: RetryBudget = RetryBudget::standard();
        /// let policy = RetryPolicy::standard().with_idempotent(true); // a Describe call
        /// let regions = policy
        ///     .retry(&BUDGET, random_jitter, describe_regions)
        ///     .sleep(|pause| async move { /* tokio::time::sleep(pause).await */ })
        ///     .notify(|err, pause| eprintln!("{err}; retrying in {pause:?}"))
        ///     .await;
        /// # }
        /// ```
        #[cfg_attr(docsrs, doc(cfg(feature = "backon")))]
        #[allow(clippy::type_complexity)]
        pub fn retry<'a, T, E, Fut, F, J>(
            &self,
            budget: &'a RetryBudget,
            mut jitter: J,
            mut call: F,
        ) -> backon::Retry<
            Unused,
            T,
            E,
            RetryAttempt<'a, Fut>,
            impl (FnMut() -> RetryAttempt<'a, Fut>) + 'a,
            backon::DefaultSleeper,
            fn(&E) -> bool,
            fn(&E, Duration),
            impl (FnMut(&E, Option<Duration>) -> Option<Duration>) + 'a,
        >
        where
            E: HoldsApiError,
            F: FnMut() -> Fut + 'a,
            Fut: Future<Output = Result<T, E>>,
            J: FnMut() -> f64 + 'a,
        {
            use backon::Retryable;

            let policy = *self;
            let mut calls = 0u32;
            let attempts = move || {
                let retried = calls > 0;
                calls = calls.saturating_add(1);
                RetryAttempt {
                    call: call(),
                    budget,
                    retried,
                }
            };
            let mut failures = 0u32;
            let decide = move |err: &E, _: Option<Duration>| {
                failures = failures.saturating_add(1);
                let pause = match err.api_error() {
                    Some(api) => policy.delay_for(api, failures, jitter()),
                    None if err.is_transport_failure() => {
                        policy.delay_after_transport_failure(failures, jitter())
                    }
                    None => None,
                }?;
                budget.try_withdraw().then_some(pause)
            };
            attempts
                .retry(core::iter::repeat(Duration::ZERO))
                .adjust(decide)
        }
    }

    pin_project_lite::pin_project! {
        /// One attempt of a call that [`RetryPolicy::retry`] runs: the call's future, which
        /// puts tokens back into the budget when the call succeeds.
        #[cfg_attr(docsrs, doc(cfg(feature = "backon")))]
        pub struct RetryAttempt<'a, Fut> {
            #[pin]
            call: Fut,
            budget: &'a RetryBudget,
            retried: bool,
        }
    }

    impl<T, E, Fut> Future for RetryAttempt<'_, Fut>
    where
        Fut: Future<Output = Result<T, E>>,
    {
        type Output = Result<T, E>;

        #[cfg_attr(not(debug_assertions), inline)]
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T, E>> {
            let this = self.project();
            let outcome = ready!(this.call.poll(cx));
            if outcome.is_ok() {
                this.budget.record_success(*this.retried);
            }
            Poll::Ready(outcome)
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::vec::Vec;

    const STANDARD: RetryPolicy = RetryPolicy::standard();

    #[test]
    fn throttling_backs_off_from_a_larger_base_than_a_server_error() {
        let policy = STANDARD.with_idempotent(true).with_max_attempts(10);
        for attempt in 1..10 {
            let throttled = policy.delay("RequestLimitExceeded", attempt, 1.0);
            let internal = policy.delay("ServiceUnavailable", attempt, 1.0);
            // Until both reach the cap, at the ninth failure (100 ms × 2^8 > 20 s).
            if attempt < 9 {
                assert!(throttled > internal, "attempt {attempt}");
            } else {
                assert_eq!(throttled, internal, "attempt {attempt}");
            }
        }
        assert_eq!(
            policy.delay("RequestLimitExceeded", 1, 1.0),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            policy.delay("ServiceUnavailable", 3, 1.0),
            Some(Duration::from_millis(400))
        );
        // Throttling reaches 16 s at the fifth failure and the cap at the sixth.
        assert_eq!(
            policy.delay("RequestLimitExceeded", 5, 1.0),
            Some(Duration::from_secs(16))
        );
        assert_eq!(
            policy.delay("RequestLimitExceeded", 6, 1.0),
            Some(Duration::from_secs(20))
        );
    }

    #[test]
    fn the_rules_on_names_decide_for_undocumented_codes() {
        assert_eq!(
            STANDARD.delay("RequestLimitExceeded.SomethingNew", 2, 1.0),
            Some(Duration::from_secs(2))
        );
        // `InternalError.*` names a product's failure: not retryable, even when idempotent.
        assert_eq!(
            STANDARD
                .with_idempotent(true)
                .delay("InternalError.DbError", 1, 1.0),
            None
        );
        assert_eq!(STANDARD.delay("FailedOperation", 1, 1.0), None);
        assert_eq!(STANDARD.delay("", 1, 1.0), None);
        // Words of a name: a rate limit outside the family, an operation in progress.
        assert_eq!(
            STANDARD.delay("LimitExceeded.RateLimitExceeded", 1, 1.0),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            STANDARD.delay("OperationDenied.SomethingInProgress", 1, 1.0),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn a_busy_resource_waits_on_its_own_longer_schedule_idempotent_or_not() {
        let busy = "ResourceBusy";
        let waits: Vec<Option<Duration>> = (1..=10)
            .map(|attempt| STANDARD.delay(busy, attempt, 1.0))
            .collect();
        let secs = |s| Some(Duration::from_secs(s));
        assert_eq!(
            waits,
            [
                secs(2),
                secs(4),
                secs(8),
                secs(16),
                secs(30),
                secs(30),
                secs(30),
                secs(30),
                secs(30),
                None
            ]
        );
        let total: Duration = waits.iter().flatten().sum();
        assert_eq!(total, Duration::from_secs(180));
        // Equal jitter: at least half of each pause is always waited.
        assert_eq!(STANDARD.delay(busy, 1, 0.0), secs(1));
        assert_eq!(
            STANDARD.delay(busy, 5, 0.5),
            Some(Duration::from_millis(22_500))
        );
        assert_eq!(STANDARD.delay(busy, 1, f64::NAN), secs(2));
        assert_eq!(
            STANDARD.with_idempotent(true).delay(busy, 3, 0.25),
            STANDARD.delay(busy, 3, 0.25)
        );
        // Its own attempts and cap, set apart from the others'.
        let short = STANDARD
            .with_busy_max_attempts(2)
            .with_busy_base(Duration::from_secs(10))
            .with_busy_max_delay(Duration::from_secs(15));
        assert_eq!(short.delay(busy, 1, 1.0), secs(10));
        assert_eq!(short.delay(busy, 2, 1.0), None);
        assert_eq!(
            STANDARD
                .with_busy_max_delay(Duration::from_secs(15))
                .delay(busy, 4, 1.0),
            secs(15)
        );
        assert_eq!(
            (
                short.busy_max_attempts(),
                short.busy_base(),
                short.busy_max_delay()
            ),
            (2, Duration::from_secs(10), Duration::from_secs(15))
        );
        assert_eq!(STANDARD.with_max_attempts(1).delay(busy, 1, 1.0), secs(2));
        assert_eq!(STANDARD.with_busy_max_attempts(0).delay(busy, 1, 1.0), None);
        let endless = STANDARD
            .with_busy_max_attempts(u32::MAX)
            .with_busy_base(Duration::MAX)
            .with_busy_max_delay(Duration::MAX);
        assert_eq!(endless.delay(busy, u32::MAX - 1, 1.0), Some(Duration::MAX));
        assert!(endless.delay(busy, 7, 0.0) >= Some(Duration::MAX / 2));
    }

    #[test]
    fn internal_and_other_categories_are_not_retried_even_when_idempotent() {
        let idempotent = STANDARD.with_idempotent(true);
        for category in crate::Category::ALL {
            let retried = idempotent.delay_for_category(category, 1, 1.0).is_some();
            let expected = matches!(
                category,
                crate::Category::Busy | crate::Category::Throttled | crate::Category::Unavailable
            );
            assert_eq!(retried, expected, "{category}");
        }
        assert_eq!(idempotent.delay("InternalError", 1, 1.0), None);
        assert_eq!(
            idempotent.delay("ServiceUnavailable", 2, 1.0),
            Some(Duration::from_millis(200))
        );
    }

    #[test]
    fn jitter_scales_the_pause_and_odd_draws_are_brought_into_range() {
        let at = |jitter| STANDARD.delay("RequestLimitExceeded", 2, jitter);
        assert_eq!(at(0.0), Some(Duration::ZERO));
        assert_eq!(at(0.25), Some(Duration::from_millis(500)));
        assert_eq!(at(-3.0), at(0.0));
        assert_eq!(at(f64::NEG_INFINITY), at(0.0));
        assert_eq!(at(7.0), Some(Duration::from_secs(2)));
        assert_eq!(at(f64::INFINITY), at(1.0));
        assert_eq!(at(f64::NAN), at(1.0));
    }

    #[test]
    fn odd_attempts_neither_panic_nor_retry_forever() {
        assert_eq!(
            STANDARD.delay("RequestLimitExceeded", 0, 1.0),
            STANDARD.delay("RequestLimitExceeded", 1, 1.0)
        );
        assert_eq!(STANDARD.delay("RequestLimitExceeded", u32::MAX, 1.0), None);
        let endless = STANDARD.with_max_attempts(u32::MAX);
        assert_eq!(
            endless.delay("RequestLimitExceeded", u32::MAX - 1, 1.0),
            Some(Duration::from_secs(20))
        );
        assert_eq!(endless.delay("RequestLimitExceeded", u32::MAX, 1.0), None);
        let huge = endless
            .with_throttling_base(Duration::MAX)
            .with_max_delay(Duration::MAX);
        for attempt in [1, 2, 33, 64, u32::MAX - 1] {
            assert_eq!(
                huge.delay("RequestLimitExceeded", attempt, 1.0),
                Some(Duration::MAX)
            );
            assert!(huge.delay("RequestLimitExceeded", attempt, 0.5) < Some(Duration::MAX));
        }
        let zero = endless.with_throttling_base(Duration::ZERO);
        assert_eq!(
            zero.delay("RequestLimitExceeded", 40, 1.0),
            Some(Duration::ZERO)
        );
        assert_eq!(
            STANDARD
                .with_max_attempts(0)
                .delay("RequestLimitExceeded", 1, 1.0),
            None
        );
        assert_eq!(
            STANDARD
                .with_max_attempts(1)
                .delay("RequestLimitExceeded", 1, 1.0),
            None
        );
    }

    #[test]
    fn idempotency_decides_server_errors_and_transport_failures_only() {
        assert_eq!(STANDARD.delay("InternalError", 1, 1.0), None);
        assert_eq!(STANDARD.delay_after_transport_failure(1, 1.0), None);
        let idempotent = STANDARD.with_idempotent(true);
        assert!(idempotent.is_idempotent() && !STANDARD.is_idempotent());
        assert_eq!(
            idempotent.delay_after_transport_failure(2, 1.0),
            Some(Duration::from_millis(200))
        );
        assert_eq!(idempotent.delay_after_transport_failure(3, 1.0), None);
        assert_eq!(
            idempotent.delay("RequestLimitExceeded", 1, 0.5),
            STANDARD.delay("RequestLimitExceeded", 1, 0.5)
        );
        assert_eq!(
            idempotent.delay("AuthFailure.SignatureExpire", 1, 1.0),
            None
        );
    }

    #[test]
    fn builders_set_what_they_name() {
        let policy = RetryPolicy::default()
            .with_max_attempts(5)
            .with_throttling_base(Duration::from_secs(3))
            .with_transient_base(Duration::from_millis(7))
            .with_max_delay(Duration::from_secs(10));
        assert_eq!(policy.max_attempts(), 5);
        assert_eq!(policy.throttling_base(), Duration::from_secs(3));
        assert_eq!(policy.transient_base(), Duration::from_millis(7));
        assert_eq!(policy.max_delay(), Duration::from_secs(10));
        // A base above the cap is cut to it.
        assert_eq!(
            policy.delay("RequestLimitExceeded", 4, 1.0),
            Some(Duration::from_secs(10))
        );
    }

    #[test]
    fn scaling_is_exact_at_the_ends_and_never_grows() {
        for pause in [
            Duration::ZERO,
            Duration::from_nanos(1),
            Duration::from_millis(1500),
            Duration::MAX,
        ] {
            let nanos = pause.as_nanos();
            assert_eq!(scale(nanos, 1.0), pause);
            assert_eq!(scale(nanos, 0.0), Duration::ZERO);
            assert!(scale(nanos, 0.999_999) <= pause);
        }
        assert_eq!(
            scale(Duration::from_secs(3).as_nanos(), 0.5),
            Duration::from_millis(1500)
        );
    }

    #[test]
    fn a_tiny_base_keeps_doubling_past_32_doublings() {
        let base = Duration::from_nanos(1);
        let cap = Duration::from_secs(3600);
        // 2^40 ns is about 18 minutes: still under the cap, not cut to it.
        assert_eq!(backoff(base, 41, cap), 1 << 40);
        assert_eq!(backoff(base, 50, cap), cap.as_nanos());
        assert_eq!(backoff(base, u32::MAX, cap), cap.as_nanos());
        assert_eq!(backoff(Duration::ZERO, u32::MAX, cap), 0);
    }

    #[cfg(target_has_atomic = "32")]
    #[test]
    fn the_budget_pays_for_retries_and_is_refunded_by_successes() {
        let budget = RetryBudget::new(12);
        assert!(budget.try_withdraw());
        assert!(budget.try_withdraw());
        assert_eq!(budget.available(), 2);
        // Too little left: no retry, and nothing taken.
        assert!(!budget.try_withdraw());
        assert_eq!(budget.available(), 2);
        budget.record_success(false);
        assert_eq!(budget.available(), 3);
        budget.record_success(true);
        assert_eq!(budget.available(), 8);
        // Never above the capacity.
        budget.record_success(true);
        assert_eq!(budget.available(), 12);
        assert_eq!(budget.capacity(), 12);
        assert_eq!(RetryBudget::default().available(), 500);
    }

    #[cfg(target_has_atomic = "32")]
    #[test]
    fn calls_on_many_threads_share_one_budget() {
        let budget = RetryBudget::standard();
        let granted = std::sync::atomic::AtomicU32::new(0);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..50 {
                        if budget.try_withdraw() {
                            granted.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        // 200 tries on 500 tokens at 5 each: exactly 100 retries are granted, whatever the
        // interleaving, and the bucket is empty.
        assert_eq!(granted.into_inner(), 100);
        assert_eq!(budget.available(), 0);
    }
}
