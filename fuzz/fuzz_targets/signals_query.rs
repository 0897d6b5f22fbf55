//! The signals extractor on arbitrary query strings (GET, HEAD, DELETE): never a panic,
//! every failure a 4xx with its reason, and every success the JSON of the one `datastar`
//! parameter as an independent form decoder reads it.

#![no_main]

use axum::body::Body;
use datastar_fuzz::{check_rejection, extract, extract_optional};
use datastar_runtime::extract::SignalsConfig;
use http::{Method, Request};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let method = match flags % 3 {
        0 => Method::GET,
        1 => Method::HEAD,
        _ => Method::DELETE,
    };
    // Half the inputs are the parameter's value alone, so the fuzzer need not find the key.
    let mut uri = b"/get?".to_vec();
    if flags & 0x80 != 0 {
        uri.extend_from_slice(b"datastar=");
    }
    uri.extend_from_slice(rest);
    // hyper refuses a request line the URI grammar rejects before any handler runs.
    let Ok(uri) = http::Uri::try_from(uri) else { return };
    let query = uri.query().unwrap_or("").to_owned();
    let request = || {
        Request::builder()
            .method(method.clone())
            .uri(uri.clone())
            .body(Body::empty())
            .expect("request")
    };

    match extract::<Value>(request(), SignalsConfig::default()) {
        Ok(value) => {
            let mut found = form_urlencoded::parse(query.as_bytes()).filter(|(key, _)| key == "datastar");
            let (_, text) = found.next().expect("a success means the parameter is there");
            assert!(found.next().is_none(), "a success means the parameter is there once");
            let expected: Value = serde_json::from_str(&text).expect("a success means the value is JSON");
            assert_eq!(value, expected);
        }
        Err(rejection) => check_rejection(&rejection),
    }
    if let Err(rejection) = extract_optional::<Value>(request(), SignalsConfig::default()) {
        check_rejection(&rejection);
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Typed {
        input: String,
        count: Option<u8>,
        tags: Option<Vec<String>>,
    }
    if let Err(rejection) = extract::<Typed>(request(), SignalsConfig::default()) {
        check_rejection(&rejection);
    }
});
