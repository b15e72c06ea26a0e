// Responsiveness of the needs board with 5,000 needs and 20,000 candidates,
// in Chromium against `tremplin serve-ui` (not part of the test suite: it
// prints figures). Use a release build and the database the placement
// bench keeps:
//
//   cargo run --release -p tremplin-app --example placement_bench -- /tmp/board.db
//   TREMPLIN_BIN=…/release/tremplin TREMPLIN_DB=/tmp/board.db TREMPLIN_DB_KEY=… node e2e/board-perf.mjs
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const UI = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = spawn(process.env.TREMPLIN_BIN ?? 'tremplin', ['serve-ui', '--ui-dir', process.env.TREMPLIN_UI_DIR ?? join(UI, 'build'), '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit']
});
const url = await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync']
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
page.setDefaultTimeout(60000);
const runs = (values) => {
  const v = [...values].sort((a, b) => a - b);
  return `médiane ${Math.round(v[Math.floor(v.length / 2)])} ms, max ${Math.round(v[v.length - 1])} ms (${v.length} essais)`;
};

// Timed inside the page, from the click (or the choice) to the frame that
// shows the result: Playwright's own round trips are left out.
const inPage = (fn, arg) => page.evaluate(fn, arg);

try {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
  await page.waitForLoadState('networkidle');
  const first = [];
  for (let i = 0; i < 7; i++) {
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.waitForLoadState('networkidle');
    first.push(
      await inPage(
        () =>
          new Promise((resolve) => {
            const t = performance.now();
            const done = () => {
              if (document.querySelector('[data-testid=need-board] li.card')) {
                requestAnimationFrame(() => resolve(performance.now() - t));
              } else requestAnimationFrame(done);
            };
            [...document.querySelectorAll('nav a')].find((a) => a.textContent.trim() === 'Besoins de recrutement').click();
            requestAnimationFrame(done);
          })
      )
    );
  }
  console.log(`Tableau des besoins, du clic dans le menu à l'image qui montre les cartes : ${runs(first)}`);
  const board = page.getByTestId('need-board');
  console.log(`  ${await board.locator('li.card').count()} cartes, colonnes : ${(await board.getByRole('heading').allTextContents()).join(' · ')}`);
  const column = (name) => board.getByRole('region', { name: new RegExp(`^${name} \\d+$`) });
  const moves = [];
  for (let i = 0; i < 10; i++) {
    const card = column('Ouvert').locator('li.card').first();
    await card.locator('button.move').click();
    const id = await card.locator('select.move').getAttribute('id');
    moves.push(
      await inPage(
        (selectId) =>
          new Promise((resolve) => {
            const select = document.getElementById(selectId);
            const link = select.closest('li').querySelector('a').getAttribute('href');
            const t = performance.now();
            const done = () => {
              const target = document.querySelector('[data-status=candidats_proposes]');
              if (target && target.querySelector(`a[href="${link}"]`)) requestAnimationFrame(() => resolve(performance.now() - t));
              else requestAnimationFrame(done);
            };
            select.value = 'candidats_proposes';
            select.dispatchEvent(new Event('change', { bubbles: true }));
            requestAnimationFrame(done);
          }),
        id
      )
    );
  }
  console.log(`Déplacement d'une carte (« Déplacer vers… ») jusqu'à l'image qui la montre dans sa colonne : ${runs(moves)}`);
} finally {
  await browser.close();
  server.kill();
}
