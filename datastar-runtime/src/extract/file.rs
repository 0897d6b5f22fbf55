//! A file the page sent: a multipart form's file field, or one of Datastar 1.0's file
//! signals (what `data-bind` on an `<input type="file">` makes: `{name, contents, mime}`
//! with the contents in base64). One type for both, so a handler reads a file the same way
//! whichever content type the page's action chose.

use std::fmt;

use base64::Engine;
use bytes::Bytes;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// The name under which the multipart reader recognises a file's place in the type being
/// read; not a name a user type can have.
pub(crate) const FILE_MARKER: &str = "$datastar_runtime::File";

/// A file sent with the signals: its name, type and bytes.
///
/// A field of this type (or `Vec<File>`, `Option<File>`) in a [`Signals`](crate::Signals)
/// type reads a multipart form's file field, and equally 1.0's JSON file signals, so one
/// handler serves a form sent either way. Its size is bounded by
/// [`SignalsConfig::file_limit`](crate::extract::SignalsConfig::file_limit).
///
/// ```
/// use datastar_runtime::Signals;
/// use datastar_runtime::extract::File;
/// #[derive(serde::Deserialize)]
/// struct Upload {
///     title: String,
///     files: Vec<File>,
/// }
/// async fn upload(Signals(upload): Signals<Upload>) -> String {
///     let sizes: Vec<String> = upload.files.iter().map(|f| format!("{} ({} bytes)", f.name, f.bytes.len())).collect();
///     format!("{}: {}", upload.title, sizes.join(", "))
/// }
/// # let _ = upload;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct File {
    /// The file's name as the browser gave it (no directories); may be empty.
    pub name: String,
    /// Its MIME type as the browser gave it, such as `image/png`; may be empty.
    pub content_type: String,
    /// Its contents.
    pub bytes: Bytes,
}

impl File {
    /// A file of these parts.
    pub fn new(name: impl Into<String>, content_type: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        File {
            name: name.into(),
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }
}

impl<'de> Deserialize<'de> for File {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(FILE_MARKER, FileVisitor)
    }
}

struct FileVisitor;

impl<'de> Visitor<'de> for FileVisitor {
    type Value = File;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a file: a multipart file field, or a file signal `{name, contents, mime}`")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<File, D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<File, A::Error> {
        let (mut name, mut content_type, mut bytes) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => name = Some(map.next_value::<String>()?),
                "mime" | "contentType" => content_type = Some(map.next_value::<String>()?),
                // A file signal's contents are base64 text.
                "contents" => {
                    let text = map.next_value::<String>()?;
                    let decoded = base64::engine::general_purpose::STANDARD
                        .decode(text.trim())
                        .map_err(|error| {
                            de::Error::custom(format_args!("the file's `contents` are not base64: {error}"))
                        })?;
                    bytes = Some(Bytes::from(decoded));
                }
                // The multipart reader hands the bytes over as they are.
                "bytes" => bytes = Some(Bytes::from(map.next_value::<serde_bytes_buf::ByteBuf>()?.0)),
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Ok(File {
            name: name.unwrap_or_default(),
            content_type: content_type.unwrap_or_default(),
            bytes: bytes.ok_or_else(|| de::Error::missing_field("contents"))?,
        })
    }
}

/// A byte buffer read with `deserialize_byte_buf`, which the multipart reader answers
/// without a copy (serde reads `Vec<u8>` as a sequence of numbers instead).
mod serde_bytes_buf {
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, Visitor};

    pub(super) struct ByteBuf(pub(super) Vec<u8>);

    impl<'de> Deserialize<'de> for ByteBuf {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_byte_buf(ByteBufVisitor)
        }
    }

    struct ByteBufVisitor;

    impl Visitor<'_> for ByteBufVisitor {
        type Value = ByteBuf;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("bytes")
        }

        fn visit_byte_buf<E>(self, bytes: Vec<u8>) -> Result<ByteBuf, E> {
            Ok(ByteBuf(bytes))
        }

        fn visit_bytes<E>(self, bytes: &[u8]) -> Result<ByteBuf, E> {
            Ok(ByteBuf(bytes.to_vec()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_signal_reads_its_base64_contents() {
        let file: File =
            serde_json::from_str(r#"{"name":"a.txt","contents":"aGVsbG8=","mime":"text/plain"}"#).expect("a file");
        assert_eq!(file, File::new("a.txt", "text/plain", &b"hello"[..]));
        let bad = serde_json::from_str::<File>(r#"{"name":"a.txt","contents":"not base64!"}"#).unwrap_err();
        assert!(bad.to_string().contains("not base64"), "{bad}");
        let missing = serde_json::from_str::<File>(r#"{"name":"a.txt"}"#).unwrap_err();
        assert!(missing.to_string().contains("missing field `contents`"), "{missing}");
    }
}
