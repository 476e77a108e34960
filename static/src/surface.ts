/**
 * What every surface component receives from the entry point (main.tsx). It lives in its own module so that a
 * surface imports a type, not the entry point that lazy-loads it: main.tsx imports every surface, and a
 * surface importing main.tsx back would tie each chunk to the entry point.
 */
import type { SurfaceContext } from './forge-context';

export interface SurfaceProps {
  context: SurfaceContext;
}
