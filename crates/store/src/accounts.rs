//! Accounts, sessions and the audit log of the web application. The store keeps only hashes
//! (the server hashes passwords with Argon2id and session tokens with SHA-256).

use crate::db::{Row, vals};
use crate::{Result, StoreError, Workspace, now, unique_id};

/// What an account may do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads everything.
    Viewer,
    /// Reads and edits records, runs analyses, imports.
    Analyst,
    /// Everything, including accounts.
    Admin,
}

impl Role {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// Parses a code (`admin`, `administrator`, `analyst`, `viewer`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "viewer" => Some(Role::Viewer),
            "analyst" => Some(Role::Analyst),
            "admin" | "administrator" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct User {
    /// Login name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Argon2id PHC string.
    #[serde(skip)]
    pub password_hash: String,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The account.
    pub user: String,
    /// Its role.
    pub role: Role,
    /// The CSRF token of the session.
    pub csrf: String,
    /// RFC 3339 expiry.
    pub expires_at: String,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    /// When (RFC 3339 UTC).
    pub at: String,
    /// Who.
    pub user: String,
    /// What (`cluster.update`, `import.clusters`, …).
    pub action: String,
    /// On which record.
    pub target: String,
    /// Details (JSON text or a short note).
    pub detail: String,
}

fn role_of(r: &Row, i: usize, who: &str) -> Result<Role> {
    let code = r.text(i)?;
    Role::parse(&code).ok_or_else(|| StoreError::Corrupt {
        what: "user",
        id: who.to_string(),
        reason: format!("role holds unknown value {code:?}"),
    })
}

impl Workspace {
    /// Adds an account.
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] when the name is taken.
    pub fn add_user(&mut self, name: &str, role: Role, password_hash: &str) -> Result<()> {
        let tx = self.db.begin()?;
        if tx
            .query_opt("SELECT 1 FROM users WHERE name = ?1", vals![name])?
            .is_some()
        {
            return Err(StoreError::Duplicate {
                what: "user",
                id: name.to_string(),
            });
        }
        let stamp = now();
        tx.exec(
            "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            vals![name, role.code(), password_hash, stamp],
        )?;
        tx.commit()
    }

    /// Changes an account's password hash and role; ends its sessions.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] when there is no such account.
    pub fn set_user(&mut self, name: &str, role: Role, password_hash: &str) -> Result<()> {
        let tx = self.db.begin()?;
        let n = tx.exec(
            "UPDATE users SET role = ?2, password_hash = ?3, updated_at = ?4, row_version = row_version + 1 WHERE name = ?1",
            vals![name, role.code(), password_hash, now()],
        )?;
        if n == 0 {
            return Err(StoreError::NoSuchRecord {
                what: "user",
                id: name.to_string(),
            });
        }
        tx.exec("DELETE FROM sessions WHERE user_name = ?1", vals![name])?;
        tx.commit()
    }

    /// An account by name.
    pub fn user(&self, name: &str) -> Result<Option<User>> {
        self.db
            .query_opt(
                "SELECT name, role, password_hash FROM users WHERE name = ?1",
                vals![name],
            )?
            .map(|r| {
                Ok(User {
                    role: role_of(&r, 1, name)?,
                    name: r.text(0)?,
                    password_hash: r.text(2)?,
                })
            })
            .transpose()
    }

    /// All accounts, by name.
    pub fn users(&self) -> Result<Vec<User>> {
        self.db
            .query(
                "SELECT name, role, password_hash FROM users ORDER BY name",
                &[],
            )?
            .iter()
            .map(|r| {
                let name = r.text(0)?;
                Ok(User {
                    role: role_of(r, 1, &name)?,
                    name,
                    password_hash: r.text(2)?,
                })
            })
            .collect()
    }

    /// Records a session (by the hash of its token).
    pub fn create_session(
        &mut self,
        token_hash: &str,
        user: &str,
        csrf: &str,
        expires_at: &str,
    ) -> Result<()> {
        let stamp = now();
        self.db
            .exec("DELETE FROM sessions WHERE expires_at < ?1", vals![&stamp])?;
        self.db.exec(
            "INSERT INTO sessions (token_hash, user_name, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            vals![token_hash, user, csrf, stamp, expires_at],
        )?;
        Ok(())
    }

    /// The live session with this token hash, if any (expired ones are not returned).
    pub fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        self.db
            .query_opt(
                "SELECT s.user_name, u.role, s.csrf, s.expires_at FROM sessions s
                 JOIN users u ON u.name = s.user_name WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                vals![token_hash, now()],
            )?
            .map(|r| {
                let user = r.text(0)?;
                Ok(Session {
                    role: role_of(&r, 1, &user)?,
                    user,
                    csrf: r.text(2)?,
                    expires_at: r.text(3)?,
                })
            })
            .transpose()
    }

    /// Ends a session.
    pub fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        self.db.exec(
            "DELETE FROM sessions WHERE token_hash = ?1",
            vals![token_hash],
        )?;
        Ok(())
    }

    /// Appends a line to the audit log.
    pub fn log_change(
        &mut self,
        user: &str,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<()> {
        let stamp = now();
        self.db.exec(
            "INSERT INTO audit (id, at, user_name, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            vals![unique_id("audit", &stamp), &stamp, user, action, target, detail],
        )?;
        Ok(())
    }

    /// The newest `limit` lines of the audit log, newest first.
    pub fn audit(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        self.db
            .query(
                "SELECT at, user_name, action, target, detail FROM audit ORDER BY at DESC, id DESC LIMIT ?1",
                vals![limit],
            )?
            .iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: r.text(0)?,
                    user: r.text(1)?,
                    action: r.text(2)?,
                    target: r.text(3)?,
                    detail: r.text(4)?,
                })
            })
            .collect()
    }
}
