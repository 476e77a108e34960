import { useEffect, useState } from 'react';
import { view } from '@forge/bridge';

/**
 * The parts of the context the gadget needs beyond what main.tsx narrows: its saved configuration in full,
 * and the site's URL (for links to Jira's issue search). Read once per frame.
 */
export interface GadgetContext {
  siteUrl: string;
  configuration: unknown;
}

export function useGadgetContext(): GadgetContext | null {
  const [context, setContext] = useState<GadgetContext | null>(null);
  useEffect(() => {
    let current = true;
    view.getContext().then(
      (full: unknown) => {
        const root = (typeof full === 'object' && full !== null ? full : {}) as { siteUrl?: unknown; extension?: { gadgetConfiguration?: unknown } };
        if (current) {
          setContext({ siteUrl: typeof root.siteUrl === 'string' ? root.siteUrl : '', configuration: root.extension?.gadgetConfiguration ?? null });
        }
      },
      (error: unknown) => {
        console.error('Upstream: reading the gadget context failed', error);
        if (current) setContext({ siteUrl: '', configuration: null });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return context;
}
