// Opens an adjoint-lint HTML report (--export-html=DIR) in headless Debian
// chromium through playwright-core and checks what a reader would see:
//
//   node check-report.mjs REPORT_DIR SCREENSHOT_DIR [--expect-hostile]
//
// - index.html: no console error, no page error, no dialog, no request other
//   than file: and data: URLs; the loop table lists every loop; the filter
//   and the column sort work;
// - every file page: the same, findings shown, each finding with a witness
//   has an SVG picture with conflict marks that has a size on screen;
// - --expect-hostile: a page holds hostile source text (testsuite/html/
//   Inputs/hostile.c): nothing of it executes (no dialog, window.__pwned
//   unset, no element made of it) and it shows literally;
// - screenshots of every page in SCREENSHOT_DIR (test artefacts).
//
// Prints "PASS ..." lines and "browser test: N passed, 0 failed"; exits 1
// on the first failed check (with the reason).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportDir, shotDir, ...flags] = process.argv.slice(2);
if (!reportDir || !shotDir) {
  console.error('usage: node check-report.mjs REPORT_DIR SCREENSHOT_DIR [--expect-hostile]');
  process.exit(2);
}
const expectHostile = flags.includes('--expect-hostile');
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.log('FAIL playwright-core is not installed in testsuite/browser/node_modules: run scripts/setup.sh ' +
              '(it runs `npm ci` there) -- ' + e.message);
  process.exit(1);
}
if (!fs.existsSync(process.env.CHROMIUM || '/usr/bin/chromium')) {
  console.log('FAIL no chromium at ' + (process.env.CHROMIUM || '/usr/bin/chromium') + ': run scripts/setup.sh ' +
              '(it installs the Debian package chromium)');
  process.exit(1);
}
fs.mkdirSync(shotDir, { recursive: true });

let passed = 0;
function check(condition, what) {
  if (!condition) throw new Error('FAIL ' + what);
  passed++;
  console.log('PASS ' + what);
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adjoint-lint-chromium-'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
// No network here: without these flags chromium waits on connections. A
// fresh profile (--user-data-dir) each run: playwright passes it itself.
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  timeout: 60000,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Opens a page and records what must not happen there. */
async function open(file) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push('console error: ' + msg.text()); });
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  page.on('dialog', async (dialog) => { problems.push('dialog: ' + dialog.message()); await dialog.dismiss(); });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) problems.push('network request: ' + url);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 30000 });
  return { page, problems };
}

async function clean(opened, name) {
  const pwned = await opened.page.evaluate(() => typeof window.__pwned !== 'undefined');
  check(!pwned, name + ': no injected script ran (window.__pwned unset)');
  check(opened.problems.length === 0, name + ': no console error, dialog or network request' +
        (opened.problems.length ? ' -- ' + opened.problems.join('; ') : ''));
}

let hostileSeen = false;
try {
  const index = path.join(reportDir, 'index.html');
  const idx = await open(index);
  const rows = await idx.page.locator('#loops tbody tr').count();
  check(rows > 0, `index: the loop table lists ${rows} loops`);
  const shown = () => idx.page.locator('#loops tbody tr:not([hidden])').count();
  await idx.page.selectOption('#filter-verdict', 'race');
  const races = await shown();
  const raceRows = await idx.page.locator('#loops tbody tr[data-race="race"]').count();
  check(races === raceRows && races < rows, `index: the verdict filter shows the ${races} racy loops`);
  check((await idx.page.textContent('#shown-count')) === String(races), 'index: the shown count follows the filter');
  await idx.page.selectOption('#filter-verdict', '');
  await idx.page.fill('#filter-text', 'no-such-loop-anywhere');
  check((await shown()) === 0, 'index: the text filter hides what does not match');
  await idx.page.fill('#filter-text', '');
  check((await shown()) === rows, 'index: clearing the filters shows every loop');
  const lineHeader = idx.page.locator('#loops thead th', { hasText: 'Line' });
  await lineHeader.click();
  await lineHeader.click(); // descending
  const lines = await idx.page.$$eval('#loops tbody tr', (trs) => trs.map((tr) => Number(tr.cells[1].getAttribute('data-sort'))));
  check(lines.every((v, k) => k === 0 || lines[k - 1] >= v), 'index: sorting by line (descending) orders the rows');
  check((await lineHeader.getAttribute('aria-sort')) === 'descending', 'index: the sorted column says so (aria-sort)');
  await lineHeader.click(); // back to ascending for the screenshot
  await idx.page.screenshot({ path: path.join(shotDir, 'index.png'), fullPage: true });
  await clean(idx, 'index');

  const links = [...new Set(await idx.page.$$eval('a[href^="files/"]', (as) => as.map((a) => a.getAttribute('href').split('#')[0])))];
  check(links.length > 0, `index: links to ${links.length} file pages`);
  for (const link of links) {
    const file = path.join(reportDir, link);
    check(fs.existsSync(file), `${link}: the linked page exists`);
    const opened = await open(file);
    const { page } = opened;
    const findings = await page.locator('.finding').count();
    const figures = await page.locator('.finding figure svg').count();
    const witnesses = await page.locator('.finding p.witness').count();
    check(figures === witnesses, `${link}: every finding with a witness has a picture (${figures})`);
    for (let k = 0; k < figures; ++k) {
      const svg = page.locator('.finding figure svg').nth(k);
      const box = await svg.boundingBox();
      check(box && box.width > 100 && box.height > 60, `${link}: picture ${k + 1} is rendered (${box && Math.round(box.width)}x${box && Math.round(box.height)})`);
      const conflicts = await svg.locator('.touch.conflict').count();
      const reads = await svg.locator('.touch.read').count();
      const writes = await svg.locator('.touch.write').count();
      check(conflicts >= 2 && reads + writes >= conflicts, `${link}: picture ${k + 1} marks ${conflicts} conflicting accesses in red among ${reads} reads and ${writes} writes`);
    }
    const marks = await page.locator('table.src .mk').count();
    if (findings > 0)
      check(marks > 0, `${link}: ${findings} findings, their accesses marked ${marks} times in the source`);
    const keywords = await page.locator('table.src .keyword').count();
    check(keywords > 0, `${link}: the source is syntax-highlighted (${keywords} keywords)`);
    const sourceText = await page.locator('table.src').innerText();
    if (sourceText.includes('__pwned')) {
      hostileSeen = true;
      check(sourceText.includes('</script><script>window.__pwned = 1;'), `${link}: the hostile </script><script> shows literally`);
      check(sourceText.includes('<img src=x onerror="window.__pwned = 2">'), `${link}: the hostile <img onerror> shows literally`);
      check(sourceText.includes('"quotes" & \'apostrophes\' &amp;'), `${link}: quotes and ampersands show literally`);
      check((await page.locator('table.src img, table.src b, table.src script, .finding img, .finding b, .finding script').count()) === 0, `${link}: no element was made of the source text`);
    }
    await page.screenshot({ path: path.join(shotDir, link.replace(/^files\//, '').replace(/\.html$/, '') + '.png'), fullPage: true });
    await clean(opened, link);
    await page.close();
  }
  if (expectHostile) check(hostileSeen, 'the hostile source was among the pages');
  console.log(`browser test: ${passed} passed, 0 failed`);
} catch (e) {
  console.log(String(e && e.message ? e.message : e));
  console.log(`browser test: ${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
