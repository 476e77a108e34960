/**
 * The Corrective issue's description, in Atlassian Document Format: the lead's rationale, then each customer's
 * words as a quote with who said it, their ARR and where it came from, so the engineer reads the evidence in
 * Jira itself.
 */
type AdfNode = Record<string, unknown>;

export interface QuotedSignal {
  id: string;
  customer: string;
  text: string;
  arr: number | null;
  source: string;
  raisedBy: string;
}

const text = (value: string, marks?: AdfNode[]): AdfNode => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const heading = (value: string): AdfNode => ({ type: 'heading', attrs: { level: 3 }, content: [text(value)] });

const money = (arr: number): string => `$${Math.round(arr).toLocaleString('en-US')}`;

/** ADF refuses empty text nodes, so every text is at least a character. */
const nonEmpty = (value: string): string => (value.trim() === '' ? '(no text)' : value);

export function routedIssueDescription(rationale: string, signals: readonly QuotedSignal[]): AdfNode {
  const quotes = signals.flatMap((signal) => [
    { type: 'blockquote', content: [paragraph(text(nonEmpty(signal.text)))] },
    paragraph(
      text(`— ${nonEmpty(signal.customer)}`, [{ type: 'strong' }]),
      text(`${signal.arr !== null ? `, ARR ${money(signal.arr)}` : ''}; raised by ${nonEmpty(signal.raisedBy)} via ${signal.source} (Upstream signal ${signal.id})`),
    ),
  ]);
  return {
    type: 'doc',
    version: 1,
    content: [heading('Why'), paragraph(text(nonEmpty(rationale))), heading(`What customers said (${signals.length})`), ...quotes],
  };
}
