import type { ErrorCode } from './contract/envelope';

/**
 * An error a use case means to report to the person: its code is from the contract's closed list and its
 * message is written for a person. Anything else thrown becomes `internal` with a generic message.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { retryAfterSeconds?: number; fields?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}
