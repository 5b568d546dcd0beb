/** Option lists for selects, labelled from the shared en-GB vocabulary. */
import { CONTACT_RELATIONSHIPS, NEED_CODES, ROLES, SEN_STATUSES, YEAR_GROUPS } from '../../../shared/domain';
import { t, yearGroupLabel } from '../../../shared/i18n';

export const yearGroupOptions = () => YEAR_GROUPS.map((y) => ({ value: y, label: yearGroupLabel(y) }));
export const senStatusOptions = () => SEN_STATUSES.map((s) => ({ value: s, label: t(`senStatusLong.${s}`) }));
export const needOptions = () => NEED_CODES.map((n) => ({ value: n, label: `${t(`needs.${n}`)} (${n})` }));
export const relationshipOptions = () => CONTACT_RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationships.${r}`) }));
/** Roles a school's SENCo may give: a trust SEND lead's account is made by the trust's IT (`senco-desk trust add-lead`). */
export const roleOptions = () => ROLES.filter((r) => r !== 'trust_lead').map((r) => ({ value: r, label: t(`roles.${r}`) }));
