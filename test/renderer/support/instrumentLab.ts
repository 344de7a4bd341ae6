import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { EventPayload, InstrumentKind } from '../../../src-shared/ipc/contract';
import { createInProcessApi } from '../../../src-main/service/inProcess';
import { LabService } from '../../../src-main/service/labService';
import { openStore, type Store } from '../../../src-main/store';
import { LabClient } from '../../../src-renderer/api/client';
import { loadInstrument } from '../../../src-renderer/state/instrumentActions';
import type { LoadedInstrument } from '../../../src-renderer/state/instruments';

/**
 * A real lab for the instrument plot tests: a temporary store and an in-process LabService (opened in
 * beforeAll, closed in afterAll), and `runAndLoad`, which runs a tiny instrument through the service
 * and loads it as the renderer does (loadInstrument over the client).
 */
export function useInstrumentLab(prefix: string) {
  let dataDir: string;
  let store: Store;
  let service: LabService;
  let client: LabClient;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), prefix));
    store = openStore({ dataDir });
    service = new LabService({ store, dataDir, threads: 1, eventIntervalMs: 50, log: () => undefined });
    client = new LabClient(createInProcessApi(service), 'http');
  });

  afterAll(async () => {
    await service.close();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function runAndLoad(kind: InstrumentKind, config: Record<string, unknown>): Promise<LoadedInstrument> {
    const seen: EventPayload<'instruments:finished'>[] = [];
    const off = client.on('instruments:finished', (e) => seen.push(e));
    const started = await client.invoke('instruments:start', { kind, config });
    const finished = await vi.waitFor(() => seen.find((e) => e.experimentId === started.experimentId) ?? Promise.reject(new Error('not yet')), { timeout: 60_000, interval: 20 });
    off();
    expect(finished.status).toBe('completed');
    return loadInstrument(client, started.experimentId, kind);
  }

  return { runAndLoad, client: () => client, store: () => store };
}
