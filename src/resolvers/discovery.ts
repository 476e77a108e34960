import { addInput, createNote, reopenQuestion, resolveQuestion, setNoteStatus, updateNote } from '../services/discovery/changes';
import { linkEvidence, unlinkEvidence } from '../services/discovery/evidence-links';
import { discoveryNote, listDiscoveryNotes } from '../services/discovery/notes';
import type { PracticeResolvers } from './define';

/** Discovery notes; who may read and who may change is decided in services/discovery/access.ts. */
export const discoveryResolvers: PracticeResolvers<'discovery'> = {
  'discovery.list': (input) => listDiscoveryNotes(input),
  'discovery.get': (input, { accountId }) => discoveryNote(input, accountId),
  'discovery.create': (input, { accountId }) => createNote(input, accountId),
  'discovery.update': (input, { accountId }) => updateNote(input, accountId),
  'discovery.addInput': (input, { accountId }) => addInput(input, accountId),
  'discovery.resolveQuestion': (input, { accountId }) => resolveQuestion(input, accountId),
  'discovery.reopenQuestion': (input, { accountId }) => reopenQuestion(input, accountId),
  'discovery.linkEvidence': (input, { accountId }) => linkEvidence(input, accountId),
  'discovery.unlinkEvidence': (input, { accountId }) => unlinkEvidence(input, accountId),
  'discovery.setStatus': (input, { accountId }) => setNoteStatus(input, accountId),
};
