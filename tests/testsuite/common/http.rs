//! A static web server that serves a built site the way GitHub Pages does, and a client to ask it:
//! the site lives under a path prefix (`/iraq-explainer/`), a folder serves its `index.html`, the
//! prefix without its slash redirects, and any other address gets `404.html` with status 404.
//!
//! One thread accepts connections on 127.0.0.1 and answers one request per connection.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

pub struct Server {
    pub addr: SocketAddr,
}

/// A response: its status, content type and body.
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// `%41` → `A`; anything malformed is left as it is.
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    reason: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) {
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn handle(mut stream: TcpStream, root: &Path, prefix: &str) {
    let mut request = Vec::new();
    let mut buf = [0; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let request = String::from_utf8_lossy(&request);
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));

    if format!("{path}/") == prefix {
        return respond(
            &mut stream,
            301,
            "Moved Permanently",
            &[("Location", prefix)],
            b"",
        );
    }
    let file = path.strip_prefix(prefix).and_then(|rel| {
        let rel = Path::new(rel);
        // Only plain names: no `..`, no absolute parts.
        rel.components()
            .all(|c| matches!(c, Component::Normal(_)))
            .then(|| root.join(rel))
    });
    match file {
        Some(file) if file.is_dir() && path.ends_with('/') => {
            serve_file(&mut stream, &file.join("index.html"), root)
        }
        Some(file) if file.is_dir() => {
            let location = format!("{path}/");
            respond(
                &mut stream,
                301,
                "Moved Permanently",
                &[("Location", &location)],
                b"",
            )
        }
        Some(file) if file.is_file() => serve_file(&mut stream, &file, root),
        _ => not_found(&mut stream, root),
    }
}

fn serve_file(stream: &mut TcpStream, file: &Path, root: &Path) {
    match std::fs::read(file) {
        Ok(body) => respond(
            stream,
            200,
            "OK",
            &[("Content-Type", content_type(file))],
            &body,
        ),
        Err(_) => not_found(stream, root),
    }
}

fn not_found(stream: &mut TcpStream, root: &Path) {
    let body = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"Not Found".to_vec());
    respond(
        stream,
        404,
        "Not Found",
        &[("Content-Type", "text/html; charset=utf-8")],
        &body,
    );
}

impl Server {
    /// Serves the folder `root` under `prefix` (`/` or `/name/`) on a free port of 127.0.0.1.
    pub fn start(root: &Path, prefix: &str) -> Server {
        assert!(
            prefix.starts_with('/') && prefix.ends_with('/'),
            "prefix {prefix}"
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port on 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let root: PathBuf = root.to_path_buf();
        let prefix = prefix.to_string();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                handle(stream, &root, &prefix);
            }
        });
        Server { addr }
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `GET path` (absolute path, with any query), over a fresh connection.
    pub fn get(&self, path: &str) -> Response {
        let mut stream = TcpStream::connect(self.addr).expect("connect to the test server");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .expect("send the request");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the response");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let header = |name: &str| {
            head.lines().skip(1).find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
        };
        Response {
            status,
            content_type: header("Content-Type").unwrap_or_default(),
            location: header("Location"),
            body: raw[split + 4..].to_vec(),
        }
    }
}
