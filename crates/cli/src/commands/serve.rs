//! `creacity serve` (the web application) and `creacity user` (accounts; the first administrator).

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use creacity_server::{AppState, Config, TileSource};
use creacity_store::Role;

use crate::cli::Global;

/// Arguments of `creacity serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on (loopback by default; put a TLS proxy in front for a network).
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Database connections kept open.
    #[arg(long, default_value_t = 4)]
    connections: usize,
    /// Largest upload, in MiB.
    #[arg(long, default_value_t = 10)]
    max_upload_mib: usize,
    /// Send cookies without the Secure flag (only for plain HTTP on a trusted network that is
    /// not localhost; browsers accept Secure cookies on http://localhost and http://127.0.0.1).
    #[arg(long)]
    insecure_cookies: bool,
    /// Hours a session lasts.
    #[arg(long, default_value_t = 12)]
    session_hours: i64,
    /// A raster tile background for the map page: a URL template with {z}, {x} and {y}, e.g.
    /// `https://tiles.example.org/{z}/{x}/{y}.png` (Web-Mercator tiles of 256 px). Without it the
    /// map is drawn offline from the workspace and nothing is fetched from the network.
    #[arg(long, value_name = "URL_TEMPLATE")]
    tiles: Option<String>,
    /// The attribution the tile provider requires, shown under the map.
    #[arg(long, value_name = "TEXT", requires = "tiles")]
    tiles_attribution: Option<String>,
}

/// Runs `creacity serve`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    let mut config = Config::new(&g.workspace);
    config.connections = args.connections.max(1);
    config.max_upload = args.max_upload_mib.max(1) * 1024 * 1024;
    config.secure_cookies = !args.insecure_cookies;
    config.session_hours = args.session_hours.max(1);
    config.tiles = args
        .tiles
        .as_deref()
        .map(|t| TileSource::new(t, args.tiles_attribution.as_deref()))
        .transpose()?;
    let state = AppState::open(config)
        .with_context(|| "opening the workspace (see --workspace)".to_string())?;
    eprintln!(
        "creacity: serving the workspace on http://{} (Ctrl-C stops)",
        args.bind
    );
    creacity_server::serve_blocking(state, args.bind)
        .with_context(|| format!("serving on {}", args.bind))
}

/// Arguments of `creacity user`.
#[derive(clap::Args, Debug)]
pub struct UserArgs {
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(clap::Subcommand, Debug)]
enum UserCommand {
    /// Add an account; the password is read from --password-file or the first line of standard input.
    Add {
        /// Login name (letters, digits, '.', '_', '-').
        name: String,
        /// admin, analyst or viewer.
        #[arg(long, default_value = "viewer")]
        role: String,
        /// A file whose first line is the password.
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
    /// Change an account's role and password (its sessions end).
    Set {
        /// Login name.
        name: String,
        /// admin, analyst or viewer.
        #[arg(long)]
        role: String,
        /// A file whose first line is the password.
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
    /// List the accounts.
    List,
}

fn read_password(file: Option<&PathBuf>) -> anyhow::Result<String> {
    let text = match file {
        Some(f) => {
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
        }
        None => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading the password from standard input")?;
            s
        }
    };
    let pw = text.lines().next().unwrap_or("").to_string();
    anyhow::ensure!(
        pw.chars().count() >= 8,
        "the password must have at least 8 characters"
    );
    Ok(pw)
}

fn role(code: &str) -> anyhow::Result<Role> {
    Role::parse(code).with_context(|| format!("role {code:?}: use admin, analyst or viewer"))
}

/// Runs `creacity user` (accounts: the first administrator is created here).
pub fn run_user(g: &Global, args: UserArgs) -> anyhow::Result<()> {
    let mut ws = super::open(g)?;
    match args.command {
        UserCommand::Add {
            name,
            role: r,
            password_file,
        } => {
            creacity_server::check_user_name(&name)?;
            let r = role(&r)?;
            let hash = creacity_server::hash_password(&read_password(password_file.as_ref())?)?;
            ws.add_user(&name, r, &hash)?;
            ws.log_change("cli", "user.add", &name, r.code())?;
            eprintln!("added {name} ({})", r.code());
        }
        UserCommand::Set {
            name,
            role: r,
            password_file,
        } => {
            let r = role(&r)?;
            let hash = creacity_server::hash_password(&read_password(password_file.as_ref())?)?;
            ws.set_user(&name, r, &hash)?;
            ws.log_change("cli", "user.set", &name, r.code())?;
            eprintln!("changed {name} ({})", r.code());
        }
        UserCommand::List => {
            for u in ws.users()? {
                println!("{}\t{}", u.name, u.role.code());
            }
        }
    }
    Ok(())
}
