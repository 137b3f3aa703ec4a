import { describe, expect, it } from 'vitest';
import type { FollowedEvent } from './notices.store.js';
import { mayNeedFollowing } from './follower.js';

const step = (over: Partial<FollowedEvent>): FollowedEvent => ({
  id: 1, requestId: 7, supplyId: null, side: 'borrowing', fromState: 'received', toState: 'checked-out', event: 'check-out', at: '2099-01-01T00:00:00.000Z', effects: [], ...over,
});

describe('the notices follower: which steps it reads the request for', () => {
  it('follows the steps that send a notice or hand something over', () => {
    // A lender's new lending row: the new-request notice to the lending library.
    expect(mayNeedFollowing(step({ side: 'lending', supplyId: 3, fromState: null, toState: 'new', event: 'Request' }))).toBe(true);
    // Shipped: the reader's notice.
    expect(mayNeedFollowing(step({ fromState: 'will-supply', toState: 'shipped', event: 'StatusChange:Loaned' }))).toBe(true);
    // A copy completed: handed to the reader when its scan is here.
    expect(mayNeedFollowing(step({ fromState: 'will-supply', toState: 'received', event: 'StatusChange:CopyCompleted' }))).toBe(true);
    for (const effect of [{ type: 'deliver-copy' }, { type: 'notify-staff', notice: 'copyright-clearance' }, { type: 'notify-reader', notice: 'ready-for-pickup' },
      { type: 'notify-reader', notice: 'overdue' }, { type: 'notify-reader', notice: 'recalled' }, { type: 'notify-reader', notice: 'cancelled' }, { type: 'notify-reader', notice: 'request-unfilled' }]) {
      expect(mayNeedFollowing(step({ effects: [effect] })), JSON.stringify(effect)).toBe(true);
    }
  });

  it('leaves the others without reading anything', () => {
    expect(mayNeedFollowing(step({}))).toBe(false);
    // The lender's later steps, and a lending row's first step other than new.
    expect(mayNeedFollowing(step({ side: 'lending', supplyId: 3, fromState: 'new', toState: 'will-supply', event: 'will-supply' }))).toBe(false);
    expect(mayNeedFollowing(step({ side: 'lending', supplyId: 3, fromState: 'awaiting-shipping', toState: 'shipped', event: 'ship' }))).toBe(false);
    // Shipped again (a renewal answered while shipped), copy-delivered shown on the page only, other staff notices.
    expect(mayNeedFollowing(step({ fromState: 'shipped', toState: 'shipped', event: 'StatusChange:Loaned' }))).toBe(false);
    expect(mayNeedFollowing(step({ effects: [{ type: 'notify-reader', notice: 'copy-delivered' }, { type: 'notify-reader', notice: 'renewed' }, { type: 'notify-staff', notice: 'recall' }] }))).toBe(false);
  });
});
