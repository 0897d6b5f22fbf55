//! Beyond the seeds: a multi-line fragment, which the 2024 and 0.19 clients can only read
//! when it travels on one data line, and whose lines here start with the very words
//! those clients take for keys.

use datastar_runtime::fragment;
use maud::{Markup, html};

use crate::pages::MULTILINE;

/// The `<pre>`'s text. Each line would break a naive encoder: key words at line starts,
/// a blank line (the end of an SSE event), SSE field names, markup to escape.
pub(crate) const TEXT: &str = concat!(
    "merge prepend\n",
    "selector #main\n",
    "fragment <b>not bold</b> & not an entity: &amp;\n",
    "\n",
    "  indented, after a blank line\n",
    "data: event: datastar-fragment\n",
    "settle 0\n",
    "last line",
);

/// `GET …/multiline`: the `<pre>` with several lines, patched by its id.
#[fragment]
#[datastar_runtime::get("/multiline")]
pub(crate) fn multiline() -> Markup {
    html! { pre id=(MULTILINE) { (TEXT) } }
}
