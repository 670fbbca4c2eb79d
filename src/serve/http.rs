//! A small HTTP/1.1 server for the built site, one thread a connection: GET and HEAD of its
//! files, the live-reload script put into every HTML response, the site's `404.html` for what
//! is missing, and nothing outside the build dir.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::reload::{self, Reload};

/// The longest request head read; anything longer is refused.
const MAX_HEAD_BYTES: u64 = 16 * 1024;

/// Answers the requests of `listener` from the files of `site`, in the background.
pub fn spawn(listener: TcpListener, site: PathBuf, reload: Arc<Reload>) {
    let site = Arc::new(site);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (site, reload) = (site.clone(), reload.clone());
            std::thread::spawn(move || {
                // A client that goes away mid-answer is no concern of the server's.
                let _ = handle(stream, &site, &reload);
            });
        }
    });
}

/// Where a request path leads in the site.
#[derive(Debug, PartialEq)]
enum Target {
    File(PathBuf),
    /// A folder asked for without its final `/`: redirected there, so relative links work.
    Folder(String),
    Missing,
    /// Not a path inside the site (`..`, a bad escape, a backslash).
    Refused,
}

fn handle(mut stream: TcpStream, site: &Path, reload: &Reload) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some((method, target)) = read_request_line(&stream)? else {
        return respond(
            &mut stream,
            "400 Bad Request",
            "text/plain",
            b"bad request\n",
            false,
        );
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(
            &mut stream,
            "405 Method Not Allowed\r\nAllow: GET, HEAD",
            "text/plain",
            b"only GET and HEAD\n",
            false,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if path == reload::EVENTS_PATH {
        return reload.stream(&mut stream);
    }
    match resolve(site, path) {
        Target::File(file) => {
            let body = std::fs::read(&file)?;
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                with_reload_script(body)
            } else {
                body
            };
            respond(&mut stream, "200 OK", kind, &body, head_only)
        }
        Target::Folder(location) => respond(
            &mut stream,
            &format!("301 Moved Permanently\r\nLocation: {location}"),
            "text/plain",
            b"moved\n",
            head_only,
        ),
        Target::Missing => {
            let (kind, body) = match std::fs::read(site.join("404.html")) {
                Ok(page) => ("text/html; charset=utf-8", with_reload_script(page)),
                Err(_) => ("text/plain", b"404 not found\n".to_vec()),
            };
            respond(&mut stream, "404 Not Found", kind, &body, head_only)
        }
        Target::Refused => respond(
            &mut stream,
            "400 Bad Request",
            "text/plain",
            b"not a path in the site\n",
            head_only,
        ),
    }
}

/// Reads the request head; returns the method and the target of its first line, or `None`
/// when it is not HTTP.
fn read_request_line(stream: &TcpStream) -> io::Result<Option<(String, String)>> {
    let mut head = BufReader::new(stream.take(MAX_HEAD_BYTES));
    let mut first = String::new();
    head.read_line(&mut first)?;
    let mut line = String::new();
    loop {
        line.clear();
        if head.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if line.trim_end().is_empty() {
            break;
        }
    }
    let mut parts = first.split_whitespace();
    Ok(match (parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version)) if version.starts_with("HTTP/1.") => {
            Some((method.to_string(), target.to_string()))
        }
        _ => None,
    })
}

/// The file of `site` a request path names; `/` and `folder/` mean their `index.html`.
fn resolve(site: &Path, path: &str) -> Target {
    let Some(decoded) = percent_decode(path) else {
        return Target::Refused;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Target::Refused;
    }
    let mut file = site.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(name)), None) => file.push(name),
            _ => return Target::Refused,
        }
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Target::Folder(format!("{path}/"));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Target::File(file)
    } else {
        Target::Missing
    }
}

/// Decodes `%XX` escapes; `None` for a broken escape or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a file, by its extension.
fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The page with the live-reload script before its `</body>` (or at its end).
fn with_reload_script(mut html: Vec<u8>) -> Vec<u8> {
    let end = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(end..end, reload::SCRIPT.bytes());
    html
}

/// Writes a whole response; `status` is the code and reason, followed by any further header
/// lines (`Location: ...`).
fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site/nl-NL")).unwrap();
        std::fs::write(dir.path().join("site/index.html"), "root").unwrap();
        std::fs::write(dir.path().join("site/nl-NL/index.html"), "nl").unwrap();
        std::fs::write(dir.path().join("site/nl-NL/a b.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn paths_resolve_to_files_of_the_site_and_folders_to_their_index() {
        let dir = site();
        let site = dir.path().join("site");
        assert_eq!(resolve(&site, "/"), Target::File(site.join("index.html")));
        assert_eq!(
            resolve(&site, "/nl-NL/"),
            Target::File(site.join("nl-NL/index.html"))
        );
        assert_eq!(
            resolve(&site, "/nl-NL"),
            Target::Folder("/nl-NL/".to_string())
        );
        assert_eq!(
            resolve(&site, "/nl-NL/a%20b.html"),
            Target::File(site.join("nl-NL/a b.html"))
        );
        assert_eq!(resolve(&site, "/nl-NL/missing.html"), Target::Missing);
    }

    #[test]
    fn nothing_outside_the_site_is_reachable() {
        let dir = site();
        let site = dir.path().join("site");
        for path in [
            "/../secret.txt",
            "/nl-NL/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2fsecret.txt",
            "/..%5csecret.txt",
            "/./index.html",
            "/%00",
            "/%zz",
            "/%c3",
            "secret.txt",
        ] {
            assert_eq!(resolve(&site, path), Target::Refused, "{path}");
        }
        let absolute = format!("/{}", dir.path().join("secret.txt").display());
        assert_eq!(resolve(&site, &absolute), Target::Missing, "{absolute}");
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (name, kind) in [
            ("a.HTML", "text/html; charset=utf-8"),
            ("s.css", "text/css; charset=utf-8"),
            ("d.js", "text/javascript; charset=utf-8"),
            ("i.svg", "image/svg+xml"),
            ("i.png", "image/png"),
            ("i.jpeg", "image/jpeg"),
            ("i.gif", "image/gif"),
            ("i.webp", "image/webp"),
            ("x.json", "application/json"),
            ("sitemap.xml", "application/xml"),
            ("f.woff2", "font/woff2"),
            ("noextension", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), kind, "{name}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let page = with_reload_script(b"<body>x</BODY>\n".to_vec());
        let page = String::from_utf8(page).unwrap();
        assert_eq!(page, format!("<body>x{}</BODY>\n", reload::SCRIPT));
        let fragment = String::from_utf8(with_reload_script(b"<p>x".to_vec())).unwrap();
        assert_eq!(fragment, format!("<p>x{}", reload::SCRIPT));
    }
}
