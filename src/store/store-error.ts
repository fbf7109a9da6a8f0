export type StoreErrorCode = 'not_found' | 'ambiguous' | 'invalid';

/**
 * A domain error of the store: the server maps its code to an HTTP status in
 * one place. In a file of its own, so the store's query modules can throw it
 * without importing the store interface (which imports them).
 */
export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
