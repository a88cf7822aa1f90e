//! Categories of error codes: what a client should do about an error, one answer per code, and
//! the rules that give it.

use core::fmt;
use core::str::FromStr;

use super::classes::{Class, Classes};
use super::pattern;

/// What kind of failure an error code reports, and so what a client should do about it: one
/// category per code, for every code of the crate, and for codes it does not know
/// ([`categorize`](crate::categorize)).
///
/// The categories follow Google's canonical error model (`google.rpc.Code`): each has the
/// gRPC code and the HTTP status a service would answer if it passed the error on through its
/// own API ([`Category::grpc_code`], [`Category::http_status`]). Tencent Cloud's own families
/// map onto them, but the family alone is not enough: `LimitExceeded.RateLimitExceeded` is a
/// rate limit, not a quota, and `InvalidParameterValue.InstanceNotExist` names an instance that
/// does not exist. The rules that decide, from a code's name and its documented texts, are data:
/// `categories.tsv` in the crate's repository, listed in the documentation of
/// [`categorize`](crate::categorize).
///
/// | category | `as_str` | when | HTTP | gRPC | classes | retried by [`RetryPolicy`](crate::RetryPolicy) |
/// |---|---|---|---|---|---|---|
/// | [`InvalidArgument`](Category::InvalidArgument) | `invalid_argument` | the request itself is wrong: a parameter's value, format or combination, or a missing or unknown parameter. Resending it never works | 400 | 3 `INVALID_ARGUMENT` | caller | no |
/// | [`NotFound`](Category::NotFound) | `not_found` | something the request names does not exist, or no longer exists | 404 | 5 `NOT_FOUND` | caller | no |
/// | [`AlreadyExists`](Category::AlreadyExists) | `already_exists` | what the request would create already exists: a duplicate name or binding | 409 | 6 `ALREADY_EXISTS` | caller | no |
/// | [`Busy`](Category::Busy) | `busy` | a conflicting operation is running, or the resource is locked or in a transitional state. The same request may succeed after waiting | 409 | 10 `ABORTED` | retryable, busy | yes, on the long schedule, idempotent or not |
/// | [`FailedPrecondition`](Category::FailedPrecondition) | `failed_precondition` | the state of the resource or account forbids the operation, and waiting alone will not fix it: stop the instance, unbind, pay, verify the account, enable the service | 400 | 9 `FAILED_PRECONDITION` | caller | no |
/// | [`PermissionDenied`](Category::PermissionDenied) | `permission_denied` | authenticated, but not allowed: CAM, allow and deny lists, sub-accounts | 403 | 7 `PERMISSION_DENIED` | auth | no |
/// | [`Unauthenticated`](Category::Unauthenticated) | `unauthenticated` | credentials, signature or token wrong, missing or expired | 401 | 16 `UNAUTHENTICATED` | auth | no |
/// | [`Quota`](Category::Quota) | `quota` | a quota or a count or size limit of the account or resource is reached (not a rate limit) | 429 | 8 `RESOURCE_EXHAUSTED` | quota | no |
/// | [`Throttled`](Category::Throttled) | `throttled` | a request-rate or frequency limit | 429 | 8 `RESOURCE_EXHAUSTED` | retryable, throttling | yes, idempotent or not |
/// | [`Exhausted`](Category::Exhausted) | `exhausted` | the platform has no capacity or stock: sold out, or not enough resources in the zone | 503 | 8 `RESOURCE_EXHAUSTED` | server | no |
/// | [`Unavailable`](Category::Unavailable) | `unavailable` | a transient fault of the service or a dependency: a timeout, temporarily unavailable | 503 | 14 `UNAVAILABLE` | retryable, server | idempotent requests only |
/// | [`Internal`](Category::Internal) | `internal` | an internal error with no sign of being transient | 500 | 13 `INTERNAL` | server | no |
/// | [`Unsupported`](Category::Unsupported) | `unsupported` | the operation or feature is not supported for this product, region, type or version | 501 | 12 `UNIMPLEMENTED` | caller | no |
/// | [`Unknown`](Category::Unknown) | `unknown` | neither the code nor its texts tell | 500 | 2 `UNKNOWN` | none | no |
///
/// The HTTP statuses are google.rpc's mapping where it has one for the category. Where it has
/// none, or where the category is narrower than google.rpc's code:
///
/// - **`already_exists` 409** and **`failed_precondition` 400**, **`quota` 429**: google.rpc's
///   own statuses for `ALREADY_EXISTS`, `FAILED_PRECONDITION` and `RESOURCE_EXHAUSTED`.
/// - **`busy` 409 Conflict**: the request conflicts with the state of its resource, as
///   google.rpc's `ABORTED` (a concurrency conflict, also 409). Not 503: the service is up, and
///   a caller's monitoring should not count another operation on the same instance as an
///   outage.
/// - **`exhausted` 503**: the platform cannot serve the request now, which is 503's meaning;
///   google.rpc folds it into `RESOURCE_EXHAUSTED` (429), but 429 tells a caller that *it* sent
///   too much, and a sold-out zone is not the caller's doing.
/// - **`unknown` 500**, as google.rpc's `UNKNOWN`: the service cannot say more.
///
/// ```
/// use tencentcloud_errors::{categorize, Category};
///
/// assert_eq!(categorize("ResourceNotFound.InstanceNotExist"), Category::NotFound);
/// assert_eq!(Category::NotFound.http_status(), 404);
/// assert_eq!(Category::NotFound.as_str(), "not_found");
/// assert_eq!("busy".parse(), Ok(Category::Busy));
/// assert!(Category::Throttled.classes().is_retryable());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The request itself is wrong: a parameter's value, format or combination, or a missing or
    /// unknown parameter. Resending it never works. HTTP 400, gRPC `INVALID_ARGUMENT`.
    InvalidArgument,
    /// Something the request names does not exist, or no longer exists. HTTP 404, gRPC
    /// `NOT_FOUND`. For a delete, this is often success: the thing is gone.
    NotFound,
    /// What the request would create already exists: a duplicate name or binding. HTTP 409,
    /// gRPC `ALREADY_EXISTS`.
    AlreadyExists,
    /// A conflicting operation is running, or the resource is locked or in a transitional
    /// state. The same request may succeed after waiting. HTTP 409, gRPC `ABORTED`.
    Busy,
    /// The state of the resource or account forbids the operation, and waiting alone will not
    /// fix it: stop the instance, unbind, pay, verify the account, enable the service. HTTP
    /// 400, gRPC `FAILED_PRECONDITION`.
    FailedPrecondition,
    /// Authenticated, but not allowed: CAM policies, allow and deny lists, sub-accounts. HTTP
    /// 403, gRPC `PERMISSION_DENIED`.
    PermissionDenied,
    /// The credentials, the signature or the token is wrong, missing or expired. HTTP 401,
    /// gRPC `UNAUTHENTICATED`.
    Unauthenticated,
    /// A quota, or a count or size limit of the account or resource, is reached (not a rate
    /// limit): raise it or free something. HTTP 429, gRPC `RESOURCE_EXHAUSTED`.
    Quota,
    /// A request-rate or frequency limit: wait, then send again, more slowly. HTTP 429, gRPC
    /// `RESOURCE_EXHAUSTED`.
    Throttled,
    /// The platform has no capacity or stock: sold out, or not enough resources in the zone.
    /// HTTP 503, gRPC `RESOURCE_EXHAUSTED`.
    Exhausted,
    /// A transient fault of the service or of a service it depends on: a timeout, temporarily
    /// unavailable. HTTP 503, gRPC `UNAVAILABLE`.
    Unavailable,
    /// An internal error with no sign of being transient. HTTP 500, gRPC `INTERNAL`.
    Internal,
    /// The operation or feature is not supported for this product, region, type or version.
    /// HTTP 501, gRPC `UNIMPLEMENTED`.
    Unsupported,
    /// Neither the code nor its texts tell. HTTP 500, gRPC `UNKNOWN`.
    Unknown,
}

impl Category {
    /// Every category, in the order of the table above.
    pub const ALL: [Category; 14] = [
        Category::InvalidArgument,
        Category::NotFound,
        Category::AlreadyExists,
        Category::Busy,
        Category::FailedPrecondition,
        Category::PermissionDenied,
        Category::Unauthenticated,
        Category::Quota,
        Category::Throttled,
        Category::Exhausted,
        Category::Unavailable,
        Category::Internal,
        Category::Unsupported,
        Category::Unknown,
    ];

    /// The category's name, as `categories.tsv` and the `explain` command write it:
    /// `"invalid_argument"`, `"not_found"`, …
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::InvalidArgument => "invalid_argument",
            Category::NotFound => "not_found",
            Category::AlreadyExists => "already_exists",
            Category::Busy => "busy",
            Category::FailedPrecondition => "failed_precondition",
            Category::PermissionDenied => "permission_denied",
            Category::Unauthenticated => "unauthenticated",
            Category::Quota => "quota",
            Category::Throttled => "throttled",
            Category::Exhausted => "exhausted",
            Category::Unavailable => "unavailable",
            Category::Internal => "internal",
            Category::Unsupported => "unsupported",
            Category::Unknown => "unknown",
        }
    }

    /// The HTTP status a service would answer if it passed the error on through its own HTTP
    /// API: google.rpc's mapping where it has one (see the table on [`Category`] for the rest,
    /// and why).
    ///
    /// ```
    /// use tencentcloud_errors::{categorize, Category};
    ///
    /// let status = categorize("AuthFailure.SignatureExpire").http_status();
    /// assert_eq!(status, 401);
    /// for category in Category::ALL {
    ///     assert!((400..600).contains(&category.http_status()));
    /// }
    /// ```
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn http_status(self) -> u16 {
        match self {
            Category::InvalidArgument | Category::FailedPrecondition => 400,
            Category::Unauthenticated => 401,
            Category::PermissionDenied => 403,
            Category::NotFound => 404,
            Category::AlreadyExists | Category::Busy => 409,
            Category::Quota | Category::Throttled => 429,
            Category::Internal | Category::Unknown => 500,
            Category::Unsupported => 501,
            Category::Exhausted | Category::Unavailable => 503,
        }
    }

    /// The number of the `google.rpc.Code` a gRPC service would answer with (`5` is
    /// `NOT_FOUND`): the `i32` that gRPC libraries read a status code from, such as tonic's
    /// `Code::from_i32`.
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn grpc_code(self) -> i32 {
        match self {
            Category::Unknown => 2,
            Category::InvalidArgument => 3,
            Category::NotFound => 5,
            Category::AlreadyExists => 6,
            Category::PermissionDenied => 7,
            Category::Quota | Category::Throttled | Category::Exhausted => 8,
            Category::FailedPrecondition => 9,
            Category::Busy => 10,
            Category::Unsupported => 12,
            Category::Internal => 13,
            Category::Unavailable => 14,
            Category::Unauthenticated => 16,
        }
    }

    /// The [`Classes`] of the category: what [`Code::classes`](crate::Code::classes) says of
    /// every code in it (see the table on [`Category`]).
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn classes(self) -> Classes {
        let none = Classes::NONE;
        match self {
            Category::InvalidArgument
            | Category::NotFound
            | Category::AlreadyExists
            | Category::FailedPrecondition
            | Category::Unsupported => none.with(Class::Caller),
            Category::PermissionDenied | Category::Unauthenticated => none.with(Class::Auth),
            Category::Quota => none.with(Class::Quota),
            Category::Busy => none.with(Class::Retryable).with(Class::Busy),
            Category::Throttled => none.with(Class::Retryable).with(Class::Throttling),
            Category::Unavailable => none.with(Class::Retryable).with(Class::Server),
            Category::Exhausted | Category::Internal => none.with(Class::Server),
            Category::Unknown => none,
        }
    }
}

impl fmt::Display for Category {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Reads a category by its name ([`Category::as_str`]).
impl FromStr for Category {
    type Err = UnknownCategory;

    #[cfg_attr(not(debug_assertions), inline)]
    fn from_str(s: &str) -> Result<Category, UnknownCategory> {
        Category::ALL
            .into_iter()
            .find(|category| category.as_str() == s)
            .ok_or(UnknownCategory(()))
    }
}

/// A string that is not the name of a [`Category`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCategory(());

impl fmt::Display for UnknownCategory {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown category: expected one of ")?;
        for (i, category) in Category::ALL.into_iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{category}`")?;
        }
        Ok(())
    }
}

impl core::error::Error for UnknownCategory {}

/// One rule of `categories.tsv`, the rules the crate was generated with: the rule that decided
/// a code's category, so that a surprising answer traces back to one line of data
/// ([`CodeInfo::category_rule`](crate::CodeInfo::category_rule),
/// [`CategoryRule::for_code`]).
///
/// ```
/// use tencentcloud_errors::{Category, CategoryRule};
///
/// let rule = CategoryRule::for_code("RequestLimitExceeded").unwrap();
/// assert_eq!(rule.category(), Category::Throttled);
/// assert_eq!(rule.pattern(), "RequestLimitExceeded");
/// assert!(rule.line() > 0);
/// println!("{rule}"); // categories.tsv:…: `RequestLimitExceeded` → throttled (…)
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CategoryRule {
    line: u32,
    module: Option<&'static str>,
    pattern: &'static str,
    text: Option<&'static str>,
    category: Category,
    why: &'static str,
}

impl CategoryRule {
    /// A rule as the generator writes it.
    #[allow(dead_code)]
    #[inline]
    pub(crate) const fn new(
        line: u32,
        module: Option<&'static str>,
        pattern: &'static str,
        text: Option<&'static str>,
        category: Category,
        why: &'static str,
    ) -> CategoryRule {
        CategoryRule {
            line,
            module,
            pattern,
            text,
            category,
            why,
        }
    }

    /// The rule's line in `categories.tsv`.
    #[inline]
    pub const fn line(&self) -> u32 {
        self.line
    }

    /// The module the rule is for (`"kms::v20190118"`), or `None` for a rule of every module.
    #[inline]
    pub const fn module(&self) -> Option<&'static str> {
        self.module
    }

    /// The rule's pattern of codes, as the file writes it: `InternalError`, `LimitExceeded.*`,
    /// `*NotFound*|*NotExist*`.
    #[inline]
    pub const fn pattern(&self) -> &'static str {
        self.pattern
    }

    /// What the code's text must say for the rule to apply (`稍后重试|try again later`), or
    /// `None` for a rule on the code alone. [`categorize`](crate::categorize) has no texts and
    /// skips such rules.
    #[inline]
    pub const fn text(&self) -> Option<&'static str> {
        self.text
    }

    /// The category the rule gives.
    #[inline]
    pub const fn category(&self) -> Category {
        self.category
    }

    /// What the rule rests on.
    #[inline]
    pub const fn why(&self) -> &'static str {
        self.why
    }

    /// The rule that [`categorize`](crate::categorize) follows for `code`: the rule for exactly
    /// that code, else the first rule of the file whose pattern matches it (rules for one
    /// module and rules on texts left out). `None` when no rule matches: the code is
    /// [`Category::Unknown`].
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn for_code(code: &str) -> Option<&'static CategoryRule> {
        rule_at(index_for_code(code))
    }

    /// Whether this rule reads the code alone and applies in every module.
    #[inline]
    fn is_by_name(&self) -> bool {
        self.module.is_none() && self.text.is_none()
    }
}

/// `categories.tsv:57: `*InProgress*` → busy (the name says …)`, with the module and the text
/// where the rule has them.
impl fmt::Display for CategoryRule {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "categories.tsv:{}: ", self.line)?;
        if let Some(module) = self.module {
            write!(f, "in `{module}`, ")?;
        }
        write!(f, "`{}`", self.pattern)?;
        if let Some(text) = self.text {
            write!(f, " with a text saying `{text}`")?;
        }
        write!(f, " → {} ({})", self.category, self.why)
    }
}

/// The category of any code string, by the rules of `categories.tsv` that read a code's name:
/// the rule for exactly the code, else the first rule from the top of the file whose pattern
/// matches, else [`Category::Unknown`]. A documented code's own category
/// ([`Code::category`](crate::Code::category)) may differ where a rule on its texts or a rule
/// for its module decided it.
#[cfg_attr(not(debug_assertions), inline)]
pub(crate) fn categorize(code: &str) -> Category {
    CategoryRule::for_code(code).map_or(Category::Unknown, |rule| rule.category)
}

/// The index in the crate's rules of [`CategoryRule::for_code`]'s rule, `u16::MAX` for none.
#[cfg_attr(not(debug_assertions), inline)]
pub(crate) fn index_for_code(code: &str) -> u16 {
    by_name(&crate::CATEGORY_EXACT, &crate::CATEGORY_RULES, code)
}

/// [`index_for_code`] over given tables: `exact`, the rules for exact codes in every module as
/// `(code, index into rules)` sorted by code; `rules`, every rule in file order.
#[cfg_attr(not(debug_assertions), inline)]
fn by_name(exact: &[(&str, u16)], rules: &[CategoryRule], code: &str) -> u16 {
    if let Ok(at) = exact.binary_search_by(|(pattern, _)| (*pattern).cmp(code)) {
        return exact[at].1;
    }
    rules
        .iter()
        .position(|rule| rule.is_by_name() && pattern::any(rule.pattern, code, false))
        .and_then(|index| u16::try_from(index).ok())
        .unwrap_or(u16::MAX)
}

/// The rule at `index` of the crate's rules, as a table's row records it (`u16::MAX`: none).
#[inline]
pub(crate) fn rule_at(index: u16) -> Option<&'static CategoryRule> {
    crate::CATEGORY_RULES.get(usize::from(index))
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::string::ToString;

    #[test]
    fn names_parse_back_and_every_category_has_a_status_and_a_grpc_code() {
        for category in Category::ALL {
            assert_eq!(category.as_str().parse(), Ok(category));
            assert!((400..=503).contains(&category.http_status()));
            assert!((1..=16).contains(&category.grpc_code()));
        }
        assert_eq!("retry".parse::<Category>(), Err(UnknownCategory(())));
        assert!(UnknownCategory(()).to_string().contains("`not_found`"));
    }

    #[test]
    fn google_rpc_s_mapping_is_followed_where_it_has_one() {
        for (category, status, grpc) in [
            (Category::InvalidArgument, 400, 3),
            (Category::Unauthenticated, 401, 16),
            (Category::PermissionDenied, 403, 7),
            (Category::NotFound, 404, 5),
            (Category::AlreadyExists, 409, 6),
            (Category::FailedPrecondition, 400, 9),
            (Category::Throttled, 429, 8),
            (Category::Internal, 500, 13),
            (Category::Unsupported, 501, 12),
            (Category::Unavailable, 503, 14),
        ] {
            assert_eq!(
                (category.http_status(), category.grpc_code()),
                (status, grpc)
            );
        }
    }

    #[test]
    fn only_busy_throttled_and_unavailable_are_retryable() {
        for category in Category::ALL {
            let retryable = matches!(
                category,
                Category::Busy | Category::Throttled | Category::Unavailable
            );
            assert_eq!(category.classes().is_retryable(), retryable, "{category}");
        }
        assert!(Category::Unknown.classes().is_empty());
    }

    #[test]
    fn an_exact_rule_wins_then_the_first_matching_name_rule() {
        const RULES: [CategoryRule; 5] = [
            CategoryRule::new(1, None, "*", Some("x"), Category::Busy, "text"),
            CategoryRule::new(2, None, "A.*", None, Category::Quota, "family"),
            CategoryRule::new(3, None, "*NotFound*", None, Category::NotFound, "word"),
            CategoryRule::new(4, None, "A.Exact", None, Category::Internal, "exact"),
            CategoryRule::new(5, Some("m"), "B.Only", None, Category::Busy, "module"),
        ];
        let exact = [("A.Exact", 3)];
        let line = |code| {
            RULES
                .get(usize::from(by_name(&exact, &RULES, code)))
                .map(|r| r.line)
        };
        assert_eq!(line("A.Exact"), Some(4));
        assert_eq!(line("A.NotFound"), Some(2));
        assert_eq!(line("B.NotFound"), Some(3));
        // Rules on texts and rules for one module are not for code strings.
        assert_eq!(line("B.Only"), None);
        assert_eq!(line("Nothing"), None);
    }
}
