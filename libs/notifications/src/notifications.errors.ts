import { codesOf, errorCode, type ErrorCatalog } from '#app/core';

/** Every error code the notifications lib answers with. The codes are what clients see and never change. */
export const NOTIFICATIONS_ERRORS = {
  NOTIFICATION_NOT_FOUND: errorCode.notFound('No notice of yours has this id'),
} as const satisfies ErrorCatalog;

export const NotificationsErrorCode = codesOf(NOTIFICATIONS_ERRORS);
export type NotificationsErrorCode = keyof typeof NOTIFICATIONS_ERRORS;
