//! Errors that stop the server from starting or running.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Why serving failed.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Another program already listens on the port.
    #[error(
        "port {port} is already in use: stop the other server or choose another port with `--port`"
    )]
    PortInUse {
        /// The port that was asked for.
        port: u16,
    },
    /// The address could not be bound for another reason (no such interface, no permission).
    #[error("could not listen on `{addr}`")]
    Bind {
        /// The address that was asked for.
        addr: SocketAddr,
        /// The system's reason.
        #[source]
        source: io::Error,
    },
    /// A watched path could not be watched.
    #[error("could not watch `{}`", path.display())]
    Watch {
        /// The path that was asked for.
        path: PathBuf,
        /// The watcher's reason.
        #[source]
        source: notify::Error,
    },
    /// The async runtime or the rebuild thread could not be started.
    #[error("could not start the server's threads")]
    Threads(#[source] io::Error),
    /// The HTTP server stopped with an error.
    #[error("the HTTP server stopped")]
    Server(#[source] io::Error),
}
