//! `--pubsub redis://…`: several demo instances (behind one load balancer, say) share the
//! Node pages' backend state and feed through Redis.
//!
//! - The backend state that `/put` stores and `/get` shows is a Redis key per page
//!   generation (`demo:node:backend`, `demo:v1-node:backend`), so a `/put` on one
//!   instance is what `/get` shows on every other.
//! - The feed is one broadcast (`demo:node-feed`) that every Node page of every instance
//!   subscribes to, so all of them show one stream of values. One instance at a time
//!   writes it: the holder of a lease (`demo:node-feed:leader`, a key with an expiry
//!   that its holder renews every period). When the leader stops, another instance
//!   takes over once the lease has expired (three periods, at least a second).
//! - While Redis cannot be reached, feeds stay open; the leader keeps leading and its
//!   own pages keep getting values, the others wait; Redis's return heals everything.

use std::sync::Arc;
use std::time::Duration;

use datastar_runtime::Broadcast;
use datastar_runtime::broadcast::Subscription;
use datastar_runtime::event::PatchElements;
use datastar_runtime::redis::{Redis, driver};
use maud::html;
use tokio::task::AbortHandle;

use crate::random;

/// Takes the lease if it is free, renews it if this instance holds it; 1 when this
/// instance leads. KEYS[1]: the lease. ARGV: this instance's token, the lease in ms.
const LEAD_SCRIPT: &str = r"
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
";

/// The Redis server the instances share.
#[derive(Clone, Debug)]
pub struct PubSub {
    redis: Redis,
}

impl PubSub {
    /// Redis at `url`; only the URL is checked here, the connection is made when needed.
    pub fn open(url: &str) -> Result<PubSub, String> {
        let redis = Redis::open(url).map_err(|error| error.to_string())?;
        Ok(PubSub {
            redis: redis.prefix("demo"),
        })
    }

    /// The backend state called `name`, shared by every instance.
    pub(crate) fn state(&self, name: &str) -> SharedState {
        SharedState {
            redis: self.redis.clone(),
            key: format!("demo:{name}:backend"),
        }
    }

    /// The feed called `name`: a random value every `period`, from whichever instance
    /// holds the lease, to every page of every instance.
    ///
    /// Runs a task until the routers holding the feed are dropped.
    pub(crate) fn feed(&self, name: &str, period: Duration) -> SharedFeed {
        let broadcast = self.redis.broadcast(name);
        let lead = tokio::spawn(lead(
            self.redis.clone(),
            format!("demo:{name}:leader"),
            broadcast.clone(),
            period,
        ));
        SharedFeed {
            broadcast,
            _leader: Arc::new(Leader(lead.abort_handle())),
        }
    }
}

/// A backend state kept in Redis as its JSON text.
#[derive(Clone)]
pub(crate) struct SharedState {
    redis: Redis,
    key: String,
}

impl SharedState {
    /// The JSON text, if anything was stored.
    pub(crate) async fn get(&self) -> Result<Option<String>, String> {
        self.redis
            .query(driver::cmd("GET").arg(&self.key))
            .await
            .map_err(|error| error.to_string())
    }

    /// Stores the JSON text.
    pub(crate) async fn set(&self, json: &str) -> Result<(), String> {
        self.redis
            .query(driver::cmd("SET").arg(&self.key).arg(json))
            .await
            .map_err(|error| error.to_string())
    }
}

/// The shared feed of the Node pages.
#[derive(Clone)]
pub(crate) struct SharedFeed {
    broadcast: Broadcast,
    _leader: Arc<Leader>,
}

impl SharedFeed {
    /// The feed for one page, starting with the latest value.
    pub(crate) fn subscribe(&self) -> Subscription {
        self.broadcast.subscribe()
    }
}

/// Ends the leader task with the last router that holds the feed.
struct Leader(AbortHandle);

impl Drop for Leader {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Every period: take or renew the lease, and publish a value while holding it.
async fn lead(redis: Redis, lease_key: String, feed: Broadcast, period: Duration) {
    let token = random::hex16();
    let lease = (period * 3).max(Duration::from_secs(1));
    let lease_ms = u64::try_from(lease.as_millis()).unwrap_or(u64::MAX);
    let mut leading = false;
    let mut timer = tokio::time::interval(period);
    timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        timer.tick().await;
        let mut command = driver::cmd("EVAL");
        command
            .arg(LEAD_SCRIPT)
            .arg(1)
            .arg(&lease_key)
            .arg(&token)
            .arg(lease_ms);
        // Without an answer the last one stands: a leader cut off from Redis keeps
        // feeding its own pages, and the others keep waiting.
        if let Ok(answer) = redis.query::<u8>(&command).await {
            leading = answer == 1;
        }
        if leading {
            feed.send(PatchElements::from(
                html! { span id=(crate::pages::FEED) { (random::hex16()) } },
            ));
        }
    }
}
