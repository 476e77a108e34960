// Through the vendored bridge entry (static/src/vendor/forge-bridge.ts), like every other bridge import, so the
// panel ships only the modal module of the bridge.
import { Modal } from '@forge/bridge';
import { closePayloadOf, type WalkthroughClosePayload, type WalkthroughStart } from '../../walkthrough/modal-context';

/**
 * Opens the walkthrough's full view as a Forge modal over the issue view (the same resource, routed in main.tsx
 * on `extension.modal`). Resolves once it is open; `onClose` hears whether anything was saved in it.
 */
export function openWalkthrough(issueKey: string, start: WalkthroughStart, onClose: (payload: WalkthroughClosePayload) => void): Promise<void> {
  const modal = new Modal({
    resource: 'main',
    size: 'max',
    title: 'Design walkthrough',
    context: { surface: 'walkthrough', issueKey, start },
    // An unsaved draft would be lost to a stray click; Escape and the Close button still close it.
    closeOnOverlayClick: false,
    onClose: (payload: unknown) => onClose(closePayloadOf(payload)),
  });
  return modal.open();
}
