/**
 * The signals Northwind Ledger's sales and support people have sent Upstream: ~150 from ~30 customers, in the
 * words they used — Slack shorthand, CRM call notes (HubSpot, Salesforce), support tickets and chats (Zendesk,
 * Intercom), rows from a CSV upload, the feedback form as the customer typed it. The same need often arrives
 * from several customers told differently (payout day, e-invoicing, Xero, bulk actions, multi-currency, dunning,
 * 3-D Secure), beside one-offs, praise and noise.
 *
 * `category` and `theme` are seed metadata, never stored: what a person reading the signal would call it and
 * which others they would put it with, so tests and the demo can check what the engine makes of them. The first
 * 40 rows are the original seed's (ORIGINS and tests refer to their ids); keep them as they are.
 */
import type { SignalCategory, SignalSource } from '../../../src/domain/signals';
import { JORDAN_REYES, MARCUS_BELL } from './people';

export type SeedRoute = 'quick-fix' | 'roadmap' | 'parking-lot';
export type SeedDisposition = SeedRoute | 'triaged' | 'new';

export interface SeedSignal {
  externalId: string;
  customerId: string;
  source: SignalSource;
  daysAgo: number;
  /** Where it stands: routed (with its route), triaged, or new. */
  disposition: SeedDisposition;
  raisedBy: string;
  /** Seed metadata (not stored): the category a person would give it. */
  category: SignalCategory;
  /** Seed metadata (not stored): the need it is about, shared by the signals a person would group together. */
  theme: string;
  text: string;
}

/** [external id, customer id, source, days ago, disposition, raised by, category, theme, the words as sent] */
type Row = [string, string, SignalSource, number, SeedDisposition, string, SignalCategory, string, string];

const RAISED = { marcus: MARCUS_BELL.displayName, jordan: JORDAN_REYES.displayName, support: 'Ana Ruiz (Support)', form: 'Feedback form' };

const ROWS: readonly Row[] = [
  // The original 40.
  ['crm-4471', 'cus_harborpine', 'crm', 52, 'roadmap', RAISED.marcus, 'request', 'instant-payouts', 'Our drivers get paid weekly and half of them ask for an advance. If your payouts could land on a debit card the same day, we would move all 300 subcontractors onto you.'],
  ['slack-1699.01', 'cus_harborpine', 'slack', 20, 'quick-fix', RAISED.marcus, 'bug', 'refund-webhooks', 'Finance says a refund webhook came in before the refund had actually settled, so our ledger showed money we did not have yet.'],
  ['crm-4502', 'cus_meridianhealth', 'crm', 47, 'roadmap', RAISED.marcus, 'request', 'e-invoicing', 'We bill patients in Italy through a partner and they now need FatturaPA. Today somebody re-keys every invoice into the partner portal.'],
  ['form-889', 'cus_meridianhealth', 'form', 12, 'quick-fix', RAISED.form, 'bug', 'credit-note-totals', 'The credit note total is wrong on our big monthly invoices. It only happens on the ones with hundreds of lines.'],
  ['crm-4519', 'cus_atlasfreight', 'crm', 44, 'roadmap', RAISED.jordan, 'request', 'e-invoicing', 'German customers keep asking for XRechnung and ZUGFeRD. Without them we are stuck sending PDFs that their AP teams reject.'],
  ['slack-1702.44', 'cus_atlasfreight', 'slack', 9, 'quick-fix', RAISED.jordan, 'bug', 'duplicate-collection', 'Direct debit collection ran twice last night for a handful of our customers. We have refunded them by hand, but please make it stop.'],
  ['csv-2026-10-a', 'cus_atlasfreight', 'csv', 33, 'roadmap', RAISED.jordan, 'request', 'multi-currency', 'Invoices need to go out in EUR and GBP with the rate fixed on the day we issue them, not the day they are paid.'],
  ['crm-4533', 'cus_copperleaf', 'crm', 41, 'roadmap', RAISED.jordan, 'request', 'payment-plans', 'Tenants want to split their deposit into three or four payments. Right now our property managers track that in a spreadsheet.'],
  ['form-901', 'cus_copperleaf', 'form', 15, 'quick-fix', RAISED.form, 'bug', 'recurring-month-end', 'A recurring invoice scheduled for the 31st just never went out in February. Two of our landlords noticed before we did.'],
  ['slack-1704.10', 'cus_kestreldental', 'slack', 26, 'roadmap', RAISED.marcus, 'request', 'payout-day', 'Our practices would love to choose which weekday payouts arrive. Friday payouts land after payroll has already run.'],
  ['crm-4540', 'cus_kestreldental', 'crm', 18, 'quick-fix', RAISED.marcus, 'bug', 'payment-link-expiry', 'Patients in Australia say the payment link expired before the time the email promised.'],
  ['form-915', 'cus_bluefern', 'form', 30, 'roadmap', RAISED.form, 'request', 'xero-sync', 'Please sync credit notes to Xero. Our bookkeeper creates every one of them twice.'],
  ['slack-1705.72', 'cus_bluefern', 'slack', 7, 'quick-fix', RAISED.jordan, 'bug', 'ach-return-matching', 'ACH returns are being matched to the wrong invoice whenever two invoices have the same amount. Reconciliation took all of Monday.'],
  ['crm-4551', 'cus_quillwright', 'crm', 38, 'roadmap', RAISED.marcus, 'request', 'portal-payment-history', 'Clients want to see their payment history in the portal instead of emailing us for statements.'],
  ['form-920', 'cus_quillwright', 'form', 11, 'quick-fix', RAISED.form, 'bug', 'dunning-emails', 'The dunning email sent one of our clients to a payment page that had already expired. Embarrassing for a law firm.'],
  ['csv-2026-10-b', 'cus_solsticeenergy', 'csv', 35, 'roadmap', RAISED.jordan, 'request', 'statements-by-email', 'We need statements to go out by email at month end automatically. Our team spends two days a month on it.'],
  ['slack-1707.03', 'cus_solsticeenergy', 'slack', 6, 'quick-fix', RAISED.jordan, 'bug', 'settlement-export-duplicates', 'Settlement export ran twice when the acquirer hiccuped and our finance import choked on the duplicates.'],
  ['crm-4560', 'cus_tidewater', 'crm', 29, 'roadmap', RAISED.marcus, 'request', 'local-payment-methods', 'Dutch customers ask for iDEAL on recurring invoices. Card only is costing us renewals.'],
  ['form-927', 'cus_tidewater', 'form', 5, 'quick-fix', RAISED.form, 'bug', 'reissued-card-checkout', 'Checkout fails for customers whose card was reissued by the bank. They think we declined them.'],
  ['form-931', 'cus_lumenacademy', 'form', 24, 'roadmap', RAISED.form, 'request', 'payment-plans', 'Parents want to pay tuition in instalments. Could an invoice be split into a payment plan?'],
  ['slack-1708.55', 'cus_lumenacademy', 'slack', 4, 'quick-fix', RAISED.jordan, 'bug', '3ds-failures', 'Safari users get stuck in a loop on the 3-D Secure step and give up.'],
  ['form-934', 'cus_fieldstone', 'form', 22, 'roadmap', RAISED.form, 'request', 'invoice-line-notes', 'We would like to add a note to a single invoice line, e.g. which drawing revision it covers.'],
  ['csv-2026-11-a', 'cus_fieldstone', 'csv', 13, 'parking-lot', RAISED.marcus, 'request', 'invoice-branding', 'Could invoices have our brand colours and a custom font?'],
  ['form-940', 'cus_brightside', 'form', 19, 'roadmap', RAISED.form, 'request', 'bulk-actions', 'We need to void a batch of invoices at once. Doing it one by one after a pricing mistake took an afternoon.'],
  ['slack-1709.20', 'cus_brightside', 'slack', 3, 'quick-fix', RAISED.jordan, 'bug', 'saved-card-update', 'Saved card updates fail when the customer had a partial refund. Our cleaners cannot get paid for the next visit.'],
  ['form-944', 'cus_oakandember', 'form', 17, 'roadmap', RAISED.form, 'request', 'payout-day', 'Let us choose the payout day, please. Catering has big Saturdays and we need the money on Monday.'],
  ['form-946', 'cus_oakandember', 'form', 8, 'parking-lot', RAISED.form, 'request', 'dark-mode', 'A dark mode for the dashboard would be lovely for late-night bookkeeping.'],
  ['form-951', 'cus_pixelharbor', 'form', 16, 'roadmap', RAISED.form, 'request', 'invoice-translation', 'International clients want invoices in Portuguese. We translate them by hand today.'],
  ['slack-1710.08', 'cus_pixelharbor', 'slack', 2, 'quick-fix', RAISED.jordan, 'bug', 'checkout-fee-mismatch', 'Hosted checkout shows a different fee than the one on our pricing page for EU customers.'],
  ['form-955', 'cus_greenlinebikes', 'form', 14, 'parking-lot', RAISED.form, 'request', 'sms-whatsapp-delivery', 'It would be nice to send invoices by SMS as well as email.'],
  ['crm-4577', 'cus_meridianhealth', 'crm', 10, 'roadmap', RAISED.marcus, 'request', 'partial-refunds', 'Partial refunds straight from the payments list would save our billing desk a support ticket every time.'],
  ['crm-4580', 'cus_harborpine', 'crm', 8, 'roadmap', RAISED.marcus, 'request', 'xero-sync', 'Export payouts to Xero so our controllers stop building the journal by hand.'],
  ['crm-4583', 'cus_copperleaf', 'crm', 6, 'triaged', RAISED.jordan, 'request', 'invoice-approvals', 'Landlords want an approval step before invoices above a threshold go out.'],
  ['slack-1711.31', 'cus_kestreldental', 'slack', 2, 'new', RAISED.support, 'bug', 'late-fees', 'The late fee job failed again after an invoice was edited. Support has three tickets this week.'],
  ['form-960', 'cus_bluefern', 'form', 1, 'new', RAISED.form, 'request', 'local-payment-methods', 'Could you support Swish at checkout? Half our Swedish customers ask.'],
  ['crm-4590', 'cus_atlasfreight', 'crm', 1, 'new', RAISED.jordan, 'request', 'e-invoicing', 'Peppol in Belgium is mandatory from January for our B2B customers. Is it on your roadmap?'],
  ['csv-2026-11-b', 'cus_solsticeenergy', 'csv', 4, 'triaged', RAISED.jordan, 'request', 'usage-billing', 'Customers on usage plans need line items built from their meter readings.'],
  ['form-963', 'cus_tidewater', 'form', 3, 'triaged', RAISED.form, 'bug', 'refund-webhooks', 'Refund webhooks time out whenever the acquirer returns a 502, and our shop shows the order as unpaid.'],
  ['slack-1712.02', 'cus_quillwright', 'slack', 1, 'new', RAISED.support, 'bug', 'portal-magic-link', 'A client said the customer portal magic link still worked the next day after they had used it.'],
  ['form-966', 'cus_lumenacademy', 'form', 0, 'new', RAISED.form, 'bug', 'dunning-emails', 'Reminder emails went to a contact we archived months ago.'],
  // Since then.
  // Choosing the payout day.
  ['slack-1713.18', 'cus_wrenfitness', 'slack', 23, 'triaged', RAISED.marcus, 'request', 'payout-day', 'Wren & Co asked (again) if they can pick the day payouts hit. their rent goes out on the 1st and fri payouts leave them short midweek'],
  ['sf-006Hs00001aVt3', 'cus_vantagehotels', 'salesforce', 19, 'triaged', RAISED.marcus, 'request', 'payout-day', 'QBR w/ Vantage finance: weekend is ~60% of room revenue. They want settlement to arrive Tuesday so ops can reconcile Monday. Asked if payout schedule is configurable per property.'],
  ['form-971', 'cus_mosaicevents', 'form', 9, 'new', RAISED.form, 'request', 'payout-day', 'is there a setting to change what day i get paid out?? cant find it anywhere'],
  ['crm-4622', 'cus_driftwoodvet', 'crm', 4, 'new', RAISED.jordan, 'pain-point', 'payout-day', 'Practice manager: cash flow is tight at the start of the week because funds only come through on Thursdays. Would switch the schedule to Monday if possible.'],
  ['slack-1716.40', 'cus_summitstaffing', 'slack', 2, 'new', RAISED.marcus, 'request', 'payout-day', "Summit: 'we run payroll every other Wed, need payouts landing Tue latest'. +1 for the payout day picker, that's 4 customers this quarter"],
  ['form-998', 'cus_greenlinebikes', 'form', 29, 'triaged', RAISED.form, 'pain-point', 'payout-day', 'Busiest trading is Sat, funds show up Thurs. Would really help if settlement came through at the start of the week.'],
  // E-invoicing.
  ['crm-4606', 'cus_rheinwerk', 'crm', 28, 'triaged', RAISED.jordan, 'request', 'e-invoicing', 'Call w/ Rheinwerk AP lead (Fr. Becker). They must be able to receive e-invoices now and send them from 2027. Need XRechnung incl. Leitweg-ID for public sector clients. Renewal at risk without a date.'],
  ['slack-1714.07', 'cus_rheinwerk', 'slack', 14, 'triaged', RAISED.jordan, 'pain-point', 'e-invoicing', 'rheinwerk again: a Bundesamt rejected 3 PDF invoices this month, they had to re-issue through some freeware tool. not happy'],
  ['crm-4617', 'cus_castellanaclinics', 'crm', 10, 'new', RAISED.marcus, 'request', 'e-invoicing', 'Spain: Castellana asked whether we will support Verifactu / FacturaE before the deadline. Their gestor says invoices need the QR code and hash chain.'],
  ['form-975', 'cus_northgatemedia', 'form', 6, 'roadmap', RAISED.form, 'request', 'e-invoicing', 'Several of our Dutch and Belgian advertisers now require invoices via Peppol. Do you offer a Peppol connection or do we need a separate provider?'],
  ['slack-1716.33', 'cus_veldtagri', 'slack', 1, 'roadmap', RAISED.jordan, 'request', 'e-invoicing', 'veldt (BE) heard Belgium goes mandatory e-invoicing in jan — same Peppol thing Atlas asked about. 2nd BE customer asking'],
  // Multi-currency.
  ['crm-4598', 'cus_vantagehotels', 'crm', 36, 'triaged', RAISED.marcus, 'request', 'multi-currency', 'Vantage bills tour operators in USD, EUR and CHF. Today they keep 3 separate accounts with us just to invoice in different currencies. Want one account, currency per customer.'],
  ['slack-1713.55', 'cus_nordlysretail', 'slack', 21, 'triaged', RAISED.jordan, 'request', 'multi-currency', 'nordlys: can invoices show SEK and NOK side by side? norwegian stores get confused by SEK totals'],
  ['form-968', 'cus_pixelharbor', 'form', 13, 'new', RAISED.form, 'pain-point', 'multi-currency', 'Most of my clients are in the US. I invoice in euros and they lose money on the conversion every time, so some of them pay late or short.'],
  ['csv-2026-11-c', 'cus_halcyon', 'csv', 17, 'triaged', RAISED.marcus, 'request', 'multi-currency', 'Renewal survey: "Need to bill APAC customers in AUD/SGD with FX rate frozen at invoice date. Currently doing a manual adjustment line."'],
  ['hs-note-88213', 'cus_northgatemedia', 'hubspot', 3, 'new', RAISED.jordan, 'request', 'multi-currency', 'Northgate opening a UK entity, wants GBP invoicing on the same account + reporting converted back to EUR for group finance.'],
  // Xero (and other ledgers).
  ['form-969', 'cus_wrenfitness', 'form', 27, 'roadmap', RAISED.form, 'pain-point', 'xero-sync', 'Payments dont show up in Xero, I have to mark every invoice as paid twice. Is there an integration coming?'],
  ['slack-1714.31', 'cus_ironbark', 'slack', 16, 'roadmap', RAISED.marcus, 'request', 'xero-sync', 'ironbark (AU) asked for xero two-way sync. their accountant basically lives in xero and wont log into our dashboard'],
  ['hs-note-88041', 'cus_parcelpoint', 'hubspot', 12, 'new', RAISED.jordan, 'request', 'xero-sync', 'ParcelPoint finance: want payouts + fees posted to Xero automatically as bank feed entries so reconciliation matches. Currently exporting CSV weekly.'],
  ['form-979', 'cus_tallowwick', 'form', 5, 'roadmap', RAISED.form, 'request', 'xero-sync', 'hi, any plans to connect to xero?? small business here and doing everything twice is killing me'],
  ['csv-2026-11-d', 'cus_driftwoodvet', 'csv', 31, 'triaged', RAISED.jordan, 'request', 'xero-sync', 'Onboarding checklist note: "Xero connector for invoices & refunds" marked must-have before moving the 2nd clinic over.'],
  ['form-1003', 'cus_driftwoodvet', 'form', 22, 'triaged', RAISED.form, 'request', 'quickbooks-sync', 'Our second clinic uses QuickBooks Online, not Xero. Will you support both?'],
  ['slack-1716.51', 'cus_fieldstone', 'slack', 1, 'new', RAISED.marcus, 'request', 'quickbooks-sync', 'fieldstone switching accounting software next year lol, asked if QBO sync is on the roadmap'],
  // Bulk actions.
  ['crm-4603', 'cus_summitstaffing', 'crm', 30, 'roadmap', RAISED.marcus, 'request', 'bulk-actions', 'Summit sends ~900 invoices every Monday for timesheets. They want to select all drafts and send in one go instead of clicking Send on each.'],
  ['slack-1713.72', 'cus_northgatemedia', 'slack', 18, 'roadmap', RAISED.jordan, 'pain-point', 'bulk-actions', 'northgate AR team spent friday marking 400 invoices paid by hand after a wire batch came in. bulk mark-as-paid pls 🙏'],
  ['form-973', 'cus_copperleaf', 'form', 8, 'roadmap', RAISED.form, 'request', 'bulk-actions', 'Can we change the due date on many invoices at once? We extended terms for all tenants in one building and had to edit 120 of them.'],
  ['slack-1715.09', 'cus_mosaicevents', 'slack', 7, 'new', RAISED.jordan, 'request', 'bulk-actions', 'mosaic wants to download a zip of all invoice PDFs for a date range for their accountant. one by one atm'],
  ['crm-4628', 'cus_halcyon', 'crm', 2, 'roadmap', RAISED.marcus, 'request', 'bulk-actions', 'Halcyon: after a price change they need to cancel & reissue ~60 invoices. Asked for multi-select with void/reissue. Same ask Brightside had.'],
  // Dunning and reminders.
  ['form-967', 'cus_harbourview', 'form', 34, 'roadmap', RAISED.form, 'pain-point', 'dunning-emails', 'The overdue reminders are far too blunt for parents. We need to change the wording and the schedule, or at least turn off the third one.'],
  ['zd-48817', 'cus_solsticeenergy', 'zendesk', 15, 'triaged', RAISED.support, 'bug', 'dunning-emails', 'Subject: Final notice?? — We got a FINAL NOTICE for an invoice we paid on Tuesday. Your own dashboard shows it as paid. Please explain.'],
  ['crm-4614', 'cus_tidewater', 'crm', 11, 'new', RAISED.marcus, 'request', 'dunning-emails', 'Tidewater wants reminders to stop automatically when a customer has a dispute open. Their sales guys get angry calls otherwise.'],
  ['csv-2026-11-e', 'cus_summitstaffing', 'csv', 25, 'triaged', RAISED.marcus, 'request', 'dunning-emails', 'QBR notes - dunning: cc the account manager on 2nd and 3rd reminder; different sender address per branch.'],
  ['form-999', 'cus_copperleaf', 'form', 2, 'new', RAISED.form, 'request', 'dunning-emails', 'Please let us pause reminders for a single tenant. One of ours is on a payment arrangement and keeps getting overdue notices.'],
  // 3-D Secure.
  ['slack-1713.90', 'cus_castellanaclinics', 'slack', 22, 'triaged', RAISED.support, 'bug', '3ds-failures', 'Castellana seeing lots of 3DS failures w/ Spanish bank cards (CaixaBank mostly). patient gets the SMS code but checkout says authentication failed'],
  ['sf-006Hs00001aWb9', 'cus_vantagehotels', 'salesforce', 20, 'triaged', RAISED.marcus, 'pain-point', '3ds-failures', 'Deposits for group bookings fail at the 3-D Secure step about 1 in 10 times per Vantage revenue team. Guests then call the hotel to pay by phone.'],
  ['form-972', 'cus_wrenfitness', 'form', 9, 'new', RAISED.form, 'bug', '3ds-failures', 'Members paying from the Instagram in-app browser get a blank white screen after entering card details. Works fine in Chrome.'],
  ['slack-1715.61', 'cus_lumenacademy', 'slack', 5, 'new', RAISED.jordan, 'bug', '3ds-failures', 'lumen again — parents on iPhone stuck on "verifying your card" spinner. not just safari desktop, mobile too'],
  ['ic-2244318', 'cus_pixelharbor', 'intercom', 1, 'new', RAISED.support, 'confusion', '3ds-failures', 'A client said my payment page asked her bank for a code and then said the payment failed, but her bank shows a pending charge. Did it go through or not?'],
  ['crm-4625', 'cus_nordlysretail', 'crm', 4, 'new', RAISED.jordan, 'bug', '3ds-failures', 'Nordlys: card payments from Swedish customers fail after BankID approval, roughly 8% of checkouts this week. Looks like the redirect back never completes.'],
  // Instalments.
  ['crm-4610', 'cus_driftwoodvet', 'crm', 26, 'triaged', RAISED.jordan, 'request', 'payment-plans', 'Driftwood: surgery bills are 2-5k, owners ask to pay over 3 months. They want to offer a plan at checkout and have the card charged monthly.'],
  ['form-974', 'cus_harbourview', 'form', 12, 'new', RAISED.form, 'request', 'payment-plans', 'Could families spread the cost of the ski trip over several months? Right now we issue four separate invoices per pupil.'],
  ['slack-1715.33', 'cus_castellanaclinics', 'slack', 6, 'new', RAISED.marcus, 'request', 'payment-plans', 'castellana asking about financing / pay-in-3 for dental treatment. would an instalment option on invoices cover it?'],
  // Local payment methods.
  ['hs-note-88190', 'cus_nordlysretail', 'hubspot', 14, 'new', RAISED.jordan, 'request', 'local-payment-methods', 'Nordlys: Vipps for Norway and MobilePay for Denmark. Card-only checkout converts badly in the Nordics per their ecom lead.'],
  ['slack-1716.02', 'cus_castellanaclinics', 'slack', 3, 'new', RAISED.marcus, 'request', 'local-payment-methods', 'quick one: does checkout take Bizum? castellana patients keep asking'],
  ['form-983', 'cus_veldtagri', 'form', 0, 'new', RAISED.form, 'request', 'local-payment-methods', 'We sell to farms in Belgium who prefer Bancontact. Is that possible on invoice payment links?'],
  ['form-992', 'cus_tallowwick', 'form', 18, 'roadmap', RAISED.form, 'request', 'apple-pay', 'Would love Apple Pay on the payment page, most of my customers shop on their phones.'],
  ['slack-1715.70', 'cus_wrenfitness', 'slack', 8, 'roadmap', RAISED.marcus, 'request', 'apple-pay', 'wren members asking for apple pay / google pay on the class booking link'],
  // The customer portal.
  ['form-970', 'cus_ironbark', 'form', 24, 'triaged', RAISED.form, 'request', 'portal-payment-history', 'Our subcontractors want to log in and download receipts for everything they paid this financial year. Can the portal show past payments?'],
  ['crm-4620', 'cus_harbourview', 'crm', 9, 'new', RAISED.jordan, 'pain-point', 'portal-payment-history', 'School office gets ~30 emails a week from parents asking what they have already paid. Portal only shows what is outstanding.'],
  ['form-995', 'cus_quillwright', 'form', 3, 'new', RAISED.form, 'confusion', 'portal-login', 'A client says she never received the login email for the portal. Is there a way to resend it or see if it bounced?'],
  // Instant payouts.
  ['crm-4605', 'cus_parcelpoint', 'crm', 29, 'triaged', RAISED.jordan, 'request', 'instant-payouts', 'ParcelPoint pays ~150 courier drivers per drop. Drivers want same-day money; they lose drivers to apps that pay instantly. Would pay a fee per instant payout.'],
  ['slack-1714.88', 'cus_summitstaffing', 'slack', 13, 'triaged', RAISED.marcus, 'request', 'instant-payouts', "summit: temps want paid at end of shift not end of week. asked if we can push to debit cards instantly, they'd eat the fee"],
  ['form-1001', 'cus_mosaicevents', 'form', 10, 'new', RAISED.form, 'request', 'instant-payouts', 'After a big event we wait a week for the ticket money but suppliers want paying now. Is there an instant option, even for a fee?'],
  // Statements.
  ['csv-2026-11-f', 'cus_veldtagri', 'csv', 19, 'triaged', RAISED.jordan, 'request', 'statements-by-email', 'Account review export: "Automatic customer statements every month - our farmers want one summary not 12 invoices".'],
  ['form-977', 'cus_tidewater', 'form', 7, 'new', RAISED.form, 'request', 'statements-by-email', 'Is there a way to schedule an account statement to our trade customers on the 1st of each month?'],
  // Money moving wrongly.
  ['slack-1715.80', 'cus_cobaltcloud', 'slack', 4, 'new', RAISED.support, 'bug', 'refund-webhooks', 'cobalt devs say refund.succeeded sometimes arrives 20+ min late and occasionally twice. idempotency handles the dupes but the delay breaks their provisioning'],
  ['form-976', 'cus_nordlysretail', 'form', 8, 'new', RAISED.form, 'bug', 'duplicate-collection', 'Two of our customers were charged twice for the same invoice on the 3rd. Both direct debit. Please check.'],
  ['zd-49102', 'cus_summitstaffing', 'zendesk', 1, 'new', RAISED.support, 'bug', 'duplicate-collection', 'Subject: URGENT double debits — 11 of our clients were debited twice overnight for the same invoice. We need this reversed today and an explanation for them.'],
  ['slack-1716.60', 'cus_nordlysretail', 'slack', 0, 'new', RAISED.support, 'bug', 'checkout-fee-mismatch', 'nordlys: checkout shows a surcharge of 1.9% but their pricing page says 1.4% for EU cards, customers screenshotting it'],
  ['crm-4627', 'cus_northgatemedia', 'crm', 2, 'new', RAISED.jordan, 'bug', 'credit-note-totals', 'Northgate: credit note for a 450-line media invoice came out 0.37 EUR off from the original. Their auditors flagged it.'],
  ['form-1002', 'cus_harbourview', 'form', 17, 'triaged', RAISED.form, 'bug', 'recurring-month-end', 'Our termly invoices set to go out on the 30th did not send in February. Parents did not get billed.'],
  ['crm-4629', 'cus_copperleaf', 'crm', 1, 'new', RAISED.jordan, 'bug', 'late-fees', 'Copperleaf: late fee applied twice on an invoice that was edited after it went overdue. Tenant disputed, we refunded.'],
  ['form-981', 'cus_vantagehotels', 'form', 3, 'new', RAISED.form, 'request', 'partial-refunds', 'When a guest shortens their stay we need to refund one night, not the whole deposit. The dashboard only lets us refund in full.'],
  // Approvals, usage, languages.
  ['crm-4611', 'cus_northgatemedia', 'crm', 22, 'roadmap', RAISED.jordan, 'request', 'invoice-approvals', 'Northgate: anything over 50k needs the finance director to sign off before it is sent. Asking for an approval queue with roles.'],
  ['crm-4619', 'cus_rheinwerk', 'crm', 10, 'roadmap', RAISED.jordan, 'request', 'invoice-approvals', 'Rheinwerk compliance requires the Vier-Augen-Prinzip (four eyes) on outgoing invoices. Asked if a second user can approve before sending.'],
  ['crm-4604', 'cus_cobaltcloud', 'crm', 33, 'triaged', RAISED.marcus, 'request', 'usage-billing', 'Cobalt bills per GB and per seat. They push usage to us via API at month end and want invoices generated from it with tiered pricing.'],
  ['slack-1715.47', 'cus_halcyon', 'slack', 6, 'new', RAISED.marcus, 'request', 'usage-billing', 'halcyon asking if we do metered billing — they charge per dashboard query. an intern builds the lines from a spreadsheet rn'],
  ['form-978', 'cus_castellanaclinics', 'form', 6, 'new', RAISED.form, 'request', 'invoice-translation', 'Necesitamos facturas en español. Our patients do not understand the English labels on the invoice.'],
  ['crm-4624', 'cus_rheinwerk', 'crm', 5, 'roadmap', RAISED.jordan, 'request', 'invoice-translation', 'Rheinwerk wants German templates and reminder texts; "Invoice/Due date" labels look unprofessional to public bodies.'],
  ['form-997', 'cus_mosaicevents', 'form', 26, 'triaged', RAISED.form, 'request', 'invoice-branding', 'Can I upload my own logo and change the colours? The default template looks generic next to our event brochures.'],
  ['slack-1713.80', 'cus_halcyon', 'slack', 19, 'triaged', RAISED.marcus, 'request', 'dark-mode', 'halcyon devs asked for a dark theme, half-joking. low prio'],
  ['form-993', 'cus_driftwoodvet', 'form', 15, 'triaged', RAISED.form, 'request', 'sms-whatsapp-delivery', 'Could reminders be sent on WhatsApp? Our clients never open emails but answer WhatsApp straight away.'],
  // Pricing grumbles.
  ['crm-4600', 'cus_bluefern', 'crm', 35, 'triaged', RAISED.jordan, 'other', 'pricing', 'Bluefern procurement pushing back on the renewal: says the per-invoice fee is 2x what a competitor quoted. Wants a volume tier.'],
  ['slack-1714.66', 'cus_greenlinebikes', 'slack', 15, 'new', RAISED.marcus, 'pain-point', 'pricing', "greenline grumbling about the price rise in Oct. 'we're a 3 person bike shop, the new plan costs more than our card terminal'"],
  ['form-982', 'cus_tallowwick', 'form', 2, 'new', RAISED.form, 'other', 'pricing', 'Why do I pay a monthly fee AND a fee per payment? Feels like paying twice.'],
  ['csv-2026-11-g', 'cus_parcelpoint', 'csv', 21, 'triaged', RAISED.jordan, 'other', 'pricing', 'Churn-risk sheet: "price increase not justified by new features" (score 4/10).'],
  // Praise.
  ['slack-1713.30', 'cus_kestreldental', 'slack', 24, 'triaged', RAISED.marcus, 'other', 'praise', 'kestrel CFO on our call: "love the new dashboard, first time I can see cash in vs out without asking my team" 🎉'],
  ['form-984', 'cus_oakandember', 'form', 1, 'new', RAISED.form, 'other', 'praise', 'Just wanted to say the new reconciliation screen is brilliant. Saved me a whole evening this month.'],
  ['crm-4616', 'cus_quillwright', 'crm', 12, 'new', RAISED.marcus, 'other', 'praise', 'Quillwright partners happy with the portal redesign, clients stopped calling about where to pay. Possible case study?'],
  // Where is my money, and what did it cost.
  ['slack-1713.44', 'cus_oakandember', 'slack', 25, 'triaged', RAISED.support, 'confusion', 'payout-status', 'oak & ember asking why a payout says "in transit" for 4 days. it was a bank holiday in the UK, but nothing in the dashboard says so'],
  ['ic-2231907', 'cus_brightside', 'intercom', 4, 'new', RAISED.support, 'confusion', 'payout-status', 'where is my money from last weeks jobs? dashboard says paid but nothing in my bank'],
  ['crm-4621', 'cus_kestreldental', 'crm', 8, 'new', RAISED.marcus, 'confusion', 'payout-status', 'Kestrel finance could not match a payout to the underlying payments. Asked what "pending" vs "in transit" means and when each flips.'],
  ['form-986', 'cus_greenlinebikes', 'form', 10, 'new', RAISED.form, 'confusion', 'fee-breakdown', 'My payout was £38 less than my sales. What fees were taken? I cannot find a breakdown anywhere.'],
  ['slack-1714.20', 'cus_ironbark', 'slack', 17, 'triaged', RAISED.marcus, 'confusion', 'fee-breakdown', 'ironbark accountant confused by the monthly statement — FX fee vs card fee vs platform fee all lumped together, wants per-transaction detail'],
  ['csv-2026-11-h', 'cus_veldtagri', 'csv', 19, 'triaged', RAISED.jordan, 'confusion', 'fee-breakdown', 'Account review export: "unclear which deductions are processing costs and which are refunds".'],
  ['form-987', 'cus_pixelharbor', 'form', 11, 'new', RAISED.form, 'confusion', 'tax-settings', 'How do I mark an invoice as reverse charge for a client in Germany? I see a VAT field but no option for it.'],
  ['slack-1715.95', 'cus_mosaicevents', 'slack', 5, 'new', RAISED.jordan, 'confusion', 'tax-settings', 'mosaic confused where to set VAT per line — some items 20%, venue hire exempt. they thought tax was one rate per invoice'],
  // Month-end reconciliation.
  ['crm-4602', 'cus_solsticeenergy', 'crm', 32, 'roadmap', RAISED.jordan, 'pain-point', 'reconciliation', 'Solstice month-end close takes 4 days, mostly matching bank deposits to payouts by hand. Asked if we can give one line per deposit with the invoice list.'],
  ['csv-2026-11-i', 'cus_cobaltcloud', 'csv', 27, 'roadmap', RAISED.marcus, 'pain-point', 'reconciliation', 'QBR deck feedback: "Reconciling payouts against the GL is the most manual part of our close".'],
  ['slack-1716.28', 'cus_atlasfreight', 'slack', 2, 'roadmap', RAISED.jordan, 'pain-point', 'reconciliation', 'atlas controller: spending 2 days a month tying settlements back to invoices across 4 entities. wants a recon report they can hand to auditors'],
  ['ic-2240115', 'cus_wrenfitness', 'intercom', 3, 'new', RAISED.support, 'pain-point', 'reconciliation', 'Matching payout totals to what lands in my bank is a nightmare every month.'],
  // Slow pages, PDFs, imports, dates.
  ['slack-1714.95', 'cus_summitstaffing', 'slack', 12, 'quick-fix', RAISED.support, 'bug', 'invoice-list-performance', 'summit says the invoices page takes 20-30s to load since they passed 40k invoices, sometimes times out'],
  ['form-988', 'cus_northgatemedia', 'form', 4, 'new', RAISED.form, 'pain-point', 'invoice-list-performance', 'Searching by customer name is painfully slow, our team avoids the search box and scrolls instead.'],
  ['form-989', 'cus_rheinwerk', 'form', 9, 'new', RAISED.form, 'bug', 'invoice-pdf', 'Umlauts in customer addresses appear as ? in the PDF (Müller becomes M?ller). The web view is fine.'],
  ['slack-1715.12', 'cus_veldtagri', 'slack', 7, 'new', RAISED.support, 'bug', 'invoice-pdf', 'veldt: long farm addresses get cut off in the invoice PDF, 3rd address line just disappears'],
  ['crm-4623', 'cus_meridianhealth', 'crm', 5, 'new', RAISED.marcus, 'bug', 'invoice-pdf', 'Meridian: PDFs for invoices with 300+ lines take minutes to generate and the download sometimes fails.'],
  ['form-990', 'cus_nordlysretail', 'form', 16, 'quick-fix', RAISED.form, 'bug', 'customer-import', 'Importing customers from Excel fails with "invalid row 1". Our file uses semicolons, which is the default in Sweden.'],
  ['zd-48790', 'cus_ironbark', 'zendesk', 14, 'triaged', RAISED.support, 'bug', 'customer-import', 'Uploaded 2,000 contacts, the import said success but about 200 are missing. Looks like every company with an & in the name.'],
  ['form-991', 'cus_ironbark', 'form', 11, 'new', RAISED.form, 'bug', 'due-date-timezone', 'Invoices created in the morning show a due date one day earlier than we set. We are in Perth.'],
  ['crm-4618', 'cus_kestreldental', 'crm', 9, 'new', RAISED.marcus, 'bug', 'due-date-timezone', 'Kestrel (Sydney practices): late fees kick in a day early. Invoice due the 15th got charged on the evening of the 14th.'],
  // One-offs and noise.
  ['sf-006Hs00001aQ7k', 'cus_vantagehotels', 'salesforce', 40, 'triaged', RAISED.marcus, 'request', 'sso', 'Vantage IT requires SAML SSO via Okta for anyone touching payments. Blocker for rolling out to the remaining 12 properties.'],
  ['crm-4630', 'cus_cobaltcloud', 'crm', 0, 'new', RAISED.marcus, 'request', 'sso', 'Cobalt security team: Azure AD single sign-on + SCIM provisioning needed before they add their AP contractors.'],
  ['slack-1713.05', 'cus_cobaltcloud', 'slack', 38, 'triaged', RAISED.marcus, 'bug', 'api-rate-limits', 'cobalt hitting 429s on the invoices API during their month-end batch, ~5k invoices. docs say 100 rps but they get limited at ~25'],
  ['crm-4607', 'cus_halcyon', 'crm', 28, 'triaged', RAISED.marcus, 'request', 'audit-log', 'Halcyon SOC2 auditor wants an export of who changed which invoice and when. Is there an audit log?'],
  ['slack-1713.61', 'cus_harborpine', 'slack', 30, 'triaged', RAISED.marcus, 'other', 'security-review', 'harbor & pine procurement asking for our latest pen test summary + SOC2 type II before renewal. who do I ask?'],
  ['crm-4609', 'cus_parcelpoint', 'crm', 24, 'triaged', RAISED.jordan, 'request', 'mobile-app', 'ParcelPoint depot managers want to issue invoices from a phone at the depot. Any mobile app planned?'],
  ['crm-4613', 'cus_copperleaf', 'crm', 16, 'triaged', RAISED.jordan, 'request', 'invoice-po-number', 'Copperleaf corporate tenants require a PO number on every invoice and reject ones without it. Need a required PO field per customer.'],
  ['csv-2026-11-j', 'cus_tidewater', 'csv', 22, 'triaged', RAISED.marcus, 'pain-point', 'onboarding', 'NPS detractor comment: "setup took 3 weeks and two calls to get bank details verified".'],
  ['slack-1714.42', 'cus_greenlinebikes', 'slack', 20, 'new', RAISED.marcus, 'other', 'noise', 'greenline owner asked if we are being acquired, heard a rumour at a trade show. told him no comment'],
  ['form-994', 'cus_brightside', 'form', 0, 'new', RAISED.form, 'other', 'noise', 'test test please ignore'],
];

export const SEED_SIGNALS: readonly SeedSignal[] = ROWS.map(([externalId, customerId, source, daysAgo, disposition, raisedBy, category, theme, text]) => ({
  externalId,
  customerId,
  source,
  daysAgo,
  disposition,
  raisedBy,
  category,
  theme,
  text,
}));
