/**
 * The school's disciplines (Settings): their labels, falling back to the shared vocabulary, and the options a
 * form offers (active ones, plus the value already chosen so an old record still shows its discipline).
 */
import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DEFAULT_DISCIPLINES } from '../../../../shared/therapy';
import { codeLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { qk } from '../../lib/query-keys';

export function disciplineFallback(code: string): string {
  return codeLabel('disciplines', code, code.replace(/_/g, ' '));
}

export function useDisciplines() {
  const query = useQuery({ queryKey: qk('disciplines.list'), queryFn: () => call('disciplines.list', {}), staleTime: 60_000 });
  const list = query.data ?? DEFAULT_DISCIPLINES.map((code) => ({ code, label: disciplineFallback(code), active: true }));
  const label = useCallback((code: string) => query.data?.find((d) => d.code === code)?.label || disciplineFallback(code), [query.data]);
  const options = (current?: string | null) =>
    list.filter((d) => d.active || d.code === current).map((d) => ({ value: d.code, label: d.label || disciplineFallback(d.code) }));
  return { label, options, list };
}
