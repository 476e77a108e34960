/** A small two-or-three-way switch (plain buttons with aria-pressed): lighter than a select in the view chunk. */
interface SegmentedProps<T extends string> {
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
}

const groupStyle = {
  display: 'inline-flex',
  border: '1px solid var(--ds-border, #091E4224)',
  borderRadius: '4px',
  overflow: 'hidden',
} as const;

export function Segmented<T extends string>({ label, options, value, onChange }: SegmentedProps<T>) {
  return (
    <div role="group" aria-label={label} style={groupStyle}>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            aria-pressed={selected}
            onClick={() => onChange(option.value)}
            style={{
              border: 'none',
              padding: '2px 8px',
              cursor: 'pointer',
              font: 'var(--ds-font-body-small, 400 12px/16px sans-serif)',
              background: selected ? 'var(--ds-background-selected, #E9F2FF)' : 'var(--ds-background-neutral-subtle, transparent)',
              color: selected ? 'var(--ds-text-selected, #0C66E4)' : 'var(--ds-text-subtle, #44546F)',
              fontWeight: selected ? 600 : 400,
            }}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
