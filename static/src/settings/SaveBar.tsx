/**
 * The bar under each settings editor: Save, Discard, and (where the editor has defaults) Reset — which asks first
 * in place, so a person cannot lose edits by one click — then either "unsaved changes" or when it was last saved.
 * Test ids are `<name>-save`, `<name>-discard`, `<name>-reset`, `<name>-reset-confirm`, `<name>-dirty` …
 */
import type { ReactNode, Ref } from 'react';
import Button from '@atlaskit/button/new';

export interface ResetChoice {
  /** The reset button's label and state. */
  onAsk: () => void;
  canAsk: boolean;
  asking: boolean;
  buttonRef: Ref<HTMLButtonElement>;
  /** The question shown while confirming, and its two answers. */
  confirming: boolean;
  question: ReactNode;
  replaceLabel: string;
  onReplace: () => void;
  keepLabel: string;
  onKeep: () => void;
  keepRef: Ref<HTMLButtonElement>;
}

export function SaveBar(props: {
  name: string;
  label: string;
  saveLabel: string;
  onSave: () => void;
  saving: boolean;
  canSave: boolean;
  onDiscard: () => void;
  canDiscard: boolean;
  dirty: boolean;
  dirtyText: ReactNode;
  statusText: ReactNode;
  reset?: ResetChoice;
}) {
  const { name, reset } = props;
  return (
    <div className="rl-bar" role="group" aria-label={props.label} data-testid={`${name}-bar`}>
      {reset?.confirming ? (
        <div
          className="rl-confirm"
          role="alertdialog"
          aria-labelledby={`${name}-reset-question`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') reset.onKeep();
          }}
          data-testid={`${name}-reset-confirm`}
        >
          <span id={`${name}-reset-question`} className="rl-confirm-text">
            {reset.question}
          </span>
          <Button appearance="warning" onClick={reset.onReplace} testId={`${name}-reset-replace`}>
            {reset.replaceLabel}
          </Button>
          <Button ref={reset.keepRef} onClick={reset.onKeep} testId={`${name}-reset-keep`}>
            {reset.keepLabel}
          </Button>
        </div>
      ) : (
        <>
          <Button appearance="primary" onClick={props.onSave} isLoading={props.saving} isDisabled={!props.canSave} testId={`${name}-save`}>
            {props.saveLabel}
          </Button>
          <Button onClick={props.onDiscard} isDisabled={!props.canDiscard} testId={`${name}-discard`}>
            Discard changes
          </Button>
          {reset && (
            <Button ref={reset.buttonRef} appearance="subtle" onClick={reset.onAsk} isLoading={reset.asking} isDisabled={!reset.canAsk} testId={`${name}-reset`}>
              Reset to defaults
            </Button>
          )}
          {props.dirty ? (
            <span className="rl-dirty" data-testid={`${name}-dirty`}>
              {props.dirtyText}
            </span>
          ) : (
            <span className="rl-status" data-testid={`${name}-status`}>
              {props.statusText}
            </span>
          )}
        </>
      )}
    </div>
  );
}
