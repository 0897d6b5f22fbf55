//! A connection whose client stops reading is closed after a bound, not kept forever.
//!
//! A client that never reads its feed fills the kernel's socket buffers; the server's
//! writes then wait, and hyper stops polling the body, so no timer inside the body can
//! fire. The bound therefore lives in the connection's IO: once a write has made no
//! progress for the limit, it fails, hyper closes the connection and drops the stream.
//! Until then the memory a stalled client holds is bounded by the socket buffers and
//! hyper's write buffer, since nothing more is produced for it.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// Wraps a connection's IO: a write, flush or shutdown that stays pending for longer than
/// `limit` fails with [`io::ErrorKind::TimedOut`].
pub(crate) struct WriteTimeout<T> {
    io: T,
    limit: Option<Duration>,
    /// Made on the first stall, reused afterwards; armed only while a write waits.
    timer: Option<Pin<Box<Sleep>>>,
    armed: bool,
}

impl<T> WriteTimeout<T> {
    /// `None` or a zero limit lets writes wait forever.
    pub(crate) fn new(io: T, limit: Option<Duration>) -> Self {
        WriteTimeout {
            io,
            limit: limit.filter(|limit| !limit.is_zero()),
            timer: None,
            armed: false,
        }
    }

    /// Passes a result through, timing the wait when it is pending. Only a finished write
    /// stops the clock: a flush with nothing buffered here says nothing about the client.
    fn watch<R>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<R>>, write: bool) -> Poll<io::Result<R>> {
        let Some(limit) = self.limit else { return poll };
        if poll.is_ready() {
            if write {
                self.armed = false;
            }
            return poll;
        }
        if !self.armed {
            let deadline = Instant::now() + limit;
            match &mut self.timer {
                Some(timer) => timer.as_mut().reset(deadline),
                None => self.timer = Some(Box::pin(tokio::time::sleep_until(deadline))),
            }
            self.armed = true;
        }
        let Some(timer) = self.timer.as_mut() else {
            return poll;
        };
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.armed = false;
                tracing::debug!(?limit, "the client read nothing for too long; closing its connection");
                Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("the client read nothing for {} ms", limit.as_millis()),
                )))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for WriteTimeout<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WriteTimeout<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write(cx, buf);
        self.watch(cx, poll, true)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.watch(cx, poll, true)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.io).poll_flush(cx);
        self.watch(cx, poll, false)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.io).poll_shutdown(cx);
        self.watch(cx, poll, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[tokio::test(start_paused = true)]
    async fn a_write_that_waits_past_the_limit_fails_and_one_that_progresses_does_not() {
        let (client, server) = tokio::io::duplex(64);
        let mut guarded = WriteTimeout::new(server, Some(Duration::from_secs(5)));
        // The pipe holds 64 bytes; nobody reads, so the next write waits, then fails.
        guarded.write_all(&[0; 64]).await.expect("fits");
        let started = Instant::now();
        let error = guarded.write_all(&[0; 1]).await.expect_err("a stalled write fails");
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        drop(client);

        // A reader that takes a byte every 4 seconds keeps each wait under the limit.
        let (mut client, server) = tokio::io::duplex(1);
        let mut guarded = WriteTimeout::new(server, Some(Duration::from_secs(5)));
        let reader = tokio::spawn(async move {
            let mut byte = [0u8; 1];
            for _ in 0..4 {
                tokio::time::sleep(Duration::from_secs(4)).await;
                tokio::io::AsyncReadExt::read_exact(&mut client, &mut byte)
                    .await
                    .expect("read");
            }
        });
        guarded
            .write_all(&[1; 4])
            .await
            .expect("a slow reader is not a stalled one");
        reader.await.expect("reader");
    }

    #[tokio::test(start_paused = true)]
    async fn a_flush_between_stalled_writes_does_not_restart_the_clock() {
        let (_client, server) = tokio::io::duplex(1);
        let mut guarded = WriteTimeout::new(server, Some(Duration::from_secs(5)));
        guarded.write_all(&[0]).await.expect("fits");
        let started = Instant::now();
        let first = std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut guarded).poll_write(cx, &[0]))).await;
        assert!(first.is_pending(), "the pipe is full");
        tokio::time::sleep(Duration::from_secs(3)).await;
        guarded.flush().await.expect("nothing is buffered here");
        let error = guarded.write_all(&[0]).await.expect_err("still stalled");
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn without_a_limit_a_write_waits() {
        let (_client, server) = tokio::io::duplex(1);
        let mut guarded = WriteTimeout::new(server, Some(Duration::ZERO));
        guarded.write_all(&[0; 1]).await.expect("fits");
        let waited = tokio::time::timeout(Duration::from_secs(3600), guarded.write_all(&[0; 1])).await;
        assert!(waited.is_err(), "still waiting after an hour");
    }
}
