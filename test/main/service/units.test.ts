import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BugIndicatingError, InvalidArgumentError } from '../../../src-shared/errors';
import type { Bindings } from '../../../src-main/service/bindings';
import { finalRowsJson, jsonNumber, runRowJson, stepSeriesJson } from '../../../src-main/service/convert';
import { describeIssues, dispatch } from '../../../src-main/service/dispatch';
import { LabEvents } from '../../../src-main/service/events';
import { clientPath, stampedName } from '../../../src-main/service/files';
import type { RunRow } from '../../../src-main/store';

describe('jsonNumber(x) and the record conversions', () => {
  it('jsonNumber keeps finite numbers (−0 and subnormals too) and maps NaN and ±∞ to null', () => {
    expect([0.25, -0, 5e-324, -1e308].map(jsonNumber)).toEqual([0.25, -0, 5e-324, -1e308]);
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(jsonNumber)).toEqual([null, null, null]);
  });

  it('runRowJson, stepSeriesJson and finalRowsJson leave no NaN behind and survive JSON unchanged', () => {
    const row = { id: 'r', summary: { seedsFinished: 2, eInf: 0.1, e1: Number.NaN, mse: 1, psnr: Number.POSITIVE_INFINITY, vNats: 0, vDeltaNats: 0, vDeltaCoarseNats: 0 } } as unknown as RunRow;
    const steps = [{ seed: 0, step: 9, sigma: 1, eInf: 0.5, e1: 1, vNats: 0, vDeltaNats: 0, vDeltaCoarseNats: 0, projCostNats: 0, displacement: 0, mse: Number.NaN, psnr: Number.NaN }];
    const finals = [{ seed: 3, eInf: 0.1, e1: 0.2, mse: Number.NaN, psnr: Number.NaN, vNats: 1, vDeltaNats: 2, vDeltaCoarseNats: 3 }];
    for (const value of [runRowJson(row), stepSeriesJson('r', steps), finalRowsJson(finals)]) expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    expect(runRowJson(row).summary).toMatchObject({ e1: null, psnr: null, eInf: 0.1 });
    expect(stepSeriesJson('r', steps)).toMatchObject({ length: 1, seed: [0], step: [9], mse: [null], eInf: [0.5] });
  });
});

describe('LabEvents', () => {
  it('delivers to channel and any-listeners; a throwing listener is reported and the others still run', () => {
    const errors: unknown[] = [];
    const events = new LabEvents((error) => errors.push(error));
    const seen: string[] = [];
    events.on('runs:changed', () => {
      throw new Error('boom');
    });
    const off = events.on('runs:changed', (p) => seen.push(`one:${p.reason}`));
    events.onAny((channel) => seen.push(`any:${channel}`));
    events.emit('runs:changed', { reason: 'updated', runIds: [] });
    off();
    events.emit('runs:changed', { reason: 'trashed', runIds: [] });
    expect(seen).toEqual(['one:updated', 'any:runs:changed', 'any:runs:changed']);
    expect(errors).toHaveLength(2);
  });
});

describe('clientPath(policy, folder, filePath) and stampedName(stem, extension, date)', () => {
  it("'data-folder' accepts bare file names only, inside the folder", () => {
    expect(clientPath('data-folder', '/lab/exports', 'runs.infodiff')).toBe(path.join('/lab/exports', 'runs.infodiff'));
    for (const bad of ['../x', 'a/b', '/etc/passwd', '..', '.', 'a\\b', 'C:\\x']) {
      expect(() => clientPath('data-folder', '/lab/exports', bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it("'any' resolves relative paths against the folder and keeps absolute ones", () => {
    expect(clientPath('any', '/lab/exports', 'sub/x.svg')).toBe(path.resolve('/lab/exports', 'sub/x.svg'));
    expect(clientPath('any', '/lab/exports', '/tmp/x.svg')).toBe(path.resolve('/tmp/x.svg'));
  });

  it('stampedName makes a safe, sortable local-time name', () => {
    expect(stampedName('e-inf curve / δ=0.01', 'svg', new Date(2026, 0, 2, 3, 4, 5))).toBe('e-inf-curve-0.01-20260102-030405.svg');
    expect(stampedName('///', 'csv', new Date(2026, 10, 22, 23, 59, 58))).toBe('export-20261122-235958.csv');
  });
});

describe('dispatch(bindings, channel, raw, log)', () => {
  const logged: unknown[] = [];
  const bindings = {
    'runs:get': () => {
      throw new Error('SQLITE_IOERR at /home/someone/secret/path');
    },
    'runs:finals': () => {
      throw new BugIndicatingError('finals: the store returned an unsorted list');
    },
  } as unknown as Bindings;

  it('reports an unexpected throw as internal without its details, and logs it in full', async () => {
    const result = await dispatch(bindings, 'runs:get', { runId: 'r' }, (message, error) => logged.push([message, error]));
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'runs:get failed with an internal error (see the log)' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('keeps the message of a BugIndicatingError, which is written to be shown', async () => {
    expect(await dispatch(bindings, 'runs:finals', { runId: 'r' }, () => undefined)).toEqual({ ok: false, error: { code: 'internal', message: 'finals: the store returned an unsorted list' } });
  });

  it('describeIssues lists each issue as path: message', () => {
    expect(describeIssues([{ path: ['patch', 'name'], message: 'too long' }, { path: [], message: 'bad' }])).toBe('patch.name: too long; (request): bad');
  });
});
