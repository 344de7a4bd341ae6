import { describe, expect, it } from 'vitest';
import { availableRequests, BACKEND_REQUESTS, chooseBackend, effectiveRequest, parseBackendRequest, probeBackends, usableKinds, type BackendProbe } from '../../../src-main/engine/backend';
import { BACKEND_NAMES } from '../../../src-shared/experiment/config';
import { benchmarkKinds } from '../../../src-main/engine/microBenchmark';
import { presetConfig } from '../../../src-shared/experiment/presets';

const digits = presetConfig('digits');
const toy = presetConfig('paper-toy');
const none = { available: false, detail: 'absent', software: false };
const cpuOnly: BackendProbe = { webgpu: none, headlessgl: none, webasm: true, webasmThreads: true, fusedMultiplyAdd: false };
const withWebGpu = (detail: string, software: boolean): BackendProbe => ({ ...cpuOnly, webgpu: { available: true, detail, software } });

describe('chooseBackend(probe, config, { request, threads })', () => {
  it('auto on a CPU-only machine: the pruned float64 path for the empirical denoiser, the reference for the others', () => {
    expect(chooseBackend(cpuOnly, digits, { threads: 2 })).toMatchObject({ kind: 'pruned', label: 'cpu-f64 pruned ε=1e-12 (2 threads)', threads: 2, epsilon: 1e-12 });
    expect(chooseBackend(cpuOnly, toy, { threads: 2 })).toMatchObject({ kind: 'reference', label: 'cpu-f64 reference (2 threads)' });
  });

  it('auto takes a hardware WebGPU adapter (one worker, the device owns the parallelism)', () => {
    expect(chooseBackend(withWebGpu('nvidia ampere', false), digits, { threads: 2 })).toMatchObject({ kind: 'webgpu', label: 'webgpu f32 nvidia ampere (empirical denoiser; rest cpu-f64)', threads: 1 });
  });

  it('auto never takes a software renderer: a fallback or SwiftShader adapter, or llvmpipe GL, loses to the CPU path', () => {
    expect(chooseBackend(withWebGpu('google swiftshader (fallback adapter)', true), digits, { threads: 2 }).kind).toBe('pruned');
    const llvmpipe: BackendProbe = { ...cpuOnly, headlessgl: { available: true, detail: 'llvmpipe (LLVM 15.0.6, 256 bits)', software: true } };
    expect(chooseBackend(llvmpipe, digits, { threads: 2 }).kind).toBe('pruned');
  });

  it('auto with micro-benchmark timings takes the fastest usable kind, even a software one that measured faster', () => {
    const probe: BackendProbe = { ...withWebGpu('google swiftshader', true), timingsMs: { webgpu: 900, 'webasm-threaded': 40, pruned: 25 } };
    expect(chooseBackend(probe, digits, { threads: 2 })).toMatchObject({ kind: 'pruned', reason: expect.stringMatching(/fastest in the micro-benchmark \(pruned 25\.0 ms, webasm-threaded 40\.0 ms, webgpu 900\.0 ms\)/) });
    expect(chooseBackend({ ...probe, timingsMs: { webgpu: 3, pruned: 25 } }, digits, { threads: 2 }).kind).toBe('webgpu');
  });

  it('a forced kind is honoured when present, refused with the reason when absent', () => {
    expect(chooseBackend(cpuOnly, digits, { threads: 2, request: 'webasm-simd' })).toMatchObject({ kind: 'webasm-simd', label: 'webasm-simd f32 (empirical denoiser; rest cpu-f64)' });
    expect(chooseBackend(cpuOnly, digits, { threads: 2, request: 'reference' }).kind).toBe('reference');
    expect(() => chooseBackend(cpuOnly, digits, { threads: 2, request: 'headlessgl' })).toThrow('backend: headlessgl is not available on this machine: absent');
    expect(() => chooseBackend({ ...cpuOnly, webasmThreads: false }, digits, { threads: 2, request: 'webasm-threaded' })).toThrow(/no WebAssembly threads/);
  });

  it('a GPU kind forced on a config without an accelerated kernel runs the reference, and says so', () => {
    const choice = chooseBackend(cpuOnly, toy, { threads: 2, request: 'webasm-threaded' });
    expect(choice).toMatchObject({ kind: 'reference', reason: 'webasm-threaded was requested, but the toy-oracle denoiser has no accelerated kernel' });
  });

  it('carries a chosen ε into the pruned label', () => {
    expect(chooseBackend(cpuOnly, digits, { threads: 1, epsilon: 1e-6 }).label).toBe('cpu-f64 pruned ε=0.000001 (1 thread)');
  });

  it('labels the pruned path FMA where its kernels fuse multiply-adds, and only that path', () => {
    const fusing: BackendProbe = { ...cpuOnly, fusedMultiplyAdd: true };
    expect(chooseBackend(fusing, digits, { threads: 2 })).toMatchObject({ kind: 'pruned', label: 'cpu-f64 pruned ε=1e-12 FMA (2 threads)', fusedMultiplyAdd: true });
    expect(chooseBackend(cpuOnly, digits, { threads: 2 })).toMatchObject({ fusedMultiplyAdd: false });
    expect(chooseBackend(fusing, toy, { threads: 2 })).toMatchObject({ kind: 'reference', label: 'cpu-f64 reference (2 threads)', fusedMultiplyAdd: false });
  });
});

describe('the config field `backend` in chooseBackend(probe, config, options)', () => {
  it('a kind named by the config wins over the request (INFODIFF_BACKEND), and the reason says where it came from', () => {
    expect(chooseBackend(cpuOnly, { ...digits, backend: 'webasm-simd' }, { threads: 2, request: 'pruned' })).toMatchObject({ kind: 'webasm-simd', reason: 'requested by the config' });
    expect(chooseBackend(cpuOnly, { ...digits, backend: 'reference' }, { threads: 2, request: 'webasm-threaded' }).kind).toBe('reference');
  });

  it('auto or absent in the config defers to the request, then to the automatic choice', () => {
    expect(chooseBackend(cpuOnly, { ...digits, backend: 'auto' }, { threads: 2, request: 'webasm-simd' })).toMatchObject({ kind: 'webasm-simd', reason: 'requested' });
    expect(chooseBackend(cpuOnly, { ...digits, backend: 'auto' }, { threads: 2 }).kind).toBe('pruned');
    expect(effectiveRequest(digits, undefined)).toBe('auto');
    expect(effectiveRequest(digits, 'headlessgl')).toBe('headlessgl');
  });

  it('a kind the machine lacks is refused naming it, why, and every request available here', () => {
    const probe: BackendProbe = { ...cpuOnly, webasmThreads: false };
    expect(() => chooseBackend(probe, { ...digits, backend: 'webgpu' }, { threads: 2 }))
      .toThrow('backend: webgpu is not available on this machine: absent; available here: auto, reference, pruned, webasm-simd, gpujs-cpu');
  });
});

describe('availableRequests(probe)', () => {
  it('lists auto, the CPU kinds and gpujs-cpu always, and a GPU kind exactly when the probe found it', () => {
    expect(availableRequests(cpuOnly)).toEqual(['auto', 'reference', 'pruned', 'webasm-threaded', 'webasm-simd', 'gpujs-cpu']);
    expect(availableRequests({ ...withWebGpu('nvidia', false), webasm: false, webasmThreads: false })).toEqual(['auto', 'reference', 'pruned', 'webgpu', 'gpujs-cpu']);
  });

  it('the config schema accepts exactly the engine\'s requests (BACKEND_NAMES = BACKEND_REQUESTS as sets)', () => {
    expect([...BACKEND_NAMES].sort()).toEqual([...BACKEND_REQUESTS].sort());
  });
});

describe('parseBackendRequest(value)', () => {
  it('accepts every kind and auto, rejects anything else naming the choices', () => {
    for (const value of ['auto', 'reference', 'pruned', 'webgpu', 'headlessgl', 'webasm-threaded', 'webasm-simd', 'gpujs-cpu']) expect(parseBackendRequest(value)).toBe(value);
    expect(() => parseBackendRequest('gpu')).toThrow(/^backend: expected one of auto, reference, pruned, webgpu, headlessgl, webasm-threaded, webasm-simd, gpujs-cpu, got "gpu"$/);
    expect(() => parseBackendRequest(3)).toThrow(/got 3/);
  });
});

describe('probeBackends() and the micro-benchmark on this machine', () => {
  it('finds WebAssembly; WebGPU and headless-gl are reported absent with a reason when missing', async () => {
    const probe = await probeBackends();
    expect(probe.webasm).toBe(true);
    if (!probe.webgpu.available) expect(probe.webgpu.detail).toMatch(/navigator\.gpu|adapter/);
    if (!probe.headlessgl.available) expect(probe.headlessgl.detail).toMatch(/headless-gl/);
    expect(usableKinds(probe)).toContain('pruned');
  });

  it('benchmarkKinds([webasm-simd, pruned]) returns a positive median time for each', async () => {
    const timings = await benchmarkKinds(['webasm-simd', 'pruned']);
    expect(timings['webasm-simd']).toBeGreaterThan(0);
    expect(timings.pruned).toBeGreaterThan(0);
  });
});
