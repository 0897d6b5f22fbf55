//! JavaScript literals for the scripts the runtime writes itself (redirects, console
//! messages, custom events under dialects that have no event for them).

/// A JavaScript string literal for `text`, safe inside an HTML `<script>` element.
///
/// ```
/// assert_eq!(datastar_runtime::encode::js::js_string("a\"</script>"), r#""a\"\u003c/script\u003e""#);
/// ```
pub fn js_string(text: &str) -> String {
    // serde_json cannot fail on a `str`.
    let json = serde_json::to_string(text).unwrap_or_default();
    js_json(&json)
}

/// Makes JSON text safe to embed in a `<script>` element: `<` and `>` cannot close the
/// element, and U+2028/U+2029 are escaped for older JavaScript engines.
///
/// ```
/// assert_eq!(datastar_runtime::encode::js::js_json(r#"{"html":"<b>"}"#), r#"{"html":"\u003cb\u003e"}"#);
/// ```
pub fn js_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}
