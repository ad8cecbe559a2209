/** How many e-mail/SMS deliveries wait to be sent at `at` (an SQL expression), as an SQL fragment for the health check (#18, owned reads). */
export const pendingDeliveriesSql = (at: string): string =>
  `(SELECT count(*)::int FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= ${at})`;
