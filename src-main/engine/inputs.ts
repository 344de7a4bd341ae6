import type { RunInputs } from '../../src-shared/experiment/inputs';
import type { WorkerInputs } from './protocol';

/** Views the worker's shared buffers as RunInputs (no copy). */
export function toRunInputs(inputs: WorkerInputs): RunInputs {
  const d = inputs.digits;
  return d ? { digits: { count: d.count, height: d.height, width: d.width, pixels: new Float64Array(d.pixels) } } : {};
}

/** Moves RunInputs into shareable buffers for the workers (one copy, shared by all). */
export function toWorkerInputs(inputs: RunInputs): WorkerInputs {
  const d = inputs.digits;
  if (!d) return {};
  const shared = new SharedArrayBuffer(d.pixels.byteLength);
  new Float64Array(shared).set(d.pixels);
  return { digits: { count: d.count, height: d.height, width: d.width, pixels: shared } };
}
