/**
 * en-GB strings for input the database could not store exactly (shared/storable.ts): refused by the dispatcher for
 * every transport, naming the field.
 */
export const integrity = {
  integrity: {
    illFormed:
      'This contains a broken character ({{codePoint}}: half of a pair that together make one character), so it cannot be stored as it is. Type the text again, or copy it again from where it came from.',
    illFormedKey:
      'A field name here contains a broken character ({{codePoint}}: half of a pair that together make one character), so it cannot be stored. Send the form again from SENCo Desk.',
    control:
      'This contains a control character ({{codePoint}}) that is not part of any text, so it cannot be stored. Remove it (it often comes from copying out of another program) and try again.',
    controlKey:
      'A field name here contains a control character ({{codePoint}}), so it cannot be stored. Send the form again from SENCo Desk.',
    tooDeep:
      'The request is nested more than {{max}} levels deep, deeper than any SENCo Desk form, so it was not read. Send the form again from SENCo Desk.',
    packageNotBase64: 'This is not a package file as SENCo Desk sends it (standard base64). Choose the package file again.',
    packageTooLarge: 'This package is larger than SENCo Desk takes ({{max}} MB). Ask the sender to split the export into smaller packages.',
    importColumns:
      'A row has more than {{max}} columns. Export only the columns SENCo Desk reads (UPN, names, date of birth, year, class, SEN status and needs).',
    importText: 'The import holds more than {{max}} characters in all. Split the file into smaller ones and import each.',
    packageText:
      'This package holds text that is not valid (a broken character), so it cannot be imported as it is. Ask the sender to export it again with the latest SENCo Desk.',
    badOperation:
      'The operation name contains a character that is not valid text ({{codePoint}}), so the request was not read. The app may need updating.',
  },
} as const;
