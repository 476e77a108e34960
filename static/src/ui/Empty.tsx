import type { ReactNode } from 'react';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import Heading from '@atlaskit/heading';

const emptyStyles = xcss({
  borderColor: 'color.border',
  borderStyle: 'dashed',
  borderWidth: 'border.width',
  borderRadius: 'radius.large',
  padding: 'space.300',
  textAlign: 'center',
});

/**
 * An empty state that says what to do. Lighter than @atlaskit/empty-state (no illustration), because surfaces
 * here are small iframes where a large picture would push the content out of view.
 */
export function Empty({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Box xcss={emptyStyles} testId="upstream-empty">
      <Stack space="space.100" alignInline="center">
        <Heading size="small" as="h2">
          {title}
        </Heading>
        <Text as="p" color="color.text.subtle">
          {children}
        </Text>
        {action}
      </Stack>
    </Box>
  );
}
