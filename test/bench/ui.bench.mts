/**
 * Benchmark (a script, not a test): the workbench in Debian's Chromium (headless, software rendering),
 * against a real `infodiff serve`.
 *  1. Frame times while the live view follows a 5000-step run (paper-toy 32 × 32, T = 5000, 8 seeds × 5000
 *     DDPM steps, 4 variants, 50 frames per seed; the engine on 1 thread so the browser keeps a core; a
 *     1000-step run now ends within a second, too short to measure):
 *     requestAnimationFrame intervals over the whole run, long animation frames, and how often the
 *     sample grid changed during the first seed. Goal (issue 6): ≥ 30 fps.
 *  2. The History with 10,000 runs (2,500 experiments × 4): time from the click on the rail to the rows
 *     committed (MutationObserver) and to the next painted frame, median of 7; frame intervals while
 *     jumping through the list in 60 scroll steps. Goal (issue 6): < 200 ms.
 * Writes test-results/bench/ui-live.json and ui-history.json (with --docs: docs/ui/perf-*.json) and
 * prints both with the goals. Numbers: docs/ui.md, "Measured performance".
 *
 * Run: npm run build && npx tsx test/bench/ui.bench.mts [--docs]      (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { configureLongRun, firstSeedLiveGrid, frameStats, seedRunHistory, startLiveRecording, stopLiveRecording } from '../e2e/scaleFixtures';
import { startServe } from '../e2e/serveProcess';

const { values } = parseArgs({ options: { docs: { type: 'boolean', default: false } } });
const root = path.resolve(import.meta.dirname, '..', '..');
if (!existsSync(path.join(root, 'out', 'main'))) throw new Error('out/ is missing: run `npm run build` first (the bench drives the built serve mode)');
const outDir = values.docs ? path.join(root, 'docs', 'ui') : path.join(root, 'test-results', 'bench');
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (x: number) => Math.round(x * 10) / 10;

function save(name: string, data: object): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, name), `${JSON.stringify({ measured: new Date().toISOString(), loadAverage1m: round1(loadavg()[0]!), ...data }, null, 2)}\n`);
}

async function liveRun(page: Page) {
  const serve = await startServe(1);
  try {
    await page.goto(serve.url);
    await configureLongRun(page, { seeds: 8, steps: 5000, frames: 50 });
    await startLiveRecording(page);
    const started = Date.now();
    await page.getByTestId('start-button').click();
    await page.locator('[data-testid="run-status"][data-status="completed"]').waitFor({ timeout: 600_000 });
    const runMs = Date.now() - started;
    const recording = await stopLiveRecording(page);
    const deltas = recording.frameTimes.slice(1).map((t, i) => t - recording.frameTimes[i]!);
    return {
      workload: 'paper-toy 32×32, T = 5000, 8 seeds × 5000 DDPM steps, 4 variants, 50 frames per seed, engine on 1 thread', runMs,
      gridUpdatesDuringFirstSeed: firstSeedLiveGrid(recording).length, ...frameStats(deltas),
      longAnimationFrames: recording.longFrames.length, longestAnimationFrameMs: Math.round(Math.max(0, ...recording.longFrames)),
    };
  } finally {
    await serve.stop();
  }
}

async function historyOf10k(page: Page) {
  const serve = await startServe(1, seedRunHistory(2500));
  try {
    await page.goto(serve.url);
    await page.getByTestId('rail-history').click();
    await page.getByText('10000 runs').waitFor({ timeout: 60_000 });
    const samples: { renderMs: number; paintMs: number }[] = [];
    for (let k = 0; k < 7; k++) {
      await page.getByTestId('rail-workbench').click();
      await page.getByTestId('history-row').first().waitFor({ state: 'detached' });
      samples.push(await page.evaluate(async () => {
        const t0 = performance.now();
        const committed = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.querySelector('[data-testid="history-row"]') !== null) { observer.disconnect(); resolve(performance.now()); }
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
        (document.querySelector('[data-testid="rail-history"]') as HTMLButtonElement).click();
        const renderMs = (await committed) - t0;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return { renderMs, paintMs: performance.now() - t0 };
      }));
    }
    const rowsInDom = await page.getByTestId('history-row').count();
    const scroll = await page.evaluate(async () => {
      const el = document.querySelector('[data-testid="history-scroll"]') as HTMLElement;
      const deltas: number[] = [];
      let last = performance.now();
      for (let k = 1; k <= 60; k++) {
        el.scrollTop = (k / 60) * (el.scrollHeight - el.clientHeight);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    });
    return {
      runs: 10_000, rowsInDom,
      renderMsMedian: round1(median(samples.map((s) => s.renderMs))),
      paintMsMedian: round1(median(samples.map((s) => s.paintMs))),
      samples, scroll: frameStats(scroll.slice(1)),
    };
  } finally {
    await serve.stop();
  }
}

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx compiles with esbuild's keepNames: functions sent to page.evaluate call its __name helper.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  console.log(`Chromium ${browser.version()}, load average ${loadavg().map(round1).join(' ')}`);
  const live = await liveRun(page);
  save('perf-live.json', live);
  console.log(`live view, ${live.workload}: run ${(live.runMs / 1000).toFixed(1)} s, ${live.frames} frames, mean ${live.meanMs} ms (${live.fps} fps), median ${live.p50Ms} ms, p95 ${live.p95Ms} ms, p99 ${live.p99Ms} ms, max ${live.maxMs} ms; ${live.longAnimationFrames} long animation frames; grid changed ${live.gridUpdatesDuringFirstSeed}× during the first seed`);
  console.log(`  goal ≥ 30 fps: ${live.fps >= 30 ? 'met' : 'NOT met'}`);
  const history = await historyOf10k(page);
  save('perf-history.json', history);
  console.log(`History, 10,000 runs: rows committed ${history.renderMsMedian} ms, painted ${history.paintMsMedian} ms (median of 7); ${history.rowsInDom} rows in the page; scrolling: median frame ${history.scroll.p50Ms} ms, p95 ${history.scroll.p95Ms} ms`);
  console.log(`  goal < 200 ms: ${history.paintMsMedian < 200 ? 'met' : 'NOT met'}`);
  console.log(`written: ${path.relative(root, outDir)}/perf-live.json, perf-history.json`);
} finally {
  await browser.close();
}
