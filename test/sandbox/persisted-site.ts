/**
 * `npm start` keeps app storage in SQLite; the Jira emulator's site is kept beside it as JSON, so that a work
 * type set yesterday and the decision stored about it still agree after a restart. A site seeded on another
 * day is replaced (with the storage), because the seed's sprints are laid out around the day it was built.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JiraSite } from './jira/model';

export interface PersistedSandboxFiles {
  dir: string;
  storageFile: string;
  siteFile: string;
  gadgetFile: string;
}

export const sandboxFiles = (dir: string): PersistedSandboxFiles => ({
  dir,
  storageFile: path.join(dir, 'sandbox.sqlite'),
  siteFile: path.join(dir, 'jira-site.json'),
  gadgetFile: path.join(dir, 'gadgets.json'),
});

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

/** The saved site if it was seeded today; otherwise removes both files so the caller seeds afresh. */
export function loadSiteSeededOn(files: PersistedSandboxFiles, today: Date, fresh: boolean): JiraSite | null {
  if (!fresh && existsSync(files.siteFile)) {
    try {
      const saved = JSON.parse(readFileSync(files.siteFile, 'utf8')) as { seededOn?: unknown; site?: JiraSite };
      if (saved.seededOn === dayOf(today) && saved.site && Array.isArray(saved.site.issues)) return saved.site;
    } catch {
      // A half-written or hand-edited file: start over rather than serve a broken site.
    }
  }
  for (const file of [files.siteFile, files.gadgetFile, files.storageFile, `${files.storageFile}-wal`, `${files.storageFile}-shm`]) {
    rmSync(file, { force: true });
  }
  return null;
}

/** Writes the site atomically (temp file + rename), and only when it changed since the last save. */
export function siteSaver(files: PersistedSandboxFiles, site: JiraSite, today: Date): () => void {
  let last = '';
  return () => {
    const text = JSON.stringify({ seededOn: dayOf(today), site });
    if (text === last) return;
    const temp = `${files.siteFile}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, files.siteFile);
    last = text;
  };
}
