//! An HTTP/2 stream whose reply cannot move is reset after a bound.
//!
//! HTTP/2 flow control can stall one stream while the socket flows: a client that reads
//! the connection but never grants a stream more window leaves hyper holding that
//! stream's next chunk, waiting for capacity, and not polling its body again. No socket
//! write waits, so [`WriteTimeout`](crate::server::stall::WriteTimeout) never sees it.
//! The bound is therefore kept per stream: once the body has handed hyper a chunk and
//! hyper has not asked for the next one for the limit, the stream's task ends, which
//! drops the stream and makes h2 reset it (`RST_STREAM`). A body waiting for its own next
//! event is not stalled: hyper asked, the body has nothing yet.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::{Instant, Sleep};

use crate::server::idle::Open;

tokio::task_local! {
    /// The progress of the HTTP/2 stream whose task is running, for the reply body.
    static STREAM: Arc<Progress>;
}

/// When hyper last got a chunk from the body without asking for the next one since.
#[derive(Default)]
pub(crate) struct Progress {
    owed_since: Mutex<Option<Instant>>,
}

impl Progress {
    fn set(&self, since: Option<Instant>) {
        *self.owed_since.lock().unwrap_or_else(PoisonError::into_inner) = since;
    }

    fn owed_since(&self) -> Option<Instant> {
        *self.owed_since.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs an HTTP/2 stream's task, ended once its body has waited for hyper past `limit`.
/// A zero limit runs it as it is.
pub(crate) fn watch<F: Future>(future: F, limit: Duration) -> impl Future<Output = ()> {
    let progress = Arc::new(Progress::default());
    STREAM.scope(
        Arc::clone(&progress),
        Watched {
            future,
            progress,
            limit,
            timer: None,
        },
    )
}

pin_project_lite::pin_project! {
    struct Watched<F> {
        #[pin]
        future: F,
        progress: Arc<Progress>,
        limit: Duration,
        timer: Option<Pin<Box<Sleep>>>,
    }
}

impl<F: Future> Future for Watched<F> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.project();
        if this.future.poll(cx).is_ready() {
            return Poll::Ready(());
        }
        // The body's state changes only inside the poll above, so checking after it is
        // enough; the timer wakes this task when the wait runs out.
        let Some(since) = this.progress.owed_since() else {
            return Poll::Pending;
        };
        if this.limit.is_zero() {
            return Poll::Pending;
        }
        let deadline = since + *this.limit;
        let timer = match this.timer {
            Some(timer) => {
                if timer.deadline() != deadline {
                    timer.as_mut().reset(deadline);
                }
                timer
            }
            None => this.timer.insert(Box::pin(tokio::time::sleep_until(deadline))),
        };
        ready!(timer.as_mut().poll(cx));
        tracing::debug!(limit = ?*this.limit, "an HTTP/2 stream's reply could not move for too long; resetting it");
        Poll::Ready(())
    }
}

pin_project_lite::pin_project! {
    /// A reply body: counts its request in flight until dropped and, on an HTTP/2
    /// stream, tells the stream's watch when hyper owes it a poll.
    pub(crate) struct Tracked<B> {
        #[pin]
        body: B,
        progress: Option<Arc<Progress>>,
        _open: Open,
    }
}

impl<B> Tracked<B> {
    /// Wraps the body of the request counted by `open`; hyper owes it a first poll.
    pub(crate) fn new(body: B, open: Open) -> Self {
        let progress = STREAM.try_with(Arc::clone).ok();
        if let Some(progress) = &progress {
            progress.set(Some(Instant::now()));
        }
        Tracked {
            body,
            progress,
            _open: open,
        }
    }
}

impl<B: Body<Data = Bytes>> Body for Tracked<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        let this = self.project();
        let poll = this.body.poll_frame(cx);
        if let Some(progress) = this.progress {
            let owed = matches!(poll, Poll::Ready(Some(Ok(_))));
            progress.set(owed.then(Instant::now));
        }
        poll
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::idle::Idle;
    use http_body_util::BodyExt;

    /// A body of two chunks, and a task that takes the first and then waits `pause`.
    async fn take_one_then_wait(pause: Duration, limit: Duration) {
        let idle = Idle::new();
        watch(
            async move {
                let chunks = ["a", "b"].map(|chunk| Ok::<_, std::convert::Infallible>(Frame::data(Bytes::from(chunk))));
                let body = http_body_util::StreamBody::new(futures_util::stream::iter(chunks));
                let mut body = std::pin::pin!(Tracked::new(body, idle.open()));
                let first = body.frame().await;
                assert!(first.is_some());
                tokio::time::sleep(pause).await;
                let _ = body.frame().await;
            },
            limit,
        )
        .await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_stream_that_takes_no_next_chunk_past_the_limit_ends() {
        let started = Instant::now();
        take_one_then_wait(Duration::from_secs(100), Duration::from_secs(5)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn a_stream_that_asks_in_time_runs_to_its_end() {
        let started = Instant::now();
        take_one_then_wait(Duration::from_secs(4), Duration::from_secs(5)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(4));
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_waiting_for_its_own_event_is_not_stalled() {
        let idle = Idle::new();
        let started = Instant::now();
        watch(
            async move {
                let (_sender, receiver) =
                    tokio::sync::mpsc::channel::<Result<Frame<Bytes>, std::convert::Infallible>>(1);
                let body = http_body_util::StreamBody::new(tokio_stream_like(receiver));
                let mut body = std::pin::pin!(Tracked::new(body, idle.open()));
                // Asked once, nothing to give: the body owes nothing, however long it takes.
                let waited = tokio::time::timeout(Duration::from_secs(3600), body.frame()).await;
                assert!(waited.is_err());
            },
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(started.elapsed(), Duration::from_secs(3600));
    }

    fn tokio_stream_like<T>(mut receiver: tokio::sync::mpsc::Receiver<T>) -> impl futures_core::Stream<Item = T> {
        futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx))
    }
}
