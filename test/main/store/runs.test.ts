import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashConfig, openStore } from '../../../src-main/store';
import { CONFIG, finalMetrics, seedRun, stepMetrics, tempDir } from './support/fixtures';

const memory = () => openStore({ file: ':memory:', now: () => 1_700_000_000_000 });

describe('Store.createRun(input) and getRun(id)', () => {
  it('stores the config exactly with its hash, seeds, δ, backend and app version, as a running run', () => {
    const store = memory();
    const { experimentId, runId } = seedRun(store, { tags: ['paper', 'toy'] });
    expect(store.getRun(runId)).toMatchObject({
      id: runId, experimentId, experiment: 'toy grid', preset: 'paper-toy', tags: ['paper', 'toy'], variant: 'projected', deltaTol: 0.05,
      seeds: [0, 1], seedCount: 2, status: 'running', backend: 'cpu', appVersion: '0.1.0', config: CONFIG, configHash: hashConfig(CONFIG),
      dataHash: null, created: 1_700_000_000_000, started: 1_700_000_000_000, finished: null, trashed: null, summary: null, stepCount: 0, originId: null,
    });
    store.close();
  });

  it('refuses an unknown experiment with not-found and bad fields with invalid-argument naming the field', () => {
    const store = memory();
    const { experimentId } = seedRun(store);
    const input = { experimentId, variant: 'projected', deltaTol: 0.1, seeds: [0], config: {}, configHash: 'h', dataHash: null, appVersion: '1', backend: 'cpu' };
    expect(() => store.createRun({ ...input, experimentId: 'nope' })).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => store.createRun({ ...input, deltaTol: -1 })).toThrow(/deltaTol: expected a finite δ ≥ 0 or null, got -1/);
    expect(() => store.createRun({ ...input, seeds: [0, 1.5] })).toThrow(/seeds\[1\]: expected an integer, got 1.5/);
    expect(() => store.createRun({ ...input, seeds: [] })).toThrow(/seeds: expected one or more integer seeds/);
    expect(() => store.createRun({ ...input, variant: '' })).toThrow(/variant: expected a non-empty string/);
    store.close();
  });

  it('returns undefined for an unknown id', () => {
    const store = memory();
    expect(store.getRun('nope')).toBeUndefined();
    store.close();
  });
});

describe('Store.resolveRunId(idOrPrefix)', () => {
  it('accepts a full id in any case or a unique prefix of ≥ 4 characters, and refuses an ambiguous one', () => {
    const file = path.join(tempDir(), 'infodiff.db');
    const store = openStore({ file });
    const ids = [seedRun(store).runId, seedRun(store).runId];
    store.close();
    const db = new Database(file);
    const fixed = ['abcd0000-0000-4000-8000-000000000000', 'abcd1111-0000-4000-8000-000000000000'];
    ids.forEach((id, k) => db.prepare('UPDATE runs SET id = ? WHERE id = ?').run(fixed[k], id));
    db.close();
    const reopened = openStore({ file });
    expect(reopened.resolveRunId(fixed[1]!.toUpperCase())).toBe(fixed[1]);
    expect(reopened.resolveRunId('abcd0')).toBe(fixed[0]);
    expect(() => reopened.resolveRunId('abcd')).toThrow(expect.objectContaining({ code: 'invalid-argument', message: 'id: abcd is the start of several run ids; give more characters' }));
    expect(() => reopened.resolveRunId('abc')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => reopened.resolveRunId('abcd2')).toThrow(expect.objectContaining({ code: 'not-found', message: 'no run with id abcd2' }));
    reopened.close();
  });
});

describe('Store.appendSteps(runId, steps) and getSteps(runId, seed)', () => {
  it('round-trips every field exactly, NaN and ±∞ included, ordered by seed then step', () => {
    const store = memory();
    const { runId } = seedRun(store);
    const steps = [stepMetrics(1, 1), stepMetrics(0, 1), stepMetrics(1, 0), stepMetrics(0, 0)];
    store.appendSteps(runId, steps.slice(0, 2));
    store.appendSteps(runId, [...steps.slice(2), { ...stepMetrics(2, 0), sigma: Number.POSITIVE_INFINITY, psnr: Number.NEGATIVE_INFINITY }]);
    const stored = store.getSteps(runId);
    expect(stored).toEqual([stepMetrics(0, 0), stepMetrics(0, 1), stepMetrics(1, 0), stepMetrics(1, 1), { ...stepMetrics(2, 0), sigma: Infinity, psnr: -Infinity }]);
    expect(Number.isNaN(stored[2]!.mse)).toBe(true);
    expect(store.getSteps(runId, 1)).toEqual([stepMetrics(1, 0), stepMetrics(1, 1)]);
    expect(store.getRun(runId)!.stepCount).toBe(5);
    store.close();
  });

  it('writes a call all or nothing: a repeated (seed, step) rejects the whole batch', () => {
    const store = memory();
    const { runId } = seedRun(store);
    store.appendSteps(runId, [stepMetrics(0, 0)]);
    expect(() => store.appendSteps(runId, [stepMetrics(0, 1), stepMetrics(0, 0)])).toThrow(/steps\[1\]: \(seed 0, step 0\) is already stored/);
    expect(store.getSteps(runId)).toEqual([stepMetrics(0, 0)]);
    store.close();
  });

  it('refuses steps for an unknown run (not-found) and for a finished one', () => {
    const store = memory();
    const { runId } = seedRun(store);
    expect(() => store.appendSteps('nope', [stepMetrics(0, 0)])).toThrow(expect.objectContaining({ code: 'not-found' }));
    store.finishRun(runId, { status: 'completed' });
    expect(() => store.appendSteps(runId, [stepMetrics(0, 0)])).toThrow(/is completed: it takes no more steps/);
    store.close();
  });
});

describe('Store.appendFinals(runId, finals) and the run summary', () => {
  it('keeps finals per seed and summarises them as means over seeds (NaN-valued seeds left out of that mean)', () => {
    const store = memory();
    const { runId } = seedRun(store);
    store.appendFinals(runId, [finalMetrics(0)]);
    store.appendFinals(runId, [{ ...finalMetrics(3), mse: Number.NaN }]);
    expect(store.getFinals(runId)).toEqual([finalMetrics(0), { ...finalMetrics(3), mse: Number.NaN }]);
    const summary = store.getRun(runId)!.summary!;
    expect(summary.seedsFinished).toBe(2);
    expect(summary.eInf).toBeCloseTo((0 + 0.03) / 2, 15);
    expect(summary.psnr).toBe((30 + 27) / 2);
    expect(summary.mse).toBe(1);
    store.close();
  });
});

describe('Store.finishRun(runId, outcome)', () => {
  it('records status, error and timings once; a second finish is refused', () => {
    const store = memory();
    const { runId } = seedRun(store);
    store.finishRun(runId, { status: 'failed', error: 'denoiser returned NaN', timings: { sampleMs: 812 } });
    expect(store.getRun(runId)).toMatchObject({ status: 'failed', error: 'denoiser returned NaN', timings: { sampleMs: 812 }, finished: 1_700_000_000_000 });
    expect(() => store.finishRun(runId, { status: 'completed' })).toThrow(/is failed/);
    store.close();
  });

  it('startRun moves a queued run to running', () => {
    const store = memory();
    const { experimentId } = seedRun(store);
    const id = store.createRun({ experimentId, variant: 'unprojected', deltaTol: null, seeds: [0], config: {}, configHash: 'h', dataHash: 'd', appVersion: '1', backend: 'cpu', status: 'queued' });
    expect(store.getRun(id)).toMatchObject({ status: 'queued', started: null });
    store.startRun(id);
    expect(store.getRun(id)).toMatchObject({ status: 'running', started: 1_700_000_000_000 });
    store.close();
  });
});

describe('Store.close()', () => {
  it('marks its own unfinished runs interrupted and leaves finished ones alone', () => {
    const file = path.join(tempDir(), 'infodiff.db');
    const store = openStore({ file });
    const a = seedRun(store).runId;
    const b = seedRun(store).runId;
    store.finishRun(b, { status: 'completed' });
    store.close();
    store.close();
    const reopened = openStore({ file });
    expect(reopened.getRun(a)).toMatchObject({ status: 'interrupted' });
    expect(reopened.getRun(b)).toMatchObject({ status: 'completed' });
    expect(reopened.interrupted).toEqual([]);
    reopened.close();
  });
});

describe('Store.updateRun / experiments', () => {
  it('renames, annotates and stars runs and experiments; tags are replaced as a set', () => {
    const store = memory();
    const { experimentId, runId } = seedRun(store, { tags: ['a'] });
    store.updateRun(runId, { name: 'baseline', notes: 'first try', starred: true });
    store.updateExperiment(experimentId, { name: 'renamed', tags: ['b', 'c', 'b'], starred: true, notes: 'n' });
    expect(store.getRun(runId)).toMatchObject({ name: 'baseline', notes: 'first try', starred: true, experiment: 'renamed', tags: ['b', 'c'] });
    expect(store.getExperiment(experimentId)).toMatchObject({ name: 'renamed', tags: ['b', 'c'], starred: true, notes: 'n', runCount: 1 });
    expect(() => store.updateExperiment('nope', { name: 'x' })).toThrow(expect.objectContaining({ code: 'not-found' }));
    store.close();
  });

  it('deleteExperiment refuses an experiment that still has runs', () => {
    const store = memory();
    const { experimentId, runId } = seedRun(store);
    expect(() => store.deleteExperiment(experimentId)).toThrow(/still has 1 run/);
    store.finishRun(runId, { status: 'completed' });
    store.purgeRuns([runId]);
    expect(store.getExperiment(experimentId)?.runCount).toBe(0);
    store.deleteExperiment(experimentId);
    expect(store.listExperiments()).toEqual([]);
    store.close();
  });
});
