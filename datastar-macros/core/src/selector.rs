//! A CSS selector-list check for the literal selectors of `#[fragment(selector = "…")]`, so a
//! typo fails the build instead of the client's `querySelector` in the browser.
//!
//! It follows the grammar of Selectors Level 4 (compound selectors, combinators, attribute
//! selectors, pseudo-classes with selector-list arguments) and accepts any argument of other
//! functional pseudo-classes when its brackets and quotes balance, so it does not reject a
//! selector a browser would take.

/// Why a selector is not a valid selector list.
#[derive(Debug, PartialEq, Eq)]
pub struct SelectorError {
    /// What is wrong, saying what to write.
    pub message: String,
    /// Where (a char index into the selector).
    pub at: usize,
}

/// Checks a selector list such as `#main > .item, [data-id="3"]:not(.hidden)`.
pub fn check(selector: &str) -> Result<(), SelectorError> {
    let mut cursor = Cursor {
        chars: selector.chars().collect(),
        pos: 0,
    };
    cursor.selector_list(false, None)
}

struct Cursor {
    chars: Vec<char>,
    pos: usize,
}

type Check = Result<(), SelectorError>;

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek2(&self) -> Option<char> {
        self.chars.get(self.pos + 1).copied()
    }

    fn bump(&mut self) {
        self.pos += 1;
    }

    fn error(&self, message: impl Into<String>) -> SelectorError {
        SelectorError {
            message: message.into(),
            at: self.pos,
        }
    }

    fn skip_whitespace(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.bump();
        }
        self.pos > start
    }

    /// Comma-separated complex selectors, up to the end or to `end`.
    fn selector_list(&mut self, relative: bool, end: Option<char>) -> Check {
        loop {
            self.skip_whitespace();
            self.complex(relative)?;
            self.skip_whitespace();
            match self.peek() {
                Some(',') => self.bump(),
                None if end.is_none() => return Ok(()),
                None => return Err(self.error("missing `)`")),
                Some(c) if Some(c) == end => return Ok(()),
                Some(c) => return Err(self.error(format!("unexpected `{c}`"))),
            }
        }
    }

    /// Compound selectors joined by combinators; a relative one (in `:has()`) may start with one.
    fn complex(&mut self, relative: bool) -> Check {
        if relative && matches!(self.peek(), Some('>' | '+' | '~')) {
            self.bump();
            self.skip_whitespace();
        }
        if !self.compound()? {
            return Err(match self.peek() {
                None => self.error("expected a selector"),
                Some(',') => self.error("expected a selector before `,` (an empty item in the list)"),
                Some(c @ ('>' | '+' | '~')) => self.error(format!("expected a selector before the combinator `{c}`")),
                Some(c) => self.error(format!("expected a selector, found `{c}`")),
            });
        }
        loop {
            let spaced = self.skip_whitespace();
            match self.peek() {
                Some(c @ ('>' | '+' | '~')) => {
                    self.bump();
                    self.skip_whitespace();
                    if !self.compound()? {
                        return Err(self.error(format!("expected a selector after the combinator `{c}`")));
                    }
                }
                None | Some(',' | ')') => return Ok(()),
                Some(_) if spaced => {
                    if !self.compound()? {
                        let c = self.peek().unwrap_or(' ');
                        return Err(self.error(format!("unexpected `{c}`")));
                    }
                }
                Some(c) => return Err(self.error(format!("unexpected `{c}`"))),
            }
        }
    }

    /// A type selector and/or subclass selectors; false when nothing was there.
    fn compound(&mut self) -> Result<bool, SelectorError> {
        let start = self.pos;
        self.type_selector()?;
        loop {
            match self.peek() {
                Some('#') => {
                    self.bump();
                    if !self.ident() {
                        return Err(self.error("`#` must be followed by an id that is a CSS identifier, like `#main`"));
                    }
                }
                Some('.') => {
                    self.bump();
                    if !self.ident() {
                        return Err(self.error("`.` must be followed by a class name, like `.item`"));
                    }
                }
                Some('[') => self.attribute()?,
                Some(':') => self.pseudo()?,
                _ => break,
            }
        }
        Ok(self.pos > start)
    }

    /// `div`, `*`, `svg|circle`, `*|*`, `|a`.
    fn type_selector(&mut self) -> Check {
        let named = if self.peek() == Some('*') {
            self.bump();
            true
        } else {
            self.ident()
        };
        if self.peek() == Some('|') && self.peek2() != Some('=') {
            self.bump();
            if self.peek() == Some('*') {
                self.bump();
            } else if !self.ident() {
                return Err(self.error("expected an element name after the namespace `|`"));
            }
        } else if !named {
            return Ok(());
        }
        Ok(())
    }

    /// `[name]`, `[name op value]`, `[name op value i]`.
    fn attribute(&mut self) -> Check {
        self.bump();
        self.skip_whitespace();
        let prefixed = if self.peek() == Some('*') && self.peek2() == Some('|') {
            self.bump();
            self.bump();
            true
        } else if self.peek() == Some('|') {
            self.bump();
            true
        } else {
            false
        };
        if !self.ident() {
            return Err(self.error("expected an attribute name after `[`, like `[data-id]`"));
        }
        if !prefixed && self.peek() == Some('|') && self.peek2() != Some('=') {
            self.bump();
            if !self.ident() {
                return Err(self.error("expected an attribute name after the namespace `|`"));
            }
        }
        self.skip_whitespace();
        match self.peek() {
            Some(']') => {
                self.bump();
                return Ok(());
            }
            Some('=') => self.bump(),
            Some('~' | '|' | '^' | '$' | '*') if self.peek2() == Some('=') => {
                self.bump();
                self.bump();
            }
            None => return Err(self.error("missing `]`")),
            Some(c) => {
                return Err(self.error(format!(
                    "unexpected `{c}` in an attribute selector; write `]`, or an operator (`=`, `~=`, `|=`, `^=`, `$=`, `*=`) and a value"
                )));
            }
        }
        self.skip_whitespace();
        match self.peek() {
            Some(quote @ ('"' | '\'')) => self.string(quote)?,
            _ => {
                if !self.ident() {
                    return Err(self.error("expected a value after the operator: a quoted string or a name"));
                }
            }
        }
        self.skip_whitespace();
        if matches!(self.peek(), Some('i' | 's' | 'I' | 'S')) && !self.peek2().is_some_and(is_name_char) {
            self.bump();
            self.skip_whitespace();
        }
        if self.peek() != Some(']') {
            return Err(match self.peek() {
                None => self.error("missing `]`"),
                Some(c) => self.error(format!("unexpected `{c}` in an attribute selector; expected `]`")),
            });
        }
        self.bump();
        Ok(())
    }

    /// `:hover`, `::before`, `:not(.a, .b)`, `:has(> img)`, `:nth-child(2n + 1)`.
    fn pseudo(&mut self) -> Check {
        self.bump();
        if self.peek() == Some(':') {
            self.bump();
        }
        let start = self.pos;
        if !self.ident() {
            return Err(self.error("expected a pseudo-class name after `:`, like `:first-child`"));
        }
        let name: String = self.chars[start..self.pos]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        if self.peek() != Some('(') {
            return Ok(());
        }
        self.bump();
        match name.as_str() {
            "not" | "is" | "where" | "matches" | "-webkit-any" | "-moz-any" => self.selector_list(false, Some(')'))?,
            "has" => self.selector_list(true, Some(')'))?,
            _ => self.balanced(&name)?,
        }
        self.bump();
        Ok(())
    }

    /// Any argument whose brackets and quotes balance, up to (not past) its `)`.
    fn balanced(&mut self, name: &str) -> Check {
        let open = self.pos;
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return Err(self.error(format!("missing `)` after `:{name}(`"))),
                Some(')') if depth == 0 => break,
                Some('(' | '[') => {
                    depth += 1;
                    self.bump();
                }
                Some(')' | ']') => {
                    depth = depth.saturating_sub(1);
                    self.bump();
                }
                Some(quote @ ('"' | '\'')) => self.string(quote)?,
                Some('\\') => {
                    self.bump();
                    self.bump();
                }
                Some(_) => self.bump(),
            }
        }
        if self.chars[open..self.pos].iter().all(|c| c.is_ascii_whitespace()) {
            return Err(self.error(format!("`:{name}()` needs an argument")));
        }
        Ok(())
    }

    /// A quoted string, escapes included.
    fn string(&mut self, quote: char) -> Check {
        self.bump();
        loop {
            match self.peek() {
                None => return Err(self.error(format!("missing closing `{quote}`"))),
                Some('\\') => {
                    self.bump();
                    self.bump();
                }
                Some(c) if c == quote => {
                    self.bump();
                    return Ok(());
                }
                Some(_) => self.bump(),
            }
        }
    }

    /// A CSS identifier (`main`, `-x`, `--var`, `\31 0`); false, consuming nothing, if none.
    fn ident(&mut self) -> bool {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.bump();
            if self.peek() == Some('-') {
                self.bump();
                self.name_chars();
                return true;
            }
        }
        match self.peek() {
            Some(c) if is_name_start(c) => self.bump(),
            Some('\\') if self.escape() => {}
            _ => {
                self.pos = start;
                return false;
            }
        }
        self.name_chars();
        true
    }

    fn name_chars(&mut self) {
        loop {
            match self.peek() {
                Some(c) if is_name_char(c) => self.bump(),
                Some('\\') if self.escape() => {}
                _ => return,
            }
        }
    }

    /// `\` and the escaped char (or up to six hex digits and one space); false if invalid.
    fn escape(&mut self) -> bool {
        match self.peek2() {
            None | Some('\n' | '\r' | '\x0c') => false,
            Some(c) if c.is_ascii_hexdigit() => {
                self.bump();
                let mut digits = 0;
                while digits < 6 && self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                    self.bump();
                    digits += 1;
                }
                if self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                    self.bump();
                }
                true
            }
            Some(_) => {
                self.bump();
                self.bump();
                true
            }
        }
    }
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-'
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_what_browsers_accept() {
        for ok in [
            "#main",
            "self",
            "body",
            "*",
            "#main > .item",
            "ul li:first-child",
            "a + b ~ c",
            "div, span, #x",
            "  #main  ",
            "[data-id]",
            "[data-id=\"3\"]",
            "[data-id='a b' i]",
            "a[href^=http]",
            "svg|circle",
            "*|*",
            "[*|lang]",
            "input:not(.a, .b)",
            "div:has(> img)",
            "li:nth-child(2n + 1 of .x)",
            "p::before",
            "a:hover::after",
            ":is(h1, h2) > span",
            ".\\31 0",
            "#über",
            "--custom",
            "#a\\:b",
            ":lang(en)",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_broken_selectors_with_a_position() {
        for (bad, at, words) in [
            ("", 0, "expected a selector"),
            ("#", 1, "`#` must be followed"),
            ("#1", 1, "`#` must be followed"),
            ("..x", 1, "`.` must be followed"),
            ("#main >", 7, "after the combinator `>`"),
            ("> #main", 0, "before the combinator `>`"),
            ("a,,b", 2, "before `,`"),
            ("a,", 2, "expected a selector"),
            ("div[", 4, "attribute name"),
            ("div[x", 5, "missing `]`"),
            ("[x=]", 3, "expected a value"),
            ("[x=\"a]", 6, "missing closing `\"`"),
            ("a:not(.b", 8, "missing `)`"),
            ("a:not()", 6, "expected a selector"),
            (":lang()", 6, "needs an argument"),
            ("a)", 1, "unexpected `)`"),
            ("a:", 2, "pseudo-class name"),
            ("#a!", 2, "unexpected `!`"),
        ] {
            let error = check(bad).expect_err(bad);
            assert_eq!(error.at, at, "{bad}: {error:?}");
            assert!(error.message.contains(words), "{bad}: {error:?}");
        }
    }
}
