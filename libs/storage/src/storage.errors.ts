/** `get` found nothing under the key (never written, or deleted). */
export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object under key ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

/** The key is not one the stores accept (see `assertObjectKey`); nothing was read or written. */
export class InvalidObjectKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid object key ${JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key)}: ${reason}`);
    this.name = 'InvalidObjectKeyError';
  }
}
