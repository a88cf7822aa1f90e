//! Typed views of one error code: as a common code, as a product's code, or unknown.

use core::fmt;

use super::category::{categorize, Category};
use super::classes::Classes;
use super::{common_family_of, family_of, Code, Lang};
use crate::common;

/// One error code seen from a product `P` (any generated `ErrorCode`): a common code, a code of
/// the product's own table, or a code this version of the crate does not know.
///
/// Match the codes you handle and keep a catch-all arm; read the raw code of anything else with
/// [`CodeView::as_str`]. With a product's enum for `P` (`cvm::ErrorCode`), its codes come as
/// [`CodeView::Product`]:
///
/// ```
/// use tencentcloud_errors::{common, Code, CodeView, Lang};
///
/// fn advice<P: Code>(code: &str) -> String {
///     match CodeView::<P>::new(code) {
///         CodeView::Common(common::ErrorCode::AuthFailureSignatureExpire) => {
///             "re-sign the request with the current time".to_owned()
///         }
///         CodeView::Product(code) => format!("{code}: {}", code.message(Lang::En)),
///         view if view.classes().is_retryable() => format!("{view}: try again later"),
///         view => format!("{view}: giving up"),
///     }
/// }
///
/// let advice = advice::<common::ErrorCode>;
/// assert_eq!(advice("AuthFailure.SignatureExpire"), "re-sign the request with the current time");
/// assert_eq!(advice("ServiceUnavailable"), "ServiceUnavailable: try again later");
/// // Unknown codes keep their string, and the rules on their family and words still apply.
/// assert_eq!(advice("RequestLimitExceeded.Brand.New"), "RequestLimitExceeded.Brand.New: try again later");
/// assert_eq!(advice("Brand.New"), "Brand.New: giving up");
/// ```
///
/// # Which arm a code takes, and why it does not move
///
/// Tencent Cloud adds codes to its pages all the time, and this crate is regenerated from them.
/// A refresh must not make an existing `match` silently run another arm for a code it already
/// received. Two rules make sure of that:
///
/// - A code that is in the common table is always [`CodeView::Common`], even when the product's
///   page lists it among its own codes too. Product pages often repeat common codes
///   (`InvalidParameter`, `FailedOperation`, …); if the product's table won, a refresh that
///   repeated one would move it from your `Common(…)` arm to your `Product(…)` arm. (The
///   product's variant for such a code still exists for parsing and for its text;
///   [`lookup`](crate::lookup) gives the product's text first.)
/// - The unknown case is opaque, as in the AWS SDK for Rust (its RFC 39): there is no way to
///   match an unknown code by its string *inside* the unknown case. A code this crate does not
///   know today may be a variant tomorrow, and an arm such as
///   `Unknown(u) if u.as_str() == "ResourceNotFound.Bucket"` would then silently stop
///   matching. Compare strings on the whole view instead, in a guard on a catch-all arm
///   (`view if view.as_str() == "…"`): that arm keeps matching whatever a refresh adds.
///
/// A code that moves from unknown to known (because the docs added it) goes from the unknown
/// case to `Product(…)`, or to `Common(…)` when the common table added it: to an arm that names
/// its variant, which you cannot have written before the variant existed, or to a catch-all or
/// binding `Product(_)` / `Common(_)` arm, which then runs for it. An arm that names a variant
/// keeps matching exactly its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeView<'a, P> {
    /// A common code, whether or not the product's page lists it too.
    Common(common::ErrorCode),
    /// A code of the product's own table that is not a common code.
    Product(P),
    /// A code neither table has. Opaque on purpose: read the code with [`CodeView::as_str`].
    #[deprecated(
        note = "matching `Unknown` is not forward compatible: a code unknown today may be a \
                variant after a refresh. Match with a catch-all arm and compare \
                `view.as_str()` in a guard instead"
    )]
    Unknown(Unrecognized<'a>),
}

/// The opaque content of [`CodeView::Unknown`]: nothing to read here; the code is
/// [`CodeView::as_str`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unrecognized<'a>(&'a str);

impl fmt::Debug for Unrecognized<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Unrecognized").field(&self.0).finish()
    }
}

impl<'a, P: Code> CodeView<'a, P> {
    /// The view of `code`: [`CodeView::Common`] if the common table has it, else
    /// [`CodeView::Product`] if `P`'s table has it, else unknown. Never fails and never maps a
    /// code to another one; nothing is allocated.
    #[allow(deprecated)]
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn new(code: &'a str) -> Self {
        if let Some(common) = <common::ErrorCode as Code>::from_code(code) {
            CodeView::Common(common)
        } else if let Some(product) = P::from_code(code) {
            CodeView::Product(product)
        } else {
            CodeView::Unknown(Unrecognized(code))
        }
    }

    /// The code exactly as it was given, whichever the case.
    #[allow(deprecated)]
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn as_str(&self) -> &'a str {
        match self {
            CodeView::Common(code) => code.as_str(),
            CodeView::Product(code) => code.as_str(),
            CodeView::Unknown(Unrecognized(code)) => code,
        }
    }

    /// Whether one of the two tables has the code.
    #[allow(deprecated)]
    #[inline]
    pub fn is_known(&self) -> bool {
        !matches!(self, CodeView::Unknown(_))
    }

    /// The documented text in `lang`, or `None` for an unknown code.
    #[allow(deprecated)]
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn message(&self, lang: Lang) -> Option<&'static str> {
        match self {
            CodeView::Common(code) => Some(code.message(lang)),
            CodeView::Product(code) => Some(code.message(lang)),
            CodeView::Unknown(_) => None,
        }
    }

    /// The code up to its first dot (see [`Code::family`]).
    #[inline]
    pub fn family(&self) -> &'a str {
        family_of(self.as_str())
    }

    /// The common code that names the code's family (see [`Code::common_family`]); for an
    /// unknown code too.
    #[inline]
    pub fn common_family(&self) -> Option<common::ErrorCode> {
        common_family_of(self.as_str())
    }

    /// The code's classes: those of its [category](CodeView::category).
    #[inline]
    pub fn classes(&self) -> Classes {
        self.category().classes()
    }

    /// The code's category (see [`Code::category`]). An unknown code gets the category the
    /// rules on its name give it ([`categorize`](crate::categorize)).
    ///
    /// ```
    /// use tencentcloud_errors::{common, Category, CodeView};
    ///
    /// let view = CodeView::<common::ErrorCode>::new("OperationDenied.InstanceOperationInProgress");
    /// assert_eq!(view.category(), Category::Busy);
    /// ```
    #[allow(deprecated)]
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn category(&self) -> Category {
        match self {
            CodeView::Common(code) => code.category(),
            CodeView::Product(code) => code.category(),
            CodeView::Unknown(Unrecognized(code)) => categorize(code),
        }
    }
}

/// The code string, exactly.
impl<P: Code> fmt::Display for CodeView<'_, P> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use crate::runtime::Table;
    use std::format;

    /// A product whose page repeats a common code, as product pages often do.
    #[repr(u16)]
    enum Product {
        InternalError,
        OwnCode,
    }

    const ALL: [Product; 2] = [Product::InternalError, Product::OwnCode];

    /// The second row names its variant: `OwnCode` is not the natural name of its code.
    const TEXT: &str = concat!(
        "InternalError\x1f\x1f产品自己的内部错误。\x1fThe product's own internal error.\x1e",
        "ResourceNotFound.OwnCode\x1fOwnCode\x1f资源不存在。\x1fNo such resource.\x1e",
    );
    static ROWS: [u8; 16] = Table::rows_of(TEXT);
    static TABLE: Table = Table::sorted(TEXT, &ROWS);

    impl_code!(Product, ALL, TABLE);

    #[test]
    fn a_common_code_is_common_even_when_the_product_lists_it() {
        assert_eq!(TABLE.len(), 2);
        let view = CodeView::<Product>::new("InternalError");
        assert_eq!(view, CodeView::Common(common::ErrorCode::InternalError));
        assert_eq!(
            view.message(Lang::En),
            Some(common::ErrorCode::InternalError.message(Lang::En))
        );
    }

    #[test]
    fn a_product_code_is_the_product_s() {
        let view = CodeView::<Product>::new("ResourceNotFound.OwnCode");
        assert_eq!(view, CodeView::Product(Product::OwnCode));
        assert_eq!(view.as_str(), "ResourceNotFound.OwnCode");
        assert_eq!(view.message(Lang::Zh), Some("资源不存在。"));
        assert_eq!(view.family(), "ResourceNotFound");
        assert_eq!(
            view.common_family(),
            Some(common::ErrorCode::ResourceNotFound)
        );
        assert!(view.is_known());
        // Its variant's name is stored in its row; the other's is the natural name.
        assert_eq!(format!("{:?}", Product::OwnCode), "OwnCode");
        assert_eq!(format!("{:?}", Product::InternalError), "InternalError");
    }

    #[test]
    fn an_unknown_code_keeps_its_string() {
        let code = "ResourceNotFound.NotYetDocumented";
        let view = CodeView::<Product>::new(code);
        assert!(!view.is_known());
        assert_eq!(view.as_str(), code);
        assert_eq!(view.message(Lang::En), None);
        assert_eq!(
            view.common_family(),
            Some(common::ErrorCode::ResourceNotFound)
        );
        assert_eq!(view.category(), categorize(code));
        assert_eq!(view.classes(), categorize(code).classes());
    }
}
