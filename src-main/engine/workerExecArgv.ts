/** Node options that load code before the entry (a loader such as tsx's); each takes one value. */
const LOADER_FLAGS = ['--import', '--require', '-r', '--loader', '--experimental-loader'];

/**
 * The parent's Node options minus those that preload code (`--import tsx`, `--require …`, loaders),
 * for a worker whose entry is already built JavaScript: preloading tsx into every engine worker cost
 * ~0.6 s of start, while options such as `--cpu-prof` or `--max-old-space-size` still apply.
 *
 * @example
 * workerExecArgv(['--import', 'tsx', '--cpu-prof', '--require=./hook.cjs']) // → ['--cpu-prof']
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i]!;
    if (LOADER_FLAGS.includes(option)) i++;
    else if (!LOADER_FLAGS.some((flag) => option.startsWith(`${flag}=`))) kept.push(option);
  }
  return kept;
}
