//! An HTTP/1.1 request must carry exactly one `Host` header (RFC 9112 §3.2), which hyper
//! does not check. HTTP/1.0 may omit it; HTTP/2 names the host in `:authority` instead.

use axum::body::Body;
use http::{Request, Response, StatusCode, Version, header};

/// The `400` for a request whose `Host` header is missing or repeated, if it is one.
pub(crate) fn refuse<T>(request: &Request<T>) -> Option<Response<Body>> {
    if request.version() != Version::HTTP_11 {
        return None;
    }
    let reason = match request.headers().get_all(header::HOST).iter().count() {
        1 => return None,
        0 => "an HTTP/1.1 request needs a Host header\n",
        _ => "an HTTP/1.1 request needs exactly one Host header, not several\n",
    };
    let mut response = Response::new(Body::from(reason));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    Some(response)
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
    fn http_1_0_and_http_2_need_none() {
        assert!(refuse(&request(Version::HTTP_10, &[])).is_none());
        assert!(refuse(&request(Version::HTTP_2, &[])).is_none());
    }
}
