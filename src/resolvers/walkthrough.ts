import type { PracticeResolvers } from './define';

export const walkthroughResolvers: PracticeResolvers<'walkthrough'> = {};
