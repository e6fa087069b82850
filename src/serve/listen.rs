//! Starting to listen: the port asked for, or the next free one after the default; and every reason
//! `serve` can fail to start, as one error type for the binary to print.

use std::error::Error;
use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use tiny_http::Server;

/// How many ports after the default to try when it is busy.
pub(super) const PORT_TRIES: u16 = 20;

/// Why `serve` could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port asked for is busy; or the default one is, and so are the next ones.
    PortInUse {
        bind: IpAddr,
        /// The last port tried.
        port: u16,
        /// Whether the user chose the port (`--port`).
        explicit: bool,
    },
    /// The system refused to listen for another reason.
    Listen {
        bind: IpAddr,
        port: u16,
        source: Box<dyn Error + Send + Sync>,
    },
    /// The server is listening on something other than an IP address.
    NotIp,
    /// The sources cannot be watched for changes.
    Watch {
        root: PathBuf,
        source: notify::Error,
    },
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::PortInUse {
                bind,
                port,
                explicit: true,
            } => write!(
                f,
                "port {port} on {bind} is already in use; choose another with --port, or --port 0 for any free port"
            ),
            ServeError::PortInUse { bind, port, .. } => write!(
                f,
                "port {port} on {bind} is already in use, and so are the next {} ports; choose one with --port",
                PORT_TRIES - 1
            ),
            ServeError::Listen { bind, port, source } => {
                write!(f, "cannot listen on {bind}:{port}: {source}")
            }
            ServeError::NotIp => write!(f, "the server is not listening on an IP address"),
            ServeError::Watch { root, source } => {
                write!(f, "cannot watch {} for changes: {source}", root.display())
            }
        }
    }
}

impl Error for ServeError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            ServeError::Listen { source, .. } => Some(&**source),
            ServeError::Watch { source, .. } => Some(source),
            ServeError::PortInUse { .. } | ServeError::NotIp => None,
        }
    }
}

/// Listens on `bind:port`; a busy default port (`explicit` false, `port` not 0) moves on to the
/// next free one.
pub(super) fn bind(bind: IpAddr, port: u16, explicit: bool) -> Result<Server, ServeError> {
    let tries = if explicit || port == 0 { 1 } else { PORT_TRIES };
    let mut last = port;
    for offset in 0..tries {
        let port = port.saturating_add(offset);
        match Server::http(SocketAddr::new(bind, port)) {
            Ok(server) => return Ok(server),
            Err(source) => {
                let in_use = source
                    .downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::AddrInUse);
                if !in_use {
                    return Err(ServeError::Listen { bind, port, source });
                }
                last = port;
            }
        }
    }
    Err(ServeError::PortInUse {
        bind,
        port: last,
        explicit,
    })
}
