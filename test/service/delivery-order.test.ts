import { describe, expect, it } from 'vitest';
import { takeInOrder, type Delivery } from '../../src/service/delivery-order.js';

/** A fetch's messages as the consumer delivered them: [delivery sequence, redelivered]. */
async function* fetched(list: [number, boolean?][]): AsyncGenerator<Delivery & { n: number }> {
  for (const [n, redelivered] of list) yield { n, info: { deliverySequence: n, redelivered: redelivered ?? false } };
}
const numbers = (r: { taken: { n: number }[] }) => r.taken.map((m) => m.n);

describe('takeInOrder: what ack-all may acknowledge', () => {
  it('takes a fetch that follows the last message taken without a gap', async () => {
    const r = await takeInOrder(fetched([[4], [5], [6]]), 3);
    expect(numbers(r)).toEqual([4, 5, 6]);
    expect(r).toMatchObject({ delivered: 6, gap: false });
  });

  it('stops at a missing delivery: what follows it is not taken (ack-all would acknowledge the missing one unread)', async () => {
    const r = await takeInOrder(fetched([[4], [6], [7]]), 3);
    expect(numbers(r)).toEqual([4]);
    expect(r).toMatchObject({ delivered: 4, gap: true });
    expect(await takeInOrder(fetched([[9], [10]]), 7)).toMatchObject({ taken: [], delivered: 7, gap: true });
  });

  it('stops at a redelivery, and reads the fetch to its end', async () => {
    let read = 0;
    async function* counted(): AsyncGenerator<Delivery> {
      for (const [n, again] of [[1, false], [2, true], [3, false]] as const) {
        read++;
        yield { info: { deliverySequence: n, redelivered: again } };
      }
    }
    const r = await takeInOrder(counted(), 0);
    expect(r.taken).toHaveLength(1);
    expect(r.gap).toBe(true);
    expect(read).toBe(3);
  });

  it('an empty fetch: nothing taken, no gap', async () => {
    expect(await takeInOrder(fetched([]), 12)).toEqual({ taken: [], delivered: 12, gap: false });
  });
});
