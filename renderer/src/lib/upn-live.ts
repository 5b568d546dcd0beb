import { checkUpn, normaliseUpn } from '../../../shared/upn';
import { t } from '../../../shared/i18n';

/**
 * The message shown as you type a UPN. Only a wrong check letter is reported before the field is left: the
 * length and format messages would nag on every keystroke of a number that is simply not finished yet. The text
 * is the server's own (`validation.upnCheckLetter`), naming the letter expected.
 */
export function liveUpnMessage(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const upn = normaliseUpn(raw);
  if (upn.length !== 13) return null;
  const problem = checkUpn(upn);
  return problem?.kind === 'check_letter' ? t('validation.upnCheckLetter', { expected: problem.expected }) : null;
}
