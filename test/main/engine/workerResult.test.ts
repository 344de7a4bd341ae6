import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerResult } from '../../../src-main/engine/workerResult';

const evalWorker = (source: string) => new Worker(source, { eval: true });

describe('workerResult(worker, name, onMessage): the one result of a worker thread', () => {
  it('resolves with what onMessage settles, after progress messages it leaves unsettled', async () => {
    const worker = evalWorker("const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ progress: 1 }); parentPort.postMessage({ result: 42 });");
    const progress: number[] = [];
    const result = await workerResult<number, { progress?: number; result?: number }>(worker, 'test worker', (message, settle) => {
      if (message.progress !== undefined) progress.push(message.progress);
      else settle.resolve(message.result!);
    });
    expect(result).toBe(42);
    expect(progress).toEqual([1]);
  });

  it('rejects with an internal error naming the worker when it exits before its result or throws', async () => {
    await expect(workerResult(evalWorker('process.exit(3)'), 'test worker', () => undefined)).rejects.toMatchObject({ code: 'internal', message: 'test worker exited with code 3 before its result' });
    await expect(workerResult(evalWorker("throw new Error('boom')"), 'test worker', () => undefined)).rejects.toMatchObject({ code: 'internal', message: 'test worker crashed: boom' });
  });
});
