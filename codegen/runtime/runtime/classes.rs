//! Classes of error codes: what a client can do about an error.

use core::fmt;
use core::str::FromStr;

/// One thing a client can learn from an error code: whether to retry it, whether it was
/// throttled, whether its credentials or its request are at fault.
///
/// A code's classes follow from its [`Category`](crate::Category): the category's table lists
/// the classes of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Class {
    /// Sending the same request again, later, may succeed: the cause is transient (a rate
    /// limit, a temporary outage, an internal error).
    Retryable,
    /// The caller sent requests faster than its rate limit allows: wait, then retry more slowly.
    Throttling,
    /// Authentication or authorization failed: the credentials, the signature, the token, the
    /// caller's permissions or its IP address. Retrying the same request fails again.
    Auth,
    /// The request itself is wrong: a bad, missing or unknown parameter, an unknown action,
    /// version or region, a request or response too large. Fix the request; retrying it
    /// unchanged fails again.
    Caller,
    /// A fault on Tencent Cloud's side, not the caller's.
    Server,
    /// A quota was reached (not a rate limit): raise the quota or free resources.
    Quota,
    /// Another operation holds the resource, or the resource is locked or changing state: wait
    /// long enough for that operation to end, then send the same request again.
    Busy,
}

impl Class {
    /// Every class, in a fixed order (the order [`Classes::iter`] follows).
    pub const ALL: [Class; 7] = [
        Class::Retryable,
        Class::Throttling,
        Class::Auth,
        Class::Caller,
        Class::Server,
        Class::Quota,
        Class::Busy,
    ];

    /// The class's name, as the `explain` command writes it: `"retryable"`, `"throttling"`,
    /// `"auth"`, `"caller"`, `"server"`, `"quota"`, `"busy"`.
    #[cfg_attr(not(debug_assertions), inline)]
    pub const fn as_str(self) -> &'static str {
        match self {
            Class::Retryable => "retryable",
            Class::Throttling => "throttling",
            Class::Auth => "auth",
            Class::Caller => "caller",
            Class::Server => "server",
            Class::Quota => "quota",
            Class::Busy => "busy",
        }
    }

    #[inline]
    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Class {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Reads a class by its name ([`Class::as_str`]).
impl FromStr for Class {
    type Err = UnknownClass;

    #[cfg_attr(not(debug_assertions), inline)]
    fn from_str(s: &str) -> Result<Class, UnknownClass> {
        Class::ALL
            .into_iter()
            .find(|class| class.as_str() == s)
            .ok_or(UnknownClass(()))
    }
}

/// A string that is not the name of a [`Class`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownClass(());

impl fmt::Display for UnknownClass {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown class: expected one of ")?;
        for (i, class) in Class::ALL.into_iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{class}`")?;
        }
        Ok(())
    }
}

impl core::error::Error for UnknownClass {}

/// The set of [`Class`]es of one error code, which follow from its
/// [`Category`](crate::Category). Empty for [`Category::Unknown`](crate::Category::Unknown):
/// `FailedOperation` says nothing about what to do.
///
/// ```
/// use tencentcloud_errors::{common::ErrorCode, Class, Code};
///
/// let classes = ErrorCode::RequestLimitExceededUinLimitExceeded.classes();
/// assert!(classes.is_retryable() && classes.is_throttling());
/// assert!(classes.contains(Class::Throttling));
/// assert_eq!(classes.to_string(), "retryable, throttling");
/// assert_eq!(classes, ErrorCode::RequestLimitExceededUinLimitExceeded.category().classes());
/// assert!(ErrorCode::FailedOperation.classes().is_empty());
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Classes(u8);

impl Classes {
    /// No class.
    pub const NONE: Classes = Classes(0);

    /// This set with `class` added.
    #[inline]
    pub const fn with(self, class: Class) -> Classes {
        Classes(self.0 | class.bit())
    }

    /// Whether `class` is in the set.
    #[inline]
    pub const fn contains(self, class: Class) -> bool {
        self.0 & class.bit() != 0
    }

    /// Whether the set has no class.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// [`Class::Retryable`]: the same request may succeed later.
    #[inline]
    pub const fn is_retryable(self) -> bool {
        self.contains(Class::Retryable)
    }

    /// [`Class::Throttling`]: rate limited; back off before retrying.
    #[inline]
    pub const fn is_throttling(self) -> bool {
        self.contains(Class::Throttling)
    }

    /// [`Class::Auth`]: authentication or authorization failed.
    #[inline]
    pub const fn is_auth(self) -> bool {
        self.contains(Class::Auth)
    }

    /// [`Class::Caller`]: the request is wrong; fix it before sending it again.
    #[inline]
    pub const fn is_caller_error(self) -> bool {
        self.contains(Class::Caller)
    }

    /// [`Class::Server`]: a fault on Tencent Cloud's side.
    #[inline]
    pub const fn is_server_error(self) -> bool {
        self.contains(Class::Server)
    }

    /// [`Class::Quota`]: a quota was reached.
    #[inline]
    pub const fn is_quota(self) -> bool {
        self.contains(Class::Quota)
    }

    /// [`Class::Busy`]: another operation holds the resource; wait for it, then retry.
    #[inline]
    pub const fn is_busy(self) -> bool {
        self.contains(Class::Busy)
    }

    /// The classes in the set, in the order of [`Class::ALL`].
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn iter(self) -> impl Iterator<Item = Class> + Clone {
        Class::ALL
            .into_iter()
            .filter(move |&class| self.contains(class))
    }
}

impl From<Class> for Classes {
    #[inline]
    fn from(class: Class) -> Classes {
        Classes::NONE.with(class)
    }
}

impl FromIterator<Class> for Classes {
    fn from_iter<I: IntoIterator<Item = Class>>(classes: I) -> Classes {
        classes.into_iter().fold(Classes::NONE, Classes::with)
    }
}

impl fmt::Debug for Classes {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// The names of the classes separated by `", "`, or `"none"` for the empty set.
impl fmt::Display for Classes {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        for (i, class) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(class.as_str())?;
        }
        Ok(())
    }
}

/// The classes of any code string: those of its category by
/// [`categorize`](crate::categorize).
#[inline]
pub(crate) fn classify(code: &str) -> Classes {
    super::category::categorize(code).classes()
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::{format, string::ToString, vec::Vec};

    #[test]
    fn class_bits_follow_the_order_of_all() {
        for (index, class) in Class::ALL.into_iter().enumerate() {
            assert_eq!(class.bit(), 1 << index);
            assert_eq!(class.as_str().parse(), Ok(class));
        }
        assert_eq!("retry".parse::<Class>(), Err(UnknownClass(())));
    }

    #[test]
    fn sets_hold_what_was_put_in() {
        let set: Classes = [Class::Retryable, Class::Quota].into_iter().collect();
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Class::Retryable, Class::Quota]
        );
        assert!(set.is_retryable() && set.is_quota() && !set.is_auth());
        assert_eq!(format!("{set:?}"), "{Retryable, Quota}");
        assert_eq!(Classes::NONE.to_string(), "none");
        let all: Classes = Class::ALL.into_iter().collect();
        assert_eq!(all.iter().count(), Class::ALL.len());
    }
}
