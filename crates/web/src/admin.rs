//! User and API-token management for admins (`/admin/...`); every change is
//! written to the audit log with its before and after values.

use crate::AppState;
use crate::auth::{Admin, Principal};
use crate::error::{AppError, PageError};
use crate::review::record_write;
use crate::views::{AccountRow, AdminUsersPage, Nav, Opt, render};
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use casewatch_store::{Store, UserRole};
use serde::Deserialize;
use serde_json::json;

fn role_options() -> Vec<Opt> {
    UserRole::ALL
        .iter()
        .rev()
        .map(|r| Opt {
            value: r.as_str().to_string(),
            label: r.as_str().to_string(),
            selected: false,
        })
        .collect()
}

fn page_of(
    store: &Store,
    who: &Principal,
    message: Option<String>,
    new_token: Option<String>,
) -> Result<AdminUsersPage, AppError> {
    let users = store
        .users()?
        .into_iter()
        .map(|u| AccountRow {
            name: u.name,
            role: u.role.to_string(),
            created_at: u.created_at,
        })
        .collect();
    let tokens = store
        .tokens()?
        .into_iter()
        .map(|t| AccountRow {
            name: t.name,
            role: t.role.to_string(),
            created_at: t.created_at,
        })
        .collect();
    Ok(AdminUsersPage {
        nav: Nav::of(who),
        users,
        tokens,
        roles: role_options(),
        message,
        new_token,
    })
}

/// `GET /admin/users`.
pub(crate) async fn page(Admin(who): Admin, State(state): State<AppState>) -> Result<Response, PageError> {
    let page = state.pool.run(move |s| page_of(s, &who, None, None)).await?;
    Ok(render(StatusCode::OK, &page))
}

fn parse_role(s: &str) -> Result<UserRole, AppError> {
    s.parse()
        .map_err(|e: casewatch_store::UnknownRole| AppError::BadRequest(e.to_string()))
}

/// Runs an admin change and re-renders the page with its outcome.
async fn change(
    state: AppState,
    who: Principal,
    f: impl FnOnce(&mut Store, &Principal) -> Result<(String, Option<String>), AppError> + Send + 'static,
) -> Result<Response, PageError> {
    let page = state
        .pool
        .run(move |s| {
            let (message, token) = match f(s, &who) {
                Ok(done) => done,
                Err(AppError::BadRequest(m)) => (m, None),
                Err(AppError::Store(e @ casewatch_store::StoreError::Invalid { .. })) => {
                    (AppError::Store(e).public_message(), None)
                }
                Err(e) => return Err(e),
            };
            page_of(s, &who, Some(message), token)
        })
        .await?;
    Ok(render(StatusCode::OK, &page))
}

/// Fields of the add-user form.
#[derive(Deserialize)]
pub(crate) struct AddUser {
    name: String,
    role: String,
    password: String,
}

/// `POST /admin/users`.
pub(crate) async fn add_user(
    Admin(who): Admin,
    State(state): State<AppState>,
    Form(form): Form<AddUser>,
) -> Result<Response, PageError> {
    change(state, who, move |s, who| {
        let role = parse_role(&form.role)?;
        let name = form.name.trim();
        s.add_user(name, role, &form.password)?;
        record_write(
            s,
            &who.audit_name(),
            "user.add",
            name,
            json!(null),
            json!({"name": name, "role": role.as_str()}),
        )?;
        Ok((format!("Added {name} ({role})."), None))
    })
    .await
}

/// A form naming one account.
#[derive(Deserialize)]
pub(crate) struct Named {
    name: String,
}

/// `POST /admin/users/remove`.
pub(crate) async fn remove_user(
    Admin(who): Admin,
    State(state): State<AppState>,
    Form(form): Form<Named>,
) -> Result<Response, PageError> {
    change(state, who, move |s, who| {
        if form.name == who.name {
            return Err(AppError::BadRequest("you cannot remove your own account".into()));
        }
        let Some(before) = s.user(&form.name)? else {
            return Err(AppError::BadRequest(format!("no user {:?}", form.name)));
        };
        s.remove_user(&form.name)?;
        record_write(
            s,
            &who.audit_name(),
            "user.remove",
            &form.name,
            json!({"name": before.name, "role": before.role.as_str()}),
            json!(null),
        )?;
        Ok((format!("Removed {}.", form.name), None))
    })
    .await
}

/// Fields of the set-role form.
#[derive(Deserialize)]
pub(crate) struct SetRole {
    name: String,
    role: String,
}

/// `POST /admin/users/role`.
pub(crate) async fn set_role(
    Admin(who): Admin,
    State(state): State<AppState>,
    Form(form): Form<SetRole>,
) -> Result<Response, PageError> {
    change(state, who, move |s, who| {
        let role = parse_role(&form.role)?;
        if form.name == who.name && role != UserRole::Admin {
            return Err(AppError::BadRequest("you cannot lower your own role".into()));
        }
        let Some(before) = s.user(&form.name)? else {
            return Err(AppError::BadRequest(format!("no user {:?}", form.name)));
        };
        s.set_role(&form.name, role)?;
        record_write(
            s,
            &who.audit_name(),
            "user.role",
            &form.name,
            json!({"role": before.role.as_str()}),
            json!({"role": role.as_str()}),
        )?;
        Ok((format!("{} is now {role}.", form.name), None))
    })
    .await
}

/// Fields of the make-token form.
#[derive(Deserialize)]
pub(crate) struct AddToken {
    name: String,
    role: String,
}

/// `POST /admin/tokens`: makes a token and shows it once.
pub(crate) async fn add_token(
    Admin(who): Admin,
    State(state): State<AppState>,
    Form(form): Form<AddToken>,
) -> Result<Response, PageError> {
    change(state, who, move |s, who| {
        let role = parse_role(&form.role)?;
        let name = form.name.trim();
        let token = s.add_token(name, role)?;
        record_write(
            s,
            &who.audit_name(),
            "token.add",
            name,
            json!(null),
            json!({"name": name, "role": role.as_str()}),
        )?;
        Ok((format!("Made token {name} ({role})."), Some(token)))
    })
    .await
}

/// `POST /admin/tokens/remove`.
pub(crate) async fn remove_token(
    Admin(who): Admin,
    State(state): State<AppState>,
    Form(form): Form<Named>,
) -> Result<Response, PageError> {
    change(state, who, move |s, who| {
        if !s.remove_token(&form.name)? {
            return Err(AppError::BadRequest(format!("no token {:?}", form.name)));
        }
        record_write(
            s,
            &who.audit_name(),
            "token.remove",
            &form.name,
            json!({"name": form.name}),
            json!(null),
        )?;
        Ok((format!("Revoked token {}.", form.name), None))
    })
    .await
}
