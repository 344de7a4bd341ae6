import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LabError, type LabErrorPayload } from '../../../src-shared/errors';
import { variantsOf } from '../../../src-shared/experiment/variants';
import { presetConfig } from '../../../src-shared/experiment/presets';
import { decodeArtifact } from '../../../src-shared/ipc/artifactJson';
import { INVOKE_CHANNELS } from '../../../src-shared/ipc/channels';
import {
  eventSchemas, invokeSchemas, type EventChannel, type EventPayload, type InvokeChannel, type LabApi, type Request, type Response,
} from '../../../src-shared/ipc/contract';
import { parseInstrumentConfig } from '../../../src-main/service/instrumentPresets';
import { LabService } from '../../../src-main/service/labService';
import { openStore, type Store } from '../../../src-main/store';

/** A transport under test: a LabApi reaching `service`, and how to take it down. */
export interface Door {
  readonly api: LabApi;
  close(): Promise<void>;
}

/** A small paper-toy run: 32 × 32, 4 variants, 2 seeds, 40 DDPM steps (well under a second of compute). */
const SMALL_RUN = { preset: 'paper-toy', seeds: 2, steps: 40, name: 'contract-small' } as const;
/** Tiny instrument configs: each completes in about a second (worker start included). */
const TINY_SCHEDULES = { name: 'contract-schedules', target: 'gaussian', Ks: [5, 10], schedules: ['las', 'edm', 'cosine'], candidates: 200 };
const TINY_DYNAMICS = { name: 'contract-dynamics', data: { kind: 'points', points: [[-1], [1]] }, estimator: { kind: 'gauss-hermite', nodes: 20 }, lambdas: { min: -4, max: 6, count: 41 }, peaks: { refine: false }, schedules: ['ve'] };
const TINY_LIKELIHOOD = {
  name: 'contract-likelihood', data: { kind: 'points', points: [[0], [1], [3]] }, discrete: { enabled: false }, warmStart: { laws: ['gaussian'], sigma0: 0.3, samples: 50 },
  entropy: { enabled: false }, bound: { models: [{ kind: 'exact' }], points: 2, count: 41, rule: { kind: 'gauss-hermite', nodes: 8 } }, slopes: { enabled: false },
};
/** A dynamics config that runs for many seconds (2,001 λ × 4,096 queries), to be cancelled. */
const LONG_DYNAMICS = { name: 'contract-instrument-cancel', data: { kind: 'gmm', components: [{ weight: 1, mean: [0, 0], std: 0.5 }, { weight: 1, mean: [2, 1], std: 0.3 }] }, estimator: { kind: 'monte-carlo', queries: 4096 }, lambdas: { min: -8, max: 10, count: 2001 } };

/** Event rate limit used by the suite (the product default is 100 ms). */
const EVENT_INTERVAL_MS = 50;

/**
 * The contract suite, written once and run over every door (in-process, Electron IPC through the
 * real preload, HTTP + WebSocket through the renderer's client). Every response is checked against
 * its response schema and must equal its own parse, so nothing outside the contract (extra keys,
 * NaN, typed arrays) leaks through any door.
 */
export function contractSuite(doorName: string, openDoor: (service: LabService) => Promise<Door>): void {
  describe(`the LabApi contract over ${doorName}`, () => {
    let dataDir: string;
    let store: Store;
    let service: LabService;
    let door: Door;

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'infodiff-contract-'));
      store = openStore({ dataDir });
      service = new LabService({ store, dataDir, threads: 1, eventIntervalMs: EVENT_INTERVAL_MS, log: () => undefined });
      door = await openDoor(service);
    });

    afterAll(async () => {
      await door.close();
      await service.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function call<C extends InvokeChannel>(channel: C, request: Request<C>): Promise<Response<C>> {
      const result = await door.api.invoke(channel, request);
      if (!result.ok) throw LabError.fromPayload(result.error);
      const schema = invokeSchemas[channel].response;
      expect(schema.parse(result.value), `${channel} response is exactly its schema's output`).toEqual(result.value);
      return result.value;
    }

    async function refusal<C extends InvokeChannel>(channel: C, request: unknown): Promise<LabErrorPayload> {
      const result = await door.api.invoke(channel, request as Request<C>);
      expect(result.ok, `${channel} should fail`).toBe(false);
      return (result as { error: LabErrorPayload }).error;
    }

    function collect<C extends EventChannel>(channel: C): EventPayload<C>[] {
      const seen: EventPayload<C>[] = [];
      door.api.on(channel, (payload) => {
        expect(eventSchemas[channel].parse(payload), `${channel} payload is exactly its schema's output`).toEqual(payload);
        seen.push(payload);
      });
      return seen;
    }

    /** Resolves with the runs:finished event of an experiment, whether it arrives before or after the id is known. */
    function finished(): { readonly of: (experimentId: string) => Promise<EventPayload<'runs:finished'>> } {
      const seen = collect('runs:finished');
      return {
        of: (experimentId) =>
          vi.waitFor(
            () => {
              const event = seen.find((e) => e.experimentId === experimentId);
              if (event === undefined) throw new Error(`no runs:finished for ${experimentId} yet`);
              return event;
            },
            { timeout: 60_000, interval: 20 },
          ),
      };
    }

    it('app:info names the app, its version and the database inside the data folder', async () => {
      const info = await call('app:info', {});
      expect(info.name).toBe('InfoDiff Lab');
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/u);
      expect(info.dataDir).toBe(dataDir);
      expect(path.dirname(info.databasePath)).toBe(dataDir);
    });

    it('presets:list gives every preset with its validated config and variants', async () => {
      const presets = await call('presets:list', {});
      expect(presets.map((p) => p.name)).toEqual(['paper-toy', 'digits', 'gmm-2d']);
      const toy = presets[0]!;
      expect(toy.config).toEqual(presetConfig('paper-toy'));
      expect(toy.variants).toEqual(variantsOf(presetConfig('paper-toy')).map((v) => v.id));
      expect([toy.seeds, toy.steps]).toEqual([64, 1000]);
    });

    it('config:validate fills defaults or names every bad field', async () => {
      const good = await call('config:validate', { config: { ...presetConfig('gmm-2d'), recordEvery: undefined } });
      expect(good.ok && good.config.recordEvery).toBe(10);
      const bad = await call('config:validate', { config: { ...presetConfig('paper-toy'), batch: 0, sampler: { name: 'nope' } } });
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.issues.map((i) => i.path).sort()).toEqual(['batch', 'sampler.name']);
    });

    it('refuses malformed requests with invalid-request naming the field, and unknown channels', async () => {
      expect(await refusal('runs:get', { runId: 7 })).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('runId') });
      expect(await refusal('runs:get', { runId: 'x', extra: 1 })).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('extra') });
      expect(await refusal('runs:start', { preset: 'paper-toy', config: {} })).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('exactly one') });
      expect(await refusal('runs:start', { preset: 'no-such-preset' })).toMatchObject({ code: 'invalid-request' });
      expect(await refusal('no:such' as InvokeChannel, {})).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('unknown channel') });
      expect(await refusal('toString' as InvokeChannel, {})).toMatchObject({ code: 'invalid-request' });
    });

    it('runs:start with an invalid config answers invalid-config listing the fields', async () => {
      const error = await refusal('runs:start', { config: { ...presetConfig('paper-toy'), seeds: { start: 0, count: 0 } } });
      expect(error.code).toBe('invalid-config');
      expect(error.message).toContain('seeds.count');
    });

    it('unknown ids answer not-found', async () => {
      expect((await refusal('runs:get', { runId: 'no-such-run' })).code).toBe('not-found');
      expect((await refusal('runs:artifact', { artifactId: 'no-such-artifact' })).code).toBe('not-found');
      expect((await refusal('runs:cancel', { experimentId: 'no-such-experiment' })).code).toBe('not-found');
      expect((await refusal('partitions:get', { partitionId: 'no-such-partition' })).code).toBe('not-found');
    });

    describe('a paper-toy run from start to history', () => {
      let started: Response<'runs:start'>;
      let progress: EventPayload<'runs:progress'>[];
      let recorded: EventPayload<'runs:recorded'>[];
      let frames: EventPayload<'runs:frame'>[];
      let startedEvents: EventPayload<'runs:started'>[];
      let done: EventPayload<'runs:finished'>;
      let elapsedMs: number;

      beforeAll(async () => {
        progress = collect('runs:progress');
        recorded = collect('runs:recorded');
        frames = collect('runs:frame');
        startedEvents = collect('runs:started');
        const end = finished();
        const t0 = Date.now();
        started = await call('runs:start', SMALL_RUN);
        done = await end.of(started.experimentId);
        elapsedMs = Date.now() - t0;
      });

      it('runs:start answers with the stored experiment, one run per variant, and announces it', () => {
        expect(started.name).toBe('contract-small');
        expect(started.variants).toEqual(variantsOf(presetConfig('paper-toy')).map((v) => v.id));
        expect(started.runIds).toHaveLength(started.variants.length);
        expect([started.seedsTotal, started.stepsTotal]).toEqual([2, 80]);
        expect(startedEvents.filter((e) => e.experimentId === started.experimentId)).toEqual([started]);
      });

      it('runs:finished reports completed, after progress that reached every step', () => {
        expect(done).toEqual({ experimentId: started.experimentId, runIds: started.runIds, status: 'completed' });
        const mine = progress.filter((p) => p.experimentId === started.experimentId);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.at(-1)).toMatchObject({ stepsDone: 80, stepsTotal: 80, seedsDone: 2, seedsTotal: 2, etaMs: 0 });
        for (let k = 1; k < mine.length; k++) expect(mine[k]!.stepsDone).toBeGreaterThanOrEqual(mine[k - 1]!.stepsDone);
      });

      it('progress, recorded and frame events keep to the rate limit (one per interval, plus the first)', () => {
        const bound = Math.ceil(elapsedMs / EVENT_INTERVAL_MS) + 1;
        for (const events of [progress, recorded, frames]) expect(events.length).toBeLessThanOrEqual(bound);
      });

      it('runs:recorded carries the running means of every variant over the finished seeds', async () => {
        const last = recorded.filter((r) => r.experimentId === started.experimentId).at(-1)!;
        expect(last.variants.map((v) => v.runId)).toEqual(started.runIds);
        for (const v of last.variants) {
          expect(v.seedsFinished).toBe(2);
          const finals = await call('runs:finals', { runId: v.runId });
          expect(v.means.eInf).toBeCloseTo((finals[0]!.eInf! + finals[1]!.eInf!) / 2, 12);
        }
      });

      it('runs:frame names a stored frame whose pixels runs:artifact returns', async () => {
        const frame = frames.filter((f) => f.experimentId === started.experimentId).at(-1)!;
        expect(started.runIds).toContain(frame.runId);
        const json = await call('runs:artifact', { artifactId: frame.artifactId });
        const artifact = decodeArtifact(json);
        expect(artifact).toMatchObject({ name: 'frame', dtype: 'float32', shape: [32, 32] });
        expect(artifact.data).toHaveLength(32 * 32);
        expect(Array.from(artifact.data).every(Number.isFinite)).toBe(true);
      });

      it('runs:list finds the runs by search, with e∞ means in their summaries', async () => {
        const { rows, total } = await call('runs:list', { search: 'contract-small' });
        expect(total).toBe(started.runIds.length);
        expect(rows.map((r) => r.id).sort()).toEqual([...started.runIds].sort());
        for (const row of rows) {
          expect(row).toMatchObject({ experimentId: started.experimentId, experiment: 'contract-small', status: 'completed', seedCount: 2 });
          expect(row.summary?.seedsFinished).toBe(2);
          expect(row.summary?.eInf).toBeGreaterThanOrEqual(0);
        }
        expect((await call('runs:list', { search: 'no-such-words-anywhere' })).total).toBe(0);
      });

      it('runs:get, runs:steps, runs:finals and runs:artifacts describe a stored run', async () => {
        const runId = started.runIds[1]!;
        const record = await call('runs:get', { runId });
        expect(record).toMatchObject({ id: runId, variant: started.variants[1], seeds: [0, 1], status: 'completed', error: null });
        const series = await call('runs:steps', { runId });
        expect(series.length).toBe(record.stepCount);
        expect(series.seed).toHaveLength(series.length);
        expect(new Set(series.seed)).toEqual(new Set([0, 1]));
        expect(series.step.filter((_, k) => series.seed[k] === 0).at(-1)).toBe(39);
        expect((await call('runs:steps', { runId, seed: 1 })).seed.every((s) => s === 1)).toBe(true);
        const finals = await call('runs:finals', { runId });
        expect(finals.map((f) => f.seed)).toEqual([0, 1]);
        const artifacts = await call('runs:artifacts', { runId });
        expect(artifacts.some((a) => a.name === 'final')).toBe(true);
        expect(artifacts.filter((a) => a.name === 'frame').every((a) => a.byteLength === 32 * 32 * 4)).toBe(true);
      });

      it('runs:blockMasses gives the stored masses of a seed at every recorded step, with the run’s partition, targets and band', async () => {
        const runId = started.runIds[1]!;
        const config = presetConfig('paper-toy');
        const series = await call('runs:blockMasses', { runId });
        expect(series).toMatchObject({ runId, variant: started.variants[1], seed: 0, height: 32, width: 32, blockCount: 16 });
        expect(series.labels).toHaveLength(32 * 32);
        // 40 steps recorded every 10 (the preset's recordEvery).
        expect(series.steps).toEqual([9, 19, 29, 39]);
        expect(series.masses).toHaveLength(series.steps.length);
        const delta = config.tolerance.mode === 'absolute' ? config.tolerance.deltas[0]! : Number.NaN;
        for (const w of series.masses) expect(w.reduce<number>((a, b) => a + b!, 0)).toBeCloseTo(1, 10);
        series.targets.forEach((m, k) => {
          expect(series.lower[k]).toBeCloseTo(Math.max(m! - delta, 0), 15);
          expect(series.upper[k]).toBeCloseTo(Math.min(m! + delta, 1), 15);
        });
        // A projected run ends inside its band (projectFinal): the last frame's masses are within [L, U].
        const last = series.masses.at(-1)!;
        last.forEach((w, k) => {
          expect(w!).toBeGreaterThanOrEqual(series.lower[k]! - 1e-6);
          expect(w!).toBeLessThanOrEqual(series.upper[k]! + 1e-6);
        });
        expect((await call('runs:blockMasses', { runId, seed: 99 })).steps).toEqual([]);
      });

      it('data:sample gives a digit of the bundled dataset, and refuses an index out of range', async () => {
        const digit = await call('data:sample', { dataset: 'digits', index: 3 });
        expect(digit).toMatchObject({ dataset: 'digits', index: 3, height: 28, width: 28, label: 3 });
        expect(digit.pixels).toHaveLength(784);
        expect(digit.pixels.every((p) => p >= 0 && p <= 1)).toBe(true);
        expect((await refusal('data:sample', { dataset: 'digits', index: 10_000 })).code).toBe('invalid-request');
      });

      it('runs:update, runs:trash, runs:restore edit the run and announce runs:changed', async () => {
        const changes = collect('runs:changed');
        const runId = started.runIds[0]!;
        const updated = await call('runs:update', { runId, patch: { name: 'baseline', starred: true } });
        expect(updated).toMatchObject({ name: 'baseline', starred: true });
        expect(await call('runs:trash', { runIds: [runId, runId] })).toEqual({ runIds: [runId] });
        expect((await call('runs:list', { search: 'contract-small' })).total).toBe(started.runIds.length - 1);
        expect((await call('runs:list', { search: 'contract-small', trash: 'only' })).rows.map((r) => r.id)).toEqual([runId]);
        await call('runs:restore', { runIds: [runId] });
        expect((await call('runs:list', { search: 'contract-small' })).total).toBe(started.runIds.length);
        await expect.poll(() => changes.map((c) => c.reason)).toEqual(['updated', 'trashed', 'restored']);
      });

      it('experiments:list and experiments:update edit the experiment', async () => {
        const experiments = await call('experiments:list', {});
        expect(experiments.find((e) => e.id === started.experimentId)?.runCount).toBe(started.runIds.length);
        const updated = await call('experiments:update', { experimentId: started.experimentId, patch: { notes: 'seen', tags: ['toy', 'contract'] } });
        expect(updated).toMatchObject({ notes: 'seen', tags: ['contract', 'toy'] });
      });

      it('bundles:export writes into exports/, bundles:import from imports/ recognises the runs, other paths are refused', async () => {
        const exported = await call('bundles:export', { runIds: started.runIds, filePath: 'small.infodiff' });
        expect(exported).toMatchObject({ runs: started.runIds.length, filePath: path.join(dataDir, 'exports', 'small.infodiff') });
        expect(existsSync(exported.filePath!)).toBe(true);
        mkdirSync(path.join(dataDir, 'imports'), { recursive: true });
        copyFileSync(exported.filePath!, path.join(dataDir, 'imports', 'small.infodiff'));
        const imported = await call('bundles:import', { filePath: 'small.infodiff' });
        expect(imported).toMatchObject({ imported: 0, skipped: started.runIds.length });
        expect(Object.values(imported.idMap).sort()).toEqual([...started.runIds].sort());
        const bytes = readFileSync(exported.filePath!).toString('base64');
        const uploaded = await call('bundles:import', { content: { encoding: 'base64', data: bytes } });
        expect(uploaded).toMatchObject({ imported: 0, skipped: started.runIds.length });
        expect(path.dirname(uploaded.filePath!)).toBe(path.join(dataDir, 'imports'));
        expect((await refusal('bundles:import', { filePath: 'x.infodiff', content: { encoding: 'base64', data: bytes } })).code).toBe('invalid-request');
        expect((await refusal('bundles:export', { runIds: started.runIds, filePath: '../escape.infodiff' })).code).toBe('invalid-argument');
        expect((await refusal('bundles:import', { filePath: '/etc/passwd' })).code).toBe('invalid-argument');
      });

      it('figures:export writes the file and records it with its runs; figures:record and figures:delete', async () => {
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
        const figure = await call('figures:export', {
          name: 'e-inf curve', format: 'svg', spec: { chart: 'eInf' }, runIds: started.runIds, content: { encoding: 'utf8', data: svg }, filePath: 'curve.svg',
        });
        expect(figure?.filePath).toBe(path.join(dataDir, 'exports', 'curve.svg'));
        expect(readFileSync(figure!.filePath!, 'utf8')).toBe(svg);
        const recorded2 = await call('figures:record', { name: 'table', format: 'csv', spec: {}, runIds: [started.runIds[0]!] });
        expect((await call('figures:list', { runId: started.runIds[1]! })).map((f) => f.id)).toEqual([figure!.id]);
        expect((await call('figures:list', {})).map((f) => f.id).sort()).toEqual([figure!.id, recorded2.id].sort());
        await call('figures:delete', { figureId: recorded2.id });
        expect((await call('figures:list', {})).map((f) => f.id)).toEqual([figure!.id]);
      });

      it('runs:purge deletes runs for good', async () => {
        const runId = started.runIds.at(-1)!;
        const purged = await call('runs:purge', { runIds: [runId] });
        expect(purged.runs).toBe(1);
        expect(purged.artifactBytes).toBeGreaterThan(0);
        expect((await refusal('runs:get', { runId })).code).toBe('not-found');
      });
    });

    it('runs:cancel stops a running experiment; its runs end cancelled and it leaves runs:active', async () => {
      const end = finished();
      const progress = collect('runs:progress');
      // Many seconds of work (a paper-toy seed takes ~0.1 s), so the cancel always lands while it runs.
      const started = await call('runs:start', { preset: 'paper-toy', seeds: 500, name: 'contract-cancel' });
      const { experimentId } = started;
      expect((await call('runs:active', {})).map((a) => a.experimentId)).toContain(experimentId);
      await vi.waitFor(() => expect(progress.some((p) => p.experimentId === experimentId && p.stepsDone > 0)).toBe(true), { timeout: 30_000 });
      expect(await call('runs:cancel', { experimentId })).toEqual({ cancelled: true });
      expect((await end.of(experimentId)).status).toBe('cancelled');
      expect((await call('runs:active', {})).map((a) => a.experimentId)).not.toContain(experimentId);
      expect(await call('runs:cancel', { experimentId })).toEqual({ cancelled: false });
      const rows = (await call('runs:list', { experimentId })).rows;
      expect(rows.map((r) => r.status)).toEqual(started.runIds.map(() => 'cancelled'));
    });

    it('partitions:save/get/list/update/delete keep a label map, and bad labels are named', async () => {
      const saved = await call('partitions:save', { name: 'halves', height: 2, width: 2, labels: [0, 0, 1, 1] });
      expect(saved).toMatchObject({ name: 'halves', height: 2, width: 2, blockCount: 2 });
      expect((await call('partitions:get', { partitionId: saved.id })).labels).toEqual([0, 0, 1, 1]);
      expect((await call('partitions:list', {})).map((p) => p.id)).toContain(saved.id);
      expect(await call('partitions:update', { partitionId: saved.id, patch: { notes: 'rows' } })).toMatchObject({ notes: 'rows' });
      await call('partitions:delete', { partitionId: saved.id });
      expect((await call('partitions:list', {})).map((p) => p.id)).not.toContain(saved.id);
      const bad = await refusal('partitions:save', { name: 'bad', height: 1, width: 3, labels: [0, 1, 5], blockCount: 2 });
      expect(bad).toEqual({ code: 'invalid-argument', message: 'labels[2]: expected an integer block id in [0, 2), got 5' });
    });

    it('schedules:save/get round-trip σ levels bit for bit; schedules:update and delete', async () => {
      const sigmas = [80, 12.345678901234567, 0.1 + 0.2, 1e-300, 0];
      const saved = await call('schedules:save', { name: 'odd', kind: 'custom', params: { note: 'x' }, sigmas });
      expect(saved).toMatchObject({ steps: 4, kind: 'custom', params: { note: 'x' } });
      expect((await call('schedules:get', { scheduleId: saved.id })).sigmas).toEqual(sigmas);
      expect(await call('schedules:update', { scheduleId: saved.id, patch: { name: 'renamed' } })).toMatchObject({ name: 'renamed' });
      await call('schedules:delete', { scheduleId: saved.id });
      expect((await call('schedules:list', {})).map((s) => s.id)).not.toContain(saved.id);
      expect((await refusal('schedules:save', { name: 'up', kind: 'custom', sigmas: [1, 2, 0] })).code).toBe('invalid-argument');
    });

    describe('the instruments (schedules, dynamics, likelihood) as jobs', () => {
      /** Resolves with the instruments:finished event of an experiment, whenever it arrives. */
      function instrumentFinished(): { readonly of: (experimentId: string) => Promise<EventPayload<'instruments:finished'>> } {
        const seen = collect('instruments:finished');
        return {
          of: (experimentId) =>
            vi.waitFor(
              () => {
                const event = seen.find((e) => e.experimentId === experimentId);
                if (event === undefined) throw new Error(`no instruments:finished for ${experimentId} yet`);
                return event;
              },
              { timeout: 60_000, interval: 20 },
            ),
        };
      }

      async function artifactsByName(runId: string): Promise<Map<string, ReturnType<typeof decodeArtifact>>> {
        const metas = await call('runs:artifacts', { runId });
        const entries = await Promise.all(metas.map(async (m) => [m.name, decodeArtifact(await call('runs:artifact', { artifactId: m.id }))] as const));
        return new Map(entries);
      }

      it('instruments:presets gives presets of every kind, each config valid and complete', async () => {
        const presets = await call('instruments:presets', {});
        expect(new Set(presets.map((p) => p.kind))).toEqual(new Set(['schedules', 'dynamics', 'likelihood']));
        for (const p of presets) {
          expect(p.description.length, p.name).toBeGreaterThan(10);
          expect(parseInstrumentConfig(p.kind, p.config).config, `${p.kind}/${p.name}`).toEqual(p.config);
        }
      });

      it('instruments:start refuses a bad config naming every field, an unknown preset, and a bad kind', async () => {
        const bad = await refusal('instruments:start', { kind: 'dynamics', config: { ...TINY_DYNAMICS, lambdas: { min: 1, max: 0, count: 2 }, estimator: { kind: 'monte-carlo', queries: 1 } } });
        expect(bad.code).toBe('invalid-config');
        for (const field of ['lambdas.count', 'lambdas.max', 'estimator.queries']) expect(bad.message).toContain(field);
        expect(await refusal('instruments:start', { kind: 'schedules', config: { ...TINY_SCHEDULES, Ks: [0] } })).toMatchObject({ code: 'invalid-config', message: expect.stringContaining('Ks.0') });
        expect(await refusal('instruments:start', { kind: 'likelihood', preset: 'no-such-preset' })).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('points-2d') });
        expect(await refusal('instruments:start', { kind: 'sampler', preset: 'binary' })).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('kind') });
        expect(await refusal('instruments:start', { kind: 'schedules' })).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('exactly one') });
      });

      it('a schedules comparison runs to the history: one run per schedule, grids, per-step KL, the sweep and L', async () => {
        const end = instrumentFinished();
        const startedEvents = collect('instruments:started');
        const progress = collect('instruments:progress');
        const started = await call('instruments:start', { kind: 'schedules', config: TINY_SCHEDULES });
        expect(started).toMatchObject({ kind: 'schedules', name: 'contract-schedules', variants: ['las', 'edm', 'cosine'] });
        expect(started.runIds).toHaveLength(3);
        expect(await end.of(started.experimentId)).toEqual({ experimentId: started.experimentId, kind: 'schedules', runIds: started.runIds, status: 'completed' });
        expect(startedEvents.filter((e) => e.experimentId === started.experimentId)).toEqual([started]);
        const mine = progress.filter((p) => p.experimentId === started.experimentId);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.at(-1)!.done).toBe(mine.at(-1)!.total);
        const { rows } = await call('runs:list', { experimentId: started.experimentId });
        expect(rows.map((r) => [r.variant, r.status, r.preset])).toEqual(expect.arrayContaining([['las', 'completed', 'schedules'], ['edm', 'completed', 'schedules'], ['cosine', 'completed', 'schedules']]));
        const las = await artifactsByName(started.runIds[0]!);
        expect([...las.keys()]).toEqual(expect.arrayContaining(['grid-K5', 'grid-K10', 'kl-K5', 'kl-K10', 'sweep', 'constants']));
        const sweep = las.get('sweep')!;
        expect(sweep.shape).toEqual([4, 2]);
        const kl5 = las.get('kl-K5')!;
        const perStep = Array.from(kl5.data.subarray(2 * 5, 3 * 5));
        // D = Σ_k D_k: the sweep's total at K = 5 is the sum of the stored per-step KLs.
        expect(sweep.data[2]).toBeCloseTo(perStep.reduce((a, b) => a + b, 0), 12);
        expect(las.get('constants')!.data[0]).toBeGreaterThan(0);
      });

      it('a dynamics run stores the forward curves; runs:list finds it by preset', async () => {
        const end = instrumentFinished();
        const started = await call('instruments:start', { kind: 'dynamics', config: TINY_DYNAMICS, name: 'contract-dynamics-renamed' });
        expect(started).toMatchObject({ kind: 'dynamics', name: 'contract-dynamics-renamed', variants: ['forward'] });
        expect((await end.of(started.experimentId)).status).toBe('completed');
        const curves = (await artifactsByName(started.runIds[0]!)).get('curves')!;
        expect(curves.shape).toEqual([16, 41]);
        const n = 41;
        // ±1 data: mmse(γ) = 1 − γ + O(γ²) at small γ = e^λ (γ² = 3.4e-4 at λ = −4); R = ½ e^λ mmse (columns 2 and 4).
        expect(curves.data[2 * n]).toBeCloseTo(1 - Math.exp(-4), 3);
        for (let i = 0; i < n; i++) expect(curves.data[4 * n + i]).toBeCloseTo(0.5 * Math.exp(curves.data[i]!) * curves.data[2 * n + i]!, 12);
        expect((await call('runs:list', { preset: 'dynamics' })).rows.map((r) => r.id)).toContain(started.runIds[0]);
      });

      it('a likelihood run stores one run per enabled section', async () => {
        const end = instrumentFinished();
        const started = await call('instruments:start', { kind: 'likelihood', config: TINY_LIKELIHOOD });
        expect(started.variants).toEqual(['warm-start', 'bound']);
        expect((await end.of(started.experimentId)).status).toBe('completed');
        const bound = (await artifactsByName(started.runIds[1]!)).get('model-0')!;
        // Rows x, bound, exact, gap, prior, integral (d = 1) for 2 points; gap = bound − exact.
        expect(bound.shape).toEqual([6, 2]);
        for (let i = 0; i < 2; i++) expect(bound.data[3 * 2 + i]).toBeCloseTo(bound.data[2 + i]! - bound.data[4 + i]!, 10);
      });

      it('instruments:cancel stops a running instrument: its runs end cancelled and it leaves instruments:active', async () => {
        const end = instrumentFinished();
        const progress = collect('instruments:progress');
        const started = await call('instruments:start', { kind: 'dynamics', config: LONG_DYNAMICS });
        const { experimentId } = started;
        expect((await call('instruments:active', {})).map((a) => a.experimentId)).toContain(experimentId);
        await vi.waitFor(() => expect(progress.some((p) => p.experimentId === experimentId && p.done > 0)).toBe(true), { timeout: 30_000 });
        expect(await call('instruments:cancel', { experimentId })).toEqual({ cancelled: true });
        expect((await end.of(experimentId)).status).toBe('cancelled');
        expect((await call('instruments:active', {})).map((a) => a.experimentId)).not.toContain(experimentId);
        expect(await call('instruments:cancel', { experimentId })).toEqual({ cancelled: false });
        expect((await refusal('instruments:cancel', { experimentId: 'no-such-experiment' })).code).toBe('not-found');
        expect((await call('runs:list', { experimentId })).rows.map((r) => r.status)).toEqual(['cancelled']);
      });
    });

    it('every invoke channel of the contract is reachable through this door', async () => {
      for (const channel of Object.keys(INVOKE_CHANNELS) as InvokeChannel[]) {
        const result = await door.api.invoke(channel, { __probe: true } as never);
        // A strict request schema refuses the probe key: the channel was routed and validated.
        expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining(channel) } });
      }
    });

    describe('live previews and stored per-step block masses (issues 4 and 6)', () => {
      let started: Response<'runs:start'>;
      let previews: EventPayload<'runs:preview'>[];
      const order: string[] = [];
      let elapsedMs: number;

      beforeAll(async () => {
        previews = collect('runs:preview');
        door.api.on('runs:preview', (p) => order.push(`preview:${p.experimentId}`));
        door.api.on('runs:frame', (f) => order.push(`frame:${f.experimentId}`));
        const end = finished();
        const t0 = Date.now();
        started = await call('runs:start', { preset: 'paper-toy', seeds: 2, steps: 600, name: 'contract-live' });
        await end.of(started.experimentId);
        elapsedMs = Date.now() - t0;
      });

      it('runs:preview streams the running seed’s float32 states before the seed’s frames are stored, at most one per interval', () => {
        const mine = previews.filter((p) => p.experimentId === started.experimentId);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / EVENT_INTERVAL_MS) + 1);
        const first = order.indexOf(`preview:${started.experimentId}`);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(first).toBeLessThan(order.indexOf(`frame:${started.experimentId}`));
        for (const p of mine) {
          expect([p.height, p.width, p.pruning]).toEqual([32, 32, null]);
          for (const f of p.frames) {
            expect(started.runIds).toContain(f.runId);
            expect(f.step).toBeLessThan(600);
            const pixels = decodeArtifact({ id: '', name: 'preview', dtype: 'float32', shape: [32 * 32], encoding: 'base64-le', data: f.data }).data;
            expect(Array.from(pixels).every(Number.isFinite)).toBe(true);
          }
        }
        // Every variant of the grid's seeds is previewed (frames.seeds = 4 ≥ the 2 seeds run).
        expect(new Set(mine.flatMap((p) => p.frames.map((f) => f.runId)))).toEqual(new Set(started.runIds));
      });

      it('runs:blockMasses returns float64 masses at every recorded step; frames of a run without them give the same masses to float32 rounding', async () => {
        const runId = started.runIds[0]!;
        const stored = await call('runs:blockMasses', { runId, seed: 1 });
        expect(stored.seed).toBe(1);
        expect(stored.steps).toEqual(Array.from({ length: 60 }, (_, r) => 10 * r + 9));
        for (const w of stored.masses) expect(w.reduce<number>((a, b) => a + b!, 0)).toBeCloseTo(1, 12);
        // A run stored before the tables existed: the same config with only the frames of seed 1.
        const record = await call('runs:get', { runId });
        const legacy = store.createRun({ experimentId: record.experimentId, variant: record.variant, deltaTol: record.deltaTol, seeds: record.seeds, config: record.config, configHash: record.configHash, dataHash: null, appVersion: 'old', backend: record.backend });
        for (const meta of store.listArtifacts(runId).filter((a) => a.name === 'frame' && a.seed === 1)) {
          store.putArtifact(legacy, { ...store.getArtifact(meta.id)!, seed: 1, step: meta.step! });
        }
        store.finishRun(legacy, { status: 'completed' });
        const fromFrames = await call('runs:blockMasses', { runId: legacy });
        expect(fromFrames.seed).toBe(1);
        expect(fromFrames.steps).toEqual([59, 119, 179, 239, 299, 359, 419, 479, 539, 599]);
        fromFrames.steps.forEach((step, f) => {
          const r = stored.steps.indexOf(step);
          expect(r).toBeGreaterThanOrEqual(0);
          // Frames are float32 (relative rounding 2⁻²⁴ per pixel): a 64-pixel block's mass moves by ≲ 1e-6 of itself.
          fromFrames.masses[f]!.forEach((w, k) => expect(Math.abs(w! - stored.masses[r]![k]!)).toBeLessThan(1e-6));
        });
      });
    });
  });
}
