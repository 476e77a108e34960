/**
 * "Import CSV": choose (or drop) a file → map its columns, with the first rows shown as they will be imported →
 * import in batches of CSV_IMPORT_BATCH_ROWS through `signals.importCsv`, with progress → a summary: created,
 * already there, refused (each refused row's number and reason, the browser's and the server's together), and
 * the refused rows as a CSV to fix and import again.
 *
 * Nothing is lost when a batch fails: the import stops there, says which rows were not sent, and "Send the rest"
 * resumes from that batch. Sending a batch twice is harmless (every row is stored once), so a batch whose answer
 * was lost is simply sent again.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { CSV_IMPORT_BATCH_ROWS, CSV_IMPORT_MAX_ROWS, type CsvSignalRow } from '../../../../src/contract/signals';
import type { ResolverOutput } from '../../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAnnouncer } from '../../ui/Announcer';
import { formatMoney } from '../../ui/format';
import { VISUALLY_HIDDEN } from '../../ui/visually-hidden';
import {
  CSV_FIELDS,
  batchesOf,
  guessDateOrder,
  guessFileMapping,
  mapFile,
  mapRecord,
  missingMapping,
  readCsvFile,
  refusedRowsCsv,
  type ColumnMapping,
  type CsvField,
  type CsvFile,
  type DateOrder,
  type RefusedRow,
} from './csv-file';
import './csv-share.css';

export interface CsvImportSummary {
  created: number;
  duplicate: number;
  refused: number;
}

export interface CsvImportDialogProps {
  projectKey: string;
  onClose: () => void;
  onImported: (summary: CsvImportSummary) => void;
}

type ImportResult = ResolverOutput<'signals.importCsv'>['results'][number];

interface Loaded {
  fileName: string;
  file: CsvFile;
  mapping: ColumnMapping;
  dateOrder: DateOrder;
  /** Whether the date column's slash dates could be either order (then the person chooses). */
  dateOrderAmbiguous: boolean;
  /** The file's id column was left unmapped because it holds only row numbers. */
  idLooksLikeRowNumbers: boolean;
}

interface ImportRun {
  batches: CsvSignalRow[][];
  /** The index of the next batch to send. */
  next: number;
  results: ImportResult[];
  /** Rows the browser refused before sending (unreadable, or not what the contract accepts). */
  refusedHere: RefusedRow[];
  failure: ResolverCallError | null;
  sending: boolean;
  /** The person stopped with rows unsent. */
  stopped: boolean;
}

const PREVIEW_ROWS = 5;
const NONE = -1;

const columnLabel = (headers: readonly string[], column: number) => `${headers[column]} (column ${column + 1})`;
const rowRange = (rows: readonly CsvSignalRow[]): string => {
  if (rows.length === 0) return '';
  const first = rows[0]!.rowNumber;
  const last = rows[rows.length - 1]!.rowNumber;
  return first === last ? `row ${first}` : `rows ${first}–${last}`;
};

function summaryOf(run: ImportRun): CsvImportSummary & { refusedRows: RefusedRow[]; unsent: CsvSignalRow[] } {
  const created = run.results.filter((r) => r.outcome === 'created').length;
  const duplicate = run.results.filter((r) => r.outcome === 'duplicate').length;
  const refusedThere = run.results.filter((r) => r.outcome === 'refused').map((r): RefusedRow => ({ rowNumber: r.rowNumber, reason: r.error ?? 'Refused.', cells: null }));
  const refusedRows = [...run.refusedHere, ...refusedThere].sort((a, b) => (a.rowNumber ?? Infinity) - (b.rowNumber ?? Infinity));
  return { created, duplicate, refused: refusedRows.length, refusedRows, unsent: run.batches.slice(run.next).flat() };
}

/** Saves text as a file from the browser (Forge's frame sandbox allows downloads). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const refusedFileName = (fileName: string) => `${fileName.replace(/\.csv$/i, '')} - refused rows.csv`;

// ——— Step 1: choose a file ———

function ChooseFile({ onChosen, error, reading }: { onChosen: (file: File) => void; error: string | null; reading: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onChosen(file);
  };
  return (
    <Stack space="space.150">
      <Text as="p">
        A CSV file with a header row and a row per signal: at least the customer and what they said; ARR, who raised it, a date and an id if you have them.
        Up to {CSV_IMPORT_MAX_ROWS.toLocaleString('en')} rows. Importing the same file again adds nothing twice.
      </Text>
      <div
        className="csv-drop"
        data-over={over}
        data-testid="csv-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Text>Drop a CSV file here, or</Text>
        <Button onClick={() => inputRef.current?.click()} isLoading={reading} testId="csv-choose-file" autoFocus>
          Choose a CSV file
        </Button>
        <input
          ref={inputRef}
          type="file"
          accept=".csv,text/csv,text/plain"
          hidden
          data-testid="csv-file-input"
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            const file = event.currentTarget.files?.[0];
            // Cleared so choosing the same file again (after fixing it) still fires a change.
            event.currentTarget.value = '';
            if (file) onChosen(file);
          }}
        />
      </div>
      {error && (
        <SectionMessage appearance="warning" title="Upstream cannot read this file" testId="csv-file-error">
          <Text as="p">{error}</Text>
        </SectionMessage>
      )}
    </Stack>
  );
}

// ——— Step 2: map columns, preview ———

interface ColumnOption {
  label: string;
  value: number;
}

function MappingStep({ loaded, onChange }: { loaded: Loaded; onChange: (next: Loaded) => void }) {
  const ids = useId();
  const { file, mapping } = loaded;
  const options: ColumnOption[] = useMemo(
    () => [{ label: '— Not in this file —', value: NONE }, ...file.headers.map((_, column) => ({ label: columnLabel(file.headers, column), value: column }))],
    [file.headers],
  );
  const setColumn = (field: CsvField, column: number) => {
    const next: ColumnMapping = { ...mapping, [field]: column === NONE ? null : column };
    // A column fills one field: taking it for this one frees it from another.
    if (column !== NONE) for (const other of CSV_FIELDS) if (other.field !== field && next[other.field] === column) next[other.field] = null;
    const dates = next.receivedAt === null ? { order: loaded.dateOrder, ambiguous: false } : guessDateOrder(file.records.map((r) => r.cells[next.receivedAt!] ?? ''));
    onChange({ ...loaded, mapping: next, dateOrder: next.receivedAt === mapping.receivedAt ? loaded.dateOrder : dates.order, dateOrderAmbiguous: dates.ambiguous });
  };
  const preview = file.records.slice(0, PREVIEW_ROWS).map((record) => ({ record, mapped: mapRecord(record, loaded) }));
  const missing = missingMapping(mapping);
  return (
    <Stack space="space.200">
      <Stack space="space.100">
        <Text as="p" weight="semibold">
          Which column holds what
        </Text>
        <div className="csv-mapping">
          {CSV_FIELDS.map(({ field, label, required }) => (
            <div key={field} className="sig-form">
              <label className="sig-label" htmlFor={`${ids}-${field}`}>
                {label}
                {required && (
                  <span className="sig-required" aria-hidden="true">
                    *
                  </span>
                )}
                {required && <span style={VISUALLY_HIDDEN}> (required)</span>}
              </label>
              <Select<ColumnOption>
                inputId={`${ids}-${field}`}
                testId={`csv-map-${field}`}
                options={options}
                value={options.find((o) => o.value === (mapping[field] ?? NONE)) ?? null}
                onChange={(option) => setColumn(field, option?.value ?? NONE)}
                isInvalid={required && mapping[field] === null}
                menuPosition="fixed"
              />
            </div>
          ))}
        </div>
        {loaded.dateOrderAmbiguous && (
          <div className="sig-form" style={{ maxWidth: 320 }}>
            <label className="sig-label" htmlFor={`${ids}-date-order`}>
              Dates like 03/04/2026 mean
            </label>
            <Select<{ label: string; value: DateOrder }>
              inputId={`${ids}-date-order`}
              testId="csv-date-order"
              options={[
                { label: '3 April 2026 (day first)', value: 'day-first' },
                { label: 'March 4, 2026 (month first)', value: 'month-first' },
              ]}
              value={loaded.dateOrder === 'day-first' ? { label: '3 April 2026 (day first)', value: 'day-first' } : { label: 'March 4, 2026 (month first)', value: 'month-first' }}
              onChange={(option) => option && onChange({ ...loaded, dateOrder: option.value })}
              menuPosition="fixed"
            />
          </div>
        )}
        {loaded.idLooksLikeRowNumbers && mapping.externalId === null && (
          <Text as="p" color="color.text.subtle" testId="csv-id-row-numbers">
            The file’s id column holds only row numbers, so Upstream knows each row by its content instead: another file numbered the same way is not
            mistaken for this one. Choose it above if its ids are real.
          </Text>
        )}
        {missing && (
          <Text as="p" color="color.text.danger" testId="csv-mapping-missing">
            {missing}
          </Text>
        )}
      </Stack>
      <Stack space="space.100">
        <Text as="p" weight="semibold" id={`${ids}-preview`}>
          The first {Math.min(PREVIEW_ROWS, file.records.length)} rows as they will be imported
        </Text>
        <div className="csv-preview-scroll" tabIndex={0} aria-labelledby={`${ids}-preview`}>
          <table className="csv-table" data-testid="csv-preview">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Customer</th>
                <th scope="col">Their words</th>
                <th scope="col">ARR</th>
                <th scope="col">Raised by</th>
                <th scope="col">Date</th>
                <th scope="col">Id</th>
              </tr>
            </thead>
            <tbody>
              {preview.map(({ record, mapped }) =>
                mapped.ok ? (
                  <tr key={record.rowNumber}>
                    <td>{record.rowNumber}</td>
                    <td>{mapped.row.customer}</td>
                    <td className="csv-text">{mapped.row.text}</td>
                    <td>{mapped.row.arr !== undefined ? formatMoney(mapped.row.arr) : '—'}</td>
                    <td>{mapped.row.raisedBy ?? 'You'}</td>
                    <td>{mapped.row.receivedAt ?? 'Today'}</td>
                    <td>{mapped.row.externalId ?? '—'}</td>
                  </tr>
                ) : (
                  <tr key={record.rowNumber}>
                    <td>{record.rowNumber}</td>
                    <td colSpan={6} className="csv-refused">
                      Will be refused: {mapped.refused.reason}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
        {file.unreadable.length > 0 && (
          <Text as="p" color="color.text.subtle">
            {file.unreadable.length} {file.unreadable.length === 1 ? 'row' : 'rows'} cannot be read as the header’s columns (the first is row {file.unreadable[0]!.rowNumber}
            ): {file.unreadable.length === 1 ? 'it is' : 'they are'} listed with the reason after the import, to fix and import again.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

// ——— Steps 3 and 4: progress, summary ———

function Progress({ run }: { run: ImportRun }) {
  const total = run.batches.reduce((n, b) => n + b.length, 0);
  const sent = run.batches.slice(0, run.next).reduce((n, b) => n + b.length, 0);
  const percent = total === 0 ? 100 : Math.round((sent / total) * 100);
  return (
    <Stack space="space.100">
      <div className="csv-progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={sent} aria-label="Rows sent" data-testid="csv-progress">
        <div className="csv-progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <Text as="p" color="color.text.subtle">
        Sent {sent.toLocaleString('en')} of {total.toLocaleString('en')} rows (batch {Math.min(run.next + 1, run.batches.length)} of {run.batches.length}).
      </Text>
    </Stack>
  );
}

function Summary({ run, headers, fileName, cellsOf }: { run: ImportRun; headers: string[]; fileName: string; cellsOf: (rowNumber: number | null) => readonly string[] | null }) {
  const summary = summaryOf(run);
  const refused = summary.refusedRows.map((r) => ({ ...r, cells: r.cells ?? cellsOf(r.rowNumber) }));
  return (
    <Stack space="space.150">
      <div className="csv-counts" data-testid="csv-summary">
        <span>
          <strong data-testid="csv-created">{summary.created}</strong> created
        </span>
        <span>
          <strong data-testid="csv-duplicate">{summary.duplicate}</strong> already there
        </span>
        <span>
          <strong data-testid="csv-refused">{summary.refused}</strong> refused
        </span>
        {summary.unsent.length > 0 && (
          <span>
            <strong data-testid="csv-unsent">{summary.unsent.length}</strong> not sent
          </span>
        )}
      </div>
      {summary.created > 0 && <Text as="p">New signals are being grouped with similar ones; they appear in the Inbox in a moment.</Text>}
      {summary.duplicate > 0 && summary.created === 0 && <Text as="p">Every row that could be read was already in Upstream: nothing was added twice.</Text>}
      {summary.unsent.length > 0 && (
        <Text as="p" color="color.text.warning">
          You stopped before {rowRange(summary.unsent)} were sent. Import the same file again to send them: the rows already imported will not be added twice.
        </Text>
      )}
      {refused.length > 0 && (
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center" spread="space-between">
            <Text as="p" weight="semibold">
              Refused rows
            </Text>
            <Button onClick={() => download(refusedFileName(fileName), refusedRowsCsv(headers, refused))} testId="csv-download-refused">
              Download refused rows (CSV)
            </Button>
          </Inline>
          <div className="csv-refused-scroll" tabIndex={0} aria-label="Refused rows">
            <table className="csv-table" data-testid="csv-refused-rows">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {refused.map((r, i) => (
                  <tr key={`${r.rowNumber ?? 'x'}-${i}`}>
                    <td>{r.rowNumber ?? '?'}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Text as="p" color="color.text.subtle">
            Fix them in the downloaded file (its first column says why; leave it, Upstream ignores it) and import that file.
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

export default function CsvImportDialog({ projectKey, onClose, onImported }: CsvImportDialogProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [run, setRun] = useState<ImportRun | null>(null);
  const stopRequested = useRef(false);
  const { region, announce } = useAnnouncer();

  const choose = useCallback(async (chosen: File) => {
    setReading(true);
    setFileError(null);
    try {
      const read = await readCsvFile(chosen);
      if (!read.ok) {
        setFileError(read.error);
        return;
      }
      const { mapping, idLooksLikeRowNumbers } = guessFileMapping(read.file);
      const dates = mapping.receivedAt === null ? { order: 'day-first' as const, ambiguous: false } : guessDateOrder(read.file.records.map((r) => r.cells[mapping.receivedAt!] ?? ''));
      setLoaded({ fileName: chosen.name || 'signals.csv', file: read.file, mapping, dateOrder: dates.order, dateOrderAmbiguous: dates.ambiguous, idLooksLikeRowNumbers });
      announce(`Read ${read.file.records.length + read.file.unreadable.length} rows from ${chosen.name}. Check which column holds what, then import.`);
    } catch {
      setFileError('The browser could not open this file. Choose it again; if it is on a network drive, copy it to your computer first.');
    } finally {
      setReading(false);
    }
  }, [announce]);

  /** Sends batches from `from.next` until all are sent, one fails, or the person stops. */
  const send = useCallback(
    async (from: ImportRun, fileName: string) => {
      let current: ImportRun = { ...from, failure: null, sending: true, stopped: false };
      stopRequested.current = false;
      setRun(current);
      while (current.next < current.batches.length) {
        if (stopRequested.current) {
          current = { ...current, stopped: true };
          break;
        }
        const batch = current.batches[current.next]!;
        try {
          const { results } = await callResolver('signals.importCsv', { projectKey, fileName, rows: batch });
          current = { ...current, next: current.next + 1, results: [...current.results, ...results] };
          setRun(current);
        } catch (error: unknown) {
          current = { ...current, failure: asResolverCallError(error) };
          break;
        }
      }
      current = { ...current, sending: false };
      setRun(current);
      const s = summaryOf(current);
      if (current.failure) announce(`The import stopped: ${rowRange(s.unsent)} were not sent.`);
      else announce(`Import finished: ${s.created} created, ${s.duplicate} already there, ${s.refused} refused.`);
    },
    [projectKey, announce],
  );

  const start = () => {
    if (!loaded || missingMapping(loaded.mapping)) return;
    const { rows, refused } = mapFile(loaded.file, loaded);
    void send({ batches: batchesOf(rows, CSV_IMPORT_BATCH_ROWS), next: 0, results: [], refusedHere: refused, failure: null, sending: true, stopped: false }, loaded.fileName);
  };

  const cellsByRow = useMemo(() => new Map((loaded?.file.records ?? []).map((r) => [r.rowNumber, r.cells] as const)), [loaded]);
  const cellsOf = useCallback((rowNumber: number | null) => (rowNumber === null ? null : (cellsByRow.get(rowNumber) ?? null)), [cellsByRow]);

  // A file dropped beside the drop zone would otherwise be opened by the browser in place of the app.
  useEffect(() => {
    const keep = (event: globalThis.DragEvent) => event.preventDefault();
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);

  const finished = run !== null && !run.sending && (run.next >= run.batches.length || run.stopped);
  const anySent = run !== null && run.next > 0;
  const close = () => {
    if (run?.sending) return;
    if (run && (finished || anySent)) {
      const { created, duplicate, refused } = summaryOf(run);
      onImported({ created, duplicate, refused });
    } else onClose();
  };

  const missing = loaded ? missingMapping(loaded.mapping) : null;
  const rowsToSend = loaded ? loaded.file.records.length : 0;

  const body = () => {
    if (run) {
      const unsent = summaryOf(run).unsent;
      return (
        <Stack space="space.200">
          {!finished && <Progress run={run} />}
          {run.failure && !run.sending && (
            <Stack space="space.100">
              <ErrorMessage error={run.failure} />
              <SectionMessage appearance="information" title="Nothing is lost" testId="csv-unsent-message">
                <Text as="p">
                  {rowRange(unsent)} ({unsent.length} {unsent.length === 1 ? 'row' : 'rows'}) were not sent. “Send the rest” sends them now; rows Upstream already has are
                  not added twice. The rows before them are imported.
                </Text>
              </SectionMessage>
            </Stack>
          )}
          {(finished || (run.failure && !run.sending)) && loaded && <Summary run={run} headers={loaded.file.headers} fileName={loaded.fileName} cellsOf={cellsOf} />}
        </Stack>
      );
    }
    if (loaded) {
      return (
        <Stack space="space.150">
          <Text as="p">
            <strong>{loaded.fileName}</strong>: {loaded.file.records.length + loaded.file.unreadable.length} rows.
          </Text>
          <MappingStep loaded={loaded} onChange={setLoaded} />
        </Stack>
      );
    }
    return <ChooseFile onChosen={(file) => void choose(file)} error={fileError} reading={reading} />;
  };

  const footer = () => {
    if (run?.sending) {
      return (
        <Button onClick={() => (stopRequested.current = true)} testId="csv-stop">
          Stop after this batch
        </Button>
      );
    }
    if (run && run.failure) {
      return (
        <>
          <Button appearance="subtle" onClick={() => setRun({ ...run, failure: null, stopped: true })} testId="csv-give-up">
            Stop here
          </Button>
          <Button appearance="primary" onClick={() => loaded && void send(run, loaded.fileName)} testId="csv-retry">
            Send the rest
          </Button>
        </>
      );
    }
    if (finished) {
      return (
        <Button appearance="primary" onClick={close} testId="csv-done" autoFocus>
          Done
        </Button>
      );
    }
    if (loaded) {
      return (
        <>
          <Button appearance="subtle" onClick={() => setLoaded(null)} testId="csv-choose-another">
            Choose another file
          </Button>
          <Button appearance="primary" onClick={start} isDisabled={Boolean(missing) || rowsToSend === 0} testId="csv-import">
            {missing ? 'Import' : `Import ${rowsToSend.toLocaleString('en')} ${rowsToSend === 1 ? 'row' : 'rows'}`}
          </Button>
        </>
      );
    }
    return (
      <Button appearance="subtle" onClick={onClose}>
        Cancel
      </Button>
    );
  };

  return (
    <Modal onClose={close} label="Import signals from a CSV file" testId="csv-import-dialog" width="large" shouldCloseOnOverlayClick={false} shouldCloseOnEscapePress={!run?.sending}>
      <ModalHeader>
        <ModalTitle>Import signals from a CSV file</ModalTitle>
      </ModalHeader>
      <ModalBody>
        {region}
        {body()}
      </ModalBody>
      <ModalFooter>{footer()}</ModalFooter>
    </Modal>
  );
}
