//! Starts the desktop app on an empty profile through tauri-driver, creates
//! an organisation, quits, restarts and finds it again: the store was
//! reopened with the key kept in the real Secret Service, and the file on
//! disk is encrypted. Prints timings (cold start to first render, list).
//! Then two profiles sync through a real `tremplin-server` (see `sync.rs`).
//!
//! Run by scripts/test.sh inside `dbus-run-session` with an unlocked
//! gnome-keyring and Xvfb; needs `TREMPLIN_DESKTOP_BIN` and `tauri-driver`
//! on PATH (with Debian's WebKitWebDriver).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder, Locator};

mod sync;

const PORT: u16 = 4444;
/// A second driver whose app sees no session bus, hence no keyring.
const PORT_NO_KEYRING: u16 = 4446;
const ORG: &str = "Transports Lefebvre Hazebrouck";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn session(bin: &Path) -> Result<Client> {
    session_on(bin, PORT).await
}

async fn session_on(bin: &Path, port: u16) -> Result<Client> {
    let caps = serde_json::json!({
        "browserName": "wry",
        "tauri:options": { "application": bin }
    });
    let caps = caps.as_object().expect("object").clone();
    let mut last = None;
    for _ in 0..50 {
        // A start that dies before its window opens leaves the new-session
        // request waiting for ever: bounded, it is a failure with its cause.
        let url = format!("http://127.0.0.1:{port}");
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps.clone());
        let connect = builder.connect(&url);
        match tokio::time::timeout(Duration::from_secs(60), connect).await {
            Ok(Ok(c)) => return Ok(c),
            Ok(Err(e)) => last = Some(e.to_string()),
            Err(_) => bail!("l'application n'a pas ouvert de session WebDriver en 60 s"),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!("tauri-driver injoignable : {last:?}")
}

async fn wait_text(c: &Client, css: &str, text: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(els) = c.find_all(Locator::Css(css)).await {
            for el in els {
                // textContent, not WebDriver's rendered text: WebKitWebDriver
                // leaves out the absolutely positioned rows of virtual lists.
                let content = el.prop("textContent").await.ok().flatten().unwrap_or_default();
                if content.contains(text) {
                    return Ok(());
                }
            }
        }
        if Instant::now() > deadline {
            let body = c.find(Locator::Css("body")).await?.text().await.unwrap_or_default();
            let tail: String = body.chars().rev().take(700).collect::<Vec<_>>().into_iter().rev().collect();
            bail!("« {text} » introuvable dans {css} ; fin de la page : {tail}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Clicks `el` once it is in the middle of the window: the confirmations
/// and the status bar at the bottom cover an element scrolled only just into
/// view, and WebKit's driver then refuses the click (with an empty message).
async fn press(c: &Client, el: fantoccini::elements::Element) -> Result<()> {
    c.execute("arguments[0].scrollIntoView({block: 'center'});", vec![serde_json::to_value(&el)?]).await?;
    el.click().await?;
    Ok(())
}

async fn click_link(c: &Client, text: &str) -> Result<()> {
    c.find(Locator::LinkText(text)).await.with_context(|| format!("lien {text}"))?.click().await?;
    Ok(())
}

async fn first_run(bin: &Path) -> Result<()> {
    let started = Instant::now();
    let c = session(bin).await?;
    wait_text(&c, "h1", "Tableau de bord").await?;
    println!("  démarrage à froid → tableau de bord affiché : {} ms", started.elapsed().as_millis());
    save_screenshot(&c, "bureau-tableau-de-bord").await?;
    click_link(&c, "Entreprises").await?;
    let t = Instant::now();
    wait_text(&c, "[data-testid=org-count]", "0 organisation").await?;
    println!("  liste vide affichée : {} ms", t.elapsed().as_millis());
    click_link(&c, "Nouvelle organisation").await?;
    wait_text(&c, "h1", "Nouvelle organisation").await?;
    c.find(Locator::Css("#o-name"))
        .await
        .context("champ Nom")?
        .send_keys(ORG)
        .await
        .context("saisie du nom")?;
    c.find(Locator::Css("#o-commune"))
        .await
        .context("champ commune")?
        .send_keys("59295")
        .await
        .context("saisie commune")?;
    c.find(Locator::Css("form button.primary"))
        .await
        .context("bouton Enregistrer")?
        .click()
        .await
        .context("clic Enregistrer")?;
    wait_text(&c, "h1", ORG).await?;
    wait_text(&c, "[data-testid=dt]", "Flandre intérieure").await?;
    c.close().await?;
    Ok(())
}

async fn second_run(bin: &Path) -> Result<()> {
    let started = Instant::now();
    let c = session(bin).await?;
    wait_text(&c, "h1", "Tableau de bord").await?;
    println!(
        "  redémarrage (clé lue dans le trousseau) → tableau de bord : {} ms",
        started.elapsed().as_millis()
    );
    click_link(&c, "Entreprises").await?;
    let t = Instant::now();
    wait_text(&c, "[data-testid=org-scroller]", ORG).await?;
    println!("  première page de la liste : {} ms", t.elapsed().as_millis());
    save_screenshot(&c, "bureau-entreprises").await?;
    c.close().await?;
    Ok(())
}

/// A PNG of the window, kept as a test artifact.
async fn save_screenshot(c: &Client, name: &str) -> Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/test-artifacts");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(format!("{name}.png")), c.screenshot().await?)?;
    Ok(())
}

/// A private session bus with no service to activate: no Secret Service.
fn bare_bus(dir: &Path) -> Result<(Driver, String)> {
    let config = dir.join("bus.conf");
    std::fs::write(
        &config,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>"#,
            dir.display()
        ),
    )?;
    let mut child = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("dbus-daemon")?;
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().expect("piped")),
        &mut line,
    )?;
    Ok((Driver(child), line.trim().to_string()))
}

/// Without a reachable keyring the app explains itself and creates nothing.
async fn without_keyring(bin: &Path, data: &Path) -> Result<()> {
    let (_bus, address) = bare_bus(data)?;
    let _driver = Driver(
        Command::new("tauri-driver")
            .args(["--port", &PORT_NO_KEYRING.to_string(), "--native-port", "4447"])
            .env("TREMPLIN_DATA_DIR", data)
            .env("DBUS_SESSION_BUS_ADDRESS", address)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?,
    );
    let c = session_on(bin, PORT_NO_KEYRING).await?;
    wait_text(&c, "[role=alert]", "trousseau").await?;
    wait_text(&c, "[role=alert]", "gnome-keyring").await?;
    save_screenshot(&c, "bureau-sans-trousseau").await?;
    c.close().await?;
    if data.join("tremplin.db").exists() {
        bail!("une base a été créée sans trousseau");
    }
    Ok(())
}

/// Waits until no process runs `bin`: a new start while the last one is still
/// closing is forwarded to it by the single-instance plugin (over D-Bus) and
/// fails when it goes. (Reads /proc: this test runs on Linux only, where
/// tauri-driver drives WebKitWebDriver.)
async fn app_gone(bin: &Path) {
    let bin = std::fs::canonicalize(bin).unwrap_or_else(|_| bin.to_path_buf());
    let running = || {
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| std::fs::read_link(e.path().join("exe")).is_ok_and(|exe| exe == bin))
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    while running() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn check_encrypted(db: &Path) -> Result<()> {
    let bytes = std::fs::read(db).with_context(|| format!("lecture de {}", db.display()))?;
    if bytes.starts_with(b"SQLite format 3") {
        bail!("la base {} n'est pas chiffrée", db.display());
    }
    if bytes.windows(ORG.len()).any(|w| w == ORG.as_bytes()) {
        bail!("le nom de l'organisation est lisible dans {}", db.display());
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let bin = PathBuf::from(std::env::var("TREMPLIN_DESKTOP_BIN").context("TREMPLIN_DESKTOP_BIN")?);
    let data = tempfile::tempdir()?;
    // The app under test keeps its database here (its key goes to the keyring).
    // SAFETY: single-threaded at this point; the child processes inherit it.
    unsafe { std::env::set_var("TREMPLIN_DATA_DIR", data.path()) };
    let _driver = Driver(
        Command::new("tauri-driver")
            .args(["--port", &PORT.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("tauri-driver introuvable (cargo install tauri-driver --version 2.1.0 --locked)")?,
    );

    let mut passed = 0;
    let mut failed = 0;
    let mut report = |name: &str, r: Result<()>| match r {
        Ok(()) => {
            passed += 1;
            println!("✓ {name}");
        }
        Err(e) => {
            failed += 1;
            println!("✗ {name} : {e:#}");
        }
    };
    let db = data.path().join("tremplin.db");
    report("premier démarrage sur un profil vide, création d'une organisation", first_run(&bin).await);
    report("base chiffrée sur le disque", check_encrypted(&db));
    app_gone(&bin).await;
    report("redémarrage : données retrouvées avec la clé du trousseau", second_run(&bin).await);
    app_gone(&bin).await;
    let bare = tempfile::tempdir()?;
    report("sans trousseau : message clair, aucune base créée", without_keyring(&bin, bare.path()).await);
    let profiles = tempfile::tempdir()?;
    app_gone(&bin).await;
    let result = match (std::env::var_os("TREMPLIN_SERVER_BIN"), std::env::var("TREMPLIN_TEST_DATABASE_URL"))
    {
        (Some(server_bin), Ok(pg)) => match sync::SyncServer::new(server_bin.into(), &pg) {
            Ok(mut server) => sync::between_profiles(&bin, &mut server, profiles.path()).await,
            Err(e) => Err(e),
        },
        _ => Err(anyhow::anyhow!("TREMPLIN_SERVER_BIN et TREMPLIN_TEST_DATABASE_URL sont requis")),
    };
    report("deux profils et un serveur : hors ligne, synchronisation, conflit", result);
    println!("E2E bureau : {passed} passed, {failed} failed");
    // Returning (not exiting) stops tauri-driver and the server: a leftover
    // process would keep the test log's pipe open and hang the test command.
    if failed > 0 {
        bail!("{failed} scénario(s) en échec");
    }
    Ok(())
}
