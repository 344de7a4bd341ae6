import { expect, test } from '@playwright/test';
import { configureLongRun, firstSeedLiveGrid, seedRunHistory, startLiveRecording, stopLiveRecording } from './scaleFixtures';
import { startServe } from './serveProcess';

// What must hold at scale; how fast it is, is test/bench/ui.bench.ts's (frame rates, render times).

// Long enough for the first seed to stay live over many preview intervals (≤ 10 a second): 5000 steps of
// the 32 × 32 paper toy take ~0.15 s on a fast machine (two or three previews, 2026-11-23), so the run
// uses 96 × 96 images, nine times the work per step (~1 s for the first seed there, ~10 previews).
const LIVE_STEPS = 5000;
const LIVE_SIZE = 96;

test(`a ${LIVE_STEPS}-step run: the live sample grid animates from the first seed on, before any of its frames is stored`, async ({ page }) => {
  test.setTimeout(300_000);
  const serve = await startServe(1);
  try {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(serve.url);
    await configureLongRun(page, { seeds: 2, steps: LIVE_STEPS, frames: 50, size: LIVE_SIZE });
    await startLiveRecording(page);
    await page.getByTestId('start-button').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 240_000 });
    // At completion, while the stored frames are still arriving, no cell is blank: each keeps its latest known state.
    expect(await page.getByTestId('sample-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-empty')))).toEqual(Array(8).fill('false'));
    const recording = await stopLiveRecording(page);
    const firstSeed = firstSeedLiveGrid(recording);
    expect(firstSeed.length).toBeGreaterThanOrEqual(3);
    expect(new Set(firstSeed.map((g) => g.cell)).size).toBeGreaterThanOrEqual(3);
    // Seed 0's first cell moves forward only (the label itself moves on to the seeds that follow).
    const cellSteps = firstSeed.map((g) => Number.parseInt(g.cellStep, 10));
    for (let k = 1; k < cellSteps.length; k++) expect(cellSteps[k]!).toBeGreaterThanOrEqual(cellSteps[k - 1]!);
    expect(new Set(cellSteps).size).toBeGreaterThanOrEqual(3);
    // After the run the grid shows stored frames, no longer live states: every cell (2 seeds × 4 variants) its last one.
    await expect(page.getByTestId('sample-grid-step')).toHaveText(String(LIVE_STEPS));
    const cells = page.getByTestId('sample-cell');
    await expect(cells).toHaveCount(8);
    for (let k = 0; k < 8; k++) await expect(cells.nth(k)).toHaveAttribute('aria-label', new RegExp(`after step ${LIVE_STEPS}$`, 'u'));
    // Moving the slider scrubs the stored frames: every cell shows the chosen step.
    await page.getByTestId('sample-grid-scrub').fill('0');
    const first = (await page.getByTestId('sample-grid-step').textContent()) ?? '';
    expect(Number(first)).toBeGreaterThan(0);
    expect(Number(first)).toBeLessThan(LIVE_STEPS);
    for (let k = 0; k < 8; k++) await expect(cells.nth(k)).toHaveAttribute('aria-label', new RegExp(`after step ${first}$`, 'u'));
    await page.getByTestId('sample-grid-scrub').fill('49');
    await expect(page.getByTestId('sample-grid-step')).toHaveText(String(LIVE_STEPS));
    await page.screenshot({ path: `test-results/e2e/11-live-${LIVE_STEPS}-steps.png` });
  } finally {
    await serve.stop();
  }
});

test('the History of 10,000 runs keeps only a window of rows in the page and scrolls to the oldest', async ({ page }) => {
  test.setTimeout(300_000);
  const serve = await startServe(1, seedRunHistory(2500));
  try {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(serve.url);
    await page.getByTestId('rail-history').click();
    await expect(page.getByTestId('history-total')).toHaveText('10000 runs', { timeout: 60_000 });
    await expect(page.getByTestId('history-row').first()).toContainText('sweep 2499');
    expect(await page.getByTestId('history-row').count()).toBeLessThan(100);
    await page.getByTestId('history-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect(page.getByTestId('history-row').last()).toContainText('sweep 0');
    await expect(page.getByTestId('history-row').last()).toBeVisible();
    expect(await page.getByTestId('history-row').count()).toBeLessThan(100);
    await page.screenshot({ path: 'test-results/e2e/12-history-10k.png' });
  } finally {
    await serve.stop();
  }
});
