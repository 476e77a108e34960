import { Text } from '@atlaskit/primitives';

/**
 * The one message under a field: its problem, or else its hint, in a slot that always keeps one line of
 * space, so a message appearing or going never moves the fields below. Polite live region: the problem is
 * read out when it appears, without moving focus. The field points at `id` with aria-describedby.
 */
export function FieldMessage({ id, error, hint }: { id: string; error?: string | undefined; hint?: string | undefined }) {
  return (
    <div id={id} aria-live="polite" data-testid={id}>
      {/* An empty slot holds a no-break space in the same type, so it is exactly one line tall either way. */}
      <Text size="small" color={error ? 'color.text.danger' : 'color.text.subtle'}>
        {error ?? hint ?? '\u00a0'}
      </Text>
    </div>
  );
}
