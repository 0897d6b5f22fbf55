//! Signals sent as a form: Datastar 1.0's `contentType: 'form'` posts the page's `<form>`
//! as `application/x-www-form-urlencoded`, or as `multipart/form-data` when the form says
//! `enctype="multipart/form-data"` (files included). Both are read into the same `T` as
//! JSON signals, the way serde's form deserializers read forms: a repeated key fills a
//! `Vec`, numbers and booleans are parsed from their text, a missing key is a missing
//! field. The clients send a form's field names as written, so there is no nesting to
//! decode.
//!
//! A multipart form's fields become [`Part`]s, read into `T` by [`PartsDeserializer`]:
//! the urlencoded reader cannot carry a file, and a file field is a [`File`](super::File).

use std::fmt;

use bytes::Bytes;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use crate::extract::file::FILE_MARKER;
use crate::extract::signals::SignalsRejection;

/// Reads urlencoded form text into `T`; a field that does not fit is named.
pub(crate) fn urlencoded<T: DeserializeOwned>(body: &[u8]) -> Result<T, SignalsRejection> {
    let deserializer = serde_html_form::Deserializer::from_bytes(body);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        form_rejection(path, error.into_inner().to_string())
    })
}

/// Reads a multipart form's parts into `T`; a field that does not fit is named.
pub(crate) fn parts<T: DeserializeOwned>(parts: Vec<(String, Part)>) -> Result<T, SignalsRejection> {
    serde_path_to_error::deserialize(PartsDeserializer::new(parts)).map_err(|error| {
        let path = error.path().to_string();
        form_rejection(path, error.into_inner().to_string())
    })
}

fn form_rejection(path: String, message: String) -> SignalsRejection {
    match message.strip_prefix("missing field `") {
        Some(rest) => {
            let name = rest.split('`').next().unwrap_or_default().to_owned();
            SignalsRejection::MissingSignal {
                path: if path.is_empty() || path == "." {
                    name
                } else {
                    format!("{path}.{name}")
                },
                message,
            }
        }
        None => SignalsRejection::InvalidForm { path, message },
    }
}

/// One field of a multipart form.
#[derive(Debug)]
pub(crate) enum Part {
    Text(String),
    File {
        name: String,
        content_type: String,
        bytes: Bytes,
    },
}

/// Why a form does not fit its type.
#[derive(Debug)]
pub(crate) struct FormError(String);

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FormError {}

impl de::Error for FormError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        FormError(message.to_string())
    }
}

/// A form as a map from each field name (in the order first sent) to its values.
pub(crate) struct PartsDeserializer {
    fields: std::vec::IntoIter<(String, Vec<Part>)>,
    value: Option<Vec<Part>>,
}

impl PartsDeserializer {
    fn new(parts: Vec<(String, Part)>) -> Self {
        let mut fields: Vec<(String, Vec<Part>)> = Vec::new();
        for (name, part) in parts {
            match fields.iter_mut().find(|(seen, _)| *seen == name) {
                Some((_, values)) => values.push(part),
                None => fields.push((name, vec![part])),
            }
        }
        PartsDeserializer {
            fields: fields.into_iter(),
            value: None,
        }
    }
}

impl<'de> Deserializer<'de> for PartsDeserializer {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for PartsDeserializer {
    type Error = FormError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, FormError> {
        let Some((name, values)) = self.fields.next() else {
            return Ok(None);
        };
        self.value = Some(values);
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, FormError> {
        let values = self.value.take().unwrap_or_default();
        seed.deserialize(Values(values))
    }
}

/// The values of one field: a sequence where the type asks for one, else exactly one value.
struct Values(Vec<Part>);

impl Values {
    fn one(self) -> Result<PartDeserializer, FormError> {
        let count = self.0.len();
        let mut values = self.0.into_iter();
        match (values.next(), count) {
            (Some(part), 1) => Ok(PartDeserializer(part)),
            _ => Err(FormError(format!(
                "the field was sent {count} times; read a repeated field into a `Vec`"
            ))),
        }
    }
}

macro_rules! one_value {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
                self.one()?.$method(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Values {
    type Error = FormError;

    one_value! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_map deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_some(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, FormError> {
        self.one()?.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        self.one()?.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_seq(PartsSeq(self.0.into_iter()))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, FormError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FormError> {
        self.one()?.deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FormError> {
        self.one()?.deserialize_enum(name, variants, visitor)
    }
}

struct PartsSeq(std::vec::IntoIter<Part>);

impl<'de> SeqAccess<'de> for PartsSeq {
    type Error = FormError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, FormError> {
        self.0
            .next()
            .map(|part| seed.deserialize(PartDeserializer(part)))
            .transpose()
    }
}

/// One value: text parsed as the type asks, or a file.
struct PartDeserializer(Part);

impl PartDeserializer {
    fn text(self) -> Result<String, FormError> {
        match self.0 {
            Part::Text(text) => Ok(text),
            Part::File { .. } => Err(FormError(
                "a file was sent where text is expected; read a file field into `datastar_runtime::extract::File`"
                    .to_owned(),
            )),
        }
    }
}

macro_rules! parsed {
    ($($method:ident $visit:ident $type:ty,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
                let text = self.text()?;
                match text.trim().parse::<$type>() {
                    Ok(value) => visitor.$visit(value),
                    Err(error) => Err(FormError(format!("`{text}` is not a valid {}: {error}", stringify!($type)))),
                }
            }
        )*
    };
}

impl<'de> Deserializer<'de> for PartDeserializer {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        match self.0 {
            Part::Text(text) => visitor.visit_string(text),
            file @ Part::File { .. } => PartDeserializer(file).deserialize_newtype_struct(FILE_MARKER, visitor),
        }
    }

    parsed! {
        deserialize_bool visit_bool bool,
        deserialize_i8 visit_i8 i8,
        deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64,
        deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8,
        deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64,
        deserialize_u128 visit_u128 u128,
        deserialize_f32 visit_f32 f32,
        deserialize_f64 visit_f64 f64,
        deserialize_char visit_char char,
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_string(self.text()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_string(self.text()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        match (self.0, name == FILE_MARKER) {
            (
                Part::File {
                    name,
                    content_type,
                    bytes,
                },
                true,
            ) => visitor.visit_map(FileFields {
                fields: vec![
                    ("name", FileValue::Text(name)),
                    ("mime", FileValue::Text(content_type)),
                    ("bytes", FileValue::Bytes(bytes)),
                ]
                .into_iter(),
                value: None,
            }),
            (Part::Text(_), true) => Err(FormError(
                "text was sent where a file is expected; send the form as `multipart/form-data`".to_owned(),
            )),
            (part, false) => visitor.visit_newtype_struct(PartDeserializer(part)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FormError> {
        visitor.visit_enum(self.text()?.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bytes byte_buf unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

enum FileValue {
    Text(String),
    Bytes(Bytes),
}

/// A file's fields, as the [`File`](super::File) visitor reads them.
struct FileFields {
    fields: std::vec::IntoIter<(&'static str, FileValue)>,
    value: Option<FileValue>,
}

impl<'de> MapAccess<'de> for FileFields {
    type Error = FormError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, FormError> {
        let Some((key, value)) = self.fields.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, FormError> {
        match self.value.take() {
            Some(FileValue::Text(text)) => seed.deserialize(text.into_deserializer()),
            Some(FileValue::Bytes(bytes)) => seed.deserialize(BytesDeserializer(bytes)),
            None => Err(FormError("a file's value was read twice".to_owned())),
        }
    }
}

struct BytesDeserializer(Bytes);

impl<'de> Deserializer<'de> for BytesDeserializer {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        // Unique after the multipart reader joined the chunks, so this takes the allocation
        // over rather than copying it.
        visitor.visit_byte_buf(Vec::from(self.0))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::File;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Person {
        name: String,
        age: u8,
        tags: Vec<String>,
        #[serde(default)]
        admin: bool,
    }

    fn text(name: &str, value: &str) -> (String, Part) {
        (name.to_owned(), Part::Text(value.to_owned()))
    }

    #[test]
    fn urlencoded_fields_fill_the_type_and_a_bad_one_is_named() {
        let person: Person = urlencoded(b"name=Ada+L&age=36&tags=a&tags=b").expect("a person");
        let expected = Person {
            name: "Ada L".into(),
            age: 36,
            tags: vec!["a".into(), "b".into()],
            admin: false,
        };
        assert_eq!(person, expected);
        let bad = urlencoded::<Person>(b"name=Ada&age=999&tags=a").unwrap_err();
        assert!(
            matches!(&bad, SignalsRejection::InvalidForm { path, .. } if path == "age"),
            "{bad:?}"
        );
        assert!(bad.to_string().contains("`age`"), "{bad}");
        let missing = urlencoded::<Person>(b"name=Ada&tags=a").unwrap_err();
        assert!(
            matches!(&missing, SignalsRejection::MissingSignal { path, .. } if path == "age"),
            "{missing:?}"
        );
    }

    #[test]
    fn multipart_parts_fill_the_same_type() {
        let parts = vec![
            text("name", "Ada L"),
            text("age", "36"),
            text("tags", "a"),
            text("tags", "b"),
            text("admin", "true"),
        ];
        let person: Person = super::parts(parts).expect("a person");
        assert_eq!(person.tags, ["a", "b"]);
        assert!(person.admin);
        let bad = super::parts::<Person>(vec![text("name", "Ada"), text("age", "999"), text("tags", "a")]).unwrap_err();
        assert!(
            matches!(&bad, SignalsRejection::InvalidForm { path, .. } if path == "age"),
            "{bad:?}"
        );
        let twice = super::parts::<Person>(vec![text("name", "a"), text("name", "b"), text("age", "1")]).unwrap_err();
        assert!(twice.to_string().contains("sent 2 times"), "{twice}");
    }

    #[test]
    fn file_parts_are_files_and_text_is_not() {
        #[derive(Debug, serde::Deserialize)]
        struct Upload {
            title: String,
            files: Vec<File>,
            cover: Option<File>,
        }
        let file = |name: &str, bytes: &'static [u8]| {
            (
                name.to_owned(),
                Part::File {
                    name: "a.png".into(),
                    content_type: "image/png".into(),
                    bytes: Bytes::from_static(bytes),
                },
            )
        };
        let upload: Upload = super::parts(vec![
            text("title", "t"),
            file("files", b"one"),
            file("files", b"two"),
            file("cover", b"c"),
        ])
        .expect("an upload");
        assert_eq!(upload.title, "t");
        assert_eq!(upload.files.len(), 2);
        assert_eq!(upload.files[1], File::new("a.png", "image/png", &b"two"[..]));
        assert_eq!(upload.cover.expect("a cover").bytes, &b"c"[..]);
        let text_for_file = super::parts::<Upload>(vec![text("title", "t"), text("files", "x")]).unwrap_err();
        assert!(
            matches!(&text_for_file, SignalsRejection::InvalidForm { path, .. } if path.starts_with("files")),
            "{text_for_file:?}"
        );
        let file_for_text = super::parts::<Upload>(vec![file("title", b"x"), file("files", b"y")]).unwrap_err();
        assert!(
            file_for_text
                .to_string()
                .contains("a file was sent where text is expected"),
            "{file_for_text}"
        );
    }
}
