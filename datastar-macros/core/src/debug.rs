//! `DATASTAR_MACROS_DEBUG=1`: each expansion printed to stderr while the crate builds.
//!
//! The variable is read when a macro runs; cargo does not rebuild for it, so touch a source
//! file (or `cargo clean -p your-crate`) after setting it.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Prints `expansion` under `label` when `DATASTAR_MACROS_DEBUG` is set (and not `0`).
pub fn print_if_asked(label: &str, expansion: &TokenStream) {
    if std::env::var("DATASTAR_MACROS_DEBUG").is_ok_and(|v| !v.is_empty() && v != "0") {
        let mut out = String::new();
        layout(expansion.clone(), 0, &mut out);
        eprintln!("── datastar-macros: {label} ──\n{}\n", out.trim_end());
    }
}

/// One statement or item per line, blocks indented: enough to read, no formatter needed.
fn layout(tokens: TokenStream, depth: usize, out: &mut String) {
    let indent = |out: &mut String, depth: usize| {
        if out.ends_with('\n') {
            out.push_str(&"    ".repeat(depth));
        }
    };
    for token in tokens {
        match token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                indent(out, depth);
                out.push_str("{\n");
                layout(group.stream(), depth + 1, out);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&"    ".repeat(depth));
                out.push_str("}\n");
            }
            TokenTree::Punct(p) if p.as_char() == ';' => {
                out.push_str(";\n");
            }
            other => {
                indent(out, depth);
                if !out.is_empty() && !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                }
                out.push_str(&other.to_string());
            }
        }
    }
}
