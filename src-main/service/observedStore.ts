import type { FinalMetrics } from '../../src-shared/experiment/records';
import type { ArtifactInput, Store } from '../store';

export interface StoreObserver {
  /** After finals of a run were stored. */
  onFinals(runId: string, finals: readonly FinalMetrics[]): void;
  /** After an artifact was stored, with the id the store gave it. */
  onArtifact(runId: string, artifact: ArtifactInput, artifactId: string): void;
}

/**
 * The store as runExperiment sees it, reporting finals and artifacts once they are stored: events
 * can then name stored ids (a frame event carries the artifact id its pixels are fetched by).
 * Every other member is the store's own, bound to it.
 */
export function observeStore(store: Store, observer: StoreObserver): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'appendFinals') {
        return (runId: string, finals: readonly FinalMetrics[]) => {
          target.appendFinals(runId, finals);
          observer.onFinals(runId, finals);
        };
      }
      if (key === 'putArtifact') {
        return (runId: string, artifact: ArtifactInput) => {
          const artifactId = target.putArtifact(runId, artifact);
          observer.onArtifact(runId, artifact, artifactId);
          return artifactId;
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
