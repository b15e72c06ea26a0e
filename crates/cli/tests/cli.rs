//! The `tremplin` binary end to end, on real encrypted database files.

use std::path::Path;

use assert_cmd::Command;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("tremplin.db")
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("tremplin").unwrap();
        c.env("TREMPLIN_DB", self.db())
            .env("TREMPLIN_KEY_FILE", self.dir.path().join("cli.key"))
            .env_remove("TREMPLIN_DB_KEY")
            .env("TREMPLIN_SECRETS_DIR", self.dir.path().join("secrets"))
            .env("USER", "agent-test");
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn fail(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn check_siret_and_siren_exit_codes() {
    let env = Env::new();
    assert!(env.run(&["check", "siret", "356 000 000 49837"]).contains("valide"));
    assert!(env.run(&["check", "siren", "732829320"]).contains("732 829 320"));
    let err = env.fail(&["check", "siret", "35600000049838"]);
    assert!(err.starts_with("SIRET : la clé de contrôle est fausse"), "{err}");
    let err = env.fail(&["check", "siren", "12345"]);
    assert_eq!(err.trim(), "SIREN : 9 chiffres attendus, 5 saisis.");
    assert!(!env.db().exists(), "check needs no database");
}

#[test]
fn demo_database_is_encrypted_and_searchable_without_accents() {
    let env = Env::new();
    let out = env.run(&["demo"]);
    assert!(out.contains("Base de démonstration créée"), "{out}");
    let a = env.run(&["search", "societe"]);
    let b = env.run(&["search", "société"]);
    assert_eq!(a, b);
    assert!(a.lines().count() >= 2, "{a}");
    assert!(env.run(&["search", "auchan", "roncq"]).contains("Auchan Roncq"));

    // No organisation name readable in the file, and a plain SQLite open fails.
    // Whole names: a 4-byte word like "SNCF" turns up by chance in about
    // one 2 MB ciphertext in two thousand (CI met one).
    let bytes = std::fs::read(env.db()).unwrap();
    for name in ["Auchan Roncq", "Partenord Habitat", "SNCF Voyageurs", "Val de Lys Entreprendre"] {
        assert!(!contains(&bytes, name), "{name} readable in the database file");
    }
    assert!(!env.dir.path().join("tremplin.demo-en-cours").exists());
    let plain = rusqlite_probe(&env.db());
    assert!(plain.contains("not a database"), "{plain}");

    // A wrong key is a clear French error, exit code 1.
    let mut c = env.cmd();
    c.env("TREMPLIN_DB_KEY", "00".repeat(32)).args(["search", "auchan"]);
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("ne peut pas être ouverte avec cette clé"), "{err}");

    // The demo refuses to overwrite without --force.
    assert!(env.fail(&["demo"]).contains("--force"));
}

/// Opens the file with the system's sqlite3 if present, else reads the
/// header: either way an encrypted file is "not a database".
fn rusqlite_probe(path: &Path) -> String {
    match std::process::Command::new("sqlite3").arg(path).arg("SELECT count(*) FROM sqlite_master;").output()
    {
        Ok(out) => String::from_utf8_lossy(&out.stderr).to_string(),
        Err(_) => {
            let head = std::fs::read(path).unwrap();
            if head.starts_with(b"SQLite format 3") { "plain".into() } else { "not a database".into() }
        }
    }
}

#[test]
fn officer_day_from_the_command_line() {
    let env = Env::new();
    let err = env.fail(&[
        "org",
        "add",
        "--kind",
        "etablissement",
        "--name",
        "Boulangerie Paul",
        "--siret",
        "732 829 320 00075",
    ]);
    assert!(err.contains("SIRET : la clé de contrôle est fausse"), "{err}");
    let out = env.run(&[
        "org",
        "add",
        "--kind",
        "etablissement",
        "--name",
        "Boulangerie Paul Roubaix",
        "--siret",
        "732 829 320 00074",
        "--commune",
        "59512",
        "--tag",
        "Alimentaire",
    ]);
    assert!(out.contains("Organisation créée"), "{out}");
    let err = env.fail(&["org", "add", "--kind", "entreprise", "--name", "X", "--commune", "59999"]);
    assert!(err.contains("Code commune INSEE"), "{err}");

    let out = env.run(&[
        "log",
        "--org",
        "73282932000074",
        "--channel",
        "visite",
        "--subject",
        "Visite du fournil",
        "--at",
        "2020-03-02 10:00",
        "--follow-up",
        "Envoyer la fiche CIE",
        "--due",
        "2020-03-09",
    ]);
    assert!(out.contains("Relance créée : Envoyer la fiche CIE pour le 09/03/2020"), "{out}");
    let tasks = env.run(&["task", "list"]);
    assert!(tasks.contains("En retard (1)"), "{tasks}");
    let id = tasks
        .lines()
        .find(|l| l.contains("Envoyer la fiche CIE"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert!(env.run(&["task", "done", id]).contains("Relance faite"));
    assert!(env.run(&["task", "list"]).contains("En retard (0)"));

    let shown = env.run(&["org", "show", "732 829 320 00074"]);
    assert!(shown.contains("SIRET : 732 829 320 00074"), "{shown}");
    assert!(shown.contains("DT : Métropole Roubaix-Tourcoing"), "{shown}");
    assert!(shown.contains("Visite du fournil"), "{shown}");
    let list = env.run(&["org", "list", "--dt", "MRT", "--tag", "alimentaire", "--json"]);
    let page: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(page["total"], 1);
    assert!(env.run(&["search", "fournil"]).contains("Visite du fournil"));
}

#[test]
fn generator_and_benchmark_run_end_to_end() {
    let env = Env::new();
    let out = env.run(&["gen", "--orgs", "1500", "--contacts", "3000", "--interactions", "6000"]);
    assert!(out.contains("1500 organisations"), "{out}");
    let out = env.run(&["bench", "--queries", "30", "--pages", "20", "--insert-rows", "500"]);
    for figure in
        ["via le store : p50", "FTS5 brut", "rapport store/brut", "Liste des organisations", "lignes/s"]
    {
        assert!(out.contains(figure), "missing {figure} in {out}");
    }
    let list = env.run(&["org", "list", "--kind", "grand_compte", "--json"]);
    let page: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(page["total"], 7, "orgs / 200 large accounts");
}

#[test]
fn headless_login_and_sync_between_two_profiles() {
    use tremplin_protocol::Role;
    use tremplin_server::testing::{self, TestServer, add_user, fresh_database};
    let db = fresh_database();
    add_user(&db, "claire", Role::ChargeRelationsEntreprises, Some("DT-LILLE"));
    add_user(&db, "marc", Role::ChargeRelationsEntreprises, Some("DT-LILLE"));
    let srv = TestServer::start(testing::config(&db));
    let (a, b) = (Env::new(), Env::new());

    let err = a.fail(&["sync"]);
    assert!(err.contains("non configurée"), "{err}");
    a.run(&["org", "add", "--kind", "entreprise", "--name", "Menuiserie Dufour", "--commune", "59350"]);
    let login = |env: &Env, who: &str| {
        let out = env
            .cmd()
            .args(["login", "--server", &srv.url, "--login", who])
            .env("TREMPLIN_PASSWORD", testing::TEST_PASSWORD)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(login(&a, "claire").contains("en tant que claire"));
    // The token file is private.
    let token = std::fs::read_dir(a.dir.path().join("secrets")).unwrap().next().unwrap().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(token.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(a.run(&["sync", "--status"]).contains("Modifications en attente : 1"));
    let out = a.run(&["sync"]);
    assert!(out.contains("1 modification(s) envoyée(s)"), "{out}");
    login(&b, "marc");
    let out = b.run(&["sync"]);
    assert!(out.contains("1 reçue(s)"), "{out}");
    assert!(b.run(&["org", "list"]).contains("Menuiserie Dufour"));
    b.run(&["logout"]);
    let err = b.fail(&["sync"]);
    assert!(err.contains("non configurée"), "{err}");
}

#[test]
fn cie_simulation_prints_the_month_and_its_split() {
    let env = Env::new();
    let nb = |s: &str| s.replace('\u{a0}', " ");
    let lines = |out: String| {
        nb(&out).lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>()
    };
    // docs/domain/aided-contracts.md « Worked examples », example 1.
    let out = env.run(&[
        "cie", "simulate", "--type", "CIE", "--mode", "A", "--rate", "47", "--hours", "35", "--month",
        "2026-05",
    ]);
    assert_eq!(lines(out), ["aide 856,83 €", "part Département 574,05 €", "part État 282,78 €"]);
    // Before the April revaluation, the 88 % is 568,94 €.
    let out = env.run(&[
        "cie", "simulate", "--type", "CIE", "--mode", "A", "--rate", "47", "--hours", "35", "--month",
        "2026-03",
    ]);
    assert_eq!(lines(out)[1], "part Département 568,94 €");
    // The 2022 Nord operation, mode B, with the SMIC given.
    let out = env.run(&[
        "cie",
        "simulate",
        "--type",
        "CIE",
        "--mode",
        "B",
        "--dept-share",
        "65",
        "--rate",
        "47",
        "--hours",
        "35",
        "--month",
        "2026-05",
        "--smic",
        "10,85",
    ]);
    assert_eq!(lines(out), ["aide 773,42 €", "part Département 502,72 €", "part État 270,70 €"]);
    // What if the RSA were revalued: mode A with another RSA.
    let out = env.run(&[
        "cie", "simulate", "--type", "CIE", "--mode", "A", "--rate", "47", "--hours", "35", "--month",
        "2026-05", "--rsa", "598,54",
    ]);
    assert_eq!(lines(out)[1], "part Département 526,72 €");
    let err = env.fail(&[
        "cie", "simulate", "--type", "CIE", "--mode", "B", "--rate", "47", "--hours", "35", "--month",
        "2026-05",
    ]);
    assert!(err.contains("Part du Département"), "{err}");
    let err = env.fail(&[
        "cie", "simulate", "--type", "CIE", "--mode", "A", "--rate", "48", "--hours", "35", "--month",
        "2026-05",
    ]);
    assert!(err.contains("47 %") && err.contains("L5134-72-1"), "{err}");
}

#[test]
fn aided_contracts_listed_totalled_and_watched_from_the_command_line() {
    let env = Env::new();
    env.run(&["demo"]);
    // The demo's active profile (Lille) sees her six contracts.
    let list = env.run(&["cie", "list"]);
    assert_eq!(list.lines().count(), 6, "{list}");
    assert!(list.contains("Val de Lys Entreprendre"), "{list}");
    let suspended: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["cie", "list", "--status", "suspendu", "--json"])).unwrap();
    assert_eq!(suspended.len(), 2);
    assert!(env.fail(&["cie", "list", "--status", "fini"]).contains("--status"));
    // Totals: the whole, by year, DT and employer, in euros.
    let totals = env.run(&["cie", "totals"]);
    for heading in ["Total", "Par année", "Par direction territoriale", "Métropole-Lille", "Par employeur"]
    {
        assert!(totals.contains(heading), "{heading}: {totals}");
    }
    let json: serde_json::Value = serde_json::from_str(&env.run(&["cie", "totals", "--json"])).unwrap();
    let all = &json["all"];
    assert_eq!(
        all["aid_cents"].as_i64().unwrap(),
        all["dept_cents"].as_i64().unwrap() + all["state_cents"].as_i64().unwrap()
    );
    // One suspension is overdue, one still on time: both listed, and the
    // exit code says one is late.
    let out = env.cmd().args(["cie", "alerts"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let listed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(listed.lines().filter(|l| l.starts_with("EN RETARD")).count(), 1, "{listed}");
    assert_eq!(listed.lines().filter(|l| l.starts_with("à faire")).count(), 1, "{listed}");
    assert!(String::from_utf8(out.stderr).unwrap().contains("1 incident(s)"));
}

#[test]
fn recruitment_needs_listed_from_the_command_line() {
    let env = Env::new();
    env.run(&["demo"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&env.run(&["need", "list", "--json"])).unwrap();
    assert!(all.len() >= 8, "the demo has needs at every step: {}", all.len());
    let open: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["need", "list", "--open", "--json"])).unwrap();
    assert!(!open.is_empty() && open.len() < all.len());
    assert!(open.iter().all(|n| n["status"] != "pourvu" && n["status"] != "abandonne"));
    let dropped = env.run(&["need", "list", "--status", "abandonne"]);
    assert!(dropped.lines().skip(1).all(|l| l.contains("[Abandonné]")), "{dropped}");
    assert!(env.fail(&["need", "list", "--status", "fini"]).contains("Étape inconnue"));
}

#[test]
fn hires_listed_from_the_command_line() {
    let env = Env::new();
    env.run(&["demo"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&env.run(&["hire", "list", "--json"])).unwrap();
    // The conventions' hires (ENGIE, Partenord, Val de Lys) and those of the filled needs.
    assert!(all.len() >= 50, "{}", all.len());
    assert!(all.iter().any(|h| h["durable"] == true) && all.iter().any(|h| h["durable"] == false));
    let recent: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["hire", "list", "--from", "2026-01-01", "--json"])).unwrap();
    assert!(!recent.is_empty() && recent.len() < all.len());
    assert!(recent.iter().all(|h| h["starts_on"].as_str().unwrap() >= "2026-01-01"));
    let due = env.run(&["hire", "list", "--due"]);
    assert!(due.lines().skip(1).all(|l| l.contains("suivi à")), "{due}");
}

#[test]
fn events_listed_and_the_agenda_written_from_the_command_line() {
    let env = Env::new();
    env.run(&["demo"]);
    let next: Vec<serde_json::Value> = serde_json::from_str(&env.run(&["event", "list", "--json"])).unwrap();
    assert_eq!(next.len(), 1, "the next job dating");
    assert_eq!(next[0]["status"], "prevu");
    let past = env.run(&["event", "list", "--past", "--kind", "job-dating"]);
    assert!(past.starts_with("2 événement(s)"), "{past}");
    assert!(past.contains("Réalisé"), "{past}");
    let ics = env.dir.path().join("agenda.ics");
    let out = env.run(&["event", "ics", ics.to_str().unwrap(), "--all"]);
    assert!(out.starts_with("Agenda écrit"), "{out}");
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR") && text.matches("BEGIN:VEVENT").count() >= 2, "{text}");
}
