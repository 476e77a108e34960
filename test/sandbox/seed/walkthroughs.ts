/**
 * Design walkthroughs on a dozen of Northwind Ledger's issues: two or three versions each by the two designers
 * (Tomás Ortega, Maya Lindqvist), what changed and why, decisions with the alternatives dropped, edge cases and
 * error states — designed, deferred with a reason, and one not settled — acknowledgements by the seeded
 * engineers (most of the latest version; on PAY-9, assigned to Priya Raman, a version arrived after hers, so
 * her panel shows the badge), and questions on items, most answered. Written through the store as the app, with
 * times in the past; then each issue's readiness flag (`upstreamReady`) is judged as an engineer would see it.
 * Idempotent: a version that exists is not written again, acknowledgements keep their first time, and questions
 * have fixed ids.
 */
import type { WalkthroughItem } from '../../../src/domain/walkthrough';
import { refreshReadyFlag } from '../../../src/services/walkthrough/readiness';
import { answerWalkthroughQuestion, insertWalkthroughQuestion, insertWalkthroughVersion, recordWalkthroughAck } from '../../../src/store/walkthrough-repository';
import { isDuplicateKey } from '../../../src/store/sql/run';
import type { JiraUser } from '../jira/model';
import { invocationScope } from '../runtime';
import type { Sandbox } from '../sandbox';
import { CHEN_WEI, HANNAH_OKAFOR, KWAME_MENSAH, LENA_FISCHER, MAYA_LINDQVIST, PRIYA_RAMAN, RAFAEL_COSTA, SAM_WHITFIELD, TOMAS_ORTEGA, YUKI_TANAKA } from './people';

const TEAM_ROLES: Readonly<Record<JiraUser['role'], string[]>> = {
  engineer: ['engineering'],
  designer: ['design'],
  'product-lead': ['product'],
  sales: ['sales'],
  admin: [],
  contractor: ['engineering'],
};

// ---- item builders --------------------------------------------------------------------------------------

const isNew = (id: string, title: string, detail = ''): WalkthroughItem => ({ kind: 'new', id, title, detail });
const change = (id: string, title: string, why: string, detail = ''): WalkthroughItem => ({ kind: 'change', id, title, detail, why });
const decision = (id: string, title: string, why: string, alternatives: string[] = []): WalkthroughItem => ({ kind: 'decision', id, title, why, alternatives });
const edge = (id: string, title: string, whatHappens: string, state: 'designed' | 'open' = 'designed'): WalkthroughItem => ({ kind: 'edge-case', id, title, whatHappens, state, reason: null });
const error = (id: string, title: string, whatHappens: string, state: 'designed' | 'open' = 'designed'): WalkthroughItem => ({ kind: 'error-state', id, title, whatHappens, state, reason: null });
const deferred = (id: string, title: string, whatHappens: string, reason: string, kind: 'edge-case' | 'error-state' = 'error-state'): WalkthroughItem => ({ kind, id, title, whatHappens, state: 'deferred', reason });
const question = (id: string, title: string, detail = ''): WalkthroughItem => ({ kind: 'question', id, title, detail });

/** The next version's items: the previous ones with some edited (by id), some removed, and new ones appended. */
function next(items: readonly WalkthroughItem[], edits: Record<string, Partial<WalkthroughItem>>, added: WalkthroughItem[] = [], removed: string[] = []): WalkthroughItem[] {
  return [
    // "What changed" items describe one step; the next version says its own.
    ...items.filter((item) => !removed.includes(item.id) && item.kind !== 'change').map((item) => ({ ...item, ...edits[item.id] }) as WalkthroughItem),
    ...added,
  ];
}

const figma = (key: string, name: string, node: string): string => `https://www.figma.com/design/${key}/${name}?node-id=${node}`;

interface SeedVersion {
  daysAgo: number;
  by: JiraUser;
  summary: string;
  url: string;
  items: WalkthroughItem[];
}

interface SeedQuestion {
  id: string;
  by: JiraUser;
  version: number;
  itemId: string;
  text: string;
  daysAgo: number;
  answer?: { by: JiraUser; text: string; daysAgo: number };
}

// ---- the walkthroughs ---------------------------------------------------------------------------------------

function fatturaPa(): SeedVersion[] {
  const v1 = [
    isNew('fpa-export', 'Export as FatturaPA in the invoice menu', 'Next to PDF and CSV; greyed out until the company has an Italian VAT number.'),
    decision('fpa-sdi', 'Send through SDI ourselves, not the customer’s intermediary', 'Customers asked for one step; intermediaries charge per invoice.', ['Download the XML and upload it to SDI by hand', 'Partner with Aruba as intermediary']),
    edge('fpa-no-codice', 'Customer without a Codice Destinatario', 'The export asks for the PEC address instead, and remembers it on the customer.'),
    error('fpa-rejected', 'SDI rejects the invoice', 'The invoice shows “Rejected by SDI” with the SDI error code and a link to fix the field it names.'),
  ];
  const v2 = next(v1, { 'fpa-rejected': { whatHappens: 'The invoice shows “Rejected by SDI” with the SDI error in words, the field highlighted in the editor, and “Send again”.' } }, [
    change('fpa-resend', 'Rejected invoices can be sent again from the editor', 'Support said customers got stuck between the error and the field to fix.'),
    error('fpa-timeout', 'SDI does not answer within 5 days', 'The invoice is marked “Delivered (no receipt)”, as the law allows, and the customer is told by email.'),
  ]);
  const v3 = next(v2, {}, [change('fpa-bollo', 'Stamp duty (bollo) line added for invoices over €77.47', 'Priya found that exempt invoices over that amount need the virtual stamp, or SDI rejects them.'), edge('fpa-bollo-edge', 'Exempt invoice over €77.47', 'A €2.00 bollo line is added and shown before sending.')]);
  return [
    { daysAgo: 24, by: TOMAS_ORTEGA, summary: 'A FatturaPA export beside PDF and CSV, sent through SDI by Upstream’s ledger.', url: figma('Fa7tUrApA0019x', 'E-invoicing-Italy', '4-12'), items: v1 },
    { daysAgo: 16, by: TOMAS_ORTEGA, summary: 'Rejections are fixed in the editor and sent again; SDI timeouts handled.', url: figma('Fa7tUrApA0019x', 'E-invoicing-Italy', '9-40'), items: v2 },
    { daysAgo: 9, by: TOMAS_ORTEGA, summary: 'Adds the bollo line for exempt invoices over €77.47.', url: figma('Fa7tUrApA0019x', 'E-invoicing-Italy', '12-3'), items: v3 },
  ];
}

function xRechnung(): SeedVersion[] {
  const v1 = [
    isNew('xr-export', 'XRechnung export for German public-sector customers', 'Shown when the customer has a Leitweg-ID.'),
    decision('xr-format', 'UBL syntax, not CII', 'Every portal the pilot customers use accepts UBL; CII adds a second validator.', ['CII syntax', 'Both, chosen per customer']),
    edge('xr-leitweg-missing', 'No Leitweg-ID on the customer', 'The export is offered with a field to add the Leitweg-ID first.'),
    error('xr-validation', 'The KoSIT validator refuses the file', 'The rule it broke is shown in German and English, with the invoice field to fix.'),
  ];
  const v2 = next(v1, { 'xr-validation': { state: 'deferred', reason: 'The validator’s English messages are not published yet; German only until KoSIT ships them (Q1).' } as Partial<WalkthroughItem> }, [
    change('xr-german-only', 'Validator messages in German only, for now', 'KoSIT publishes no English rule texts yet; a home-made translation could mislead.'),
  ]);
  return [
    { daysAgo: 20, by: MAYA_LINDQVIST, summary: 'An XRechnung (UBL) export for customers with a Leitweg-ID.', url: figma('XrEchNung2026a', 'XRechnung-export', '2-8'), items: v1 },
    { daysAgo: 6, by: MAYA_LINDQVIST, summary: 'Validator errors shown in German only until KoSIT publishes English texts.', url: figma('XrEchNung2026a', 'XRechnung-export', '5-21'), items: v2 },
  ];
}

function multiCurrency(): SeedVersion[] {
  const v1 = [
    isNew('mc-lock', 'Lock the exchange rate when the invoice is sent', 'The rate and its source (ECB, 16:00 CET) are printed on the invoice.'),
    decision('mc-source', 'ECB reference rates', 'Free, published daily, and what the auditors of two pilot customers asked for.', ['Open Exchange Rates (paid, hourly)', 'The customer types the rate']),
    edge('mc-weekend', 'Invoice sent at the weekend', 'Friday’s ECB rate is used and the invoice says so.'),
    error('mc-rate-missing', 'No ECB rate for the currency', 'Sending is blocked with “No reference rate for this currency: choose another or send in EUR”.'),
    question('mc-rounding', 'Do we round per line or on the total?', 'Italy and Germany disagree; finance to confirm.'),
  ];
  const v2 = next(v1, {}, [
    change('mc-paid-rate', 'The payment’s own rate is shown beside the locked rate', 'Customers asked why the amount received differs; showing both explains the gap.'),
    error('mc-fx-gain', 'The payment arrives at a different rate', 'The difference is booked as an FX gain or loss; what the ledger shows is still being designed.', 'open'),
  ]);
  return [
    { daysAgo: 30, by: TOMAS_ORTEGA, summary: 'Invoices in the customer’s currency with the rate locked when sent.', url: figma('MuLtiCurr3ncy1', 'Multi-currency', '1-2'), items: v1 },
    { daysAgo: 12, by: TOMAS_ORTEGA, summary: 'Shows the payment’s rate beside the locked one; FX gains and losses still open.', url: figma('MuLtiCurr3ncy1', 'Multi-currency', '7-19'), items: v2 },
  ];
}

function paymentPlans(): SeedVersion[] {
  const v1 = [
    isNew('pp-split', 'Split an invoice into 2–12 instalments', 'From the invoice’s “More” menu, with a preview of each due date.'),
    decision('pp-equal', 'Equal instalments by default, editable', 'Most pilot customers split evenly; editing covers a larger deposit.', ['Fixed deposit plus equal rest', 'Free-form amounts only']),
    edge('pp-partially-paid', 'Invoice already partly paid', 'Only the unpaid amount is split; the paid part shows as the first, settled instalment.'),
    error('pp-card-fails', 'An instalment’s card payment fails', 'The customer is emailed a payment link; the plan keeps going.'),
  ];
  const v2 = next(v1, { 'pp-card-fails': { whatHappens: 'The customer is emailed a payment link and retried after 3 days; after two failures the plan pauses and the merchant is told.' } }, [
    change('pp-pause', 'A plan pauses after two failed payments', 'Lena pointed out that retrying forever collects fees on a card that will not pay.'),
    deferred('pp-currency-change', 'Customer changes currency mid-plan', 'Not supported: the plan keeps its currency.', 'Rare (no pilot customer does it); revisit with multi-currency.', 'edge-case'),
  ]);
  const v3 = next(v2, { 'pp-split': { detail: 'From the invoice’s “More” menu or the payment page, with a preview of each due date.' } }, [change('pp-from-payment-page', 'Customers can also choose a plan on the payment page', 'Merchants want customers to pick the plan themselves, within limits they set.')]);
  return [
    { daysAgo: 26, by: MAYA_LINDQVIST, summary: 'Split an invoice into instalments with a preview of each due date.', url: figma('PaYmEntPlans77', 'Payment-plans', '3-3'), items: v1 },
    { daysAgo: 18, by: MAYA_LINDQVIST, summary: 'Failed instalments retry once, then pause the plan.', url: figma('PaYmEntPlans77', 'Payment-plans', '8-14'), items: v2 },
    { daysAgo: 4, by: MAYA_LINDQVIST, summary: 'Customers can choose a plan on the payment page too.', url: figma('PaYmEntPlans77', 'Payment-plans', '11-2'), items: v3 },
  ];
}

function payoutDay(): SeedVersion[] {
  const v1 = [
    isNew('pd-picker', 'Choose the payout day in Payout settings', 'Monday to Friday; the next payout date is shown under the choice.'),
    decision('pd-weekly-only', 'Weekly only in this release', 'Every request was for a day of the week; monthly needs month-end rules.', ['Weekly and monthly', 'Any schedule (cron-like)']),
    edge('pd-holiday', 'The chosen day is a bank holiday', 'The payout goes the next business day and the settings say so beforehand.'),
    error('pd-change-cutoff', 'Day changed after the cut-off', 'The change applies from next week, with the date of the first payout on the new day.'),
  ];
  const v2 = next(v1, { 'pd-holiday': { whatHappens: 'The payout goes the business day before, so merchants are never paid later than they chose.' } }, [
    change('pd-before-not-after', 'Holidays move the payout earlier, not later', 'Merchants in the research would rather be paid a day early than late.'),
    error('pd-balance-negative', 'The balance is negative on payout day', 'No payout; the merchant sees why and when the next attempt is.'),
  ]);
  return [
    { daysAgo: 14, by: TOMAS_ORTEGA, summary: 'Merchants choose the weekday their payouts arrive.', url: figma('PaYouTDay00042', 'Payout-day', '1-40'), items: v1 },
    { daysAgo: 2, by: TOMAS_ORTEGA, summary: 'Holidays move payouts earlier; negative balances explained.', url: figma('PaYouTDay00042', 'Payout-day', '6-2'), items: v2 },
  ];
}

function portalHistory(): SeedVersion[] {
  const v1 = [
    isNew('ph-list', 'Payment history tab in the customer portal', 'The last 24 months, with the invoice each payment settled.'),
    decision('ph-no-refunds', 'Refunds shown as their own rows', 'Netting them hid refunds customers were looking for.', ['Net refunds into the payment']),
    error('ph-load-fails', 'History fails to load', 'The tab says so and offers “Try again”; invoices still show.'),
  ];
  const v2 = next(v1, {}, [change('ph-export', 'CSV export of the history', 'Finance teams at three customers asked for it in interviews.'), edge('ph-many', 'More than 1,000 payments', 'The list pages by 50; the export has all of them.')]);
  return [
    { daysAgo: 22, by: MAYA_LINDQVIST, summary: 'Customers see what they paid, and for which invoice, in the portal.', url: figma('PoRtaLHist0ry9', 'Portal-history', '2-2'), items: v1 },
    { daysAgo: 11, by: MAYA_LINDQVIST, summary: 'Adds a CSV export and paging for long histories.', url: figma('PoRtaLHist0ry9', 'Portal-history', '4-16'), items: v2 },
  ];
}

function peppol(): SeedVersion[] {
  const v1 = [
    isNew('pe-send', 'Send invoices over Peppol', 'Chosen per customer when their Peppol ID is known; the invoice shows “Delivered over Peppol”.'),
    decision('pe-access-point', 'Use Storecove as access point', 'Certified in BE and DE, and an API our payout team already knows.', ['Run our own access point', 'Pagero']),
    error('pe-unknown-id', 'The Peppol ID is not in the directory', 'Sending is blocked and the customer’s ID field is marked, with a link to the Peppol directory.'),
  ];
  const v2 = next(v1, {}, [
    change('pe-lookup', 'The Peppol ID is looked up from the VAT number', 'Most customers do not know their Peppol ID; the directory does.'),
    deferred('pe-ap-down', 'The access point is down', 'Invoices wait in “Sending…”.', 'Storecove’s status webhooks arrive with their v2 API in January; we retry hourly until then.'),
  ]);
  return [
    { daysAgo: 19, by: TOMAS_ORTEGA, summary: 'Peppol delivery for Belgian and German customers.', url: figma('PePpoLSend2026', 'Peppol', '3-9'), items: v1 },
    { daysAgo: 8, by: TOMAS_ORTEGA, summary: 'Peppol IDs looked up from the VAT number; access-point outages deferred.', url: figma('PePpoLSend2026', 'Peppol', '6-30'), items: v2 },
  ];
}

function walletPay(): SeedVersion[] {
  const v1 = [
    isNew('wp-buttons', 'Apple Pay and Google Pay buttons on hosted checkout', 'Above the card form, shown only on devices that support them.'),
    decision('wp-order', 'Wallet buttons first, card form below', 'Wallet users finish in one tap; others scroll past two buttons.', ['Card form first', 'A “More ways to pay” link']),
    error('wp-declined', 'The wallet payment is declined', 'The sheet closes and the card form opens with “Your wallet payment was declined: try a card”.'),
  ];
  const v2 = next(v1, { 'wp-declined': { whatHappens: 'The sheet closes; the message names the reason the wallet gave when it gave one, and the card form opens.' } }, [
    edge('wp-domain', 'Merchant on a custom checkout domain', 'Apple Pay is shown only once the domain is verified; the settings page walks the merchant through it.'),
  ]);
  return [
    { daysAgo: 15, by: MAYA_LINDQVIST, summary: 'Wallet buttons above the card form on hosted checkout.', url: figma('WaLLetPay12345', 'Wallets', '1-8'), items: v1 },
    { daysAgo: 5, by: MAYA_LINDQVIST, summary: 'Decline reasons in words; custom domains need verifying for Apple Pay.', url: figma('WaLLetPay12345', 'Wallets', '3-44'), items: v2 },
  ];
}

function bulkActions(): SeedVersion[] {
  const v1 = [
    isNew('ba-select', 'Select invoices in the list', 'A checkbox per row and “Select all 240 matching”.'),
    isNew('ba-actions', 'Void, send reminder, export', 'In a bar that appears once something is selected.'),
    error('ba-partial', 'Some invoices cannot be voided', 'The others are voided; a summary lists the ones that were not and why.'),
  ];
  const v2 = next(v1, {}, [change('ba-undo', 'Void can be undone for 10 seconds', 'Ops voided 40 invoices by mistake in the test session.'), edge('ba-huge', 'More than 1,000 invoices selected', 'The action runs in the background and emails when done.')]);
  return [
    { daysAgo: 28, by: TOMAS_ORTEGA, summary: 'Select many invoices and act on them at once.', url: figma('BuLkAcTi0ns001', 'Bulk-actions', '2-6'), items: v1 },
    { daysAgo: 10, by: TOMAS_ORTEGA, summary: 'Undo for bulk void; very large selections run in the background.', url: figma('BuLkAcTi0ns001', 'Bulk-actions', '4-1'), items: v2 },
  ];
}

function approvalStep(): SeedVersion[] {
  const v1 = [
    isNew('ap-threshold', 'Approval above a threshold set per company', 'Invoices above it go to “Waiting for approval” instead of being sent.'),
    decision('ap-one-approver', 'One approver from a named group', 'What all five interviewed finance teams do today.', ['Two approvers above a second threshold']),
    error('ap-no-approver', 'Nobody in the approver group', 'The threshold cannot be saved until the group has someone in it.'),
    edge('ap-self', 'The author is an approver', 'They cannot approve their own invoice; another approver must.'),
  ];
  const v2 = next(v1, {}, [change('ap-reminder', 'Approvers get a daily digest', 'Invoices waited up to four days in the pilot.')]);
  return [
    { daysAgo: 21, by: MAYA_LINDQVIST, summary: 'Invoices above a threshold wait for an approver before they are sent.', url: figma('ApPr0valStep88', 'Approvals', '1-1'), items: v1 },
    { daysAgo: 7, by: MAYA_LINDQVIST, summary: 'A daily digest for approvers.', url: figma('ApPr0valStep88', 'Approvals', '2-17'), items: v2 },
  ];
}

function reconciliation(): SeedVersion[] {
  const v1 = [
    isNew('rc-report', 'Payout reconciliation report', 'Each payout with the payments, refunds and fees it contains, matched to the bank line.'),
    decision('rc-csv-first', 'CSV and on-screen, no PDF', 'Finance imports it into their ERP; nobody asked for PDF.', ['PDF for auditors']),
    error('rc-unmatched', 'A bank line matches no payout', 'It is listed under “Unmatched” with the closest payout and the difference.'),
  ];
  const v2 = next(v1, { 'rc-unmatched': { whatHappens: 'It is listed under “Unmatched” with up to three candidate payouts and a button to match one by hand.' } }, [change('rc-manual-match', 'Unmatched lines can be matched by hand', 'Finance at Tarnwick matched 30 a month in a spreadsheet.')]);
  return [
    { daysAgo: 17, by: TOMAS_ORTEGA, summary: 'Every payout broken down and matched to the bank statement.', url: figma('ReC0nciLe20261', 'Reconciliation', '3-30'), items: v1 },
    { daysAgo: 3, by: TOMAS_ORTEGA, summary: 'Match unmatched bank lines by hand.', url: figma('ReC0nciLe20261', 'Reconciliation', '5-2'), items: v2 },
  ];
}

function dunningTemplates(): SeedVersion[] {
  const v1 = [
    isNew('dt-templates', 'Three reminder templates: friendly, firm, final', 'Each editable, with the invoice’s fields as placeholders.'),
    error('dt-bounce', 'A reminder email bounces', 'The invoice shows “Reminder bounced” and the contact’s email is flagged.'),
  ];
  const v2 = next(v1, {}, [change('dt-preview', 'Preview with a real invoice before saving', 'Merchants sent broken placeholders in the test.'), decision('dt-no-sms', 'Email only', 'SMS needs consent records we do not keep yet.', ['Email and SMS'])]);
  return [
    { daysAgo: 25, by: MAYA_LINDQVIST, summary: 'Editable reminder templates for overdue invoices.', url: figma('DuNNingTmpl555', 'Dunning', '1-12'), items: v1 },
    { daysAgo: 13, by: MAYA_LINDQVIST, summary: 'Preview templates with a real invoice; email only.', url: figma('DuNNingTmpl555', 'Dunning', '2-4'), items: v2 },
  ];
}

const WALKTHROUGHS: ReadonlyArray<{ issueSummary: string; versions: () => SeedVersion[]; acks: Array<[JiraUser, number, number]>; questions?: SeedQuestion[] }> = [
  {
    issueSummary: 'Export invoices as FatturaPA',
    versions: fatturaPa,
    acks: [[PRIYA_RAMAN, 1, 22], [PRIYA_RAMAN, 3, 8], [KWAME_MENSAH, 2, 15], [HANNAH_OKAFOR, 3, 7]],
    questions: [
      { id: 'seed-q-fpa-1', by: PRIYA_RAMAN, version: 1, itemId: 'fpa-sdi', text: 'Do we need our own SDI channel accreditation, or can we send as an intermediary?', daysAgo: 23, answer: { by: TOMAS_ORTEGA, text: 'As an intermediary: legal confirmed we can, with each customer’s delegation on file.', daysAgo: 22 } },
      { id: 'seed-q-fpa-2', by: KWAME_MENSAH, version: 2, itemId: 'fpa-timeout', text: 'Is the 5 days calendar days or business days?', daysAgo: 15, answer: { by: TOMAS_ORTEGA, text: 'Calendar days, per the SDI spec.', daysAgo: 14 } },
    ],
  },
  {
    issueSummary: 'Export invoices as XRechnung',
    versions: xRechnung,
    acks: [[YUKI_TANAKA, 2, 5], [KWAME_MENSAH, 1, 18]],
    questions: [{ id: 'seed-q-xr-1', by: YUKI_TANAKA, version: 1, itemId: 'xr-validation', text: 'Do we run the KoSIT validator before sending, or only show what the portal says?', daysAgo: 19, answer: { by: MAYA_LINDQVIST, text: 'Before sending: nothing leaves that the validator refuses.', daysAgo: 18 } }],
  },
  {
    issueSummary: 'Multi-currency invoices with locked exchange rates',
    versions: multiCurrency,
    acks: [[YUKI_TANAKA, 1, 28]],
    questions: [{ id: 'seed-q-mc-1', by: YUKI_TANAKA, version: 2, itemId: 'mc-fx-gain', text: 'Which ledger account do FX differences go to: one per currency, or one for all?', daysAgo: 10 }],
  },
  {
    issueSummary: 'Payment plans: split an invoice into instalments',
    versions: paymentPlans,
    acks: [[LENA_FISCHER, 2, 16], [LENA_FISCHER, 3, 3], [RAFAEL_COSTA, 3, 2]],
    questions: [
      { id: 'seed-q-pp-1', by: LENA_FISCHER, version: 1, itemId: 'pp-card-fails', text: 'How many times do we retry a failed instalment?', daysAgo: 24, answer: { by: MAYA_LINDQVIST, text: 'Once, after 3 days; then the plan pauses (version 2).', daysAgo: 19 } },
      { id: 'seed-q-pp-2', by: RAFAEL_COSTA, version: 3, itemId: 'pp-from-payment-page', text: 'Can the merchant cap the number of instalments a customer may choose?', daysAgo: 2 },
    ],
  },
  {
    // Assigned to Priya Raman: version 2 arrived after her acknowledgement, so her panel shows the badge.
    issueSummary: 'Let merchants choose the payout day of the week',
    versions: payoutDay,
    acks: [[PRIYA_RAMAN, 1, 10], [SAM_WHITFIELD, 1, 9]],
    questions: [{ id: 'seed-q-pd-1', by: SAM_WHITFIELD, version: 1, itemId: 'pd-change-cutoff', text: 'What is the cut-off: the day before at midnight UTC, or in the merchant’s time zone?', daysAgo: 9, answer: { by: TOMAS_ORTEGA, text: 'The merchant’s time zone; the screen shows the exact time.', daysAgo: 8 } }],
  },
  { issueSummary: 'Let customers see their payment history in the customer portal', versions: portalHistory, acks: [[YUKI_TANAKA, 2, 9]] },
  { issueSummary: 'Send e-invoices over Peppol in Belgium and Germany', versions: peppol, acks: [[CHEN_WEI, 1, 17]] },
  { issueSummary: 'Apple Pay and Google Pay on hosted checkout', versions: walletPay, acks: [[LENA_FISCHER, 2, 4]] },
  { issueSummary: 'Add bulk actions to the invoice list', versions: bulkActions, acks: [] },
  {
    issueSummary: 'Approval step before sending invoices above a threshold',
    versions: approvalStep,
    acks: [[YUKI_TANAKA, 1, 20], [CHEN_WEI, 2, 6]],
    questions: [{ id: 'seed-q-ap-1', by: CHEN_WEI, version: 2, itemId: 'ap-reminder', text: 'At what time does the digest go out?', daysAgo: 6, answer: { by: MAYA_LINDQVIST, text: '08:00 in each approver’s time zone.', daysAgo: 5 } }],
  },
  { issueSummary: 'Payout reconciliation report for finance', versions: reconciliation, acks: [[RAFAEL_COSTA, 1, 15]] },
  { issueSummary: 'Add dunning email templates for overdue invoices', versions: dunningTemplates, acks: [[SAM_WHITFIELD, 2, 12]] },
];

const msAgo = (today: Date, daysAgo: number, hour = 11): number =>
  Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - daysAgo, hour);

/** Writes the seed's walkthroughs (what is already there stays), then the readiness flags of their issues. */
export async function seedWalkthroughs(sandbox: Sandbox, today: Date): Promise<{ issues: string[] }> {
  const issues = WALKTHROUGHS.map((seed) => {
    const issue = sandbox.jira.site.issues.find((i) => i.summary === seed.issueSummary);
    if (!issue) throw new Error(`walkthroughs seed: no issue “${seed.issueSummary}”`);
    return issue.key;
  });
  // One issue after another: side by side, the INSERT … SELECT of each new version took gap locks on the same
  // index and MariaDB chose deadlock victims (measured: a few seeds in every full test run failed on them).
  await sandbox.asApp(async () => {
    for (const [n, seed] of WALKTHROUGHS.entries()) {
      const issue = { key: issues[n]! };
      const versions = seed.versions();
      for (const [index, v] of versions.entries()) {
        // False when the version is there already (an earlier boot): it is never rewritten.
        await insertWalkthroughVersion({
          issueKey: issue.key,
          basedOn: index === 0 ? null : index,
          authorAccountId: v.by.accountId,
          authorName: v.by.displayName,
          createdAt: msAgo(today, v.daysAgo, 10),
          designUrl: v.url,
          summary: v.summary,
          items: v.items,
        });
      }
      for (const [who, version, daysAgo] of seed.acks) {
        await recordWalkthroughAck(issue.key, { accountId: who.accountId, version, at: msAgo(today, daysAgo, 15), displayName: who.displayName, roles: TEAM_ROLES[who.role] });
      }
      for (const q of seed.questions ?? []) {
        try {
          await insertWalkthroughQuestion({ id: q.id, issueKey: issue.key, version: q.version, itemId: q.itemId, askedBy: q.by.accountId, askedByName: q.by.displayName, text: q.text, askedAt: msAgo(today, q.daysAgo, 13) });
        } catch (error: unknown) {
          if (!isDuplicateKey(error)) throw error;
        }
        if (q.answer) {
          await answerWalkthroughQuestion(issue.key, q.id, { text: q.answer.text, by: q.answer.by.accountId, byName: q.answer.by.displayName, at: msAgo(today, q.answer.daysAgo, 16) });
        }
      }
    }
  });
  // The readiness flag is judged from the issue as a person sees it (its work type, origin and note), so as an
  // engineer who can see every seeded project, as the app's own walkthrough writes do.
  sandbox.activate();
  await invocationScope.run({ accountId: PRIYA_RAMAN.accountId, moduleKey: 'sandbox-seed' }, async () => {
    await Promise.all(issues.map((key) => refreshReadyFlag(key)));
  });
  return { issues };
}
