/** The one place services read the time; src/domain takes time as an argument instead. */
export const clock = { now: (): Date => new Date() };
