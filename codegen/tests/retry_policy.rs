//! `RetryPolicy` over every class rule of `docs-source/classes.tsv`: which codes are retried,
//! and the bounds of the pauses for any attempt, jitter and policy (no panic, capped, never
//! shrinking, stopping at the last attempt). What is expected is worked out here from the rules'
//! class names and the documented formula, not from the runtime.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use proptest::prelude::*;
use tencentcloud_errors::{ApiError, RetryPolicy};
use tencentcloud_errors_codegen::classes::{class_names, ClassRules, Pattern};
use tencentcloud_errors_codegen::Diagnostics;

fn rules() -> &'static ClassRules {
    static RULES: OnceLock<ClassRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-source");
        let mut diags = Diagnostics::new();
        let rules = ClassRules::read(&docs, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(!rules.rules.is_empty(), "no rules in {}", rules.file);
        rules
    })
}

/// Why the rules say a code may be retried, from its classes' names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expected {
    /// Retryable and throttling: always retried, from the throttling base.
    Throttled,
    /// Retryable, not throttling: retried only when idempotent, from the transient base.
    Transient,
    /// Not retryable.
    Never,
}

fn expected(code: &str) -> Expected {
    let names = class_names(rules().classes_of(code));
    match (names.contains(&"retryable"), names.contains(&"throttling")) {
        (true, true) => Expected::Throttled,
        (true, false) => Expected::Transient,
        (false, _) => Expected::Never,
    }
}

/// A code the rule decides: the code itself, or a member of the family (whose own most specific
/// rule may be another one; `expected` asks the rules).
fn example(pattern: &Pattern, suffix: &str) -> String {
    match pattern {
        Pattern::Code(code) => code.clone(),
        Pattern::Family(prefix) => format!("{prefix}.{suffix}"),
    }
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
    let attempts = prop_oneof![0u32..12, Just(u32::MAX)];
    (
        attempts,
        durations(),
        durations(),
        durations(),
        any::<bool>(),
    )
        .prop_map(|(attempts, throttling, transient, cap, idempotent)| {
            RetryPolicy::standard()
                .with_max_attempts(attempts)
                .with_throttling_base(throttling)
                .with_transient_base(transient)
                .with_max_delay(cap)
                .with_idempotent(idempotent)
        })
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
        let base = match expected(&code) {
            Expected::Throttled => Some(policy.throttling_base()),
            Expected::Transient if policy.is_idempotent() => Some(policy.transient_base()),
            Expected::Transient | Expected::Never => None,
        };
        let in_time = attempt.max(1) < policy.max_attempts();
        match base.filter(|_| in_time) {
            None => prop_assert_eq!(delay, None, "{} at attempt {}", code, attempt),
            Some(base) => {
                let delay = delay.expect("a retryable code before the last attempt waits");
                let full = full_pause(base, attempt, policy.max_delay());
                prop_assert!(nanos(delay) <= full);
                prop_assert!(delay <= policy.max_delay());
                // Scaled by the draw brought into [0, 1], NaN as 1, taken to 32 binary places
                // (and rounded down to the nanosecond).
                let draw = if jitter.is_nan() { 1.0 } else { jitter.clamp(0.0, 1.0) };
                let wanted = full as f64 * draw;
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
            prop_assert_eq!(delay, policy.delay("InternalError", attempt, jitter));
        } else {
            prop_assert_eq!(delay, None);
        }
    }
}

#[test]
fn every_rule_of_the_standard_policy() {
    let standard = RetryPolicy::standard();
    let idempotent = standard.with_idempotent(true);
    let mut retried = Vec::new();
    for rule in &rules().rules {
        let code = example(&rule.pattern, "NotYetDocumented");
        let (first, first_idempotent) = match expected(&code) {
            Expected::Throttled => (Some(Duration::from_secs(1)), Some(Duration::from_secs(1))),
            Expected::Transient => (None, Some(Duration::from_millis(100))),
            Expected::Never => (None, None),
        };
        assert_eq!(standard.delay(&code, 1, 1.0), first, "{code}");
        assert_eq!(idempotent.delay(&code, 1, 1.0), first_idempotent, "{code}");
        // The second pause doubles; there is no third.
        let second = first_idempotent.map(|pause| pause * 2);
        assert_eq!(idempotent.delay(&code, 2, 1.0), second, "{code}");
        assert_eq!(idempotent.delay(&code, 3, 1.0), None, "{code}");
        if first_idempotent.is_some() {
            retried.push(rule.pattern.to_string());
        }
    }
    // What the rules make retryable today, so that a change to them shows up here.
    assert_eq!(
        retried,
        [
            "RequestLimitExceeded",
            "RequestLimitExceeded.*",
            "InternalError",
            "ServiceUnavailable"
        ]
    );
}
