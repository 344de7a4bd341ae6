import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../../src-main/engine/workerExecArgv';

describe('workerExecArgv(execArgv)', () => {
  it('drops every option that preloads code, with its value, in both spellings, and keeps the rest in order', () => {
    expect(workerExecArgv(['--import', 'tsx', '--cpu-prof', '--require=./hook.cjs', '-r', 'x', '--max-old-space-size=4096', '--loader', 'l', '--experimental-loader=m', '--enable-source-maps']))
      .toEqual(['--cpu-prof', '--max-old-space-size=4096', '--enable-source-maps']);
  });

  it('keeps options that only start like a loader flag, and returns [] for []', () => {
    expect(workerExecArgv(['--imports-are-fine', '--required'])).toEqual(['--imports-are-fine', '--required']);
    expect(workerExecArgv([])).toEqual([]);
  });
});
