/**
 * Where the Discovery tab is: the list (`/`) or one note (`/notes/<id>`), kept in the project page's own history
 * (`view.createHistory()`), so a note has an address Jira keeps in the URL and the browser's Back returns to the
 * list. One history for the whole frame: the triage page (which opens the Discovery tab for a note's address),
 * the tab, and "Start a discovery note" in the Inbox all push to and listen on the same one.
 */
import { useEffect, useRef } from 'react';
import { view } from '@forge/bridge';
import { noteIdOf } from './note-address';

export { noteIdOf, notePath } from './note-address';

export interface NoteLocation {
  pathname: string;
}
interface NoteHistory {
  location: NoteLocation;
  push: (path: string) => void;
  listen: (listener: (location: NoteLocation) => void) => () => void;
}

let history: Promise<NoteHistory | null> | null = null;

/** The frame's history, or null where the host has none (then notes open in place, without an address). */
export function noteHistory(): Promise<NoteHistory | null> {
  history ??= (view.createHistory() as Promise<NoteHistory>).catch((error: unknown) => {
    console.warn('Upstream: this page has no history to route notes in', error);
    return null;
  });
  return history;
}


/** Calls `onNote` when the frame is at a note's address now or moves to one; answers how to stop listening. */
export function followNoteLocation(onNote: (noteId: string) => void): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  void noteHistory().then((h) => {
    if (!h || stopped) return;
    const initial = noteIdOf(h.location.pathname);
    if (initial) onNote(initial);
    stop = h.listen((location) => {
      const id = noteIdOf(location.pathname);
      if (id) onNote(id);
    });
  });
  return () => {
    stopped = true;
    stop?.();
  };
}

/** For the triage page: shows the Discovery tab whenever the frame is at a note's address (a link, a new note from the Inbox). */
export function useNoteAddressOpens(showDiscovery: () => void): void {
  const show = useRef(showDiscovery);
  show.current = showDiscovery;
  useEffect(() => followNoteLocation(() => show.current()), []);
}
