/**
 * A deliberately small XML reader for Salesforce's SOAP messages: elements, attributes, text, CDATA, comments
 * and the predefined and numeric entities. Anything with a DOCTYPE is refused, so no entity expansion can be
 * smuggled in (no XML library is a dependency, and none is needed for one fixed message shape). Every failure is
 * an XmlError; the caller answers it as invalid SOAP.
 */
export class XmlError extends Error {}

export interface XmlElement {
  /** The local name, without its namespace prefix. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** Where the element starts and ends in the input, so a part of the message can be kept as it came. */
  start: number;
  end: number;
}

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 20_000;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&([^;&\s]{1,10});|&/g, (whole, entity: string | undefined) => {
    if (entity === undefined) throw new XmlError('a bare & in text');
    if (entity in PREDEFINED) return PREDEFINED[entity]!;
    const numeric = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(entity);
    if (numeric) {
      const code = numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : parseInt(numeric[1]!, 10);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    }
    throw new XmlError(`unknown entity ${whole.slice(0, 12)}`);
  });
}

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);
const NAME = /^[A-Za-z_][\w.:-]*$/;

export function parseXml(input: string): XmlElement {
  let i = 0;
  let count = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    const textEnd = lt === -1 ? input.length : lt;
    if (textEnd > i) {
      const text = input.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decode(text);
      else if (text.trim()) throw new XmlError('text outside the root element');
      i = textEnd;
      continue;
    }
    if (input.startsWith('<?', i)) {
      const end = input.indexOf('?>', i);
      if (end === -1) throw new XmlError('unterminated processing instruction');
      i = end + 2;
    } else if (input.startsWith('<!--', i)) {
      const end = input.indexOf('-->', i);
      if (end === -1) throw new XmlError('unterminated comment');
      i = end + 3;
    } else if (input.startsWith('<![CDATA[', i)) {
      const end = input.indexOf(']]>', i);
      const top = stack[stack.length - 1];
      if (end === -1 || !top) throw new XmlError('CDATA outside an element');
      top.text += input.slice(i + 9, end);
      i = end + 3;
    } else if (input.startsWith('<!', i)) {
      throw new XmlError('DOCTYPE and declarations are not accepted');
    } else if (input.startsWith('</', i)) {
      const end = input.indexOf('>', i);
      if (end === -1) throw new XmlError('unterminated end tag');
      const name = input.slice(i + 2, end).trim();
      const top = stack.pop();
      if (!top || localName(name) !== top.name) throw new XmlError(`end tag ${name.slice(0, 40)} does not match`);
      top.end = end + 1;
      i = end + 1;
    } else {
      const end = input.indexOf('>', i);
      if (end === -1) throw new XmlError('unterminated start tag');
      let inner = input.slice(i + 1, end);
      const selfClosing = inner.endsWith('/');
      if (selfClosing) inner = inner.slice(0, -1);
      const nameMatch = /^[^\s]+/.exec(inner);
      const qualified = nameMatch?.[0] ?? '';
      if (!NAME.test(qualified)) throw new XmlError('malformed element name');
      const attributes: Record<string, string> = {};
      const rest = inner.slice(qualified.length);
      const attr = /\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/gy;
      let consumed = 0;
      for (let m = attr.exec(rest); m; m = attr.exec(rest)) {
        attributes[m[1]!] = decode(m[3] ?? m[4] ?? '');
        consumed = attr.lastIndex;
      }
      if (rest.slice(consumed).trim()) throw new XmlError('malformed attributes');
      if (++count > MAX_ELEMENTS) throw new XmlError('too many elements');
      const element: XmlElement = { name: localName(qualified), attributes, children: [], text: '', start: i, end: end + 1 };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlError('more than one root element');
      else root = element;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) throw new XmlError('nested too deeply');
        stack.push(element);
      }
      i = end + 1;
    }
  }
  if (stack.length > 0 || !root) throw new XmlError('the document is incomplete');
  return root;
}

export const child = (element: XmlElement | undefined, name: string): XmlElement | undefined => element?.children.find((c) => c.name === name);
export const children = (element: XmlElement | undefined, name: string): XmlElement[] => element?.children.filter((c) => c.name === name) ?? [];
