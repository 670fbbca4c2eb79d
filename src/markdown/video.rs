//! Embedded videos: `> [!VIDEO url]` and `:::video source="..." title="...":::` become a titled
//! `<iframe>`. As DocFX does, `http:` becomes `https:`, YouTube links become embeds on
//! `www.youtube-nocookie.com` (with `rel=0` unless given), and Channel 9 players get
//! `nocookie=true`.

use super::attributes::{self, Attributes};
use super::doc::ItemKind;

/// The item of a `:::video ...:::`, or what is wrong with it.
pub(crate) fn from_attributes(attrs: &Attributes) -> Result<ItemKind, String> {
    if let Some(name) = attrs.unknown(&["source", "title", "max-width", "thumbnail", "upload-date"])
    {
        return Err(format!("unexpected attribute `{name}`"));
    }
    let source = attrs.get("source").unwrap_or_default().trim();
    if source.is_empty() {
        return Err("`source` is required".to_string());
    }
    let title = attrs.get("title").unwrap_or_default();
    if title.trim().is_empty() {
        return Err("`title` is required".to_string());
    }
    let max_width = attrs.get("max-width").map(str::to_string);
    if max_width
        .as_deref()
        .is_some_and(|w| w.is_empty() || !w.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("`max-width` must be a number of pixels".to_string());
    }
    Ok(ItemKind::Video {
        source: source.to_string(),
        title: title.to_string(),
        max_width,
    })
}

/// Writes the player for `url`; a URL that is not http(s) gives nothing.
pub(crate) fn embed(url: &str, title: &str, max_width: Option<&str>, out: &mut String) {
    let Some(src) = player_url(url) else {
        return;
    };
    let style = max_width.map_or(String::new(), |w| format!(" style=\"max-width:{w}px\""));
    out.push_str(&format!(
        "<div class=\"embeddedvideo video\"><iframe src=\"{}\" title=\"{}\"{style} loading=\"lazy\" allowfullscreen></iframe></div>\n",
        attributes::escape(&src),
        attributes::escape(title),
    ));
}

/// The address to embed for a video link, DocFX's rewrites applied.
pub(crate) fn player_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = if let Some(rest) = url.strip_prefix("https://") {
        rest
    } else {
        url.strip_prefix("http://")?
    };
    if rest.contains(['"', '<', '>', ' ']) {
        return None;
    }
    let (authority, path_and_more) =
        rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let (path_and_query, fragment) = match path_and_more.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path_and_more, None),
    };
    let (path, query) = match path_and_query.split_once('?') {
        Some((p, q)) => (p, q.to_string()),
        None => (path_and_query, String::new()),
    };
    let host = authority.to_ascii_lowercase();
    let (host, path, query) = match host.as_str() {
        "channel9.msdn.com" => {
            let query = if query.split('&').any(|q| q == "nocookie=true") {
                query
            } else if query.is_empty() {
                "nocookie=true".to_string()
            } else {
                format!("{query}&nocookie=true")
            };
            (host.clone(), path.to_string(), query)
        }
        "youtube.com" | "www.youtube.com" | "youtu.be" | "www.youtube-nocookie.com" => {
            youtube(&host, path, query)
        }
        _ => (authority.to_string(), path.to_string(), query),
    };
    let path = if path.is_empty() { "/" } else { path.as_str() };
    let mut out = format!("https://{host}{path}");
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query);
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    Some(out)
}

/// A YouTube link as a `www.youtube-nocookie.com` embed.
fn youtube(host: &str, path: &str, query: String) -> (String, String, String) {
    let nocookie = "www.youtube-nocookie.com".to_string();
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let id = if host == "youtu.be" {
        Some(path.trim_start_matches('/').to_string())
    } else if let Some(i) = params.iter().position(|p| p.starts_with("v=")) {
        Some(params.remove(i)[2..].to_string())
    } else {
        path.strip_prefix("/embed/")
            .filter(|id| !id.contains('/') && *id != "videoseries")
            .map(str::to_string)
    };
    let path = match id {
        Some(id) => format!("/embed/{id}"),
        None if params.iter().any(|p| p.starts_with("list=")) => {
            params.retain(|p| p.starts_with("list=") || p.starts_with("rel="));
            "/embed/videoseries".to_string()
        }
        None => return (nocookie, path.to_string(), query),
    };
    let mut query = params.join("&");
    if !params.iter().any(|p| p.starts_with("rel=")) {
        query = if query.is_empty() {
            "rel=0".to_string()
        } else {
            format!("{query}&rel=0")
        };
    }
    (nocookie, path, query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docfx_video_rewrites() {
        let cases = [
            (
                "https://channel9.msdn.com",
                "https://channel9.msdn.com/?nocookie=true",
            ),
            (
                "https://channel9.msdn.com?query=value+A",
                "https://channel9.msdn.com/?query=value+A&nocookie=true",
            ),
            (
                "https://channel9.msdn.com/Shows/X/player?nocookie=true",
                "https://channel9.msdn.com/Shows/X/player?nocookie=true",
            ),
            (
                "http://microsoft.com:8080?query=http+A#bookmark",
                "https://microsoft.com:8080/?query=http+A#bookmark",
            ),
            (
                "https://youtube.com/foo",
                "https://www.youtube-nocookie.com/foo",
            ),
            (
                "https://www.youtube.com/embed/wV11_nbT2XE",
                "https://www.youtube-nocookie.com/embed/wV11_nbT2XE?rel=0",
            ),
            (
                "https://www.youtube.com/embed/wV11_nbT2XE?rel=1",
                "https://www.youtube-nocookie.com/embed/wV11_nbT2XE?rel=1",
            ),
            (
                "https://www.youtube.com/watch?v=abc&t=5",
                "https://www.youtube-nocookie.com/embed/abc?t=5&rel=0",
            ),
            (
                "https://youtu.be/abc",
                "https://www.youtube-nocookie.com/embed/abc?rel=0",
            ),
            (
                "https://www.microsoft.com/videoplayer/embed/RE1FOfN?autoplay=false",
                "https://www.microsoft.com/videoplayer/embed/RE1FOfN?autoplay=false",
            ),
        ];
        for (url, expected) in cases {
            assert_eq!(player_url(url).as_deref(), Some(expected), "{url}");
        }
        assert_eq!(player_url("javascript:alert(1)"), None);
        assert_eq!(player_url("https://x.test/\"onload=\""), None);
    }

    #[test]
    fn video_attributes_are_checked() {
        let attrs = |t: &str| attributes::parse(t, None).unwrap().0;
        assert!(from_attributes(&attrs(r#"source="" title="t""#)).is_err());
        assert!(from_attributes(&attrs(r#"title="t""#)).is_err());
        assert!(
            from_attributes(&attrs(r#"source="https://a" title="t" max-width="what""#)).is_err()
        );
        assert!(from_attributes(&attrs(r#"blab="blib" source="https://a" title="t""#)).is_err());
        assert!(from_attributes(&attrs(r#"source="https://a" title="t" max-width="400""#)).is_ok());
    }
}
