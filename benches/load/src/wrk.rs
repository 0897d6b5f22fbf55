//! Runs `wrk` against one URL for a bounded time and reads its summary.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What one `wrk` run reported.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Outcome {
    /// Completed requests per second.
    pub requests_per_s: f64,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th-percentile latency, ms.
    pub p99_ms: f64,
    /// Requests completed.
    pub requests: u64,
    /// Connect, read, write and timeout errors.
    pub socket_errors: u64,
    /// Responses with a status other than 2xx or 3xx.
    pub non_2xx: u64,
}

/// Parses wrk's `--latency` summary.
pub fn parse(output: &str) -> Option<Outcome> {
    let mut outcome = Outcome::default();
    let mut seen_rate = false;
    for line in output.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", value] => outcome.p50_ms = duration_ms(value)?,
            ["99%", value] => outcome.p99_ms = duration_ms(value)?,
            ["Requests/sec:", value] => {
                outcome.requests_per_s = value.parse().ok()?;
                seen_rate = true;
            }
            [count, "requests", "in", ..] => outcome.requests = count.parse().ok()?,
            ["Non-2xx", "or", "3xx", "responses:", count] => outcome.non_2xx = count.parse().ok()?,
            ["Socket", "errors:", rest @ ..] => {
                outcome.socket_errors = rest
                    .iter()
                    .filter_map(|word| word.trim_end_matches(',').parse::<u64>().ok())
                    .sum();
            }
            _ => {}
        }
    }
    seen_rate.then_some(outcome)
}

/// `301.00us`, `1.20ms`, `2.00s` or `1.00m` in milliseconds.
fn duration_ms(value: &str) -> Option<f64> {
    let split = value.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => return None,
    })
}

/// Runs `wrk` with `connections` for `duration` (one thread, pinned to `cpu` if given),
/// killed if it overruns by ten seconds.
pub async fn run(url: &str, connections: usize, duration: Duration, cpu: Option<usize>) -> Result<Outcome, String> {
    let seconds = duration.as_secs().max(1).to_string();
    let connections = connections.to_string();
    let wrk_args = [
        "-t1",
        "-c",
        &connections,
        "-d",
        &seconds,
        "--latency",
        "--timeout",
        "2s",
        url,
    ];
    let mut command = match cpu {
        Some(cpu) => {
            let mut command = tokio::process::Command::new("taskset");
            command.arg("-c").arg(cpu.to_string()).arg("wrk");
            command
        }
        None => tokio::process::Command::new("wrk"),
    };
    command.args(wrk_args).kill_on_drop(true);
    let output = tokio::time::timeout(duration + Duration::from_secs(10), command.output())
        .await
        .map_err(|_| "wrk overran its time".to_owned())?
        .map_err(|e| format!("wrk could not run: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    parse(&stdout).ok_or_else(|| {
        format!(
            "unreadable wrk output: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Running 3s test @ http://127.0.0.1:4000/node/get
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   420.31us  120.02us   3.10ms   80.00%
    Req/Sec    90.12k     2.01k   95.00k    70.00%
  Latency Distribution
     50%  401.00us
     75%  470.00us
     90%  560.00us
     99%    1.25ms
  270360 requests in 3.00s, 80.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:  90118.43
Transfer/sec:     26.70MB
";

    #[test]
    fn reads_the_summary() {
        let outcome = parse(SAMPLE).unwrap();
        assert_eq!(
            outcome,
            Outcome {
                requests_per_s: 90118.43,
                p50_ms: 0.401,
                p99_ms: 1.25,
                requests: 270360,
                socket_errors: 3,
                non_2xx: 5,
            }
        );
        assert_eq!(parse("wrk: connection refused"), None);
        assert_eq!(duration_ms("2.00s"), Some(2000.0));
        assert_eq!(duration_ms("abc"), None);
    }
}
