//! Serving an app, and shutting it down gracefully: on SIGINT, SIGTERM or a programmatic
//! [`Shutdown::trigger`], no new connections are accepted, one-shot replies finish, live
//! streams end after their current event, and the server returns within its grace period.

use std::convert::Infallible;
use std::future::{Future, IntoFuture};
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use bytes::Bytes;
use http::{Request, Response};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;

use crate::context::feeds::FeedLimit;
use crate::context::shutdown::{Shutdown, Wait};
use crate::extract::budget::BodyMemory;
use crate::server::cap::{Connections, Membership};
use crate::server::idle::Idle;
use crate::server::limits::Limits;
use crate::server::sniff::{Protocol, Replay, sniff};
use crate::server::stream_stall::Tracked;
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio::task::futures::TaskLocalFuture;
use tower_service::Service;
use tracing::Instrument;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Serves `app` over HTTP/1.1 and HTTP/2 until SIGINT, SIGTERM or its [`Shutdown`] fires.
///
/// The address is, in order: [`Serve::addr`] or [`Serve::listener`] if given; `0.0.0.0`
/// on the port in the `PORT` environment variable if set (what hosting platforms expect);
/// else `127.0.0.1:3000`. `app` is an axum `Router` (with any tower layers) or any tower
/// service of the same shape. Handlers can extract `ConnectInfo<SocketAddr>`.
///
/// ```no_run
/// use axum::{Router, routing::get};
/// use datastar_runtime::{Reply, serve};
/// use datastar_runtime::event::PatchElements;
/// #[tokio::main]
/// async fn main() -> std::io::Result<()> {
///     let app = Router::new().route("/hello", get(|| async { Reply(PatchElements::new("<p id=\"hi\">hi</p>")) }));
///     serve(app).await
/// }
/// ```
pub fn serve<S>(app: S) -> Serve<S> {
    Serve {
        app,
        bind: Bind::Default,
        shutdown: Shutdown::new(),
        grace: Serve::<S>::DEFAULT_GRACE,
        shutdown_on_signals: true,
        limits: Limits::default(),
    }
}

enum Bind {
    Default,
    Addr(SocketAddr),
    Listener(TcpListener),
}

/// A server being configured; `.await` it to run. See [`serve`].
///
/// ```no_run
/// use std::time::Duration;
/// use axum::Router;
/// use datastar_runtime::serve;
/// use datastar_runtime::server::Shutdown;
/// # async fn run() -> std::io::Result<()> {
/// let shutdown = Shutdown::new();
/// serve(Router::new())
///     .addr(([0, 0, 0, 0], 8080).into())
///     .shutdown(shutdown.clone())
///     .grace(Duration::from_millis(500))
///     .await
/// # }
/// ```
#[must_use = "a server does nothing until it is awaited"]
pub struct Serve<S> {
    app: S,
    bind: Bind,
    shutdown: Shutdown,
    grace: Duration,
    shutdown_on_signals: bool,
    pub(crate) limits: Limits,
}

impl<S> Serve<S> {
    /// How long connections get to finish after the signal: one second.
    pub const DEFAULT_GRACE: Duration = Duration::from_secs(1);

    /// Listens on `addr`.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.bind = Bind::Addr(addr);
        self
    }

    /// Serves connections from a listener already bound (port 0 in tests).
    pub fn listener(mut self, listener: TcpListener) -> Self {
        self.bind = Bind::Listener(listener);
        self
    }

    /// Shares this signal: trigger it to shut the server down.
    pub fn shutdown(mut self, shutdown: Shutdown) -> Self {
        self.shutdown = shutdown;
        self
    }

    /// How long connections may take to finish after the signal before they are closed.
    pub fn grace(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }

    /// Whether SIGINT and SIGTERM (Ctrl-C elsewhere) shut the server down; on by default.
    pub fn shutdown_on_signals(mut self, on: bool) -> Self {
        self.shutdown_on_signals = on;
        self
    }

    /// Whether SIGINT and SIGTERM shut the server down.
    #[deprecated(note = "renamed `shutdown_on_signals`: \"signals\" is the page's state everywhere else")]
    pub fn signals(self, on: bool) -> Self {
        self.shutdown_on_signals(on)
    }
}

impl<S, B> IntoFuture for Serve<S>
where
    S: Service<Request<Body>, Response = Response<B>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Output = io::Result<()>;
    type IntoFuture = Pin<Box<dyn Future<Output = io::Result<()>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(run(self))
    }
}

async fn run<S, B>(serve: Serve<S>) -> io::Result<()>
where
    S: Service<Request<Body>, Response = Response<B>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let Serve {
        app,
        bind,
        shutdown,
        grace,
        shutdown_on_signals,
        limits,
    } = serve;
    // Before binding: a signal that arrives once we listen must not kill the process.
    if shutdown_on_signals {
        watch_signals(shutdown.clone())?;
    }
    let listener = match bind {
        Bind::Listener(listener) => listener,
        Bind::Addr(addr) => TcpListener::bind(addr).await?,
        Bind::Default => TcpListener::bind(default_addr()?).await?,
    };
    tracing::info!(addr = %listener.local_addr()?, "listening");
    let mut connections_done = JoinSet::new();
    // One wait for the whole loop: a wait registers with the signal on its first poll.
    let mut stopped = shutdown.wait();
    let cap = limits.connection_cap();
    let connections = Connections::new(cap);
    let feeds = FeedLimit::new(limits.feed_cap(cap));
    let bodies = BodyMemory::server(limits.body_memory);
    tracing::debug!(?cap, feeds = feeds.max(), "limits");
    let mut warned_full = false;
    loop {
        if !connections.room() {
            if !warned_full {
                tracing::warn!(
                    max = cap,
                    "connection cap reached and no connection idle; new connections wait"
                );
                warned_full = true;
            }
            tokio::select! {
                biased;
                () = &mut stopped => break,
                Some(_) = connections_done.join_next(), if !connections_done.is_empty() => {}
                () = connections.changed() => {}
            }
            continue;
        }
        warned_full = false;
        tokio::select! {
            biased;
            () = &mut stopped => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let member = connections.join(Arc::new(Idle::new()));
                    let scope = Scope {
                        shutdown: shutdown.clone(),
                        feeds: feeds.clone(),
                        bodies: bodies.connection(limits.body_memory_per_connection),
                    };
                    // The future itself is the task, not awaited inside another: an awaited
                    // future is kept twice in the one that awaits it (its value and its
                    // running state), and ten thousand feeds hold ten thousand of these.
                    connections_done.spawn(connection(stream, peer, app.clone(), scope, limits, member));
                }
                Err(error) => accept_failed(error, &shutdown).await,
            },
            Some(_) = connections_done.join_next(), if !connections_done.is_empty() => {}
        }
    }
    drop(listener);
    tracing::info!(open = connections_done.len(), "shutting down");
    let deadline = tokio::time::sleep(grace);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            next = connections_done.join_next() => if next.is_none() { break },
            () = &mut deadline => {
                tracing::warn!(open = connections_done.len(), "grace period over; closing the remaining connections");
                connections_done.shutdown().await;
                break;
            }
        }
    }
    tracing::info!("stopped");
    Ok(())
}

fn default_addr() -> io::Result<SocketAddr> {
    addr_for_port(std::env::var("PORT").ok().as_deref())
}

fn addr_for_port(port: Option<&str>) -> io::Result<SocketAddr> {
    match port {
        Some(text) => match text.trim().parse::<u16>() {
            Ok(port) => Ok(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port))),
            Err(_) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("the PORT environment variable is `{text}`, not a port number"),
            )),
        },
        None => Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, 3000))),
    }
}

fn watch_signals(shutdown: Shutdown) -> io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        tokio::spawn(async move {
            tokio::select! {
                _ = interrupt.recv() => tracing::info!("SIGINT received"),
                _ = terminate.recv() => tracing::info!("SIGTERM received"),
                () = shutdown.wait() => return,
            }
            shutdown.trigger();
        });
    }
    #[cfg(not(unix))]
    tokio::spawn(async move {
        tokio::select! {
            result = tokio::signal::ctrl_c() => if result.is_ok() { shutdown.trigger() },
            () = shutdown.wait() => {}
        }
    });
    Ok(())
}

/// Per-connection errors (the peer reset before we accepted) cost nothing; others, such as
/// running out of file descriptors, last a while, so the loop pauses instead of spinning.
async fn accept_failed(error: io::Error, shutdown: &Shutdown) {
    use io::ErrorKind::*;
    if matches!(error.kind(), ConnectionAborted | ConnectionReset | ConnectionRefused) {
        return;
    }
    tracing::error!(%error, "accept failed; pausing for a second");
    tokio::select! {
        () = tokio::time::sleep(Duration::from_secs(1)) => {}
        () = shutdown.wait() => {}
    }
}

/// What a connection's requests see of their server: its shutdown signal and its limit on
/// live replies as settings, its body memory as a request extension.
#[derive(Clone)]
struct Scope {
    shutdown: Shutdown,
    feeds: FeedLimit,
    bodies: BodyMemory,
}

impl Scope {
    /// Runs `future` with the server's settings current. The scopes nest as they are, with
    /// no `async` block around them: one would keep the connection's future twice, its value
    /// and its running state, a few KiB for every open feed.
    fn run<F: Future>(&self, future: F) -> TaskLocalFuture<FeedLimit, TaskLocalFuture<Shutdown, F>> {
        crate::context::scope(self.feeds.clone(), self.shutdown.scope(future))
    }
}

/// Serves one connection; its place under the connection cap is freed at the end.
async fn connection<S, B>(stream: TcpStream, peer: SocketAddr, app: S, scope: Scope, limits: Limits, member: Membership)
where
    S: Service<Request<Body>, Response = Response<B>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    // Events are small writes that must leave at once.
    let _ = stream.set_nodelay(true);
    let span = tracing::debug_span!("connection", %peer);
    let idle = Arc::clone(member.idle());
    let requests = Arc::clone(&idle);
    let bodies = scope.bodies.clone();
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        // Counted from here, where hyper has the whole head, to the end of the reply.
        let open = requests.open();
        if request.version() <= http::Version::HTTP_11 {
            requests.http1();
        }
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(peer));
        request.extensions_mut().insert(bodies.clone());
        let span = tracing::debug_span!("request", method = %request.method(), path = request.uri().path());
        let mut app = app.clone();
        async move {
            if let Some(refused) = crate::server::head::refuse(&request) {
                tracing::debug!(status = %refused.status(), "refused: the request head");
                return Ok(refused.map(|body| Tracked::new(body, open)));
            }
            std::future::poll_fn(|cx| app.poll_ready(cx)).await?;
            let response = app.call(request).await?;
            Ok::<_, Infallible>(response.map(|body| Tracked::new(Body::new(body), open)))
        }
        .instrument(span)
    });
    let executor = StreamExecutor {
        scope: scope.clone(),
        write_timeout: limits.write_timeout,
    };
    let shutdown = scope.shutdown.clone();
    let serving = async move {
        // One wait and one idle clock for the connection's whole life, sniffing included.
        let mut stopped = shutdown.wait();
        let expired = async {
            tokio::select! {
                () = idle.expired(limits.head_timeout, limits.idle_timeout) => {}
                () = member.shed() => tracing::debug!("shed at the connection cap"),
            }
        };
        tokio::pin!(expired);
        let mut stream = stream;
        let sniffed = tokio::select! {
            sniffed = sniff(&mut stream) => sniffed,
            () = &mut stopped => return,
            () = &mut expired => {
                tracing::debug!("no request in flight for too long; closing the connection");
                return;
            }
        };
        let sniffed = match sniffed {
            Ok(sniffed) => sniffed,
            Err(error) => {
                tracing::debug!(%error, "connection ended before its first request");
                return;
            }
        };
        let io = TokioIo::new(Replay::new(
            crate::server::stall::WriteTimeout::new(stream, Some(limits.write_timeout)),
            &sniffed,
        ));
        let result = match sniffed.protocol() {
            Protocol::Http1 => {
                let mut builder = hyper::server::conn::http1::Builder::new();
                limits.configure_http1(&mut builder);
                let connection = builder.serve_connection(io, service).with_upgrades();
                tokio::pin!(connection);
                drive(connection, &mut stopped, expired.as_mut()).await
            }
            // Boxed, so that an HTTP/1 connection, the common one, does not carry HTTP/2's
            // state.
            Protocol::Http2 => {
                let mut builder = hyper::server::conn::http2::Builder::new(executor);
                limits.configure_http2(&mut builder);
                let mut connection = Box::pin(builder.serve_connection(io, service));
                drive(connection.as_mut(), &mut stopped, expired.as_mut()).await
            }
        };
        match result {
            Ok(()) => tracing::debug!("connection closed"),
            Err(error) => tracing::debug!(%error, "connection ended with an error"),
        }
    }
    .instrument(span);
    // Set once per connection rather than once per request: HTTP/1 handlers run inside this
    // future, HTTP/2 streams in tasks `StreamExecutor` scopes the same way.
    scope.run(serving).await
}

/// A connection of either protocol, as `drive` needs it.
trait Graceful: Future<Output = hyper::Result<()>> {
    fn graceful_shutdown(self: Pin<&mut Self>);
}

impl<I, S, B> Graceful for hyper::server::conn::http1::UpgradeableConnection<I, S>
where
    S: hyper::service::HttpService<Incoming, ResBody = B>,
    S::Error: Into<BoxError>,
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
    B: http_body::Body + 'static,
    B::Error: Into<BoxError>,
{
    fn graceful_shutdown(self: Pin<&mut Self>) {
        hyper::server::conn::http1::UpgradeableConnection::graceful_shutdown(self);
    }
}

impl<I, S, B, E> Graceful for hyper::server::conn::http2::Connection<I, S, E>
where
    S: hyper::service::HttpService<Incoming, ResBody = B>,
    S::Error: Into<BoxError>,
    I: hyper::rt::Read + hyper::rt::Write + Unpin,
    B: http_body::Body + 'static,
    B::Error: Into<BoxError>,
    E: hyper::rt::bounds::Http2ServerConnExec<S::Future, B>,
{
    fn graceful_shutdown(self: Pin<&mut Self>) {
        hyper::server::conn::http2::Connection::graceful_shutdown(self);
    }
}

/// Runs a connection until it ends, the server shuts down (gracefully: replies in flight
/// finish) or it has had no request in flight for too long.
/// The connection is pinned by the caller: taken by value, it would be kept twice.
async fn drive<C: Graceful>(
    mut connection: Pin<&mut C>,
    stopped: &mut Wait,
    expired: Pin<&mut impl Future<Output = ()>>,
) -> hyper::Result<()> {
    tokio::select! {
        result = connection.as_mut() => result,
        () = stopped => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
        () = expired => {
            tracing::debug!("no request in flight for too long; closing the connection");
            // Nothing is in flight: a GOAWAY or a close is all that is left to send,
            // and a client that does not read it does not hold the socket longer.
            connection.as_mut().graceful_shutdown();
            match tokio::time::timeout(CLOSE_IDLE_WITHIN, connection).await {
                Ok(result) => result,
                Err(_) => Ok(()),
            }
        }
    }
}

/// How long an idle connection's goodbye may take before the socket is dropped.
const CLOSE_IDLE_WITHIN: Duration = Duration::from_secs(1);

/// Spawns hyper's HTTP/2 stream tasks with the server's shutdown signal in scope, each
/// reset once its reply has waited past the write timeout.
#[derive(Clone)]
struct StreamExecutor {
    scope: Scope,
    write_timeout: Duration,
}

impl<F> hyper::rt::Executor<F> for StreamExecutor
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    fn execute(&self, future: F) {
        tokio::spawn(
            self.scope
                .run(crate::server::stream_stall::watch(future, self.write_timeout)),
        );
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_variable_chooses_the_port_on_every_interface() {
        assert_eq!(addr_for_port(None).unwrap(), "127.0.0.1:3000".parse().unwrap());
        assert_eq!(addr_for_port(Some("8080")).unwrap(), "0.0.0.0:8080".parse().unwrap());
        let error = addr_for_port(Some("80a")).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            error.to_string(),
            "the PORT environment variable is `80a`, not a port number"
        );
    }
}
