import { describe, expect, it } from 'vitest';
import { needsScheduleResolution, resolveScheduleOffThread } from '../../../src-main/engine/scheduleResolver';
import { parseConfig } from '../../../src-shared/experiment/config';
import { resolveSchedule } from '../../../src-shared/experiment/plan';
import { presetConfig } from '../../../src-shared/experiment/presets';

const gmm = presetConfig('gmm-2d');

describe('resolveScheduleOffThread(config, inputs): a las schedule\'s levels computed on a worker thread', () => {
  it('returns other configs as they are, without a worker', async () => {
    const config = parseConfig(gmm);
    expect(needsScheduleResolution(config)).toBe(false);
    await expect(resolveScheduleOffThread(config, {})).resolves.toBe(config);
  });

  it('fills in the levels that resolveSchedule computes on this thread, bit for bit (gmm-2d, MMSE source, 20 steps)', async () => {
    const config = parseConfig({ ...gmm, schedule: { kind: 'las', steps: 20, source: { kind: 'mmse', draws: 64, levels: 40 } } });
    expect(needsScheduleResolution(config)).toBe(true);
    const resolved = await resolveScheduleOffThread(config, {});
    const sigmas = (resolved.schedule as { sigmas?: number[] }).sigmas!;
    expect(sigmas).toHaveLength(21);
    expect(sigmas).toEqual((resolveSchedule(config, {}).schedule as { sigmas?: number[] }).sigmas);
    expect(needsScheduleResolution(resolved)).toBe(false);
  });

  it('rejects with the error resolveSchedule gives, as a LabError with its code (digits data without the digits loaded)', async () => {
    const config = parseConfig({ ...presetConfig('digits'), schedule: { kind: 'las', steps: 10, source: { kind: 'mmse' } } });
    expect(() => resolveSchedule(config, {})).toThrow('inputs.digits: the digits dataset was not loaded');
    await expect(resolveScheduleOffThread(config, {})).rejects.toMatchObject({ code: 'invalid-argument', message: 'inputs.digits: the digits dataset was not loaded' });
  });
});
