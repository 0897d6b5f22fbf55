//! The macros' attribute and `routes![]` pipeline (parse, validate, expand) on arbitrary
//! token text: never a panic, and the output is always tokens a compiler can read,
//! either the expansion or the function with its errors.
//!
//! Input: the attribute's name on the first line, then its arguments, a `%%` line, and
//! the annotated item; the same text after the first line also goes to `routes![]`.

#![no_main]

use std::str::FromStr;

use datastar_macros_core::Attribute;
use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;

fn check_output(output: &TokenStream) {
    let text = output.to_string();
    assert!(TokenStream::from_str(&text).is_ok(), "the output does not lex: {text}");
}

fuzz_target!(|data: &str| {
    let (first, rest) = data.split_once('\n').unwrap_or((data, ""));
    let attribute = Attribute::from_name(first.trim()).unwrap_or(Attribute::ALL[first.len() % Attribute::ALL.len()]);
    let (args, item) = rest.split_once("\n%%\n").unwrap_or(("", rest));
    // Macros only ever receive tokens the compiler lexed; other text is not an input.
    if let (Ok(args), Ok(item)) = (TokenStream::from_str(args), TokenStream::from_str(item)) {
        check_output(&datastar_macros_core::attribute(attribute, args, item));
    }
    if let Ok(list) = TokenStream::from_str(rest) {
        check_output(&datastar_macros_core::routes(list));
    }
});
