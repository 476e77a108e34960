import { useState } from 'react';
import { view } from '@forge/bridge';
import Select from '@atlaskit/select';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { BoardSummary } from '../../../src/contract';
import type { SurfaceProps } from '../main';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';

interface BoardOption {
  label: string;
  value: number;
}

const optionFor = (board: BoardSummary): BoardOption => ({
  label: `${board.name} (${board.type}${board.projectKey ? `, ${board.projectKey}` : ''})`,
  value: board.id,
});

function BoardPicker({ boards, initialBoardId }: { boards: BoardSummary[]; initialBoardId: number | null }) {
  const options = boards.map(optionFor);
  const [selected, setSelected] = useState<BoardOption | null>(
    options.find((option) => option.value === initialBoardId) ?? null,
  );
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async () => {
    if (!selected) return;
    setSaving(true);
    setFailure(null);
    try {
      await view.submit({ boardId: selected.value });
    } catch (error: unknown) {
      console.error('Upstream: saving the gadget configuration failed', error);
      setFailure('Jira did not save this configuration. Try again.');
      setSaving(false);
    }
  };

  return (
    <Stack space="space.150">
      <Stack space="space.050">
        <label htmlFor="board-select">
          <Text weight="medium">Board</Text>
        </label>
        <Select<BoardOption>
          inputId="board-select"
          options={options}
          value={selected}
          onChange={(option) => setSelected(option)}
          placeholder="Type to search boards"
          isSearchable
          autoFocus
        />
        <Text size="small" color="color.text.subtle">
          The gadget shows the shape of this board's sprints.
        </Text>
      </Stack>
      {failure && <Text color="color.text.danger">{failure}</Text>}
      <Inline space="space.100">
        <Button appearance="primary" onClick={save} isDisabled={!selected} isLoading={saving}>
          Save
        </Button>
        <Button onClick={() => void view.close().catch(() => undefined)} isDisabled={saving}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}

/** The gadget's edit view: pick the board; Jira stores `{ boardId }` as the gadget's configuration. */
export default function GadgetEdit({ context }: SurfaceProps) {
  const boards = useResolver('gadget.boards', {});
  return (
    <SurfaceLayout label="Configure sprint shape">
      <Resolved result={boards} what="boards">
        {(data) =>
          data.boards.length === 0 ? (
            <Empty title="No boards you can see">
              Sprint shape follows a Jira board. Create a board, or ask a Jira admin for access to a project that has
              one.
            </Empty>
          ) : (
            <BoardPicker boards={data.boards} initialBoardId={context.gadgetBoardId} />
          )
        }
      </Resolved>
    </SurfaceLayout>
  );
}
