/** Drafts (issue 17, item 3: work is never lost): what the core says about them, and what the forms and dialogs say. */
export const draftsUi = {
  drafts: {
    usersOnly: 'Drafts belong to the person typing: sign in to the app to keep one.',
    badKey: 'A draft key names a form and a record, such as "sessions.schedule:new". Reload the page and try again.',
    badPayload: 'This draft is not a form’s values (JSON). Reload the page and try again.',
  },
  draftsUi: {
    restored: 'Restored your unsaved draft from {{time}}.',
    restoredDay: 'Restored your unsaved draft from {{time}} on {{date}}.',
    discard: 'Discard draft',
    saving: 'Saving draft…',
    saved: 'Draft saved at {{time}}',
    notSaved: 'Could not keep a draft: {{message}}',
    leave: {
      title: 'Leave this page?',
      body: 'You have changes that are not saved. Your draft is kept: you can come back to it, or discard it now.',
      stay: 'Stay on this page',
      leave: 'Leave, keep the draft',
      discard: 'Leave and discard changes',
    },
    close: {
      title: 'Discard changes?',
      body: 'You have changes in “{{title}}” that are not saved.',
      bodyUntitled: 'You have changes that are not saved.',
      keepEditing: 'Keep editing',
      keepDraft: 'Close, keep the draft',
      discard: 'Discard changes',
    },
    window: 'You have changes that are not saved. A draft is kept; close anyway?',
    windowClose: {
      title: 'Close SENCo Desk?',
      close: 'Close, keep the draft',
      stay: 'Stay',
    },
  },
} as const;
