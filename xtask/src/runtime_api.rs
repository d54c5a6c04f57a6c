//! A Lambda Runtime API emulator for one cold start: it hands the function one event,
//! notes when the function first asked for work and when it answered, and keeps every
//! later `next` waiting (as Lambda does between invocations) until it is dropped.
//!
//! Plain HTTP/1.1 on loopback with keep-alive (the runtime client reuses connections),
//! a thread per connection; only the routes a runtime client calls.

use crate::http::dechunk;
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The request id of the one invocation.
const REQUEST_ID: &str = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";

/// What the function did, with when.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    /// The first `GET /runtime/invocation/next`: the end of init.
    pub first_next: Option<Instant>,
    /// `POST /runtime/invocation/<id>/response`: when it arrived, and its body.
    pub response: Option<(Instant, Vec<u8>)>,
    /// `POST /runtime/init/error` or `/runtime/invocation/<id>/error`: its body.
    pub error: Option<Vec<u8>>,
}

#[derive(Default)]
struct State {
    seen: Seen,
    handed_out: bool,
    stopping: bool,
}

struct Shared {
    event: Vec<u8>,
    state: Mutex<State>,
    changed: Condvar,
}

/// One emulator, serving one invocation of `event`.
pub struct RuntimeApi {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl RuntimeApi {
    /// Listens on a free loopback port.
    pub fn start(event: Vec<u8>) -> Result<RuntimeApi> {
        let listener = TcpListener::bind("127.0.0.1:0").context("binding the runtime API")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            event,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let for_acceptor = shared.clone();
        let acceptor = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if for_acceptor.lock().stopping {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let shared = for_acceptor.clone();
                std::thread::spawn(move || {
                    // A connection that breaks ends its thread; what it recorded stays.
                    let _ = serve(&shared, stream);
                });
            }
        });
        Ok(RuntimeApi {
            addr,
            shared,
            acceptor: Some(acceptor),
        })
    }

    /// `host:port`, for `AWS_LAMBDA_RUNTIME_API`.
    pub fn address(&self) -> String {
        self.addr.to_string()
    }

    /// Waits until the function answered (or reported an error), `gone()` says it exited,
    /// or `timeout` passed; returns what was seen by then.
    pub fn wait(&self, timeout: Duration, mut gone: impl FnMut() -> bool) -> Seen {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        loop {
            let done = state.seen.response.is_some() || state.seen.error.is_some();
            if done || gone() || Instant::now() >= deadline || crate::proc::interrupted() {
                return state.seen.clone();
            }
            state = match self
                .shared
                .changed
                .wait_timeout(state, Duration::from_millis(5))
            {
                Ok((s, _)) => s,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.shared.lock().stopping = true;
        self.shared.changed.notify_all();
        // Wake the acceptor so it sees `stopping`.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

struct Request {
    method: String,
    path: String,
    body: Vec<u8>,
}

fn serve(shared: &Shared, stream: TcpStream) -> Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    while let Some(req) = read_request(&mut reader)? {
        let at = Instant::now();
        let path = req
            .path
            .strip_prefix("/2018-06-01/runtime")
            .unwrap_or(&req.path);
        match (req.method.as_str(), path) {
            ("GET", "/invocation/next") => {
                let first = {
                    let mut state = shared.lock();
                    state.seen.first_next.get_or_insert(at);
                    !std::mem::replace(&mut state.handed_out, true)
                };
                shared.changed.notify_all();
                if !first {
                    // Lambda would freeze the process here; keep it waiting until the end.
                    let mut state = shared.lock();
                    while !state.stopping {
                        state = shared
                            .changed
                            .wait(state)
                            .unwrap_or_else(|p| p.into_inner());
                    }
                    return Ok(());
                }
                let deadline_ms = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_millis() + 30_000)
                    .unwrap_or(0);
                let headers = [
                    ("Content-Type", "application/json".to_string()),
                    ("Lambda-Runtime-Aws-Request-Id", REQUEST_ID.to_string()),
                    ("Lambda-Runtime-Deadline-Ms", deadline_ms.to_string()),
                    (
                        "Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:coldstart".to_string(),
                    ),
                    (
                        "Lambda-Runtime-Trace-Id",
                        "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"
                            .to_string(),
                    ),
                ];
                respond(&mut writer, 200, &headers, &shared.event)?;
            }
            ("POST", p) if p.starts_with("/invocation/") && p.ends_with("/response") => {
                shared.lock().seen.response = Some((at, req.body));
                shared.changed.notify_all();
                respond(&mut writer, 202, &[], br#"{"status":"OK"}"#)?;
            }
            ("POST", p) if p == "/init/error" || p.ends_with("/error") => {
                shared.lock().seen.error = Some(req.body);
                shared.changed.notify_all();
                respond(&mut writer, 202, &[], br#"{"status":"OK"}"#)?;
            }
            _ => respond(&mut writer, 404, &[], b"{}")?,
        }
    }
    Ok(())
}

/// One request, or `None` when the client closed the connection between requests.
fn read_request(reader: &mut impl BufRead) -> Result<Option<Request>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
        bail!("bad request line {line:?}");
    };
    let (method, path) = (method.to_string(), path.to_string());
    let mut length = 0usize;
    let mut chunked = false;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            bail!("connection closed inside a request head");
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            if name == "content-length" {
                length = value.parse().context("bad Content-Length")?;
            } else if name == "transfer-encoding" && value.to_ascii_lowercase().contains("chunked")
            {
                chunked = true;
            }
        }
    }
    let body = if chunked {
        read_chunked(reader)?
    } else {
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        body
    };
    Ok(Some(Request { method, path, body }))
}

/// Reads a chunked body up to and including its last chunk, then decodes it.
fn read_chunked(reader: &mut impl BufRead) -> Result<Vec<u8>> {
    let mut raw = Vec::new();
    loop {
        let mut size_line = String::new();
        if reader.read_line(&mut size_line)? == 0 {
            bail!("connection closed inside a chunked body");
        }
        raw.extend_from_slice(size_line.as_bytes());
        let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("").trim(), 16)
            .context("bad chunk size")?;
        if size == 0 {
            // Trailers (none expected) end with an empty line.
            loop {
                let mut trailer = String::new();
                if reader.read_line(&mut trailer)? == 0 || trailer.trim_end().is_empty() {
                    break;
                }
            }
            raw.extend_from_slice(b"\r\n");
            return dechunk(&raw);
        }
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk)?;
        raw.extend_from_slice(&chunk);
    }
}

fn respond(
    out: &mut impl Write,
    status: u16,
    headers: &[(&str, String)],
    body: &[u8],
) -> Result<()> {
    let reason = match status {
        200 => "OK",
        202 => "Accepted",
        _ => "Not Found",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A runtime client's conversation: next (the event), response, next (kept waiting).
    #[test]
    fn hands_out_one_event_and_records_the_response() {
        let api = RuntimeApi::start(br#"{"hello":1}"#.to_vec()).unwrap();
        let addr: SocketAddr = api.address().parse().unwrap();
        let mut conn = TcpStream::connect(addr).unwrap();
        conn.write_all(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(conn.try_clone().unwrap());
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let mut length = 0;
        let mut request_id = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let line = line.trim_end().to_ascii_lowercase();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            if let Some(v) = line.strip_prefix("lambda-runtime-aws-request-id:") {
                request_id = v.trim().to_string();
            }
        }
        let mut event = vec![0; length];
        reader.read_exact(&mut event).unwrap();
        assert_eq!(event, br#"{"hello":1}"#);

        let body = "5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n";
        conn.write_all(
            format!(
                "POST /2018-06-01/runtime/invocation/{request_id}/response HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{body}"
            )
            .as_bytes(),
        )
        .unwrap();
        let seen = api.wait(Duration::from_secs(10), || false);
        let first_next = seen.first_next.expect("the first next was recorded");
        let (answered, response) = seen.response.expect("the response was recorded");
        assert_eq!(response, br#"{"a":1}"#);
        assert!(answered >= first_next);
        assert!(seen.error.is_none());
    }

    #[test]
    fn records_an_init_error() {
        let api = RuntimeApi::start(b"{}".to_vec()).unwrap();
        let addr: SocketAddr = api.address().parse().unwrap();
        let mut conn = TcpStream::connect(addr).unwrap();
        conn.write_all(
            b"POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nboom",
        )
        .unwrap();
        let seen = api.wait(Duration::from_secs(10), || false);
        assert_eq!(seen.error.as_deref(), Some(&b"boom"[..]));
        assert!(seen.first_next.is_none() && seen.response.is_none());
    }
}
