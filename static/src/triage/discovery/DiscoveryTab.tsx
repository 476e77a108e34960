import { useCallback, useEffect, useState } from 'react';
import { NoteList } from './NoteList';
import { NotePage } from './NotePage';
import { noteHistory, noteIdOf, notePath } from './note-history';
import './discovery.css';

/**
 * Discovery notes of the project: the list, or one note's page. Which one is the frame's history location
 * (`/notes/<id>` is a note), so a note has an address, Jira's Back returns to the list, and "Start a discovery
 * note" in the Inbox opens the note it made. Where the host has no history, the tab keeps the place itself.
 */
export default function DiscoveryTab({ projectKey }: { projectKey: string }) {
  const [noteId, setNoteId] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let current = true;
    void noteHistory().then((history) => {
      if (!current) return;
      setReady(true);
      if (!history) return;
      setNoteId(noteIdOf(history.location.pathname));
      stop = history.listen((location) => setNoteId(noteIdOf(location.pathname)));
    });
    return () => {
      current = false;
      stop?.();
    };
  }, []);

  const go = useCallback((id: string | null) => {
    void noteHistory().then((history) => {
      if (history) history.push(id ? notePath(id) : '/');
      else setNoteId(id);
    });
  }, []);

  if (!ready) return null;
  return noteId ? <NotePage key={noteId} projectKey={projectKey} noteId={noteId} onBack={() => go(null)} /> : <NoteList projectKey={projectKey} onOpen={(id) => go(id)} />;
}
