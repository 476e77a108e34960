/**
 * The sprint-shape gadget's view. Reads its saved configuration from the frame's context; a gadget saved
 * before targets existed (`{ boardId }` only) is completed with the site's default target mix.
 */
import type { SurfaceProps } from '../surface';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { Loading } from '../ui/Loading';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';
import type { GadgetConfig } from '../../../src/contract/sprint-shape';
import { completeConfig, readStoredConfig } from './gadget-config';
import { useGadgetContext } from './use-gadget-context';
import { SprintShapeGadget } from './SprintShapeGadget';

function WithSiteTarget({ boardId, partial, siteUrl }: { boardId: number; partial: Partial<GadgetConfig>; siteUrl: string }) {
  const siteTarget = useResolver('settings.targetMix.get', {});
  return (
    <Resolved result={siteTarget} what="the target mix">
      {(data) => <SprintShapeGadget config={completeConfig(boardId, partial, data.target)} siteUrl={siteUrl} />}
    </Resolved>
  );
}

export default function GadgetView(_props: SurfaceProps) {
  const gadget = useGadgetContext();
  const stored = gadget ? readStoredConfig(gadget.configuration) : null;
  return (
    <SurfaceLayout label="Sprint shape">
      {!gadget || !stored ? (
        <Loading what="the gadget" />
      ) : stored.kind === 'none' ? (
        <Empty title="Configure this gadget: choose a board">
          Choose Configure in the gadget's menu, pick the board, its sprint and the team's target mix of work.
        </Empty>
      ) : stored.kind === 'board-only' ? (
        <WithSiteTarget boardId={stored.boardId} partial={stored.partial} siteUrl={gadget.siteUrl} />
      ) : (
        <SprintShapeGadget config={stored.config} siteUrl={gadget.siteUrl} />
      )}
    </SurfaceLayout>
  );
}
