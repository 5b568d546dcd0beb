import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../../shared/i18n';
import { ItPolicyPanel } from './it-policy-panel';
import { schoolFormFor } from './school-form';
import type { ItPolicy } from '../../lib/it-policy';

const render = (policy: ItPolicy) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ItPolicyPanel policy={policy} />
    </I18nextProvider>,
  );

describe('Settings: what the school’s IT set', () => {
  it('shows each value the policy sets, locked and read-only, as set by the school’s IT', () => {
    const html = render({
      dataFolder: 'D:\\SENCo Desk data',
      lockAfterMinutes: 5,
      disableUpdates: true,
      schoolServer: 'https://senco.school.example',
    });
    expect(html).toContain('Set by your school’s IT');
    for (const value of ['D:\\SENCo Desk data', '5 minutes', 'Off: your IT team installs new versions', 'https://senco.school.example'])
      expect(html).toContain(`value="${value}"`);
    // Four fields, each disabled and read-only, each saying who set it.
    expect(html.match(/<input[^>]*disabled=""[^>]*readOnly=""/g)).toHaveLength(4);
    expect(html.match(/Set by your school’s IT/g)?.length).toBe(1 + 4);
    expect(render({ lockAfterMinutes: 1 })).toContain('value="1 minute"');
  });

  it('shows the policy file’s problems plainly', () => {
    const html = render({
      lockAfterMinutes: 5,
      problems: ['In the policy file X, "disableUpdates" must be true or false, without quotes; it was ignored.'],
    });
    expect(html).toContain('The policy file your school’s IT set has problems');
    expect(html).toContain('must be true or false');
  });

  it('shows nothing without a policy (most computers, and the browser edition)', () => {
    expect(render({})).toBe('');
  });
});

describe('the school form under a policy', () => {
  const values = { name: 'Oak Primary', urn: '100000', localAuthority: 'Leeds' };
  it('refuses a lock time longer than IT allows, and says so plainly', () => {
    const form = schoolFormFor(10);
    expect(form.safeParse({ ...values, autoLockMinutes: '10' }).success).toBe(true);
    const r = form.safeParse({ ...values, autoLockMinutes: '11' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'Your school’s IT allows at most 10 minutes without use before the screen locks. Enter a number from 1 to 10.',
    ]);
  });

  it('allows up to 60 minutes without a policy', () => {
    expect(schoolFormFor().safeParse({ ...values, autoLockMinutes: '60' }).success).toBe(true);
    expect(schoolFormFor().safeParse({ ...values, autoLockMinutes: '61' }).success).toBe(false);
  });
});
