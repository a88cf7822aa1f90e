//! The hand-written part of the crate: [`Code`], [`Lang`], [`UnknownCode`], the table row and
//! macro behind every generated `ErrorCode`, and the modules built on them: classes, lookup,
//! typed views and (with the `serde` feature) response parsing.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

#[cfg(feature = "alloc")]
use alloc::boxed::Box;

use classes::Classes;

/// The language of a documented message.
///
/// ```
/// use tencentcloud_errors::{Code, Lang, common::ErrorCode};
///
/// let code = ErrorCode::InternalError;
/// assert_eq!(code.message(Lang::Zh), "内部错误。");
/// assert_eq!(code.message(Lang::En), "The service hit an internal error.");
/// assert_eq!("zh_CN.UTF-8".parse(), Ok(Lang::Zh));
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
    /// Every language, in the order the documentation is read: Chinese, English.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language's tag: `"zh"` or `"en"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language of the user's locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that
    /// is set and not empty (the order in which POSIX consults them) decides. A Chinese locale
    /// (`zh`, `zh_CN.UTF-8`, `zh-TW`, …) gives [`Lang::Zh`]; any other value, or none, gives
    /// [`Lang::En`].
    ///
    /// ```
    /// let lang = tencentcloud_errors::Lang::from_env();
    /// println!("messages in {lang}");
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn from_env() -> Lang {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            match std::env::var_os(name) {
                Some(value) if !value.is_empty() => {
                    return match value.to_str().map(str::parse) {
                        Some(Ok(Lang::Zh)) => Lang::Zh,
                        _ => Lang::En,
                    };
                }
                _ => {}
            }
        }
        Lang::En
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Reads a language tag or a locale name: `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en-US`,
/// `en_GB.UTF-8@euro`. The language is what comes before the first `-`, `_`, `.` or `@`,
/// compared without regard to case; it must be `zh` or `en`.
impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        let language = s.split(['-', '_', '.', '@']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("zh") {
            Ok(Lang::Zh)
        } else if language.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else {
            Err(UnknownLang(()))
        }
    }
}

/// A string that names neither Chinese nor English (see [`Lang`]'s `FromStr`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLang(());

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown language: expected `zh` or `en`, or a locale such as `zh_CN.UTF-8`")
    }
}

impl core::error::Error for UnknownLang {}

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
/// assert!(code.classes().is_auth() && !code.classes().is_retryable());
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

    /// The code of the module whose string is exactly `code`, like [`str::parse`] but without
    /// making an [`UnknownCode`] when there is none.
    fn from_code(code: &str) -> Option<Self>;

    /// What a client can do about the error: retry, back off, fix its credentials or its
    /// request. See [`Classes`](crate::Classes) and [`classify`](crate::classify) for the rules.
    fn classes(self) -> Classes;

    /// The code up to its first dot: `"AuthFailure"` for `AuthFailure.SignatureExpire`, the
    /// whole code when it has no dot.
    fn family(self) -> &'static str {
        family_of(self.as_str())
    }

    /// The common code that names this code's family, if there is one: a product's
    /// `InvalidParameterValue.InstanceIdMalformed` belongs to
    /// [`common::ErrorCode::InvalidParameterValue`](crate::common::ErrorCode), so one handler can
    /// cover every product's `InvalidParameterValue.*`. A common code with no dot is its own
    /// family. `None` when the first segment is not a common code (the common table has
    /// `AuthFailure.SignatureExpire` but no `AuthFailure`).
    fn common_family(self) -> Option<crate::common::ErrorCode> {
        common_family_of(self.as_str())
    }
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// The code up to its first dot, or the whole code.
pub(crate) fn family_of(code: &str) -> &str {
    match code.find('.') {
        Some(dot) => &code[..dot],
        None => code,
    }
}

/// The common code named by the first segment of `code`.
pub(crate) fn common_family_of(code: &str) -> Option<crate::common::ErrorCode> {
    <crate::common::ErrorCode as Code>::from_code(family_of(code))
}

/// A string that is not a code of the module it was parsed as.
///
/// It keeps the string it was given, so an unknown code is never lost. With the `alloc` feature
/// (on by default, through `std`) the whole string is kept on the heap. Without it, the crate
/// allocates nothing: the first [`UnknownCode::INLINE_CAPACITY`] bytes are kept inline, which
/// holds every code the documentation has (the longest has 89 bytes); a longer string is cut at
/// a character boundary and [`UnknownCode::is_truncated`] says so.
///
/// ```
/// use tencentcloud_errors::common::ErrorCode;
///
/// let err = "NoSuch.Code".parse::<ErrorCode>().unwrap_err();
/// assert_eq!(err.as_str(), "NoSuch.Code");
/// assert_eq!(err.to_string(), "unknown error code `NoSuch.Code`");
/// ```
#[derive(Clone)]
pub struct UnknownCode {
    code: Kept,
}

#[cfg(feature = "alloc")]
#[derive(Clone)]
struct Kept(Box<str>);

#[cfg(not(feature = "alloc"))]
#[derive(Clone)]
struct Kept {
    bytes: [u8; UnknownCode::INLINE_CAPACITY],
    len: u8,
    truncated: bool,
}

impl UnknownCode {
    /// How many bytes of the code are kept when the `alloc` feature is off.
    pub const INLINE_CAPACITY: usize = 96;

    /// An unknown code holding `code`.
    pub fn new(code: &str) -> Self {
        UnknownCode {
            code: Kept::new(code),
        }
    }

    /// The string that was not recognised (without the `alloc` feature, as much of it as
    /// fits; see [`UnknownCode::is_truncated`]).
    pub fn as_str(&self) -> &str {
        self.code.as_str()
    }

    /// Whether [`UnknownCode::as_str`] is shorter than the string that was given: only without
    /// the `alloc` feature, for strings longer than [`UnknownCode::INLINE_CAPACITY`] bytes.
    pub fn is_truncated(&self) -> bool {
        self.code.truncated()
    }
}

#[cfg(feature = "alloc")]
impl Kept {
    fn new(code: &str) -> Self {
        Kept(code.into())
    }

    fn as_str(&self) -> &str {
        &self.0
    }

    fn truncated(&self) -> bool {
        false
    }
}

#[cfg(not(feature = "alloc"))]
impl Kept {
    fn new(code: &str) -> Self {
        let mut len = code.len().min(UnknownCode::INLINE_CAPACITY);
        while !code.is_char_boundary(len) {
            len -= 1;
        }
        let mut bytes = [0; UnknownCode::INLINE_CAPACITY];
        bytes[..len].copy_from_slice(&code.as_bytes()[..len]);
        Kept {
            bytes,
            // `len` is at most INLINE_CAPACITY, which fits in a u8.
            len: len as u8,
            truncated: len < code.len(),
        }
    }

    fn as_str(&self) -> &str {
        // The bytes are a prefix of a `str` cut at a character boundary.
        core::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    fn truncated(&self) -> bool {
        self.truncated
    }
}

impl UnknownCode {
    fn key(&self) -> (&str, bool) {
        (self.as_str(), self.is_truncated())
    }
}

impl PartialEq for UnknownCode {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for UnknownCode {}

impl PartialOrd for UnknownCode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for UnknownCode {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl Hash for UnknownCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl fmt::Debug for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("UnknownCode");
        debug.field("code", &self.as_str());
        if self.is_truncated() {
            debug.field("truncated", &true);
        }
        debug.finish()
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.as_str())?;
        if self.is_truncated() {
            f.write_str(" (truncated)")?;
        }
        Ok(())
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
    /// The code's classes, one bit per [`Class`](crate::Class) in the order of `Class::ALL`,
    /// given by the rules of `classes.tsv` when the crate was generated.
    pub(crate) classes: u8,
}

impl Entry {
    pub(crate) fn message(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A module's rows, sorted by code (row `i` is the variant with discriminant `i`), and how to
/// find a row by its code.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) entries: &'static [Entry],
    index: Option<Index>,
}

/// The perfect-hash index of a generated table (see [`hash`]).
#[derive(Debug)]
struct Index {
    seed: u64,
    displacements: &'static [u32],
    slots: &'static [u16],
}

impl Table {
    /// A generated table: its rows and the perfect-hash index the generator computed for them.
    pub(crate) const fn indexed(
        entries: &'static [Entry],
        seed: u64,
        displacements: &'static [u32],
        slots: &'static [u16],
    ) -> Table {
        Table {
            entries,
            index: Some(Index {
                seed,
                displacements,
                slots,
            }),
        }
    }

    /// A table written by hand (in tests), searched by bisection.
    #[cfg(test)]
    pub(crate) const fn sorted(entries: &'static [Entry]) -> Table {
        Table {
            entries,
            index: None,
        }
    }

    /// The row whose code is exactly `code`: one hash and one comparison.
    #[inline]
    pub(crate) fn find(&self, code: &str) -> Option<usize> {
        let Some(index) = &self.index else {
            return self.entries.binary_search_by(|e| e.code.cmp(code)).ok();
        };
        let h = hash::hash(index.seed, code.as_bytes());
        let displacement = *index
            .displacements
            .get(hash::bucket(h, index.displacements.len()))?;
        let row = *index
            .slots
            .get(hash::slot(h, displacement, index.slots.len()))?;
        let row = usize::from(row);
        (self.entries.get(row)?.code == code).then_some(row)
    }
}

/// The impls of a generated enum, from its `ALL` array and its table.
macro_rules! impl_code {
    ($ty:ident, $all:ident, $table:ident) => {
        impl $ty {
            /// The module's table, for lookup by string.
            pub(crate) const TABLE: &'static $crate::runtime::Table = &$table;

            /// The code exactly as the API returns it.
            #[inline]
            pub fn as_str(self) -> &'static str {
                $table.entries[self as usize].code
            }

            /// The documented description in `lang` (see [`Code::message`](crate::Code::message)).
            #[inline]
            pub fn message(self, lang: $crate::Lang) -> &'static str {
                $table.entries[self as usize].message(lang)
            }

            /// What a client can do about the error (see [`Code::classes`](crate::Code::classes)).
            #[inline]
            pub fn classes(self) -> $crate::Classes {
                $crate::Classes::from_bits($table.entries[self as usize].classes)
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

            #[inline]
            fn from_code(code: &str) -> ::core::option::Option<Self> {
                $table.find(code).map(|index| $all[index])
            }

            #[inline]
            fn classes(self) -> $crate::Classes {
                $ty::classes(self)
            }
        }

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($table.entries[*self as usize].name)
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = $crate::UnknownCode;

            fn from_str(code: &str) -> ::core::result::Result<Self, $crate::UnknownCode> {
                match $table.find(code) {
                    Some(index) => Ok($all[index]),
                    None => Err($crate::UnknownCode::new(code)),
                }
            }
        }
    };
}

// Declared after `impl_code!`, so that their tests can define enums with it.
pub(crate) mod classes;
pub(crate) mod hash;
pub(crate) mod lookup;
pub(crate) mod view;

#[cfg(feature = "serde")]
pub(crate) mod api_error;
