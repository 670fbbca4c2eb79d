//! Local HTTP test servers on 127.0.0.1, written with std threads: each path answers in a
//! scripted way (a status, a redirect, silence, garbage, a reset, an endless body, ...) and
//! every connection and request is counted, so tests can tell how often diglot asked.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How a path answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// An empty answer with this status.
    Status(u16),
    /// A redirect with this status to `Location` (a path on the same server).
    Redirect(u16, &'static str),
    /// This status, after a pause.
    Slow(Duration, u16),
    /// Reads the request and never answers.
    Silent,
    /// Bytes that are not HTTP.
    Garbage,
    /// Resets the connection without a word.
    Reset,
    /// A 200 whose body never ends.
    EndlessBody,
    /// The n-th request gets the n-th reply; the last one repeats.
    Sequence(Vec<Reply>),
    /// A 200 with this body.
    Body(&'static str),
}

/// A server answering on a free port of 127.0.0.1 until dropped.
pub struct Server {
    address: SocketAddr,
    state: Arc<State>,
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Reply>,
    hits: Mutex<HashMap<String, usize>>,
    connections: AtomicUsize,
    stopped: AtomicBool,
}

impl Server {
    /// Starts a server answering `routes`; other paths answer 404.
    pub fn start(routes: &[(&str, Reply)]) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        let address = listener.local_addr().unwrap();
        let state = Arc::new(State {
            routes: routes
                .iter()
                .map(|(path, reply)| (path.to_string(), reply.clone()))
                .collect(),
            ..State::default()
        });
        let shared = state.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if shared.stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                shared.connections.fetch_add(1, Ordering::SeqCst);
                let state = shared.clone();
                thread::spawn(move || serve(stream, &state));
            }
        });
        Server { address, state }
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Requests received for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.state
            .hits
            .lock()
            .unwrap()
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// Connections accepted, whatever came of them.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stopped.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_secs(1));
    }
}

/// Answers one connection: one request, then the connection is closed.
fn serve(mut stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let Some((path, head_length)) = peek_request(&stream) else {
        return;
    };
    let count = {
        let mut hits = state.hits.lock().unwrap();
        let count = hits.entry(path.clone()).or_default();
        *count += 1;
        *count
    };
    let reply = match state.routes.get(&path) {
        Some(Reply::Sequence(replies)) => replies[(count - 1).min(replies.len() - 1)].clone(),
        Some(reply) => reply.clone(),
        None => Reply::Status(404),
    };
    if let Reply::Reset = reply {
        // Closing with the request still unread makes the kernel send a reset.
        return;
    }
    let mut head = vec![0; head_length];
    if stream.read_exact(&mut head).is_err() {
        return;
    }
    answer(&mut stream, &reply);
}

fn answer(stream: &mut TcpStream, reply: &Reply) {
    match reply {
        Reply::Status(status) => write_status(stream, *status, ""),
        Reply::Redirect(status, location) => {
            write_status(stream, *status, &format!("Location: {location}\r\n"))
        }
        Reply::Slow(pause, status) => {
            thread::sleep(*pause);
            write_status(stream, *status, "");
        }
        Reply::Silent => {
            // Holds the connection until the client gives up.
            let _ = stream.read_to_end(&mut Vec::new());
        }
        Reply::Garbage => {
            let _ = stream.write_all(b"\x00\xffSPLAT \x01\x02 not http at all\r\n\r\n\xfe\xfe");
        }
        Reply::EndlessBody => {
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = format!("400\r\n{}\r\n", "x".repeat(0x400));
            while stream.write_all(chunk.as_bytes()).is_ok() {}
        }
        Reply::Body(body) => {
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/yaml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes());
        }
        Reply::Reset | Reply::Sequence(_) => unreachable!("resolved by serve"),
    }
}

fn write_status(stream: &mut TcpStream, status: u16, headers: &str) {
    let response = format!(
        "HTTP/1.1 {status} Test\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let _ = stream.write_all(response.as_bytes());
}

/// Looks at the request head without reading it: its path and its length in bytes.
fn peek_request(stream: &TcpStream) -> Option<(String, usize)> {
    let started = Instant::now();
    let mut buffer = [0u8; 8192];
    while started.elapsed() < Duration::from_secs(10) {
        let n = stream.peek(&mut buffer).ok()?;
        if n == 0 {
            return None;
        }
        let bytes = &buffer[..n];
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let text = String::from_utf8_lossy(&bytes[..end]);
            let path = text.split_whitespace().nth(1)?.to_string();
            return Some((path, end + 4));
        }
        thread::sleep(Duration::from_millis(5));
    }
    None
}
