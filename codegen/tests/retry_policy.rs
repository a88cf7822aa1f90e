//! `RetryPolicy` over every rule of `docs-source/categories.tsv`: which codes are retried, and
//! the bounds of the pauses for any attempt, jitter and policy (no panic, capped, never
//! shrinking, stopping at the last attempt). What is expected is worked out here from the rules'
//! category names, the documented table of what each category's retry is, and the documented
//! formulas, not from the runtime.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use proptest::prelude::*;
use tencentcloud_errors::{ApiError, RetryPolicy};
use tencentcloud_errors_codegen::categories::CategoryRules;
use tencentcloud_errors_codegen::Diagnostics;

fn rules() -> &'static CategoryRules {
    static RULES: OnceLock<CategoryRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-source");
        let mut diags = Diagnostics::new();
        let rules = CategoryRules::read(&docs, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(!rules.rules.is_empty(), "no rules in {}", rules.file);
        rules
    })
}

/// How the documentation of `RetryPolicy` says a code of a category is retried.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expected {
    /// `throttled`: always retried, from the throttling base.
    Throttled,
    /// `busy`: always retried, on the busy schedule.
    Busy,
    /// `unavailable`: retried only when idempotent, from the transient base.
    Transient,
    /// Any other category.
    Never,
}

/// What the rules that read a code's name make of `code`, as the documentation's table says.
fn expected(code: &str) -> Expected {
    match rules().category(rules().by_name(code)) {
        "throttled" => Expected::Throttled,
        "busy" => Expected::Busy,
        "unavailable" => Expected::Transient,
        _ => Expected::Never,
    }
}

/// A code the rule's pattern matches: its first alternative with `suffix` for each `*` (the
/// rule that decides it may be another one; `expected` asks the rules).
fn example(pattern: &str, suffix: &str) -> String {
    let first = pattern.split('|').next().unwrap_or_default();
    first.replace('*', suffix)
}

/// `min(base × 2^(attempt − 1), cap)` in nanoseconds, saturating: the pause before jitter.
fn full_pause(base: Duration, attempt: u32, cap: Duration) -> u128 {
    let doublings = attempt.max(1) - 1;
    let grown = if doublings >= 128 {
        if base.is_zero() {
            0
        } else {
            u128::MAX
        }
    } else {
        base.as_nanos().saturating_mul(1u128 << doublings.min(127))
    };
    grown.min(cap.as_nanos())
}

fn nanos(pause: Duration) -> u128 {
    pause.as_nanos()
}

fn durations() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (0u64..60_000).prop_map(Duration::from_millis),
        (any::<u64>(), 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
        Just(Duration::ZERO),
        Just(Duration::MAX),
    ]
}

fn policies() -> impl Strategy<Value = RetryPolicy> {
    let attempts = || prop_oneof![0u32..12, Just(u32::MAX)];
    (
        (
            attempts(),
            durations(),
            durations(),
            durations(),
            any::<bool>(),
        ),
        (attempts(), durations(), durations()),
    )
        .prop_map(
            |(
                (attempts, throttling, transient, cap, idempotent),
                (busy_attempts, busy_base, busy_cap),
            )| {
                RetryPolicy::standard()
                    .with_max_attempts(attempts)
                    .with_throttling_base(throttling)
                    .with_transient_base(transient)
                    .with_max_delay(cap)
                    .with_idempotent(idempotent)
                    .with_busy_max_attempts(busy_attempts)
                    .with_busy_base(busy_base)
                    .with_busy_max_delay(busy_cap)
            },
        )
}

fn attempts() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..16, any::<u32>(), Just(u32::MAX), Just(u32::MAX - 1)]
}

/// Any f64 at all, NaN and the infinities included, and plenty in [0, 1].
fn jitters() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0f64..=1.0,
        any::<f64>(),
        Just(f64::NAN),
        Just(0.0),
        Just(1.0)
    ]
}

fn rule_and_suffix() -> impl Strategy<Value = (usize, String)> {
    (
        0..rules().rules.len(),
        "[A-Za-z0-9]{1,12}(\\.[A-Za-z0-9]{1,8})?",
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn pauses_are_bounded_and_stop_at_the_last_attempt(
        (rule, suffix) in rule_and_suffix(),
        policy in policies(),
        attempt in attempts(),
        jitter in jitters(),
    ) {
        let code = example(&rules().rules[rule].pattern, &suffix);
        let delay = policy.delay(&code, attempt, jitter);
        // The base, the cap and the attempts of the schedule, and the share of the pause that
        // the draw scales (full jitter: all of it; equal jitter: half).
        let schedule = match expected(&code) {
            Expected::Throttled => Some((policy.throttling_base(), policy.max_delay(), policy.max_attempts(), false)),
            Expected::Busy => Some((policy.busy_base(), policy.busy_max_delay(), policy.busy_max_attempts(), true)),
            Expected::Transient if policy.is_idempotent() => Some((policy.transient_base(), policy.max_delay(), policy.max_attempts(), false)),
            Expected::Transient | Expected::Never => None,
        };
        match schedule.filter(|&(_, _, attempts, _)| attempt.max(1) < attempts) {
            None => prop_assert_eq!(delay, None, "{} at attempt {}", code, attempt),
            Some((base, cap, _, equal)) => {
                let delay = delay.expect("a retryable code before the last attempt waits");
                let full = full_pause(base, attempt, cap);
                prop_assert!(nanos(delay) <= full);
                prop_assert!(delay <= cap);
                // Scaled by the draw brought into [0, 1], NaN as 1, taken to 32 binary places
                // (and rounded down to the nanosecond); with equal jitter, the larger half is
                // waited whatever the draw.
                let draw = if jitter.is_nan() { 1.0 } else { jitter.clamp(0.0, 1.0) };
                let (fixed, scaled) = if equal { (full - full / 2, full / 2) } else { (0, full) };
                let wanted = fixed as f64 + scaled as f64 * draw;
                let precision = full as f64 / 4_294_967_296.0 + 1.0;
                prop_assert!(
                    (nanos(delay) as f64 - wanted).abs() <= precision * (1.0 + 1e-12),
                    "{:?} for {} × {}", delay, full, draw
                );
                if draw == 1.0 {
                    prop_assert_eq!(nanos(delay), full);
                }
            }
        }
        // The same from an `ApiError` with that code.
        let err = ApiError::new(code.clone(), "", Some("r-1".to_owned()));
        prop_assert_eq!(policy.delay_for(&err, attempt, jitter), delay);
    }

    #[test]
    fn pauses_never_shrink_while_retrying(
        (rule, suffix) in rule_and_suffix(),
        policy in policies(),
        attempt in 0u32..40,
        jitter in jitters(),
        other_jitter in jitters(),
    ) {
        let code = example(&rules().rules[rule].pattern, &suffix);
        let now = policy.delay(&code, attempt, jitter);
        let next = policy.delay(&code, attempt + 1, jitter);
        if let (Some(now), Some(next)) = (now, next) {
            prop_assert!(now <= next, "{:?} then {:?}", now, next);
        }
        // Once it stops, it stays stopped.
        if now.is_none() && attempt > 0 {
            prop_assert_eq!(next, None);
        }
        // A larger draw never waits less.
        let ordered = |j: f64| if j.is_nan() { 1.0 } else { j.clamp(0.0, 1.0) };
        let (low, high) = if ordered(jitter) <= ordered(other_jitter) {
            (jitter, other_jitter)
        } else {
            (other_jitter, jitter)
        };
        prop_assert!(policy.delay(&code, attempt, low) <= policy.delay(&code, attempt, high));
    }

    #[test]
    fn transport_failures_are_transient_failures_of_idempotent_requests(
        policy in policies(),
        attempt in attempts(),
        jitter in jitters(),
    ) {
        let delay = policy.delay_after_transport_failure(attempt, jitter);
        if policy.is_idempotent() {
            prop_assert_eq!(delay, policy.delay("ServiceUnavailable", attempt, jitter));
        } else {
            prop_assert_eq!(delay, None);
        }
    }
}

#[test]
fn every_rule_of_the_standard_policy() {
    let standard = RetryPolicy::standard();
    let idempotent = standard.with_idempotent(true);
    let secs = |s: u64| Some(Duration::from_secs(s));
    let mut retried = Vec::new();
    for rule in rules().rules.iter().filter(|r| r.is_by_name()) {
        let code = example(&rule.pattern, "NotYetDocumented");
        // The first two pauses and the last attempt, from the documentation's defaults.
        let (first, first_idempotent, second, last) = match expected(&code) {
            Expected::Throttled => (secs(1), secs(1), secs(2), 3),
            Expected::Busy => (secs(2), secs(2), secs(4), 10),
            Expected::Transient => (
                None,
                Some(Duration::from_millis(100)),
                Some(Duration::from_millis(200)),
                3,
            ),
            Expected::Never => (None, None, None, 1),
        };
        assert_eq!(standard.delay(&code, 1, 1.0), first, "{code}");
        assert_eq!(idempotent.delay(&code, 1, 1.0), first_idempotent, "{code}");
        assert_eq!(idempotent.delay(&code, 2, 1.0), second, "{code}");
        assert_eq!(idempotent.delay(&code, last, 1.0), None, "{code}");
        if first_idempotent.is_some() {
            retried.push((rule.line, rules().category(rules().by_name(&code))));
        }
    }
    // Every rule of a retried category has its examples retried, and the rules that retry are
    // those of the three retried categories: a rule edit that moves a code in or out shows here.
    let categories: std::collections::BTreeSet<&str> =
        retried.iter().map(|(_, category)| *category).collect();
    assert_eq!(
        categories.into_iter().collect::<Vec<_>>(),
        ["busy", "throttled", "unavailable"]
    );
    assert!(retried.len() >= 8, "{retried:?}");
}
