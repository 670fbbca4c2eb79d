//! The HTTP side of `diglot serve`, on axum and tower-http's `ServeDir`: the files of the build
//! dir with their MIME types (GET and HEAD; a folder redirects to `folder/` and serves its
//! `index.html`; nothing outside the build dir, whatever the escapes), the live-reload script
//! put into every HTML response, the locale's `404.html` (else the site's) for what is missing,
//! and the live-reload event stream. Nothing is cached: every reload asks for the file again.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::services::ServeDir;

use super::reload::{self, Reload};
use crate::code::Code;
use crate::diagnostic::Diagnostic;

/// How many ports after a taken one are tried, to offer a free one.
const PORTS_TRIED: u16 = 100;

/// Listens on `address:port`. A port that is taken is an error naming the next free one;
/// `config_file` (book.toml) is where the diagnostic points, as `[serve] port` is set there.
pub fn listen(address: &str, port: u16, config_file: &Path) -> Result<TcpListener, Diagnostic> {
    let error = |message: String| Diagnostic::error(Code::Serve, config_file, (0, 0), message);
    match TcpListener::bind((address, port)) {
        Ok(listener) => Ok(listener),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            let free = (1..=PORTS_TRIED)
                .filter_map(|step| port.checked_add(step))
                .find(|p| TcpListener::bind((address, *p)).is_ok());
            let offer = match free {
                Some(free) => format!("port {free} is free: `diglot serve --port {free}`"),
                None => "choose another with `--port` (0 picks any free port)".to_string(),
            };
            Err(error(format!(
                "cannot listen on {address}:{port}: the port is taken (is another `diglot serve` running?); {offer}"
            )))
        }
        Err(e) => Err(error(format!("cannot listen on {address}:{port}: {e}"))),
    }
}

/// The address to open in a browser: `localhost` stands for an address that means any.
pub fn url(address: SocketAddr) -> String {
    match address.ip().is_unspecified() {
        true => format!("http://localhost:{}/", address.port()),
        false => format!("http://{address}/"),
    }
}

/// Answers the requests of `listener` from the files of `site`, on a thread of its own.
pub fn spawn(listener: TcpListener, site: PathBuf, reload: Reload) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(Code::Serve, &site, (0, 0), format!("cannot serve: {e}"))
    };
    listener.set_nonblocking(true).map_err(fail)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(fail)?;
    let app = router(site, reload);
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, app).await
        })
    });
    Ok(())
}

struct Site {
    files: ServeDir,
    dir: PathBuf,
    reload: Reload,
}

fn router(dir: PathBuf, reload: Reload) -> Router {
    let site = Site {
        files: ServeDir::new(&dir),
        dir,
        reload,
    };
    Router::new()
        .route(reload::EVENTS_PATH, get(events))
        .fallback(files)
        .with_state(Arc::new(site))
}

async fn events(State(site): State<Arc<Site>>) -> impl IntoResponse {
    Sse::new(site.reload.events()).keep_alive(KeepAlive::default())
}

/// A file of the site, HTML with the reload script, or the 404 page.
async fn files(State(site): State<Arc<Site>>, mut request: Request) -> Response {
    // A page saved twice within a second has the same Last-Modified: never answer 304.
    request.headers_mut().remove(header::IF_MODIFIED_SINCE);
    // HEAD is answered as GET, so that an HTML page's length counts the script; the server
    // leaves out the body.
    if request.method() == Method::HEAD {
        *request.method_mut() = Method::GET;
    }
    let path = request.uri().path().to_string();
    let response = match site.files.clone().try_call(request).await {
        Ok(response) => response.map(Body::new),
        // An unreadable path (a NUL byte, a file where a folder should be) is not in the site.
        Err(_) => return not_found(&site.dir, &path).await,
    };
    let mut response = match response.status() {
        StatusCode::NOT_FOUND => return not_found(&site.dir, &path).await,
        StatusCode::OK if is_html(&response) => with_script(response).await,
        _ => response,
    };
    finish(&mut response);
    response
}

/// The locale's `404.html` when the path is under a locale folder that has one, else the
/// site's, else a line of text; always with status 404.
async fn not_found(site: &Path, path: &str) -> Response {
    let folder = path.trim_start_matches('/').split('/').next();
    let locale_page = folder
        .filter(|f| crate::locale::is_tag(f))
        .map(|tag| site.join(tag).join("404.html"))
        .filter(|page| page.is_file());
    let page = locale_page.unwrap_or_else(|| site.join("404.html"));
    let mut response = match tokio::fs::read(&page).await {
        Ok(html) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            inject(html),
        )
            .into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "404 not found\n").into_response(),
    };
    finish(&mut response);
    response
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// The response with the reload script in its page.
async fn with_script(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let html = match to_bytes(body, usize::MAX).await {
        Ok(html) => inject(html.to_vec()),
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    parts
        .headers
        .insert(header::CONTENT_LENGTH, html.len().into());
    // The bytes served are no longer the file's: a range of them means nothing.
    parts.headers.remove(header::ACCEPT_RANGES);
    Response::from_parts(parts, Body::from(html))
}

/// The page with the live-reload script before its last `</body>` (or at its end).
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let end = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(end..end, reload::SCRIPT.bytes());
    html
}

/// No caching, and text declared UTF-8 (every text file diglot writes is).
fn finish(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let text = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_text(v) && !v.contains("charset"))
        .map(|v| format!("{v}; charset=utf-8"));
    if let Some(value) = text.and_then(|t| HeaderValue::from_str(&t).ok()) {
        headers.insert(header::CONTENT_TYPE, value);
    }
}

fn is_text(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || ["application/json", "application/xml", "image/svg+xml"].contains(&content_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let page = String::from_utf8(inject(b"<body>x</BODY>\n".to_vec())).unwrap();
        assert_eq!(page, format!("<body>x{}</BODY>\n", reload::SCRIPT));
        let fragment = String::from_utf8(inject(b"<p>x".to_vec())).unwrap();
        assert_eq!(fragment, format!("<p>x{}", reload::SCRIPT));
    }

    #[test]
    fn a_taken_port_is_an_error_offering_the_next_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let Some(_next_taken) = port
            .checked_add(1)
            .and_then(|p| TcpListener::bind(("127.0.0.1", p)).ok())
        else {
            eprintln!("NOTE: the port after {port} is in use elsewhere; nothing to check");
            return;
        };
        let error = listen("127.0.0.1", port, Path::new("book.toml")).unwrap_err();
        assert!(
            error.message.contains(&format!(
                "cannot listen on 127.0.0.1:{port}: the port is taken"
            )),
            "{error}"
        );
        let offered: u16 = error
            .message
            .rsplit("--port ")
            .next()
            .unwrap()
            .trim_matches('`')
            .parse()
            .unwrap();
        assert!(
            offered > port + 1 && offered <= port + PORTS_TRIED,
            "{error}"
        );
        assert!(TcpListener::bind(("127.0.0.1", offered)).is_ok(), "{error}");
    }

    #[test]
    fn the_url_to_open_names_localhost_for_any_address() {
        assert_eq!(
            url("0.0.0.0:3000".parse().unwrap()),
            "http://localhost:3000/"
        );
        assert_eq!(
            url("127.0.0.1:3000".parse().unwrap()),
            "http://127.0.0.1:3000/"
        );
    }
}
