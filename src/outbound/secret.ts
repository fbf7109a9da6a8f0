import { inspect } from 'node:util';

/**
 * A credential of an outbound sink (the HEC token, a webhook signing secret):
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
