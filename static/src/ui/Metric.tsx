import { Box, MetricText, Stack, Text, xcss } from '@atlaskit/primitives';

const metricStyles = xcss({
  backgroundColor: 'elevation.surface.sunken',
  borderRadius: 'radius.large',
  padding: 'space.150',
  minWidth: '9rem',
});

/** One number with what it counts, large enough to read at a glance. */
export function Metric({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <Box xcss={metricStyles} testId={testId}>
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          {label}
        </Text>
        <MetricText size="large">{value}</MetricText>
      </Stack>
    </Box>
  );
}
