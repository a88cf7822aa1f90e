use tencentcloud_errors::{
    common, parse_response, random_jitter, ApiError, HoldsApiError, Lang, RetryBudget, RetryPolicy,
};

/// Why a call failed: Tencent Cloud's error, or no answer from Tencent Cloud at all.
#[derive(Debug)]
pub enum CallError {
    Api(ApiError),
    Transport(String),
}

impl HoldsApiError for CallError {
    fn api_error(&self) -> Option<&ApiError> {
        match self {
            CallError::Api(err) => Some(err),
            CallError::Transport(_) => None,
        }
    }

    fn is_transport_failure(&self) -> bool {
        matches!(self, CallError::Transport(_))
    }
}

/// One attempt. Errors come with HTTP 200: the body, not the status, says what happened.
pub async fn send(request: reqwest::RequestBuilder) -> Result<String, CallError> {
    let transport = |err: reqwest::Error| CallError::Transport(err.to_string());
    let body = request
        .send()
        .await
        .map_err(transport)?
        .text()
        .await
        .map_err(transport)?;
    match parse_response(&body) {
        Ok(None) => Ok(body),
        Ok(Some(err)) => Err(CallError::Api(err)),
        // A proxy's HTML error page, a cut-off body, …
        Err(not_a_response) => Err(CallError::Transport(not_a_response.to_string())),
    }
}

/// The call, retried as `policy` says while the client's `budget` allows. `request` builds
/// (and signs) the request afresh for each attempt, since a signature expires.
pub async fn call(
    policy: RetryPolicy,
    budget: &RetryBudget,
    request: impl Fn() -> reqwest::RequestBuilder,
) -> Result<String, CallError> {
    policy
        .retry(budget, random_jitter, || send(request()))
        .sleep(tokio::time::sleep)
        .await
}

/// CVM's `DescribeRegions`. It changes nothing, so it is idempotent: a transient fault
/// (`ServiceUnavailable`) or a lost connection is retried too. `sign` adds the TC3-HMAC-SHA256
/// headers.
pub async fn describe_regions(
    http: &reqwest::Client,
    endpoint: &str,
    budget: &RetryBudget,
    sign: impl Fn(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
) -> Result<String, CallError> {
    let policy = RetryPolicy::standard().with_idempotent(true);
    let request = || {
        sign(http.post(endpoint).body("{}"))
            .header("X-TC-Action", "DescribeRegions")
            .header("X-TC-Version", "2017-03-12")
    };
    call(policy, budget, request).await
}

/// The server's message and, for a code the crate knows, its documented text in `lang`.
pub fn explain(err: &CallError, lang: Lang) -> String {
    match err {
        CallError::Api(err) => match err.view::<common::ErrorCode>().message(lang) {
            Some(text) => format!("{err}\n{text}"),
            None => err.to_string(),
        },
        CallError::Transport(why) => format!("no answer from Tencent Cloud: {why}"),
    }
}

/// One budget for every call of the client.
static BUDGET: RetryBudget = RetryBudget::standard();

pub async fn print_regions(
    http: &reqwest::Client,
    sign: impl Fn(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
) {
    let endpoint = "https://cvm.tencentcloudapi.com";
    match describe_regions(http, endpoint, &BUDGET, sign).await {
        Ok(body) => println!("{body}"),
        Err(err) => eprintln!("{}", explain(&err, Lang::from_env())),
    }
}
