//! From a response body to a handled error, through the generated crate's public API:
//! `ApiError`, `parse_response`, the typed views and the unknown case.

use std::path::Path;

use tencentcloud_errors::{
    api3, common, parse_response, ApiError, Code, CodeView, Lang, MalformedResponse, UnknownCode,
};

/// The JSON example of the seed page (`docs-source/zh/api3.md`), cut out of the page as it is:
/// from the first `{` to the `}` that the page glues to `Error 中的 Code`.
fn seed_example() -> String {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-source/zh/api3.md");
    let text = std::fs::read_to_string(page).unwrap();
    let start = text.find('{').unwrap();
    let end = text.find("}Error 中的 Code").unwrap() + 1;
    text[start..end].to_owned()
}

const SEED_DISPLAY: &str = "AuthFailure.SignatureFailure: The provided credentials could not be \
                            validated. Please check your signature is correct. \
                            (RequestId: ed93f3cb-f35e-473f-b9f3-0d451b8b79c6)";

#[test]
fn the_seed_example_deserializes_and_prints_on_one_line() {
    let err: ApiError = serde_json::from_str(&seed_example()).unwrap();
    assert_eq!(err.code(), "AuthFailure.SignatureFailure");
    assert_eq!(
        err.message(),
        "The provided credentials could not be validated. Please check your signature is correct."
    );
    assert_eq!(
        err.request_id(),
        Some("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6")
    );
    assert_eq!(err.to_string(), SEED_DISPLAY);
    assert_eq!(
        err.common_code(),
        Some(common::ErrorCode::AuthFailureSignatureFailure)
    );
    let as_std: Box<dyn std::error::Error> = Box::new(err);
    assert_eq!(as_std.to_string(), SEED_DISPLAY);
}

#[test]
fn parse_response_takes_bytes_or_text_and_tells_errors_from_success() {
    let body = seed_example();
    let from_text = parse_response(&body).unwrap();
    let from_bytes = parse_response(body.as_bytes()).unwrap();
    let from_vec = parse_response(body.clone().into_bytes()).unwrap();
    assert_eq!(from_text, from_bytes);
    assert_eq!(from_text, from_vec);
    assert_eq!(from_text.unwrap().to_string(), SEED_DISPLAY);

    for success in [
        r#"{"Response":{"RequestId":"r-1"}}"#,
        r#"{"Response":{"InstanceSet":[{"Error":"not this one"}],"TotalCount":1,"RequestId":"r"}}"#,
        r#"{"Response":{"Error":null,"RequestId":"r"}}"#,
        r#"{"Response":{}}"#,
    ] {
        assert_eq!(parse_response(success).unwrap(), None, "{success}");
    }
}

#[test]
fn lenient_on_what_a_handler_can_do_without() {
    // Fields beside the envelope's are skipped; a missing message or request id is not a reason
    // to lose the error.
    let err = parse_response(
        r#"{"Extra":1,"Response":{"Error":{"Code":"InternalError","Detail":{}},"Other":[1]}}"#,
    )
    .unwrap()
    .unwrap();
    assert_eq!(err.code(), "InternalError");
    assert_eq!(err.message(), "");
    assert_eq!(err.request_id(), None);
    assert_eq!(err.to_string(), "InternalError");
    let err = parse_response(r#"{"Response":{"Error":{"Code":"C","Message":"m"}}}"#).unwrap();
    assert_eq!(err.unwrap().to_string(), "C: m");
}

fn malformed(body: &str) -> MalformedResponse {
    match parse_response(body) {
        Err(err) => err,
        Ok(parsed) => panic!("{body} was read as a response: {parsed:?}"),
    }
}

#[test]
fn a_body_that_is_not_a_response_says_what_is_wrong() {
    for (body, says) in [
        ("", "EOF while parsing a value"),
        (
            "<html>502 Bad Gateway</html>",
            "expected value at line 1 column 1",
        ),
        ("[]", "expected an object with a `Response` object"),
        (
            r#"{"Error":{"Code":"X"}}"#,
            "the body has no `Response` object",
        ),
        (r#"{"Response":"oops"}"#, "expected the `Response` object"),
        (
            r#"{"Response":{"Error":"oops"}}"#,
            "expected the `Response.Error` object",
        ),
        (
            r#"{"Response":{"Error":{"Message":"m"}}}"#,
            "`Response.Error` has no `Code`",
        ),
        (
            r#"{"Response":{"Error":{"Code":5}}}"#,
            "invalid type: integer `5`, expected a string",
        ),
        (
            r#"{"Response":{},"Response":{}}"#,
            "duplicate field `Response`",
        ),
        (r#"{"Response":{}} trailing"#, "trailing characters"),
    ] {
        let err = malformed(body);
        let message = err.to_string();
        assert!(
            message.starts_with("not a Tencent Cloud API response: "),
            "{body}: {message}"
        );
        assert!(message.contains(says), "{body}: {message}");
    }
    let err = malformed("{\n  \"Response\": 1\n}");
    assert_eq!((err.line(), err.column()), (2, 15));
}

/// Issue 14: an empty code is no error code; and positions are 1-based, an empty body's too.
#[test]
fn an_empty_code_is_malformed_and_positions_are_one_based() {
    for body in [
        r#"{"Response":{"Error":{"Code":"","Message":"m"},"RequestId":"r"}}"#,
        r#"{"Response":{"Error":{"Code":""}}}"#,
    ] {
        let message = malformed(body).to_string();
        assert!(
            message.contains("`Response.Error.Code` is empty"),
            "{body}: {message}"
        );
    }
    for (body, line, column) in [("", 1, 1), ("{\n", 2, 1), ("  ", 1, 2)] {
        let err = malformed(body);
        assert_eq!((err.line(), err.column()), (line, column), "{body:?}");
        assert!(
            err.to_string()
                .ends_with(&format!(" at line {line} column {column}")),
            "{body:?}: {err}"
        );
    }
}

#[test]
fn a_successful_response_is_not_an_api_error() {
    let err = serde_json::from_str::<ApiError>(r#"{"Response":{"RequestId":"r"}}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("`Response` has no `Error`: the call succeeded"),
        "{err}"
    );
}

#[test]
fn the_views_of_one_error() {
    let err = ApiError::new("AuthFailure", "denied", Some("r".to_owned()));
    // Not a common code (the common table has `AuthFailure.*` only): the product's.
    assert_eq!(err.common_code(), None);
    assert_eq!(
        err.view::<api3::ErrorCode>(),
        CodeView::Product(api3::ErrorCode::AuthFailure)
    );
    let view = err.view::<api3::ErrorCode>();
    assert_eq!(view.message(Lang::Zh), Some("CAM签名/鉴权错误。"));
    assert!(view.classes().is_auth());

    let err = ApiError::new("RequestLimitExceeded.UinLimitExceeded", "slow down", None);
    let view = err.view::<api3::ErrorCode>();
    assert_eq!(
        view,
        CodeView::Common(common::ErrorCode::RequestLimitExceededUinLimitExceeded)
    );
    assert_eq!(view.to_string(), err.code());
    assert!(err.classes().is_throttling());
}

#[test]
fn an_unknown_code_is_kept_never_mapped_and_still_has_a_family() {
    let code = "InvalidParameterValue.InstanceIdMalformed";
    let err = ApiError::new(code, "bad id", None);
    let view = err.view::<api3::ErrorCode>();
    assert!(!view.is_known());
    assert_eq!(view.as_str(), code);
    assert_eq!(view.message(Lang::En), None);
    assert_eq!(err.common_code(), None);
    assert_eq!(err.family(), "InvalidParameterValue");
    assert_eq!(
        err.common_family(),
        Some(common::ErrorCode::InvalidParameterValue)
    );
    assert!(err.classes().is_caller_error());
    // A catch-all arm with a guard on the string is how an unknown code is handled.
    let handled = match view {
        CodeView::Common(_) | CodeView::Product(_) => "known",
        other if other.as_str() == code => "this one",
        _ => "other",
    };
    assert_eq!(handled, "this one");

    // Codes whose first segment is not a common code have no common family.
    let err = ApiError::new("Brand.New", "", None);
    assert_eq!(err.common_family(), None);
    assert!(err.classes().is_empty());
}

#[test]
fn unknown_codes_parsed_as_enums_keep_all_of_their_string() {
    // With the `alloc` feature (on by default), the whole string is kept, however long.
    let long = format!("FailedOperation.{}", "X".repeat(200));
    let err: UnknownCode = long.parse::<common::ErrorCode>().unwrap_err();
    assert_eq!(err.as_str(), long);
    assert!(!err.is_truncated());
    assert_eq!(common::ErrorCode::from_code(&long), None);
    assert_eq!(
        common::ErrorCode::from_code("InternalError"),
        Some(common::ErrorCode::InternalError)
    );
}
