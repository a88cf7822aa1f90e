//! Reading a response body: [`ApiError`], [`parse_response`] and [`MalformedResponse`].

use alloc::string::String;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::category::{categorize, Category};
use super::classes::Classes;
use super::view::CodeView;
use super::{common_family_of, family_of, Code};
use crate::common;

/// The error a Tencent Cloud API call returned: `Response.Error` of the body, with the
/// response's `RequestId`.
///
/// It deserializes from the whole response envelope, exactly as the API sends it:
///
/// ```
/// use tencentcloud_errors::{common, ApiError};
///
/// let body = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated. Please check your signature is correct."},"RequestId":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}"#;
/// let err: ApiError = serde_json::from_str(body)?;
/// assert_eq!(err.code(), "AuthFailure.SignatureFailure");
/// assert_eq!(err.request_id(), Some("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"));
/// assert_eq!(err.common_code(), Some(common::ErrorCode::AuthFailureSignatureFailure));
/// assert_eq!(
///     err.to_string(),
///     "AuthFailure.SignatureFailure: The provided credentials could not be validated. \
///      Please check your signature is correct. (RequestId: ed93f3cb-f35e-473f-b9f3-0d451b8b79c6)"
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// [`parse_response`] reads any body, successful or not. The code is kept as a string, so an
/// error is never lost, whatever code the server sends; [`ApiError::common_code`],
/// [`ApiError::view`] and [`ApiError::classes`] interpret it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiError {
    code: String,
    message: String,
    request_id: Option<String>,
}

impl ApiError {
    /// An error from its parts, for a client that has read them some other way.
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn new(
        code: impl Into<String>,
        message: impl Into<String>,
        request_id: Option<String>,
    ) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
            request_id,
        }
    }

    /// `Response.Error.Code`, exactly as the server sent it.
    #[inline]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// `Response.Error.Message`: the server's own message for this occurrence (often more
    /// specific than the documented text). Empty if the server sent none.
    #[inline]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// `Response.RequestId`, the id to quote to Tencent Cloud support; `None` if the body had
    /// none.
    #[inline]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The code as a common code, if it is one.
    #[inline]
    pub fn common_code(&self) -> Option<common::ErrorCode> {
        <common::ErrorCode as Code>::from_code(&self.code)
    }

    /// The code as seen from product `P`: common, the product's own, or unknown (see
    /// [`CodeView`] for why a match on it stays stable across refreshes of the crate).
    pub fn view<P: Code>(&self) -> CodeView<'_, P> {
        CodeView::new(&self.code)
    }

    /// The code up to its first dot (see [`Code::family`]).
    #[inline]
    pub fn family(&self) -> &str {
        family_of(&self.code)
    }

    /// The common code that names the code's family (see [`Code::common_family`]), also for
    /// codes this crate does not know.
    #[inline]
    pub fn common_family(&self) -> Option<common::ErrorCode> {
        common_family_of(&self.code)
    }

    /// What a client can do about the error: the classes of its
    /// [category](ApiError::category).
    #[inline]
    pub fn classes(&self) -> Classes {
        self.category().classes()
    }

    /// What kind of failure the code reports, by the code's string alone
    /// ([`categorize`](crate::categorize)): the rules on its family and the words of its name,
    /// for codes this crate knows and codes it does not alike. The category of a module's own
    /// code, where its texts or a rule for its module decided, is
    /// [`view`](ApiError::view)`::<P>().category()` or [`lookup`](crate::lookup)'s.
    ///
    /// ```
    /// use tencentcloud_errors::{parse_response, Category};
    ///
    /// let body = r#"{"Response":{"Error":{"Code":"OperationDenied.InstanceOperationInProgress","Message":"busy"},"RequestId":"r1"}}"#;
    /// let err = parse_response(body)?.expect("an error");
    /// assert_eq!(err.category(), Category::Busy);
    /// # Ok::<(), tencentcloud_errors::MalformedResponse>(())
    /// ```
    #[inline]
    pub fn category(&self) -> Category {
        categorize(&self.code)
    }
}

/// `Code: Message (RequestId: id)`; the parts the body did not have are left out.
impl fmt::Display for ApiError {
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (RequestId: {id})")?;
        }
        Ok(())
    }
}

impl core::error::Error for ApiError {}

/// Reads the body of any Tencent Cloud API response: `Ok(Some(error))` when it holds
/// `Response.Error`, `Ok(None)` when it is a successful response, and [`MalformedResponse`]
/// when it is not a response at all (not JSON, no `Response` object, an `Error` with no
/// `Code` or an empty one, …). The caller defines no envelope types.
///
/// ```
/// use tencentcloud_errors::parse_response;
///
/// let failed = br#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r-1"}}"#;
/// let err = parse_response(failed)?.expect("an error");
/// assert!(err.classes().is_retryable());
///
/// let succeeded = r#"{"Response":{"TotalCount":0,"RequestId":"r-2"}}"#;
/// assert!(parse_response(succeeded)?.is_none());
///
/// let not_a_response = parse_response("<html>502 Bad Gateway</html>").unwrap_err();
/// assert!(not_a_response.to_string().starts_with("not a Tencent Cloud API response: "));
/// # Ok::<(), tencentcloud_errors::MalformedResponse>(())
/// ```
#[cfg_attr(not(debug_assertions), inline)]
pub fn parse_response(body: impl AsRef<[u8]>) -> Result<Option<ApiError>, MalformedResponse> {
    let envelope: Envelope =
        serde_json::from_slice(body.as_ref()).map_err(|error| MalformedResponse { error })?;
    Ok(envelope.into_error())
}

/// A body that is not a Tencent Cloud API response. Its message says what was wrong and where.
#[derive(Debug)]
pub struct MalformedResponse {
    error: serde_json::Error,
}

impl MalformedResponse {
    /// The 1-based line of the body where reading stopped.
    #[inline]
    pub fn line(&self) -> usize {
        self.error.line().max(1)
    }

    /// The 1-based column (in bytes) of the body where reading stopped: 1 when it stopped
    /// before the first byte of a line (an empty body, or one that ends after a line break).
    ///
    /// ```
    /// let empty = tencentcloud_errors::parse_response("").unwrap_err();
    /// assert_eq!((empty.line(), empty.column()), (1, 1));
    /// ```
    #[cfg_attr(not(debug_assertions), inline)]
    pub fn column(&self) -> usize {
        // serde_json counts the position before a line's first byte as column 0.
        self.error.column().max(1)
    }
}

impl fmt::Display for MalformedResponse {
    /// serde_json's message, with the position as [`MalformedResponse::line`] and
    /// [`MalformedResponse::column`] give it.
    #[cfg_attr(not(debug_assertions), inline)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = alloc::format!("{}", self.error);
        let position = alloc::format!(
            " at line {} column {}",
            self.error.line(),
            self.error.column()
        );
        match message.strip_suffix(position.as_str()) {
            Some(what) => write!(
                f,
                "not a Tencent Cloud API response: {what} at line {} column {}",
                self.line(),
                self.column()
            ),
            None => write!(f, "not a Tencent Cloud API response: {message}"),
        }
    }
}

impl core::error::Error for MalformedResponse {}

impl<'de> Deserialize<'de> for ApiError {
    /// Reads the whole envelope, `{"Response":{"Error":{…},"RequestId":…}}`. A successful
    /// response is an error here: use [`parse_response`] for bodies that may be either.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Envelope::deserialize(deserializer)?
            .into_error()
            .ok_or_else(|| de::Error::custom("`Response` has no `Error`: the call succeeded"))
    }
}

/// `{"Response": …}`.
struct Envelope {
    response: ResponseBody,
}

/// `Response`: the error if there is one, and the request id.
struct ResponseBody {
    error: Option<ErrorBody>,
    request_id: Option<String>,
}

/// `Response.Error`.
struct ErrorBody {
    code: String,
    message: String,
}

impl Envelope {
    #[cfg_attr(not(debug_assertions), inline)]
    fn into_error(self) -> Option<ApiError> {
        let ResponseBody { error, request_id } = self.response;
        error.map(|ErrorBody { code, message }| ApiError {
            code,
            message,
            request_id,
        })
    }
}

/// The field names the envelope uses; any other is skipped.
enum Key {
    Response,
    Error,
    RequestId,
    Code,
    Message,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "Response" => Key::Response,
                    "Error" => Key::Error,
                    "RequestId" => Key::RequestId,
                    "Code" => Key::Code,
                    "Message" => Key::Message,
                    _ => Key::Other,
                })
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Stores `value` in `slot`, or fails on a second `field`.
fn once<T, E: de::Error>(slot: &mut Option<T>, value: T, field: &'static str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(field));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de> Deserialize<'de> for Envelope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EnvelopeVisitor;

        impl<'de> Visitor<'de> for EnvelopeVisitor {
            type Value = Envelope;

            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with a `Response` object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
                let mut response = None;
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Response => once(&mut response, map.next_value()?, "Response")?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                match response {
                    Some(response) => Ok(Envelope { response }),
                    None => Err(de::Error::custom("the body has no `Response` object")),
                }
            }
        }

        deserializer.deserialize_map(EnvelopeVisitor)
    }
}

impl<'de> Deserialize<'de> for ResponseBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ResponseVisitor;

        impl<'de> Visitor<'de> for ResponseVisitor {
            type Value = ResponseBody;

            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the `Response` object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ResponseBody, A::Error> {
                let mut error: Option<Option<ErrorBody>> = None;
                let mut request_id: Option<Option<String>> = None;
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Error => once(&mut error, map.next_value()?, "Error")?,
                        Key::RequestId => once(&mut request_id, map.next_value()?, "RequestId")?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(ResponseBody {
                    error: error.flatten(),
                    request_id: request_id.flatten(),
                })
            }
        }

        deserializer.deserialize_map(ResponseVisitor)
    }
}

impl<'de> Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ErrorVisitor;

        impl<'de> Visitor<'de> for ErrorVisitor {
            type Value = ErrorBody;

            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the `Response.Error` object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
                let mut code = None;
                let mut message: Option<Option<String>> = None;
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Code => once(&mut code, map.next_value::<String>()?, "Code")?,
                        Key::Message => once(&mut message, map.next_value()?, "Message")?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                match code {
                    // A code is what the client acts on: an empty one is no error code at all.
                    Some(code) if code.is_empty() => {
                        Err(de::Error::custom("`Response.Error.Code` is empty"))
                    }
                    Some(code) => Ok(ErrorBody {
                        code,
                        message: message.flatten().unwrap_or_default(),
                    }),
                    None => Err(de::Error::custom("`Response.Error` has no `Code`")),
                }
            }
        }

        deserializer.deserialize_map(ErrorVisitor)
    }
}
