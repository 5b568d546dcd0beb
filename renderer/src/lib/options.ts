/** Option lists for selects, labelled from the shared en-GB vocabulary. */
import { CONTACT_RELATIONSHIPS, NEED_CODES, ROLES, SEN_STATUSES, YEAR_GROUPS } from '../../../shared/domain';
import { t, yearGroupLabel } from '../../../shared/i18n';

export const yearGroupOptions = () => YEAR_GROUPS.map((y) => ({ value: y, label: yearGroupLabel(y) }));
export const senStatusOptions = () => SEN_STATUSES.map((s) => ({ value: s, label: t(`senStatusLong.${s}`) }));
export const needOptions = () => NEED_CODES.map((n) => ({ value: n, label: `${t(`needs.${n}`)} (${n})` }));
export const relationshipOptions = () => CONTACT_RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationships.${r}`) }));
export const roleOptions = () => ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
