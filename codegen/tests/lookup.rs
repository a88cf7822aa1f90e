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
        "r#as::v20180419",
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
        ["r#as::v20180419", "cvm::v20170312"]
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

/// Issue 19, point 5: a path is what code writes, a keyword product's a raw identifier.
#[test]
fn a_keyword_product_s_path_is_the_path_code_writes() {
    let auto_scaling = module("as", None).unwrap();
    assert_eq!(auto_scaling.path(), "r#as::v20180419");
    // The path names the module a program uses.
    let code = tencentcloud_errors::r#as::v20180419::ErrorCode::ALL[0];
    assert_eq!(
        lookup("as", None, code.as_str()).unwrap().module(),
        auto_scaling
    );
}

/// Issue 19, point 4: `module` and `lookup` do what their documentation says, and a version
/// written loosely is read as meant, while one that is not a date is refused.
#[test]
fn versions_are_read_as_meant_or_refused_and_module_tells_the_cases_apart() {
    // A version the crate does not have: no module, but the product is compiled in, and
    // `lookup` answers from the newest version it has.
    assert!(module("cvm", Some("2099-01-01")).is_none());
    assert!(module("cvm", None).is_some());
    let future = lookup("cvm", Some("2099-01-01"), "InvalidImageId.NotFound").unwrap();
    assert_eq!(future.module().version(), Some("v20170312"));
    // A month and a day without their zero are the date they mean.
    let code = "InvalidParameterValue.SdkAppidNotExist";
    let meant = lookup("sms", Some("2019-7-11"), code).unwrap();
    assert_eq!(meant.module().version(), Some("v20190711"));
    assert_eq!(Some(meant), lookup("sms", Some("2019-07-11"), code));
    // Not a date: refused, not answered by another version.
    for malformed in ["2019-07", "latest", "v2019-07-11", "2019-13-11"] {
        assert!(module("sms", Some(malformed)).is_none(), "{malformed}");
        assert!(
            lookup("sms", Some(malformed), code).is_none(),
            "{malformed}"
        );
        assert!(
            lookup("sms", Some(malformed), "InternalError").is_none(),
            "{malformed}"
        );
    }
}

/// Issue 19, point 12: the path a program writes for the code a user holds, which `explain`
/// prints, and the alias that makes rustdoc's search find the variant by that code.
#[test]
fn a_code_s_variant_path_is_the_one_code_writes_and_its_docs_carry_the_code_as_alias() {
    let info = lookup("cvm", None, "InvalidImageId.NotFound").unwrap();
    assert_eq!(
        info.variant_path().unwrap().to_string(),
        "tencentcloud_errors::cvm::v20170312::ErrorCode::InvalidImageIdNotFound"
    );
    // That path names that code.
    assert_eq!(
        tencentcloud_errors::cvm::v20170312::ErrorCode::InvalidImageIdNotFound.as_str(),
        "InvalidImageId.NotFound"
    );
    let auto_scaling = lookup("as", None, "InvalidImageId.NotFound").unwrap();
    assert_eq!(
        auto_scaling.variant_path().unwrap().to_string(),
        "tencentcloud_errors::r#as::v20180419::ErrorCode::InvalidImageIdNotFound"
    );
    // An action's code that no table has has no variant.
    for module in modules() {
        for action in module.actions() {
            for code in action.codes() {
                let in_table = module.get(code.as_str()).is_some() || code.module().is_common();
                assert_eq!(code.variant_path().is_some(), in_table, "{}", code.as_str());
            }
        }
    }
    // The source: an alias on every variant whose name is not its code, and no discriminant
    // for rustdoc to show.
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src/cvm/v20170312.rs"),
    )
    .unwrap();
    let variant = source.find("    InvalidImageIdNotFound,\n").unwrap();
    let before = &source[..variant];
    let attributes = &before[before.rfind("*/").unwrap()..];
    assert!(
        attributes.contains("#[doc(alias = \"InvalidImageId.NotFound\")]"),
        "{attributes}"
    );
    assert!(source.contains("#[cfg_attr(not(doc), repr(u16))]"));
    assert!(!source.contains("\n#[repr(u16)]"));
    let aliases = source.matches("#[doc(alias = ").count();
    let renamed = tencentcloud_errors::cvm::v20170312::ErrorCode::ALL
        .iter()
        .filter(|c| format!("{c:?}") != c.as_str())
        .count();
    assert_eq!(aliases, renamed);
}

/// Issue 19, point 3: sms's Chinese and English SDKs spell three codes with other capitals. Each
/// is one code with both texts, both spellings parse to it, and the other variant stays,
/// deprecated, so that code naming it still builds.
#[test]
#[allow(deprecated)]
fn a_code_the_two_languages_spell_with_other_capitals_is_one_code() {
    use tencentcloud_errors::sms::v20190711::ErrorCode as Sms;
    use tencentcloud_errors::CodeView;
    for (code, spelling, english) in [
        (
            Sms::InvalidParameterValueSdkAppIdNotExist,
            Sms::InvalidParameterValueSdkAppidNotExist,
            "does not exist",
        ),
        (
            Sms::UnauthorizedOperationSdkAppIdIsDisabled,
            Sms::UnauthorizedOperationSdkAppidIsDisabled,
            "forbidden",
        ),
        (
            Sms::UnauthorizedOperationSmsSdkAppIdVerifyFail,
            Sms::UnauthorizedOperationSmsSdkAppidVerifyFail,
            "",
        ),
    ] {
        assert!(
            code.message(Lang::En).is_ascii(),
            "{code}: {}",
            code.message(Lang::En)
        );
        assert!(code.message(Lang::En).contains(english));
        assert!(!code.message(Lang::Zh).is_ascii(), "{code}");
        assert_eq!(spelling.message(Lang::En), code.message(Lang::En));
        assert_eq!(spelling.message(Lang::Zh), code.message(Lang::Zh));
        for text in [code.as_str(), spelling.as_str()] {
            assert_eq!(text.parse::<Sms>(), Ok(code), "{text}");
            assert_eq!(CodeView::<Sms>::new(text), CodeView::Product(code));
            let found = lookup("sms", Some("2019-07-11"), text).unwrap();
            assert_eq!(found.as_str(), code.as_str());
        }
        assert!(code.as_str().eq_ignore_ascii_case(spelling.as_str()));
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
