//! The README's client against an HTTP server on 127.0.0.1 that answers as Tencent Cloud does:
//! HTTP 200 with the error envelope, a request id per request. Client and server run on one
//! tokio runtime with its clock paused, so the pauses take no real time, and backon's `notify`
//! reports each pause the policy chose.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use tencentcloud_errors::{random_jitter, HoldsApiError, Lang, RetryBudget, RetryPolicy};
use tencentcloud_errors_http_retry::{call, describe_regions, explain, send, CallError};

/// Runs a test on a current-thread runtime whose clock starts paused: a sleep with nothing else
/// to do advances the clock at once.
fn paused(test: impl Future<Output = ()>) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a tokio runtime")
        .block_on(test)
}

/// What the server answers to one request.
#[derive(Clone, Copy, Debug)]
enum Answer {
    /// HTTP 200 with `Response.Error.Code` set to this code.
    Error(&'static str),
    /// HTTP 200 with a successful `DescribeRegions` response.
    Success,
    /// What a proxy in front of the API sends when the API is down: an HTML 502 page.
    ProxyPage,
}

use Answer::{Error, ProxyPage, Success};

/// The answer to the request with 0-based `index`: the script's, its last one for every
/// request after; the request id of the `n`th request is `req-n`.
fn answer(script: &[Answer], index: usize) -> Response<Full<Bytes>> {
    let id = format!("req-{}", index + 1);
    let (status, content_type, body) = match script[index.min(script.len() - 1)] {
        Error(code) => (
            StatusCode::OK,
            "application/json",
            format!(
                r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"the server's own words for {code}"}},"RequestId":"{id}"}}}}"#
            ),
        ),
        Success => (
            StatusCode::OK,
            "application/json",
            format!(
                r#"{{"Response":{{"TotalCount":1,"RegionSet":[{{"Region":"ap-guangzhou","RegionName":"华南地区(广州)","RegionState":"AVAILABLE"}}],"RequestId":"{id}"}}}}"#
            ),
        ),
        ProxyPage => (
            StatusCode::BAD_GATEWAY,
            "text/html",
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n".to_owned(),
        ),
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(content_type),
    );
    response
}

/// A server on 127.0.0.1 that answers every request by its script, and counts them.
struct TencentCloud {
    address: SocketAddr,
    served: Arc<AtomicUsize>,
}

impl TencentCloud {
    /// Starts the server on the test's runtime; it stops with the runtime.
    async fn start(script: &'static [Answer]) -> TencentCloud {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port on 127.0.0.1");
        let address = listener.local_addr().expect("the listener's address");
        let served = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&served);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let counter = Arc::clone(&counter);
                let service = service_fn(move |_| {
                    let index = counter.fetch_add(1, Ordering::SeqCst);
                    async move { Ok::<_, Infallible>(answer(script, index)) }
                });
                tokio::spawn(async move {
                    // A connection the client drops ends here; the test judges what it got.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        TencentCloud { address, served }
    }

    fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// How many requests the server got.
    fn requests(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

/// Signs nothing: the local server does not check signatures.
fn unsigned(request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    request
}

fn api_error(result: Result<String, CallError>) -> tencentcloud_errors::ApiError {
    match result {
        Err(CallError::Api(err)) => err,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn throttled_twice_then_success_is_three_requests_with_the_policys_pauses() {
    paused(async {
        let server = TencentCloud::start(&[
            Error("RequestLimitExceeded"),
            // A throttling code of the family that the Go SDK does not retry.
            Error("RequestLimitExceeded.UinLimitExceeded"),
            Success,
        ])
        .await;
        let http = reqwest::Client::new();
        let budget = RetryBudget::standard();
        let policy = RetryPolicy::standard();
        let mut pauses = Vec::new();
        let started = tokio::time::Instant::now();

        let body = policy
            .retry(&budget, || 0.75, || send(http.post(server.uri())))
            .notify(|err: &CallError, pause| {
                let code = err.api_error().map(|err| err.code().to_owned());
                pauses.push((code, pause));
            })
            .sleep(tokio::time::sleep)
            .await
            .expect("the third attempt succeeds");

        assert!(
            body.contains("ap-guangzhou") && body.contains("req-3"),
            "{body}"
        );
        assert_eq!(server.requests(), 3);
        // min(1 s × 2^(n−1), 20 s) × 0.75 after failure n.
        let throttled = |code: &str| Some(code.to_owned());
        assert_eq!(
            pauses,
            [
                (
                    throttled("RequestLimitExceeded"),
                    Duration::from_millis(750)
                ),
                (
                    throttled("RequestLimitExceeded.UinLimitExceeded"),
                    Duration::from_millis(1500)
                ),
            ]
        );
        assert_eq!(
            pauses[1].1,
            policy
                .delay("RequestLimitExceeded.UinLimitExceeded", 2, 0.75)
                .unwrap()
        );
        // The pauses were slept, on the paused clock.
        assert!(started.elapsed() >= Duration::from_millis(2250));
        // Two retries at 5 tokens each; the success after a retry gives its 5 back.
        assert_eq!(budget.available(), 500 - 5);
    });
}

#[test]
fn the_readme_client_retries_throttling_with_random_jitter() {
    paused(async {
        let server = TencentCloud::start(&[
            Error("RequestLimitExceeded"),
            Error("RequestLimitExceeded"),
            Success,
        ])
        .await;
        let http = reqwest::Client::new();
        let budget = RetryBudget::standard();

        let body = describe_regions(&http, &server.uri(), &budget, unsigned)
            .await
            .expect("the third attempt succeeds");

        assert!(body.contains("\"RegionSet\""), "{body}");
        assert_eq!(server.requests(), 3);
        assert_eq!(budget.available(), 495);
    });
}

#[test]
fn an_expired_signature_is_one_request_and_explained_in_the_users_language() {
    paused(async {
        let server = TencentCloud::start(&[Error("AuthFailure.SignatureExpire"), Success]).await;
        let http = reqwest::Client::new();
        let budget = RetryBudget::standard();

        let failed = describe_regions(&http, &server.uri(), &budget, unsigned).await;

        assert_eq!(server.requests(), 1);
        let err = CallError::Api(api_error(failed));
        let first = "AuthFailure.SignatureExpire: the server's own words for \
                     AuthFailure.SignatureExpire (RequestId: req-1)\n";
        let zh = explain(&err, Lang::Zh);
        assert!(zh.starts_with(first) && zh.contains("签名过期"), "{zh}");
        let en = explain(&err, Lang::En);
        assert!(en.starts_with(first) && en.contains("expired"), "{en}");
        assert_eq!(budget.available(), 500);
    });
}

#[test]
fn transient_faults_until_the_attempts_run_out_give_back_the_last_error() {
    paused(async {
        let server = TencentCloud::start(&[Error("ServiceUnavailable")]).await;
        let http = reqwest::Client::new();
        let budget = RetryBudget::standard();

        // `DescribeRegions` is idempotent: retried.
        let failed = describe_regions(&http, &server.uri(), &budget, unsigned).await;

        assert_eq!(server.requests(), 3);
        let err = api_error(failed);
        assert_eq!(err.code(), "ServiceUnavailable");
        assert_eq!(err.request_id(), Some("req-3"));
        assert_eq!(budget.available(), 490);

        // A call that may not be idempotent is not sent again after a transient fault.
        let server = TencentCloud::start(&[Error("ServiceUnavailable"), Success]).await;
        let run_instances = || {
            http.post(server.uri())
                .header("X-TC-Action", "RunInstances")
        };
        let failed = call(RetryPolicy::standard(), &budget, run_instances).await;
        assert_eq!(server.requests(), 1);
        assert_eq!(api_error(failed).request_id(), Some("req-1"));
    });
}

#[test]
fn an_internal_error_is_not_sent_again_even_for_an_idempotent_call() {
    paused(async {
        let server = TencentCloud::start(&[Error("InternalError"), Success]).await;
        let http = reqwest::Client::new();
        let budget = RetryBudget::standard();

        let failed = describe_regions(&http, &server.uri(), &budget, unsigned).await;

        assert_eq!(server.requests(), 1);
        assert_eq!(api_error(failed).code(), "InternalError");
        assert_eq!(budget.available(), 500);
    });
}

#[test]
fn a_busy_instance_is_waited_for_on_the_busy_schedule_even_for_a_call_that_changes_things() {
    paused(async {
        // CVM answers `RunInstances` that another operation holds the instance, four times.
        const BUSY: Answer = Error("OperationDenied.InstanceOperationInProgress");
        let server = TencentCloud::start(&[BUSY, BUSY, BUSY, BUSY, Success]).await;
        let http = reqwest::Client::new();
        let budget = RetryBudget::standard();
        let run_instances = || {
            http.post(server.uri())
                .header("X-TC-Action", "RunInstances")
        };
        let mut pauses = Vec::new();
        let started = tokio::time::Instant::now();

        let body = RetryPolicy::standard()
            .retry(&budget, || 1.0, || send(run_instances()))
            .notify(|_: &CallError, pause| pauses.push(pause))
            .sleep(tokio::time::sleep)
            .await
            .expect("the fifth attempt succeeds");

        assert!(body.contains("\"RegionSet\""), "{body}");
        assert_eq!(server.requests(), 5);
        let secs = Duration::from_secs;
        assert_eq!(pauses, [secs(2), secs(4), secs(8), secs(16)]);
        // The clock is paused: the waits advanced it by exactly their sum.
        let waited = started.elapsed();
        assert!(waited >= secs(30) && waited < secs(31), "{waited:?}");
        // Four retries at 5 tokens each, the last one's cost refunded by its success.
        assert_eq!(budget.available(), 500 - 4 * 5 + 5);
    });
}

#[test]
fn a_proxys_html_502_page_is_a_transport_failure_not_an_api_error() {
    paused(async {
        let server = TencentCloud::start(&[ProxyPage]).await;
        let http = reqwest::Client::new();
        let budget = RetryBudget::standard();

        // Not idempotent: no retry, since the request may have reached the API.
        let run_instances = || {
            http.post(server.uri())
                .header("X-TC-Action", "RunInstances")
        };
        let failed = call(RetryPolicy::standard(), &budget, run_instances).await;
        assert_eq!(server.requests(), 1);
        let Err(err @ CallError::Transport(_)) = failed else {
            panic!("expected a transport failure, got {failed:?}");
        };
        assert!(err.api_error().is_none() && err.is_transport_failure());
        let said = explain(&err, Lang::En);
        assert!(
            said.starts_with("no answer from Tencent Cloud: not a Tencent Cloud API response: "),
            "{said}"
        );

        // Idempotent: retried as a transient failure, until the attempts run out.
        let failed = describe_regions(&http, &server.uri(), &budget, unsigned).await;
        assert_eq!(server.requests(), 1 + 3);
        assert!(matches!(failed, Err(CallError::Transport(_))), "{failed:?}");
    });
}

#[test]
fn a_refused_connection_is_a_transport_failure() {
    paused(async {
        // A port that was just free on 127.0.0.1: nothing listens on it any more.
        let address = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port on 127.0.0.1");
        let http = reqwest::Client::new();
        let budget = RetryBudget::standard();
        let mut retries = 0;

        let failed = RetryPolicy::standard()
            .with_idempotent(true)
            .retry(&budget, random_jitter, || {
                send(http.post(format!("http://{address}")))
            })
            .notify(|_: &CallError, _| retries += 1)
            .sleep(tokio::time::sleep)
            .await;

        assert!(matches!(failed, Err(CallError::Transport(_))), "{failed:?}");
        assert_eq!(retries, 2);
    });
}

#[test]
fn an_empty_budget_means_no_retry_for_any_call_of_the_client() {
    paused(async {
        let server = TencentCloud::start(&[Error("RequestLimitExceeded")]).await;
        let http = reqwest::Client::new();
        // Enough for one retry.
        let budget = RetryBudget::new(RetryBudget::RETRY_COST);

        // The first call's first retry takes the budget; its second is refused.
        let failed = describe_regions(&http, &server.uri(), &budget, unsigned).await;
        assert_eq!(server.requests(), 2);
        assert_eq!(api_error(failed).request_id(), Some("req-2"));
        assert_eq!(budget.available(), 0);

        // Another call of the same client is not retried at all.
        let failed = describe_regions(&http, &server.uri(), &budget, unsigned).await;
        assert_eq!(server.requests(), 3);
        assert_eq!(api_error(failed).request_id(), Some("req-3"));
    });
}
