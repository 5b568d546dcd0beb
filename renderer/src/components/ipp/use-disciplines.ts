import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { qk } from '../../lib/query-keys';

/** The school's disciplines (Settings) and a label for any code, falling back to the built-in names. */
export function useDisciplines() {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: qk('disciplines.list'), queryFn: () => call('disciplines.list', {}), staleTime: 60_000 });
  const list = query.data ?? [];
  const label = (code: string): string => {
    const found = list.find((d) => d.code === code);
    if (found) return found.label;
    return i18n.exists(`disciplines.${code}`) ? t(`disciplines.${code}`) : code;
  };
  return { list, label, isPending: query.isPending };
}
