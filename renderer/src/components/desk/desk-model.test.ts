import { describe, expect, it } from 'vitest';
import type { DeskStatus, OutboxItem } from '../../../../shared/contract/desk';
import { i18n } from '../../../../shared/i18n';
import {
  bannerFor,
  changesMoved,
  concernWouldWait,
  deskPollInterval,
  fieldLabel,
  NAMED_OPS,
  opInWords,
  opTitle,
  setAt,
  showOutboxNav,
  sortWaiting,
  textFields,
  whenParts,
  whenText,
} from './desk-model';

const STANDALONE: DeskStatus = {
  mode: 'standalone',
  server: null,
  waiting: 0,
  concernsWaiting: 0,
  failed: 0,
  changes: 0,
  sending: false,
  lastContactAt: null,
};
const status = (over: Partial<DeskStatus>): DeskStatus => ({ ...STANDALONE, server: 'https://senco.school.local:8443', ...over });

describe('the connection banner', () => {
  it('shows nothing on a standalone desk, or before the desk has answered', () => {
    expect(bannerFor(STANDALONE)).toEqual({ kind: 'none' });
    expect(bannerFor(undefined)).toEqual({ kind: 'none' });
    expect(showOutboxNav(STANDALONE)).toBe(false);
    expect(concernWouldWait(STANDALONE)).toBe(false);
  });

  it('online: what is being sent, and what was refused', () => {
    expect(bannerFor(status({ mode: 'online', waiting: 3, sending: true, failed: 1 }))).toEqual({
      kind: 'online',
      waiting: 3,
      sending: true,
      failed: 1,
    });
    expect(showOutboxNav(status({ mode: 'online', failed: 1 }))).toBe(true);
    expect(showOutboxNav(status({ mode: 'online', failed: 0 }))).toBe(false);
    expect(concernWouldWait(status({ mode: 'online' }))).toBe(false);
  });

  it('offline: what waits, the concerns among it, what was refused, and when the server was last heard', () => {
    expect(
      bannerFor(status({ mode: 'offline', waiting: 4, concernsWaiting: 1, failed: 2, lastContactAt: '2026-03-14T14:05:00.000Z' })),
    ).toEqual({
      kind: 'offline',
      waiting: 4,
      concernsWaiting: 1,
      failed: 2,
      lastContactAt: '2026-03-14T14:05:00.000Z',
    });
    expect(concernWouldWait(status({ mode: 'offline' }))).toBe(true);
  });
});

describe('the poll', () => {
  it('asks every 2 seconds on a connected desk (and until the first answer), once on a standalone one', () => {
    expect(deskPollInterval(undefined)).toBe(2000);
    expect(deskPollInterval(status({ mode: 'online' }))).toBe(2000);
    expect(deskPollInterval(status({ mode: 'offline' }))).toBe(2000);
    expect(deskPollInterval(STANDALONE)).toBe(false);
  });
});

describe('push: when the screens read again', () => {
  it('not on the first answer (a baseline), then whenever the desk’s change counter moves', () => {
    expect(changesMoved(undefined, 5)).toBe(false);
    expect(changesMoved(5, 5)).toBe(false);
    expect(changesMoved(5, 6)).toBe(true);
    // The desk restarted and counts from 0 again: still a change.
    expect(changesMoved(6, 0)).toBe(true);
  });
});

describe('an outbox item in words', () => {
  it('names the operations done offline in plain words, each with a string', () => {
    expect(opInWords('sessions.record')).toBe('session recorded');
    expect(opTitle('safeguarding.raise')).toBe('Safeguarding concern');
    expect(opTitle('parentUpdates.save')).toBe('Progress note');
    for (const op of NAMED_OPS) expect(opInWords(op), op).not.toMatch(/connectedUi|\(/);
    // Anything else still says what it was.
    expect(opTitle('pupils.update')).toBe('Change made on this desk (pupils.update)');
  });

  it('says when in England’s time, as "14 March 2026" and a 24-hour time', () => {
    expect(whenParts('2026-03-14T14:05:00.000Z')).toEqual({ date: '14 March 2026', time: '14:05' });
    // British Summer Time: an hour ahead of UTC.
    expect(whenParts('2026-06-01T08:30:00.000Z')).toEqual({ date: '1 June 2026', time: '09:30' });
    expect(whenText('2026-03-14T14:05:00.000Z')).toBe('14 March 2026 at 14:05');
  });

  it('lists safeguarding concerns first among what waits (they are sent first), then in the order they were done', () => {
    const item = (id: string, op: string, queuedAt: string): OutboxItem => ({
      id,
      op,
      input: {},
      queuedAt,
      pupilId: null,
      pupilName: null,
      error: null,
    });
    const sorted = sortWaiting([
      item('a', 'sessions.record', '2026-03-14T10:00:00Z'),
      item('b', 'safeguarding.raise', '2026-03-14T11:00:00Z'),
      item('c', 'sessions.record', '2026-03-14T09:00:00Z'),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('the generic editor of a refused item', () => {
  const input = {
    sessionId: 's1',
    pupils: [
      { pupilId: 'p1', attendance: 'attended', notes: 'Worked well', goals: [{ ippId: 'i1', goalKey: 'g1', rating: 1, note: 'Good' }] },
    ],
    reason: null,
  };

  it('finds every written field, and leaves ids, codes and numbers alone', () => {
    expect(textFields(input)).toEqual([
      { path: ['pupils', 0, 'attendance'], value: 'attended' },
      { path: ['pupils', 0, 'notes'], value: 'Worked well' },
      { path: ['pupils', 0, 'goals', 0, 'note'], value: 'Good' },
    ]);
    expect(textFields(null)).toEqual([]);
  });

  it('changes one field and keeps everything else exactly as it was, without touching the original', () => {
    const next = setAt(input, ['pupils', 0, 'notes'], 'Worked very well');
    expect(next).toEqual({ ...input, pupils: [{ ...input.pupils[0], notes: 'Worked very well' }] });
    expect(input.pupils[0]?.notes).toBe('Worked well');
    expect(setAt({}, ['a', 'b'], 1)).toEqual({ a: { b: 1 } });
  });

  it('labels a field from where it is, in words', () => {
    expect(fieldLabel(['pupils', 0, 'notes'])).toBe('Pupils 1: notes');
    expect(fieldLabel(['childWords'])).toBe('Child words');
    expect(fieldLabel(['pupils', 1, 'goals', 0, 'note'])).toBe('Pupils 2: goals 1: note');
  });
});

describe('strings', () => {
  it('has every banner and page string the screens use', () => {
    for (const k of [
      'connectedUi.banner.concerns_one',
      'connectedUi.banner.concerns_other',
      'connectedUi.banner.waiting_one',
      'connectedUi.banner.failed_other',
      'scopeUi.pages.outbox',
    ]) {
      expect(i18n.exists(k), k).toBe(true);
    }
    expect(i18n.t('connectedUi.banner.concerns', { count: 2 })).toBe(
      '2 safeguarding concerns have NOT reached the DSL: tell the DSL in person now.',
    );
  });

  it('keeps its own top-level key, so it overwrites no other screen’s strings', () => {
    // `connected` (the desk's own) and `connectedUi` both survive the spread into one resource.
    expect(i18n.exists('connected.standaloneOutbox')).toBe(true);
    expect(i18n.exists('connectedUi.outbox.title')).toBe(true);
  });
});
