//! `DATASTAR_MACROS_DEBUG=1`: each expansion printed to stderr while the crate builds.
//!
//! The variable is read when a macro runs; cargo does not rebuild for it, so touch a source
//! file (or `cargo clean -p your-crate`) after setting it.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

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
    let mut glued = false;
    for token in tokens {
        let line_start = out.is_empty() || out.ends_with('\n');
        if line_start {
            out.push_str(&"    ".repeat(depth));
        }
        match token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                if !line_start {
                    out.push(' ');
                }
                out.push_str("{\n");
                layout(group.stream(), depth + 1, out);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&"    ".repeat(depth));
                out.push_str("}\n");
                glued = false;
            }
            TokenTree::Punct(p) if p.as_char() == ';' => {
                out.push_str(";\n");
                glued = false;
            }
            other => {
                if !line_start && !glued {
                    out.push(' ');
                }
                glued = matches!(&other, TokenTree::Punct(p) if p.spacing() == Spacing::Joint);
                out.push_str(&other.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn one_statement_per_line_and_blocks_indented() {
        let tokens: proc_macro2::TokenStream = "fn a() -> u8 { let x = 1; x }".parse().expect("tokens");
        let mut out = String::new();
        layout(tokens, 0, &mut out);
        assert_eq!(out, "fn a () -> u8 {\n    let x = 1;\n    x\n}\n");
    }
}
