/**
 * Taking a JetStream fetch in delivery order (src/worker, src/stream). Both
 * store what they fetch and then acknowledge it with AckPolicy.All, which
 * acknowledges every message of the consumer up to the last one. A fetch
 * can lose messages the server delivered: the client stops waiting when its
 * timer fires, and an event loop busy with other work fires it late, after
 * later messages were already sent; a message can also go to another
 * client pulling from the same consumer. Such a message comes back only
 * after the ack wait, out of order, and acknowledging a later one (ack-all)
 * acknowledges it unread: it is lost. So only the messages that follow the
 * last one taken without a gap in the consumer's delivery sequence are
 * taken; at a gap or a redelivery the rest of the fetch is dropped and the
 * caller makes the consumer anew from what it has stored.
 */

/** What a JetStream message (JsMsg) says about its delivery. */
export interface Delivery {
  readonly info: { readonly redelivered: boolean; readonly deliverySequence: number };
}

export interface InOrder<M> {
  /** The messages to store and acknowledge, in order. */
  readonly taken: M[];
  /** The consumer's delivery sequence of the last message taken (the `delivered` given when none). */
  readonly delivered: number;
  /** A message was missing or came again: make the consumer anew from what is stored. */
  readonly gap: boolean;
}

/**
 * The messages of one fetch (read to its end) that follow `delivered`, the
 * delivery sequence of the last message taken from this consumer (0 for a
 * consumer just made), without a gap or a redelivery.
 */
export async function takeInOrder<M extends Delivery>(fetched: AsyncIterable<M>, delivered: number): Promise<InOrder<M>> {
  const taken: M[] = [];
  let gap = false;
  let last = delivered;
  for await (const m of fetched) {
    if (gap || m.info.redelivered || m.info.deliverySequence !== last + 1) {
      gap = true;
      continue;
    }
    last = m.info.deliverySequence;
    taken.push(m);
  }
  return { taken, delivered: last, gap };
}
