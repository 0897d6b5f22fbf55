//! Broadcasts shared by several server processes through Redis pub/sub: a state change
//! handled by one instance reaches the pages whose feeds are held by the others.
//!
//! (Over 500 lines on purpose: the publish script, the subscriber task and the reconnect
//! policy share one connection state, whose rules read best in one place.)
//!
//! ```no_run
//! use axum::{Router, extract::State, routing::get};
//! use datastar_runtime::Broadcast;
//! use datastar_runtime::broadcast::Subscription;
//! use datastar_runtime::redis::Redis;
//!
//! async fn feed(State(ticker): State<Broadcast>) -> Subscription {
//!     ticker.subscribe()
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // The same handler and the same `Broadcast` type as in one process: only this changes.
//! let redis = Redis::open("redis://127.0.0.1:6379")?;
//! let ticker = redis.broadcast("ticker");
//! let app: Router = Router::new().route("/feed", get(feed)).with_state(ticker);
//! # let _ = app;
//! # Ok(())
//! # }
//! ```
//!
//! # What travels through Redis
//!
//! The protocol-neutral events, as a small JSON document, once per message. Each instance
//! turns it back into one [`Message`], which every local subscriber shares and which is
//! encoded at most once per dialect there. Shipping encoded bytes instead would make the
//! publisher guess which dialects (and which 2024 store selectors) the other instances
//! serve and encode for all of them; the neutral form lets each instance serve whatever
//! its routers speak, and stays readable with `redis-cli SUBSCRIBE`.
//!
//! # One ordered stream, and the latest value for late joiners
//!
//! A message is published by a Lua script that, in one step, numbers it, keeps it as the
//! topic's latest value and publishes it, so every instance sees the messages in one
//! order. An instance that starts, or that reconnects after losing Redis, subscribes
//! first and then reads the kept value, and skips what it already had by its number: a
//! page never stays empty and never goes back to an older state.
//!
//! # What a message on the channel must prove
//!
//! Anyone allowed to `PUBLISH` to the topic's channel can put any text on it, so an
//! instance takes a channel message as it comes only when it reads whole (its events
//! decode) and its number is among the next 1,024 of the epoch it follows (a margin for
//! messages it cannot read, as from a newer version of the app). Anything else (a bigger
//! jump, another epoch, nothing taken yet, or a number it has passed while what it shows
//! came from the channel, not the hash) makes it read the topic's latest value from the hash, which only the publish script writes,
//! and take that instead, whatever its number. Those reads are made at most once every
//! 250 ms per topic and instance, and one is always made for messages refused in between,
//! so a flood of forged messages neither turns into a flood of commands nor hides a
//! genuine message for longer than that and one round trip. Refused messages are logged as one warning, with
//! their count and the last reason, at most every 10 s.
//!
//! What this does not stop: a well-formed forged message within the window reaches the
//! pages, until the next genuine message replaces it. Only Redis's access control
//! (`requirepass`, ACLs restricting who may publish and write the `<prefix>:*` keys)
//! keeps forgeries out entirely.
//!
//! # When Redis goes away
//!
//! Nothing fails and nothing is closed: open feeds stay open, and
//! [`Broadcast::send`] never blocks and never errs. While Redis cannot be reached:
//! - what this instance sends is delivered to its own pages at once, and the newest such
//!   message (a bound of one per topic: a broadcast carries state, so it supersedes the
//!   older ones) waits to be published;
//! - the connections are retried every 50 ms to 1 s. When Redis answers again, the
//!   waiting message is published and every instance reads the topic's latest value, so
//!   all pages converge on one state without any client reconnecting.
//!
//! A Redis restarted without persistence has forgotten the latest value and the count;
//! each topic records a random epoch beside its count, so the instances notice the new
//! count and follow it.
//!
//! While Redis is up, an instance's own messages reach its pages through Redis too (a
//! loopback round trip), which is what keeps one order everywhere; so
//! [`Broadcast::latest`] shows a message only once it has come back. Each instance has one
//! publish in flight per topic: messages sent faster than Redis takes them are coalesced
//! to the newest, as a slow page skips to the newest (see the broadcast's lag policy).

use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use ::redis::aio::MultiplexedConnection;
use ::redis::{AsyncConnectionConfig, Client, Cmd, ErrorKind, FromRedisValue, RetryMethod};
use futures_util::StreamExt;
use futures_util::future::{BoxFuture, FutureExt, Shared as SharedFuture};
use tokio::sync::watch;
use tokio::task::AbortHandle;
use tokio::time::Instant;

use crate::broadcast::{Backend, Broadcast, Hub, Message};

mod seen;

use seen::{Seen, Step};

pub use ::redis as driver;
pub use ::redis::RedisError;

/// How long a connection attempt or a command may take before Redis counts as unreachable;
/// also the bound on a whole [`Redis::query`], waits for a connection included.
const TIMEOUT: Duration = Duration::from_secs(1);

/// How long a subscription may stay quiet before a ping checks that Redis is still there
/// (a vanished host closes nothing, so only a question finds it).
const PING_AFTER: Duration = Duration::from_secs(2);

/// The first and the longest wait between two attempts to reach Redis.
const RETRY_FIRST: Duration = Duration::from_millis(50);
const RETRY_MAX: Duration = Duration::from_secs(1);

/// Numbers the message, keeps it as the latest and publishes it, in one atomic step.
/// KEYS[1]: the topic's hash. ARGV: this instance's epoch proposal, the channel, the body.
const PUBLISH_SCRIPT: &str = r"
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local message = epoch .. ' ' .. seq .. ' ' .. ARGV[3]
redis.call('HSET', KEYS[1], 'last', message)
redis.call('PUBLISH', ARGV[2], message)
return seq
";

/// A Redis server that broadcasts travel through. Cheap to clone; the clones share one
/// multiplexed connection for commands (concurrent commands travel on it together, none
/// waits for another), and each broadcast holds one subscription connection.
///
/// Opening checks only the URL: the connections are made when first needed and made
/// again whenever they break, so an app can start before its Redis does.
#[derive(Clone)]
pub struct Redis {
    shared: Arc<Shared>,
}

struct Shared {
    client: Client,
    prefix: String,
    /// The command connection, made on first use and again after a failure. The lock is
    /// held only to look at it, never across a wait.
    connection: Mutex<Slot>,
}

/// The command connection and its generation, which tells a failed one from its successor.
#[derive(Default)]
struct Slot {
    generation: u64,
    state: State,
}

#[derive(Default)]
enum State {
    #[default]
    None,
    /// One attempt at a time, which every caller meanwhile shares: after a failure they
    /// all have its answer at once, rather than each trying again in turn.
    Connecting(SharedFuture<BoxFuture<'static, Result<MultiplexedConnection, RedisError>>>),
    Ready(MultiplexedConnection),
}

impl Redis {
    /// A Redis server at `url` (`redis://host:port/db`, with `user:password@` if needed).
    /// Keys and channels are named `datastar:<topic>` unless [`Redis::prefix`] says otherwise.
    pub fn open(url: &str) -> Result<Redis, RedisError> {
        Ok(Redis {
            shared: Arc::new(Shared {
                client: Client::open(url)?,
                prefix: "datastar".to_owned(),
                connection: Mutex::default(),
            }),
        })
    }

    /// Names this app's keys and channels `<prefix>:<topic>`, so several apps can share a
    /// Redis server. Set it before making broadcasts.
    pub fn prefix(self, prefix: impl Into<String>) -> Redis {
        let shared = &self.shared;
        Redis {
            shared: Arc::new(Shared {
                client: shared.client.clone(),
                prefix: prefix.into(),
                connection: Mutex::default(),
            }),
        }
    }

    /// A broadcast whose messages reach the subscribers of `topic` in every process using
    /// this Redis server.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, since the broadcast runs its connections as tasks.
    pub fn broadcast(&self, topic: &str) -> Broadcast {
        Broadcast::with_backend(|hub| self.backend(topic, hub))
    }

    /// The backend of [`Redis::broadcast`], for [`Broadcast::with_backend`].
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime.
    pub fn backend(&self, topic: &str, hub: Hub) -> RedisBackend {
        let topic = Topic {
            key: format!("{}:{topic}", self.shared.prefix),
            name: topic.to_owned(),
        };
        let (pending, waiting) = watch::channel(None);
        let publisher = tokio::spawn(publish(Arc::clone(&self.shared), topic.clone(), waiting, hub.clone()));
        let listener = tokio::spawn(listen(Arc::clone(&self.shared), topic, hub));
        RedisBackend {
            pending,
            tasks: [publisher.abort_handle(), listener.abort_handle()],
        }
    }

    /// Runs one of the app's own commands (built with the re-exported [`driver`]) on the
    /// shared connection, connecting or reconnecting as needed, within the same one-second
    /// limit as the broadcasts' own commands: that limit bounds the whole call, so while
    /// Redis does not answer every call fails after it ("Redis did not answer in time"),
    /// however many are made at once.
    ///
    /// ```no_run
    /// # async fn run(redis: datastar_runtime::redis::Redis) -> Result<(), datastar_runtime::redis::RedisError> {
    /// use datastar_runtime::redis::driver::cmd;
    /// redis.query::<()>(cmd("SET").arg("visits").arg(0)).await?;
    /// let visits: Option<u64> = redis.query(cmd("GET").arg("visits")).await?;
    /// # let _ = visits;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn query<T: FromRedisValue>(&self, command: &Cmd) -> Result<T, RedisError> {
        self.shared.run(command).await
    }
}

impl std::fmt::Debug for Redis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redis")
            .field("server", &self.shared.client.get_connection_info().addr())
            .field("prefix", &self.shared.prefix)
            .finish()
    }
}

impl Shared {
    fn slot(&self) -> std::sync::MutexGuard<'_, Slot> {
        self.connection.lock().unwrap_or_else(PoisonError::into_inner)
    }

    async fn connection(&self, deadline: Instant) -> Result<(u64, MultiplexedConnection), RedisError> {
        let (generation, attempt) = {
            let mut slot = self.slot();
            match &slot.state {
                State::Ready(connection) => return Ok((slot.generation, connection.clone())),
                State::Connecting(attempt) => (slot.generation, attempt.clone()),
                State::None => {
                    let client = self.client.clone();
                    let attempt = async move {
                        // No response timeout of the driver's: each call's own deadline bounds it.
                        let config = AsyncConnectionConfig::new()
                            .set_connection_timeout(Some(TIMEOUT))
                            .set_response_timeout(None);
                        within(client.get_multiplexed_async_connection_with_config(&config)).await
                    }
                    .boxed()
                    .shared();
                    slot.generation += 1;
                    slot.state = State::Connecting(attempt.clone());
                    (slot.generation, attempt)
                }
            }
        };
        // A caller out of time says nothing about the attempt, which goes on.
        let result = until(deadline, attempt.map(Ok)).await?;
        let mut slot = self.slot();
        if slot.generation == generation && matches!(slot.state, State::Connecting(_)) {
            slot.state = match &result {
                Ok(connection) => State::Ready(connection.clone()),
                Err(_) => State::None,
            };
        }
        result.map(|connection| (generation, connection))
    }

    /// Drops the connection of `generation` after it failed, unless it was replaced already.
    fn forget(&self, generation: u64) {
        let mut slot = self.slot();
        if slot.generation == generation && matches!(slot.state, State::Ready(_)) {
            slot.state = State::None;
        }
    }

    /// Runs `command` on the shared connection, all within [`TIMEOUT`]; a failure that is
    /// not the server refusing the command itself drops the connection, so the next call
    /// makes a new one. A connection kept from before may have died quietly (Redis
    /// restarted meanwhile), so its failure gets one more try on a new connection if
    /// time is left.
    async fn run<T: FromRedisValue>(&self, command: &Cmd) -> Result<T, RedisError> {
        let deadline = Instant::now() + TIMEOUT;
        let reused = matches!(self.slot().state, State::Ready(_));
        let mut tries = if reused { 2 } else { 1 };
        loop {
            let (generation, mut connection) = self.connection(deadline).await?;
            let result = until(deadline, command.query_async(&mut connection)).await;
            match &result {
                Err(error) if !refused(error) => {
                    self.forget(generation);
                    tries -= 1;
                    if tries > 0 && !timed_out(error) {
                        continue;
                    }
                }
                _ => {}
            }
            return result;
        }
    }
}

/// Whether the server answered and refused the command: trying again cannot help.
fn refused(error: &RedisError) -> bool {
    matches!(error.kind(), ErrorKind::Server(_) | ErrorKind::Extension)
        && matches!(error.retry_method(), RetryMethod::NoRetry)
}

/// A topic: its name for the log, and the name of its key (a hash holding the epoch, the
/// count and the latest message) and channel, which are the same string.
#[derive(Clone)]
struct Topic {
    name: String,
    key: String,
}

/// The [`Backend`] of a broadcast through Redis; see the [module documentation](self).
pub struct RedisBackend {
    /// The newest message not yet published: the bounded buffer of an outage.
    pending: watch::Sender<Option<Message>>,
    tasks: [AbortHandle; 2],
}

impl Backend for RedisBackend {
    fn publish(&self, message: Message, _local: &Hub) {
        self.pending.send_replace(Some(message));
    }
}

impl Drop for RedisBackend {
    fn drop(&mut self) {
        // The tasks hold the hub; ending them ends the subscriptions with the broadcast.
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl std::fmt::Debug for RedisBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisBackend").finish_non_exhaustive()
    }
}

/// Waits between attempts to reach Redis, longer after each failure.
struct Backoff(Duration);

impl Backoff {
    fn new() -> Self {
        Backoff(RETRY_FIRST)
    }

    async fn wait(&mut self) {
        tokio::time::sleep(self.0).await;
        self.0 = (self.0 * 2).min(RETRY_MAX);
    }
}

/// A random epoch, proposed with each message and kept by a topic that has none yet.
/// Fresh for every message: one proposed again after a restart would hide the restart.
fn new_epoch() -> String {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    format!("{:016x}", hasher.finish())
}

/// Publishes the newest pending message of `topic` until the broadcast is dropped.
async fn publish(shared: Arc<Shared>, topic: Topic, mut pending: watch::Receiver<Option<Message>>, hub: Hub) {
    let mut down = false;
    while pending.changed().await.is_ok() {
        let Some(mut message) = pending.borrow_and_update().clone() else {
            continue;
        };
        let mut shown_here = false;
        let mut backoff = Backoff::new();
        loop {
            if down && !shown_here {
                // Redis is known to be away: this instance's pages need not wait for it.
                hub.deliver(message.clone());
                shown_here = true;
            }
            let body = crate::event::codec::encode(message.events());
            let mut command = ::redis::cmd("EVAL");
            command
                .arg(PUBLISH_SCRIPT)
                .arg(1)
                .arg(&topic.key)
                .arg(new_epoch())
                .arg(&topic.key)
                .arg(body);
            let result = shared.run::<u64>(&command).await;
            match result {
                Ok(_) => {
                    if down {
                        tracing::info!(topic = %topic.name, "Redis reachable again; the waiting message is published");
                        down = false;
                    }
                    break;
                }
                Err(error) if refused(&error) => {
                    tracing::error!(topic = %topic.name, %error, "Redis refused a broadcast message; it was dropped");
                    break;
                }
                Err(error) => {
                    if !down {
                        tracing::warn!(
                            topic = %topic.name, %error,
                            "Redis unreachable: delivering to this instance only, publishing the newest message when it returns"
                        );
                        down = true;
                    }
                    if !shown_here {
                        hub.deliver(message.clone());
                        shown_here = true;
                    }
                    tokio::select! {
                        () = backoff.wait() => {}
                        changed = pending.changed() => {
                            if changed.is_err() {
                                return;
                            }
                            if let Some(newer) = pending.borrow_and_update().clone() {
                                message = newer;
                                shown_here = false;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Delivers the messages of `topic` to `hub` until the broadcast is dropped, reconnecting
/// whenever the subscription breaks.
async fn listen(shared: Arc<Shared>, topic: Topic, hub: Hub) {
    let mut seen = Seen::new();
    let mut backoff = Backoff::new();
    let mut down = false;
    loop {
        let Err(error) = subscribe(&shared, &topic, &hub, &mut seen, &mut backoff, &mut down).await;
        if !down {
            tracing::warn!(topic = %topic.name, %error, "Redis subscription lost; open feeds stay open while it is retried");
            down = true;
        }
        backoff.wait().await;
    }
}

/// One subscription session: returns only when it breaks.
async fn subscribe(
    shared: &Shared,
    topic: &Topic,
    hub: &Hub,
    seen: &mut Seen,
    backoff: &mut Backoff,
    down: &mut bool,
) -> Result<std::convert::Infallible, RedisError> {
    let pubsub = within(shared.client.get_async_pubsub()).await?;
    let (mut sink, mut messages) = pubsub.split();
    within(sink.subscribe(&topic.key)).await?;
    // Read after subscribing, so nothing published in between is missed; the numbers
    // tell the overlap apart.
    read_latest(shared, topic, hub, seen).await?;
    if *down {
        tracing::info!(topic = %topic.name, "Redis subscription back");
        *down = false;
    }
    *backoff = Backoff::new();
    let mut quiet_since = Instant::now();
    loop {
        let now = Instant::now();
        if let Some((count, reason)) = seen.log_due(now) {
            tracing::warn!(
                topic = %topic.name, refused = count, last_reason = %reason,
                "messages on the topic's channel were refused (forged, corrupt, or from another version of the app)"
            );
        }
        if seen.check_due(now) {
            read_latest(shared, topic, hub, seen).await?;
        }
        let ping_at = quiet_since + PING_AFTER;
        let wake = seen.wake().map_or(ping_at, |at| at.min(ping_at));
        match tokio::time::timeout_at(wake, messages.next()).await {
            Ok(Some(message)) => {
                quiet_since = Instant::now();
                match seen.channel(message.get_payload_bytes(), quiet_since) {
                    Step::Deliver(message) => hub.deliver(message),
                    Step::Check => read_latest(shared, topic, hub, seen).await?,
                    Step::Nothing => {}
                }
            }
            Ok(None) => {
                return Err(RedisError::from(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "Redis closed the subscription",
                )));
            }
            Err(_) if Instant::now() >= ping_at => {
                within(sink.ping::<::redis::Value>()).await?;
                quiet_since = Instant::now();
            }
            // Woken for a check or a log line, handled at the top.
            Err(_) => {}
        }
    }
}

/// Reads the topic's latest value from its hash, which only the publish script writes,
/// and delivers it unless it is what this instance already shows. Waiting here holds up
/// the channel's messages, which queue meanwhile: a check answers for the moment it was
/// asked, before any message after it is judged.
async fn read_latest(shared: &Shared, topic: &Topic, hub: &Hub, seen: &mut Seen) -> Result<(), RedisError> {
    let latest: Option<Vec<u8>> = shared.run(::redis::cmd("HGET").arg(&topic.key).arg("last")).await?;
    if let Some(message) = seen.latest(latest.as_deref()) {
        hub.deliver(message);
    }
    Ok(())
}

/// Runs a Redis call that may otherwise wait forever on a vanished host.
async fn within<T>(call: impl Future<Output = Result<T, RedisError>>) -> Result<T, RedisError> {
    until(Instant::now() + TIMEOUT, call).await
}

/// Runs a Redis call that must be done by `deadline`.
async fn until<T>(deadline: Instant, call: impl Future<Output = Result<T, RedisError>>) -> Result<T, RedisError> {
    match tokio::time::timeout_at(deadline, call).await {
        Ok(result) => result,
        Err(_) => Err(RedisError::from(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "Redis did not answer in time",
        ))),
    }
}

/// Whether a call ran out of time, rather than failed.
fn timed_out(error: &RedisError) -> bool {
    error.is_timeout()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_checked_when_opened() {
        assert!(Redis::open("redis://127.0.0.1:6379").is_ok());
        assert!(Redis::open("http://127.0.0.1/").is_err());
        assert!(Redis::open("not a url").is_err());
    }
}
