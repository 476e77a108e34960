import { router } from '@forge/bridge';
import type { ResolverOutput } from '../../../src/contract';

type DesignLink = ResolverOutput<'walkthrough.view'>['versions'][number]['designLink'];

const KIND_MARK: Record<DesignLink['kind'], string> = {
  'figma-file': 'F',
  'figma-design': 'F',
  'figma-prototype': 'F',
  'figma-board': 'F',
  other: '↗',
};

/** The page the link names, for the card's second line: Figma's file name from the path, else the host. */
function pageOf(url: string): string {
  try {
    const parsed = new URL(url);
    const name = parsed.pathname.split('/').filter(Boolean)[2];
    return name ? decodeURIComponent(name).replace(/-/g, ' ') : parsed.hostname;
  } catch {
    return url;
  }
}

/**
 * The design link as a card: what it is (a Figma design, a prototype…), the file and the frame it opens at. A
 * Forge frame cannot follow an external link itself, so the click goes through router.open, which asks the
 * person first; the href stays, so it is still a link to keyboards, screen readers and "copy link".
 */
export function DesignLinkCard({ link, testId }: { link: DesignLink; testId?: string }) {
  const open = (event: React.MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void router.open(link.url).catch((error: unknown) => console.warn('Upstream: could not open the design link', error));
  };
  return (
    <a className="up-wt-linkcard" href={link.url} onClick={open} data-testid={testId ?? 'wt-design-link'} rel="noreferrer">
      <span className={`up-wt-linkcard-mark ${link.kind === 'other' ? 'other' : 'figma'}`} aria-hidden="true">
        {KIND_MARK[link.kind]}
      </span>
      <span className="up-wt-linkcard-text">
        <span className="up-wt-linkcard-title">{pageOf(link.url)}</span>
        <span className="up-wt-linkcard-meta">
          {link.label}
          {link.frame ? ` · frame ${link.frame}` : ''}
        </span>
      </span>
    </a>
  );
}
