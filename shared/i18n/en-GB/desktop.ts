/**
 * en-GB strings for the desktop app's own parts (electron/shell): the application menu, the machine-wide policy
 * file a school's IT can set, and what the app says when something inside it stops unexpectedly.
 */
export const desktop = {
  desktop: {
    menu: {
      about: 'About {{name}}',
      quit: 'Quit {{name}}',
      hide: 'Hide {{name}}',
      hideOthers: 'Hide others',
      showAll: 'Show all',
      file: 'File',
      closeWindow: 'Close window',
      edit: 'Edit',
      undo: 'Undo',
      redo: 'Redo',
      cut: 'Cut',
      copy: 'Copy',
      paste: 'Paste',
      selectAll: 'Select all',
      view: 'View',
      actualSize: 'Actual size',
      zoomIn: 'Zoom in',
      zoomOut: 'Zoom out',
      fullScreen: 'Full screen',
      reload: 'Reload',
      devTools: 'Developer tools',
      window: 'Window',
      minimise: 'Minimise',
      zoom: 'Zoom',
      help: 'Help',
      lockNow: 'Lock now',
      privacyScreen: 'Privacy screen',
    },
    policy: {
      title: 'Set by your school’s IT',
      setByIt: 'Set by your school’s IT',
      intro:
        'Your school’s IT team has fixed these settings for everyone who uses SENCo Desk on this computer. To change one, ask your IT team.',
      dataFolder: 'Data folder',
      lockAfterMinutes: 'Longest time before the screen locks',
      lockAfterValue_one: '{{count}} minute',
      lockAfterValue_other: '{{count}} minutes',
      disableUpdates: 'Updates',
      updatesOff: 'Off: your IT team installs new versions',
      updatesOn: 'On',
      schoolServer: 'School server',
      schoolServerNote: 'This desk connects to it: see School server below.',
      schoolServerFingerprint: 'School server certificate fingerprint',
      lockCapHelp: 'Set by your school’s IT: at most {{max}} minutes.',
      lockTooLong: 'Your school’s IT allows at most {{max}} minutes without use before the screen locks. Enter a number from 1 to {{max}}.',
      problemsTitle: 'The policy file your school’s IT set has problems',
      problemsHelp: 'The settings below it that are correct still apply. Ask your IT team to fix the file.',
      problems: {
        notJson:
          'The policy file {{file}} is not valid JSON, so none of it was used. Check it with a JSON validator (a missing comma or quote is the usual cause).',
        notObject: 'The policy file {{file}} must hold one JSON object, starting with {; none of it was used.',
        unknownKey:
          'The policy file {{file}} has a setting SENCo Desk does not know, "{{key}}", which was ignored. The settings it can hold are: {{known}}.',
        dataFolder:
          'In the policy file {{file}}, "dataFolder" must be the full path of a folder, such as D:\\SENCo Desk data; it was ignored.',
        lockAfterMinutes:
          'In the policy file {{file}}, "lockAfterMinutes" must be a whole number of minutes from 1 to 60, without quotes; it was ignored.',
        disableUpdates: 'In the policy file {{file}}, "disableUpdates" must be true or false, without quotes; it was ignored.',
        schoolServer:
          'In the policy file {{file}}, "schoolServer" must be an https:// address such as https://senco.school.example:8443, with no user name or password and nothing after the port; it was ignored.',
        schoolServerFingerprint:
          'In the policy file {{file}}, "schoolServerFingerprint" must be the SHA-256 fingerprint of the school server’s certificate: 64 letters and digits (0–9, A–F), as the server printed it, colons allowed; it was ignored.',
        unreadable:
          'The policy file {{file}} could not be read ({{reason}}), so none of it was used. Check that every user of this computer can read it.',
        tooLarge: 'The policy file {{file}} is larger than {{max}} KB, which no SENCo Desk policy file is, so none of it was used.',
      },
    },
    crash: {
      title: 'SENCo Desk',
      ok: 'OK',
      unexpected:
        'Something went wrong inside SENCo Desk. Everything you had saved is safe, and you can carry on. If this keeps happening, restart SENCo Desk and tell your IT team; the details are in the log file:\n{{logFile}}',
      restarting:
        'Something keeps going wrong inside SENCo Desk, so it will restart now. Everything you had saved is safe. If this keeps happening, tell your IT team; the details are in the log file:\n{{logFile}}',
      windowGone:
        'The SENCo Desk window stopped unexpectedly and has been reloaded. Everything you had saved is safe. Forms you had not saved come back as drafts; check the last few words you typed.',
      windowGoneRepeatedly:
        'The SENCo Desk window keeps stopping, so SENCo Desk will close. Everything you had saved is safe. Start it again; if this keeps happening, tell your IT team; the details are in the log file:\n{{logFile}}',
      coreGone:
        'The part of SENCo Desk that keeps the records stopped unexpectedly and has been restarted. Everything you had saved is safe. You may need to sign in again; forms you had not saved are still on screen, so save them again.',
      coreGoneRepeatedly:
        'The part of SENCo Desk that keeps the records keeps stopping, so SENCo Desk will close. Everything you had saved is safe. Start it again; if this keeps happening, tell your IT team; the details are in the log file:\n{{logFile}}',
    },
  },
} as const;
