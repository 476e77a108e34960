import type { ResolverOutput } from '../../../src/contract';

export type PanelContext = ResolverOutput<'panel.context'>;
export type Origin = PanelContext['origin'];
export type WorkTypeState = PanelContext['workType'];
export type Suggestion = NonNullable<WorkTypeState['suggestion']>;
