//! Which `Host` values the server answers, against DNS rebinding.
//!
//! A web page elsewhere can point a name it controls (`evil.example`) at 127.0.0.1 once the
//! page has loaded; its scripts can then read `http://evil.example:3000/` as their own origin:
//! drafts, search and the error overlay. The browser still sends `Host: evil.example:3000`, so
//! the server refuses every name it was not started for (Vite and webpack-dev-server check
//! it for the same reason). The port is not compared: a rebinding attack cannot change the
//! name, and a port forwarded by a container or tunnel should still work.
//!
//! Accepted:
//! - always: the address the server listens on, as written in `Host` (`127.0.0.1`, `[::1]`,
//!   `192.168.1.20`), and the names given in [`ServeConfig::allowed_hosts`](crate::ServeConfig);
//! - listening on a loopback address: `localhost`, `127.0.0.1` and `[::1]`;
//! - listening on every interface (`0.0.0.0` or `::`): any IP address (a rebinding attack
//!   needs a name), `localhost`, and this machine's name, alone or followed by `.local`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The names and addresses this server answers to.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    listen: SocketAddr,
    /// Lower-case names accepted besides IP addresses.
    names: Vec<String>,
}

impl Hosts {
    /// The rules for a server bound to `listen`, with extra `allowed` names and this machine's
    /// name (`machine`, used only when listening on every interface).
    pub(crate) fn new(listen: SocketAddr, allowed: &[String], machine: Option<String>) -> Self {
        let mut names: Vec<String> = allowed.iter().map(|n| n.to_ascii_lowercase()).collect();
        let ip = listen.ip();
        if ip.is_loopback() || ip.is_unspecified() {
            names.push("localhost".into());
        }
        if ip.is_unspecified() {
            if let Some(machine) = machine.filter(|m| !m.is_empty()) {
                let machine = machine.to_ascii_lowercase();
                names.push(format!("{machine}.local"));
                names.push(machine);
            }
        }
        Self { listen, names }
    }

    /// Whether a request whose `Host` header (or URI authority) is `host` is answered.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        let listen = self.listen.ip();
        if let Ok(ip) = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return ip == listen
                || listen.is_unspecified()
                || (listen.is_loopback() && ip.is_loopback());
        }
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        self.names.contains(&name)
    }

    /// The plain-text page a refused request gets.
    fn refusal(&self, host: Option<&str>) -> String {
        let asked = match host {
            Some(host) => format!("`{host}`"),
            None => "no address (the request has no `Host` header)".into(),
        };
        let port = self.listen.port();
        let expected = if self.listen.ip().is_unspecified() {
            format!(
                "an IP address of this computer, `localhost`{}",
                self.names
                    .iter()
                    .filter(|n| *n != "localhost")
                    .map(|n| format!(", `{n}`"))
                    .collect::<String>()
            )
        } else {
            let shown = SocketAddr::new(self.listen.ip(), port);
            let mut list = format!("`{shown}`");
            for name in &self.names {
                list.push_str(&format!(", `{name}:{port}`"));
            }
            list
        };
        format!(
            "This bookshelf server answers only addresses it was started for: {expected}.\n\
             This request asked for {asked}. A web page on another site may be trying to read \
             this one by pointing its own name at this computer (DNS rebinding), so it is refused.\n\
             If you typed this address yourself, start the server with `--allow-host NAME`.\n"
        )
    }
}

/// The name part of a `Host` value: `name`, `name:port`, `[v6]` or `[v6]:port`; `None` when
/// it is malformed.
fn host_name(host: &str) -> Option<&str> {
    let host = host.trim();
    if host.starts_with('[') {
        let end = host.find(']')?;
        let rest = &host[end + 1..];
        return (rest.is_empty() || is_port(rest.strip_prefix(':')?)).then(|| &host[..=end]);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') => is_port(port).then_some(name),
        Some(_) => None, // a bare IPv6 address must be in brackets
        None => Some(host),
    }
    .filter(|name| !name.is_empty())
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Middleware: answers 421 Misdirected Request, with a short explanation, to any request
/// whose host is not one of ours. HTTP/2 carries it in the URI, HTTP/1.1 in `Host`.
pub(crate) async fn check(
    State(hosts): State<std::sync::Arc<Hosts>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .uri()
        .authority()
        .map(|a| a.as_str().to_owned())
        .or_else(|| {
            request
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_owned)
        });
    match host {
        Some(host) if hosts.allows(&host) => next.run(request).await,
        host => {
            tracing::warn!(
                "refused a request for host {}: not an address this server was started for",
                host.as_deref().unwrap_or("(none)")
            );
            (
                StatusCode::MISDIRECTED_REQUEST,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                hosts.refusal(host.as_deref()),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(listen: &str) -> Hosts {
        Hosts::new(listen.parse().unwrap(), &[], Some("Shelf-PC".into()))
    }

    #[test]
    fn loopback_accepts_its_own_names_with_or_without_the_port() {
        let h = hosts("127.0.0.1:3000");
        for ok in [
            "127.0.0.1",
            "127.0.0.1:3000",
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:3000",
            "localhost.",
            "[::1]",
            "[::1]:3000",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
    }

    #[test]
    fn rebinding_names_and_malformed_hosts_are_refused() {
        let h = hosts("127.0.0.1:3000");
        for bad in [
            "evil.example",
            "evil.example:3000",
            "localhost.evil.example",
            "127.0.0.1.nip.io:3000",
            "shelf-pc",
            "192.168.1.20",
            "",
            ":3000",
            "localhost:abc",
            "localhost:3000:1",
            "::1",
            "[::1",
            "[::1]x",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
    }

    #[test]
    fn a_specific_address_accepts_only_itself() {
        let h = hosts("192.168.1.20:3000");
        assert!(h.allows("192.168.1.20:3000"));
        assert!(!h.allows("localhost:3000"));
        assert!(!h.allows("10.0.0.1:3000"));
        assert!(!h.allows("shelf-pc:3000"));
    }

    #[test]
    fn every_interface_accepts_ip_addresses_localhost_and_the_machine_name() {
        let h = hosts("0.0.0.0:3000");
        for ok in [
            "192.168.1.20:3000",
            "10.0.0.1",
            "[fe80::1]:3000",
            "localhost:3000",
            "shelf-pc:3000",
            "Shelf-PC.local",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        assert!(!h.allows("evil.example:3000"));
        assert!(!h.allows("shelf-pc.evil.example"));
    }

    #[test]
    fn names_given_by_the_user_are_accepted_in_any_case() {
        let h = Hosts::new(
            "127.0.0.1:3000".parse().unwrap(),
            &["Shelf.Test".into()],
            None,
        );
        assert!(h.allows("shelf.test:3000"));
        assert!(!h.allows("other.test:3000"));
    }

    #[test]
    fn the_refusal_names_what_was_asked_and_what_is_accepted() {
        let text = hosts("127.0.0.1:3000").refusal(Some("evil.example:3000"));
        assert!(text.contains("`evil.example:3000`"), "{text}");
        assert!(
            text.contains("`127.0.0.1:3000`, `localhost:3000`"),
            "{text}"
        );
        assert!(text.contains("DNS rebinding"), "{text}");
        let text = hosts("0.0.0.0:3000").refusal(None);
        assert!(text.contains("no address"), "{text}");
        assert!(
            text.contains(
                "an IP address of this computer, `localhost`, `shelf-pc.local`, `shelf-pc`"
            ),
            "{text}"
        );
    }
}
