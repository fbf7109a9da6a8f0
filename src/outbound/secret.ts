import { inspect } from 'node:util';

/**
 * A credential (the HEC token, an outbound webhook signing secret, an ATS webhook secret):
 * prints as `[redacted]` through String(), JSON.stringify and util.inspect,
 * so no log line or error report can carry it; read only through `reveal()`
 * where a header is set or a signature computed.
 */
export class Redacted {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}
