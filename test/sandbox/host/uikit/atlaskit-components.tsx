/**
 * The UI Kit components the sandbox draws, each with the Atlaskit component Jira uses for it: the ones Upstream's
 * UI Kit resources use (Lozenge, Text, Inline, Stack, Box) and Button, so that a function prop (an event) can be
 * driven back through the bridge. Each adapter takes the UI Kit prop names and checks the values Atlaskit would
 * otherwise ignore quietly (an appearance it lacks, a design token that does not exist): a wrong value is an
 * error in the frame, like an unknown component.
 */
import type { ComponentProps, ReactNode } from 'react';
import Lozenge from '@atlaskit/lozenge';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import tokenNames from '@atlaskit/tokens/token-names';
import { InvalidPropError, type AdapterProps, type ComponentAdapter, type ComponentRegistry } from './render-forge-doc';

function oneOf<T extends string>(component: string, prop: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidPropError(component, prop, value, `one of ${allowed.join(', ')}`);
}

function bool(component: string, prop: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new InvalidPropError(component, prop, value, 'a boolean');
}

function text(component: string, prop: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new InvalidPropError(component, prop, value, 'a string');
}

function positiveInteger(component: string, prop: string, value: unknown): number | undefined {
  if (value === undefined || (typeof value === 'number' && Number.isInteger(value) && value > 0)) return value;
  throw new InvalidPropError(component, prop, value, 'a positive integer');
}

/** A design token of a family (`space.`, `color.text` …) that @atlaskit/tokens actually has. */
function token<T>(component: string, prop: string, value: unknown, prefixes: readonly string[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && prefixes.some((prefix) => value.startsWith(prefix)) && Object.hasOwn(tokenNames, value)) {
    // Checked against the token list: the value is one of the names the Atlaskit prop's union is made of.
    return value as T;
  }
  throw new InvalidPropError(component, prop, value, `a design token starting with ${prefixes.join(' or ')}`);
}

/** A function prop: the renderer has already made it a call back through the bridge. */
const handler = (component: string, prop: string, value: unknown): ((...args: unknown[]) => void) | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return (...args: unknown[]) => (value as (...args: unknown[]) => void)(...args);
  throw new InvalidPropError(component, prop, value, 'a function');
};

type LozengeAppearance = NonNullable<ComponentProps<typeof Lozenge>['appearance']>;
// Atlaskit's Lozenge 17 has these; UI Kit's newer names (warning, accent-*) are not drawn by it, so they fail.
const LOZENGE_APPEARANCES: readonly LozengeAppearance[] = ['default', 'inprogress', 'moved', 'new', 'removed', 'success'];
const TEXT_SIZES = ['small', 'medium', 'large'] as const;
const TEXT_WEIGHTS = ['regular', 'medium', 'semibold', 'bold'] as const;
const TEXT_ALIGNS = ['start', 'center', 'end'] as const;
const TEXT_ELEMENTS = ['span', 'p', 'strong', 'em'] as const;
const ALIGN_BLOCK = ['start', 'center', 'end', 'baseline', 'stretch'] as const;
const STACK_ALIGN_BLOCK = ['start', 'center', 'end', 'stretch'] as const;
const ALIGN_INLINE = ['start', 'center', 'end', 'stretch'] as const;
const SPREAD = ['space-between'] as const;
const GROW = ['hug', 'fill'] as const;
const BUTTON_APPEARANCES = ['default', 'danger', 'primary', 'subtle', 'warning', 'discovery'] as const;

type Space = NonNullable<ComponentProps<typeof Box>['padding']>;
type GapSpace = NonNullable<ComponentProps<typeof Inline>['space']>;
type BackgroundColor = NonNullable<ComponentProps<typeof Box>['backgroundColor']>;
type TextColor = NonNullable<ComponentProps<typeof Text>['color']>;

const PADDING_PROPS = [
  'padding',
  'paddingBlock',
  'paddingBlockStart',
  'paddingBlockEnd',
  'paddingInline',
  'paddingInlineStart',
  'paddingInlineEnd',
] as const;

const adapter = (props: readonly string[], render: ComponentAdapter['render']): ComponentAdapter => ({ props, render });

const lozenge = adapter(['appearance', 'isBold', 'maxWidth', 'testId'], (p: AdapterProps, children: ReactNode[], key) => {
  const maxWidth = p.maxWidth;
  if (maxWidth !== undefined && typeof maxWidth !== 'string' && typeof maxWidth !== 'number') {
    throw new InvalidPropError('Lozenge', 'maxWidth', maxWidth, 'a string or a number');
  }
  return (
    <Lozenge
      key={key}
      appearance={oneOf('Lozenge', 'appearance', p.appearance, LOZENGE_APPEARANCES)}
      isBold={bool('Lozenge', 'isBold', p.isBold)}
      maxWidth={maxWidth}
      testId={text('Lozenge', 'testId', p.testId)}
    >
      {children}
    </Lozenge>
  );
});

const textAdapter = adapter(['align', 'as', 'color', 'maxLines', 'size', 'weight', 'testId'], (p, children, key) => (
  <Text
    key={key}
    as={oneOf('Text', 'as', p.as, TEXT_ELEMENTS)}
    align={oneOf('Text', 'align', p.align, TEXT_ALIGNS)}
    color={p.color === 'inherit' ? 'inherit' : token<TextColor>('Text', 'color', p.color, ['color.text', 'color.link'])}
    maxLines={positiveInteger('Text', 'maxLines', p.maxLines)}
    size={oneOf('Text', 'size', p.size, TEXT_SIZES)}
    weight={oneOf('Text', 'weight', p.weight, TEXT_WEIGHTS)}
    testId={text('Text', 'testId', p.testId)}
  >
    {children}
  </Text>
));

const inline = adapter(
  ['alignBlock', 'alignInline', 'grow', 'rowSpace', 'separator', 'shouldWrap', 'space', 'spread', 'testId'],
  (p, children, key) => (
    <Inline
      key={key}
      alignBlock={oneOf('Inline', 'alignBlock', p.alignBlock, ALIGN_BLOCK)}
      alignInline={oneOf('Inline', 'alignInline', p.alignInline, ALIGN_INLINE)}
      grow={oneOf('Inline', 'grow', p.grow, GROW)}
      rowSpace={token<GapSpace>('Inline', 'rowSpace', p.rowSpace, ['space.'])}
      separator={text('Inline', 'separator', p.separator)}
      shouldWrap={bool('Inline', 'shouldWrap', p.shouldWrap)}
      space={token<GapSpace>('Inline', 'space', p.space, ['space.'])}
      spread={oneOf('Inline', 'spread', p.spread, SPREAD)}
      testId={text('Inline', 'testId', p.testId)}
    >
      {children}
    </Inline>
  ),
);

const stack = adapter(['alignBlock', 'alignInline', 'grow', 'space', 'spread', 'testId'], (p, children, key) => (
  <Stack
    key={key}
    alignBlock={oneOf('Stack', 'alignBlock', p.alignBlock, STACK_ALIGN_BLOCK)}
    alignInline={oneOf('Stack', 'alignInline', p.alignInline, ALIGN_INLINE)}
    grow={oneOf('Stack', 'grow', p.grow, GROW)}
    space={token<GapSpace>('Stack', 'space', p.space, ['space.'])}
    spread={oneOf('Stack', 'spread', p.spread, SPREAD)}
    testId={text('Stack', 'testId', p.testId)}
  >
    {children}
  </Stack>
));

const box = adapter([...PADDING_PROPS, 'backgroundColor', 'testId'], (p, children, key) => {
  const padding = Object.fromEntries(PADDING_PROPS.map((name) => [name, token<Space>('Box', name, p[name], ['space.'])]));
  return (
    <Box
      key={key}
      {...padding}
      backgroundColor={token<BackgroundColor>('Box', 'backgroundColor', p.backgroundColor, ['color.background.', 'elevation.surface'])}
      testId={text('Box', 'testId', p.testId)}
    >
      {children}
    </Box>
  );
});

const button = adapter(['appearance', 'isDisabled', 'onClick', 'testId', 'type'], (p, children, key) => (
  <Button
    key={key}
    appearance={oneOf('Button', 'appearance', p.appearance, BUTTON_APPEARANCES)}
    isDisabled={bool('Button', 'isDisabled', p.isDisabled)}
    // Atlaskit passes its event and an analytics event; neither can cross the bridge (they arrive as null).
    onClick={handler('Button', 'onClick', p.onClick)}
    testId={text('Button', 'testId', p.testId)}
    type={oneOf('Button', 'type', p.type, ['button', 'submit', 'reset'] as const)}
  >
    {children}
  </Button>
));

export const ATLASKIT_COMPONENTS: ComponentRegistry = {
  Box: box,
  Button: button,
  Inline: inline,
  Lozenge: lozenge,
  Stack: stack,
  Text: textAdapter,
};
