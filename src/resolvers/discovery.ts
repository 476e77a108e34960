import type { PracticeResolvers } from './define';

export const discoveryResolvers: PracticeResolvers<'discovery'> = {};
