//! Accounts: users with argon2id password hashes and roles, browser sessions
//! and API tokens (both stored as SHA-256 hashes only).
//!
//! Secrets never rest in the database in the clear: a password is kept as an
//! argon2id PHC string; a session or API token is 32 random bytes shown to
//! its owner once (hex) and stored as the SHA-256 of that text, which is
//! enough for a high-entropy secret and lets a look-up be one indexed query.

use crate::error::{Context as _, data_error};
use crate::{Result, Store};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use rusqlite::{OptionalExtension as _, TransactionBehavior, params};
use sha2::{Digest as _, Sha256};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;
use std::time::Duration;

/// How long a browser session lasts after login.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 60 * 60);

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Longest password accepted, in bytes (argon2 accepts more; a cap keeps a
/// login request from being an expensive way to send megabytes).
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// What an account may do. Each role includes the ones below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UserRole {
    /// Reads cases, articles, people and the audit log.
    Viewer,
    /// Also reviews: confirms, rejects and edits events, merges and splits people.
    Editor,
    /// Also manages users.
    Admin,
}

impl UserRole {
    /// Every role, lowest first.
    pub const ALL: &'static [UserRole] = &[UserRole::Viewer, UserRole::Editor, UserRole::Admin];

    /// The role's name (`"editor"`).
    pub fn as_str(self) -> &'static str {
        match self {
            UserRole::Viewer => "viewer",
            UserRole::Editor => "editor",
            UserRole::Admin => "admin",
        }
    }

    /// Whether the role may make review decisions.
    pub fn can_review(self) -> bool {
        self >= UserRole::Editor
    }

    /// Whether the role may manage users and tokens.
    pub fn can_admin(self) -> bool {
        self >= UserRole::Admin
    }
}

impl fmt::Display for UserRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that is not a role name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected admin, editor or viewer)")]
pub struct UnknownRole(pub String);

impl FromStr for UserRole {
    type Err = UnknownRole;
    fn from_str(s: &str) -> std::result::Result<Self, UnknownRole> {
        match s {
            "viewer" => Ok(UserRole::Viewer),
            "editor" => Ok(UserRole::Editor),
            "admin" => Ok(UserRole::Admin),
            _ => Err(UnknownRole(s.to_string())),
        }
    }
}

/// A user account (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Login name.
    pub name: String,
    /// What the user may do.
    pub role: UserRole,
    /// When the account was made (RFC 3339, UTC).
    pub created_at: String,
}

/// An API token's description (never the token or its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The token's name (who or what uses it).
    pub name: String,
    /// What the token may do.
    pub role: UserRole,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
}

/// A new browser session: the token for the cookie and when it expires.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The session token (64 hex characters); only its hash is stored.
    pub token: String,
    /// Expiry (RFC 3339, UTC).
    pub expires_at: String,
}

impl fmt::Debug for NewSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewSession")
            .field("token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// 32 random bytes as 64 lower-case hex characters.
fn random_token() -> std::result::Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The stored form of a session or API token: hex SHA-256 of its text.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Checks a login or token name: 1–64 characters of letters, digits and `._@-`.
pub fn validate_name(name: &str) -> std::result::Result<(), String> {
    let n = name.chars().count();
    if n == 0 || n > 64 {
        return Err(format!("a name has 1 to 64 characters, {name:?} has {n}"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '@' | '-')))
    {
        return Err(format!(
            "a name has letters, digits and . _ @ - only; {name:?} has {c:?}"
        ));
    }
    Ok(())
}

/// Checks a new password: at least [`MIN_PASSWORD_CHARS`] characters, at most
/// [`MAX_PASSWORD_BYTES`] bytes.
pub fn validate_password(password: &str) -> std::result::Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!("a password has at least {MIN_PASSWORD_CHARS} characters"));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(format!("a password has at most {MAX_PASSWORD_BYTES} bytes"));
    }
    Ok(())
}

/// A PHC hash of a password nobody has, verified against when the user does
/// not exist, so that a login for an unknown name takes as long as one for
/// a known name with a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        Argon2::default()
            .hash_password_with_salt(b"casewatch-no-such-user", b"casewatch-dummy-salt")
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

fn verify(password: &str, phc: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

fn parse_role(store: &Store, what: &str, s: &str) -> Result<UserRole> {
    s.parse().map_err(|e| data_error(&store.path, what, e))
}

impl Store {
    fn hash_password(&self, name: &str, password: &str) -> Result<String> {
        validate_password(password).map_err(|d| crate::error::invalid(&self.path, format!("password of {name}"), d))?;
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| data_error(&self.path, format!("hashing the password of {name}"), e))
    }

    /// Adds a user with an argon2id hash of `password`.
    ///
    /// Errors: [`crate::StoreError::Invalid`] for a bad name, a password shorter
    /// than [`MIN_PASSWORD_CHARS`] or a name already taken.
    pub fn add_user(&mut self, name: &str, role: UserRole, password: &str) -> Result<User> {
        validate_name(name).map_err(|d| crate::error::invalid(&self.path, "user name", d))?;
        let hash = self.hash_password(name, password)?;
        let now = crate::now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&self.path, || format!("adding user {name}"))?;
        let exists: bool = tx
            .query_row("SELECT EXISTS (SELECT 1 FROM users WHERE name = ?1)", [name], |r| {
                r.get(0)
            })
            .ctx(&self.path, || format!("looking up user {name}"))?;
        if exists {
            return Err(crate::error::invalid(
                &self.path,
                "user name",
                format!("a user named {name:?} exists"),
            ));
        }
        tx.execute(
            "INSERT INTO users (name, role, password_hash, created_at, password_changed_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![name, role.as_str(), hash, now],
        )
        .ctx(&self.path, || format!("adding user {name}"))?;
        tx.commit().ctx(&self.path, || format!("adding user {name}"))?;
        Ok(User {
            name: name.to_string(),
            role,
            created_at: now,
        })
    }

    /// Every user, by name.
    pub fn users(&self) -> Result<Vec<User>> {
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT name, role, created_at FROM users ORDER BY name")
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(&self.path, || "listing users")?;
        rows.into_iter()
            .map(|(name, role, created_at)| {
                Ok(User {
                    role: parse_role(self, &format!("role of user {name}"), &role)?,
                    name,
                    created_at,
                })
            })
            .collect()
    }

    /// One user by name.
    pub fn user(&self, name: &str) -> Result<Option<User>> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT role, created_at FROM users WHERE name = ?1")
            .and_then(|mut st| st.query_row([name], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .ctx(&self.path, || format!("reading user {name}"))?;
        row.map(|(role, created_at)| {
            Ok(User {
                role: parse_role(self, &format!("role of user {name}"), &role)?,
                name: name.to_string(),
                created_at,
            })
        })
        .transpose()
    }

    /// Removes a user and their sessions. Returns whether the user existed.
    pub fn remove_user(&mut self, name: &str) -> Result<bool> {
        let n = self
            .conn
            .execute("DELETE FROM users WHERE name = ?1", [name])
            .ctx(&self.path, || format!("removing user {name}"))?;
        Ok(n > 0)
    }

    /// Sets a user's password and ends their sessions. Returns whether the
    /// user exists.
    ///
    /// Errors: [`crate::StoreError::Invalid`] for a password that is too short.
    pub fn set_password(&mut self, name: &str, password: &str) -> Result<bool> {
        let hash = self.hash_password(name, password)?;
        let now = crate::now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&self.path, || format!("changing the password of {name}"))?;
        let n = tx
            .execute(
                "UPDATE users SET password_hash = ?2, password_changed_at = ?3 WHERE name = ?1",
                params![name, hash, now],
            )
            .ctx(&self.path, || format!("changing the password of {name}"))?;
        tx.execute(
            "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?1)",
            [name],
        )
        .ctx(&self.path, || format!("ending the sessions of {name}"))?;
        tx.commit()
            .ctx(&self.path, || format!("changing the password of {name}"))?;
        Ok(n > 0)
    }

    /// Changes a user's role. Returns whether the user exists.
    pub fn set_role(&mut self, name: &str, role: UserRole) -> Result<bool> {
        let n = self
            .conn
            .execute(
                "UPDATE users SET role = ?2 WHERE name = ?1",
                params![name, role.as_str()],
            )
            .ctx(&self.path, || format!("changing the role of {name}"))?;
        Ok(n > 0)
    }

    /// Checks a name and password. `Some(user)` when they match; `None` for a
    /// wrong password or an unknown name (which costs the same time).
    pub fn verify_password(&self, name: &str, password: &str) -> Result<Option<User>> {
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT role, created_at, password_hash FROM users WHERE name = ?1")
            .and_then(|mut st| {
                st.query_row([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .ctx(&self.path, || format!("reading user {name}"))?;
        let Some((role, created_at, phc)) = row else {
            let _ = verify(password, dummy_hash());
            return Ok(None);
        };
        if !verify(password, &phc) {
            return Ok(None);
        }
        Ok(Some(User {
            role: parse_role(self, &format!("role of user {name}"), &role)?,
            name: name.to_string(),
            created_at,
        }))
    }

    /// Starts a session for a user (and deletes expired sessions). The token
    /// goes into the cookie; only its hash is stored.
    ///
    /// Errors: [`crate::StoreError::Invalid`] when there is no such user.
    pub fn create_session(&mut self, name: &str) -> Result<NewSession> {
        let token = random_token().map_err(|e| data_error(&self.path, "making a session token", e))?;
        let now = chrono::Utc::now();
        let ttl = chrono::Duration::from_std(SESSION_TTL).unwrap_or(chrono::Duration::hours(12));
        let expires_at = (now + ttl).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let now = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&self.path, || format!("starting a session for {name}"))?;
        tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [&now])
            .ctx(&self.path, || "deleting expired sessions")?;
        let n = tx
            .execute(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
                 SELECT ?1, id, ?2, ?3 FROM users WHERE name = ?4",
                params![token_hash(&token), now, expires_at, name],
            )
            .ctx(&self.path, || format!("starting a session for {name}"))?;
        if n == 0 {
            return Err(crate::error::invalid(
                &self.path,
                "session",
                format!("no user named {name:?}"),
            ));
        }
        tx.commit()
            .ctx(&self.path, || format!("starting a session for {name}"))?;
        Ok(NewSession { token, expires_at })
    }

    /// The user of a live (unexpired) session token, or `None`.
    pub fn session_user(&self, token: &str) -> Result<Option<User>> {
        let now = crate::now_rfc3339();
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT u.name, u.role, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = ?1 AND s.expires_at > ?2",
            )
            .and_then(|mut st| {
                st.query_row(params![token_hash(token), now], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
            })
            .ctx(&self.path, || "looking up a session")?;
        row.map(|(name, role, created_at)| {
            Ok(User {
                role: parse_role(self, &format!("role of user {name}"), &role)?,
                name,
                created_at,
            })
        })
        .transpose()
    }

    /// Ends a session (logout). Unknown tokens are ignored.
    pub fn delete_session(&mut self, token: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash(token)])
            .ctx(&self.path, || "ending a session")?;
        Ok(())
    }

    /// Makes an API token and returns its text, which is not stored and
    /// cannot be shown again.
    ///
    /// Errors: [`crate::StoreError::Invalid`] for a bad or taken name.
    pub fn add_token(&mut self, name: &str, role: UserRole) -> Result<String> {
        validate_name(name).map_err(|d| crate::error::invalid(&self.path, "token name", d))?;
        let token = random_token().map_err(|e| data_error(&self.path, "making an API token", e))?;
        let token = format!("cw_{token}");
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&self.path, || format!("adding token {name}"))?;
        let exists: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM api_tokens WHERE name = ?1)",
                [name],
                |r| r.get(0),
            )
            .ctx(&self.path, || format!("looking up token {name}"))?;
        if exists {
            return Err(crate::error::invalid(
                &self.path,
                "token name",
                format!("a token named {name:?} exists"),
            ));
        }
        tx.execute(
            "INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, role.as_str(), token_hash(&token), crate::now_rfc3339()],
        )
        .ctx(&self.path, || format!("adding token {name}"))?;
        tx.commit().ctx(&self.path, || format!("adding token {name}"))?;
        Ok(token)
    }

    /// Every API token's description, by name.
    pub fn tokens(&self) -> Result<Vec<ApiToken>> {
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT name, role, created_at FROM api_tokens ORDER BY name")
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(&self.path, || "listing tokens")?;
        rows.into_iter()
            .map(|(name, role, created_at)| {
                Ok(ApiToken {
                    role: parse_role(self, &format!("role of token {name}"), &role)?,
                    name,
                    created_at,
                })
            })
            .collect()
    }

    /// Removes an API token. Returns whether it existed.
    pub fn remove_token(&mut self, name: &str) -> Result<bool> {
        let n = self
            .conn
            .execute("DELETE FROM api_tokens WHERE name = ?1", [name])
            .ctx(&self.path, || format!("removing token {name}"))?;
        Ok(n > 0)
    }

    /// The token a bearer secret belongs to, or `None`.
    pub fn token_by_secret(&self, secret: &str) -> Result<Option<ApiToken>> {
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT name, role, created_at FROM api_tokens WHERE token_hash = ?1")
            .and_then(|mut st| {
                st.query_row([token_hash(secret)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .ctx(&self.path, || "looking up an API token")?;
        row.map(|(name, role, created_at)| {
            Ok(ApiToken {
                role: parse_role(self, &format!("role of token {name}"), &role)?,
                name,
                created_at,
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn users_passwords_sessions_tokens() {
        let (_d, mut s) = store();
        let u = s.add_user("ana", UserRole::Editor, "correct horse").unwrap();
        assert_eq!(u.role, UserRole::Editor);
        assert!(s.add_user("ana", UserRole::Viewer, "another pass").is_err());
        assert!(s.add_user("bad name", UserRole::Viewer, "another pass").is_err());
        assert!(s.add_user("bo", UserRole::Viewer, "short").is_err());
        let phc: String = s
            .conn
            .query_row("SELECT password_hash FROM users WHERE name = 'ana'", [], |r| r.get(0))
            .unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(!phc.contains("correct horse"));

        assert_eq!(s.verify_password("ana", "correct horse").unwrap().unwrap().name, "ana");
        assert!(s.verify_password("ana", "wrong horse").unwrap().is_none());
        assert!(s.verify_password("nobody", "correct horse").unwrap().is_none());

        let sess = s.create_session("ana").unwrap();
        assert_eq!(sess.token.len(), 64);
        assert_eq!(s.session_user(&sess.token).unwrap().unwrap().name, "ana");
        assert!(s.session_user("nope").unwrap().is_none());
        // A password change ends the sessions.
        assert!(s.set_password("ana", "battery staple").unwrap());
        assert!(s.session_user(&sess.token).unwrap().is_none());
        assert!(s.verify_password("ana", "battery staple").unwrap().is_some());
        let sess = s.create_session("ana").unwrap();
        s.delete_session(&sess.token).unwrap();
        assert!(s.session_user(&sess.token).unwrap().is_none());
        assert!(s.create_session("nobody").is_err());

        assert!(s.set_role("ana", UserRole::Admin).unwrap());
        assert_eq!(s.user("ana").unwrap().unwrap().role, UserRole::Admin);

        let t = s.add_token("script", UserRole::Viewer).unwrap();
        assert!(t.starts_with("cw_"));
        assert_eq!(s.token_by_secret(&t).unwrap().unwrap().role, UserRole::Viewer);
        assert!(s.token_by_secret("cw_x").unwrap().is_none());
        assert_eq!(s.tokens().unwrap().len(), 1);
        assert!(s.remove_token("script").unwrap());
        assert!(s.token_by_secret(&t).unwrap().is_none());

        let sess = s.create_session("ana").unwrap();
        assert!(s.remove_user("ana").unwrap());
        assert!(s.session_user(&sess.token).unwrap().is_none());
        assert!(!s.remove_user("ana").unwrap());
        assert!(s.users().unwrap().is_empty());
    }

    #[test]
    fn roles() {
        for r in UserRole::ALL {
            assert_eq!(r.as_str().parse::<UserRole>().unwrap(), *r);
        }
        assert!("root".parse::<UserRole>().is_err());
        assert!(UserRole::Editor.can_review() && !UserRole::Viewer.can_review());
        assert!(UserRole::Admin.can_admin() && !UserRole::Editor.can_admin());
    }
}
