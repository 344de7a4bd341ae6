import { createRequire } from 'node:module';
import { GPU } from 'gpu.js';
import type { BackendName, ExperimentConfig } from '../../src-shared/experiment/config';
import { InvalidArgumentError } from '../../src-shared/errors';
import { GPU_BACKENDS, type GpuBackend } from './gpu/context';
import { wasmFusedMultiplyAdd } from './wasm/sparseKernels';

/**
 * Where the engine runs an experiment. `reference`: the float64 CPU path (runSeed per seed, the
 * reference every kernel is tested against). `pruned`: float64 CPU, lockstep batches, the empirical
 * denoiser pruned to a stated ε. A GpuBackend: lockstep batches with the empirical denoiser as a
 * gpu.js float32 pipeline on that backend (everything else stays float64 on the CPU).
 */
export type EngineKind = 'reference' | 'pruned' | GpuBackend;

/** What a user may ask for: a kind, or `auto` (the default). */
export type BackendRequest = 'auto' | EngineKind;

export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'reference', 'pruned', ...GPU_BACKENDS];

/** Compiles only while the config's backend names (src-shared) and the engine's requests are the same set. */
export type BackendNamesMatch = [BackendName] extends [BackendRequest] ? ([BackendRequest] extends [BackendName] ? true : never) : never;
export const BACKEND_NAMES_MATCH: BackendNamesMatch = true;

/** One probed accelerator: present or not, what it calls itself, and whether that is a software renderer. */
export interface DeviceProbe {
  readonly available: boolean;
  /** Adapter or renderer name, or why it is unavailable. */
  readonly detail: string;
  /** A software rasteriser (SwiftShader, llvmpipe, lavapipe, WARP) or a WebGPU fallback adapter. */
  readonly software: boolean;
}

/** What this machine offers, as probed once per process. */
export interface BackendProbe {
  readonly webgpu: DeviceProbe;
  readonly headlessgl: DeviceProbe;
  readonly webasm: boolean;
  readonly webasmThreads: boolean;
  /**
   * The pruned path's WebAssembly kernels may fuse their multiply-adds (relaxed SIMD present and fusing
   * on this CPU: wasm/sparseKernels.ts wasmFusedMultiplyAdd), unless INFODIFF_WASM_FMA=off.
   */
  readonly fusedMultiplyAdd: boolean;
  /** Median ms of the micro-benchmark per kind, when it was run (`probeBackends({ benchmark: true })`). */
  readonly timingsMs?: Partial<Record<EngineKind, number>>;
}

/** The backend chosen for a run: what runs, how it is labelled in the store and UI, and why. */
export interface EngineBackend {
  readonly kind: EngineKind;
  /** Stored with the run: e.g. `cpu-f64 pruned ε=1e-12 (2 threads)`, `webasm-threaded f32 (empirical denoiser)`. */
  readonly label: string;
  /** Worker threads the engine starts for it. */
  readonly threads: number;
  /** ε of the pruned empirical denoiser (kind `pruned`). */
  readonly epsilon: number;
  /** The pruned denoiser's sparse kernels round each multiply-add once (FMA; labelled so). */
  readonly fusedMultiplyAdd: boolean;
  readonly reason: string;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|softpipe|\bwarp\b|basic render|software/i;

/** Default ε of the pruned denoiser: far below float64 rounding of the mean (‖D̃ − D‖ ≤ 2ε·max‖y − μ‖). */
export const DEFAULT_PRUNE_EPSILON = 1e-12;

/**
 * Validates a backend request (a config field, a CLI flag or INFODIFF_BACKEND).
 *
 * @example
 * parseBackendRequest('webasm-threaded') // → 'webasm-threaded'
 * parseBackendRequest('gpu')             // throws "backend: expected one of auto, reference, …, got \"gpu\""
 */
export function parseBackendRequest(value: unknown): BackendRequest {
  if (typeof value === 'string' && (BACKEND_REQUESTS as readonly string[]).includes(value)) return value as BackendRequest;
  throw new InvalidArgumentError('backend', `expected one of ${BACKEND_REQUESTS.join(', ')}, got ${JSON.stringify(value)}`);
}

let probed: BackendProbe | undefined;

/**
 * The probe as known now, synchronously: the result of the last `probeBackends()`, or the synchronous
 * part (headlessgl, webasm) with WebGPU marked "not probed yet" (its adapter request is async).
 */
export function currentProbe(): BackendProbe {
  return probed ?? { ...syncProbe(), webgpu: { available: false, detail: 'not probed yet (await probeBackends())', software: false } };
}

/**
 * Probes the accelerators once per process and caches the result: a WebGPU adapter (navigator.gpu;
 * a fallback adapter or a software one counts as software), headless-gl and its renderer string
 * (WEBGL_debug_renderer_info), WebAssembly and its threads. With `benchmark`, also times the
 * empirical-denoiser micro-benchmark on every usable candidate (micro-benchmark.ts).
 *
 * @example
 * (await probeBackends()).webgpu.available // → false on a machine without a GPU adapter
 */
export async function probeBackends(options: { benchmark?: boolean; refresh?: boolean } = {}): Promise<BackendProbe> {
  if (probed && !options.refresh && (!options.benchmark || probed.timingsMs)) return probed;
  const probe: BackendProbe = { ...syncProbe(), webgpu: await probeWebGpu() };
  let timingsMs: BackendProbe['timingsMs'];
  if (options.benchmark) {
    const { benchmarkKinds } = await import('./microBenchmark');
    timingsMs = await benchmarkKinds(usableKinds(probe));
  }
  probed = timingsMs ? { ...probe, timingsMs } : probe;
  return probed;
}

function syncProbe(): Omit<BackendProbe, 'webgpu'> {
  return {
    headlessgl: probeHeadlessGl(),
    webasm: GPU.isWebAssemblySupported,
    webasmThreads: GPU.isWebAssemblySupported && typeof SharedArrayBuffer === 'function',
    fusedMultiplyAdd: process.env.INFODIFF_WASM_FMA !== 'off' && wasmFusedMultiplyAdd(),
  };
}

interface AdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { readonly vendor?: string; readonly architecture?: string; readonly device?: string; readonly description?: string; readonly isFallbackAdapter?: boolean };
}

interface GpuApi {
  requestAdapter(): Promise<AdapterLike | null>;
}

/**
 * navigator.gpu, installing Dawn's Node binding (the `webgpu` package gpu.js depends on) when the
 * runtime has none (Node, Electron's main process). Returns the API or why there is none.
 */
function webGpuApi(): GpuApi | string {
  const holder = globalThis as { navigator?: { gpu?: GpuApi } };
  if (holder.navigator?.gpu) return holder.navigator.gpu;
  try {
    const dawn = createRequire(__filename)('webgpu') as { create(flags: string[]): GpuApi; globals: object };
    const gpu = dawn.create([]);
    Object.assign(globalThis, dawn.globals);
    if (holder.navigator) Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true });
    else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    return gpu;
  } catch (error) {
    return `no navigator.gpu, and the webgpu (Dawn) package did not load: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  }
}

async function probeWebGpu(): Promise<DeviceProbe> {
  const api = webGpuApi();
  if (typeof api === 'string') return { available: false, detail: api, software: false };
  try {
    const adapter = await api.requestAdapter();
    if (!adapter) return { available: false, detail: 'navigator.gpu has no adapter', software: false };
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unnamed adapter';
    const fallback = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
    return { available: true, detail: fallback ? `${name} (fallback adapter)` : name, software: fallback || SOFTWARE_RENDERER.test(name) };
  } catch (error) {
    return { available: false, detail: `requestAdapter failed: ${error instanceof Error ? error.message : String(error)}`, software: false };
  }
}

interface GlLike {
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL?: number } | null;
  getParameter(name: number): unknown;
  readonly RENDERER: number;
}

function probeHeadlessGl(): DeviceProbe {
  if (!GPU.isHeadlessGLSupported) return { available: false, detail: 'no headless-gl context (the gl build is absent or there is no display)', software: false };
  try {
    const create = createRequire(__filename)('gl') as (w: number, h: number) => GlLike | null;
    const gl = create(1, 1);
    const debug = gl?.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl && debug?.UNMASKED_RENDERER_WEBGL ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl?.getParameter(gl.RENDERER) ?? 'unknown');
    // ANGLE alone names the translation layer, not the device: unknown, so only a benchmark may pick it.
    const known = renderer !== 'ANGLE' && renderer !== 'unknown';
    return { available: true, detail: renderer, software: !known || SOFTWARE_RENDERER.test(renderer) };
  } catch (error) {
    return { available: true, detail: `renderer unknown (${error instanceof Error ? error.message : String(error)})`, software: true };
  }
}

/** The kinds that can run the accelerated (empirical denoiser) path here, hardware first. */
export function usableKinds(probe: BackendProbe): EngineKind[] {
  const kinds: EngineKind[] = [];
  if (probe.webgpu.available) kinds.push('webgpu');
  if (probe.headlessgl.available) kinds.push('headlessgl');
  if (probe.webasm) kinds.push(probe.webasmThreads ? 'webasm-threaded' : 'webasm-simd');
  kinds.push('pruned');
  return kinds;
}

/**
 * Why `kind` cannot run on this machine, or null when it can.
 *
 * @example
 * unavailableReason('webgpu', await probeBackends()) // → 'no navigator.gpu' on a machine without WebGPU
 */
export function unavailableReason(kind: EngineKind, probe: BackendProbe): string | null {
  switch (kind) {
    case 'webgpu':
      return probe.webgpu.available ? null : probe.webgpu.detail;
    case 'headlessgl':
      return probe.headlessgl.available ? null : probe.headlessgl.detail;
    case 'webasm-threaded':
      return probe.webasmThreads ? null : 'no WebAssembly threads (SharedArrayBuffer)';
    case 'webasm-simd':
      return probe.webasm ? null : 'no WebAssembly';
    default:
      return null;
  }
}

/**
 * The requests this machine can serve: `auto`, the float64 CPU kinds, `gpujs-cpu`, and each GPU
 * kind the probe found.
 *
 * @example
 * availableRequests(cpuOnlyProbe) // → ['auto', 'reference', 'pruned', 'webasm-threaded', 'webasm-simd', 'gpujs-cpu']
 */
export function availableRequests(probe: BackendProbe): BackendRequest[] {
  return BACKEND_REQUESTS.filter((request) => request === 'auto' || unavailableReason(request, probe) === null);
}

/**
 * The request a run of `config` follows: the config's `backend` field unless absent or `auto`, else
 * `request` (the caller's, or INFODIFF_BACKEND as the engine host reads it), else `auto`.
 *
 * @example
 * effectiveRequest({ ...config, backend: 'pruned' }, 'webasm-simd') // → 'pruned'
 * effectiveRequest({ ...config, backend: 'auto' }, 'webasm-simd')   // → 'webasm-simd'
 */
export function effectiveRequest(config: Pick<ExperimentConfig, 'backend'>, request: BackendRequest | undefined): BackendRequest {
  if (config.backend !== undefined && config.backend !== 'auto') return config.backend;
  return request ?? 'auto';
}

/** Options of a choice: the request, CPU threads for the float64 kinds, ε of the pruned denoiser. */
export interface ChoiceOptions {
  /** The caller's request or INFODIFF_BACKEND; the config's `backend` field, when not `auto`, wins over it. */
  readonly request?: BackendRequest;
  readonly threads: number;
  readonly epsilon?: number;
}

/**
 * Chooses the engine backend of a run from the probe, the config and the request.
 *
 * The request is the config's `backend` field when it names a kind, else `options.request`
 * (effectiveRequest), so a config's choice overrides INFODIFF_BACKEND.
 *
 * Only the empirical denoiser has an accelerated path (the toy oracle and the GMM denoiser cost less
 * than a kernel call; docs/performance-engine.md), so other configs run on `reference`, whatever was
 * requested (the label says so). For the empirical denoiser, `auto` takes, in order: the fastest
 * kind of the micro-benchmark when it was run; a hardware WebGPU adapter; a hardware headless-gl
 * renderer; else `pruned` (faster than webasm on CPU-only machines, measured). Software renderers
 * and fallback adapters are never chosen automatically. A forced kind that this machine lacks throws
 * InvalidArgumentError naming it, why it is missing and what is available here.
 *
 * @example
 * chooseBackend(probe, digitsConfig, { threads: 2 }).label // → 'cpu-f64 pruned ε=1e-12 (2 threads)' without a GPU
 */
export function chooseBackend(probe: BackendProbe, config: ExperimentConfig, options: ChoiceOptions): EngineBackend {
  const request = effectiveRequest(config, options.request);
  const source = config.backend !== undefined && config.backend !== 'auto' ? 'requested by the config' : 'requested';
  const epsilon = options.epsilon ?? DEFAULT_PRUNE_EPSILON;
  const threads = options.threads;
  const accelerable = config.denoiser.kind === 'empirical';
  if (request !== 'auto') {
    const missing = unavailableReason(request, probe);
    if (missing) throw new InvalidArgumentError('backend', `${request} is not available on this machine: ${missing}; available here: ${availableRequests(probe).join(', ')}`);
  }
  if (!accelerable || request === 'reference') {
    const why = request === 'auto' || request === 'reference' ? 'the float64 reference path' : `${request} was requested, but the ${config.denoiser.kind} denoiser has no accelerated kernel`;
    return make('reference', threads, epsilon, why, probe);
  }
  if (request !== 'auto') return make(request, threads, epsilon, source, probe);
  const timings = probe.timingsMs;
  if (timings) {
    const ranked = usableKinds(probe).filter((k) => timings[k] !== undefined).sort((a, b) => timings[a]! - timings[b]!);
    if (ranked.length > 0) return make(ranked[0]!, threads, epsilon, `fastest in the micro-benchmark (${ranked.map((k) => `${k} ${timings[k]!.toFixed(1)} ms`).join(', ')})`, probe);
  }
  if (probe.webgpu.available && !probe.webgpu.software) return make('webgpu', threads, epsilon, `hardware WebGPU adapter ${probe.webgpu.detail}`, probe);
  if (probe.headlessgl.available && !probe.headlessgl.software) return make('headlessgl', threads, epsilon, `hardware GL renderer ${probe.headlessgl.detail}`, probe);
  return make('pruned', threads, epsilon, 'no hardware GPU: the pruned float64 path beats webasm here (docs/performance-engine.md)', probe);
}

function make(kind: EngineKind, threads: number, epsilon: number, reason: string, probe: BackendProbe): EngineBackend {
  // One device, one worker: gpu.js kinds own their parallelism (webasm's pool, the GPU queue).
  const workers = kind === 'reference' || kind === 'pruned' ? threads : 1;
  const plural = `${workers} thread${workers === 1 ? '' : 's'}`;
  const fusedMultiplyAdd = kind === 'pruned' && probe.fusedMultiplyAdd;
  const label = kind === 'reference' ? `cpu-f64 reference (${plural})`
    : kind === 'pruned' ? `cpu-f64 pruned ε=${epsilon}${fusedMultiplyAdd ? ' FMA' : ''} (${plural})`
    : `${kind} f32${kind === 'webgpu' ? ` ${probe.webgpu.detail}` : kind === 'headlessgl' ? ` ${probe.headlessgl.detail}` : ''} (empirical denoiser; rest cpu-f64)`;
  return { kind, label, threads: workers, epsilon, fusedMultiplyAdd, reason };
}
