import { useEffect, useRef } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import type { DiscoveryNoteView } from '../../../../src/contract';
import { Loading } from '../../ui/Loading';
import { LazyErrorMessage } from '../../ui/LazyErrorMessage';
import { When } from '../../ui/When';
import { EngineeringInput } from './EngineeringInput';
import { LinkedIssues } from './LinkedIssues';
import { NoteEvidence } from './NoteEvidence';
import { Participants } from './Participants';
import { StatusPanel } from './StatusPanel';
import { TextSection } from './TextSection';
import { useNote, type NoteState } from './use-note';

type TextField = 'problem' | 'desiredOutcome' | 'designDirection';

function NoteBody({ view, note, projectKey }: { view: DiscoveryNoteView; note: NoteState; projectKey: string }) {
  const save = (field: TextField) => (text: string) => note.change('discovery.update', { version: view.note.version, changes: { [field]: text } });
  const canEdit = view.can.edit;
  return (
    <div className="dn-page-grid">
      <div className="dn-main">
        <TextSection title="The problem" value={view.note.problem} emptyText="" canEdit={canEdit} required onSave={save('problem')} field="changes.problem" testId="discovery-problem" />
        <NoteEvidence evidence={view.evidence} canEdit={canEdit} note={note} projectKey={projectKey} />
        <TextSection
          title="Desired outcome"
          value={view.note.desiredOutcome}
          emptyText={canEdit ? 'Not written yet: what is true for the customer once this is solved?' : 'Not written yet.'}
          canEdit={canEdit}
          onSave={save('desiredOutcome')}
          field="changes.desiredOutcome"
          testId="discovery-outcome"
        />
        <EngineeringInput view={view} note={note} />
        <TextSection
          title="Design direction"
          value={view.note.designDirection}
          emptyText={canEdit ? 'Not written yet: the direction the design takes, once there is one.' : 'Not written yet.'}
          canEdit={canEdit}
          onSave={save('designDirection')}
          field="changes.designDirection"
          testId="discovery-design"
        />
      </div>
      <aside className="dn-aside">
        <StatusPanel view={view} note={note} projectKey={projectKey} />
        <Participants view={view} note={note} />
        <LinkedIssues linked={view.linkedIssues} />
      </aside>
    </div>
  );
}

/** A note's own page (`/notes/<id>`): everything about it, and the changes the reader may make. */
export function NotePage({ projectKey, noteId, onBack }: { projectKey: string; noteId: string; onBack: () => void }) {
  const note = useNote(projectKey, noteId);
  const { view } = note;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A new page puts the focus at its top, as a page load would, so a keyboard or screen-reader user starts there.
  useEffect(() => {
    if (view?.note.id === noteId) headingRef.current?.focus();
  }, [view?.note.id, noteId]);
  return (
    <article
      className="dn-page"
      data-testid="discovery-note-page"
      onKeyDown={(event) => {
        const target = event.target as HTMLElement;
        if (event.key === 'Escape' && !target.closest('input, textarea, select, [role="dialog"]')) onBack();
      }}
    >
      <div className="dn-page-top">
        <Button appearance="subtle" spacing="compact" onClick={onBack} testId="discovery-back">
          ← All notes
        </Button>
      </div>
      {!view && note.loading && <Loading what="the discovery note" />}
      {!view && note.error && <LazyErrorMessage error={note.error} onRetry={() => void note.reload()} />}
      {view && (
        <>
          <header className="dn-page-head">
            <div tabIndex={-1} ref={headingRef} className="dn-heading-focus">
              <Heading size="large" as="h2" testId="discovery-note-title">
                {view.note.title}
              </Heading>
            </div>
            <p className="dn-meta">
              {view.note.createdBy ? `Started by ${view.note.createdBy.displayName}` : 'Started'} <When iso={view.note.createdAt} /> · updated <When iso={view.note.updatedAt} />
            </p>
          </header>
          <NoteBody view={view} note={note} projectKey={projectKey} />
        </>
      )}
    </article>
  );
}
