//! The hand-written part of the crate: [`Code`], [`Lang`], [`UnknownCode`], the table row and
//! macro behind every generated `ErrorCode`, and the modules built on them: classes, lookup,
//! typed views and (with the `serde` feature) response parsing.
//!
//! In an optimised build without debug assertions (`--release`), every function of the runtime
//! is `#[inline]`, the large ones too (`#[cfg_attr(not(debug_assertions), inline)]` where it is
//! not small), so that the crate compiles no function of its own: what its build hands to LLVM
//! is its tables alone, in one codegen unit. With functions of its own in four more units, a
//! release build ran ThinLTO over the units and read the tables' bitcode back into each, about a
//! fifth of the build (BENCHMARKS.md); `codegen/tests/codegen_units.rs` keeps it so. The caller's
//! crate then compiles what it calls. In a debug build, where there is no ThinLTO to avoid, the
//! large functions stay the crate's own, so that a caller's rebuilds, the edit-compile loop, do
//! not compile them again and again.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

#[cfg(feature = "alloc")]
use alloc::boxed::Box;

use category::{Category, CategoryRule};
use classes::Classes;

/// The language of a documented message.
///
/// ```
/// use tencentcloud_errors::{Code, Lang, common::ErrorCode};
///
/// let code = ErrorCode::InternalError;
/// assert_eq!(code.message(Lang::Zh), "内部错误。");
/// // The English text (this repository's: "The service hit an internal error."), or the
/// // Chinese one in a crate generated from documentation without it.
/// let en = code.message(Lang::En);
/// assert!(!en.is_empty());
/// println!("{en}");
/// assert_eq!("zh_CN.UTF-8".parse(), Ok(Lang::Zh));
/// assert_eq!("en-US".parse(), Ok(Lang::En));
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
    #[cfg_attr(not(debug_assertions), inline)]
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
    #[cfg_attr(not(debug_assertions), inline)]
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
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Reads a language tag or a locale name: `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en-US`,
/// `en_GB.UTF-8@euro`. The language is what comes before the first `-`, `_`, `.` or `@`,
/// compared without regard to case; it must be `zh` or `en`.
impl FromStr for Lang {
    type Err = UnknownLang;

    #[cfg_attr(not(debug_assertions), inline)]
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
    #[inline]
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
    + Hash
    + fmt::Debug
    + fmt::Display
    + FromStr<Err = UnknownCode>
    + Send
    + Sync
    + 'static
{
    /// Every code of the module once, in byte order of the code string.
    const ALL: &'static [Self];

    /// The code exactly as the API returns it, e.g. `"AuthFailure.SignatureExpire"`.
    #[inline]
    fn as_str(self) -> &'static str {
        Self::TABLE.code(self.row())
    }

    /// The documented description in `lang`. Where the documentation has no text in that
    /// language, the other language's text is given; where it has none at all, `""`.
    #[inline]
    fn message(self, lang: Lang) -> &'static str {
        Self::TABLE.row(self.row()).message(lang)
    }

    /// The code of the module whose string is exactly `code`, like [`str::parse`] but without
    /// making an [`UnknownCode`] when there is none. Where one language's page spells a code
    /// with other capitals than the other's (sms's `SdkAppidNotExist` and `SdkAppIdNotExist`),
    /// both spellings give the code of the Chinese page's spelling; the other spelling's variant
    /// is deprecated.
    #[inline]
    fn from_code(code: &str) -> Option<Self> {
        Self::TABLE
            .find(code)
            .and_then(|row| Self::ALL.get(row).copied())
    }

    /// What a client can do about the error: retry, back off, fix its credentials or its
    /// request. The classes of the code's [category](Code::category) (see
    /// [`Category::classes`](crate::Category::classes)).
    #[inline]
    fn classes(self) -> Classes {
        self.category().classes()
    }

    /// What kind of failure the code reports ([`Category`](crate::Category)), as the rules of
    /// `categories.tsv` decided it for this module's code from its name and its documented
    /// texts. It may differ from what [`categorize`](crate::categorize) makes of the string
    /// alone, where a text or a rule for the module decided.
    ///
    /// ```
    /// use tencentcloud_errors::{common::ErrorCode, Category, Code};
    ///
    /// assert_eq!(ErrorCode::ResourceNotFound.category(), Category::NotFound);
    /// assert_eq!(ErrorCode::AuthFailureSignatureExpire.category().http_status(), 401);
    /// ```
    #[inline]
    fn category(self) -> Category {
        self.category_rule()
            .map_or(Category::Unknown, CategoryRule::category)
    }

    /// The rule of `categories.tsv` that decided the code's [category](Code::category), or
    /// `None` when no rule did (the category is then [`Category::Unknown`](crate::Category)).
    #[inline]
    fn category_rule(self) -> Option<&'static CategoryRule> {
        Self::TABLE.rule(self.row())
    }

    /// The code up to its first dot: `"AuthFailure"` for `AuthFailure.SignatureExpire`, the
    /// whole code when it has no dot.
    #[inline]
    fn family(self) -> &'static str {
        family_of(self.as_str())
    }

    /// The common code that names this code's family, if there is one: a product's
    /// `InvalidParameterValue.InstanceIdMalformed` belongs to
    /// [`common::ErrorCode::InvalidParameterValue`](crate::common::ErrorCode), so one handler can
    /// cover every product's `InvalidParameterValue.*`. A common code with no dot is its own
    /// family. `None` when the first segment is not a common code (the common table has
    /// `AuthFailure.SignatureExpire` but no `AuthFailure`).
    #[inline]
    fn common_family(self) -> Option<crate::common::ErrorCode> {
        common_family_of(self.as_str())
    }
}

/// What [`Code`] is built on, out of reach of other crates: no other crate can name this trait,
/// so none can implement `Code`, and the trait's methods can grow without breaking anyone.
pub(crate) mod sealed {
    pub trait Sealed {
        /// The module's table.
        const TABLE: &'static super::Table;

        /// The row of the code in [`Sealed::TABLE`]: its discriminant.
        fn row(self) -> usize;
    }
}

/// The code up to its first dot, or the whole code.
#[cfg_attr(not(debug_assertions), inline)]
pub(crate) fn family_of(code: &str) -> &str {
    match code.find('.') {
        Some(dot) => &code[..dot],
        None => code,
    }
}

/// The common code named by the first segment of `code`.
#[inline]
pub(crate) fn common_family_of(code: &str) -> Option<crate::common::ErrorCode> {
    <crate::common::ErrorCode as Code>::from_code(family_of(code))
}

/// A string that is not a code of the module it was parsed as.
///
/// It keeps the string it was given, so an unknown code is never lost. With the `alloc` feature
/// (on by default, through `std`) the whole string is kept on the heap. Without it, the crate
/// allocates nothing: the first [`UnknownCode::INLINE_CAPACITY`] bytes are kept inline, which
/// holds every code the documentation has (the longest has 89 bytes); a longer string is cut at
/// a character boundary and [`UnknownCode::is_truncated`] says so. Two strings cut to the same
/// bytes still compare and hash apart: a cut code also keeps the SHA-256 digest of the whole
/// string (its first 224 bits), and two codes are equal only if their digests are, which for
/// two different strings nobody knows how to bring about (a 64-bit hash, kept there before,
/// could be run backwards).
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
    /// The SHA-256 digest of the whole string when it was cut (zeros otherwise), so that two
    /// long codes that share what is kept still compare and hash apart, however they were
    /// chosen. Its first 224 bits: as for SHA-224, a collision takes about 2^112 tries, and the
    /// whole `UnknownCode` stays within 128 bytes, the size above which clippy asks to box the
    /// error of a `Result` (`result_large_err`).
    digest: [u8; Kept::DIGEST],
}

#[cfg(not(feature = "alloc"))]
const _: () = assert!(core::mem::size_of::<UnknownCode>() <= 128);

impl UnknownCode {
    /// How many bytes of the code are kept when the `alloc` feature is off.
    pub const INLINE_CAPACITY: usize = 96;

    /// An unknown code holding `code`.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn new(code: &str) -> Self {
        UnknownCode {
            code: Kept::new(code),
        }
    }

    /// The string that was not recognised (without the `alloc` feature, as much of it as
    /// fits; see [`UnknownCode::is_truncated`]).
    #[inline]
    pub fn as_str(&self) -> &str {
        self.code.as_str()
    }

    /// Whether [`UnknownCode::as_str`] is shorter than the string that was given: only without
    /// the `alloc` feature, for strings longer than [`UnknownCode::INLINE_CAPACITY`] bytes.
    #[inline]
    pub fn is_truncated(&self) -> bool {
        self.code.truncated()
    }
}

#[cfg(feature = "alloc")]
impl Kept {
    #[inline]
    fn new(code: &str) -> Self {
        Kept(code.into())
    }

    #[inline]
    fn as_str(&self) -> &str {
        &self.0
    }

    #[inline]
    fn truncated(&self) -> bool {
        false
    }

    #[inline]
    fn digest(&self) -> &[u8] {
        &[]
    }
}

#[cfg(not(feature = "alloc"))]
impl Kept {
    /// How many bytes of the SHA-256 digest are kept.
    const DIGEST: usize = 28;

    #[cfg_attr(not(debug_assertions), inline)]
    fn new(code: &str) -> Self {
        let mut len = code.len().min(UnknownCode::INLINE_CAPACITY);
        while !code.is_char_boundary(len) {
            len -= 1;
        }
        let mut bytes = [0; UnknownCode::INLINE_CAPACITY];
        bytes[..len].copy_from_slice(&code.as_bytes()[..len]);
        let truncated = len < code.len();
        let mut digest = [0; Kept::DIGEST];
        if truncated {
            digest.copy_from_slice(&digest::sha256(code.as_bytes())[..Kept::DIGEST]);
        }
        Kept {
            bytes,
            // `len` is at most INLINE_CAPACITY, which fits in a u8.
            len: len as u8,
            truncated,
            digest,
        }
    }

    /// The digest of the whole string for a cut one, else nothing.
    #[inline]
    fn digest(&self) -> &[u8] {
        if self.truncated {
            &self.digest
        } else {
            &[]
        }
    }

    #[cfg_attr(not(debug_assertions), inline)]
    fn as_str(&self) -> &str {
        // The bytes are a prefix of a `str` cut at a character boundary.
        core::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    #[inline]
    fn truncated(&self) -> bool {
        self.truncated
    }
}

impl UnknownCode {
    /// What equality, order and hashing compare: the string kept and, for a cut one, the
    /// SHA-256 digest of the whole string it was cut from.
    #[inline]
    fn key(&self) -> (&str, bool, &[u8]) {
        (self.as_str(), self.is_truncated(), self.code.digest())
    }
}

impl PartialEq for UnknownCode {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for UnknownCode {}

impl PartialOrd for UnknownCode {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for UnknownCode {
    #[inline]
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
    #[cfg_attr(not(debug_assertions), inline)]
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
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.as_str())?;
        if self.is_truncated() {
            f.write_str(" (truncated)")?;
        }
        Ok(())
    }
}

impl core::error::Error for UnknownCode {}

/// A module's table: one row per code, sorted by code (row `i` is the variant with discriminant
/// `i`), and how to find a row by its code.
///
/// The rows are one string, so that the compiler sees one literal per module rather than four per
/// code, which is most of what building the crate costs: each row is its four fields separated by
/// U+001F (unit separator) and ended by U+001E (record separator). The fields are the code; the
/// variant's name, empty where it is the code's [natural name](names::natural_name); the Chinese
/// text; the English text. Neither separator can be in a field: the generator drops control
/// characters from the documentation's text. `rows` locates each row, packed by [`layout`]: where
/// it starts, its code's length and where its English text starts, so that reading a field is
/// slicing, not searching.
///
/// `rules` gives each row the rule of `categories.tsv` that decided its category: two bytes per
/// row, an index into the crate's `CATEGORY_RULES`, `0xffff` where no rule did.
///
/// The numbers (`rows`, `rules` and the index) are little-endian bytes, written as byte strings:
/// one literal per array, where a `u64` per element cost the compiler a literal per element to
/// type-check and evaluate (BENCHMARKS.md).
#[derive(Debug)]
pub struct Table {
    text: &'static str,
    /// Eight bytes per row: [`layout::pack`] of the row, little-endian.
    rows: &'static [u8],
    /// Two bytes per row: the index of the row's category rule, little-endian.
    rules: &'static [u8],
    /// Four bytes per spelling: the row of a code one language's page spells with other
    /// capitals, and the row of the code it spells (two little-endian bytes each). Finding the
    /// spelling finds that code.
    aliases: &'static [u8],
    index: Option<Index>,
}

/// The table of no code.
pub(crate) static EMPTY_TABLE: Table = Table {
    text: "",
    rows: &[],
    rules: &[],
    aliases: &[],
    index: None,
};

/// The perfect-hash index of a generated table (see [`hash`]).
#[derive(Debug)]
struct Index {
    seed: u64,
    /// Four bytes per bucket, little-endian.
    displacements: &'static [u8],
    /// Two bytes per slot, little-endian: the row in the slot, 65535 for none.
    slots: &'static [u8],
}

/// Ends a field of a row.
const FIELD_END: char = '\u{1f}';
/// Ends a row.
const ROW_END: char = '\u{1e}';

/// One row of a [`Table`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row {
    /// The code as the API returns it.
    pub(crate) code: &'static str,
    /// The variant's name, empty where it is the code's natural name.
    name: &'static str,
    /// The Chinese message (the English one where there is no Chinese text).
    zh: &'static str,
    /// The English message (the Chinese one where there is no English text).
    en: &'static str,
    /// The index of the row's category rule, `u16::MAX` for none.
    pub(crate) rule: u16,
}

impl Default for Row {
    #[inline]
    fn default() -> Row {
        Row {
            code: "",
            name: "",
            zh: "",
            en: "",
            rule: u16::MAX,
        }
    }
}

impl Row {
    #[cfg_attr(not(debug_assertions), inline)]
    pub(crate) fn message(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The rule that decided the row's category.
    #[inline]
    pub(crate) fn category_rule(&self) -> Option<&'static CategoryRule> {
        category::rule_at(self.rule)
    }

    /// Writes the variant's name (what `Debug` shows).
    #[cfg_attr(not(debug_assertions), inline)]
    pub(crate) fn write_name(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() {
            names::write_natural_name(self.code, f)
        } else {
            f.write_str(self.name)
        }
    }
}

/// Where a row is: its text without its end, its code's length, its English text's offset.
struct Located {
    row: &'static str,
    code_len: usize,
    en_at: usize,
}

impl Table {
    /// A generated table: its text, its rows' locations, their category rules and the
    /// perfect-hash index the generator computed for them.
    #[cfg_attr(not(debug_assertions), inline)]
    pub(crate) const fn indexed(
        text: &'static str,
        rows: &'static [u8],
        rules: &'static [u8],
        aliases: &'static [u8],
        seed: u64,
        displacements: &'static [u8],
        slots: &'static [u8],
    ) -> Table {
        Table {
            text,
            rows,
            rules,
            aliases,
            index: Some(Index {
                seed,
                displacements,
                slots,
            }),
        }
    }

    /// A table written by hand (in tests), searched by bisection; `rows` from
    /// [`Table::rows_of`].
    #[cfg(test)]
    pub(crate) const fn sorted(text: &'static str, rows: &'static [u8]) -> Table {
        Table {
            text,
            rows,
            rules: &[],
            aliases: &[],
            index: None,
        }
    }

    /// Where each row of `text` starts, for a table written by hand (the lengths left unknown,
    /// so that the runtime finds the fields by their separators), as `M` bytes: eight per row.
    /// Fails to compile (when evaluated in a `static`) unless `text` has exactly `M / 8` rows.
    #[cfg(test)]
    pub(crate) const fn rows_of<const M: usize>(text: &str) -> [u8; M] {
        let bytes = text.as_bytes();
        let mut rows = [0; M];
        let (mut row, mut i) = (0, 0);
        while i < bytes.len() {
            if i == 0 || bytes[i - 1] == ROW_END as u8 {
                assert!(8 * row < M, "more rows than M / 8");
                let packed = layout::pack(i as u32, usize::MAX, usize::MAX).to_le_bytes();
                let mut b = 0;
                while b < 8 {
                    rows[8 * row + b] = packed[b];
                    b += 1;
                }
                row += 1;
            }
            i += 1;
        }
        assert!(8 * row == M, "fewer rows than M / 8");
        rows
    }

    /// How many rows the table has.
    #[inline]
    pub(crate) const fn len(&self) -> usize {
        self.rows.len() / 8
    }

    /// The packed location of row `i`.
    #[inline]
    fn packed(&self, i: usize) -> Option<u64> {
        layout::u64_at(self.rows, i)
    }

    /// Row `i`, located; `None` for a row the table does not have. (The generator writes every
    /// row it indexes, and the crate's tests read every row back.)
    #[cfg_attr(not(debug_assertions), inline)]
    fn locate(&self, i: usize) -> Option<Located> {
        let (start, code_len, en_at) = layout::unpack(self.packed(i)?);
        let end = self
            .packed(i + 1)
            .map_or(self.text.len(), |next| layout::unpack(next).0);
        let row = self.text.get(start..end)?;
        let row = match row.as_bytes().last() {
            Some(&last) if last == ROW_END as u8 => row.get(..row.len() - 1).unwrap_or(row),
            _ => row,
        };
        // Lengths too long to pack are found by the separators.
        let mut separators = row
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == FIELD_END as u8)
            .map(|(at, _)| at);
        let first = separators.next();
        let code_len = code_len.unwrap_or(first.unwrap_or(row.len()));
        // A row with fewer fields reads as if it ended with a separator: the English text empty.
        let en_at = en_at.unwrap_or_else(|| separators.nth(1).map_or(row.len() + 1, |at| at + 1));
        Some(Located {
            row,
            code_len,
            en_at,
        })
    }

    /// Row `i`: the code, the name, the texts; empty fields for a row the table does not have.
    #[cfg_attr(not(debug_assertions), inline)]
    pub(crate) fn row(&self, i: usize) -> Row {
        let Some(Located {
            row,
            code_len,
            en_at,
        }) = self.locate(i)
        else {
            return Row::default();
        };
        // Between the code and the English text: `␟name␟zh␟`.
        let middle = row.get(code_len + 1..en_at.saturating_sub(1)).unwrap_or("");
        // A byte search: `str::split_once` with a `char` costs twice the whole lookup here.
        let (name, zh) = match middle.bytes().position(|b| b == FIELD_END as u8) {
            Some(at) => (
                middle.get(..at).unwrap_or(""),
                middle.get(at + 1..).unwrap_or(""),
            ),
            None => (middle, ""),
        };
        Row {
            code: row.get(..code_len).unwrap_or(""),
            name,
            zh,
            en: row.get(en_at..).unwrap_or(""),
            rule: self.rule_index(i),
        }
    }

    /// The index of row `i`'s category rule, `u16::MAX` for none.
    #[inline]
    fn rule_index(&self, i: usize) -> u16 {
        layout::u16_at(self.rules, i).unwrap_or(u16::MAX)
    }

    /// The rule that decided row `i`'s category, without reading the rest of the row.
    #[inline]
    pub(crate) fn rule(&self, i: usize) -> Option<&'static CategoryRule> {
        category::rule_at(self.rule_index(i))
    }

    /// The code of row `i`, without reading the rest of the row.
    #[inline]
    pub(crate) fn code(&self, i: usize) -> &'static str {
        match self.packed(i).map(layout::unpack) {
            Some((start, Some(code_len), _)) => self
                .text
                .get(start..start.saturating_add(code_len))
                .unwrap_or(""),
            Some(_) => self.row(i).code,
            None => "",
        }
    }

    /// Every row, in order.
    #[inline]
    pub(crate) fn rows(&self) -> impl ExactSizeIterator<Item = Row> + Clone + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    /// The row whose code is `code`, by bisection: for the tables of tests, which have no index.
    #[cfg_attr(not(debug_assertions), inline)]
    fn bisect(&self, code: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.code(middle).cmp(code) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return Some(middle),
            }
        }
        None
    }

    /// The row of `code`: the row whose code is exactly `code`, or, where that is one
    /// language's spelling of another code, that code's row.
    #[inline]
    pub(crate) fn find(&self, code: &str) -> Option<usize> {
        let row = self.find_exact(code)?;
        Some(self.spelt(row))
    }

    /// The row that row `row` is a spelling of, or `row` itself.
    #[inline]
    fn spelt(&self, row: usize) -> usize {
        self.aliases
            .chunks_exact(4)
            .find(|pair| usize::from(u16::from_le_bytes([pair[0], pair[1]])) == row)
            .map_or(row, |pair| {
                usize::from(u16::from_le_bytes([pair[2], pair[3]]))
            })
    }

    /// The row whose code is exactly `code`: one hash and one comparison.
    #[inline]
    fn find_exact(&self, code: &str) -> Option<usize> {
        let Some(index) = &self.index else {
            return self.bisect(code);
        };
        let (buckets, slots) = (index.displacements.len() / 4, index.slots.len() / 2);
        if buckets == 0 || slots == 0 {
            return None;
        }
        let h = hash::hash(index.seed, code.as_bytes());
        let displacement = layout::u32_at(index.displacements, hash::bucket(h, buckets))?;
        let row = usize::from(layout::u16_at(
            index.slots,
            hash::slot(h, displacement, slots),
        )?);
        // An empty slot holds no row (65535): it matches nothing, not even "". The lengths are
        // compared first, and the bytes without slicing the text as a `str`.
        let (start, code_len, _) = layout::unpack(self.packed(row)?);
        let matches = match code_len {
            Some(len) => {
                len == code.len()
                    && self.text.as_bytes().get(start..start.saturating_add(len))
                        == Some(code.as_bytes())
            }
            None => self.code(row) == code,
        };
        matches.then_some(row)
    }
}

/// The impls of a generated enum, from its `ALL` array and its table. Everything a code can do
/// is a provided method of [`Code`], written once; a module adds only the few one-line impls a
/// type must have for itself. This is deliberate: the catalog has about 300 modules, and the
/// compiler's work per impl, not per code, is most of what a downstream build pays for the
/// crate (each impl costs about 0.1 s over the catalog; see BENCHMARKS.md). For the same reason
/// the enums are not `PartialOrd`/`Ord`: an order of error codes means nothing beyond the order
/// of their strings, which `ALL` already follows and `as_str` gives; the impls can be added
/// later without breaking anyone, not removed.
macro_rules! impl_code {
    ($ty:ident, $all:ident, $table:ident) => {
        impl $crate::runtime::sealed::Sealed for $ty {
            const TABLE: &'static $crate::runtime::Table = &$table;

            #[inline]
            fn row(self) -> usize {
                self as usize
            }
        }

        impl $crate::Code for $ty {
            const ALL: &'static [Self] = &$all;
        }

        // The standard traits by hand rather than derived: a derive reads the whole enum, every
        // variant's documentation included, once per trait.
        impl ::core::clone::Clone for $ty {
            #[inline]
            fn clone(&self) -> Self {
                *self
            }
        }

        impl ::core::marker::Copy for $ty {}

        impl ::core::cmp::PartialEq for $ty {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                *self as u16 == *other as u16
            }
        }

        impl ::core::cmp::Eq for $ty {}

        impl ::core::hash::Hash for $ty {
            #[inline]
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                (*self as u16).hash(state)
            }
        }

        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad($crate::Code::as_str(*self))
            }
        }

        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $table.row(*self as usize).write_name(f)
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = $crate::UnknownCode;

            #[inline]
            fn from_str(code: &str) -> ::core::result::Result<Self, $crate::UnknownCode> {
                $crate::runtime::parse(code)
            }
        }
    };
}

/// `[$ty; $n]`, every variant of a generated enum in the order of its discriminants, from
/// `$rows`: the discriminants `0, 1, …, n − 1` as little-endian `u16`s, which is what the enum's
/// `#[repr(u16)]` and its variants in row order make them.
///
/// One byte string and one transmute, evaluated by the compiler, rather than an array of the
/// variants' paths: the compiler type-checked, borrow-checked, linted and evaluated such an array
/// element by element: 0.57 G of the 5.9 G instructions of the crate's front end (BENCHMARKS.md).
///
/// It is the initializer of a `const` item (`ALL`), which the compiler always evaluates and
/// validates, even unused: a value that is no variant's discriminant fails the build. (An inline
/// `const { … }` around the body would say so in the macro, at 0.2 G more instructions.) The order
/// is the generator's (row `i` holds `i`); `Code::from_code` relies on it, and the crate's tests
/// read every code back.
// A crate whose modules have no code uses none of the three.
#[allow(unused_macros)]
macro_rules! all_variants {
    ($ty:ident, $n:literal, $rows:literal) => {
        // SAFETY: `$ty` is `#[repr(u16)]` and its `$n` variants have the discriminants `0..$n`
        // in order; the bytes hold exactly those values, in the target's byte order.
        unsafe {
            ::core::mem::transmute::<[u8; 2 * $n], [$ty; $n]>($crate::runtime::native_u16s(*$rows))
        }
    };
}

/// Little-endian `u16`s in the target's byte order (for [`all_variants!`]).
#[allow(dead_code)]
pub(crate) const fn native_u16s<const M: usize>(bytes: [u8; M]) -> [u8; M] {
    if cfg!(target_endian = "big") {
        swap_pairs(bytes)
    } else {
        bytes
    }
}

/// Each pair of bytes swapped: little-endian `u16`s as big-endian ones, and back.
#[allow(dead_code)]
const fn swap_pairs<const M: usize>(mut bytes: [u8; M]) -> [u8; M] {
    let mut i = 0;
    while i + 1 < M {
        let low = bytes[i];
        bytes[i] = bytes[i + 1];
        bytes[i + 1] = low;
        i += 2;
    }
    bytes
}

/// `str::parse` of every generated enum.
#[inline]
pub(crate) fn parse<C: Code>(code: &str) -> Result<C, UnknownCode> {
    C::from_code(code).ok_or_else(|| UnknownCode::new(code))
}

// Declared after `impl_code!`, so that their tests can define enums with it.
pub(crate) mod actions;
pub(crate) mod category;
pub(crate) mod classes;
#[cfg(not(feature = "alloc"))]
pub(crate) mod digest;
pub(crate) mod hash;
pub(crate) mod layout;
pub(crate) mod lookup;
pub(crate) mod names;
pub(crate) mod pattern;
pub(crate) mod retry;
pub(crate) mod view;

#[cfg(feature = "serde")]
pub(crate) mod api_error;

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::vec::Vec;

    /// What the generator promises about every table it writes: the rows cover the text, each
    /// ends where the next starts, each is found by its own code, and the packed lengths are
    /// where the separators are.
    #[test]
    fn every_table_is_well_formed() {
        for module in crate::modules() {
            let table = module.table();
            let text = table.text;
            let mut end = 0;
            assert_eq!(table.rows.len() % 8, 0, "{module:?}: rows of eight bytes");
            for i in 0..table.len() {
                let (start, code_len, en_at) = layout::unpack(table.packed(i).unwrap());
                assert_eq!(start, end, "{module:?} row {i} starts");
                let next = table
                    .packed(i + 1)
                    .map_or(text.len(), |next| layout::unpack(next).0);
                let row = &text[start..next];
                assert!(row.ends_with(ROW_END), "{module:?} row {i} ends");
                end = next;
                let fields: Vec<&str> = row[..row.len() - 1].split(FIELD_END).collect();
                assert_eq!(fields.len(), 4, "{module:?} row {i}");
                // Packed where they fit (fields too long are found by their separators).
                if fields[0].len() < 255 {
                    assert_eq!(code_len, Some(fields[0].len()), "{module:?} row {i}");
                }
                if row.len() < 0xff_ffff {
                    let en_at_really = row.len() - 1 - fields[3].len();
                    assert_eq!(en_at, Some(en_at_really), "{module:?} row {i}");
                }
                let read = table.row(i);
                assert_eq!([read.code, read.name, read.zh, read.en], fields[..]);
                assert_eq!(table.code(i), read.code);
                assert_eq!(
                    table.find_exact(read.code),
                    Some(i),
                    "{module:?} {}",
                    read.code
                );
                assert_eq!(table.find(read.code), Some(table.spelt(i)), "{module:?}");
            }
            assert_eq!(end, text.len(), "{module:?}: text after the last row");
        }
    }

    #[test]
    fn all_variants_reads_its_rows_in_the_target_s_byte_order() {
        assert_eq!(swap_pairs([1, 0, 2, 0, 0xff]), [0, 1, 0, 2, 0xff]);
        let native = native_u16s(*b"\x01\0\x02\x01");
        let values = [
            u16::from_ne_bytes([native[0], native[1]]),
            u16::from_ne_bytes([native[2], native[3]]),
        ];
        assert_eq!(values, [1, 0x0102]);
        // A generated enum's `ALL`, from the rows the generator writes.
        #[repr(u16)]
        #[derive(Clone, Copy, Debug, PartialEq)]
        enum Three {
            A,
            B,
            C,
        }
        const ALL: [Three; 3] = all_variants!(Three, 3, b"\0\0\x01\0\x02\0");
        assert_eq!(ALL, [Three::A, Three::B, Three::C]);
    }

    #[test]
    fn fields_too_long_to_pack_are_found_by_their_separators() {
        const TEXT: &str = "Code\x1fName\x1f中文\x1fEnglish\x1eNext\x1f\x1fzh\x1fen\x1e";
        // The generator's mixed cases: a code too long to pack with the English offset packed,
        // and the reverse.
        static ROWS: [u8; 16] =
            layout::to_bytes([layout::pack(0, 255, 17), layout::pack(25, 4, 1 << 24)]);
        let table = Table::sorted(TEXT, &ROWS);
        let first = table.row(0);
        assert_eq!(
            [first.code, first.name, first.zh, first.en],
            ["Code", "Name", "中文", "English"]
        );
        assert_eq!(table.code(0), "Code");
        let next = table.row(1);
        assert_eq!(
            [next.code, next.name, next.zh, next.en],
            ["Next", "", "zh", "en"]
        );
        assert_eq!(table.find("Next"), Some(1));
    }

    #[test]
    fn a_short_or_missing_row_reads_as_empty_fields() {
        const TEXT: &str = "A\x1f\x1f中\x1eOnlyCode\x1e";
        static ROWS: [u8; 16] = Table::rows_of(TEXT);
        let table = Table::sorted(TEXT, &ROWS);
        let a = table.row(0);
        assert_eq!(
            (a.code, a.message(Lang::Zh), a.message(Lang::En)),
            ("A", "中", "")
        );
        assert_eq!(table.row(1).message(Lang::Zh), "");
        // A row of two fields has a name and no texts.
        const TWO: &str = "B\x1fName\x1e";
        static TWO_ROWS: [u8; 8] = Table::rows_of(TWO);
        let b = Table::sorted(TWO, &TWO_ROWS).row(0);
        assert_eq!([b.code, b.name, b.zh, b.en], ["B", "Name", "", ""]);
        assert_eq!(table.row(2).code, "");
        assert_eq!(table.code(2), "");
        assert_eq!(table.find("OnlyCode"), Some(1));
        assert_eq!(table.find("Only"), None);
    }
}
