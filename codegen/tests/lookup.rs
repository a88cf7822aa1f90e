//! Lookup by strings, families and the registry of modules, through the generated crate's
//! public API, with every product compiled in (`full`): the seed's `api3` and the catalog
//! imported from the Go SDKs.

use tencentcloud_errors::{
    api3, common, documented_in, lookup, module, modules, Code, CodeInfo, Lang,
};

#[test]
fn the_registry_has_common_then_the_products_compiled_in() {
    let paths: Vec<&str> = modules().iter().map(|m| m.path()).collect();
    assert_eq!(paths[0], "common");
    // Then every product-version, by path: the seed's page and the 298 of the SDKs.
    assert_eq!(paths.len(), 1 + 1 + 298);
    // By product, then version (oldest first): `api3` before `api::v20201106`.
    let key = |m: &tencentcloud_errors::Module| (m.product(), m.version());
    assert!(
        modules()[1..].windows(2).all(|w| key(&w[0]) < key(&w[1])),
        "sorted by product and version"
    );
    for path in [
        "api3",
        "cvm::v20170312",
        "as::v20180419",
        "sms::v20190711",
        "sms::v20210111",
    ] {
        assert!(paths.contains(&path), "{path}");
    }
    let common_module = &modules()[0];
    assert!(common_module.is_common());
    assert_eq!(common_module.product(), None);
    assert_eq!(common_module.len(), common::ErrorCode::ALL.len());
    let api3_module = module("api3", None).unwrap();
    assert_eq!(
        (api3_module.product(), api3_module.version()),
        (Some("api3"), None)
    );
    let codes: Vec<&str> = api3_module.codes().map(|c| c.as_str()).collect();
    let expected: Vec<&str> = api3::ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, expected);
}

#[test]
fn a_product_code_by_product_and_code() {
    let info: CodeInfo = lookup("api3", None, "AuthFailure").unwrap();
    assert_eq!(info.module().path(), "api3");
    assert_eq!(info.as_str(), "AuthFailure");
    assert_eq!(info.message(Lang::Zh), "CAM签名/鉴权错误。");
    assert_eq!(
        info.message(Lang::En),
        api3::ErrorCode::AuthFailure.message(Lang::En)
    );
    assert_eq!(info.family(), "AuthFailure");
    assert_eq!(info.common_family(), None);
    assert!(info.classes().is_auth());
    assert_eq!(info.to_string(), "AuthFailure");
}

#[test]
fn common_codes_through_a_product_at_any_version_spelling() {
    for version in [None, Some("2017-03-12"), Some("v20170312")] {
        let info = lookup("api3", version, "ResourceNotFound").unwrap();
        assert_eq!(info.module().path(), "common");
        assert_eq!(info.message(Lang::Zh), "资源不存在。");
    }
    assert_eq!(module("common", None).map(|m| m.path()), Some("common"));
    assert_eq!(
        lookup("common", None, "InternalError").unwrap().as_str(),
        "InternalError"
    );
}

#[test]
fn nothing_is_found_for_what_is_not_compiled_in_or_not_documented() {
    assert!(module("no_such_product", None).is_none());
    assert!(lookup("no_such_product", None, "InternalError").is_none());
    assert!(lookup("api3", None, "AuthFailure.Nope").is_none());
    // Exact strings only.
    assert!(lookup("api3", None, "authfailure").is_none());
    assert!(lookup("API3", None, "AuthFailure").is_none());
}

#[test]
fn documented_in_lists_every_module_that_has_the_code() {
    let paths = |code| {
        documented_in(code)
            .map(|i| i.module().path())
            .collect::<Vec<_>>()
    };
    // A business code many products list: every module that documents it, by path.
    let auth = paths("AuthFailure");
    assert!(
        auth.contains(&"api3") && auth.contains(&"cbs::v20170312"),
        "{auth:?}"
    );
    for path in &auth {
        let m = modules().iter().find(|m| m.path() == *path).unwrap();
        assert!(m.get("AuthFailure").is_some(), "{path}");
    }
    // A common code is documented by `common` first, and by the products whose own table
    // repeats it (their `errors.go` lists it).
    assert_eq!(
        paths("AuthFailure.SignatureExpire"),
        [
            "common",
            "ivld::v20210903",
            "wedata::v20210820",
            "wedata::v20250806"
        ]
    );
    assert_eq!(
        paths("InvalidImageId.NotFound"),
        ["as::v20180419", "cvm::v20170312"]
    );
    assert!(paths("Nope").is_empty());
}

#[test]
fn families_name_the_common_code_of_the_first_segment() {
    use common::ErrorCode as C;
    for (code, family) in [
        (
            C::RequestLimitExceededUinLimitExceeded,
            Some(C::RequestLimitExceeded),
        ),
        (C::InvalidParameterValue, Some(C::InvalidParameterValue)),
        // The common table has `AuthFailure.*` codes but no `AuthFailure`.
        (C::AuthFailureSignatureExpire, None),
    ] {
        assert_eq!(code.common_family(), family, "{code}");
    }
    assert_eq!(api3::ErrorCode::AuthFailure.common_family(), None);
    let info = lookup("api3", None, "RequestLimitExceeded.IPLimitExceeded").unwrap();
    assert_eq!(info.common_family(), Some(C::RequestLimitExceeded));
}

#[test]
fn every_code_is_found_by_its_string_with_the_enum_s_data() {
    for &code in common::ErrorCode::ALL {
        let info = lookup("common", None, code.as_str()).unwrap();
        for lang in Lang::ALL {
            assert_eq!(info.message(lang), code.message(lang));
        }
        assert_eq!(info.classes(), code.classes());
        assert_eq!(info.common_family(), code.common_family());
    }
    for &code in api3::ErrorCode::ALL {
        let info = lookup("api3", None, code.as_str()).unwrap();
        assert_eq!(info.message(Lang::Zh), code.message(Lang::Zh));
        assert_eq!(info.module().path(), "api3");
    }
}

#[test]
fn run_instances_lists_the_image_code_as_generated_actions_tsv_records() {
    // The committed record of the actions, read as text: cvm's RunInstances lists
    // `InvalidImageId.NotFound` (as the Go SDK's client.go does).
    let tsv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated/actions.tsv"
    ))
    .unwrap();
    let row = tsv
        .lines()
        .find_map(|l| l.strip_prefix("cvm::v20170312\tRunInstances\t"))
        .expect("a row for RunInstances");
    assert!(row.split(' ').any(|c| c == "InvalidImageId.NotFound"));
    // And the library says so, both ways.
    let run = module("cvm", Some("v20170312"))
        .and_then(|cvm| cvm.action("RunInstances"))
        .expect("cvm's RunInstances");
    assert!(run.lists("InvalidImageId.NotFound"));
    assert!(!run.lists("InvalidImageId.NoSuchCode"));
    let code = module("cvm", Some("v20170312"))
        .and_then(|cvm| cvm.get("InvalidImageId.NotFound"))
        .expect("the code");
    assert!(code.actions().any(|a| a.name() == "RunInstances"));
}
