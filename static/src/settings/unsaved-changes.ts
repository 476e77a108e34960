import { useEffect } from 'react';

/**
 * Asks the browser to warn before the frame is unloaded (tab closed, page reloaded, the frame navigated) while
 * `dirty`. Browsers show their own wording and only after the person has interacted with the frame, which is
 * exactly when there can be edits to lose.
 *
 * What it cannot catch: Jira's own in-app navigation removes the frame without unloading the page, and an app
 * frame is told nothing first. Replacements inside the page (Reset to defaults over edits) ask before they act.
 */
export function useUnsavedChangesWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
      // Older Chromium needs returnValue set; its text is not shown.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
