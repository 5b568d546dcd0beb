import { describe, expect, it } from 'vitest';
import { blankStrategy, formFrom, newSuggestions, photoProblem, saveInput, withStrategies } from './passport-model';

describe('the passport editor model', () => {
  it('keeps the current photo by default, drops empty strategies, and suggests only what is not in the list', () => {
    const form = formFrom({
      number: 2,
      createdAt: '2026-11-23T09:00:00Z',
      createdBy: 'Sam Senco (sam.senco)',
      aboutMe: 'Likes trains',
      goodAt: null,
      findHard: null,
      helpsMe: null,
      doesNotHelp: null,
      strategies: [{ text: 'Seat near the front', source: 'staff' }],
      pupilWords: null,
      writtenWith: null,
      photo: { type: 'image/png', base64: 'AAAA', alt: 'Smiling' },
    });
    const input = saveInput('p1', 2, blankStrategy(withStrategies(form, [{ text: 'Visual timetable', source: 'ipp' }])));
    expect(input).toMatchObject({ baseVersion: 2, aboutMe: 'Likes trains', goodAt: '', photo: { kind: 'keep', alt: 'Smiling' } });
    expect(input.strategies).toEqual([
      { text: 'Seat near the front', source: 'staff' },
      { text: 'Visual timetable', source: 'ipp' },
    ]);
    expect(
      newSuggestions(form, [
        { text: 'seat  near the FRONT', source: 'ipp', from: 'x' },
        { text: 'Check understanding', source: 'ipp', from: 'x' },
      ]).map((s) => s.text),
    ).toEqual(['Check understanding']);
  });

  it('takes a PNG or JPEG of at most 400 KB', () => {
    expect(photoProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(photoProblem({ type: 'image/gif', size: 1000 })).toEqual({ kind: 'type' });
    expect(photoProblem({ type: 'image/jpeg', size: 500 * 1024 })).toEqual({ kind: 'size', size: '500 KB' });
  });
});
