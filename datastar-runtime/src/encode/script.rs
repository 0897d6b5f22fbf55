//! What the dialects without a script, redirect or console event send instead: the
//! JavaScript of a redirect or a console message, and the `<script>` element that runs a
//! script where patched scripts run (1.0).

use crate::encode::EncodeError;
use crate::encode::html::{attribute_name, attribute_value_len, push_attribute_value};
use crate::encode::js::js_string;
use crate::event::{ConsoleMessage, ExecuteScript};

/// The `<script>` element that carries a script where the dialect has no script event.
///
/// The script text goes in as written except for `</script` and `<!--`, which would end
/// the element early or hide its end tag; they become `<\/script` and `<\!--`, the same
/// text inside the strings, template literals, regular expressions and comments where
/// they appear in real scripts.
pub(super) fn element(script: &ExecuteScript) -> Result<String, EncodeError> {
    let attributes: usize = script
        .attributes
        .iter()
        .map(|(name, value)| name.len() + attribute_value_len(value) + 4)
        .sum();
    // A backslash may follow every `<` of the text.
    let text = script.script.len() + memchr::memchr_iter(b'<', script.script.as_bytes()).count();
    let mut html = String::with_capacity(7 + attributes + 26 + 1 + text + 9);
    html.push_str("<script");
    for (name, value) in &script.attributes {
        attribute_name(name)?;
        html.push(' ');
        html.push_str(name);
        html.push_str("=\"");
        push_attribute_value(&mut html, value);
        html.push('"');
    }
    if script.auto_remove {
        html.push_str(" data-effect=\"el.remove()\"");
    }
    html.push('>');
    push_script_text(&mut html, &script.script);
    html.push_str("</script>");
    Ok(html)
}

fn push_script_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let closes = rest.len() >= 7 && rest[0] == b'/' && rest[1..7].eq_ignore_ascii_case(b"script");
        if closes || rest.starts_with(b"!--") {
            out.push_str(&text[copied..=at]);
            out.push('\\');
            copied = at + 1;
        }
    }
    out.push_str(&text[copied..]);
}

/// The JavaScript that navigates to `url`.
pub(super) fn redirect(url: &str) -> String {
    format!("setTimeout(() => window.location.href = {})", js_string(url))
}

/// The JavaScript that writes a console message.
pub(super) fn console(message: &ConsoleMessage) -> String {
    format!("console.{}({})", message.level.as_str(), js_string(&message.message))
}
