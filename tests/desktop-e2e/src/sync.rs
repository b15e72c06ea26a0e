//! Two desktop profiles against one sync server: an organisation created
//! offline in one reaches the other after sync, and the same field edited
//! on both shows in *Conflits et refus*.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use fantoccini::{Client, Locator};

use crate::{Driver, click_link, press, save_screenshot, session_on, wait_text};

const PASSWORD: &str = "mot-de-passe-bureau-e2e";
const ORG: &str = "Menuiserie Vasseur Bailleul";

/// The sync server on a fixed port, so it can stop and come back.
pub struct SyncServer {
    bin: PathBuf,
    database_url: String,
    port: u16,
    process: Option<Driver>,
}

impl SyncServer {
    pub fn new(bin: PathBuf, admin_url: &str) -> Result<Self> {
        let name = format!("bureau_e2e_{}", std::process::id());
        let ok =
            Command::new("psql").args([admin_url, "-qc", &format!("CREATE DATABASE {name}")]).status()?;
        if !ok.success() {
            bail!("création de la base {name}");
        }
        let database_url = match admin_url.rfind('/') {
            Some(i) => format!("{}/{name}", &admin_url[..i]),
            None => bail!("URL PostgreSQL sans base : {admin_url}"),
        };
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let server = Self { bin, database_url, port, process: None };
        for (login, name) in [("claire", "Claire Dubois"), ("marc", "Marc Lenoir")] {
            let ok = server.command().args(["user", "add", login, "--name", name, "--dt", "FI"]).status()?;
            if !ok.success() {
                bail!("tremplin-server user add {login}");
            }
        }
        Ok(server)
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.bin);
        c.env("TREMPLIN_SERVER_DATABASE_URL", &self.database_url)
            .env("TREMPLIN_SERVER_LISTEN", format!("127.0.0.1:{}", self.port))
            .env("TREMPLIN_PASSWORD", PASSWORD)
            .env("TREMPLIN_SERVER_LOG", "warn");
        c
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn start(&mut self) -> Result<()> {
        let child = self.command().arg("serve").stdout(Stdio::null()).spawn().context("tremplin-server")?;
        self.process = Some(Driver(child));
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!("tremplin-server ne répond pas sur le port {}", self.port)
    }

    pub fn stop(&mut self) {
        self.process = None;
    }
}

/// One desktop profile: its own data directory and tauri-driver.
struct Profile {
    data: PathBuf,
    port: u16,
}

impl Profile {
    async fn open(&self, bin: &Path) -> Result<(Driver, Client)> {
        let driver = Driver(
            Command::new("tauri-driver")
                .args(["--port", &self.port.to_string(), "--native-port", &(self.port + 1).to_string()])
                .env("TREMPLIN_DATA_DIR", &self.data)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()?,
        );
        let c = session_on(bin, self.port).await?;
        wait_text(&c, "h1", "Tableau de bord").await?;
        Ok((driver, c))
    }
}

async fn css(c: &Client, selector: &str) -> Result<fantoccini::elements::Element> {
    c.find(Locator::Css(selector)).await.with_context(|| format!("élément {selector}"))
}

async fn fill(c: &Client, selector: &str, text: &str) -> Result<()> {
    let el = css(c, selector).await?;
    el.clear().await?;
    el.send_keys(text).await.with_context(|| format!("saisie dans {selector}"))?;
    Ok(())
}

async fn button(c: &Client, label: &str) -> Result<()> {
    c.find(Locator::XPath(&format!("//button[normalize-space()='{label}']")))
        .await
        .with_context(|| format!("bouton {label}"))?
        .click()
        .await?;
    Ok(())
}

async fn login(c: &Client, url: &str, who: &str) -> Result<()> {
    click_link(c, "Connexion au serveur").await?;
    wait_text(c, "h1", "Connexion au serveur").await?;
    // The form shows once the status is read.
    wait_text(c, "form h2", "Se connecter").await?;
    fill(c, "#server_url", url).await?;
    fill(c, "#login", who).await?;
    fill(c, "#password", PASSWORD).await?;
    press(c, css(c, "form button.primary").await?).await?;
    wait_text(c, "h2", &format!("en tant que {who}")).await
}

async fn sync_now(c: &Client) -> Result<()> {
    css(c, "[data-testid=sync-badge] button").await?.click().await?;
    Ok(())
}

/// Opens the only organisation of the list.
async fn open_org(c: &Client) -> Result<()> {
    click_link(c, "Entreprises").await?;
    wait_text(c, "h1", "Entreprises et partenaires").await?;
    wait_text(c, "[data-testid=org-scroller]", ORG).await?;
    css(c, "[data-testid=org-scroller] a").await?.click().await?;
    wait_text(c, "h1", ORG).await
}

async fn rename(c: &Client, name: &str) -> Result<()> {
    button(c, "Modifier").await.context("bouton Modifier")?;
    fill(c, "#o-name", name).await?;
    let save = css(c, "form button.primary").await?;
    if let Err(e) = press(c, save.clone()).await {
        let html = save.html(false).await.unwrap_or_default();
        let _ = crate::save_screenshot(c, "bureau-echec-renommage").await;
        return Err(e.context(format!("bouton Enregistrer : {html}")));
    }
    wait_text(c, "h1", name).await
}

pub async fn between_profiles(bin: &Path, server: &mut SyncServer, root: &Path) -> Result<()> {
    let a = Profile { data: root.join("a"), port: 4450 };
    let b = Profile { data: root.join("b"), port: 4452 };
    server.start()?;

    // A logs in, loses the server, creates an organisation offline.
    let (driver, c) = a.open(bin).await.context("A : ouverture")?;
    login(&c, &server.url(), "claire").await.context("A : connexion")?;
    server.stop();
    click_link(&c, "Entreprises").await?;
    wait_text(&c, "h1", "Entreprises et partenaires").await?;
    click_link(&c, "Nouvelle organisation").await?;
    wait_text(&c, "h1", "Nouvelle organisation").await?;
    fill(&c, "#o-name", ORG).await?;
    fill(&c, "#o-commune", "59043").await?;
    press(&c, css(&c, "form button.primary").await?).await?;
    wait_text(&c, "h1", ORG).await?;
    sync_now(&c).await?;
    wait_text(&c, "[data-testid=sync-badge]", "Hors ligne").await?;
    wait_text(&c, "[data-testid=sync-badge]", "1 en attente").await?;
    save_screenshot(&c, "bureau-hors-ligne").await?;
    // The server is back: the change goes out.
    server.start()?;
    sync_now(&c).await?;
    wait_text(&c, "[data-testid=sync-badge]", "0 en attente")
        .await
        .context("A : envoi au retour du serveur")?;
    c.close().await.context("A : fermeture")?;
    drop(driver);

    // B logs in and finds it; then, offline, renames it.
    let (driver, c) = b.open(bin).await.context("B : ouverture")?;
    login(&c, &server.url(), "marc").await.context("B : connexion")?;
    sync_now(&c).await?;
    open_org(&c).await.context("B : l'organisation de A")?;
    server.stop();
    rename(&c, &format!("{ORG} (Marc)")).await.context("B : renommage hors ligne")?;
    c.close().await.context("B : fermeture")?;
    drop(driver);

    // A renames it too, online: A's name reaches the server first.
    server.start()?;
    let (driver, c) = a.open(bin).await.context("A : réouverture")?;
    open_org(&c).await.context("A : l'organisation")?;
    rename(&c, &format!("{ORG} (Claire)")).await.context("A : renommage")?;
    sync_now(&c).await?;
    wait_text(&c, "[data-testid=sync-badge]", "0 en attente").await.context("A : envoi du renommage")?;
    c.close().await.context("A : seconde fermeture")?;
    drop(driver);

    // B starts again: its scheduler syncs, and the conflict shows.
    let (driver, c) = b.open(bin).await.context("B : réouverture")?;
    wait_text(&c, "[data-testid=sync-issues]", "1 conflit ou refus").await.context("B : le conflit")?;
    css(&c, "[data-testid=sync-issues]").await?.click().await?;
    wait_text(&c, "h1", "Conflits et refus").await?;
    wait_text(&c, "[data-testid=mine]", &format!("{ORG} (Marc)")).await?;
    wait_text(&c, "[data-testid=theirs]", &format!("{ORG} (Claire)")).await?;
    save_screenshot(&c, "bureau-conflits-et-refus").await?;
    c.close().await?;
    drop(driver);
    server.stop();
    Ok(())
}
