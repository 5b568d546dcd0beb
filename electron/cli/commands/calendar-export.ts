/**
 * `senco-desk calendar export --out FILE.ics [--practitioner NAME]`: a practitioner's therapy sessions (or every
 * practitioner's, in one calendar) as an iCalendar file that Outlook, Google Calendar and Apple Calendar import,
 * through `sessions.ics` (the file the app exports: pupils named by their initials only, and an audited read).
 *
 * `sessions.ics` is asked for a month at a time (and a shorter span when a month holds as many sessions as one call
 * returns), and the events of every call and practitioner are merged into one VCALENDAR, each session once (a
 * session with two practitioners is in both their calendars). Written atomically; never over a file without --force.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseAnyDate, todayIso } from '../../../shared/dates';
import type { UserSummary } from '../../../shared/contract';
import { defaultDataDir } from '../../core/data-dir';
import { openSetUpCore, withCore } from '../data';
import { checkOutputPath, writeFileAtomic } from '../files';
import { CliError, EXIT, emit, type CliIo } from '../io';
import { asCaller, type CliCaller, credentialsHelp } from '../session';
import { t } from '../../../shared/i18n';
import { addDays, daysBetween } from '../../../shared/date-only';

export interface CalendarExportOptions {
  readonly data: string;
  readonly out: string;
  readonly practitioner?: string;
  readonly from?: string;
  readonly to?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

const PRACTITIONER_ROLES: readonly string[] = ['senco', 'therapy_lead', 'therapist'];
/** At most this many sessions come back from one `sessions.ics` call (the LIMIT in listSessions): a span that hits it is split. */
export const ICS_CALL_LIMIT = 2000;

export function parseDateOption(v: string): string {
  const iso = parseAnyDate(v.trim());
  if (!iso) throw new InvalidArgumentError('Give a date as yyyy-mm-dd or dd/mm/yyyy.');
  return iso;
}

/** The academic year (1 September to 31 August) that `today` falls in. */
export function academicYearOf(today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 9 ? y : y - 1;
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

/** Calendar months from `from` to `to` (the first and last cut to the range). */
function months(from: string, to: string): [string, string][] {
  const out: [string, string][] = [];
  for (let start = from; start <= to;) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const end = addDays(next, -1) < to ? addDays(next, -1) : to;
    out.push([start, end]);
    start = next;
  }
  return out;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
const ROLE_LABEL: Readonly<Record<string, string>> = { senco: 'SENCo', therapy_lead: 'therapy lead', therapist: 'therapist' };
const describe = (u: UserSummary) => `${u.displayName} (${u.username}, ${ROLE_LABEL[u.role] ?? u.role}${u.active ? '' : ', inactive'})`;

/** The practitioner a name means: display name or username, any case; else the one whose name contains it. */
export function matchPractitioner(name: string, practitioners: readonly UserSummary[]): UserSummary {
  const want = norm(name);
  const listing = () => practitioners.map((u) => `  ${describe(u)}`).join('\n');
  if (!want) throw new CliError(`--practitioner needs a name or username. The practitioners are:\n${listing()}`);
  const exact = practitioners.filter((u) => norm(u.displayName) === want || norm(u.username) === want);
  const found = exact.length ? exact : practitioners.filter((u) => norm(u.displayName).includes(want) || norm(u.username).includes(want));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new CliError(
      practitioners.length
        ? `No practitioner is called "${name}". The practitioners (SENCo, therapy lead and therapists) are:\n${listing()}`
        : `No practitioner is called "${name}": this school has no SENCo, therapy lead or therapist users.`,
      EXIT.usage,
      'not_found',
    );
  }
  throw new CliError(
    `"${name}" matches ${found.length} practitioners; give the username:\n${found.map((u) => `  ${describe(u)}`).join('\n')}`,
    EXIT.usage,
    'ambiguous',
  );
}

/** The lines of an iCalendar text, with folded lines kept with the line they continue. */
function contentLines(ics: string): string[] {
  const out: string[] = [];
  for (const line of ics.split(/\r?\n/)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length) out[out.length - 1] += `\r\n${line}`;
    else if (line) out.push(line);
  }
  return out;
}

/** The VEVENT blocks of a VCALENDAR (each as its CRLF-joined lines), with their UID and DTSTART. */
export function vevents(ics: string): { uid: string; start: string; text: string }[] {
  const out: { uid: string; start: string; text: string }[] = [];
  let block: string[] | null = null;
  for (const line of contentLines(ics)) {
    if (line === 'BEGIN:VEVENT') block = [line];
    else if (block) {
      block.push(line);
      if (line === 'END:VEVENT') {
        const unfolded = block.map((l) => l.replace(/\r\n[ \t]/g, ''));
        const uid = unfolded.find((l) => l.startsWith('UID:'))?.slice(4) ?? '';
        const start = unfolded.find((l) => l.startsWith('DTSTART'))?.replace(/^[^:]*:/, '') ?? '';
        out.push({ uid, start, text: block.join('\r\n') });
        block = null;
      }
    }
  }
  return out;
}

/** RFC 5545 TEXT: backslash, semicolon and comma escaped. */
const icsText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** A long line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function mergeCalendars(name: string, events: readonly { uid: string; start: string; text: string }[]): string {
  const seen = new Set<string>();
  const unique = events.filter((e) => (seen.has(e.uid) ? false : (seen.add(e.uid), true)));
  unique.sort((a, b) => a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid));
  const head = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'PRODID:senco-desk',
    'METHOD:PUBLISH',
    fold(`X-WR-CALNAME:${icsText(name)}`),
  ];
  return [...head, ...unique.map((e) => e.text), 'END:VCALENDAR', ''].join('\r\n');
}

type Fetch = (from: string, to: string) => Promise<{ readonly ics: string; readonly events: number }>;

/**
 * Every event from `from` to `to`, asked for a month at a time; a span that returns `limit` events (as many as one
 * call gives, so perhaps not all) is asked for again as two halves.
 */
export async function collectEvents(
  fetch: Fetch,
  from: string,
  to: string,
  limit = ICS_CALL_LIMIT,
): Promise<{ uid: string; start: string; text: string }[]> {
  const out: { uid: string; start: string; text: string }[] = [];
  const pending = months(from, to);
  while (pending.length) {
    const [a, b] = pending.shift()!;
    const r = await fetch(a, b);
    if (r.events >= limit) {
      const days = daysBetween(a, b);
      if (days === 0)
        throw new CliError(
          `More than ${limit.toLocaleString('en-GB')} sessions on ${a} for one practitioner: cannot export that day.`,
          EXIT.refused,
          'too_many',
        );
      const mid = addDays(a, Math.floor(days / 2));
      pending.unshift([a, mid], [addDays(mid, 1), b]);
      continue;
    }
    out.push(...vevents(r.ics));
  }
  return out;
}

function practitionerEvents(caller: CliCaller, practitionerId: string, from: string, to: string) {
  return collectEvents(
    async (a, b) => {
      const r = await caller.invoke('sessions.ics', { practitionerId, from: a, to: b });
      if (!r.ok) throw new CliError(r.error.message, r.error.code === 'invalid_input' ? EXIT.usage : EXIT.refused, r.error.code);
      return r.value;
    },
    from,
    to,
  );
}

export async function calendarExportCommand(opts: CalendarExportOptions, io: CliIo): Promise<number> {
  if (!opts.out.trim()) throw new CliError('--out needs a file name, such as sessions.ics.');
  const year = academicYearOf(todayIso());
  const from = opts.from ?? year.from;
  const to = opts.to ?? year.to;
  if (to < from) throw new CliError(`--to (${to}) is before --from (${from}).`);
  checkOutputPath(opts.out, opts.force === true);
  return withCore(openSetUpCore(opts.data, io), (core) =>
    asCaller(core, io, { command: 'calendar export', why: "exports pupils' therapy sessions" }, async (caller) => {
      const users = await caller.invoke('users.list', {});
      const me = caller.user;
      let chosen: UserSummary[];
      if (!users.ok && users.error.code === 'forbidden' && me && PRACTITIONER_ROLES.includes(me.role)) {
        // A therapist sees no staff list, and may export only their own calendar (sessions.ics refuses another's).
        const want = opts.practitioner === undefined ? null : norm(opts.practitioner);
        if (want !== null && want !== norm(me.displayName) && want !== norm(me.username)) {
          throw new CliError(
            `Signed in as ${describe(me)}, you can export only your own sessions' calendar: leave out --practitioner (or give your own name), or ask the therapy lead for a colleague's.`,
            EXIT.refused,
            'forbidden',
          );
        }
        chosen = [me];
      } else {
        if (!users.ok) throw new CliError(users.error.message, EXIT.refused, users.error.code);
        const practitioners = users.value
          .filter((u) => PRACTITIONER_ROLES.includes(u.role))
          .slice()
          .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.username.localeCompare(b.username));
        chosen = opts.practitioner !== undefined ? [matchPractitioner(opts.practitioner, practitioners)] : practitioners;
      }
      const events: { uid: string; start: string; text: string }[] = [];
      const per: { username: string; name: string; events: number }[] = [];
      for (const u of chosen) {
        const mine = await practitionerEvents(caller, u.id, from, to);
        per.push({ username: u.username, name: u.displayName, events: mine.length });
        events.push(...mine);
      }
      const calendarName =
        chosen.length === 1 ? `SENCo Desk sessions: ${chosen[0]!.displayName}` : 'SENCo Desk sessions: all practitioners';
      const ics = mergeCalendars(calendarName, events);
      const total = new Set(events.map((e) => e.uid)).size;
      writeFileAtomic(opts.out, ics, opts.force === true);
      emit(io, opts.json, { ok: true, file: opts.out, from, to, events: total, practitioners: per }, () => {
        const who =
          chosen.length === 1
            ? `${chosen[0]!.displayName} (${chosen[0]!.username})`
            : t('cli.counted.practitioner', { count: chosen.length });
        return `Wrote ${t('cli.counted.session', { count: total })} from ${from} to ${to} for ${who} to ${opts.out} (pupils by initials only).\n`;
      });
      return EXIT.ok;
    }),
  );
}

export function registerCalendarExport(calendar: Command, io: CliIo, run: (p: Promise<number>) => Promise<void>): void {
  calendar
    .command('export')
    .description("Write therapy sessions to an iCalendar (.ics) file for Outlook and other calendars: one practitioner's, or everyone's.")
    .requiredOption('--out <file>', 'the .ics file to write (refused if it exists, unless --force)')
    .option(
      '--practitioner <name>',
      "only this practitioner's sessions: display name or username, any case (default: every practitioner's)",
    )
    .addOption(
      new Option('--from <date>', 'first day (yyyy-mm-dd or dd/mm/yyyy; default: 1 September of the current academic year)').argParser(
        parseDateOption,
      ),
    )
    .addOption(new Option('--to <date>', 'last day (default: 31 August of the current academic year)').argParser(parseDateOption))
    .option('--force', 'replace the file if it exists')
    .option('--data <dir>', 'data folder', defaultDataDir(io.env))
    .option('--json', 'print {ok, file, from, to, events, practitioners} as JSON')
    .addHelpText(
      'after',
      '\nPractitioners are the SENCo, therapy lead and therapist users. A name matches a display name or username in any\n' +
        'case, or else the only one containing it; when none or several match, the practitioners are listed.\n' +
        'Each session is one event (title, time, length, room) naming its pupils by their initials only (data minimisation,\n' +
        "UK GDPR Article 5(1)(c)); times are local school times. Without --practitioner every practitioner's sessions go\n" +
        'into one calendar, each session once. Importing the file again updates the same events (they keep their UIDs).\n' +
        'The file is written to a temporary file in the same folder and renamed when complete; it is readable by your\n' +
        'account only.\n\n' +
        'Exit status: 0 written; 1 not set up or could not write; 2 usage error (a bad date, no practitioner or several\n' +
        'by that name), or the file exists (without --force).\n',
    )
    .addHelpText('after', credentialsHelp('user'))
    .action((opts: CalendarExportOptions) => run(calendarExportCommand(opts, io)));
}
