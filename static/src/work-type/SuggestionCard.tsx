import type { ReactNode } from 'react';
import { WorkTypeLozenge } from '../ui/WorkTypeLozenge';
import { confidenceInWords } from '../ui/format';
import type { Suggestion } from '../panel/types';

/** Upstream's suggestion with the reasons it came from and how sure it is, in words. */
export function SuggestionCard({ suggestion, title, children }: { suggestion: Suggestion; title: string; children?: ReactNode }) {
  const confidence = confidenceInWords(suggestion.confidence);
  return (
    <div className="up-suggestion" data-testid="panel-suggestion">
      <div className="up-row">
        <span>{title}</span>
        <WorkTypeLozenge value={suggestion.workType} />
      </div>
      <span className={`up-confidence ${confidence.level}`} data-testid="panel-suggestion-confidence">
        <span className="up-dot" aria-hidden="true" />
        {confidence.words}
      </span>
      <div>
        <span className="up-muted">Because of:</span>
        <ul aria-label="Reasons for the suggestion">
          {suggestion.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </div>
      {children}
    </div>
  );
}
