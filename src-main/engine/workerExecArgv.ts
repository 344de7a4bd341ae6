/** Node options that load code before the entry (a loader such as tsx's); each takes one value. */
const LOADER_FLAGS = ['--import', '--require', '-r', '--loader', '--experimental-loader'];

/** V8's WebAssembly feature flags (`--experimental-wasm-relaxed-simd`, …): process-wide, and refused by `new Worker`. */
const V8_WASM_FLAG = /^--(no-)?experimental-wasm-/u;

/**
 * The parent's Node options for an engine worker: without V8's WebAssembly feature flags, which
 * `new Worker` refuses (ERR_WORKER_INVALID_EXEC_ARGV) and which reach the worker anyway (V8's flags
 * are per process), and, unless `loaders`, without those that preload code (`--import tsx`,
 * `--require …`, loaders): for a worker whose entry is already built JavaScript, preloading tsx cost
 * ~0.6 s of start. Options such as `--cpu-prof` still apply.
 *
 * @example
 * workerExecArgv(['--import', 'tsx', '--cpu-prof', '--require=./hook.cjs']) // → ['--cpu-prof']
 * workerExecArgv(['--experimental-wasm-relaxed-simd', '--import', 'tsx'], { loaders: true }) // → ['--import', 'tsx']
 */
export function workerExecArgv(execArgv: readonly string[], options: { loaders?: boolean } = {}): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i]!;
    if (V8_WASM_FLAG.test(option)) continue;
    if (options.loaders === true) kept.push(option);
    else if (LOADER_FLAGS.includes(option)) i++;
    else if (!LOADER_FLAGS.some((flag) => option.startsWith(`${flag}=`))) kept.push(option);
  }
  return kept;
}
