/** SQLSTATE classes and codes meaning "the server is not there right now", not "your query is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08...|57P01|57P02|57P03|53300)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const RELEASED = /^QueryRunner(Provider)?AlreadyReleasedError$/;
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * Whether an error means PostgreSQL cannot be reached (stopped, restarting, out of connections, network
 * gone) rather than a fault of the request: the API answers those 503 so clients retry, and logs no stack.
 * TypeORM wraps query errors (`driverError`); errors taking a connection from the pool come bare.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  // Duck-typed, not `instanceof Error`: socket errors may come from another realm (a VM context in tests).
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, driverError, cause, errors } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  // TypeORM releases a transaction's connection when the server drops it; the transaction's next query
  // then fails with one of its "already released" errors instead of the connection's own (both seen when
  // PostgreSQL stops mid-request: QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError).
  if (typeof (error as { name?: unknown }).name === 'string' && RELEASED.test((error as { name: string }).name)) return true;
  // AggregateError: a host name with several addresses, each refused.
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(driverError ?? cause, depth + 1);
}
