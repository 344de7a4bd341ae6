import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { presetConfig } from '../../src-shared/experiment/presets';
import { hashConfig, openStore } from '../../src-main/store';
import { setField } from './helpers';

// The long live run and the 10,000-run History, shared by test/e2e/scale.spec.ts (what must hold) and
// test/bench/ui.bench.ts (how fast it is).

/** What the sample grid showed each time its step label or its first cell's step changed. */
export interface GridSeen { readonly step: string; readonly seedsDone: string; readonly cell: string; readonly cellStep: string }

/** What the page recorded while a run was followed. */
export interface LiveRecording { readonly frameTimes: number[]; readonly longFrames: number[]; readonly gridSeen: GridSeen[] }

/** Summary of frame intervals (ms). */
export interface FrameStats { frames: number; meanMs: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; over33Ms: number; fps: number }

/** Mean, quantiles and the mean frame rate of a list of frame intervals (ms). */
export function frameStats(deltas: readonly number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { frames: deltas.length, meanMs: round(mean), p50Ms: round(q(0.5)), p95Ms: round(q(0.95)), p99Ms: round(q(0.99)), maxMs: round(sorted.at(-1)!), over33Ms: deltas.filter((d) => d > 1000 / 30).length, fps: round(1000 / mean) };
}

/**
 * Fills the paper-toy builder for a long run: `seeds` seeds × `steps` steps (the DDPM schedule trained
 * on T = `steps` timesteps, so every one is visited), `frames` stored frames per seed, images of
 * `size` × `size` pixels (default: the preset's 32 × 32).
 */
export async function configureLongRun(page: Page, run: { seeds: number; steps: number; frames: number; size?: number }): Promise<void> {
  await page.getByTestId('preset-select').selectOption('paper-toy');
  const size = run.size === undefined ? [] : [['data.height', run.size], ['data.width', run.size]] as const;
  for (const [key, value] of [['seeds.count', run.seeds], ['schedule.T', run.steps], ['schedule.steps', run.steps], ['frames.count', run.frames], ...size] as const) await setField(page, key, String(value));
  await page.getByTestId('tab-live').click();
}

/** Starts recording every animation frame's time, long animation frames and each change of the sample grid. */
export async function startLiveRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { live: LiveRecording & { recording: boolean } };
    w.live = { frameTimes: [], longFrames: [], gridSeen: [], recording: true };
    const watchGrid = () => {
      const step = document.querySelector('[data-testid="sample-grid-step"]')?.textContent ?? '';
      const first = document.querySelector('[data-testid="sample-cell"]') as HTMLCanvasElement | null;
      const cellStep = /after step (\d+)$/u.exec(first?.getAttribute('aria-label') ?? '')?.[1] ?? '';
      const last = w.live.gridSeen.at(-1);
      if (step === '' || (step === last?.step && cellStep === last.cellStep)) return;
      const seedsDone = /seeds (\d+)\//u.exec(document.querySelector('[data-testid="progress-text"]')?.textContent ?? '')?.[1] ?? '';
      w.live.gridSeen.push({ step, seedsDone, cell: first?.toDataURL() ?? '', cellStep });
    };
    const tick = (t: number) => {
      if (!w.live.recording) return;
      w.live.frameTimes.push(t);
      watchGrid();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.live.longFrames.push(e.duration); }).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      // No Long Animation Frames API: the frame times still say it all.
    }
  });
}

/** Stops the recording and returns it. */
export async function stopLiveRecording(page: Page): Promise<LiveRecording> {
  return page.evaluate(() => {
    const w = window as unknown as { live: LiveRecording & { recording: boolean } };
    w.live.recording = false;
    return { frameTimes: w.live.frameTimes, longFrames: w.live.longFrames, gridSeen: w.live.gridSeen };
  });
}

/** The grid states seen while the first seed ran, before any frame of it was stored ("(live)" steps). */
export function firstSeedLiveGrid(recording: LiveRecording): GridSeen[] {
  return recording.gridSeen.filter((g) => g.seedsDone === '0' && g.step.endsWith('(live)'));
}

/** A new data folder holding `experiments` paper-toy experiments of 4 finished runs each, named `sweep 0`, `sweep 1`, …. */
export function seedRunHistory(experiments: number): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'infodiff-e2e-history-'));
  const store = openStore({ dataDir });
  const config = presetConfig('paper-toy');
  const configHash = hashConfig(config);
  const variants = [['unprojected', null], ['delta=0.01', 0.01], ['delta=0.005', 0.005], ['delta=0.002', 0.002]] as const;
  for (let e = 0; e < experiments; e++) {
    const experimentId = store.createExperiment({ name: `sweep ${e}`, preset: 'paper-toy' });
    for (const [variant, deltaTol] of variants) {
      const runId = store.createRun({ experimentId, variant, deltaTol, seeds: [0, 1, 2, 3], config, configHash, dataHash: null, appVersion: '0.1.0', backend: 'cpu-f64 reference' });
      store.finishRun(runId, { status: 'completed' });
    }
  }
  store.close();
  return dataDir;
}
