//! The route path check: what axum 0.8 (through matchit 0.8) accepts, so a bad path fails
//! the build instead of panicking when the router is built.

/// Why a path would be rejected, and what to write instead.
#[derive(Debug, PartialEq, Eq)]
pub struct PathError {
    pub message: String,
}

fn error<T>(message: impl Into<String>) -> Result<T, PathError> {
    Err(PathError {
        message: message.into(),
    })
}

/// Checks a route path such as `/users/{id}` or `/files/{*rest}`, and names its captures
/// in order (`["id"]`, `["rest"]`).
pub fn check(path: &str) -> Result<Vec<String>, PathError> {
    if path.is_empty() {
        return error("empty route path; write \"/\" for the root");
    }
    if !path.starts_with('/') {
        return error(format!("a route path starts with `/`: write \"/{path}\""));
    }
    if path.split('/').any(|s| s.starts_with(':') || s.starts_with('*')) {
        return error(format!(
            "`:name` and `*name` are the old (axum 0.7) capture syntax; axum 0.8 writes captures in braces: \"{}\"",
            modernise(path)
        ));
    }
    let chars: Vec<char> = path.chars().collect();
    let mut names: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => i += 2,
            '}' if chars.get(i + 1) == Some(&'}') => i += 2,
            '}' => return error("unmatched `}`; write `}}` for a literal `}`"),
            '{' => {
                let Some(len) = chars[i + 1..].iter().position(|c| *c == '}') else {
                    return error("unclosed `{`; close the capture, like `{id}`, or write `{{` for a literal `{`");
                };
                let name: String = chars[i + 1..i + 1 + len].iter().collect();
                let end = i + 1 + len;
                let (catch_all, bare) = match name.strip_prefix('*') {
                    Some(rest) => (true, rest),
                    None => (false, name.as_str()),
                };
                if bare.is_empty() {
                    return error(if catch_all {
                        "name the catch-all capture, like `{*rest}`"
                    } else {
                        "empty capture `{}`; name it, like `{id}`"
                    });
                }
                if let Some(bad) = bare.chars().find(|c| matches!(c, '/' | '*' | '{')) {
                    return error(format!(
                        "`{bad}` cannot appear in a capture name (`{{{name}}}`); captures look like `{{id}}` or `{{*rest}}`"
                    ));
                }
                match chars.get(end + 1) {
                    None | Some('/') => {}
                    Some(_) => {
                        return error(format!(
                            "a capture must end its path segment: nothing may follow `{{{name}}}` before the next `/` (text before it is fine: `/file-{{{bare}}}`)"
                        ));
                    }
                }
                if catch_all && end + 1 != chars.len() {
                    return error(format!("the catch-all `{{{name}}}` must be the last part of the path"));
                }
                if names.iter().any(|n| n == bare) {
                    return error(format!(
                        "the capture `{bare}` appears twice; give each capture its own name"
                    ));
                }
                names.push(bare.to_owned());
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    Ok(names)
}

/// The path with `:name` segments as `{name}` and `*name` as `{*name}`.
fn modernise(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if let Some(name) = segment.strip_prefix(':') {
                format!("{{{name}}}")
            } else if let Some(name) = segment.strip_prefix('*') {
                format!("{{*{name}}}")
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_axum_08_paths() {
        for ok in [
            "/",
            "/get",
            "/users/{id}",
            "/users/{id}/posts/{post}",
            "/files/{*rest}",
            "/file-{name}",
            "/literal/{{braces}}",
            "/a//b",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn names_the_captures_in_order() {
        assert_eq!(
            check("/t/{team}/u/{user}"),
            Ok(vec!["team".to_owned(), "user".to_owned()])
        );
        assert_eq!(check("/files/{*rest}"), Ok(vec!["rest".to_owned()]));
        assert_eq!(check("/literal/{{braces}}"), Ok(vec![]));
    }

    #[test]
    fn rejects_what_axum_rejects_saying_what_to_write() {
        for (bad, words) in [
            ("", "write \"/\""),
            ("get", "write \"/get\""),
            ("/users/:id", "\"/users/{id}\""),
            ("/files/*rest", "\"/files/{*rest}\""),
            ("/users/{id", "unclosed `{`"),
            ("/users/id}", "unmatched `}`"),
            ("/users/{}", "empty capture"),
            ("/files/{*}", "name the catch-all"),
            ("/{a/b}", "`/` cannot appear"),
            ("/{id}.json", "must end its path segment"),
            ("/{*rest}/more", "must be the last part"),
            ("/{id}/{id}", "appears twice"),
        ] {
            let error = check(bad).expect_err(bad);
            assert!(error.message.contains(words), "{bad}: {}", error.message);
        }
    }
}
