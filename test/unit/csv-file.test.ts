/** The CSV import's browser side: bytes to text, text to rows, header names to a mapping, cells to a row the contract takes. */
import fc from 'fast-check';
import Papa from 'papaparse';
import { CSV_IMPORT_MAX_ROWS, csvSignalRowSchema } from '../../src/contract/signals';
import {
  batchesOf,
  decodeCsvBytes,
  guessDateOrder,
  guessFileMapping,
  guessMapping,
  looksLikeRowNumbers,
  mapFile,
  mapRecord,
  missingMapping,
  parseArr,
  parseCsvText,
  parseDate,
  readCsvFile,
  refusedRowsCsv,
  type ColumnMapping,
  type CsvFile,
} from '../../static/src/triage/signals/csv-file';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const fileOf = (text: string): CsvFile => {
  const read = parseCsvText(text);
  if (!read.ok) throw new Error(read.error);
  return read.file;
};

describe('decoding the file', () => {
  it('reads UTF-8 and drops the BOM Excel writes for "CSV UTF-8"', () => {
    expect(decodeCsvBytes(utf8('\ufeffCustomer,Feedback\nSødra Skog,Åtgärd'))).toEqual({ ok: true, text: 'Customer,Feedback\nSødra Skog,Åtgärd' });
    expect(decodeCsvBytes(utf8('Customer\nAcme'))).toEqual({ ok: true, text: 'Customer\nAcme' });
  });

  it('refuses Windows-1252, UTF-16 and workbooks, telling the person to save as CSV UTF-8', () => {
    // "Søren" in Windows-1252: ø is the single byte 0xF8, never valid UTF-8.
    const latin1 = Uint8Array.from([...utf8('Customer\nS'), 0xf8, ...utf8('ren')]);
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x43, 0x00, 0x75, 0x00]);
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    for (const bytes of [latin1, utf16, xlsx]) {
      const read = decodeCsvBytes(bytes);
      expect(read.ok).toBe(false);
      expect(!read.ok && read.error).toMatch(/CSV UTF-8/);
    }
    expect(!decodeCsvBytes(utf16).ok && (decodeCsvBytes(utf16) as { error: string }).error).toMatch(/UTF-16/);
    expect((decodeCsvBytes(xlsx) as { error: string }).error).toMatch(/workbook/);
  });

  it('reads a File (Blob) end to end', async () => {
    const read = await readCsvFile(new Blob([Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Company,Note\r\nAcme,"Needs, quoted\r\ncommas"\r\n')])]));
    expect(read).toEqual({ ok: true, file: { headers: ['Company', 'Note'], records: [{ rowNumber: 2, cells: ['Acme', 'Needs, quoted\r\ncommas'] }], unreadable: [] } });
  });
});

describe('parsing rows', () => {
  it('numbers rows as the spreadsheet does: header row 1, blank rows counted and skipped', () => {
    const file = fileOf('Customer,Text\nAcme,one\n\nGlobex,two\n,\n"Initech","three\nlines"\nUmbrella,four\n');
    expect(file.records.map((r) => [r.rowNumber, r.cells[0]])).toEqual([
      [2, 'Acme'],
      [4, 'Globex'],
      [6, 'Initech'],
      [7, 'Umbrella'],
    ]);
  });

  it('refuses ragged rows (too few or too many fields) on their own, and allows trailing empty cells', () => {
    const file = fileOf('Customer,Text,ARR\nAcme,one,100\nGlobex,two\nInitech,three,300,extra\nUmbrella,four,400,,\n');
    expect(file.records.map((r) => r.rowNumber)).toEqual([2, 5]);
    expect(file.unreadable).toEqual([
      { rowNumber: 3, reason: expect.stringMatching(/2 fields where the header has 3/), cells: ['Globex', 'two'] },
      { rowNumber: 4, reason: expect.stringMatching(/4 fields where the header has 3/), cells: ['Initech', 'three', '300', 'extra'] },
    ]);
  });

  it('refuses the row where a quote is left open, naming the quote', () => {
    const file = fileOf('Customer,Text\nAcme,fine\nGlobex,"never closed\nInitech,lost\n');
    expect(file.records.map((r) => r.rowNumber)).toEqual([2]);
    expect(file.unreadable[0]).toMatchObject({ rowNumber: 3, reason: expect.stringMatching(/quote/) });
  });

  it('guesses semicolons and tabs as the separator', () => {
    expect(fileOf('Kunde;Feedback;ARR\nAcme;gut;"1.200,50"\n').records[0]!.cells).toEqual(['Acme', 'gut', '1.200,50']);
    expect(fileOf('Customer\tText\nAcme\tok\n').records[0]!.cells).toEqual(['Acme', 'ok']);
  });

  it('refuses a file with no rows, and one over the row limit', () => {
    expect(parseCsvText('')).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
    expect(parseCsvText('Customer,Text\n\n')).toMatchObject({ ok: false, error: expect.stringMatching(/no signals/) });
    const big = `Customer,Text\n${'Acme,x\n'.repeat(CSV_IMPORT_MAX_ROWS + 1)}`;
    expect(parseCsvText(big)).toMatchObject({ ok: false, error: expect.stringMatching(/at most 5,000/) });
    expect(parseCsvText(`Customer,Text\n${'Acme,x\n'.repeat(CSV_IMPORT_MAX_ROWS)}`).ok).toBe(true);
  });
});

describe('guessing the mapping', () => {
  it('maps common header names', () => {
    expect(guessMapping(['Customer', 'Feedback', 'ARR', 'Raised by', 'Date', 'ID'])).toEqual({
      customer: 0,
      text: 1,
      arr: 2,
      raisedBy: 3,
      receivedAt: 4,
      externalId: 5,
    });
    expect(guessMapping(['Company Name', 'Quote', 'Annual Recurring Revenue ($)', 'Sales rep', 'Received at'])).toEqual({
      customer: 0,
      text: 1,
      arr: 2,
      raisedBy: 3,
      receivedAt: 4,
      externalId: null,
    });
    expect(guessMapping(['account', 'comment', 'revenue', 'owner', 'created'])).toMatchObject({ customer: 0, text: 1, arr: 2, raisedBy: 3, receivedAt: 4 });
  });

  it('prefers the closest name and never reads a customer id as the row’s id', () => {
    const mapping = guessMapping(['Customer ID', 'Account owner', 'Account', 'Notes']);
    expect(mapping).toEqual({ customer: 2, text: 3, arr: null, raisedBy: 1, receivedAt: null, externalId: null });
  });

  it('leaves an id column of bare row numbers unmapped, so two files numbered 1, 2, 3 are not taken for each other', () => {
    expect(looksLikeRowNumbers(['1', '2', '3'])).toBe(true);
    expect(looksLikeRowNumbers(['1', '', '3'])).toBe(true);
    expect(looksLikeRowNumbers(['ZD-1', 'ZD-2'])).toBe(false);
    expect(looksLikeRowNumbers(['88412', '88413'])).toBe(false);
    expect(looksLikeRowNumbers(['', ''])).toBe(false);
    const numbered = guessFileMapping(fileOf('ID,Customer,Feedback\n1,Acme,one\n2,Globex,two\n'));
    expect(numbered).toEqual({ mapping: expect.objectContaining({ externalId: null, customer: 1, text: 2 }), idLooksLikeRowNumbers: true });
    const real = guessFileMapping(fileOf('Ticket ID,Customer,Feedback\nZD-88412,Acme,one\nZD-88413,Globex,two\n'));
    expect(real).toEqual({ mapping: expect.objectContaining({ externalId: 0 }), idLooksLikeRowNumbers: false });
  });

  it('leaves fields it cannot place empty, and says which required ones are missing', () => {
    const mapping = guessMapping(['Colour', 'Size']);
    expect(mapping).toEqual({ customer: null, text: null, arr: null, raisedBy: null, receivedAt: null, externalId: null });
    expect(missingMapping(mapping)).toBe('Choose which column holds the customer and which holds their words.');
    expect(missingMapping({ ...mapping, customer: 0 })).toBe('Choose which column holds their words.');
    expect(missingMapping({ ...mapping, customer: 0, text: 1 })).toBeNull();
  });
});

describe('ARR', () => {
  it.each([
    ['120000', 120_000],
    ['$12,000', 12_000],
    ['12k', 12_000],
    ['12.5K', 12_500],
    ['1.2M', 1_200_000],
    ['$1.5bn', 1_500_000_000],
    ['€ 48.000,00', 48_000],
    ['48.000', 48_000],
    ['1.234.567', 1_234_567],
    ['12,5', 12.5],
    ['1,234.56', 1_234.56],
    ['1 200 000', 1_200_000],
    ["1'200'000", 1_200_000],
    ['USD 90000', 90_000],
    ['90000 EUR', 90_000],
    ['(5,000)', -5_000],
    ['-300', -300],
  ])('reads %s as %d', (cell, value) => {
    expect(parseArr(cell)).toEqual({ ok: true, value });
  });

  it('reads an empty cell as no ARR, and refuses what is not a number', () => {
    expect(parseArr('  ')).toEqual({ ok: true, value: undefined });
    expect(parseArr('-')).toEqual({ ok: true, value: undefined });
    for (const cell of ['lots', '12,34,5', '1.2.3k', '$', 'k']) expect(parseArr(cell)).toMatchObject({ ok: false, error: expect.stringContaining(cell) });
  });
});

describe('dates', () => {
  it.each([
    ['2026-03-14', '2026-03-14'],
    ['2026-3-4', '2026-03-04'],
    ['2026/03/14', '2026-03-14'],
    ['14/03/2026', '2026-03-14'],
    ['14.03.2026', '2026-03-14'],
    ['14-03-26', '2026-03-14'],
    ['14 Mar 2026', '2026-03-14'],
    ['March 14, 2026', '2026-03-14'],
    ['2026-03-14T09:30:00Z', '2026-03-14T09:30:00Z'],
    ['2026-03-14T09:30:00.250+02:00', '2026-03-14T09:30:00+02:00'],
    ['2026-03-14 09:30', '2026-03-14T09:30:00Z'],
    ['14/03/2026 9:30 PM', '2026-03-14T21:30:00Z'],
    ['2026-03-14 09:30 +0530', '2026-03-14T09:30:00+05:30'],
  ])('reads %s as %s', (cell, iso) => {
    const read = parseDate(cell);
    expect(read).toEqual({ ok: true, value: iso });
    expect(csvSignalRowSchema.shape.receivedAt.safeParse(iso).success).toBe(true);
  });

  it('reads slash dates in the column’s order', () => {
    expect(parseDate('03/04/2026', 'day-first')).toEqual({ ok: true, value: '2026-04-03' });
    expect(parseDate('03/04/2026', 'month-first')).toEqual({ ok: true, value: '2026-03-04' });
    expect(guessDateOrder(['03/04/2026', '03/14/2026'])).toEqual({ order: 'month-first', ambiguous: false });
    expect(guessDateOrder(['03/04/2026', '14/03/2026'])).toEqual({ order: 'day-first', ambiguous: false });
    expect(guessDateOrder(['03/04/2026', '05/06/2026'])).toEqual({ order: 'day-first', ambiguous: true });
    expect(guessDateOrder(['2026-03-04', ''])).toEqual({ order: 'day-first', ambiguous: false });
  });

  it('refuses dates that do not exist or cannot be read, and reads an empty cell as no date', () => {
    for (const cell of ['2026-02-30', '31/31/2026', 'soon', '2026-03-14 25:00', '1066-10-14']) {
      expect(parseDate(cell)).toMatchObject({ ok: false, error: expect.stringContaining(cell) });
    }
    expect(parseDate('')).toEqual({ ok: true, value: undefined });
  });
});

describe('mapping rows', () => {
  const headers = ['Id', 'Customer', 'Feedback', 'ARR', 'Rep', 'Date'];
  const mapping: ColumnMapping = guessMapping(headers);
  const choice = { mapping, dateOrder: 'day-first' as const };

  it('maps a row to what signals.importCsv accepts, leaving empty optional cells out', () => {
    const row = mapRecord({ rowNumber: 2, cells: ['n-1', ' Acme ', 'Needs SSO', '$12,000', 'Marcus Bell', '14/03/2026'] }, choice);
    expect(row).toEqual({ ok: true, row: { rowNumber: 2, externalId: 'n-1', customer: 'Acme', text: 'Needs SSO', arr: 12_000, raisedBy: 'Marcus Bell', receivedAt: '2026-03-14' } });
    expect(mapRecord({ rowNumber: 3, cells: ['', 'Acme', 'Needs SSO', '', '', ''] }, choice)).toEqual({ ok: true, row: { rowNumber: 3, customer: 'Acme', text: 'Needs SSO' } });
  });

  it('refuses a row with the contract’s own sentence, keeping its cells for the download', () => {
    const cells = ['', '', 'No customer', '', '', ''];
    expect(mapRecord({ rowNumber: 4, cells }, choice)).toEqual({ ok: false, refused: { rowNumber: 4, reason: 'The customer is empty.', cells } });
    expect(mapRecord({ rowNumber: 5, cells: ['', 'Acme', 'x', '-5', '', ''] }, choice)).toMatchObject({ ok: false, refused: { reason: 'ARR cannot be negative.' } });
    expect(mapRecord({ rowNumber: 6, cells: ['', 'Acme', 'x', 'lots', '', ''] }, choice)).toMatchObject({ ok: false, refused: { reason: expect.stringMatching(/ARR “lots”/) } });
    expect(mapRecord({ rowNumber: 7, cells: ['', 'Acme', 'x'.repeat(5001), '', '', ''] }, choice)).toMatchObject({ ok: false, refused: { reason: 'The text is over 5,000 characters.' } });
  });

  it('maps a whole file: good rows to send, refused ones (unreadable included) in row order', () => {
    const file = fileOf('Customer,Feedback,ARR\nAcme,one,1k\n,two,\nGlobex\nInitech,four,bad\nUmbrella,five,\n');
    const { rows, refused } = mapFile(file, { mapping: guessMapping(file.headers), dateOrder: 'day-first' });
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 6]);
    expect(refused.map((r) => r.rowNumber)).toEqual([3, 4, 5]);
  });

  it('writes refused rows as a CSV to fix: the reason first, then the original cells, readable again', () => {
    const csv = refusedRowsCsv(['Customer', 'Feedback'], [
      { rowNumber: 3, reason: 'The customer is empty.', cells: ['', 'two, with "quotes"'] },
      { rowNumber: null, reason: 'Not a row.', cells: null },
    ]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(back).toEqual([
      ['Why Upstream refused it', 'Customer', 'Feedback'],
      ['Row 3: The customer is empty.', '', 'two, with "quotes"'],
      ['Row ?: Not a row.', '', ''],
    ]);
    // The fixed file imports without the reason column getting in the way.
    expect(guessMapping(back[0]!)).toMatchObject({ customer: 1, text: 2 });
  });

  it('splits rows into batches in order', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batchesOf([], 50)).toEqual([]);
  });
});

describe('properties', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('', ' ', '$12,000', '12k', '-5', '1e400', '14/03/2026', '2026-02-30', '2026-03-14T09:30:00Z', 'x'.repeat(5001)),
    fc.integer({ min: -1e6, max: 1e13 }).map(String),
  );
  const column = fc.option(fc.integer({ min: 0, max: 7 }), { nil: null });
  const mappingArb = fc.record({ customer: column, text: column, arr: column, raisedBy: column, receivedAt: column, externalId: column });

  it('any row that maps successfully passes csvSignalRowSchema, and any other is refused with a sentence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 1_000_000 }),
        fc.array(cell, { minLength: 0, maxLength: 8 }),
        mappingArb,
        fc.constantFrom('day-first' as const, 'month-first' as const),
        (rowNumber, cells, mapping, dateOrder) => {
          const mapped = mapRecord({ rowNumber, cells }, { mapping, dateOrder });
          if (mapped.ok) {
            expect(csvSignalRowSchema.safeParse(mapped.row).success).toBe(true);
            expect(mapped.row.rowNumber).toBe(rowNumber);
          } else {
            expect(mapped.refused.rowNumber).toBe(rowNumber);
            expect(mapped.refused.reason).toMatch(/^[A-Z“"].*\.$/s);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('every date it reads is one the contract accepts', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), fc.boolean(), (date, withTime) => {
        const iso = withTime ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : date.toISOString().slice(0, 10);
        const read = parseDate(iso);
        expect(read).toEqual({ ok: true, value: iso });
        const [y, m, d] = date.toISOString().slice(0, 10).split('-');
        expect(parseDate(`${d}/${m}/${y}`)).toEqual({ ok: true, value: `${y}-${m}-${d}` });
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back every whole-dollar ARR written with thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(parseArr(`$${n.toLocaleString('en-US')}`)).toEqual({ ok: true, value: n });
        expect(parseArr(String(n))).toEqual({ ok: true, value: n });
      }),
      { numRuns: 1000 },
    );
  });

  it('parses any table papaparse writes back to the same cells', () => {
    const text = fc.string({ maxLength: 12 }).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((width) => fc.tuple(fc.array(text, { minLength: width, maxLength: width }), fc.array(fc.array(text, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 10 }))), ([headers, rows]) => {
        const file = fileOf(Papa.unparse({ fields: headers, data: rows }, { newline: '\r\n', quotes: true }));
        expect(file.unreadable).toEqual([]);
        expect(file.records.map((r) => r.cells)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});
