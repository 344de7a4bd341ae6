import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CounterRng } from '../../../src-shared/math/rng';
import { type Store, blockMassArtifact, openStore, pruningArtifact } from '../../../src-main/store';
import { finalMetrics, seedRun, stepMetrics, tempDir } from './support/fixtures';

/** A source database with two finished runs (steps, finals, artifacts) and one still running. */
function source(dir: string): { store: Store; runIds: string[] } {
  const store = openStore({ file: path.join(dir, 'source.db') });
  const a = seedRun(store, { name: 'projected δ=0.05', tags: ['paper', 'toy'] });
  const b = store.createRun({ experimentId: a.experimentId, variant: 'unprojected', deltaTol: null, seeds: [0, 1], config: { z: 1, a: [1, 2] }, configHash: 'c', dataHash: 'd', appVersion: '0.1.0', backend: 'webgpu' });
  const c = seedRun(store, { experiment: 'other', preset: null }).runId;
  for (const runId of [a.runId, b]) {
    store.appendSteps(runId, [0, 1].flatMap((seed) => Array.from({ length: 30 }, (_, i) => stepMetrics(seed, i))));
    store.appendFinals(runId, [finalMetrics(0), finalMetrics(1)]);
    store.putArtifact(runId, { name: 'final', dtype: 'float32', shape: [2, 4, 4], data: Float32Array.from({ length: 32 }, (_, k) => k / 3), seed: 0 });
    store.putArtifact(runId, { name: 'labels', dtype: 'int32', shape: [4, 4], data: Int32Array.from({ length: 16 }, (_, k) => k % 3) });
    for (const seed of [0, 1]) {
      store.putArtifact(runId, blockMassArtifact(seed, Float64Array.from({ length: 3 * 4 }, (_, k) => (k % 4 === 3 ? Number.NaN : (seed + k) / 7)), 3));
      store.putArtifact(runId, pruningArtifact(seed, [{ step: 9, epsilon: 1e-12, skippedFraction: 0.25 + seed / 8, neglectedWeight: 3e-17 }]));
    }
  }
  store.appendSteps(c, [stepMetrics(0, 0)]);
  store.finishRun(a.runId, { status: 'completed', timings: { sampleMs: 12 } });
  store.finishRun(b, { status: 'cancelled' });
  store.updateRun(a.runId, { notes: 'the good one', starred: true });
  return { store, runIds: [a.runId, b, c] };
}

/** Everything a user sees of a run, with ids left out. */
function content(store: Store, runId: string) {
  const { id: _id, experimentId: _e, originId: _o, ...run } = store.getRun(runId)!;
  const artifacts = store.listArtifacts(runId).map(({ id, runId: _r, ...meta }) => ({ ...meta, data: Array.from(store.getArtifact(id)!.data) }));
  return { run, steps: store.getSteps(runId), finals: store.getFinals(runId), artifacts };
}

/** A digest of every row of every table of a closed database file. */
function digest(file: string): string {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' ORDER BY name").pluck().all() as string[];
  const text = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).raw().all())).join('\n');
  db.close();
  return createHash('sha256').update(text).digest('hex');
}

/** Rebuilds a bundle from its lines (header … records), with a fresh, correct trailer. */
function rebundle(lines: string[]): Buffer {
  const body = lines.map((l) => `${l}\n`).join('');
  const trailer = JSON.stringify({ type: 'end', records: lines.length - 1, sha256: createHash('sha256').update(body).digest('hex') });
  return gzipSync(`${body}${trailer}\n`);
}

describe('Store.exportBundle(ids, file) → importBundle(file)', () => {
  it('reproduces every run in another database with new ids: config, steps, finals, summary, artifacts, tags', () => {
    const dir = tempDir();
    const { store, runIds } = source(dir);
    const file = path.join(dir, 'runs.infodiff');
    expect(store.exportBundle(runIds, file)).toEqual({ runs: 3, bytes: readFileSync(file).byteLength });
    const target = openStore({ file: path.join(dir, 'target.db') });
    const result = target.importBundle(file);
    expect(result).toMatchObject({ imported: 3, skipped: 0 });
    for (const runId of runIds) {
      const newId = result.idMap[runId]!;
      expect(newId).not.toBe(runId);
      expect(target.getRun(newId)!.originId).toBe(runId);
      const expected = content(store, runId);
      const actual = content(target, newId);
      if (expected.run.status === 'running') {
        expect(actual.run).toMatchObject({ status: 'interrupted', error: 'the run was still being written when it was exported' });
        expected.run = { ...expected.run, status: 'interrupted', error: actual.run.error, finished: actual.run.finished };
      }
      expect(actual).toEqual(expected);
    }
    expect(target.listExperiments().map((e) => [e.name, e.tags, e.runCount]).sort()).toEqual([['other', [], 1], ['toy grid', ['paper', 'toy'], 2]]);
    store.close();
    target.close();
  });

  it('carries the per-step block masses and pruning tables of every seed bit for bit (Store.getBlockMasses / getPruning agree)', () => {
    const dir = tempDir();
    const { store, runIds } = source(dir);
    const file = path.join(dir, 'tables.infodiff');
    store.exportBundle(runIds, file);
    const target = openStore({ file: path.join(dir, 'target.db') });
    const { idMap } = target.importBundle(file);
    const hex = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
    for (const runId of runIds.slice(0, 2)) {
      for (const seed of [0, 1]) {
        const before = store.getBlockMasses(runId, seed)!, after = target.getBlockMasses(idMap[runId]!, seed)!;
        expect({ ...after, masses: hex(after.masses) }).toEqual({ ...before, masses: hex(before.masses) });
        expect(target.getPruning(idMap[runId]!, seed)).toEqual(store.getPruning(runId, seed));
      }
    }
    expect(target.getBlockMasses(idMap[runIds[2]!]!)).toBeUndefined();
    store.close();
    target.close();
  });

  it('duplicates nothing on re-import, nor when a re-exported copy comes back to the first database', () => {
    const dir = tempDir();
    const { store, runIds } = source(dir);
    const first = path.join(dir, 'first.infodiff');
    store.exportBundle(runIds, first);
    const target = openStore({ file: path.join(dir, 'target.db') });
    const once = target.importBundle(first);
    expect(target.importBundle(first)).toEqual({ imported: 0, skipped: 3, idMap: once.idMap });
    expect(target.listRuns().total).toBe(3);
    expect(target.listExperiments()).toHaveLength(2);

    const back = path.join(dir, 'back.infodiff');
    target.exportBundle(Object.values(once.idMap), back);
    expect(store.importBundle(back)).toMatchObject({ imported: 0, skipped: 3 });
    expect(store.listRuns().total).toBe(3);
    store.close();
    target.close();
  });

  it('refuses unknown run ids without writing a file', () => {
    const dir = tempDir();
    const { store, runIds } = source(dir);
    const file = path.join(dir, 'x.infodiff');
    expect(() => store.exportBundle([runIds[0]!, 'nope'], file)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
    store.close();
  });
});

describe('Store.importBundle(file) with a damaged bundle', () => {
  function prepared() {
    const dir = tempDir();
    const { store, runIds } = source(dir);
    const bundle = path.join(dir, 'runs.infodiff');
    store.exportBundle(runIds, bundle);
    store.close();
    const targetFile = path.join(dir, 'target.db');
    const target = openStore({ file: targetFile });
    seedRun(target, { name: 'already here' });
    target.close();
    return { dir, bytes: readFileSync(bundle), targetFile, before: digest(targetFile) };
  }

  /** Each bad bundle is refused with bundle-invalid and a message matching `message`; the database file's rows stay as they were. */
  function expectRefused(targetFile: string, before: string, bad: readonly Buffer[], message: RegExp): void {
    const badFile = `${targetFile}.bad.infodiff`;
    const target = openStore({ file: targetFile });
    for (const bytes of bad) {
      writeFileSync(badFile, bytes);
      expect(() => target.importBundle(badFile)).toThrow(expect.objectContaining({ code: 'bundle-invalid', message: expect.stringMatching(message) }));
    }
    target.close();
    expect(digest(targetFile)).toBe(before);
  }

  /** Whether `bad` still gunzips to exactly `payload` (the flip hit a bit that carries no data). */
  function readsBack(bad: Buffer, payload: Buffer): boolean {
    try {
      return gunzipSync(bad).equals(payload);
    } catch {
      return false;
    }
  }

  it('refuses a bundle truncated anywhere with bundle-invalid and leaves the database unchanged', () => {
    const { bytes, targetFile, before } = prepared();
    const rng = new CounterRng(7, 0);
    const cuts = [0, 1, 10, 12, bytes.length - 1, bytes.length - 4, bytes.length - 8, ...Array.from({ length: 16 }, () => rng.nextInt(bytes.length))];
    expectRefused(targetFile, before, cuts.map((cut) => bytes.subarray(0, cut)), /not a valid run bundle: .*nothing was imported/);
  });

  it('refuses a bundle with any single bit flipped (every bit of the gzip header and trailer, 64 random others in the deflate stream)', () => {
    const { bytes, targetFile, before } = prepared();
    const rng = new CounterRng(11, 0);
    const positions = [...Array.from({ length: 12 }, (_, k) => k), ...Array.from({ length: 8 }, (_, k) => bytes.length - 1 - k)];
    const flips = positions.flatMap((at) => Array.from({ length: 8 }, (_, bit) => [at, bit] as const));
    // Random bytes of the deflate stream but its last, whose padding bits carry no data (next test).
    for (let k = 0; k < 64; k++) flips.push([12 + rng.nextInt(bytes.length - 21), rng.nextInt(8)]);
    const flipped = flips.map(([at, bit]) => {
      const bad = Buffer.from(bytes);
      bad[at] = bad[at]! ^ (1 << bit);
      return bad;
    });
    // A few bits of a deflate stream carry no data (seen: about 1 run in 10 draws one such flip): the
    // bundle then reads back byte for byte, so there is nothing to refuse. Every other flip must be refused.
    const payload = gunzipSync(bytes);
    const damaging = flipped.filter((bad, k) => k < 8 * positions.length || !readsBack(bad, payload));
    expect(damaging.length).toBeGreaterThanOrEqual(8 * positions.length + 48);
    expectRefused(targetFile, before, damaging, /not a valid run bundle/);
  });

  it('a flip in the deflate stream\'s last byte is refused, or falls in its padding and reads back the very same payload', () => {
    const { bytes, targetFile, before } = prepared();
    const last = bytes.length - 9;
    const refused: Buffer[] = [];
    for (let bit = 0; bit < 8; bit++) {
      const bad = Buffer.from(bytes);
      bad[last] = bad[last]! ^ (1 << bit);
      let payload: Buffer | null = null;
      try {
        payload = gunzipSync(bad);
      } catch {
        // A data bit: the stream or its CRC fails.
      }
      if (payload === null || !payload.equals(gunzipSync(bytes))) refused.push(bad);
    }
    // At least the byte's lowest bit is data (the last block's end code ends in it).
    expect(refused.length).toBeGreaterThan(0);
    expectRefused(targetFile, before, refused, /not a valid run bundle/);
  });

  it('refuses content changed inside an intact gzip stream (checksum) and a malformed record with a correct checksum (schema)', () => {
    const { bytes, targetFile, before } = prepared();
    const text = gunzipSync(bytes).toString('utf8');
    expectRefused(targetFile, before, [gzipSync(text.replace('the good one', 'the bad one!'))], /checksum does not match/);
    const lines = text.trimEnd().split('\n').slice(0, -1);
    const runLine = lines.findIndex((l) => l.includes('"type":"run"'));
    const broken = [...lines];
    broken[runLine] = broken[runLine]!.replace(/"seeds":\[[^\]]*\]/u, '"seeds":["zero"]');
    expectRefused(targetFile, before, [rebundle(broken)], new RegExp(`line ${runLine + 1}: malformed record \\(seeds.0: `));
    const orphan = lines.filter((l) => !l.includes('"type":"experiment"'));
    expectRefused(targetFile, before, [rebundle(orphan)], /names experiment .*, which is not in the bundle/);
    const newer = [lines[0]!.replace('"version":1', '"version":2'), ...lines.slice(1)];
    expectRefused(targetFile, before, [rebundle(newer)], /format version 2, newer than this build reads/);
    const shortColumn = lines.map((l) => (l.includes('"type":"steps"') ? l.replace(/"step":\[0,/u, '"step":[') : l));
    expectRefused(targetFile, before, [rebundle(shortColumn)], /column \w+ does not hold 29 numbers/);
  });

  it('refuses a file that is not a bundle at all', () => {
    const { targetFile, before } = prepared();
    expectRefused(targetFile, before, [Buffer.from('SQLite format 3\0 and more')], /not gzip'ed UTF-8 or is truncated/);
    expectRefused(targetFile, before, [gzipSync('{"hello":"world"}\n{"type":"end","records":0,"sha256":"00"}\n')], /line 1: the header is not an infodiff-run-bundle header/);
  });
});

