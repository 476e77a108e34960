/** How the Invoicing team names its work: invoices, dunning, tax, credit notes, the customer portal. */
import type { ProjectVocabulary } from './phrasebook';

export const INVOICING_VOCABULARY: ProjectVocabulary = {
  epics: [
    { summary: 'Recurring invoices for annual plans', workType: 'Innovative' },
    { summary: 'Dunning that gets overdue invoices paid', workType: 'Innovative' },
    { summary: 'E-invoicing in the EU', workType: 'Innovative' },
    { summary: 'PDF rendering service', workType: 'Enabling' },
    { summary: 'Invoice accuracy', workType: 'Corrective' },
  ],
  byKind: {
    Corrective: {
      phrases: [
        { summary: 'Invoice PDF cuts off line items past page 2', type: 'Bug', labels: ['customer-reported'] },
        { summary: 'Tax calculated twice on discounted line items', type: 'Bug' },
        { summary: 'Recurring invoice scheduled on the 31st skips February', type: 'Bug', labels: ['customer-reported'] },
        { summary: 'Invoice number sequence has gaps after a failed send', type: 'Bug' },
        { summary: 'Dunning email links to an expired payment page', type: 'Bug', labels: ['customer-reported'] },
        { summary: 'Credit note totals ignore rounding on VAT lines', type: 'Bug' },
        { summary: 'Customer portal shows paid invoices as overdue for a day', type: 'Bug', labels: ['ux', 'customer-reported'] },
        { summary: 'Invoice search misses customers with accents in their names', type: 'Bug' },
        { summary: 'Customer CSV import fails on semicolon-separated files', type: 'Bug', labels: ['customer-reported'] },
        { summary: 'Late fees added to invoices that are in dispute', type: 'Bug' },
        { summary: 'Invoice preview and sent PDF show different due dates', type: 'Bug', labels: ['ux'] },
        { summary: 'Reminder emails sent to archived customer contacts', type: 'Bug' },
        { summary: 'German invoices use a comma as the thousands separator in totals', type: 'Bug' },
        { summary: 'Bulk send stalls after 500 invoices', type: 'Bug', labels: ['performance'] },
        { summary: 'Invoice list takes 12 seconds to load for large accounts', type: 'Bug', labels: ['performance', 'customer-reported'] },
        { summary: 'Reverse-charge note missing on EU B2B invoices', type: 'Bug' },
        { summary: 'Quote converted to an invoice loses its purchase order number', type: 'Bug', labels: ['customer-reported'] },
        { summary: 'Invoice attachment download returns 403 for portal users', type: 'Bug' },
        { summary: 'Portal magic links still work after they have been used', type: 'Bug', labels: ['security'] },
        { summary: 'Part-paid invoices drop out of the aging report', type: 'Bug' },
        { summary: 'Nightly invoice export fails on daylight saving days', type: 'Task' },
        { summary: 'Clean up duplicate customer records created by the CSV import', type: 'Task', labels: ['tech-debt'] },
      ],
      templates: [
        {
          type: 'Bug',
          parts: [
            ['Invoice PDF', 'Recurring invoice schedule', 'Dunning reminder', 'Credit note', 'Tax calculation', 'Customer portal', 'Invoice email', 'Aging report', 'Quote to invoice conversion', 'Late fee job'],
            ['shows the wrong total', 'fails to render', 'is sent twice', 'uses the wrong due date', 'drops the PO number', "ignores the customer's language"],
            ['for invoices with more than 200 lines', 'when the customer has a credit balance', 'for customers in Canada', 'after the invoice is edited', 'for multi-currency accounts', 'when a discount applies to the whole invoice', 'for annual plans'],
          ],
        },
      ],
    },
    Innovative: {
      phrases: [
        { summary: 'Add dunning email templates for overdue invoices', type: 'Story' },
        { summary: 'Recurring invoices on an annual schedule', type: 'Story' },
        { summary: 'Multi-currency invoices with locked exchange rates', type: 'Story' },
        { summary: 'Let customers dispute an invoice line from the portal', type: 'Story', labels: ['ux'] },
        { summary: 'Credit notes for partial refunds', type: 'Story' },
        { summary: "Invoice templates with the merchant's own logo and colours", type: 'Story', labels: ['ux'] },
        { summary: 'Send e-invoices over Peppol in Belgium and Germany', type: 'Story' },
        { summary: 'Approval step before sending invoices above a threshold', type: 'Story' },
        { summary: 'Payment plans: split an invoice into instalments', type: 'Story' },
        { summary: 'Aging report by customer segment', type: 'Story' },
        { summary: 'Pay several invoices at once in the customer portal', type: 'Story', labels: ['ux'] },
        { summary: 'Automatic late fees with a grace period', type: 'Story' },
        { summary: 'Invoice reminders by SMS', type: 'Story' },
        { summary: 'Schedule an invoice to send on a future date', type: 'Story' },
        { summary: 'Quotes that customers can accept online', type: 'Story' },
        { summary: 'Usage-based line items from metered data', type: 'Story' },
        { summary: 'Customer statements by email at month end', type: 'Story' },
        { summary: 'No way to add a note to a single invoice line', type: 'Bug', labels: ['customer-reported'] },
        { summary: 'Cannot bulk-void invoices from the list view', type: 'Bug', labels: ['customer-reported', 'ux'] },
      ],
      templates: [
        {
          type: 'Story',
          labels: ['ux'],
          parts: [['Add'], ['saved filters', 'bulk actions', 'CSV export', 'custom columns', 'keyboard shortcuts'], ['to the invoice list', 'to the customer list', 'to the credit notes page', 'to the quotes list']],
        },
        {
          type: 'Story',
          parts: [['Translate invoices and reminder emails into'], ['French', 'German', 'Spanish', 'Dutch', 'Italian', 'Portuguese', 'Polish', 'Swedish', 'Danish', 'Finnish', 'Czech', 'Japanese']],
        },
        {
          type: 'Story',
          parts: [['Let customers'], ['update their billing address', 'download all their invoices as a ZIP', 'set a preferred payment method', 'add a PO number', 'choose the invoice language', 'see their payment history'], ['in the customer portal', 'from the invoice email']],
        },
        {
          type: 'Story',
          parts: [['Show'], ['days sales outstanding', 'overdue totals', 'cash collected this month', 'disputed amounts', 'expected cash'], ['on the invoicing dashboard', 'by customer', 'by sales rep']],
        },
        {
          type: 'Story',
          parts: [['Export invoices as'], ['ZUGFeRD', 'XRechnung', 'Factur-X', 'FatturaPA', 'UBL 2.1']],
        },
        {
          type: 'Story',
          parts: [['Sync'], ['invoices', 'payments received', 'credit notes', 'customers'], ['to QuickBooks', 'to Xero', 'to NetSuite', 'to Sage', 'to FreshBooks', 'to Zoho Books']],
        },
      ],
    },
    Enabling: {
      phrases: [
        { summary: 'Move PDF rendering from wkhtmltopdf to a headless Chromium service', type: 'Task', labels: ['migration'] },
        { summary: 'Migrate the tax engine to the new rates service', type: 'Task', labels: ['migration'] },
        { summary: 'Refactor invoice totals into one pure calculation module', type: 'Task', labels: ['tech-debt'] },
        { summary: 'Upgrade the invoice renderer to Node 22', type: 'Task', labels: ['tech-debt'] },
        { summary: 'Snapshot tests for every invoice template', type: 'Task' },
        { summary: 'Replace the dunning cron with scheduled jobs on the queue', type: 'Task', labels: ['tech-debt'] },
        { summary: 'Partition the invoices table by month', type: 'Task', labels: ['performance'] },
        { summary: 'Remove the v1 invoice API now that customers are on v2', type: 'Task', labels: ['tech-debt'] },
        { summary: 'Encrypt customer tax ids at rest', type: 'Task', labels: ['security'] },
        { summary: 'Backfill invoice currency on records created before 2021', type: 'Task', labels: ['migration'] },
        { summary: 'Speed up invoicing CI by caching the PDF fonts', type: 'Task', labels: ['performance'] },
        { summary: 'Spike: choose a Peppol access point provider', type: 'Story' },
        { summary: 'Write an ADR for invoice numbering across legal entities', type: 'Task' },
        { summary: 'Invoice numbering service shared by all legal entities', type: 'Story' },
      ],
      templates: [
        {
          type: 'Task',
          labels: ['tech-debt'],
          parts: [['Upgrade'], ['the Node runtime to 22', 'TypeScript to 5.6', 'Puppeteer', 'the ORM', 'the email SDK'], ['in the invoice renderer', 'in the dunning worker', 'in the tax engine', 'in the customer portal']],
        },
        {
          type: 'Task',
          parts: [['Add'], ['structured logging', 'tracing', 'a dashboard and alerts', 'contract tests', 'a runbook', 'load tests', 'an SLO'], ['for the invoice renderer', 'for the dunning worker', 'for the tax engine', 'for invoice emails']],
        },
        {
          type: 'Task',
          labels: ['tech-debt'],
          parts: [['Clean up'], ['unused invoice template code', 'the old tax rounding helpers', 'dead dunning experiments', 'the v1 PDF endpoints', 'legacy currency tables']],
        },
        {
          type: 'Task',
          parts: [['Retire the feature flag for'], ['recurring invoices', 'credit notes', 'the new PDF renderer', 'portal payments', 'multi-currency invoices']],
        },
        {
          type: 'Task',
          labels: ['migration'],
          parts: [['Migrate'], ['invoice line items', 'credit notes', 'customer contacts', 'tax rates'], ['to the v2 schema', 'off the legacy MySQL cluster', 'to the shared event bus']],
        },
      ],
    },
  },
};
