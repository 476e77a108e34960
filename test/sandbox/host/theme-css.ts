/**
 * The design-token CSS a themed Custom UI frame gets. In Jira the product applies the theme inside the frame
 * once the app calls `view.theme.enable()`; here the bridge script does it with the same CSS that
 * `@atlaskit/tokens` ships for `setGlobalTheme`, for light and dark, plus spacing, typography, shape and motion.
 */
import path from 'node:path';

const THEME_FILES = ['light', 'dark', 'spacing', 'typography', 'shape', 'motion'] as const;

/** The `html` attributes `getThemeHtmlAttrs` produces for these themes; bridge.js and the host page set them. */
export const THEME_ATTRIBUTE = 'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography';

let cached: string | null = null;

function themeCss(themeName: string): string {
  const tokensRoot = path.dirname(require.resolve('@atlaskit/tokens/package.json'));
  // The theme artifacts are CommonJS modules whose default export is the CSS text.
  const loaded: unknown = require(path.join(tokensRoot, 'dist/cjs/artifacts/themes', `atlassian-${themeName}.js`));
  const css = typeof loaded === 'object' && loaded !== null ? (loaded as { default?: unknown }).default : undefined;
  if (typeof css !== 'string') throw new Error(`@atlaskit/tokens has no CSS for the ${themeName} theme`);
  return css;
}

export function designTokenCss(): string {
  cached ??= THEME_FILES.map(themeCss).join('\n');
  return cached;
}
