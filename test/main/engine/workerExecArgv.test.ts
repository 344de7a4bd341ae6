import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../../src-main/engine/workerExecArgv';

describe('workerExecArgv(execArgv, { loaders })', () => {
  it('drops every option that preloads code, with its value, in both spellings, and keeps the rest in order', () => {
    expect(workerExecArgv(['--import', 'tsx', '--cpu-prof', '--require=./hook.cjs', '-r', 'x', '--max-old-space-size=4096', '--loader', 'l', '--experimental-loader=m', '--enable-source-maps']))
      .toEqual(['--cpu-prof', '--max-old-space-size=4096', '--enable-source-maps']);
  });

  it('keeps options that only start like a loader flag, and returns [] for []', () => {
    expect(workerExecArgv(['--imports-are-fine', '--required'])).toEqual(['--imports-are-fine', '--required']);
    expect(workerExecArgv([])).toEqual([]);
  });

  it('drops V8\'s WebAssembly feature flags, which new Worker refuses, with or without the loaders', () => {
    const parent = ['--experimental-wasm-relaxed-simd', '--import', 'tsx', '--no-experimental-wasm-stringref', '--cpu-prof'];
    expect(workerExecArgv(parent)).toEqual(['--cpu-prof']);
    expect(workerExecArgv(parent, { loaders: true })).toEqual(['--import', 'tsx', '--cpu-prof']);
  });

  it('starts a worker under those options where the parent has the flag (the vitest runner here on Node 20), and the worker has relaxed SIMD too', async () => {
    const { Worker } = await import('node:worker_threads');
    const { SPARSE_KERNELS_FUSED_WASM_BASE64 } = await import('../../../src-main/engine/wasm/sparseKernelsFusedBinary');
    const parentValidates = WebAssembly.validate(Buffer.from(SPARSE_KERNELS_FUSED_WASM_BASE64, 'base64'));
    const worker = new Worker(
      `require('node:worker_threads').parentPort.postMessage(WebAssembly.validate(Buffer.from(require('node:worker_threads').workerData, 'base64')))`,
      { eval: true, workerData: SPARSE_KERNELS_FUSED_WASM_BASE64, execArgv: workerExecArgv(process.execArgv, { loaders: true }) },
    );
    const validates = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(validates).toBe(parentValidates);
  });
});
