import type { CliIo } from '../../src-main/cli/types';

/** A CliIo that collects what a command writes. */
export function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '', err = '';
  return {
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
    isTty: false,
    out: () => out,
    err: () => err,
  };
}
