import type { ReactNode } from 'react';
import type { ResolverKey, ResolverOutput } from '../../../src/contract';
import type { ResolverState } from '../use-resolver';
import { Loading } from './Loading';
import { LazyErrorMessage } from './LazyErrorMessage';

/** Renders a resolver call's three states the same way on every surface. */
export function Resolved<K extends ResolverKey>({
  result,
  what,
  children,
}: {
  result: ResolverState<K>;
  /** Completes "Loading …", e.g. "work type". */
  what: string;
  children: (data: ResolverOutput<K>) => ReactNode;
}) {
  if (result.state === 'loading') return <Loading what={what} />;
  if (result.state === 'error') return <LazyErrorMessage error={result.error} onRetry={result.reload} />;
  return <>{children(result.data)}</>;
}
