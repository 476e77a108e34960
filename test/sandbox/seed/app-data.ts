/**
 * Upstream's own data for the seeded company: signals from Northwind Ledger's customers (in their words, from
 * Slack, the CRM, CSV uploads and the feedback form), discovery notes with engineering input, and the origin
 * of ~25 issues. Written through the app's own repositories as the app (signals and notes land in Forge SQL),
 * and idempotent: a row or an origin that is already there is left alone, so `npm start` can run it on every
 * boot over the same kept database.
 */
import { customersAndArr, ORIGIN_PROPERTY_KEY, type OriginProperty } from '../../../src/domain/origin';
import { getDiscoveryNote, saveDiscoveryNote, type StoredDiscoveryNote } from '../../../src/store/discovery-note-repository';
import { insertSignals, signalKey, type StoredSignal } from '../../../src/store/signal-repository';
import type { Sandbox } from '../sandbox';
import { seedCustomers } from './customers';
import { CHEN_WEI, HANNAH_OKAFOR, JORDAN_REYES, KWAME_MENSAH, LENA_FISCHER, MARCUS_BELL, PRIYA_RAMAN, SAM_WHITFIELD, YUKI_TANAKA } from './people';

type Source = 'slack' | 'crm' | 'csv' | 'form';
type Route = 'quick-fix' | 'roadmap' | 'parking-lot';

/** [external id, customer id, source, days ago, route (routed) | 'triaged' | 'new', raised by, the customer's words] */
type SignalRow = [string, string, Source, number, Route | 'triaged' | 'new', string, string];

const RAISED = { marcus: MARCUS_BELL.displayName, jordan: JORDAN_REYES.displayName, support: 'Ana Ruiz (Support)', form: 'Feedback form' };

const SIGNALS: readonly SignalRow[] = [
  ['crm-4471', 'cus_harborpine', 'crm', 52, 'roadmap', RAISED.marcus, 'Our drivers get paid weekly and half of them ask for an advance. If your payouts could land on a debit card the same day, we would move all 300 subcontractors onto you.'],
  ['slack-1699.01', 'cus_harborpine', 'slack', 20, 'quick-fix', RAISED.marcus, 'Finance says a refund webhook came in before the refund had actually settled, so our ledger showed money we did not have yet.'],
  ['crm-4502', 'cus_meridianhealth', 'crm', 47, 'roadmap', RAISED.marcus, 'We bill patients in Italy through a partner and they now need FatturaPA. Today somebody re-keys every invoice into the partner portal.'],
  ['form-889', 'cus_meridianhealth', 'form', 12, 'quick-fix', RAISED.form, 'The credit note total is wrong on our big monthly invoices. It only happens on the ones with hundreds of lines.'],
  ['crm-4519', 'cus_atlasfreight', 'crm', 44, 'roadmap', RAISED.jordan, 'German customers keep asking for XRechnung and ZUGFeRD. Without them we are stuck sending PDFs that their AP teams reject.'],
  ['slack-1702.44', 'cus_atlasfreight', 'slack', 9, 'quick-fix', RAISED.jordan, 'Direct debit collection ran twice last night for a handful of our customers. We have refunded them by hand, but please make it stop.'],
  ['csv-2026-10-a', 'cus_atlasfreight', 'csv', 33, 'roadmap', RAISED.jordan, 'Invoices need to go out in EUR and GBP with the rate fixed on the day we issue them, not the day they are paid.'],
  ['crm-4533', 'cus_copperleaf', 'crm', 41, 'roadmap', RAISED.jordan, 'Tenants want to split their deposit into three or four payments. Right now our property managers track that in a spreadsheet.'],
  ['form-901', 'cus_copperleaf', 'form', 15, 'quick-fix', RAISED.form, 'A recurring invoice scheduled for the 31st just never went out in February. Two of our landlords noticed before we did.'],
  ['slack-1704.10', 'cus_kestreldental', 'slack', 26, 'roadmap', RAISED.marcus, 'Our practices would love to choose which weekday payouts arrive. Friday payouts land after payroll has already run.'],
  ['crm-4540', 'cus_kestreldental', 'crm', 18, 'quick-fix', RAISED.marcus, 'Patients in Australia say the payment link expired before the time the email promised.'],
  ['form-915', 'cus_bluefern', 'form', 30, 'roadmap', RAISED.form, 'Please sync credit notes to Xero. Our bookkeeper creates every one of them twice.'],
  ['slack-1705.72', 'cus_bluefern', 'slack', 7, 'quick-fix', RAISED.jordan, 'ACH returns are being matched to the wrong invoice whenever two invoices have the same amount. Reconciliation took all of Monday.'],
  ['crm-4551', 'cus_quillwright', 'crm', 38, 'roadmap', RAISED.marcus, 'Clients want to see their payment history in the portal instead of emailing us for statements.'],
  ['form-920', 'cus_quillwright', 'form', 11, 'quick-fix', RAISED.form, 'The dunning email sent one of our clients to a payment page that had already expired. Embarrassing for a law firm.'],
  ['csv-2026-10-b', 'cus_solsticeenergy', 'csv', 35, 'roadmap', RAISED.jordan, 'We need statements to go out by email at month end automatically. Our team spends two days a month on it.'],
  ['slack-1707.03', 'cus_solsticeenergy', 'slack', 6, 'quick-fix', RAISED.jordan, 'Settlement export ran twice when the acquirer hiccuped and our finance import choked on the duplicates.'],
  ['crm-4560', 'cus_tidewater', 'crm', 29, 'roadmap', RAISED.marcus, 'Dutch customers ask for iDEAL on recurring invoices. Card only is costing us renewals.'],
  ['form-927', 'cus_tidewater', 'form', 5, 'quick-fix', RAISED.form, 'Checkout fails for customers whose card was reissued by the bank. They think we declined them.'],
  ['form-931', 'cus_lumenacademy', 'form', 24, 'roadmap', RAISED.form, 'Parents want to pay tuition in instalments. Could an invoice be split into a payment plan?'],
  ['slack-1708.55', 'cus_lumenacademy', 'slack', 4, 'quick-fix', RAISED.jordan, 'Safari users get stuck in a loop on the 3-D Secure step and give up.'],
  ['form-934', 'cus_fieldstone', 'form', 22, 'roadmap', RAISED.form, 'We would like to add a note to a single invoice line, e.g. which drawing revision it covers.'],
  ['csv-2026-11-a', 'cus_fieldstone', 'csv', 13, 'parking-lot', RAISED.marcus, 'Could invoices have our brand colours and a custom font?'],
  ['form-940', 'cus_brightside', 'form', 19, 'roadmap', RAISED.form, 'We need to void a batch of invoices at once. Doing it one by one after a pricing mistake took an afternoon.'],
  ['slack-1709.20', 'cus_brightside', 'slack', 3, 'quick-fix', RAISED.jordan, 'Saved card updates fail when the customer had a partial refund. Our cleaners cannot get paid for the next visit.'],
  ['form-944', 'cus_oakandember', 'form', 17, 'roadmap', RAISED.form, 'Let us choose the payout day, please. Catering has big Saturdays and we need the money on Monday.'],
  ['form-946', 'cus_oakandember', 'form', 8, 'parking-lot', RAISED.form, 'A dark mode for the dashboard would be lovely for late-night bookkeeping.'],
  ['form-951', 'cus_pixelharbor', 'form', 16, 'roadmap', RAISED.form, 'International clients want invoices in Portuguese. We translate them by hand today.'],
  ['slack-1710.08', 'cus_pixelharbor', 'slack', 2, 'quick-fix', RAISED.jordan, 'Hosted checkout shows a different fee than the one on our pricing page for EU customers.'],
  ['form-955', 'cus_greenlinebikes', 'form', 14, 'parking-lot', RAISED.form, 'It would be nice to send invoices by SMS as well as email.'],
  ['crm-4577', 'cus_meridianhealth', 'crm', 10, 'roadmap', RAISED.marcus, 'Partial refunds straight from the payments list would save our billing desk a support ticket every time.'],
  ['crm-4580', 'cus_harborpine', 'crm', 8, 'roadmap', RAISED.marcus, 'Export payouts to Xero so our controllers stop building the journal by hand.'],
  ['crm-4583', 'cus_copperleaf', 'crm', 6, 'triaged', RAISED.jordan, 'Landlords want an approval step before invoices above a threshold go out.'],
  ['slack-1711.31', 'cus_kestreldental', 'slack', 2, 'new', RAISED.support, 'The late fee job failed again after an invoice was edited. Support has three tickets this week.'],
  ['form-960', 'cus_bluefern', 'form', 1, 'new', RAISED.form, 'Could you support Swish at checkout? Half our Swedish customers ask.'],
  ['crm-4590', 'cus_atlasfreight', 'crm', 1, 'new', RAISED.jordan, 'Peppol in Belgium is mandatory from January for our B2B customers. Is it on your roadmap?'],
  ['csv-2026-11-b', 'cus_solsticeenergy', 'csv', 4, 'triaged', RAISED.jordan, 'Customers on usage plans need line items built from their meter readings.'],
  ['form-963', 'cus_tidewater', 'form', 3, 'triaged', RAISED.form, 'Refund webhooks time out whenever the acquirer returns a 502, and our shop shows the order as unpaid.'],
  ['slack-1712.02', 'cus_quillwright', 'slack', 1, 'new', RAISED.support, 'A client said the customer portal magic link still worked the next day after they had used it.'],
  ['form-966', 'cus_lumenacademy', 'form', 0, 'new', RAISED.form, 'Reminder emails went to a contact we archived months ago.'],
];

const at = (today: Date, daysAgo: number, hour = 10): string =>
  new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - daysAgo, hour)).toISOString();
const input = (kind: StoredDiscoveryNote['engineeringInput'][number]['kind'], who: { accountId: string; displayName: string }, text: string) => ({
  kind,
  who,
  text,
});

/** [id, title, problem, status, days since update, engineering input] */
const NOTES: ReadonlyArray<[string, string, string, StoredDiscoveryNote['status'], number, ReturnType<typeof input>[]]> = [
  ['note-instant-payouts', 'Instant payouts for marketplace sellers', 'Sellers on marketplaces wait up to a week for their money and ask their platform for advances; platforms lose sellers to competitors who pay out the same day.', 'ready', 6, [
    input('constraint', PRIYA_RAMAN, 'Push-to-card goes through the acquirer’s OCT API, which caps a single payout at 10,000 EUR.'),
    input('risk', KWAME_MENSAH, 'Instant payouts cannot be recalled: a fraud loss lands on us, so we need a per-seller velocity limit from day one.'),
    input('technical-shape', PRIYA_RAMAN, 'A new payout rail beside SEPA in the payout engine; the ledger already supports a pending-to-settled transition per rail.'),
  ]],
  ['note-e-invoicing-eu', 'E-invoicing formats for EU customers', 'Customers in Italy, Germany and Belgium must send structured e-invoices (FatturaPA, XRechnung, ZUGFeRD, Peppol); PDFs are rejected by their customers’ AP teams.', 'exploring', 9, [
    input('question', YUKI_TANAKA, 'Do we become a Peppol access point ourselves or integrate one? Certification takes months.'),
    input('technical-shape', CHEN_WEI, 'One canonical invoice model rendered by format-specific writers; UBL 2.1 already exists and covers most of XRechnung.'),
  ]],
  ['note-multi-currency', 'Invoices in more than one currency', 'Enterprise customers bill in EUR and GBP and need the exchange rate locked on the issue date.', 'ready', 20, [
    input('constraint', YUKI_TANAKA, 'Amounts are stored in minor units per currency; JPY has none, so rounding rules must come from ISO 4217, not a constant.'),
    input('risk', CHEN_WEI, 'Credit notes against a locked-rate invoice must reuse its rate, or totals drift by a cent per line.'),
  ]],
  ['note-payment-plans', 'Paying an invoice in instalments', 'Tenants, parents and patients want to split a large invoice into a few payments; our customers track these by hand.', 'exploring', 12, [
    input('question', LENA_FISCHER, 'Is a plan one invoice with scheduled collections, or several invoices? Dunning and tax reporting differ.'),
    input('constraint', KWAME_MENSAH, 'Card-on-file consent must cover future collections (merchant-initiated transactions) or later charges will be declined.'),
  ]],
  ['note-portal-history', 'Payment history in the customer portal', 'Our customers’ clients email them for statements and past payments; the portal shows only open invoices.', 'draft', 3, [
    input('technical-shape', YUKI_TANAKA, 'The portal can read the payments service’s customer view directly; no new storage is needed.'),
  ]],
  ['note-payout-scheduling', 'Choosing when payouts arrive', 'Merchants whose busy days are at the weekend want payouts on a day they choose, not our fixed schedule.', 'ready', 15, [
    input('constraint', SAM_WHITFIELD, 'The payout batch runs per bank calendar; a chosen weekday must still skip bank holidays per country.'),
    input('risk', PRIYA_RAMAN, 'Moving a merchant’s payout day can pay them twice in one week if the change lands between batches.'),
  ]],
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
];

interface SeededSignal {
  id: string;
  customer: string;
  arr: number;
}

async function seedSignals(today: Date): Promise<Map<string, SeededSignal>> {
  const customers = new Map(seedCustomers().map((c) => [c.id, c]));
  const byExternalId = new Map<string, SeededSignal>();
  const signals: StoredSignal[] = [];
  for (const [externalId, customerId, source, daysAgo, disposition, raisedBy, text] of SIGNALS) {
    const customer = customers.get(customerId);
    if (!customer) throw new Error(`app-data: unknown customer ${customerId}`);
    byExternalId.set(externalId, { id: signalKey(source, externalId), customer: customer.name, arr: customer.arr });
    const routed = disposition !== 'new' && disposition !== 'triaged';
    signals.push({
      externalId,
      source,
      state: routed ? 'routed' : disposition,
      receivedAt: Math.floor(Date.parse(at(today, daysAgo, 9 + (daysAgo % 8))) / 1000),
      customer: customer.name,
      text,
      raisedByName: raisedBy,
      arr: customer.arr,
      ...(routed ? { route: disposition } : {}),
    });
  }
  // One statement; a signal already there (an earlier boot, or one a person has since triaged) is left as it is.
  await insertSignals(signals, today.getTime());
  return byExternalId;
}

async function seedNotes(today: Date): Promise<void> {
  for (const [id, title, problem, status, daysAgo, inputs] of NOTES) {
    if ((await getDiscoveryNote(id)) !== null) continue;
    await saveDiscoveryNote({
      id,
      title,
      problem,
      status,
      updatedAt: Math.floor(Date.parse(at(today, daysAgo)) / 1000),
      engineeringInput: inputs.map((e, i) => ({
        kind: e.kind,
        text: e.text,
        authorAccountId: e.who.accountId,
        authorName: e.who.displayName,
        at: at(today, daysAgo + inputs.length - i, 14),
      })),
    });
  }
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

/** Writes the seed's signals, discovery notes and issue origins; safe to run again on the same storage. */
export async function seedAppData(sandbox: Sandbox, today: Date): Promise<void> {
  await sandbox.asApp(async () => {
    const signals = await seedSignals(today);
    await seedNotes(today);
    await seedOrigins(sandbox, today, signals);
  });
}

/** For tests: the id of a seeded signal by its external id, and the seeded rows. */
export const seededSignalId = (externalId: string): string => {
  const row = SIGNALS.find((s) => s[0] === externalId);
  if (!row) throw new Error(`app-data: no seeded signal ${externalId}`);
  return signalKey(row[2], row[0]);
};
export const SEEDED_SIGNAL_COUNT = SIGNALS.length;
export const SEEDED_NOTE_IDS = NOTES.map((n) => n[0]);
export const SEEDED_ORIGIN_SUMMARIES = ORIGINS.map((o) => o[0]);
