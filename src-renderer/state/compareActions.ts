import type { LabError } from '../../src-shared/errors';
import { decodeArtifact } from '../../src-shared/ipc/artifactJson';
import type { LabClient } from '../api/client';
import type { CompareAction, ComparedRun } from './compare';
import type { FrameImage } from './live';

/**
 * Opens runs in Compare: fetches each run's record, step series, finals, block masses of its first
 * seed with frames, and that seed's frames (by artifact id), folding each answer in as it comes.
 */
export function createCompareLoader(client: LabClient, dispatch: (action: CompareAction) => void) {
  let generation = 0;
  return (runIds: readonly string[]) => {
    const mine = ++generation;
    const fail = (error: LabError) => {
      if (mine === generation) dispatch({ type: 'compare/failed', message: error.message });
    };
    const data = (runId: string, patch: Partial<Omit<ComparedRun, 'record'>>) => {
      if (mine === generation) dispatch({ type: 'compare/data', runId, patch });
    };
    dispatch({ type: 'compare/opened', runIds });
    for (const runId of runIds) {
      client.invoke('runs:get', { runId }).then(async (record) => {
        if (mine !== generation) return;
        dispatch({ type: 'compare/record', record });
        client.invoke('runs:steps', { runId }).then((series) => data(runId, { series }), fail);
        client.invoke('runs:finals', { runId }).then((finals) => data(runId, { finals }), fail);
        const blocks = await client.invoke('runs:blockMasses', { runId });
        data(runId, { blocks });
        if (blocks.seed === null) return;
        const metas = (await client.invoke('runs:artifacts', { runId })).filter((a) => a.name === 'frame' && a.seed === blocks.seed && a.step !== null);
        const frames: FrameImage[] = await Promise.all(metas.map(async (meta) => ({
          seed: meta.seed!, step: meta.step!, pixels: Float32Array.from(decodeArtifact(await client.invoke('runs:artifact', { artifactId: meta.id })).data),
        })));
        data(runId, { frames: frames.sort((a, b) => a.step - b.step) });
      }).catch(fail);
    }
  };
}
