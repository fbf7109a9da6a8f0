import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TurnBudget } from '../../src/server/http/turn-budget.js';

describe('the turn budget (how many requests begin in one turn of the event loop)', () => {
  it('lets the first ones begin at once and the rest in later turns, a budget per turn, in arrival order', async () => {
    const budget = new TurnBudget(3);
    const begun: number[] = [];
    const taken = Array.from({ length: 8 }, () => budget.take());
    // The first three may begin now; the other five wait.
    expect(taken.map((t) => t === undefined)).toEqual([true, true, true, false, false, false, false, false]);
    const done = taken.map(async (t, i) => {
      await t;
      begun.push(i);
    });
    const afterTurns: number[] = [];
    for (let t = 1; t <= 3; t++) {
      await nextTurn();
      afterTurns.push(begun.length);
    }
    await Promise.all(done);
    // Three more in the next turn, the last two in the one after; nobody overtakes.
    expect(afterTurns).toEqual([6, 8, 8]);
    expect(begun).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('has a full budget again in a later turn when nobody waits', async () => {
    const budget = new TurnBudget(2);
    expect(budget.take()).toBeUndefined();
    expect(budget.take()).toBeUndefined();
    expect(budget.take()).toBeInstanceOf(Promise);
    await nextTurn();
    await nextTurn();
    expect(budget.take()).toBeUndefined();
  });
});
