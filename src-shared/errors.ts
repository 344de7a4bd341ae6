/**
 * Error codes that may cross a process boundary (IPC, HTTP, CLI exit). Adding a code is an API
 * change: the renderer switches on it.
 */
export type LabErrorCode =
  | 'invalid-argument' // a value outside the documented domain
  | 'invalid-config' // an experiment config failed validation
  | 'invalid-request' // an IPC/HTTP payload failed schema validation
  | 'infeasible' // tolerance bounds with Σ lower > 1 or Σ upper < 1
  | 'forbidden' // sender or origin not trusted
  | 'unauthorized' // missing or wrong serve token
  | 'cancelled'
  | 'not-found'
  | 'storage' // SQLite failure, including migrations
  | 'storage-future-version' // the database was written by a newer build
  | 'storage-corrupt' // the integrity check failed
  | 'bundle-invalid' // a run bundle is truncated or malformed
  | 'internal'; // a bug: see BugIndicatingError

/** The only error shape that crosses IPC, HTTP and worker boundaries. */
export interface LabErrorPayload {
  readonly code: LabErrorCode;
  readonly message: string;
}

/** Base class for expected, user-visible failures. Identify by `code`, never by `instanceof` across processes. */
export class LabError extends Error {
  override readonly name: string = 'LabError';
  constructor(
    readonly code: LabErrorCode,
    message: string,
  ) {
    super(message);
  }
  toPayload(): LabErrorPayload {
    return { code: this.code, message: this.message };
  }
  static fromPayload(payload: LabErrorPayload): LabError {
    return new LabError(payload.code, payload.message);
  }
}

/** A public entry point got an argument outside its domain; the message names the argument. */
export class InvalidArgumentError extends LabError {
  override readonly name = 'InvalidArgumentError';
  constructor(argument: string, expectation: string) {
    super('invalid-argument', `${argument}: ${expectation}`);
  }
}

/** Tolerance bounds admit no mass vector on the simplex. */
export class InfeasibleBoundsError extends LabError {
  override readonly name = 'InfeasibleBoundsError';
  constructor(sumLower: number, sumUpper: number) {
    super(
      'infeasible',
      `tolerance bounds are infeasible: need Σ lower ≤ 1 ≤ Σ upper, got Σ lower = ${sumLower.toPrecision(6)}, Σ upper = ${sumUpper.toPrecision(6)}`,
    );
  }
}

export class CancelledError extends LabError {
  override readonly name = 'CancelledError';
  constructor() {
    super('cancelled', 'cancelled');
  }
}

/** Thrown only by code that has detected its own bug. Never for bad input. */
export class BugIndicatingError extends Error {
  override readonly name = 'BugIndicatingError';
}

/** Exhaustiveness check for discriminated unions: a new variant becomes a compile error. */
export function assertNever(value: never, what: string): never {
  throw new BugIndicatingError(`unhandled ${what}: ${String(value)}`);
}
