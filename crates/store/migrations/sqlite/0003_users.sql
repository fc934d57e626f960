-- 0003_users: accounts for the web UI and the JSON API.
--
-- users: people who log in (argon2id PHC hash of the password, never the
--   password); role admin | editor | viewer.
-- sessions: browser sessions; only the SHA-256 of the session token is
--   stored, so a copy of the database does not hand out live sessions.
-- api_tokens: bearer tokens for scripts; only their SHA-256 is stored (the
--   token is shown once, when it is made).

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    password_hash        TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    created_at           TEXT NOT NULL,       -- RFC 3339, UTC
    password_changed_at  TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,            -- lower-case hex SHA-256 of the token
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL                -- RFC 3339, UTC; compared as text
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    role         TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    token_hash   TEXT NOT NULL UNIQUE,        -- lower-case hex SHA-256 of the token
    created_at   TEXT NOT NULL
);
