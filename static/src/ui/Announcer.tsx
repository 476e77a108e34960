import { useCallback, useRef, useState } from 'react';
import { VISUALLY_HIDDEN } from './visually-hidden';

/**
 * A polite live region: what changed ("PAY-12 set to Corrective") is read out without moving focus. The same
 * text twice in a row is re-announced by clearing the region first.
 */
export function useAnnouncer(): { region: JSX.Element; announce: (message: string) => void } {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback((next: string) => {
    clearTimeout(timer.current);
    setMessage('');
    timer.current = setTimeout(() => setMessage(next), 50);
  }, []);
  const region = (
    <div role="status" aria-live="polite" aria-atomic="true" style={VISUALLY_HIDDEN} data-testid="upstream-announcer">
      {message}
    </div>
  );
  return { region, announce };
}
