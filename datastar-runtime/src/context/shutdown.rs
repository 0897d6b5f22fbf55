//! The shutdown signal a server shares with every connection and live stream it serves.
//!
//! Ten thousand feeds check it on every event they send, so checking must not take a lock:
//! the signal is one atomic flag, and a waiter registers with the [`Notify`] once and then
//! reads only the flag, until its task changes.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Waker};

use tokio::sync::Notify;
use tokio::task::futures::TaskLocalFuture;

/// The shutdown signal of a server, shared with the live streams it serves.
///
/// Clone it before serving to stop the server from code (tests, an admin endpoint, a
/// supervisor). [`serve`](crate::serve) makes it known to live replies itself; with another
/// server, add it as a layer so live streams end when it fires.
///
/// ```
/// use datastar_runtime::server::Shutdown;
/// let shutdown = Shutdown::new();
/// let handle = shutdown.clone();
/// handle.trigger();
/// assert!(shutdown.is_triggered());
/// ```
#[derive(Clone, Debug, Default)]
pub struct Shutdown {
    state: Arc<State>,
}

#[derive(Debug, Default)]
struct State {
    fired: AtomicBool,
    notify: Notify,
}

impl Shutdown {
    /// A signal that has not fired.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fires the signal: the server stops accepting and its live streams end.
    pub fn trigger(&self) {
        // The flag goes first: a waiter woken by the notification must find it set.
        self.state.fired.store(true, Ordering::Release);
        self.state.notify.notify_waiters();
    }

    /// Whether the signal has fired.
    pub fn is_triggered(&self) -> bool {
        self.state.fired.load(Ordering::Acquire)
    }

    /// Completes when the signal fires; usable as `axum::serve(..).with_graceful_shutdown(..)`.
    pub fn triggered(&self) -> impl Future<Output = ()> + Send + 'static {
        self.wait()
    }

    /// Completes when the signal fires, cheap to poll again and again.
    pub(crate) fn wait(&self) -> Wait {
        Wait {
            state: Arc::clone(&self.state),
            registered: None,
        }
    }

    /// Runs `future` with this signal known to the live replies it makes.
    pub(crate) fn scope<F: Future>(&self, future: F) -> TaskLocalFuture<Shutdown, F> {
        crate::context::scope(self.clone(), future)
    }
}

/// The registration a [`Wait`] keeps: the notification it waits for, and the task it wakes.
type Registered = (Pin<Box<dyn Future<Output = ()> + Send>>, Waker);

/// A wait for a [`Shutdown`]. The first poll registers with the signal's [`Notify`] (which
/// takes its lock); later polls from the same task only read the flag.
pub(crate) struct Wait {
    state: Arc<State>,
    registered: Option<Registered>,
}

impl Future for Wait {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.state.fired.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        if let Some((_, waker)) = &self.registered
            && waker.will_wake(cx.waker())
        {
            return Poll::Pending;
        }
        // First poll, or a poll from another task: (re)register, so the wake reaches it.
        let mut notified = match self.registered.take() {
            Some((notified, _)) => notified,
            None => {
                let state = Arc::clone(&self.state);
                Box::pin(async move {
                    let notified = state.notify.notified();
                    // `notify_waiters` reaches a `Notified` from its creation, so a signal
                    // that fires after this check is not missed.
                    if state.fired.load(Ordering::Acquire) {
                        return;
                    }
                    notified.await;
                })
            }
        };
        if notified.as_mut().poll(cx).is_ready() {
            return Poll::Ready(());
        }
        self.registered = Some((notified, cx.waker().clone()));
        Poll::Pending
    }
}

/// The service a [`Shutdown`] layer makes. With a server other than
/// [`serve`](crate::serve), the shutdown signal as a layer ends the live streams of the
/// wrapped routes when it fires:
///
/// ```
/// use axum::Router;
/// use datastar_runtime::server::Shutdown;
/// # async fn run() -> std::io::Result<()> {
/// let shutdown = Shutdown::new();
/// let app: Router = Router::new().layer(shutdown.clone());
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// axum::serve(listener, app).with_graceful_shutdown(shutdown.triggered()).await
/// # }
/// ```
pub type ShutdownService<S> = crate::context::ScopeService<S, Shutdown>;

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;
    use std::task::Wake;

    use super::*;

    struct Count(AtomicUsize);

    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn waker() -> (Arc<Count>, Waker) {
        let count = Arc::new(Count(AtomicUsize::new(0)));
        (Arc::clone(&count), Waker::from(count))
    }

    #[test]
    fn a_registered_wait_is_woken_and_completes() {
        let shutdown = Shutdown::new();
        let mut wait = Box::pin(shutdown.wait());
        let (count, waker) = waker();
        let mut cx = Context::from_waker(&waker);
        assert!(wait.as_mut().poll(&mut cx).is_pending());
        assert!(wait.as_mut().poll(&mut cx).is_pending());
        shutdown.trigger();
        assert_eq!(count.0.load(Ordering::SeqCst), 1);
        assert!(wait.as_mut().poll(&mut cx).is_ready());
    }

    #[test]
    fn a_wait_polled_from_another_task_wakes_that_task() {
        let shutdown = Shutdown::new();
        let mut wait = Box::pin(shutdown.wait());
        let (first, first_waker) = waker();
        let (second, second_waker) = waker();
        assert!(wait.as_mut().poll(&mut Context::from_waker(&first_waker)).is_pending());
        assert!(wait.as_mut().poll(&mut Context::from_waker(&second_waker)).is_pending());
        shutdown.trigger();
        assert_eq!(second.0.load(Ordering::SeqCst), 1);
        assert_eq!(first.0.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn a_wait_made_after_the_signal_is_ready_at_once() {
        let shutdown = Shutdown::new();
        shutdown.trigger();
        let (_, waker) = waker();
        assert!(
            Box::pin(shutdown.triggered())
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
        );
    }
}
