import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { field, invoke, pngSize, popplerInfo, rampPng, setField, stripesPng } from './helpers';
import { startServe, type ServeProcess } from './serveProcess';

// The whole workflow as a user walks it (product.md steps 1–8), on a small workload: 16 × 16 toy
// images, 2 seeds, 100 steps. One page is shared by the steps below, in order.
test.describe.configure({ mode: 'serial' });

let serve: ServeProcess;
let page: Page;
const consoleProblems: string[] = [];
const shot = (name: string) => page.screenshot({ path: `test-results/e2e/${name}.png` });

test.beforeAll(async ({ browser }) => {
  serve = await startServe();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error' || /Content[- ]Security[- ]Policy/iu.test(m.text())) consoleProblems.push(m.text()); });
  page.on('pageerror', (e) => consoleProblems.push(e.message));
  await page.goto(serve.url);
});

test.afterAll(async () => {
  await page.close();
  expect(await serve.stop()).toBe(0);
});

async function canvasClick(x: number, y: number): Promise<void> {
  const box = (await page.getByTestId('partition-canvas').boundingBox())!;
  await page.mouse.click(box.x + x * box.width, box.y + y * box.height);
}

async function blocks(): Promise<number> {
  return Number(await page.getByTestId('partition-canvas').getAttribute('data-blocks'));
}

test('empty states say what to do; the help overlay lists the shortcuts; the theme toggles', async () => {
  await expect(page.getByTestId('preset-select')).toHaveValue('paper-toy');
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('progress-text')).toContainText('No run yet');
  await page.getByTestId('rail-compare').click();
  await expect(page.getByTestId('compare-empty')).toContainText('Tick two or more runs in the History');
  await page.getByTestId('rail-history').click();
  await expect(page.getByTestId('history-empty')).toContainText('No runs yet');
  await page.keyboard.press('Shift+?');
  await expect(page.getByTestId('help-overlay')).toContainText('Ctrl+Enter');
  await shot('01-help');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  // The page's background is the theme in force: the toggle's choice, else the system's scheme.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe('rgb(243, 244, 246)');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(21, 24, 28)');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./u);
  expect(await background()).toBe('rgb(243, 244, 246)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe('rgb(21, 24, 28)');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('view-title')).toHaveText('Workbench');
});

test('the experiment: a small toy (16 × 16, 2 seeds, 100 steps, two δ)', async () => {
  await setField(page, 'data.height', '16');
  await setField(page, 'data.width', '16');
  await setField(page, 'seeds.count', '2');
  await setField(page, 'schedule.steps', '100');
  await setField(page, 'frames.count', '20');
  await setField(page, 'tolerance.deltas', '0.02, 0.01');
  await expect(page.getByTestId('draft-ok')).toContainText('2 projected variant(s) on 2 seed(s)');
});

test('the partition designer: grid, Voronoi seeds, brush, undo/redo, label-map import, library', async () => {
  await page.getByTestId('tab-partition').click();
  await page.getByTestId('tool-grid').click();
  await page.getByTestId('grid-rows').fill('2');
  await page.getByTestId('grid-cols').fill('2');
  await page.getByTestId('grid-apply').click();
  await expect.poll(blocks).toBe(4);
  await expect(page.getByTestId('block-pixels')).toHaveText(['64', '64', '64', '64']);

  await page.getByTestId('tool-voronoi').click();
  await canvasClick(0.2, 0.2);
  await canvasClick(0.8, 0.3);
  await canvasClick(0.5, 0.85);
  await expect.poll(blocks).toBe(3);
  await page.keyboard.press('Control+z');
  await expect.poll(blocks).toBe(2);
  await page.keyboard.press('Control+y');
  await expect.poll(blocks).toBe(3);

  await page.getByTestId('tool-brush').click();
  await page.getByTestId('brush-new-block').click();
  const box = (await page.getByTestId('partition-canvas').boundingBox())!;
  await page.mouse.move(box.x + 0.1 * box.width, box.y + 0.5 * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + 0.9 * box.width, box.y + 0.55 * box.height, { steps: 8 });
  await page.mouse.up();
  await expect.poll(blocks).toBe(4);
  await shot('02-partition-painted');

  // Bad input: an empty partition is named inline and Run is refused; Undo gets the map back.
  await page.getByTestId('partition-clear').click();
  await expect(page.getByTestId('error-partition')).toContainText('the partition is empty');
  await expect(page.getByTestId('draft-issues')).toContainText('Partition');
  await expect(page.getByTestId('start-button')).toBeDisabled();
  await page.getByTestId('partition-undo').click();
  await expect.poll(blocks).toBe(4);
  await expect(page.getByTestId('error-partition')).toHaveCount(0);

  // Bad input: a corrupt label map is refused with the file's name; the partition is kept.
  await page.getByTestId('labelmap-input').setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('this is not a PNG') });
  await expect(page.getByTestId('partition-error')).toContainText('broken.png: not a readable image');
  await expect.poll(blocks).toBe(4);

  // A label map of four colour stripes (32 × 32, resampled to 16 × 16): four blocks of 64 pixels.
  await page.getByTestId('labelmap-input').setInputFiles({ name: 'stripes.png', mimeType: 'image/png', buffer: stripesPng(32, 32, [[230, 159, 0], [86, 180, 233], [0, 158, 115], [213, 94, 0]]) });
  await expect(page.getByTestId('partition-summary')).toContainText('imported: stripes.png');
  await expect(page.getByTestId('block-pixels')).toHaveText(['64', '64', '64', '64']);
  await page.getByTestId('partition-library').locator('summary').click();
  await page.getByTestId('partition-save-name').fill('stripes');
  await page.getByTestId('partition-save').click();
  await expect(page.getByTestId('library-item')).toContainText(['stripes']);
  await page.getByTestId('tool-grid').click();
  await page.getByTestId('grid-apply').click();
  await page.getByTestId('library-item').getByRole('button', { name: 'Load' }).click();
  await expect(page.getByTestId('partition-summary')).toContainText('from the library: stripes');
  await shot('03-partition');
});

test('targets and tolerance: bad inputs are explained inline and nothing typed is lost', async () => {
  await field(page, 'targets.kind').selectOption('proportions');
  await setField(page, 'targets.values', '1, 2, -1, 1');
  await expect(page.getByTestId('error-targets.values')).toHaveText('expected a proportion ≥ 0');
  await setField(page, 'tolerance.deltas', '0.02, 1.5');
  await expect(page.getByTestId('error-tolerance.deltas')).toHaveText('expected a number in [0, 1]');
  await expect(page.getByTestId('start-button')).toBeDisabled();
  await shot('04-bad-inputs');
  await expect(field(page, 'targets.values')).toHaveValue('1, 2, -1, 1');
  await page.getByTestId('targets-from-reference').click();
  await expect(field(page, 'targets.values')).toHaveValue(/^(0\.\d+, ){3}0\.\d+$/u);
  await setField(page, 'tolerance.deltas', '0.02, 0.01');
  await expect(page.getByTestId('error-tolerance.deltas')).toHaveCount(0);
  // More sampler steps than the schedule's trained timesteps: refused at the field, not by the run.
  const steps = await field(page, 'schedule.steps').inputValue();
  await setField(page, 'schedule.steps', '5000');
  await expect(page.getByTestId('error-schedule.steps')).toHaveText('expected at most T = 1000 steps (one per trained timestep), got 5000');
  await expect(page.getByTestId('start-button')).toBeDisabled();
  await setField(page, 'schedule.steps', steps);
  await expect(page.getByTestId('error-schedule.steps')).toHaveCount(0);
  // Back to the reference targets (each seed's own image) for the run.
  await field(page, 'targets.kind').selectOption('reference');

  // Bad input: a corrupt image among the user's images is named; the readable ones are kept.
  await field(page, 'data.kind').selectOption('images');
  await page.getByTestId('images-input').setInputFiles([
    { name: 'a.png', mimeType: 'image/png', buffer: rampPng(20, 20, 10) },
    { name: 'corrupt.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('garbage') },
    { name: 'b.png', mimeType: 'image/png', buffer: rampPng(24, 24, 40) },
  ]);
  await expect(page.getByTestId('images-error')).toContainText('corrupt.jpg: not a readable image');
  await expect(page.getByTestId('images-list').locator('li')).toHaveCount(2);
  await field(page, 'data.kind').selectOption('toy-blocks');
  await expect(field(page, 'data.height')).toHaveValue('16');
  await expect(page.getByTestId('draft-ok')).toBeVisible();
});

test('the schedule tab plots σ and log-SNR against the step', async () => {
  await page.getByTestId('tab-schedule').click();
  await expect(page.getByTestId('schedule-plot').locator('svg.recharts-surface')).toHaveCount(2);
  await shot('05-schedule');
});

test('Ctrl+Enter runs both variants live: progress, backend, the sample grid with boundaries, streaming curves', async () => {
  await page.getByTestId('view-title').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /running|completed/u);
  await expect(page.getByTestId('run-backend')).toContainText('cpu-f64');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect(page.getByTestId('progress-text')).toContainText('step 200 of 200 · seeds 2/2');
  await expect(page.getByTestId('sample-cell')).toHaveCount(6);
  await expect(page.locator('[data-testid="sample-cell"][data-empty="false"]')).toHaveCount(6);
  await expect(page.getByTestId('live-curves').locator('canvas.quick-trace')).toHaveCount(6);
  await expect(page.getByTestId('live-chart-eInf').locator('canvas')).toHaveAttribute('aria-label', /: unprojected, δ = 0\.02, δ = 0\.01$/u);
  await shot('06-live');
});

let runIds: string[] = [];

test('Compare: frames side by side with a synced scrubber, the violation heatmap, finals with CIs and paired differences', async () => {
  await page.getByTestId('live-compare').click();
  await expect(page.getByTestId('compare-run')).toHaveCount(3);
  await expect(page.getByTestId('compare-frame')).toHaveCount(3);
  await expect(page.getByTestId('compare-step')).toHaveText('after step 100');
  // Every run's frames (steps 4, 9, …, 99) and stored block masses (9, 19, …, 99) have loaded: 20 positions.
  await expect(page.getByTestId('compare-scrub')).toHaveAttribute('max', '19');
  await page.getByTestId('compare-scrub').fill('0');
  await expect(page.getByTestId('compare-step')).toHaveText('after step 5');
  // The heatmap marks the same time (its first column).
  await expect(page.getByTestId('compare-heatmap').locator('rect[stroke="#D55E00"]')).toHaveAttribute('x', '0');
  await expect(page.getByTestId('finals-eInf')).toContainText('±');
  await expect(page.getByTestId('finals-eInf')).toContainText('Δ');
  await shot('07-compare');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('08-compare-dark');
  const rows = await invoke<{ rows: { id: string }[] }>(serve, 'runs:list', {});
  runIds = rows.rows.map((r) => r.id);
  expect(runIds).toHaveLength(3);
});

test('Publish: SVG, PDF and PNG of the compare panel set, valid, in publication style in dark mode, with the data as CSV and provenance', async () => {
  await page.getByTestId('export-compare-set').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-name').fill('toy comparison');
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-paths').locator('li')).toHaveCount(4, { timeout: 30_000 });
  await shot('09-export');
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'light' });
  const dir = path.join(serve.dataDir, 'exports');
  const files = readdirSync(dir);
  const find = (ext: string) => path.join(dir, files.find((f) => f.startsWith('toy-comparison') && f.endsWith(`.${ext}`))!);

  const svg = readFileSync(find('svg'), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, width: doc.documentElement.getAttribute('width'), texts: [...doc.querySelectorAll('text')].map((t) => t.textContent) };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.width).toBe('243pt');
  expect(parsed.texts).toEqual(expect.arrayContaining(['unprojected', 'δ = 0.02', 'δ = 0.01', 'step', 'block k']));
  const config = await invoke<{ configHash: string }>(serve, 'runs:get', { runId: runIds[0]! });
  for (const id of [...runIds, config.configHash, '0.1.0']) expect(svg).toContain(id);
  // Dark mode on screen, paper in the file: no dark-ink colour leaks into the export.
  expect(svg).not.toMatch(/#d9dee4|#1c2025/iu);

  const png = readFileSync(find('png'));
  expect(pngSize(png)).toEqual({ width: Math.round((243 * 300) / 72), height: expect.any(Number) });
  expect(png.includes(Buffer.from(runIds[0]!))).toBe(true);

  const pdf = readFileSync(find('pdf'));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const poppler = popplerInfo(find('pdf'));
  if (poppler !== null) {
    expect(poppler.info).toMatch(/Pages:\s+1/u);
    expect(poppler.info).toMatch(/Page size:\s+243 x \d+ pts/u);
    expect(poppler.info).toContain(runIds[0]!);
    expect(poppler.fonts).toMatch(/DejaVu Sans\s+CID TrueType\s+Identity-H\s+yes/u);
  }

  // The CSV holds the plotted data: the overlay's unprojected e∞ is the mean over seeds of the stored steps.
  const csv = readFileSync(find('csv'), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('panel,kind,series,x,y');
  const baseline = (await invoke<{ rows: { id: string; variant: string }[] }>(serve, 'runs:list', { search: 'unprojected' })).rows[0]!;
  const steps = await invoke<{ step: number[]; eInf: number[] }>(serve, 'runs:steps', { runId: baseline.id });
  const at = (s: number) => steps.eInf.filter((_, k) => steps.step[k] === s);
  const expected = at(9).reduce((a, b) => a + b, 0) / at(9).length;
  const row = csv.find((line) => line.startsWith('1,trace,unprojected,10,'))!;
  expect(Number(row.split(',')[4])).toBe(expected);
  // The heatmap: 4 blocks at every recorded step (100 steps recorded every 10), from the stored float64 masses.
  const heat = csv.filter((line) => line.startsWith('2,heatmap,'));
  expect(heat.length).toBe(4 * 10);
  expect([...new Set(heat.map((line) => Number(line.split(',')[3])))]).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
});

test('History: search, star, rename, notes, tags, filters, duplicate, re-run exactly, delete with undo, bundles', async () => {
  await page.getByTestId('rail-history').click();
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(3);
  await page.keyboard.press('/');
  await expect(page.getByTestId('history-search')).toBeFocused();
  await page.keyboard.type('delta=0.01');
  await expect(rows).toHaveCount(1);
  await page.getByTestId('history-search').fill('');
  await expect(rows).toHaveCount(3);

  const baseline = rows.filter({ hasText: 'unprojected' });
  await baseline.getByTestId('history-star').click();
  await baseline.click();
  await page.getByTestId('detail-name').fill('baseline run');
  await page.getByTestId('detail-name').press('Enter');
  await page.getByTestId('detail-notes').fill('common noise with the projected runs');
  await page.getByTestId('detail-tags').fill('sweep, toy');
  await page.getByTestId('detail-tags').blur();
  await expect(baseline).toContainText('baseline run');
  await page.getByTestId('history-starred').click();
  await expect(rows).toHaveCount(1);
  await page.getByTestId('history-starred').click();
  await page.getByTestId('history-tag').fill('sweep');
  await expect(rows).toHaveCount(3);
  await page.getByTestId('history-tag').fill('');
  await page.getByTestId('history-search').fill('common noise');
  await expect(rows).toHaveCount(1);
  await page.getByTestId('history-search').fill('');
  await expect(rows).toHaveCount(3);
  await shot('10-history');

  // Delete with undo.
  await rows.filter({ hasText: 'δ = 0.02' }).getByTestId('history-check').check();
  await page.getByTestId('history-delete').click();
  await expect(page.getByTestId('delete-undo')).toBeVisible();
  await expect(rows).toHaveCount(2);
  await page.getByTestId('undo-delete').click();
  await expect(rows).toHaveCount(3);

  // Export all three as a bundle, then import the file back: every run is recognised.
  await page.getByTestId('history-select-all').click();
  await page.getByTestId('history-export').click();
  await expect(page.getByTestId('notice')).toContainText('Exported 3 runs');
  const bundle = readdirSync(path.join(serve.dataDir, 'exports')).find((f) => f.endsWith('.infodiff'))!;
  await page.getByTestId('bundle-input').setInputFiles(path.join(serve.dataDir, 'exports', bundle));
  await expect(page.getByTestId('notice')).toContainText('Imported 0 runs', { timeout: 15_000 });
  await expect(page.getByTestId('notice')).toContainText('3 already here');

  // Duplicate the config into the builder, then re-run exactly: the same numbers, bit for bit.
  await baseline.click();
  await page.getByTestId('detail-duplicate').click();
  await expect(page.getByTestId('view-title')).toHaveText('Workbench');
  await expect(field(page, 'data.height')).toHaveValue('16');
  await expect(field(page, 'tolerance.deltas')).toHaveValue('0.02, 0.01');
  await page.getByTestId('rail-history').click();
  await baseline.click();
  await page.getByTestId('detail-rerun').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  const all = await invoke<{ rows: { id: string; variant: string; created: number }[] }>(serve, 'runs:list', { search: 'unprojected', sort: 'created', order: 'asc' });
  expect(all.rows).toHaveLength(2);
  const [first, again] = await Promise.all(all.rows.map((r) => invoke<unknown[]>(serve, 'runs:finals', { runId: r.id })));
  expect(again).toEqual(first);
  expect(consoleProblems).toEqual([]);
});

test('the user’s own images (dropped in as PNG files) run with the exact empirical denoiser', async () => {
  await page.getByTestId('rail-workbench').click();
  await field(page, 'data.kind').selectOption('images');
  await setField(page, 'data.height', '8');
  await setField(page, 'data.width', '8');
  await setField(page, 'data.heldOutIndex', '0');
  await page.getByTestId('images-input').setInputFiles([0, 30, 60].map((offset) => ({ name: `ramp-${offset}.png`, mimeType: 'image/png', buffer: rampPng(16, 16, offset) })));
  await expect(page.getByTestId('images-list').locator('li')).toHaveCount(3);
  await page.getByTestId('tab-partition').click();
  await page.getByTestId('tool-grid').click();
  await page.getByTestId('grid-rows').fill('2');
  await page.getByTestId('grid-cols').fill('2');
  await page.getByTestId('grid-apply').click();
  await expect(page.getByTestId('partition-summary')).toContainText('Behind it: ramp-0.png (image #0)');
  await setField(page, 'schedule.steps', '20');
  await setField(page, 'seeds.count', '1');
  await setField(page, 'name', 'my ramps');
  await expect(page.getByTestId('draft-ok')).toBeVisible();
  await page.getByTestId('start-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  const rows = (await invoke<{ rows: { id: string; status: string }[] }>(serve, 'runs:list', { search: 'my ramps' })).rows;
  expect(rows.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
  const record = await invoke<{ config: { data: { kind: string; images: number[][]; sources: string[] }; denoiser: { kind: string } } }>(serve, 'runs:get', { runId: rows[0]!.id });
  expect(record.config.data.kind).toBe('images');
  expect(record.config.data.images.map((im) => im.length)).toEqual([64, 64, 64]);
  expect(record.config.data.sources).toEqual(['ramp-0.png', 'ramp-30.png', 'ramp-60.png']);
  expect(record.config.denoiser.kind).toBe('empirical');
  // On the pruned backend (the CPU default for the empirical denoiser) the live view shows what it skipped, from the stored tables.
  if ((await page.getByTestId('run-backend').textContent())?.includes('pruned')) {
    await expect(page.getByTestId('pruning-stored')).toContainText('on average over the 2 recorded steps');
  }
  await shot('13-own-images');
  expect(consoleProblems).toEqual([]);
});

test('a loss-adaptive schedule from a pasted training log, on a chosen backend: the run stores the levels it used', async () => {
  await field(page, 'schedule.kind').selectOption('las');
  await field(page, 'schedule.lasSource').selectOption('loss');
  await setField(page, 'schedule.lossTable', '0.01, x');
  await expect(page.getByTestId('start-button')).toBeDisabled();
  await expect(page.getByTestId('error-schedule.lossTable')).toHaveText('line 1: expected “noise level, loss”, got “0.01, x”');
  await setField(page, 'schedule.lossTable', 'sigma,loss\n0.01, 0.0009\n0.1, 0.008\n1, 0.09\n10, 0.2\n80, 0.25');
  await field(page, 'backend').selectOption('reference');
  await setField(page, 'name', 'ramps on las');
  await expect(page.getByTestId('draft-ok')).toBeVisible();
  await page.getByTestId('start-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect(page.getByTestId('run-backend')).toContainText('reference');
  const rows = (await invoke<{ rows: { id: string }[] }>(serve, 'runs:list', { search: 'ramps on las' })).rows;
  const record = await invoke<{ config: { backend?: string; schedule: { kind: string; sigmas?: number[] } } }>(serve, 'runs:get', { runId: rows[0]!.id });
  expect(record.config.backend).toBe('reference');
  expect(record.config.schedule.kind).toBe('las');
  expect(record.config.schedule.sigmas).toHaveLength(21);
  expect(record.config.schedule.sigmas!.at(-1)).toBe(0);
  await shot('14-las-backend');
  expect(consoleProblems).toEqual([]);
});
