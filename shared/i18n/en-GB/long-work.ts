/**
 * en-GB strings for long work (an export, a review pack, an import, a backup): its progress, its Cancel button, and
 * what the core's host says when the core stops. Spread into the resources in shared/i18n/index.ts.
 */
export const longWork = {
  longWork: {
    cancelled: 'Cancelled: nothing was saved. Start it again when you are ready.',
    coreStopped:
      'SENCo Desk’s records engine stopped while this was in progress, so it was not finished and nothing from it was saved. SENCo Desk is starting the engine again: try again in a moment. If it keeps happening, note the time and contact school IT.',
    coreClosed: 'SENCo Desk is closing, so this was not started. Nothing was saved.',
    progressLabel: '{{label}}: {{percent}}% done',
    progressStarting: 'Starting…',
    cancel: 'Cancel',
    cancelLabel: 'Cancel {{label}}',
    cancelling: 'Cancelling…',
    steps: {
      gathering: 'Gathering the records',
      writing: 'Writing the file',
      checking: 'Checking the file',
      importing: 'Importing',
      building: 'Building the pack',
      backup: 'Backing up',
    },
  },
} as const;
