import type { PracticeResolvers } from './define';

export const mySignalsResolvers: PracticeResolvers<'mySignals'> = {};
