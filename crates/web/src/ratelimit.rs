//! Login rate limiting: failed attempts counted per user name and per client
//! address in a sliding window, kept in memory (a restart forgets them).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many failed logins are allowed within a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// Failed attempts per user name.
    pub per_user: usize,
    /// Failed attempts per client address.
    pub per_address: usize,
    /// The sliding window.
    pub window: Duration,
}

impl Default for LoginLimits {
    /// 5 failures per name and 20 per address in 15 minutes.
    fn default() -> Self {
        LoginLimits {
            per_user: 5,
            per_address: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// Most keys tracked; past this, the oldest-idle keys are dropped so that a
/// flood of made-up names cannot grow memory without bound.
const MAX_KEYS: usize = 50_000;

/// Failed-login counters.
pub(crate) struct LoginLimiter {
    limits: LoginLimits,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// A limiter with these limits.
    pub(crate) fn new(limits: LoginLimits) -> Self {
        LoginLimiter {
            limits,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn keys(user: &str, addr: Option<IpAddr>) -> (String, Option<String>) {
        (format!("u:{}", user.to_lowercase()), addr.map(|a| format!("a:{a}")))
    }

    /// `Err(seconds)` when the name or the address has used up its failed
    /// attempts; the seconds say when the oldest counted failure expires.
    pub(crate) fn check(&self, user: &str, addr: Option<IpAddr>) -> Result<(), u64> {
        let now = Instant::now();
        let (u, a) = Self::keys(user, addr);
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut wait = None;
        for (key, limit) in [(Some(u), self.limits.per_user), (a, self.limits.per_address)] {
            let Some(key) = key else { continue };
            if let Some(q) = map.get_mut(&key) {
                while q.front().is_some_and(|t| now.duration_since(*t) >= self.limits.window) {
                    q.pop_front();
                }
                if q.len() >= limit {
                    let oldest = q.front().copied().unwrap_or(now);
                    let left = self.limits.window.saturating_sub(now.duration_since(oldest));
                    let secs = left.as_secs().max(1);
                    wait = Some(wait.map_or(secs, |w: u64| w.max(secs)));
                }
            }
        }
        match wait {
            Some(secs) => Err(secs),
            None => Ok(()),
        }
    }

    /// Counts a failed attempt against the name and the address.
    pub(crate) fn failed(&self, user: &str, addr: Option<IpAddr>) {
        let now = Instant::now();
        let (u, a) = Self::keys(user, addr);
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_KEYS {
            let window = self.limits.window;
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
            if map.len() >= MAX_KEYS {
                map.clear();
            }
        }
        for key in [Some(u), a].into_iter().flatten() {
            map.entry(key).or_default().push_back(now);
        }
    }

    /// Forgets the name's failures after a successful login (the address's
    /// stay counted).
    pub(crate) fn succeeded(&self, user: &str) {
        let (u, _) = Self::keys(user, None);
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(&u);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_user_and_address() {
        let l = LoginLimiter::new(LoginLimits {
            per_user: 2,
            per_address: 3,
            window: Duration::from_secs(60),
        });
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(l.check("ana", Some(a)).is_ok());
        l.failed("ana", Some(a));
        l.failed("Ana", Some(a));
        assert!(l.check("ana", Some(b)).is_err(), "per user, whatever the address");
        assert!(l.check("bo", Some(a)).is_ok());
        l.failed("bo", Some(a));
        assert!(l.check("cy", Some(a)).is_err(), "per address, whatever the name");
        assert!(l.check("cy", Some(b)).is_ok());
        l.succeeded("ana");
        assert!(l.check("ana", Some(b)).is_ok());
    }
}
