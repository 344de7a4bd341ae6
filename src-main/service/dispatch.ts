import type { z } from 'zod';
import { BugIndicatingError, LabError, type LabErrorCode, type LabErrorPayload } from '../../src-shared/errors';
import { isInvokeChannel } from '../../src-shared/ipc/channels';
import { invokeSchemas, type InvokeChannel, type IpcResult, type Response } from '../../src-shared/ipc/contract';
import type { Bindings, Handler } from './bindings';

/**
 * A failed IpcResult carrying `{ code, message }`.
 *
 * @example
 * failure('forbidden', 'runs:list: refused') // → { ok: false, error: { code: 'forbidden', message: 'runs:list: refused' } }
 */
export function failure(code: LabErrorCode, message: string): { readonly ok: false; readonly error: LabErrorPayload } {
  return { ok: false, error: { code, message } };
}

/**
 * The issues of a failed parse, one `path: message` per issue, for an 'invalid-request' message.
 *
 * @example
 * describeIssues([{ path: ['runId'], message: 'expected a non-empty id' }]) // → 'runId: expected a non-empty id'
 */
export function describeIssues(issues: readonly Pick<z.core.$ZodIssue, 'path' | 'message'>[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(request)'}: ${issue.message}`).join('; ');
}

/**
 * What a throw becomes on the wire: a LabError keeps its code and message; anything else is a bug,
 * logged in full here and reported as 'internal' without internals (a BugIndicatingError keeps its
 * message, which is written for this).
 */
export function errorPayloadOf(error: unknown, context: string, log: (message: string, error?: unknown) => void): LabErrorPayload {
  if (error instanceof LabError) return error.toPayload();
  log(`${context} failed`, error);
  return { code: 'internal', message: error instanceof BugIndicatingError ? error.message : `${context} failed with an internal error (see the log)` };
}

/**
 * Answers one request through the bindings, as every door does: the channel must be in the
 * contract, the payload must parse with its request schema (defaults filled), and the handler's
 * value or error comes back as an IpcResult. Never throws.
 */
export async function dispatch<C extends InvokeChannel>(bindings: Bindings, channel: C | string, raw: unknown, log: (message: string, error?: unknown) => void): Promise<IpcResult<Response<C>>> {
  if (!isInvokeChannel(channel)) return failure('invalid-request', `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`);
  const schema: z.ZodType = invokeSchemas[channel].request;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return failure('invalid-request', `${channel}: ${describeIssues(parsed.error.issues)}`);
  try {
    const handler = bindings[channel] as Handler<InvokeChannel>;
    return { ok: true, value: (await handler(parsed.data as never)) as Response<C> };
  } catch (error) {
    return { ok: false, error: errorPayloadOf(error, channel, log) };
  }
}
