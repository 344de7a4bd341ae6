import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import { cached, writeTransaction } from './sql';

/** Who writes a run: recorded in the run row so that another process can tell whether it still lives. */
export interface WriterIdentity {
  readonly pid: number;
  readonly host: string;
  /** One per open Store: tells apart two stores of one process. */
  readonly token: string;
}

/** The writer columns of a run row (NULL for imported runs). */
export interface RecordedWriter {
  readonly pid: number | null;
  readonly host: string | null;
  readonly token: string | null;
}

const openTokens = new Set<string>();

/** Registers a new writer for this process; pair with {@link releaseWriter}. */
export function acquireWriter(): WriterIdentity {
  const writer = { pid: process.pid, host: hostname(), token: randomUUID() };
  openTokens.add(writer.token);
  return writer;
}

/** Marks a writer of this process as gone (its Store closed). */
export function releaseWriter(writer: WriterIdentity): void {
  openTokens.delete(writer.token);
}

/** Whether a process with this pid exists (on this host). EPERM means it exists under another user. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The liveness rule for a run left queued or running: its writer is alive iff it is on this host
 * and either it is this process and its Store is still open (token registered), or it is another
 * process whose pid exists. A different host cannot be writing (WAL needs shared memory, so all
 * users of the file are on one host); a reused pid can only delay the marking, never mark a live run.
 */
export function writerIsAlive(writer: RecordedWriter, self: { pid: number; host: string }, exists: (pid: number) => boolean = processExists): boolean {
  if (writer.pid === null || writer.host === null || writer.token === null || writer.host !== self.host) return false;
  if (writer.pid === self.pid) return openTokens.has(writer.token);
  return exists(writer.pid);
}

/** Marks as `interrupted` every queued or running run whose writer is dead (see {@link writerIsAlive}); returns their ids. */
export function markInterrupted(db: Database, now: number, exists: (pid: number) => boolean = processExists): string[] {
  const self = { pid: process.pid, host: hostname() };
  const deadRuns = () =>
    cached<[], RecordedWriter & { id: string }>(db, "SELECT id, writer_pid AS pid, writer_host AS host, writer_token AS token FROM runs WHERE status IN ('queued', 'running')")
      .all()
      .filter((writer) => !writerIsAlive(writer, self, exists))
      .map((writer) => writer.id);
  // Look without the write lock first: most opens find nothing to mark (and a read-only file stays readable).
  if (deadRuns().length === 0) return [];
  return writeTransaction(db, () => {
    const dead = deadRuns();
    const mark = cached(db, "UPDATE runs SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ?");
    for (const id of dead) mark.run(now, 'the process writing this run ended before the run finished', id);
    return dead;
  });
}

/** Marks as `interrupted` the queued or running runs of one writer (its Store is closing). */
export function interruptWriterRuns(db: Database, writer: WriterIdentity, now: number): void {
  cached(db, "UPDATE runs SET status = 'interrupted', finished_at = ?, error = ? WHERE writer_token = ? AND status IN ('queued', 'running')").run(
    now, 'the store was closed before the run finished', writer.token,
  );
}
