import path from 'node:path';
import type { CliCommand } from '../../../../src-main/cli/types';
import { openStore } from '../../../../src-main/store';
import { captureIo } from '../../../support/cliIo';
import { finalMetrics, stepMetrics } from './data';
import { seedRun, tempDir } from './fixtures';

/** Runs a CLI command with captured output. */
export async function runCli(command: CliCommand, argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await command(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** A data folder holding two finished runs (with steps, finals, an artifact) and one failed run. */
export function dataDirWithRuns(): { dataDir: string; runIds: string[] } {
  const dataDir = tempDir();
  const store = openStore({ file: path.join(dataDir, 'infodiff.db') });
  const a = seedRun(store, { name: 'tight', tags: ['paper'] }).runId;
  const b = seedRun(store, { experiment: 'digits', preset: 'digits', variant: 'unprojected', deltaTol: null }).runId;
  const c = seedRun(store, { experiment: 'gmm', preset: null }).runId;
  for (const runId of [a, b]) {
    store.appendSteps(runId, [stepMetrics(0, 0), stepMetrics(0, 1), stepMetrics(1, 0), stepMetrics(1, 1)]);
    store.appendFinals(runId, [finalMetrics(0), finalMetrics(1)]);
    store.putArtifact(runId, { name: 'final', dtype: 'float32', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4), seed: 0 });
    store.finishRun(runId, { status: 'completed', timings: { sampleMs: 5 } });
  }
  store.finishRun(c, { status: 'failed', error: 'denoiser returned NaN' });
  store.close();
  return { dataDir, runIds: [a, b, c] };
}
