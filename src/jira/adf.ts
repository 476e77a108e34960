/** The plain text of an Atlassian Document Format value, for matching words; formatting is irrelevant there. */
export function plainTextOfAdf(adf: unknown, limit = 20_000): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (node: unknown, depth: number): void => {
    // Descriptions are user content: bound the walk so a pathological document cannot stall a resolver.
    if (length >= limit || depth > 50 || node === null || typeof node !== 'object') return;
    const { text, content } = node as { text?: unknown; content?: unknown };
    if (typeof text === 'string') {
      parts.push(text);
      length += text.length;
    }
    if (Array.isArray(content)) for (const child of content) walk(child, depth + 1);
  };
  if (typeof adf === 'string') return adf.slice(0, limit);
  walk(adf, 0);
  return parts.join(' ').slice(0, limit);
}
