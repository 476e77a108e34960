/** My signals: what became of each signal the caller raised (resolver keys `mySignals.*`). */

export const mySignalsContract = {} as const;
