//! Actions: the fetch actions and the options they read, and the client actions, per page
//! syntax.
//!
//! 1.0 calls an action `@name(…)` inside any expression; 0.21.4 calls it by its bare name
//! (`sse(…)`), and 0.19.9 as `$$name(…)`, splitting the arguments at every comma. The
//! fetch action is one per method in 1.0 and 0.19 (`@put(url, options)`, `$$put(url)`) and
//! one for all in 0.21 (`sse(url, {method: 'put'})`). None of the four clients has
//! `@query`.

use super::BySyntax;
use crate::{Method, PageSyntax};

/// What a page syntax writes before an action's name: `@`, nothing, or `$$`.
///
/// ```
/// use datastar_syntax::PageSyntax;
/// use datastar_syntax::vocabulary::action_sigil;
/// assert_eq!(action_sigil(PageSyntax::V019), "$$");
/// ```
pub const fn action_sigil(syntax: PageSyntax) -> &'static str {
    match syntax {
        PageSyntax::V019 => "$$",
        PageSyntax::V021 => "",
        PageSyntax::V1 => "@",
    }
}

/// The kind of value a fetch option takes.
///
/// ```
/// use datastar_syntax::vocabulary::{OptionValue, action_option};
/// let retry = action_option("retry").unwrap();
/// assert_eq!(retry.value, OptionValue::OneOf(&["auto", "error", "always", "never"]));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptionValue {
    /// A CSS selector.
    Selector,
    /// An object of header names to values.
    Headers,
    /// One of these words, as a string.
    OneOf(&'static [&'static str]),
    /// `{include, exclude}`: regular expressions (or strings of them, slashes optional)
    /// matched against each signal's dotted path.
    SignalFilter,
    /// `true` or `false`.
    Bool,
    /// Any value that becomes JSON.
    Json,
    /// `'auto'`, `'cleanup'`, `'disabled'`, or an `AbortController` to abort the fetch
    /// with. Any other string disables cancellation.
    Cancellation,
    /// An `AbortSignal`.
    AbortSignal,
    /// A number of milliseconds.
    Milliseconds,
    /// A number.
    Number,
    /// A whole number.
    Count,
    /// An HTTP method's name, in any case.
    Method,
}

/// How one page syntax writes one fetch option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OptionSpelling {
    /// Its name in the options object.
    pub name: &'static str,
    /// Its value when left out, as the client has it.
    pub default: &'static str,
    /// The string the bundle test finds in that client.
    pub evidence: &'static str,
}

/// A fetch option: one meaning, and its name in each page syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ActionOption {
    /// What it does.
    pub meaning: &'static str,
    /// What it takes.
    pub value: OptionValue,
    /// Its spelling per page syntax, `None` where that client reads no such option.
    pub spelling: BySyntax<Option<OptionSpelling>>,
}

const fn spelled(name: &'static str, default: &'static str, evidence: &'static str) -> Option<OptionSpelling> {
    Some(OptionSpelling {
        name,
        default,
        evidence,
    })
}

const fn option(
    meaning: &'static str,
    value: OptionValue,
    v021: Option<OptionSpelling>,
    v1: Option<OptionSpelling>,
) -> ActionOption {
    ActionOption {
        meaning,
        value,
        spelling: BySyntax { v019: None, v021, v1 },
    }
}

/// Every fetch option any of the clients reads: the 1.0 ones first, then those only an
/// older client has. 0.19.9 reads none, only a second argument (`onlyRemote`).
///
/// ```
/// use datastar_syntax::vocabulary::ACTION_OPTIONS;
/// let in_0_21: Vec<&str> = ACTION_OPTIONS.iter().filter_map(|o| Some(o.spelling.v021?.name)).collect();
/// assert!(in_0_21.contains(&"includeLocal") && !in_0_21.contains(&"filterSignals"));
/// ```
pub const ACTION_OPTIONS: [ActionOption; 16] = [
    option(
        "the form sent with `contentType: 'form'` (else the element's closest form)",
        OptionValue::Selector,
        spelled("selector", "null", "selector:null"),
        spelled("selector", "the closest form", "{selector:…,headers:…,contentType:"),
    ),
    option(
        "headers added to the request",
        OptionValue::Headers,
        spelled("headers", "{}", "headers:{}"),
        spelled("headers", "{}", "headers:…,contentType:…="),
    ),
    option(
        "what is sent: the signals as JSON, or a form's fields",
        OptionValue::OneOf(&["json", "form"]),
        spelled("contentType", "'json'", r#"contentType:"json""#),
        spelled("contentType", "'json'", r#"contentType:…="json""#),
    ),
    option(
        "which signals are sent",
        OptionValue::SignalFilter,
        None,
        spelled(
            "filterSignals",
            r"{include: /.*/, exclude: /(^|\.)_/}",
            r"filterSignals:{include:…=/.*/,exclude:…=/(^|\.)_/}",
        ),
    ),
    option(
        "keeps the request open while the page is hidden (else it closes, and reopens when shown)",
        OptionValue::Bool,
        spelled("openWhenHidden", "false", "openWhenHidden:!1"),
        spelled(
            "openWhenHidden",
            "false for @get, true for the others",
            "openWhenHidden:…=…,payload:",
        ),
    ),
    option(
        "sent instead of the signals",
        OptionValue::Json,
        None,
        spelled("payload", "the filtered signals", "payload:…,requestCancellation:"),
    ),
    option(
        "whether a new fetch aborts the previous one (1.0.1: of the same element; 1.0.2: to the same method and URL)",
        OptionValue::Cancellation,
        None,
        spelled("requestCancellation", "'auto'", r#"requestCancellation:…="auto""#),
    ),
    option(
        "when to retry besides network errors, which every value retries: 4xx/5xx replies ('error'), every reply but 200, 204 and 3xx and every ended stream ('always'); 'never' reads as 'auto'",
        OptionValue::OneOf(&["auto", "error", "always", "never"]),
        None,
        spelled("retry", "'auto'", r#"retry:…="auto""#),
    ),
    option(
        "the first wait before a retry",
        OptionValue::Milliseconds,
        spelled("retryInterval", "1000", "retryInterval:1e3"),
        spelled("retryInterval", "1000", "retryInterval:…=1e3"),
    ),
    option(
        "what each wait is multiplied by",
        OptionValue::Number,
        spelled("retryScaler", "2", "retryScaler:2"),
        spelled("retryScaler", "2", "retryScaler:…=2"),
    ),
    option(
        "the longest wait before a retry",
        OptionValue::Milliseconds,
        spelled("retryMaxWaitMs", "30000", "retryMaxWaitMs:3e4"),
        spelled("retryMaxWait", "30000", "retryMaxWait:…=3e4"),
    ),
    option(
        "how many retries before giving up",
        OptionValue::Count,
        spelled("retryMaxCount", "10", "retryMaxCount:10"),
        spelled("retryMaxCount", "10", "retryMaxCount:…=10"),
    ),
    option(
        "the HTTP method (1.0: the action's name)",
        OptionValue::Method,
        spelled("method", "'GET'", r#"method:"GET""#),
        None,
    ),
    option(
        "also sends the signals whose name starts with `_` (1.0: `filterSignals`)",
        OptionValue::Bool,
        spelled("includeLocal", "false", "includeLocal:!1"),
        None,
    ),
    option(
        "aborts the fetch when this signal does (1.0: `requestCancellation` with an AbortController)",
        OptionValue::AbortSignal,
        spelled("abort", "undefined", "abort:void 0"),
        None,
    ),
    ActionOption {
        meaning: "the second argument of `$$get(url, onlyRemote)`: false also sends the signals whose name starts with `_`",
        value: OptionValue::Bool,
        spelling: BySyntax {
            v019: spelled("onlyRemote", "true", r#"["true", !0, void 0].includes(r)"#),
            v021: None,
            v1: None,
        },
    },
];

/// The fetch option whose 1.0 name is `name`.
///
/// ```
/// use datastar_syntax::vocabulary::action_option;
/// let wait = action_option("retryMaxWait").unwrap();
/// assert_eq!(wait.spelling.v021.unwrap().name, "retryMaxWaitMs");
/// assert!(action_option("retryMaxWaitMs").is_none()); // what the 1.0 clients ignore
/// ```
pub const fn action_option(name: &str) -> Option<&'static ActionOption> {
    let mut i = 0;
    while i < ACTION_OPTIONS.len() {
        if let Some(spelling) = &ACTION_OPTIONS[i].spelling.v1
            && crate::text::same(spelling.name, name)
        {
            return Some(&ACTION_OPTIONS[i]);
        }
        i += 1;
    }
    None
}

/// How one page syntax calls an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Call {
    /// Its arguments, for people: `(url, options?)`.
    pub params: &'static str,
    /// The fewest and most arguments it reads.
    pub arity: (u8, u8),
    /// The string the bundle test finds in that client.
    pub evidence: &'static str,
}

const fn call(params: &'static str, arity: (u8, u8), evidence: &'static str) -> Option<Call> {
    Some(Call {
        params,
        arity,
        evidence,
    })
}

/// A fetch action: one per method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BackendAction {
    /// Its method.
    pub method: Method,
    /// How each page syntax calls it (`crate::PageSyntax::push_action_open` writes it).
    pub call: BySyntax<Call>,
}

const fn backend(method: Method, v019: &'static str, v1: &'static str) -> BackendAction {
    BackendAction {
        method,
        call: BySyntax {
            v019: Call {
                params: "(url, onlyRemote?)",
                arity: (1, 2),
                evidence: v019,
            },
            v021: Call {
                params: "(url, {method, …options})",
                arity: (1, 2),
                evidence: r#"name:"sse""#,
            },
            v1: Call {
                params: "(url, options?)",
                arity: (1, 2),
                evidence: v1,
            },
        },
    }
}

/// The fetch actions, in [`Method::ALL`]'s order.
///
/// ```
/// use datastar_syntax::Method;
/// use datastar_syntax::vocabulary::BACKEND_ACTIONS;
/// assert_eq!(BACKEND_ACTIONS[Method::Put as usize].call.v021.params, "(url, {method, …options})");
/// ```
pub const BACKEND_ACTIONS: [BackendAction; 5] = [
    backend(Method::Get, r#"Fs = "get""#, r#"("get","GET",!1)"#),
    backend(Method::Post, r#"Hs = "post""#, r#"("post","POST")"#),
    backend(Method::Put, r#"Vs = "put""#, r#"("put","PUT")"#),
    backend(Method::Patch, r#"xs = "patch""#, r#"("patch","PATCH")"#),
    backend(Method::Delete, r#"js = "delete""#, r#"("delete","DELETE")"#),
];

/// A client action: its name and how each page syntax calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAction {
    /// Its name, the same in every page syntax that has it.
    pub name: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// How each page syntax calls it, `None` where that client lacks it.
    pub call: BySyntax<Option<Call>>,
}

const fn client(name: &'static str, summary: &'static str, call: BySyntax<Option<Call>>) -> ClientAction {
    ClientAction { name, summary, call }
}

const fn only_0_19(params: &'static str, arity: (u8, u8), evidence: &'static str) -> BySyntax<Option<Call>> {
    BySyntax {
        v019: call(params, arity, evidence),
        v021: None,
        v1: None,
    }
}

const FIT: (&str, (u8, u8)) = ("(value, fromMin, fromMax, toMin, toMax)", (5, 5));

/// Every client action of the free clients: those of 1.0 first. `@clipboard`, `@fit` and
/// the like are Datastar Pro's in 1.0, not the free client's.
///
/// ```
/// use datastar_syntax::PageSyntax;
/// use datastar_syntax::vocabulary::{CLIENT_ACTIONS, action_sigil};
/// let set_all = &CLIENT_ACTIONS[1];
/// let call = set_all.call.v019.unwrap();
/// assert_eq!(format!("{}{}{}", action_sigil(PageSyntax::V019), set_all.name, call.params), "$$setAll(regex, value)");
/// ```
pub const CLIENT_ACTIONS: [ClientAction; 11] = [
    client(
        "peek",
        "calls the function without subscribing to the signals it reads",
        BySyntax {
            v019: None,
            v021: None,
            v1: call("(() => expression)", (1, 1), r#"name:"peek""#),
        },
    ),
    client(
        "setAll",
        "sets every signal the filter (1.0), path prefix (0.21) or regular expression (0.19) selects",
        BySyntax {
            v019: call("(regex, value)", (2, 2), "setAll: (t, e, s)"),
            v021: call("(prefix, value)", (2, 2), r#"name:"setAll""#),
            v1: call("(value, {include, exclude}?)", (1, 2), r#"name:"setAll""#),
        },
    ),
    client(
        "toggleAll",
        "negates every signal the filter (1.0), path prefix (0.21) or regular expression (0.19) selects",
        BySyntax {
            v019: call("(regex)", (1, 1), "toggleAll: (t, e)"),
            v021: call("(prefix)", (1, 1), r#"name:"toggleAll""#),
            v1: call("({include, exclude}?)", (0, 1), r#"name:"toggleAll""#),
        },
    ),
    client(
        "clipboard",
        "writes the text to the clipboard",
        BySyntax {
            v019: call("(text)", (1, 1), "clipboard: (t, e)"),
            v021: call("(text)", (1, 1), r#"name:"clipboard""#),
            v1: None,
        },
    ),
    client(
        "fit",
        "maps a value from one range onto another (0.21: optionally clamped and rounded)",
        BySyntax {
            v019: call(FIT.0, FIT.1, "fit: ke"),
            v021: call(
                "(value, fromMin, fromMax, toMin, toMax, clamp?, round?)",
                (5, 7),
                r#"name:"fit""#,
            ),
            v1: None,
        },
    ),
    client("fitInt", "`fit`, rounded", only_0_19(FIT.0, FIT.1, "fitInt: Gs")),
    client(
        "clampFit",
        "`fit`, clamped to the target range",
        only_0_19(FIT.0, FIT.1, "clampFit: bt"),
    ),
    client(
        "clampFitInt",
        "`fit`, clamped and rounded",
        only_0_19(FIT.0, FIT.1, "clampFitInt: Ys"),
    ),
    client(
        "isFetching",
        "whether an element the selector matches shows a fetch indicator",
        only_0_19("(selector)", (1, 1), "isFetching: (t, e)"),
    ),
    client(
        "remote",
        "the signals without those whose name starts with `_`",
        only_0_19("()", (0, 0), "remote: async (t)"),
    ),
    client(
        "scroll",
        "scrolls the element the selector matches into view and focuses it",
        only_0_19("(selector, options?)", (1, 2), "scroll: async (t, e, s)"),
    ),
];

/// The client action named `name` in any page syntax; its [`ClientAction::call`] says
/// which have it.
///
/// ```
/// use datastar_syntax::vocabulary::client_action;
/// assert!(client_action("setAll").unwrap().call.v1.is_some());
/// assert!(client_action("clipboard").unwrap().call.v1.is_none());
/// ```
pub const fn client_action(name: &str) -> Option<&'static ClientAction> {
    let mut i = 0;
    while i < CLIENT_ACTIONS.len() {
        if crate::text::same(CLIENT_ACTIONS[i].name, name) {
            return Some(&CLIENT_ACTIONS[i]);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_round_trip_by_their_1_0_name() {
        let mut named = 0;
        for row in &ACTION_OPTIONS {
            if let Some(spelling) = row.spelling.v1 {
                assert_eq!(action_option(spelling.name), Some(row));
                named += 1;
            }
            assert!(PageSyntax::ALL.iter().any(|s| row.spelling.get(*s).is_some()));
        }
        assert_eq!(named, 12);
        assert_eq!(action_option("method"), None);
    }

    #[test]
    fn client_actions_round_trip_and_the_1_0_ones_come_first() {
        for (i, row) in CLIENT_ACTIONS.iter().enumerate() {
            assert_eq!(client_action(row.name), Some(row));
            if row.call.v1.is_none() {
                assert!(CLIENT_ACTIONS[i..].iter().all(|later| later.call.v1.is_none()));
            }
            for syntax in PageSyntax::ALL {
                if let Some(call) = row.call.get(syntax) {
                    assert!(call.arity.0 <= call.arity.1 && !call.evidence.is_empty());
                }
            }
        }
    }

    #[test]
    fn fetch_actions_follow_method_all() {
        for (row, method) in BACKEND_ACTIONS.iter().zip(Method::ALL) {
            assert_eq!(row.method, method);
            assert!(row.call.v1.evidence.contains(method.name()));
        }
    }
}
