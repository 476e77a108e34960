/**
 * Asks before rotating the intake secret, and says what breaks. Loaded only when asked for (SettingsPage lazy-
 * loads it), so the modal's weight is not on the page until someone rotates. It opens near the top of the
 * frame, where the intake-secret section is: Jira sizes the frame to its content, so "fixed" means the frame.
 */
import { useRef } from 'react';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import Button from '@atlaskit/button/new';
import { Stack, Text } from '@atlaskit/primitives';

interface Props {
  isOpen: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Which secret: the intake secret by default, Salesforce's path secret from the channels section. */
  title?: string;
  consequence?: string;
  detail?: string;
}

export default function RotateSecretDialog({
  isOpen,
  onConfirm,
  onCancel,
  title = 'Rotate the intake secret?',
  consequence = 'Every sender using the current secret will be refused until you give them the new one.',
  detail = 'The current secret stops working at once, for your CRM, the Slack bridge and any form that posts signals. Upstream shows the new secret only once: have their settings open to paste it.',
}: Props) {
  // Focus starts on Cancel: pressing Enter by habit must not break every sender.
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalTransition>
      {isOpen && (
        <Modal onClose={onCancel} autoFocus={cancelRef} width="small" testId="rotate-secret-dialog" label={title}>
          <ModalHeader>
            <ModalTitle appearance="warning">{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Stack space="space.100">
              <Text as="p">{consequence}</Text>
              <Text as="p" color="color.text.subtle">
                {detail}
              </Text>
            </Stack>
          </ModalBody>
          <ModalFooter>
            <Button ref={cancelRef} appearance="subtle" onClick={onCancel}>
              Cancel
            </Button>
            <Button appearance="warning" onClick={onConfirm} testId="rotate-secret-confirm">
              Rotate secret
            </Button>
          </ModalFooter>
        </Modal>
      )}
    </ModalTransition>
  );
}
