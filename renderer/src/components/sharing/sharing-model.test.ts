import { describe, expect, it } from 'vitest';
import { ARTICLE6_BASES, ARTICLE9_CONDITIONS, EXPORT_SECTIONS, type SharingRecord } from '../../../../shared/contract';
import { i18n } from '../../../../shared/i18n';
import {
  ARTICLE6_OPTIONS,
  ARTICLE9_OPTIONS,
  DEFAULT_BASIS,
  EMPTY_SHARE_FORM,
  WORDS,
  ageCommand,
  article6Label,
  article9Label,
  base64ToBytes,
  bytesToBase64,
  checkShareForm,
  filterByOrganisation,
  formatBytes,
  lockLabel,
  randomBelow,
  sectionLabels,
  shareInput,
  splitFieldErrors,
  suggestPassphrase,
  type RandomSource,
} from './sharing-model';

/** A RandomSource that returns the given numbers in turn. */
function sequence(...values: number[]): RandomSource {
  let i = 0;
  return (into) => {
    for (let j = 0; j < into.length; j++) into[j] = values[i++ % values.length] as number;
    return into;
  };
}

describe('passphrase suggester', () => {
  it('has a long list of distinct, plain lower-case words', () => {
    expect(WORDS.length).toBeGreaterThanOrEqual(500);
    expect(new Set(WORDS).size).toBe(WORDS.length);
    for (const w of WORDS) expect(w).toMatch(/^[a-z]{2,12}$/);
  });

  it('gives five words from the list, separated by spaces, from the Web Crypto API', () => {
    const p = suggestPassphrase();
    const words = p.split(' ');
    expect(words).toHaveLength(5);
    for (const w of words) expect(WORDS).toContain(w);
    expect(p.length).toBeGreaterThanOrEqual(10);
    // Random: twenty suggestions are not all the same.
    expect(new Set(Array.from({ length: 20 }, () => suggestPassphrase())).size).toBeGreaterThan(1);
  });

  it('picks the words the random numbers say', () => {
    expect(suggestPassphrase(3, sequence(0, 1, 2), ['alpha', 'bravo', 'charlie'])).toBe('alpha bravo charlie');
    expect(suggestPassphrase(2, sequence(5, 4), ['alpha', 'bravo', 'charlie'])).toBe('charlie bravo');
  });

  it('rejects numbers that would bias the choice (no modulo bias)', () => {
    // For n = 3, 2^32 - (2^32 mod 3) = 4294967295 is the first number refused; the next one is used.
    expect(randomBelow(3, sequence(4294967295, 7))).toBe(1);
    expect(() => randomBelow(0)).toThrow(RangeError);
    for (let i = 0; i < 200; i++) {
      const v = randomBelow(10);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
    }
  });
});

describe('lawful basis labels', () => {
  it('names each basis in plain English with its legal reference', () => {
    expect(article6Label('public_task')).toBe('Public task — Article 6(1)(e)');
    expect(article6Label('consent')).toBe('Consent — Article 6(1)(a)');
    expect(article6Label('legitimate_interests')).toBe('Legitimate interests — Article 6(1)(f)');
    expect(article9Label('substantial_public_interest')).toBe('Substantial public interest — Article 9(2)(g)');
    expect(article9Label('explicit_consent')).toBe('Explicit consent — Article 9(2)(a)');
    expect(article9Label('archiving_research')).toBe('Archiving, research or statistics — Article 9(2)(j)');
  });

  it('has a label for every basis and condition the contract allows, each different', () => {
    expect(ARTICLE6_OPTIONS.map((o) => o.value)).toEqual([...ARTICLE6_BASES]);
    expect(ARTICLE9_OPTIONS.map((o) => o.value)).toEqual([...ARTICLE9_CONDITIONS]);
    for (const o of [...ARTICLE6_OPTIONS, ...ARTICLE9_OPTIONS]) expect(o.label).not.toMatch(/sharingUi|undefined/);
    expect(new Set(ARTICLE6_OPTIONS.map((o) => o.label)).size).toBe(ARTICLE6_BASES.length);
    expect(new Set(ARTICLE9_OPTIONS.map((o) => o.label)).size).toBe(ARTICLE9_CONDITIONS.length);
  });

  it('defaults to what schools usually rely on', () => {
    expect(DEFAULT_BASIS).toEqual({ article6: 'public_task', article9: 'substantial_public_interest' });
  });
});

describe('log helpers', () => {
  const record = (organisation: string, extra: Partial<SharingRecord> = {}): SharingRecord => ({
    id: organisation,
    pupilId: 'p',
    pupilName: 'A B',
    upn: 'X',
    organisation,
    sections: ['details'],
    article6: 'public_task',
    article9: 'substantial_public_interest',
    format: 'age_package',
    lockedWith: 'passphrase',
    recipientKey: null,
    fileName: 'f.age',
    bytes: 10,
    sha256: 'x',
    note: null,
    exportedBy: 'Me',
    exportedAt: '2026-03-14T10:00:00.000Z',
    ...extra,
  });

  it('names the sections, every one the contract has', () => {
    expect(sectionLabels(['details', 'needs'])).toBe('Pupil details and contacts, SEN status and needs');
    expect(sectionLabels(['review_pack'])).toBe('Review pack');
    expect(sectionLabels(['mystery'])).toBe('mystery');
    for (const s of EXPORT_SECTIONS) expect(i18n.exists(`exportSections.${s}`)).toBe(true);
  });

  it('says how a record was locked', () => {
    expect(lockLabel({ lockedWith: 'passphrase', recipientKey: null })).toBe('Passphrase');
    expect(lockLabel({ lockedWith: 'password', recipientKey: null })).toBe('Password (PDF)');
    expect(lockLabel({ lockedWith: 'public_key', recipientKey: `age1${'q'.repeat(58)}` })).toBe('Their public key (age1qqqq…qqqqqq)');
  });

  it('filters by part of the organisation, in any case', () => {
    const rows = [record('Exampleshire SEND team'), record('Northgate Academy')];
    expect(filterByOrganisation(rows, '  send ').map((r) => r.id)).toEqual(['Exampleshire SEND team']);
    expect(filterByOrganisation(rows, '')).toHaveLength(2);
    expect(filterByOrganisation(rows, 'nobody')).toEqual([]);
  });

  it('sizes files in bytes, KB and MB', () => {
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(14_540)).toBe('14.2 KB');
    expect(formatBytes(3_250_000)).toBe('3.1 MB');
  });

  it('gives the age command for a passphrase and for a key', () => {
    expect(ageCommand('A123-x-2026-03-14.age', 'passphrase')).toBe('age -d -o record.zip A123-x-2026-03-14.age');
    expect(ageCommand('my file.age', 'public_key')).toBe('age -d -i their-key.txt -o record.zip "my file.age"');
  });

  it('round-trips bytes through base64, also past one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect([...base64ToBytes(b64)]).toEqual([...bytes]);
    expect(bytesToBase64(new TextEncoder().encode('age-encryption.org/v1'))).toBe(Buffer.from('age-encryption.org/v1').toString('base64'));
  });
});

describe('the share form', () => {
  const ok = {
    ...EMPTY_SHARE_FORM,
    lock: 'passphrase' as const,
    organisation: 'Exampleshire SEND team',
    sections: ['needs', 'details'] as const,
    passphrase: 'otter maple crocus',
    confirm: 'otter maple crocus',
  };

  it('starts with nothing ticked, the school default basis and a password-protected PDF', () => {
    expect(EMPTY_SHARE_FORM.sections).toEqual([]);
    expect(EMPTY_SHARE_FORM.article6).toBe('public_task');
    expect(EMPTY_SHARE_FORM.lock).toBe('pdf');
  });

  it('says what is missing, beside each field', () => {
    const e = checkShareForm(EMPTY_SHARE_FORM);
    expect(e.organisation).toMatch(/Enter the organisation/);
    expect(e.sections).toMatch(/Choose at least one section/);
    // A protected PDF needs no secret from the user: the core makes its password.
    expect(e).toEqual({ organisation: expect.any(String), sections: expect.any(String) });
    expect(checkShareForm({ ...EMPTY_SHARE_FORM, lock: 'passphrase' }).passphrase).toMatch(/at least 10 characters/);
    expect(checkShareForm({ ...ok, confirm: '' }).confirm).toMatch(/again/);
    expect(checkShareForm({ ...ok, confirm: 'otter maple crocuses' }).confirm).toMatch(/different/);
    expect(checkShareForm({ ...ok, lock: 'public_key', recipient: 'age1nope' }).recipient).toMatch(/not an age public key/);
    expect(checkShareForm(ok)).toEqual({});
    expect(checkShareForm({ ...ok, lock: 'public_key', recipient: ` age1${'q'.repeat(58)} `, passphrase: '' })).toEqual({});
  });

  it('sends the sections in the list’s order, a PDF with no secret, or a package with exactly one of passphrase or key', () => {
    const pdf = shareInput('p1', { ...ok, lock: 'pdf' });
    expect(pdf).toMatchObject({ format: 'protected_pdf', passphrase: null, recipient: null, sections: ['details', 'needs'] });
    const input = shareInput('p1', { ...ok, note: '  ' });
    expect(input.format).toBe('age_package');
    expect(input.sections).toEqual(['details', 'needs']);
    expect(input.passphrase).toBe('otter maple crocus');
    expect(input.recipient).toBeNull();
    expect(input.note).toBeNull();
    expect(input.basis).toEqual({ article6: 'public_task', article9: 'substantial_public_interest' });
    const key = shareInput('p1', { ...ok, lock: 'public_key', recipient: ` age1${'q'.repeat(58)} ` });
    expect(key.passphrase).toBeNull();
    expect(key.recipient).toBe(`age1${'q'.repeat(58)}`);
  });

  it('puts the core’s messages on the fields it knows and the rest in the summary', () => {
    const split = splitFieldErrors({ passphrase: 'Too short.', 'basis.article6': 'Choose one.', sections: 'Pick one.' }, [
      'passphrase',
      'sections',
    ] as const);
    expect(split.fields).toEqual({ passphrase: 'Too short.', sections: 'Pick one.' });
    expect(split.other).toEqual(['Choose one.']);
  });
});
