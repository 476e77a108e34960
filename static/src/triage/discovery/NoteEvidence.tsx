import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { DiscoveryNoteView, ResolverOutput } from '../../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { formatMoney, plural } from '../../ui/format';
import { When } from '../../ui/When';
import { ChangeRefusal } from './ChangeRefusal';
import type { NoteState } from './use-note';

type Evidence = DiscoveryNoteView['evidence'];
type InboxCluster = ResolverOutput<'signals.inbox'>['clusters'][number];

/** Signals shown at first; the rest behind "Show all", so a note with a big cluster stays readable. */
const SIGNALS_SHOWN = 5;

/** The Inbox's open clusters not linked yet, loaded when a lead asks to link one. */
function LinkCluster({ projectKey, linked, note }: { projectKey: string; linked: ReadonlySet<string>; note: NoteState }) {
  const [clusters, setClusters] = useState<InboxCluster[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<ResolverCallError | null>(null);
  const [open, setOpen] = useState(false);
  const selectId = useId();
  const start = async () => {
    setOpen(true);
    setError(null);
    try {
      const inbox = await callResolver('signals.inbox', { projectKey, sort: 'evidence', pageSize: 100 });
      setClusters(inbox.clusters);
    } catch (cause: unknown) {
      setError(asResolverCallError(cause));
    }
  };
  const link = async () => {
    if (!chosen) return;
    const refused = await note.change('discovery.linkEvidence', { clusterIds: [chosen] });
    setError(refused);
    if (!refused) {
      setChosen('');
      setOpen(false);
    }
  };
  if (!open) {
    return (
      <Button spacing="compact" onClick={() => void start()} testId="discovery-link-cluster">
        Link a cluster…
      </Button>
    );
  }
  const choices = (clusters ?? []).filter((c) => !linked.has(c.id));
  return (
    <div className="dn-link-cluster">
      {clusters === null && !error && <span className="dn-meta">Loading the Inbox’s clusters…</span>}
      {clusters !== null && (
        <>
          <label htmlFor={selectId} className="dn-label">
            Cluster from the Inbox
          </label>
          <select id={selectId} className="dn-select dn-wide" value={chosen} onChange={(event) => setChosen(event.target.value)} data-testid="discovery-link-cluster-select">
            <option value="">{choices.length === 0 ? 'Every open cluster is linked already' : 'Choose a cluster…'}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} · {plural(c.signalCount, 'signal')}, {plural(c.customerCount, 'customer')}, {formatMoney(c.arrTotal)} ARR
              </option>
            ))}
          </select>
          <Button appearance="primary" spacing="compact" isDisabled={!chosen} isLoading={note.pending === 'discovery.linkEvidence'} onClick={() => void link()} testId="discovery-link-cluster-save">
            Link
          </Button>
        </>
      )}
      <Button appearance="subtle" spacing="compact" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      <ChangeRefusal error={error} field="clusterIds" />
    </div>
  );
}

/**
 * Who has the problem: the linked clusters with their evidence, then each signal once with the customer's words
 * and ARR; the totals count each customer once. A product lead links more clusters from the Inbox or removes
 * evidence (a cluster goes with the signals it brought).
 */
export function NoteEvidence({ evidence, canEdit, note, projectKey }: { evidence: Evidence; canEdit: boolean; note: NoteState; projectKey: string }) {
  const [showAll, setShowAll] = useState(false);
  const [refusal, setRefusal] = useState<ResolverCallError | null>(null);
  const headingId = useId();
  const { totals } = evidence;
  const linkedClusters = new Set(evidence.clusters.map((c) => c.id));
  const signals = showAll ? evidence.signals : evidence.signals.slice(0, SIGNALS_SHOWN);
  const clusterTitle = (id: string | null) => evidence.clusters.find((c) => c.id === id)?.title ?? null;
  const unlink = async (subject: { clusterIds?: string[]; signalIds?: string[] }) => setRefusal(await note.change('discovery.unlinkEvidence', subject));
  return (
    <section className="dn-section" aria-labelledby={headingId} data-testid="discovery-evidence">
      <div className="dn-section-head">
        <h3 id={headingId} className="dn-h3">
          Who has it
        </h3>
        <span className="dn-meta" data-testid="discovery-evidence-totals">
          {plural(totals.signalCount, 'signal')} from {plural(totals.customerCount, 'customer')}, {formatMoney(totals.arrTotal)} ARR
        </span>
      </div>
      {evidence.clusters.length === 0 && evidence.signals.length === 0 && (
        <p className="dn-empty-text">No evidence linked yet. {canEdit ? 'Link a cluster from the Inbox, or start notes from a cluster there.' : 'A product lead links clusters from the Inbox.'}</p>
      )}
      {evidence.clusters.length > 0 && (
        <ul className="dn-clusters">
          {evidence.clusters.map((c) => (
            <li key={c.id} className="dn-cluster" data-testid="discovery-evidence-cluster" data-cluster-id={c.id}>
              <span className="dn-cluster-title">{c.title ?? 'A cluster since merged away'}</span>
              <span className="dn-meta">
                {plural(c.signalCount, 'signal')} · {plural(c.customerCount, 'customer')} · {formatMoney(c.arrTotal)} ARR{c.state && c.state !== 'new' ? ` · ${c.state}` : ''}
              </span>
              {canEdit && (
                <Button
                  spacing="compact"
                  appearance="subtle"
                  isDisabled={note.pending !== null}
                  onClick={() => void unlink({ clusterIds: [c.id] })}
                  aria-label={`Remove “${c.title ?? c.id}” and its signals from the evidence`}
                  testId="discovery-unlink-cluster"
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {signals.length > 0 && (
        <ul className="dn-signals">
          {signals.map((s) => {
            const through = s.clusterId !== null && linkedClusters.has(s.clusterId);
            return (
              <li key={s.id} className="dn-signal" data-testid="discovery-evidence-signal">
                <span className="dn-customer">
                  {s.customer}
                  {s.arr !== null && <span className="dn-meta"> · {formatMoney(s.arr)} ARR</span>}
                </span>
                <q className="dn-quote">{s.quote}</q>
                <span className="dn-meta">
                  {s.source} · <When iso={s.receivedAt} />
                  {through && ` · in “${clusterTitle(s.clusterId) ?? 'a linked cluster'}”`}
                </span>
                {canEdit && s.linkedItself && !through && (
                  <Button spacing="compact" appearance="subtle" isDisabled={note.pending !== null} onClick={() => void unlink({ signalIds: [s.id] })} aria-label={`Remove ${s.customer}’s signal from the evidence`}>
                    Remove
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {evidence.signals.length > SIGNALS_SHOWN && (
        <button type="button" className="si-link" onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Show fewer signals' : `Show all ${evidence.signals.length} signals`}
        </button>
      )}
      {totals.customers.length > 0 && (
        <p className="dn-meta" data-testid="discovery-evidence-customers">
          Customers: {totals.customers.join(', ')}
        </p>
      )}
      <ChangeRefusal error={refusal} />
      {canEdit && <LinkCluster projectKey={projectKey} linked={linkedClusters} note={note} />}
    </section>
  );
}
