//! The demo binary serves each page's Datastar client from its own origin when the client
//! cache holds it, says so at start-up, and falls back to the pinned CDN URL otherwise.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Command};
use std::time::Duration;

use crate::binary::{self, Running};

/// A client cache folder of the test's own, removed when dropped.
struct Cache(PathBuf);

impl Cache {
    fn new(name: &str) -> Cache {
        let dir = std::env::temp_dir().join(format!("demo-clients-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a cache folder");
        Cache(dir)
    }

    /// Puts `bytes` in the cache as the client of `version`.
    fn put(&self, version: &str, bytes: &[u8]) -> PathBuf {
        let file = self.0.join(format!("datastar-{version}.js"));
        std::fs::write(&file, bytes).expect("a cached client");
        file
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The demo with no flags but `extra`, its client cache at `cache`; its address and the
/// two start-up lines about the clients.
fn start(cache: &Path, extra: &[&str]) -> (Running, SocketAddr, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_demo"));
    command.args(extra).env("DATASTAR_CLIENTS_DIR", cache);
    let (child, addr, mut stdout) = binary::start(command);
    let demo = Running(child);
    // One line per client the pages load.
    let lines = read_lines(&mut stdout, demo::Config::default().clients().len());
    (demo, addr, lines)
}

fn read_lines(stdout: &mut BufReader<ChildStdout>, count: usize) -> String {
    let mut lines = String::new();
    for _ in 0..count {
        stdout.read_line(&mut lines).expect("a start-up line");
    }
    lines
}

/// One GET over a fresh TCP connection: the status line, the headers and the body.
fn get(addr: SocketAddr, path: &str) -> (String, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect to the demo");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut received = Vec::new();
    stream.read_to_end(&mut received).expect("read the reply");
    let split = received
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of headers in {:?}", String::from_utf8_lossy(&received)));
    let head = String::from_utf8_lossy(&received[..split]).into_owned();
    let (status, headers) = head.split_once("\r\n").unwrap_or((&head, ""));
    (
        status.to_owned(),
        headers.to_ascii_lowercase(),
        received[split + 4..].to_vec(),
    )
}

/// The `src` of the page's client script.
fn script_src(addr: SocketAddr, page: &str) -> String {
    let (status, _, body) = get(addr, page);
    assert_eq!(status, "HTTP/1.1 200 OK", "{page}");
    let body = String::from_utf8(body).expect("the page is UTF-8");
    let script = body
        .split("<script")
        .nth(1)
        .unwrap_or_else(|| panic!("no script in {page}: {body}"));
    let src = script.split("src=\"").nth(1).expect("a script src");
    src[..src.find('"').expect("the end of the src")].to_owned()
}

#[test]
fn with_the_clients_cached_every_page_loads_its_client_from_the_demo() {
    let cache = Cache::new("full");
    let seed_client = cache.put("0.19.9", b"// the cached 0.19.9 client\n");
    let v1_client = cache.put("1.0.2", b"// the cached 1.0.2 client, \xe2\x9c\x93\n");
    let v021_client = cache.put("0.21.4", b"// the cached 0.21.4 client\n");
    cache.put("1.0.1", b"// not what the demo pins\n");
    let (_demo, addr, lines) = start(&cache.0, &[]);

    assert!(
        lines.contains(&format!("/datastar.js serves {}", seed_client.display())),
        "{lines}"
    );
    assert!(
        lines.contains(&format!("/datastar-v1.js serves {}", v1_client.display())),
        "{lines}"
    );
    for (pages, route, file) in [
        (["/node/", "/python/"], "/datastar.js", &seed_client),
        (["/v1/node/", "/v1/python/"], "/datastar-v1.js", &v1_client),
        (["/v021/node/", "/v021/python/"], "/datastar-021.js", &v021_client),
    ] {
        for page in pages {
            assert_eq!(script_src(addr, page), route, "{page}");
        }
        let (status, headers, body) = get(addr, route);
        assert_eq!(status, "HTTP/1.1 200 OK", "{route}");
        assert!(headers.contains("content-type: text/javascript"), "{route}: {headers}");
        assert_eq!(body, std::fs::read(file).expect("the cached file"), "{route}");
    }
}

#[test]
fn without_a_cached_client_its_pages_load_the_pinned_cdn_url() {
    let cache = Cache::new("partial");
    let v1_client = cache.put("1.0.2", b"// the cached 1.0.2 client\n");
    let (_demo, addr, lines) = start(&cache.0, &[]);

    assert!(lines.contains(demo::CLIENT_019.cdn), "{lines}");
    assert!(lines.contains("scripts/fetch-clients.sh"), "{lines}");
    assert_eq!(script_src(addr, "/node/"), demo::CLIENT_019.cdn);
    assert_eq!(script_src(addr, "/v1/node/"), "/datastar-v1.js");
    assert_eq!(get(addr, "/datastar.js").0, "HTTP/1.1 404 Not Found");
    assert_eq!(
        get(addr, "/datastar-v1.js").2,
        std::fs::read(&v1_client).expect("the cached file")
    );
}

#[test]
fn a_client_given_on_the_command_line_wins_over_the_cache() {
    let cache = Cache::new("flag");
    cache.put("0.19.9", b"// the cached 0.19.9 client\n");
    let given = cache.0.join("mine.js");
    std::fs::write(&given, b"// my own build\n").expect("a client file");
    let (_demo, addr, lines) = start(&cache.0, &["--client-js", given.to_str().expect("a UTF-8 path")]);

    assert!(
        lines.contains(&format!("/datastar.js serves {}", given.display())),
        "{lines}"
    );
    assert_eq!(script_src(addr, "/python/"), "/datastar.js");
    assert_eq!(get(addr, "/datastar.js").2, b"// my own build\n");
    assert!(lines.contains(demo::CLIENT_V1.cdn), "{lines}");
    assert_eq!(script_src(addr, "/v1/python/"), demo::CLIENT_V1.cdn);
}
