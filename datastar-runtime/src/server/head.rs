//! What a request head must hold before the app sees it, which hyper does not check:
//! - an HTTP/1.1 request carries exactly one `Host` header (RFC 9112 §3.2); HTTP/1.0 may
//!   omit it, HTTP/2 names the host in `:authority` instead;
//! - the only expectation a server can meet is `100-continue`, which hyper answers; any
//!   other `Expect` gets `417` (RFC 9110 §10.1.1).

use axum::body::Body;
use http::{Request, Response, StatusCode, Version, header};

/// The answer to a request whose head the server refuses, if it is one: `400` for a
/// missing or repeated `Host`, `417` for an expectation other than `100-continue`.
pub(crate) fn refuse<T>(request: &Request<T>) -> Option<Response<Body>> {
    let (status, reason) = host(request).or_else(|| expectation(request))?;
    let mut response = Response::new(Body::from(reason));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    Some(response)
}

fn host<T>(request: &Request<T>) -> Option<(StatusCode, &'static str)> {
    if request.version() != Version::HTTP_11 {
        return None;
    }
    let reason = match request.headers().get_all(header::HOST).iter().count() {
        1 => return None,
        0 => "an HTTP/1.1 request needs a Host header\n",
        _ => "an HTTP/1.1 request needs exactly one Host header, not several\n",
    };
    Some((StatusCode::BAD_REQUEST, reason))
}

fn expectation<T>(request: &Request<T>) -> Option<(StatusCode, &'static str)> {
    let unmet = request.headers().get_all(header::EXPECT).iter().any(|value| {
        let text = String::from_utf8_lossy(value.as_bytes());
        text.split(',')
            .map(str::trim)
            .any(|expectation| !expectation.is_empty() && !expectation.eq_ignore_ascii_case("100-continue"))
    });
    unmet.then_some((
        StatusCode::EXPECTATION_FAILED,
        "the only expectation this server meets is `Expect: 100-continue`\n",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(version: Version, hosts: &[&str]) -> Request<()> {
        let mut builder = Request::builder().version(version).uri("/");
        for host in hosts {
            builder = builder.header(header::HOST, *host);
        }
        builder.body(()).expect("a request")
    }

    #[test]
    fn http_1_1_needs_exactly_one_host() {
        assert!(refuse(&request(Version::HTTP_11, &["a"])).is_none());
        for hosts in [&[][..], &["a", "b"][..], &["a", "a"][..]] {
            let response = refuse(&request(Version::HTTP_11, hosts)).expect("refused");
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{hosts:?}");
        }
    }

    #[test]
    fn an_expectation_other_than_100_continue_gets_417() {
        let expect = |value: &str| {
            let request = Request::builder()
                .uri("/")
                .header(header::HOST, "a")
                .header(header::EXPECT, value)
                .body(())
                .expect("a request");
            refuse(&request).map(|response| response.status())
        };
        assert_eq!(expect("100-continue"), None);
        assert_eq!(expect("100-Continue"), None);
        assert_eq!(expect("200-ok"), Some(StatusCode::EXPECTATION_FAILED));
        assert_eq!(expect("100-continue, x"), Some(StatusCode::EXPECTATION_FAILED));
    }

    #[test]
    fn http_1_0_and_http_2_need_none() {
        assert!(refuse(&request(Version::HTTP_10, &[])).is_none());
        assert!(refuse(&request(Version::HTTP_2, &[])).is_none());
    }
}
