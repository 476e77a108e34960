/**
 * A CSV file of signals, read in the browser before anything is sent: bytes → UTF-8 text → rows (papaparse) →
 * a guessed column mapping → rows the `signals.importCsv` contract accepts, or refused rows with the reason.
 * Pure apart from reading the File, so every rule here is unit-tested (test/unit/csv-file.test.ts).
 *
 * Row numbers are the spreadsheet's: the header is row 1, the first record row 2, a blank line still counts,
 * and a cell spread over several lines (quoted) is still one row — the number a person finds in Excel.
 */
import Papa from 'papaparse';
import { CSV_IMPORT_MAX_ROWS, csvSignalRowSchema, type CsvSignalRow } from '../../../../src/contract/signals';
import { parseArr, parseDate, type DateOrder } from './csv-values';

export { guessDateOrder, parseArr, parseDate, type DateOrder } from './csv-values';

/** The fields a column can fill, in the order the mapping shows them. */
export const CSV_FIELDS = [
  { field: 'customer', label: 'Customer', required: true },
  { field: 'text', label: 'Their words', required: true },
  { field: 'arr', label: 'ARR', required: false },
  { field: 'raisedBy', label: 'Raised by', required: false },
  { field: 'receivedAt', label: 'Date', required: false },
  { field: 'externalId', label: 'Id', required: false },
] as const;
export type CsvField = (typeof CSV_FIELDS)[number]['field'];

/** Which column (by index in the header) fills each field; null: none. */
export type ColumnMapping = Record<CsvField, number | null>;


export interface CsvRecord {
  rowNumber: number;
  cells: string[];
}

export interface RefusedRow {
  /** Null when the row cannot be placed (the server refused something that had no row number). */
  rowNumber: number | null;
  reason: string;
  /** The row's cells as the file had them, for the download of refused rows. */
  cells: readonly string[] | null;
}

export interface CsvFile {
  headers: string[];
  /** Rows with as many cells as the header (blank rows left out). */
  records: CsvRecord[];
  /** Rows that cannot be read as the header's columns: too few or too many fields, an unclosed quote. */
  unreadable: RefusedRow[];
}

export type CsvReadResult = { ok: true; file: CsvFile } | { ok: false; error: string };

const SAVE_AS_UTF8 = 'In Excel choose File → Save As → "CSV UTF-8 (Comma delimited)"; in Google Sheets, File → Download → CSV.';

/**
 * The bytes as UTF-8 text (a BOM removed), or a sentence saying what the file is and how to save it as CSV
 * UTF-8. Decoding is strict: a file in Windows-1252 or UTF-16 would otherwise import with garbled names.
 */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { ok: false, error: `This is a workbook (.xlsx), not a CSV file. ${SAVE_AS_UTF8}` };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, error: `This file is saved as UTF-16 (Excel's "Unicode Text"), which Upstream does not read. ${SAVE_AS_UTF8}` };
  }
  try {
    // ignoreBOM false (the default) drops a UTF-8 BOM, which Excel writes at the start of "CSV UTF-8".
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: `This file is not saved as UTF-8, so names with accents would come out wrong. ${SAVE_AS_UTF8}` };
  }
}

const isBlank = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === '');

/** Cells past the header's width that are empty (a trailing comma Excel wrote) are not extra fields. */
function withoutEmptyTail(cells: string[], width: number): string[] {
  let end = cells.length;
  while (end > width && cells[end - 1]!.trim() === '') end -= 1;
  return cells.slice(0, end);
}

const fieldCountSentence = (count: number, width: number): string =>
  `This row has ${count} ${count === 1 ? 'field' : 'fields'} where the header has ${width}: look for a missing or extra separator, or a quote that is not closed.`;

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The separator, guessed by papaparse from the first rows with blank lines left out: its guess counts a blank
 * line as a row of one field, which makes a two-column tab-separated file look like no separator at all.
 */
function guessDelimiter(text: string): string {
  const sample = Papa.parse<string[]>(text, { preview: 20, skipEmptyLines: 'greedy', delimitersToGuess: DELIMITERS });
  return DELIMITERS.includes(sample.meta.delimiter) ? sample.meta.delimiter : ',';
}

/** Text as rows: the first non-blank row is the header; papaparse guesses the separator (comma, semicolon, tab). */
export function parseCsvText(text: string): CsvReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: guessDelimiter(body) });
  const rows = parsed.data;
  const headerIndex = rows.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return { ok: false, error: 'The file is empty. Choose a CSV file with a header row and a row per signal.' };
  const headers = rows[headerIndex]!.map((name, i) => name.trim() || `Column ${i + 1}`);
  const width = withoutEmptyTail(rows[headerIndex]!, 1).length;
  const headerNames = headers.slice(0, width);

  // papaparse reports an unclosed quote on the row where it starts: that row is refused, not the file.
  const quoteErrors = new Map<number, string>();
  for (const error of parsed.errors) {
    if (typeof error.row === 'number' && (error.code === 'MissingQuotes' || error.code === 'InvalidQuotes')) {
      quoteErrors.set(error.row, 'A quote in this row is not closed, so everything after it was read as one cell: close the quote or remove it.');
    }
  }
  const records: CsvRecord[] = [];
  const unreadable: RefusedRow[] = [];
  for (let index = headerIndex + 1; index < rows.length; index += 1) {
    const raw = rows[index]!;
    if (isBlank(raw)) continue;
    // Rows before the header (blank ones) still count: row numbers are the spreadsheet's.
    const rowNumber = index + 1;
    const cells = withoutEmptyTail(raw, width);
    const quoteError = quoteErrors.get(index);
    if (quoteError) unreadable.push({ rowNumber, reason: quoteError, cells: raw });
    else if (cells.length !== width) unreadable.push({ rowNumber, reason: fieldCountSentence(cells.length, width), cells: raw });
    else records.push({ rowNumber, cells });
  }
  const total = records.length + unreadable.length;
  if (total === 0) return { ok: false, error: 'The file has a header row but no signals under it. Add a row per signal and choose it again.' };
  if (total > CSV_IMPORT_MAX_ROWS) {
    return {
      ok: false,
      error: `The file has ${total.toLocaleString('en')} rows; Upstream imports at most ${CSV_IMPORT_MAX_ROWS.toLocaleString('en')} at a time. Split it into smaller files.`,
    };
  }
  return { ok: true, file: { headers: headerNames, records, unreadable } };
}

/** Reads a chosen or dropped file: its bytes, decoded strictly, then parsed. */
export async function readCsvFile(file: Blob): Promise<CsvReadResult> {
  const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  return decoded.ok ? parseCsvText(decoded.text) : decoded;
}

// ——— Guessing the mapping from header names ———

/** Words a header may use for each field; an exact header name counts most, its last word next, any word least. */
const HEADER_WORDS: Record<CsvField, readonly string[]> = {
  customer: ['customer', 'company', 'account', 'client', 'organisation', 'organization', 'org', 'customer name', 'company name', 'account name'],
  text: ['text', 'feedback', 'note', 'notes', 'quote', 'comment', 'comments', 'signal', 'message', 'description', 'body', 'request', 'what they said'],
  arr: ['arr', 'revenue', 'annual recurring revenue', 'acv', 'contract value', 'arr usd'],
  raisedBy: ['raised by', 'rep', 'sales rep', 'owner', 'author', 'submitted by', 'reporter', 'created by', 'from', 'who'],
  receivedAt: ['date', 'received', 'received at', 'received on', 'created', 'created at', 'submitted', 'submitted at', 'timestamp', 'when', 'time'],
  // Only names that mean the row's own id: a "customer id" repeats across a customer's signals and would store one.
  externalId: ['id', 'external id', 'signal id', 'feedback id', 'note id', 'ticket id', 'record id', 'row id', 'reference'],
};

const normaliseHeader = (header: string): string =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function headerScore(field: CsvField, header: string): number {
  const name = normaliseHeader(header);
  const words = name.split(' ');
  const phrases = HEADER_WORDS[field];
  if (phrases.includes(name)) return 3;
  if (field === 'externalId') return 0;
  if (phrases.some((p) => name.endsWith(` ${p}`))) return 2;
  if (phrases.some((p) => (p.includes(' ') ? name.includes(p) : words.includes(p)))) return 1;
  return 0;
}

/** The best column for each field from the header names; a column fills at most one field. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = { customer: null, text: null, arr: null, raisedBy: null, receivedAt: null, externalId: null };
  const candidates = CSV_FIELDS.flatMap(({ field }, fieldOrder) =>
    headers.map((header, column) => ({ field, column, fieldOrder, score: headerScore(field, header) })),
  ).filter((c) => c.score > 0);
  candidates.sort((a, b) => b.score - a.score || a.fieldOrder - b.fieldOrder || a.column - b.column);
  const taken = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || taken.has(c.column)) continue;
    mapping[c.field] = c.column;
    taken.add(c.column);
  }
  return mapping;
}

/**
 * Whether an id column's values are only the rows' own numbers (1, 2, 3 …), as a spreadsheet's "ID" column often
 * is: two unrelated files would then share ids, and the second file's rows would be taken for the first's.
 */
export function looksLikeRowNumbers(values: readonly string[]): boolean {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  return filled.length > 0 && filled.every((v) => /^\d{1,7}$/.test(v) && Number(v) <= values.length + 1);
}

/**
 * The mapping guessed from the header, minus an id column that holds only row numbers (see looksLikeRowNumbers):
 * without it, each row is known by its content, which is safe across files. The person can still choose it.
 */
export function guessFileMapping(file: CsvFile): { mapping: ColumnMapping; idLooksLikeRowNumbers: boolean } {
  const mapping = guessMapping(file.headers);
  const idColumn = mapping.externalId;
  if (idColumn === null || !looksLikeRowNumbers(file.records.map((r) => r.cells[idColumn] ?? ''))) return { mapping, idLooksLikeRowNumbers: false };
  return { mapping: { ...mapping, externalId: null }, idLooksLikeRowNumbers: true };
}

// ——— Rows ———

export interface MappingChoice {
  mapping: ColumnMapping;
  dateOrder: DateOrder;
}

/** The contract's sentence for the first thing wrong with a mapped row. */
function schemaSentence(issues: readonly { path: PropertyKey[]; message: string; code: string }[]): string {
  const issue = issues[0]!;
  const field = String(issue.path[0] ?? '');
  if (field === 'receivedAt') return 'The date is not one Upstream can read: write it as 2026-03-14.';
  if (field === 'externalId') return 'The id is over 200 characters.';
  if (field === 'raisedBy') return 'The "raised by" name is over 200 characters.';
  if (field === 'arr' && issue.code === 'too_big') return 'The ARR is over 1,000,000,000,000.';
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
}

const cellOf = (record: CsvRecord, column: number | null): string => (column === null ? '' : (record.cells[column] ?? '').trim());

/** One record as a row the contract accepts, or the reason it is refused (in the words the server would use). */
export function mapRecord(record: CsvRecord, choice: MappingChoice): { ok: true; row: CsvSignalRow } | { ok: false; refused: RefusedRow } {
  const refuse = (reason: string) => ({ ok: false as const, refused: { rowNumber: record.rowNumber, reason, cells: record.cells } });
  const { mapping } = choice;
  const arr = parseArr(cellOf(record, mapping.arr));
  if (!arr.ok) return refuse(arr.error);
  const date = parseDate(cellOf(record, mapping.receivedAt), choice.dateOrder);
  if (!date.ok) return refuse(date.error);
  const optional = (value: string | number | undefined) => (value === '' || value === undefined ? undefined : value);
  const candidate = Object.fromEntries(
    Object.entries({
      rowNumber: record.rowNumber,
      externalId: optional(cellOf(record, mapping.externalId)),
      customer: cellOf(record, mapping.customer),
      text: cellOf(record, mapping.text),
      arr: arr.value,
      raisedBy: optional(cellOf(record, mapping.raisedBy)),
      receivedAt: date.value,
    }).filter(([, value]) => value !== undefined),
  );
  const parsed = csvSignalRowSchema.safeParse(candidate);
  return parsed.success ? { ok: true, row: parsed.data } : refuse(schemaSentence(parsed.error.issues));
}

/** What the mapping still lacks before anything can be imported, as a sentence; null when it is complete. */
export function missingMapping(mapping: ColumnMapping): string | null {
  const missing = CSV_FIELDS.filter((f) => f.required && mapping[f.field] === null).map((f) => REQUIRED_PHRASE[f.field]);
  return missing.length === 0 ? null : `Choose which column holds ${missing.join(' and which holds ')}.`;
}
const REQUIRED_PHRASE: Partial<Record<CsvField, string>> = { customer: 'the customer', text: 'their words' };

/** Every record mapped: the rows to send, and the refused ones (unreadable rows first, then in file order). */
export function mapFile(file: CsvFile, choice: MappingChoice): { rows: CsvSignalRow[]; refused: RefusedRow[] } {
  const rows: CsvSignalRow[] = [];
  const refused: RefusedRow[] = [...file.unreadable];
  for (const record of file.records) {
    const mapped = mapRecord(record, choice);
    if (mapped.ok) rows.push(mapped.row);
    else refused.push(mapped.refused);
  }
  refused.sort((a, b) => (a.rowNumber ?? Infinity) - (b.rowNumber ?? Infinity));
  return { rows, refused };
}

/** Splits rows into batches of `size`, in order. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/**
 * The refused rows as a CSV file to fix and import again: first a column saying why each was refused (no field's
 * header name, so importing the fixed file ignores it), then the original header and cells. Starts with a BOM so
 * Excel opens it as UTF-8.
 */
export function refusedRowsCsv(headers: readonly string[], refused: readonly RefusedRow[]): string {
  const data = refused.map((r) => [`Row ${r.rowNumber ?? '?'}: ${r.reason}`, ...(r.cells ?? [])]);
  return `\ufeff${Papa.unparse({ fields: ['Why Upstream refused it', ...headers], data }, { newline: '\r\n' })}`;
}
