/**
 * en-GB words for the school census rules (shared/census.ts): the SEN provision and type rules the form, the
 * contract and the MIS import refuse, and the year-group warning. Merged as `translation: { ..., ...census }`, so
 * keys read `census.needRequired`.
 */
export const census = {
  census: {
    needRequired:
      'A pupil with an EHC plan (E) or on SEN support (K) needs a primary need: add the type of need that affects them most (census SEN type, rank 1).',
    noNeedsForN: 'A pupil with no SEN (N) has no type of need in the census: remove the needs, or choose E or K.',
    nsaOnlyK: 'NSA (no specialist assessment of type of need) is only for pupils on SEN support (K): record the type of need instead.',
    nsaAlone:
      'NSA means the type of need has not been assessed, so it stands alone: remove the other needs, or replace NSA with the type of need.',
    yearGroupMismatch:
      'Born on {{dob, longDate}}, a pupil would normally be in {{expected}} in {{schoolYear}}, not {{yearGroup}}. Keep it if they are taught out of their year group; choose X if they do not follow National Curriculum year groups.',
    yearGroupYounger:
      'Born on {{dob, longDate}}, a pupil is too young for {{yearGroup}} or any year group in {{schoolYear}}: check the date of birth.',
    yearGroupOlder:
      'Born on {{dob, longDate}}, a pupil is past Year 14 in {{schoolYear}}, not in {{yearGroup}}: check the date of birth, or choose X if they do not follow National Curriculum year groups.',
    warningTitle: 'Check before saving',
    yearGroupHelp: 'N1, N2, Reception, Years 1 to 14, or X for pupils who do not follow National Curriculum year groups.',
  },
} as const;
