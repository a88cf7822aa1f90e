//! `Lang` from a tag, a locale name and the environment.

use tencentcloud_errors::Lang;

#[test]
fn tags_and_locale_names() {
    for (text, lang) in [
        ("zh", Lang::Zh),
        ("zh-CN", Lang::Zh),
        ("zh_CN.UTF-8", Lang::Zh),
        ("zh_TW", Lang::Zh),
        ("ZH-Hans", Lang::Zh),
        ("en", Lang::En),
        ("en-US", Lang::En),
        ("en_GB.UTF-8@euro", Lang::En),
        ("EN", Lang::En),
    ] {
        assert_eq!(text.parse::<Lang>(), Ok(lang), "{text}");
    }
    for text in ["", "C", "POSIX", "fr_FR.UTF-8", "zhx", "english", "-zh"] {
        let err = text.parse::<Lang>().unwrap_err();
        assert!(
            err.to_string().contains("expected `zh` or `en`"),
            "{text}: {err}"
        );
    }
    assert_eq!(Lang::Zh.to_string(), "zh");
    assert_eq!(
        Lang::ALL.map(|l| l.as_str().parse::<Lang>()),
        [Ok(Lang::Zh), Ok(Lang::En)]
    );
}

/// The only test of this binary that touches the environment, so nothing reads it meanwhile.
#[test]
fn from_env_follows_lc_all_then_lc_messages_then_lang() {
    let vars = ["LC_ALL", "LC_MESSAGES", "LANG"];
    let set = |values: [Option<&str>; 3]| {
        for (name, value) in vars.iter().zip(values) {
            match value {
                Some(value) => std::env::set_var(name, value),
                None => std::env::remove_var(name),
            }
        }
        Lang::from_env()
    };
    assert_eq!(set([None, None, None]), Lang::En);
    assert_eq!(set([None, None, Some("zh_CN.UTF-8")]), Lang::Zh);
    assert_eq!(
        set([None, Some("en_US.UTF-8"), Some("zh_CN.UTF-8")]),
        Lang::En
    );
    assert_eq!(
        set([Some("zh_TW.UTF-8"), Some("en_US.UTF-8"), None]),
        Lang::Zh
    );
    assert_eq!(set([Some("C"), None, Some("zh_CN.UTF-8")]), Lang::En);
    // An empty variable is as good as unset.
    assert_eq!(set([Some(""), Some(""), Some("zh")]), Lang::Zh);
    assert_eq!(set([Some("fr_FR"), None, None]), Lang::En);
}
