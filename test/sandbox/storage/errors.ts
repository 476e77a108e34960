/**
 * How the storage fails. `@forge/kvs` turns any non-2xx answer whose JSON body has `code` and `message` into a
 * `ForgeKvsAPIError` carrying both (utils/error-handling.js), and treats 404 + `KEY_NOT_FOUND` as "missing"
 * for get and delete (storage-api.js).
 *
 * `Documented` codes come from Atlassian's error tables for the KVS and the Custom Entity Store (and
 * BAD_REQUEST / KEY_NOT_FOUND from the SDK's own tests). The platform documents no code for the others; the
 * `Chosen` names and statuses are this sandbox's, kept in one place so that a test or app that branches on
 * them has one thing to change when the truth is known.
 */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsError';
  }

  toBody(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Codes the platform is known to send. */
export const Documented = {
  keyNotFound: 'KEY_NOT_FOUND',
  keyTooShort: 'KEY_TOO_SHORT',
  emptyKey: 'EMPTY_KEY',
  keyTooLong: 'KEY_TOO_LONG',
  invalidKey: 'INVALID_KEY',
  maxSize: 'MAX_SIZE',
  maxDepth: 'MAX_DEPTH',
  invalidFilterCondition: 'INVALID_FILTER_CONDITION',
  invalidFilterValues: 'INVALID_FILTER_VALUES',
  listQueryLimitExceeded: 'LIST_QUERY_LIMIT_EXCEEDED',
  queryWhereInvalid: 'QUERY_WHERE_INVALID',
  queryWhereFieldInvalid: 'QUERY_WHERE_FIELD_INVALID',
  invalidEntityType: 'INVALID_ENTITY_TYPE',
  invalidEntityValue: 'INVALID_ENTITY_VALUE',
  invalidEntityAttribute: 'INVALID_ENTITY_ATTRIBUTE',
  invalidEntityIndex: 'INVALID_ENTITY_INDEX',
  pageLimitNotInRange: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
  emptyFilterOperator: 'EMPTY_FILTER_OPERATOR',
  invalidFilterOperatorsCombination: 'INVALID_FILTER_OPERATORS_COMBINATION',
  insufficientFilterValues: 'INSUFFICIENT_FILTER_VALUES',
  badRequest: 'BAD_REQUEST',
} as const;

/** Undocumented: the sandbox's choice of code (and status) where the platform's is not published. */
export const Chosen = {
  keyAlreadyExists: 'KEY_ALREADY_EXISTS', // 409, set with keyPolicy FAIL_IF_EXISTS on a live key
  conditionCheckFailed: 'CONDITION_CHECK_FAILED', // 409, a transaction condition did not hold
  transactionTooLarge: 'TRANSACTION_TOO_MANY_OPERATIONS', // 400, more than 25 operations
  transactionEmpty: 'TRANSACTION_EMPTY', // 400, no operation at all
  transactionDuplicateKey: 'TRANSACTION_DUPLICATE_KEY', // 400, the same item twice
  batchTooLarge: 'BATCH_SIZE_EXCEEDED', // 400, more than 25 items
  invalidTtl: 'INVALID_TTL', // 400
  invalidCursor: 'INVALID_CURSOR', // 400
  invalidPartition: 'INVALID_PARTITION', // 400, partition values do not fit the index
  tooManyConditions: 'TOO_MANY_CONDITIONS', // 400, more than 100 conditions in one query
  conditionsNeedEntity: 'CONDITIONS_REQUIRE_ENTITY', // 400, transaction conditions on a plain key
  unsupportedAttributeType: 'UNSUPPORTED_ATTRIBUTE_TYPE', // 422, an `any` attribute in where/filter
  notImplemented: 'NOT_IMPLEMENTED', // 501, a path this sandbox does not model
} as const;

export const badRequest = (code: string, message: string): KvsError => new KvsError(400, code, message);

export const invalidBody = (detail: string): KvsError =>
  new KvsError(400, Documented.badRequest, `Provided request body is invalid: ${detail}`);

export const keyNotFound = (): KvsError => new KvsError(404, Documented.keyNotFound, 'Provided key does not exist');
