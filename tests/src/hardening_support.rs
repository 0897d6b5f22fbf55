//! What the connection-hardening tests share: HTTP/2 frames written and read by hand (a
//! client that never reads, or grants no window, cannot be made with a polite library),
//! and a server in a child process, for what must be measured or limited apart from the
//! test: its resident memory (`process`), its open-file limit.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use datastar_runtime::server::Serve;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Frame type DATA (RFC 9113 6.1).
pub const DATA: u8 = 0;
/// Frame type HEADERS.
pub const HEADERS: u8 = 1;
/// Frame type RST_STREAM.
pub const RST_STREAM: u8 = 3;
/// Frame type SETTINGS.
pub const SETTINGS: u8 = 4;
/// Frame type PING.
pub const PING: u8 = 6;
/// Frame type GOAWAY.
pub const GOAWAY: u8 = 7;
/// Frame type WINDOW_UPDATE.
pub const WINDOW_UPDATE: u8 = 8;
/// The ACK flag of SETTINGS and PING.
pub const ACK: u8 = 0x1;
/// The setting SETTINGS_INITIAL_WINDOW_SIZE.
pub const SETTINGS_INITIAL_WINDOW_SIZE: u16 = 4;
/// The largest flow-control window HTTP/2 allows.
pub const MAX_WINDOW: u32 = (1 << 31) - 1;
/// The client connection preface.
pub const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// One HTTP/2 frame.
pub fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let length = u32::try_from(payload.len()).expect("a small frame").to_be_bytes();
    let mut frame = vec![length[1], length[2], length[3], kind, flags];
    frame.extend_from_slice(&stream.to_be_bytes());
    frame.extend_from_slice(payload);
    frame
}

/// The client preface with `stream_window` as every stream's window and the
/// connection's window raised to `connection_window`.
pub fn preface(stream_window: u32, connection_window: u32) -> Vec<u8> {
    let mut bytes = PREFACE.to_vec();
    let mut settings = SETTINGS_INITIAL_WINDOW_SIZE.to_be_bytes().to_vec();
    settings.extend_from_slice(&stream_window.to_be_bytes());
    bytes.extend(frame(SETTINGS, 0, 0, &settings));
    if connection_window > 65_535 {
        bytes.extend(frame(WINDOW_UPDATE, 0, 0, &(connection_window - 65_535).to_be_bytes()));
    }
    bytes
}

/// A GET of `path` on `stream` (HEADERS with END_STREAM and END_HEADERS), its fields as
/// HPACK literals without indexing or Huffman coding.
pub fn get(stream: u32, path: &str) -> Vec<u8> {
    let mut block = Vec::new();
    for (name, value) in [
        (":method", "GET"),
        (":scheme", "http"),
        (":path", path),
        (":authority", "test"),
    ] {
        block.push(0);
        block.push(u8::try_from(name.len()).expect("short"));
        block.extend_from_slice(name.as_bytes());
        block.push(u8::try_from(value.len()).expect("short"));
        block.extend_from_slice(value.as_bytes());
    }
    frame(HEADERS, 0x5, stream, &block)
}

/// A frame as read.
#[derive(Debug)]
pub struct Frame {
    /// Its type.
    pub kind: u8,
    /// Its flags.
    pub flags: u8,
    /// Its stream id.
    pub stream: u32,
    /// Its payload.
    pub payload: Vec<u8>,
}

/// The next frame, or `None` once the server closed the connection.
pub async fn read_frame(stream: &mut TcpStream) -> Option<Frame> {
    let mut head = [0u8; 9];
    stream.read_exact(&mut head).await.ok()?;
    let length = u32::from_be_bytes([0, head[0], head[1], head[2]]) as usize;
    let mut payload = vec![0; length];
    stream.read_exact(&mut payload).await.ok()?;
    Some(Frame {
        kind: head[3],
        flags: head[4],
        stream: u32::from_be_bytes([head[5], head[6], head[7], head[8]]) & 0x7fff_ffff,
        payload,
    })
}

/// Connects and sends `bytes`.
pub async fn send(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(bytes).await.expect("write");
    stream
}

/// Set in the child process this module starts.
const CHILD: &str = "DATASTAR_HARDENING_CHILD";

/// A server in a child process: this test binary again, running only `test` (the test's
/// path in the binary, `module::test`), which finds itself the child through
/// [`serve_if_child`]. Killed when dropped.
pub struct ChildServer {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl ChildServer {
    /// Starts it, with its open-file limit lowered to `open_files` if given.
    pub fn start(test: &str, open_files: Option<u32>) -> ChildServer {
        let me = std::env::current_exe().expect("the test binary");
        let mut command = match open_files {
            Some(limit) => {
                let mut shell = Command::new("sh");
                shell
                    .arg("-c")
                    .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
                    .arg(me);
                shell
            }
            None => Command::new(me),
        };
        let mut child = command
            .args([test, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the child server starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let addr = loop {
            let line = lines.next().expect("the child printed its address").expect("a line");
            // libtest may have begun the line with the test's name.
            if let Some((_, addr)) = line.split_once("LISTENING ") {
                break addr.trim().parse().expect("an address");
            }
        };
        // Keep reading its output, so the child never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        ChildServer { child, addr }
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// In the child [`ChildServer::start`] made, serves `app` with `configure`'s settings
/// until killed, and returns true; in the test itself returns false at once.
pub async fn serve_if_child(
    app: axum::Router,
    configure: impl FnOnce(Serve<axum::Router>) -> Serve<axum::Router>,
) -> bool {
    if std::env::var_os(CHILD).is_none() {
        return false;
    }
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    println!("LISTENING {}", listener.local_addr().expect("addr"));
    let served = configure(
        datastar_runtime::serve(app)
            .listener(listener)
            .shutdown_on_signals(false),
    )
    .await;
    served.expect("the child server runs");
    true
}
