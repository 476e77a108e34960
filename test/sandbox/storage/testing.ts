/**
 * For storage tests: a KvsStorage behind the real Forge runtime globals, so `@forge/kvs` talks to it exactly
 * as it would in production, with a clock the test moves by hand.
 */
import { json, type RequestHandler } from '../http';
import { installForgeRuntime } from '../runtime';
import { KvsStorage, type EntityDeclaration } from './kvs-storage';

export const TEST_ENTITIES_MANIFEST = `
app:
  storage:
    entities:
      - name: employee
        attributes:
          surname: { type: string }
          age: { type: integer }
          rating: { type: float }
          active: { type: boolean }
          team: { type: string }
          profile: { type: any }
        indexes:
          - surname
          - name: by-team-age
            partition: [team]
            range: [age]
          - name: by-active-rating
            partition: [active]
            range: [rating]
      - name: counter
        attributes:
          count: { type: integer }
          owner: { type: string }
        indexes:
          - name: by-owner-count
            partition: [owner]
            range: [count]
`;

const jiraNotModelled: RequestHandler = {
  handle: async (req) => json(501, { message: `storage tests do not model Jira (${req.path})` }),
};

export interface StorageHarness {
  storage: KvsStorage;
  /** Moves the storage clock forward. */
  advance(ms: number): void;
  nowMs(): number;
}

export function installStorage(
  options: { file?: string; entities?: EntityDeclaration[]; startMs?: number } = {},
): StorageHarness {
  let now = options.startMs ?? Date.UTC(2026, 0, 1);
  const storage = new KvsStorage({
    file: options.file ?? ':memory:',
    entities: options.entities ?? KvsStorage.entitiesFromManifest(TEST_ENTITIES_MANIFEST),
    now: () => now,
  });
  installForgeRuntime({ jira: jiraNotModelled, storage, appId: 'a', environmentId: 'e', installationId: 'i' });
  return {
    storage,
    advance: (ms) => {
      now += ms;
    },
    nowMs: () => now,
  };
}
