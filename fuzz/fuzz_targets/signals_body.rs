//! The signals extractor on arbitrary bodies, content types, limits and chunkings: never a
//! panic, every failure a 4xx with its reason, and within the limit exactly what
//! `serde_json` makes of the same bytes, or for a urlencoded form exactly the fields an
//! independent decoder (`form_urlencoded`) finds, repeated keys gathered in order.

#![no_main]

use datastar_fuzz::{check_rejection, chunked_body, extract, extract_optional};
use datastar_runtime::extract::{SignalsConfig, SignalsRejection};
use http::{Method, Request, StatusCode, header};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::collections::BTreeMap;

const CONTENT_TYPES: [Option<&str>; 8] = [
    None,
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some("APPLICATION/VND.API+JSON"),
    Some("text/plain"),
    Some("application/x-www-form-urlencoded"),
    Some("multipart/form-data; boundary=x"),
    Some(""),
];

fuzz_target!(|input: (u8, u8, Vec<u8>, Vec<u8>)| {
    let (method_and_type, limit_and_length, cuts, body) = input;
    let method = match method_and_type % 5 {
        0 => Method::POST,
        1 => Method::PUT,
        2 => Method::PATCH,
        3 => Method::DELETE,
        _ => Method::from_bytes(b"QUERY").expect("a method"),
    };
    let content_type = CONTENT_TYPES[usize::from(method_and_type >> 5)];
    let limit = match limit_and_length % 4 {
        0 => SignalsConfig::DEFAULT_LIMIT,
        n => usize::from(n) * 16,
    };
    let declared_length = limit_and_length & 0x10 != 0;
    // The limit is set as a router sets it: the setting's scope around the extractor.
    let config = SignalsConfig::new().limit(limit);
    let request = || {
        let mut builder = Request::builder().method(method.clone()).uri("/put");
        if let Some(content_type) = content_type {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        if declared_length {
            builder = builder.header(header::CONTENT_LENGTH, body.len());
        }
        builder.body(chunked_body(&body, &cuts)).expect("request")
    };

    let json_type = matches!(
        content_type,
        None | Some("")
            | Some("application/json")
            | Some("application/json; charset=utf-8")
            | Some("APPLICATION/VND.API+JSON")
    );
    let form_type = content_type == Some("application/x-www-form-urlencoded");
    let multipart_type = content_type.is_some_and(|t| t.starts_with("multipart/"));
    let result = extract::<Value>(request(), config);
    if let Err(rejection) = &result {
        check_rejection(rejection);
    }
    if form_type {
        let fields = extract::<BTreeMap<String, Vec<String>>>(request(), config);
        if body.len() > limit {
            assert_eq!(fields, Err(SignalsRejection::TooLarge { limit }));
        } else {
            let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (key, value) in form_urlencoded::parse(&body) {
                expected.entry(key.into_owned()).or_default().push(value.into_owned());
            }
            assert_eq!(fields, Ok(expected));
        }
    } else if multipart_type {
        // Any answer but a panic or a 5xx; within the limit nothing is refused for size.
        if let Err(rejection) = extract::<BTreeMap<String, Vec<String>>>(request(), config) {
            check_rejection(&rejection);
            if body.len() <= limit {
                assert_ne!(rejection, SignalsRejection::TooLarge { limit });
            }
        }
    } else if !json_type {
        assert_eq!(result.map_err(|r| r.status()), Err(StatusCode::UNSUPPORTED_MEDIA_TYPE));
    } else if body.len() > limit {
        assert_eq!(result, Err(SignalsRejection::TooLarge { limit }));
    } else if body.is_empty() {
        // DELETE names the query parameter, its usual place, rather than the body.
        let missing = if method == Method::DELETE {
            matches!(result, Err(SignalsRejection::MissingParameter { .. }))
        } else {
            matches!(result, Err(SignalsRejection::EmptyBody { .. }))
        };
        assert!(missing, "{result:?}");
        assert_eq!(extract_optional::<Value>(request(), config), Ok(None));
    } else {
        match serde_json::from_slice::<Value>(&body) {
            Ok(expected) => assert_eq!(result, Ok(expected)),
            Err(_) => assert_eq!(result.map_err(|r| r.status()), Err(StatusCode::BAD_REQUEST)),
        }
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Typed {
        input: String,
        count: Option<u8>,
        nested: Option<Box<Typed>>,
    }
    if let Err(rejection) = extract::<Typed>(request(), config) {
        check_rejection(&rejection);
    }
});
