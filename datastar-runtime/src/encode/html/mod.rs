//! HTML written so that a client's line handling cannot change what it builds.
//!
//! Two clients mishandle line breaks in a fragment, each in its own way:
//!
//! - The 2024 and 0.19 clients read one line of a fragment correctly (see docs/protocol.md), so
//!   [`write_html`] puts the whole fragment on one line. Each line break is replaced by what
//!   the browser's HTML tokenizer treats the same way at that point:
//!
//!   | where the break stands                         | written as             | why it is the same                        |
//!   |------------------------------------------------|------------------------|-------------------------------------------|
//!   | text, `<textarea>`, `<title>`, quoted values   | `&#10;`                | character references decode to LF there   |
//!   | inside a tag, unquoted values                  | space                  | both are whitespace there                 |
//!   | SVG/MathML `<![CDATA[…]]>`                     | `]]>&#10;<![CDATA[`    | the text nodes join into one              |
//!   | comments, doctypes                             | space                  | not rendered                              |
//!   | `<style>`                                      | form feed              | CSS preprocessing turns FF into LF        |
//!   | `<script>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`, `<plaintext>` | space | these clients never run patched scripts, so script text only matters as data (JSON mostly, where a space and a line break are the same separator); the obsolete elements are the documented exception |
//!
//! - The 0.21.4 client trims every data line (JavaScript `trim()`), which would drop the
//!   indentation of a `<pre>` or a non-breaking space at a line's edge. [`write_html_lines`]
//!   keeps one data line per line and writes such edge characters as character references
//!   where the tokenizer decodes them (text, `<textarea>`, `<title>`, quoted values, CDATA).
//!   A line break inside a tag becomes a space instead, so no line edge falls inside a
//!   tag. Edge whitespace in comments and raw text (`<script>`, `<style>`, …) is the
//!   documented exception, as is a fragment cut off right after an end tag's name and
//!   whitespace (`</textarea ` at the very end). The 1.0.0-beta clients keep lines as they
//!   are and decode the references alike.
//!
//! The context comes from a tokenizer that follows the HTML standard's tokenizer states
//! (including script-data escaping and CDATA) and the tree builder's switches into raw
//! text. SVG and MathML are followed by nesting depth: their integration points
//! (`<foreignObject>`, `<mi>`, …) are treated as foreign, which only matters for a raw-text
//! element inside one. CRLF counts as one break, like in the HTML parser.
//!
//! `tests/property.rs` checks all of this against an independent parser (html5ever): the
//! written HTML builds the same DOM as the input, up to the exceptions above.
//!
//! ```text
//! <pre>a            one line (2024, 0.19):   <pre>a&#10;  b</pre>
//!   b</pre>         lines for 0.21:          <pre>a
//!                                            &#32;&#32;b</pre>
//! ```

mod attribute;
mod fold;
mod skim;
mod tokenizer;

pub(crate) use attribute::{attribute_name, attribute_value_len, push_attribute_value, put_attribute_value};
pub(crate) use fold::{first_element, is_js_space, write_html, write_html_lines, write_json};
