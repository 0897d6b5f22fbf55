//! The exact bytes of every event in every dialect, written by hand from docs/protocol.md and the
//! published clients (see each dialect module's doc), not captured from the encoder.

use std::time::Duration;

use bytes::BytesMut;
use datastar_runtime::encode::EncodeError;
use datastar_runtime::event::{
    ConsoleLevel, ConsoleMessage, ExecuteScript, Namespace, PatchElements, PatchSignals, Redirect, RemoveElements,
    RemoveSignals,
};
use datastar_runtime::{Dialect, Event, Mode};

const D2024: Dialect = Dialect::FRAGMENT_2024;
const STORE: Dialect = Dialect::Fragment2024 { store: Some("#main") };
const V019: Dialect = Dialect::V019;
const V021: Dialect = Dialect::V021;
const V1: Dialect = Dialect::V1;

/// Encodes after some earlier bytes, checking that an error leaves them untouched.
fn encode(dialect: Dialect, event: impl Into<Event>) -> Result<String, EncodeError> {
    let mut buf = BytesMut::from(&b"earlier"[..]);
    match dialect.encode(&event.into(), &mut buf) {
        Ok(()) => {
            assert!(buf.starts_with(b"earlier"));
            Ok(String::from_utf8(buf[7..].to_vec()).unwrap())
        }
        Err(e) => {
            assert_eq!(&buf[..], b"earlier", "an error must write nothing");
            Err(e)
        }
    }
}

#[track_caller]
fn ok(dialect: Dialect, event: impl Into<Event>, expected: &str) {
    assert_eq!(encode(dialect, event).unwrap(), expected, "{dialect}");
}

#[track_caller]
fn unsupported(dialect: Dialect, event: impl Into<Event>) {
    match encode(dialect, event) {
        Err(EncodeError::Unsupported { dialect: d, .. }) => assert_eq!(d, dialect),
        other => panic!("{dialect}: expected Unsupported, got {other:?}"),
    }
}

#[track_caller]
fn line_break(dialect: Dialect, event: impl Into<Event>, field: &str) {
    match encode(dialect, event) {
        Err(EncodeError::LineBreak { field: f }) => assert_eq!(f, field),
        other => panic!("{dialect}: expected LineBreak in {field}, got {other:?}"),
    }
}

const ALL: [Dialect; 4] = [STORE, V019, V021, V1];
const DIV: &str = "<div id=\"a\">1</div>";

#[test]
fn patch_elements_defaults_are_omitted() {
    ok(
        D2024,
        PatchElements::new(DIV),
        "event: datastar-fragment\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    ok(
        V019,
        PatchElements::new(DIV),
        "event: datastar-fragment\ndata: vt false\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    ok(
        V021,
        PatchElements::new(DIV),
        "event: datastar-merge-fragments\ndata: fragments <div id=\"a\">1</div>\n\n",
    );
    ok(
        V1,
        PatchElements::new(DIV),
        "event: datastar-patch-elements\ndata: elements <div id=\"a\">1</div>\n\n",
    );
}

#[test]
fn every_mode_of_every_dialect() {
    // (mode, 2024, 0.19, 0.21, 1.0); None: that dialect's default, so no line.
    let table = [
        (Mode::Morph, None, None, None, None),
        (
            Mode::Inner,
            Some("inner_element"),
            Some("inner"),
            Some("inner"),
            Some("inner"),
        ),
        (
            Mode::Replace,
            Some("outer_element"),
            Some("outer"),
            Some("outer"),
            Some("replace"),
        ),
        (
            Mode::Prepend,
            Some("prepend_element"),
            Some("prepend"),
            Some("prepend"),
            Some("prepend"),
        ),
        (
            Mode::Append,
            Some("append_element"),
            Some("append"),
            Some("append"),
            Some("append"),
        ),
        (
            Mode::Before,
            Some("before_element"),
            Some("before"),
            Some("before"),
            Some("before"),
        ),
        (
            Mode::After,
            Some("after_element"),
            Some("after"),
            Some("after"),
            Some("after"),
        ),
    ];
    for (mode, w2024, w019, w021, w1) in table {
        let patch = PatchElements::new(DIV).selector("#t").mode(mode);
        let line = |key: &str, word: Option<&str>| word.map(|w| format!("data: {key} {w}\n")).unwrap_or_default();
        ok(
            D2024,
            patch.clone(),
            &format!(
                "event: datastar-fragment\ndata: selector #t\n{}data: fragment {DIV}\n\n",
                line("merge", w2024)
            ),
        );
        ok(
            V019,
            patch.clone(),
            &format!(
                "event: datastar-fragment\ndata: selector #t\n{}data: vt false\ndata: fragment {DIV}\n\n",
                line("merge", w019)
            ),
        );
        ok(
            V021,
            patch.clone(),
            &format!(
                "event: datastar-merge-fragments\ndata: selector #t\n{}data: fragments {DIV}\n\n",
                line("mergeMode", w021)
            ),
        );
        ok(
            V1,
            patch,
            &format!(
                "event: datastar-patch-elements\ndata: selector #t\n{}data: elements {DIV}\n\n",
                line("mode", w1)
            ),
        );
    }
}

#[test]
fn upsert_attributes_is_0x_only() {
    let patch = PatchElements::new("<main id=\"m\" data-x=\"1\"></main>").mode(Mode::UpsertAttributes);
    ok(
        D2024,
        patch.clone(),
        "event: datastar-fragment\ndata: merge upsert_attributes\ndata: fragment <main id=\"m\" data-x=\"1\"></main>\n\n",
    );
    ok(
        V019,
        patch.clone(),
        "event: datastar-fragment\ndata: merge upsert_attributes\ndata: vt false\ndata: fragment <main id=\"m\" data-x=\"1\"></main>\n\n",
    );
    ok(
        V021,
        patch.clone(),
        "event: datastar-merge-fragments\ndata: mergeMode upsertAttributes\ndata: fragments <main id=\"m\" data-x=\"1\"></main>\n\n",
    );
    unsupported(V1, patch);
}

#[test]
fn remove_mode() {
    let by_selector = PatchElements::new("").selector(".toast").mode(Mode::Remove);
    ok(
        D2024,
        by_selector.clone(),
        "event: datastar-fragment\ndata: selector .toast\ndata: merge delete_element\ndata: fragment <div></div>\n\n",
    );
    ok(
        V019,
        by_selector.clone(),
        "event: datastar-delete\ndata: selector .toast\n\n",
    );
    ok(
        V021,
        by_selector.clone(),
        "event: datastar-remove-fragments\ndata: selector .toast\n\n",
    );
    ok(
        V1,
        by_selector,
        "event: datastar-patch-elements\ndata: selector .toast\ndata: mode remove\n\n",
    );
    // 1.0 ignores elements when removing, so none are sent.
    ok(
        V1,
        PatchElements::new(DIV).selector("#a").mode(Mode::Remove),
        "event: datastar-patch-elements\ndata: selector #a\ndata: mode remove\n\n",
    );

    let by_id = PatchElements::new(DIV).mode(Mode::Remove);
    ok(
        D2024,
        by_id.clone(),
        "event: datastar-fragment\ndata: merge delete_element\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    unsupported(V019, by_id.clone());
    unsupported(V021, by_id.clone());
    unsupported(V1, by_id);
    assert_eq!(
        encode(D2024, PatchElements::new("").mode(Mode::Remove)),
        Err(EncodeError::Empty { field: "elements" })
    );
}

#[test]
fn v1_needs_a_selector_except_for_outer_and_replace() {
    for mode in [Mode::Inner, Mode::Prepend, Mode::Append, Mode::Before, Mode::After] {
        unsupported(V1, PatchElements::new(DIV).mode(mode));
        // The 0.x clients fall back to the element's id.
        for dialect in [D2024, V019, V021] {
            assert!(encode(dialect, PatchElements::new(DIV).mode(mode)).is_ok());
        }
    }
    ok(
        V1,
        PatchElements::new(DIV).mode(Mode::Replace),
        "event: datastar-patch-elements\ndata: mode replace\ndata: elements <div id=\"a\">1</div>\n\n",
    );
    // An empty selector is no selector, in every client.
    unsupported(V1, PatchElements::new(DIV).selector("").mode(Mode::Inner));
    ok(
        V021,
        PatchElements::new(DIV).selector(""),
        "event: datastar-merge-fragments\ndata: fragments <div id=\"a\">1</div>\n\n",
    );
}

#[test]
fn settle_view_transition_and_namespace() {
    let patch = |ms| {
        PatchElements::new(DIV)
            .settle(Duration::from_millis(ms))
            .view_transition(true)
    };
    ok(
        D2024,
        patch(500),
        "event: datastar-fragment\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    ok(
        D2024,
        patch(250),
        "event: datastar-fragment\ndata: settle 250\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    ok(
        V019,
        patch(500),
        "event: datastar-fragment\ndata: vt true\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    ok(
        V019,
        patch(250),
        "event: datastar-fragment\ndata: settle 250\ndata: vt true\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    ok(
        V021,
        patch(300),
        "event: datastar-merge-fragments\ndata: useViewTransition true\ndata: fragments <div id=\"a\">1</div>\n\n",
    );
    ok(
        V021,
        patch(500),
        "event: datastar-merge-fragments\ndata: settleDuration 500\ndata: useViewTransition true\ndata: fragments <div id=\"a\">1</div>\n\n",
    );
    ok(
        V1,
        patch(500),
        "event: datastar-patch-elements\ndata: useViewTransition true\ndata: elements <div id=\"a\">1</div>\n\n",
    );

    let svg = PatchElements::new("<circle id=\"c\" r=\"2\"></circle>").namespace(Namespace::Svg);
    ok(
        V1,
        svg.clone(),
        "event: datastar-patch-elements\ndata: namespace svg\ndata: elements <circle id=\"c\" r=\"2\"></circle>\n\n",
    );
    ok(
        V1,
        PatchElements::new("<mi id=\"x\">x</mi>").namespace(Namespace::MathMl),
        "event: datastar-patch-elements\ndata: namespace mathml\ndata: elements <mi id=\"x\">x</mi>\n\n",
    );
    for dialect in [D2024, V019, V021] {
        unsupported(dialect, svg.clone());
    }
}

#[test]
fn view_transition_selector() {
    let scoped = PatchElements::new("<li>new</li>")
        .selector("#list")
        .mode(Mode::Append)
        .view_transition(true)
        .view_transition_selector("#list");
    ok(
        V1,
        scoped.clone(),
        "event: datastar-patch-elements\ndata: selector #list\ndata: mode append\ndata: useViewTransition true\n\
         data: viewTransitionSelector #list\ndata: elements <li>new</li>\n\n",
    );
    ok(
        V1,
        scoped.clone().namespace(Namespace::Svg),
        "event: datastar-patch-elements\ndata: selector #list\ndata: mode append\ndata: namespace svg\n\
         data: useViewTransition true\ndata: viewTransitionSelector #list\ndata: elements <li>new</li>\n\n",
    );
    // The older clients cannot scope a transition: a typed error, not a silent whole-page one.
    for dialect in [D2024, STORE, V019, V021] {
        unsupported(dialect, scoped.clone());
        unsupported(dialect, scoped.clone().mode(Mode::Remove));
    }
    // Without a view transition the selector means nothing, so no dialect writes or refuses it.
    let unused = PatchElements::new(DIV).view_transition_selector("#list");
    ok(
        V1,
        unused.clone(),
        "event: datastar-patch-elements\ndata: elements <div id=\"a\">1</div>\n\n",
    );
    ok(
        V019,
        unused.clone(),
        "event: datastar-fragment\ndata: vt false\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    ok(
        V021,
        unused.clone(),
        "event: datastar-merge-fragments\ndata: fragments <div id=\"a\">1</div>\n\n",
    );
    ok(
        D2024,
        unused,
        "event: datastar-fragment\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    // An empty selector is none, as for the target selector.
    ok(
        V1,
        PatchElements::new(DIV)
            .view_transition(true)
            .view_transition_selector(""),
        "event: datastar-patch-elements\ndata: useViewTransition true\ndata: elements <div id=\"a\">1</div>\n\n",
    );
    for dialect in ALL {
        line_break(
            dialect,
            PatchElements::new(DIV)
                .view_transition(true)
                .view_transition_selector("#a\n\nevent: x"),
            "view transition selector",
        );
        line_break(
            dialect,
            PatchElements::new(DIV).view_transition_selector("#a\r"),
            "view transition selector",
        );
    }
}

#[test]
fn ids_and_retry() {
    let event = || {
        Event::from(PatchSignals::raw("{}"))
            .id("7")
            .retry(Duration::from_millis(1000))
    };
    ok(
        V021,
        event(),
        "event: datastar-merge-signals\nid: 7\ndata: signals {}\n\n",
    );
    ok(
        V1,
        event(),
        "event: datastar-patch-signals\nid: 7\ndata: signals {}\n\n",
    );
    // The 0.x clients before 0.20 have no SDK convention for a default: it is written.
    ok(
        V019,
        event(),
        "event: datastar-signal\nid: 7\nretry: 1000\ndata: store {}\n\n",
    );
    let later = || Event::from(PatchSignals::raw("{}")).retry(Duration::from_millis(2500));
    ok(
        V021,
        later(),
        "event: datastar-merge-signals\nretry: 2500\ndata: signals {}\n\n",
    );
    ok(
        V1,
        later(),
        "event: datastar-patch-signals\nretry: 2500\ndata: signals {}\n\n",
    );
    ok(
        D2024,
        Event::from(PatchElements::new(DIV))
            .id("x-1")
            .retry(Duration::from_millis(1000)),
        "event: datastar-fragment\nid: x-1\nretry: 1000\ndata: fragment <div id=\"a\">1</div>\n\n",
    );
    // Timers treat longer delays as zero; the retry is capped.
    ok(
        V1,
        Event::from(PatchSignals::raw("{}")).retry(Duration::from_secs(60 * 60 * 24 * 365)),
        "event: datastar-patch-signals\nretry: 2147483647\ndata: signals {}\n\n",
    );
    for dialect in ALL {
        assert_eq!(
            encode(dialect, Event::from(Redirect::new("/x")).id("a\0b")),
            Err(EncodeError::Nul { field: "event id" })
        );
    }
}

#[test]
fn multi_line_fragments() {
    let html = "<ul>\n  <li>a</li>\r\n</ul>";
    ok(
        D2024,
        PatchElements::new(html),
        "event: datastar-fragment\ndata: fragment <ul>&#10;  <li>a</li>&#10;</ul>\n\n",
    );
    ok(
        V019,
        PatchElements::new(html),
        "event: datastar-fragment\ndata: vt false\ndata: fragment <ul>&#10;  <li>a</li>&#10;</ul>\n\n",
    );
    // 0.21.4 trims each line: the indentation travels as references.
    ok(
        V021,
        PatchElements::new(html),
        "event: datastar-merge-fragments\ndata: fragments <ul>\ndata: fragments &#32;&#32;<li>a</li>\ndata: fragments </ul>\n\n",
    );
    ok(
        V1,
        PatchElements::new(html),
        "event: datastar-patch-elements\ndata: elements <ul>\ndata: elements   <li>a</li>\ndata: elements </ul>\n\n",
    );
    // A line starting with a 0.19 key word stays inside the fragment line.
    let pre = "<pre id=\"p\">merge\nselector x\n\n</pre>";
    ok(
        V019,
        PatchElements::new(pre),
        "event: datastar-fragment\ndata: vt false\ndata: fragment <pre id=\"p\">merge&#10;selector x&#10;&#10;</pre>\n\n",
    );
    ok(
        V1,
        PatchElements::new(pre),
        "event: datastar-patch-elements\ndata: elements <pre id=\"p\">merge\ndata: elements selector x\ndata: elements \ndata: elements </pre>\n\n",
    );
    // Inside a tag a break is whitespace; in a script, a space (never run by 2024/0.19).
    ok(
        D2024,
        PatchElements::new("<div\nid=\"s\"><script>a()\nb()</script></div>"),
        "event: datastar-fragment\ndata: fragment <div id=\"s\"><script>a() b()</script></div>\n\n",
    );
}

#[test]
fn fragment_2024_starts_at_its_first_element() {
    ok(
        D2024,
        PatchElements::new("  <!-- c -->\n<p id=\"x\">y</p>"),
        "event: datastar-fragment\ndata: fragment <p id=\"x\">y</p>\n\n",
    );
    assert_eq!(
        encode(D2024, PatchElements::new("just text")),
        Err(EncodeError::Empty { field: "elements" })
    );
}

#[test]
fn remove_elements() {
    let remove = || RemoveElements::new("#t");
    ok(
        D2024,
        remove(),
        "event: datastar-fragment\ndata: selector #t\ndata: merge delete_element\ndata: fragment <div></div>\n\n",
    );
    ok(V019, remove(), "event: datastar-delete\ndata: selector #t\n\n");
    ok(
        V021,
        remove(),
        "event: datastar-remove-fragments\ndata: selector #t\n\n",
    );
    ok(
        V1,
        remove(),
        "event: datastar-patch-elements\ndata: selector #t\ndata: mode remove\n\n",
    );
    let slow = || {
        RemoveElements::by_id("t")
            .settle(Duration::from_millis(900))
            .view_transition(true)
    };
    ok(
        D2024,
        slow(),
        "event: datastar-fragment\ndata: selector #t\ndata: merge delete_element\ndata: settle 900\ndata: fragment <div></div>\n\n",
    );
    ok(V019, slow(), "event: datastar-delete\ndata: selector #t\n\n");
    ok(
        V021,
        slow(),
        "event: datastar-remove-fragments\ndata: selector #t\ndata: settleDuration 900\ndata: useViewTransition true\n\n",
    );
    ok(
        V1,
        slow(),
        "event: datastar-patch-elements\ndata: selector #t\ndata: mode remove\ndata: useViewTransition true\n\n",
    );
    for dialect in ALL {
        assert_eq!(
            encode(dialect, RemoveElements::new("")),
            Err(EncodeError::Empty { field: "selector" })
        );
    }
}

#[test]
fn patch_signals() {
    let json = "{\n  \"count\": 1\n}";
    ok(
        STORE,
        PatchSignals::raw(json),
        "event: datastar-fragment\ndata: selector #main\ndata: merge upsert_attributes\n\
         data: fragment <div data-store=\"{&#10;  &quot;count&quot;: 1&#10;}\"></div>\n\n",
    );
    ok(
        V019,
        PatchSignals::raw(json),
        "event: datastar-signal\ndata: store {   \"count\": 1 }\n\n",
    );
    ok(
        V021,
        PatchSignals::raw(json),
        "event: datastar-merge-signals\ndata: signals {\ndata: signals   \"count\": 1\ndata: signals }\n\n",
    );
    ok(
        V1,
        PatchSignals::raw(json),
        "event: datastar-patch-signals\ndata: signals {\ndata: signals   \"count\": 1\ndata: signals }\n\n",
    );
    let missing = || PatchSignals::raw("{\"a\":1}").only_if_missing(true);
    ok(
        V019,
        missing(),
        "event: datastar-signal\ndata: onlyIfMissing true\ndata: store {\"a\":1}\n\n",
    );
    ok(
        V021,
        missing(),
        "event: datastar-merge-signals\ndata: onlyIfMissing true\ndata: signals {\"a\":1}\n\n",
    );
    ok(
        V1,
        missing(),
        "event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {\"a\":1}\n\n",
    );
    unsupported(STORE, missing());
    // 2024 has no signals event: without a store element there is nowhere to put them.
    unsupported(D2024, PatchSignals::raw("{}"));
}

#[test]
fn remove_signals() {
    let remove = || RemoveSignals::new(["user.name", "draft"]);
    unsupported(STORE, remove());
    ok(
        V019,
        remove(),
        "event: datastar-delete\ndata: paths user.name draft\n\n",
    );
    ok(
        V021,
        remove(),
        "event: datastar-remove-signals\ndata: paths user.name\ndata: paths draft\n\n",
    );
    ok(
        V1,
        remove(),
        "event: datastar-patch-signals\ndata: signals {\"user\":{\"name\":null},\"draft\":null}\n\n",
    );
    // Removing a signal removes what is under it.
    ok(
        V1,
        RemoveSignals::new(["a", "a.b", "c.d", "c"]),
        "event: datastar-patch-signals\ndata: signals {\"a\":null,\"c\":null}\n\n",
    );
    unsupported(V019, RemoveSignals::new(["has space"]));
    unsupported(V021, RemoveSignals::new([" edge"]));
    for dialect in [V019, V021, V1] {
        assert_eq!(
            encode(dialect, RemoveSignals::new([""])),
            Err(EncodeError::Empty { field: "signal path" })
        );
    }
}

#[test]
fn execute_script() {
    let script = || ExecuteScript::new("a()\nb()");
    unsupported(STORE, script());
    unsupported(V019, script());
    ok(
        V021,
        script(),
        "event: datastar-execute-script\ndata: script a()\ndata: script b()\n\n",
    );
    ok(
        V1,
        script(),
        "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
         data: elements <script data-effect=\"el.remove()\">a()\ndata: elements b()</script>\n\n",
    );

    let kept = || {
        ExecuteScript::new("go()")
            .attribute("type", "text/javascript")
            .attribute("nonce", "a\"b")
            .attribute("async", "")
            .auto_remove(false)
    };
    ok(
        V021,
        kept(),
        "event: datastar-execute-script\ndata: autoRemove false\ndata: attributes type text/javascript\n\
         data: attributes nonce a\"b\ndata: attributes async async\ndata: script go()\n\n",
    );
    ok(
        V1,
        kept(),
        "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
         data: elements <script type=\"text/javascript\" nonce=\"a&quot;b\" async=\"\">go()</script>\n\n",
    );
    // `type module` is 0.21's default and is not repeated.
    ok(
        V021,
        ExecuteScript::new("m()").attribute("type", "module"),
        "event: datastar-execute-script\ndata: script m()\n\n",
    );
    // 0.21 throws on an empty script; `;` does the same nothing.
    ok(
        V021,
        ExecuteScript::new(" "),
        "event: datastar-execute-script\ndata: script ;\n\n",
    );
    unsupported(V021, ExecuteScript::new("x()").attribute("data-x", ""));
    unsupported(V021, ExecuteScript::new("x()").attribute("data-x", " padded"));
    // The script cannot end its element early.
    ok(
        V1,
        ExecuteScript::new("s = '</SCRIPT><!--'"),
        "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
         data: elements <script data-effect=\"el.remove()\">s = '<\\/SCRIPT><\\!--'</script>\n\n",
    );
    for dialect in [V021, V1] {
        assert_eq!(
            encode(dialect, ExecuteScript::new("x()").attribute("on click", "y")),
            Err(EncodeError::InvalidAttributeName {
                name: "on click".into()
            })
        );
        assert_eq!(
            encode(dialect, ExecuteScript::new("x()").attribute("1x", "y")),
            Err(EncodeError::InvalidAttributeName { name: "1x".into() })
        );
        line_break(
            dialect,
            ExecuteScript::new("x()").attribute("a\nb", "y"),
            "attribute name",
        );
    }
    line_break(
        V021,
        ExecuteScript::new("x()").attribute("a", "y\rz"),
        "attribute value",
    );
    // 1.0 carries the line break in the attribute as a reference.
    ok(
        V1,
        ExecuteScript::new("x()").attribute("data-v", "y\rz").auto_remove(false),
        "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
         data: elements <script data-v=\"y&#13;z\">x()</script>\n\n",
    );
}

#[test]
fn redirect() {
    ok(
        STORE,
        Redirect::new("/next?a=1"),
        "event: datastar-redirect\ndata: redirect /next?a=1\n\n",
    );
    ok(
        V019,
        Redirect::new("/next?a=1"),
        "event: datastar-redirect\ndata: url /next?a=1\n\n",
    );
    ok(
        V021,
        Redirect::new("/next?a=1"),
        "event: datastar-execute-script\ndata: script setTimeout(() => window.location.href = \"/next?a=1\")\n\n",
    );
    ok(
        V1,
        Redirect::new("/next?a=1"),
        "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
         data: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/next?a=1\")</script>\n\n",
    );
    unsupported(STORE, Redirect::new(""));
    ok(V019, Redirect::new(""), "event: datastar-redirect\ndata: url \n\n");
    for dialect in ALL {
        line_break(dialect, Redirect::new("/a\r\nevent: x"), "URL");
    }
}

#[test]
fn console() {
    let message = || ConsoleMessage::new(ConsoleLevel::Warn, "disk\nfull");
    unsupported(STORE, message());
    ok(
        V019,
        message(),
        "event: datastar-console\ndata: warn disk\ndata: full\n\n",
    );
    ok(
        V019,
        ConsoleMessage::new(ConsoleLevel::GroupEnd, ""),
        "event: datastar-console\ndata: groupEnd \n\n",
    );
    ok(
        V021,
        message(),
        "event: datastar-execute-script\ndata: script console.warn(\"disk\\nfull\")\n\n",
    );
    ok(
        V1,
        message(),
        "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
         data: elements <script data-effect=\"el.remove()\">console.warn(\"disk\\nfull\")</script>\n\n",
    );
}

#[test]
fn line_breaks_in_identifiers_are_refused_with_nothing_written() {
    for dialect in ALL {
        line_break(dialect, PatchElements::new(DIV).selector("#a\nevent: x"), "selector");
        line_break(dialect, PatchElements::new(DIV).selector("#a\r"), "selector");
        line_break(dialect, RemoveElements::new("#a\n"), "selector");
        line_break(dialect, Event::from(Redirect::new("/")).id("1\n\nevent: x"), "event id");
        line_break(dialect, Event::from(PatchElements::new(DIV)).id("\r"), "event id");
    }
    for dialect in [V019, V021, V1] {
        line_break(dialect, RemoveSignals::new(["a\nb"]), "signal path");
    }
}
