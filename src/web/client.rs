//! The client's address, for throttling: the peer, or — when the peer is a trusted reverse
//! proxy — the last address in `X-Forwarded-For` that is not one of ours.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::state::AppState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    /// The address as limits count it: an IPv6 address by its /64, which is what one home or
    /// phone gets (counting single IPv6 addresses would let one household through unlimited).
    pub fn counted_as(self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
        }
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let trusted = |ip: &IpAddr| {
            state
                .config
                .trusted_proxies
                .iter()
                .any(|net| net.contains(ip))
        };
        if !trusted(&peer) {
            return Ok(ClientIp(peer));
        }
        // Walk the chain from the nearest hop; the first address we do not trust is the client.
        let forwarded: Vec<IpAddr> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        let client = forwarded.iter().rev().find(|ip| !trusted(ip)).copied();
        Ok(ClientIp(
            client.or(forwarded.first().copied()).unwrap_or(peer),
        ))
    }
}
