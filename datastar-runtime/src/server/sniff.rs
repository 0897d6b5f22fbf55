//! Which protocol a new connection speaks, told from its first bytes, and those bytes
//! handed back to the protocol's reader.
//!
//! An HTTP/2 client without TLS opens with a fixed preface; anything else is HTTP/1. The
//! bytes read to tell them apart are replayed in front of the socket, merged into the
//! reader's first read: a reader that got only those bytes first would find a partial
//! request head and read again, and hyper's HTTP/1 read buffer doubles to 16 KiB on that
//! second read, for the whole life of the connection.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, ReadBuf};

/// What an HTTP/2 client sends first (RFC 9113 §3.4).
const H2_PREFACE: &[u8; 24] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// The protocol a connection opened with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Protocol {
    Http1,
    Http2,
}

/// The first bytes of a connection, read to learn its protocol and not yet given to it.
pub(crate) struct Sniffed {
    protocol: Protocol,
    bytes: [u8; H2_PREFACE.len()],
    len: u8,
}

impl Sniffed {
    pub(crate) fn protocol(&self) -> Protocol {
        self.protocol
    }
}

/// Reads until the bytes stop matching the HTTP/2 preface or match all of it. A
/// connection closed before it sent anything counts as HTTP/1, whose reader then sees it
/// end.
pub(crate) async fn sniff<R: AsyncRead + Unpin>(io: &mut R) -> io::Result<Sniffed> {
    let mut bytes = [0u8; H2_PREFACE.len()];
    let mut len = 0;
    let protocol = loop {
        let read = io.read(&mut bytes[len..]).await?;
        let start = len;
        len += read;
        if read == 0 || bytes[start..len] != H2_PREFACE[start..len] {
            break Protocol::Http1;
        }
        if len == H2_PREFACE.len() {
            break Protocol::Http2;
        }
    };
    Ok(Sniffed {
        protocol,
        bytes,
        len: len as u8,
    })
}

/// An IO whose reads start with the sniffed bytes.
pub(crate) struct Replay<T> {
    io: T,
    bytes: [u8; H2_PREFACE.len()],
    start: u8,
    end: u8,
}

impl<T> Replay<T> {
    pub(crate) fn new(io: T, sniffed: &Sniffed) -> Self {
        Replay {
            io,
            bytes: sniffed.bytes,
            start: 0,
            end: sniffed.len,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Replay<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.start == this.end {
            return Pin::new(&mut this.io).poll_read(cx, buf);
        }
        let pending = &this.bytes[this.start as usize..this.end as usize];
        let take = pending.len().min(buf.remaining());
        buf.put_slice(&pending[..take]);
        this.start += take as u8;
        if this.start == this.end && buf.remaining() > 0 {
            // The rest of the request head, if it came with the sniffed bytes: one read
            // for the reader. What the socket says now (nothing yet, an error, its end) it
            // says again on the next read, after these bytes are taken.
            let _ = Pin::new(&mut this.io).poll_read(cx, buf);
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Replay<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    /// Sends `chunks` apart from each other, sniffs, and reads the rest through a replay.
    async fn sniffed_then_read(chunks: &[&'static [u8]]) -> (Protocol, Vec<Vec<u8>>) {
        let (mut client, mut server) = tokio::io::duplex(1024);
        let chunks = chunks.to_vec();
        let writer = tokio::spawn(async move {
            for chunk in chunks {
                client.write_all(chunk).await.expect("write");
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        });
        let sniffed = sniff(&mut server).await.expect("sniff");
        writer.await.expect("the writer");
        let mut replay = Replay::new(server, &sniffed);
        let mut reads = Vec::new();
        loop {
            let mut buf = [0u8; 256];
            let n = replay.read(&mut buf).await.expect("read");
            if n == 0 {
                break;
            }
            reads.push(buf[..n].to_vec());
        }
        (sniffed.protocol(), reads)
    }

    #[tokio::test]
    async fn an_http1_head_sent_at_once_is_read_in_one_read() {
        let head: &[u8] = b"GET /feed HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n";
        let (protocol, reads) = sniffed_then_read(&[head]).await;
        assert_eq!(protocol, Protocol::Http1);
        assert_eq!(reads, [head.to_vec()]);
    }

    #[tokio::test]
    async fn the_http2_preface_is_replayed_whole() {
        let (protocol, reads) = sniffed_then_read(&[&H2_PREFACE[..10], &H2_PREFACE[10..], b"frames"]).await;
        assert_eq!(protocol, Protocol::Http2);
        assert_eq!(reads.concat(), [&H2_PREFACE[..], b"frames"].concat());
    }

    #[tokio::test]
    async fn a_post_is_told_from_the_preface_by_its_second_byte() {
        let (protocol, reads) = sniffed_then_read(&[b"P", b"OST / HTTP/1.1\r\n\r\n"]).await;
        assert_eq!(protocol, Protocol::Http1);
        assert_eq!(reads.concat(), b"POST / HTTP/1.1\r\n\r\n");
    }

    #[tokio::test]
    async fn a_connection_closed_at_once_is_http1_with_nothing_to_read() {
        let (protocol, reads) = sniffed_then_read(&[]).await;
        assert_eq!(protocol, Protocol::Http1);
        assert!(reads.is_empty());
    }

    #[tokio::test]
    async fn a_small_read_buffer_gets_the_replay_in_pieces() {
        let (mut client, mut server) = tokio::io::duplex(64);
        client.write_all(b"GET / HTTP/1.1\r\n\r\n").await.expect("write");
        drop(client);
        let sniffed = sniff(&mut server).await.expect("sniff");
        let mut replay = Replay::new(server, &sniffed);
        let mut out = Vec::new();
        let mut buf = [0u8; 5];
        loop {
            let n = replay.read(&mut buf).await.expect("read");
            if n == 0 {
                break;
            }
            assert!(n <= 5);
            out.extend_from_slice(&buf[..n]);
        }
        assert_eq!(out, b"GET / HTTP/1.1\r\n\r\n");
    }
}
