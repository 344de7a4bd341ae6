import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { invoke } from './helpers';
import { startServe, type ServeProcess } from './serveProcess';

// The three instruments from the page (issues 7 and 8): each run with a small config, its curves
// plotted, one exported (a value of the stored artifact must be in the CSV beside the figure), one
// cancelled, and one reopened from the History. One page is shared by the steps below, in order.
test.describe.configure({ mode: 'serial' });

let serve: ServeProcess;
let page: Page;
const consoleProblems: string[] = [];
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A screenshot into test-results/e2e/instruments-NAME.png; with UPDATE_DOCS_SCREENSHOTS=1 also the user
 * guide's copy, docs/ui/instruments-NAME.png (a test run leaves the tracked files alone).
 */
async function shot(name: string): Promise<void> {
  const notice = page.getByTestId('notice');
  if ((await notice.count()) > 0) await notice.getByRole('button', { name: 'Dismiss' }).click();
  const file = path.join(ROOT, 'test-results', 'e2e', `instruments-${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_DOCS_SCREENSHOTS !== '1') return;
  mkdirSync(path.join(ROOT, 'docs', 'ui'), { recursive: true });
  copyFileSync(file, path.join(ROOT, 'docs', 'ui', `instruments-${name}.png`));
}

/** A stored artifact's float64 values (little-endian base64 on the wire), with its shape. */
async function storedArray(runId: string, name: string): Promise<{ shape: number[]; values: Float64Array }> {
  const metas = await invoke<{ id: string; name: string }[]>(serve, 'runs:artifacts', { runId });
  const meta = metas.find((m) => m.name === name);
  if (meta === undefined) throw new Error(`run ${runId} has no artifact ${name}`);
  const json = await invoke<{ shape: number[]; data: string; dtype: string }>(serve, 'runs:artifact', { artifactId: meta.id });
  expect(json.dtype).toBe('float64');
  const bytes = Buffer.from(json.data, 'base64');
  return { shape: json.shape, values: new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8) };
}

/** The rows of the runs of one instrument experiment, by preset and experiment name. */
async function runsOf(preset: string, experiment: string): Promise<{ id: string; variant: string; status: string }[]> {
  const { rows } = await invoke<{ rows: { id: string; variant: string; status: string; experiment: string }[] }>(serve, 'runs:list', { preset, limit: 1000 });
  return rows.filter((r) => r.experiment === experiment);
}

/** Exports a figure through the Publish dialog (SVG + CSV) and returns the CSV's text. */
async function exportCsv(figureTestId: string, name: string): Promise<string> {
  await page.getByTestId(`${figureTestId}-export`).click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-name').fill(name);
  await page.getByTestId('export-pdf').uncheck();
  await page.getByTestId('export-png').uncheck();
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-paths').locator('li')).toHaveCount(2, { timeout: 30_000 });
  await page.keyboard.press('Escape');
  const dir = path.join(serve.dataDir, 'exports');
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/gu, '-');
  const svg = readdirSync(dir).find((f) => f.startsWith(stem) && f.endsWith('.svg'));
  expect(svg, 'the SVG beside the CSV').toBeDefined();
  expect(readFileSync(path.join(dir, svg!), 'utf8')).toContain('<metadata>');
  return readFileSync(path.join(dir, readdirSync(dir).find((f) => f.startsWith(stem) && f.endsWith('.csv'))!), 'utf8');
}

/** Starts the current tab's draft and waits for the status to read `status`. */
async function runToEnd(status = 'completed', timeout = 60_000): Promise<void> {
  await page.getByTestId('instrument-start').click();
  await expect(page.getByTestId('instrument-status')).toHaveAttribute('data-status', status, { timeout });
}

test.beforeAll(async ({ browser }) => {
  serve = await startServe(2);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') consoleProblems.push(m.text()); });
  page.on('pageerror', (e) => consoleProblems.push(e.message));
  await page.goto(serve.url);
});

test.afterAll(async () => {
  await page.close();
  expect(await serve.stop()).toBe(0);
});

test('Schedules: a bad field is named inline and nothing typed is lost; the comparison plots σ, λ, Δλ, D_k and the sweep', async () => {
  await page.getByTestId('rail-instruments').click();
  await expect(page.getByTestId('view-title')).toHaveText('Instruments');
  await page.getByTestId('itab-schedules').click();
  await expect(page.getByTestId('instrument-empty')).toContainText('No comparison yet');
  await page.getByTestId('instrument-preset').selectOption('binary');
  await page.getByTestId('ifield-Ks').fill('0, 10');
  await expect(page.getByTestId('ierror-Ks')).toContainText('expected an integer ≥ 1');
  await expect(page.getByTestId('instrument-start')).toBeDisabled();
  await expect(page.getByTestId('ifield-Ks')).toHaveValue('0, 10');
  // Broken JSON: one issue at the root, the text kept as typed, the fields paused.
  const config = page.getByTestId('instrument-config');
  const good = await config.inputValue();
  await config.fill(`${good.slice(0, -2)}`);
  await expect(page.getByTestId('instrument-issues')).toContainText('not valid JSON');
  await expect(config).toHaveValue(good.slice(0, -2));
  await config.fill(good);
  await page.getByTestId('ifield-Ks').fill('5, 10, 20');
  await expect(page.getByTestId('instrument-ok')).toBeVisible();
  await runToEnd();
  const figure = page.getByTestId('figure-schedules');
  await expect(figure.getByTestId('instrument-panel')).toHaveCount(4);
  // Seven schedules overlaid in each panel: σ, λ, Δλ, D_k.
  await expect(figure.getByTestId('instrument-panel').first().locator('path.recharts-line-curve')).toHaveCount(7);
  await expect(page.getByTestId('figure-sweep').locator('path.recharts-line-curve')).toHaveCount(8);
  await shot('schedules');

  const las = (await runsOf('schedules', 'schedules-binary')).find((r) => r.variant === 'las')!;
  expect(las.status).toBe('completed');
  const sweep = await storedArray(las.id, 'sweep');
  expect(sweep.shape).toEqual([4, 3]);
  const csv = await exportCsv('figure-sweep', 'binary sweep');
  // D of LAS at K = 5, exactly as stored (full precision in the CSV).
  expect(csv).toContain(`1,trace,las,5,${sweep.values[3]}`);
});

test('Schedules: LAS adapted to an imported loss CSV (no exact target), the loss curve drawn beside the sweep', async () => {
  // A training log of a Gaussian target with unit variance: x₀-MSE(σ) = σ²/(1 + σ²), 40 levels.
  const rows = Array.from({ length: 40 }, (_, i) => 0.01 * 8000 ** (i / 39)).map((sigma) => `${sigma},${(sigma * sigma) / (1 + sigma * sigma)}`);
  await page.getByTestId('loss-csv-input').setInputFiles({ name: 'train-loss.csv', mimeType: 'text/csv', buffer: Buffer.from(`sigma,loss\n${rows.join('\n')}\n`) });
  await expect(page.getByTestId('notice')).toContainText('Read 40 levels from train-loss.csv');
  await page.getByTestId('ifield-target').selectOption('');
  await page.getByTestId('ifield-Ks').fill('5, 10');
  await expect(page.getByTestId('instrument-config')).toHaveValue(/"source": "samples"/u);
  await runToEnd();
  const sweep = page.getByTestId('figure-sweep');
  await expect(sweep.getByTestId('instrument-panel')).toHaveCount(2);
  await expect(sweep.getByTestId('instrument-panel').nth(1)).toHaveAttribute('data-title', 'Loss curve LAS adapts to');
  await shot('schedules-loss-csv');
});

test('Information dynamics: the MMSE curve with its band, the entropies, R(λ) with its peak, rates per schedule time, the bifurcation', async () => {
  await page.getByTestId('itab-dynamics').click();
  await page.getByTestId('instrument-preset').selectOption('two-points');
  await runToEnd();
  const figure = page.getByTestId('figure-dynamics');
  await expect(figure.getByTestId('instrument-panel')).toHaveCount(5);
  // Gauss–Hermite curves are exact: no standard-error band. Peaks of R and of the rates are marked.
  await expect(figure.locator('.recharts-area-area')).toHaveCount(0);
  await expect(figure.locator('.recharts-reference-dot').first()).toBeVisible();
  await shot('dynamics');

  const [forward] = (await runsOf('dynamics', 'two-points')).filter((r) => r.variant === 'forward');
  const curves = await storedArray(forward!.id, 'curves');
  const n = curves.shape[1]!;
  const csv = await exportCsv('figure-dynamics', 'two points dynamics');
  // λ and mmse of the grid's 100th point (columns 0 and 2 of the stored curves).
  expect(csv).toContain(`1,trace,mmse,${curves.values[100]},${curves.values[2 * n + 100]}`);

  // Monte Carlo curves (the ring of Gaussians) carry their ± 1 s.e. band.
  await page.getByTestId('instrument-preset').selectOption('gmm-ring');
  await runToEnd();
  await expect(figure.locator('.recharts-area-area')).toHaveCount(1);
  await expect(figure.getByTestId('instrument-panel')).toHaveCount(4);
  await shot('dynamics-gmm');
});

test('Likelihood: the discrete NLL against exact, the warm-start table, Theorem 2’s bound and its gap per model', async () => {
  await page.getByTestId('itab-likelihood').click();
  await page.getByTestId('instrument-preset').selectOption('points-2d');
  await runToEnd();
  const figure = page.getByTestId('figure-likelihood');
  await expect(figure.getByTestId('instrument-panel')).toHaveCount(3);
  await expect(page.getByTestId('warm-start-table').locator('tbody tr')).toHaveCount(4);
  await shot('likelihood');

  const bound = (await runsOf('likelihood', 'points-2d')).find((r) => r.variant === 'bound')!;
  const model = await storedArray(bound.id, 'model-1');
  const points = model.shape[1]!;
  // Rows x₁, x₂, bound, exact, gap, …: the gap of point 0 under the KDE model (model 1).
  const csv = await exportCsv('figure-likelihood', 'points likelihood');
  expect(csv).toContain(`3,trace,kde h = 0.5,0,${model.values[4 * points]}`);
});

test('Cancel: a long dynamics run stops between units, its run ends cancelled in the History', async () => {
  await page.getByTestId('itab-dynamics').click();
  await page.getByTestId('instrument-preset').selectOption('gmm-ring');
  await page.getByTestId('ifield-lambdas-count').fill('4001');
  await page.getByTestId('ifield-estimator-queries').fill('8192');
  await page.getByTestId('instrument-start').click();
  await expect(page.getByTestId('instrument-progress-text')).toContainText('forward curves', { timeout: 30_000 });
  await shot('cancel');
  await page.getByTestId('instrument-cancel').click();
  await expect(page.getByTestId('instrument-status')).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(page.getByTestId('instrument-message')).toContainText('Cancelled');
  // The completed ring run of the step before, and this one cancelled (newest first).
  expect((await runsOf('dynamics', 'gmm-ring')).map((r) => r.status)).toEqual(['cancelled', 'completed']);
});

test('History: an instrument run opens in the Instruments view with the same plots', async () => {
  await page.getByTestId('rail-history').click();
  await page.getByTestId('history-search').fill('two-points');
  const row = page.getByTestId('history-row').filter({ hasText: 'forward' });
  await expect(row).toHaveCount(1);
  await row.click();
  await page.getByTestId('detail-open-instrument').click();
  await expect(page.getByTestId('view-title')).toHaveText('Instruments');
  await expect(page.getByTestId('instrument-shown')).toContainText('forward (completed)');
  await expect(page.getByTestId('figure-dynamics').getByTestId('instrument-panel')).toHaveCount(5);
  // Edit config: the stored config back in the editor, valid, ready to change and start again.
  await page.getByTestId('rail-history').click();
  await page.getByTestId('detail-edit-instrument').click();
  await expect(page.getByTestId('instrument-config')).toHaveValue(/"name": "two-points"/u);
  await expect(page.getByTestId('instrument-ok')).toBeVisible();
  expect(consoleProblems).toEqual([]);
});

test('Compare: two dynamics runs ticked in the History overlay their curves in one figure per quantity, exported with both runs in the provenance', async () => {
  /** Starts the dynamics preset renamed and on a coarser λ grid (the runs must differ in data and grid, and stay quick). */
  const runRenamed = async (preset: string, name: string, count: number) => {
    await page.getByTestId('instrument-preset').selectOption(preset);
    const config = page.getByTestId('instrument-config');
    const json = JSON.parse(await config.inputValue()) as { name: string; lambdas: { count: number } };
    await config.fill(JSON.stringify({ ...json, name, lambdas: { ...json.lambdas, count } }, null, 2));
    await expect(page.getByTestId('instrument-ok')).toBeVisible();
    await runToEnd();
  };
  await page.getByTestId('rail-instruments').click();
  await page.getByTestId('itab-dynamics').click();
  await runRenamed('two-points', 'cmp-points', 201);
  await runRenamed('two-classes', 'cmp-classes', 151);

  // One experiment (all its runs ticked) is refused with a message saying what to tick.
  await page.getByTestId('rail-history').click();
  await page.getByTestId('history-search').fill('cmp-points');
  await expect(page.getByTestId('history-row').first()).toContainText('cmp-points');
  await page.getByTestId('history-select-all').click();
  await page.getByTestId('history-compare').click();
  await expect(page.getByTestId('notice')).toContainText('Tick runs of two or more dynamics experiments');
  await page.getByTestId('history-select-all').click();
  await expect(page.getByTestId('history-selected')).toHaveText('0 selected');

  const points = await runsOf('dynamics', 'cmp-points');
  const classes = await runsOf('dynamics', 'cmp-classes');
  await page.getByTestId('history-search').fill('cmp-');
  await expect(page.getByTestId('history-row')).toHaveCount(points.length + classes.length);
  await page.getByTestId('history-select-all').click();
  await page.getByTestId('history-compare').click();
  await expect(page.getByTestId('view-title')).toHaveText('Instruments');
  await expect(page.getByTestId('compared-run')).toHaveText(['cmp-points', 'cmp-classes']);
  const figure = page.getByTestId('figure-compare-dynamics');
  await expect(figure.getByTestId('instrument-panel')).toHaveCount(3);
  // Twice the curves: one MMSE curve per run, and the entropies and R of both runs.
  const [mmse, entropy, bandwidth] = [0, 1, 2].map((i) => figure.getByTestId('instrument-panel').nth(i));
  await expect(mmse!).toHaveAttribute('data-title', 'MMSE with ± 1 s.e.');
  await expect(mmse!.locator('path.recharts-line-curve')).toHaveCount(2);
  // R of each run (and R_Z of the labelled one); two curves (direct, I-MMSE) per run for the entropies.
  expect(await bandwidth!.locator('path.recharts-line-curve').count()).toBeGreaterThanOrEqual(2);
  expect(await entropy!.locator('path.recharts-line-curve').count()).toBeGreaterThanOrEqual(2);
  await shot('compare');

  const csv = await exportCsv('figure-compare-dynamics', 'cmp dynamics');
  const forward = points.find((r) => r.variant === 'forward')!;
  const curves = await storedArray(forward.id, 'curves');
  const n = curves.shape[1]!;
  // λ and mmse of the first run's 100th grid point, under the run's name.
  expect(csv).toContain(`1,trace,cmp-points: mmse,${curves.values[100]},${curves.values[2 * n + 100]}`);
  expect(csv).toContain('1,trace,cmp-classes: mmse,');
  const dir = path.join(serve.dataDir, 'exports');
  const svg = readFileSync(path.join(dir, readdirSync(dir).find((f) => f.startsWith('cmp-dynamics') && f.endsWith('.svg'))!), 'utf8');
  const provenance = /<infodiff:provenance[^>]*>([^<]*)</u.exec(svg)![1]!.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  // Every run of both experiments (forward, bifurcation, trajectories …), not only those drawn.
  expect([...(JSON.parse(provenance) as { runIds: string[] }).runIds].sort()).toEqual([...points, ...classes].map((r) => r.id).sort());

  // The export shortcut exports the open comparison, not the tab's last run.
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('export-name')).toHaveValue(/cmp-points vs cmp-classes information dynamics/u);
  await page.keyboard.press('Escape');
  await page.getByTestId('comparison-close').click();
  await expect(page.getByTestId('figure-dynamics')).toBeVisible();
  expect(consoleProblems).toEqual([]);
});
