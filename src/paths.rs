//! Paths inside a locale folder: resolving a relative link or `href` against the folder of the
//! file it is written in, and decoding `%XX` escapes. Every stage that follows a link (the
//! tables of contents, the site's link rewriting, the link checks) resolves it here.

/// The folder of `path` (a file under the locale folder): `a/b` for `a/b/c.md`, `` for `c.md`.
pub fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// `relative` read from `folder` (both under the locale folder), `..` and `.` resolved;
/// `None` when it climbs out of the locale folder. A leading `/` or `~/` starts at the root.
pub fn resolve(folder: &str, relative: &str) -> Option<String> {
    let relative = relative.replace('\\', "/");
    let (mut parts, rest): (Vec<&str>, &str) =
        match relative.strip_prefix("~/").or(relative.strip_prefix('/')) {
            Some(rest) => (Vec::new(), rest),
            None => (
                folder.split('/').filter(|p| !p.is_empty()).collect(),
                relative.as_str(),
            ),
        };
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let trailing = if rest.ends_with('/') && !parts.is_empty() {
        "/"
    } else {
        ""
    };
    Some(format!("{}{trailing}", parts.join("/")))
}

/// `text` with `%XX` escapes decoded; invalid escapes and invalid UTF-8 are kept as written.
pub fn percent_decode(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return text.into();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(decoded) => decoded.into(),
        Err(_) => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_handles_dots_roots_and_climbing_out() {
        assert_eq!(resolve("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(resolve("a", "./x/./y.md").as_deref(), Some("a/x/y.md"));
        assert_eq!(resolve("a", "/root.md").as_deref(), Some("root.md"));
        assert_eq!(resolve("a", "~/r.md").as_deref(), Some("r.md"));
        assert_eq!(resolve("", "../x.md"), None);
        assert_eq!(resolve("", "part/").as_deref(), Some("part/"));
    }

    #[test]
    fn percent_escapes_decode_and_bad_ones_stay() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("%E6%97%A5"), "日");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%FF"), "%FF");
        assert_eq!(folder_of("a/b/c.md"), "a/b");
        assert_eq!(folder_of("c.md"), "");
    }
}
