/** A note's address inside the project page (`/notes/<id>`), and the note an address names. Pure: unit-tested. */

const NOTE_PATH = /^\/notes\/([a-z][a-z0-9-]{0,63})\/?$/;

/** The note a path names, or null for the list (and for any path that is not a note's). */
export function noteIdOf(pathname: string): string | null {
  return NOTE_PATH.exec(pathname)?.[1] ?? null;
}

export const notePath = (noteId: string): string => `/notes/${noteId}`;
