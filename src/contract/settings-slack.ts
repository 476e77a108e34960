/** The Slack bot token that closing the loop posts with (resolver keys `settings.slack.*`). */

export const settingsSlackContract = {} as const;
