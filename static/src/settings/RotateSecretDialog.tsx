/**
 * Asks before rotating the intake secret, and says what breaks. Loaded only when asked for (SettingsPage lazy-
 * loads it), so the modal's weight is not on the page until someone rotates. It opens near the top of the
 * frame, where the intake-secret section is: Jira sizes the frame to its content, so "fixed" means the frame.
 */
import { useRef } from 'react';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import Button from '@atlaskit/button/new';
import { Stack, Text } from '@atlaskit/primitives';

export default function RotateSecretDialog({ isOpen, onConfirm, onCancel }: { isOpen: boolean; onConfirm: () => void; onCancel: () => void }) {
  // Focus starts on Cancel: pressing Enter by habit must not break every sender.
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalTransition>
      {isOpen && (
        <Modal onClose={onCancel} autoFocus={cancelRef} width="small" testId="rotate-secret-dialog" label="Rotate the intake secret?">
          <ModalHeader>
            <ModalTitle appearance="warning">Rotate the intake secret?</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Stack space="space.100">
              <Text as="p">Every sender using the current secret will be refused until you give them the new one.</Text>
              <Text as="p" color="color.text.subtle">
                The current secret stops working at once, for your CRM, the Slack bridge and any form that posts signals. Upstream shows the new
                secret only once: have their settings open to paste it.
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
