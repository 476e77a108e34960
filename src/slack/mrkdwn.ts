/**
 * Text for Slack's mrkdwn. Slack reads `&`, `<` and `>` as control characters (links, mentions), so text from
 * elsewhere — a cluster title made from customers' words — is escaped; an asterisk would end the bold a title is
 * shown in, so it becomes a look-alike.
 */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text shown in bold: `*title*`, with nothing inside that ends the bold early. */
export const bold = (text: string): string => `*${escapeMrkdwn(text.replace(/\*/g, '∗').replace(/\s+/g, ' ').trim())}*`;
