//! Starting the server on its own runtime, and the handle that stops it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpSocket;
use tokio::runtime::Runtime;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinHandle;

use crate::api::{BuildFailure, Dynamic, Rebuild, ServeConfig};
use crate::error::ServeError;
use crate::host::Hosts;
use crate::http::{router, AppState};
use crate::live::LiveState;
use crate::watch::{self as watcher, Watching};

/// How long shutdown waits for open connections before dropping them.
const GRACE: Duration = Duration::from_secs(2);

/// Threads for blocking work (file look-ups, searches). tokio's default is 512: under 200
/// clients it started a thread per request in flight, and each thread's allocator heap took
/// the server to gigabytes. Requests beyond these wait in tokio's queue instead.
const BLOCKING_THREADS: usize = 4;

/// Dynamic requests (searches) running at once: fewer than the blocking threads, so that
/// static files are never stuck behind searches.
const DYNAMIC_AT_ONCE: usize = 2;

/// Threads answering connections (async, so a few serve any number of clients).
fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4))
}

/// A running server. Dropping it stops the server too; [`ServerHandle::shutdown`] says so
/// explicitly.
pub struct ServerHandle {
    /// The address the server listens on (with the real port when `0` was asked for).
    pub addr: SocketAddr,
    runtime: Option<Runtime>,
    server: Option<JoinHandle<std::io::Result<()>>>,
    stop: watch::Sender<bool>,
    live: Arc<LiveState>,
    watching: Option<Watching>,
}

impl ServerHandle {
    /// Stops watching (after the rebuild in progress, if any), ends the live-reload streams,
    /// and stops the server after at most a short grace period for open requests.
    ///
    /// Safe to call from inside another tokio runtime (tests do): it never blocks on one.
    pub fn shutdown(mut self) {
        self.stop_all();
    }

    /// Blocks until Ctrl-C or until the server stops by itself.
    pub(crate) fn wait(mut self) -> Result<(), ServeError> {
        let (Some(runtime), Some(server)) = (self.runtime.as_ref(), self.server.as_mut()) else {
            return Ok(());
        };
        let stopped = runtime.block_on(async {
            tokio::select! {
                signal = tokio::signal::ctrl_c() => {
                    if let Err(error) = signal {
                        tracing::warn!("cannot listen for Ctrl-C: {error}");
                        // Without a Ctrl-C handler the default one ends the process: wait on.
                        return Some(server.await);
                    }
                    None
                }
                result = &mut *server => Some(result),
            }
        });
        match stopped {
            None => {
                tracing::info!("stopping");
                self.stop_all();
                Ok(())
            }
            Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(error))) => Err(ServeError::Server(error)),
            Some(Err(join)) => Err(ServeError::Server(std::io::Error::other(join))),
        }
    }

    fn stop_all(&mut self) {
        if let Some(watching) = self.watching.take() {
            watching.stop();
        }
        let _ = self.stop.send(true);
        self.live.shutdown();
        if let Some(server) = self.server.take() {
            let deadline = Instant::now() + GRACE;
            while !server.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
            server.abort();
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.stop_all();
    }
}

impl std::fmt::Debug for ServerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerHandle")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// Binds, starts the HTTP server, the watcher and the rebuild thread, and returns at once.
pub(crate) fn start(
    config: ServeConfig,
    initial: Result<(), BuildFailure>,
    rebuild: Rebuild,
    dynamic: Option<Dynamic>,
) -> Result<ServerHandle, ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(worker_threads())
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_name("bookshelf-serve")
        .build()
        .map_err(ServeError::Threads)?;
    let listener = {
        let _guard = runtime.enter();
        bind(SocketAddr::new(config.host, config.port))?
    };
    let addr = listener.local_addr().map_err(|source| ServeError::Bind {
        addr: SocketAddr::new(config.host, config.port),
        source,
    })?;
    if !config.host.is_loopback() {
        tracing::warn!(
            "listening on {addr}: other machines on the network can see this site; \
             use `--host 127.0.0.1` to keep it to this computer"
        );
    }
    if config.host.is_unspecified() {
        tracing::info!(
            "answering requests for any IP address of this computer, `localhost` and this \
             computer's name; add other names with `--allow-host`"
        );
    }
    let live = Arc::new(LiveState::new(initial.as_ref().err()));
    if let Err(failure) = &initial {
        tracing::error!(
            "the site did not build; serving what is there\n{}",
            failure.text
        );
    }
    let machine = gethostname::gethostname().into_string().ok();
    let hosts = Hosts::new(addr, &config.allowed_hosts, machine);
    let app = router(
        AppState {
            site_dir: Arc::new(config.site_dir.clone()),
            live: Arc::clone(&live),
            dynamic,
            dynamic_slots: Arc::new(Semaphore::new(DYNAMIC_AT_ONCE)),
        },
        Arc::new(hosts),
    );
    let (stop, mut stopped) = watch::channel(false);
    let server = runtime.spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            })
            .await
    });
    let mut handle = ServerHandle {
        addr,
        runtime: Some(runtime),
        server: Some(server),
        stop,
        live,
        watching: None,
    };
    handle.watching = Some(watcher::start(&config, rebuild, Arc::clone(&handle.live))?);

    // A browser cannot open 0.0.0.0 everywhere: show and open the loopback form instead.
    let shown = match addr.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::from(([127, 0, 0, 1], addr.port()))
        }
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, addr.port()))
        }
        _ => addr,
    };
    let url = format!("http://{shown}/");
    tracing::info!("serving the site at {url} (press Ctrl-C to stop)");
    if config.open {
        if let Err(error) = opener::open(&url) {
            tracing::warn!("could not open a browser at {url}: {error}");
        }
    }
    Ok(handle)
}

/// Binds with a backlog large enough for a burst of connections (a page and its assets, many
/// tabs), and with `SO_REUSEADDR` on Unix so that a restarted server can take its port back at
/// once. Must run inside the runtime.
fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, ServeError> {
    let error = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::PortInUse { port: addr.port() },
        _ => ServeError::Bind { addr, source },
    };
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()
    } else {
        TcpSocket::new_v6()
    }
    .map_err(error)?;
    #[cfg(unix)]
    socket.set_reuseaddr(true).map_err(error)?;
    socket.bind(addr).map_err(error)?;
    socket.listen(1024).map_err(error)
}
