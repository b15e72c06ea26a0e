// Responsiveness of the organisations list on a large database, in
// Chromium against `tremplin serve-ui` (not part of the test suite: it
// prints figures). Use a release build and a generated database:
//
//   TREMPLIN_BIN=…/release/tremplin TREMPLIN_DB=/tmp/bench.db TREMPLIN_KEY_FILE=/tmp/bench.key \
//     node e2e/perf.mjs
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const UI = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = spawn(process.env.TREMPLIN_BIN ?? 'tremplin', ['serve-ui', '--ui-dir', join(UI, 'build'), '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit']
});
const url = await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync']
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
page.setDefaultTimeout(60000);
const countText = () => page.getByTestId('org-count').textContent();
const timed = async (label, fn) => {
  const t = performance.now();
  await fn();
  console.log(`${label} : ${Math.round(performance.now() - t)} ms`);
};

try {
  await timed('ouverture → tableau de bord affiché', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
  });
  await timed('Entreprises → première page de la liste (avec le total)', async () => {
    await page.getByRole('link', { name: 'Entreprises' }).click();
    await page.getByTestId('org-scroller').locator('li a').first().waitFor();
  });
  console.log(`  ${await countText()}`);
  const settled = () =>
    page.waitForFunction(() => !document.querySelector('[data-testid=org-count]')?.textContent.includes('Chargement'));
  const changeCount = async (label, act) => {
    await settled();
    const before = await countText();
    await timed(label, async () => {
      await act();
      await page.waitForFunction(
        (b) => {
          const el = document.querySelector('[data-testid=org-count]');
          return el && el.textContent !== b && !el.textContent.includes('Chargement');
        },
        before
      );
      await page.getByTestId('org-scroller').locator('li a').first().waitFor();
    });
    console.log(`  ${await countText()}`);
  };
  await changeCount('filtre DT = Métropole-Lille', () => page.getByLabel('Direction territoriale').selectOption('ML'));
  await changeCount('+ statut = partenaire actif', () => page.getByLabel('Statut').selectOption('partenaire_actif'));
  await timed('tri par commune → première ligne changée', async () => {
    const first = () => page.getByTestId('org-scroller').locator('li a').first().textContent();
    const before = await first();
    await page.getByLabel('Trier par').selectOption('commune');
    await page.waitForFunction(
      (b) => document.querySelector('[data-testid=org-scroller] li a')?.textContent !== b,
      before
    );
  });
  await changeCount('recherche « boulangerie » (saisie, 200 ms de pause comprises)', () =>
    page.getByLabel('Rechercher (nom, SIRET, commune…)').fill('boulangerie')
  );
  await settled();
  await timed('retour à la liste complète (3 filtres retirés)', async () => {
    await page.getByLabel('Rechercher (nom, SIRET, commune…)').fill('');
    await page.getByLabel('Direction territoriale').selectOption('');
    await page.getByLabel('Statut').selectOption('');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=org-count]')?.textContent.replace(/\D/g, '') === '100000'
    );
  });

  // Jumps deep into the list: time until the rows in view are loaded.
  for (const fraction of [0.25, 0.5, 0.9]) {
    await timed(`saut à ${fraction * 100} % de la liste → lignes affichées`, async () => {
      await page.getByTestId('org-scroller').evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), fraction);
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid=org-scroller] li')];
        return rows.length > 0 && rows.every((r) => !r.textContent.includes('Chargement'));
      });
    });
  }
  // Frame times over 3 s, idle then scrolling continuously (~40 rows/s):
  // the idle figure is this browser's own pace (headless, no GPU).
  const frames = (scroll) =>
    page.getByTestId('org-scroller').evaluate(
      (el, px) =>
        new Promise((resolve) => {
          const times = [];
          let last = performance.now();
          const start = last;
          const step = (now) => {
            times.push(now - last);
            last = now;
            el.scrollTop += px;
            if (now - start < 3000) requestAnimationFrame(step);
            else resolve(times.slice(1));
          };
          requestAnimationFrame(step);
        }),
      scroll
    );
  for (const [label, px] of [['à l’arrêt', 0], ['défilement continu', 30]]) {
    const f = (await frames(px)).sort((a, b) => a - b);
    const q = (p) => f[Math.floor((f.length - 1) * p)].toFixed(1);
    console.log(`${label} : ${f.length} images en 3 s, image p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
  }
} finally {
  await browser.close();
  server.kill('SIGINT');
}
