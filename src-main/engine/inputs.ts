import type { RunInputs } from '../../src-shared/experiment/inputs';
import type { WorkerInputs } from './protocol';

/** Views the worker's shared buffers as RunInputs (no copy). */
export function toRunInputs(inputs: WorkerInputs): RunInputs {
  const d = inputs.digits;
  return d ? { digits: { count: d.count, height: d.height, width: d.width, pixels: new Float64Array(d.pixels) } } : {};
}

/**
 * RunInputs in buffers the workers share: pixels that fill a SharedArrayBuffer already (loadDigits')
 * as they are, others copied once into a new one (63 MB of digits take ~0.17 s to copy).
 */
export function toWorkerInputs(inputs: RunInputs): WorkerInputs {
  const d = inputs.digits;
  if (!d) return {};
  const { buffer, byteOffset, byteLength } = d.pixels;
  const whole = buffer instanceof SharedArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength;
  const shared = whole ? buffer : new SharedArrayBuffer(byteLength);
  if (!whole) new Float64Array(shared).set(d.pixels);
  return { digits: { count: d.count, height: d.height, width: d.width, pixels: shared } };
}
