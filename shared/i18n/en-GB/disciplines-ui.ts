/** en-GB strings for Settings › Therapy disciplines: the school's list of disciplines, switched on or off, and adding one. */
export const disciplinesUi = {
  disciplinesUi: {
    tab: 'Therapy disciplines',
    title: 'Therapy disciplines',
    intro:
      'The disciplines your therapy team offers. Referrals, assessments, plans and sessions choose from the disciplines in use. Switching one off hides it from new records; records that already use it keep it.',
    readOnly: 'Only the SENCo or the therapy lead can change the disciplines.',
    tableLabel: 'Therapy disciplines',
    none: 'No disciplines yet',
    columns: {
      label: 'Discipline',
      code: 'Code',
      active: 'In use',
    },
    inUse: 'In use',
    notInUse: 'Not in use',
    activeLabel: '{{label}} in use',
    switchedOn: '{{label}} is in use again.',
    switchedOff: '{{label}} is switched off.',
    add: {
      title: 'Add a discipline',
      intro: 'The code is suggested from the name. It is stored with records, so it cannot be changed afterwards.',
      label: 'Name',
      labelHelp: 'As staff will see it, for example Music therapy.',
      code: 'Code',
      codeHelp: 'Lowercase letters and underscores, up to 40.',
      codeFormat: 'Use only lowercase letters and underscores, for example music_therapy.',
      codeTaken: 'There is already a discipline with this code ({{label}}).',
      submit: 'Add discipline',
      added: '{{label}} added.',
    },
  },
} as const;
