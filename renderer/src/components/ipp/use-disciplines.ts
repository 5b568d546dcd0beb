import { useQuery } from '@tanstack/react-query';
import { codeLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { qk } from '../../lib/query-keys';

/** The school's disciplines (Settings) and a label for any code, falling back to the built-in names. */
export function useDisciplines() {
  const query = useQuery({ queryKey: qk('disciplines.list'), queryFn: () => call('disciplines.list', {}), staleTime: 60_000 });
  const list = query.data ?? [];
  const label = (code: string): string => {
    const found = list.find((d) => d.code === code);
    if (found) return found.label;
    return codeLabel('disciplines', code);
  };
  return { list, label, isPending: query.isPending };
}
