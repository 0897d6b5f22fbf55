//! Signals in: the client's store as JSON, read from the `datastar` query parameter (GET,
//! HEAD, DELETE) or from the request body (every other method, `QUERY` included), into any
//! `serde::Deserialize` type. Untrusted input: every failure is a 4xx whose text names the
//! problem, never a panic, a 500 or a hang.

use std::fmt;
use std::time::Duration;

use axum::extract::{FromRequest, OptionalFromRequest, Request};
use axum::response::{IntoResponse, Response};
use bytes::{Bytes, BytesMut};
use http::{HeaderMap, Method, StatusCode, header};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;

use crate::extract::budget::{BodyMemory, Reservation};
use crate::extract::form::{self, Part};
use crate::extract::rejection::Rejection;

/// The signals a Datastar client sent with the request, deserialized into `T` (by default
/// a raw [`serde_json::Value`]).
///
/// GET, HEAD and DELETE requests carry them in the `datastar` query parameter (a DELETE
/// without it falls back to the body, as 0.x clients send one); every other method sends
/// them as the JSON body, or, with 1.0's `contentType: 'form'`, as the page's form
/// (`application/x-www-form-urlencoded`, or `multipart/form-data` with files, read into
/// [`File`](crate::extract::File) fields), which is read into the same `T`.
/// `Option<Signals<T>>` is `None` when the request carries no signals at all, and still
/// rejects signals that are present but invalid.
///
/// ```
/// use axum::{Router, routing::put};
/// use datastar_runtime::{Reply, Signals, maud::html};
/// #[derive(serde::Deserialize)]
/// struct Input {
///     input: String,
/// }
/// async fn put_input(Signals(signals): Signals<Input>) -> Reply<datastar_runtime::maud::Markup> {
///     let n = signals.input.chars().count();
///     Reply(html! { div #output { "Your input: " (signals.input) ", is " (n) " long." } })
/// }
/// let app: Router = Router::new().route("/put", put(put_input));
/// # let _ = app;
/// ```
///
/// A page's first request often carries `{}`: a `data-init` fires before the elements that
/// set signals further down have run. Give the fields such a request may lack
/// `#[serde(default)]`, or make them `Option`s; a missing required field is rejected with a
/// message that names the signal and says so.
///
/// A rejection is a `400 Bad Request` (`413` past the size limit, `408` past the time
/// limit, `415` for a body that is neither JSON nor a form, `503` when the server's body
/// memory is spent) whose plain-text body says what is wrong, for example
/// ``the signals do not match the expected type at `user.age`: invalid type: string "x",
/// expected u8 at line 1 column 19``. Limits are set per router with [`SignalsConfig`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Signals<T = serde_json::Value>(pub T);

/// Limits for reading signals, set per router as a layer (the innermost one wins).
///
/// ```
/// use std::time::Duration;
/// use axum::Router;
/// use datastar_runtime::extract::SignalsConfig;
/// let app: Router = Router::new().layer(SignalsConfig::new().limit(64 * 1024).timeout(Duration::from_secs(5)));
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignalsConfig {
    /// The size limit of a body, in bytes.
    pub limit: usize,
    /// The time a client has to send its body.
    pub timeout: Duration,
    /// The size limit of one field of a multipart form (a file's contents included), in bytes.
    pub file_limit: usize,
}

impl SignalsConfig {
    /// The default size limit of a signals body: 1 MiB.
    pub const DEFAULT_LIMIT: usize = 1 << 20;
    /// The default time a client has to send its signals body: 10 seconds.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

    /// The defaults.
    pub const fn new() -> Self {
        SignalsConfig {
            limit: Self::DEFAULT_LIMIT,
            timeout: Self::DEFAULT_TIMEOUT,
            file_limit: Self::DEFAULT_LIMIT,
        }
    }

    /// Rejects a body longer than `bytes` with `413 Payload Too Large`, reading no further.
    pub const fn limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// Rejects a body not fully received within `timeout` with `408 Request Timeout`.
    pub const fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Rejects a multipart form one of whose fields (a file, say) is longer than `bytes`
    /// with `413 Payload Too Large`, reading no further; by default the body's own limit.
    /// The whole body stays under [`limit`](Self::limit): raise both for large uploads.
    pub const fn file_limit(mut self, bytes: usize) -> Self {
        self.file_limit = bytes;
        self
    }
}

impl Default for SignalsConfig {
    fn default() -> Self {
        Self::new()
    }
}

/// Why a request's signals were rejected. Its response is the status of
/// [`status`](SignalsRejection::status) with the [`Display`](fmt::Display) text as a
/// plain-text body.
///
/// A handler that wants its own answer takes `Result<Signals<T>, SignalsRejection>`:
///
/// ```
/// use axum::http::StatusCode;
/// use datastar_runtime::Signals;
/// use datastar_runtime::extract::SignalsRejection;
/// async fn search(signals: Result<Signals<String>, SignalsRejection>) -> (StatusCode, String) {
///     match signals {
///         Ok(Signals(query)) => (StatusCode::OK, format!("searching for {query}")),
///         Err(SignalsRejection::MissingParameter { .. }) => (StatusCode::OK, "type something".into()),
///         Err(other) => (other.status(), other.to_string()),
///     }
/// }
/// # let _ = search;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignalsRejection {
    /// A GET, HEAD or DELETE request without the `datastar` query parameter.
    MissingParameter {
        /// The request method.
        method: Method,
    },
    /// A request whose body is empty.
    EmptyBody {
        /// The request method.
        method: Method,
    },
    /// The `datastar` query parameter appears more than once, so which one counts is unclear.
    DuplicateParameter,
    /// A `%` in the `datastar` parameter not followed by two hex digits.
    BadPercentEncoding {
        /// Byte offset of the `%` in the raw parameter value.
        at: usize,
    },
    /// The `datastar` parameter is not UTF-8 once percent-decoded.
    NotUtf8 {
        /// Byte offset of the first invalid byte in the decoded value.
        at: usize,
    },
    /// The body is a form or another non-JSON type.
    UnsupportedContentType {
        /// The `Content-Type` header as sent.
        content_type: String,
    },
    /// The body is compressed (`Content-Encoding` other than `identity`), which the
    /// extractor does not decode (RFC 9110 §8.4.1: `415`). A proxy that decodes it would see
    /// another body than the handler.
    UnsupportedContentEncoding {
        /// The `Content-Encoding` header as sent.
        content_encoding: String,
    },
    /// A form field does not fit the handler's type.
    InvalidForm {
        /// The field's name (with its place in a sequence, such as `tags[2]`), or `.`.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A multipart body is malformed.
    InvalidMultipart {
        /// What is wrong.
        message: String,
    },
    /// One field of a multipart form (a file) is larger than its limit.
    FieldTooLarge {
        /// The field's name.
        field: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// The signals are not valid JSON.
    InvalidJson {
        /// What is wrong, with its position.
        message: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// The JSON nests arrays and objects deeper than the parser allows (128 levels).
    TooDeep {
        /// 1-based line where the limit was reached.
        line: usize,
        /// 1-based column where the limit was reached.
        column: usize,
    },
    /// A signal the handler's type requires is absent. A page's first request often
    /// carries none yet (`{}`), before any element has set them.
    MissingSignal {
        /// The signal's JSON path, such as `user.name`.
        path: String,
        /// serde's message, with its position.
        message: String,
    },
    /// The JSON is valid but does not fit the handler's type.
    WrongType {
        /// The JSON path of the offending field, such as `user.tags[2]`, or `.` for the whole.
        path: String,
        /// What is wrong, with its position.
        message: String,
    },
    /// The body is longer than the configured limit.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The server's request bodies hold all the memory they may, or this connection's do
    /// (see `Serve::max_body_memory`): the request is refused before its body is read, and
    /// may be sent again in a second.
    Busy {
        /// The server's limit in bytes.
        limit: usize,
    },
    /// The body did not arrive in time.
    Timeout {
        /// The time limit.
        after: Duration,
    },
    /// The body could not be read (the client went away or broke the framing).
    BodyRead {
        /// The transport's error.
        message: String,
    },
}

impl SignalsRejection {
    /// The response status: 413, 408, 415 or 503 where they apply, 400 otherwise.
    pub fn status(&self) -> StatusCode {
        match self {
            SignalsRejection::TooLarge { .. } | SignalsRejection::FieldTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            SignalsRejection::Timeout { .. } => StatusCode::REQUEST_TIMEOUT,
            SignalsRejection::UnsupportedContentType { .. } | SignalsRejection::UnsupportedContentEncoding { .. } => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            SignalsRejection::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl fmt::Display for SignalsRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignalsRejection::MissingParameter { method } => write!(
                f,
                "missing signals: a {method} request carries them in the `datastar` query parameter, which is absent"
            ),
            SignalsRejection::EmptyBody { method } => {
                write!(
                    f,
                    "missing signals: a {method} request carries them as the JSON body, which is empty"
                )
            }
            SignalsRejection::DuplicateParameter => {
                f.write_str("the `datastar` query parameter appears more than once")
            }
            SignalsRejection::BadPercentEncoding { at } => write!(
                f,
                "the `datastar` query parameter has invalid percent-encoding at byte {at}: `%` must be followed by two hex digits"
            ),
            SignalsRejection::NotUtf8 { at } => write!(
                f,
                "the `datastar` query parameter is not UTF-8 once percent-decoded (invalid byte at {at})"
            ),
            SignalsRejection::UnsupportedContentType { content_type } => write!(
                f,
                "the body is `{content_type}`, not JSON signals or a form (`application/x-www-form-urlencoded`, `multipart/form-data`)"
            ),
            SignalsRejection::InvalidForm { path, message } => {
                if path.is_empty() || path == "." {
                    write!(f, "the form does not match the expected type: {message}")
                } else {
                    write!(f, "the form field `{path}` does not match the expected type: {message}")
                }
            }
            SignalsRejection::InvalidMultipart { message } => write!(f, "the multipart form cannot be read: {message}"),
            SignalsRejection::FieldTooLarge { field, limit } => {
                write!(f, "the form field `{field}` is larger than the limit of {limit} bytes")
            }
            SignalsRejection::UnsupportedContentEncoding { content_encoding } => write!(
                f,
                "the body is sent with `Content-Encoding: {content_encoding}`, which is not decoded here; send it uncompressed"
            ),
            SignalsRejection::InvalidJson { message, .. } => write!(f, "the signals are not valid JSON: {message}"),
            SignalsRejection::TooDeep { line, column } => write!(
                f,
                "the signals nest arrays and objects too deeply (limit 128 levels), at line {line} column {column}"
            ),
            SignalsRejection::MissingSignal { path, message } => {
                // The type mismatch first, as for any other field, then what to do about it.
                match path.rsplit_once('.') {
                    Some((parent, _)) => {
                        write!(f, "the signals do not match the expected type at `{parent}`: {message}")?
                    }
                    None => write!(f, "the signals do not match the expected type: {message}")?,
                }
                write!(
                    f,
                    "; the signal `{path}` is absent: if a request may come without it (a page's first request \
                     often sends `{{}}`), give the field `#[serde(default)]` or make it an `Option`"
                )
            }
            SignalsRejection::WrongType { path, message } => {
                if path == "." {
                    write!(f, "the signals do not match the expected type: {message}")
                } else {
                    write!(f, "the signals do not match the expected type at `{path}`: {message}")
                }
            }
            SignalsRejection::TooLarge { limit } => {
                write!(f, "the signals body is larger than the limit of {limit} bytes")
            }
            SignalsRejection::Busy { limit } => write!(
                f,
                "the server is holding as many request bodies as it may ({limit} bytes in all, less per connection); try again in a second"
            ),
            SignalsRejection::Timeout { after } => {
                write!(f, "the signals body did not arrive within {} ms", after.as_millis())
            }
            SignalsRejection::BodyRead { message } => write!(f, "the signals body could not be read: {message}"),
        }
    }
}

impl std::error::Error for SignalsRejection {}

impl IntoResponse for SignalsRejection {
    fn into_response(self) -> Response {
        tracing::debug!(status = %self.status(), rejection = %self, "signals rejected");
        let busy = matches!(self, SignalsRejection::Busy { .. });
        let mut response = Rejection::new(self.status(), self.to_string()).into_response();
        if busy {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, http::HeaderValue::from_static("1"));
        }
        response
    }
}

impl<T, S> FromRequest<S> for Signals<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = SignalsRejection;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let method = request.method().clone();
        match read(request).await? {
            Some(sent) => sent.parse().map(Signals),
            None if uses_query(&method) => Err(SignalsRejection::MissingParameter { method }),
            None => Err(SignalsRejection::EmptyBody { method }),
        }
    }
}

impl<T, S> OptionalFromRequest<S> for Signals<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = SignalsRejection;

    async fn from_request(request: Request, _state: &S) -> Result<Option<Self>, Self::Rejection> {
        match read(request).await? {
            Some(sent) => sent.parse().map(|value| Some(Signals(value))),
            None => Ok(None),
        }
    }
}

fn uses_query(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::DELETE)
}

/// A request's signals as sent, and the body memory they hold while they are parsed.
enum Sent {
    Json(Bytes, Option<Reservation>),
    Form(Bytes, Reservation),
    Multipart(Vec<(String, Part)>, Reservation),
}

impl Sent {
    fn parse<T: DeserializeOwned>(self) -> Result<T, SignalsRejection> {
        match self {
            Sent::Json(json, _held) => parse(&json),
            Sent::Form(form, _held) => form::urlencoded(&form),
            Sent::Multipart(parts, _held) => form::parts(parts),
        }
    }
}

/// The signals as sent, or `None` when the request carries none.
async fn read(request: Request) -> Result<Option<Sent>, SignalsRejection> {
    let method = request.method();
    if uses_query(method) {
        if let Some(json) = query_parameter(request.uri().query().unwrap_or(""))? {
            return Ok(Some(Sent::Json(json, None)));
        }
        if *method != Method::DELETE {
            return Ok(None);
        }
    }
    let kind = body_kind(request.headers())?;
    check_content_encoding(request.headers())?;
    let config = crate::context::current::<SignalsConfig>().unwrap_or_default();
    let reading = async move {
        Ok(match kind {
            BodyKind::Json => {
                let (json, held) = body(request, config.limit).await?;
                (!json.is_empty()).then_some(Sent::Json(json, Some(held)))
            }
            BodyKind::Form => {
                let (form, held) = body(request, config.limit).await?;
                Some(Sent::Form(form, held))
            }
            BodyKind::Multipart { boundary } => {
                let (parts, held) = multipart(request, boundary, config).await?;
                Some(Sent::Multipart(parts, held))
            }
        })
    };
    match tokio::time::timeout(config.timeout, reading).await {
        Ok(result) => result,
        Err(_) => Err(SignalsRejection::Timeout { after: config.timeout }),
    }
}

/// How a body's signals are written.
enum BodyKind {
    Json,
    Form,
    Multipart { boundary: String },
}

/// JSON, or the forms 1.0's `contentType: 'form'` sends; nothing else.
fn body_kind(headers: &HeaderMap) -> Result<BodyKind, SignalsRejection> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(BodyKind::Json);
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    let essence = text.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "" | "application/json" => Ok(BodyKind::Json),
        json if json.starts_with("application/") && json.ends_with("+json") => Ok(BodyKind::Json),
        "application/x-www-form-urlencoded" => Ok(BodyKind::Form),
        "multipart/form-data" => match multer::parse_boundary(&*text) {
            Ok(boundary) => Ok(BodyKind::Multipart { boundary }),
            Err(_) => Err(SignalsRejection::InvalidMultipart {
                message: "the `Content-Type` names no boundary".to_owned(),
            }),
        },
        // `text/plain` stays out: no Datastar client sends it, and a cross-site form can.
        _ => Err(SignalsRejection::UnsupportedContentType {
            content_type: text.into_owned(),
        }),
    }
}

/// Reads a multipart body's fields, each under the per-field limit and all under the body
/// limit, streamed: a body past either is refused without being held whole. What the
/// fields keep counts against the body memory as for any body.
async fn multipart(
    request: Request,
    boundary: String,
    config: SignalsConfig,
) -> Result<(Vec<(String, Part)>, Reservation), SignalsRejection> {
    let (_, mut reservation, busy) = admit(&request, config.limit)?;
    let limits = multer::SizeLimit::new()
        .whole_stream(config.limit as u64)
        .per_field(config.file_limit as u64);
    let stream = request.into_body().into_data_stream();
    let mut fields =
        multer::Multipart::with_constraints(stream, boundary, multer::Constraints::new().size_limit(limits));
    let reject = |error: multer::Error| match error {
        multer::Error::StreamSizeExceeded { .. } => SignalsRejection::TooLarge { limit: config.limit },
        multer::Error::FieldSizeExceeded { field_name, .. } => SignalsRejection::FieldTooLarge {
            field: field_name.unwrap_or_default(),
            limit: config.file_limit,
        },
        multer::Error::StreamReadFailed(error) => SignalsRejection::BodyRead {
            message: error.to_string(),
        },
        other => SignalsRejection::InvalidMultipart {
            message: other.to_string(),
        },
    };
    let mut parts = Vec::new();
    let mut kept = 0usize;
    while let Some(mut field) = fields.next_field().await.map_err(reject)? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string).unwrap_or_default();
        let mut data = BytesMut::new();
        while let Some(chunk) = field.chunk().await.map_err(reject)? {
            // Counted before the copy, and again with the buffer's spare room after it.
            if !reservation.grow_to(kept + data.len() + chunk.len()) {
                return Err(busy);
            }
            data.extend_from_slice(&chunk);
            if !reservation.grow_to(kept + data.capacity()) {
                return Err(busy);
            }
        }
        kept += data.capacity();
        let part = match file_name {
            Some(file_name) => Part::File {
                name: file_name,
                content_type,
                bytes: data.freeze(),
            },
            None => match String::from_utf8(data.to_vec()) {
                Ok(text) => Part::Text(text),
                Err(_) => {
                    return Err(SignalsRejection::InvalidForm {
                        path: name,
                        message: "the field is not UTF-8 text".to_owned(),
                    });
                }
            },
        };
        parts.push((name, part));
    }
    Ok((parts, reservation))
}

/// How reading any body starts: one that declares more than `limit` is refused before any
/// of it is read; else its declared length, an empty reservation in the pools of its
/// connection and server, and the rejection for when they run out.
fn admit(request: &Request, limit: usize) -> Result<(Option<u64>, Reservation, SignalsRejection), SignalsRejection> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(SignalsRejection::TooLarge { limit });
    }
    let memory = BodyMemory::of(request.extensions());
    let busy = SignalsRejection::Busy {
        limit: memory.server_limit(),
    };
    Ok((declared, memory.reserve(), busy))
}

/// A body is read as sent: any coding but `identity` is refused rather than read as JSON.
fn check_content_encoding(headers: &HeaderMap) -> Result<(), SignalsRejection> {
    for value in headers.get_all(header::CONTENT_ENCODING) {
        let text = String::from_utf8_lossy(value.as_bytes());
        let coded = text
            .split(',')
            .map(str::trim)
            .any(|coding| !coding.is_empty() && !coding.eq_ignore_ascii_case("identity"));
        if coded {
            return Err(SignalsRejection::UnsupportedContentEncoding {
                content_encoding: text.into_owned(),
            });
        }
    }
    Ok(())
}

/// Reads at most `limit` bytes; one byte more ends the read with a rejection. Every byte
/// held counts against the body memory of the connection and the server until the
/// returned reservation is dropped; a body that would overdraw them is refused.
async fn body(request: Request, limit: usize) -> Result<(Bytes, Reservation), SignalsRejection> {
    let (declared, mut reservation, busy) = admit(&request, limit)?;
    // A declared length is held at once, so a body there is no room for is refused before
    // any of it is read.
    if let Some(len) = declared
        && !reservation.grow(len as usize)
    {
        return Err(busy);
    }
    let mut body = request.into_body();
    let mut first: Option<Bytes> = None;
    let mut joined = BytesMut::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| SignalsRejection::BodyRead { message: e.to_string() })?;
        let Ok(data) = frame.into_data() else { continue };
        total = total.saturating_add(data.len());
        if total > limit {
            return Err(SignalsRejection::TooLarge { limit });
        }
        // A body longer than it declared is cut short by hyper, so only an undeclared one
        // grows its reservation here: by what it will hold before the copy, and by the
        // joining buffer's spare room after it.
        if declared.is_none() && !reservation.grow_to(joined.len() + first.as_ref().map_or(0, Bytes::len) + data.len())
        {
            return Err(busy);
        }
        // The common case is one frame: keep it as it came, without a copy.
        match first.take() {
            None if joined.is_empty() => first = Some(data),
            None => joined.extend_from_slice(&data),
            Some(earlier) => {
                // Room for the whole declared body at once: grown by doubling, the buffer
                // could hold up to twice what was counted.
                joined.reserve(declared.map_or(0, |len| len as usize).max(earlier.len() + data.len()));
                joined.extend_from_slice(&earlier);
                joined.extend_from_slice(&data);
            }
        }
        if declared.is_none() && !reservation.grow_to(joined.capacity()) {
            return Err(busy);
        }
    }
    Ok((first.unwrap_or_else(|| joined.freeze()), reservation))
}

/// The percent-decoded value of the one `datastar` parameter in `query`, if there is one.
fn query_parameter(query: &str) -> Result<Option<Bytes>, SignalsRejection> {
    let mut found = None;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        // A key that does not decode cannot be ours; only our value is held to the rules.
        if decode(key).ok().as_deref() != Some(b"datastar".as_slice()) {
            continue;
        }
        if found.is_some() {
            return Err(SignalsRejection::DuplicateParameter);
        }
        let bytes = decode(value).map_err(|at| SignalsRejection::BadPercentEncoding { at })?;
        if let Err(e) = std::str::from_utf8(&bytes) {
            return Err(SignalsRejection::NotUtf8 { at: e.valid_up_to() });
        }
        found = Some(Bytes::from(bytes));
    }
    Ok(found)
}

/// Decodes `application/x-www-form-urlencoded` text (`+` is a space), strictly: a `%`
/// without two hex digits is an error at its byte offset.
fn decode(text: &str) -> Result<Vec<u8>, usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |i: usize| bytes.get(i).and_then(|b| (*b as char).to_digit(16));
                match (hex(at + 1), hex(at + 2)) {
                    (Some(hi), Some(lo)) => out.push((hi * 16 + lo) as u8),
                    _ => return Err(at),
                }
                at += 2;
            }
            b => out.push(b),
        }
        at += 1;
    }
    Ok(out)
}

fn parse<T: DeserializeOwned>(json: &[u8]) -> Result<T, SignalsRejection> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        json_rejection(error.into_inner(), path)
    })?;
    deserializer
        .end()
        .map_err(|error| json_rejection(error, String::new()))?;
    Ok(value)
}

fn json_rejection(error: serde_json::Error, path: String) -> SignalsRejection {
    use serde_json::error::Category;
    let (line, column) = (error.line(), error.column());
    match error.classify() {
        Category::Data if let Some(name) = missing_field(&error) => SignalsRejection::MissingSignal {
            path: if path.is_empty() || path == "." {
                name
            } else {
                format!("{path}.{name}")
            },
            message: error.to_string(),
        },
        Category::Data => SignalsRejection::WrongType {
            path,
            message: error.to_string(),
        },
        // serde_json has no category of its own for its depth limit.
        Category::Syntax if error.to_string().starts_with("recursion limit exceeded") => {
            SignalsRejection::TooDeep { line, column }
        }
        Category::Syntax | Category::Eof | Category::Io => SignalsRejection::InvalidJson {
            message: error.to_string(),
            line,
            column,
        },
    }
}

/// The field a `missing field` error names: serde has no structured form of it, but the
/// wording is serde's own (`de::Error::missing_field`).
fn missing_field(error: &serde_json::Error) -> Option<String> {
    let text = error.to_string();
    let name = text.strip_prefix("missing field `")?.split('`').next()?;
    Some(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_is_strict_about_percent_signs() {
        assert_eq!(decode("a+b%20c%7B").unwrap(), b"a b c{");
        assert_eq!(decode("%"), Err(0));
        assert_eq!(decode("ab%2"), Err(2));
        assert_eq!(decode("ab%zz"), Err(2));
        assert_eq!(decode("%C3%A9").unwrap(), "é".as_bytes());
    }

    #[test]
    fn the_parameter_is_found_among_others_and_only_once() {
        let found = query_parameter("x=1&datastar=%7B%22a%22%3A1%7D&y").unwrap().unwrap();
        assert_eq!(&found[..], br#"{"a":1}"#);
        assert_eq!(query_parameter("x=1").unwrap(), None);
        assert_eq!(query_parameter("datast%61r=1").unwrap().as_deref(), Some(&b"1"[..]));
        assert_eq!(
            query_parameter("datastar=1&datastar=2"),
            Err(SignalsRejection::DuplicateParameter)
        );
        assert_eq!(
            query_parameter("datastar=%FF"),
            Err(SignalsRejection::NotUtf8 { at: 0 })
        );
        // A bad key elsewhere is not our business.
        assert_eq!(query_parameter("%zz=1&datastar=2").unwrap().as_deref(), Some(&b"2"[..]));
    }

    #[test]
    fn errors_name_the_problem_and_its_place() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct User {
            age: u8,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Form {
            user: User,
        }
        let wrong = parse::<Form>(br#"{"user": {"age": "x"}}"#).unwrap_err();
        assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            wrong.to_string(),
            "the signals do not match the expected type at `user.age`: invalid type: string \"x\", expected u8 at line 1 column 20"
        );
        let missing = parse::<Form>(br#"{"user": {}}"#).unwrap_err();
        assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
        assert!(
            matches!(&missing, SignalsRejection::MissingSignal { path, .. } if path == "user.age"),
            "{missing:?}"
        );
        assert_eq!(
            missing.to_string(),
            "the signals do not match the expected type at `user`: missing field `age` at line 1 column 11; the \
             signal `user.age` is absent: if a request may come without it (a page's first request often sends \
             `{}`), give the field `#[serde(default)]` or make it an `Option`"
        );
        let first_request = parse::<User>(b"{}").unwrap_err();
        assert!(
            matches!(&first_request, SignalsRejection::MissingSignal { path, .. } if path == "age"),
            "{first_request:?}"
        );
        let invalid = parse::<serde_json::Value>(b"{\n  \"a\": }").unwrap_err();
        assert!(
            matches!(invalid, SignalsRejection::InvalidJson { line: 2, column: 8, .. }),
            "{invalid:?}"
        );
        let trailing = parse::<serde_json::Value>(b"{} x").unwrap_err();
        assert!(trailing.to_string().contains("trailing characters"), "{trailing}");
        let deep = "[".repeat(100_000);
        let too_deep = parse::<serde_json::Value>(deep.as_bytes()).unwrap_err();
        assert!(
            matches!(too_deep, SignalsRejection::TooDeep { line: 1, .. }),
            "{too_deep:?}"
        );
    }
}
