import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store';
import { finalMetrics, seedRun, stepMetrics, tempDir } from './support/fixtures';

describe('Store.trashRuns / restoreRuns', () => {
  it('hides trashed runs from lists, shows them in the trash, and restores them whole', () => {
    const store = openStore({ file: ':memory:' });
    const { runId } = seedRun(store);
    const other = seedRun(store).runId;
    store.appendSteps(runId, [stepMetrics(0, 0)]);
    store.trashRuns([runId]);
    expect(store.listRuns().rows.map((r) => r.id)).toEqual([other]);
    expect(store.listRuns({ trash: 'only' }).rows.map((r) => r.id)).toEqual([runId]);
    expect(store.listRuns({ trash: 'include' }).total).toBe(2);
    expect(store.getRun(runId)!.trashed).toEqual(expect.any(Number));
    store.restoreRuns([runId]);
    expect(store.listRuns().total).toBe(2);
    expect(store.getRun(runId)).toMatchObject({ trashed: null, stepCount: 1 });
    store.close();
  });

  it('changes nothing when one id is unknown', () => {
    const store = openStore({ file: ':memory:' });
    const { runId } = seedRun(store);
    expect(() => store.trashRuns([runId, 'nope'])).toThrow(expect.objectContaining({ code: 'not-found', message: 'no run with id nope' }));
    expect(store.listRuns().total).toBe(1);
    store.close();
  });
});

describe('Store.purgeRuns(ids)', () => {
  it('deletes the runs, their series and artifacts, and gives the pages back to the file system', () => {
    const file = path.join(tempDir(), 'infodiff.db');
    const store = openStore({ file });
    const { experimentId, runId } = seedRun(store);
    const kept = seedRun(store).runId;
    store.appendSteps(runId, Array.from({ length: 200 }, (_, i) => stepMetrics(0, i)));
    store.appendFinals(runId, [finalMetrics(0)]);
    const frame = Float32Array.from({ length: 256 * 256 }, (_, k) => Math.sin(k));
    const artifactIds = Array.from({ length: 16 }, (_, step) => store.putArtifact(runId, { name: 'frame', dtype: 'float32', shape: [256, 256], data: frame, seed: 0, step }));
    store.finishRun(runId, { status: 'completed' });
    store.close();

    const pages = () => {
      const db = new Database(file, { readonly: true });
      const count = db.pragma('page_count', { simple: true }) as number;
      db.close();
      return count;
    };
    const before = pages();
    const reopened = openStore({ file });
    expect(reopened.purgeRuns([runId])).toEqual({ runs: 1, artifactBytes: 16 * frame.byteLength });
    expect(reopened.getRun(runId)).toBeUndefined();
    expect(artifactIds.map((id) => reopened.getArtifact(id))).toEqual(artifactIds.map(() => undefined));
    expect(reopened.listRuns({ trash: 'include' }).rows.map((r) => r.id)).toEqual([kept]);
    expect(reopened.getExperiment(experimentId)).toBeDefined();
    reopened.close();
    // 16 frames of 256 KiB are 4 MiB, ≥ 1,024 pages of 4 KiB; the file keeps far less than that.
    expect(before - pages()).toBeGreaterThan(1000);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT (SELECT count(*) FROM run_steps) + (SELECT count(*) FROM run_finals) + (SELECT count(*) FROM run_summary) + (SELECT count(*) FROM artifacts)').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses to purge a run that is still running, and purges nothing then', () => {
    const store = openStore({ file: ':memory:' });
    const done = seedRun(store).runId;
    store.finishRun(done, { status: 'cancelled' });
    const live = seedRun(store).runId;
    expect(() => store.purgeRuns([done, live])).toThrow(/is running: cancel it before deleting it for good/);
    expect(store.listRuns().total).toBe(2);
    store.close();
  });
});
