import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { DiscoveryNoteView } from '../../../../src/contract';
import { TEAM_ROLES, type TeamRole } from '../../../../src/domain/discovery';
import type { ResolverCallError } from '../../api';
import { ChangeRefusal } from './ChangeRefusal';
import type { NoteState } from './use-note';
import { roleWords } from './words';

interface Person {
  accountId: string;
  displayName: string;
}
interface Participant extends Person {
  role: TeamRole;
}

const isRole = (role: string): role is TeamRole => (TEAM_ROLES as readonly string[]).includes(role);

/**
 * People the note already knows, to add without a people search: whoever started it, wrote input, resolved a
 * question or waived the rule. Someone new joins by adding input; a lead then gives them a role here.
 */
function knownPeople(view: DiscoveryNoteView): Person[] {
  const people = new Map<string, Person>();
  const add = (p: Person | null | undefined) => {
    if (p && !people.has(p.accountId)) people.set(p.accountId, { accountId: p.accountId, displayName: p.displayName });
  };
  add(view.note.createdBy);
  for (const entry of view.engineeringInput) {
    add(entry.author);
    add(entry.question?.resolvedBy);
  }
  add(view.note.waiver?.by);
  return [...people.values()];
}

/** Guesses a role from what the person wrote as (engineering input from an engineer …), else engineering. */
function likelyRole(view: DiscoveryNoteView, accountId: string): TeamRole {
  const roles = view.engineeringInput.find((e) => e.author.accountId === accountId)?.authorRoles ?? [];
  return roles.find(isRole) ?? (view.note.createdBy?.accountId === accountId ? 'product' : 'engineering');
}

/** The people in the discovery with their roles; a product lead edits the list (roles, add, remove) and saves it whole. */
export function Participants({ view, note }: { view: DiscoveryNoteView; note: NoteState }) {
  const [draft, setDraft] = useState<Participant[] | null>(null);
  const [adding, setAdding] = useState('');
  const [refusal, setRefusal] = useState<ResolverCallError | null>(null);
  const headingId = useId();
  const addId = useId();
  const participants = view.note.participants;

  const edit = () =>
    setDraft(participants.map((p) => ({ accountId: p.accountId, displayName: p.displayName, role: isRole(p.role) ? p.role : 'engineering' })));
  const save = async () => {
    if (!draft) return;
    const refused = await note.change('discovery.update', { version: view.note.version, changes: { participants: draft.map(({ accountId, role }) => ({ accountId, role })) } });
    setRefusal(refused);
    if (!refused) setDraft(null);
  };

  if (draft) {
    const candidates = knownPeople(view).filter((p) => !draft.some((d) => d.accountId === p.accountId));
    return (
      <section className="dn-aside-section" aria-labelledby={headingId} data-testid="discovery-participants">
        <h3 id={headingId} className="dn-h3">
          Participants
        </h3>
        <ul className="dn-people">
          {draft.map((p, index) => (
            <li key={p.accountId} className="dn-person">
              <span>{p.displayName}</span>
              <select
                className="dn-select"
                aria-label={`${p.displayName}’s role`}
                value={p.role}
                onChange={(event) => setDraft(draft.map((d, i) => (i === index ? { ...d, role: event.target.value as TeamRole } : d)))}
              >
                {TEAM_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {roleWords(role)}
                  </option>
                ))}
              </select>
              <Button spacing="compact" appearance="subtle" onClick={() => setDraft(draft.filter((_, i) => i !== index))} aria-label={`Remove ${p.displayName}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
        {candidates.length > 0 && (
          <div className="dn-add-row">
            <label htmlFor={addId} className="dn-label">
              Add
            </label>
            <select
              id={addId}
              className="dn-select"
              value={adding}
              onChange={(event) => {
                const person = candidates.find((c) => c.accountId === event.target.value);
                if (person) setDraft([...draft, { ...person, role: likelyRole(view, person.accountId) }]);
                setAdding('');
              }}
              data-testid="discovery-participant-add"
            >
              <option value="">Someone who took part…</option>
              {candidates.map((c) => (
                <option key={c.accountId} value={c.accountId}>
                  {c.displayName}
                </option>
              ))}
            </select>
          </div>
        )}
        <ChangeRefusal error={refusal} field="changes.participants" />
        <div className="dn-buttons">
          <Button appearance="primary" spacing="compact" onClick={() => void save()} isLoading={note.pending === 'discovery.update'} testId="discovery-participants-save">
            Save participants
          </Button>
          <Button appearance="subtle" spacing="compact" onClick={() => setDraft(null)}>
            Cancel
          </Button>
        </div>
      </section>
    );
  }
  return (
    <section className="dn-aside-section" aria-labelledby={headingId} data-testid="discovery-participants">
      <div className="dn-section-head">
        <h3 id={headingId} className="dn-h3">
          Participants
        </h3>
        {view.can.edit && (
          <Button spacing="compact" appearance="subtle" onClick={edit} testId="discovery-participants-edit">
            Edit
          </Button>
        )}
      </div>
      {participants.length === 0 ? (
        <p className="dn-empty-text">Nobody named yet. {view.can.edit ? 'Edit to name who takes part, and in which role.' : ''}</p>
      ) : (
        <ul className="dn-people">
          {participants.map((p) => (
            <li key={p.accountId} className="dn-person" data-testid="discovery-participant">
              <span>{p.displayName}</span>
              <span className={`dn-role dn-role-${p.role}`}>{roleWords(p.role)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
