/**
 * Upstream's own data for the seed company: signals from Northwind Ledger's customers (./signals.ts, in the words
 * reps and customers used, from Slack, the CRMs, support tickets, chat, CSV uploads and the feedback form), discovery notes with
 * engineering input, the origin of ~35 issues, and the routing decisions product made for the clusters of the
 * routed signals. Written through the app's own code as the app: signals land in Forge SQL and go through the
 * same processing as any channel's (afterSignalStored, then the outbox consumer), so whatever clusters exist are
 * the engine's own. Idempotent: a row, an origin or a decision that is already there is left alone, so
 * `npm start` can run it on every boot over the same kept database.
 */
import { customersAndArr, ORIGIN_PROPERTY_KEY, type OriginProperty } from '../../../src/domain/origin';
import type { SignalRoute } from '../../../src/domain/signals';
import { afterSignalStored } from '../../../src/services/signals/process';
import { getDiscoveryNote, linkNoteEvidence, saveDiscoveryNote, type StoredDiscoveryNote } from '../../../src/store/discovery-note-repository';
import { createHash } from 'node:crypto';
import { CLUSTER_STATE_OF_ROUTE, ROUTABLE_CLUSTER_STATES } from '../../../src/domain/routing';
import { applyRouteToCluster, getRoutingDecision, recordJiraSide, storeRouteDecision } from '../../../src/store/routing-decision-repository';
import { insertSignals, signalKey, type StoredSignal } from '../../../src/store/signal-repository';
import { sql } from 'kysely';
import { selectRows } from '../../../src/store/sql/run';
import { db } from '../../../src/store/sql/schema';
import type { Sandbox } from '../sandbox';
import { seedCustomers } from './customers';
import { CHEN_WEI, GRACE_LIU, HANNAH_OKAFOR, KWAME_MENSAH, LENA_FISCHER, MAYA_LINDQVIST, PRIYA_RAMAN, SAM_WHITFIELD, TOMAS_ORTEGA, YUKI_TANAKA } from './people';
import { SEED_SIGNALS, type SeedRoute, type SeedSignal as SignalRow } from './signals';
import { seedMySignals } from './my-signals';
import { seedWalkthroughs } from './walkthroughs';
import { seedSlackRawPayload } from '../slack/shortcut';
import { seedSlackBotToken } from './slack-token';

const at = (today: Date, daysAgo: number, hour = 10): string =>
  new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - daysAgo, hour)).toISOString();
type SeedPerson = { accountId: string; displayName: string; role: string };
/** The team roles recorded with an entry: what the author's groups made them when they wrote it. */
const ROLES_OF: Readonly<Record<string, Array<'engineering' | 'design' | 'product' | 'sales'>>> = {
  engineer: ['engineering'],
  designer: ['design'],
  'product-lead': ['product'],
  sales: ['sales'],
};
interface SeedInput {
  kind: NonNullable<StoredDiscoveryNote['engineeringInput']>[number]['kind'];
  who: SeedPerson;
  text: string;
  /** A question's resolution: who resolved it and what was decided. */
  resolved?: { by: SeedPerson; text: string };
}
const input = (kind: SeedInput['kind'], who: SeedPerson, text: string, resolved?: SeedInput['resolved']): SeedInput => ({ kind, who, text, ...(resolved ? { resolved } : {}) });

interface SeedNote {
  id: string;
  title: string;
  problem: string;
  status: StoredDiscoveryNote['status'];
  /** Days since the note was last updated. */
  daysAgo: number;
  inputs: SeedInput[];
  desiredOutcome?: string;
  designDirection?: string;
  participants?: Array<[SeedPerson, 'engineering' | 'design' | 'product' | 'sales']>;
  /** A product lead's waiver of the ready rule. */
  waiver?: string;
}

/**
 * Notes at every status: one exploring, two shaped (one held back by an open engineering question), two ready
 * (one on engineering input, one on a product lead's waiver, which shows), one in delivery and one shipped.
 */
const NOTES: readonly SeedNote[] = [
  {
    id: 'note-instant-payouts',
    title: 'Instant payouts for marketplace sellers',
    problem: 'Sellers on marketplaces wait up to a week for their money and ask their platform for advances; platforms lose sellers to competitors who pay out the same day.',
    status: 'ready',
    daysAgo: 6,
    desiredOutcome: 'A seller can take their balance to a debit card within minutes, and platforms stop losing sellers over payout speed.',
    designDirection: 'An "Instant payout" action beside the balance, with the fee shown before confirming; the standard schedule stays the default.',
    participants: [[HANNAH_OKAFOR, 'product'], [PRIYA_RAMAN, 'engineering'], [KWAME_MENSAH, 'engineering'], [TOMAS_ORTEGA, 'design']],
    inputs: [
      input('constraint', PRIYA_RAMAN, 'Push-to-card goes through the acquirer’s OCT API, which caps a single payout at 10,000 EUR.'),
      input('risk', KWAME_MENSAH, 'Instant payouts cannot be recalled: a fraud loss lands on us, so we need a per-seller velocity limit from day one.'),
      input('technical-shape', PRIYA_RAMAN, 'A new payout rail beside SEPA in the payout engine; the ledger already supports a pending-to-settled transition per rail.'),
    ],
  },
  {
    id: 'note-e-invoicing-eu',
    title: 'E-invoicing formats for EU customers',
    problem: 'Customers in Italy, Germany and Belgium must send structured e-invoices (FatturaPA, XRechnung, ZUGFeRD, Peppol); PDFs are rejected by their customers’ AP teams.',
    status: 'shaped',
    daysAgo: 9,
    desiredOutcome: 'Invoices to Italian, German and Belgian buyers are accepted by their AP systems the first time, without a PDF.',
    participants: [[GRACE_LIU, 'product'], [YUKI_TANAKA, 'engineering'], [CHEN_WEI, 'engineering']],
    inputs: [
      // Open: it holds the note back from ready until someone answers it.
      input('question', YUKI_TANAKA, 'Do we become a Peppol access point ourselves or integrate one? Certification takes months.'),
      input('technical-shape', CHEN_WEI, 'One canonical invoice model rendered by format-specific writers; UBL 2.1 already exists and covers most of XRechnung.'),
    ],
  },
  {
    id: 'note-multi-currency',
    title: 'Invoices in more than one currency',
    problem: 'Enterprise customers bill in EUR and GBP and need the exchange rate locked on the issue date.',
    status: 'in-delivery',
    daysAgo: 20,
    desiredOutcome: 'One account bills in several currencies, and every total on an invoice and its credit notes agrees with the rate of its issue date.',
    designDirection: 'Currency chosen per invoice (defaulting to the customer’s), the locked rate and its source shown under the total.',
    participants: [[HANNAH_OKAFOR, 'product'], [YUKI_TANAKA, 'engineering'], [CHEN_WEI, 'engineering'], [MAYA_LINDQVIST, 'design']],
    inputs: [
      input('constraint', YUKI_TANAKA, 'Amounts are stored in minor units per currency; JPY has none, so rounding rules must come from ISO 4217, not a constant.'),
      input('risk', CHEN_WEI, 'Credit notes against a locked-rate invoice must reuse its rate, or totals drift by a cent per line.'),
      input('question', MAYA_LINDQVIST, 'Which rate source do we show customers: ECB reference or the acquirer’s?', {
        by: YUKI_TANAKA,
        text: 'ECB reference rate of the issue date; the acquirer’s rate only applies at settlement and is not on the invoice.',
      }),
    ],
  },
  {
    id: 'note-payment-plans',
    title: 'Paying an invoice in instalments',
    problem: 'Tenants, parents and patients want to split a large invoice into a few payments; our customers track these by hand.',
    status: 'exploring',
    daysAgo: 12,
    participants: [[GRACE_LIU, 'product'], [LENA_FISCHER, 'engineering']],
    inputs: [
      input('question', LENA_FISCHER, 'Is a plan one invoice with scheduled collections, or several invoices? Dunning and tax reporting differ.'),
      input('constraint', KWAME_MENSAH, 'Card-on-file consent must cover future collections (merchant-initiated transactions) or later charges will be declined.'),
    ],
  },
  {
    id: 'note-portal-history',
    title: 'Payment history in the customer portal',
    problem: 'Our customers’ clients email them for statements and past payments; the portal shows only open invoices.',
    status: 'shaped',
    daysAgo: 3,
    desiredOutcome: 'Clients find any past payment and download a statement themselves, and our customers stop answering those emails.',
    participants: [[HANNAH_OKAFOR, 'product'], [YUKI_TANAKA, 'engineering'], [TOMAS_ORTEGA, 'design']],
    inputs: [
      input('technical-shape', YUKI_TANAKA, 'The portal can read the payments service’s customer view directly; no new storage is needed.'),
      input('risk', TOMAS_ORTEGA, 'Refunds and partial payments need their own rows, or the history will not add up to the statement.'),
    ],
  },
  {
    id: 'note-payout-scheduling',
    title: 'Choosing when payouts arrive',
    problem: 'Merchants whose busy days are at the weekend want payouts on a day they choose, not our fixed schedule.',
    status: 'shipped',
    daysAgo: 15,
    desiredOutcome: 'A merchant picks the weekday their payouts arrive, and it is honoured around bank holidays.',
    participants: [[HANNAH_OKAFOR, 'product'], [SAM_WHITFIELD, 'engineering'], [PRIYA_RAMAN, 'engineering']],
    inputs: [
      input('constraint', SAM_WHITFIELD, 'The payout batch runs per bank calendar; a chosen weekday must still skip bank holidays per country.'),
      input('risk', PRIYA_RAMAN, 'Moving a merchant’s payout day can pay them twice in one week if the change lands between batches.'),
    ],
  },
  {
    id: 'note-statements-by-email',
    title: 'Customer statements by email at month end',
    problem: 'Finance teams spend two days a month exporting and emailing statements to each of their customers.',
    status: 'ready',
    daysAgo: 4,
    desiredOutcome: 'Every customer gets their statement by email on the first working day of the month, with nobody exporting anything.',
    participants: [[GRACE_LIU, 'product'], [MAYA_LINDQVIST, 'design']],
    inputs: [input('risk', MAYA_LINDQVIST, 'Customers with many sub-accounts need one statement each, or the email becomes unreadable.')],
    waiver:
      'The statement job and its PDF already exist for the portal; this only schedules it and emails the result. Sam reviewed it in sprint planning and has nothing to add, so we are not holding it for written input.',
  },
];

/** [issue summary, signal external ids, discovery note id] — matched against the seeded site by summary. */
const ORIGINS: ReadonlyArray<[string, string[], string | null]> = [
  ['Instant payouts to debit cards for marketplace sellers', ['crm-4471'], 'note-instant-payouts'],
  ['Refund webhook fires before the refund settles', ['slack-1699.01'], null],
  ['Export invoices as FatturaPA', ['crm-4502'], 'note-e-invoicing-eu'],
  ['Credit note shows the wrong total for invoices with more than 200 lines', ['form-889'], null],
  ['Export invoices as XRechnung', ['crm-4519'], 'note-e-invoicing-eu'],
  ['Export invoices as ZUGFeRD', ['crm-4519'], 'note-e-invoicing-eu'],
  ['Direct debit collection runs twice during the nightly settlement run', ['slack-1702.44'], null],
  ['Multi-currency invoices with locked exchange rates', ['csv-2026-10-a'], 'note-multi-currency'],
  ['Payment plans: split an invoice into instalments', ['crm-4533', 'form-931'], 'note-payment-plans'],
  ['Recurring invoice scheduled on the 31st skips February', ['form-901'], null],
  ['Let merchants choose the payout day of the week', ['slack-1704.10', 'form-944'], 'note-payout-scheduling'],
  ['Payment link expires an hour early for merchants in Australia', ['crm-4540'], null],
  ['Sync credit notes to Xero', ['form-915'], null],
  ['ACH returns matched to the wrong invoice when amounts are equal', ['slack-1705.72'], null],
  ['Let customers see their payment history in the customer portal', ['crm-4551'], 'note-portal-history'],
  ['Dunning email links to an expired payment page', ['form-920'], null],
  ['Customer statements by email at month end', ['csv-2026-10-b'], null],
  ['Settlement export runs twice when the acquirer returns a 502', ['slack-1707.03'], null],
  ['Support iDEAL for recurring invoices', ['crm-4560'], null],
  ["Hosted checkout fails when the customer's card was reissued", ['form-927'], null],
  ['3-D Secure challenge loops back to checkout on Safari 17', ['slack-1708.55'], null],
  ['Cannot bulk-void invoices from the list view', ['form-940'], null],
  ['Saved card update fails for partially refunded payments', ['slack-1709.20'], null],
  ['Translate invoices and reminder emails into Portuguese', ['form-951'], null],
  ['Partial refunds from the payments list', ['crm-4577'], null],
  ['Export payouts to Xero', ['crm-4580'], null],
  // Later links, where the need a backlog item names came in from the field.
  ['Send e-invoices over Peppol in Belgium and Germany', ['form-975', 'slack-1716.33'], 'note-e-invoicing-eu'],
  ['Sync invoices to Xero', ['form-969', 'slack-1714.31', 'form-979'], null],
  ['Add bulk actions to the invoice list', ['crm-4603', 'slack-1713.72', 'form-973', 'crm-4628'], null],
  ['Approval step before sending invoices above a threshold', ['crm-4611', 'crm-4619'], null],
  ['Add dunning email templates for overdue invoices', ['form-967'], null],
  ['Payout reconciliation report for finance', ['crm-4602', 'csv-2026-11-i', 'slack-1716.28'], null],
  ['Apple Pay and Google Pay on hosted checkout', ['form-992', 'slack-1715.70'], null],
  ['Translate invoices and reminder emails into German', ['crm-4624'], null],
  ['Customer CSV import fails on semicolon-separated files', ['form-990'], null],
  ['Invoice list takes 12 seconds to load for large accounts', ['slack-1714.95'], null],
];

/**
 * Why product routed each theme where it went, in the product lead's words: recorded as the decision of the
 * cluster the engine put its routed signals in. A theme not listed gets its route's general reason.
 */
const RATIONALES: Readonly<Record<string, string>> = {
  'instant-payouts': 'Three logistics and staffing customers lose workers to apps that pay the same day, and they will pay a fee for it. Worth building; the fraud limits in the discovery note come first.',
  'refund-webhooks': 'A webhook that says money is there before it is breaks customer ledgers. Small fix in the refunds worker; do it this sprint.',
  'e-invoicing': 'Mandates in Italy, Germany and Belgium make this a renewal risk, not a nice-to-have. Roadmap, starting with Peppol and XRechnung on one canonical invoice model.',
  'credit-note-totals': 'Wrong totals on a credit note are a trust problem with auditors. Quick fix in the totals calculation.',
  'duplicate-collection': 'Charging a customer twice is the worst thing we can do. Fix now, and add an alert on double collections.',
  'multi-currency': 'Enterprise accounts keep asking, and some run several accounts just to bill in other currencies. On the roadmap with locked rates.',
  'payment-plans': 'Tenants, parents and patients all ask for the same thing. Roadmap; the open question on one invoice vs several goes to discovery.',
  'recurring-month-end': 'Invoices that silently do not go out cost our customers money. Quick fix in the scheduler date logic.',
  'payout-day': 'Many merchants, same ask in different words: payouts on a day that fits their cash flow. Roadmap, with the bank-holiday constraint from engineering.',
  'payment-link-expiry': 'A timezone bug in link expiry; small and contained. Quick fix.',
  'xero-sync': 'Most of our SMB and AU customers keep their books in Xero and re-key everything. Roadmap: payouts first, then invoices and credit notes.',
  'ach-return-matching': 'Mismatched returns wreck reconciliation. Quick fix: match on the trace number, not the amount.',
  'portal-payment-history': 'Clients emailing for statements is work the portal should save. Roadmap; no new storage needed.',
  'dunning-emails': 'Reminders that embarrass our customers in front of theirs: fix the broken links now and give them templates and schedules they control.',
  'statements-by-email': 'Two days a month of manual statements per customer. Roadmap, small.',
  'settlement-export-duplicates': 'Duplicate exports break finance imports. Make the export idempotent; quick fix.',
  'local-payment-methods': 'Card-only checkout loses renewals in the Netherlands and the Nordics. Roadmap, one method per region at a time.',
  'reissued-card-checkout': 'Customers think we declined them. Quick fix: use the network token update.',
  '3ds-failures': 'Checkout failing at the 3-D Secure step is lost revenue for every merchant it touches. Quick fix on the challenge redirect, then measure by browser.',
  'invoice-line-notes': 'Small, often asked by project-based businesses. Roadmap.',
  'invoice-branding': 'Nice to have, but no one churns over a font. Parking lot until templates are reworked.',
  'bulk-actions': 'Five customers doing the same thing hundreds of times by hand. Roadmap: multi-select on the invoice list with send, void and mark paid.',
  'saved-card-update': 'Blocks the next payment for a customer. Quick fix.',
  'dark-mode': 'Asked for kindly and rarely. Parking lot.',
  'invoice-translation': 'Invoices in the customer’s language are table stakes in Europe. Roadmap, one language at a time.',
  'checkout-fee-mismatch': 'A fee on checkout that differs from our pricing page looks like we are overcharging. Quick fix.',
  'sms-whatsapp-delivery': 'Interesting but small demand so far. Parking lot; revisit with reminder channels.',
  'partial-refunds': 'Saves a support ticket per refund. Roadmap, small.',
  'apple-pay': 'Mobile wallets on hosted checkout: most small merchants’ customers pay on their phones. Roadmap.',
  'invoice-approvals': 'Compliance requirement for larger accounts (four eyes). Roadmap.',
  'reconciliation': 'Month-end close is where finance teams feel our gaps most. Roadmap: one payout reconciliation report they can hand to auditors.',
  'customer-import': 'Semicolon CSVs are the default in half of Europe. Quick fix.',
  'invoice-list-performance': 'Large accounts cannot use the invoice list. Quick fix on the query, then paginate properly.',
};
const ROUTE_RATIONALE: Readonly<Record<SeedRoute, string>> = {
  roadmap: 'Enough customers and ARR behind it to plan it.',
  'quick-fix': 'A contained defect customers feel today; fix it now.',
  'parking-lot': 'Real but small; parked until we touch this area again.',
};

interface SeededSignal {
  id: string;
  customer: string;
  arr: number;
}

const routedAs = (row: SignalRow): SeedRoute | null => (row.disposition === 'new' || row.disposition === 'triaged' ? null : row.disposition);

/** Inserts the seed's signals; answers them by external id, and the ids of the ones this run created. */
async function seedSignals(today: Date): Promise<{ byExternalId: Map<string, SeededSignal>; created: string[] }> {
  const customers = new Map(seedCustomers().map((c) => [c.id, c]));
  const byExternalId = new Map<string, SeededSignal>();
  const signals: StoredSignal[] = [];
  for (const [n, row] of SEED_SIGNALS.entries()) {
    const { externalId, customerId, source, daysAgo, disposition, raisedBy, text } = row;
    const customer = customers.get(customerId);
    if (!customer) throw new Error(`app-data: unknown customer ${customerId}`);
    byExternalId.set(externalId, { id: signalKey(source, externalId), customer: customer.name, arr: customer.arr });
    const route = routedAs(row);
    const receivedAt = Math.floor(Date.parse(at(today, daysAgo, 9 + (daysAgo % 8))) / 1000);
    // A rep's Slack signal keeps the shortcut's request, as the webtrigger keeps it: the rep is told in Slack.
    const rawPayload = source === 'slack' ? seedSlackRawPayload(raisedBy, text, receivedAt, n) : undefined;
    signals.push({
      externalId,
      source,
      state: route ? 'routed' : (disposition as 'new' | 'triaged'),
      receivedAt,
      customer: customer.name,
      text,
      raisedByName: raisedBy,
      arr: customer.arr,
      ...(route ? { route } : {}),
      ...(rawPayload ? { rawPayload } : {}),
    });
  }
  const ids = [...byExternalId.values()].map((s) => s.id);
  const existing = new Set((await selectRows(db.selectFrom('signal').select('id').where('id', 'in', ids).compile())).map((r) => r.id));
  // One statement; a signal already there (an earlier boot, or one a person has since triaged) is left as it is.
  await insertSignals(signals, today.getTime());
  return { byExternalId, created: ids.filter((id) => !existing.has(id)) };
}

/** An entry as the seed writes it: with the author's roles then, and a question's resolution. */
const entryOf = (today: Date, note: SeedNote, e: SeedInput, i: number) => ({
  kind: e.kind,
  text: e.text,
  authorAccountId: e.who.accountId,
  authorName: e.who.displayName,
  authorRoles: ROLES_OF[e.who.role] ?? [],
  at: at(today, note.daysAgo + note.inputs.length - i, 14),
  ...(e.resolved ? { resolution: { by: e.resolved.by.accountId, byName: e.resolved.by.displayName, text: e.resolved.text, at: at(today, note.daysAgo, 11) } } : {}),
});

/** Each note once (a note already there is left as a person may have changed it), with the signals and clusters behind it. */
async function seedNotes(today: Date, signals: Map<string, SeededSignal>): Promise<void> {
  for (const note of NOTES) {
    if ((await getDiscoveryNote(note.id)) !== null) continue;
    const lead = note.participants?.find(([, role]) => role === 'product')?.[0] ?? HANNAH_OKAFOR;
    await linkNoteEvidence(note.id, await evidenceOf(note.id, signals), lead.accountId, Date.parse(at(today, note.daysAgo + 7)));
    await saveDiscoveryNote({
      id: note.id,
      title: note.title,
      problem: note.problem,
      status: note.status,
      updatedAt: Math.floor(Date.parse(at(today, note.daysAgo)) / 1000),
      engineeringInput: note.inputs.map((e, i) => entryOf(today, note, e, i)),
      createdBy: lead.accountId,
      createdByName: lead.displayName,
      ...(note.desiredOutcome ? { desiredOutcome: note.desiredOutcome } : {}),
      ...(note.designDirection ? { designDirection: note.designDirection } : {}),
      ...(note.participants ? { participants: note.participants.map(([who, role]) => ({ accountId: who.accountId, name: who.displayName, role })) } : {}),
      ...(note.waiver ? { waiver: { by: lead.accountId, byName: lead.displayName, reason: note.waiver, at: at(today, note.daysAgo, 16) } } : {}),
    });
  }
}

/** The signals the origins below trace to this note, and the clusters the engine put them in. */
async function evidenceOf(noteId: string, signals: Map<string, SeededSignal>): Promise<{ clusterIds: string[]; signalIds: string[] }> {
  const signalIds = [
    ...new Set(ORIGINS.filter(([, , origin]) => origin === noteId).flatMap(([, externalIds]) => externalIds.flatMap((x) => signals.get(x)?.id ?? []))),
  ];
  if (signalIds.length === 0) return { clusterIds: [], signalIds };
  const rows = await selectRows(db.selectFrom('signal').select('cluster_id').where('id', 'in', signalIds).compile());
  return { clusterIds: [...new Set(rows.flatMap((r) => (r.cluster_id ? [r.cluster_id] : [])))], signalIds };
}

async function seedOrigins(sandbox: Sandbox, today: Date, signals: Map<string, SeededSignal>): Promise<void> {
  for (const [summary, externalIds, noteId] of ORIGINS) {
    const issue = sandbox.jira.site.issues.find((i) => i.summary === summary);
    if (!issue || issue.properties[ORIGIN_PROPERTY_KEY] !== undefined) continue;
    const linked = externalIds.map((x) => signals.get(x)).filter((s): s is SeededSignal => s !== undefined);
    const origin: OriginProperty = {
      kind: 'linked',
      signalIds: linked.map((s) => s.id),
      discoveryNoteId: noteId,
      ...customersAndArr(linked),
      linkedAt: at(today, 2),
      linkedBy: HANNAH_OKAFOR.accountId,
    };
    // Through the emulator's REST handler as the app, so the write is checked like any other property write.
    const res = await sandbox.jira.handle({
      method: 'PUT',
      path: `/rest/api/3/issue/${issue.key}/properties/${ORIGIN_PROPERTY_KEY}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(origin),
      asUser: null,
    });
    if (res.status >= 300) throw new Error(`app-data: could not set the origin of ${issue.key} (${res.status})`);
  }
}

/**
 * For each routed seed signal that the engine has put in a cluster, the decision that routed it, unless that
 * cluster already has one (an earlier boot, or a person decided since). The first routed signal of a cluster,
 * in seed order, names its route. Answers how many were recorded and how many routed signals had no cluster.
 */
async function seedRoutingDecisions(sandbox: Sandbox, today: Date, signals: Map<string, SeededSignal>): Promise<{ decided: number; unclustered: number }> {
  const routed = SEED_SIGNALS.flatMap((row) => {
    const route = routedAs(row);
    const signal = signals.get(row.externalId);
    return route && signal ? [{ row, route, id: signal.id }] : [];
  });
  const rows = await selectRows(db.selectFrom('signal').select(['id', 'cluster_id']).where('id', 'in', routed.map((r) => r.id)).compile());
  const clusterOf = new Map(rows.map((r) => [r.id, r.cluster_id]));
  // A cluster is decided only when most of its signals were routed in the seed: one where most arrived unrouted
  // stays in the Inbox (new evidence the lead has not seen), so the Inbox keeps clusters of several signals.
  const clusterIds = [...new Set(rows.flatMap((r) => (r.cluster_id ? [r.cluster_id] : [])))];
  const sizes = clusterIds.length
    ? await selectRows(db.selectFrom('signal').select(['cluster_id', sql<number>`COUNT(*)`.as('signals')]).where('cluster_id', 'in', clusterIds).groupBy('cluster_id').compile())
    : [];
  const sizeOf = new Map(sizes.map((r) => [r.cluster_id, Number(r.signals)]));
  const routedIn = new Map<string, number>();
  for (const r of rows) if (r.cluster_id) routedIn.set(r.cluster_id, (routedIn.get(r.cluster_id) ?? 0) + 1);
  const mostlyRouted = (clusterId: string): boolean => 2 * (routedIn.get(clusterId) ?? 0) >= (sizeOf.get(clusterId) ?? 0);
  const issueKeyOf = new Map<string, string>();
  for (const [summary, externalIds] of ORIGINS) {
    const issue = sandbox.jira.site.issues.find((i) => i.summary === summary);
    for (const x of externalIds) if (issue && !issueKeyOf.has(x)) issueKeyOf.set(x, issue.key);
  }
  const seen = new Set<string>();
  let decided = 0;
  let unclustered = 0;
  for (const { row, route, id } of routed) {
    const clusterId = clusterOf.get(id);
    if (!clusterId) {
      unclustered += 1;
      continue;
    }
    if (seen.has(clusterId) || !mostlyRouted(clusterId)) continue;
    seen.add(clusterId);
    if ((await getRoutingDecision(clusterId)) !== null) continue;
    const issueKey = issueKeyOf.get(row.externalId);
    // As a lead's decision lands: stored version-checked, the Jira side done (the seeded issue it became), and the
    // cluster moved to where the route leaves it, so the Parking lot and Routed tabs and My signals agree with it.
    // decision_id holds 64 characters: a digest of the cluster keeps it short and the same on every boot.
    const decisionId = `decision-seed-${createHash('sha256').update(clusterId).digest('hex').slice(0, 40)}`;
    const version = (await selectRows(db.selectFrom('cluster').select('version').where('id', '=', clusterId).compile()))[0]?.version ?? 1;
    const decidedAt = Date.parse(at(today, Math.max(0, row.daysAgo - 1), 16));
    await storeRouteDecision(
      {
        clusterId,
        decisionId,
        clusterVersion: Number(version),
        route: route satisfies SignalRoute,
        rationale: RATIONALES[row.theme] ?? ROUTE_RATIONALE[route],
        decidedBy: HANNAH_OKAFOR.accountId,
        decidedByName: HANNAH_OKAFOR.displayName,
        jiraState: 'none',
        jiraEffectId: null,
        targetProjectKey: issueKey ? issueKey.split('-')[0]! : null,
        epicKey: route === 'roadmap' && issueKey ? issueKey : null,
        epicSummary: null,
        intoNextSprint: route === 'quick-fix' ? false : null,
        duplicateOf: null,
        // Someone decided between the read and the write: theirs stands, and this changes nothing.
        requireClusterAt: { routableStates: ROUTABLE_CLUSTER_STATES },
        parkBaseline: route === 'parking-lot',
      },
      decidedAt,
    );
    if ((await getRoutingDecision(clusterId)) === null) continue;
    if (issueKey) await recordJiraSide(clusterId, decisionId, { state: 'done', issueKey });
    if (await applyRouteToCluster(clusterId, decisionId, CLUSTER_STATE_OF_ROUTE[route], ROUTABLE_CLUSTER_STATES, decidedAt)) decided += 1;
  }
  return { decided, unclustered };
}

export interface AppDataSeeded {
  /** Signals this run inserted (and handed to the app's processing). */
  signalsCreated: number;
  /** Routing decisions this run recorded. */
  decisionsRecorded: number;
  /** Routed seed signals that are in no cluster (none, until the clustering pipeline runs from the outbox). */
  routedWithoutCluster: number;
}

/**
 * Writes the seed's signals, runs each new one through the app's processing (settling the events queue, so the
 * engine's clusters exist before the next step), then discovery notes, issue origins and routing decisions;
 * safe to run again on the same storage.
 */
export async function seedAppDataCounted(sandbox: Sandbox, today: Date): Promise<AppDataSeeded> {
  const { byExternalId, created } = await sandbox.asApp(async () => {
    const inserted = await seedSignals(today);
    // As every channel does after storing a signal; only for new ones, so a reboot pushes nothing.
    for (const id of inserted.created) await afterSignalStored(id);
    return inserted;
  });
  await sandbox.events.settle();
  const counted = await sandbox.asApp(async () => {
    await seedNotes(today, byExternalId);
    await seedOrigins(sandbox, today, byExternalId);
    const { decided, unclustered } = await seedRoutingDecisions(sandbox, today, byExternalId);
    // My signals: the reps' accounts on their signals, and the sales persona's signals in every status.
    await seedMySignals(sandbox, today);
    return { signalsCreated: created.length, decisionsRecorded: decided, routedWithoutCluster: unclustered };
  });
  // After the origins: each walkthrough's issue has its readiness flag judged, which reads its origin and note.
  await seedWalkthroughs(sandbox, today);
  return counted;
}

export interface SeedAppDataOptions {
  /**
   * Save the sandbox workspace's Slack bot token as an admin would on the settings page (`npm start` does), so
   * reps are told in the emulated Slack at once. Off by default: tests start with no token, as a new install does.
   */
  slackBotToken?: boolean;
}

/** seedAppDataCounted without the counts (what `npm start` and the tests' worlds call). */
export async function seedAppData(sandbox: Sandbox, today: Date, options: SeedAppDataOptions = {}): Promise<void> {
  await seedAppDataCounted(sandbox, today);
  if (options.slackBotToken) await seedSlackBotToken(sandbox);
}

/** For tests: the id of a seeded signal by its external id, and the seeded rows. */
export const seededSignalId = (externalId: string): string => {
  const row = SEED_SIGNALS.find((s) => s.externalId === externalId);
  if (!row) throw new Error(`app-data: no seeded signal ${externalId}`);
  return signalKey(row.source, row.externalId);
};
export const SEEDED_SIGNAL_COUNT = SEED_SIGNALS.length;
export const SEEDED_NOTE_IDS = NOTES.map((n) => n.id);
export const SEEDED_ORIGIN_SUMMARIES = ORIGINS.map((o) => o[0]);
