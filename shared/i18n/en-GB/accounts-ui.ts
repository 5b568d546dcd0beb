/**
 * en-GB strings for accounts in the renderer: the account menu, the screen lock, changing your own password (also
 * as the required step after a reset), and the SENCo's password reset and class lists in Settings › Users.
 */
export const accountsUi = {
  accountsUi: {
    menu: {
      // After the name and role the button shows: what it opens.
      button: ', account menu',
      label: 'Account',
      changePassword: 'Change my password',
      lockNow: 'Lock now',
      lockShortcut: 'Ctrl+Shift+L',
    },
    lock: {
      title: 'SENCo Desk is locked',
      signedInAs: 'Signed in as {{name}} ({{role}})',
      why_one:
        'SENCo Desk locks after {{count}} minute without use, or when you choose Lock now, so nobody else can see pupils’ information.',
      why_other:
        'SENCo Desk locks after {{count}} minutes without use, or when you choose Lock now, so nobody else can see pupils’ information.',
      carryOn: 'Enter your password to carry on where you left off. Anything you had typed is still there.',
      password: 'Password',
      missing: 'Enter your password to unlock.',
      unlock: 'Unlock',
      unlocking: 'Unlocking…',
      notYou: 'Not you, or finished? Sign out. Anything typed and not saved is kept as your draft, for when you sign in again.',
      signOut: 'Sign out',
    },
    password: {
      dialogTitle: 'Change my password',
      intro: 'Choose a password of at least 10 characters that you do not use anywhere else. A few unrelated words make a good one.',
      current: 'Current password',
      currentMissing: 'Enter your current password.',
      new: 'New password',
      newHelp: 'At least 10 characters, different from your current password.',
      confirm: 'Confirm new password',
      differ: 'The two new passwords are not the same. Type the new password again in both boxes.',
      submit: 'Change password',
      cancel: 'Cancel',
      changed: 'Your password has been changed. Use the new one next time you sign in or unlock.',
      requiredTitle: 'Choose a new password',
      requiredIntro:
        'Your password was reset by the SENCo. Choose your own password now; nobody else will know it. Use the temporary password you were given as your current password.',
      signOut: 'Sign out',
    },
    users: {
      classes: 'Classes',
      actions: 'Actions',
      notApplicable: 'Not applicable',
      noClasses: 'None yet: sees no pupils',
      mustChange: 'Must change password',
      reset: 'Reset password',
      resetFor: 'Reset password for {{name}}',
      editClasses: 'Edit classes',
      editClassesFor: 'Edit classes for {{name}}',
      resetTitle: 'Reset {{name}}’s password',
      resetIntro:
        'Give {{name}} a temporary password, in person rather than by email. They are signed out now, and must choose their own password when they next sign in.',
      resetPassword: 'New temporary password',
      resetPasswordHelp: 'At least 10 characters.',
      resetConfirm: 'Confirm temporary password',
      resetDiffer: 'The two passwords are not the same. Type the temporary password again in both boxes.',
      resetSubmit: 'Reset password',
      resetDone:
        '{{name}}’s password has been reset and they have been signed out. They will choose their own password when they next sign in.',
      classesTitle: 'Classes for {{name}}',
      classesIntro: '{{name}} sees only pupils in these classes (as the register names them). With no classes, they see no pupils.',
      classesLabel: 'Classes',
      classesHelp: 'Choose from the classes on the register, or type a class name and press Enter.',
      classesLoadFailed: 'The register’s class list could not be loaded, but you can still type class names.',
      classesSave: 'Save classes',
      classesSaved: '{{name}}’s classes have been saved.',
      remove: 'Remove {{name}}',
    },
    school: {
      autoLock: 'Lock the screen after (minutes)',
      autoLockHelp:
        'When nobody has used SENCo Desk for this many minutes, it locks and asks for the password again, so pupils’ information is not left on an unattended screen. Nothing typed is lost. Between 1 and 60; 5 suits most offices.',
    },
  },
} as const;
