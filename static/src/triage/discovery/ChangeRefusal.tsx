import type { ResolverCallError } from '../../api';
import { LazyErrorMessage } from '../../ui/LazyErrorMessage';

/**
 * Why a change was not made, where the person made it. A refusal of what they typed (`invalid-input`) is the
 * resolver's own sentence about that field; `conflict` says the note was reloaded and their text kept; anything
 * else (access, storage, Jira) is the shared error view with its next step.
 */
export function ChangeRefusal({ error, field, testId }: { error: ResolverCallError | null; field?: string; testId?: string }) {
  if (!error) return null;
  if (error.code === 'invalid-input') {
    const own = field ? error.fields?.[field] : undefined;
    return (
      <p className="dn-refusal" role="alert" data-testid={testId}>
        {own && own !== error.message ? `${own}. ` : ''}
        {error.message}
      </p>
    );
  }
  if (error.code === 'conflict') {
    return (
      <p className="dn-conflict" role="alert" data-testid={testId}>
        {error.message} The note now shows their change; what you typed is kept here: review it and save again.
      </p>
    );
  }
  return (
    <div data-testid={testId}>
      <LazyErrorMessage error={error} />
    </div>
  );
}
