//! The generated crate used the way a downstream crate uses it: only its public API.

use std::collections::HashSet;

use tencentcloud_errors::{api3, common, Code, Lang, UnknownCode};

#[test]
fn common_has_the_38_codes_of_the_seed() {
    assert_eq!(common::ErrorCode::ALL.len(), 38);
    let first = common::ErrorCode::ALL[0];
    assert_eq!(first, common::ErrorCode::ActionOffline);
    assert_eq!(first.message(Lang::Zh), "接口已下线。");
    let expire = common::ErrorCode::AuthFailureSignatureExpire;
    assert_eq!(expire.as_str(), "AuthFailure.SignatureExpire");
    assert_eq!(
        expire.message(Lang::Zh),
        "签名过期。Timestamp 和服务器时间相差不得超过五分钟,请检查本地时间是否和标准时间同步。"
    );
}

#[test]
fn every_common_code_has_its_own_english_text() {
    for code in common::ErrorCode::ALL {
        let (zh, en) = (code.message(Lang::Zh), code.message(Lang::En));
        assert!(!en.is_empty() && en != zh, "{code}: {en}");
        assert!(en.is_ascii(), "{code}: {en}");
    }
}

#[test]
fn the_product_module_has_auth_failure() {
    let code: api3::ErrorCode = "AuthFailure".parse().unwrap();
    assert_eq!(code, api3::ErrorCode::AuthFailure);
    assert_eq!(code.message(Lang::Zh), "CAM签名/鉴权错误。");
    assert_eq!(api3::ErrorCode::ALL, &[api3::ErrorCode::AuthFailure]);
    // A product code and the common code of the same name are different types.
    assert!("AuthFailure".parse::<common::ErrorCode>().is_err());
}

fn round_trip<C: Code>() {
    let mut seen = HashSet::new();
    for (index, &code) in C::ALL.iter().enumerate() {
        assert!(seen.insert(code), "{code} twice in ALL");
        assert_eq!(code.as_str().parse::<C>(), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        assert_eq!(code.family(), code.as_str().split('.').next().unwrap());
        if index > 0 {
            let previous = C::ALL[index - 1];
            assert!(previous.as_str() < code.as_str());
        }
    }
}

#[test]
fn every_code_round_trips() {
    round_trip::<common::ErrorCode>();
    round_trip::<api3::ErrorCode>();
}

#[test]
fn unknown_codes_keep_their_string() {
    let err: UnknownCode = "AuthFailure.Nope".parse::<common::ErrorCode>().unwrap_err();
    assert_eq!(err.as_str(), "AuthFailure.Nope");
    assert_eq!(err.to_string(), "unknown error code `AuthFailure.Nope`");
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.to_string().contains("AuthFailure.Nope"));
    // Parsing is exact: no trimming, no case folding.
    assert!(" InternalError".parse::<common::ErrorCode>().is_err());
    assert!("internalerror".parse::<common::ErrorCode>().is_err());
}

#[test]
fn display_and_debug() {
    let code = common::ErrorCode::RequestLimitExceededIPLimitExceeded;
    assert_eq!(format!("{code}"), "RequestLimitExceeded.IPLimitExceeded");
    assert_eq!(format!("{code:?}"), "RequestLimitExceededIPLimitExceeded");
    assert_eq!(
        format!("[{:>14}]", common::ErrorCode::InternalError),
        "[ InternalError]"
    );
    assert_eq!(code.family(), "RequestLimitExceeded");
}
