import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PresetName } from '../../../src-shared/experiment/presets';
import { EVENT_CHANNELS, INVOKE_CHANNELS, isEventChannel, isInvokeChannel } from '../../../src-shared/ipc/channels';
import { eventSchemas, invokeSchemas, type InvokeChannel, type Request, type Response } from '../../../src-shared/ipc/contract';
import { RunRow } from '../../../src-shared/ipc/schemas';

/** A smallest valid request per channel; the mapped type makes a missing channel a compile error. */
const SAMPLE_REQUESTS: { [C in InvokeChannel]: Request<C> } = {
  'app:info': {},
  'presets:list': {},
  'config:validate': { config: {} },
  'data:sample': { dataset: 'digits', index: 0 },
  'runs:start': { preset: 'paper-toy' },
  'runs:cancel': { experimentId: 'e' },
  'runs:active': {},
  'runs:list': {},
  'runs:get': { runId: 'r' },
  'runs:steps': { runId: 'r' },
  'runs:finals': { runId: 'r' },
  'runs:artifacts': { runId: 'r' },
  'runs:artifact': { artifactId: 'a' },
  'runs:blockMasses': { runId: 'r' },
  'runs:update': { runId: 'r', patch: {} },
  'runs:trash': { runIds: ['r'] },
  'runs:restore': { runIds: ['r'] },
  'runs:purge': { runIds: ['r'] },
  'experiments:list': {},
  'experiments:update': { experimentId: 'e', patch: {} },
  'bundles:export': { runIds: ['r'] },
  'bundles:import': {},
  'partitions:list': {},
  'partitions:save': { name: 'p', height: 1, width: 1, labels: [0] },
  'partitions:get': { partitionId: 'p' },
  'partitions:update': { partitionId: 'p', patch: {} },
  'partitions:delete': { partitionId: 'p' },
  'schedules:list': {},
  'schedules:save': { name: 's', kind: 'custom', sigmas: [1, 0] },
  'schedules:get': { scheduleId: 's' },
  'schedules:update': { scheduleId: 's', patch: {} },
  'schedules:delete': { scheduleId: 's' },
  'instruments:presets': {},
  'instruments:start': { kind: 'schedules', preset: 'binary' },
  'instruments:cancel': { experimentId: 'e' },
  'instruments:active': {},
  'figures:record': { name: 'f', format: 'svg', spec: {}, runIds: ['r'] },
  'figures:export': { name: 'f', format: 'svg', spec: {}, runIds: ['r'], content: { encoding: 'utf8', data: '<svg/>' } },
  'figures:list': {},
  'figures:delete': { figureId: 'f' },
};

describe('the IPC contract (src-shared/ipc)', () => {
  it('INVOKE_CHANNELS and EVENT_CHANNELS name exactly the contract’s channels', () => {
    expect(Object.keys(INVOKE_CHANNELS).sort()).toEqual(Object.keys(invokeSchemas).sort());
    expect(Object.keys(EVENT_CHANNELS).sort()).toEqual(Object.keys(eventSchemas).sort());
  });

  it('channel names are noun:verb, lower camel case, and no name is both an invoke and an event', () => {
    for (const name of [...Object.keys(invokeSchemas), ...Object.keys(eventSchemas)]) expect(name).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/u);
    expect(Object.keys(invokeSchemas).filter((name) => isEventChannel(name))).toEqual([]);
  });

  it('isInvokeChannel(name) accepts own channel names only, not inherited properties', () => {
    expect(isInvokeChannel('runs:start')).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'runs:progress', '', 42, null]) expect(isInvokeChannel(name)).toBe(false);
  });

  it('every request schema accepts its smallest valid request and refuses an unknown key (strict objects)', () => {
    for (const channel of Object.keys(invokeSchemas) as InvokeChannel[]) {
      const schema = invokeSchemas[channel].request;
      expect(schema.safeParse(SAMPLE_REQUESTS[channel]).success, channel).toBe(true);
      const extra = schema.safeParse({ ...SAMPLE_REQUESTS[channel], unexpected: 1 });
      expect(extra.success, channel).toBe(false);
      expect(extra.error?.issues[0]?.code, channel).toBe('unrecognized_keys');
    }
  });

  it('runs:start needs exactly one of preset and config, and bounds seeds, steps and threads', () => {
    const { request } = invokeSchemas['runs:start'];
    expect(request.safeParse({}).success).toBe(false);
    expect(request.safeParse({ preset: 'paper-toy', config: {} }).success).toBe(false);
    expect(request.safeParse({ config: { data: {} } }).success).toBe(true);
    expect(request.safeParse({ config: [] }).success).toBe(false);
    for (const bad of [{ seeds: 0 }, { seeds: 1.5 }, { steps: 100_001 }, { threads: 0 }, { name: '   ' }]) {
      expect(request.safeParse({ preset: 'paper-toy', ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('response schemas refuse NaN and ±∞ metrics (they cross as null)', () => {
    const row = {
      id: 'r', experimentId: 'e', experiment: 'x', preset: null, name: '', variant: 'unprojected', deltaTol: null, seedCount: 1, status: 'completed',
      backend: 'cpu', starred: false, created: 1, finished: null, trashed: null,
      summary: { seedsFinished: 1, eInf: 0.1, e1: null, mse: null, psnr: null, vNats: 0, vDeltaNats: 0, vDeltaCoarseNats: 0 },
    };
    expect(RunRow.safeParse(row).success).toBe(true);
    expect(RunRow.safeParse({ ...row, summary: { ...row.summary, eInf: Number.NaN } }).success).toBe(false);
    expect(RunRow.safeParse({ ...row, summary: { ...row.summary, psnr: Number.POSITIVE_INFINITY } }).success).toBe(false);
  });

  it('types are derived from the schemas: requests take inputs, responses are outputs', () => {
    expectTypeOf<Request<'runs:start'>['preset']>().toEqualTypeOf<PresetName | undefined>();
    expectTypeOf<Response<'runs:get'>['summary']>().toMatchTypeOf<{ eInf: number | null } | null>();
    expectTypeOf<Response<'runs:artifact'>['encoding']>().toEqualTypeOf<'base64-le'>();
  });
});
