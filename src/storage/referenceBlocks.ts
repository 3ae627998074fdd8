import type { TableClient } from '@azure/data-tables';
import { uncounted } from './callCounter';
import { mutateEntity, safeKey } from './tables';

/** How many reference numbers an instance takes from a round's counter at once. */
export const REFERENCE_BLOCK = 20;

interface Block {
  next: number;
  end: number;
}

/**
 * Reference numbers handed out in blocks per instance: one ETag write on the round's counter row
 * takes the next REFERENCE_BLOCK numbers, which this instance then hands out from memory. Two
 * instances never share a block, so numbers stay unique; numbers a stopped instance did not use
 * are never handed out (gaps), and with several instances numbers are not in submission order.
 * The next block is taken in the background when half of the current one is used, so a submit
 * waits on the counter row only on an instance's first submit of a round.
 */
export class ReferenceBlocks {
  private readonly current = new Map<string, Block>();
  private readonly coming = new Map<string, Promise<Block>>();

  constructor(
    private readonly counters: () => TableClient,
    private readonly size = REFERENCE_BLOCK,
  ) {}

  async next(roundId: string): Promise<number> {
    for (;;) {
      const block = this.current.get(roundId);
      if (block && block.next <= block.end) {
        const n = block.next++;
        if (block.end - n < this.size / 2) void this.refill(roundId, true).catch(() => undefined);
        return n;
      }
      const coming = this.refill(roundId, false);
      let taken: Block;
      try {
        taken = await coming;
      } finally {
        if (this.coming.get(roundId) === coming) this.coming.delete(roundId);
      }
      // The first waiter installs the new block; the others find it installed.
      if (this.current.get(roundId) === block) this.current.set(roundId, taken);
    }
  }

  private refill(roundId: string, background: boolean): Promise<Block> {
    let coming = this.coming.get(roundId);
    if (!coming) {
      const taking = background ? uncounted(() => this.take(roundId)) : this.take(roundId);
      coming = taking;
      this.coming.set(roundId, taking);
      // A failed background take is forgotten: the submit that needs the block takes it itself.
      taking.catch(() => this.coming.get(roundId) === taking && this.coming.delete(roundId));
    }
    return coming;
  }

  private async take(roundId: string): Promise<Block> {
    // The row's `next` is the highest number any instance has taken (as before blocks: the last one handed out).
    const row = await mutateEntity<{ next: number }>(this.counters(), `ref_${safeKey(roundId)}`, 'next', (cur) => ({ next: (cur?.next ?? 0) + this.size }), 50);
    return { next: row!.next - this.size + 1, end: row!.next };
  }
}
