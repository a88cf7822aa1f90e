//! The hand-written part of the crate: [`Code`], [`Lang`], [`UnknownCode`], and the table row
//! and macro behind every generated `ErrorCode`.

use core::fmt;
use core::hash::Hash;
use core::str::FromStr;

use alloc::boxed::Box;

/// The language of a documented message.
///
/// ```
/// use tencentcloud_errors::{Code, Lang, common::ErrorCode};
///
/// let code = ErrorCode::InternalError;
/// assert_eq!(code.message(Lang::Zh), "内部错误。");
/// assert_eq!(code.message(Lang::En), "Internal error.");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// Chinese (简体中文): every code is documented in Chinese.
    Zh,
    /// English: where a code has no English text, its Chinese text is given instead.
    En,
}

impl Lang {
    /// The language's tag: `"zh"` or `"en"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// An error code of one module (`common`, or a product's): implemented by every generated
/// `ErrorCode` enum.
///
/// The trait is sealed: only this crate's enums implement it, so that methods can be added to it
/// without breaking anyone.
///
/// ```
/// use tencentcloud_errors::{Code, Lang, common::ErrorCode};
///
/// let code: ErrorCode = "AuthFailure.SignatureExpire".parse()?;
/// assert_eq!(code, ErrorCode::AuthFailureSignatureExpire);
/// assert_eq!(code.as_str(), "AuthFailure.SignatureExpire");
/// assert_eq!(code.to_string(), "AuthFailure.SignatureExpire");
/// assert_eq!(code.family(), "AuthFailure");
/// assert!(code.message(Lang::Zh).starts_with("签名过期"));
/// assert!(ErrorCode::ALL.contains(&code));
/// # Ok::<(), tencentcloud_errors::UnknownCode>(())
/// ```
pub trait Code:
    sealed::Sealed
    + Copy
    + Eq
    + Ord
    + Hash
    + fmt::Debug
    + fmt::Display
    + FromStr<Err = UnknownCode>
    + Send
    + Sync
    + 'static
{
    /// Every code of the module once, in byte order of the code string (the order `Ord`
    /// follows too).
    const ALL: &'static [Self];

    /// The code exactly as the API returns it, e.g. `"AuthFailure.SignatureExpire"`.
    fn as_str(self) -> &'static str;

    /// The documented description in `lang`. Where the documentation has no text in that
    /// language, the other language's text is given; where it has none at all, `""`.
    fn message(self, lang: Lang) -> &'static str;

    /// The code up to its first dot: `"AuthFailure"` for `AuthFailure.SignatureExpire`, the
    /// whole code when it has no dot.
    fn family(self) -> &'static str {
        let code = self.as_str();
        match code.find('.') {
            Some(dot) => &code[..dot],
            None => code,
        }
    }
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// A string that is not a code of the module it was parsed as.
///
/// It keeps the string it was given, so an unknown code is never lost.
///
/// ```
/// use tencentcloud_errors::common::ErrorCode;
///
/// let err = "NoSuch.Code".parse::<ErrorCode>().unwrap_err();
/// assert_eq!(err.as_str(), "NoSuch.Code");
/// assert_eq!(err.to_string(), "unknown error code `NoSuch.Code`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownCode {
    code: Box<str>,
}

impl UnknownCode {
    /// An unknown code holding `code`.
    pub fn new(code: &str) -> Self {
        UnknownCode { code: code.into() }
    }

    /// The string that was not recognised.
    pub fn as_str(&self) -> &str {
        &self.code
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.code)
    }
}

impl core::error::Error for UnknownCode {}

/// One row of a generated table: the variant with discriminant `i` is row `i`.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The code as the API returns it.
    pub(crate) code: &'static str,
    /// The variant's name, for `Debug`.
    pub(crate) name: &'static str,
    /// The Chinese message (the English one where there is no Chinese text).
    pub(crate) zh: &'static str,
    /// The English message (the Chinese one where there is no English text).
    pub(crate) en: &'static str,
}

/// The row of `code` in a table sorted by code, if it is there.
pub(crate) fn find(entries: &[Entry], code: &str) -> Option<usize> {
    entries.binary_search_by(|e| e.code.cmp(code)).ok()
}

/// The impls of a generated enum, from its `ALL` array and its table.
macro_rules! impl_code {
    ($ty:ident, $all:ident, $entries:ident) => {
        impl $ty {
            /// The code exactly as the API returns it.
            #[inline]
            pub fn as_str(self) -> &'static str {
                $entries[self as usize].code
            }

            /// The documented description in `lang` (see [`Code::message`](crate::Code::message)).
            #[inline]
            pub fn message(self, lang: $crate::Lang) -> &'static str {
                let entry = &$entries[self as usize];
                match lang {
                    $crate::Lang::Zh => entry.zh,
                    $crate::Lang::En => entry.en,
                }
            }
        }

        impl $crate::runtime::sealed::Sealed for $ty {}

        impl $crate::Code for $ty {
            const ALL: &'static [Self] = &$all;

            #[inline]
            fn as_str(self) -> &'static str {
                $ty::as_str(self)
            }

            #[inline]
            fn message(self, lang: $crate::Lang) -> &'static str {
                $ty::message(self, lang)
            }
        }

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($entries[*self as usize].name)
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = $crate::UnknownCode;

            fn from_str(code: &str) -> ::core::result::Result<Self, $crate::UnknownCode> {
                match $crate::runtime::find(&$entries, code) {
                    Some(index) => Ok($all[index]),
                    None => Err($crate::UnknownCode::new(code)),
                }
            }
        }
    };
}
