//! `--download-media`: each picture, video or sound a sheet links to is fetched once into
//! `static/media/`, named after its event, and the event uses the file instead of the link, so the
//! published page asks nothing of another site. The download is curl's, the HTTP client every
//! system explainer runs on has (Linux, macOS, and Windows since 10), with its progress bar.
//! A file already there is not fetched again; a link to a page or a player (YouTube, a gallery) is
//! not a file, and is left as a link.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::diagnostics::Diagnostic;

use super::row::Entry;
use super::{Column, Layout, Sheet};

/// The folder of `static/` the files go into, and the path the page uses for them.
pub const MEDIA_DIR: &str = "media";

/// The extensions of files explainer downloads.
const FILES: [&str; 11] = [
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "mp4", "webm", "mp3", "m4a",
];

/// The extension of a web address's file, when it names a file explainer downloads.
fn file_extension(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let (_, name) = path.rsplit_once('/')?;
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    FILES.contains(&ext.as_str()).then_some(ext)
}

/// Downloads the media of `events` (named as their files will be), replacing each link with the
/// file's path. Problems are warnings at the row's Media cell: the link stays.
pub fn download(
    root: &Path,
    sheet: &Sheet,
    layout: &Layout,
    events: &mut [(String, &mut Entry)],
    out: &mut Vec<Diagnostic>,
) {
    let wanted: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, (_, e))| e.media.as_ref().is_some_and(|m| is_remote(&m.src)))
        .map(|(i, _)| i)
        .collect();
    let dir = root.join("static").join(MEDIA_DIR);
    let mut fetched: HashMap<String, String> = HashMap::new();
    for (n, &i) in wanted.iter().enumerate() {
        let (name, entry) = &mut events[i];
        let Some(media) = entry.media.as_mut() else {
            continue;
        };
        let url = media.src.clone();
        let warn = |message: String| {
            let row = sheet.rows.iter().find(|r| r.number == entry.row);
            let index = layout.index(Column::Media);
            match (row, index) {
                (Some(row), Some(index)) => sheet.problem(row, index, &message).as_warning(),
                _ => Diagnostic::warning(&sheet.path, message),
            }
        };
        let Some(ext) = file_extension(&url) else {
            out.push(warn(
                "this link is to a page, not to a file of a picture, video or sound: it stays a link".into(),
            ).hint("save the file itself into static/ and write its path in the event's `media: src:`"));
            continue;
        };
        let file = fetched
            .get(&url)
            .cloned()
            .unwrap_or_else(|| format!("{name}.{ext}"));
        let target = dir.join(&file);
        if !target.exists() {
            println!("Downloading {}/{}: {url}", n + 1, wanted.len());
            if let Err(message) = fetch(&url, &target) {
                out.push(warn(format!("could not download it: {message}")).hint(
                    "check the address in a browser; or save the file into static/ and write its path in `media: src:`",
                ));
                continue;
            }
        }
        fetched.insert(url, file.clone());
        media.src = format!("{MEDIA_DIR}/{file}");
    }
}

fn is_remote(src: &str) -> bool {
    crate::url::is_web_address(&src.to_ascii_lowercase())
}

/// At most this many redirects are followed, each checked as the first address is.
const MAX_REDIRECTS: usize = 5;

/// A file over this size is not downloaded (a picture or a clip for a timeline is far smaller;
/// a larger one would fill the disk and the published page).
const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// Names `host:port` pairs that may be fetched although they are on this machine or a private
/// network (an intranet's picture server; the tests' own server), separated by commas. Only the
/// person running explainer sets it: a sheet cannot.
const ALLOW_VARIABLE: &str = "EXPLAINER_DOWNLOAD_ALLOW";

/// Fetches `url` into `target` with curl, through a partial file renamed when complete. curl
/// follows no redirect itself: each address, the first and every one it is sent on to, is looked
/// up here, refused when it is on this machine, a private network or a cloud's metadata service,
/// and then pinned for curl (`--resolve`), so that a name cannot answer differently the second
/// time. Globbing (`photo[1-5].jpg`) is off; the size and the time are bounded.
fn fetch(url: &str, target: &Path) -> Result<(), String> {
    let partial = target.with_extension("part");
    let allowed = std::env::var(ALLOW_VARIABLE).unwrap_or_default();
    let mut url = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let answer = authority_of(&url)
            .ok_or_else(|| format!("`{url}` is not a web address explainer downloads from"))
            .and_then(|(host, port)| {
                let address = public_address(&host, port, &allowed)?;
                if let Some(dir) = target.parent() {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                }
                curl(&url, &host, port, address, &partial)
            });
        match answer {
            Ok(Answer::File) => {
                return std::fs::rename(&partial, target)
                    .map_err(|e| format!("cannot write {}: {e}", target.display()));
            }
            Ok(Answer::Redirect(next)) => url = next,
            Err(message) => {
                let _ = std::fs::remove_file(&partial);
                return Err(message);
            }
        }
    }
    let _ = std::fs::remove_file(&partial);
    Err(format!("it was redirected more than {MAX_REDIRECTS} times"))
}

/// What one request gave: the file, or an address to ask next.
enum Answer {
    File,
    Redirect(String),
}

/// One request with curl, to `address` for `host:port`.
fn curl(
    url: &str,
    host: &str,
    port: u16,
    address: std::net::IpAddr,
    partial: &Path,
) -> Result<Answer, String> {
    let progress = if std::io::stderr().is_terminal() {
        "--progress-bar"
    } else {
        "--silent"
    };
    let pinned = match address {
        std::net::IpAddr::V4(ip) => format!("{host}:{port}:{ip}"),
        std::net::IpAddr::V6(ip) => format!("{host}:{port}:[{ip}]"),
    };
    let run = Command::new("curl")
        .args([
            "--fail",
            "--globoff",
            "--proto",
            "=http,https",
            "--max-redirs",
            "0",
            "--show-error",
            "--max-time",
            "300",
            "--max-filesize",
            &MAX_BYTES.to_string(),
            "--resolve",
            &pinned,
            "--write-out",
            "%{http_code} %{redirect_url}",
            progress,
            "--output",
        ])
        .arg(partial)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(if progress == "--silent" {
            Stdio::piped()
        } else {
            Stdio::inherit()
        })
        .output();
    let output = match run {
        Ok(output) => output,
        Err(e) => {
            return Err(format!(
                "curl, which downloads the files, could not run ({e}); install it, or download the files yourself"
            ));
        }
    };
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.trim().trim_start_matches("curl: ");
        return Err(match output.status.code() {
            Some(63) => format!("the file is larger than {} MB", MAX_BYTES / 1024 / 1024),
            _ if said.is_empty() => format!("curl stopped with {}", output.status),
            _ => said.to_string(),
        });
    }
    let written = String::from_utf8_lossy(&output.stdout);
    let (code, next) = written
        .trim()
        .split_once(' ')
        .unwrap_or((written.trim(), ""));
    match code.parse::<u16>() {
        Ok(300..=399) if !next.is_empty() => Ok(Answer::Redirect(next.to_string())),
        Ok(200..=299) => Ok(Answer::File),
        _ => Err(format!("the server answered {code}")),
    }
}

/// The host (without brackets) and port of an `http(s)://` address.
fn authority_of(url: &str) -> Option<(String, u16)> {
    let (scheme, rest) = url.split_once("://")?;
    let default = match scheme.to_ascii_lowercase().as_str() {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        Some(p) => p.parse().ok()?,
        None => default,
    };
    (!host.is_empty()).then(|| (host.to_string(), port))
}

/// The address `host` has, when it is one explainer may download from: not this machine, a
/// private or shared network, a link-local address (where clouds answer with their secrets), or
/// anything else not on the public internet, unless `allowed` names `host:port`.
fn public_address(host: &str, port: u16, allowed: &str) -> Result<std::net::IpAddr, String> {
    use std::net::ToSocketAddrs;
    let addresses: Vec<std::net::IpAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot find the address of {host} ({e})"))?
        .map(|a| a.ip())
        .collect();
    let first = *addresses
        .first()
        .ok_or_else(|| format!("{host} has no address"))?;
    let allowed = allowed
        .split(',')
        .any(|a| a.trim() == format!("{host}:{port}"));
    if allowed {
        return Ok(first);
    }
    match addresses.iter().find(|ip| !is_public(ip)) {
        Some(ip) => {
            let named = if ip.to_string() == host {
                host.to_string()
            } else {
                format!("{host} ({ip})")
            };
            Err(format!(
                "{named} is an address on this machine or a private network, which explainer does not download from"
            ))
        }
        None => Ok(first),
    }
}

/// Whether `ip` is an address of the public internet.
fn is_public(ip: &std::net::IpAddr) -> bool {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(&IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8
                || first == 0x0064 && v6.segments()[1] == 0xff9b)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_of_files_are_downloaded() {
        assert_eq!(
            file_extension("https://e.org/a/photo.JPG?w=2"),
            Some("jpg".into())
        );
        assert_eq!(
            file_extension("https://e.org/clip.mp4#t=3"),
            Some("mp4".into())
        );
        assert_eq!(file_extension("https://www.youtube.com/watch?v=abc"), None);
        assert_eq!(file_extension("https://e.org/gallery/"), None);
        assert_eq!(file_extension("https://e.org/page.html"), None);
    }

    #[test]
    fn addresses_of_this_machine_and_private_networks_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
        ] {
            let ip: std::net::IpAddr = ip.parse().unwrap();
            assert!(!is_public(&ip), "{ip}");
        }
        for ip in ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"] {
            let ip: std::net::IpAddr = ip.parse().unwrap();
            assert!(is_public(&ip), "{ip}");
        }
        assert!(public_address("127.0.0.1", 80, "").is_err());
        assert!(public_address("localhost", 80, "").is_err());
        assert!(public_address("127.0.0.1", 80, "127.0.0.1:8080").is_err());
        assert!(public_address("127.0.0.1", 8080, "127.0.0.1:8080").is_ok());
    }

    #[test]
    fn the_host_and_port_of_an_address() {
        assert_eq!(
            authority_of("https://user@e.org/a.jpg"),
            Some(("e.org".into(), 443))
        );
        assert_eq!(
            authority_of("http://[::1]:8080/a.jpg"),
            Some(("::1".into(), 8080))
        );
        assert_eq!(
            authority_of("http://127.0.0.1:9/x?y"),
            Some(("127.0.0.1".into(), 9))
        );
        assert_eq!(authority_of("ftp://e.org/a.jpg"), None);
    }
}
