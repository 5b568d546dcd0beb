/**
 * A pupil's name as the school uses it: preferred names where given, else legal names. Its own module so that any
 * service can name a pupil without loading the pupils service (which reads the clocks, which name pupils).
 */
export function displayName(p: {
  legalFirstName: string;
  legalLastName: string;
  preferredFirstName: string | null;
  preferredLastName: string | null;
}): string {
  return `${p.preferredFirstName ?? p.legalFirstName} ${p.preferredLastName ?? p.legalLastName}`;
}
