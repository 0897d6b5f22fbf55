//! Just enough HTTP/1.1 for a feed: send a GET, read the head, and turn a chunked or
//! plain body into SSE events, each handed over complete with its blank line.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// An open feed: the connection and the decoding state of its body.
pub struct FeedConn {
    stream: TcpStream,
    raw: Vec<u8>,
    body: Vec<u8>,
    chunked: bool,
    /// Bytes left in the current chunk; `None` while a chunk-size line is awaited.
    chunk_left: Option<usize>,
    /// The CRLF that ends a chunk's data is still to be skipped.
    chunk_crlf: bool,
}

impl FeedConn {
    /// Connects, sends `GET path`, and reads the response head; a status other than 200
    /// or a content type other than `text/event-stream` is an error.
    pub async fn open(addr: SocketAddr, path: &str) -> io::Result<FeedConn> {
        FeedConn::request(addr, path, "").await
    }

    /// A whole one-shot reply's body: asks the server to close after it, reads to the end.
    pub async fn get_body(addr: SocketAddr, path: &str) -> io::Result<Vec<u8>> {
        let mut conn = FeedConn::request(addr, path, "Connection: close\r\n").await?;
        while conn.fill().await? > 0 {}
        conn.decode()?;
        Ok(conn.body)
    }

    async fn request(addr: SocketAddr, path: &str, extra_headers: &str) -> io::Result<FeedConn> {
        let mut stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n{extra_headers}\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut conn = FeedConn {
            stream,
            raw: Vec::with_capacity(1024),
            body: Vec::new(),
            chunked: false,
            chunk_left: None,
            chunk_crlf: false,
        };
        let head_end = loop {
            if let Some(at) = memchr::memmem::find(&conn.raw, b"\r\n\r\n") {
                break at;
            }
            if conn.fill().await? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "closed before the response head",
                ));
            }
        };
        let head = String::from_utf8_lossy(&conn.raw[..head_end]).to_ascii_lowercase();
        if !head.starts_with("http/1.1 200") {
            let status = head.lines().next().unwrap_or("").to_owned();
            return Err(io::Error::other(format!("status {status}")));
        }
        if !head.contains("content-type: text/event-stream") {
            return Err(io::Error::other("not an event stream"));
        }
        conn.chunked = head.contains("transfer-encoding: chunked");
        conn.raw.drain(..head_end + 4);
        Ok(conn)
    }

    async fn fill(&mut self) -> io::Result<usize> {
        self.raw.reserve(2048);
        self.stream.read_buf(&mut self.raw).await
    }

    /// Waits for more of the body and calls `each` with every complete event it holds.
    /// Returns `false` when the server closed the stream.
    pub async fn read_events(&mut self, mut each: impl FnMut(&[u8])) -> io::Result<bool> {
        let open = self.fill().await? > 0;
        self.decode()?;
        let mut start = 0;
        while let Some(at) = memchr::memmem::find(&self.body[start..], b"\n\n") {
            each(&self.body[start..start + at + 2]);
            start += at + 2;
        }
        self.body.drain(..start);
        Ok(open)
    }

    /// Moves what has arrived of the body from `raw` to `body`, undoing chunking.
    fn decode(&mut self) -> io::Result<()> {
        if !self.chunked {
            self.body.extend_from_slice(&self.raw);
            self.raw.clear();
            return Ok(());
        }
        let mut at = 0;
        loop {
            if self.chunk_crlf {
                if self.raw.len() - at < 2 {
                    break;
                }
                at += 2;
                self.chunk_crlf = false;
            }
            match self.chunk_left {
                None => {
                    let Some(end) = memchr::memmem::find(&self.raw[at..], b"\r\n") else {
                        break;
                    };
                    let line = std::str::from_utf8(&self.raw[at..at + end]).map_err(io::Error::other)?;
                    let size = line.split(';').next().unwrap_or("").trim();
                    let size = usize::from_str_radix(size, 16).map_err(io::Error::other)?;
                    at += end + 2;
                    self.chunk_left = Some(size);
                    if size == 0 {
                        break;
                    }
                }
                Some(left) => {
                    let take = left.min(self.raw.len() - at);
                    if take == 0 {
                        break;
                    }
                    self.body.extend_from_slice(&self.raw[at..at + take]);
                    at += take;
                    if take == left {
                        self.chunk_left = None;
                        self.chunk_crlf = true;
                    } else {
                        self.chunk_left = Some(left - take);
                    }
                }
            }
        }
        self.raw.drain(..at);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// A one-connection server that writes `head` and then `parts`, flushing each apart.
    async fn serve_once(head: &'static str, parts: Vec<&'static [u8]>) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = vec![0; 1024];
            let _ = socket.read(&mut request).await.unwrap();
            socket.write_all(head.as_bytes()).await.unwrap();
            for part in parts {
                socket.write_all(part).await.unwrap();
                socket.flush().await.unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        });
        addr
    }

    #[tokio::test]
    async fn chunks_split_anywhere_give_whole_events() {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
        // Two events over three chunks, with chunk boundaries and reads cut mid-line.
        let parts: Vec<&'static [u8]> = vec![
            b"10\r\nevent: a\ndata:",
            b" 1\r\n7\r\n\n\neven",
            b"t\r\nd\r\n: b\ndata: 2\n\n\r\n0\r\n\r\n",
        ];
        let addr = serve_once(head, parts).await;
        let mut conn = FeedConn::open(addr, "/feed").await.unwrap();
        let mut events = Vec::new();
        while conn
            .read_events(|event| events.push(String::from_utf8_lossy(event).into_owned()))
            .await
            .unwrap()
        {}
        assert_eq!(events, ["event: a\ndata: 1\n\n", "event: b\ndata: 2\n\n"]);
    }

    #[tokio::test]
    async fn plain_bodies_and_refusals() {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: 15\r\n\r\n";
        let addr = serve_once(head, vec![b"event: x\ndata:", b" y\n\n"]).await;
        assert_eq!(FeedConn::get_body(addr, "/x").await.unwrap(), b"event: x\ndata: y\n\n");
        let addr = serve_once("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n", vec![]).await;
        assert!(FeedConn::open(addr, "/x").await.is_err());
        let addr = serve_once("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n\r\n", vec![]).await;
        assert!(FeedConn::open(addr, "/x").await.is_err());
    }
}
