//! Fetching through lychee-lib: one client and one tokio runtime per run, `concurrency`
//! requests in flight, each URL under a deadline so that no server can hold the run past its
//! timeout budget.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use http::StatusCode;
use lychee_lib::ratelimit::RateLimitConfig;
use lychee_lib::{Client, ClientBuilder, Response, Status};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::config::ExternalConfig;
use crate::progress::Progress;

/// The `User-Agent` diglot sends.
const USER_AGENT: &str = concat!("diglot/", env!("CARGO_PKG_VERSION"));

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered `status`, at `final_url` after redirects (the URL itself when it
    /// did not redirect).
    Answered { status: u16, final_url: String },
    /// No answer within the timeout, retries included.
    TimedOut,
    /// No HTTP answer: the connection was refused or reset, the answer was not HTTP, ...
    Failed(String),
    /// lychee does not check it (documentation domains such as example.com).
    Skipped,
}

/// The status codes taken as success: `accept`, or every 2xx when it is empty. Codes that are
/// no HTTP status are left out (the caller reports them).
pub fn accepted(config: &ExternalConfig) -> HashSet<u16> {
    if config.accept.is_empty() {
        (200..=299).collect()
    } else {
        config
            .accept
            .iter()
            .copied()
            .filter(|&code| is_status(code))
            .collect()
    }
}

/// True for a number HTTP can send as a status code.
pub fn is_status(code: u16) -> bool {
    (100..=599).contains(&code)
}

/// Fetches every URL of `urls` once; returns each with its outcome, in no particular order.
/// Errs when the HTTP client or the runtime cannot be made.
pub fn fetch_all(
    urls: Vec<String>,
    config: &ExternalConfig,
    progress: &dyn Progress,
) -> Result<Vec<(String, Outcome)>, String> {
    let client = client(config).map_err(|e| format!("cannot make the HTTP client: {e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))?;
    let done = runtime.block_on(run(
        Arc::new(client),
        urls,
        config.concurrency.max(1),
        deadline(config),
        progress,
    ));
    // Name lookups still blocking on a thread must not hold the run.
    runtime.shutdown_background();
    Ok(done)
}

/// The lychee client `config` describes.
fn client(config: &ExternalConfig) -> lychee_lib::Result<Client> {
    let accepted: HashSet<StatusCode> = accepted(config)
        .into_iter()
        .filter_map(|code| StatusCode::from_u16(code).ok())
        .collect();
    let request_interval = match config.host_rate_limit {
        0 => Duration::ZERO,
        per_second => Duration::from_secs(1) / per_second,
    };
    ClientBuilder::builder()
        .timeout(config.timeout)
        .max_retries(u64::from(config.retries))
        .retry_wait_time(config.retry_wait)
        .accepted(accepted)
        .schemes(HashSet::from(["http".to_string(), "https".to_string()]))
        .user_agent(USER_AGENT)
        .rate_limit_config(RateLimitConfig {
            concurrency: config.concurrency.max(1),
            request_interval,
        })
        .build()
        .client()
}

/// The longest one URL may take: every attempt timing out, every wait between them, and one
/// more timeout for the queues of lychee's per-host limits.
fn deadline(config: &ExternalConfig) -> Duration {
    let attempts = config.retries.saturating_add(2);
    let waits = 2u32.saturating_pow(config.retries).saturating_sub(1);
    config
        .timeout
        .saturating_mul(attempts)
        .saturating_add(config.retry_wait.saturating_mul(waits))
}

async fn run(
    client: Arc<Client>,
    urls: Vec<String>,
    concurrency: usize,
    deadline: Duration,
    progress: &dyn Progress,
) -> Vec<(String, Outcome)> {
    progress.begin("external links", urls.len() as u64);
    let slots = Arc::new(Semaphore::new(concurrency));
    let mut tasks = JoinSet::new();
    let mut url_of = HashMap::new();
    for url in urls {
        let (client, slots) = (client.clone(), slots.clone());
        let task = url.clone();
        let handle = tasks.spawn(async move {
            let _slot = slots.acquire_owned().await;
            match tokio::time::timeout(deadline, client.check(task.as_str())).await {
                Err(_) => Outcome::TimedOut,
                Ok(Err(e)) => Outcome::Failed(e.to_string()),
                Ok(Ok(response)) => outcome(&task, &response),
            }
        });
        url_of.insert(handle.id(), url);
    }
    let mut done = Vec::with_capacity(url_of.len());
    while let Some(joined) = tasks.join_next_with_id().await {
        progress.advance();
        let (id, outcome) = match joined {
            Ok((id, outcome)) => (id, outcome),
            Err(e) => (e.id(), Outcome::Failed(format!("the check failed: {e}"))),
        };
        if let Some(url) = url_of.remove(&id) {
            done.push((url, outcome));
        }
    }
    progress.end();
    done
}

/// The outcome lychee's `response` for `url` stands for.
fn outcome(url: &str, response: &Response) -> Outcome {
    let status = response.status();
    match status {
        Status::Excluded => Outcome::Skipped,
        Status::Timeout(_) => Outcome::TimedOut,
        _ => match status.code() {
            Some(code) => {
                let checked = response.body().uri.as_str();
                let final_url = response
                    .redirects()
                    .filter(|r| r.count() > 0)
                    .and_then(|r| {
                        let chain = r.to_string();
                        chain.rsplit_once("]--> ").map(|(_, last)| last.to_string())
                    })
                    .filter(|last| last != checked)
                    .unwrap_or_else(|| url.to_string());
                Outcome::Answered {
                    status: code.as_u16(),
                    final_url,
                }
            }
            None => Outcome::Failed(cause(status)),
        },
    }
}

/// The innermost error behind `status` (`Connection reset by peer`, `invalid HTTP version
/// parsed`, ...): the layers above it only say that the request failed.
fn cause(status: &Status) -> String {
    let mut error: &dyn std::error::Error = match status {
        Status::Error(kind) | Status::Unsupported(kind) => kind,
        Status::RequestError(request) => request.error(),
        _ => return status.to_string(),
    };
    while let Some(source) = error.source() {
        error = source;
    }
    error.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_defaults_to_every_2xx_and_drops_impossible_codes() {
        let mut config = ExternalConfig::default();
        let all = accepted(&config);
        assert!(all.contains(&200) && all.contains(&299) && !all.contains(&301));
        config.accept = vec![200, 403, 42];
        assert_eq!(accepted(&config), HashSet::from([200, 403]));
    }

    #[test]
    fn the_deadline_covers_every_attempt_and_wait() {
        let config = ExternalConfig {
            timeout: Duration::from_secs(2),
            retries: 2,
            retry_wait: Duration::from_secs(1),
            ..ExternalConfig::default()
        };
        // Three attempts of 2 s, waits of 1 s and 2 s, and 2 s for the queues.
        assert_eq!(deadline(&config), Duration::from_secs(11));
        let huge = ExternalConfig {
            retries: u32::MAX,
            ..config
        };
        assert!(deadline(&huge) > Duration::from_secs(u64::from(u32::MAX)));
    }
}
