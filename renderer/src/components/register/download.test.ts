import { describe, expect, it } from 'vitest';
import { csvFileName } from './download';

describe('csvFileName', () => {
  it('keeps a plain name and adds .csv when missing', () => {
    expect(csvFileName('sen-register-2026-11-23.csv')).toBe('sen-register-2026-11-23.csv');
    expect(csvFileName('register')).toBe('register.csv');
  });

  it('replaces characters no file system accepts', () => {
    expect(csvFileName('a/b:c?.csv')).toBe('a-b-c-.csv');
    expect(csvFileName('')).toBe('export.csv');
  });
});
