//! Live reload: every HTML page served carries a small script that listens on
//! [`EVENTS_PATH`] (Server-Sent Events) and reloads the page on a `reload` event, which goes
//! out to every open page after each rebuild that changed the site.

use std::io::{self, Write};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Where pages listen for rebuilds.
pub const EVENTS_PATH: &str = "/__diglot/events";

/// Put into every HTML response (never into the built files).
pub const SCRIPT: &str = "<script>new EventSource(\"/__diglot/events\").addEventListener(\"reload\",()=>location.reload());</script>";

/// How often an idle stream sends a comment, to find out that its page has gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Counts the rebuilds, and wakes the streams waiting for the next one.
#[derive(Default)]
pub struct Reload {
    rebuilds: Mutex<u64>,
    rebuilt: Condvar,
}

impl Reload {
    /// Tells every open page to reload.
    pub fn send(&self) {
        let mut rebuilds = self.rebuilds.lock().unwrap_or_else(|e| e.into_inner());
        *rebuilds += 1;
        self.rebuilt.notify_all();
    }

    fn current(&self) -> u64 {
        *self.rebuilds.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits up to `timeout` for a rebuild after the `seen`th; returns the count then.
    fn wait_after(&self, seen: u64, timeout: Duration) -> u64 {
        let rebuilds = self.rebuilds.lock().unwrap_or_else(|e| e.into_inner());
        let (rebuilds, _) = self
            .rebuilt
            .wait_timeout_while(rebuilds, timeout, |n| *n == seen)
            .unwrap_or_else(|e| e.into_inner());
        *rebuilds
    }

    /// Serves one event stream until the page goes away: the response head, then a `reload`
    /// event after each rebuild.
    pub fn stream(&self, out: &mut impl Write) -> io::Result<()> {
        let mut seen = self.current();
        out.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\
              Connection: keep-alive\r\n\r\n: listening for rebuilds\n\n",
        )?;
        out.flush()?;
        loop {
            let now = self.wait_after(seen, KEEP_ALIVE);
            if now == seen {
                out.write_all(b": still here\n\n")?;
            } else {
                seen = now;
                out.write_all(format!("event: reload\ndata: {now}\n\n").as_bytes())?;
            }
            out.flush()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Takes bytes until a rebuild has been announced, then goes away, ending the stream.
    struct Page(Arc<Mutex<String>>);

    impl Page {
        fn gone(&self) -> io::Result<()> {
            match self.0.lock().unwrap().contains("event: reload") {
                true => Err(io::Error::new(io::ErrorKind::BrokenPipe, "page closed")),
                false => Ok(()),
            }
        }
    }

    impl Write for Page {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.gone()?;
            self.0
                .lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(bytes));
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            self.gone()
        }
    }

    #[test]
    fn a_stream_announces_the_next_rebuild_and_ends_when_the_page_goes() {
        let reload = Arc::new(Reload::default());
        reload.send();
        let received = Arc::new(Mutex::new(String::new()));
        let stream = {
            let (reload, received) = (reload.clone(), received.clone());
            std::thread::spawn(move || reload.stream(&mut Page(received)))
        };
        while !received.lock().unwrap().contains("listening") {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(
            !received.lock().unwrap().contains("reload"),
            "no rebuild yet"
        );
        reload.send();
        let ended = stream.join().unwrap();
        assert!(ended.is_err(), "the stream ends when its page goes");
        let text = received.lock().unwrap().clone();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("text/event-stream"), "{text}");
        assert!(text.ends_with("event: reload\ndata: 2\n\n"), "{text}");
    }
}
