//! The command line: flags, and the `PORT`, `FEED_MS` and `PUBSUB_URL` variables they
//! override. A client not given by flag is taken from the client cache when it is there.

use std::path::PathBuf;
use std::time::Duration;

use demo_client_cache as client_cache;

use crate::{CLIENT_019, CLIENT_021, CLIENT_V1, Config, PubSub, SeedDialect};

/// What `--help` prints.
pub const USAGE: &str = "\
Serves the two seed backends (Node/Express, Python/Starlette) restated with the Datastar DSL.

Usage: demo [OPTIONS]

Options:
  --port N              port on 127.0.0.1 (default: $PORT, else 3000; 0 picks a free one)
  --feed-ms MS          milliseconds between feed values (default: $FEED_MS, else 1000)
  --dialect 2024|0.19   wire dialect of the seed pages /node/ and /python/ (default: 0.19)
  --client-js PATH      serve this 0.x client at /datastar.js and load it in the seed pages
                        (default: the cached 0.19.9, else the pinned CDN URL)
  --client-js-v1 PATH   serve this 1.0 client at /datastar-v1.js and load it in the 1.0 pages
                        (default: the cached 1.0.2, else the pinned CDN URL)
  --client-js-021 PATH  serve this 0.21 client at /datastar-021.js and load it in the 0.21 pages
                        (default: the cached 0.21.4, else the pinned CDN URL)
  --pubsub URL          share the Node pages' backend state and feed with every instance
                        started with the same Redis URL, e.g. redis://127.0.0.1:6379
                        (default: $PUBSUB_URL, else each instance keeps its own)
  -h, --help            print this help

Pages: / (links), /node/ and /python/ (seed pages), /v1/node/ and /v1/python/ (Datastar 1.0).
Client cache: scripts/fetch-clients.sh fills $DATASTAR_CLIENTS_DIR, else
$XDG_CACHE_HOME/datastar-dsl/clients, else ~/.cache/datastar-dsl/clients.
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Print [`USAGE`].
    Help,
    /// Serve on this port with this configuration.
    Serve {
        /// The port on 127.0.0.1.
        port: u16,
        /// How to serve.
        config: Config,
    },
}

/// Reads the flags (without the program name) and the environment through `env`.
///
/// ```
/// let command = demo::parse_args(["--dialect", "2024", "--port", "8080"].map(String::from), |_| None).unwrap();
/// let demo::Command::Serve { port, config } = command else { panic!() };
/// assert_eq!(port, 8080);
/// assert_eq!(config.dialect, demo::SeedDialect::Fragment2024);
/// ```
pub fn parse_args<I>(args: I, env: impl Fn(&str) -> Option<String>) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let mut port = match env("PORT") {
        Some(value) => number("PORT", &value)?,
        None => 3000,
    };
    let mut feed_ms = match env("FEED_MS") {
        Some(value) => number("FEED_MS", &value)?,
        None => 1000,
    };
    let mut config = Config::default();
    let mut pubsub = env("PUBSUB_URL")
        .filter(|url| !url.trim().is_empty())
        .map(|url| ("PUBSUB_URL", url));
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
            _ => (arg, None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" => port = number(&flag, &value()?)?,
            "--feed-ms" => feed_ms = number(&flag, &value()?)?,
            "--dialect" => {
                config.dialect = match value()?.as_str() {
                    "2024" => SeedDialect::Fragment2024,
                    "0.19" => SeedDialect::V019,
                    other => {
                        return Err(format!(
                            "--dialect {other}: the seed pages speak 2024 or 0.19 (the 1.0 pages are under /v1/)"
                        ));
                    }
                }
            }
            "--client-js" => config.client_js = Some(PathBuf::from(value()?)),
            "--client-js-v1" => config.client_js_v1 = Some(PathBuf::from(value()?)),
            "--client-js-021" => config.client_js_021 = Some(PathBuf::from(value()?)),
            "--pubsub" => pubsub = Some(("--pubsub", value()?)),
            other => return Err(format!("unknown option {other}; see --help")),
        }
    }
    if feed_ms == 0 {
        return Err("the feed period must be at least 1 ms".to_owned());
    }
    config.feed_period = Duration::from_millis(feed_ms);
    let cache = client_cache::dir(&env);
    config.client_js = config
        .client_js
        .or_else(|| client_cache::find(cache.as_ref(), CLIENT_019.version));
    config.client_js_v1 = config
        .client_js_v1
        .or_else(|| client_cache::find(cache.as_ref(), CLIENT_V1.version));
    config.client_js_021 = config
        .client_js_021
        .or_else(|| client_cache::find(cache.as_ref(), CLIENT_021.version));
    if let Some((name, url)) = pubsub {
        config.pubsub = Some(PubSub::open(&url).map_err(|error| format!("{name} {url}: {error}"))?);
    }
    Ok(Command::Serve { port, config })
}

fn number<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{name} must be a whole number in range, not {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Result<Command, String> {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        parse_args(args.iter().map(|a| a.to_string()), move |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    fn serve(args: &[&str], env: &[(&str, &str)]) -> (u16, Config) {
        match parse(args, env) {
            Ok(Command::Serve { port, config }) => (port, config),
            other => panic!("expected a configuration, got {other:?}"),
        }
    }

    #[test]
    fn defaults_are_the_seeds() {
        let (port, config) = serve(&[], &[]);
        assert_eq!(port, 3000);
        assert_eq!(config.feed_period, Duration::from_secs(1));
        assert_eq!(config.dialect, SeedDialect::V019);
        assert!(config.client_js.is_none() && config.client_js_v1.is_none());
        assert!(config.pubsub.is_none());
    }

    #[test]
    fn pubsub_from_the_flag_or_the_environment() {
        let (_, config) = serve(&["--pubsub", "redis://127.0.0.1:6379"], &[]);
        assert!(config.pubsub.is_some());
        let (_, config) = serve(&[], &[("PUBSUB_URL", "redis://127.0.0.1:6380")]);
        assert!(format!("{:?}", config.pubsub).contains("6380"));
        let (_, config) = serve(
            &["--pubsub=redis://127.0.0.1:6381"],
            &[("PUBSUB_URL", "redis://127.0.0.1:6380")],
        );
        assert!(format!("{:?}", config.pubsub).contains("6381"));
        let (_, config) = serve(&[], &[("PUBSUB_URL", "")]);
        assert!(config.pubsub.is_none());
    }

    #[test]
    fn flags_override_the_environment() {
        let (port, config) = serve(&[], &[("PORT", "4000"), ("FEED_MS", "250")]);
        assert_eq!((port, config.feed_period), (4000, Duration::from_millis(250)));
        let (port, config) = serve(
            &["--port", "5000", "--feed-ms=50"],
            &[("PORT", "4000"), ("FEED_MS", "250")],
        );
        assert_eq!((port, config.feed_period), (5000, Duration::from_millis(50)));
    }

    #[test]
    fn dialects_and_client_files() {
        let (_, config) = serve(
            &["--dialect=2024", "--client-js", "a.js", "--client-js-v1", "b.js"],
            &[],
        );
        assert_eq!(config.dialect, SeedDialect::Fragment2024);
        assert_eq!(config.client_js, Some(PathBuf::from("a.js")));
        assert_eq!(config.client_js_v1, Some(PathBuf::from("b.js")));
    }

    /// A client cache folder of its own holding these versions, removed when dropped.
    struct Cache(PathBuf);

    impl Cache {
        fn with(name: &str, versions: &[&str]) -> Cache {
            let dir = std::env::temp_dir().join(format!("demo-cli-cache-{name}-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            for version in versions {
                std::fs::write(dir.join(format!("datastar-{version}.js")), version).unwrap();
            }
            Cache(dir)
        }

        fn file(&self, version: &str) -> PathBuf {
            self.0.join(format!("datastar-{version}.js"))
        }
    }

    impl Drop for Cache {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn clients_come_from_the_cache_unless_given() {
        let cache = Cache::with("full", &["0.19.9", "1.0.1", "1.0.2"]);
        let dir = cache.0.to_str().unwrap();
        let (_, config) = serve(&[], &[("DATASTAR_CLIENTS_DIR", dir)]);
        assert_eq!(config.client_js, Some(cache.file("0.19.9")));
        assert_eq!(config.client_js_v1, Some(cache.file("1.0.2")));

        let (_, config) = serve(&["--client-js-v1", "b.js"], &[("DATASTAR_CLIENTS_DIR", dir)]);
        assert_eq!(config.client_js, Some(cache.file("0.19.9")));
        assert_eq!(config.client_js_v1, Some(PathBuf::from("b.js")));

        // The cache under $XDG_CACHE_HOME, and under $HOME when that is unset or empty.
        let base = cache.0.join("base");
        let nested = base.join("datastar-dsl/clients");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(nested.join("datastar-1.0.2.js"), "1.0.2").unwrap();
        let base = base.to_str().unwrap();
        let (_, config) = serve(&[], &[("XDG_CACHE_HOME", base), ("HOME", "/nonexistent")]);
        assert_eq!(config.client_js_v1, Some(nested.join("datastar-1.0.2.js")));
        assert_eq!(config.client_js, None);
        let home = cache.0.join("home");
        std::fs::create_dir_all(home.join(".cache")).unwrap();
        std::fs::rename(cache.0.join("base/datastar-dsl"), home.join(".cache/datastar-dsl")).unwrap();
        let (_, config) = serve(&[], &[("XDG_CACHE_HOME", ""), ("HOME", home.to_str().unwrap())]);
        assert_eq!(
            config.client_js_v1,
            Some(home.join(".cache/datastar-dsl/clients/datastar-1.0.2.js"))
        );
    }

    #[test]
    fn without_a_cached_client_the_pages_load_the_cdn() {
        let cache = Cache::with("empty", &["1.0.1"]);
        let (_, config) = serve(&[], &[("DATASTAR_CLIENTS_DIR", cache.0.to_str().unwrap())]);
        assert_eq!((config.client_js, config.client_js_v1), (None, None));
        let served = serve(&[], &[("DATASTAR_CLIENTS_DIR", cache.0.to_str().unwrap())])
            .1
            .clients_served();
        assert!(
            served.contains(CLIENT_019.cdn) && served.contains(CLIENT_V1.cdn),
            "{served}"
        );
    }

    #[test]
    fn help_wins() {
        assert!(matches!(parse(&["--port", "1", "--help"], &[]), Ok(Command::Help)));
        assert!(matches!(parse(&["-h"], &[]), Ok(Command::Help)));
    }

    #[test]
    fn bad_input_is_explained() {
        let error = |args: &[&str], env: &[(&str, &str)]| parse(args, env).unwrap_err();
        assert_eq!(error(&["--port"], &[]), "--port needs a value");
        assert!(error(&["--port", "70000"], &[]).contains("--port must be a whole number"));
        assert!(error(&[], &[("PORT", "x")]).contains("PORT must be a whole number"));
        assert!(error(&["--dialect", "1.0"], &[]).contains("2024 or 0.19"));
        assert!(error(&["--feed-ms", "0"], &[]).contains("at least 1 ms"));
        assert_eq!(error(&["--verbose"], &[]), "unknown option --verbose; see --help");
        assert!(error(&["--pubsub", "http://x/"], &[]).starts_with("--pubsub http://x/: "));
        assert_eq!(error(&["--pubsub"], &[]), "--pubsub needs a value");
        assert!(error(&[], &[("PUBSUB_URL", "x")]).starts_with("PUBSUB_URL x: "));
    }
}
