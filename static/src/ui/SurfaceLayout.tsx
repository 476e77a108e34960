import type { ReactNode } from 'react';
import { Box, Stack, xcss } from '@atlaskit/primitives';

const layoutStyles = xcss({
  padding: 'space.100',
  backgroundColor: 'elevation.surface',
  color: 'color.text',
});

/** The padding and surface colour every Upstream frame shares, so light and dark themes both read well. */
export function SurfaceLayout({ children, label }: { children: ReactNode; label: string }) {
  return (
    <Box as="main" xcss={layoutStyles} aria-label={label}>
      <Stack space="space.150">{children}</Stack>
    </Box>
  );
}
