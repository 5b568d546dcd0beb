/**
 * The connected desk's screens as they render for a given answer of the desk (no browser: static markup): the banner
 * (nothing when standalone), the lists of the "Could not be sent" page, the red concern warning, the fix forms'
 * checks, and the School server card in each of its states.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { DeskStatus, OutboxItem } from '../../../../shared/contract/desk';
import type { ConnectionApi } from '../../../../shared/desktop-api';
import { i18n } from '../../../../shared/i18n';
import { DeskBannerView } from './desk-banner';
import { ConcernOfflineWarning } from './concern-offline-warning';
import { joinHappenedAt, schemaErrors, splitHappenedAt } from './outbox-fix-dialog';
import { FailedTable, WaitingTable } from '../../pages/desk/outbox-page';
import { BrowserEditionServer, SchoolServerCard } from '../../pages/settings/school-server-settings';

const html = (node: ReactNode) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>{node}</MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );

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
const desk = (over: Partial<DeskStatus>): DeskStatus => ({ ...STANDALONE, server: 'https://senco.school.local:8443', ...over });
const testId = (markup: string, id: string) => markup.includes(`data-testid="${id}"`);
const text = (markup: string) =>
  markup
    .replace(/<style[^>]*>.*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the connection banner', () => {
  it('is not there at all on a standalone desk', () => {
    expect(html(<DeskBannerView status={STANDALONE} />)).toBe('');
    expect(html(<DeskBannerView status={undefined} />)).toBe('');
  });

  it('online: a quiet line, a live region, with what is being sent', () => {
    const m = html(<DeskBannerView status={desk({ mode: 'online', waiting: 2, sending: true })} />);
    expect(m).toMatch(/role="status" aria-live="polite"/);
    expect(testId(m, 'desk-banner')).toBe(true);
    expect(text(m)).toContain('Connected to the school server');
    expect(text(m)).toContain('Sending 2 items done offline…');
    expect(testId(m, 'desk-failed-link')).toBe(false);
    expect(text(html(<DeskBannerView status={desk({ mode: 'online' })} />))).not.toContain('waiting');
  });

  it('offline: says so clearly, with how many items wait', () => {
    const m = html(<DeskBannerView status={desk({ mode: 'offline', waiting: 3, lastContactAt: '2026-03-14T14:05:00Z' })} />);
    expect(m).toMatch(/data-mode="offline"/);
    expect(m).toMatch(/role="status" aria-live="polite"/);
    expect(text(m)).toContain('Offline: working from this desk’s copy');
    expect(text(m)).toContain('3 items are waiting to be sent.');
    expect(text(m)).toContain('Last in touch with the server at 14:05 on 14 March 2026.');
    expect(testId(m, 'desk-concerns')).toBe(false);
  });

  it('offline with a concern waiting: a red line with an icon AND the words to tell the DSL in person', () => {
    const m = html(<DeskBannerView status={desk({ mode: 'offline', waiting: 2, concernsWaiting: 1 })} />);
    const concerns = /<div[^>]*data-testid="desk-concerns".*?<\/div>/.exec(m)?.[0] ?? '';
    expect(concerns).toContain('<svg');
    expect(text(concerns)).toContain('1 safeguarding concern has NOT reached the DSL: tell the DSL in person now.');
  });

  it('links to the "Could not be sent" list when the server refused something, except on that page', () => {
    const m = html(<DeskBannerView status={desk({ mode: 'offline', failed: 2 })} />);
    expect(m).toMatch(
      /<a[^>]*href="\/outbox"[^>]*data-testid="desk-failed-link"|<a[^>]*data-testid="desk-failed-link"[^>]*href="\/outbox"/,
    );
    expect(text(m)).toContain('2 items could not be sent');
    expect(testId(html(<DeskBannerView status={desk({ mode: 'online', failed: 1 })} />), 'desk-failed-link')).toBe(true);
    expect(testId(html(<DeskBannerView status={desk({ mode: 'online', failed: 1 })} onOutboxPage />), 'desk-failed-link')).toBe(false);
  });
});

const item = (over: Partial<OutboxItem>): OutboxItem => ({
  id: 'o1',
  op: 'sessions.record',
  input: {},
  queuedAt: '2026-03-14T10:15:00Z',
  pupilId: 'p1',
  pupilName: 'Amara Okafor',
  error: { code: 'conflict', message: 'This session was cancelled on 13 March 2026, so it cannot be recorded.' },
  ...over,
});

describe('the "Could not be sent" lists', () => {
  it('each refused item: what in words, the pupil, when, the server’s reason, and its three actions named for it', () => {
    const m = html(
      <FailedTable items={[item({})]} busy={null} onResend={() => undefined} onFix={() => undefined} onDiscard={() => undefined} />,
    );
    const row = text(m);
    for (const s of [
      'Session recorded',
      'Amara Okafor',
      '14 March 2026 at 10:15',
      'This session was cancelled on 13 March 2026',
      'Send again',
      'Fix',
      'Discard',
    ])
      expect(row).toContain(s);
    expect(m).toContain('aria-label="Actions for session recorded, Amara Okafor"');
  });

  it('a concern still waiting says, in red and in words, that it has not reached the DSL', () => {
    const m = html(
      <WaitingTable items={[item({ op: 'safeguarding.raise', error: null }), item({ id: 'o2', pupilName: null, error: null })]} />,
    );
    expect(text(m)).toContain('Safeguarding concern');
    expect(text(m)).toContain('NOT yet with the DSL: tell the DSL in person now.');
    expect(text(m)).toContain('No pupil');
  });
});

describe('the concern raised offline', () => {
  it('before sending: NOT reached the DSL, tell the DSL in person now, first thing sent when the connection returns', () => {
    const m = html(<ConcernOfflineWarning pupil={null} />);
    expect(m).toContain('data-testid="concern-offline-warning"');
    expect(m).toContain('role="alert"');
    expect(m).toContain('<svg');
    expect(text(m)).toContain('This concern has NOT reached the DSL');
    expect(text(m)).toContain('Tell the DSL in person now.');
    expect(text(m)).toContain('the first thing sent when the connection returns');
  });

  it('after: names the pupil, and says it is kept on this desk', () => {
    const m = text(html(<ConcernOfflineWarning pupil="Amara Okafor" />));
    expect(m).toContain('Kept on this desk: NOT yet with the DSL');
    expect(m).toContain('The concern about Amara Okafor is saved on this desk but has NOT reached the DSL. Tell the DSL in person now.');
  });
});

describe('the fix forms’ checks', () => {
  it('a concern’s time splits into dd/mm/yyyy and hh:mm, and back; a wrong one is refused', () => {
    expect(splitHappenedAt('2026-03-14T14:05')).toEqual({ date: '14/03/2026', time: '14:05' });
    expect(splitHappenedAt(undefined)).toEqual({ date: '', time: '' });
    expect(joinHappenedAt('14/03/2026', '14:05')).toBe('2026-03-14T14:05');
    expect(joinHappenedAt('14/3/2026', '9:05')).toBe('2026-03-14T09:05');
    expect(joinHappenedAt('31/02/2026', '14:05')).toBeNull();
    expect(joinHappenedAt('14/03/2026', '25:00')).toBeNull();
  });

  it('checks a corrected session and concern with the contract’s own rules, message by field', () => {
    const session = {
      sessionId: 's1',
      pupils: [{ pupilId: 'p1', attendance: 'cancelled', cancelledBy: null, reason: null, deliveredMinutes: null, notes: null, goals: [] }],
    };
    const errors = schemaErrors('sessions.record', session);
    expect(Object.keys(errors).sort()).toEqual(['pupils.0.cancelledBy', 'pupils.0.reason']);
    expect(
      schemaErrors('sessions.record', { ...session, pupils: [{ ...session.pupils[0], cancelledBy: 'family', reason: 'Ill' }] }),
    ).toEqual({});
    expect(Object.keys(schemaErrors('safeguarding.raise', { pupilId: 'p1', happenedAt: '2026-03-14T14:05', what: '  ' }))).toEqual([
      'what',
    ]);
    // Other operations: the server checks them.
    expect(schemaErrors('parentUpdates.save', { anything: 1 })).toEqual({});
  });
});

describe('Settings › School server', () => {
  const api: ConnectionApi = {
    get: () => Promise.reject(new Error('unused')),
    save: () => Promise.reject(new Error('unused')),
    clear: () => Promise.reject(new Error('unused')),
  };
  const fp = 'AB:'.repeat(32).slice(0, -1);

  it('set by IT: both values read-only, saying who set them; no form', () => {
    const m = html(
      <SchoolServerCard
        view={{ source: 'policy', address: 'https://senco.school.local', fingerprint: fp, complete: true }}
        canEdit
        api={api}
      />,
    );
    expect(m.match(/<input[^>]*disabled=""[^>]*readOnly=""/g)).toHaveLength(2);
    expect(m.match(/Set by your school’s IT/g)).toHaveLength(2);
    expect(m).toContain(`value="${fp}"`);
    expect(m).not.toContain('Test connection and save');
  });

  it('set by IT without a fingerprint: says the desk cannot connect safely and what IT must add', () => {
    const m = html(
      <SchoolServerCard
        view={{ source: 'policy', address: 'https://senco.school.local', fingerprint: null, complete: false }}
        canEdit
        api={api}
      />,
    );
    expect(text(m)).toContain('"schoolServerFingerprint"');
  });

  it('the SENCo: the address and the fingerprint to fill in, and the test that saves', () => {
    const m = html(<SchoolServerCard view={{ source: 'none', address: null, fingerprint: null, complete: true }} canEdit api={api} />);
    expect(m).toContain('Test connection and save');
    expect(text(m)).toContain('Not connected: this desk keeps its own records.');
    expect(m).not.toContain('Stop using this server');
    const saved = html(
      <SchoolServerCard
        view={{ source: 'settings', address: 'https://senco.school.local', fingerprint: fp, complete: true }}
        canEdit
        api={api}
      />,
    );
    expect(saved).toContain('value="https://senco.school.local"');
    expect(saved).toContain('Stop using this server');
  });

  it('anyone else: read-only, and who can change it', () => {
    const m = html(
      <SchoolServerCard
        view={{ source: 'settings', address: 'https://senco.school.local', fingerprint: fp, complete: true }}
        canEdit={false}
        api={api}
      />,
    );
    expect(m).not.toContain('Test connection and save');
    expect(text(m)).toContain('Only the SENCo can change the school server');
  });

  it('the browser edition: only which server it was started against; nothing when standalone', () => {
    expect(html(<BrowserEditionServer server={null} />)).toBe('');
    expect(text(html(<BrowserEditionServer server="https://senco.school.local" />))).toContain(
      'started connected to https://senco.school.local',
    );
  });
});
