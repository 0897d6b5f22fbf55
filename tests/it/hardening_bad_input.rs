//! The bad-input matrix: every kind of broken request, sent over real TCP to the demo's own
//! routes, gets a 4xx whose text says what is wrong, or a defined success; never a 5xx, a
//! panic (a connection closed without an answer) or a hang, and the next request is
//! served as if nothing had happened.

use tests::http_support;

use std::net::SocketAddr;
use std::time::Duration;

use datastar_runtime::extract::SignalsConfig;
use datastar_runtime::test::TestServer;
use http_support::HANG;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The body time limit the matrix's demo runs with, short enough for a test.
const BODY_TIMEOUT: Duration = Duration::from_millis(3000);

async fn demo() -> TestServer {
    let config = demo::Config {
        feed_period: Duration::from_millis(50),
        ..demo::Config::default()
    };
    TestServer::start(demo::app(config).layer(SignalsConfig::new().timeout(BODY_TIMEOUT)))
        .await
        .expect("a test server")
}

/// What a client does on one connection.
enum Send {
    /// Writes these bytes, then reads the answer.
    Bytes(Vec<u8>),
    /// Writes the head, then each piece after a pause, then reads the answer.
    Trickle(Vec<u8>, Vec<Vec<u8>>, Duration),
    /// Writes these bytes and goes away without reading anything.
    Vanish(Vec<u8>),
}

/// What the answer must be.
enum Expect {
    Status(u16, &'static str),
    /// No answer: the client left before there was one.
    Nothing,
}

struct Case {
    name: &'static str,
    send: Send,
    expect: Expect,
}

/// A request head; `Connection: close` so that reading to the end reads one answer.
fn head(method: &str, target: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut text = format!("{method} {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// A PUT of `body` to the Node page's `/put`, as JSON with its length.
fn put(body: &[u8]) -> Vec<u8> {
    put_typed("application/json", body)
}

fn put_typed(content_type: &str, body: &[u8]) -> Vec<u8> {
    let length = body.len().to_string();
    let mut bytes = head(
        "PUT",
        "/node/put",
        &[("Content-Type", content_type), ("Content-Length", &length)],
    );
    bytes.extend_from_slice(body);
    bytes
}

/// A GET of the Python page's `/get` with this raw query.
fn get(query: &str) -> Vec<u8> {
    head("GET", &format!("/python/get?{query}"), &[])
}

fn percent(json: &str) -> String {
    json.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn cases() -> Vec<Case> {
    use Expect::{Nothing, Status};
    use Send::{Bytes, Trickle, Vanish};
    let deep = "[".repeat(100_000);
    let huge = "x".repeat(1_000_000);
    let over = "x".repeat(SignalsConfig::DEFAULT_LIMIT + 1);
    let mut invalid_utf8 = b"{\"input\":\"".to_vec();
    invalid_utf8.extend_from_slice(&[0xff, 0xfe]);
    invalid_utf8.extend_from_slice(b"\"}");
    let mut raw_byte_in_uri = b"GET /python/get?datastar=".to_vec();
    raw_byte_in_uri.extend_from_slice(&[0xff]);
    raw_byte_in_uri.extend_from_slice(b" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    let mut bad_content_type =
        b"PUT /node/put HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Type: text/".to_vec();
    bad_content_type.extend_from_slice(&[0xff]);
    bad_content_type.extend_from_slice(b"\r\nContent-Length: 2\r\n\r\n{}");
    let mut chunked_over = head(
        "PUT",
        "/node/put",
        &[("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")],
    );
    // One chunk a byte past the limit, never finished: the answer cannot wait for the end.
    chunked_over.extend_from_slice(format!("{:x}\r\n", SignalsConfig::DEFAULT_LIMIT + 1).as_bytes());
    chunked_over.extend_from_slice(over.as_bytes());
    let mut bad_chunks = head(
        "PUT",
        "/node/put",
        &[("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")],
    );
    bad_chunks.extend_from_slice(b"zz\r\n{}\r\n0\r\n\r\n");
    let trickled = br#"{"input":"slow but steady"}"#;

    vec![
        Case {
            name: "GET without `datastar`",
            send: Bytes(get("x=1")),
            expect: Status(400, "carries them in the `datastar` query parameter, which is absent"),
        },
        Case {
            name: "GET with an empty `datastar`",
            send: Bytes(get("datastar=")),
            expect: Status(400, "the signals are not valid JSON: EOF while parsing a value"),
        },
        Case {
            name: "PUT with an empty body",
            send: Bytes(put(b"")),
            expect: Status(400, "carries them as the JSON body, which is empty"),
        },
        Case {
            name: "query not JSON",
            send: Bytes(get("datastar=hello")),
            expect: Status(400, "not valid JSON: expected value at line 1 column 1"),
        },
        Case {
            name: "body not JSON",
            send: Bytes(put(b"hello")),
            expect: Status(400, "not valid JSON: expected value at line 1 column 1"),
        },
        Case {
            name: "body JSON then junk",
            send: Bytes(put(br#"{"input":"x"} x"#)),
            expect: Status(400, "trailing characters at line 1 column 15"),
        },
        Case {
            name: "wrong shape: number for string",
            send: Bytes(put(br#"{"input":5}"#)),
            expect: Status(400, "at `input`: invalid type: integer `5`, expected a string"),
        },
        Case {
            name: "wrong shape: array for object",
            send: Bytes(put(b"[]")),
            expect: Status(
                400,
                "do not match the expected type: invalid length 0, expected struct Input",
            ),
        },
        Case {
            name: "wrong shape: field missing (query)",
            send: Bytes(get(&format!("datastar={}", percent(r#"{"inptu":"x"}"#)))),
            expect: Status(400, "missing field `input`"),
        },
        Case {
            // A typed handler stops at the first value of the wrong type, at no depth.
            name: "100,000 levels deep (body)",
            send: Bytes(put(deep.as_bytes())),
            expect: Status(400, "at `[0]`: invalid type: sequence, expected a string"),
        },
        Case {
            name: "100,000 levels deep in a field it ignores",
            send: Bytes(put(format!(
                r#"{{"input":"deep","extra":{deep}{}}}"#,
                "]".repeat(100_000)
            )
            .as_bytes())),
            expect: Status(200, "Your input: deep, is 4 long."),
        },
        Case {
            name: "10,000 levels deep in a field it ignores (query)",
            send: Bytes(get(&format!(
                "datastar={}{}{}{}",
                percent(r#"{"input":"d","extra":"#),
                "[".repeat(10_000),
                "]".repeat(10_000),
                percent("}")
            ))),
            expect: Status(200, "Your input: d, is 1 long."),
        },
        Case {
            name: "100,000 levels deep (query)",
            send: Bytes(get(&format!("datastar={deep}"))),
            expect: Status(414, ""),
        },
        Case {
            name: "a 1,000,000-character string",
            send: Bytes(put(format!(r#"{{"input":"{huge}"}}"#).as_bytes())),
            expect: Status(200, "is 1000000 long."),
        },
        Case {
            name: "a header of 500 kB",
            send: Bytes(head(
                "GET",
                "/python/get?datastar={}",
                &[("X-Big", &"y".repeat(500_000))],
            )),
            expect: Status(431, ""),
        },
        Case {
            name: "invalid UTF-8 in a JSON string",
            send: Bytes(put(&invalid_utf8)),
            expect: Status(400, "not valid JSON: invalid unicode code point at line 1 column 11"),
        },
        Case {
            name: "invalid UTF-8 once percent-decoded",
            send: Bytes(get("datastar=%22%FF%22")),
            expect: Status(400, "is not UTF-8 once percent-decoded (invalid byte at 1)"),
        },
        Case {
            name: "a raw non-ASCII byte in the URI",
            send: Bytes(raw_byte_in_uri),
            expect: Status(400, ""),
        },
        Case {
            name: "`%` without two hex digits",
            send: Bytes(get("datastar=%7B%zz")),
            expect: Status(400, "invalid percent-encoding at byte 3"),
        },
        Case {
            name: "`%` at the end",
            send: Bytes(get("datastar=%7B%")),
            expect: Status(400, "invalid percent-encoding at byte 3"),
        },
        Case {
            name: "`datastar` twice",
            send: Bytes(get("datastar=%7B%7D&datastar=%7B%7D")),
            expect: Status(400, "appears more than once"),
        },
        Case {
            name: "wrong method: POST to a PUT route",
            send: Bytes(head("POST", "/node/put", &[("Content-Length", "0")])),
            expect: Status(405, ""),
        },
        Case {
            name: "wrong method: DELETE to a GET route",
            send: Bytes(head("DELETE", "/python/get?datastar=%7B%7D", &[])),
            expect: Status(405, ""),
        },
        Case {
            name: "unknown method",
            send: Bytes(head("BREW", "/python/get", &[])),
            expect: Status(405, ""),
        },
        // A form is what 1.0's `contentType: 'form'` sends: read into the same signals.
        Case {
            name: "form content type",
            send: Bytes(put_typed("application/x-www-form-urlencoded", b"input=x")),
            expect: Status(200, "Your input: x"),
        },
        Case {
            name: "text/plain content type",
            send: Bytes(put_typed("text/plain", br#"{"input":"x"}"#)),
            expect: Status(415, "the body is `text/plain`, not JSON signals"),
        },
        Case {
            name: "non-UTF-8 content type",
            send: Bytes(bad_content_type),
            expect: Status(415, "the body is `text/\u{fffd}`, not JSON signals"),
        },
        Case {
            name: "declared length over the limit",
            send: Bytes(head(
                "PUT",
                "/node/put",
                &[("Content-Type", "application/json"), ("Content-Length", "2097152")],
            )),
            expect: Status(413, "larger than the limit of 1048576 bytes"),
        },
        Case {
            name: "chunked body over the limit",
            send: Bytes(chunked_over),
            expect: Status(413, "larger than the limit of 1048576 bytes"),
        },
        Case {
            name: "broken chunked framing",
            send: Bytes(bad_chunks),
            expect: Status(400, "the signals body could not be read"),
        },
        Case {
            name: "body trickled a byte at a time",
            send: Trickle(
                head(
                    "PUT",
                    "/node/put",
                    &[
                        ("Content-Type", "application/json"),
                        ("Content-Length", &trickled.len().to_string()),
                    ],
                ),
                trickled.iter().map(|b| vec![*b]).collect(),
                Duration::from_millis(20),
            ),
            expect: Status(200, "Your input: slow but steady, is 15 long."),
        },
        Case {
            name: "body that stops arriving",
            send: Bytes(put_partial(br#"{"input":"#, 40)),
            expect: Status(408, "did not arrive within 3000 ms"),
        },
        Case {
            name: "client gone mid-body",
            send: Vanish(put_partial(br#"{"input":"#, 40)),
            expect: Nothing,
        },
        Case {
            name: "client gone mid-head",
            send: Vanish(b"PUT /node/put HTTP/1.1\r\nHost: te".to_vec()),
            expect: Nothing,
        },
    ]
}

/// A PUT that declares `length` bytes but sends only `start`.
fn put_partial(start: &[u8], length: usize) -> Vec<u8> {
    let mut bytes = head(
        "PUT",
        "/node/put",
        &[
            ("Content-Type", "application/json"),
            ("Content-Length", &length.to_string()),
        ],
    );
    bytes.extend_from_slice(start);
    bytes
}

/// Status, and the body (de-chunked) as text, of the one answer on a connection.
fn parse(received: &[u8]) -> Option<(u16, String)> {
    let text = String::from_utf8_lossy(received);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let chunked = head
        .lines()
        .any(|l| l.eq_ignore_ascii_case("transfer-encoding: chunked"));
    let body = if chunked { dechunk(body) } else { body.to_owned() };
    Some((status, body))
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// Plays one case; `None` for a client that does not wait for an answer.
async fn play(addr: SocketAddr, send: &Send) -> Option<Vec<u8>> {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    match send {
        Send::Bytes(bytes) => {
            // The server may answer and close before reading everything (a 413, a 431).
            let _ = stream.write_all(bytes).await;
        }
        Send::Trickle(head, pieces, pause) => {
            stream.write_all(head).await.expect("head");
            for piece in pieces {
                tokio::time::sleep(*pause).await;
                stream.write_all(piece).await.expect("piece");
            }
        }
        Send::Vanish(bytes) => {
            stream.write_all(bytes).await.expect("write");
            return None;
        }
    }
    let mut received = Vec::new();
    let read = tokio::time::timeout(HANG, async {
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "no end to the answer within {HANG:?}");
    Some(received)
}

/// A well-formed request after each case: the server is unharmed.
async fn still_serving(addr: SocketAddr, after: &str) {
    let answer = play(addr, &Send::Bytes(put(br#"{"input":"next"}"#)))
        .await
        .expect("an answer");
    let (status, body) = parse(&answer).unwrap_or_else(|| panic!("no answer to the next request after {after}"));
    assert_eq!(status, 200, "the next request after {after}: {body}");
    assert!(body.contains("Your input: next, is 4 long."), "after {after}: {body}");
    let answer = play(
        addr,
        &Send::Bytes(get(&format!("datastar={}", percent(r#"{"input":"q"}"#)))),
    )
    .await
    .expect("an answer");
    let (status, body) = parse(&answer).expect("an answer to the next GET");
    assert_eq!(status, 200, "the next GET after {after}: {body}");
    assert!(body.contains("Your input: q, is 1 long."), "after {after}: {body}");
}

#[tokio::test]
async fn every_bad_input_gets_a_4xx_with_its_reason_or_a_defined_success_and_harms_nothing() {
    let server = demo().await;
    let mut table = vec![format!("{:<44} {:>6}  {}", "input", "status", "message")];
    for case in cases() {
        let answer = tokio::time::timeout(HANG + Duration::from_secs(1), play(server.addr(), &case.send))
            .await
            .unwrap_or_else(|_| panic!("{}: hung", case.name));
        match (&case.expect, answer) {
            (Expect::Nothing, None) => table.push(format!("{:<44} {:>6}  (the client left)", case.name, "-")),
            (Expect::Status(expected, excerpt), Some(received)) => {
                let (status, body) =
                    parse(&received).unwrap_or_else(|| panic!("{}: no answer, the connection just closed", case.name));
                assert!(status < 500, "{}: a server error {status}: {body}", case.name);
                assert_eq!(status, *expected, "{}: {body}", case.name);
                assert!(
                    body.contains(excerpt),
                    "{}: the reason should contain {excerpt:?}: {body:.300}",
                    case.name
                );
                let shown: String = body
                    .lines()
                    .find(|l| !l.is_empty())
                    .unwrap_or("")
                    .chars()
                    .take(90)
                    .collect();
                table.push(format!("{:<44} {status:>6}  {shown}", case.name));
            }
            _ => unreachable!("a case's send and expect agree"),
        }
        still_serving(server.addr(), case.name).await;
    }
    // The matrix, for the record (`cargo test -- --nocapture`).
    println!("{}", table.join("\n"));
}
