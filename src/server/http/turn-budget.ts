import { setImmediate as nextTurn } from 'node:timers/promises';

/** Requests that may begin their work in one turn of the event loop (see TurnBudget). */
export const REQUESTS_PER_TURN = 8;

/**
 * At most `perTurn` requests begin their work in one turn of Node's event
 * loop; the others begin in the turns after, in the order they arrived.
 *
 * Why: Node takes new connections off the listening socket between turns,
 * and on SQLite a request runs to its end without yielding, so a turn in
 * which 50 requests arrived together lasts 50 times a request (75-150 ms).
 * Under load a client that opened a connection then waited seconds for it to
 * be accepted (50 connections accepted over 2.2-3.5 s, the first answers on
 * them 2-9 s late; a bare Node HTTP server with 1.5 ms of synchronous work
 * per request does the same: 2.5 s, and 0.9 s with this budget). Short
 * turns let connections in as they come. On PostgreSQL a request yields at
 * every query anyway, and the budget only spreads the starts.
 *
 * Waiting requests are bounded by the open connections (one request each at
 * a time); nothing is dropped.
 */
export class TurnBudget {
  private left: number;
  private readonly waiting: (() => void)[] = [];
  private refilling = false;

  constructor(private readonly perTurn = REQUESTS_PER_TURN) {
    this.left = perTurn;
  }

  /** Resolves when the caller may begin: at once while this turn has budget, else in a later turn. */
  take(): Promise<void> | undefined {
    this.refill();
    if (this.left > 0 && this.waiting.length === 0) {
      this.left--;
      return undefined;
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
    });
  }

  /** Once per turn: a full budget again, handed first to those waiting. */
  private refill(): void {
    if (this.refilling) return;
    this.refilling = true;
    void nextTurn().then(() => {
      this.refilling = false;
      this.left = this.perTurn;
      while (this.left > 0 && this.waiting.length > 0) {
        this.left--;
        this.waiting.shift()!();
      }
      if (this.waiting.length > 0) this.refill();
    });
  }
}
