//! A real server on a free local port, for tests that need TCP (several pages at once,
//! disconnects, shutdown).

use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::server::{Serve, Shutdown, serve};
use crate::test::client::Client;

/// `app` served by the runtime's [`serve`] on `127.0.0.1` and a free port, without
/// listening for OS signals; shut down when dropped.
///
/// ```
/// use axum::{Router, routing::get};
/// use datastar_runtime::test::TestServer;
/// use datastar_runtime::{Event, Reply};
/// use datastar_runtime::event::Redirect;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let app = Router::new().route("/go", get(|| async { Reply(Redirect::new("/next")) }));
/// let server = TestServer::start(app).await.unwrap();
/// let reply = server.client().get("/go").send().await.unwrap();
/// assert_eq!(reply.events(), [Event::from(Redirect::new("/next"))]);
/// server.stop().await.unwrap();
/// # });
/// ```
#[derive(Debug)]
pub struct TestServer {
    addr: SocketAddr,
    shutdown: Shutdown,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    /// Binds a free port and starts serving.
    pub async fn start(app: Router) -> std::io::Result<TestServer> {
        TestServer::start_with(app, |serve| serve).await
    }

    /// Binds a free port and starts serving with the settings `configure` gives the server
    /// (timeouts, limits, the grace period), as the app's own `serve` call would. Where it
    /// listens, its shutdown signal and OS signals are the test server's own.
    ///
    /// ```
    /// use std::time::Duration;
    /// use axum::{Router, routing::get};
    /// use datastar_runtime::test::TestServer;
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
    /// let app = Router::new().route("/ping", get(|| async { "pong" }));
    /// let server = TestServer::start_with(app, |serve| serve.max_connections(2).grace(Duration::from_millis(100)))
    ///     .await
    ///     .unwrap();
    /// assert_eq!(server.client().get("/ping").send().await.unwrap().text(), "pong");
    /// # });
    /// ```
    pub async fn start_with(
        app: Router,
        configure: impl FnOnce(Serve<Router>) -> Serve<Router>,
    ) -> std::io::Result<TestServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shutdown = Shutdown::new();
        let task = tokio::spawn(
            configure(serve(app))
                .listener(listener)
                .shutdown(shutdown.clone())
                .shutdown_on_signals(false)
                .into_future(),
        );
        Ok(TestServer {
            addr,
            shutdown,
            task: Some(task),
        })
    }

    /// The address served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A client of this server, as a Datastar 1.0 page.
    pub fn client(&self) -> Client {
        Client::tcp(self.addr)
    }

    /// The server's shutdown signal.
    pub fn shutdown(&self) -> &Shutdown {
        &self.shutdown
    }

    /// Shuts the server down and waits for it to return (its grace period at most, one
    /// second by default).
    pub async fn stop(mut self) -> std::io::Result<()> {
        self.shutdown.trigger();
        match self.task.take() {
            Some(task) => task.await.map_err(std::io::Error::other)?,
            None => Ok(()),
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shutdown.trigger();
    }
}
