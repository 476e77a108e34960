import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Text } from '@atlaskit/primitives';
import type { SurfaceProps } from '../main';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';

function ConfiguredBoard({ boardId }: { boardId: number }) {
  const boards = useResolver('gadget.boards', {});
  return (
    <Resolved result={boards} what="the board">
      {(data) => {
        const board = data.boards.find((candidate) => candidate.id === boardId);
        if (!board) {
          return (
            <Empty title="This board is not available">
              The board this gadget was set up with no longer exists, or you cannot see it. Choose Configure in the
              gadget's menu to pick another board.
            </Empty>
          );
        }
        return (
          <>
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <Heading size="small" as="h2">
                {board.name}
              </Heading>
              <Lozenge>{board.type}</Lozenge>
              {board.projectKey && <Text color="color.text.subtle">Project {board.projectKey}</Text>}
            </Inline>
            <Text as="p">
              The mix of innovative, corrective and enabling work in this board's sprint, against the team's target,
              lands here next.
            </Text>
          </>
        );
      }}
    </Resolved>
  );
}

/** The sprint-shape gadget's view: which board it follows, or how to choose one. */
export default function GadgetView({ context }: SurfaceProps) {
  return (
    <SurfaceLayout label="Sprint shape">
      {context.gadgetBoardId ? (
        <ConfiguredBoard boardId={context.gadgetBoardId} />
      ) : (
        <Empty title="Configure this gadget: choose a board">
          Choose Configure in the gadget's menu and pick the board whose sprints this gadget should show.
        </Empty>
      )}
    </SurfaceLayout>
  );
}
