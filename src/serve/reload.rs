//! Live reload: every HTML page served carries [`SCRIPT`] (`reload.js`), which listens on
//! [`EVENTS_PATH`] (Server-Sent Events). A page is told `reload` after each rebuild that changed
//! the site, and `problems` (a JSON list of diagnostics) when the errors shown over it change;
//! the script shows them as an overlay and hides it when the list is empty. A page that
//! connects first hears the current problems, so the overlay survives a reload.

use std::convert::Infallible;
use std::sync::Arc;

use axum::response::sse::Event;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::watch;

use crate::diagnostic::Diagnostic;

/// Where pages listen for rebuilds.
pub const EVENTS_PATH: &str = "/__diglot/events";

/// Put into every HTML response (never into the built files).
pub const SCRIPT: &str = concat!("<script>", include_str!("reload.js"), "</script>");

/// What the open pages are told: how many rebuilds there were, and the problems to show.
#[derive(Debug, Clone, PartialEq)]
struct State {
    rebuilds: u64,
    /// The JSON list the overlay shows.
    problems: Arc<str>,
}

/// The channel to every open page; cheap to clone.
#[derive(Clone)]
pub struct Reload {
    state: Arc<watch::Sender<State>>,
}

impl Default for Reload {
    fn default() -> Reload {
        let (state, _) = watch::channel(State {
            rebuilds: 0,
            problems: "[]".into(),
        });
        Reload {
            state: Arc::new(state),
        }
    }
}

impl Reload {
    /// Tells the open pages what to show after a rebuild: they reload when `changed`, and show
    /// `problems` (an empty list hides the overlay).
    pub fn send(&self, changed: bool, problems: &[&Diagnostic]) {
        let problems: Arc<str> = serde_json::to_string(problems)
            .unwrap_or_else(|_| "[]".into())
            .into();
        self.state.send_if_modified(|state| {
            let before = state.clone();
            state.rebuilds += u64::from(changed);
            state.problems = problems;
            *state != before
        });
    }

    /// The events of one page: a greeting comment, the current problems, then a `reload` or a
    /// `problems` event after each change.
    pub fn events(&self) -> impl Stream<Item = Result<Event, Infallible>> + Send + use<> {
        let mut receiver = self.state.subscribe();
        let now = receiver.borrow_and_update().clone();
        let greeting = [
            Event::default().comment("listening for rebuilds"),
            problems_event(&now.problems),
        ];
        let updates = stream::unfold((receiver, now), |(mut receiver, seen)| async move {
            receiver.changed().await.ok()?;
            let now = receiver.borrow_and_update().clone();
            let event = if now.rebuilds != seen.rebuilds {
                Event::default()
                    .event("reload")
                    .data(now.rebuilds.to_string())
            } else {
                problems_event(&now.problems)
            };
            Some((event, (receiver, now)))
        });
        stream::iter(greeting).chain(updates).map(Ok)
    }
}

fn problems_event(problems: &str) -> Event {
    Event::default().event("problems").data(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;
    use axum::response::IntoResponse;
    use axum::response::sse::Sse;
    use std::path::Path;

    /// The text of each event a page receives, read from the response body.
    async fn next(
        body: &mut (impl Stream<Item = Result<axum::body::Bytes, axum::Error>> + Unpin),
    ) -> String {
        let bytes = body.next().await.unwrap().unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn a_page_hears_the_problems_then_each_reload_and_each_change_of_problems() {
        let reload = Reload::default();
        let broken = Diagnostic::error(
            Code::FrontMatter,
            Path::new("content/nl-NL/a.md"),
            (3, 1),
            "unterminated front matter",
        );
        reload.send(false, &[&broken]);
        let response = Sse::new(reload.events()).into_response();
        let mut body = response.into_body().into_data_stream();
        assert_eq!(next(&mut body).await, ": listening for rebuilds\n\n");
        let problems = next(&mut body).await;
        assert!(
            problems.starts_with("event: problems\ndata: [{"),
            "{problems}"
        );
        assert!(
            problems.contains(r#""file":"content/nl-NL/a.md","line":3,"column":1"#),
            "{problems}"
        );

        reload.send(true, &[]);
        assert_eq!(next(&mut body).await, "event: reload\ndata: 1\n\n");
        reload.send(false, &[]);
        reload.send(false, &[&broken]);
        let again = next(&mut body).await;
        assert!(again.contains("unterminated front matter"), "{again}");
        reload.send(false, &[]);
        assert_eq!(next(&mut body).await, "event: problems\ndata: []\n\n");
    }
}
