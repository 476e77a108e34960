import { listMySignals } from '../services/signals/status';
import type { PracticeResolvers } from './define';

export const mySignalsResolvers: PracticeResolvers<'mySignals'> = {
  // Whose signals is Forge's word for who is calling, never the page's.
  'mySignals.list': (input, caller) => listMySignals(input, caller.accountId),
};
