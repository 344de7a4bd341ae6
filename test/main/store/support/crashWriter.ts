/**
 * Child process of crash.test.ts (`node --import tsx crashWriter.ts FILE seeds stepsPerBatch`): opens
 * the store at FILE, creates a run, then appends batches of steps forever. Batch k holds steps
 * k·stepsPerBatch … (k + 1)·stepsPerBatch − 1 for seeds 0 … seeds − 1, followed by a block-mass
 * table (blockMassTable(k), stored as the table of "seed" k, as a finished seed's is). Before each
 * batch it writes "begin k" and after both commits "committed k" to fd 1 with a synchronous write, so
 * that when it is killed the parent knows committed ≤ stored batches ≤ begun.
 */
import { writeSync } from 'node:fs';
import { blockMassArtifact, hashConfig, openStore } from '../../../../src-main/store';
import { blockMassTable, stepMetrics } from './data';

/** Writes `line` to fd 1 whole. The pipe to the parent is non-blocking: while the parent is busy and the pipe full, writeSync throws EAGAIN, so it retries until the parent reads. */
function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  for (let written = 0; written < bytes.length;) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

function main(file: string, seeds: number, stepsPerBatch: number): void {
  const store = openStore({ file });
  const experimentId = store.createExperiment({ name: 'crash writer', tags: ['crash'] });
  const config = { writer: 'crash', seeds };
  const runId = store.createRun({
    experimentId, variant: 'projected', deltaTol: 0.1, seeds: Array.from({ length: seeds }, (_, s) => s), config,
    configHash: hashConfig(config), dataHash: null, appVersion: 'test', backend: 'cpu',
  });
  say(`run ${runId}`);
  for (let k = 0; ; k++) {
    const batch = [];
    for (let seed = 0; seed < seeds; seed++) {
      for (let j = 0; j < stepsPerBatch; j++) batch.push(stepMetrics(seed, k * stepsPerBatch + j));
    }
    say(`begin ${k}`);
    store.appendSteps(runId, batch);
    store.putArtifact(runId, blockMassArtifact(k, blockMassTable(k), stepsPerBatch));
    say(`committed ${k}`);
  }
}

const [file, seeds, stepsPerBatch] = process.argv.slice(2);
main(file!, Number(seeds), Number(stepsPerBatch));
