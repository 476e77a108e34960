/** The queue's keys, always visible: nobody should have to guess that j/k or 1/2/3 work. */
export function KeyboardHelp({ id }: { id: string }) {
  return (
    <p className="tr-keys" id={id} data-testid="unclassified-keyboard-help">
      Keys: <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> move · <kbd>x</kbd> or <kbd>Space</kbd> select ·{' '}
      <kbd>Shift</kbd>+<kbd>j</kbd>/<kbd>k</kbd> extend · <kbd>1</kbd> Innovative · <kbd>2</kbd> Corrective · <kbd>3</kbd>{' '}
      Enabling · <kbd>Enter</kbd> accept the suggestion — each on the selection, or the focused row when nothing is
      selected · <kbd>Esc</kbd> clear the selection
    </p>
  );
}
